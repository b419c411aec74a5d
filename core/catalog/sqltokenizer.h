#pragma once

#include "common/dialect.h"
#include "common/result.h"

#include <QString>
#include <QVector>

namespace backstep {

// One lexical token of SQL. Whitespace is not a token; comments are.
struct SqlToken
{
    enum class Type {
        Word, // keyword or bare identifier: CREATE, users, _x1
        QuotedIdentifier, // "x", and in SQLite also [x] and `x`
        String, // 'x', E'x', X'00', $tag$...$tag$ (PostgreSQL)
        Number,
        Operator, // punctuation and operators other than ; ( ) ,
        OpenParen,
        CloseParen,
        Comma,
        Semicolon,
        Comment, // -- ... and /* ... */ (nested in PostgreSQL)
        Parameter, // ?, ?1, :name, @name, $1
    };

    Type type = Type::Word;
    QString text; // exactly as in the source
    int offset = 0; // index of the first character in the source
    int line = 1; // 1-based line of the first character

    friend bool operator==(const SqlToken& a, const SqlToken& b)
    {
        return a.type == b.type && a.text == b.text && a.offset == b.offset && a.line == b.line;
    }
};

using SqlTokens = QVector<SqlToken>;

} // namespace backstep

// A file holds thousands of tokens; let QVector grow them with memmove.
Q_DECLARE_TYPEINFO(backstep::SqlToken, Q_RELOCATABLE_TYPE);

namespace backstep {

// Splits SQL into tokens following the dialect's lexical rules: '' and "" doubling,
// E'' backslash escapes and $tag$ dollar-quoting and nested /* */ in PostgreSQL;
// [] and `` identifiers in SQLite. An unterminated string, identifier or comment is an
// error whose message names its line ("line 12: unterminated string").
class SqlTokenizer
{
public:
    static Result<SqlTokens> tokenize(const QString& sql, Dialect dialect);
};

} // namespace backstep
