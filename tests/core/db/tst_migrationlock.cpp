// MigrationLock on SQLite files: the advisory key, the transaction it holds, what a
// second connection meets while it is held, and the destructor's rollback. A second
// writer is told not to wait (busy_timeout 0), so contention is seen at once instead of
// after the 30 s a DatabaseConnection waits by default.

#include "impatientconnection.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/migrationlock.h"
#include "testdatabase.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using backstep::test::ImpatientConnection;
using namespace Qt::StringLiterals;
using namespace backstep;
using Access = DatabaseConnection::Access;

namespace {

std::unique_ptr<DatabaseConnection> openConnection(const QString& path)
{
    const auto uri = DatabaseUri::parse(u"sqlite:"_s + path);
    if (!uri)
        return {};
    auto connection = DatabaseConnection::open(uri.value(), Access::ReadWrite);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return {};
    }
    return std::move(connection).value();
}

} // namespace

class TestMigrationLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void advisoryKeyIsStable_data();
    void advisoryKeyIsStable();
    void advisoryKeyDiffersPerTable();
    void commitKeepsTheWork();
    void rollbackDropsTheWork();
    void secondWriterCannotBeginWhileHeld();
    void secondLockFailsWhileHeld();
    void destructorRollsBackOpenTransaction();
    void destructorAfterFailedCommitRollsBack();
    void sessionScopeIsNoTransactionOnSqlite();

private:
    QString uri() const
    {
        return u"sqlite:"_s + m_path;
    }
    // The committed rows of t as another connection sees them; -1 when it cannot read.
    int rowsInT()
    {
        ImpatientConnection reader(m_path);
        return reader.count(u"t"_s);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestMigrationLock::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"app.db"_s);
    test::TestDatabase raw(uri());
    QVERIFY(raw.exec(u"CREATE TABLE t (x INTEGER)"_s));
}

void TestMigrationLock::cleanup()
{
    m_dir.reset();
}

void TestMigrationLock::advisoryKeyIsStable_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<qint64>("key");

    // First 8 bytes, big-endian, of SHA-256("backstep:" + table). Runners of different
    // Backstep versions must agree on it, so the values are written out.
    QTest::newRow("_migrations") << u"_migrations"_s << Q_INT64_C(8061788977042180794);
    QTest::newRow("app._migrations") << u"app._migrations"_s << Q_INT64_C(-1355098985202425062);
    QTest::newRow("other") << u"other"_s << Q_INT64_C(1395264750715272765);
}

void TestMigrationLock::advisoryKeyIsStable()
{
    QFETCH(QString, table);
    QFETCH(qint64, key);

    QCOMPARE(MigrationLock::advisoryKey(table), key);
    QCOMPARE(MigrationLock::advisoryKey(table), MigrationLock::advisoryKey(QString(table)));
}

void TestMigrationLock::advisoryKeyDiffersPerTable()
{
    const QStringList tables = { u"_migrations"_s, u"_Migrations"_s, u"app._migrations"_s, u"schema_migrations"_s,
        u"_migrations "_s, QString(), u"a"_s, u"b"_s };
    QSet<qint64> keys;
    for (const QString& table : tables)
        keys.insert(MigrationLock::advisoryKey(table));
    QCOMPARE(keys.size(), tables.size());
}

void TestMigrationLock::commitKeepsTheWork()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    {
        MigrationLock lock(*connection, u"_migrations"_s);
        const auto begun = lock.beginTransaction();
        QVERIFY2(begun.ok(), qPrintable(begun.ok() ? QString() : begun.error().message));
        QVERIFY(connection->execute(u"INSERT INTO t VALUES (1)"_s).ok());
        QCOMPARE(rowsInT(), 0); // not visible to others before the commit
        const auto committed = lock.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : committed.error().message));
        QCOMPARE(rowsInT(), 1);
    }
    QCOMPARE(rowsInT(), 1); // the destructor leaves a committed transaction alone

    ImpatientConnection other(m_path);
    QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
    QCOMPARE(other.exec(u"ROLLBACK"_s), QString());
}

void TestMigrationLock::rollbackDropsTheWork()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    MigrationLock lock(*connection, u"_migrations"_s);
    QVERIFY(lock.beginTransaction().ok());
    QVERIFY(connection->execute(u"INSERT INTO t VALUES (1)"_s).ok());
    const auto rolledBack = lock.rollback();
    QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.ok() ? QString() : rolledBack.error().message));
    QCOMPARE(rowsInT(), 0);
}

