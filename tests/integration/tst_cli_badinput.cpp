// Bad input gets a one-line error naming what and where, exit status 2, no crash and
// an unchanged database: on SQLite files and on the real PostgreSQL server.
#include "catalogwriter.h"
#include "clirun.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace backstep::test;

namespace {

const QMap<QString, QString> catalog = {
    { QStringLiteral("0001_create_users.sql"), QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY);\n") },
    { QStringLiteral("0002_add_name.sql"),
      QStringLiteral("-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN name TEXT;\n") },
};

// Each corrupt ledger: the table's definition and its rows, in SQL both dialects take.
struct BrokenLedger
{
    QString create;
    QString insert;
};

QString sqliteUri(const QString& path)
{
    return QStringLiteral("sqlite:") + path;
}

} // namespace

class TestCliBadInput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_catalog;

    // Runs each read command and migrate; all must fail with exit 2 naming `expected`.
    void expectEveryCommandFails(const QString& uri, const QString& expected)
    {
        const QList<QStringList> commands {
            { QStringLiteral("status"), QStringLiteral("--db"), uri },
            { QStringLiteral("check"), QStringLiteral("--db"), uri, QStringLiteral("--migrations"), m_catalog },
            { QStringLiteral("migrate"), QStringLiteral("--db"), uri, QStringLiteral("--migrations"), m_catalog },
        };
        for (const QStringList& arguments : commands) {
            const CliRun run = runCli(arguments);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.first() + QStringLiteral(": exit %1, stderr: %2").arg(run.exitCode).arg(run.err)));
            QVERIFY2(run.err.contains(expected), qPrintable(arguments.first() + QStringLiteral(": ") + run.err));
            QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
            QVERIFY(run.out.isEmpty());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
        m_catalog = m_dir.filePath(QStringLiteral("migrations"));
        writeCatalog(m_catalog, catalog);
    }

    void missingSqliteFileIsNotCreated()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.db"));
        const CliRun run = runCli({ QStringLiteral("status"), QStringLiteral("--db"), sqliteUri(path) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("no such file")) && run.err.contains(path), qPrintable(run.err));
        QVERIFY(!QFile::exists(path));
        const CliRun checked = runCli({ QStringLiteral("check"), QStringLiteral("--db"), sqliteUri(path),
                                        QStringLiteral("--migrations"), m_catalog });
        QCOMPARE(checked.exitCode, 2);
        QVERIFY(!QFile::exists(path));
    }

    void sqliteFileErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QByteArray noise(8192, '\0');
        for (char& byte : noise)
            byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
        QTest::newRow("not a database") << noise << QStringLiteral("file is not a database");
        QTest::newRow("text file") << QByteArray("id,name\n1,init\n") << QStringLiteral("file is not a database");
    }

    void sqliteFileErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("bad.db"));
        writeFile(path, content);
        const QByteArray before = fileSha256(path);
        expectEveryCommandFails(sqliteUri(path), expected);
        QCOMPARE(fileSha256(path), before);
    }

    void folderInsteadOfFile()
    {
        expectEveryCommandFails(sqliteUri(m_dir.path()), QStringLiteral("folder"));
    }

    void truncatedDatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("truncated.db"));
        {
            TestDatabase db(sqliteUri(path));
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")));
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                           "applied_at TIMESTAMP)")));
            QVERIFY(db.exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                                           "INSERT INTO filler SELECT i, printf('%0500d', i) FROM n")));
            QVERIFY(db.exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                                           "INSERT INTO _migrations SELECT i, 'm' || i, NULL FROM n")));
        }
        QFile file(path);
        QVERIFY(file.resize(file.size() / 2));
        const QByteArray before = fileSha256(path);
        const CliRun run = runCli({ QStringLiteral("status"), QStringLiteral("--db"), sqliteUri(path) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("malformed")) && run.err.contains(path), qPrintable(run.err));
        QCOMPARE(fileSha256(path), before);
    }

    void unusableUris_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown scheme") << QStringLiteral("mysql://root:hunter2@localhost/app")
                                        << QStringLiteral("unknown scheme \"mysql\"");
        QTest::newRow("bad port") << QStringLiteral("postgres://app:hunter2@localhost:99999/app")
                                  << QStringLiteral("cannot use database URI");
        QTest::newRow("unknown parameter") << QStringLiteral("postgres://app:hunter2@localhost/app?sslmod=require")
                                           << QStringLiteral("unknown connection parameter \"sslmod\"");
        QTest::newRow("no database") << QStringLiteral("postgres://app:hunter2@localhost") << QStringLiteral("no database name");
        QTest::newRow("empty sqlite path") << QStringLiteral("sqlite:") << QStringLiteral("no file path");
    }

    void unusableUris()
    {
        QFETCH(QString, uri);
        QFETCH(QString, expected);
        expectEveryCommandFails(uri, expected);
        const CliRun run = runCli({ QStringLiteral("status"), QStringLiteral("--db"), uri });
        QVERIFY2(!run.err.contains(QStringLiteral("hunter2")), qPrintable(run.err));
    }

    void postgresConnectionErrors_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("expected");
        QUrl server(ScratchPostgres::serverUri());
        QUrl missingDatabase = server;
        missingDatabase.setPath(QStringLiteral("/no_such_database"));
        QTest::newRow("no such database") << missingDatabase.toString() << QStringLiteral("no_such_database");
        // Nothing listens on port 1 of the loopback address.
        QUrl refused = server;
        refused.setPort(1);
        QTest::newRow("refused") << refused.toString() << QStringLiteral("127.0.0.1");
        // tests/run-tests.sh makes this role authenticate with a password (scram-sha-256).
        QUrl wrongPassword = server;
        wrongPassword.setUserName(QStringLiteral("backstep_password_test"));
        wrongPassword.setPassword(QStringLiteral("wrong-secret"));
        QTest::newRow("wrong password") << wrongPassword.toString() << QStringLiteral("password authentication failed");
    }

    void postgresConnectionErrors()
    {
        QFETCH(QString, uri);
        QFETCH(QString, expected);
        {
            TestDatabase server(ScratchPostgres::serverUri());
            server.exec(QStringLiteral("DO $$ BEGIN CREATE ROLE backstep_password_test LOGIN PASSWORD 'right-secret'; "
                                       "EXCEPTION WHEN duplicate_object THEN NULL; END $$"));
        }
        expectEveryCommandFails(uri, expected);
        const CliRun run = runCli({ QStringLiteral("status"), QStringLiteral("--db"), uri });
        QVERIFY2(!run.err.contains(QStringLiteral("wrong-secret")), qPrintable(run.err));
    }

    void brokenLedgers_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("create");
        QTest::addColumn<QString>("insert");
        QTest::addColumn<QString>("expected");
        const QString untyped = QStringLiteral("CREATE TABLE _migrations (id TEXT, name TEXT, applied_at TEXT)");
        const QString noPrimaryKey = QStringLiteral("CREATE TABLE _migrations (id INTEGER, name TEXT, applied_at TEXT)");
        for (const QString& dialect : { QStringLiteral("sqlite"), QStringLiteral("postgres") }) {
            const QByteArray tag = dialect.toUtf8();
            QTest::addRow("%s%s", tag.constData(), " non-integer id") << dialect << untyped
                                                   << QStringLiteral("INSERT INTO _migrations VALUES ('1', 'a', NULL), ('abc', 'b', NULL)")
                                                   << QStringLiteral("row 2 has id \"abc\", not a positive integer");
            QTest::addRow("%s%s", tag.constData(), " zero id") << dialect << noPrimaryKey
                                            << QStringLiteral("INSERT INTO _migrations VALUES (0, 'a', NULL)")
                                            << QStringLiteral("not a positive integer");
            QTest::addRow("%s%s", tag.constData(), " duplicate id") << dialect << noPrimaryKey
                                                 << QStringLiteral("INSERT INTO _migrations VALUES (1, 'a', NULL), (2, 'b', NULL), (1, 'c', NULL)")
                                                 << QStringLiteral("id 1 appears twice");
            QTest::addRow("%s%s", tag.constData(), " NULL id") << dialect << noPrimaryKey
                                            << QStringLiteral("INSERT INTO _migrations VALUES (NULL, 'a', NULL)")
                                            << QStringLiteral("row 1 has a NULL id");
            QTest::addRow("%s%s", tag.constData(), " NULL name") << dialect << noPrimaryKey
                                              << QStringLiteral("INSERT INTO _migrations VALUES (1, 'a', NULL), (2, NULL, NULL)")
                                              << QStringLiteral("row with id 2 has a NULL name");
            QTest::addRow("%s%s", tag.constData(), " bad flag") << dialect
                                             << QStringLiteral("CREATE TABLE _migrations (id INTEGER, name TEXT, applied_at TEXT, backward_compatible INTEGER)")
                                             << QStringLiteral("INSERT INTO _migrations VALUES (1, 'a', NULL, 7)")
                                             << QStringLiteral("backward_compatible \"7\"");
            QTest::addRow("%s%s", tag.constData(), " no id column") << dialect << QStringLiteral("CREATE TABLE _migrations (version INTEGER, name TEXT)")
                                                 << QStringLiteral("INSERT INTO _migrations VALUES (1, 'a')")
                                                 << QStringLiteral("no id column");
            QTest::addRow("%s%s", tag.constData(), " missing table") << dialect << QStringLiteral("CREATE TABLE other (id INTEGER)")
                                                  << QString() << QStringLiteral("no such table");
        }
    }

    // Status and check report the broken row; migrate reports it too, and changes nothing.
    void brokenLedgers()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, create);
        QFETCH(QString, insert);
        QFETCH(QString, expected);
        std::unique_ptr<ScratchPostgres> postgres;
        QString uri;
        const QString path = m_dir.filePath(QStringLiteral("ledger-%1.db").arg(QRandomGenerator::global()->generate()));
        if (dialect == QLatin1String("sqlite")) {
            uri = sqliteUri(path);
        } else {
            postgres = std::make_unique<ScratchPostgres>();
            QVERIFY2(postgres->isValid(), qPrintable(postgres->error()));
            uri = postgres->uri();
        }
        {
            TestDatabase db(uri);
            QVERIFY2(db.exec(create), qPrintable(db.lastError()));
            if (!insert.isEmpty())
                QVERIFY2(db.exec(insert), qPrintable(db.lastError()));
        }
        const QByteArray before = dialect == QLatin1String("sqlite") ? fileSha256(path) : QByteArray();
        if (expected == QLatin1String("no such table")) {
            // migrate creates a missing ledger; only the read-only commands call it an error.
            for (const QString& command : { QStringLiteral("status"), QStringLiteral("check") }) {
                const CliRun run = runCli({ command, QStringLiteral("--db"), uri, QStringLiteral("--migrations"), m_catalog });
                QCOMPARE(run.exitCode, 2);
                QVERIFY2(run.err.contains(expected) && run.err.contains(QStringLiteral("_migrations")), qPrintable(run.err));
            }
        } else {
            expectEveryCommandFails(uri, expected);
        }
        if (dialect == QLatin1String("sqlite")) {
            QCOMPARE(fileSha256(path), before);
        } else {
            TestDatabase db(uri);
            QVERIFY(!db.tableExists(QStringLiteral("users")));
        }
    }

    void badCatalogNeverTouchesTheDatabase()
    {
        const QString folder = m_dir.filePath(QStringLiteral("bad-catalog"));
        writeCatalog(folder, { { QStringLiteral("0001_a.sql"), QStringLiteral("CREATE TABLE a (id INTEGER);\n") },
                               { QStringLiteral("1_b.sql"), QStringLiteral("CREATE TABLE b (id INTEGER);\n") } });
        const QString path = m_dir.filePath(QStringLiteral("never-created.db"));
        const CliRun run = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), sqliteUri(path),
                                    QStringLiteral("--migrations"), folder });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("1_b.sql")) || run.err.contains(QStringLiteral("0001_a.sql")), qPrintable(run.err));
        QVERIFY(!QFile::exists(path));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << QStringLiteral("unknown command");
        QTest::newRow("no --db") << QStringList { QStringLiteral("status") } << QStringLiteral("--db URI is required");
        QTest::newRow("check without catalog") << QStringList { QStringLiteral("check"), QStringLiteral("--db"), QStringLiteral("sqlite:x.db") }
                                               << QStringLiteral("--migrations DIR is required");
        QTest::newRow("bad format") << QStringList { QStringLiteral("status"), QStringLiteral("--db"), QStringLiteral("sqlite:x.db"), QStringLiteral("--format"), QStringLiteral("xml") }
                                    << QStringLiteral("--format must be one of text, json, not \"xml\"");
        QTest::newRow("bad up-to") << QStringList { QStringLiteral("check"), QStringLiteral("--db"), QStringLiteral("sqlite:x.db"), QStringLiteral("--migrations"), QStringLiteral("."), QStringLiteral("--up-to"), QStringLiteral("x") }
                                   << QStringLiteral("--up-to must be a migration id");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("status"), QStringLiteral("--bogus") } << QStringLiteral("bogus");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_cli_badinput.moc"
