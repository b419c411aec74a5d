#pragma once

#include "common/result.h"

struct sqlite3;

namespace backstep {

class DatabaseConnection;

// What only SQLite's C API offers, on the handle of a QSQLITE connection. Debian's
// QSQLITE plugin links the system libsqlite3, the same library Backstep links, so the
// handle the driver hands out can be used here.
class SqliteHandle
{
public:
    // nullptr when the connection is not a QSQLITE one.
    static sqlite3* of(DatabaseConnection& connection);
    // SQLite reads a double-quoted name that matches no column as a string literal, so
    // SELECT "gone" FROM t succeeds. A probe must see the missing column as the error
    // it is: this turns that fallback off for the connection's DML.
    static Result<void> rejectDoubleQuotedStrings(DatabaseConnection& connection);
};

} // namespace backstep
