#include "databaseconnection.h"

#include "sharedfiledescriptor.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>

#include <unistd.h>

#include <cstring>

namespace backstep {

namespace {

// Long enough to outwait another runner's migration, short enough to report a stuck lock.
constexpr int sqliteBusyTimeoutMs = 30000;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("backstep-%1").arg(counter.fetchAndAddRelaxed(1));
}

Error connectionError(const DatabaseUri& uri, const QString& why)
{
    return makeError(Error::Code::Connection, QStringLiteral("cannot open %1: %2").arg(uri.redacted(), why));
}

// A WAL-mode file (header bytes 18 and 19 are 2) that no process has open: no -wal
// and no -shm beside it. The header is read through SharedFileDescriptor, never a
// descriptor of its own, which closing would drop this process's locks on the file.
bool isIdleWalDatabase(const QString& path)
{
    if (QFile::exists(path + QStringLiteral("-wal")) || QFile::exists(path + QStringLiteral("-shm")))
        return false;
    const auto descriptor = SharedFileDescriptor::of(path);
    char header[20];
    return descriptor && ::pread(descriptor.value(), header, sizeof header, 0) == qint64(sizeof header)
        && std::memcmp(header, "SQLite format 3", 16) == 0 && header[18] == 2 && header[19] == 2;
}

// Reading a WAL-mode database makes SQLite create -wal and -shm files, and a read-only
// connection cannot remove them again; left behind by `sudo backstep-cli status`, they
// would be root's and could stop the app from opening its own database. When no
// process has the database open, the read-only connection opens it as immutable,
// which creates nothing. (An app that starts writing during that read is not seen.)
struct SqliteOpen
{
    QString databaseName;
    QString options;
};

SqliteOpen sqliteOpen(const QString& path, DatabaseConnection::Access access)
{
    SqliteOpen open { path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(sqliteBusyTimeoutMs) };
    if (access == DatabaseConnection::Access::ReadWrite)
        return open;
    open.options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (isIdleWalDatabase(path)) {
        open.databaseName = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded)
            + QStringLiteral("?immutable=1");
        open.options += QStringLiteral(";QSQLITE_OPEN_URI");
    }
    return open;
}

// QSQLITE creates a missing file even for a read, and reports an unreadable one only
// at the first query: check up front so the message says what is wrong.
Result<void> checkSqliteFile(const DatabaseUri& uri, DatabaseConnection::Access access)
{
    const QFileInfo file(uri.sqlitePath);
    if (file.exists()) {
        if (file.isDir())
            return connectionError(uri, QStringLiteral("it is a folder, not a database file"));
        if (!file.isReadable())
            return connectionError(uri, QStringLiteral("the file is not readable (permissions)"));
        if (access == DatabaseConnection::Access::ReadWrite && !file.isWritable())
            return connectionError(uri, QStringLiteral("the file is not writable (permissions)"));
        return {};
    }
    if (access == DatabaseConnection::Access::ReadOnly)
        return connectionError(uri, QStringLiteral("no such file"));
    const QFileInfo folder(file.absolutePath());
    if (!folder.isDir())
        return connectionError(uri, QStringLiteral("the folder %1 does not exist").arg(folder.filePath()));
    return {};
}

} // namespace

Result<std::unique_ptr<DatabaseConnection>> DatabaseConnection::open(const DatabaseUri& uri, Access access)
{
    if (uri.dialect == Dialect::Sqlite) {
        if (auto checked = checkSqliteFile(uri, access); !checked)
            return checked.error();
    }
    const QString driver = uri.dialect == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return connectionError(uri, QStringLiteral("the Qt SQL driver %1 is not installed").arg(driver));

    std::unique_ptr<DatabaseConnection> connection(new DatabaseConnection(uri, access, nextConnectionName()));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connection->m_connectionName);
    if (uri.dialect == Dialect::Sqlite) {
        const SqliteOpen open = sqliteOpen(uri.sqlitePath, access);
        db.setDatabaseName(open.databaseName);
        db.setConnectOptions(open.options);
    } else {
        db.setHostName(uri.host);
        if (uri.port > 0)
            db.setPort(uri.port);
        db.setDatabaseName(uri.database);
        db.setUserName(uri.user);
        db.setPassword(uri.password);
        db.setConnectOptions(uri.postgresConnectOptions());
    }
    if (!db.open())
        return connectionError(uri, connection->engineMessage(db.lastError().text()));
    if (auto configured = connection->configure(); !configured)
        return configured.error();
    return connection;
}

