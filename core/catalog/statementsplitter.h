#pragma once

#include "common/dialect.h"
#include "common/result.h"
#include "sqlstatement.h"

#include <QString>

namespace backstep {

// Cuts a migration file into statements on the ';' that really end one: not inside
// strings, identifiers, comments or dollar-quoted bodies, and not inside the
// BEGIN ... END body of a SQLite CREATE TRIGGER or a PostgreSQL BEGIN ATOMIC ... END
// function body (CASE ... END nests inside those). Statements that are only comments
// are dropped; a statement's text keeps its inner comments but not leading ones.
class StatementSplitter
{
public:
    static Result<SqlStatements> split(const QString& sql, Dialect dialect);
};

} // namespace backstep
