// LedgerStore (with DatabaseConnection) on SQLite files in a QTemporaryDir: the table
// DESIGN.md describes, the upgrade of a legacy _migrations(id, name, applied_at), a
// round trip of every field, the shapes apps store applied_at and flags in, quoting of
// custom table names, and a read-only connection that leaves the file untouched.
// Arranging and inspecting goes through test::TestDatabase, never the code under test.

#include "catalogwriter.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/ledgerstore.h"
#include "testdatabase.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <time.h>

using namespace Qt::StringLiterals;
using namespace backstep;
using Access = DatabaseConnection::Access;

namespace {

const QString Ledger = u"_migrations"_s;
const QString LegacyLedger
    = u"CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP)"_s;

std::unique_ptr<DatabaseConnection> openConnection(const QString& path, Access access)
{
    const auto uri = DatabaseUri::parse(u"sqlite:"_s + path);
    if (!uri) {
        qWarning("%s", qPrintable(uri.error().message));
        return {};
    }
    auto connection = DatabaseConnection::open(uri.value(), access);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return {};
    }
    return std::move(connection).value();
}

// Every column of every row, as SQLite's quote() shows it (so 1, '1' and NULL differ).
const QString QuotedRows = u"SELECT quote(id) || '|' || quote(name) || '|' || quote(applied_at) || '|' || "
                           "quote(backward_compatible) || '|' || quote(checksum) || '|' || quote(applied_by) || '|' || "
                           "quote(duration_ms) FROM %1 ORDER BY id"_s;

QStringList strings(const QVariantList& values)
{
    QStringList list;
    for (const QVariant& value : values)
        list.append(value.toString());
    return list;
}

QStringList idsOf(const LedgerRows& rows)
{
    QStringList ids;
    for (const LedgerRow& row : rows)
        ids.append(QString::number(row.id));
    return ids;
}

LedgerRow makeRow(qint64 id, const QString& name)
{
    LedgerRow row;
    row.id = id;
    row.name = name;
    return row;
}

} // namespace

class TestLedgerStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void ensureTableCreatesDesignColumns();
    void ensureTableUpgradesLegacyTable_data();
    void ensureTableUpgradesLegacyTable();
    void ensureTableIsIdempotent_data();
    void ensureTableIsIdempotent();
    void insertReadRoundTrip_data();
    void insertReadRoundTrip();
    void readSortsById_data();
    void readSortsById();
    void readsAppliedAt_data();
    void readsAppliedAt();
    void readsFlags_data();
    void readsFlags();
    void readErrors_data();
    void readErrors();
    void customTableName_data();
    void customTableName();
    void contains();
    void insertIntoMissingTableNamesTheCause();
    void readOnlyEnsureTableFails_data();
    void readOnlyEnsureTableFails();
    void readOnlyInsertFails();
    void readOnlyReadLeavesFileAlone_data();
    void readOnlyReadLeavesFileAlone();
    void openReadOnlyMissingFileFails();

private:
    QString uri() const
    {
        return u"sqlite:"_s + m_path;
    }
    QString ledgerError(const QString& table, const QString& why) const
    {
        return u"ledger table \""_s + table + u"\" in "_s + uri() + u": "_s + why;
    }
    QStringList filesInFolder() const
    {
        return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestLedgerStore::initTestCase()
{
    // A zone an hour or two from UTC with daylight saving time, so that "a time without
    // zone is UTC" is tested against a local zone that is not UTC.
    qputenv("TZ", "Europe/Berlin");
    tzset();
    QCOMPARE(QDateTime(QDate(2023, 1, 15), QTime(12, 0)).offsetFromUtc(), 3600);
}

void TestLedgerStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"app.db"_s);
}

void TestLedgerStore::cleanup()
{
    m_dir.reset();
}

void TestLedgerStore::ensureTableCreatesDesignColumns()
{
    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    LedgerStore store(*connection, Ledger);
    QCOMPARE(store.table(), Ledger);
    QVERIFY(store.exists().ok());
    QCOMPARE(store.exists().value(), false);

    const auto ensured = store.ensureTable();
    QVERIFY2(ensured.ok(), qPrintable(ensured.ok() ? QString() : ensured.error().message));
    QCOMPARE(store.exists().value(), true);

    test::TestDatabase raw(uri());
    const QStringList columns = strings(raw.column(u"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' "
                                                   u"pk=' || pk FROM pragma_table_info('_migrations') "
                                                   "ORDER BY cid"_s));
    QCOMPARE(columns,
        QStringList(
            { u"id INTEGER notnull=0 pk=1"_s, u"name TEXT notnull=1 pk=0"_s, u"applied_at TIMESTAMP notnull=0 pk=0"_s,
                u"backward_compatible INTEGER notnull=0 pk=0"_s, u"checksum TEXT notnull=0 pk=0"_s,
                u"applied_by TEXT notnull=0 pk=0"_s, u"duration_ms INTEGER notnull=0 pk=0"_s }));

    const auto rows = store.read();
    QVERIFY(rows.ok());
    QCOMPARE(rows.value(), LedgerRows());
}

