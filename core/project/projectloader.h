#pragma once

#include "analysis/migrationanalysis.h"
#include "catalog/catalog.h"
#include "common/result.h"
#include "projectsnapshot.h"

#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

// Reads what the GUI shows of a database into a ProjectSnapshot: the ledger
// (read-only), the catalog and builds.json when given, and the analysis of every
// migration. Runs synchronously on the calling thread with its own connection: the
// GUI calls it from a worker thread, the CLI and tests directly.
//
// load() does it all at once. The GUI does it in two steps so the ledger shows before
// analysis ends: read() the snapshot, then analyse() its catalog, applying each
// migration's result to the snapshot (ProjectSnapshot::applyAnalysis) as it arrives.
class ProjectLoader
{
public:
    struct Request
    {
        QString database; // URI
        QString migrations; // catalog folder; empty: the ledger alone
        QString builds; // builds.json; empty: no named builds
        QString ledgerTable = QStringLiteral("_migrations");
        QString scratch; // PostgreSQL server for replays; empty: statement rules only
        bool analyse = true;
    };
    // (what is being done, steps done, steps in all)
    using Progress = std::function<void(const QString& step, int done, int total)>;
    // One migration's analysis, on the thread that runs analyse().
    using Analysed = std::function<void(const MigrationAnalysis& analysis)>;

    static Result<ProjectSnapshot> load(const Request& request, const Progress& progress = {},
                                        const std::atomic_bool* cancel = nullptr);

    // The snapshot without analysis: every entry has no verdict yet, and the ones
    // analyse() will answer for are marked analysisPending.
    static Result<ProjectSnapshot> read(const Request& request, const Progress& progress = {},
                                        const std::atomic_bool* cancel = nullptr);
    // Whether analyse() has anything to do for a snapshot read with request.
    static bool needsAnalysis(const Request& request, const ProjectSnapshot& snapshot)
    {
        return request.analyse && snapshot.hasCatalog();
    }
    // The catalog of a snapshot, as the analyser takes it.
    static Catalog catalogOf(const ProjectSnapshot& snapshot)
    {
        return Catalog { snapshot.catalogDirectory, snapshot.dialect, snapshot.catalog };
    }
    // Analyses catalog, handing each migration to analysed as soon as it is known;
    // returns the analysis note (empty when there is nothing to say). An Error when it
    // cannot start (scratch server) or is cancelled (Error::Code::Cancelled).
    static Result<QString> analyse(const Request& request, const Catalog& catalog, const Analysed& analysed,
                                   const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
