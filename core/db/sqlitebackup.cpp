#include "sqlitebackup.h"

#include "filedigest.h"
#include "sqlitehandle.h"

#include <QFile>
#include <QFileInfo>

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
// that excludes readers).
Journal journalOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Journal::Unknown;
    const QByteArray header = file.read(100);
    if (header.size() != 100 || !header.startsWith("SQLite format 3") || header.at(18) != header.at(19))
        return Journal::Unknown;
    return header.at(18) == 1 ? Journal::Rollback : header.at(18) == 2 ? Journal::Wal : Journal::Unknown;
}

// The file's bytes, and for WAL its -wal file's after them, copied inside the read
// transaction (see the header for why that is consistent). Returns the digest of the
// database file's bytes.
//
// An idle WAL database is opened immutable (see DatabaseConnection): no locks, no
// -wal. Its file alone is the database then, and if an app opens it during the copy
// (a -wal appears) the copy is refused rather than trusted.
Result<QByteArray> byteCopy(const QString& path, const QString& destination, Journal journal, bool immutable,
                            const SqliteBackup::Progress& progress, const std::atomic_bool* cancel)
{
    const QString wal = path + QStringLiteral("-wal");
    const QString destinationWal = destination + QStringLiteral("-wal");
    const bool withWal = journal == Journal::Wal && !immutable && QFile::exists(wal);
    const qint64 total = QFileInfo(path).size() + (withWal ? QFileInfo(wal).size() : 0);
    const auto bytes = [&progress, total](qint64 base) {
        return [&progress, total, base](qint64 done, qint64) {
            if (progress)
                progress(int((base + done) / progressUnit), int((total + progressUnit - 1) / progressUnit));
        };
    };
    auto digest = FileDigest::copy(path, destination, bytes(0), cancel);
    if (digest && withWal) {
        if (auto walCopied = FileDigest::copy(wal, destinationWal, bytes(QFileInfo(path).size()), cancel); !walCopied) {
            QFile::remove(destination);
            digest = walCopied.error();
        }
    }
    if (digest && immutable && QFile::exists(wal)) {
        QFile::remove(destination);
        digest = makeError(Error::Code::Connection,
                           QStringLiteral("another process opened %1 while it was being copied; run the rehearsal again")
                               .arg(path));
    }
    if (!digest) {
        if (digest.error().code == Error::Code::Cancelled)
            return makeError(Error::Code::Cancelled, QStringLiteral("copying the database was cancelled"));
        return backupError(destination, digest.error().message);
    }
    return digest;
}

Result<SqliteBackup::Copied> backupApiCopy(sqlite3* from, const QString& path, const QString& destination,
                                           const SqliteBackup::Progress& progress, const std::atomic_bool* cancel)
{
    // The "before" digest of the file, on another thread while the backup reads it too.
    std::future<Result<QByteArray>> digest;
    if (!path.isEmpty())
        digest = std::async(std::launch::async, [path, cancel] { return FileDigest::of(path, cancel); });

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
    if (QFile::exists(destination))
        return backupError(destination, QStringLiteral("the file already exists"));
    const char* file = sqlite3_db_filename(from, "main");
    const QString path = file ? QString::fromUtf8(file) : QString(); // empty for an in-memory database

    if (!path.isEmpty()) {
        const ReadTransaction reading(from);
        const Journal journal = reading.open ? journalOf(path) : Journal::Unknown;
        if (journal != Journal::Unknown) {
            const bool immutable = sqlite3_uri_boolean(file, "immutable", 0);
            auto digest = byteCopy(path, destination, journal, immutable, progress, cancel);
            if (!digest)
                return digest.error();
            return Copied { journal == Journal::Wal ? Copied::Method::WalByteCopy : Copied::Method::LockedByteCopy,
                            digest.value() };
        }
    }
    return backupApiCopy(from, path, destination, progress, cancel);
}

} // namespace backstep