void TestLedgerStore::ensureTableUpgradesLegacyTable_data()
{
    QTest::addColumn<QString>("create");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("columnsAfter");
    QTest::addColumn<QStringList>("rowsAfter");

    QTest::newRow("_migrations(id, name, applied_at)")
        << LegacyLedger
        << QStringList { u"INSERT INTO _migrations VALUES (1, 'init', '2023-05-01 10:00:00')"_s,
               u"INSERT INTO _migrations VALUES (2, 'add_users', NULL)"_s }
        << QStringList { u"id INTEGER"_s, u"name TEXT"_s, u"applied_at TIMESTAMP"_s, u"backward_compatible INTEGER"_s,
               u"checksum TEXT"_s, u"applied_by TEXT"_s, u"duration_ms INTEGER"_s }
        << QStringList { u"1|'init'|'2023-05-01 10:00:00'|NULL|NULL|NULL|NULL"_s,
               u"2|'add_users'|NULL|NULL|NULL|NULL|NULL"_s };
    QTest::newRow("_migrations(id, name)")
        << u"CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"_s
        << QStringList { u"INSERT INTO _migrations VALUES (1, 'init')"_s }
        << QStringList { u"id INTEGER"_s, u"name TEXT"_s, u"applied_at TIMESTAMP"_s, u"backward_compatible INTEGER"_s,
               u"checksum TEXT"_s, u"applied_by TEXT"_s, u"duration_ms INTEGER"_s }
        << QStringList { u"1|'init'|NULL|NULL|NULL|NULL|NULL"_s };
    QTest::newRow("upper-case legacy columns are not added twice")
        << u"CREATE TABLE _migrations (ID INTEGER PRIMARY KEY, NAME TEXT NOT NULL, APPLIED_AT TEXT)"_s
        << QStringList { u"INSERT INTO _migrations VALUES (1, 'init', '2023-05-01 10:00:00')"_s }
        << QStringList { u"ID INTEGER"_s, u"NAME TEXT"_s, u"APPLIED_AT TEXT"_s, u"backward_compatible INTEGER"_s,
               u"checksum TEXT"_s, u"applied_by TEXT"_s, u"duration_ms INTEGER"_s }
        << QStringList { u"1|'init'|'2023-05-01 10:00:00'|NULL|NULL|NULL|NULL"_s };
    QTest::newRow("an app's own extra column is kept")
        << u"CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP, "
           "batch INTEGER NOT NULL DEFAULT 1)"_s
        << QStringList { u"INSERT INTO _migrations VALUES (1, 'init', '2023-05-01 10:00:00', 4)"_s }
        << QStringList { u"id INTEGER"_s, u"name TEXT"_s, u"applied_at TIMESTAMP"_s, u"batch INTEGER"_s,
               u"backward_compatible INTEGER"_s, u"checksum TEXT"_s, u"applied_by TEXT"_s, u"duration_ms INTEGER"_s }
        << QStringList { u"1|'init'|'2023-05-01 10:00:00'|NULL|NULL|NULL|NULL"_s };
}

void TestLedgerStore::ensureTableUpgradesLegacyTable()
{
    QFETCH(QString, create);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, columnsAfter);
    QFETCH(QStringList, rowsAfter);

    {
        test::TestDatabase raw(uri());
        QVERIFY2(raw.exec(create), qPrintable(raw.lastError()));
        for (const QString& row : rows)
            QVERIFY2(raw.exec(row), qPrintable(raw.lastError()));
    }

    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    LedgerStore store(*connection, Ledger);
    const auto ensured = store.ensureTable();
    QVERIFY2(ensured.ok(), qPrintable(ensured.ok() ? QString() : ensured.error().message));

    test::TestDatabase raw(uri());
    QCOMPARE(strings(raw.column(u"SELECT name || ' ' || type FROM pragma_table_info('_migrations') ORDER BY cid"_s)),
        columnsAfter);
    QCOMPARE(strings(raw.column(QuotedRows.arg(Ledger))), rowsAfter);

    const auto read = store.read();
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value().size(), rows.size());
    for (const LedgerRow& row : read.value()) {
        QCOMPARE(row.backwardCompatible, std::optional<bool>());
        QCOMPARE(row.checksum, QString());
        QCOMPARE(row.appliedBy, QString());
        QCOMPARE(row.durationMs, std::optional<qint64>());
    }
}

