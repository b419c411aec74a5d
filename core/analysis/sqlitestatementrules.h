#pragma once

#include "catalog/sqlstatement.h"
#include "finding.h"
#include "rule.h"
#include "statementcontext.h"

namespace backstep {

// Statement rules for SQLite, read with SqlTokenizer: what each statement of a
// migration does to the objects older builds use. Findings carry the statement's
// number and line; the context is updated with the tables the statement creates.
class SqliteStatementRules
{
public:
    static Findings analyse(const SqlStatement& statement, StatementContext& context, AnalysisProfile profile);
};

} // namespace backstep
