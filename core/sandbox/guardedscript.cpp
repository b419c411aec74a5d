#include "guardedscript.h"

#include "statementguard.h"

namespace backstep {

GuardedScript GuardedScript::of(const SqlStatements& statements, Dialect dialect)
{
    GuardedScript script;
    script.m_body.reserve(statements.size());
    for (const SqlStatement& statement : statements)
        script.m_body.append({ statement, StatementGuard::check(statement, dialect) });
    const auto& body = script.m_body;
    // COMMIT AND CHAIN opens another transaction behind it: not an envelope's end.
    const bool envelope = body.size() >= 2 && body.constFirst().check.kind == StatementCheck::Kind::Begin
        && body.constLast().check.kind == StatementCheck::Kind::Commit
        && !body.constLast().check.what.endsWith(QLatin1String("CHAIN"));
    if (envelope) {
        script.m_body.removeFirst();
        script.m_body.removeLast();
        script.m_envelope = true;
    }
    return script;
}

const GuardedStatement* GuardedScript::first(bool (*matches)(const StatementCheck&)) const
{
    for (const GuardedStatement& guarded : m_body) {
        if (matches(guarded.check))
            return &guarded;
    }
    return nullptr;
}

} // namespace backstep
