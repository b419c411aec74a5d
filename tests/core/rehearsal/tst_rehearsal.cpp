// Rehearsal::run through the core API the GUI calls: the report as a value, progress,
// cancel, synthetic rows for typed and constrained columns, a failing down script, and
// the text and Markdown renderings. On SQLite files and on the real PostgreSQL server.
#include "catalogwriter.h"
#include "clirun.h"
#include "rehearsal/rehearsal.h"
#include "report/rehearsalreportformat.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace backstep;
using namespace backstep::test;

namespace {

const QString compatible = QStringLiteral("-- backstep: backward-compatible\n");

// Columns whose values must satisfy types and CHECKs, and a foreign key to a table
// whose own row needs a parent: what the synthetic rows must get right.
QMap<QString, QString> catalog()
{
    return {
        { QStringLiteral("0001_create_accounts.sql"),
          QStringLiteral("CREATE TABLE accounts (id INTEGER PRIMARY KEY, code VARCHAR(8) NOT NULL UNIQUE, "
                         "kind TEXT NOT NULL CHECK (kind IN ('person', 'company')), opened_on DATE NOT NULL, "
                         "active BOOLEAN NOT NULL, balance NUMERIC(10,2) NOT NULL);\n") },
        { QStringLiteral("0002_create_projects.sql"),
          QStringLiteral("CREATE TABLE projects (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES "
                         "accounts (id), title TEXT NOT NULL);\n") },
        { QStringLiteral("0003_create_tasks.sql"),
          QStringLiteral("CREATE TABLE tasks (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES "
                         "projects (id), due TIMESTAMP, payload TEXT);\n") },
        { QStringLiteral("0004_add_tasks_done.sql"), compatible + QStringLiteral("ALTER TABLE tasks ADD COLUMN done INTEGER;\n") },
        { QStringLiteral("0005_drop_projects_title.sql"), QStringLiteral("ALTER TABLE projects DROP COLUMN title;\n") },
        // Broken on purpose: the column it adds back collides with nothing, but the table is misspelt.
        { QStringLiteral("0005_drop_projects_title.down.sql"),
          QStringLiteral("ALTER TABLE projets ADD COLUMN title TEXT;\n") },
        { QStringLiteral("0006_create_labels.sql"), compatible + QStringLiteral("CREATE TABLE labels (id INTEGER PRIMARY KEY);\n") },
        { QStringLiteral("0006_create_labels.down.sql"), QStringLiteral("DROP TABLE labels;\n") },
    };
}

} // namespace

