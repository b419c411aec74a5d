// MigrationRunner on SQLite files with catalogs built in memory: the normal upgrade and
// its ledger rows, a refused build that changes nothing, a failing statement with and
// without a transaction, progress and cancel, the errors that stop a run before it
// starts, and another runner that got there first.

#include "impatientconnection.h"
#include "catalog/statementsplitter.h"
#include "catalogwriter.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/ledgerstore.h"
#include "runner/migrationrunner.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using backstep::test::ImpatientConnection;
using namespace Qt::StringLiterals;
using namespace backstep;
using Access = DatabaseConnection::Access;

namespace {

const QString BuildVersion = u"2.0.0"_s;

Migration migration(
    qint64 id, const QString& name, const QString& sql, bool compatible = true, bool noTransaction = false)
{
    Migration result;
    result.id = id;
    result.name = name;
    result.upFile = u"/catalog/"_s + u"%1"_s.arg(id, 4, 10, QLatin1Char('0')) + u'_' + name + u".sql"_s;
    result.upSql = sql;
    const auto statements = StatementSplitter::split(sql, Dialect::Sqlite);
    if (statements)
        result.upStatements = statements.value();
    else
        qWarning("%s", qPrintable(statements.error().message));
    result.backwardCompatible = compatible;
    result.noTransaction = noTransaction;
    result.checksum = QString::fromLatin1(QCryptographicHash::hash(sql.toUtf8(), QCryptographicHash::Sha256).toHex());
    return result;
}

Catalog catalogOf(const Migrations& migrations, Dialect dialect = Dialect::Sqlite)
{
    Catalog catalog;
    catalog.directory = u"/catalog"_s;
    catalog.dialect = dialect;
    catalog.migrations = migrations;
    return catalog;
}

// Three migrations that depend on each other, so that applying them out of order fails.
Catalog threeMigrations()
{
    return catalogOf({
        migration(1, u"create_users"_s, u"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"_s),
        migration(2, u"add_email"_s, u"-- backstep: backward-compatible\nALTER TABLE users ADD COLUMN email TEXT;\n"_s),
        migration(3, u"rename_users"_s, u"ALTER TABLE users RENAME TO people;\n"_s, false),
    });
}

std::unique_ptr<DatabaseConnection> openConnection(const QString& path, Access access = Access::ReadWrite)
{
    const auto uri = DatabaseUri::parse(u"sqlite:"_s + path);
    if (!uri)
        return {};
    auto connection = DatabaseConnection::open(uri.value(), access);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return {};
    }
    return std::move(connection).value();
}

MigrationRunner::Options options(const QString& buildVersion = BuildVersion)
{
    MigrationRunner::Options result;
    result.buildVersion = buildVersion;
    return result;
}

QVector<qint64> appliedIds(const RunReport& report)
{
    QVector<qint64> ids;
    for (const auto& applied : report.applied)
        ids.append(applied.id);
    return ids;
}

QVector<qint64> ledgerIds(const LedgerRows& rows)
{
    QVector<qint64> ids;
    for (const LedgerRow& row : rows)
        ids.append(row.id);
    return ids;
}

QStringList strings(const QVariantList& values)
{
    QStringList list;
    for (const QVariant& value : values)
        list.append(value.toString());
    return list;
}

} // namespace

class TestMigrationRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void appliesPendingInOrderWithLedgerRows();
    void secondRunAppliesNothing();
    void emptyBuildVersionRecordsNull();
    void customLedgerTable();
    void refuseAppliesNothing();
    void failingStatementRollsBackAndStops();
    void noTransactionFailureKeepsEarlierStatements();
    void failedCommitLeavesNoOpenTransaction();
    void progressIsCalledBeforeEachMigration_data();
    void progressIsCalledBeforeEachMigration();
    void cancelFromProgressStopsBeforeNextMigration();
    void cancelBeforeRunAppliesNothing();
    void readOnlyConnectionIsRefused();
    void dialectMismatchIsRefused();
    void secondRunnerOnAnotherConnectionAppliesNothing();
    void appliedByOthersWhileWaiting_data();
    void appliedByOthersWhileWaiting();

