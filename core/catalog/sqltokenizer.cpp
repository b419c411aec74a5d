#include "sqltokenizer.h"

#include <QStringView>

#include <algorithm>

namespace backstep {

namespace {

bool isAsciiLetter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isHexDigit(char16_t c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\n' || c == u'\t' || c == u'\r' || c == u'\f' || c == u'\v';
}

// Both SQLite and PostgreSQL accept every non-ASCII character in identifiers.
bool isWordStart(char16_t c)
{
    return isAsciiLetter(c) || c == u'_' || c >= 0x80;
}

bool isWordPart(char16_t c)
{
    return isWordStart(c) || isDigit(c) || c == u'$';
}

// A dollar-quote tag is an identifier without '$' ($body$).
bool isTagPart(char16_t c)
{
    return isWordStart(c) || isDigit(c);
}

// Characters PostgreSQL glues into one multi-character operator (scan.l "op_chars").
bool isPostgresOperatorChar(char16_t c)
{
    switch (c) {
    case u'~':
    case u'!':
    case u'@':
    case u'#':
    case u'^':
    case u'&':
    case u'|':
    case u'`':
    case u'?':
    case u'+':
    case u'-':
    case u'*':
    case u'/':
    case u'%':
    case u'<':
    case u'>':
    case u'=':
    case u':':
        return true;
    default:
        return false;
    }
}

class Lexer
{
public:
    Lexer(const QString& sql, Dialect dialect)
        : m_sql(sql)
        , m_data(reinterpret_cast<const char16_t*>(sql.constData()))
        , m_size(sql.size())
        , m_dialect(dialect)
    {
    }

    Result<SqlTokens> run()
    {
        SqlTokens tokens;
        // About one token per eight characters in real migrations; QVector grows past it.
        tokens.reserve(m_size / 8 + 1);
        while (skipSpace()) {
            const int start = m_pos;
            const int line = m_line;
            const auto type = scanToken();
            if (!type)
                return makeError(Error::Code::Catalog, QStringLiteral("line %1: %2").arg(line).arg(m_problem));
            tokens.emplaceBack(SqlToken { *type, m_sql.mid(start, m_pos - start), start, line });
            countNewlines(start, m_pos);
        }
        return tokens;
    }

private:
    char16_t at(int index) const
    {
        return index < m_size ? m_data[index] : u'\0';
    }

    bool postgres() const
    {
        return m_dialect == Dialect::Postgres;
    }

    // Moves past whitespace; false at the end of the text.
    bool skipSpace()
    {
        while (m_pos < m_size && isSpace(m_data[m_pos])) {
            if (m_data[m_pos] == u'\n')
                ++m_line;
            ++m_pos;
        }
        return m_pos < m_size;
    }

    void countNewlines(int from, int to)
    {
        m_line += int(std::count(m_data + from, m_data + to, u'\n'));
    }

    std::optional<SqlToken::Type> fail(const char* problem)
    {
        m_problem = QLatin1String(problem);
        return std::nullopt;
    }

    std::optional<SqlToken::Type> scanToken()
    {
        const char16_t c = m_data[m_pos];
        const char16_t next = at(m_pos + 1);
        if (c == u'-' && next == u'-')
            return scanLineComment();
        if (c == u'/' && next == u'*')
            return scanBlockComment();
        if (c == u'\'')
            return scanString(m_pos, false);
        if (c == u'"')
            return scanQuoted(u'"', SqlToken::Type::QuotedIdentifier);
        if (isDigit(c) || (c == u'.' && isDigit(next)))
            return scanNumber();
        if (isWordStart(c))
            return scanWordOrPrefixedString();
        switch (c) {
        case u'(':
            return single(SqlToken::Type::OpenParen);
        case u')':
            return single(SqlToken::Type::CloseParen);
        case u',':
            return single(SqlToken::Type::Comma);
        case u';':
            return single(SqlToken::Type::Semicolon);
        default:
            break;
        }
        return postgres() ? scanPostgresPunctuation() : scanSqlitePunctuation();
    }

    std::optional<SqlToken::Type> single(SqlToken::Type type)
    {
        ++m_pos;
        return type;
    }

    // Ends before the newline, and before the '\r' of a CRLF, so the token is the comment alone.
    std::optional<SqlToken::Type> scanLineComment()
    {
        const char16_t* end = std::find(m_data + m_pos, m_data + m_size, u'\n');
        int stop = int(end - m_data);
        if (stop > m_pos && m_data[stop - 1] == u'\r')
            --stop;
        m_pos = stop;
        return SqlToken::Type::Comment;
    }

