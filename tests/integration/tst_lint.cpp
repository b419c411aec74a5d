// backstep-cli lint end to end: exit statuses, the JSON and SARIF shapes, replay
// failures, both dialects (PostgreSQL replayed on the test server with --scratch).
#include "catalogwriter.h"
#include "clirun.h"
#include "scratchpostgres.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace backstep::test;

namespace {

QString demoCatalog()
{
    return QStringLiteral(BACKSTEP_SOURCE_DIR "/resources/demo/migrations");
}

QJsonObject migration(const QJsonObject& lint, qint64 id, const QString& dialect)
{
    for (const QJsonValue& value : lint.value(QStringLiteral("migrations")).toArray()) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("id")).toInteger() == id
            && object.value(QStringLiteral("dialect")).toString() == dialect)
            return object;
    }
    return {};
}

QStringList rulesOf(const QJsonObject& migration)
{
    QStringList rules;
    for (const QJsonValue& finding : migration.value(QStringLiteral("findings")).toArray())
        rules.append(finding.toObject().value(QStringLiteral("rule")).toString());
    return rules;
}

} // namespace

class TestLint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QStringList scratch() const
    {
        return { QStringLiteral("--scratch"), ScratchPostgres::serverUri() };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
    }

    void demoIsMislabelledInBothDialects()
    {
        const CliRun run = runCli(QStringList { QStringLiteral("lint"), demoCatalog(), QStringLiteral("--format"),
                                                QStringLiteral("json") }
                                  + scratch());
        QCOMPARE(run.exitCode, 3);
        const QJsonObject lint = run.json();
        QCOMPARE(lint.value(QStringLiteral("migrations")).toArray().size(), 2 * 37);
        for (const QString& dialect : { QStringLiteral("sqlite"), QStringLiteral("postgres") }) {
            QSet<qint64> mislabelled;
            QSet<qint64> overCautious;
            for (qint64 id = 1; id <= 37; ++id) {
                const QJsonObject entry = migration(lint, id, dialect);
                QCOMPARE(entry.value(QStringLiteral("method")).toString(), QStringLiteral("replay"));
                if (entry.value(QStringLiteral("mislabelled")).toBool())
                    mislabelled.insert(id);
                if (entry.value(QStringLiteral("over_cautious")).toBool())
                    overCautious.insert(id);
            }
            // The answer key of resources/demo/README.md.
            QCOMPARE(mislabelled, (QSet<qint64> { 24, 30 }));
            QCOMPARE(overCautious, (QSet<qint64> { 11 }));
            const QJsonObject rename = migration(lint, 24, dialect);
            QCOMPARE(rename.value(QStringLiteral("verdict")).toString(), QStringLiteral("breaking"));
            QVERIFY(rulesOf(rename).contains(QStringLiteral("rename-column")));
            const QJsonObject finding = rename.value(QStringLiteral("findings")).toArray().first().toObject();
            QVERIFY(finding.value(QStringLiteral("line")).toInt() > 0);
            QCOMPARE(finding.value(QStringLiteral("statement")).toInt(), 1);
        }
        QCOMPARE(migration(lint, 27, QStringLiteral("sqlite")).value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("breaking"));
    }

    void truthfulCatalogPasses()
    {
        const QString folder = m_dir.filePath(QStringLiteral("truthful"));
        writeCatalog(folder, { { QStringLiteral("0001_users.sql"),
                                 QStringLiteral("-- backstep: backward-compatible\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n") },
                               { QStringLiteral("0002_drop_name.sql"), QStringLiteral("ALTER TABLE users DROP COLUMN name;\n") },
                               { QStringLiteral("0003_email.sql"),
                                 QStringLiteral("-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN email TEXT;\n") } });
        const CliRun run = runCli(QStringList { QStringLiteral("lint"), folder } + scratch());
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("6 migration(s) analysed, 0 mislabelled, 0 without a verdict.")),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("#2 drop_name: BREAKING")));
    }

    void singleDialectCatalogSkipsTheOther()
    {
        const QString folder = m_dir.filePath(QStringLiteral("sqlite-only"));
        writeCatalog(folder, { { QStringLiteral("0001_users.sqlite.sql"), QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY);\n") },
                               { QStringLiteral("0002_email.sqlite.sql"),
                                 QStringLiteral("-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN email TEXT;\n") } });
        CliRun run = runCli({ QStringLiteral("lint"), folder });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("postgres: skipped")), qPrintable(run.err));
        // Asked for by name, the missing dialect is an error.
        run = runCli({ QStringLiteral("lint"), folder, QStringLiteral("--dialect"), QStringLiteral("postgres") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("no up SQL for postgres")), qPrintable(run.err));
        // A catalog that lacks the dialect for some migrations only is broken.
        writeCatalog(folder, { { QStringLiteral("0003_name.sql"), QStringLiteral("ALTER TABLE users ADD COLUMN name TEXT;\n") } });
        run = runCli({ QStringLiteral("lint"), folder });
        QCOMPARE(run.exitCode, 2);
    }

    void strictProfileMakesNewColumnsCaution()
    {
        const QString folder = m_dir.filePath(QStringLiteral("strict"));
        writeCatalog(folder, { { QStringLiteral("0001_users.sql"), QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY);\n") },
                               { QStringLiteral("0002_email.sql"),
                                 QStringLiteral("-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN email TEXT;\n") } });
        CliRun run = runCli({ QStringLiteral("lint"), folder, QStringLiteral("--dialect"), QStringLiteral("sqlite"),
                              QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(migration(run.json(), 2, QStringLiteral("sqlite")).value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("compatible"));
        run = runCli({ QStringLiteral("lint"), folder, QStringLiteral("--dialect"), QStringLiteral("sqlite"),
                       QStringLiteral("--profile"), QStringLiteral("strict"), QStringLiteral("--format"),
                       QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(migration(run.json(), 2, QStringLiteral("sqlite")).value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("caution"));
    }

    void sarifForCodeScanning()
    {
        const CliRun run = runCli({ QStringLiteral("lint"), demoCatalog(), QStringLiteral("--dialect"),
                                    QStringLiteral("sqlite"), QStringLiteral("--format"), QStringLiteral("sarif") });
        QCOMPARE(run.exitCode, 3);
        const QJsonObject sarif = run.json();
        QCOMPARE(sarif.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        const QJsonObject sarifRun = sarif.value(QStringLiteral("runs")).toArray().first().toObject();
        const QJsonObject driver = sarifRun.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
        QCOMPARE(driver.value(QStringLiteral("name")).toString(), QStringLiteral("backstep"));
        QSet<QString> ruleIds;
        for (const QJsonValue& rule : driver.value(QStringLiteral("rules")).toArray())
            ruleIds.insert(rule.toObject().value(QStringLiteral("id")).toString());
        int mislabelled = 0;
        for (const QJsonValue& value : sarifRun.value(QStringLiteral("results")).toArray()) {
            const QJsonObject result = value.toObject();
            const QString ruleId = result.value(QStringLiteral("ruleId")).toString();
            QVERIFY2(ruleIds.contains(ruleId), qPrintable(ruleId));
            const QJsonObject location = result.value(QStringLiteral("locations")).toArray().first().toObject()
                                             .value(QStringLiteral("physicalLocation")).toObject();
            const QString uri = location.value(QStringLiteral("artifactLocation")).toObject().value(QStringLiteral("uri")).toString();
            QVERIFY2(uri.endsWith(QStringLiteral(".sql")) && !uri.startsWith(QLatin1Char('/')), qPrintable(uri));
            QVERIFY(location.value(QStringLiteral("region")).toObject().value(QStringLiteral("startLine")).toInt() >= 1);
            if (ruleId == QLatin1String("mislabelled")) {
                QCOMPARE(result.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
                ++mislabelled;
            }
        }
        QCOMPARE(mislabelled, 2);
    }

    void replayFailureGetsNoVerdict_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void replayFailureGetsNoVerdict()
    {
        QFETCH(QString, dialect);
        const QString folder = m_dir.filePath(QStringLiteral("broken-") + dialect);
        writeCatalog(folder, { { QStringLiteral("0001_users.sql"), QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY);\n") },
                               { QStringLiteral("0002_orders.sql"),
                                 QStringLiteral("-- the table it alters does not exist\nALTER TABLE orders ADD COLUMN note TEXT;\n") },
                               { QStringLiteral("0003_more.sql"), QStringLiteral("ALTER TABLE users ADD COLUMN email TEXT;\n") } });
        const CliRun run = runCli(QStringList { QStringLiteral("lint"), folder, QStringLiteral("--dialect"), dialect,
                                                QStringLiteral("--format"), QStringLiteral("json") }
                                  + scratch());
        QCOMPARE(run.exitCode, 2);
        const QJsonObject failed = migration(run.json(), 2, dialect);
        QVERIFY(failed.value(QStringLiteral("verdict")).isNull());
        const QString problem = failed.value(QStringLiteral("problem")).toString();
        QVERIFY2(problem.contains(QStringLiteral("0002_orders.sql:2")) && problem.contains(QStringLiteral("statement 1"))
                     && problem.contains(QStringLiteral("orders")),
                 qPrintable(problem));
        const QJsonObject after = migration(run.json(), 3, dialect);
        QVERIFY(after.value(QStringLiteral("verdict")).isNull());
        QVERIFY(after.value(QStringLiteral("problem")).toString().startsWith(QStringLiteral("not replayed")));
        QCOMPARE(migration(run.json(), 1, dialect).value(QStringLiteral("verdict")).toString(), QStringLiteral("compatible"));
    }

    void postgresWithoutScratchUsesTheParser()
    {
        const CliRun run = runCli({ QStringLiteral("lint"), demoCatalog(), QStringLiteral("--dialect"),
                                    QStringLiteral("postgres"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 3);
        const QJsonObject lint = run.json();
        QVERIFY(lint.value(QStringLiteral("notes")).toArray().first().toString().contains(QStringLiteral("statement rules only")));
        const QJsonObject rename = migration(lint, 24, QStringLiteral("postgres"));
        QCOMPARE(rename.value(QStringLiteral("method")).toString(), QStringLiteral("statement-rules"));
        QVERIFY(rename.value(QStringLiteral("mislabelled")).toBool());
    }

    void postgresSyntaxErrorNamesTheLine()
    {
        const QString folder = m_dir.filePath(QStringLiteral("syntax"));
        writeCatalog(folder, { { QStringLiteral("0001_users.postgres.sql"),
                                 QStringLiteral("-- header\nCREATE TABLE users (id integer);\nALTER TABLE users ADD COLUMN email texx(;\n") } });
        const CliRun run = runCli({ QStringLiteral("lint"), folder, QStringLiteral("--dialect"), QStringLiteral("postgres"),
                                    QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 2);
        const QString problem = migration(run.json(), 1, QStringLiteral("postgres")).value(QStringLiteral("problem")).toString();
        QVERIFY2(problem.contains(QStringLiteral("line 3")) && problem.contains(QStringLiteral("syntax error")), qPrintable(problem));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no folder") << QStringList { QStringLiteral("lint") } << QStringLiteral("DIR is required");
        QTest::newRow("missing folder") << QStringList { QStringLiteral("lint"), QStringLiteral("/nonexistent/catalog") }
                                        << QStringLiteral("catalog folder does not exist");
        QTest::newRow("bad dialect") << QStringList { QStringLiteral("lint"), QStringLiteral("."), QStringLiteral("--dialect"), QStringLiteral("mysql") }
                                     << QStringLiteral("--dialect must be");
        QTest::newRow("bad profile") << QStringList { QStringLiteral("lint"), QStringLiteral("."), QStringLiteral("--profile"), QStringLiteral("lax") }
                                     << QStringLiteral("--profile must be");
        QTest::newRow("unreachable scratch") << QStringList { QStringLiteral("lint"), demoCatalog(), QStringLiteral("--dialect"), QStringLiteral("postgres"),
                                                              QStringLiteral("--scratch"), QStringLiteral("postgres://u:pw-secret@127.0.0.1:1/postgres") }
                                             << QStringLiteral("127.0.0.1");
    }

    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY(!run.err.contains(QStringLiteral("pw-secret")));
    }
};

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