private:
    QString uri() const
    {
        return u"sqlite:"_s + m_path;
    }
    QStringList tables()
    {
        test::TestDatabase raw(uri());
        return strings(raw.column(
            u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"_s));
    }
    LedgerRows ledger(const QString& table = LedgerStore::defaultTable())
    {
        auto connection = openConnection(m_path, Access::ReadOnly);
        if (!connection)
            return {};
        const auto rows = LedgerStore(*connection, table).read();
        if (!rows) {
            qWarning("%s", qPrintable(rows.error().message));
            return {};
        }
        return rows.value();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestMigrationRunner::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"app.db"_s);
}

void TestMigrationRunner::cleanup()
{
    m_dir.reset();
}

void TestMigrationRunner::appliesPendingInOrderWithLedgerRows()
{
    const Catalog catalog = threeMigrations();
    auto connection = openConnection(m_path);
    QVERIFY(connection);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto run = MigrationRunner(*connection, options()).run(catalog);
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
    const RunReport& report = run.value();

    QCOMPARE(report.decision.outcome, GateDecision::Outcome::Boot);
    QCOMPARE(report.decision.head, std::optional<qint64>());
    QCOMPARE(report.decision.buildMax, std::optional<qint64>(3));
    QCOMPARE(report.decision.pending, QVector<qint64>({ 1, 2, 3 }));
    QCOMPARE(appliedIds(report), QVector<qint64>({ 1, 2, 3 }));
    QCOMPARE(report.applied.at(0).name, u"create_users"_s);
    QCOMPARE(report.applied.at(1).name, u"add_email"_s);
    QCOMPARE(report.applied.at(2).name, u"rename_users"_s);
    QCOMPARE(report.appliedByOthers, QVector<qint64>());
    QVERIFY(!report.failure);
    QCOMPARE(report.cancelled, false);
    QCOMPARE(report.succeeded(), true);

    QCOMPARE(tables(), QStringList({ u"_migrations"_s, u"people"_s }));
    test::TestDatabase raw(uri());
    QCOMPARE(strings(raw.column(u"SELECT name FROM pragma_table_info('people') ORDER BY cid"_s)),
        QStringList({ u"id"_s, u"name"_s, u"email"_s }));
    QCOMPARE(strings(raw.column(u"SELECT quote(backward_compatible) FROM _migrations ORDER BY id"_s)),
        QStringList({ u"1"_s, u"1"_s, u"0"_s }));

    const LedgerRows rows = ledger();
    QCOMPARE(ledgerIds(rows), QVector<qint64>({ 1, 2, 3 }));
    const QList<std::optional<bool>> flags = { true, true, false };
    for (int i = 0; i < rows.size(); ++i) {
        const LedgerRow& row = rows.at(i);
        const Migration& known = catalog.migrations.at(i);
        QCOMPARE(row.name, known.name);
        QCOMPARE(row.backwardCompatible, flags.at(i));
        QCOMPARE(row.checksum, known.checksum);
        QCOMPARE(row.appliedBy, BuildVersion);
        QVERIFY(row.durationMs.has_value());
        QCOMPARE(*row.durationMs, report.applied.at(i).durationMs);
        QVERIFY(*row.durationMs >= 0);
        QVERIFY2(row.appliedAt.isValid(), qPrintable(row.appliedAtText));
        QCOMPARE(row.appliedAt.timeSpec(), Qt::UTC);
        QVERIFY2(row.appliedAt >= before && row.appliedAt <= after,
            qPrintable(row.appliedAt.toString(Qt::ISODateWithMs) + u" not in "_s + before.toString(Qt::ISODateWithMs)
                + u" .. "_s + after.toString(Qt::ISODateWithMs)));
        if (i > 0)
            QVERIFY(rows.at(i - 1).appliedAt <= row.appliedAt);
    }
}

void TestMigrationRunner::secondRunAppliesNothing()
{
    const Catalog catalog = threeMigrations();
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    QVERIFY(MigrationRunner(*connection, options()).run(catalog).ok());
    const LedgerRows first = ledger();

    const auto again = MigrationRunner(*connection, options(u"2.0.1"_s)).run(catalog);
    QVERIFY(again.ok());
    QCOMPARE(again.value().decision.outcome, GateDecision::Outcome::Boot);
    QCOMPARE(again.value().decision.head, std::optional<qint64>(3));
    QCOMPARE(again.value().decision.pending, QVector<qint64>());
    QCOMPARE(appliedIds(again.value()), QVector<qint64>());
    QCOMPARE(again.value().appliedByOthers, QVector<qint64>());
    QCOMPARE(again.value().succeeded(), true);
    QCOMPARE(ledger(), first);
}

void TestMigrationRunner::emptyBuildVersionRecordsNull()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    QVERIFY(MigrationRunner(*connection, options(QString())).run(threeMigrations().upTo(1)).ok());
    test::TestDatabase raw(uri());
    QCOMPARE(raw.scalar(u"SELECT quote(applied_by) FROM _migrations WHERE id = 1"_s).toString(), u"NULL"_s);
}

