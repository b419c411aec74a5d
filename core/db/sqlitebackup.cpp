#include "sqlitebackup.h"

#include "filedigest.h"
#include "sharedfiledescriptor.h"
#include "sqlitehandle.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sqlite3.h>

#include <future>

namespace backstep {

namespace {

// Pages per backup step: large enough that the per-step overhead vanishes, small
// enough that progress and cancel answer within a fraction of a second.
constexpr int pagesPerStep = 16384;
constexpr qint64 progressUnit = 4096;

Error backupError(const QString& destination, const QString& why)
{
    return makeError(Error::Code::Connection, QStringLiteral("cannot copy the database to %1: %2").arg(destination, why));
}

// Closes the destination handle however copy() returns.
struct Destination
{
    sqlite3* db = nullptr;
    ~Destination()
    {
        sqlite3_close_v2(db);
    }
};

// A read transaction on the source, ended however copy() returns.
struct ReadTransaction
{
    sqlite3* db = nullptr;
    bool open = false;
    explicit ReadTransaction(sqlite3* handle)
        : db(handle)
    {
        // BEGIN alone takes no lock; the first read takes SHARED and keeps it until COMMIT.
        open = sqlite3_get_autocommit(db) && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (open && sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            open = false;
        }
    }
    ~ReadTransaction()
    {
        if (open)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
};

enum class Journal { Rollback, Wal, Unknown };

// The header's file format write and read versions (bytes 18 and 19): 1 for a
// rollback journal, 2 for WAL. Read inside the read transaction, so it cannot change
// under the copy (switching the journal mode writes the header, which needs a lock
// that excludes readers). Read through the caller's descriptor: see FileDigest.
// The database file, read through the descriptor SharedFileDescriptor keeps for it.
struct DatabaseFile
{
    int descriptor;
    QString path;
};

Journal journalOf(const DatabaseFile& file)
{
    char header[100];
    if (::pread(file.descriptor, header, sizeof header, 0) != qint64(sizeof header)
        || std::memcmp(header, "SQLite format 3", 16) != 0 || header[18] != header[19])
        return Journal::Unknown;
    return header[18] == 1 ? Journal::Rollback : header[18] == 2 ? Journal::Wal : Journal::Unknown;
}

// Whether the descriptor kept for the path is the file the connection has open: a
// rename between the two opens would have the copy read a file the read lock does
// not cover. SQLite says whether its own file is still the one at its path.
bool sameFileAsSqlite(sqlite3* db, const DatabaseFile& file)
{
    int moved = 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || moved)
        return false;
    struct stat held {};
    struct stat atPath {};
    return ::fstat(file.descriptor, &held) == 0
        && ::stat(QFile::encodeName(file.path).constData(), &atPath) == 0 && held.st_dev == atPath.st_dev
        && held.st_ino == atPath.st_ino;
}

// What tells whether a file was written or replaced meanwhile.
struct FileStamp
{
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    timespec modified {};
    timespec changed {};

