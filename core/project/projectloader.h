#pragma once

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

    static Result<ProjectSnapshot> load(const Request& request, const Progress& progress = {},
                                        const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
