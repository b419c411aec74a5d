#include "projectsnapshot.h"

#include "gate/gate.h"

#include <algorithm>

namespace backstep {

const TimelineEntry* ProjectSnapshot::entry(qint64 id) const
{
    const int index = indexOf(id);
    return index >= 0 ? &entries.at(index) : nullptr;
}

int ProjectSnapshot::indexOf(qint64 id) const
{
    // Applied entries are ascending by id, and so are the pending ones after them.
    const auto begin = entries.cbegin();
    const auto firstPending = std::partition_point(begin, entries.cend(),
        [](const TimelineEntry& candidate) { return candidate.state == TimelineEntry::State::Applied; });
    for (const auto& [from, to] : { std::pair(begin, firstPending), std::pair(firstPending, entries.cend()) }) {
        const auto found = std::lower_bound(
            from, to, id, [](const TimelineEntry& candidate, qint64 value) { return candidate.id < value; });
        if (found != to && found->id == id)
            return int(found - begin);
    }
    // Entries put together by hand in another order still answer, only more slowly.
    const auto found = std::find_if(
        begin, entries.cend(), [id](const TimelineEntry& candidate) { return candidate.id == id; });
    return found != entries.cend() ? int(found - begin) : -1;
}

const TimelineEntry* ProjectSnapshot::applyAnalysis(const MigrationAnalysis& analysis)
{
    const int index = indexOf(analysis.id);
    if (index < 0)
        return nullptr;
    TimelineEntry& entry = entries[index];
    entry.verdict = analysis.verdict;
    entry.findings = analysis.findings;
    entry.analysisProblem = analysis.problem;
    entry.analysisPending = false;
    return &entry;
}

QVector<TimelineEntry> ProjectSnapshot::abandonPendingAnalysis()
{
    QVector<TimelineEntry> changed;
    // A const scan first: most calls find nothing, and entries must not detach for that.
    for (int index = 0; index < entries.size(); ++index) {
        if (!entries.at(index).analysisPending)
            continue;
        entries[index].analysisPending = false;
        changed.append(entries.at(index));
    }
    return changed;
}

namespace {

bool ascendingById(const LedgerRows& rows)
{
    return std::is_sorted(
        rows.cbegin(), rows.cend(), [](const LedgerRow& a, const LedgerRow& b) { return a.id < b.id; });
}

Migration asMigration(const LedgerRow& row)
{
    return Migration { row.id, row.name, {}, {}, {}, {}, {}, {}, row.backwardCompatible.value_or(false), false,
        row.checksum };
}

} // namespace

GateDecision ProjectSnapshot::decisionFor(qint64 maxId, bool strict) const
{
    GateOptions options;
    options.strict = strict;
    for (const TimelineEntry& candidate : entries) {
        if (candidate.verdict == Verdict::Breaking)
            options.analysedBreaking.insert(candidate.id, breakingReason(candidate.findings));
    }
    Migrations known;
    if (hasCatalog()) {
        for (const Migration& migration : catalog) {
            if (migration.id <= maxId)
                known.append(migration);
        }
        return evaluateGate(known, ledger, options);
    }
    // Without a catalog the build is "the ledger up to maxId", names and checksums taken
    // from the ledger itself. Those rows match themselves: they add nothing to newer,
    // drift or blocking, and leave nothing pending. So the gate gets only the last of them
    // (it still sets the build's highest id) and the rows after it, and decides exactly
    // as on the whole ledger, at the cost of the newer rows alone: the GUI asks for
    // several decisions at a time on ledgers of 100,000 rows.
    if (!ascendingById(ledger)) {
        for (const LedgerRow& row : ledger) {
            if (row.id <= maxId)
                known.append(asMigration(row));
        }
        return evaluateGate(known, ledger, options);
    }
    const auto newer = std::upper_bound(
        ledger.cbegin(), ledger.cend(), maxId, [](qint64 id, const LedgerRow& row) { return id < row.id; });
    const auto from = newer == ledger.cbegin() ? newer : newer - 1;
    if (from != newer)
        known.append(asMigration(*from));
    return evaluateGate(known, LedgerRows(from, ledger.cend()), options);
}

} // namespace backstep
