#pragma once

#include "analysis/migrationanalysis.h"
#include "catalog/build.h"
#include "catalog/migration.h"
#include "common/dialect.h"
#include "gate/gatedecision.h"
#include "ledger/ledgerrow.h"
#include "timelineentry.h"

#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// Everything the GUI shows of one database, as plain values: the ledger, the catalog
// and builds that go with it, and what analysis found. Built off the GUI thread by
// ProjectLoader; the views only read it.
struct ProjectSnapshot
{
    QString database; // the redacted URI
    Dialect dialect = Dialect::Sqlite;
    QString ledgerTable;
    QString catalogDirectory; // empty without a catalog
    QString analysisNote;
    LedgerRows ledger; // ascending id
    Migrations catalog; // the whole catalog, ascending id; empty without one
    Builds builds; // from builds.json, ascending max id; may be empty
    QVector<TimelineEntry> entries; // applied (ledger order) then pending, ascending id

    bool hasCatalog() const
    {
        return !catalogDirectory.isEmpty();
    }
    std::optional<qint64> head() const
    {
        return ledger.isEmpty() ? std::nullopt : std::optional<qint64>(ledger.last().id);
    }
    const TimelineEntry* entry(qint64 id) const;
    // The position of id in entries, -1 when there is none.
    int indexOf(qint64 id) const;
    // Records what analysis found for one migration (it arrives after the snapshot in
    // the GUI); returns the updated entry, or nullptr when no entry has that id.
    const TimelineEntry* applyAnalysis(const MigrationAnalysis& analysis);
    // Analysis stopped (cancelled or failed): entries still waiting for it are not
    // going to get it. Returns the entries that changed.
    QVector<TimelineEntry> abandonPendingAnalysis();

    // The gate's decision for a build that knows the catalog's migrations up to maxId
    // (a real build from builds.json, or any point of the timeline), with analysis
    // blocking mislabelled rows. Without a catalog, the ledger's own ids stand in.
    GateDecision decisionFor(qint64 maxId, bool strict = false) const;
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::ProjectSnapshot)
