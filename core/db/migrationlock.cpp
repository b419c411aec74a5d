#include "migrationlock.h"

#include "databaseconnection.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

namespace backstep {

MigrationLock::MigrationLock(DatabaseConnection& connection, QString ledgerTable)
    : m_connection(connection)
    , m_key(advisoryKey(ledgerTable))
{
}

MigrationLock::~MigrationLock()
{
    if (m_inTransaction)
        rollback();
    if (m_holdsSession)
        releaseSession();
}

qint64 MigrationLock::advisoryKey(const QString& ledgerTable)
{
    const QByteArray input = QByteArrayLiteral("backstep:") + ledgerTable.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256);
    return qFromBigEndian<qint64>(digest.constData());
}

Result<void> MigrationLock::run(const QString& sql, bool bindKey)
{
    QSqlQuery query(m_connection.database());
    bool ok = false;
    if (bindKey) {
        ok = query.prepare(sql);
        query.addBindValue(m_key);
        ok = ok && query.exec();
    } else {
        ok = query.exec(sql);
    }
    if (!ok)
        return makeError(Error::Code::Connection,
                         QStringLiteral("%1: %2 failed: %3")
                             .arg(m_connection.uri().redacted(), sql,
                                  m_connection.engineMessage(query.lastError().databaseText())));
    return {};
}

Result<void> MigrationLock::beginTransaction()
{
    if (m_connection.dialect() == Dialect::Sqlite) {
        if (auto begun = run(QStringLiteral("BEGIN IMMEDIATE")); !begun)
            return begun;
        m_inTransaction = true;
        return {};
    }
    if (auto begun = run(QStringLiteral("BEGIN")); !begun)
        return begun;
    m_inTransaction = true;
    return run(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), true);
}

Result<void> MigrationLock::commit()
{
    // A COMMIT that fails (SQLite: "database is locked") leaves the transaction open:
    // it stays ours to roll back, here or in the destructor.
    auto committed = run(QStringLiteral("COMMIT"));
    if (committed)
        m_inTransaction = false;
    return committed;
}

Result<void> MigrationLock::rollback()
{
    m_inTransaction = false;
    return run(QStringLiteral("ROLLBACK"));
}

Result<void> MigrationLock::acquireSession()
{
    if (m_connection.dialect() == Dialect::Postgres) {
        if (auto locked = run(QStringLiteral("SELECT pg_advisory_lock(?)"), true); !locked)
            return locked;
    }
    m_holdsSession = true;
    return {};
}

Result<void> MigrationLock::releaseSession()
{
    m_holdsSession = false;
    if (m_connection.dialect() == Dialect::Postgres)
        return run(QStringLiteral("SELECT pg_advisory_unlock(?)"), true);
    return {};
}

} // namespace backstep
