#include "sqlitebackup.h"

#include "sqlitehandle.h"

#include <QFile>

#include <sqlite3.h>

namespace backstep {

namespace {

// Pages per backup step: large enough that the per-step overhead vanishes, small
// enough that progress and cancel answer within a fraction of a second.
constexpr int pagesPerStep = 16384;

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

} // namespace

Result<void> SqliteBackup::copy(DatabaseConnection& source, const QString& destination, const Progress& progress,
                                const std::atomic_bool* cancel)
{
    sqlite3* from = SqliteHandle::of(source);
    if (!from)
        return backupError(destination, QStringLiteral("the Qt SQLite driver gives no sqlite3 handle"));
    if (QFile::exists(destination))
        return backupError(destination, QStringLiteral("the file already exists"));

    Destination to;
    const QByteArray path = destination.toUtf8();
    if (sqlite3_open_v2(path.constData(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
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
    return {};
}

} // namespace backstep