void TestLedgerStore::ensureTableIsIdempotent_data()
{
    QTest::addColumn<QString>("create");

    QTest::newRow("created by ensureTable") << QString();
    QTest::newRow("legacy table") << LegacyLedger;
}

void TestLedgerStore::ensureTableIsIdempotent()
{
    QFETCH(QString, create);

    test::TestDatabase raw(uri());
    if (!create.isEmpty()) {
        QVERIFY2(raw.exec(create), qPrintable(raw.lastError()));
        QVERIFY(raw.exec(u"INSERT INTO _migrations VALUES (1, 'init', '2023-05-01 10:00:00')"_s));
    }

    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    LedgerStore store(*connection, Ledger);
    QVERIFY(store.ensureTable().ok());
    const QString schemaOnce = raw.scalar(u"SELECT sql FROM sqlite_master WHERE name = '_migrations'"_s).toString();
    const QStringList rowsOnce = strings(raw.column(QuotedRows.arg(Ledger)));

    for (int again = 0; again < 2; ++again) {
        const auto ensured = store.ensureTable();
        QVERIFY2(ensured.ok(), qPrintable(ensured.ok() ? QString() : ensured.error().message));
    }
    QCOMPARE(raw.scalar(u"SELECT sql FROM sqlite_master WHERE name = '_migrations'"_s).toString(), schemaOnce);
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM pragma_table_info('_migrations')"_s).toInt(), 7);
    QCOMPARE(strings(raw.column(QuotedRows.arg(Ledger))), rowsOnce);
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM sqlite_master"_s).toInt(), 1);
}

void TestLedgerStore::insertReadRoundTrip_data()
{
    QTest::addColumn<LedgerRow>("row");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<LedgerRow>("expected");

    const QString checksum = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;
    const QDateTime when(QDate(2024, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);

    LedgerRow full = makeRow(1, u"init"_s);
    full.appliedAt = when;
    full.backwardCompatible = true;
    full.checksum = checksum;
    full.appliedBy = u"2.4.0"_s;
    full.durationMs = 12;
    LedgerRow fullRead = full;
    fullRead.appliedAtText = u"2024-01-02 03:04:05.678"_s;
    QTest::newRow("every field, flag true")
        << full << u"1|'init'|'2024-01-02 03:04:05.678'|1|'"_s + checksum + u"'|'2.4.0'|12"_s << fullRead;

    LedgerRow breaking = full;
    breaking.id = 2;
    breaking.name = u"rename_users"_s;
    breaking.backwardCompatible = false;
    breaking.durationMs = 0;
    LedgerRow breakingRead = breaking;
    breakingRead.appliedAtText = u"2024-01-02 03:04:05.678"_s;
    QTest::newRow("flag false, zero duration")
        << breaking << u"2|'rename_users'|'2024-01-02 03:04:05.678'|0|'"_s + checksum + u"'|'2.4.0'|0"_s
        << breakingRead;

    LedgerRow unknown = makeRow(3, u"legacy"_s);
    unknown.appliedAt = when;
    LedgerRow unknownRead = unknown;
    unknownRead.appliedAtText = u"2024-01-02 03:04:05.678"_s;
    QTest::newRow("flag unknown, no checksum, applied_by or duration")
        << unknown << u"3|'legacy'|'2024-01-02 03:04:05.678'|NULL|NULL|NULL|NULL"_s << unknownRead;

    LedgerRow offset = makeRow(4, u"from_berlin"_s);
    offset.appliedAt = QDateTime(QDate(2024, 7, 1), QTime(14, 0), Qt::OffsetFromUTC, 2 * 3600);
    offset.backwardCompatible = true;
    LedgerRow offsetRead = offset;
    offsetRead.appliedAt = QDateTime(QDate(2024, 7, 1), QTime(12, 0), Qt::UTC);
    offsetRead.appliedAtText = u"2024-07-01 12:00:00.000"_s;
    QTest::newRow("time with offset stored in UTC")
        << offset << u"4|'from_berlin'|'2024-07-01 12:00:00.000'|1|NULL|NULL|NULL"_s << offsetRead;

    LedgerRow noTime = makeRow(5, u"no_time"_s);
    noTime.backwardCompatible = false;
    noTime.durationMs = 1;
    QTest::newRow("no time") << noTime << u"5|'no_time'|NULL|0|NULL|NULL|1"_s << noTime;

    LedgerRow big = makeRow(20240131120000, u"timestamp_id"_s);
    big.durationMs = 86'400'000'000LL;
    QTest::newRow("timestamp-style id, long duration")
        << big << u"20240131120000|'timestamp_id'|NULL|NULL|NULL|NULL|86400000000"_s << big;

    LedgerRow odd = makeRow(6, u"it's \"quoted\" caf\u00e9"_s);
    odd.appliedBy = u"build 'x'"_s;
    QTest::newRow("quotes and non-ASCII in values")
        << odd << u"6|'it''s \"quoted\" caf\u00e9'|NULL|NULL|NULL|'build ''x'''|NULL"_s << odd;
}

void TestLedgerStore::insertReadRoundTrip()
{
    QFETCH(LedgerRow, row);
    QFETCH(QString, stored);
    QFETCH(LedgerRow, expected);

    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    LedgerStore store(*connection, Ledger);
    QVERIFY(store.ensureTable().ok());
    const auto inserted = store.insert(row);
    QVERIFY2(inserted.ok(), qPrintable(inserted.ok() ? QString() : inserted.error().message));

    test::TestDatabase raw(uri());
    QCOMPARE(strings(raw.column(QuotedRows.arg(Ledger))), QStringList { stored });

    const auto read = store.read();
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value().size(), 1);
    const LedgerRow& got = read.value().constFirst();
    QCOMPARE(got.id, expected.id);
    QCOMPARE(got.name, expected.name);
    QCOMPARE(got.appliedAtText, expected.appliedAtText);
    QCOMPARE(got.appliedAt.isValid(), expected.appliedAt.isValid());
    if (expected.appliedAt.isValid()) {
        QCOMPARE(got.appliedAt.timeSpec(), Qt::UTC);
        QCOMPARE(got.appliedAt.toString(Qt::ISODateWithMs), expected.appliedAt.toUTC().toString(Qt::ISODateWithMs));
    }
    QCOMPARE(got.backwardCompatible, expected.backwardCompatible);
    QCOMPARE(got.checksum, expected.checksum);
    QCOMPARE(got.appliedBy, expected.appliedBy);
    QCOMPARE(got.durationMs, expected.durationMs);
    QCOMPARE(got, expected);
}

