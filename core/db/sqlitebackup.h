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
// the live file. The file's bytes are copied as `cp` copies them (copy_file_range),
// while this connection holds a read transaction on the source, and read only
// through SharedFileDescriptor (closing a descriptor of its own would drop the
// transaction's lock):
//
// - Rollback-journal database (the header's read/write versions are 1): the read
//   transaction holds a SHARED lock, and no other connection can write the file
//   while it is held (a writer needs EXCLUSIVE to touch it; a hot journal is rolled
//   back, or refused, before SHARED is granted). So the bytes are the committed
//   database exactly as the backup API would copy it. The price: the app's writers
//   wait for the copy (about as long as `cp` of the file).
// - WAL database (versions 2): the database file, then the -wal file beside it
//   (never the -shm, which SQLite rebuilds from the -wal when the copy is opened).
//   Writers are not held up. While this reader holds its snapshot, SQLite neither
//   restarts the WAL nor checkpoints a frame past the snapshot into the database
//   file: the frames up to the snapshot stay in the -wal as they are, and every page
//   a checkpoint writes into the file meanwhile is also in those frames. Opening the
//   copy replays the -wal up to its last complete, checksummed commit (frames a
//   writer was still appending are dropped as after a crash), so the copy is the
//   database as of the snapshot or of a later commit: always a committed state.
// - Otherwise (no read transaction, an in-memory database, a header not recognised):
//   SQLite's online backup API, page by page, with the source file hashed on another
//   thread meanwhile. Several times slower: SQLite writes the copy a page per call.
//
// Thread affinity: the source connection's.
class SqliteBackup
{
public:
    // (pages copied, pages in all); the raw copy counts 4 KiB as a page.
    using Progress = std::function<void(int done, int total)>;

    struct Copied
    {
        enum class Method { LockedByteCopy, WalByteCopy, BackupApi };
        Method method = Method::BackupApi;
        QByteArray sourceDigest; // hex FileDigest of the source file (not its -wal) as copied
    };

    // `destination` must not exist yet. The copy is written without a journal and
    // without fsync: it is scratch, thrown away after the rehearsal.
    static Result<Copied> copy(DatabaseConnection& source, const QString& destination, const Progress& progress = {},
                               const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
