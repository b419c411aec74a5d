// backstep-cli simulate end to end, on SQLite files and on the real PostgreSQL server:
// a rollback rehearsed across additive, mislabelled, renaming and index-dropping newer
// migrations, the down path with and without down SQL, and bad input. Every rehearsal
// must leave the database as it was: byte for byte on SQLite, schema and rows on
// PostgreSQL.
#include "catalogwriter.h"
#include "clirun.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

#include <memory>

using namespace backstep::test;

namespace {

// What build 1.0.0 knows: users with a unique email, notes that belong to a user.
const QMap<QString, QString> baseCatalog = {
    { QStringLiteral("0001_create_users.sql"),
      QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);\n") },
    { QStringLiteral("0002_create_notes.sql"),
      QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), "
                     "body TEXT NOT NULL);\n") },
    { QStringLiteral("0003_unique_email.sql"), QStringLiteral("CREATE UNIQUE INDEX users_email ON users (email);\n") },
};

const QString compatible = QStringLiteral("-- backstep: backward-compatible\n");

const QMap<QString, QString> additive = {
    { QStringLiteral("0004_add_notes_pinned.sql"), compatible + QStringLiteral("ALTER TABLE notes ADD COLUMN pinned INTEGER;\n") },
    { QStringLiteral("0005_create_tags.sql"),
      compatible + QStringLiteral("CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);\n") },
};

// Declared compatible, but a NOT NULL column without a default breaks the older build's inserts.
const QMap<QString, QString> requiredColumn = {
    { QStringLiteral("0004_notes_priority.sqlite.sql"),
      compatible
          + QStringLiteral("CREATE TABLE notes_new (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), "
                           "body TEXT NOT NULL, priority INTEGER NOT NULL);\n"
                           "INSERT INTO notes_new (id, user_id, body, priority) SELECT id, user_id, body, 0 FROM notes;\n"
                           "DROP TABLE notes;\n"
                           "ALTER TABLE notes_new RENAME TO notes;\n") },
    { QStringLiteral("0004_notes_priority.postgres.sql"),
      compatible
          + QStringLiteral("ALTER TABLE notes ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;\n"
                           "ALTER TABLE notes ALTER COLUMN priority DROP DEFAULT;\n") },
};

const QMap<QString, QString> renamedColumn = {
    { QStringLiteral("0004_rename_notes_body.sql"), QStringLiteral("ALTER TABLE notes RENAME COLUMN body TO content;\n") },
};

const QMap<QString, QString> renameDown = {
    { QStringLiteral("0004_rename_notes_body.down.sql"),
      QStringLiteral("ALTER TABLE notes RENAME COLUMN content TO body;\n") },
};

// Declared compatible: the older build's INSERT … ON CONFLICT (email) has no target any more.
const QMap<QString, QString> droppedUnique = {
    { QStringLiteral("0004_drop_users_email_unique.sql"), compatible + QStringLiteral("DROP INDEX users_email;\n") },
};

QMap<QString, QString> merged(std::initializer_list<QMap<QString, QString>> parts)
{
    QMap<QString, QString> all = baseCatalog;
    for (const auto& part : parts)
        all.insert(part);
    return all;
}

QJsonObject tableEntry(const QJsonValue& probe, const QString& table)
{
    for (const QJsonValue& entry : probe.toObject().value(QStringLiteral("tables")).toArray()) {
        if (entry.toObject().value(QStringLiteral("table")).toString() == table)
            return entry.toObject();
    }
    return {};
}

QStringList issueKinds(const QJsonObject& table)
{
    QStringList kinds;
    for (const QJsonValue& issue : table.value(QStringLiteral("issues")).toArray())
        kinds.append(issue.toObject().value(QStringLiteral("kind")).toString());
    return kinds;
}

// A database for one test, migrated by backstep-cli with the catalog, and seeded.
struct Target
{
    QTemporaryDir dir;
    std::unique_ptr<ScratchPostgres> postgres;
    QString uri;
    QString sqlitePath;
    QString catalog;
    QString builds;