void TestLedgerStore::readSortsById_data()
{
    QTest::addColumn<QString>("create");
    QTest::addColumn<QStringList>("insertedIds");
    QTest::addColumn<QStringList>("ids");

    QTest::newRow("INTEGER PRIMARY KEY") << u"CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT)"_s
                                         << QStringList { u"3"_s, u"1"_s, u"20"_s, u"2"_s }
                                         << QStringList { u"1"_s, u"2"_s, u"3"_s, u"20"_s };
    // Without a primary key SQLite returns rows in insertion order.
    QTest::newRow("INTEGER without key") << u"CREATE TABLE _migrations (id INTEGER, name TEXT)"_s
                                         << QStringList { u"3"_s, u"1"_s, u"20"_s, u"2"_s }
                                         << QStringList { u"1"_s, u"2"_s, u"3"_s, u"20"_s };
    // Text ids sort as text in SQL ('10' < '9'); the ledger's order is numeric.
    QTest::newRow("TEXT id") << u"CREATE TABLE _migrations (id TEXT, name TEXT)"_s
                             << QStringList { u"9"_s, u"10"_s, u"2"_s, u"100"_s }
                             << QStringList { u"2"_s, u"9"_s, u"10"_s, u"100"_s };
}

void TestLedgerStore::readSortsById()
{
    QFETCH(QString, create);
    QFETCH(QStringList, insertedIds);
    QFETCH(QStringList, ids);

    {
        test::TestDatabase raw(uri());
        QVERIFY(raw.exec(create));
        for (const QString& id : insertedIds)
            QVERIFY2(raw.exec(u"INSERT INTO _migrations (id, name) VALUES (?, ?)"_s, { id, QString(u"m"_s + id) }),
                qPrintable(raw.lastError()));
    }
    auto connection = openConnection(m_path, Access::ReadOnly);
    QVERIFY(connection);
    const auto read = LedgerStore(*connection, Ledger).read();
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(idsOf(read.value()), ids);
    for (const LedgerRow& row : read.value())
        QCOMPARE(row.name, u"m"_s + QString::number(row.id));
}

