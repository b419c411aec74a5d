#include "pgcreate.h"

#include "pgjson.h"

using namespace Qt::StringLiterals;

namespace backstep::pg {

namespace {

QString createsOrReplaces(const QJsonObject& statement)
{
    return flag(statement, "replace"_L1) ? u"creates or replaces"_s : u"creates"_s;
}

void createTable(const QString& table, const QString& message, StatementContext& context, FindingSink& sink)
{
    context.createdTables.insert(table);
    sink.add("create-table"_L1, table, message.arg(table));
}

void createStmt(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QString table = relationName(statement.value("relation"_L1).toObject());
    if (statement.contains("partbound"_L1)) {
        const QJsonArray parents = list(statement, "inhRelations"_L1);
        const QString parent = relationName(node(parents.first(), "RangeVar"_L1));
        createTable(table, u"creates table %1 as a partition of "_s + parent, context, sink);
    } else {
        createTable(table, u"creates table %1"_s, context, sink);
    }
}

void createTableAs(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QString name = relationName(statement.value("into"_L1).toObject().value("rel"_L1).toObject());
    if (text(statement, "objtype"_L1) == "OBJECT_MATVIEW"_L1)
        sink.add("create-view"_L1, name, u"creates materialized view %1"_s.arg(name));
    else
        createTable(name, u"creates table %1 from a query"_s, context, sink);
}

void selectInto(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QJsonObject into = statement.value("intoClause"_L1).toObject();
    if (!into.isEmpty())
        createTable(
            relationName(into.value("rel"_L1).toObject()), u"creates table %1 with SELECT INTO"_s, context, sink);
}

// A unique index on an existing table is a unique constraint in all but name; without
// CONCURRENTLY it also blocks writes while it builds. On a table this migration created
// neither matters.
void createIndex(const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    const QString table = relationName(statement.value("relation"_L1).toObject());
    const QString index = text(statement, "idxname"_L1);
    const QString object = index.isEmpty() ? table : index;
    const QString named = index.isEmpty() ? QString() : u' ' + index;
    const bool unique = flag(statement, "unique"_L1);
    const bool concurrent = flag(statement, "concurrent"_L1);
    const QString kind = unique ? u"unique index"_s : u"index"_s;
    if (context.isNew(table)) {
        sink.add("create-index"_L1, object, u"creates %1%2 on new table %3"_s.arg(kind, named, table));
        return;
    }
    if (unique)
        sink.add(
            "add-unique-constraint"_L1, object, u"creates unique index%1 on existing table %2"_s.arg(named, table));
    if (concurrent)
        sink.add("create-index"_L1, object, u"creates %1%2 on %3 concurrently"_s.arg(kind, named, table));
    else
        sink.add("create-index-blocking"_L1, object,
            u"creates %1%2 on existing table %3 without CONCURRENTLY, blocking writes while it builds"_s.arg(
                kind, named, table));
}

void createFunction(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QString name = dottedName(list(statement, "funcname"_L1));
    const QStringList parts = names(list(statement, "funcname"_L1));
    if (!parts.isEmpty())
        context.createdFunctions.insert(parts.last());
    const QString kind = flag(statement, "is_procedure"_L1) ? u"procedure"_s : u"function"_s;
    // The body is a string in another language (SQL, PL/pgSQL …): what it does when called
    // is not read here, only that the routine now exists.
    sink.add(
        "create-view"_L1, name, u"%1 %2 %3 (its body is not analysed)"_s.arg(createsOrReplaces(statement), kind, name));
}

// CREATE AGGREGATE, OPERATOR, COLLATION, TEXT SEARCH …, base TYPE: all DefineStmt.
void define(const QJsonObject& statement, FindingSink& sink)
{
    const QString name = dottedName(list(statement, "defnames"_L1));
    const QString kind = text(statement, "kind"_L1).mid(7).toLower().replace(u'_', u' '); // OBJECT_…
    sink.add(kind == "aggregate"_L1 ? "create-view"_L1 : "create-other"_L1, name, u"creates %1 %2"_s.arg(kind, name));
}

void createOther(const QString& kind, const QString& name, FindingSink& sink)
{
    sink.add("create-other"_L1, name, u"creates %1 %2"_s.arg(kind, name));
}

} // namespace

void analyseCreate(const QString& type, const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    if (type == "CreateStmt"_L1) {
        createStmt(statement, context, sink);
    } else if (type == "CreateTableAsStmt"_L1) {
        createTableAs(statement, context, sink);
    } else if (type == "SelectStmt"_L1) {
        selectInto(statement, context, sink);
    } else if (type == "IndexStmt"_L1) {
        createIndex(statement, context, sink);
    } else if (type == "ViewStmt"_L1) {
        const QString view = relationName(statement.value("view"_L1).toObject());
        sink.add("create-view"_L1, view, u"%1 view %2"_s.arg(createsOrReplaces(statement), view));
    } else if (type == "CreateFunctionStmt"_L1) {
        createFunction(statement, context, sink);
    } else if (type == "DefineStmt"_L1) {
        define(statement, sink);
    } else if (type == "CreateSeqStmt"_L1) {
        createOther(u"sequence"_s, relationName(statement.value("sequence"_L1).toObject()), sink);
    } else if (type == "CreateEnumStmt"_L1) {
        createOther(u"enum type"_s, dottedName(list(statement, "typeName"_L1)), sink);
    } else if (type == "CompositeTypeStmt"_L1) {
        createOther(u"composite type"_s, relationName(statement.value("typevar"_L1).toObject()), sink);
    } else if (type == "CreateDomainStmt"_L1) {
        createOther(u"domain"_s, dottedName(list(statement, "domainname"_L1)), sink);
    } else if (type == "CreateRangeStmt"_L1) {
        createOther(u"range type"_s, dottedName(list(statement, "typeName"_L1)), sink);
    } else if (type == "CreateSchemaStmt"_L1) {
        createOther(u"schema"_s, text(statement, "schemaname"_L1), sink);
    } else if (type == "CreateExtensionStmt"_L1) {
        createOther(u"extension"_s, text(statement, "extname"_L1), sink);
    } else if (type == "CreateTrigStmt"_L1) {
        const QString trigger = text(statement, "trigname"_L1);
        const QString table = relationName(statement.value("relation"_L1).toObject());
        sink.add(
            "create-other"_L1, trigger, u"%1 trigger %2 on %3"_s.arg(createsOrReplaces(statement), trigger, table));
    } else if (type == "CreatePolicyStmt"_L1) {
        const QString policy = text(statement, "policy_name"_L1);
        const QString table = relationName(statement.value("table"_L1).toObject());
        sink.add("create-other"_L1, policy, u"creates policy %1 on %2"_s.arg(policy, table));
    }
}

} // namespace backstep::pg
