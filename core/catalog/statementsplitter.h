#pragma once

#include "common/dialect.h"
#include "common/result.h"
#include "sqlstatement.h"
#include "sqltokenizer.h"

#include <QString>

namespace backstep {

// Cuts a migration file into statements on the ';' that really end one: not inside
// strings, identifiers, comments or dollar-quoted bodies, and not inside the
// BEGIN ... END body of a SQLite CREATE TRIGGER or a PostgreSQL BEGIN ATOMIC ... END
// function body (CASE ... END nests inside those). Statements that are only comments
// are dropped; a statement's text keeps its inner comments but not leading ones.
// Trailing comments (between the last token and the ';') are left out as well, so that
// joining statements back with ";" never lets a "--" comment swallow the separator.
// In PostgreSQL a ';' inside parentheses does not end a statement either (psql's rule,
// for CREATE RULE ... DO (cmd; cmd)).
class StatementSplitter
{
public:
    static Result<SqlStatements> split(const QString& sql, Dialect dialect);
    // The same, for a caller that already holds SqlTokenizer::tokenize(sql, dialect) and
    // wants to look at the tokens too (the catalog reader reads header directives from them).
    static SqlStatements split(const QString& sql, const SqlTokens& tokens, Dialect dialect);
};

} // namespace backstep
