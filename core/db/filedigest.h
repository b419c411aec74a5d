#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

namespace backstep {

// The XXH128 (XXH3, 128 bits) digest of a file's bytes, in lower-case hex exactly as
// `xxhsum -H2 FILE` prints it: the proof that a rehearsal left a SQLite database as
// it was. The proof guards against accidental writes, not against an attacker, so a
// non-cryptographic 128-bit hash is enough (an accidental change goes unnoticed
// with probability 2^-128), and it runs at the speed memory is read: a gigabyte in
// about a tenth of a second here, where SHA-256 with the CPU's SHA instructions took
// about a second per pass and made the rehearsal's two passes cost more than the copy.
//
// SQLite's locks on a database file are POSIX record locks, which belong to the whole
// process: closing *any* descriptor of that file drops all of them, including those
// of a SQLite connection in the middle of a read transaction. The functions that take
// a path open and close the file; the ones that take a descriptor read it at
// explicit offsets and leave it open: for a database file, pass the one
// SharedFileDescriptor keeps.
class FileDigest
{
public:
    // (bytes done, bytes in all)
    using Progress = std::function<void(qint64 done, qint64 total)>;

    // How the digest is named in reports: "xxh128".
    static QString algorithm();

    static Result<QByteArray> of(const QString& path, const std::atomic_bool* cancel = nullptr);
    // The first `length` bytes of the file open on `descriptor`; `name` is for messages.
    static Result<QByteArray> of(int descriptor, const QString& name, qint64 length,
                                 const std::atomic_bool* cancel = nullptr);

    // Copies the first `length` bytes of the file open on `descriptor` into the new
    // file `to` (which must not exist) and returns the digest of exactly those bytes:
    // one read of the source serves both. Fails when the file ends before `length`.
    // The caller makes sure the bytes do not change meanwhile. `to` is not fsynced:
    // it is scratch.
    static Result<QByteArray> copy(int descriptor, const QString& name, qint64 length, const QString& to,
                                   const Progress& progress = {}, const std::atomic_bool* cancel = nullptr);
    // The same for a whole file by path.
    static Result<QByteArray> copy(const QString& from, const QString& to, const Progress& progress = {},
                                   const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
