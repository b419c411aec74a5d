#include "statementsplitter.h"

#include "sqltokenizer.h"

#include <array>

namespace backstep {

namespace {

bool isWord(const SqlToken& token, QLatin1String word)
{
    return token.type == SqlToken::Type::Word && token.text.compare(word, Qt::CaseInsensitive) == 0;
}

// The statement being collected: where it starts and ends, and the nesting that keeps
// a ';' inside it.
class PendingStatement
{
public:
    PendingStatement(const SqlTokens& tokens, Dialect dialect)
        : m_tokens(tokens)
        , m_dialect(dialect)
    {
    }

    // True when token is a ';' that ends the statement rather than one inside a body.
    bool endsAt(const SqlToken& token) const
    {
        return token.type == SqlToken::Type::Semicolon && m_blockDepth == 0 && m_parenDepth == 0;
    }

    void add(int index)
    {
        if (m_first < 0)
            m_first = index;
        m_last = index;
        const SqlToken& token = m_tokens.at(index);
        noteLeadingWord(index);
        if (token.type == SqlToken::Type::Word)
            trackBlocks(token);
        else
            trackParentheses(token);
    }

    bool isEmpty() const
    {
        return m_first < 0;
    }

    // Leading and trailing comments are left out: a trailing "-- note" would otherwise
    // swallow the ';' of anyone who joins statements back together.
    SqlStatement take(const QString& sql, int number)
    {
        const SqlToken& first = m_tokens.at(m_first);
        const SqlToken& last = m_tokens.at(m_last);
        SqlStatement statement { sql.mid(first.offset, last.offset + last.text.size() - first.offset), first.line,
            number };
        reset();
        return statement;
    }

private:
    void reset()
    {
        m_first = -1;
        m_last = -1;
        m_leadingCount = 0;
        m_leadingDone = false;
        m_blockDepth = 0;
        m_parenDepth = 0;
    }

    // Only the statement's first words decide whether it has a BEGIN ... END body.
    void noteLeadingWord(int index)
    {
        if (m_leadingDone)
            return;
        if (m_tokens.at(index).type != SqlToken::Type::Word || m_leadingCount == int(m_leading.size())) {
            m_leadingDone = true;
            return;
        }
        m_leading[m_leadingCount++] = index;
    }

    bool leadingIs(int position, QLatin1String word) const
    {
        return position < m_leadingCount && isWord(m_tokens.at(m_leading[position]), word);
    }

    // SQLite: CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ...; END.
    // PostgreSQL: CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ...; END, as psql decides.
    bool hasBody() const
    {
        if (!leadingIs(0, QLatin1String("create")))
            return false;
        if (m_dialect == Dialect::Sqlite) {
            const int kind = leadingIs(1, QLatin1String("temp")) || leadingIs(1, QLatin1String("temporary")) ? 2 : 1;
            return leadingIs(kind, QLatin1String("trigger"));
        }
        const int kind = leadingIs(1, QLatin1String("or")) && leadingIs(2, QLatin1String("replace")) ? 3 : 1;
        return leadingIs(kind, QLatin1String("function")) || leadingIs(kind, QLatin1String("procedure"));
    }

    // CASE ... END nests inside a body, and in a trigger's WHEN clause before it.
    void trackBlocks(const SqlToken& word)
    {
        if (isWord(word, QLatin1String("begin")) || isWord(word, QLatin1String("case"))) {
            if (hasBody())
                ++m_blockDepth;
        } else if (isWord(word, QLatin1String("end")) && m_blockDepth > 0) {
            --m_blockDepth;
        }
    }

    // PostgreSQL rules hold several commands in parentheses: DO INSTEAD (INSERT ...; UPDATE ...).
    // psql keeps those together; SQLite has no such syntax and ends at any ';'.
    void trackParentheses(const SqlToken& token)
    {
        if (m_dialect != Dialect::Postgres)
            return;
        if (token.type == SqlToken::Type::OpenParen)
            ++m_parenDepth;
        else if (token.type == SqlToken::Type::CloseParen && m_parenDepth > 0)
            --m_parenDepth;
    }

    const SqlTokens& m_tokens;
    Dialect m_dialect;
    int m_first = -1;
    int m_last = -1;
    std::array<int, 4> m_leading {};
    int m_leadingCount = 0;
    bool m_leadingDone = false;
    int m_blockDepth = 0;
    int m_parenDepth = 0;
};

} // namespace

Result<SqlStatements> StatementSplitter::split(const QString& sql, Dialect dialect)
{
    Result<SqlTokens> tokens = SqlTokenizer::tokenize(sql, dialect);
    if (!tokens)
        return tokens.error();
    return split(sql, tokens.value(), dialect);
}

SqlStatements StatementSplitter::split(const QString& sql, const SqlTokens& tokens, Dialect dialect)
{
    SqlStatements statements;
    PendingStatement pending(tokens, dialect);
    for (int i = 0; i < tokens.size(); ++i) {
        const SqlToken& token = tokens.at(i);
        if (token.type == SqlToken::Type::Comment)
            continue;
        if (pending.endsAt(token)) {
            if (!pending.isEmpty())
                statements.append(pending.take(sql, int(statements.size()) + 1));
            continue;
        }
        pending.add(i);
    }
    if (!pending.isEmpty())
        statements.append(pending.take(sql, int(statements.size()) + 1));
    return statements;
}

} // namespace backstep