void TestLedgerStore::readsAppliedAt_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<QString>("storageType");
    QTest::addColumn<QString>("utc"); // ISO 8601 with ms in UTC; empty: invalid
    QTest::addColumn<QString>("text");

    const QString tenUtc = u"2023-05-01T10:00:00.000Z"_s;
    QTest::newRow("CURRENT_TIMESTAMP text")
        << QVariant(u"2023-05-01 10:00:00"_s) << u"text"_s << tenUtc << u"2023-05-01 10:00:00"_s;
    QTest::newRow("ISO with Z") << QVariant(u"2023-05-01T10:00:00Z"_s) << u"text"_s << tenUtc
                                << u"2023-05-01T10:00:00Z"_s;
    QTest::newRow("ISO without zone") << QVariant(u"2023-05-01T10:00:00"_s) << u"text"_s << tenUtc
                                      << u"2023-05-01T10:00:00"_s;
    QTest::newRow("milliseconds") << QVariant(u"2023-05-01 10:00:00.123"_s) << u"text"_s
                                  << u"2023-05-01T10:00:00.123Z"_s << u"2023-05-01 10:00:00.123"_s;
    QTest::newRow("microseconds (PostgreSQL)") << QVariant(u"2023-05-01 10:00:00.123456"_s) << u"text"_s
                                               << u"2023-05-01T10:00:00.123Z"_s << u"2023-05-01 10:00:00.123456"_s;
    QTest::newRow("offset +02:00") << QVariant(u"2023-05-01T12:00:00+02:00"_s) << u"text"_s << tenUtc
                                   << u"2023-05-01T12:00:00+02:00"_s;
    QTest::newRow("PostgreSQL short offset +02")
        << QVariant(u"2023-05-01 12:00:00+02"_s) << u"text"_s << tenUtc << u"2023-05-01 12:00:00+02"_s;
    QTest::newRow("PostgreSQL offset with fraction") << QVariant(u"2023-05-01 12:00:00.5+02"_s) << u"text"_s
                                                     << u"2023-05-01T10:00:00.500Z"_s << u"2023-05-01 12:00:00.5+02"_s;
    QTest::newRow("negative half-hour offset")
        << QVariant(u"2023-05-01T06:30:00-03:30"_s) << u"text"_s << tenUtc << u"2023-05-01T06:30:00-03:30"_s;
    QTest::newRow("epoch seconds") << QVariant(qint64(1682935200)) << u"integer"_s << tenUtc << u"1682935200"_s;
    QTest::newRow("epoch milliseconds") << QVariant(qint64(1682935200000)) << u"integer"_s << tenUtc
                                        << u"1682935200000"_s;
    QTest::newRow("epoch milliseconds with a fraction")
        << QVariant(qint64(1682935200123)) << u"integer"_s << u"2023-05-01T10:00:00.123Z"_s << u"1682935200123"_s;
    // The runner writes UTC without a zone: a UTC time that does not exist as local time
    // in Berlin (the spring-forward hour) is still a UTC time.
    QTest::newRow("no zone, in the local spring-forward gap")
        << QVariant(u"2023-03-26 02:30:00.000"_s) << u"text"_s << u"2023-03-26T02:30:00.000Z"_s
        << u"2023-03-26 02:30:00.000"_s;
    QTest::newRow("no zone, in the local repeated autumn hour")
        << QVariant(u"2023-10-29 02:30:00.000"_s) << u"text"_s << u"2023-10-29T02:30:00.000Z"_s
        << u"2023-10-29 02:30:00.000"_s;
    QTest::newRow("garbage text") << QVariant(u"last tuesday"_s) << u"text"_s << QString() << u"last tuesday"_s;
    QTest::newRow("date only is not a time")
        << QVariant(u"2023-05-01x"_s) << u"text"_s << QString() << u"2023-05-01x"_s;
    QTest::newRow("empty text") << QVariant(QString(u""_s)) << u"text"_s << QString() << QString();
    QTest::newRow("NULL") << QVariant() << u"null"_s << QString() << QString();
}

void TestLedgerStore::readsAppliedAt()
{
    QFETCH(QVariant, stored);
    QFETCH(QString, storageType);
    QFETCH(QString, utc);
    QFETCH(QString, text);

    {
        auto connection = openConnection(m_path, Access::ReadWrite);
        QVERIFY(connection);
        QVERIFY(LedgerStore(*connection, Ledger).ensureTable().ok());
    }
    test::TestDatabase raw(uri());
    QVERIFY2(raw.exec(u"INSERT INTO _migrations (id, name, applied_at) VALUES (1, 'init', ?)"_s, { stored }),
        qPrintable(raw.lastError()));
    QCOMPARE(raw.scalar(u"SELECT typeof(applied_at) FROM _migrations"_s).toString(), storageType);

    auto connection = openConnection(m_path, Access::ReadOnly);
    QVERIFY(connection);
    const auto read = LedgerStore(*connection, Ledger).read();
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value().size(), 1);
    const LedgerRow& row = read.value().constFirst();
    QCOMPARE(row.appliedAtText, text);
    QCOMPARE(row.appliedAt.isValid(), !utc.isEmpty());
    if (!utc.isEmpty()) {
        QCOMPARE(row.appliedAt.timeSpec(), Qt::UTC);
        QCOMPARE(row.appliedAt.toString(Qt::ISODateWithMs), utc);
    }
}

