#include "sqliteindexdefinition.h"

#include "catalog/sqltokenizer.h"

namespace backstep {

namespace {

bool isWord(const SqlToken& token, const char* word)
{
    return token.type == SqlToken::Type::Word && token.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

QString sourceText(const QString& sql, const SqlTokens& tokens, int from, int to)
{
    if (from >= to)
        return {};
    const int start = tokens.at(from).offset;
    const SqlToken& last = tokens.at(to - 1);
    return sql.mid(start, last.offset + last.text.size() - start).trimmed();
}

// One term [from, to) without trailing ASC/DESC and COLLATE name.
QString termText(const QString& sql, const SqlTokens& tokens, int from, int to)
{
    if (to - from > 1 && (isWord(tokens.at(to - 1), "ASC") || isWord(tokens.at(to - 1), "DESC")))
        --to;
    if (to - from > 2 && isWord(tokens.at(to - 2), "COLLATE"))
        to -= 2;
    return sourceText(sql, tokens, from, to);
}

} // namespace

SqliteIndexDefinition SqliteIndexDefinition::parse(const QString& createIndexSql)
{
    SqliteIndexDefinition definition;
    const auto all = SqlTokenizer::tokenize(createIndexSql, Dialect::Sqlite);
    if (!all)
        return definition;
    SqlTokens tokens;
    for (const SqlToken& token : *all) {
        if (token.type != SqlToken::Type::Comment)
            tokens.append(token);
    }

    // CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name ON table ( term, ... ) [WHERE expr]
    int i = 0;
    while (i < tokens.size() && !isWord(tokens.at(i), "ON"))
        ++i;
    while (i < tokens.size() && tokens.at(i).type != SqlToken::Type::OpenParen)
        ++i;
    int depth = 0;
    int termStart = i + 1;
    for (; i < tokens.size(); ++i) {
        const SqlToken::Type type = tokens.at(i).type;
        if (type == SqlToken::Type::OpenParen) {
            ++depth;
        } else if (type == SqlToken::Type::CloseParen && --depth == 0) {
            definition.terms.append(termText(createIndexSql, tokens, termStart, i));
            break;
        } else if (type == SqlToken::Type::Comma && depth == 1) {
            definition.terms.append(termText(createIndexSql, tokens, termStart, i));
            termStart = i + 1;
        }
    }
    if (i + 1 < tokens.size() && isWord(tokens.at(i + 1), "WHERE")) {
        int end = tokens.size();
        if (tokens.at(end - 1).type == SqlToken::Type::Semicolon)
            --end;
        definition.predicate = sourceText(createIndexSql, tokens, i + 2, end);
    }
    return definition;
}

} // namespace backstep
