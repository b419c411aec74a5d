#include "filesha256.h"

#include <QFile>
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

#include <cerrno>
#include <cstring>

#include <openssl/evp.h>

#include <array>
#include <future>
#include <memory>

namespace backstep {

namespace {

constexpr qint64 chunkSize = 2 * 1024 * 1024;
// Bytes per copy_file_range call: progress and cancel answer between two.
constexpr qint64 copyChunkSize = 64 * 1024 * 1024;

struct DigestContextDeleter
{
    void operator()(EVP_MD_CTX* context) const
    {
        EVP_MD_CTX_free(context);
    }
};

Error readError(const QString& path, const QString& why)
{
    return makeError(Error::Code::Connection, QStringLiteral("cannot read %1: %2").arg(path, why));
}

// Reads `source` chunk by chunk into two buffers taken in turn: while a chunk is hashed
// on another thread, the next one is read (and, when copying, the current one is
// written). A buffer is read into again only once its hash has finished.
class Pass
{
public:
    Pass()
        : m_context(EVP_MD_CTX_new())
    {
        for (QByteArray& buffer : m_buffers)
            buffer = QByteArray(chunkSize, Qt::Uninitialized);
    }
    ~Pass()
    {
        if (m_hashing.valid())
            m_hashing.wait();
    }

    Result<QByteArray> run(QFile& source, QFile* destination, const FileSha256::Progress& progress,
                           const std::atomic_bool* cancel)
    {
        if (!m_context || EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1)
            return makeError(Error::Code::Internal, QStringLiteral("OpenSSL has no SHA-256"));
        const qint64 total = source.size();
        qint64 done = 0;
        for (int current = 0;; current ^= 1) {
            if (cancel && cancel->load())
                return makeError(Error::Code::Cancelled, QStringLiteral("reading %1 was cancelled").arg(source.fileName()));
            QByteArray& buffer = m_buffers[current];
            const qint64 read = source.read(buffer.data(), buffer.size());
            if (read < 0)
                return readError(source.fileName(), source.errorString());
            if (read == 0)
                break;
            if (destination && destination->write(buffer.constData(), read) != read)
                return makeError(Error::Code::Connection, QStringLiteral("cannot write %1: %2")
                                                              .arg(destination->fileName(), destination->errorString()));
            if (m_hashing.valid())
                m_hashing.get(); // the previous chunk, in order; frees the other buffer
            m_hashing = std::async(std::launch::async, [context = m_context.get(), data = buffer.constData(), read] {
                EVP_DigestUpdate(context, data, static_cast<size_t>(read));
            });
            done += read;
            if (progress)
                progress(done, total);
        }
        if (m_hashing.valid())
            m_hashing.get();
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_context.get(), digest, &length);
        return QByteArray(reinterpret_cast<const char*>(digest), static_cast<int>(length)).toHex();
    }

private:
    std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> m_context;
    std::array<QByteArray, 2> m_buffers;
    std::future<void> m_hashing;
};

} // namespace

Result<QByteArray> FileSha256::of(const QString& path, const std::atomic_bool* cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return readError(path, file.errorString());
    return Pass().run(file, nullptr, {}, cancel);
}

Result<QByteArray> FileSha256::copy(const QString& from, const QString& to, const Progress& progress,
                                    const std::atomic_bool* cancel)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return readError(from, source.errorString());
    QFile destination(to);
    if (!destination.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        return makeError(Error::Code::Connection, QStringLiteral("cannot create %1: %2").arg(to, destination.errorString()));
#ifdef Q_OS_LINUX
    // The kernel copies page cache to page cache (copy_file_range, as cp does) while
    // another thread hashes the same bytes: both read the file once from the cache,
    // and neither waits for the other. Writing the copy from a user buffer instead
    // costs several times more here than the copy itself.
    std::atomic_bool stop { false };
    std::atomic_bool* const stopHashing = &stop;
    auto hashing = std::async(std::launch::async, [&source, stopHashing] {
        QFile reader(source.fileName());
        if (!reader.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return Result<QByteArray>(readError(source.fileName(), reader.errorString()));
        return Pass().run(reader, nullptr, {}, stopHashing);
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
    if (done < total) {
        stop = true;
        hashing.wait();
        if (cancel && cancel->load()) {
            destination.remove();
            return makeError(Error::Code::Cancelled, QStringLiteral("copying %1 was cancelled").arg(from));
        }
        // Some file systems, and copies across two of them, have no copy_file_range:
        // copy through a buffer then, hashing in the same pass.
        const bool unsupported = done == 0
            && (failure == EXDEV || failure == ENOSYS || failure == EOPNOTSUPP || failure == EINVAL);
        if (!unsupported) {
            destination.remove();
            return makeError(Error::Code::Connection,
                             QStringLiteral("cannot copy %1 to %2: %3").arg(from, to, QString::fromLocal8Bit(strerror(failure))));
        }
        auto digest = Pass().run(source, &destination, progress, cancel);
        if (!digest)
            destination.remove();
        return digest;
    }
    auto digest = hashing.get();
#else
    auto digest = Pass().run(source, &destination, progress, cancel);
#endif
    if (!digest)
        destination.remove();
    return digest;
}

} // namespace backstep
