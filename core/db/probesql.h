#pragma once

#include <QString>

// The SQL a rehearsal runs on its working database (the SQLite copy, or the
// PostgreSQL transaction that is rolled back). %1 is a table name and the other
// placeholders are lists of column names, all quoted by SqlIdentifier; every value is
// a bound '?'.
namespace backstep::ProbeSql {

inline const QString savepoint = QStringLiteral("SAVEPOINT %1");
inline const QString rollbackTo = QStringLiteral("ROLLBACK TO SAVEPOINT %1");
inline const QString release = QStringLiteral("RELEASE SAVEPOINT %1");

// %2: the build's columns of the table.
inline const QString selectOne = QStringLiteral("SELECT %2 FROM %1 LIMIT 1");
// %2: key columns, %3: "c IS NOT NULL AND …" over them.
inline const QString existingKey = QStringLiteral("SELECT %2 FROM %1 WHERE %3 LIMIT 1");
// %2: an integer column with a unique key: a value no row has yet.
inline const QString nextInteger = QStringLiteral("SELECT COALESCE(MAX(%2), 0) + 1 FROM %1");
// %2: columns, %3: '?, ?, …', %4: what identifies the new row (key columns, rowid, ctid).
inline const QString insert = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING %4");
inline const QString insertDefaults = QStringLiteral("INSERT INTO %1 DEFAULT VALUES RETURNING %2");
// %2: "c = ?, …", %3: "k = ? AND …"
inline const QString update = QStringLiteral("UPDATE %1 SET %2 WHERE %3");
// Checks that a unique key can be an ON CONFLICT target without writing a row: both
// engines match the target against the unique indexes when they prepare the statement.
// %2: the key's columns.
inline const QString upsert
    = QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %1 WHERE 1 = 0 ON CONFLICT (%2) DO NOTHING");

// The down path removes the reverted migration's ledger row, as a revert would.
inline const QString deleteLedgerRow = QStringLiteral("DELETE FROM %1 WHERE id = ?");

} // namespace backstep::ProbeSql
