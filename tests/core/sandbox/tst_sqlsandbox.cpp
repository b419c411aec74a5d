// The engine-side half of containment: the SQLite authorizer on a scratch database and
// on a rehearsal's copy, and the PostgreSQL role a scratch database is replayed as.
// Every escape is tried for real and must leave no file, run no program and change no
// other database.
#include "db/databaseconnection.h"
#include "db/scratchdatabase.h"
#include "db/sqlsandbox.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace backstep;
using namespace backstep::test;
using namespace Qt::StringLiterals;

namespace {

// A folder the PostgreSQL server (running as postgres) could write to if it were let.
QTemporaryDir* openFolder()
{
    auto* dir = new QTemporaryDir(u"/tmp/backstep-escape-XXXXXX"_s);
    QFile::setPermissions(dir->path(), QFileDevice::Permissions(0x7777));
    return dir;
}

QString withFolder(QString sql, const QString& folder)
{
    return sql.replace(u"%1"_s, folder);
}

std::unique_ptr<ScratchDatabase> postgresScratch()
{
    const auto server = DatabaseUri::parse(ScratchPostgres::serverUri());
    if (!server)
        qFatal("%s", qPrintable(server.error().message));
    auto scratch = ScratchDatabase::create(Dialect::Postgres, server.value());
    if (!scratch)
        qFatal("%s", qPrintable(scratch.error().message));
    return std::move(scratch).value();
}

} // namespace

class TestSqlSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
    }

    void sqliteDeniesEveryWayOut_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("denied");
        QTest::addColumn<QString>("file"); // must not exist afterwards; %1 is the folder
        QTest::newRow("attach") << u"ATTACH DATABASE '%1/attached.db' AS x"_s << u"ATTACH or VACUUM INTO"_s
                                << u"attached.db"_s;
        QTest::newRow("vacuum into") << u"VACUUM INTO '%1/copy.db'"_s << u"ATTACH or VACUUM INTO"_s << u"copy.db"_s;
        QTest::newRow("attach uri") << u"ATTACH 'file:%1/uri.db?mode=rwc' AS x"_s << u"ATTACH or VACUUM INTO"_s
                                    << u"uri.db"_s;
        QTest::newRow("load_extension") << u"SELECT load_extension('%1/evil')"_s << u"load_extension()"_s << QString();
        QTest::newRow("temp_store_directory") << u"PRAGMA temp_store_directory = '%1'"_s
                                              << u"PRAGMA temp_store_directory"_s << QString();
        QTest::newRow("writable_schema") << u"PRAGMA writable_schema = ON"_s << u"PRAGMA writable_schema"_s << QString();
        QTest::newRow("trusted_schema") << u"PRAGMA trusted_schema = ON"_s << u"PRAGMA trusted_schema"_s << QString();
        QTest::newRow("begin") << u"BEGIN"_s << u"BEGIN: transaction control belongs to Backstep"_s << QString();
        QTest::newRow("commit") << u"COMMIT"_s << u"COMMIT: transaction control belongs to Backstep"_s << QString();
        QTest::newRow("savepoint") << u"SAVEPOINT x"_s << u"SAVEPOINT BEGIN x"_s << QString();
        QTest::newRow("release") << u"RELEASE x"_s << u"SAVEPOINT RELEASE x"_s << QString();
    }

    void sqliteDeniesEveryWayOut()
    {
        QFETCH(QString, sql);
        QFETCH(QString, denied);
        QFETCH(QString, file);
        QTemporaryDir dir;
        auto scratch = ScratchDatabase::create(Dialect::Sqlite, std::nullopt);
        QVERIFY(scratch.ok());
        const auto executed = scratch.value()->sandbox().execute(withFolder(sql, dir.path()));
        QVERIFY(!executed.ok());
        QCOMPARE(executed.error().code, Error::Code::Sandbox);
        QVERIFY2(executed.error().message.contains(denied), qPrintable(executed.error().message));
        if (!file.isEmpty())
            QVERIFY(!QFile::exists(dir.filePath(file)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    // What real migrations do stays allowed: a plain VACUUM (its own temporary database
    // and transaction), foreign_keys, the rebuild recipe; and Backstep's own BEGIN.
    void sqliteAllowsWhatMigrationsDo()
    {
        auto scratch = ScratchDatabase::create(Dialect::Sqlite, std::nullopt);
        QVERIFY(scratch.ok());
        SqlSandbox& sandbox = scratch.value()->sandbox();
        for (const QString& sql : { u"CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)"_s, u"PRAGMA foreign_keys = OFF"_s,
                                    u"VACUUM"_s, u"CREATE TABLE t_new (id INTEGER PRIMARY KEY, x TEXT, y TEXT)"_s,
                                    u"INSERT INTO t_new (id, x) SELECT id, x FROM t"_s, u"DROP TABLE t"_s,
                                    u"ALTER TABLE t_new RENAME TO t"_s }) {
            const auto executed = sandbox.execute(sql);
            QVERIFY2(executed.ok(), qPrintable(sql + u": "_s + executed.error().message));
        }
        QVERIFY(scratch.value()->connection().execute(u"BEGIN"_s).ok());
        QVERIFY(scratch.value()->connection().execute(u"COMMIT"_s).ok());
    }

    void postgresRoleHasNoRightsBeyondItsDatabase()
    {
        auto scratch = postgresScratch();
        TestDatabase admin(ScratchPostgres::serverUri());
        const QString role = scratch->role();
        QVERIFY(role.startsWith(u"backstep_sandbox_"_s));
        QCOMPARE(admin.scalar(u"SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls "
                              "FROM pg_roles WHERE rolname = ?"_s, { role }).toBool(), false);
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                              "WHERE r.rolname = ?"_s, { role }).toInt(), 0);
        QCOMPARE(admin.scalar(u"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?"_s, { scratch->name() })
                     .toString(),
                 role);
        const QString settings = admin.scalar(u"SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting s JOIN "
                                              "pg_roles r ON r.oid = s.setrole WHERE r.rolname = ?"_s, { role })
                                     .toString();
        QVERIFY2(settings.contains(u"statement_timeout=120s"_s) && settings.contains(u"lock_timeout=10s"_s)
                     && settings.contains(u"temp_file_limit=1GB"_s),
                 qPrintable(settings));
        QCOMPARE(scratch->connection().select(u"SELECT current_user"_s).value().constFirst().constFirst().toString(), role);
        // And what migrations do works: tables, a trusted extension, functions, triggers.
        for (const QString& sql :
             { u"CREATE TABLE notes (id serial PRIMARY KEY, body text)"_s, u"CREATE EXTENSION IF NOT EXISTS pgcrypto"_s,
               u"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"_s,
               u"CREATE TRIGGER t BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch()"_s }) {
            const auto executed = scratch->sandbox().execute(sql);
            QVERIFY2(executed.ok(), qPrintable(sql + u": "_s + executed.error().message));
        }
    }

    void postgresDeniesEveryWayOut_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("file"); // %1 is a folder the server could write to
        QTest::newRow("copy to program") << u"COPY (SELECT 1) TO PROGRAM 'touch %1/program'"_s << u"program"_s;
        QTest::newRow("copy to file") << u"COPY (SELECT 1) TO '%1/file'"_s << u"file"_s;
        QTest::newRow("copy from file") << u"COPY scratch_t FROM '/etc/hostname'"_s << QString();
        QTest::newRow("do execute copy program")
            << u"DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch %1/do'''; END $$"_s << u"do"_s;
        QTest::newRow("function doing it") << u"SELECT scratch_f('%1/function')"_s << u"function"_s;
        QTest::newRow("pg_read_file") << u"SELECT pg_read_file('/etc/hostname')"_s << QString();
        QTest::newRow("lo_export") << u"SELECT lo_export(lo_from_bytea(0, 'x'), '%1/lo')"_s << u"lo"_s;
        QTest::newRow("untrusted extension") << u"CREATE EXTENSION file_fdw"_s << QString();
        QTest::newRow("alter system") << u"ALTER SYSTEM SET work_mem = '1GB'"_s << QString();
        QTest::newRow("alter role") << u"ALTER ROLE postgres NOLOGIN"_s << QString();
        QTest::newRow("create role") << u"CREATE ROLE intruder"_s << QString();
        QTest::newRow("drop other database") << u"DROP DATABASE postgres"_s << QString();
        QTest::newRow("create database") << u"CREATE DATABASE intruder"_s << QString();
        QTest::newRow("set role") << u"SET ROLE postgres"_s << QString();
    }

    void postgresDeniesEveryWayOut()
    {
        QFETCH(QString, sql);
        QFETCH(QString, file);
        std::unique_ptr<QTemporaryDir> dir(openFolder());
        auto scratch = postgresScratch();
        // What a migration before it could have created: a table, a function that runs a program.
        QVERIFY(scratch->sandbox().execute(u"CREATE TABLE scratch_t (x text)"_s).ok());
        QVERIFY(scratch->sandbox()
                    .execute(u"CREATE FUNCTION scratch_f(path text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE "
                             "format('COPY (SELECT 1) TO PROGRAM %L', 'touch ' || path); END $$"_s)
                    .ok());
        const auto executed = scratch->sandbox().execute(withFolder(sql, dir->path()));
        QVERIFY(!executed.ok());
        QVERIFY2(executed.error().code == Error::Code::Sandbox, qPrintable(executed.error().message));
        QVERIFY2(executed.error().message.startsWith(u"denied by Backstep's sandbox role"_s),
                 qPrintable(executed.error().message));
        if (!file.isEmpty())
            QVERIFY(!QFile::exists(dir->filePath(file)));
        TestDatabase admin(ScratchPostgres::serverUri());
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_roles WHERE rolname IN ('intruder') OR (rolname = 'postgres' "
                              "AND NOT rolcanlogin)"_s).toInt(), 0);
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_database WHERE datname IN ('postgres')"_s).toInt(), 1);
    }

    void postgresRoleAndDatabaseGoAway()
    {
        QString role;
        QString name;
        {
            auto scratch = postgresScratch();
            role = scratch->role();
            name = scratch->name();
        }
        TestDatabase admin(ScratchPostgres::serverUri());
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_roles WHERE rolname = ?"_s, { role }).toInt(), 0);
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_database WHERE datname = ?"_s, { name }).toInt(), 0);
    }

    // A killed run leaves its role and database; the next run finds them by name, sees
    // that nobody holds their lock, and removes them. A live run's are left alone.
    void leftoversOfAKilledRunAreRemoved()
    {
        TestDatabase admin(ScratchPostgres::serverUri());
        QVERIFY(admin.exec(u"CREATE ROLE backstep_sandbox_00000000000000aa"_s));
        QVERIFY(admin.exec(u"CREATE DATABASE backstep_scratch_00000000000000aa"_s));
        auto live = postgresScratch();
        auto next = postgresScratch();
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_roles WHERE rolname = 'backstep_sandbox_00000000000000aa'"_s).toInt(), 0);
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_database WHERE datname = 'backstep_scratch_00000000000000aa'"_s)
                     .toInt(),
                 0);
        QCOMPARE(admin.scalar(u"SELECT count(*) FROM pg_database WHERE datname = ?"_s, { live->name() }).toInt(), 1);
        QVERIFY(live->connection().execute(u"SELECT 1"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestSqlSandbox)
#include "tst_sqlsandbox.moc"
