#include "rehearsalworkspace.h"

#include "db/probesql.h"
#include "db/sqlitebackup.h"
#include "db/sqlidentifier.h"
#include "db/sqlitehandle.h"

#include <QDir>

namespace backstep {

namespace {

// Long enough for a busy app's row locks, short enough not to hang behind an idle
// transaction that holds a table lock.
const QString postgresLockTimeout = QStringLiteral("5s");

QString copyNote(SqliteBackup::Copied::Method method)
{
    switch (method) {
    case SqliteBackup::Copied::Method::LockedByteCopy:
        return QStringLiteral("Worked on a copy of the database file in %1, taken while holding a read lock on it (no "
                              "writer could change it meanwhile), deleted at the end; the database file itself was only "
                              "read.");
    case SqliteBackup::Copied::Method::WalByteCopy:
        return QStringLiteral("Worked on a copy of the database file and its -wal file in %1, taken inside one read "
                              "transaction (a committed state; writers were not held up), deleted at the end; the "
                              "database files themselves were only read.");
    case SqliteBackup::Copied::Method::BackupApi:
        break;
    }
    return QStringLiteral("Worked on a copy made with SQLite's online backup API in %1, deleted at the end; the "
                          "database file itself was only read.");
}

} // namespace

Result<std::unique_ptr<RehearsalWorkspace>> RehearsalWorkspace::open(const DatabaseUri& uri,
                                                                     const QString& workDirectory,
                                                                     const CopyProgress& progress,
                                                                     const std::atomic_bool* cancel)
{
    std::unique_ptr<RehearsalWorkspace> workspace(new RehearsalWorkspace);
    if (uri.dialect == Dialect::Postgres) {
        auto connection = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadWrite);
        if (!connection)
            return connection.error();
        workspace->m_connection = std::move(connection).value();
        if (auto begun = workspace->beginPostgresTransaction(); !begun)
            return begun.error();
        workspace->m_notes = {
            QStringLiteral("Ran inside one transaction on the database, rolled back at the end."),
            QStringLiteral("The probes' inserts consumed sequence values: a rolled-back transaction does not return "
                           "them, as with any aborted insert. Ids will show a gap; nothing else changed."),
            QStringLiteral("Statements waited at most %1 for locks; the down path's DDL held its table locks until "
                           "the rollback.")
                .arg(postgresLockTimeout),
            QStringLiteral("Every down statement was read by the PostgreSQL parser before it ran; transaction control, "
                           "statements reaching outside the database and SQL that cannot be read before it runs were "
                           "refused. The session was READ ONLY outside the rehearsal's one transaction."),
        };
        return withSandbox(std::move(workspace));
    }

    const QString base = workDirectory.isEmpty() ? QDir::tempPath() : workDirectory;
    workspace->m_directory = std::make_unique<QTemporaryDir>(base + QStringLiteral("/backstep-rehearsal-XXXXXX"));
    if (!workspace->m_directory->isValid())
        return makeError(Error::Code::Connection, QStringLiteral("cannot create a folder for the copy in %1: %2")
                                                      .arg(base, workspace->m_directory->errorString()));
    const QString copyPath = workspace->m_directory->filePath(QStringLiteral("copy.db"));
    SqliteBackup::Copied::Method method = SqliteBackup::Copied::Method::BackupApi;
    {
        auto source = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadOnly);
        if (!source)
            return source.error();
        auto copied = SqliteBackup::copy(*source.value(), copyPath, progress, cancel);
        if (!copied)
            return copied.error();
        method = copied->method;
        workspace->m_sourceDigest = copied->sourceDigest;
    }
    DatabaseUri copyUri;
    copyUri.dialect = Dialect::Sqlite;
    copyUri.sqlitePath = copyPath;
    copyUri.original = uri.redacted() + QStringLiteral(" (rehearsal copy)");
    auto connection = DatabaseConnection::open(copyUri, DatabaseConnection::Access::ReadWrite);
    if (!connection)
        return connection.error();
    workspace->m_connection = std::move(connection).value();
    if (auto strict = SqliteHandle::rejectDoubleQuotedStrings(*workspace->m_connection); !strict)
        return strict.error();
    // The copy is scratch: no journal file and no fsync for the down path's commits.
    // synchronous goes first: leaving WAL mode checkpoints the copied -wal into the
    // file, and with the default setting that checkpoint would fsync the whole copy
    // (most of a second per gigabyte here, for nothing).
    workspace->m_connection->execute(QStringLiteral("PRAGMA synchronous = OFF"));
    workspace->m_connection->execute(QStringLiteral("PRAGMA journal_mode = MEMORY"));
    workspace->m_notes = {
        copyNote(method).arg(QDir::toNativeSeparators(base)),
        QStringLiteral("Foreign keys were enforced during the probes (PRAGMA foreign_keys = ON)."),
        QStringLiteral("The down SQL ran behind an authorizer that denies ATTACH, VACUUM INTO, extension loading, "
                       "file PRAGMAs and transaction control: it could reach nothing but the copy."),
    };
    return withSandbox(std::move(workspace));
}

