#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "gate/gate.h"
#include "runreport.h"

#include <QDateTime>
#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

class DatabaseConnection;

// What an app does at boot: take the lock, create or upgrade the ledger table,
// ask the gate, and on a go apply each pending migration in its own transaction
// together with its ledger row. On refuse nothing is applied, not even the ledger
// upgrade. Idempotent: a second run applies nothing.
//
// Runs synchronously on the calling thread with the connection it is given (which
// must be ReadWrite); the GUI calls it from a worker thread with its own connection.
class MigrationRunner
{
public:
    struct Options
    {
        QString ledgerTable = QStringLiteral("_migrations");
        QString buildVersion; // recorded as applied_by; empty records NULL
        GateOptions gate;
        // What applied_at records; empty means QDateTime::currentDateTimeUtc(). The demo
        // database sets it to give its ledger the dates of a real history.
        std::function<QDateTime()> clock;
    };

    // Called before each migration is applied: (migrations done, migrations to do, the next one).
    using Progress = std::function<void(int done, int total, const Migration& next)>;

    MigrationRunner(DatabaseConnection& connection, Options options);

    void setProgress(Progress progress)
    {
        m_progress = std::move(progress);
    }
    // Checked between migrations: a migration once started runs to its end.
    void setCancelFlag(const std::atomic_bool* cancel)
    {
        m_cancel = cancel;
    }

    // An Error only when the run could not start or the ledger could not be written;
    // a refused gate or a failing migration is a RunReport saying so.
    Result<RunReport> run(const Catalog& catalog);

private:
    Result<GateDecision> evaluateUnderLock(const Catalog& catalog);
    // Applies one migration; false with report.failure set when its SQL failed.
    Result<bool> apply(const Migration& migration, RunReport& report);
    Result<bool> applyInTransaction(const Migration& migration, RunReport& report);
    Result<bool> applyWithoutTransaction(const Migration& migration, RunReport& report);
    // Runs the migration's statements; nullopt on success, else the failure.
    std::optional<RunReport::Failure> execute(const Migration& migration);
    Result<void> record(const Migration& migration, qint64 durationMs);

    DatabaseConnection& m_connection;
    Options m_options;
    Progress m_progress;
    const std::atomic_bool* m_cancel = nullptr;
};

} // namespace backstep
