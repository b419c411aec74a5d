#include "sharedfiledescriptor.h"

#include <QFile>
#include <QHash>
#include <QMutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace backstep {

namespace {

// A file is known by its device and inode: a path may be replaced by another file.
struct FileId
{
    dev_t device;
    ino_t inode;
    friend bool operator==(const FileId& a, const FileId& b)
    {
        return a.device == b.device && a.inode == b.inode;
    }
};

size_t qHash(const FileId& id, size_t seed = 0)
{
    return qHashMulti(seed, quint64(id.device), quint64(id.inode));
}

struct Registry
{
    QMutex mutex;
    QHash<FileId, int> descriptors;
};

Registry& registry()
{
    static Registry instance;
    return instance;
}

Error openError(const QString& path, int error)
{
    return makeError(Error::Code::Connection,
                     QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(strerror(error))));
}

Error notAFile(const QString& path)
{
    return makeError(Error::Code::Connection, QStringLiteral("cannot read %1: not a regular file").arg(path));
}

} // namespace

Result<int> SharedFileDescriptor::of(const QString& path)
{
    const QByteArray name = QFile::encodeName(path);
    Registry& shared = registry();
    const QMutexLocker lock(&shared.mutex);
    // Looked up by stat() first, so a file already held is never opened a second time
    // (a second descriptor could not be closed again without dropping the locks).
    struct stat status {};
    if (::stat(name.constData(), &status) != 0)
        return openError(path, errno);
    if (!S_ISREG(status.st_mode))
        return notAFile(path);
    int descriptor = shared.descriptors.value({ status.st_dev, status.st_ino }, -1);
    if (descriptor < 0) {
        // O_NONBLOCK: a FIFO put in the file's place meanwhile must not hang the open.
        descriptor = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (descriptor < 0)
            return openError(path, errno);
        // The path may have been replaced between stat() and open(): file it under
        // what was opened.
        if (::fstat(descriptor, &status) != 0)
            return openError(path, errno); // keeps the descriptor: closing it is what must not happen
        if (!S_ISREG(status.st_mode)) {
            ::close(descriptor); // not a database file: no SQLite lock can be on it
            return notAFile(path);
        }
        const FileId id { status.st_dev, status.st_ino };
        if (const int held = shared.descriptors.value(id, -1); held >= 0)
            descriptor = held; // the new one stays open, unused, for the same reason
        else
            shared.descriptors.insert(id, descriptor);
    }
    return descriptor;
}

} // namespace backstep
