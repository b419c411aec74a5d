#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

class DatabaseConnection;

// Copies an open SQLite database into a new file, consistent while other processes
// may keep using the source, and hashes the source file's bytes on the way (the
// rehearsal's "before" fingerprint). The rehearsal works on such a copy and never on
// the live file. Two ways, chosen per database:
//
// - Rollback-journal database (the header's read/write versions are 1): the file's
//   bytes are copied and hashed in one pass while this connection holds a read
//   transaction (SHARED lock) on it. No other connection can write the file while
//   the lock is held (a writer needs EXCLUSIVE to touch it; a hot journal is rolled
//   back, or refused, before SHARED is granted), so the bytes are the committed
//   database exactly as the backup API would copy it, about as fast as `cp`. The
//   price: the app's writers wait for the copy (about as long as `cp` of the file).
// - WAL database, or when the read transaction cannot be taken: SQLite's online
//   backup API, page by page, including what the -wal file holds, with the source
//   file hashed on another thread meanwhile. Several times slower (SQLite writes
//   the copy a page per system call).
//
// Thread affinity: the source connection's.
class SqliteBackup
{
public:
    // (pages copied, pages in all); the raw copy counts 4 KiB as a page.
    using Progress = std::function<void(int done, int total)>;

    struct Copied
    {
        bool byteCopy = false; // the locked copy of the file's bytes, not the backup API
        QByteArray sourceDigest; // hex FileDigest of the source file (not its -wal) as copied
    };

    // `destination` must not exist yet. The copy is written without a journal and
    // without fsync: it is scratch, thrown away after the rehearsal.
    static Result<Copied> copy(DatabaseConnection& source, const QString& destination, const Progress& progress = {},
                               const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
