// DemoDatabase on the bundled Larder demo: the ledger it writes (rows, builds, dates,
// flags), that it writes the same history every time, and the inputs it refuses.

#include "catalog/buildsfile.h"
#include "catalog/catalogreader.h"
#include "catalogwriter.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/ledgerstore.h"
#include "demo/demodatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace backstep;
using namespace Qt::StringLiterals;

namespace {

const QString DemoFolder = QStringLiteral(BACKSTEP_SOURCE_DIR "/resources/demo");
const QString DemoCatalog = DemoFolder + u"/migrations"_s;
const QString DemoBuilds = DemoFolder + u"/builds.json"_s;

// README.md's answer key: the migrations declared breaking.
const QVector<qint64> DeclaredBreaking { 11, 13, 17, 20, 23, 27, 34 };

Result<LedgerRows> readLedger(const QString& path)
{
    DatabaseUri uri;
    uri.original = u"sqlite:"_s + path;
    uri.sqlitePath = path;
    const auto connection = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadOnly);
    if (!connection)
        return connection.error();
    return LedgerStore(*connection.value(), LedgerStore::defaultTable()).read();
}

// duration_ms is the one measured column; everything else the demo decides.
LedgerRows withoutDurations(LedgerRows rows)
{
    for (LedgerRow& row : rows)
        row.durationMs.reset();
    return rows;
}

// The demo in a fresh folder, its ledger, and the builds it came from.
struct DemoFixture
{
    QTemporaryDir dir;
    QString path;
    LedgerRows ledger;
    Builds builds;

    bool create()
    {
        const auto created = DemoDatabase::create(DemoCatalog, DemoBuilds, dir.path());
        if (!created) {
            qWarning("%s", qPrintable(created.error().message));
            return false;
        }
        path = created.value();
        const auto rows = readLedger(path);
        const auto read = BuildsFile::read(DemoBuilds);
        if (!rows || !read)
            return false;
        ledger = rows.value();
        builds = read.value();
        return true;
    }

    // The release whose max_id first covers the id: the one that applied it.
    Build buildOf(qint64 id) const
    {
        for (const Build& build : builds) {
            if (id <= build.maxId)
                return build;
        }
        return {};
    }
};

} // namespace

class TestDemoDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writesEveryMigrationOfTheCatalog();
    void recordsTheReleaseThatAppliedEachRow();
    void datesFollowEachRelease();
    void recordsTheDeclaredFlags();
    void writesTheSameHistoryEveryTime();
    void createsTheOutputFolder();
    void refusesAnExistingFile();
    void rejectsBadBuilds_data();
    void rejectsBadBuilds();
    void removesAHalfWrittenDatabase();
    void bundlesEveryFileOfTheDemo();
    void createsTheBundledDemo();

private:
    // Written once: the tests that only read it share it.
    DemoFixture m_demo;
};

void TestDemoDatabase::initTestCase()
{
    QVERIFY(m_demo.create());
}

void TestDemoDatabase::writesEveryMigrationOfTheCatalog()
{
    const DemoFixture& demo = m_demo;
    QCOMPARE(demo.path, QDir(demo.dir.path()).absoluteFilePath(u"larder-demo.db"_s));

    const auto catalog = CatalogReader::read(DemoCatalog, Dialect::Sqlite);
    QVERIFY(catalog.ok());
    QCOMPARE(demo.ledger.size(), 37);
    QCOMPARE(catalog->migrations.size(), demo.ledger.size());
    for (int i = 0; i < demo.ledger.size(); ++i) {
        const LedgerRow& row = demo.ledger.at(i);
        const Migration& migration = catalog->migrations.at(i);
        QCOMPARE(row.id, i + 1);
        QCOMPARE(row.name, migration.name);
        QCOMPARE(row.checksum, migration.checksum);
        QVERIFY(row.durationMs.has_value());
    }
}

void TestDemoDatabase::recordsTheReleaseThatAppliedEachRow()
{
    const DemoFixture& demo = m_demo;
    QCOMPARE(demo.ledger.first().appliedBy, u"1.0.0"_s);
    QCOMPARE(demo.ledger.at(10).appliedBy, u"1.2.0"_s); // 11, the first of 1.2.0
    QCOMPARE(demo.ledger.last().appliedBy, u"2.1.0"_s);
    for (const LedgerRow& row : demo.ledger)
        QCOMPARE(row.appliedBy, demo.buildOf(row.id).version);
}

void TestDemoDatabase::datesFollowEachRelease()
{
    const DemoFixture& demo = m_demo;
    QDateTime previous;
    for (const LedgerRow& row : demo.ledger) {
        const QString what = u"#%1 at %2"_s.arg(row.id).arg(row.appliedAtText);
        QVERIFY2(row.appliedAt.isValid(), qPrintable(what));
        const QDate released = demo.buildOf(row.id).released;
        const QDate day = row.appliedAt.toUTC().date();
        QVERIFY2(day >= released && day < released.addDays(7), qPrintable(what));
        // People upgrade while awake.
        QVERIFY2(row.appliedAt.toUTC().time().hour() >= 9, qPrintable(what));
        QVERIFY2(!previous.isValid() || row.appliedAt > previous, qPrintable(what));
        // Migrations of one release are applied in one boot, seconds apart.
        if (previous.isValid() && demo.buildOf(row.id - 1).version == row.appliedBy)
            QVERIFY2(previous.secsTo(row.appliedAt) <= 5, qPrintable(what));
        previous = row.appliedAt;
    }
}

