#include "demo/demodatabase.h"
#include "gate/gate.h"
#include "project/projectloader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace backstep;

namespace {

QString demo(const QString& file)
{
    return QStringLiteral(BACKSTEP_SOURCE_DIR "/resources/demo/") + file;
}

QList<qint64> blockingIds(const GateDecision& decision)
{
    QList<qint64> ids;
    for (const auto& blocking : decision.blocking)
        ids.append(blocking.id);
    return ids;
}

} // namespace

class TestProjectLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_database;

private Q_SLOTS:
    void initTestCase()
    {
        const auto created = DemoDatabase::create(demo(QStringLiteral("migrations")), demo(QStringLiteral("builds.json")),
                                                  m_dir.path());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        m_database = QStringLiteral("sqlite:") + created.value();
    }

    void demoWithCatalogAndBuilds()
    {
        QStringList steps;
        ProjectLoader::Request request;
        request.database = m_database;
        request.migrations = demo(QStringLiteral("migrations"));
        request.builds = demo(QStringLiteral("builds.json"));
        const auto loaded = ProjectLoader::load(request, [&](const QString& step, int, int) { steps.append(step); });
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        const ProjectSnapshot& snapshot = loaded.value();
        QCOMPARE(snapshot.entries.size(), 37);
        QCOMPARE(snapshot.builds.size(), 10);
        QCOMPARE(snapshot.head(), std::optional<qint64>(37));
        QVERIFY(steps.contains(QStringLiteral("Analysing the migrations")));

        const TimelineEntry* rename = snapshot.entry(24);
        QVERIFY(rename);
        QCOMPARE(rename->state, TimelineEntry::State::Applied);
        QCOMPARE(rename->appliedBy, QStringLiteral("1.5.0"));
        QCOMPARE(rename->verdict, std::optional<Verdict>(Verdict::Breaking));
        QVERIFY(rename->mislabelled());
        QVERIFY(rename->upSql.contains(QStringLiteral("RENAME COLUMN")));
        QVERIFY(!snapshot.entry(11)->mislabelled());

        // 1.4.0 knows up to #22: refused by the declared-breaking rows and the mislabelled ones.
        QCOMPARE(blockingIds(snapshot.decisionFor(22)), (QList<qint64> { 23, 24, 27, 30, 34 }));
        QCOMPARE(snapshot.decisionFor(37).outcome, GateDecision::Outcome::Boot);
        QCOMPARE(snapshot.decisionFor(34).outcome, GateDecision::Outcome::BootToleratingNewer);
    }

    void ledgerAloneStillShowsTheRecordedFlags()
    {
        ProjectLoader::Request request;
        request.database = m_database;
        const auto loaded = ProjectLoader::load(request);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->entries.size(), 37);
        QVERIFY(!loaded->hasCatalog());
        QVERIFY(!loaded->entry(24)->verdict);
        QCOMPARE(blockingIds(loaded->decisionFor(22)), (QList<qint64> { 23, 27, 34 }));
        // The ledger stands in for the build, checksums included: it cannot drift from itself.
        QVERIFY(!loaded->ledger.first().checksum.isEmpty());
        QVERIFY(loaded->decisionFor(22).drift.isEmpty());
        QCOMPARE(loaded->decisionFor(22).newer.size(), 15);
    }

    // decisionFor hands the gate only the rows that can matter; its decision must be
    // the gate's on the whole ledger, for every point of the timeline.
    void ledgerAloneDecisionIsTheWholeGate()
    {
        ProjectLoader::Request request;
        request.database = m_database;
        const auto loaded = ProjectLoader::load(request);
        QVERIFY(loaded.ok());
        for (qint64 maxId = 0; maxId <= 39; ++maxId) {
            Migrations known;
            for (const LedgerRow& row : loaded->ledger) {
                if (row.id <= maxId)
                    known.append(Migration { row.id, row.name, {}, {}, {}, {}, {}, {},
                        row.backwardCompatible.value_or(false), false, row.checksum });
            }
            const GateDecision whole = evaluateGate(known, loaded->ledger);
            QVERIFY2(loaded->decisionFor(maxId) == whole, qPrintable(QString::number(maxId)));
            QCOMPARE(loaded->decisionFor(maxId, true), evaluateGate(known, loaded->ledger, GateOptions { true, {} }));
        }
    }

    // Applied entries ascend by id, pending ones after them; entry() finds either kind,
    // and still finds entries a caller put together in another order.
    void entryFindsAppliedPendingAndUnordered()
    {
        ProjectSnapshot snapshot;
        for (const qint64 id : { 2, 5, 9 }) {
            TimelineEntry entry;
            entry.id = id;
            snapshot.entries.append(entry);
        }
        TimelineEntry pending;
        pending.id = 3; // out of order: below the head
        pending.state = TimelineEntry::State::Pending;
        snapshot.entries.append(pending);
        QCOMPARE(snapshot.entry(5)->id, 5);
        QCOMPARE(snapshot.entry(3)->state, TimelineEntry::State::Pending);
        QVERIFY(!snapshot.entry(4));
        std::swap(snapshot.entries[0], snapshot.entries[2]);
        QCOMPARE(snapshot.entry(2)->id, 2);
        QCOMPARE(snapshot.entry(9)->id, 9);
    }

    void pendingMigrationsFollowTheLedger()
    {
        QTemporaryDir dir;
        const auto created = DemoDatabase::create(demo(QStringLiteral("migrations")), demo(QStringLiteral("builds.json")),
                                                  dir.path());
        QVERIFY(created.ok());
        // A catalog that knows one more migration than the demo applied.
        QTemporaryDir catalog;
        QVERIFY(QFile::copy(demo(QStringLiteral("migrations/0001_create_users.sqlite.sql")),
                            catalog.filePath(QStringLiteral("0001_create_users.sql"))));
        QFile extra(catalog.filePath(QStringLiteral("0038_add_users_locale.sql")));
        QVERIFY(extra.open(QIODevice::WriteOnly));
        extra.write("-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN locale TEXT;\n");
        extra.close();
        ProjectLoader::Request request;
        request.database = QStringLiteral("sqlite:") + created.value();
        request.migrations = catalog.path();
        const auto loaded = ProjectLoader::load(request);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded->entries.last().id, 38);
        QCOMPARE(loaded->entries.last().state, TimelineEntry::State::Pending);
        QCOMPARE(loaded->entries.last().verdict, std::optional<Verdict>(Verdict::Compatible));
    }

    // What the GUI does: the snapshot read without analysis, then each migration's
    // analysis applied as it arrives, ends where load() does at once.
    void readThenAnalyseMatchesLoad()
    {
        ProjectLoader::Request request;
        request.database = m_database;
        request.migrations = demo(QStringLiteral("migrations"));
        request.builds = demo(QStringLiteral("builds.json"));
        auto read = ProjectLoader::read(request);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        ProjectSnapshot snapshot = read.value();
        QVERIFY(ProjectLoader::needsAnalysis(request, snapshot));
        QCOMPARE(snapshot.entries.size(), 37);
        for (const TimelineEntry& entry : std::as_const(snapshot.entries)) {
            QVERIFY(!entry.verdict.has_value());
            QCOMPARE(entry.analysisPending, entry.inCatalog);
        }
        // Recorded flags alone: #30 claims to be compatible, so only #34 stops 1.6.0.
        QCOMPARE(blockingIds(snapshot.decisionFor(29)), (QList<qint64> { 34 }));

        QList<qint64> arrived;
        const auto apply = [&](const MigrationAnalysis& analysis) {
            arrived.append(analysis.id);
            const TimelineEntry* entry = snapshot.applyAnalysis(analysis);
            QVERIFY(entry);
            QCOMPARE(entry->verdict, analysis.verdict);
            QVERIFY(!entry->analysisPending);
        };
        const auto note = ProjectLoader::analyse(request, ProjectLoader::catalogOf(snapshot), apply);
        QVERIFY2(note.ok(), qPrintable(note.ok() ? QString() : note.error().message));
        QCOMPARE(arrived.size(), snapshot.catalog.size());
        QVERIFY(snapshot.entry(30)->mislabelled());
        QCOMPARE(blockingIds(snapshot.decisionFor(29)), (QList<qint64> { 30, 34 }));
        QVERIFY(snapshot.abandonPendingAnalysis().isEmpty());

        const auto loaded = ProjectLoader::load(request);
        QVERIFY(loaded.ok());
        QCOMPARE(snapshot.entries, loaded->entries);
    }

    void abandoningAnalysisClearsWhatWasPending()
    {
        ProjectLoader::Request request;
        request.database = m_database;
        request.migrations = demo(QStringLiteral("migrations"));
        auto read = ProjectLoader::read(request);
        QVERIFY(read.ok());
        ProjectSnapshot snapshot = read.value();
        const auto pending = std::count_if(snapshot.entries.cbegin(), snapshot.entries.cend(),
                                           [](const TimelineEntry& entry) { return entry.analysisPending; });
        QVERIFY(pending > 0);
        const QVector<TimelineEntry> abandoned = snapshot.abandonPendingAnalysis();
        QCOMPARE(abandoned.size(), pending);
        for (const TimelineEntry& entry : abandoned)
            QVERIFY(!entry.analysisPending && !entry.verdict.has_value());
        QVERIFY(snapshot.abandonPendingAnalysis().isEmpty());
        MigrationAnalysis unknown;
        unknown.id = 9999;
        QCOMPARE(snapshot.applyAnalysis(unknown), nullptr);
    }

    void errorsAreValues()
    {
        ProjectLoader::Request request;
        request.database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("missing.db"));
        auto loaded = ProjectLoader::load(request);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, Error::Code::Connection);

        request.database = m_database;
        request.ledgerTable = QStringLiteral("schema_migrations");
        loaded = ProjectLoader::load(request);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, Error::Code::Ledger);

        std::atomic_bool cancel { true };
        request.ledgerTable = QStringLiteral("_migrations");
        loaded = ProjectLoader::load(request, {}, &cancel);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, Error::Code::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestProjectLoader)
#include "tst_projectloader.moc"
