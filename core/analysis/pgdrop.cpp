#include "pgdrop.h"

#include "pgjson.h"

using namespace Qt::StringLiterals;

namespace backstep::pg {

namespace {

struct DropKind
{
    const char* removeType;
    const char* rule;
    const char* noun;
};

// Kinds that name a plain object; triggers, policies, tables and indexes need more.
const DropKind dropKinds[] = {
    { "OBJECT_VIEW", "drop-view", "view" },
    { "OBJECT_MATVIEW", "drop-view", "materialized view" },
    { "OBJECT_FUNCTION", "drop-function", "function" },
    { "OBJECT_PROCEDURE", "drop-function", "procedure" },
    { "OBJECT_AGGREGATE", "drop-function", "aggregate" },
    { "OBJECT_ROUTINE", "drop-function", "routine" },
    { "OBJECT_SEQUENCE", "drop-sequence", "sequence" },
    { "OBJECT_TYPE", "drop-type", "type" },
    { "OBJECT_DOMAIN", "drop-type", "domain" },
    { "OBJECT_SCHEMA", "drop-schema", "schema" },
    { "OBJECT_EXTENSION", "drop-extension", "extension" },
};

void dropTable(const QString& table, const QString& noun, StatementContext& context, FindingSink& sink)
{
    if (context.createdTables.remove(table))
        return;
    sink.add("drop-table"_L1, table, u"drops %1 %2"_s.arg(noun, table));
}

// Triggers and policies are named within their table: [schema.]table.name.
void dropTableMember(const QStringList& parts, QLatin1String rule, const QString& noun, const StatementContext& context,
    FindingSink& sink)
{
    const QString name = parts.last();
    const QString table = parts.mid(0, parts.size() - 1).join(u'.');
    if (context.isNew(table))
        return;
    sink.add(rule, name, u"drops %1 %2 on %3"_s.arg(noun, name, table));
}

void dropObject(const QString& removeType, const QStringList& parts, StatementContext& context, FindingSink& sink)
{
    const QString name = parts.join(u'.');
    if (removeType == "OBJECT_TABLE"_L1) {
        dropTable(name, u"table"_s, context, sink);
    } else if (removeType == "OBJECT_FOREIGN_TABLE"_L1) {
        dropTable(name, u"foreign table"_s, context, sink);
    } else if (removeType == "OBJECT_INDEX"_L1) {
        // Whether the index was unique (breaking: upserts lose their conflict target) is
        // in the schema, not in the statement.
        sink.add("drop-index"_L1, name,
            u"drops index %1 (a unique index would be breaking: the schema diff decides)"_s.arg(name));
    } else if (removeType == "OBJECT_TRIGGER"_L1) {
        dropTableMember(parts, "drop-trigger"_L1, u"trigger"_s, context, sink);
    } else if (removeType == "OBJECT_POLICY"_L1) {
        dropTableMember(parts, "drop-policy"_L1, u"policy"_s, context, sink);
    } else {
        for (const DropKind& kind : dropKinds) {
            if (removeType == QLatin1String(kind.removeType)) {
                sink.add(QLatin1String(kind.rule), name, u"drops %1 %2"_s.arg(QLatin1String(kind.noun), name));
                return;
            }
        }
    }
}

} // namespace

void analyseDrop(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QString removeType = text(statement, "removeType"_L1);
    for (const QJsonValue& object : list(statement, "objects"_L1)) {
        const QStringList parts = objectNames(object);
        if (!parts.isEmpty())
            dropObject(removeType, parts, context, sink);
    }
}

} // namespace backstep::pg
