#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "db/databaseuri.h"
#include "downpath.h"
#include "gate/gatedecision.h"

#include <QString>

#include <atomic>
#include <optional>

namespace backstep {

class RehearsalWorkspace;

// The down path of a refused build: which newer migrations must be reverted, and the
// run of their down SQL (each with the removal of its ledger row, as a revert does)
// in a rehearsal workspace.
class DownPathRunner
{
public:
    // Pure: the newer rows from the newest down to the oldest one that blocks the boot,
    // newest first, each with whether the newest catalog has down SQL for it. Drift
    // blocks are left out: no down SQL fixes an edited file. Empty when nothing blocks.
    static QVector<DownPathStep> plan(const GateDecision& decision, const Catalog& newest);

    struct Context
    {
        RehearsalWorkspace& workspace;
        const Catalog& newest;
        QString ledgerTable;
        // PostgreSQL: where a step that cannot run inside the workspace's transaction
        // (CREATE INDEX CONCURRENTLY) runs instead, on a scratch database holding the
        // schema of `applied`.
        std::optional<DatabaseUri> scratchServer;
        QVector<qint64> applied; // the ledger's ids, ascending
        const std::atomic_bool* cancel = nullptr;
    };

    // Runs the steps in order, each in a scope kept on success, and stops at the first
    // failure (later steps are skipped). When a step has no down SQL nothing runs and
    // every step says why. Returns whether every step ran and succeeded.
    //
    // Each step's down SQL is read by StatementGuard before any of it runs: a step that
    // reaches outside its database (escapes-sandbox), holds transaction control other
    // than a BEGIN first and COMMIT last around the whole file (transaction-control), or
    // holds SQL that cannot be read before it runs on a PostgreSQL database (a DO block
    // with dynamic EXECUTE) is refused and not run; the rest of the rehearsal goes on.
    // An Error when the transaction that keeps the database unchanged is no longer the
    // one the workspace opened: then nothing after may run.
    static Result<bool> run(const Context& context, QVector<DownPathStep>& steps);
};

} // namespace backstep