    // PostgreSQL nests /* */ comments, SQLite ends at the first */.
    std::optional<SqlToken::Type> scanBlockComment()
    {
        int depth = 0;
        int i = m_pos;
        while (i < m_size) {
            if (m_data[i] == u'/' && at(i + 1) == u'*' && (depth == 0 || postgres())) {
                ++depth;
                i += 2;
            } else if (m_data[i] == u'*' && at(i + 1) == u'/') {
                i += 2;
                if (--depth == 0) {
                    m_pos = i;
                    return SqlToken::Type::Comment;
                }
            } else {
                ++i;
            }
        }
        return fail("unterminated comment");
    }

    // A '...' string starting at quote; '' stands for one quote, and with backslash
    // escapes (PostgreSQL E'...') \' does too.
    std::optional<SqlToken::Type> scanString(int quote, bool backslashEscapes)
    {
        int i = quote + 1;
        while (i < m_size) {
            const char16_t c = m_data[i];
            if (backslashEscapes && c == u'\\') {
                i += 2;
            } else if (c == u'\'') {
                if (at(i + 1) != u'\'') {
                    m_pos = i + 1;
                    return SqlToken::Type::String;
                }
                i += 2;
            } else {
                ++i;
            }
        }
        return fail("unterminated string");
    }

    // "x" and SQLite's `x`: the closing character doubled stands for itself.
    std::optional<SqlToken::Type> scanQuoted(char16_t close, SqlToken::Type type)
    {
        int i = m_pos + 1;
        while (i < m_size) {
            if (m_data[i] == close) {
                if (at(i + 1) != close) {
                    m_pos = i + 1;
                    return type;
                }
                ++i;
            }
            ++i;
        }
        return fail("unterminated quoted identifier");
    }

    // SQLite's [x] has no escape: it ends at the first ].
    std::optional<SqlToken::Type> scanBracketIdentifier()
    {
        const char16_t* end = std::find(m_data + m_pos + 1, m_data + m_size, u']');
        if (end == m_data + m_size)
            return fail("unterminated quoted identifier");
        m_pos = int(end - m_data) + 1;
        return SqlToken::Type::QuotedIdentifier;
    }

    std::optional<SqlToken::Type> scanNumber()
    {
        if (m_data[m_pos] == u'0' && (at(m_pos + 1) == u'x' || at(m_pos + 1) == u'X') && isHexDigit(at(m_pos + 2))) {
            m_pos += 2;
            skipWhile([](char16_t c) { return isHexDigit(c) || c == u'_'; });
            return SqlToken::Type::Number;
        }
        skipDigits();
        if (at(m_pos) == u'.') {
            ++m_pos;
            skipDigits();
        }
        const char16_t e = at(m_pos);
        if (e == u'e' || e == u'E') {
            const int sign = (at(m_pos + 1) == u'+' || at(m_pos + 1) == u'-') ? 1 : 0;
            if (isDigit(at(m_pos + 1 + sign))) {
                m_pos += 1 + sign;
                skipDigits();
            }
        }
        return SqlToken::Type::Number;
    }

    // PostgreSQL 16 accepts 1_000_000; the underscore cannot start a word there anyway.
    void skipDigits()
    {
        skipWhile([](char16_t c) { return isDigit(c) || c == u'_'; });
    }

    template <typename Predicate> void skipWhile(Predicate predicate)
    {
        while (m_pos < m_size && predicate(m_data[m_pos]))
            ++m_pos;
    }

    std::optional<SqlToken::Type> scanWordOrPrefixedString()
    {
        const int start = m_pos;
        skipWhile(isWordPart);
        if (m_pos - start == 1 && at(m_pos) == u'\'')
            return scanPrefixedString(m_data[start]);
        if (postgres() && m_pos - start == 1 && (m_data[start] == u'u' || m_data[start] == u'U') && at(m_pos) == u'&') {
            if (at(m_pos + 1) == u'\'')
                return scanString(m_pos + 1, false);
            if (at(m_pos + 1) == u'"') {
                ++m_pos;
                return scanQuoted(u'"', SqlToken::Type::QuotedIdentifier);
            }
        }
        return SqlToken::Type::Word;
    }

