#include "sqlitetabledefinition.h"

#include "catalog/sqltokenizer.h"
#include "sqltext.h"

#include <algorithm>
#include <utility>

namespace backstep {

namespace {

bool isWord(const SqlToken& token, const char* word)
{
    return token.type == SqlToken::Type::Word && token.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

bool isName(const SqlToken& token)
{
    return token.type == SqlToken::Type::Word || token.type == SqlToken::Type::QuotedIdentifier
        || token.type == SqlToken::Type::String;
}

// Walks the tokens of one statement (comments dropped) and cuts source text out of it.
class Cursor
{
public:
    Cursor(const QString& sql, SqlTokens tokens)
        : m_sql(sql)
        , m_tokens(std::move(tokens))
    {
    }

    int position() const
    {
        return m_position;
    }
    void seek(int position)
    {
        m_position = position;
    }
    bool atEnd() const
    {
        return m_position >= m_tokens.size();
    }
    const SqlToken& peek(int ahead = 0) const
    {
        static const SqlToken none { SqlToken::Type::Semicolon, QString(), 0, 0 };
        const int index = m_position + ahead;
        return index < m_tokens.size() ? m_tokens.at(index) : none;
    }
    const SqlToken& next()
    {
        const SqlToken& token = peek();
        ++m_position;
        return token;
    }
    bool accept(const char* word)
    {
        if (!isWord(peek(), word))
            return false;
        ++m_position;
        return true;
    }

    // The index of the ')' that closes the '(' at openIndex (or the end).
    int closing(int openIndex) const
    {
        int depth = 0;
        for (int i = openIndex; i < m_tokens.size(); ++i) {
            if (m_tokens.at(i).type == SqlToken::Type::OpenParen)
                ++depth;
            else if (m_tokens.at(i).type == SqlToken::Type::CloseParen && --depth == 0)
                return i;
        }
        return m_tokens.size();
    }
    // At a '(': the source text inside the parentheses, moving past the ')'.
    QString parenthesised()
    {
        if (peek().type != SqlToken::Type::OpenParen)
            return {};
        const int close = closing(m_position);
        const int from = m_position + 1;
        m_position = close + 1;
        return text(from, close);
    }
    // At a '(': the first name of each comma-separated item ("a COLLATE nocase" -> a).
    QStringList nameList()
    {
        QStringList names;
        if (peek().type != SqlToken::Type::OpenParen)
            return names;
        const int close = closing(m_position);
        bool itemStart = true;
        for (int i = m_position + 1; i < close; ++i) {
            const SqlToken& token = m_tokens.at(i);
            if (itemStart && isName(token))
                names.append(SqlText::unquoted(token.text));
            itemStart = token.type == SqlToken::Type::Comma;
        }
        m_position = close + 1;
        return names;
    }
    // Source text of the tokens [from, to).
    QString text(int from, int to) const
    {
        if (from >= to || from >= m_tokens.size())
            return {};
        const SqlToken& last = m_tokens.at(to - 1);
        const int start = m_tokens.at(from).offset;
        return m_sql.mid(start, last.offset + last.text.size() - start).trimmed();
    }
    // Moves past the current token, or past a whole parenthesised group.
    void skip()
    {
        m_position = peek().type == SqlToken::Type::OpenParen ? closing(m_position) + 1 : m_position + 1;
    }

private:
    const QString& m_sql;
    SqlTokens m_tokens;
    int m_position = 0;
};

ForeignKey readReferences(Cursor& cursor, const QString& name, const QStringList& columns)
{
    ForeignKey key;
    key.name = name;
    key.columns = columns;
    if (isName(cursor.peek()))
        key.referencedTable = SqlText::unquoted(cursor.next().text);
    key.referencedColumns = cursor.nameList();
    return key;
}

class Parser
{
public:
    Parser(const QString& sql, SqlTokens tokens)
        : m_cursor(sql, std::move(tokens))
    {
    }

    SqliteTableDefinition parse()
    {
        // CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name ( ... ) [options]
        while (!m_cursor.atEnd() && m_cursor.peek().type != SqlToken::Type::OpenParen) {
            if (isWord(m_cursor.peek(), "AS"))
                return {}; // CREATE TABLE ... AS SELECT: no constraints
            m_cursor.next();
        }
        const int close = m_cursor.closing(m_cursor.position());
        m_cursor.next();
        while (m_cursor.position() < close) {
            const int itemEnd = itemEndBefore(close);
            readItem(itemEnd);
            m_cursor.seek(itemEnd + 1);
        }
        m_cursor.seek(close + 1);
        readOptions();
        return m_definition;
    }

private:
    // The index of the ',' (or the table's ')') that ends the item at the cursor.
    int itemEndBefore(int close)
    {
        const int start = m_cursor.position();
        while (m_cursor.position() < close && m_cursor.peek().type != SqlToken::Type::Comma)
            m_cursor.skip();
        const int end = std::min(m_cursor.position(), close);
        m_cursor.seek(start);
        return end;
    }

    void readItem(int end)
    {
        const SqlToken& first = m_cursor.peek();
        for (const char* keyword : { "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN" }) {
            if (isWord(first, keyword))
                return readTableConstraint(end);
        }
        readColumn(end);
    }

    QString readConstraintName()
    {
        if (m_cursor.accept("CONSTRAINT") && isName(m_cursor.peek()))
            return SqlText::unquoted(m_cursor.next().text);
        return {};
    }

    void readTableConstraint(int end)
    {
        const QString name = readConstraintName();
        if (m_cursor.accept("PRIMARY")) {
            m_cursor.accept("KEY");
            noteAutoincrement(end);
        } else if (m_cursor.accept("UNIQUE")) {
            m_definition.uniqueConstraints.append({ name, m_cursor.nameList() });
        } else if (m_cursor.accept("CHECK")) {
            m_definition.checkConstraints.append({ name, m_cursor.parenthesised(), true });
        } else if (m_cursor.accept("FOREIGN")) {
            m_cursor.accept("KEY");
            const QStringList columns = m_cursor.nameList();
            if (m_cursor.accept("REFERENCES"))
                m_definition.foreignKeys.append(readReferences(m_cursor, name, columns));
        }
    }

    void readColumn(int end)
    {
        if (!isName(m_cursor.peek()))
            return;
        const QString column = SqlText::unquoted(m_cursor.next().text);
        QString pendingName;
        while (m_cursor.position() < end) {
            if (isWord(m_cursor.peek(), "CONSTRAINT")) {
                pendingName = readConstraintName();
                continue;
            }
            // A name belongs to the constraint right after it (CONSTRAINT nn NOT NULL names nothing we keep).
            const QString name = std::exchange(pendingName, QString());
            if (m_cursor.accept("UNIQUE"))
                m_definition.uniqueConstraints.append({ name, { column } });
            else if (m_cursor.accept("CHECK"))
                m_definition.checkConstraints.append({ name, m_cursor.parenthesised(), true });
            else if (m_cursor.accept("REFERENCES"))
                m_definition.foreignKeys.append(readReferences(m_cursor, name, { column }));
            else if (m_cursor.accept("AS"))
                m_definition.generationExpressions.insert(column.toLower(), m_cursor.parenthesised());
            else if (m_cursor.accept("AUTOINCREMENT"))
                m_definition.autoincrement = true;
            else
                m_cursor.skip();
        }
    }

    // PRIMARY KEY (id AUTOINCREMENT) is allowed as a table constraint too.
    void noteAutoincrement(int end)
    {
        while (m_cursor.position() < end) {
            if (m_cursor.accept("AUTOINCREMENT"))
                m_definition.autoincrement = true;
            else
                m_cursor.next();
        }
    }

    void readOptions()
    {
        while (!m_cursor.atEnd()) {
            if (m_cursor.accept("WITHOUT")) {
                m_definition.withoutRowid = m_cursor.accept("ROWID");
                continue;
            }
            if (m_cursor.accept("STRICT")) {
                m_definition.strict = true;
                continue;
            }
            m_cursor.next();
        }
    }

    Cursor m_cursor;
    SqliteTableDefinition m_definition;
};

bool sameNames(const QStringList& a, const QStringList& b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).compare(b.at(i), Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

} // namespace

SqliteTableDefinition SqliteTableDefinition::parse(const QString& createTableSql)
{
    auto tokens = SqlTokenizer::tokenize(createTableSql, Dialect::Sqlite);
    if (!tokens)
        return {};
    SqlTokens meaningful;
    for (const SqlToken& token : *tokens) {
        if (token.type != SqlToken::Type::Comment)
            meaningful.append(token);
    }
    return Parser(createTableSql, std::move(meaningful)).parse();
}

QString SqliteTableDefinition::uniqueConstraintName(const QStringList& columns) const
{
    for (const UniqueConstraint& constraint : uniqueConstraints) {
        if (sameNames(constraint.columns, columns))
            return constraint.name;
    }
    return {};
}

QString SqliteTableDefinition::foreignKeyName(const QStringList& columns, const QString& referencedTable) const
{
    for (const ForeignKey& key : foreignKeys) {
        if (sameNames(key.columns, columns) && key.referencedTable.compare(referencedTable, Qt::CaseInsensitive) == 0)
            return key.name;
    }
    return {};
}

} // namespace backstep
