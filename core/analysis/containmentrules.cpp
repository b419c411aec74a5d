#include "containmentrules.h"

#include "sandbox/guardedscript.h"

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

Finding at(const SqlStatement& statement, const QString& rule, Finding::Severity severity, const QString& what,
           const QString& message)
{
    Finding finding;
    finding.rule = rule;
    finding.severity = severity;
    finding.statementNumber = statement.number;
    finding.line = statement.line;
    finding.object = what;
    finding.message = message;
    return finding;
}

} // namespace

Finding ContainmentRules::escape(const SqlStatement& statement, const QString& what)
{
    return at(statement, u"escapes-sandbox"_s, Finding::Severity::Breaking, what,
              u"reaches outside its database: %1"_s.arg(what));
}

Finding ContainmentRules::transactionControl(const SqlStatement& statement, const QString& what)
{
    return at(statement, u"transaction-control"_s, Finding::Severity::Caution, what,
              u"%1 inside the migration ends or splits the transaction the runner applies it in"_s.arg(what));
}

Findings ContainmentRules::analyse(const Migration& migration, Dialect dialect)
{
    Findings findings;
    const GuardedScript script = GuardedScript::of(migration.upStatements, dialect);
    for (const GuardedStatement& guarded : script.body()) {
        if (guarded.check.kind == StatementCheck::Kind::Escape)
            findings.append(escape(guarded.statement, guarded.check.what));
        else if (guarded.check.isTransactionControl() && !migration.noTransaction)
            findings.append(transactionControl(guarded.statement, guarded.check.what));
    }
    return findings;
}

} // namespace backstep
