#pragma once

#include "common/result.h"

#include <QString>

namespace backstep {

// Read-only descriptors of SQLite database files that stay open until the process
// ends. SQLite's locks are POSIX record locks, which belong to the process: closing
// *any* descriptor of a database file drops every lock the process holds on it,
// including those of its open SQLite connections (the first way to corrupt a
// database in SQLite's own "How To Corrupt" list). A read transaction that loses its
// SHARED lock lets writers change the file under a copy; a WAL connection that loses
// it lets another process take itself for the last connection, checkpoint and delete
// the -wal under it. So whatever Backstep reads of a database file itself (its
// header, its bytes for a digest or a copy) goes through one descriptor per file,
// never closed, as SQLite keeps its own: one descriptor per database file opened in
// the process's lifetime. They are never released: a deleted database keeps its space
// until the process ends. Only regular files are opened.
class SharedFileDescriptor
{
public:
    // The descriptor kept for the file at `path`, opened read-only on first use. The
    // caller reads it at explicit offsets (pread) and never closes it.
    static Result<int> of(const QString& path);
};

} // namespace backstep
