#pragma once

#include "gate/gatedecision.h"

#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// What a migrate run did.
struct RunReport
{
    struct Applied
    {
        qint64 id = 0;
        QString name;
        qint64 durationMs = 0;

        friend bool operator==(const Applied& a, const Applied& b)
        {
            return a.id == b.id && a.name == b.name && a.durationMs == b.durationMs;
        }
    };

    // The statement that failed, and the database's own words. Its migration was
    // rolled back (or, for a no-transaction migration, not recorded) and the run stopped.
    struct Failure
    {
        qint64 id = 0;
        QString name;
        QString file;
        int statementNumber = 0;
        int line = 0;
        QString statement;
        QString databaseError;
        bool noTransaction = false; // then the statements before this one stay applied

        friend bool operator==(const Failure& a, const Failure& b)
        {
            return a.id == b.id && a.name == b.name && a.file == b.file && a.statementNumber == b.statementNumber
                && a.line == b.line && a.statement == b.statement && a.databaseError == b.databaseError
                && a.noTransaction == b.noTransaction;
        }
    };

    GateDecision decision; // evaluated under the lock before anything was applied
    QVector<Applied> applied; // in the order applied
    QVector<qint64> appliedByOthers; // pending ids another runner applied while this one waited
    std::optional<Failure> failure;
    bool cancelled = false; // stopped between migrations at the caller's request

    bool succeeded() const
    {
        return decision.mayBoot() && !failure && !cancelled;
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::RunReport)
