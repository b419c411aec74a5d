// backstep-cli end to end, on SQLite files and on the real PostgreSQL server. Every
// test runs once per dialect (initTestCase_data).
#include "catalogwriter.h"
#include "clirun.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace backstep::test;

namespace {

// A database for one test: a file in a temporary folder, or a scratch PostgreSQL database.
struct Target
{
    QTemporaryDir dir;
    std::unique_ptr<ScratchPostgres> postgres;
    QString uri;
    QString sqlitePath; // empty on PostgreSQL
    QString catalog; // a catalog folder inside dir

    bool isSqlite() const
    {
        return !sqlitePath.isEmpty();
    }
    // What the database holds, to compare before and after a command that must not change it.
    QByteArray fingerprint()
    {
        if (isSqlite())
            return fileSha256(sqlitePath);
        TestDatabase db(uri);
        QStringList parts;
        for (const QVariant& table : db.column(QStringLiteral(
                 "SELECT table_name || ':' || string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position) "
                 "FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY 1")))
            parts.append(table.toString());
        if (db.tableExists(QStringLiteral("_migrations")))
            parts.append(db.column(QStringLiteral("SELECT count(*) FROM _migrations")).value(0).toString());
        return parts.join(QLatin1Char('\n')).toUtf8();
    }
};

const QMap<QString, QString> standardCatalog = {
    { QStringLiteral("0001_create_users.sql"),
      QStringLiteral("-- the first table\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n") },
    { QStringLiteral("0002_add_users_name.sql"),
      QStringLiteral("-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN name TEXT;\n") },
    { QStringLiteral("0003_create_notes.sql"),
      QStringLiteral("-- backstep: backward-compatible\nCREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER, "
                     "body TEXT);\n") },
    { QStringLiteral("0004_drop_users_name.sql"), QStringLiteral("ALTER TABLE users DROP COLUMN name;\n") },
    { QStringLiteral("0005_index_notes.sql"),
      QStringLiteral("-- backstep: backward-compatible\nCREATE INDEX notes_user ON notes (user_id);\n") },
};

QList<qint64> idsOf(const QJsonArray& array)
{
    QList<qint64> ids;
    for (const QJsonValue& value : array)
        ids.append(value.isObject() ? value.toObject().value(QStringLiteral("id")).toInteger() : value.toInteger());
    return ids;
}

QList<qint64> toIds(const QVariantList& values)
{
    QList<qint64> ids;
    for (const QVariant& value : values)
        ids.append(value.toLongLong());
    return ids;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Target> makeTarget(const QMap<QString, QString>& catalog = standardCatalog)
    {
        QFETCH_GLOBAL(QString, dialect);
        auto target = std::make_unique<Target>();
        target->catalog = target->dir.filePath(QStringLiteral("migrations"));
        QDir().mkpath(target->catalog);
        writeCatalog(target->catalog, catalog);
        if (dialect == QLatin1String("sqlite")) {
            target->sqlitePath = target->dir.filePath(QStringLiteral("app.db"));
            target->uri = QStringLiteral("sqlite:") + target->sqlitePath;
        } else {
            target->postgres = std::make_unique<ScratchPostgres>();
            if (!target->postgres->isValid())
                qFatal("%s", qPrintable(target->postgres->error()));
            target->uri = target->postgres->uri();
        }
        return target;
    }

    CliRun migrate(const Target& target, const QStringList& extra = {})
    {
        return runCli(QStringList { QStringLiteral("migrate"), QStringLiteral("--db"), target.uri,
                                    QStringLiteral("--migrations"), target.catalog, QStringLiteral("--format"),
                                    QStringLiteral("json") }
                      + extra);
    }

    CliRun check(const Target& target, const QStringList& extra = {})
    {
        return runCli(QStringList { QStringLiteral("check"), QStringLiteral("--db"), target.uri,
                                    QStringLiteral("--migrations"), target.catalog, QStringLiteral("--format"),
                                    QStringLiteral("json") }
                      + extra);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("BACKSTEP_CLI"), "run through ctest");
        QVERIFY2(ScratchPostgres::available(),
                 "BACKSTEP_TEST_PG is not set: run the tests with `make test` (tests/run-tests.sh)");
    }