void TestMigrationRunner::customLedgerTable()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    MigrationRunner::Options custom = options();
    custom.ledgerTable = u"app \"ledger\""_s;
    const auto run = MigrationRunner(*connection, custom).run(threeMigrations());
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
    QCOMPARE(appliedIds(run.value()), QVector<qint64>({ 1, 2, 3 }));
    QCOMPARE(tables(), QStringList({ u"app \"ledger\""_s, u"people"_s }));
    QCOMPARE(ledgerIds(ledger(custom.ledgerTable)), QVector<qint64>({ 1, 2, 3 }));
}

void TestMigrationRunner::refuseAppliesNothing()
{
    {
        test::TestDatabase raw(uri());
        QVERIFY(
            raw.exec(u"CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP)"_s));
        QVERIFY(raw.exec(u"INSERT INTO _migrations VALUES (1, 'create_users', '2023-05-01 10:00:00')"_s));
        QVERIFY(raw.exec(u"INSERT INTO _migrations VALUES (3, 'from_a_newer_build', '2023-06-01 10:00:00')"_s));
        QVERIFY(raw.exec(u"CREATE TABLE users (id INTEGER PRIMARY KEY)"_s));
    }
    const QByteArray before = test::fileSha256(m_path);
    // Knows 1 and 2: 2 is pending below head, 3 is newer with an unknown flag.
    const Catalog catalog = catalogOf({
        migration(1, u"create_users"_s, u"CREATE TABLE users (id INTEGER PRIMARY KEY);"_s),
        migration(2, u"create_posts"_s, u"CREATE TABLE posts (id INTEGER PRIMARY KEY);"_s),
    });

    {
        auto connection = openConnection(m_path);
        QVERIFY(connection);
        const auto run = MigrationRunner(*connection, options()).run(catalog);
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
        const RunReport& report = run.value();
        QCOMPARE(report.decision.outcome, GateDecision::Outcome::Refuse);
        QCOMPARE(report.decision.pending, QVector<qint64>({ 2 }));
        QCOMPARE(report.decision.blocking.size(), 1);
        QCOMPARE(report.decision.blocking.at(0).id, 3);
        QCOMPARE(report.decision.blocking.at(0).reason, GateDecision::Blocking::Reason::FlagUnknown);
        QCOMPARE(appliedIds(report), QVector<qint64>());
        QVERIFY(!report.failure);
        QCOMPARE(report.succeeded(), false);
    }

    QCOMPARE(tables(), QStringList({ u"_migrations"_s, u"users"_s }));
    test::TestDatabase raw(uri());
    QCOMPARE(strings(raw.column(u"SELECT name FROM pragma_table_info('_migrations') ORDER BY cid"_s)),
        QStringList({ u"id"_s, u"name"_s, u"applied_at"_s }));
    QCOMPARE(strings(raw.column(u"SELECT id FROM _migrations ORDER BY id"_s)), QStringList({ u"1"_s, u"3"_s }));
    QCOMPARE(test::fileSha256(m_path), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"app.db"_s });
}

