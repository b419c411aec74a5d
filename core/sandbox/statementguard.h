#pragma once

#include "catalog/sqlstatement.h"
#include "common/dialect.h"
#include "statementcheck.h"

namespace backstep {

// Reads a statement before Backstep runs it on a database it owns a transaction on or
// must keep the host safe from: PostgreSQL statements with the real parser
// (libpg_query), SQLite statements with Backstep's tokenizer. Pure: no connection.
//
// It is the first line of containment, not the only one: the SQLite authorizer
// (SqliteSandbox) and the PostgreSQL sandbox role enforce the same limits in the engine.
class StatementGuard
{
public:
    static StatementCheck check(const SqlStatement& statement, Dialect dialect);
};

} // namespace backstep
