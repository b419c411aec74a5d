#pragma once

#include "common/result.h"

#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

class DatabaseConnection;

// Copies an open SQLite database into a new file with SQLite's online backup API: a
// consistent copy page by page, including what a WAL file holds, while other
// processes may keep using the source. The rehearsal works on such a copy and never
// on the live file. Thread affinity: the source connection's.
class SqliteBackup
{
public:
    // (pages copied, pages in all)
    using Progress = std::function<void(int done, int total)>;

    // `destination` must not exist yet. The copy is written without a journal and
    // without fsync: it is scratch, thrown away after the rehearsal.
    static Result<void> copy(DatabaseConnection& source, const QString& destination, const Progress& progress = {},
                             const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
