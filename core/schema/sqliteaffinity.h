#pragma once

#include <QString>

namespace backstep {

// The type affinity SQLite gives a column from its declared type: what it converts
// stored values to, and so what an older build reads back.
enum class SqliteAffinity
{
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
};

// The rules of section 3.1 of https://www.sqlite.org/datatype3.html, in their order:
// "INT" -> INTEGER; "CHAR", "CLOB", "TEXT" -> TEXT; "BLOB" or no type -> BLOB;
// "REAL", "FLOA", "DOUB" -> REAL; anything else -> NUMERIC. Case-insensitive.
SqliteAffinity sqliteAffinityOf(const QString& declaredType);

// "INTEGER", "TEXT", "BLOB", "REAL", "NUMERIC".
QString sqliteAffinityName(SqliteAffinity affinity);

} // namespace backstep