Result<std::unique_ptr<DatabaseConnection>> DatabaseConnection::openInMemory()
{
    DatabaseUri uri;
    uri.dialect = Dialect::Sqlite;
    uri.original = QStringLiteral("sqlite::memory:");
    uri.sqlitePath = QStringLiteral(":memory:");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return connectionError(uri, QStringLiteral("the Qt SQL driver QSQLITE is not installed"));
    std::unique_ptr<DatabaseConnection> connection(new DatabaseConnection(uri, Access::ReadWrite, nextConnectionName()));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection->m_connectionName);
    db.setDatabaseName(uri.sqlitePath);
    if (!db.open())
        return connectionError(uri, connection->engineMessage(db.lastError().text()));
    return connection;
}

DatabaseConnection::DatabaseConnection(DatabaseUri uri, Access access, QString connectionName)
    : m_uri(std::move(uri))
    , m_access(access)
    , m_connectionName(std::move(connectionName))
{
}

DatabaseConnection::~DatabaseConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase DatabaseConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<void> DatabaseConnection::configure()
{
    if (m_uri.dialect == Dialect::Sqlite) {
        // Opening is lazy in SQLite: read the schema now so "file is not a database"
        // surfaces here, naming the file, and not later in the middle of a read.
        QSqlQuery probe(database());
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
            return connectionError(m_uri, engineMessage(probe.lastError().databaseText()));
        return {};
    }
    // Times are written and read in UTC, whatever the server's or the user's zone.
    if (auto zone = execute(QStringLiteral("SET TIME ZONE 'UTC'")); !zone)
        return connectionError(m_uri, zone.error().message);
    if (m_access == Access::ReadOnly) {
        if (auto readOnly = execute(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")); !readOnly)
            return connectionError(m_uri, readOnly.error().message);
    }
    return {};
}

Result<void> DatabaseConnection::execute(const QString& sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        return engineError(query);
    return {};
}

Result<void> DatabaseConnection::execute(const QString& sql, const QVariantList& values)
{
    const auto rows = select(sql, values, 0);
    if (!rows)
        return rows.error();
    return {};
}

Result<QVector<QVariantList>> DatabaseConnection::select(const QString& sql, const QVariantList& values, int maxRows)
{
    QSqlQuery query(database());
    return run(query, sql, values, maxRows);
}

Result<QVector<QVariantList>> DatabaseConnection::selectInSavepoint(const QString& sql, const QVariantList& values)
{
    static const QString name = QStringLiteral("backstep_statement");
    if (auto begun = execute(QStringLiteral("SAVEPOINT ") + name); !begun)
        return begun.error();
    Result<QVector<QVariantList>> rows = QVector<QVariantList>();
    {
        // The failed query must outlive the rollback: QPSQL deallocates its prepared
        // statement when the query goes, which fails (and warns) in an aborted transaction.
        QSqlQuery query(database());
        rows = run(query, sql, values, -1);
        if (!rows)
            execute(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name);
    }
    execute(QStringLiteral("RELEASE SAVEPOINT ") + name);
    return rows;
}

Result<QVector<QVariantList>> DatabaseConnection::run(QSqlQuery& query, const QString& sql, const QVariantList& values,
                                                     int maxRows)
{
    query.setForwardOnly(true);
    // PostgreSQL prepares only SELECT, INSERT, UPDATE, DELETE and VALUES: a statement
    // without values (a SAVEPOINT, DDL) runs as it is.
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(sql);
    } else if (query.prepare(sql)) {
        for (const QVariant& value : values)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok)
        return engineError(query);
    QVector<QVariantList> rows;
    while ((maxRows < 0 || rows.size() < maxRows) && query.next()) {
        QVariantList row;
        const int columns = query.record().count();
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(query.value(i));
        rows.append(std::move(row));
    }
    return rows;
}

Error DatabaseConnection::engineError(const QSqlQuery& query) const
{
    Error error = makeError(Error::Code::Migration, engineMessage(query.lastError().databaseText()));
    error.engineCode = query.lastError().nativeErrorCode();
    return error;
}

QString DatabaseConnection::engineMessage(const QString& text) const
{
    QString message = text.trimmed();
    if (!m_uri.password.isEmpty())
        message.replace(m_uri.password, QStringLiteral("***"));
    // libpq ends messages with newlines and may spread them over several lines.
    message.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return message.simplified();
}

} // namespace backstep
