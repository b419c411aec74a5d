#pragma once

#include "catalog/sqltokenizer.h"

#include <QLatin1String>
#include <QString>

#include <initializer_list>
#include <optional>

namespace backstep {

// A table, index or other object name as findings spell it: "users", "aux.users".
// The main and temp schema prefixes are dropped: unqualified names already resolve
// there, and a finding on "main.users" must match one on "users".
struct SqliteName
{
    QString schema; // empty for main, temp and unqualified names
    QString name;

    QString qualified() const
    {
        return schema.isEmpty() ? name : schema + QLatin1Char('.') + name;
    }
    // A name in the same schema: an index's table, a renamed table's new name.
    SqliteName sibling(const QString& otherName) const
    {
        return { schema, otherName };
    }
};

// The identifier a token spells, normalised as statementcontext.h says: bare words fold
// to lower case, "x", [x], `x` and SQLite's fallback 'x' lose their quotes and keep
// their case, with doubled quote characters undoubled.
QString sqliteIdentifier(const SqlToken& token);

// Reads the tokens of one statement left to right, comments left out. Keywords match
// case-insensitively and only as bare words, so a quoted "TABLE" stays an identifier.
class SqliteTokenCursor
{
public:
    explicit SqliteTokenCursor(SqlTokens tokens);

    bool atEnd() const
    {
        return m_position >= m_tokens.size();
    }
    int position() const
    {
        return m_position;
    }
    void setPosition(int position)
    {
        m_position = position;
    }
    // nullptr past the end.
    const SqlToken* peek(int ahead = 0) const;
    void advance()
    {
        ++m_position;
    }

    bool isKeyword(QLatin1String keyword, int ahead = 0) const;
    bool isType(SqlToken::Type type, int ahead = 0) const;
    bool acceptKeyword(QLatin1String keyword);
    // All of the keywords in this order, or none of them (the cursor stays).
    bool acceptKeywords(std::initializer_list<QLatin1String> keywords);
    bool acceptType(SqlToken::Type type);

    std::optional<QString> acceptIdentifier();
    // [schema .] name
    std::optional<SqliteName> acceptName();

    // On '(': moves past its matching ')' (or to the end) and returns true.
    bool skipGroup();
    // Moves to the next bare keyword outside parentheses; false, at the end, if none.
    bool seekKeyword(QLatin1String keyword);
    // Whether a bare keyword occurs outside parentheses from here on; the cursor stays.
    bool containsKeyword(QLatin1String keyword) const;

    // Tokens `from` up to the current one as one line of text: "(lower(title))".
    QString textFrom(int from) const;

private:
    SqlTokens m_tokens;
    int m_position = 0;
};

} // namespace backstep
