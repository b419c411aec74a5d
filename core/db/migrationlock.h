#pragma once

#include "common/result.h"

#include <QString>

namespace backstep {

class DatabaseConnection;

// Serialises runners that migrate the same ledger, so each migration is applied once
// however many app instances boot at the same moment.
//
// Transaction scope (the normal case): beginTransaction() starts a transaction that
// holds the lock until commit() or rollback(): SQLite's BEGIN IMMEDIATE (the write
// lock, waiting up to the busy timeout), PostgreSQL's BEGIN + pg_advisory_xact_lock.
// Session scope (no-transaction migrations such as CREATE INDEX CONCURRENTLY):
// PostgreSQL's pg_advisory_lock until release(); SQLite has no lock outside a
// transaction, so there it only marks the scope.
//
// The destructor rolls back or releases whatever is still held.
class MigrationLock
{
public:
    MigrationLock(DatabaseConnection& connection, QString ledgerTable);
    ~MigrationLock();
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

    Result<void> beginTransaction();
    Result<void> commit();
    Result<void> rollback();

    Result<void> acquireSession();
    Result<void> releaseSession();

    // The advisory lock key for a ledger table: the first 8 bytes of
    // SHA-256("backstep:" + table), so runners of different ledgers do not contend.
    static qint64 advisoryKey(const QString& ledgerTable);

private:
    Result<void> run(const QString& sql, bool bindKey = false);

    DatabaseConnection& m_connection;
    qint64 m_key;
    bool m_inTransaction = false;
    bool m_holdsSession = false;
};

} // namespace backstep
