#include "downpathrunner.h"

#include "db/probesql.h"
#include "db/scratchdatabase.h"
#include "db/sqlidentifier.h"
#include "rehearsalworkspace.h"
#include "sandbox/guardedscript.h"
#include "sandbox/scratchreplay.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

const QString stepScope = QStringLiteral("backstep_down_step");

QString where(const Migration& migration, const SqlStatement& statement)
{
    return u"%1:%2, statement %3"_s.arg(migration.downFile).arg(statement.line).arg(statement.number);
}

// Why a step is not run at all, read before any of it runs; empty when it may run.
QString refusal(const Migration& migration, const GuardedScript& script, Dialect dialect)
{
    for (const GuardedStatement& guarded : script.body()) {
        const StatementCheck& check = guarded.check;
        const QString at = where(migration, guarded.statement);
        if (check.kind == StatementCheck::Kind::Escape)
            return u"refused (escapes-sandbox): %1 reaches outside its database (%2); nothing of this step ran"_s.arg(
                at, check.what);
        if (check.isTransactionControl())
            return u"refused (transaction-control): %1 is %2, which would end or split the transaction that keeps "
                   "the database unchanged; nothing of this step ran"_s.arg(at, check.what);
        if (check.kind == StatementCheck::Kind::Unparsable)
            return u"refused: %1 does not parse (%2), so it cannot be checked before it runs; nothing of this step "
                   "ran"_s.arg(at, check.what);
        if (check.kind == StatementCheck::Kind::Unchecked && dialect == Dialect::Postgres)
            return u"refused: %1 holds a %2, which cannot be checked before it runs on the live database; nothing "
                   "of this step ran"_s.arg(at, check.what);
    }
    return {};
}

// The statements that cannot run inside a transaction block, by name; empty if none.
QString outsideTransaction(const GuardedScript& script)
{
    QStringList names;
    for (const GuardedStatement& guarded : script.body()) {
        if (guarded.check.kind == StatementCheck::Kind::OutsideTransaction && !names.contains(guarded.check.what))
            names.append(guarded.check.what);
    }
    return names.join(u", "_s);
}

bool isVacuum(const StatementCheck& check)
{
    return check.kind == StatementCheck::Kind::OutsideTransaction && check.what == "VACUUM"_L1;
}

// Removes the reverted migration's ledger row, as a revert would.
QString removeLedgerRow(const DownPathRunner::Context& context, qint64 id)
{
    const QString sql
        = ProbeSql::deleteLedgerRow.arg(SqlIdentifier::quoteQualified(context.ledgerTable, context.workspace.dialect()));
    if (auto removed = context.workspace.connection().execute(sql, { id }); !removed)
        return u"removing ledger row #%1: %2"_s.arg(id).arg(removed.error().message);
    return {};
}

// The script's statements through the sandbox; empty on success, else where and why it failed.
QString runBody(SqlSandbox& sandbox, const Migration& migration, const GuardedScript& script)
{
    for (const GuardedStatement& guarded : script.body()) {
        if (isVacuum(guarded.check))
            continue; // changes no schema and no row; it cannot run inside the step's scope
        if (auto executed = sandbox.execute(guarded.statement.text); !executed)
            return u"%1: %2"_s.arg(where(migration, guarded.statement), executed.error().message);
    }
    return {};
}

