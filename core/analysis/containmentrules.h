#pragma once

#include "catalog/migration.h"
#include "catalog/sqlstatement.h"
#include "common/dialect.h"
#include "finding.h"

namespace backstep {

// The findings of containment: statements that reach outside their database
// (escapes-sandbox, breaking: Backstep will not run them anywhere but `migrate`) and
// transaction control inside a migration the runner wraps in a transaction
// (transaction-control, caution). Both come from StatementGuard, so `lint` says them
// with or without a scratch server.
class ContainmentRules
{
public:
    static Findings analyse(const Migration& migration, Dialect dialect);

    // One statement the guard or the sandbox refused. `what` names it ("COPY … TO PROGRAM").
    static Finding escape(const SqlStatement& statement, const QString& what);
    static Finding transactionControl(const SqlStatement& statement, const QString& what);
};

} // namespace backstep
