#include "scratchdatabase.h"

#include "sqlidentifier.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

const QString databasePrefix = u"backstep_scratch_"_s;
const QString rolePrefix = u"backstep_sandbox_"_s;

// The run's random 64 bits: the names' suffix and the advisory lock's key.
QString suffixOf(quint64 key)
{
    return u"%1"_s.arg(key, 16, 16, QLatin1Char('0'));
}

std::optional<qint64> keyOf(const QString& name, const QString& prefix)
{
    if (!name.startsWith(prefix))
        return std::nullopt;
    bool ok = false;
    const quint64 key = name.mid(prefix.size()).toULongLong(&ok, 16);
    return ok ? std::optional<qint64>(qint64(key)) : std::nullopt;
}

QString randomPassword()
{
    return u"%1%2"_s.arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

// A string literal for the few statements that take no bound parameters (CREATE ROLE's
// PASSWORD, ALTER ROLE … SET): every value here is Backstep's own, quoted anyway.
QString literal(const QString& value)
{
    QString quoted = value;
    quoted.replace(u"'"_s, u"''"_s);
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Result<std::unique_ptr<DatabaseConnection>> openServer(const DatabaseUri& server)
{
    if (server.dialect != Dialect::Postgres)
        return makeError(Error::Code::Usage, u"the scratch server %1 is not a PostgreSQL URI"_s.arg(server.redacted()));
    return DatabaseConnection::open(server, DatabaseConnection::Access::ReadWrite);
}

Error serverError(const QString& doing, const DatabaseUri& server, const Error& cause)
{
    return makeError(Error::Code::Connection, u"cannot %1 on the scratch server %2: %3"_s.arg(doing, server.redacted(), cause.message));
}

bool tryLock(DatabaseConnection& admin, qint64 key)
{
    const auto locked = admin.select(u"SELECT pg_try_advisory_lock(?)"_s, { key });
    return locked && !locked->isEmpty() && locked->constFirst().constFirst().toBool();
}

// What a killed run left: databases and roles with our prefixes whose run's advisory
// lock nobody holds. Without FORCE, so a database still in use (by a run of an older
// Backstep that took no lock) stays.
void removeLeftovers(DatabaseConnection& admin)
{
    const auto databases = admin.select(u"SELECT datname FROM pg_database WHERE starts_with(datname, ?)"_s, { databasePrefix });
    const auto roles = admin.select(u"SELECT rolname FROM pg_roles WHERE starts_with(rolname, ?)"_s, { rolePrefix });
    QVector<QPair<QString, QString>> found; // (kind, name)
    if (databases)
        for (const QVariantList& row : databases.value())
            found.append({ u"DATABASE"_s, row.constFirst().toString() });
    if (roles)
        for (const QVariantList& row : roles.value())
            found.append({ u"ROLE"_s, row.constFirst().toString() });
    for (const auto& [kind, name] : std::as_const(found)) {
        const auto key = keyOf(name, kind == "ROLE"_L1 ? rolePrefix : databasePrefix);
        if (!key || !tryLock(admin, *key))
            continue;
        admin.execute(u"DROP %1 IF EXISTS %2"_s.arg(kind, SqlIdentifier::quote(name)));
        admin.execute(u"SELECT pg_advisory_unlock(?)"_s, { *key });
    }
}

} // namespace

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(Dialect dialect,
                                                                  const std::optional<DatabaseUri>& server)
{
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    if (dialect == Dialect::Sqlite) {
        auto connection = DatabaseConnection::openInMemory();
        if (!connection)
            return connection.error();
        scratch->m_connection = std::move(connection).value();
    } else {
        if (!server)
            return makeError(Error::Code::Usage,
                             u"replaying PostgreSQL migrations needs a scratch server: --scratch "
                             "postgres://user@host/postgres or BACKSTEP_SCRATCH_PG"_s);
        if (auto created = scratch->createOnServer(*server); !created)
            return created.error(); // the destructor drops whatever was made
    }
    auto sandbox = SqlSandbox::around(*scratch->m_connection,
                                      dialect == Dialect::Postgres ? SqlSandbox::Role::Sandboxed : SqlSandbox::Role::Owner);
    if (!sandbox)
        return sandbox.error();
    scratch->m_sandbox = std::move(sandbox).value();
    return scratch;
}

Result<void> ScratchDatabase::createOnServer(const DatabaseUri& server)
{
    auto admin = openServer(server);
    if (!admin)
        return admin.error();
    m_admin = std::move(admin).value();
    removeLeftovers(*m_admin);

    const quint64 key = QRandomGenerator::system()->generate64();
    m_lockKey = qint64(key);
    if (auto locked = m_admin->execute(u"SELECT pg_advisory_lock(?)"_s, { m_lockKey }); !locked)
        return serverError(u"take the scratch database's lock"_s, server, locked.error());
    const QString role = rolePrefix + suffixOf(key);
    const QString name = databasePrefix + suffixOf(key);
    const QString password = randomPassword();

    // No bound parameters in these statements; the names and the password are ours.
    // INHERIT (the default) stays: the role is a member of no role, and owning its
    // database works through the implicit pg_database_owner membership, which
    // NOINHERIT would cut off (no CREATE on the public schema).
    const QString quotedRole = SqlIdentifier::quote(role);
    if (auto made = m_admin->execute(u"CREATE ROLE %1 LOGIN PASSWORD %2 NOSUPERUSER NOCREATEDB NOCREATEROLE "
                                     "NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 8"_s.arg(quotedRole, literal(password)));
        !made)
        return serverError(u"create the sandbox role (the scratch URI's user needs CREATEROLE or superuser)"_s, server,
                           made.error());
    m_role = role;
    const QStringList limits {
        u"statement_timeout = %1"_s.arg(literal(QString::fromLatin1(statementTimeout))),
        u"lock_timeout = %1"_s.arg(literal(QString::fromLatin1(lockTimeout))),
        u"idle_in_transaction_session_timeout = '60s'"_s,
        // Only a superuser may set this one; a CREATEROLE user's scratch runs without it.
        u"temp_file_limit = %1"_s.arg(literal(QString::fromLatin1(tempFileLimit))),
    };
    for (const QString& limit : limits) {
        auto set = m_admin->execute(u"ALTER ROLE %1 SET %2"_s.arg(quotedRole, limit));
        if (!set && !limit.startsWith(u"temp_file_limit"_s))
            return serverError(u"limit the sandbox role"_s, server, set.error());
    }
    // Owning the database lets the role create what migrations create (tables, trusted
    // extensions) and nothing beyond it. The admin must be able to act as the role to
    // name it as owner (PostgreSQL 16 asks even a CREATEROLE user for that).
    m_admin->execute(u"GRANT %1 TO CURRENT_USER"_s.arg(quotedRole));
    if (auto created = m_admin->execute(
            u"CREATE DATABASE %1 OWNER %2"_s.arg(SqlIdentifier::quote(name), quotedRole));
        !created)
        return serverError(u"create a scratch database"_s, server, created.error());
    m_name = name;
    m_admin->execute(u"REVOKE ALL ON DATABASE %1 FROM PUBLIC"_s.arg(SqlIdentifier::quote(name)));

    DatabaseUri uri = server;
    uri.database = name;
    uri.user = role;
    uri.password = password;
    uri.original = server.redacted() + u" (scratch database "_s + name + u" as "_s + role + QLatin1Char(')');
    auto connection = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadWrite);
    if (!connection)
        return makeError(Error::Code::Connection,
                         u"%1 (the scratch server must accept password logins from the sandbox role on %2)"_s.arg(
                             connection.error().message, server.host.isEmpty() ? u"its default socket"_s : server.host));
    m_connection = std::move(connection).value();
    return {};
}

void ScratchDatabase::dropFromServer()
{
    if (!m_admin)
        return;
    if (!m_name.isEmpty())
        m_admin->execute(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(SqlIdentifier::quote(m_name)));
    if (!m_role.isEmpty())
        m_admin->execute(u"DROP ROLE IF EXISTS %1"_s.arg(SqlIdentifier::quote(m_role)));
    m_admin->execute(u"SELECT pg_advisory_unlock(?)"_s, { m_lockKey });
    m_admin.reset();
}

ScratchDatabase::~ScratchDatabase()
{
    m_sandbox.reset();
    m_connection.reset();
    dropFromServer();
}

} // namespace backstep
