#include "projectloader.h"

#include "analysis/analyzer.h"
#include "catalog/buildsfile.h"
#include "catalog/catalogreader.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/ledgerstore.h"
#include "gate/gate.h"

#include <QHash>
#include <QSet>

#include <algorithm>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace backstep {

namespace {

Error cancelled()
{
    return makeError(Error::Code::Cancelled, QStringLiteral("loading cancelled"));
}

// Reading a large ledger leaves the thread's malloc arena full of freed query buffers
// and temporaries that glibc keeps for later; the GUI runs for hours and never needs
// them, so hand them back rather than carry them as resident memory.
void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

TimelineEntry appliedEntry(const LedgerRow& row)
{
    TimelineEntry entry;
    entry.id = row.id;
    entry.name = row.name;
    entry.state = TimelineEntry::State::Applied;
    entry.appliedAt = row.appliedAt;
    entry.appliedBy = row.appliedBy;
    entry.durationMs = row.durationMs;
    entry.recordedCompatible = row.backwardCompatible;
    return entry;
}

void addCatalog(TimelineEntry& entry, const Migration& migration)
{
    entry.inCatalog = true;
    entry.declaredCompatible = migration.backwardCompatible;
    entry.file = migration.upFile;
    entry.upSql = migration.upSql;
    entry.downSql = migration.downSql;
}

// analysisFollows: the catalog's migrations are marked as waiting for their analysis.
QVector<TimelineEntry> entriesOf(const ProjectSnapshot& snapshot, bool analysisFollows)
{
    QHash<qint64, const Migration*> catalog;
    for (const Migration& migration : snapshot.catalog)
        catalog.insert(migration.id, &migration);
    QSet<qint64> drifted;
    if (snapshot.hasCatalog()) {
        for (const GateDecision::Drift& drift : evaluateGate(snapshot.catalog, snapshot.ledger).drift)
            drifted.insert(drift.id);
    }
    QVector<TimelineEntry> entries;
    entries.reserve(snapshot.ledger.size() + snapshot.catalog.size());
    for (const LedgerRow& row : snapshot.ledger) {
        TimelineEntry entry = appliedEntry(row);
        if (const Migration* migration = catalog.value(row.id))
            addCatalog(entry, *migration);
        entry.drift = drifted.contains(row.id);
        entry.analysisPending = analysisFollows && entry.inCatalog;
        entries.append(std::move(entry));
    }
    // The ledger is ascending by id: a binary search finds what is applied without a
    // set of every id.
    const auto isApplied = [&ledger = snapshot.ledger](qint64 id) {
        const auto found = std::lower_bound(
            ledger.cbegin(), ledger.cend(), id, [](const LedgerRow& row, qint64 value) { return row.id < value; });
        return found != ledger.cend() && found->id == id;
    };
    for (const Migration& migration : snapshot.catalog) {
        if (isApplied(migration.id))
            continue;
        TimelineEntry entry;
        entry.id = migration.id;
        entry.name = migration.name;
        entry.state = TimelineEntry::State::Pending;
        addCatalog(entry, migration);
        entry.analysisPending = analysisFollows;
        entries.append(std::move(entry));
    }
    return entries;
}

} // namespace

Result<ProjectSnapshot> ProjectLoader::load(const Request& request, const Progress& progress,
                                            const std::atomic_bool* cancel)
{
    auto read = ProjectLoader::read(request, progress, cancel);
    if (!read)
        return read.error();
    ProjectSnapshot snapshot = std::move(read).value();
    if (progress)
        progress(QStringLiteral("Analysing the migrations"), 2, 4);
    if (needsAnalysis(request, snapshot)) {
        const auto apply = [&snapshot](const MigrationAnalysis& analysis) { snapshot.applyAnalysis(analysis); };
        auto note = analyse(request, catalogOf(snapshot), apply, cancel);
        if (!note)
            return note.error();
        snapshot.analysisNote = note.value();
    }
    if (progress)
        progress(QStringLiteral("Done"), 4, 4);
    return snapshot;
}

Result<ProjectSnapshot> ProjectLoader::read(const Request& request, const Progress& progress,
                                            const std::atomic_bool* cancel)
{
    const auto step = [&](const QString& what, int done) {
        if (progress)
            progress(what, done, 4);
        return !(cancel && cancel->load());
    };
    const auto uri = DatabaseUri::parse(request.database);
    if (!uri)
        return uri.error();

    ProjectSnapshot snapshot;
    snapshot.database = uri->redacted();
    snapshot.dialect = uri->dialect;
    snapshot.ledgerTable = request.ledgerTable;

    if (!step(QStringLiteral("Reading the catalog"), 0))
        return cancelled();
    if (!request.migrations.isEmpty()) {
        auto catalog = CatalogReader::read(request.migrations, uri->dialect);
        if (!catalog)
            return catalog.error();
        snapshot.catalogDirectory = catalog->directory;
        snapshot.catalog = catalog->migrations;
    }
    if (!request.builds.isEmpty()) {
        auto builds = BuildsFile::read(request.builds);
        if (!builds)
            return builds.error();
        snapshot.builds = builds.value();
    }

    if (!step(QStringLiteral("Reading the ledger"), 1))
        return cancelled();
    {
        auto connection = DatabaseConnection::open(uri.value(), DatabaseConnection::Access::ReadOnly);
        if (!connection)
            return connection.error();
        auto rows = LedgerStore(*connection.value(), request.ledgerTable).read();
        if (!rows)
            return rows.error();
        snapshot.ledger = rows.value();
    }
    if (cancel && cancel->load())
        return cancelled();
    snapshot.entries = entriesOf(snapshot, needsAnalysis(request, snapshot));
    releaseFreedMemory();
    return snapshot;
}

Result<QString> ProjectLoader::analyse(const Request& request, const Catalog& catalog, const Analysed& analysed,
                                       const std::atomic_bool* cancel)
{
    Analyzer::Options options;
    options.analysed = analysed;
    if (!request.scratch.isEmpty()) {
        auto server = DatabaseUri::parse(request.scratch);
        if (!server)
            return server.error();
        options.scratchServer = server.value();
    }
    auto analysis = Analyzer::analyse(catalog, options, {}, cancel);
    if (!analysis)
        return analysis.error();
    return analysis->note;
}

} // namespace backstep
