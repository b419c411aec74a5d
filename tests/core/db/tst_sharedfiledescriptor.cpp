#include "db/sharedfiledescriptor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include <sys/stat.h>
#include <unistd.h>

using namespace backstep;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestSharedFileDescriptor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // One descriptor per file, however often and however named it is asked for.
    void oneDescriptorPerFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        QVERIFY(writeFile(path, QByteArray("first")));
        const auto first = SharedFileDescriptor::of(path);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(SharedFileDescriptor::of(path).value(), first.value());
        QCOMPARE(SharedFileDescriptor::of(dir.filePath(QStringLiteral("./app.db"))).value(), first.value());
        QVERIFY(QFile::link(path, dir.filePath(QStringLiteral("link.db"))));
        QCOMPARE(SharedFileDescriptor::of(dir.filePath(QStringLiteral("link.db"))).value(), first.value());

        char byte = 0;
        QCOMPARE(::pread(first.value(), &byte, 1, 0), ssize_t(1));
        QCOMPARE(byte, 'f');
    }

    // A path replaced by another file (as an app's restore or a rename does) gets a
    // descriptor of its own; the old one stays open and keeps reading the old file.
    void replacedFileGetsItsOwn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        QVERIFY(writeFile(path, QByteArray("old")));
        const int old = SharedFileDescriptor::of(path).value();
        const QString replacement = dir.filePath(QStringLiteral("new.db"));
        QVERIFY(writeFile(replacement, QByteArray("new")));
        QVERIFY(::rename(QFile::encodeName(replacement).constData(), QFile::encodeName(path).constData()) == 0);
        const auto current = SharedFileDescriptor::of(path);
        QVERIFY(current.ok());
        QVERIFY(current.value() != old);
        char byte = 0;
        QCOMPARE(::pread(current.value(), &byte, 1, 0), ssize_t(1));
        QCOMPARE(byte, 'n');
        QCOMPARE(::pread(old, &byte, 1, 0), ssize_t(1));
        QCOMPARE(byte, 'o');
    }

    // A FIFO or a folder is no database: refused at once, never opened (opening a
    // FIFO for reading would wait for a writer).
    void onlyRegularFiles()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe.db"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        for (const QString& path : { fifo, dir.path() }) {
            const auto descriptor = SharedFileDescriptor::of(path);
            QVERIFY(!descriptor.ok());
            QVERIFY2(descriptor.error().message.contains(QStringLiteral("not a regular file")),
                     qPrintable(descriptor.error().message));
        }
    }

    void missingFileIsNamed()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.db"));
        const auto descriptor = SharedFileDescriptor::of(missing);
        QVERIFY(!descriptor.ok());
        QCOMPARE(descriptor.error().code, Error::Code::Connection);
        QVERIFY2(descriptor.error().message.contains(missing), qPrintable(descriptor.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSharedFileDescriptor)
#include "tst_sharedfiledescriptor.moc"
