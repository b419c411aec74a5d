#pragma once

#include <QByteArray>

#include <cstring>
#include <pg_query.h>

namespace backstep::pg {

// Owns one libpg_query parse result. libpg_query keeps its parser state per thread, so
// statements may be analysed on several threads at once.
class ParseResult
{
public:
    explicit ParseResult(const QByteArray& sql)
        : m_result(pg_query_parse(sql.constData()))
    {
    }
    ~ParseResult()
    {
        pg_query_free_parse_result(m_result);
    }
    ParseResult(const ParseResult&) = delete;
    ParseResult& operator=(const ParseResult&) = delete;

    const PgQueryError* error() const
    {
        return m_result.error;
    }
    // The tree as JSON, without copying libpg_query's buffer.
    QByteArray json() const
    {
        return QByteArray::fromRawData(m_result.parse_tree, qsizetype(std::strlen(m_result.parse_tree)));
    }

private:
    PgQueryParseResult m_result;
};

} // namespace backstep::pg
