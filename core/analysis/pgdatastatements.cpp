#include "pgdatastatements.h"

#include "pgjson.h"

using namespace Qt::StringLiterals;

namespace backstep::pg {

namespace {

void rewriteRows(const QString& table, const QString& message, const StatementContext& context, FindingSink& sink)
{
    // Rows of a table this migration created were written by this migration: no older
    // build has seen them.
    if (!context.isNew(table))
        sink.add("rewrite-rows"_L1, table, message.arg(table));
}

void modifyRows(const QString& type, const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    const QString table = relationName(statement.value("relation"_L1).toObject());
    const bool everyRow = !statement.contains("whereClause"_L1);
    if (type == "UpdateStmt"_L1)
        rewriteRows(table, everyRow ? u"updates every row of %1"_s : u"updates rows of %1"_s, context, sink);
    else if (type == "DeleteStmt"_L1)
        rewriteRows(table, everyRow ? u"deletes every row of %1"_s : u"deletes rows of %1"_s, context, sink);
    else if (type == "MergeStmt"_L1)
        rewriteRows(table, u"merges rows into %1"_s, context, sink);
}

// Data-modifying statements inside WITH run whatever the main statement is.
void modifyingCommonTableExpressions(const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    const QJsonObject with = statement.value("withClause"_L1).toObject();
    for (const QJsonValue& item : list(with, "ctes"_L1)) {
        const QJsonObject query = node(item, "CommonTableExpr"_L1).value("ctequery"_L1).toObject();
        const QString queryType = nodeType(query);
        if (!queryType.isEmpty())
            analyseDataStatement(queryType, query.value(queryType).toObject(), context, sink);
    }
}

bool isFull(const QJsonObject& statement)
{
    for (const QJsonValue& item : list(statement, "options"_L1)) {
        const QJsonObject option = node(item, "DefElem"_L1);
        if (text(option, "defname"_L1) != "full"_L1)
            continue;
        // FULL, FULL true, FULL on, FULL 1; libpg_query leaves out an Integer's zero.
        const QJsonValue argument = option.value("arg"_L1);
        if (argument.isUndefined())
            return true;
        const QString word = stringValue(argument).toLower();
        if (!word.isEmpty())
            return word == "true"_L1 || word == "on"_L1 || word == "1"_L1;
        return node(argument, "Integer"_L1).value("ival"_L1).toInt() != 0;
    }
    return false;
}

void vacuum(const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    if (!isFull(statement))
        return;
    const QJsonArray relations = list(statement, "rels"_L1);
    if (relations.isEmpty()) {
        sink.add("table-rewrite"_L1, QString(),
            u"VACUUM FULL rewrites every table of the database under ACCESS EXCLUSIVE locks"_s);
        return;
    }
    for (const QJsonValue& item : relations) {
        const QString table = relationName(node(item, "VacuumRelation"_L1).value("relation"_L1).toObject());
        if (!context.isNew(table))
            sink.add("table-rewrite"_L1, table, u"VACUUM FULL rewrites %1 under an ACCESS EXCLUSIVE lock"_s.arg(table));
    }
}

void cluster(const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    const QJsonObject relation = statement.value("relation"_L1).toObject();
    if (relation.isEmpty()) {
        sink.add("table-rewrite"_L1, QString(),
            u"CLUSTER rewrites every table clustered before under ACCESS EXCLUSIVE locks"_s);
        return;
    }
    const QString table = relationName(relation);
    if (!context.isNew(table))
        sink.add("table-rewrite"_L1, table, u"CLUSTER rewrites %1 under an ACCESS EXCLUSIVE lock"_s.arg(table));
}

} // namespace

void analyseDataStatement(
    const QString& type, const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    if (type == "UpdateStmt"_L1 || type == "DeleteStmt"_L1 || type == "MergeStmt"_L1) {
        modifyingCommonTableExpressions(statement, context, sink);
        modifyRows(type, statement, context, sink);
    } else if (type == "InsertStmt"_L1 || type == "SelectStmt"_L1) {
        modifyingCommonTableExpressions(statement, context, sink);
        const QStringList created(context.createdFunctions.cbegin(), context.createdFunctions.cend());
        if (const QString called = calledFunction(statement, created); !called.isEmpty())
            sink.add("opaque-sql"_L1, called,
                u"calls function %1, created by this migration, whose effect analysis cannot see"_s.arg(called));
    } else if (type == "TruncateStmt"_L1) {
        for (const QJsonValue& item : list(statement, "relations"_L1))
            rewriteRows(relationName(node(item, "RangeVar"_L1)), u"truncates %1"_s, context, sink);
    } else if (type == "VacuumStmt"_L1) {
        vacuum(statement, context, sink);
    } else if (type == "ClusterStmt"_L1) {
        cluster(statement, context, sink);
    } else if (type == "DoStmt"_L1) {
        sink.add("opaque-sql"_L1, QString(), u"runs a DO block, whose effect analysis cannot see"_s);
    } else if (type == "ExecuteStmt"_L1) {
        const QString name = text(statement, "name"_L1);
        sink.add(
            "opaque-sql"_L1, name, u"executes prepared statement %1, whose effect analysis cannot see"_s.arg(name));
    } else if (type == "CallStmt"_L1) {
        const QString name = dottedName(list(statement.value("funccall"_L1).toObject(), "funcname"_L1));
        sink.add("opaque-sql"_L1, name, u"calls procedure %1, whose effect analysis cannot see"_s.arg(name));
    }
}

} // namespace backstep::pg