class TestRehearsal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A database migrated with the whole catalog, in a folder of its own.
    RehearsalRequest prepare(const QString& name)
    {
        QFETCH_GLOBAL(QString, dialect);
        RehearsalRequest request;
        request.migrations = m_dir.filePath(name + QStringLiteral("-migrations"));
        writeCatalog(request.migrations, catalog());
        if (dialect == QLatin1String("sqlite")) {
            request.database = QStringLiteral("sqlite:") + m_dir.filePath(name + QStringLiteral(".db"));
        } else {
            m_postgres.push_back(std::make_unique<ScratchPostgres>());
            if (!m_postgres.back()->isValid())
                qFatal("%s", qPrintable(m_postgres.back()->error()));
            request.database = m_postgres.back()->uri();
            request.scratch = ScratchPostgres::serverUri();
        }
        const CliRun migrated = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), request.database,
                                         QStringLiteral("--migrations"), request.migrations });
        if (migrated.exitCode != 0)
            qFatal("migrate failed: %s", qPrintable(migrated.err));
        request.upTo = 4;
        request.analyse = false;
        return request;
    }

    std::vector<std::unique_ptr<ScratchPostgres>> m_postgres;

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
    }

    void syntheticRowsSatisfyTypesChecksAndForeignKeys()
    {
        // The newest build on empty tables: a task needs a project, which needs an account.
        RehearsalRequest request = prepare(QStringLiteral("typed"));
        request.upTo = 6;
        const auto report = Rehearsal::run(request);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->gate.outcome, GateDecision::Outcome::Boot);
        for (const TableReadWriteProbe& probe : report->readWriteProbe.tables) {
            QVERIFY2(probe.passes() && probe.insert.isOk() && probe.update.isOk(),
                     qPrintable(probe.table + QStringLiteral(": ") + probe.insert.text() + QStringLiteral(" / ")
                                + probe.update.text() + QStringLiteral(" / ") + probe.upsert.text()));
        }
        QCOMPARE(report->readWriteProbe.tables.size(), 4);
        QVERIFY(report->buildWorks());
        QVERIFY(report->unchanged.unchanged());
    }

    void droppedColumnFailsWithTheEnginesWords()
    {
        RehearsalRequest request = prepare(QStringLiteral("dropped"));
        request.rehearseEvenIfRefused = true;
        {
            TestDatabase db(request.database);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO accounts (id, code, kind, opened_on, active, balance) "
                                           "VALUES (1, 'A1', 'person', '2024-01-01', true, 0)")));
            QVERIFY(db.exec(QStringLiteral("INSERT INTO projects (id, account_id) VALUES (1, 1)")));
        }
        const auto report = Rehearsal::run(request);
        QVERIFY(report.ok());
        QCOMPARE(report->build.maxId, 4);
        QCOMPARE(report->gate.outcome, GateDecision::Outcome::Refuse);
        QVERIFY(report->probesRan);
        const TableReadWriteProbe* projects = report->readWriteProbe.table(QStringLiteral("projects"));
        QVERIFY(projects->select.isFailed());
        QVERIFY2(projects->select.message.contains(QStringLiteral("title")), qPrintable(projects->select.message));
        QVERIFY(projects->insert.isFailed());
        // The update falls back to the existing project, and fails on title too.
        QVERIFY2(projects->update.isFailed() && projects->update.message.contains(QStringLiteral("title")),
                 qPrintable(projects->update.text()));
        // Tasks use the existing project and still work.
        QVERIFY(report->readWriteProbe.table(QStringLiteral("tasks"))->passes());
        QCOMPARE(report->schemaProbe.table(QStringLiteral("projects"))->status(), QStringLiteral("reads-fail"));
        QVERIFY(report->unchanged.unchanged());
    }

    void failingDownScriptStopsThePath()
    {
        const RehearsalRequest request = prepare(QStringLiteral("down"));
        const auto report = Rehearsal::run(request);
        QVERIFY(report.ok());
        QVERIFY(!report->probesRan);
        const DownPath& path = report->downPath;
        QVERIFY(path.needed);
        QVERIFY(path.ran);
        QCOMPARE(path.steps.size(), 2);
        QCOMPARE(path.steps.at(0).id, 6);
        QVERIFY(path.steps.at(0).result.isOk());
        QCOMPARE(path.steps.at(1).id, 5);
        QVERIFY(path.steps.at(1).result.isFailed());
        QVERIFY2(path.steps.at(1).result.message.contains(QStringLiteral("projets")), qPrintable(path.steps.at(1).result.message));
        QVERIFY(!path.works());
        QVERIFY(!path.bootsAfter);
        QVERIFY(report->unchanged.unchanged());
        QVERIFY(report->verdict().startsWith(QStringLiteral("REFUSED")));

        const QString markdown = RehearsalReportFormat::markdown(report.value());
        QVERIFY(markdown.startsWith(QStringLiteral("# Rehearsal: rolling back to #4")));
        QVERIFY(markdown.contains(QStringLiteral("| 5 | drop_projects_title | yes |")));
        const QString text = RehearsalReportFormat::text(report.value());
        QVERIFY(text.contains(QStringLiteral("Database unchanged: yes")));
        const QJsonObject json = RehearsalReportFormat::json(report.value());
        QCOMPARE(json.value(QStringLiteral("down_path")).toObject().value(QStringLiteral("steps")).toArray().size(), 2);
    }

    void progressAdvancesToTheEnd()
    {
        const RehearsalRequest request = prepare(QStringLiteral("progress"));
        QList<int> done;
        QStringList steps;
        const auto report = Rehearsal::run(request, [&](const QString& step, int stepsDone, int total) {
            QVERIFY(stepsDone <= total);
            done.append(stepsDone);
            steps.append(step);
        });
        QVERIFY(report.ok());
        QVERIFY(std::is_sorted(done.cbegin(), done.cend()));
        QCOMPARE(done.constLast(), 7);
        QVERIFY(steps.contains(QStringLiteral("Down path")));
    }

    void cancelLeavesTheDatabaseAsItWas()
    {
        RehearsalRequest request = prepare(QStringLiteral("cancel"));
        request.rehearseEvenIfRefused = true;
        TestDatabase db(request.database);
        const qint64 before = db.scalar(QStringLiteral("SELECT count(*) FROM accounts")).toLongLong();
        std::atomic_bool cancel { false };
        const auto report = Rehearsal::run(request, [&](const QString& step, int, int) {
            if (step.startsWith(QStringLiteral("Read/write probe")))
                cancel = true;
        }, &cancel);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, Error::Code::Cancelled);
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM accounts")).toLongLong(), before);
        QVERIFY(db.scalar(QStringLiteral("SELECT count(*) FROM labels")).isValid()); // the down path never ran
    }
};

QTEST_GUILESS_MAIN(TestRehearsal)
#include "tst_rehearsal.moc"
