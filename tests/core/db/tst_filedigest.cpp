#include "db/filedigest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace backstep;

namespace {

// 3 MiB and a bit: more than one read chunk, and not a multiple of one.
QByteArray patternBytes()
{
    QByteArray bytes(3 * 1024 * 1024 + 12345, Qt::Uninitialized);
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char((qint64(i) * 31 + 7) % 251);
    return bytes;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFileDigest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The expected digests are what `xxhsum -H2 FILE` prints for the same bytes, so a
    // person can check a report's digest with that tool.
    void matchesXxhsum_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray("99aa06d3014798d86001c324468d497f");
        QTest::newRow("abc") << QByteArray("abc") << QByteArray("06b05ab6733a618578af5f94892f3950");
        QTest::newRow("3 MiB pattern") << patternBytes() << QByteArray("5763da81fcaadfa0ae193e841c381b16");
    }
    void matchesXxhsum()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("file.bin"), bytes);
        QVERIFY(!path.isEmpty());
        const auto digest = FileDigest::of(path);
        QVERIFY2(digest.ok(), qPrintable(digest.ok() ? QString() : digest.error().message));
        QCOMPARE(digest.value(), expected);
        QCOMPARE(FileDigest::algorithm(), QStringLiteral("xxh128"));
    }

    void oneChangedByteChangesTheDigest()
    {
        QTemporaryDir dir;
        QByteArray bytes = patternBytes();
        const auto before = FileDigest::of(writeFile(dir, QStringLiteral("a.bin"), bytes));
        bytes[2 * 1024 * 1024 + 5] = char(bytes.at(2 * 1024 * 1024 + 5) ^ 1);
        const auto after = FileDigest::of(writeFile(dir, QStringLiteral("b.bin"), bytes));
        QVERIFY(before.ok() && after.ok());
        QVERIFY(before.value() != after.value());
    }

    void copyWritesTheSameBytesAndReturnsTheirDigest()
    {
        QTemporaryDir dir;
        const QByteArray bytes = patternBytes();
        const QString from = writeFile(dir, QStringLiteral("from.bin"), bytes);
        const QString to = dir.filePath(QStringLiteral("to.bin"));
        qint64 lastDone = -1;
        qint64 lastTotal = -1;
        const auto digest = FileDigest::copy(from, to, [&](qint64 done, qint64 total) {
            QVERIFY(done > lastDone);
            lastDone = done;
            lastTotal = total;
        });
        QVERIFY2(digest.ok(), qPrintable(digest.ok() ? QString() : digest.error().message));
        QCOMPARE(digest.value(), QByteArray("5763da81fcaadfa0ae193e841c381b16"));
        QVERIFY(readFile(to) == bytes);
        QCOMPARE(lastDone, qint64(bytes.size()));
        QCOMPARE(lastTotal, qint64(bytes.size()));
        QVERIFY(readFile(from) == bytes);
    }

    // /dev/shm is another file system (tmpfs) than the temporary folder on most
    // machines: the kernel may refuse copy_file_range across the two, and the copy
    // then goes through a buffer. Either way the result must be the same.
    void copyAcrossFileSystems()
    {
        // Without a writable /dev/shm this is one more copy on the same file system.
        const QString shmBase = QFileInfo(QStringLiteral("/dev/shm")).isWritable() ? QStringLiteral("/dev/shm")
                                                                                   : QDir::tempPath();
        QTemporaryDir dir;
        QTemporaryDir shm(shmBase + QStringLiteral("/backstep-test-XXXXXX"));
        QVERIFY(shm.isValid());
        const QByteArray bytes = patternBytes();
        const QString from = writeFile(dir, QStringLiteral("from.bin"), bytes);
        const QString to = shm.filePath(QStringLiteral("to.bin"));
        const auto digest = FileDigest::copy(from, to);
        QVERIFY2(digest.ok(), qPrintable(digest.ok() ? QString() : digest.error().message));
        QCOMPARE(digest.value(), QByteArray("5763da81fcaadfa0ae193e841c381b16"));
        QVERIFY(readFile(to) == bytes);
    }

    // Through a descriptor the caller keeps: exactly `length` bytes, read at explicit
    // offsets, and the descriptor left open and where it was.
    void copyOfADescriptorsFirstBytes()
    {
        QTemporaryDir dir;
        const QByteArray bytes = patternBytes();
        QFile source(writeFile(dir, QStringLiteral("from.bin"), bytes));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const qint64 length = 2 * 1024 * 1024 + 7;
        const QString to = dir.filePath(QStringLiteral("to.bin"));
        const auto digest = FileDigest::copy(source.handle(), source.fileName(), length, to);
        QVERIFY2(digest.ok(), qPrintable(digest.ok() ? QString() : digest.error().message));
        QCOMPARE(readFile(to), bytes.left(length));
        const QString prefix = writeFile(dir, QStringLiteral("prefix.bin"), bytes.left(length));
        QCOMPARE(digest.value(), FileDigest::of(prefix).value());
        QCOMPARE(FileDigest::of(source.handle(), source.fileName(), length).value(), digest.value());
        QCOMPARE(source.pos(), qint64(0));
        QCOMPARE(source.read(4), bytes.left(4)); // still open
    }

    // A file that ends before the length asked for (a database truncated meanwhile)
    // is an error naming it, and no copy is left.
    void copyOfAShorterFileFails()
    {
        QTemporaryDir dir;
        QFile source(writeFile(dir, QStringLiteral("from.bin"), QByteArray("short")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QString to = dir.filePath(QStringLiteral("to.bin"));
        const auto digest = FileDigest::copy(source.handle(), source.fileName(), 4096, to);
        QVERIFY(!digest.ok());
        QVERIFY2(digest.error().message.contains(source.fileName()) && digest.error().message.contains(QStringLiteral("shorter")),
                 qPrintable(digest.error().message));
        QVERIFY(!QFile::exists(to));
        QVERIFY(!FileDigest::of(source.handle(), source.fileName(), 4096).ok());
    }

    void copyNeverOverwrites()
    {
        QTemporaryDir dir;
        const QString from = writeFile(dir, QStringLiteral("from.bin"), QByteArray("new bytes"));
        const QString to = writeFile(dir, QStringLiteral("to.bin"), QByteArray("kept"));
        const auto digest = FileDigest::copy(from, to);
        QVERIFY(!digest.ok());
        QVERIFY2(digest.error().message.contains(to), qPrintable(digest.error().message));
        QCOMPARE(readFile(to), QByteArray("kept"));
    }

    void missingFileIsNamed()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.db"));
        const auto digest = FileDigest::of(missing);
        QVERIFY(!digest.ok());
        QCOMPARE(digest.error().code, Error::Code::Connection);
        QVERIFY2(digest.error().message.contains(missing), qPrintable(digest.error().message));

        const auto copied = FileDigest::copy(missing, dir.filePath(QStringLiteral("to.bin")));
        QVERIFY(!copied.ok());
        QVERIFY2(copied.error().message.contains(missing), qPrintable(copied.error().message));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("to.bin"))));
    }

    void cancelledCopyLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString from = writeFile(dir, QStringLiteral("from.bin"), patternBytes());
        const QString to = dir.filePath(QStringLiteral("to.bin"));
        const std::atomic_bool cancel { true };
        const auto digest = FileDigest::copy(from, to, {}, &cancel);
        QVERIFY(!digest.ok());
        QCOMPARE(digest.error().code, Error::Code::Cancelled);
        QVERIFY(!QFile::exists(to));

        const auto hashed = FileDigest::of(from, &cancel);
        QVERIFY(!hashed.ok());
        QCOMPARE(hashed.error().code, Error::Code::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestFileDigest)
#include "tst_filedigest.moc"
