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
#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <QThread>

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

enum class Journal { Rollback, Wal };

// A database file in a folder of its own, filled and closed again.
struct FilledDatabase
{
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("app.db"));
    QString uri = QStringLiteral("sqlite:") + path;

    bool create(Journal journal)
    {
        TestDatabase db(uri);
        return (journal == Journal::Rollback || db.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) && fill(db);
    }
};

} // namespace

class TestDatabaseFingerprint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteFileDigest()
    {
        FilledDatabase database;
        QVERIFY(database.create(Journal::Rollback));
        const QString& path = database.path;
        const QString& uri = database.uri;
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
        FilledDatabase database;
        QVERIFY(database.create(Journal::Rollback));
        const QTemporaryDir& dir = database.dir;
        const QString& path = database.path;
        const QString& uri = database.uri;
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

    // A WAL database is copied while other processes keep committing, each closing
    // its connection afterwards (which checkpoints, and would delete the -wal if it
    // were the last connection). This process keeps an app connection open the whole
    // time: if anything here dropped this process's locks on the file (closing any
    // descriptor of it does), the writers would see themselves as the last
    // connection and checkpoint away the frames under the copy. Every copy must open
    // as a sound database holding whole transactions only, and at least what was
    // committed before it began.
    void sqliteWalCopyWhileOtherProcessesWrite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        const QString uri = QStringLiteral("sqlite:") + path;
        TestDatabase app(uri);
        QVERIFY(app.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
        QVERIFY(app.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")));
        QVERIFY(app.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) "
                                        "INSERT INTO notes (body) SELECT hex(randomblob(500)) FROM n")));
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));

        // Ten rows per transaction and a checkpoint every few commits, one process each.
        QProcess writers;
        writers.setProcessChannelMode(QProcess::MergedChannels);
        writers.start(QStringLiteral("bash"),
                      { QStringLiteral("-c"),
                        QStringLiteral("for i in $(seq 1 300); do sqlite3 -cmd '.timeout 5000' \"$1\" "
                                       "'PRAGMA wal_autocheckpoint = 16; BEGIN IMMEDIATE; WITH RECURSIVE n(x) AS "
                                       "(SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) INSERT INTO notes (body) "
                                       "SELECT hex(randomblob(500)) FROM n; COMMIT;' || exit 1; done"),
                        QStringLiteral("writers"), path });
        QVERIFY(writers.waitForStarted());
        const auto stopWriters = qScopeGuard([&] {
            writers.kill();
            writers.waitForFinished();
        });
        const auto count = [&] { return app.scalar(QStringLiteral("SELECT count(*) FROM notes")).toInt(); };
        const auto waitForRows = [&](int rows) {
            for (int i = 0; i < 1000 && count() < rows && writers.state() == QProcess::Running; ++i)
                QThread::msleep(5);
        };
        waitForRows(5000 + 30);
        int overlapped = 0; // copies that took in rows committed after they began
        for (int round = 0; round < 12 && writers.state() == QProcess::Running; ++round) {
            auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
            QVERIFY(source.ok());
            const int before = count();
            const QString copyPath = dir.filePath(QStringLiteral("copy-%1.db").arg(round));
            const auto copied = SqliteBackup::copy(*source.value(), copyPath);
            QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
            QCOMPARE(copied->method, SqliteBackup::Copied::Method::WalByteCopy);
            TestDatabase copy(QStringLiteral("sqlite:") + copyPath);
            QCOMPARE(copy.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            const int rows = copy.scalar(QStringLiteral("SELECT count(*) FROM notes")).toInt();
            QVERIFY2(rows >= before && rows % 10 == 0, qPrintable(QStringLiteral("%1 rows, %2 before").arg(rows).arg(before)));
            overlapped += rows > before ? 1 : 0;
            waitForRows(count() + 30);
        }
        QVERIFY2(writers.state() == QProcess::Running || writers.exitCode() == 0, writers.readAll().constData());
        QVERIFY(count() > 5000 + 30);
        qInfo("%d of 12 copies took in rows committed after they began", overlapped);
    }

    // While a rollback-journal database is copied, no other process can write it: the
    // read transaction's SHARED lock holds (nothing here closed a descriptor of the
    // file, which would have dropped it).
    void sqliteByteCopyKeepsWritersOut()
    {
        FilledDatabase database;
        QVERIFY(database.create(Journal::Rollback));
        const QTemporaryDir& dir = database.dir;
        const QString& path = database.path;
        const QString& uri = database.uri;
        auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
        QVERIFY(source.ok());
        QString writeDuringCopy;
        const auto copied = SqliteBackup::copy(*source.value(), dir.filePath(QStringLiteral("copy.db")), [&](int, int) {
            if (!writeDuringCopy.isEmpty())
                return;
            QProcess writer;
            writer.setProcessChannelMode(QProcess::MergedChannels);
            writer.start(QStringLiteral("sqlite3"), { QStringLiteral("-cmd"), QStringLiteral(".timeout 200"), path,
                                                      QStringLiteral("INSERT INTO notes (body) VALUES ('during')") });
            writer.waitForFinished();
            writeDuringCopy = QString::fromLocal8Bit(writer.readAll()).trimmed() + QStringLiteral(" (exit %1)").arg(writer.exitCode());
        });
        QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
        QCOMPARE(copied->method, SqliteBackup::Copied::Method::LockedByteCopy);
        QVERIFY2(writeDuringCopy.contains(QStringLiteral("locked")), qPrintable(writeDuringCopy));
        TestDatabase db(uri);
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM notes WHERE body = 'during'")).toInt(), 0);
    }

    // A WAL database no process has open is read as immutable: the copy is its file
    // alone, and nothing appears beside the source.
    void sqliteIdleWalDatabase()
    {
        FilledDatabase database;
        QVERIFY(database.create(Journal::Wal));
        const QTemporaryDir& dir = database.dir;
        const QString& path = database.path;
        const QString& uri = database.uri;
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

    // Nothing locks an idle WAL database read as immutable: when another process
    // opens and writes it during the copy, the copy is refused, not trusted.
    void sqliteIdleWalDatabaseWrittenDuringTheCopy()
    {
        FilledDatabase database;
        QVERIFY(database.create(Journal::Wal));
        const QTemporaryDir& dir = database.dir;
        const QString& path = database.path;
        const QString& uri = database.uri;
        auto source = DatabaseConnection::open(parsed(uri), DatabaseConnection::Access::ReadOnly);
        QVERIFY(source.ok());
        const QString copyPath = dir.filePath(QStringLiteral("copy.db"));
        int writerExit = -1;
        const auto copied = SqliteBackup::copy(*source.value(), copyPath, [&](int, int) {
            if (writerExit >= 0)
                return;
            // Opens, writes and, as the last connection, checkpoints into the file.
            writerExit = QProcess::execute(QStringLiteral("sqlite3"),
                                           { path, QStringLiteral("INSERT INTO notes (body) VALUES ('during')") });
        });
        QCOMPARE(writerExit, 0);
        QVERIFY(!copied.ok());
        QVERIFY2(copied.error().message.contains(QStringLiteral("another process opened")), qPrintable(copied.error().message));
        QVERIFY(!QFile::exists(copyPath));
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
