#include "downpathrunner.h"

#include "db/probesql.h"
#include "db/sqlidentifier.h"
#include "rehearsalworkspace.h"

#include <algorithm>

namespace backstep {

namespace {

const QString stepScope = QStringLiteral("backstep_down_step");

// Runs one step's down SQL and removes its ledger row; the engine's error on failure.
ProbeOutcome revert(RehearsalWorkspace& workspace, const Migration& migration, const QString& ledgerTable)
{
    if (auto begun = workspace.beginScope(stepScope); !begun)
        return ProbeOutcome::failed(begun.error().message);
    DatabaseConnection& connection = workspace.connection();
    QString failure;
    for (const SqlStatement& statement : migration.downStatements) {
        if (auto executed = connection.execute(statement.text); !executed) {
            failure = QStringLiteral("%1:%2, statement %3: %4")
                          .arg(migration.downFile)
                          .arg(statement.line)
                          .arg(statement.number)
                          .arg(executed.error().message);
            break;
        }
    }
    if (failure.isEmpty()) {
        const QString sql = ProbeSql::deleteLedgerRow.arg(SqlIdentifier::quoteQualified(ledgerTable, workspace.dialect()));
        if (auto removed = connection.execute(sql, { migration.id }); !removed)
            failure = QStringLiteral("removing ledger row #%1: %2").arg(migration.id).arg(removed.error().message);
    }
    if (!failure.isEmpty()) {
        workspace.rollbackScope(stepScope);
        return ProbeOutcome::failed(failure);
    }
    if (auto kept = workspace.keepScope(stepScope); !kept)
        return ProbeOutcome::failed(kept.error().message);
    return ProbeOutcome::ok();
}

} // namespace

QVector<DownPathStep> DownPathRunner::plan(const GateDecision& decision, const Catalog& newest)
{
    std::optional<qint64> oldestBlocking;
    for (const GateDecision::Blocking& blocking : decision.blocking) {
        if (blocking.reason != GateDecision::Blocking::Reason::Drift)
            oldestBlocking = std::min(oldestBlocking.value_or(blocking.id), blocking.id);
    }
    QVector<DownPathStep> steps;
    if (!oldestBlocking)
        return steps;
    for (const LedgerRow& row : decision.newer) {
        if (row.id < *oldestBlocking)
            continue;
        const Migration* migration = newest.find(row.id);
        steps.append(DownPathStep { row.id, row.name, migration && migration->hasDown(), {} });
    }
    std::sort(steps.begin(), steps.end(), [](const DownPathStep& a, const DownPathStep& b) { return a.id > b.id; });
    return steps;
}

Result<bool> DownPathRunner::run(RehearsalWorkspace& workspace, QVector<DownPathStep>& steps, const Catalog& newest,
                                 const QString& ledgerTable, const std::atomic_bool* cancel)
{
    // Steps are newest first: the last one without down SQL is the oldest, where a backup must be from.
    qint64 oldestMissing = 0;
    for (const DownPathStep& step : std::as_const(steps)) {
        if (!step.hasDown)
            oldestMissing = step.id;
    }
    if (oldestMissing > 0) {
        for (DownPathStep& step : steps) {
            step.result = step.hasDown
                ? ProbeOutcome::skipped(QStringLiteral("not run: #%1 has no down SQL, so only a backup restore goes back").arg(oldestMissing))
                : ProbeOutcome::skipped(QStringLiteral("no down SQL: restore a backup taken before #%1 was applied").arg(oldestMissing));
        }
        return false;
    }
    QString stopped;
    for (DownPathStep& step : steps) {
        if (cancel && cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("the rehearsal was cancelled"));
        if (!stopped.isEmpty()) {
            step.result = ProbeOutcome::skipped(stopped);
            continue;
        }
        step.result = revert(workspace, *newest.find(step.id), ledgerTable);
        if (!step.result.isOk())
            stopped = QStringLiteral("not run: the down SQL of #%1 failed").arg(step.id);
    }
    return stopped.isEmpty();
}

} // namespace backstep
