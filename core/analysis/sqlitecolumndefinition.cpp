#include "sqlitecolumndefinition.h"

#include <QSet>

namespace backstep {

namespace {

using namespace Qt::StringLiterals;

// Words a CHECK expression may contain that are not column names (lang_expr.html).
bool isExpressionKeyword(const QString& word)
{
    static const QSet<QString> keywords = {
        u"and"_s,
        u"or"_s,
        u"not"_s,
        u"in"_s,
        u"is"_s,
        u"null"_s,
        u"between"_s,
        u"like"_s,
        u"glob"_s,
        u"regexp"_s,
        u"match"_s,
        u"escape"_s,
        u"case"_s,
        u"when"_s,
        u"then"_s,
        u"else"_s,
        u"end"_s,
        u"isnull"_s,
        u"notnull"_s,
        u"distinct"_s,
        u"from"_s,
        u"true"_s,
        u"false"_s,
        u"current_date"_s,
        u"current_time"_s,
        u"current_timestamp"_s,
        u"cast"_s,
    };
    return keywords.contains(word.toLower());
}

bool isDot(const SqlToken* token)
{
    return token && token->type == SqlToken::Type::Operator && token->text == QLatin1String(".");
}

// Whether the CHECK group at the cursor names nothing but `column`. Function names,
// CAST target types and collation names are not column references; `t.column` is
// the column. Anything unclear counts as another column: a missed breaking finding
// costs more than a needless one.
bool checkReadsOnly(SqliteTokenCursor& cursor, const QString& column)
{
    const int start = cursor.position();
    cursor.skipGroup();
    const int end = cursor.position();
    cursor.setPosition(start);
    bool only = true;
    while (cursor.position() < end) {
        const SqlToken& token = *cursor.peek();
        const bool identifier = token.type == SqlToken::Type::Word || token.type == SqlToken::Type::QuotedIdentifier;
        cursor.advance();
        if (!identifier)
            continue;
        if (token.type == SqlToken::Type::Word) {
            if (token.text.compare(QLatin1String("AS"), Qt::CaseInsensitive) == 0) {
                while (cursor.position() < end && cursor.isType(SqlToken::Type::Word))
                    cursor.advance(); // CAST(x AS type name)
                continue;
            }
            if (token.text.compare(QLatin1String("COLLATE"), Qt::CaseInsensitive) == 0) {
                cursor.advance();
                continue;
            }
            if (isExpressionKeyword(token.text) || cursor.isType(SqlToken::Type::OpenParen))
                continue;
        }
        if (isDot(cursor.peek())) {
            cursor.advance(); // a table qualifier; the column follows
            continue;
        }
        if (sqliteIdentifier(token).compare(column, Qt::CaseInsensitive) != 0) // SQLite ignores case
            only = false;
    }
    cursor.setPosition(end);
    return only;
}

// DEFAULT takes a literal, a signed number, a bare word (NULL, CURRENT_TIMESTAMP,
// TRUE) or a parenthesised expression.
void readDefault(SqliteTokenCursor& cursor, SqliteColumnDefinition& column)
{
    const int start = cursor.position();
    const SqlToken* first = cursor.peek();
    if (!first)
        return;
    bool isNull = false;
    if (first->type == SqlToken::Type::OpenParen) {
        isNull = cursor.isKeyword(QLatin1String("NULL"), 1) && cursor.isType(SqlToken::Type::CloseParen, 2);
        cursor.skipGroup();
    } else {
        isNull = cursor.isKeyword(QLatin1String("NULL"));
        if (first->type == SqlToken::Type::Operator)
            cursor.advance(); // the sign of -1 or +1
        cursor.advance();
    }
    column.hasDefault = !isNull;
    column.defaultText = column.hasDefault ? cursor.textFrom(start) : QString();
}

} // namespace

std::optional<SqliteColumnDefinition> readSqliteColumnDefinition(SqliteTokenCursor& cursor)
{
    SqliteColumnDefinition column;
    const std::optional<QString> name = cursor.acceptIdentifier();
    if (!name)
        return std::nullopt;
    column.name = *name;
    // The type name is words and one group; the constraints start with keywords that
    // no type name uses, so one pass reacting to those keywords reads both.
    while (!cursor.atEnd()) {
        if (cursor.acceptKeyword(QLatin1String("NOT"))) {
            if (cursor.acceptKeyword(QLatin1String("NULL")))
                column.notNull = true;
        } else if (cursor.acceptKeyword(QLatin1String("SET"))) {
            // ON DELETE SET DEFAULT / SET NULL in a REFERENCES clause: not a column default.
            if (!cursor.acceptKeyword(QLatin1String("DEFAULT")))
                cursor.acceptKeyword(QLatin1String("NULL"));
        } else if (cursor.acceptKeyword(QLatin1String("DEFAULT"))) {
            readDefault(cursor, column);
        } else if (cursor.acceptKeyword(QLatin1String("CHECK"))) {
            column.hasCheck = true;
            if (!cursor.isType(SqlToken::Type::OpenParen) || !checkReadsOnly(cursor, column.name))
                column.checkReadsOtherColumns = true;
        } else if (cursor.acceptKeyword(QLatin1String("REFERENCES"))) {
            if (const std::optional<SqliteName> parent = cursor.acceptName())
                column.references = parent->qualified();
        } else if (cursor.acceptKeyword(QLatin1String("AS"))) {
            column.generated = true;
        } else if (cursor.acceptKeyword(QLatin1String("COLLATE"))) {
            cursor.advance(); // the collation's name
        } else if (!cursor.skipGroup()) {
            cursor.advance();
        }
    }
    return column;
}

} // namespace backstep
