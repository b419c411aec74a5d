#pragma once

#include "common/dialect.h"

#include <QString>

namespace backstep {

// Spelling-insensitive forms of the SQL text a schema holds (types, defaults, check and
// index expressions, view bodies), so that a rebuild that writes the same thing another
// way is no change.
class SqlText
{
public:
    // Lower case outside double quotes, single spaces, none at parentheses and commas:
    // "NUMERIC( 10, 3 )" -> "numeric(10,3)", "Double  Precision" -> "double precision".
    static QString normalisedType(const QString& declaredType);

    // For comparing expressions: the tokens without comments, one space apart, keywords
    // and bare identifiers in lower case, identifiers without their quotes (in SQLite,
    // where identifiers ignore case, also in lower case). Strings keep their text. Text
    // that does not tokenize is only whitespace-simplified.
    static QString comparable(const QString& text, Dialect dialect);
    static bool same(const QString& a, const QString& b, Dialect dialect);

    // The name an identifier token stands for: "a""b" -> a"b, [x] -> x, `x` -> x,
    // 'x' -> x (SQLite takes a string where it wants a name); a bare word as it is.
    static QString unquoted(const QString& token);
};

} // namespace backstep
