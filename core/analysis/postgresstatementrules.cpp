#include "postgresstatementrules.h"

#include "pgalterobject.h"
#include "pgaltertable.h"
#include "pgcreate.h"
#include "pgdatastatements.h"
#include "pgdrop.h"
#include "pgfindingsink.h"
#include "pgjson.h"
#include "pgparseresult.h"

#include <QJsonDocument>

#include <pg_query.h>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

// The file line of a parser error: the parser counts characters (code points) from 1
// within the statement, whose first character is on statement.line.
int lineOf(const SqlStatement& statement, int cursorPosition)
{
    int line = statement.line;
    int characters = 0;
    for (const QChar c : statement.text) {
        if (characters >= cursorPosition - 1)
            break;
        if (c.isHighSurrogate())
            continue; // counted with its low surrogate
        if (c == u'\n')
            ++line;
        ++characters;
    }
    return line;
}

Error syntaxError(const SqlStatement& statement, const PgQueryError& error)
{
    return makeError(Error::Code::Catalog,
        u"line %1: %2"_s.arg(lineOf(statement, error.cursorpos)).arg(QString::fromUtf8(error.message)));
}

void analyseNode(const QJsonValue& statementNode, StatementContext& context, pg::FindingSink& sink)
{
    const QString type = pg::nodeType(statementNode);
    const QJsonObject statement = statementNode.toObject().value(type).toObject();
    if (type == "AlterTableStmt"_L1) {
        pg::analyseAlterTable(statement, context, sink);
    } else if (type == "DropStmt"_L1) {
        pg::analyseDrop(statement, context, sink);
    } else {
        // Each family ignores the node types it does not know; SELECT reaches two of them
        // (SELECT INTO creates a table, WITH … DELETE rewrites rows).
        pg::analyseCreate(type, statement, context, sink);
        pg::analyseAlterObject(type, statement, context, sink);
        pg::analyseDataStatement(type, statement, context, sink);
    }
    // CREATE SCHEMA may create its tables, views and indexes in the same statement.
    if (type == "CreateSchemaStmt"_L1) {
        for (const QJsonValue& element : pg::list(statement, "schemaElts"_L1))
            analyseNode(element, context, sink);
    }
}

} // namespace

Result<Findings> PostgresStatementRules::analyse(
    const SqlStatement& statement, StatementContext& context, AnalysisProfile profile)
{
    const pg::ParseResult parsed(statement.text.toUtf8());
    if (parsed.error())
        return syntaxError(statement, *parsed.error());

    Findings findings;
    pg::FindingSink sink(statement, profile, findings);
    const QJsonObject tree = QJsonDocument::fromJson(parsed.json()).object();
    for (const QJsonValue& item : pg::list(tree, "stmts"_L1))
        analyseNode(item.toObject().value("stmt"_L1), context, sink);
    return findings;
}

} // namespace backstep
