#pragma once

#include "common/dialect.h"
#include "common/result.h"
#include "databaseconnection.h"
#include "databaseuri.h"
#include "sqlsandbox.h"

#include <memory>
#include <optional>

namespace backstep {

// An empty database of one dialect that exists only while this object does: where
// analysis replays a catalog. Never the user's own database, and a sandbox for SQL that
// Backstep did not write (see SqlSandbox).
//
// SQLite: in memory, behind the SQLite authorizer.
//
// PostgreSQL: on the server a URI names (--scratch or BACKSTEP_SCRATCH_PG), a database
// with a random name, owned by a login role made for this run alone: no superuser,
// CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS, member of no role (so none of
// pg_read_server_files, pg_write_server_files, pg_execute_server_program), with
// statement_timeout, lock_timeout, idle_in_transaction_session_timeout and
// temp_file_limit set. The replay connects as that role. Destruction drops the
// database (WITH (FORCE)) and the role. The administrative session that made them stays
// open meanwhile, holding an advisory lock named after them: a later run that finds a
// backstep_scratch_… database or backstep_sandbox_… role whose lock nobody holds knows
// its run was killed, and removes it.
class ScratchDatabase
{
public:
    // `server` is needed for PostgreSQL and ignored for SQLite.
    static Result<std::unique_ptr<ScratchDatabase>> create(Dialect dialect, const std::optional<DatabaseUri>& server);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    // For Backstep's own statements (schema reads, BEGIN/COMMIT around a replay).
    DatabaseConnection& connection()
    {
        return *m_connection;
    }
    // For the catalog's statements.
    SqlSandbox& sandbox()
    {
        return *m_sandbox;
    }
    // The scratch database's own name on the server (empty for SQLite).
    QString name() const
    {
        return m_name;
    }
    // The role the replay runs as (empty for SQLite).
    QString role() const
    {
        return m_role;
    }

    // Limits the sandbox role runs under, as ALTER ROLE … SET takes them.
    static constexpr const char* statementTimeout = "120s";
    static constexpr const char* lockTimeout = "10s";
    static constexpr const char* tempFileLimit = "1GB";

private:
    ScratchDatabase() = default;
    Result<void> createOnServer(const DatabaseUri& server);
    void dropFromServer();

    std::unique_ptr<DatabaseConnection> m_admin; // PostgreSQL: holds the advisory lock
    std::unique_ptr<DatabaseConnection> m_connection;
    std::unique_ptr<SqlSandbox> m_sandbox; // destroyed before m_connection
    QString m_name;
    QString m_role;
    qint64 m_lockKey = 0;
};

} // namespace backstep
