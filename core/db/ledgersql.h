#pragma once

#include <QString>

// The SQL Backstep runs on a ledger table. %1 is the table name, already quoted by
// SqlIdentifier; every value is a bound '?'.
namespace backstep::LedgerSql {

inline const QString sqliteTableExists
    = QStringLiteral("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE");
inline const QString postgresTableExists = QStringLiteral("SELECT to_regclass(?) IS NOT NULL");

inline const QString sqliteColumns = QStringLiteral("SELECT name FROM pragma_table_info(?)");
inline const QString postgresColumns = QStringLiteral(
    "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped "
    "ORDER BY attnum");

// BIGINT in PostgreSQL because timestamp-style ids (20240131120000) exceed int4;
// SQLite's INTEGER is already 64-bit.
inline const QString sqliteCreate = QStringLiteral(
    "CREATE TABLE %1 (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP, "
    "backward_compatible INTEGER NULL, checksum TEXT NULL, applied_by TEXT NULL, duration_ms INTEGER NULL)");
inline const QString postgresCreate = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS %1 (id BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP, "
    "backward_compatible INTEGER NULL, checksum TEXT NULL, applied_by TEXT NULL, duration_ms BIGINT NULL)");

// %2 is one of the column definitions below.
inline const QString addColumn = QStringLiteral("ALTER TABLE %1 ADD COLUMN %2");

inline const QString select = QStringLiteral("SELECT %2 FROM %1");
inline const QString contains = QStringLiteral("SELECT 1 FROM %1 WHERE id = ?");
inline const QString count = QStringLiteral("SELECT count(*) FROM %1");
inline const QString insert = QStringLiteral(
    "INSERT INTO %1 (id, name, applied_at, backward_compatible, checksum, applied_by, duration_ms) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");

} // namespace backstep::LedgerSql
