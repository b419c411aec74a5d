#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace backstep {

// The SHA-256 of a file's bytes, in lower-case hex as sha256sum prints it: the proof
// that a rehearsal left a SQLite database as it was. OpenSSL's libcrypto does the
// hashing because it uses the CPU's SHA instructions, several times faster than
// QCryptographicHash on a database of a gigabyte.
class FileSha256
{
public:
    static Result<QByteArray> of(const QString& path, const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
