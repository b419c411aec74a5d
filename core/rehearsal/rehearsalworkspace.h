#pragma once

#include "common/result.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/sqlsandbox.h"

#include <QStringList>
#include <QTemporaryDir>

#include <atomic>
#include <functional>
#include <future>
#include <memory>

namespace backstep {

// Where a rehearsal may write: never the user's database as it stands.
// SQLite: a consistent copy in a temporary folder (SqliteBackup: the file's bytes,
// and its -wal's, inside a read transaction), deleted with this object. PostgreSQL:
// a read-write session on the database with one transaction open from start to end,
// rolled back with this object (DDL is transactional there). The session's default is
// READ ONLY and only that one transaction is READ WRITE: were it ever ended early,
// whatever came next could not write.
//
// Both dialects work in savepoints inside it: a scope rolled back (the probes) or kept
// (a down path step). On SQLite a savepoint outside a transaction is one, kept on the
// copy; on PostgreSQL everything stays in the transaction that is rolled back.
// Thread affinity: the thread that opened it.
class RehearsalWorkspace
{
public:
    // (pages copied, pages in all), SQLite only.
    using CopyProgress = std::function<void(int done, int total)>;

    static Result<std::unique_ptr<RehearsalWorkspace>> open(const DatabaseUri& uri, const QString& workDirectory,
                                                            const CopyProgress& progress = {},
                                                            const std::atomic_bool* cancel = nullptr);
    ~RehearsalWorkspace();

    // Ends the workspace: closes its connection here (rolling back on PostgreSQL) and
    // deletes the SQLite copy on another thread. Freeing a gigabyte's pages takes about
    // as long as hashing a gigabyte, and the caller fingerprints the database meanwhile.
    // The returned future is ready once the copy is gone.
    static std::future<void> discard(std::unique_ptr<RehearsalWorkspace> workspace);
    RehearsalWorkspace(const RehearsalWorkspace&) = delete;
    RehearsalWorkspace& operator=(const RehearsalWorkspace&) = delete;

    DatabaseConnection& connection()
    {
        return *m_connection;
    }
    Dialect dialect() const
    {
        return m_connection->dialect();
    }
    // For SQL Backstep did not write (the down path): on SQLite behind the authorizer,
    // so it cannot ATTACH the live file beside the copy; on PostgreSQL checked by
    // StatementGuard before it comes here.
    SqlSandbox& sandbox()
    {
        return *m_sandbox;
    }
    // PostgreSQL: an Error when the open transaction is not the one open() began (a
    // script ended it); always fine on SQLite, whose copy is the workspace.
    Result<void> checkTransaction();

    Result<void> beginScope(const QString& name);
    Result<void> keepScope(const QString& name);
    Result<void> rollbackScope(const QString& name);
    // SQLite enforces foreign keys only when asked, per connection and outside a
    // transaction: on for the probes (a build's writes must satisfy them), off for the
    // down path (as the runner runs migrations). PostgreSQL always enforces them.
    Result<void> enforceForeignKeys(bool on);

    // SQLite: the hex FileDigest of the database file, taken while copying it (see
    // SqliteBackup); empty on PostgreSQL.
    QByteArray sourceDigest() const
    {
        return m_sourceDigest;
    }

    // How this workspace kept the database unchanged, for the report's notes.
    QStringList notes() const
    {
        return m_notes;
    }

private:
    RehearsalWorkspace() = default;
    Result<void> beginPostgresTransaction();
    // The last step of open(): the sandbox around the connection.
    static Result<std::unique_ptr<RehearsalWorkspace>> withSandbox(std::unique_ptr<RehearsalWorkspace> workspace);

    std::unique_ptr<QTemporaryDir> m_directory; // SQLite: holds the copy
    std::unique_ptr<DatabaseConnection> m_connection;
    std::unique_ptr<SqlSandbox> m_sandbox; // destroyed before m_connection
    QVariant m_transactionId; // PostgreSQL: txid_current() of the workspace's transaction
    QStringList m_notes;
    QByteArray m_sourceDigest;
};

} // namespace backstep
