#include "sqlsandbox.h"

#include "sqlitehandle.h"

#include <QSet>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

// PostgreSQL's insufficient_privilege: what the sandbox role meets outside its database.
const QString insufficientPrivilege = u"42501"_s;

bool isDeniedPragma(const QString& name)
{
    static const QSet<QString> names {
        u"temp_store_directory"_s, u"data_store_directory"_s, u"writable_schema"_s, u"trusted_schema"_s,
    };
    return names.contains(name);
}

bool isDeniedFunction(const QString& name)
{
    static const QSet<QString> names {
        u"load_extension"_s, u"readfile"_s, u"writefile"_s, u"edit"_s, u"fts3_tokenizer"_s,
    };
    return names.contains(name);
}

QString text(const char* value)
{
    return value ? QString::fromUtf8(value) : QString();
}

Result<void> configure(sqlite3* db)
{
    const struct
    {
        int option;
        int value;
    } settings[] = {
        { SQLITE_DBCONFIG_DEFENSIVE, 1 },
        { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
        { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
    };
    for (const auto& setting : settings) {
        if (sqlite3_db_config(db, setting.option, setting.value, nullptr) != SQLITE_OK)
            return makeError(Error::Code::Internal,
                             u"cannot configure the SQLite sandbox: %1"_s.arg(QString::fromUtf8(sqlite3_errmsg(db))));
    }
    return {};
}

} // namespace

SqlSandbox::SqlSandbox(DatabaseConnection& connection, Role role)
    : m_connection(connection)
    , m_role(role)
{
}

Result<std::unique_ptr<SqlSandbox>> SqlSandbox::around(DatabaseConnection& connection, Role role)
{
    std::unique_ptr<SqlSandbox> sandbox(new SqlSandbox(connection, role));
    if (connection.dialect() != Dialect::Sqlite)
        return sandbox;
    sandbox->m_sqlite = SqliteHandle::of(connection);
    if (!sandbox->m_sqlite)
        return makeError(Error::Code::Internal, u"the Qt SQLite driver gives no sqlite3 handle"_s);
    if (auto configured = configure(sandbox->m_sqlite); !configured)
        return configured.error();
    sqlite3_set_authorizer(sandbox->m_sqlite, &SqlSandbox::authorize, sandbox.get());
    return sandbox;
}

SqlSandbox::~SqlSandbox()
{
    if (m_sqlite)
        sqlite3_set_authorizer(m_sqlite, nullptr, nullptr);
}

Result<void> SqlSandbox::execute(const QString& sql)
{
    m_denied.clear();
    m_vacuuming = false;
    m_untrusted = true;
    auto executed = m_connection.execute(sql);
    m_untrusted = false;
    if (executed)
        return executed;
    Error error = executed.error();
    if (!m_denied.isEmpty()) {
        error.code = Error::Code::Sandbox;
        error.message = u"denied by Backstep's sandbox: %1"_s.arg(m_denied);
    } else if (m_role == Role::Sandboxed && error.engineCode == insufficientPrivilege) {
        error.code = Error::Code::Sandbox;
        error.message = u"denied by Backstep's sandbox role: %1"_s.arg(error.message);
    }
    return error;
}

int SqlSandbox::authorize(void* self, int action, const char* first, const char* second, const char*, const char*)
{
    return static_cast<SqlSandbox*>(self)->decide(action, first, second);
}

int SqlSandbox::decide(int action, const char* first, const char* second)
{
    switch (action) {
    case SQLITE_ATTACH: {
        const QString file = text(first);
        if (file.isEmpty() || file == ":memory:"_L1) {
            // VACUUM's own temporary database (which it fills in a transaction of its
            // own, see below), or a private one in memory.
            m_vacuuming = file.isEmpty();
            return SQLITE_OK;
        }
        m_denied = u"ATTACH or VACUUM INTO of the file '%1', outside the database"_s.arg(file);
        return SQLITE_DENY;
    }
    case SQLITE_DETACH:
        m_denied = u"DETACH DATABASE %1"_s.arg(text(first));
        return SQLITE_DENY;
    case SQLITE_PRAGMA:
        if (isDeniedPragma(text(first).toLower())) {
            m_denied = u"PRAGMA %1, which points the engine at other files or switches off its safety"_s.arg(
                text(first).toLower());
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (isDeniedFunction(text(second).toLower())) {
            m_denied = u"a call of %1(), which reaches files or code outside the database"_s.arg(text(second));
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
        if (m_untrusted && !m_vacuuming) {
            m_denied = action == SQLITE_SAVEPOINT
                ? u"SAVEPOINT %1 %2: transaction control belongs to Backstep here"_s.arg(text(first), text(second))
                : u"%1: transaction control belongs to Backstep here"_s.arg(text(first));
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    default:
        break;
    }
    return SQLITE_OK;
}

} // namespace backstep
