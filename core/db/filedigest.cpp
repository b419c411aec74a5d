#include "filedigest.h"

#include <QFile>
#include <QtGlobal>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <xxhash.h>
#if defined(__x86_64__) && __has_include(<xxh_x86dispatch.h>)
// Makes XXH3_128bits_update choose AVX2 or AVX-512 at run time where the CPU has
// them (libxxhash's plain functions use SSE2 only): a third less time per gigabyte.
#include <xxh_x86dispatch.h>
#endif

#include <future>
#include <memory>

namespace backstep {

namespace {

// Large enough that a read costs little besides copying the bytes, small enough to
// stay in the CPU's cache while it is hashed.
constexpr qint64 chunkSize = 1024 * 1024;
// Bytes per copy_file_range call: progress and cancel answer between two.
constexpr qint64 copyChunkSize = 64 * 1024 * 1024;

struct StateDeleter
{
    void operator()(XXH3_state_t* state) const
    {
        XXH3_freeState(state);
    }
};

Error readError(const QString& path, const QString& why)
{
    return makeError(Error::Code::Connection, QStringLiteral("cannot read %1: %2").arg(path, why));
}

Error systemError(const QString& what, const QString& path, int error)
{
    return makeError(Error::Code::Connection,
                     QStringLiteral("cannot %1 %2: %3").arg(what, path, QString::fromLocal8Bit(strerror(error))));
}

Error shrankError(const QString& path, qint64 length)
{
    return makeError(Error::Code::Connection,
                     QStringLiteral("%1 became shorter than %2 bytes while it was read; try again").arg(path).arg(length));
}

Error cancelledError(const QString& what)
{
    return makeError(Error::Code::Cancelled, QStringLiteral("%1 was cancelled").arg(what));
}

bool isCancelled(const std::atomic_bool* cancel)
{
    return cancel && cancel->load();
}

// Reads the first `length` bytes of `source` at explicit offsets (its descriptor's
// position is left alone), hashing each chunk and writing it to `destination` when
// there is one.
struct Source
{
    int descriptor;
    QString name;
};

Result<QByteArray> hashRange(const Source& source, qint64 length, QFile* destination,
                             const FileDigest::Progress& progress, const std::atomic_bool* cancel)
{
    std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
    if (!state || XXH3_128bits_reset(state.get()) != XXH_OK)
        return makeError(Error::Code::Internal, QStringLiteral("cannot set up the xxh128 hash"));
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    for (qint64 done = 0; done < length;) {
        if (isCancelled(cancel))
            return cancelledError(QStringLiteral("reading %1").arg(source.name));
        const ssize_t read = ::pread(source.descriptor, buffer.data(), size_t(qMin(chunkSize, length - done)), off_t(done));
        if (read < 0 && errno == EINTR)
            continue;
        if (read < 0)
            return systemError(QStringLiteral("read"), source.name, errno);
        if (read == 0)
            return shrankError(source.name, length);
        if (destination && destination->write(buffer.constData(), read) != read)
            return makeError(Error::Code::Connection,
                             QStringLiteral("cannot write %1: %2").arg(destination->fileName(), destination->errorString()));
        XXH3_128bits_update(state.get(), buffer.constData(), size_t(read));
        done += read;
        if (progress)
            progress(done, length);
    }
    // The canonical form is big-endian, the byte order xxhsum prints.
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state.get()));
    return QByteArray(reinterpret_cast<const char*>(canonical.digest), sizeof(canonical.digest)).toHex();
}

#ifdef Q_OS_LINUX
// The kernel copies page cache to page cache (copy_file_range, as cp does) while
// another thread hashes the same bytes: both read the file once from the cache, and
// neither waits for the other. Writing the copy from a user buffer instead costs
// several times more here than the copy itself. Sets `unsupported` when this file
// system cannot do it, before a byte was copied.
Result<QByteArray> kernelCopy(const Source& source, qint64 length, QFile& destination,
                              const FileDigest::Progress& progress, const std::atomic_bool* cancel, bool& unsupported)
{
    std::atomic_bool stop { false };
    std::atomic_bool* const stopHashing = &stop;
    auto hashing = std::async(std::launch::async, [source, length, stopHashing] {
        return hashRange(source, length, nullptr, {}, stopHashing);
    });
    loff_t in = 0;
    int failure = 0;
    while (in < length && !isCancelled(cancel)) {
        const ssize_t copied = ::copy_file_range(source.descriptor, &in, destination.handle(), nullptr,
                                                 size_t(qMin(copyChunkSize, length - in)), 0);
        if (copied < 0 && errno == EINTR)
            continue;
        if (copied <= 0) {
            failure = copied < 0 ? errno : 0;
            break;
        }
        if (progress)
            progress(in, length);
    }
    if (in == length)
        return hashing.get();
    stop = true;
    hashing.wait();
    if (isCancelled(cancel))
        return cancelledError(QStringLiteral("copying %1").arg(source.name));
    // Some file systems, copies across two of them and older kernels have no
    // copy_file_range; some of those answer 0 bytes rather than an error.
    unsupported = in == 0
        && (failure == 0 || failure == EXDEV || failure == ENOSYS || failure == EOPNOTSUPP || failure == EINVAL);
    if (failure == 0)
        return shrankError(source.name, length);
    return makeError(Error::Code::Connection,
                     QStringLiteral("cannot copy %1 to %2: %3")
                         .arg(source.name, destination.fileName(), QString::fromLocal8Bit(strerror(failure))));
}
#endif

} // namespace

QString FileDigest::algorithm()
{
    return QStringLiteral("xxh128");
}

Result<QByteArray> FileDigest::of(const QString& path, const std::atomic_bool* cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return readError(path, file.errorString());
    return hashRange({ file.handle(), path }, file.size(), nullptr, {}, cancel);
}

Result<QByteArray> FileDigest::of(int descriptor, const QString& name, qint64 length, const std::atomic_bool* cancel)
{
    return hashRange({ descriptor, name }, length, nullptr, {}, cancel);
}

Result<QByteArray> FileDigest::copy(int descriptor, const QString& name, qint64 length, const QString& to,
                                    const Progress& progress, const std::atomic_bool* cancel)
{
    const Source source { descriptor, name };
    QFile destination(to);
    if (!destination.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        return makeError(Error::Code::Connection, QStringLiteral("cannot create %1: %2").arg(to, destination.errorString()));
    bool unsupported = true;
#ifdef Q_OS_LINUX
    unsupported = false;
    auto digest = kernelCopy(source, length, destination, progress, cancel, unsupported);
    if (!unsupported) {
        if (!digest)
            destination.remove();
        return digest;
    }
    destination.resize(0);
#endif
    // Through a buffer then, hashing in the same pass.
    auto buffered = hashRange(source, length, &destination, progress, cancel);
    if (!buffered) {
        destination.remove();
        if (buffered.error().code == Error::Code::Cancelled)
            return cancelledError(QStringLiteral("copying %1").arg(source.name));
    }
    return buffered;
}

Result<QByteArray> FileDigest::copy(const QString& from, const QString& to, const Progress& progress,
                                    const std::atomic_bool* cancel)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return readError(from, source.errorString());
    return copy(source.handle(), from, source.size(), to, progress, cancel);
}

} // namespace backstep
