#pragma once

#include "common/result.h"
#include "rehearsalreport.h"
#include "rehearsalrequest.h"

#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

// A rehearsed rollback: runs DESIGN.md's "Rehearsal" for real against the database
// and leaves it as it was. In order: the inputs (catalog, builds file, URIs) are
// checked before the database is opened; the build's expected schema is replayed on a
// scratch database; the database is fingerprinted; a workspace is opened (SQLite: a
// backup copy; PostgreSQL: a transaction that is rolled back); the gate decides; the
// schema probe and read/write probe run (always when the build would boot, and with
// rehearseEvenIfRefused when it would not); a refused build gets its down path run
// and probed; the workspace is discarded and the fingerprint taken again.
//
// Runs synchronously on the calling thread with connections of its own: the GUI calls
// it from a worker thread (QtConcurrent::run) with a cancel flag, the CLI directly.
class Rehearsal
{
public:
    // (what is being done, steps done, steps in all); called on the calling thread, so a
    // GUI running the rehearsal on a worker forwards it to its window with a queued
    // signal or QMetaObject::invokeMethod. Setting *cancel makes run() return
    // Error::Code::Cancelled at the next table or step, after rolling back.
    using Progress = std::function<void(const QString& step, int done, int total)>;

    // An Error for bad input (Usage, Catalog, Uri: nothing was opened), an unreachable
    // database or scratch server (Connection), a build catalog that does not replay
    // (Migration), an unreadable ledger (Ledger), or cancel (Cancelled: the
    // workspace is discarded as on success). Everything the rehearsal finds is the
    // report, not an error.
    static Result<RehearsalReport> run(const RehearsalRequest& request, const Progress& progress = {},
                                       const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
