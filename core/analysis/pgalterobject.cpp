#include "pgalterobject.h"

#include "pgjson.h"

using namespace Qt::StringLiterals;

namespace backstep::pg {

namespace {

// The name a relation gets when it is renamed or moved: a rename keeps its schema.
QString renamed(const QJsonObject& relation, const QString& newName)
{
    const QString schema = text(relation, "schemaname"_L1);
    return schema.isEmpty() ? newName : schema + u'.' + newName;
}

// A table this migration created moves under its new name; reports whether it did.
bool followNewTable(const QString& from, const QString& to, StatementContext& context)
{
    if (!context.createdTables.remove(from))
        return false;
    context.createdTables.insert(to);
    return true;
}

QString nounOf(const QString& objectType)
{
    QString noun = objectType.mid(7).toLower().replace(u'_', u' '); // OBJECT_…
    if (noun == "matview"_L1)
        return u"materialized view"_s;
    return noun;
}

void renameRelation(
    const QString& renameType, const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QJsonObject relation = statement.value("relation"_L1).toObject();
    const QString name = relationName(relation);
    const QString newName = text(statement, "newname"_L1);
    const QString noun = nounOf(renameType);
    if (renameType == "OBJECT_TABLE"_L1 || renameType == "OBJECT_FOREIGN_TABLE"_L1) {
        if (!followNewTable(name, renamed(relation, newName), context))
            sink.add("rename-table"_L1, name, u"renames %1 %2 to %3"_s.arg(noun, name, newName), newName);
    } else if (renameType == "OBJECT_VIEW"_L1 || renameType == "OBJECT_MATVIEW"_L1) {
        // Older builds select from a view by name just as from a table.
        sink.add("rename-table"_L1, name, u"renames %1 %2 to %3"_s.arg(noun, name, newName), newName);
    } else if (renameType == "OBJECT_INDEX"_L1) {
        sink.add("rename-constraint"_L1, name, u"renames index %1 to %2"_s.arg(name, newName), newName);
    } else if (renameType == "OBJECT_SEQUENCE"_L1) {
        sink.add("rename-sequence"_L1, name, u"renames sequence %1 to %2"_s.arg(name, newName), newName);
    }
}

// Renames of something that lives in a table: a column, a constraint, a policy.
void renameTableMember(
    const QString& renameType, const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    const QString table = relationName(statement.value("relation"_L1).toObject());
    const QString name = text(statement, "subname"_L1);
    const QString newName = text(statement, "newname"_L1);
    if (context.isNew(table))
        return;
    if (renameType == "OBJECT_COLUMN"_L1) {
        const QString column = table + u'.' + name;
        sink.add("rename-column"_L1, column, u"renames column %1 to %2"_s.arg(column, newName), newName);
    } else if (renameType == "OBJECT_ATTRIBUTE"_L1) {
        const QString attribute = table + u'.' + name;
        sink.add("rename-column"_L1, attribute, u"renames attribute %1 to %2"_s.arg(attribute, newName), newName);
    } else if (renameType == "OBJECT_TABCONSTRAINT"_L1) {
        sink.add(
            "rename-constraint"_L1, name, u"renames constraint %1 on %2 to %3"_s.arg(name, table, newName), newName);
    } else if (renameType == "OBJECT_POLICY"_L1) {
        sink.add("drop-policy"_L1, name, u"renames policy %1 on %2 to %3"_s.arg(name, table, newName));
    }
}

void rename(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QString renameType = text(statement, "renameType"_L1);
    const QString newName = text(statement, "newname"_L1);
    const QString objectName = objectNames(statement.value("object"_L1)).join(u'.');
    if (renameType == "OBJECT_COLUMN"_L1 || renameType == "OBJECT_ATTRIBUTE"_L1
        || renameType == "OBJECT_TABCONSTRAINT"_L1 || renameType == "OBJECT_POLICY"_L1) {
        renameTableMember(renameType, statement, context, sink);
    } else if (statement.contains("relation"_L1)) {
        renameRelation(renameType, statement, context, sink);
    } else if (renameType == "OBJECT_TYPE"_L1 || renameType == "OBJECT_DOMAIN"_L1) {
        sink.add("rename-type"_L1, objectName, u"renames %1 %2 to %3"_s.arg(nounOf(renameType), objectName, newName),
            newName);
    } else if (renameType == "OBJECT_DOMCONSTRAINT"_L1) {
        const QString name = text(statement, "subname"_L1);
        sink.add("rename-constraint"_L1, name,
            u"renames constraint %1 on domain %2 to %3"_s.arg(name, objectName, newName), newName);
    } else if (renameType == "OBJECT_SCHEMA"_L1) {
        const QString schema = text(statement, "subname"_L1);
        sink.add("rename-schema"_L1, schema, u"renames schema %1 to %2"_s.arg(schema, newName), newName);
    } else if (renameType == "OBJECT_FUNCTION"_L1 || renameType == "OBJECT_PROCEDURE"_L1
        || renameType == "OBJECT_AGGREGATE"_L1 || renameType == "OBJECT_ROUTINE"_L1) {
        // For older builds a renamed routine is a dropped one: they call the old name.
        sink.add("drop-function"_L1, objectName,
            u"renames %1 %2 to %3, so the old name is gone"_s.arg(nounOf(renameType), objectName, newName));
    }
}

void setSchema(const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    const QString objectType = text(statement, "objectType"_L1);
    const QString schema = text(statement, "newschema"_L1);
    const QJsonObject relation = statement.value("relation"_L1).toObject();
    const QString name
        = relation.isEmpty() ? objectNames(statement.value("object"_L1)).join(u'.') : relationName(relation);
    if (objectType == "OBJECT_TABLE"_L1
        && followNewTable(name, schema + u'.' + text(relation, "relname"_L1), context)) {
        return;
    }
    sink.add("set-schema"_L1, name, u"moves %1 %2 to schema %3"_s.arg(nounOf(objectType), name, schema), schema);
}

void alterEnum(const QJsonObject& statement, FindingSink& sink)
{
    const QString type = dottedName(list(statement, "typeName"_L1));
    const QString oldValue = text(statement, "oldVal"_L1);
    const QString newValue = text(statement, "newVal"_L1);
    if (!oldValue.isEmpty())
        sink.add(
            "rename-enum-value"_L1, type, u"renames value '%1' of enum %2 to '%3'"_s.arg(oldValue, type, newValue));
    else
        sink.add("create-other"_L1, type, u"adds value '%1' to enum %2"_s.arg(newValue, type));
}

void alterPolicy(const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    const QString policy = text(statement, "policy_name"_L1);
    const QString table = relationName(statement.value("table"_L1).toObject());
    if (!context.isNew(table))
        sink.add("drop-policy"_L1, policy, u"alters policy %1 on %2"_s.arg(policy, table));
}

// ALTER DOMAIN changes every column of the domain at once; its one-letter sub-commands
// come from PostgreSQL's AlterDomainStmt.
void alterDomain(const QJsonObject& statement, FindingSink& sink)
{
    const QString domain = dottedName(list(statement, "typeName"_L1));
    const QString subtype = text(statement, "subtype"_L1);
    if (subtype == "C"_L1) {
        const QJsonObject constraint = childNode(statement, "def"_L1);
        if (text(constraint, "contype"_L1) != "CONSTR_CHECK"_L1)
            return;
        const QString name = text(constraint, "conname"_L1);
        const QString notValid = flag(constraint, "skip_validation"_L1)
            ? u", NOT VALID: existing values are not checked, but every new write is"_s
            : QString();
        sink.add("add-check-constraint"_L1, name.isEmpty() ? domain : name,
            u"adds CHECK constraint%1 to domain %2%3"_s.arg(
                name.isEmpty() ? QString() : u' ' + name, domain, notValid));
    } else if (subtype == "X"_L1) {
        const QString name = text(statement, "name"_L1);
        sink.add("drop-constraint"_L1, name, u"drops constraint %1 on domain %2"_s.arg(name, domain));
    } else if (subtype == "O"_L1) {
        sink.add("set-not-null"_L1, domain, u"sets NOT NULL on domain %1"_s.arg(domain));
    } else if (subtype == "T"_L1 && !statement.contains("def"_L1)) {
        sink.add("drop-column-default"_L1, domain, u"drops the default of domain %1"_s.arg(domain));
    }
}

} // namespace

void analyseAlterObject(const QString& type, const QJsonObject& statement, StatementContext& context, FindingSink& sink)
{
    if (type == "RenameStmt"_L1)
        rename(statement, context, sink);
    else if (type == "AlterObjectSchemaStmt"_L1)
        setSchema(statement, context, sink);
    else if (type == "AlterEnumStmt"_L1)
        alterEnum(statement, sink);
    else if (type == "AlterPolicyStmt"_L1)
        alterPolicy(statement, context, sink);
    else if (type == "AlterDomainStmt"_L1)
        alterDomain(statement, sink);
}

} // namespace backstep::pg