    bool isSqlite() const
    {
        return !sqlitePath.isEmpty();
    }
    QStringList scratchArguments() const
    {
        return isSqlite() ? QStringList() : QStringList { QStringLiteral("--scratch"), ScratchPostgres::serverUri() };
    }
    // SQLite: the file's bytes. PostgreSQL: every column of every table, and every row.
    QByteArray fingerprint()
    {
        if (isSqlite())
            return fileSha256(sqlitePath);
        TestDatabase db(uri);
        QStringList parts;
        const QVariantList tables = db.column(QStringLiteral(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"));
        for (const QVariant& table : tables) {
            parts += db.column(QStringLiteral("SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable "
                                              "|| ' ' || coalesce(column_default, ''), ',' ORDER BY ordinal_position) "
                                              "FROM information_schema.columns WHERE table_name = ?"),
                               { table })
                         .value(0)
                         .toString();
            parts += db.column(QStringLiteral("SELECT string_agg(t::text, ';' ORDER BY t::text) FROM \"%1\" t")
                                   .arg(table.toString()))
                         .value(0)
                         .toString();
        }
        parts += db.column(QStringLiteral("SELECT string_agg(indexname || indexdef, ';' ORDER BY indexname) FROM pg_indexes "
                                          "WHERE schemaname = 'public'"))
                     .value(0)
                     .toString();
        return parts.join(QLatin1Char('\n')).toUtf8();
    }
};

} // namespace

class TestSimulate : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Target> makeTarget(const QMap<QString, QString>& catalog, bool seed = true)
    {
        QFETCH_GLOBAL(QString, dialect);
        auto target = std::make_unique<Target>();
        target->catalog = target->dir.filePath(QStringLiteral("migrations"));
        writeCatalog(target->catalog, catalog);
        target->builds = target->dir.filePath(QStringLiteral("builds.json"));
        writeFile(target->builds,
                  QByteArrayLiteral("[{\"version\": \"1.0.0\", \"max_id\": 3}, {\"version\": \"2.0.0\", \"max_id\": 5}]"));
        if (dialect == QLatin1String("sqlite")) {
            target->sqlitePath = target->dir.filePath(QStringLiteral("app.db"));
            target->uri = QStringLiteral("sqlite:") + target->sqlitePath;
        } else {
            target->postgres = std::make_unique<ScratchPostgres>();
            if (!target->postgres->isValid())
                qFatal("%s", qPrintable(target->postgres->error()));
            target->uri = target->postgres->uri();
        }
        // The older build's rows first, then the newer migrations on top of them.
        const CliRun older = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), target->uri,
                                      QStringLiteral("--migrations"), target->catalog, QStringLiteral("--up-to"),
                                      QStringLiteral("3") });
        if (older.exitCode != 0)
            qFatal("migrate --up-to 3 failed: %s", qPrintable(older.err));
        if (seed) {
            TestDatabase db(target->uri);
            if (!db.exec(QStringLiteral("INSERT INTO users (id, email) VALUES (1, 'ada@example.org'), (2, 'bob@example.org')"))
                || !db.exec(QStringLiteral("INSERT INTO notes (id, user_id, body) VALUES (1, 1, 'first')")))
                qFatal("seeding failed: %s", qPrintable(db.lastError()));
        }
        const CliRun newer = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), target->uri,
                                      QStringLiteral("--migrations"), target->catalog });
        if (newer.exitCode != 0)
            qFatal("migrate failed: %s", qPrintable(newer.err));
        return target;
    }

    CliRun simulate(Target& target, const QStringList& extra = {})
    {
        return runCli(QStringList { QStringLiteral("simulate"), QStringLiteral("--db"), target.uri,
                                    QStringLiteral("--migrations"), target.catalog, QStringLiteral("--builds"),
                                    target.builds, QStringLiteral("--to-build"), QStringLiteral("1.0.0"),
                                    QStringLiteral("--format"), QStringLiteral("json") }
                      + target.scratchArguments() + extra);
    }

    // Runs simulate and checks that it left the database exactly as it was.
    QJsonObject simulateUnchanged(Target& target, int expectedExit, const QStringList& extra = {})
    {
        const QByteArray before = target.fingerprint();
        const CliRun run = simulate(target, extra);
        if (run.exitCode != expectedExit)
            qWarning("exit %d, stderr: %s\nstdout: %s", run.exitCode, qPrintable(run.err), qPrintable(run.out));
        [&] { QCOMPARE(run.exitCode, expectedExit); }();
        [&] { QCOMPARE(target.fingerprint(), before); }();
        const QJsonObject json = run.json();
        [&] { QCOMPARE(json.value(QStringLiteral("database_unchanged")).toBool(), true); }();
        if (target.isSqlite()) {
            // No copy, journal or WAL file left beside the database.
            [&] { QCOMPARE(QDir(target.dir.path()).entryList({ QStringLiteral("app.db*") }, QDir::Files),
                           QStringList { QStringLiteral("app.db") }); }();
        }
        return json;
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

    void additiveNewerMigrationsBootAndEveryProbePasses()
    {
        auto target = makeTarget(merged({ additive }));
        const QJsonObject json = simulateUnchanged(*target, 0);
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("boot-tolerating-newer"));
        QCOMPARE(json.value(QStringLiteral("works")).toBool(), true);
        const QJsonValue schema = json.value(QStringLiteral("schema_probe"));
        QCOMPARE(schema.toObject().value(QStringLiteral("passes")).toBool(), true);
        QCOMPARE(tableEntry(schema, QStringLiteral("users")).value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(tableEntry(schema, QStringLiteral("notes")).value(QStringLiteral("status")).toString(), QStringLiteral("harmless"));
        QCOMPARE(issueKinds(tableEntry(schema, QStringLiteral("notes"))), QStringList { QStringLiteral("extra-column") });
        QCOMPARE(issueKinds(tableEntry(schema, QStringLiteral("tags"))), QStringList { QStringLiteral("extra-table") });
        const QJsonValue rw = json.value(QStringLiteral("rw_probe"));
        QCOMPARE(rw.toObject().value(QStringLiteral("tables")).toArray().size(), 2); // the build's tables only
        for (const QString& table : { QStringLiteral("users"), QStringLiteral("notes") }) {
            const QJsonObject entry = tableEntry(rw, table);
            for (const QString& probe : { QStringLiteral("select"), QStringLiteral("insert"), QStringLiteral("update"),
                                          QStringLiteral("upsert") })
                QCOMPARE(entry.value(probe).toString(), QStringLiteral("ok"));
        }
        QCOMPARE(json.value(QStringLiteral("down_path")).toObject().value(QStringLiteral("needed")).toBool(), false);
    }

    void emptyTablesGetSyntheticParents()
    {
        // No user exists: the notes insert needs a parent row made for it.
        auto target = makeTarget(merged({ additive }), false);
        const QJsonObject json = simulateUnchanged(*target, 0);
        QCOMPARE(tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("notes")).value(QStringLiteral("insert")).toString(),
                 QStringLiteral("ok"));
    }

    void mislabelledNotNullColumnIsCaughtByTheWriteProbe()
    {
        auto target = makeTarget(merged({ requiredColumn }));
        // Trusting the recorded flag, the gate lets the build boot: the write probe must catch it.
        QJsonObject json = simulateUnchanged(*target, 3, { QStringLiteral("--no-analysis") });
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("boot-tolerating-newer"));
        QCOMPARE(json.value(QStringLiteral("works")).toBool(), false);
        const QJsonObject schemaNotes = tableEntry(json.value(QStringLiteral("schema_probe")), QStringLiteral("notes"));
        QCOMPARE(schemaNotes.value(QStringLiteral("status")).toString(), QStringLiteral("writes-fail"));
        QVERIFY(issueKinds(schemaNotes).contains(QStringLiteral("new-required-column")));
        const QJsonObject rwNotes = tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("notes"));
        QCOMPARE(rwNotes.value(QStringLiteral("select")).toString(), QStringLiteral("ok"));
        const QString insert = rwNotes.value(QStringLiteral("insert")).toString();
        const bool notNull = insert.contains(QStringLiteral("NOT NULL"), Qt::CaseInsensitive)
            || insert.contains(QStringLiteral("not-null")); // SQLite's and PostgreSQL's words
        QVERIFY2(insert.contains(QStringLiteral("priority")) && notNull, qPrintable(insert));
        // The users table is untouched by the migration and still passes.
        QCOMPARE(tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("users")).value(QStringLiteral("insert")).toString(),
                 QStringLiteral("ok"));

        // With analysis, the gate itself finds the flag mislabelled.
        json = simulateUnchanged(*target, 3);
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("refuse"));
        QCOMPARE(json.value(QStringLiteral("blocking")).toArray().at(0).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("mislabelled"));
    }

    void renamedColumnFailsSchemaAndReadProbes()
    {
        auto target = makeTarget(merged({ renamedColumn }));
        const QJsonObject json = simulateUnchanged(*target, 3, { QStringLiteral("--rehearse") });
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("refuse"));
        QCOMPARE(json.value(QStringLiteral("probes_ran")).toBool(), true);
        const QJsonObject schemaNotes = tableEntry(json.value(QStringLiteral("schema_probe")), QStringLiteral("notes"));
        QCOMPARE(schemaNotes.value(QStringLiteral("status")).toString(), QStringLiteral("reads-fail"));
        QCOMPARE(issueKinds(schemaNotes), QStringList { QStringLiteral("renamed-column") });
        const QString select = tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("notes"))
                                   .value(QStringLiteral("select"))
                                   .toString();
        QVERIFY2(select.contains(QStringLiteral("body")) && select != QLatin1String("ok"), qPrintable(select));
        QCOMPARE(tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("users")).value(QStringLiteral("select")).toString(),
                 QStringLiteral("ok"));
    }

    void droppedUniqueIndexBreaksOnConflict()
    {
        auto target = makeTarget(merged({ droppedUnique }));
        const QJsonObject json = simulateUnchanged(*target, 3, { QStringLiteral("--no-analysis") });
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("boot-tolerating-newer"));
        const QJsonObject schemaUsers = tableEntry(json.value(QStringLiteral("schema_probe")), QStringLiteral("users"));
        QCOMPARE(issueKinds(schemaUsers), QStringList { QStringLiteral("dropped-unique") });
        const QJsonObject rwUsers = tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("users"));
        QCOMPARE(rwUsers.value(QStringLiteral("insert")).toString(), QStringLiteral("ok"));
        const QString upsert = rwUsers.value(QStringLiteral("upsert")).toString();
        QVERIFY2(upsert.contains(QStringLiteral("ON CONFLICT"), Qt::CaseInsensitive), qPrintable(upsert));
        QCOMPARE(tableEntry(json.value(QStringLiteral("rw_probe")), QStringLiteral("notes")).value(QStringLiteral("upsert")).toString(),
                 QStringLiteral("ok"));
    }

    void downPathWithDownSqlMakesTheBuildWork()
    {
        auto target = makeTarget(merged({ renamedColumn, renameDown }));
        const QJsonObject json = simulateUnchanged(*target, 3);
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("refuse"));
        QCOMPARE(json.value(QStringLiteral("probes_ran")).toBool(), false);
        QVERIFY(json.value(QStringLiteral("rw_probe")).isNull());
        const QJsonObject path = json.value(QStringLiteral("down_path")).toObject();
        QCOMPARE(path.value(QStringLiteral("needed")).toBool(), true);
        QCOMPARE(path.value(QStringLiteral("possible")).toBool(), true);
        QCOMPARE(path.value(QStringLiteral("boots_after")).toBool(), true);
        const QJsonArray steps = path.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("id")).toInteger(), 4);
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("has_down")).toBool(), true);
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
        QCOMPARE(path.value(QStringLiteral("rw_probe_after")).toObject().value(QStringLiteral("passes")).toBool(), true);
        QCOMPARE(tableEntry(path.value(QStringLiteral("schema_probe_after")), QStringLiteral("notes")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
    }

    // The issue's repro: a newer migration whose down script is written the way many
    // are, wrapped in its own BEGIN … COMMIT. The envelope is taken off and the body
    // runs in the rehearsal's transaction, so the column and the rows come back.
    void downScriptInItsOwnTransactionChangesNothing()
    {
        const QMap<QString, QString> colour = {
            { QStringLiteral("0004_notes_colour.sql"), QStringLiteral("ALTER TABLE notes ADD COLUMN colour TEXT;\n") },
            { QStringLiteral("0004_notes_colour.down.sql"),
              QStringLiteral("BEGIN;\nALTER TABLE notes DROP COLUMN colour;\nDELETE FROM notes;\nCOMMIT;\n") },
        };
        auto target = makeTarget(merged({ colour }));
        const QJsonObject json = simulateUnchanged(*target, 3);
        const QJsonArray steps = json.value(QStringLiteral("down_path")).toObject().value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    }

    // Transaction control anywhere else in a down script: the step is refused before
    // any of it runs, naming the statement, and the rehearsal goes on.
    void transactionControlInADownScriptIsRefused_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("what");
        QTest::newRow("commit") << QStringLiteral("COMMIT") << QStringLiteral("COMMIT");
        QTest::newRow("end") << QStringLiteral("END") << QStringLiteral("END");
        QTest::newRow("rollback") << QStringLiteral("ROLLBACK") << QStringLiteral("ROLLBACK");
        QTest::newRow("begin") << QStringLiteral("BEGIN") << QStringLiteral("BEGIN");
        QTest::newRow("savepoint") << QStringLiteral("SAVEPOINT s") << QStringLiteral("SAVEPOINT");
        QTest::newRow("release") << QStringLiteral("RELEASE SAVEPOINT backstep_down_step") << QStringLiteral("RELEASE SAVEPOINT");
        QTest::newRow("rollback to") << QStringLiteral("ROLLBACK TO SAVEPOINT backstep_down_step")
                                     << QStringLiteral("ROLLBACK TO SAVEPOINT");
    }

    void transactionControlInADownScriptIsRefused()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QString, statement);
        QFETCH(QString, what);
        if (dialect == QLatin1String("postgres") && what == QLatin1String("END"))
            what = QStringLiteral("COMMIT"); // PostgreSQL's parser knows END as COMMIT
        const QMap<QString, QString> colour = {
            { QStringLiteral("0004_notes_colour.sql"), QStringLiteral("ALTER TABLE notes ADD COLUMN colour TEXT;\n") },
            { QStringLiteral("0004_notes_colour.down.sql"),
              QStringLiteral("ALTER TABLE notes DROP COLUMN colour;\n%1;\nDELETE FROM notes;\n").arg(statement) },
        };
        auto target = makeTarget(merged({ colour }));
        const QJsonObject json = simulateUnchanged(*target, 3);
        const QJsonArray steps = json.value(QStringLiteral("down_path")).toObject().value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 1);
        const QString result = steps.at(0).toObject().value(QStringLiteral("result")).toString();
        QVERIFY2(result.startsWith(QStringLiteral("refused (transaction-control): ")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("0004_notes_colour.down.sql:2, statement 2 is %1").arg(what)),
                 qPrintable(result));
    }

    void downPathWithoutDownSqlNeedsABackup()
    {
        QMap<QString, QString> catalog = merged({ renamedColumn });
        catalog.insert(QStringLiteral("0005_create_tags.sql"), additive.value(QStringLiteral("0005_create_tags.sql")));
        catalog.insert(QStringLiteral("0005_create_tags.down.sql"), QStringLiteral("DROP TABLE tags;\n"));
        auto target = makeTarget(catalog);
        const QJsonObject json = simulateUnchanged(*target, 3);
        const QJsonObject path = json.value(QStringLiteral("down_path")).toObject();
        QCOMPARE(path.value(QStringLiteral("possible")).toBool(), false);
        QCOMPARE(path.value(QStringLiteral("needs_backup")).toBool(), true);
        QCOMPARE(path.value(QStringLiteral("ran")).toBool(), false);
        const QJsonArray steps = path.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 2);
        // Newest first.
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("id")).toInteger(), 5);
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("has_down")).toBool(), true);
        QVERIFY(steps.at(0).toObject().value(QStringLiteral("result")).isNull());
        QCOMPARE(steps.at(1).toObject().value(QStringLiteral("id")).toInteger(), 4);
        QCOMPARE(steps.at(1).toObject().value(QStringLiteral("has_down")).toBool(), false);
        QVERIFY(steps.at(1).toObject().value(QStringLiteral("note")).toString().contains(QStringLiteral("backup")));

        const CliRun text = simulate(*target, { QStringLiteral("--format"), QStringLiteral("text") });
        QCOMPARE(text.exitCode, 3);
        QVERIFY2(text.out.startsWith(QStringLiteral("REFUSED")) && text.out.contains(QStringLiteral("backup restore")),
                 qPrintable(text.out));
    }

    void badInputIsOneLineAndExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown build") << QStringList { QStringLiteral("--to-build"), QStringLiteral("9.9.9") }
                                       << QStringLiteral("unknown build \"9.9.9\"");
        QTest::newRow("missing builds file")
            << QStringList { QStringLiteral("--builds"), QStringLiteral("/nonexistent/builds.json") }
            << QStringLiteral("/nonexistent/builds.json");
        QTest::newRow("missing catalog") << QStringList { QStringLiteral("--migrations"), QStringLiteral("/nonexistent/migrations") }
                                         << QStringLiteral("/nonexistent/migrations");
        QTest::newRow("build named twice") << QStringList { QStringLiteral("--up-to"), QStringLiteral("2") }
                                           << QStringLiteral("--up-to");
        QTest::newRow("bad format") << QStringList { QStringLiteral("--format"), QStringLiteral("xml") }
                                    << QStringLiteral("--format");
    }

    void badInputIsOneLineAndExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        auto target = makeTarget(merged({ additive }));
        const QByteArray before = target->fingerprint();
        // Each option once, the case's value replacing the good one.
        QStringList line { QStringLiteral("simulate"), QStringLiteral("--db"), target->uri };
        const auto option = [&](const QString& name, const QString& value) {
            const int given = arguments.indexOf(name);
            line << name << (given >= 0 ? arguments.at(given + 1) : value);
        };
        option(QStringLiteral("--migrations"), target->catalog);
        option(QStringLiteral("--builds"), target->builds);
        option(QStringLiteral("--to-build"), QStringLiteral("1.0.0"));
        if (arguments.contains(QStringLiteral("--up-to")))
            option(QStringLiteral("--up-to"), QString());
        if (arguments.contains(QStringLiteral("--format")))
            option(QStringLiteral("--format"), QString());
        const CliRun run = runCli(line + target->scratchArguments());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QCOMPARE(target->fingerprint(), before);
    }

    void missingSqliteFileIsNotCreated()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("sqlite"))
            QSKIP("a SQLite case");
        QTemporaryDir dir;
        writeCatalog(dir.filePath(QStringLiteral("migrations")), baseCatalog);
        const QString path = dir.filePath(QStringLiteral("missing.db"));
        const CliRun run = runCli({ QStringLiteral("simulate"), QStringLiteral("--db"), QStringLiteral("sqlite:") + path,
                                    QStringLiteral("--migrations"), dir.filePath(QStringLiteral("migrations")),
                                    QStringLiteral("--up-to"), QStringLiteral("2") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("no such file")), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(!QFile::exists(path));
    }

    void postgresNeedsAScratchServer()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgres"))
            QSKIP("a PostgreSQL case");
        // The CLI inherits this process's environment: without the variable, nothing
        // names a scratch server (restored afterwards for the other tests).
        const QByteArray scratch = qgetenv("BACKSTEP_SCRATCH_PG");
        qunsetenv("BACKSTEP_SCRATCH_PG");
        const auto restore = qScopeGuard([&scratch] {
            if (!scratch.isEmpty())
                qputenv("BACKSTEP_SCRATCH_PG", scratch);
        });
        auto target = makeTarget(merged({ additive }));
        const CliRun run = runCli({ QStringLiteral("simulate"), QStringLiteral("--db"), target->uri,
                                    QStringLiteral("--migrations"), target->catalog, QStringLiteral("--up-to"),
                                    QStringLiteral("3") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("scratch")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSimulate)
#include "tst_simulate.moc"
