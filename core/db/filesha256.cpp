#include "filesha256.h"

#include <QFile>

#include <openssl/evp.h>

#include <memory>

namespace backstep {

namespace {

constexpr qint64 chunkSize = 4 * 1024 * 1024;

struct DigestContextDeleter
{
    void operator()(EVP_MD_CTX* context) const
    {
        EVP_MD_CTX_free(context);
    }
};

} // namespace

Result<QByteArray> FileSha256::of(const QString& path, const std::atomic_bool* cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(Error::Code::Connection, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        return makeError(Error::Code::Internal, QStringLiteral("OpenSSL has no SHA-256"));
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    for (;;) {
        if (cancel && cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("hashing %1 was cancelled").arg(path));
        const qint64 read = file.read(buffer.data(), buffer.size());
        if (read < 0)
            return makeError(Error::Code::Connection, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (read == 0)
            break;
        EVP_DigestUpdate(context.get(), buffer.constData(), static_cast<size_t>(read));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<int>(length)).toHex();
}

} // namespace backstep