    void freshMigrateRecordsEveryRow()
    {
        auto target = makeTarget();
        const CliRun run = migrate(*target, { QStringLiteral("--build-version"), QStringLiteral("2.0.0") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = run.json();
        QCOMPARE(idsOf(json.value(QStringLiteral("applied")).toArray()), (QList<qint64> { 1, 2, 3, 4, 5 }));
        QCOMPARE(json.value(QStringLiteral("succeeded")).toBool(), true);

        TestDatabase db(target->uri);
        QCOMPARE(toIds(db.column(QStringLiteral("SELECT id FROM _migrations ORDER BY id"))),
                 (QList<qint64> { 1, 2, 3, 4, 5 }));
        QCOMPARE(toIds(db.column(QStringLiteral("SELECT backward_compatible FROM _migrations ORDER BY id"))),
                 (QList<qint64> { 0, 1, 1, 0, 1 }));
        for (const QVariant& checksum : db.column(QStringLiteral("SELECT checksum FROM _migrations")))
            QCOMPARE(checksum.toString().size(), 64);
        QCOMPARE(db.column(QStringLiteral("SELECT DISTINCT applied_by FROM _migrations")),
                 (QVariantList { QStringLiteral("2.0.0") }));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM _migrations WHERE duration_ms IS NULL OR applied_at IS NULL")).toInt(), 0);
        QVERIFY(db.tableExists(QStringLiteral("notes")));
    }

    void secondRunAppliesNothing()
    {
        auto target = makeTarget();
        QCOMPARE(migrate(*target).exitCode, 0);
        const QByteArray before = target->fingerprint();
        const CliRun again = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), target->uri,
                                      QStringLiteral("--migrations"), target->catalog });
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("Up to date")), qPrintable(again.out));
        QCOMPARE(target->fingerprint(), before);
    }

    void olderBuildBootsWhenNewerRowsAreCompatible()
    {
        auto target = makeTarget();
        QCOMPARE(migrate(*target, { QStringLiteral("--up-to"), QStringLiteral("3") }).exitCode, 0);
        const QByteArray before = target->fingerprint();
        const CliRun run = check(*target, { QStringLiteral("--up-to"), QStringLiteral("1") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = run.json();
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("boot-tolerating-newer"));
        QCOMPARE(idsOf(json.value(QStringLiteral("newer")).toArray()), (QList<qint64> { 2, 3 }));
        QCOMPARE(json.value(QStringLiteral("head")).toInteger(), 3);
        QCOMPARE(json.value(QStringLiteral("build_max")).toInteger(), 1);
        QCOMPARE(target->fingerprint(), before);
    }

    void olderBuildRefusedByBreakingRow()
    {
        auto target = makeTarget();
        QCOMPARE(migrate(*target).exitCode, 0);
        const QByteArray before = target->fingerprint();
        CliRun run = check(*target, { QStringLiteral("--up-to"), QStringLiteral("1") });
        QCOMPARE(run.exitCode, 3);
        QJsonObject json = run.json();
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("refuse"));
        QCOMPARE(idsOf(json.value(QStringLiteral("blocking")).toArray()), (QList<qint64> { 4 }));
        QCOMPARE(idsOf(json.value(QStringLiteral("newer")).toArray()), (QList<qint64> { 2, 3, 4, 5 }));
        QCOMPARE(json.value(QStringLiteral("blocking")).toArray().at(0).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("flag-false"));

        run = runCli({ QStringLiteral("check"), QStringLiteral("--db"), target->uri, QStringLiteral("--migrations"),
                       target->catalog, QStringLiteral("--up-to"), QStringLiteral("3") });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.startsWith(QStringLiteral("REFUSE")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("#4 drop_users_name")), qPrintable(run.out));
        QCOMPARE(target->fingerprint(), before);

        // The migrate of an older build is refused too, and applies nothing.
        run = migrate(*target, { QStringLiteral("--up-to"), QStringLiteral("3") });
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(target->fingerprint(), before);
    }

    void legacyLedgerIsUpgradedInPlace()
    {
        auto target = makeTarget();
        {
            TestDatabase db(target->uri);
            QVERIFY2(db.exec(QStringLiteral("CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                            "applied_at TIMESTAMP)")),
                     qPrintable(db.lastError()));
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)")));
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE users ADD COLUMN name TEXT")));
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT)")));
            QVERIFY(db.exec(QStringLiteral("INSERT INTO _migrations (id, name, applied_at) VALUES "
                                           "(1, 'create_users', '2023-05-01 10:00:00'), "
                                           "(2, 'add_users_name', '2023-06-01 10:00:00'), "
                                           "(3, 'create_notes', '2023-07-01 10:00:00')")));
        }
        const QByteArray before = target->fingerprint();
        // Unknown flags are never taken as compatible: an older build is refused.
        CliRun run = check(*target, { QStringLiteral("--up-to"), QStringLiteral("1") });
        QCOMPARE(run.exitCode, 3);
        QJsonArray blocking = run.json().value(QStringLiteral("blocking")).toArray();
        QCOMPARE(idsOf(blocking), (QList<qint64> { 2, 3 }));
        QCOMPARE(blocking.at(0).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("flag-unknown"));
        QCOMPARE(target->fingerprint(), before);

        run = migrate(*target, { QStringLiteral("--build-version"), QStringLiteral("3.0") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(idsOf(run.json().value(QStringLiteral("applied")).toArray()), (QList<qint64> { 4, 5 }));

        run = runCli({ QStringLiteral("status"), QStringLiteral("--db"), target->uri, QStringLiteral("--format"),
                       QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rows = run.json().value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 5);
        QVERIFY(rows.at(0).toObject().value(QStringLiteral("backward_compatible")).isNull());
        QVERIFY(rows.at(2).toObject().value(QStringLiteral("checksum")).isNull());
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("applied_at")).toString(),
                 QStringLiteral("2023-05-01T10:00:00.000Z"));
        QCOMPARE(rows.at(3).toObject().value(QStringLiteral("backward_compatible")).toBool(true), false);
        QCOMPARE(rows.at(4).toObject().value(QStringLiteral("applied_by")).toString(), QStringLiteral("3.0"));
    }

    void failingMigrationIsRolledBack()
    {
        QMap<QString, QString> catalog = standardCatalog;
        catalog.insert(QStringLiteral("0003_create_notes.sql"),
                       QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY);\n"
                                      "INSERT INTO no_such_table VALUES (1);\n"));
        auto target = makeTarget(catalog);
        const CliRun run = migrate(*target);
        QCOMPARE(run.exitCode, 2);
        const QJsonObject failure = run.json().value(QStringLiteral("failure")).toObject();
        QCOMPARE(failure.value(QStringLiteral("id")).toInteger(), 3);
        QCOMPARE(failure.value(QStringLiteral("statement_number")).toInt(), 2);
        QCOMPARE(failure.value(QStringLiteral("line")).toInt(), 2);
        QVERIFY(failure.value(QStringLiteral("file")).toString().endsWith(QStringLiteral("0003_create_notes.sql")));
        QVERIFY2(failure.value(QStringLiteral("database_error")).toString().contains(QStringLiteral("no_such_table")),
                 qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("#3")) && run.err.contains(QStringLiteral("0003_create_notes.sql:2"))
                     && run.err.contains(QStringLiteral("statement 2")),
                 qPrintable(run.err));

        TestDatabase db(target->uri);
        QCOMPARE(toIds(db.column(QStringLiteral("SELECT id FROM _migrations ORDER BY id"))), (QList<qint64> { 1, 2 }));
        QVERIFY2(!db.tableExists(QStringLiteral("notes")), "the failed migration's first statement was not rolled back");
    }

    void driftIsReportedAndBlocksWhenStrict()
    {
        auto target = makeTarget();
        QCOMPARE(migrate(*target).exitCode, 0);
        writeCatalog(target->catalog, { { QStringLiteral("0002_add_users_name.sql"),
                                          QStringLiteral("-- backstep: backward-compatible\n"
                                                         "ALTER TABLE users ADD COLUMN name VARCHAR(80);\n") } });
        CliRun run = check(*target);
        QCOMPARE(run.exitCode, 0);
        const QJsonArray drift = run.json().value(QStringLiteral("drift")).toArray();
        QCOMPARE(idsOf(drift), (QList<qint64> { 2 }));
        QCOMPARE(drift.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("checksum"));

        run = check(*target, { QStringLiteral("--strict") });
        QCOMPARE(run.exitCode, 3);
        const QJsonArray blocking = run.json().value(QStringLiteral("blocking")).toArray();
        QCOMPARE(idsOf(blocking), (QList<qint64> { 2 }));
        QCOMPARE(blocking.at(0).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("drift"));
    }

    void concurrentRunnersApplyEachMigrationOnce()
    {
        QFETCH_GLOBAL(QString, dialect);
        QMap<QString, QString> catalog;
        const bool postgres = dialect == QLatin1String("postgres");
        for (int id = 1; id <= 25; ++id) {
            QString sql = QStringLiteral("-- backstep: backward-compatible\nCREATE TABLE t%1 (id INTEGER);\n").arg(id);
            // Slow enough on PostgreSQL that the two runners really overlap.
            if (postgres)
                sql += QStringLiteral("SELECT pg_sleep(0.01);\n");
            catalog.insert(QStringLiteral("%1_create_t%2.sql").arg(id, 4, 10, QLatin1Char('0')).arg(id), sql);
        }
        auto target = makeTarget(catalog);
        const QStringList arguments { QStringLiteral("migrate"), QStringLiteral("--db"), target->uri,
                                      QStringLiteral("--migrations"), target->catalog, QStringLiteral("--format"),
                                      QStringLiteral("json") };
        QProcess first;
        QProcess second;
        first.start(qEnvironmentVariable("BACKSTEP_CLI"), arguments);
        second.start(qEnvironmentVariable("BACKSTEP_CLI"), arguments);
        QVERIFY(first.waitForFinished(60000));
        QVERIFY(second.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 0);
        QCOMPARE(second.exitCode(), 0);

        QList<qint64> applied = idsOf(QJsonDocument::fromJson(first.readAllStandardOutput()).object().value(QStringLiteral("applied")).toArray());
        applied += idsOf(QJsonDocument::fromJson(second.readAllStandardOutput()).object().value(QStringLiteral("applied")).toArray());
        std::sort(applied.begin(), applied.end());
        QList<qint64> expected;
        for (int id = 1; id <= 25; ++id)
            expected.append(id);
        QCOMPARE(applied, expected);
        TestDatabase db(target->uri);
        QCOMPARE(toIds(db.column(QStringLiteral("SELECT id FROM _migrations ORDER BY id"))), expected);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