void TestDemoDatabase::recordsTheDeclaredFlags()
{
    const DemoFixture& demo = m_demo;
    const auto catalog = CatalogReader::read(DemoCatalog, Dialect::Sqlite);
    QVERIFY(catalog.ok());
    for (const LedgerRow& row : demo.ledger) {
        const QString what = u"#%1"_s.arg(row.id);
        QVERIFY2(row.backwardCompatible.has_value(), qPrintable(what));
        QVERIFY2(*row.backwardCompatible == catalog->find(row.id)->backwardCompatible, qPrintable(what));
        QVERIFY2(*row.backwardCompatible == !DeclaredBreaking.contains(row.id), qPrintable(what));
    }
}

void TestDemoDatabase::writesTheSameHistoryEveryTime()
{
    DemoFixture second;
    QVERIFY(second.create());
    const DemoFixture& first = m_demo;
    QCOMPARE(withoutDurations(second.ledger), withoutDurations(first.ledger));
    // Pinned, so that a change to the history (and to screenshots) is a decision.
    QCOMPARE(first.ledger.first().appliedAtText, u"2023-03-04 16:59:14.568"_s);
}

void TestDemoDatabase::createsTheOutputFolder()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"new/demo"_s);
    const auto created = DemoDatabase::create(DemoCatalog, DemoBuilds, folder);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    QVERIFY(QFileInfo(created.value()).isFile());
    QCOMPARE(QFileInfo(created.value()).absolutePath(), QDir(folder).absolutePath());
}

void TestDemoDatabase::refusesAnExistingFile()
{
    DemoFixture demo;
    QVERIFY(demo.create());
    const QByteArray before = test::fileSha256(demo.path);

    const auto again = DemoDatabase::create(DemoCatalog, DemoBuilds, demo.dir.path());
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, Error::Code::Connection);
    QCOMPARE(again.error().message,
        u"demo database: %1 exists already; the demo is only written as a new file"_s.arg(demo.path));
    QCOMPARE(test::fileSha256(demo.path), before);
}

void TestDemoDatabase::rejectsBadBuilds_data()
{
    QTest::addColumn<QByteArray>("json");
    // "%1" stands for the builds file's path.
    QTest::addColumn<QString>("message");

    QTest::newRow("malformed") << R"([{"version": "1.0.0"}])"_ba << u"%1: entry 1 (1.0.0): no \"max_id\""_s;
    QTest::newRow("no release date")
        << R"([{"version": "1.0.0", "max_id": 6, "released": "2023-03-04"}, {"version": "1.1.0", "max_id": 10}])"_ba
        << u"demo database: %1: build 1.1.0 has no release date, which the demo's history needs"_s;
}

void TestDemoDatabase::rejectsBadBuilds()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QString buildsFile = dir.filePath(u"builds.json"_s);
    test::writeFile(buildsFile, json);
    const auto created = DemoDatabase::create(DemoCatalog, buildsFile, dir.path());
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, Error::Code::Catalog);
    QCOMPARE(created.error().message, message.arg(buildsFile));
    QVERIFY(!QFileInfo::exists(dir.filePath(DemoDatabase::fileName())));
}

void TestDemoDatabase::removesAHalfWrittenDatabase()
{
    QTemporaryDir dir;
    const QString catalog = dir.filePath(u"migrations"_s);
    QVERIFY(QDir().mkpath(catalog));
    test::writeCatalog(catalog,
        {
            { u"0001_create_users.sql"_s, u"CREATE TABLE users (id INTEGER PRIMARY KEY);\n"_s },
            { u"0002_broken.sql"_s, u"ALTER TABLE nowhere ADD COLUMN x TEXT;\n"_s },
        });
    const QString buildsFile = dir.filePath(u"builds.json"_s);
    test::writeFile(buildsFile,
        R"([{"version": "1.0", "max_id": 1, "released": "2023-01-02"},
                        {"version": "2.0", "max_id": 2, "released": "2023-02-03"}])"_ba);

    const auto created = DemoDatabase::create(catalog, buildsFile, dir.path());
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, Error::Code::Migration);
    QVERIFY2(created.error().message.startsWith(
                 u"demo database: build 2.0: "_s + catalog + u"/0002_broken.sql:1: migration 2 failed: "_s),
        qPrintable(created.error().message));
    QVERIFY(!QFileInfo::exists(dir.filePath(DemoDatabase::fileName())));
}

void TestDemoDatabase::bundlesEveryFileOfTheDemo()
{
    QTemporaryDir dir;
    const auto files = DemoDatabase::extractBundled(dir.path());
    QVERIFY2(files.ok(), qPrintable(files.ok() ? QString() : files.error().message));
    // resources/demo.qrc lists the files one by one: a migration added to the folder
    // but not to the list would be missing from the GUI's demo.
    const QStringList source = QDir(DemoCatalog).entryList(QDir::Files, QDir::Name);
    QCOMPARE(QDir(files->catalogFolder).entryList(QDir::Files, QDir::Name), source);
    for (const QString& name : source) {
        QFile original(QDir(DemoCatalog).filePath(name));
        QFile copy(QDir(files->catalogFolder).filePath(name));
        QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), original.readAll());
    }
    QFile builds(files->buildsFile);
    QFile originalBuilds(DemoBuilds);
    QVERIFY(builds.open(QIODevice::ReadOnly) && originalBuilds.open(QIODevice::ReadOnly));
    QCOMPARE(builds.readAll(), originalBuilds.readAll());
}

void TestDemoDatabase::createsTheBundledDemo()
{
    QTemporaryDir dir;
    const auto files = DemoDatabase::createBundled(dir.path());
    QVERIFY2(files.ok(), qPrintable(files.ok() ? QString() : files.error().message));
    QCOMPARE(files->database, QDir(dir.path()).absoluteFilePath(DemoDatabase::fileName()));
    QVERIFY(QFileInfo(files->database).isFile());
}

QTEST_GUILESS_MAIN(TestDemoDatabase)

#include "tst_demodatabase.moc"
