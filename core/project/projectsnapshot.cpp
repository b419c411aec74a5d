#include "projectsnapshot.h"

#include "gate/gate.h"

namespace backstep {

const TimelineEntry* ProjectSnapshot::entry(qint64 id) const
{
    for (const TimelineEntry& candidate : entries) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

GateDecision ProjectSnapshot::decisionFor(qint64 maxId, bool strict) const
{
    Migrations known;
    if (hasCatalog()) {
        for (const Migration& migration : catalog) {
            if (migration.id <= maxId)
                known.append(migration);
        }
    } else {
        // Without a catalog the build is "the ledger up to maxId": names from the
        // ledger, no checksums, so no drift.
        for (const LedgerRow& row : ledger) {
            if (row.id <= maxId)
                known.append(Migration { row.id, row.name, {}, {}, {}, {}, {}, {}, row.backwardCompatible.value_or(false), false, {} });
        }
    }
    GateOptions options;
    options.strict = strict;
    for (const TimelineEntry& candidate : entries) {
        if (candidate.verdict == Verdict::Breaking)
            options.analysedBreaking.insert(candidate.id, breakingReason(candidate.findings));
    }
    return evaluateGate(known, ledger, options);
}

} // namespace backstep
