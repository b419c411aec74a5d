#include "sqlitetokencursor.h"

#include "statementcontext.h"

#include <algorithm>

namespace backstep {

namespace {

// SQLite resolves unqualified names in temp, then main; a prefix naming either adds
// nothing a reader of the findings needs.
bool isDefaultSchema(const QString& schema)
{
    return schema == QLatin1String("main") || schema == QLatin1String("temp");
}

// 'x' and "x" double their quote character to contain it; [x] has no escape.
QString unquoted(const QString& text)
{
    const QChar open = text.front();
    const QChar close = open == QLatin1Char('[') ? QLatin1Char(']') : open;
    QString inner = text.mid(1, text.size() - 2);
    if (open != QLatin1Char('['))
        inner.replace(QString(2, close), QString(close));
    return inner;
}

} // namespace

QString sqliteIdentifier(const SqlToken& token)
{
    switch (token.type) {
    case SqlToken::Type::QuotedIdentifier:
    case SqlToken::Type::String:
        return token.text.size() >= 2 ? unquoted(token.text) : token.text;
    default:
        break;
    }
    return normalisedName(token.text);
}

SqliteTokenCursor::SqliteTokenCursor(SqlTokens tokens)
    : m_tokens(std::move(tokens))
{
    m_tokens.erase(std::remove_if(m_tokens.begin(), m_tokens.end(),
                       [](const SqlToken& token) { return token.type == SqlToken::Type::Comment; }),
        m_tokens.end());
}

const SqlToken* SqliteTokenCursor::peek(int ahead) const
{
    const int index = m_position + ahead;
    return index < m_tokens.size() ? &m_tokens.at(index) : nullptr;
}

bool SqliteTokenCursor::isKeyword(QLatin1String keyword, int ahead) const
{
    const SqlToken* token = peek(ahead);
    return token && token->type == SqlToken::Type::Word && token->text.compare(keyword, Qt::CaseInsensitive) == 0;
}

bool SqliteTokenCursor::isType(SqlToken::Type type, int ahead) const
{
    const SqlToken* token = peek(ahead);
    return token && token->type == type;
}

bool SqliteTokenCursor::acceptKeyword(QLatin1String keyword)
{
    if (!isKeyword(keyword))
        return false;
    ++m_position;
    return true;
}

bool SqliteTokenCursor::acceptKeywords(std::initializer_list<QLatin1String> keywords)
{
    int ahead = 0;
    for (const QLatin1String keyword : keywords) {
        if (!isKeyword(keyword, ahead++))
            return false;
    }
    m_position += ahead;
    return true;
}

bool SqliteTokenCursor::acceptType(SqlToken::Type type)
{
    if (!isType(type))
        return false;
    ++m_position;
    return true;
}

std::optional<QString> SqliteTokenCursor::acceptIdentifier()
{
    const SqlToken* token = peek();
    if (!token)
        return std::nullopt;
    switch (token->type) {
    case SqlToken::Type::Word:
    case SqlToken::Type::QuotedIdentifier:
    case SqlToken::Type::String: // SQLite takes 'x' for an identifier where one is expected
        ++m_position;
        return sqliteIdentifier(*token);
    default:
        break;
    }
    return std::nullopt;
}

std::optional<SqliteName> SqliteTokenCursor::acceptName()
{
    const int start = m_position;
    std::optional<QString> first = acceptIdentifier();
    if (!first)
        return std::nullopt;
    const SqlToken* dot = peek();
    if (!dot || dot->type != SqlToken::Type::Operator || dot->text != QLatin1String("."))
        return SqliteName { QString(), *first };
    ++m_position;
    std::optional<QString> second = acceptIdentifier();
    if (!second) {
        m_position = start;
        return std::nullopt;
    }
    // Schema names are case-insensitive even when quoted: "MAIN".x is main.x.
    const QString schema = first->toLower();
    return SqliteName { isDefaultSchema(schema) ? QString() : *first, *second };
}

bool SqliteTokenCursor::skipGroup()
{
    if (!isType(SqlToken::Type::OpenParen))
        return false;
    int depth = 0;
    while (m_position < m_tokens.size()) {
        const SqlToken::Type type = m_tokens.at(m_position++).type;
        if (type == SqlToken::Type::OpenParen)
            ++depth;
        else if (type == SqlToken::Type::CloseParen && --depth == 0)
            break;
    }
    return true;
}

bool SqliteTokenCursor::seekKeyword(QLatin1String keyword)
{
    while (!atEnd()) {
        if (isKeyword(keyword))
            return true;
        if (!skipGroup())
            ++m_position;
    }
    return false;
}

bool SqliteTokenCursor::containsKeyword(QLatin1String keyword) const
{
    SqliteTokenCursor probe = *this;
    return probe.seekKeyword(keyword);
}

QString SqliteTokenCursor::textFrom(int from) const
{
    // Rebuilt from the tokens rather than cut from the source, so that comments and
    // line breaks inside a column list do not end up in a one-line message.
    QString text;
    const int end = std::min(m_position, int(m_tokens.size()));
    for (int i = from; i < end; ++i) {
        const SqlToken& token = m_tokens.at(i);
        if (i > from) {
            const SqlToken& previous = m_tokens.at(i - 1);
            const bool spaced = previous.offset + previous.text.size() < token.offset;
            if (spaced && previous.type != SqlToken::Type::OpenParen && token.type != SqlToken::Type::CloseParen)
                text += QLatin1Char(' ');
        }
        text += token.text;
    }
    return text;
}

} // namespace backstep
