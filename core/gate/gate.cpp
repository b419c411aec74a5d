#include "gate.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

    using Blocking = GateDecision::Blocking;
    using Drift = GateDecision::Drift;

    // Callers hand over the catalog and the ledger in whatever order they read them;
    // every list in the decision is ascending by id, so sort once up front.
    template <typename T> QVector<T> sortedById(QVector<T> items)
    {
        std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id < b.id; });
        return items;
    }

    QString label(qint64 id, const QString& name)
    {
        return u'#' + QString::number(id) + u' ' + name;
    }

    QHash<qint64, const Migration*> indexById(const Migrations& migrations)
    {
        QHash<qint64, const Migration*> index;
        index.reserve(migrations.size());
        for (const Migration& migration : migrations)
            index.insert(migration.id, &migration);
        return index;
    }

    QSet<qint64> idsOf(const LedgerRows& rows)
    {
        QSet<qint64> ids;
        ids.reserve(rows.size());
        for (const LedgerRow& row : rows)
            ids.insert(row.id);
        return ids;
    }

    // Rule 1: the build applies these at boot.
    QVector<qint64> pendingIds(const Migrations& known, const QSet<qint64>& applied)
    {
        QVector<qint64> pending;
        for (const Migration& migration : known) {
            if (!applied.contains(migration.id))
                pending.append(migration.id);
        }
        return pending;
    }

    // Pending ids below the head run after later ones already did: allowed, but the
    // person should know their order differs from the catalog's.
    QVector<qint64> outOfOrder(const QVector<qint64>& pending, std::optional<qint64> head)
    {
        QVector<qint64> below;
        if (!head)
            return below;
        std::copy_if(
            pending.cbegin(), pending.cend(), std::back_inserter(below), [&](qint64 id) { return id < *head; });
        return below;
    }

    // Rule 2: keyed on id alone, so rows in a gap below the build's highest id count too.
    LedgerRows newerRows(const LedgerRows& rows, const QHash<qint64, const Migration*>& known)
    {
        LedgerRows newer;
        for (const LedgerRow& row : rows) {
            if (!known.contains(row.id))
                newer.append(row);
        }
        return newer;
    }

    // Rule 5. A legacy row has no checksum: absence of a record is not a difference.
    // Hex digits are compared without case because another runner may have written
    // them in upper case; the value is the same.
    QVector<Drift> driftOf(const LedgerRows& rows, const QHash<qint64, const Migration*>& known)
    {
        QVector<Drift> drift;
        for (const LedgerRow& row : rows) {
            const Migration* migration = known.value(row.id);
            if (!migration)
                continue;
            if (!row.checksum.isEmpty() && row.checksum.compare(migration->checksum, Qt::CaseInsensitive) != 0)
                drift.append({ row.id, Drift::Kind::Checksum, migration->checksum, row.checksum });
            if (row.name != migration->name)
                drift.append({ row.id, Drift::Kind::Name, migration->name, row.name });
        }
        return drift;
    }

    Blocking flagFalse(const LedgerRow& row)
    {
        return { row.id, row.name, Blocking::Reason::FlagFalse,
            label(row.id, row.name) + u" is recorded as not backward-compatible"_s };
    }

    Blocking flagUnknown(const LedgerRow& row)
    {
        return { row.id, row.name, Blocking::Reason::FlagUnknown,
            label(row.id, row.name)
                + u" has no recorded flag (applied by a runner that did not record one),"
                  u" and unknown is never treated as compatible"_s };
    }

    Blocking mislabelled(const LedgerRow& row, const QString& analysis)
    {
        QString explanation
            = label(row.id, row.name) + u" is recorded as backward-compatible but analysis finds it breaking"_s;
        if (!analysis.isEmpty())
            explanation += u": "_s + analysis;
        return { row.id, row.name, Blocking::Reason::Mislabelled, explanation };
    }

    // Rules 3, 4 and the mislabelled rule for one newer row; nullopt when it may be tolerated.
    // Analysis only ever withdraws trust from a recorded "compatible": a row recorded
    // breaking or with no flag already blocks for that reason.
    std::optional<Blocking> blockingForNewer(const LedgerRow& row, const GateOptions& options)
    {
        if (!row.backwardCompatible)
            return flagUnknown(row);
        if (!*row.backwardCompatible)
            return flagFalse(row);
        const auto analysed = options.analysedBreaking.constFind(row.id);
        if (analysed != options.analysedBreaking.cend())
            return mislabelled(row, analysed.value());
        return std::nullopt;
    }

    QString ledgerName(const LedgerRows& rows, qint64 id)
    {
        const auto row = std::find_if(rows.cbegin(), rows.cend(), [id](const LedgerRow& r) { return r.id == id; });
        return row == rows.cend() ? QString() : row->name;
    }

    // Newer rows and drifted rows have disjoint ids (unknown vs known to the build), so
    // merging and sorting by id keeps each row's entries together; a row drifting in
    // both checksum and name blocks twice, once per Drift entry, in the drift order.
    QVector<Blocking> blockingRows(
        const LedgerRows& rows, const LedgerRows& newer, const QVector<Drift>& drift, const GateOptions& options)
    {
        QVector<Blocking> blocking;
        for (const LedgerRow& row : newer) {
            if (const std::optional<Blocking> block = blockingForNewer(row, options))
                blocking.append(*block);
        }
        if (options.strict) {
            for (const Drift& entry : drift) {
                const QString name = ledgerName(rows, entry.id);
                blocking.append({ entry.id, name, Blocking::Reason::Drift, driftExplanation(entry, name) });
            }
        }
        return sortedById(blocking);
    }

    GateDecision::Outcome outcomeOf(const GateDecision& decision)
    {
        if (!decision.blocking.isEmpty())
            return GateDecision::Outcome::Refuse;
        if (!decision.newer.isEmpty())
            return GateDecision::Outcome::BootToleratingNewer;
        return GateDecision::Outcome::Boot;
    }

} // namespace

GateDecision evaluateGate(const Migrations& build, const LedgerRows& ledger, const GateOptions& options)
{
    const Migrations known = sortedById(build);
    const LedgerRows rows = sortedById(ledger);
    const QHash<qint64, const Migration*> knownById = indexById(known);

    GateDecision decision;
    if (!rows.isEmpty())
        decision.head = rows.last().id;
    if (!known.isEmpty())
        decision.buildMax = known.last().id;
    decision.pending = pendingIds(known, idsOf(rows));
    decision.outOfOrderPending = outOfOrder(decision.pending, decision.head);
    decision.newer = newerRows(rows, knownById);
    decision.drift = driftOf(rows, knownById);
    decision.blocking = blockingRows(rows, decision.newer, decision.drift, options);
    decision.outcome = outcomeOf(decision);
    return decision;
}

} // namespace backstep
