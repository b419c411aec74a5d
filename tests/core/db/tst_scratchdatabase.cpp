#include "db/scratchdatabase.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QTest>

using namespace backstep;
using namespace backstep::test;

class TestScratchDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteIsInMemory()
    {
        auto scratch = ScratchDatabase::create(Dialect::Sqlite, std::nullopt);
        QVERIFY2(scratch.ok(), qPrintable(scratch.ok() ? QString() : scratch.error().message));
        DatabaseConnection& connection = scratch.value()->connection();
        QCOMPARE(connection.dialect(), Dialect::Sqlite);
        QVERIFY(connection.execute(QStringLiteral("CREATE TABLE t (id INTEGER)")).ok());
        QCOMPARE(connection.database().tables(), QStringList { QStringLiteral("t") });
        QVERIFY(scratch.value()->name().isEmpty());
        // A second scratch database is a different, empty one.
        auto other = ScratchDatabase::create(Dialect::Sqlite, std::nullopt);
        QVERIFY(other.ok());
        QVERIFY(other.value()->connection().database().tables().isEmpty());
    }

    void postgresIsCreatedAndDropped()
    {
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
        const auto server = DatabaseUri::parse(ScratchPostgres::serverUri());
        QVERIFY(server.ok());
        QString name;
        {
            auto scratch = ScratchDatabase::create(Dialect::Postgres, server.value());
            QVERIFY2(scratch.ok(), qPrintable(scratch.ok() ? QString() : scratch.error().message));
            name = scratch.value()->name();
            QVERIFY(name.startsWith(QStringLiteral("backstep_scratch_")));
            DatabaseConnection& connection = scratch.value()->connection();
            QVERIFY(connection.execute(QStringLiteral("CREATE TABLE t (id integer)")).ok());
            TestDatabase admin(ScratchPostgres::serverUri());
            QCOMPARE(admin.scalar(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = ?"), { name }).toInt(), 1);
        }
        TestDatabase admin(ScratchPostgres::serverUri());
        QCOMPARE(admin.scalar(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = ?"), { name }).toInt(), 0);
    }

    void postgresNeedsAServer()
    {
        auto scratch = ScratchDatabase::create(Dialect::Postgres, std::nullopt);
        QVERIFY(!scratch.ok());
        QCOMPARE(scratch.error().code, Error::Code::Usage);
        QVERIFY(scratch.error().message.contains(QStringLiteral("--scratch")));
    }

    void unreachableServerIsAConnectionError()
    {
        auto server = DatabaseUri::parse(QStringLiteral("postgres://nobody:secret-pw@127.0.0.1:1/postgres"));
        QVERIFY(server.ok());
        auto scratch = ScratchDatabase::create(Dialect::Postgres, server.value());
        QVERIFY(!scratch.ok());
        QCOMPARE(scratch.error().code, Error::Code::Connection);
        QVERIFY(!scratch.error().message.contains(QStringLiteral("secret-pw")));
    }
};

QTEST_GUILESS_MAIN(TestScratchDatabase)
#include "tst_scratchdatabase.moc"