// A PostgreSQL step that must leave the transaction (CREATE INDEX CONCURRENTLY) never
// runs on the live database: it runs on a scratch database that holds the schema the
// catalog gives the ledger's migrations, after the down SQL of the steps before it,
// with its own statements outside any transaction as the runner would run them.
ProbeOutcome runOnScratch(const DownPathRunner::Context& context, const Migration& migration,
                          const QVector<const Migration*>& before, const QString& statements)
{
    if (!context.scratchServer)
        return ProbeOutcome::failed(
            u"not run: its %1 cannot run inside the transaction that keeps the live database unchanged, and there "
            "is no scratch server to run it on instead"_s.arg(statements));
    auto scratch = ScratchDatabase::create(Dialect::Postgres, context.scratchServer);
    if (!scratch)
        return ProbeOutcome::failed(u"not run: %1"_s.arg(scratch.error().message));
    for (const Migration& applied : context.newest.migrations) {
        if (!std::binary_search(context.applied.cbegin(), context.applied.cend(), applied.id))
            continue;
        if (const auto replayed = ScratchReplay::apply(*scratch.value(), applied); !replayed.ok())
            return ProbeOutcome::failed(u"not run: the scratch database for it could not be built: %1"_s.arg(replayed.failure));
    }
    for (const Migration* earlier : before) {
        const GuardedScript script = GuardedScript::of(earlier->downStatements, Dialect::Postgres);
        if (const QString failure = runBody(scratch.value()->sandbox(), *earlier, script); !failure.isEmpty())
            return ProbeOutcome::failed(u"not run: on the scratch database, an earlier step failed: %1"_s.arg(failure));
    }
    const GuardedScript script = GuardedScript::of(migration.downStatements, Dialect::Postgres);
    if (const QString failure = runBody(scratch.value()->sandbox(), migration, script); !failure.isEmpty())
        return ProbeOutcome::failed(u"on a scratch database (its %1 cannot run in the live database's rehearsal "
                                    "transaction): %2"_s.arg(statements, failure));
    return ProbeOutcome::okWith(
        u"ran on a scratch database with the catalog's schema and no rows, not on the live database: its %1 cannot "
        "run inside the transaction that keeps the live database unchanged; the live rehearsal goes on without this "
        "step's schema change"_s.arg(statements));
}

// Runs one step's down SQL and removes its ledger row; the engine's error on failure.
ProbeOutcome revert(const DownPathRunner::Context& context, const Migration& migration,
                    const QVector<const Migration*>& before)
{
    RehearsalWorkspace& workspace = context.workspace;
    const GuardedScript script = GuardedScript::of(migration.downStatements, workspace.dialect());
    if (const QString refused = refusal(migration, script, workspace.dialect()); !refused.isEmpty())
        return ProbeOutcome::failed(refused);
    const QString outside = outsideTransaction(script);
    const bool elsewhere = workspace.dialect() == Dialect::Postgres && !outside.isEmpty() && outside != "VACUUM"_L1;

    if (auto begun = workspace.beginScope(stepScope); !begun)
        return ProbeOutcome::failed(begun.error().message);
    ProbeOutcome outcome = ProbeOutcome::ok();
    QString failure;
    if (elsewhere) {
        outcome = runOnScratch(context, migration, before, outside);
        if (outcome.isFailed())
            failure = outcome.message;
    } else {
        failure = runBody(workspace.sandbox(), migration, script);
        if (failure.isEmpty() && script.first(&isVacuum))
            outcome = ProbeOutcome::okWith(u"its VACUUM was left out: it changes no schema and no row"_s);
    }
    if (failure.isEmpty())
        failure = removeLedgerRow(context, migration.id);
    if (!failure.isEmpty()) {
        workspace.rollbackScope(stepScope);
        return ProbeOutcome::failed(failure);
    }
    if (auto kept = workspace.keepScope(stepScope); !kept)
        return ProbeOutcome::failed(kept.error().message);
    return outcome;
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

Result<bool> DownPathRunner::run(const Context& context, QVector<DownPathStep>& steps)
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
    QVector<const Migration*> reverted; // the steps that ran, in order
    for (DownPathStep& step : steps) {
        if (context.cancel && context.cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("the rehearsal was cancelled"));
        if (!stopped.isEmpty()) {
            step.result = ProbeOutcome::skipped(stopped);
            continue;
        }
        const Migration* migration = context.newest.find(step.id);
        step.result = revert(context, *migration, reverted);
        // Defence in depth behind the guard: the script must not have ended the transaction.
        if (auto same = context.workspace.checkTransaction(); !same)
            return same.error();
        if (step.result.isOk())
            reverted.append(migration);
        else
            stopped = QStringLiteral("not run: the down SQL of #%1 failed or was refused").arg(step.id);
    }
    return stopped.isEmpty();
}

} // namespace backstep