void TestLedgerStore::readsFlags_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<int>("flag"); // -1 unknown, 0 false, 1 true

    QTest::newRow("1") << QVariant(1) << 1;
    QTest::newRow("0") << QVariant(0) << 0;
    QTest::newRow("NULL") << QVariant() << -1;
    QTest::newRow("'true'") << QVariant(u"true"_s) << 1;
    QTest::newRow("'false'") << QVariant(u"false"_s) << 0;
    QTest::newRow("'TRUE'") << QVariant(u"TRUE"_s) << 1;
    QTest::newRow("'t' (PostgreSQL boolean text)") << QVariant(u"t"_s) << 1;
    QTest::newRow("'f' (PostgreSQL boolean text)") << QVariant(u"f"_s) << 0;
}

void TestLedgerStore::readsFlags()
{
    QFETCH(QVariant, stored);
    QFETCH(int, flag);

    {
        auto connection = openConnection(m_path, Access::ReadWrite);
        QVERIFY(connection);
        QVERIFY(LedgerStore(*connection, Ledger).ensureTable().ok());
    }
    {
        test::TestDatabase raw(uri());
        QVERIFY2(
            raw.exec(u"INSERT INTO _migrations (id, name, backward_compatible) VALUES (1, 'init', ?)"_s, { stored }),
            qPrintable(raw.lastError()));
    }
    auto connection = openConnection(m_path, Access::ReadOnly);
    QVERIFY(connection);
    const auto read = LedgerStore(*connection, Ledger).read();
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value().size(), 1);
    const std::optional<bool> expected = flag < 0 ? std::nullopt : std::optional<bool>(flag == 1);
    QCOMPARE(read.value().constFirst().backwardCompatible, expected);
}

void TestLedgerStore::readErrors_data()
{
    QTest::addColumn<QStringList>("setup");
    QTest::addColumn<QString>("why");

    const QString plain = u"CREATE TABLE _migrations (id INTEGER, name TEXT, backward_compatible INTEGER)"_s;
    QTest::newRow("no table") << QStringList { u"CREATE TABLE other (x INTEGER)"_s }
                              << u"no such table (is this the app's database? --ledger-table names another)"_s;
    QTest::newRow("no name column") << QStringList {
        u"CREATE TABLE _migrations (id INTEGER, title TEXT)"_s
    } << u"it has no name column, so it is not a migrations ledger (columns: id, title)"_s;
    QTest::newRow("no id column") << QStringList {
        u"CREATE TABLE _migrations (version INTEGER, name TEXT)"_s
    } << u"it has no id column, so it is not a migrations ledger (columns: version, name)"_s;
    QTest::newRow("NULL id") << QStringList { plain, u"INSERT INTO _migrations VALUES (NULL, 'init', 1)"_s }
                             << u"row 1 has a NULL id"_s;
    QTest::newRow("id 0") << QStringList { plain, u"INSERT INTO _migrations VALUES (0, 'init', 1)"_s }
                          << u"row 1 has id \"0\", not a positive integer"_s;
    QTest::newRow("id not a number") << QStringList { plain, u"INSERT INTO _migrations VALUES ('abc', 'init', 1)"_s }
                                     << u"row 1 has id \"abc\", not a positive integer"_s;
    QTest::newRow("duplicate id") << QStringList { plain, u"INSERT INTO _migrations VALUES (1, 'a', 1)"_s,
        u"INSERT INTO _migrations VALUES (2, 'b', 1)"_s, u"INSERT INTO _migrations VALUES (2, 'c', 1)"_s }
                                  << u"id 2 appears twice (rows 2 and 3)"_s;
    // A text id column sorts " 2" before "10" before "2": the twins are not neighbours.
    QTest::newRow("duplicate text id, apart") << QStringList {
        u"CREATE TABLE _migrations (id TEXT, name TEXT, backward_compatible INTEGER)"_s,
        u"INSERT INTO _migrations VALUES (' 2', 'a', 1)"_s, u"INSERT INTO _migrations VALUES ('10', 'b', 1)"_s,
        u"INSERT INTO _migrations VALUES ('2', 'c', 1)"_s
    } << u"id 2 appears twice (rows 1 and 3)"_s;
    QTest::newRow("duplicate after an id out of order") << QStringList {
        u"CREATE TABLE _migrations (id TEXT, name TEXT, backward_compatible INTEGER)"_s,
        u"INSERT INTO _migrations VALUES ('10', 'a', 1)"_s, u"INSERT INTO _migrations VALUES ('7', 'b', 1)"_s,
        u"INSERT INTO _migrations VALUES ('8', 'c', 1)"_s, u"INSERT INTO _migrations VALUES ('9', 'd', 1)"_s,
        u"INSERT INTO _migrations VALUES ('9 ', 'e', 1)"_s
    } << u"id 9 appears twice (rows 4 and 5)"_s;
    QTest::newRow("NULL name") << QStringList { plain, u"INSERT INTO _migrations VALUES (1, NULL, 1)"_s }
                               << u"row with id 1 has a NULL name"_s;
    QTest::newRow("flag 2") << QStringList { plain, u"INSERT INTO _migrations VALUES (1, 'init', 2)"_s }
                            << u"row with id 1 has backward_compatible \"2\", not 0, 1 or NULL"_s;
    QTest::newRow("flag 'yes'") << QStringList { plain, u"INSERT INTO _migrations VALUES (1, 'init', 'yes')"_s }
                                << u"row with id 1 has backward_compatible \"yes\", not 0, 1 or NULL"_s;
}