    // X'00' blobs in both dialects; E'' (backslash escapes), B'' bit strings and N''
    // national strings in PostgreSQL. Any other letter is a word followed by a string.
    std::optional<SqlToken::Type> scanPrefixedString(char16_t prefix)
    {
        const char16_t upper = prefix >= u'a' && prefix <= u'z' ? char16_t(prefix - 32) : prefix;
        if (upper == u'X' || (postgres() && (upper == u'B' || upper == u'N')))
            return scanString(m_pos, false);
        if (postgres() && upper == u'E')
            return scanString(m_pos, true);
        return SqlToken::Type::Word;
    }

    // ?, ?1, :name, @name and $name are SQLite parameters; [x] and `x` are identifiers.
    std::optional<SqlToken::Type> scanSqlitePunctuation()
    {
        const char16_t c = m_data[m_pos];
        if (c == u'[')
            return scanBracketIdentifier();
        if (c == u'`')
            return scanQuoted(u'`', SqlToken::Type::QuotedIdentifier);
        if (c == u'?') {
            ++m_pos;
            skipWhile(isDigit);
            return SqlToken::Type::Parameter;
        }
        if ((c == u':' || c == u'@' || c == u'$') && isWordPart(at(m_pos + 1))) {
            ++m_pos;
            skipWhile(isWordPart);
            return SqlToken::Type::Parameter;
        }
        m_pos += sqliteOperatorLength();
        return SqlToken::Type::Operator;
    }

    int sqliteOperatorLength() const
    {
        const char16_t c = m_data[m_pos];
        const char16_t next = at(m_pos + 1);
        if (c == u'-' && next == u'>')
            return at(m_pos + 2) == u'>' ? 3 : 2;
        static const char16_t* const pairs[] = { u"||", u"<=", u">=", u"==", u"!=", u"<>", u"<<", u">>" };
        for (const char16_t* pair : pairs) {
            if (c == pair[0] && next == pair[1])
                return 2;
        }
        return 1;
    }

    // $1 is a parameter, $$ and $tag$ open a dollar-quoted string, [ ] ` are operators.
    std::optional<SqlToken::Type> scanPostgresPunctuation()
    {
        const char16_t c = m_data[m_pos];
        if (c == u'$') {
            if (isDigit(at(m_pos + 1))) {
                ++m_pos;
                skipWhile(isDigit);
                return SqlToken::Type::Parameter;
            }
            if (const int tagEnd = dollarTagEnd(); tagEnd > 0)
                return scanDollarQuoted(tagEnd);
            return single(SqlToken::Type::Operator);
        }
        if (!isPostgresOperatorChar(c))
            return single(SqlToken::Type::Operator);
        m_pos += postgresOperatorLength();
        return SqlToken::Type::Operator;
    }

    // Index just past the closing '$' of an opening tag at m_pos, or 0 if there is none.
    int dollarTagEnd() const
    {
        int i = m_pos + 1;
        if (at(i) != u'$') {
            if (!isWordStart(at(i)))
                return 0;
            while (i < m_size && isTagPart(m_data[i]))
                ++i;
            if (at(i) != u'$')
                return 0;
        }
        return i + 1;
    }

    std::optional<SqlToken::Type> scanDollarQuoted(int tagEnd)
    {
        const QStringView tag(m_data + m_pos, tagEnd - m_pos);
        const qsizetype close = QStringView(m_data, m_size).indexOf(tag, tagEnd);
        if (close < 0)
            return fail("unterminated dollar-quoted string");
        m_pos = int(close + tag.size());
        return SqlToken::Type::String;
    }

    // PostgreSQL's rule (scan.l): an operator stops before -- or /*, and cannot end in
    // + or - unless it holds one of ~ ! @ # % ^ & | ` ?, so "=-1" is "=" then "-1".
    int postgresOperatorLength() const
    {
        int end = m_pos;
        bool special = false;
        while (end < m_size && isPostgresOperatorChar(m_data[end])) {
            const char16_t c = m_data[end];
            if (end > m_pos && ((c == u'-' && at(end + 1) == u'-') || (c == u'/' && at(end + 1) == u'*')))
                break;
            special = special || QStringView(u"~!@#%^&|`?").contains(QChar(c));
            ++end;
        }
        while (!special && end - m_pos > 1 && (m_data[end - 1] == u'+' || m_data[end - 1] == u'-'))
            --end;
        return end - m_pos;
    }

    const QString& m_sql;
    const char16_t* m_data;
    int m_size;
    Dialect m_dialect;
    int m_pos = 0;
    int m_line = 1;
    QString m_problem;
};

} // namespace

Result<SqlTokens> SqlTokenizer::tokenize(const QString& sql, Dialect dialect)
{
    return Lexer(sql, dialect).run();
}

} // namespace backstep
