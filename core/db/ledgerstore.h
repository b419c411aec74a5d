#pragma once

#include "common/result.h"
#include "ledger/ledgerrow.h"

#include <QString>
#include <QStringList>

struct sqlite3;

namespace backstep {

class DatabaseConnection;

// Reads and writes the ledger table on one connection. Compatible with the
// _migrations(id, name, applied_at) that many apps already have: reading takes the
// columns that are there and leaves the others unknown; ensureTable() adds the
// missing ones (an additive change) and never touches existing rows.
//
// Every value is bound; the table name is quoted by SqlIdentifier. Thread affinity:
// that of the connection.
class LedgerStore
{
public:
    static QString defaultTable()
    {
        return QStringLiteral("_migrations");
    }

    LedgerStore(DatabaseConnection& connection, QString table);

    const QString& table() const
    {
        return m_table;
    }

    Result<bool> exists() const;
    // The ledger's rows ascending by id. Ledger errors name the table and the row:
    // missing table, no id/name column, an id that is NULL, not a positive integer or
    // duplicated, a NULL name, a flag that is neither 0/1 nor true/false.
    Result<LedgerRows> read() const;
    // Creates the table, or adds the columns a legacy table lacks. Needs ReadWrite.
    Result<void> ensureTable();
    Result<bool> contains(qint64 id) const;
    Result<void> insert(const LedgerRow& row);

private:
    Result<QStringList> columns() const;
    // The rows of the ledger query, in the order the database returns them.
    Result<LedgerRows> readRows(const QString& sql) const;
    Result<LedgerRows> readRowsFromSqlite(sqlite3* handle, const QString& sql) const;
    // The rows in the table, to reserve room for them; -1 when unknown.
    qint64 sqliteCount(sqlite3* handle) const;
    Result<void> checkKeyColumns(const QStringList& columns) const;
    Error ledgerError(const QString& why) const;

    DatabaseConnection& m_connection;
    QString m_table;
    QString m_quotedTable;
};

} // namespace backstep