std::future<void> RehearsalWorkspace::discard(std::unique_ptr<RehearsalWorkspace> workspace)
{
    if (!workspace)
        return {};
    std::shared_ptr<QTemporaryDir> directory(std::move(workspace->m_directory));
    workspace.reset(); // the connection, on its own thread, before its file goes
    if (!directory)
        return {};
    return std::async(std::launch::async, [directory] { directory->remove(); });
}

RehearsalWorkspace::~RehearsalWorkspace()
{
    m_sandbox.reset();
    if (m_connection && m_connection->dialect() == Dialect::Postgres)
        m_connection->execute(QStringLiteral("ROLLBACK"));
    m_connection.reset(); // closed before the folder with the copy goes
}

Result<void> RehearsalWorkspace::beginPostgresTransaction()
{
    // Outside the one transaction below, nothing this session runs may write.
    if (auto readOnly = m_connection->execute(QStringLiteral("SET SESSION default_transaction_read_only = on")); !readOnly)
        return readOnly;
    if (auto begun = m_connection->execute(QStringLiteral("BEGIN READ WRITE")); !begun)
        return begun;
    m_connection->execute(QStringLiteral("SET LOCAL lock_timeout = '%1'").arg(postgresLockTimeout));
    auto id = m_connection->select(QStringLiteral("SELECT txid_current()"));
    if (!id || id->isEmpty())
        return makeError(Error::Code::Connection, QStringLiteral("cannot read the rehearsal's transaction id"));
    m_transactionId = id->constFirst().constFirst();
    return {};
}

Result<std::unique_ptr<RehearsalWorkspace>> RehearsalWorkspace::withSandbox(std::unique_ptr<RehearsalWorkspace> workspace)
{
    auto sandbox = SqlSandbox::around(*workspace->m_connection);
    if (!sandbox)
        return sandbox.error();
    workspace->m_sandbox = std::move(sandbox).value();
    return workspace;
}

Result<void> RehearsalWorkspace::checkTransaction()
{
    if (dialect() != Dialect::Postgres)
        return {};
    // txid_current() in a transaction that ended would start a new, read-only one and
    // give another id; in the same transaction (and its savepoints) it is the same.
    const auto id = m_connection->select(QStringLiteral("SELECT txid_current()"));
    if (id && !id->isEmpty() && id->constFirst().constFirst() == m_transactionId)
        return {};
    return makeError(Error::Code::Sandbox,
                     QStringLiteral("the rehearsal's transaction on %1 was ended by the SQL it ran; the rehearsal stopped "
                                    "there. Compare the database with the unchanged proof below.")
                         .arg(m_connection->uri().redacted()));
}

Result<void> RehearsalWorkspace::beginScope(const QString& name)
{
    return m_connection->execute(ProbeSql::savepoint.arg(SqlIdentifier::quote(name)));
}

Result<void> RehearsalWorkspace::keepScope(const QString& name)
{
    return m_connection->execute(ProbeSql::release.arg(SqlIdentifier::quote(name)));
}

Result<void> RehearsalWorkspace::rollbackScope(const QString& name)
{
    if (auto rolledBack = m_connection->execute(ProbeSql::rollbackTo.arg(SqlIdentifier::quote(name))); !rolledBack)
        return rolledBack;
    return m_connection->execute(ProbeSql::release.arg(SqlIdentifier::quote(name)));
}

Result<void> RehearsalWorkspace::enforceForeignKeys(bool on)
{
    if (m_connection->dialect() != Dialect::Sqlite)
        return {};
    return m_connection->execute(on ? QStringLiteral("PRAGMA foreign_keys = ON") : QStringLiteral("PRAGMA foreign_keys = OFF"));
}

} // namespace backstep
