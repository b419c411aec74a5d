#include "migrationrunner.h"

#include "db/databaseconnection.h"
#include "db/ledgerstore.h"
#include "db/migrationlock.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace backstep {

MigrationRunner::MigrationRunner(DatabaseConnection& connection, Options options)
    : m_connection(connection)
    , m_options(std::move(options))
{
}

Result<RunReport> MigrationRunner::run(const Catalog& catalog)
{
    if (m_connection.access() != DatabaseConnection::Access::ReadWrite)
        return makeError(Error::Code::Internal, QStringLiteral("migrating needs a read-write connection"));
    if (catalog.dialect != m_connection.dialect())
        return makeError(Error::Code::Internal,
                         QStringLiteral("the catalog was read for %1 but the database is %2")
                             .arg(dialectName(catalog.dialect), dialectName(m_connection.dialect())));

    RunReport report;
    auto decision = evaluateUnderLock(catalog);
    if (!decision)
        return decision.error();
    report.decision = std::move(decision).value();
    if (!report.decision.mayBoot())
        return report;

    const QVector<qint64>& pending = report.decision.pending;
    for (int i = 0; i < pending.size(); ++i) {
        if (m_cancel && m_cancel->load()) {
            report.cancelled = true;
            break;
        }
        const Migration* migration = catalog.find(pending.at(i));
        if (m_progress)
            m_progress(i, pending.size(), *migration);
        const auto applied = apply(*migration, report);
        if (!applied)
            return applied.error();
        if (!applied.value())
            break;
    }
    return report;
}

Result<GateDecision> MigrationRunner::evaluateUnderLock(const Catalog& catalog)
{
    MigrationLock lock(m_connection, m_options.ledgerTable);
    if (auto begun = lock.beginTransaction(); !begun)
        return begun.error();
    LedgerStore store(m_connection, m_options.ledgerTable);
    if (auto ensured = store.ensureTable(); !ensured)
        return ensured.error();
    const auto rows = store.read();
    if (!rows)
        return rows.error();
    GateDecision decision = evaluateGate(catalog.migrations, rows.value(), m_options.gate);
    // A refused build changes nothing, not even the ledger table's columns.
    auto ended = decision.mayBoot() ? lock.commit() : lock.rollback();
    if (!ended)
        return ended.error();
    return decision;
}

Result<bool> MigrationRunner::apply(const Migration& migration, RunReport& report)
{
    return migration.noTransaction ? applyWithoutTransaction(migration, report)
                                   : applyInTransaction(migration, report);
}

Result<bool> MigrationRunner::applyInTransaction(const Migration& migration, RunReport& report)
{
    MigrationLock lock(m_connection, m_options.ledgerTable);
    if (auto begun = lock.beginTransaction(); !begun)
        return begun.error();
    // Another runner may have applied it while this one waited for the lock.
    const auto present = LedgerStore(m_connection, m_options.ledgerTable).contains(migration.id);
    if (!present)
        return present.error();
    if (present.value()) {
        report.appliedByOthers.append(migration.id);
        if (auto rolledBack = lock.rollback(); !rolledBack)
            return rolledBack.error();
        return true;
    }

    QElapsedTimer timer;
    timer.start();
    if (auto failure = execute(migration)) {
        lock.rollback();
        report.failure = std::move(failure);
        return false;
    }
    const qint64 durationMs = timer.elapsed();
    if (auto recorded = record(migration, durationMs); !recorded)
        return recorded.error();
    if (auto committed = lock.commit(); !committed)
        return committed.error();
    report.applied.append({ migration.id, migration.name, durationMs });
    return true;
}

Result<bool> MigrationRunner::applyWithoutTransaction(const Migration& migration, RunReport& report)
{
    MigrationLock lock(m_connection, m_options.ledgerTable);
    if (auto locked = lock.acquireSession(); !locked)
        return locked.error();
    const auto present = LedgerStore(m_connection, m_options.ledgerTable).contains(migration.id);
    if (!present)
        return present.error();
    if (present.value()) {
        report.appliedByOthers.append(migration.id);
        return true;
    }

    QElapsedTimer timer;
    timer.start();
    if (auto failure = execute(migration)) {
        report.failure = std::move(failure);
        return false;
    }
    const qint64 durationMs = timer.elapsed();
    // Recorded only once every statement has succeeded, so a half-done migration is
    // retried on the next run rather than marked applied.
    if (auto recorded = record(migration, durationMs); !recorded)
        return recorded.error();
    report.applied.append({ migration.id, migration.name, durationMs });
    return true;
}

std::optional<RunReport::Failure> MigrationRunner::execute(const Migration& migration)
{
    for (const SqlStatement& statement : migration.upStatements) {
        auto executed = m_connection.execute(statement.text);
        if (executed)
            continue;
        RunReport::Failure failure;
        failure.id = migration.id;
        failure.name = migration.name;
        failure.file = migration.upFile;
        failure.statementNumber = statement.number;
        failure.line = statement.line;
        failure.statement = statement.text;
        failure.databaseError = executed.error().message;
        failure.noTransaction = migration.noTransaction;
        return failure;
    }
    return std::nullopt;
}

Result<void> MigrationRunner::record(const Migration& migration, qint64 durationMs)
{
    LedgerRow row;
    row.id = migration.id;
    row.name = migration.name;
    row.appliedAt = m_options.clock ? m_options.clock() : QDateTime::currentDateTimeUtc();
    row.backwardCompatible = migration.backwardCompatible;
    row.checksum = migration.checksum;
    row.appliedBy = m_options.buildVersion;
    row.durationMs = durationMs;
    return LedgerStore(m_connection, m_options.ledgerTable).insert(row);
}

} // namespace backstep
