#include "scratchpostgres.h"

#include "testdatabase.h"

#include <QRandomGenerator>
#include <QUrl>

namespace backstep::test {

bool ScratchPostgres::available()
{
    return !serverUri().isEmpty();
}

QString ScratchPostgres::serverUri()
{
    return qEnvironmentVariable("BACKSTEP_TEST_PG");
}

ScratchPostgres::ScratchPostgres()
{
    if (!available()) {
        m_error = QStringLiteral("BACKSTEP_TEST_PG is not set: run the tests with tests/run-tests.sh (make test)");
        return;
    }
    const QString name = QStringLiteral("backstep_test_%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    TestDatabase server(serverUri());
    if (!server.isOpen()) {
        m_error = server.lastError();
        return;
    }
    if (!server.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
        m_error = server.lastError();
        return;
    }
    m_name = name;
}

ScratchPostgres::~ScratchPostgres()
{
    if (m_name.isEmpty())
        return;
    TestDatabase server(serverUri());
    server.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
}

QString ScratchPostgres::uri() const
{
    QUrl url(serverUri());
    url.setPath(QLatin1Char('/') + m_name);
    return url.toString();
}

} // namespace backstep::test