    static FileStamp of(const struct stat& status)
    {
        return { status.st_dev, status.st_ino, status.st_size, status.st_mtim, status.st_ctim };
    }
    bool operator==(const FileStamp& other) const
    {
        return device == other.device && inode == other.inode && size == other.size
            && modified.tv_sec == other.modified.tv_sec && modified.tv_nsec == other.modified.tv_nsec
            && changed.tv_sec == other.changed.tv_sec && changed.tv_nsec == other.changed.tv_nsec;
    }
};

// An idle WAL database is opened immutable (see DatabaseConnection): no locks, so
// nothing stops an app from opening it during the copy. The copy is trusted only
// if the file was not touched or replaced meanwhile and no -wal or -shm appeared.
bool untouchedSince(const DatabaseFile& file, const FileStamp& before)
{
    struct stat status {};
    const QString& path = file.path;
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 && FileStamp::of(status) == before
        && !QFile::exists(path + QStringLiteral("-wal")) && !QFile::exists(path + QStringLiteral("-shm"));
}

// The file's bytes, and for WAL its -wal file's after them, copied inside the read
// transaction (see the header for why that is consistent). Returns the digest of the
// database file's bytes as copied.
Result<QByteArray> byteCopy(const DatabaseFile& file, const QString& destination, Journal journal, bool immutable,
                            const SqliteBackup::Progress& progress, const std::atomic_bool* cancel)
{
    struct stat status {};
    if (::fstat(file.descriptor, &status) != 0)
        return backupError(destination, QString::fromLocal8Bit(strerror(errno)));
    const FileStamp before = FileStamp::of(status);
    // The -wal has no locks of SQLite's, so it may be opened and closed freely.
    const QString wal = file.path + QStringLiteral("-wal");
    const bool withWal = journal == Journal::Wal && !immutable && QFile::exists(wal);
    const qint64 total = before.size + (withWal ? QFileInfo(wal).size() : 0);
    const auto bytes = [&progress, total](qint64 base) {
        return [&progress, total, base](qint64 done, qint64) {
            if (progress)
                progress(int((base + done) / progressUnit), int((total + progressUnit - 1) / progressUnit));
        };
    };
    auto digest = FileDigest::copy(file.descriptor, file.path, before.size, destination, bytes(0), cancel);
    if (digest && withWal) {
        if (auto walCopied = FileDigest::copy(wal, destination + QStringLiteral("-wal"), bytes(before.size), cancel);
            !walCopied) {
            QFile::remove(destination);
            digest = walCopied.error();
        }
    }
    if (digest && immutable && !untouchedSince(file, before)) {
        QFile::remove(destination);
        digest = makeError(Error::Code::Connection,
                           QStringLiteral("another process opened %1 while it was being copied; run the rehearsal again")
                               .arg(file.path));
    }
    if (!digest) {
        if (digest.error().code == Error::Code::Cancelled)
            return makeError(Error::Code::Cancelled, QStringLiteral("copying the database was cancelled"));
        return backupError(destination, digest.error().message);
    }
    return digest;
}

// `file` is the database file opened by the caller (nullptr for an in-memory
// database): its "before" digest is taken on another thread while the backup reads.
Result<SqliteBackup::Copied> backupApiCopy(sqlite3* from, const DatabaseFile* file, const QString& destination,
                                           const SqliteBackup::Progress& progress, const std::atomic_bool* cancel)
{
    std::future<Result<QByteArray>> digest;
    if (file) {
        struct stat status {};
        const qint64 length = ::fstat(file->descriptor, &status) == 0 ? qint64(status.st_size) : 0;
        digest = std::async(std::launch::async, [source = *file, length, cancel] {
            return FileDigest::of(source.descriptor, source.path, length, cancel);
        });
    }

    Destination to;
    const QByteArray destinationPath = destination.toUtf8();
    if (sqlite3_open_v2(destinationPath.constData(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK)
        return backupError(destination, QString::fromUtf8(sqlite3_errmsg(to.db)));
    sqlite3_exec(to.db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536", nullptr,
                 nullptr, nullptr);

    sqlite3_backup* backup = sqlite3_backup_init(to.db, "main", from, "main");
    if (!backup)
        return backupError(destination, QString::fromUtf8(sqlite3_errmsg(to.db)));
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (cancel && cancel->load()) {
            sqlite3_backup_finish(backup);
            return makeError(Error::Code::Cancelled, QStringLiteral("copying the database was cancelled"));
        }
        rc = sqlite3_backup_step(backup, pagesPerStep);
        if (progress)
            progress(sqlite3_backup_pagecount(backup) - sqlite3_backup_remaining(backup),
                     sqlite3_backup_pagecount(backup));
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return backupError(destination, QString::fromUtf8(sqlite3_errstr(rc)));
    SqliteBackup::Copied copied;
    copied.method = SqliteBackup::Copied::Method::BackupApi;
    if (digest.valid()) {
        auto hashed = digest.get();
        if (!hashed)
            return hashed.error();
        copied.sourceDigest = hashed.value();
    }
    return copied;
}

} // namespace

Result<SqliteBackup::Copied> SqliteBackup::copy(DatabaseConnection& source, const QString& destination,
                                                const Progress& progress, const std::atomic_bool* cancel)
{
    sqlite3* from = SqliteHandle::of(source);
    if (!from)
        return backupError(destination, QStringLiteral("the Qt SQLite driver gives no sqlite3 handle"));
    for (const QString& target : { destination, QString(destination + QStringLiteral("-wal")) }) {
        if (QFile::exists(target))
            return backupError(target, QStringLiteral("the file already exists"));
    }
    const char* name = sqlite3_db_filename(from, "main");
    const QString path = name ? QString::fromUtf8(name) : QString(); // empty for an in-memory database
    if (path.isEmpty())
        return backupApiCopy(from, nullptr, destination, progress, cancel);

    // Read through the descriptor kept for the file: closing a descriptor of its own
    // would drop the read transaction's lock (see SharedFileDescriptor).
    const auto descriptor = SharedFileDescriptor::of(path);
    if (!descriptor)
        return backupError(destination, descriptor.error().message);
    const DatabaseFile file { descriptor.value(), path };
    const ReadTransaction reading(from);
    if (reading.open && !sameFileAsSqlite(from, file))
        return backupError(destination, QStringLiteral("%1 was replaced while it was being opened; try again").arg(path));
    const Journal journal = reading.open ? journalOf(file) : Journal::Unknown;
    if (journal == Journal::Unknown)
        return backupApiCopy(from, &file, destination, progress, cancel);
    const bool immutable = sqlite3_uri_boolean(name, "immutable", 0);
    auto digest = byteCopy(file, destination, journal, immutable, progress, cancel);
    if (!digest)
        return digest.error();
    return Copied { journal == Journal::Wal ? Copied::Method::WalByteCopy : Copied::Method::LockedByteCopy,
                    digest.value() };
}

} // namespace backstep