void TestLedgerStore::readErrors()
{
    QFETCH(QStringList, setup);
    QFETCH(QString, why);

    {
        test::TestDatabase raw(uri());
        for (const QString& sql : setup)
            QVERIFY2(raw.exec(sql), qPrintable(raw.lastError()));
    }
    auto connection = openConnection(m_path, Access::ReadOnly);
    QVERIFY(connection);
    const auto read = LedgerStore(*connection, Ledger).read();
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, Error::Code::Ledger);
    QCOMPARE(read.error().message, ledgerError(Ledger, why));
}

void TestLedgerStore::customTableName_data()
{
    QTest::addColumn<QString>("table");

    QTest::newRow("double quote and space") << u"my \"odd\" ledger"_s;
    QTest::newRow("injection attempt") << u"\"x\"; DROP TABLE keep; \"y\""_s;
    QTest::newRow("dot is part of the name in SQLite") << u"app.ledger"_s;
    QTest::newRow("keyword") << u"order"_s;
    QTest::newRow("schema_migrations") << u"schema_migrations"_s;
}

void TestLedgerStore::customTableName()
{
    QFETCH(QString, table);

    test::TestDatabase raw(uri());
    QVERIFY(raw.exec(u"CREATE TABLE keep (x INTEGER)"_s));

    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    LedgerStore store(*connection, table);
    QCOMPARE(store.exists().value(), false);
    const auto ensured = store.ensureTable();
    QVERIFY2(ensured.ok(), qPrintable(ensured.ok() ? QString() : ensured.error().message));
    QCOMPARE(store.exists().value(), true);
    QVERIFY(store.ensureTable().ok());

    LedgerRow row = makeRow(7, u"add_index"_s);
    row.backwardCompatible = true;
    QVERIFY(store.insert(row).ok());
    QCOMPARE(store.contains(7).value(), true);
    QCOMPARE(store.contains(8).value(), false);
    const auto read = store.read();
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value(), LedgerRows { row });

    QStringList tables = strings(raw.column(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s));
    QStringList expected = { u"keep"_s, table };
    expected.sort();
    QCOMPARE(tables, expected);
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM pragma_table_info(?)"_s, { table }).toInt(), 7);
    QCOMPARE(LedgerStore(*connection, Ledger).exists().value(), false);

    // Errors name the table as given.
    const auto missing = LedgerStore(*connection, table + u"2"_s).read();
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().message,
        ledgerError(table + u"2"_s, u"no such table (is this the app's database? --ledger-table names another)"_s));
}

void TestLedgerStore::contains()
{
    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    LedgerStore store(*connection, Ledger);
    QVERIFY(store.ensureTable().ok());
    QVERIFY(store.insert(makeRow(1, u"init"_s)).ok());
    QVERIFY(store.insert(makeRow(3, u"third"_s)).ok());

    QCOMPARE(store.contains(1).value(), true);
    QCOMPARE(store.contains(2).value(), false);
    QCOMPARE(store.contains(3).value(), true);
    QCOMPARE(store.contains(4).value(), false);
    QCOMPARE(store.contains(-1).value(), false);

    const auto missing = LedgerStore(*connection, u"nowhere"_s).contains(1);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, Error::Code::Ledger);
    QCOMPARE(missing.error().message, ledgerError(u"nowhere"_s, u"no such table: nowhere"_s));
}

void TestLedgerStore::insertIntoMissingTableNamesTheCause()
{
    auto connection = openConnection(m_path, Access::ReadWrite);
    QVERIFY(connection);
    const auto inserted = LedgerStore(*connection, u"nowhere"_s).insert(makeRow(1, u"init"_s));
    QVERIFY(!inserted.ok());
    QCOMPARE(inserted.error().code, Error::Code::Ledger);
    QCOMPARE(
        inserted.error().message, ledgerError(u"nowhere"_s, u"cannot record migration 1: no such table: nowhere"_s));
}