void TestMigrationRunner::failingStatementRollsBackAndStops()
{
    const QString failingSql = u"-- backstep: backward-compatible\n"
                               "CREATE TABLE b (x INTEGER);\n"
                               "\n"
                               "INSERT INTO missing_table\n"
                               "  VALUES (1);\n"
                               "CREATE TABLE c (y INTEGER);\n"_s;
    const Catalog catalog = catalogOf({
        migration(1, u"create_a"_s, u"CREATE TABLE a (x INTEGER);"_s),
        migration(2, u"create_b_and_c"_s, failingSql),
        migration(3, u"create_d"_s, u"CREATE TABLE d (x INTEGER);"_s),
    });
    QCOMPARE(catalog.migrations.at(1).upStatements.size(), 3);

    auto connection = openConnection(m_path);
    QVERIFY(connection);
    const auto run = MigrationRunner(*connection, options()).run(catalog);
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
    const RunReport& report = run.value();

    QCOMPARE(appliedIds(report), QVector<qint64>({ 1 }));
    QVERIFY(report.failure.has_value());
    const RunReport::Failure& failure = *report.failure;
    QCOMPARE(failure.id, 2);
    QCOMPARE(failure.name, u"create_b_and_c"_s);
    QCOMPARE(failure.file, u"/catalog/0002_create_b_and_c.sql"_s);
    QCOMPARE(failure.statementNumber, 2);
    QCOMPARE(failure.line, 4);
    QCOMPARE(failure.statement, u"INSERT INTO missing_table\n  VALUES (1)"_s);
    QVERIFY2(failure.databaseError.contains(u"no such table: missing_table"_s), qPrintable(failure.databaseError));
    QCOMPARE(failure.noTransaction, false);
    QCOMPARE(report.cancelled, false);
    QCOMPARE(report.succeeded(), false);

    // Statement 1 of migration 2 was rolled back with it; migration 3 never ran.
    QCOMPARE(tables(), QStringList({ u"_migrations"_s, u"a"_s }));
    QCOMPARE(ledgerIds(ledger()), QVector<qint64>({ 1 }));

    // The connection is left outside any transaction: another writer gets the lock.
    test::TestDatabase raw(uri());
    QVERIFY2(raw.exec(u"BEGIN IMMEDIATE"_s), qPrintable(raw.lastError()));
    QVERIFY(raw.exec(u"ROLLBACK"_s));
}

void TestMigrationRunner::noTransactionFailureKeepsEarlierStatements()
{
    const Catalog catalog = catalogOf({
        migration(1, u"create_a"_s, u"CREATE TABLE a (x INTEGER);"_s),
        migration(2, u"outside_transaction"_s,
            u"-- backstep: no-transaction\nCREATE TABLE kept (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n"_s, true,
            true),
        migration(3, u"create_d"_s, u"CREATE TABLE d (x INTEGER);"_s),
    });

    auto connection = openConnection(m_path);
    QVERIFY(connection);
    const auto run = MigrationRunner(*connection, options()).run(catalog);
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
    const RunReport& report = run.value();

    QCOMPARE(appliedIds(report), QVector<qint64>({ 1 }));
    QVERIFY(report.failure.has_value());
    QCOMPARE(report.failure->id, 2);
    QCOMPARE(report.failure->name, u"outside_transaction"_s);
    QCOMPARE(report.failure->file, u"/catalog/0002_outside_transaction.sql"_s);
    QCOMPARE(report.failure->statementNumber, 2);
    QCOMPARE(report.failure->line, 3);
    QCOMPARE(report.failure->statement, u"INSERT INTO nowhere VALUES (1)"_s);
    QVERIFY2(
        report.failure->databaseError.contains(u"no such table: nowhere"_s), qPrintable(report.failure->databaseError));
    QCOMPARE(report.failure->noTransaction, true);
    QCOMPARE(report.succeeded(), false);

    QCOMPARE(tables(), QStringList({ u"_migrations"_s, u"a"_s, u"kept"_s }));
    QCOMPARE(ledgerIds(ledger()), QVector<qint64>({ 1 }));
}

void TestMigrationRunner::failedCommitLeavesNoOpenTransaction()
{
    const Catalog catalog = threeMigrations();
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    // Do not wait 30 s for the reader below: fail the COMMIT at once.
    QVERIFY(connection->execute(u"PRAGMA busy_timeout = 0"_s).ok());

    // A reader in a transaction (the app, a backup) holds SHARED while #2 runs, so #2's
    // COMMIT cannot take the EXCLUSIVE lock and fails with "database is locked".
    std::unique_ptr<ImpatientConnection> reader;
    MigrationRunner runner(*connection, options());
    runner.setProgress([&](int, int, const Migration& next) {
        if (next.id != 2)
            return;
        reader = std::make_unique<ImpatientConnection>(m_path);
        QCOMPARE(reader->exec(u"BEGIN"_s), QString());
        QCOMPARE(reader->exec(u"SELECT count(*) FROM _migrations"_s), QString());
    });
    const auto run = runner.run(catalog);
    QVERIFY(!run.ok());
    QCOMPARE(run.error().code, Error::Code::Connection);
    QCOMPARE(run.error().message, uri() + u": COMMIT failed: database is locked"_s);
    reader.reset();

    // #2 was not committed, so its own connection must not see it either...
    const auto seen = LedgerStore(*connection, LedgerStore::defaultTable()).read();
    QVERIFY(seen.ok());
    QCOMPARE(ledgerIds(seen.value()), QVector<qint64>({ 1 }));
    // ...and the write lock is released for the app and other runners.
    ImpatientConnection other(m_path);
    QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
    QCOMPARE(other.exec(u"ROLLBACK"_s), QString());
}

