#pragma once

#include "analysis/finding.h"
#include "analysis/verdict.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace backstep {

// One migration as the timeline shows it: a ledger row (applied) or a catalog
// migration the ledger lacks (pending), with what the catalog declares and what
// analysis found.
struct TimelineEntry
{
    enum class State {
        Applied, // in the ledger
        Pending, // in the catalog only
    };

    qint64 id = 0;
    QString name;
    State state = State::Applied;
    // Ledger (applied entries)
    QDateTime appliedAt; // invalid when unknown
    QString appliedBy;
    std::optional<qint64> durationMs;
    std::optional<bool> recordedCompatible; // the ledger's flag; nullopt = unknown
    // Catalog (when the catalog knows the id)
    bool inCatalog = false;
    bool declaredCompatible = false;
    QString file;
    QString upSql;
    QString downSql;
    bool drift = false; // the ledger's checksum or name differs from the catalog's
    // Analysis
    std::optional<Verdict> verdict;
    Findings findings;
    QString analysisProblem;
    // Analysis of this migration is on its way: the GUI shows the snapshot before it.
    bool analysisPending = false;

    // Recorded (or, pending, declared) compatible but analysed breaking.
    bool mislabelled() const
    {
        const bool claimsCompatible
            = state == State::Applied ? recordedCompatible.value_or(false) : declaredCompatible;
        return claimsCompatible && verdict == Verdict::Breaking;
    }

    friend bool operator==(const TimelineEntry& a, const TimelineEntry& b)
    {
        return a.id == b.id && a.name == b.name && a.state == b.state && a.appliedAt == b.appliedAt
            && a.appliedBy == b.appliedBy && a.durationMs == b.durationMs && a.recordedCompatible == b.recordedCompatible
            && a.inCatalog == b.inCatalog && a.declaredCompatible == b.declaredCompatible && a.file == b.file
            && a.upSql == b.upSql && a.downSql == b.downSql && a.drift == b.drift && a.verdict == b.verdict
            && a.findings == b.findings && a.analysisProblem == b.analysisProblem
            && a.analysisPending == b.analysisPending;
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::TimelineEntry)
