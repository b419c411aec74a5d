#include "scratchdatabase.h"

#include "sqlidentifier.h"

#include <QRandomGenerator>

namespace backstep {

namespace {

QString randomName()
{
    return QStringLiteral("backstep_scratch_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

Result<std::unique_ptr<DatabaseConnection>> openServer(const DatabaseUri& server)
{
    if (server.dialect != Dialect::Postgres)
        return makeError(Error::Code::Usage,
                         QStringLiteral("the scratch server %1 is not a PostgreSQL URI").arg(server.redacted()));
    return DatabaseConnection::open(server, DatabaseConnection::Access::ReadWrite);
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
        return scratch;
    }
    if (!server)
        return makeError(Error::Code::Usage,
                         QStringLiteral("replaying PostgreSQL migrations needs a scratch server: --scratch "
                                        "postgres://user@host/postgres or BACKSTEP_SCRATCH_PG"));
    auto admin = openServer(*server);
    if (!admin)
        return admin.error();
    const QString name = randomName();
    // CREATE DATABASE takes no bound parameters; the name is ours and quoted anyway.
    if (auto created = admin.value()->execute(QStringLiteral("CREATE DATABASE %1").arg(SqlIdentifier::quote(name)));
        !created)
        return makeError(Error::Code::Connection,
                         QStringLiteral("cannot create a scratch database on %1: %2")
                             .arg(server->redacted(), created.error().message));
    scratch->m_server = server;
    scratch->m_name = name;

    DatabaseUri uri = *server;
    uri.database = name;
    uri.original = server->redacted() + QStringLiteral(" (scratch database ") + name + QLatin1Char(')');
    auto connection = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadWrite);
    if (!connection)
        return connection.error();
    scratch->m_connection = std::move(connection).value();
    return scratch;
}

ScratchDatabase::~ScratchDatabase()
{
    m_connection.reset();
    if (!m_server || m_name.isEmpty())
        return;
    if (auto admin = openServer(*m_server))
        admin.value()->execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(SqlIdentifier::quote(m_name)));
}

} // namespace backstep
