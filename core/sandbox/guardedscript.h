#pragma once

#include "catalog/sqlstatement.h"
#include "common/dialect.h"
#include "statementcheck.h"

#include <QVector>

namespace backstep {

// One statement of a script with what StatementGuard says of it.
struct GuardedStatement
{
    SqlStatement statement;
    StatementCheck check;
};

// A script (a migration's up or down SQL) read by StatementGuard before any of it runs.
// A file's own BEGIN first and COMMIT last, wrapping its whole body (the commonest way to
// write a migration by hand), are recognised and taken off: the body then runs inside
// the transaction Backstep owns. Every other statement keeps its check, for the caller
// to refuse, skip or run as its own rules say. Pure.
class GuardedScript
{
public:
    static GuardedScript of(const SqlStatements& statements, Dialect dialect);

    // The statements to run, without the envelope.
    const QVector<GuardedStatement>& body() const
    {
        return m_body;
    }
    // Whether a leading BEGIN and trailing COMMIT were taken off.
    bool hadEnvelope() const
    {
        return m_envelope;
    }
    // The first statement of the body whose check is of this kind, or nullptr.
    const GuardedStatement* first(bool (*matches)(const StatementCheck&)) const;

    static bool isEscape(const StatementCheck& check)
    {
        return check.kind == StatementCheck::Kind::Escape;
    }
    static bool isTransactionControl(const StatementCheck& check)
    {
        return check.isTransactionControl();
    }

private:
    QVector<GuardedStatement> m_body;
    bool m_envelope = false;
};

} // namespace backstep
