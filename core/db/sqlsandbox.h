#pragma once

#include "common/result.h"
#include "databaseconnection.h"

#include <memory>

struct sqlite3;

namespace backstep {

// Where SQL that Backstep did not write (a catalog's, a ledger's) runs: the engine-side
// half of containment, beside StatementGuard's reading of each statement first.
//
// SQLite: an authorizer on the connection denies ATTACH of any file (VACUUM INTO
// attaches its target too; VACUUM's own temporary database and ':memory:' stay
// allowed), DETACH, the PRAGMAs that point the engine at other files or switch off its
// safety (temp_store_directory, data_store_directory, writable_schema, trusted_schema),
// and load_extension() and the shell's file functions; and, while untrusted SQL runs,
// every BEGIN, COMMIT, ROLLBACK and SAVEPOINT, so only Backstep controls transactions.
// Defensive mode is on, the schema untrusted (SQLITE_DBCONFIG_TRUSTED_SCHEMA off:
// views and triggers call only innocuous functions), extension loading off.
//
// PostgreSQL: the connection's role is what contains (ScratchDatabase logs in as a role
// without rights beyond its scratch database); a statement the server refuses for
// lack of privilege (SQLSTATE 42501) is then a sandbox denial.
//
// Owned beside the connection and destroyed before it.
class SqlSandbox
{
public:
    enum class Role {
        Owner, // PostgreSQL: the person's own role (a rehearsal on the live database)
        Sandboxed, // PostgreSQL: a role made for the run, with no rights outside its database
    };

    static Result<std::unique_ptr<SqlSandbox>> around(DatabaseConnection& connection, Role role = Role::Owner);
    ~SqlSandbox();
    SqlSandbox(const SqlSandbox&) = delete;
    SqlSandbox& operator=(const SqlSandbox&) = delete;

    // Runs one statement of untrusted SQL. A denial is an Error with Code::Sandbox whose
    // message says what was denied; any other failure is the engine's error as usual.
    Result<void> execute(const QString& sql);

private:
    explicit SqlSandbox(DatabaseConnection& connection, Role role);
    static int authorize(void* self, int action, const char* first, const char* second, const char* database,
                         const char* trigger);
    int decide(int action, const char* first, const char* second);

    DatabaseConnection& m_connection;
    Role m_role;
    sqlite3* m_sqlite = nullptr;
    bool m_untrusted = false; // an execute() is running
    // The running statement is a VACUUM: it attached its temporary database and copies
    // into it in a transaction of its own, which is not the script's transaction control.
    bool m_vacuuming = false;
    QString m_denied; // what the authorizer last denied, for the error
};

} // namespace backstep
