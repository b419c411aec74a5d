#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

// The SHA-256 of a file's bytes, in lower-case hex as sha256sum prints it: the proof
// that a rehearsal left a SQLite database as it was. OpenSSL's libcrypto does the
// hashing because it uses the CPU's SHA instructions, several times faster than
// QCryptographicHash on a database of a gigabyte. Reading the next chunk overlaps
// hashing the current one (on a second thread), so a pass costs about the hashing
// alone.
class FileSha256
{
public:
    // (bytes done, bytes in all)
    using Progress = std::function<void(qint64 done, qint64 total)>;

    static Result<QByteArray> of(const QString& path, const std::atomic_bool* cancel = nullptr);

    // Copies `from` into the new file `to` (which must not exist) and returns the
    // SHA-256 of the bytes copied: one read of the source serves both. The caller
    // makes sure `from` does not change meanwhile. `to` is not fsynced: it is scratch.
    static Result<QByteArray> copy(const QString& from, const QString& to, const Progress& progress = {},
                                   const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