void TestMigrationRunner::progressIsCalledBeforeEachMigration_data()
{
    QTest::addColumn<qint64>("alreadyApplied");
    QTest::addColumn<QStringList>("calls");

    QTest::newRow("empty database") << qint64(
        0) << QStringList { u"0/3 #1 create_users"_s, u"1/3 #2 add_email"_s, u"2/3 #3 rename_users"_s };
    QTest::newRow("1 already applied") << qint64(1) << QStringList { u"0/2 #2 add_email"_s, u"1/2 #3 rename_users"_s };
    QTest::newRow("up to date") << qint64(3) << QStringList();
}

void TestMigrationRunner::progressIsCalledBeforeEachMigration()
{
    QFETCH(qint64, alreadyApplied);
    QFETCH(QStringList, calls);

    const Catalog catalog = threeMigrations();
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    if (alreadyApplied > 0)
        QVERIFY(MigrationRunner(*connection, options()).run(catalog.upTo(alreadyApplied)).ok());

    MigrationRunner runner(*connection, options());
    QStringList seen;
    runner.setProgress([&](int done, int total, const Migration& next) {
        // What is applied at that moment: the callback comes before `next` runs.
        const qsizetype rows = ledger().size();
        seen.append(u"%1/%2 #%3 %4"_s.arg(done).arg(total).arg(next.id).arg(next.name));
        QCOMPARE(rows, alreadyApplied + done);
    });
    const auto run = runner.run(catalog);
    QVERIFY(run.ok());
    QCOMPARE(seen, calls);
    QCOMPARE(ledgerIds(ledger()), QVector<qint64>({ 1, 2, 3 }));
}

void TestMigrationRunner::cancelFromProgressStopsBeforeNextMigration()
{
    const Catalog catalog = threeMigrations();
    auto connection = openConnection(m_path);
    QVERIFY(connection);

    std::atomic_bool cancel { false };
    MigrationRunner runner(*connection, options());
    runner.setCancelFlag(&cancel);
    QVector<qint64> announced;
    runner.setProgress([&](int, int, const Migration& next) {
        announced.append(next.id);
        // Cancel while #2 is under way: it runs to its end, #3 does not start.
        if (next.id == 2)
            cancel = true;
    });
    const auto run = runner.run(catalog);
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
    const RunReport& report = run.value();

    QCOMPARE(announced, QVector<qint64>({ 1, 2 }));
    QCOMPARE(report.cancelled, true);
    QCOMPARE(appliedIds(report), QVector<qint64>({ 1, 2 }));
    QVERIFY(!report.failure);
    QCOMPARE(report.succeeded(), false);
    QCOMPARE(ledgerIds(ledger()), QVector<qint64>({ 1, 2 }));
    QCOMPARE(tables(), QStringList({ u"_migrations"_s, u"users"_s }));
}

void TestMigrationRunner::cancelBeforeRunAppliesNothing()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    std::atomic_bool cancel { true };
    MigrationRunner runner(*connection, options());
    runner.setCancelFlag(&cancel);
    int calls = 0;
    runner.setProgress([&](int, int, const Migration&) { ++calls; });
    const auto run = runner.run(threeMigrations());
    QVERIFY(run.ok());
    QCOMPARE(run.value().cancelled, true);
    QCOMPARE(run.value().decision.pending, QVector<qint64>({ 1, 2, 3 }));
    QCOMPARE(appliedIds(run.value()), QVector<qint64>());
    QCOMPARE(calls, 0);
    QCOMPARE(run.value().succeeded(), false);
    QCOMPARE(ledger(), LedgerRows());
}

void TestMigrationRunner::readOnlyConnectionIsRefused()
{
    {
        test::TestDatabase raw(uri());
        QVERIFY(raw.exec(u"CREATE TABLE other (x INTEGER)"_s));
    }
    const QByteArray before = test::fileSha256(m_path);
    auto connection = openConnection(m_path, Access::ReadOnly);
    QVERIFY(connection);
    const auto run = MigrationRunner(*connection, options()).run(threeMigrations());
    QVERIFY(!run.ok());
    QCOMPARE(run.error().code, Error::Code::Internal);
    QCOMPARE(run.error().message, u"migrating needs a read-write connection"_s);
    QCOMPARE(test::fileSha256(m_path), before);
}

