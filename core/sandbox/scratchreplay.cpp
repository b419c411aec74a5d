#include "scratchreplay.h"

#include "analysis/containmentrules.h"
#include "db/scratchdatabase.h"
#include "guardedscript.h"

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

QString where(const Migration& migration, const SqlStatement& statement)
{
    return u"%1:%2, statement %3"_s.arg(migration.upFile).arg(statement.line).arg(statement.number);
}

// Why the script cannot be replayed at all, before anything runs: it reaches outside
// its database, or (in a transaction) rolls back work it did not do itself, so no
// replay in Backstep's transaction would show its net effect.
std::optional<ScratchReplay::Outcome> refusal(const Migration& migration, const GuardedScript& script)
{
    if (const GuardedStatement* escape = script.first(&GuardedScript::isEscape))
        return ScratchReplay::Outcome { u"not replayed: %1 reaches outside its database (%2)"_s.arg(
                                            where(migration, escape->statement), escape->check.what),
                                        ContainmentRules::escape(escape->statement, escape->check.what) };
    if (migration.noTransaction)
        return std::nullopt;
    for (const GuardedStatement& guarded : script.body()) {
        if (guarded.check.discardsWork())
            return ScratchReplay::Outcome { u"not replayed: %1 is %2, which discards work inside the transaction "
                                            "the runner applies the migration in"_s.arg(
                                                where(migration, guarded.statement), guarded.check.what),
                                            std::nullopt };
    }
    return std::nullopt;
}

} // namespace

ScratchReplay::Outcome ScratchReplay::apply(ScratchDatabase& scratch, const Migration& migration)
{
    const Dialect dialect = scratch.connection().dialect();
    const GuardedScript script = GuardedScript::of(migration.upStatements, dialect);
    if (auto refused = refusal(migration, script))
        return *refused;

    DatabaseConnection& connection = scratch.connection();
    const bool transaction = !migration.noTransaction;
    if (transaction) {
        if (auto begun = connection.execute(u"BEGIN"_s); !begun)
            return { begun.error().message, std::nullopt };
    }
    for (const GuardedStatement& guarded : script.body()) {
        Result<void> executed;
        if (guarded.check.isTransactionControl()) {
            // Inside the runner's transaction a COMMIT or SAVEPOINT changes no schema:
            // replayed without it (analysis reports it as transaction-control). A
            // no-transaction migration keeps its own, which only the guard lets through.
            if (transaction)
                continue;
            executed = connection.execute(guarded.statement.text);
        } else {
            executed = scratch.sandbox().execute(guarded.statement.text);
        }
        if (executed)
            continue;
        if (transaction)
            connection.execute(u"ROLLBACK"_s);
        Outcome outcome { u"replay failed at %1: %2"_s.arg(where(migration, guarded.statement), executed.error().message),
                          std::nullopt };
        if (executed.error().code == Error::Code::Sandbox) {
            outcome.failure = u"not replayed: %1 reaches outside its database: %2"_s.arg(
                where(migration, guarded.statement), executed.error().message);
            outcome.escape = ContainmentRules::escape(guarded.statement, executed.error().message);
        }
        return outcome;
    }
    if (transaction) {
        if (auto committed = connection.execute(u"COMMIT"_s); !committed)
            return { committed.error().message, std::nullopt };
    }
    return {};
}

} // namespace backstep
