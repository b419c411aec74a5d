#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "downpath.h"
#include "gate/gatedecision.h"

#include <QString>

#include <atomic>

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

    // Runs the steps in order, each in a scope kept on success, and stops at the first
    // failure (later steps are skipped). When a step has no down SQL nothing runs and
    // every step says why. Returns whether every step ran and succeeded.
    static Result<bool> run(RehearsalWorkspace& workspace, QVector<DownPathStep>& steps, const Catalog& newest,
                            const QString& ledgerTable, const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