void TestLedgerStore::readOnlyEnsureTableFails_data()
{
    QTest::addColumn<QString>("create");
    QTest::addColumn<QString>("why");

    QTest::newRow("missing table") << u"CREATE TABLE other (x INTEGER)"_s
                                   << u"cannot create it: attempt to write a readonly database"_s;
    QTest::newRow("legacy table") << LegacyLedger
                                  << u"cannot add column backward_compatible: attempt to write a readonly database"_s;
}

void TestLedgerStore::readOnlyEnsureTableFails()
{
    QFETCH(QString, create);
    QFETCH(QString, why);

    {
        test::TestDatabase raw(uri());
        QVERIFY(raw.exec(create));
    }
    const QByteArray before = test::fileSha256(m_path);
    QVERIFY(!before.isEmpty());

    {
        auto connection = openConnection(m_path, Access::ReadOnly);
        QVERIFY(connection);
        QCOMPARE(connection->access(), Access::ReadOnly);
        const auto ensured = LedgerStore(*connection, Ledger).ensureTable();
        QVERIFY(!ensured.ok());
        QCOMPARE(ensured.error().code, Error::Code::Ledger);
        QCOMPARE(ensured.error().message, ledgerError(Ledger, why));
    }
    QCOMPARE(test::fileSha256(m_path), before);
    QCOMPARE(filesInFolder(), QStringList { u"app.db"_s });
}

void TestLedgerStore::readOnlyInsertFails()
{
    {
        auto connection = openConnection(m_path, Access::ReadWrite);
        QVERIFY(connection);
        LedgerStore store(*connection, Ledger);
        QVERIFY(store.ensureTable().ok());
        QVERIFY(store.insert(makeRow(1, u"init"_s)).ok());
    }
    const QByteArray before = test::fileSha256(m_path);

    {
        auto connection = openConnection(m_path, Access::ReadOnly);
        QVERIFY(connection);
        LedgerStore store(*connection, Ledger);
        const auto inserted = store.insert(makeRow(2, u"second"_s));
        QVERIFY(!inserted.ok());
        QCOMPARE(inserted.error().code, Error::Code::Ledger);
        QCOMPARE(inserted.error().message,
            ledgerError(Ledger, u"cannot record migration 2: attempt to write a readonly database"_s));
        QCOMPARE(idsOf(store.read().value()), QStringList { u"1"_s });
    }
    QCOMPARE(test::fileSha256(m_path), before);
    QCOMPARE(filesInFolder(), QStringList { u"app.db"_s });
}

void TestLedgerStore::readOnlyReadLeavesFileAlone_data()
{
    QTest::addColumn<QString>("journalMode");

    QTest::newRow("rollback journal") << u"delete"_s;
    QTest::newRow("write-ahead log") << u"wal"_s;
}

void TestLedgerStore::readOnlyReadLeavesFileAlone()
{
    QFETCH(QString, journalMode);

    {
        test::TestDatabase raw(uri());
        QCOMPARE(raw.scalar(u"PRAGMA journal_mode = "_s + journalMode).toString(), journalMode);
        QVERIFY(raw.exec(LegacyLedger));
        QVERIFY(raw.exec(u"INSERT INTO _migrations VALUES (1, 'init', '2023-05-01 10:00:00')"_s));
        QVERIFY(raw.exec(u"INSERT INTO _migrations VALUES (2, 'users', '2023-05-02 10:00:00')"_s));
    }
    QCOMPARE(filesInFolder(), QStringList { u"app.db"_s });
    const QByteArray before = test::fileSha256(m_path);

    {
        auto connection = openConnection(m_path, Access::ReadOnly);
        QVERIFY(connection);
        LedgerStore store(*connection, Ledger);
        QCOMPARE(store.exists().value(), true);
        const auto read = store.read();
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(idsOf(read.value()), QStringList({ u"1"_s, u"2"_s }));
        QCOMPARE(store.contains(2).value(), true);
        QCOMPARE(filesInFolder(), QStringList { u"app.db"_s });
    }
    QCOMPARE(filesInFolder(), QStringList { u"app.db"_s });
    QCOMPARE(test::fileSha256(m_path), before);
}

void TestLedgerStore::openReadOnlyMissingFileFails()
{
    const QString missing = m_dir->filePath(u"missing.db"_s);
    const auto uri = DatabaseUri::parse(u"sqlite:"_s + missing);
    QVERIFY(uri.ok());
    const auto connection = DatabaseConnection::open(uri.value(), Access::ReadOnly);
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::Connection);
    QCOMPARE(connection.error().message, u"cannot open sqlite:"_s + missing + u": no such file"_s);
    QVERIFY(connection.error().message.contains(missing));
    QCOMPARE(filesInFolder(), QStringList());
}

QTEST_GUILESS_MAIN(TestLedgerStore)
#include "tst_ledgerstore.moc"