void TestMigrationRunner::dialectMismatchIsRefused()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    Catalog catalog = threeMigrations();
    catalog.dialect = Dialect::Postgres;
    const auto run = MigrationRunner(*connection, options()).run(catalog);
    QVERIFY(!run.ok());
    QCOMPARE(run.error().code, Error::Code::Internal);
    QCOMPARE(run.error().message, u"the catalog was read for postgres but the database is sqlite"_s);
    QCOMPARE(tables(), QStringList());
}

void TestMigrationRunner::secondRunnerOnAnotherConnectionAppliesNothing()
{
    const Catalog catalog = threeMigrations();
    auto first = openConnection(m_path);
    auto second = openConnection(m_path);
    QVERIFY(first && second);

    const auto firstRun = MigrationRunner(*first, options(u"first"_s)).run(catalog);
    QVERIFY(firstRun.ok());
    QCOMPARE(appliedIds(firstRun.value()), QVector<qint64>({ 1, 2, 3 }));

    const auto secondRun = MigrationRunner(*second, options(u"second"_s)).run(catalog);
    QVERIFY2(secondRun.ok(), qPrintable(secondRun.ok() ? QString() : secondRun.error().message));
    QCOMPARE(secondRun.value().decision.pending, QVector<qint64>());
    QCOMPARE(appliedIds(secondRun.value()), QVector<qint64>());
    QCOMPARE(secondRun.value().appliedByOthers, QVector<qint64>());
    QCOMPARE(secondRun.value().succeeded(), true);

    const LedgerRows rows = ledger();
    QCOMPARE(ledgerIds(rows), QVector<qint64>({ 1, 2, 3 }));
    for (const LedgerRow& row : rows)
        QCOMPARE(row.appliedBy, u"first"_s);
}

void TestMigrationRunner::appliedByOthersWhileWaiting_data()
{
    QTest::addColumn<bool>("noTransaction");

    QTest::newRow("in a transaction") << false;
    QTest::newRow("without a transaction") << true;
}

void TestMigrationRunner::appliedByOthersWhileWaiting()
{
    QFETCH(bool, noTransaction);

    const Catalog catalog = catalogOf({
        migration(1, u"create_a"_s, u"CREATE TABLE a (x INTEGER);"_s),
        migration(2, u"create_b"_s, u"CREATE TABLE b (x INTEGER);"_s, true, noTransaction),
        migration(3, u"create_c"_s, u"CREATE TABLE c (x INTEGER);"_s),
    });
    auto connection = openConnection(m_path);
    QVERIFY(connection);

    // Between the gate (which saw 2 pending) and applying 2, another runner records it.
    MigrationRunner runner(*connection, options());
    runner.setProgress([&](int, int, const Migration& next) {
        if (next.id != 2)
            return;
        test::TestDatabase other(uri());
        QVERIFY2(other.exec(u"INSERT INTO _migrations (id, name, backward_compatible, applied_by) "
                            "VALUES (2, 'create_b', 1, 'other runner')"_s),
            qPrintable(other.lastError()));
    });
    const auto run = runner.run(catalog);
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().message));
    const RunReport& report = run.value();

    QCOMPARE(report.decision.pending, QVector<qint64>({ 1, 2, 3 }));
    QCOMPARE(appliedIds(report), QVector<qint64>({ 1, 3 }));
    QCOMPARE(report.appliedByOthers, QVector<qint64>({ 2 }));
    QVERIFY(!report.failure);
    QCOMPARE(report.succeeded(), true);

    // 2's SQL did not run here: the other runner "applied" it (its row says so).
    QCOMPARE(tables(), QStringList({ u"_migrations"_s, u"a"_s, u"c"_s }));
    const LedgerRows rows = ledger();
    QCOMPARE(ledgerIds(rows), QVector<qint64>({ 1, 2, 3 }));
    QCOMPARE(rows.at(1).appliedBy, u"other runner"_s);
    QCOMPARE(rows.at(2).appliedBy, BuildVersion);
}

QTEST_GUILESS_MAIN(TestMigrationRunner)
#include "tst_migrationrunner.moc"
