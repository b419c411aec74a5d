#pragma once

#include "sqlitetokencursor.h"

#include <QString>

#include <optional>

namespace backstep {

// What ALTER TABLE ... ADD COLUMN says about the new column, as far as older builds
// care: whether their INSERTs (which leave the column out) still succeed, and what
// the new constraints can reject.
struct SqliteColumnDefinition
{
    QString name;
    bool notNull = false;
    // A DEFAULT other than NULL; DEFAULT NULL leaves the column as without one.
    bool hasDefault = false;
    QString defaultText; // as written, whitespace folded: "'UTC'", "-1", "(json('{}'))"
    bool generated = false; // [GENERATED ALWAYS] AS (expr)
    QString references; // the parent table of a REFERENCES clause, empty without one
    bool hasCheck = false;
    // A CHECK that names anything but the new column (or that analysis cannot read)
    // can reject rows older builds write; one on the column alone sees only its
    // default or NULL in their rows.
    bool checkReadsOtherColumns = false;
};

// Reads a column-def (https://www.sqlite.org/syntax/column-def.html) from the cursor
// to the end of the statement; nullopt when there is no column name.
std::optional<SqliteColumnDefinition> readSqliteColumnDefinition(SqliteTokenCursor& cursor);

} // namespace backstep