void TestMigrationLock::secondWriterCannotBeginWhileHeld()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    ImpatientConnection other(m_path);
    {
        MigrationLock lock(*connection, u"_migrations"_s);
        QVERIFY(lock.beginTransaction().ok());
        QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), u"database is locked"_s);
        // Readers are not blocked by the write lock.
        QCOMPARE(other.exec(u"SELECT count(*) FROM t"_s), QString());
        QVERIFY(lock.commit().ok());
    }
    QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
    QCOMPARE(other.exec(u"COMMIT"_s), QString());
}

void TestMigrationLock::secondLockFailsWhileHeld()
{
    auto first = openConnection(m_path);
    auto second = openConnection(m_path);
    QVERIFY(first && second);
    QVERIFY(second->execute(u"PRAGMA busy_timeout = 0"_s).ok());

    MigrationLock held(*first, u"_migrations"_s);
    QVERIFY(held.beginTransaction().ok());
    {
        MigrationLock waiting(*second, u"_migrations"_s);
        const auto begun = waiting.beginTransaction();
        QVERIFY(!begun.ok());
        QCOMPARE(begun.error().code, Error::Code::Connection);
        QCOMPARE(begun.error().message, uri() + u": BEGIN IMMEDIATE failed: database is locked"_s);
    }
    QVERIFY(held.commit().ok());

    MigrationLock next(*second, u"_migrations"_s);
    QVERIFY(next.beginTransaction().ok());
    QVERIFY(next.commit().ok());
}

void TestMigrationLock::destructorRollsBackOpenTransaction()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    {
        MigrationLock lock(*connection, u"_migrations"_s);
        QVERIFY(lock.beginTransaction().ok());
        QVERIFY(connection->execute(u"INSERT INTO t VALUES (1)"_s).ok());
    }
    QCOMPARE(rowsInT(), 0);
    // The connection is usable and outside any transaction again.
    QVERIFY(connection->execute(u"INSERT INTO t VALUES (2)"_s).ok());
    QCOMPARE(rowsInT(), 1);
    ImpatientConnection other(m_path);
    QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
    QCOMPARE(other.exec(u"ROLLBACK"_s), QString());
}

void TestMigrationLock::destructorAfterFailedCommitRollsBack()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    QVERIFY(connection->execute(u"PRAGMA busy_timeout = 0"_s).ok());
    auto reader = std::make_unique<ImpatientConnection>(m_path);
    {
        MigrationLock lock(*connection, u"_migrations"_s);
        QVERIFY(lock.beginTransaction().ok());
        QVERIFY(connection->execute(u"INSERT INTO t VALUES (1)"_s).ok());
        // A reader inside a transaction holds SHARED: the COMMIT cannot get EXCLUSIVE.
        QCOMPARE(reader->exec(u"BEGIN"_s), QString());
        QCOMPARE(reader->exec(u"SELECT count(*) FROM t"_s), QString());
        const auto committed = lock.commit();
        QVERIFY(!committed.ok());
        QCOMPARE(committed.error().message, uri() + u": COMMIT failed: database is locked"_s);
        // SQLite keeps the transaction open after a busy COMMIT: the lock still holds it,
        // and "the destructor rolls back whatever is still held".
    }
    reader.reset();
    {
        ImpatientConnection other(m_path);
        QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
        QCOMPARE(other.exec(u"ROLLBACK"_s), QString());
    }
    QCOMPARE(rowsInT(), 0);
}

void TestMigrationLock::sessionScopeIsNoTransactionOnSqlite()
{
    auto connection = openConnection(m_path);
    QVERIFY(connection);
    ImpatientConnection other(m_path);
    {
        MigrationLock lock(*connection, u"_migrations"_s);
        QVERIFY(lock.acquireSession().ok());
        QVERIFY(connection->execute(u"INSERT INTO t VALUES (1)"_s).ok());
        QCOMPARE(rowsInT(), 1); // autocommit: no transaction around the work
        QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
        QCOMPARE(other.exec(u"ROLLBACK"_s), QString());
        QVERIFY(lock.releaseSession().ok());
    }
    QCOMPARE(rowsInT(), 1);
}

QTEST_GUILESS_MAIN(TestMigrationLock)
#include "tst_migrationlock.moc"
