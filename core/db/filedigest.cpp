#include "filedigest.h"

#include <QFile>
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

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

Error cancelledError(const QString& what)
{
    return makeError(Error::Code::Cancelled, QStringLiteral("%1 was cancelled").arg(what));
}

// Reads `source` to its end, hashing every chunk and writing it to `destination`
// when there is one.
Result<QByteArray> hashPass(QFile& source, QFile* destination, const FileDigest::Progress& progress,
                            const std::atomic_bool* cancel)
{
    std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
    if (!state || XXH3_128bits_reset(state.get()) != XXH_OK)
        return makeError(Error::Code::Internal, QStringLiteral("cannot set up the xxh128 hash"));
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    const qint64 total = source.size();
    qint64 done = 0;
    for (;;) {
        if (cancel && cancel->load())
            return cancelledError(QStringLiteral("reading %1").arg(source.fileName()));
        const qint64 read = source.read(buffer.data(), buffer.size());
        if (read < 0)
            return readError(source.fileName(), source.errorString());
        if (read == 0)
            break;
        if (destination && destination->write(buffer.constData(), read) != read)
            return makeError(Error::Code::Connection,
                             QStringLiteral("cannot write %1: %2").arg(destination->fileName(), destination->errorString()));
        XXH3_128bits_update(state.get(), buffer.constData(), static_cast<size_t>(read));
        done += read;
        if (progress)
            progress(done, total);
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
// several times more here than the copy itself. Returns an empty result with
// `unsupported` set when this file system cannot do it before a byte was copied.
Result<QByteArray> kernelCopy(QFile& source, QFile& destination, const FileDigest::Progress& progress,
                              const std::atomic_bool* cancel, bool& unsupported)
{
    std::atomic_bool stop { false };
    std::atomic_bool* const stopHashing = &stop;
    auto hashing = std::async(std::launch::async, [path = source.fileName(), stopHashing] {
        QFile reader(path);
        if (!reader.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return Result<QByteArray>(readError(path, reader.errorString()));
        return hashPass(reader, nullptr, {}, stopHashing);
    });
    const qint64 total = source.size();
    qint64 done = 0;
    int failure = 0;
    while (done < total && !(cancel && cancel->load())) {
        const ssize_t copied = ::copy_file_range(source.handle(), nullptr, destination.handle(), nullptr,
                                                 static_cast<size_t>(qMin(copyChunkSize, total - done)), 0);
        if (copied <= 0) { // an error, or the file shrank: the latter cannot happen under the caller's lock
            failure = copied < 0 ? errno : EIO;
            break;
        }
        done += copied;
        if (progress)
            progress(done, total);
    }
    if (done == total)
        return hashing.get();
    stop = true;
    hashing.wait();
    if (cancel && cancel->load())
        return cancelledError(QStringLiteral("copying %1").arg(source.fileName()));
    // Some file systems, and copies across two of them, have no copy_file_range.
    unsupported = done == 0 && (failure == EXDEV || failure == ENOSYS || failure == EOPNOTSUPP || failure == EINVAL);
    return makeError(Error::Code::Connection, QStringLiteral("cannot copy %1 to %2: %3")
                                                  .arg(source.fileName(), destination.fileName(),
                                                       QString::fromLocal8Bit(strerror(failure))));
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
    return hashPass(file, nullptr, {}, cancel);
}

Result<QByteArray> FileDigest::copy(const QString& from, const QString& to, const Progress& progress,
                                    const std::atomic_bool* cancel)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return readError(from, source.errorString());
    QFile destination(to);
    if (!destination.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        return makeError(Error::Code::Connection, QStringLiteral("cannot create %1: %2").arg(to, destination.errorString()));
    bool unsupported = true;
#ifdef Q_OS_LINUX
    unsupported = false;
    auto digest = kernelCopy(source, destination, progress, cancel, unsupported);
    if (!unsupported) {
        if (!digest)
            destination.remove();
        return digest;
    }
#endif
    // Through a buffer then, hashing in the same pass.
    auto buffered = hashPass(source, &destination, progress, cancel);
    if (!buffered) {
        destination.remove();
        if (buffered.error().code == Error::Code::Cancelled)
            return cancelledError(QStringLiteral("copying %1").arg(from));
    }
    return buffered;
}

} // namespace backstep
