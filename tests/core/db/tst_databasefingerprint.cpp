// The unchanged proof's two halves: the fingerprint of a database (SQLite file digest,
// PostgreSQL schema and row counts) and SqliteBackup's copy, whose "before" digest the
// rehearsal takes from the copy pass. On SQLite files and the real PostgreSQL server.
#include "db/databaseconnection.h"
#include "db/databasefingerprint.h"
#include "db/filedigest.h"
#include "db/sqlitebackup.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace backstep;
using namespace backstep::test;

namespace {

DatabaseUri parsed(const QString& text)
{
    auto uri = DatabaseUri::parse(text);
    return uri.ok() ? uri.value() : DatabaseUri();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A few hundred rows, so the file has many pages.
bool fill(TestDatabase& db)
{
    if (!db.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")))
        return false;
    for (int i = 0; i < 300; ++i) {
        if (!db.exec(QStringLiteral("INSERT INTO notes (body) VALUES (?)"), { QString(400, QLatin1Char('a' + i % 26)) }))
            return false;
    }
    return true;
}

} // namespace

class TestDatabaseFingerprint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteFileDigest()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        const QString uri = QStringLiteral("sqlite:") + path;
        {
            TestDatabase db(uri);
            QVERIFY(fill(db));
        }
        const auto before = DatabaseFingerprint::take(parsed(uri));
        QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error().message));
        QCOMPARE(before->method(), QStringLiteral("xxh128 of the file"));
        QCOMPARE(before->fileDigest, FileDigest::of(path).value());
        QVERIFY(before->walDigest.isEmpty());
        QCOMPARE(before->summary(), QStringLiteral("xxh128 ") + QString::fromLatin1(before->fileDigest));

        const auto again = DatabaseFingerprint::take(parsed(uri));
        QVERIFY(again.ok());
        QVERIFY(again.value() == before.value());
        QVERIFY(DatabaseFingerprint::differences(before.value(), again.value()).isEmpty());

        {
            TestDatabase db(uri);
            QVERIFY(db.exec(QStringLiteral("UPDATE notes SET body = 'changed' WHERE id = 7")));
        }
        const auto after = DatabaseFingerprint::take(parsed(uri));
        QVERIFY(after.ok());
        const QStringList differences = DatabaseFingerprint::differences(before.value(), after.value());
        QCOMPARE(differences.size(), 1);
        QCOMPARE(differences.first(), QStringLiteral("file xxh128 %1 -> %2")
                                          .arg(QString::fromLatin1(before->fileDigest), QString::fromLatin1(after->fileDigest)));
    }

    // While a connection has the database open in WAL mode, committed rows may live
    // only in the -wal file: the fingerprint covers it, and the copy includes them.
    void sqliteWalFileIsPartOfTheProof()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        const QString uri = QStringLiteral("sqlite:") + path;
        TestDatabase app(uri);
        QVERIFY(app.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
        QVERIFY(app.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")));
        QVERIFY(fill(app));
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));

        const auto before = DatabaseFingerprint::take(parsed(uri));
        QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error().message));
        QCOMPARE(before->walDigest, FileDigest::of(path + QStringLiteral("-wal")).value());
        QVERIFY(before->summary().contains(QStringLiteral(", -wal xxh128 ") + QString::fromLatin1(before->walDigest)));

        auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
        QVERIFY(source.ok());
        const QString copyPath = dir.filePath(QStringLiteral("copy.db"));
        const auto copied = SqliteBackup::copy(*source.value(), copyPath);
        QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
        QCOMPARE(copied->method, SqliteBackup::Copied::Method::WalByteCopy);
        QCOMPARE(copied->sourceDigest, before->fileDigest);
        QVERIFY(QFile::exists(copyPath + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(copyPath + QStringLiteral("-shm")));
        {
            TestDatabase copy(QStringLiteral("sqlite:") + copyPath);
            QCOMPARE(copy.scalar(QStringLiteral("SELECT count(*) FROM notes")).toInt(), 300);
        }

        QVERIFY(app.exec(QStringLiteral("INSERT INTO notes (body) VALUES ('one more')")));
        const auto after = DatabaseFingerprint::take(parsed(uri));
        QVERIFY(after.ok());
        const QStringList differences = DatabaseFingerprint::differences(before.value(), after.value());
        QCOMPARE(differences.size(), 1);
        QVERIFY2(differences.first().startsWith(QStringLiteral("-wal file xxh128 ")), qPrintable(differences.first()));
    }

    // A rollback-journal database is copied byte for byte under a read lock; the
    // digest taken on the way is the file's.
    void sqliteByteCopy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        const QString uri = QStringLiteral("sqlite:") + path;
        {
            TestDatabase db(uri);
            QVERIFY(fill(db));
        }
        const QByteArray original = readFile(path);
        auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
        QVERIFY(source.ok());
        const QString copyPath = dir.filePath(QStringLiteral("copy.db"));
        int lastDone = -1;
        int lastTotal = 0;
        const auto copied = SqliteBackup::copy(*source.value(), copyPath, [&](int done, int total) {
            lastDone = done;
            lastTotal = total;
        });
        QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
        QCOMPARE(copied->method, SqliteBackup::Copied::Method::LockedByteCopy);
        QCOMPARE(copied->sourceDigest, FileDigest::of(path).value());
        QVERIFY(readFile(copyPath) == original);
        QVERIFY(lastTotal > 0);
        QCOMPARE(lastDone, lastTotal);

        // The copy is never written over, and the source is left as it was.
        const auto again = SqliteBackup::copy(*source.value(), copyPath);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(copyPath), qPrintable(again.error().message));
        QVERIFY(readFile(path) == original);
    }

    // A WAL database is copied while another connection keeps committing and
    // checkpointing: every copy must open as a sound database holding whole
    // transactions only, and at least what was committed before the copy began.
    void sqliteWalCopyWhileWriting()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        const QString uri = QStringLiteral("sqlite:") + path;
        {
            TestDatabase setup(uri);
            QVERIFY(setup.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
            QVERIFY(setup.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")));
            QVERIFY(setup.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) "
                                              "INSERT INTO notes (body) SELECT hex(randomblob(500)) FROM n")));
        }
        std::atomic_bool stop { false };
        std::atomic_int batches { 0 };
        QString writerError;
        std::thread writer([&] {
            TestDatabase app(uri); // its own connection, on this thread
            app.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 16")); // a checkpoint every few commits
            while (!stop) {
                const bool ok = app.exec(QStringLiteral("BEGIN IMMEDIATE"))
                    && app.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) "
                                               "INSERT INTO notes (body) SELECT hex(randomblob(500)) FROM n"))
                    && app.exec(QStringLiteral("COMMIT"));
                if (!ok && !app.lastError().contains(QStringLiteral("locked"))) {
                    writerError = app.lastError();
                    break;
                }
                if (ok)
                    ++batches;
            }
        });
        const auto waitForBatches = [&](int count) {
            for (int i = 0; i < 500 && batches < count && writerError.isEmpty(); ++i)
                QThread::msleep(2);
        };
        waitForBatches(5);
        for (int round = 0; round < 12 && writerError.isEmpty(); ++round) {
            auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
            QVERIFY(source.ok());
            const int before = source.value()->select(QStringLiteral("SELECT count(*) FROM notes"))->value(0).value(0).toInt();
            const QString copyPath = dir.filePath(QStringLiteral("copy-%1.db").arg(round));
            const auto copied = SqliteBackup::copy(*source.value(), copyPath);
            QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
            QCOMPARE(copied->method, SqliteBackup::Copied::Method::WalByteCopy);
            TestDatabase copy(QStringLiteral("sqlite:") + copyPath);
            QCOMPARE(copy.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            const int rows = copy.scalar(QStringLiteral("SELECT count(*) FROM notes")).toInt();
            QVERIFY2(rows >= before && rows % 10 == 0, qPrintable(QStringLiteral("%1 rows, %2 before").arg(rows).arg(before)));
            waitForBatches(batches + 3);
        }
        stop = true;
        writer.join();
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
        QVERIFY(batches > 10);
    }

    // A WAL database no process has open is read as immutable: the copy is its file
    // alone, and nothing appears beside the source.
    void sqliteIdleWalDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        const QString uri = QStringLiteral("sqlite:") + path;
        {
            TestDatabase db(uri);
            QVERIFY(db.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
            QVERIFY(fill(db));
        }
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        const QByteArray original = readFile(path);
        const QString copyPath = dir.filePath(QStringLiteral("copy.db"));
        {
            auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
            QVERIFY(source.ok());
            const auto copied = SqliteBackup::copy(*source.value(), copyPath);
            QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
            QCOMPARE(copied->method, SqliteBackup::Copied::Method::WalByteCopy);
            QCOMPARE(copied->sourceDigest, FileDigest::of(path).value());
        }
        QVERIFY(readFile(copyPath) == original);
        QVERIFY(!QFile::exists(copyPath + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
        QVERIFY(readFile(path) == original);
    }

    // Without a file to copy (an in-memory database), the online backup API.
    void inMemoryDatabaseUsesTheBackupApi()
    {
        auto source = DatabaseConnection::openInMemory();
        QVERIFY(source.ok());
        QVERIFY(source.value()->execute(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")).ok());
        QVERIFY(source.value()->execute(QStringLiteral("INSERT INTO notes (body) VALUES ('kept')")).ok());
        QTemporaryDir dir;
        const QString copyPath = dir.filePath(QStringLiteral("copy.db"));
        const auto copied = SqliteBackup::copy(*source.value(), copyPath);
        QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
        QCOMPARE(copied->method, SqliteBackup::Copied::Method::BackupApi);
        QVERIFY(copied->sourceDigest.isEmpty());
        TestDatabase copy(QStringLiteral("sqlite:") + copyPath);
        QCOMPARE(copy.scalar(QStringLiteral("SELECT body FROM notes")).toString(), QStringLiteral("kept"));
    }

    void postgresSchemaAndRowCounts()
    {
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
        ScratchPostgres server;
        QVERIFY2(server.isValid(), qPrintable(server.error()));
        TestDatabase db(server.uri());
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO notes (body) VALUES ('a'), ('b')")));

        const auto before = DatabaseFingerprint::take(parsed(server.uri()));
        QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error().message));
        QCOMPARE(before->method(), QStringLiteral("schema snapshot and row counts"));
        QCOMPARE(before->summary(), QStringLiteral("1 tables, 2 rows"));

        QVERIFY(db.exec(QStringLiteral("INSERT INTO notes (body) VALUES ('c')")));
        QVERIFY(db.exec(QStringLiteral("ALTER TABLE notes ADD COLUMN tag text")));
        const auto after = DatabaseFingerprint::take(parsed(server.uri()));
        QVERIFY(after.ok());
        const QStringList differences = DatabaseFingerprint::differences(before.value(), after.value());
        QVERIFY2(differences.contains(QStringLiteral("table notes: 2 rows -> 3")), qPrintable(differences.join(u'\n')));
        QVERIFY2(differences.contains(QStringLiteral("column notes.tag: added text")), qPrintable(differences.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFingerprint)
#include "tst_databasefingerprint.moc"
