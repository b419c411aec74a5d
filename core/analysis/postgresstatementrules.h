#pragma once

#include "catalog/sqlstatement.h"
#include "common/result.h"
#include "finding.h"
#include "rule.h"
#include "statementcontext.h"

namespace backstep {

// Statement rules for PostgreSQL, read with the real PostgreSQL parser (libpg_query,
// PostgreSQL 15 grammar): what each statement of a migration does to the objects
// older builds use. An Error (Error::Code::Catalog) when the statement does not parse,
// with the parser's message and position.
class PostgresStatementRules
{
public:
    static Result<Findings> analyse(const SqlStatement& statement, StatementContext& context,
                                    AnalysisProfile profile);
};

} // namespace backstep
