#include "pgaltertable.h"

#include "pgjson.h"

using namespace Qt::StringLiterals;

namespace backstep::pg {

namespace {

// What the sub-commands act on.
struct Target
{
    QString name; // normalised, schema-qualified when the statement qualifies it
    QString noun; // "table", "view", "index", "type" …
    bool isType = false; // a composite type: attributes, no rows
};

QString nounOf(const QString& objectType)
{
    if (objectType == "OBJECT_VIEW"_L1)
        return u"view"_s;
    if (objectType == "OBJECT_MATVIEW"_L1)
        return u"materialized view"_s;
    if (objectType == "OBJECT_INDEX"_L1)
        return u"index"_s;
    if (objectType == "OBJECT_TYPE"_L1)
        return u"type"_s;
    if (objectType == "OBJECT_FOREIGN_TABLE"_L1)
        return u"foreign table"_s;
    if (objectType == "OBJECT_SEQUENCE"_L1)
        return u"sequence"_s;
    return u"table"_s;
}

// Functions whose value differs per row: a default calling one must be evaluated for
// every existing row, so adding the column rewrites the table (a constant or stable
// default is stored once in the catalog since PostgreSQL 11).
const QStringList& volatileFunctions()
{
    static const QStringList functions = {
        u"random"_s,
        u"clock_timestamp"_s,
        u"timeofday"_s,
        u"gen_random_uuid"_s,
        u"gen_random_bytes"_s,
        u"uuid_generate_v1"_s,
        u"uuid_generate_v1mc"_s,
        u"uuid_generate_v4"_s,
        u"nextval"_s,
        u"txid_current"_s,
    };
    return functions;
}

bool isSerialType(const QJsonObject& typeNameNode)
{
    static const QStringList serials
        = { u"serial"_s, u"serial4"_s, u"bigserial"_s, u"serial8"_s, u"smallserial"_s, u"serial2"_s };
    const QJsonArray parts = list(typeNameNode, "names"_L1);
    return parts.size() == 1 && serials.contains(stringValue(parts.first()));
}

// What ADD COLUMN's column definition says about older builds' INSERTs.
struct NewColumn
{
    QString name;
    bool notNull = false;
    bool hasDefault = false;
    bool identity = false;
    bool serial = false;
    bool generated = false;
    bool unique = false; // UNIQUE or PRIMARY KEY on the column
    QString volatileCall; // the per-row function in its default, if any
};

NewColumn readColumn(const QJsonObject& columnDef)
{
    NewColumn column;
    column.name = text(columnDef, "colname"_L1);
    column.serial = isSerialType(columnDef.value("typeName"_L1).toObject());
    column.hasDefault = column.serial;
    for (const QJsonValue& item : list(columnDef, "constraints"_L1)) {
        const QJsonObject constraint = node(item, "Constraint"_L1);
        const QString type = text(constraint, "contype"_L1);
        if (type == "CONSTR_NOTNULL"_L1) {
            column.notNull = true;
        } else if (type == "CONSTR_PRIMARY"_L1) {
            column.notNull = true;
            column.unique = true;
        } else if (type == "CONSTR_UNIQUE"_L1) {
            column.unique = true;
        } else if (type == "CONSTR_DEFAULT"_L1) {
            const QJsonValue expression = constraint.value("raw_expr"_L1);
            // DEFAULT NULL is no default at all for an INSERT that leaves the column out.
            if (!node(expression, "A_Const"_L1).value("isnull"_L1).toBool()) {
                column.hasDefault = true;
                column.volatileCall = calledFunction(expression, volatileFunctions());
            }
        } else if (type == "CONSTR_IDENTITY"_L1) {
            column.identity = column.hasDefault = true;
        } else if (type == "CONSTR_GENERATED"_L1) {
            column.generated = column.hasDefault = true;
        }
    }
    return column;
}

void addColumn(const Target& target, const QJsonObject& columnDef, FindingSink& sink)
{
    const NewColumn column = readColumn(columnDef);
    const QString object = target.name + u'.' + column.name;
    if (target.isType) {
        sink.add("add-nullable-column"_L1, object, u"adds attribute %1"_s.arg(object));
        return;
    }
    if (column.notNull && !column.hasDefault) {
        sink.add("add-not-null-column-without-default"_L1, object,
            u"adds NOT NULL column %1 without a default"_s.arg(object));
    } else if (column.identity) {
        sink.add("add-column-with-default"_L1, object, u"adds identity column %1"_s.arg(object));
    } else if (column.serial) {
        sink.add("add-column-with-default"_L1, object, u"adds serial column %1 (default nextval)"_s.arg(object));
    } else if (column.generated) {
        sink.add("add-column-with-default"_L1, object, u"adds generated column %1"_s.arg(object));
    } else if (column.hasDefault) {
        sink.add("add-column-with-default"_L1, object,
            column.notNull ? u"adds NOT NULL column %1 with a default"_s.arg(object)
                           : u"adds column %1 with a default"_s.arg(object));
    } else {
        sink.add("add-nullable-column"_L1, object, u"adds nullable column %1"_s.arg(object));
    }

    if (column.identity || column.serial) {
        sink.add("table-rewrite"_L1, object,
            u"adds %1 column %2, which numbers every existing row and rewrites table %3"_s.arg(
                column.identity ? u"identity"_s : u"serial"_s, object, target.name));
    } else if (column.generated) {
        sink.add("table-rewrite"_L1, object,
            u"adds stored generated column %1, which computes every existing row and rewrites table %2"_s.arg(
                object, target.name));
    } else if (!column.volatileCall.isEmpty()) {
        sink.add("table-rewrite"_L1, object,
            u"adds column %1 with a volatile default (%2()), which rewrites every row of %3"_s.arg(
                object, column.volatileCall, target.name));
    }

    // Every INSERT of an older build leaves the column out and gets the same default: the
    // second one violates the uniqueness.
    if (column.unique && column.hasDefault && !column.identity && !column.serial && !column.generated
        && column.volatileCall.isEmpty()) {
        sink.add("add-unique-constraint"_L1, object,
            u"adds column %1 with a default and a UNIQUE constraint: older builds' inserts all get the same "
            "value"_s.arg(object));
    }
}

void alterColumnType(const Target& target, const QJsonObject& command, FindingSink& sink)
{
    const QString object = target.name + u'.' + text(command, "name"_L1);
    const QJsonObject columnDef = childNode(command, "def"_L1);
    const QString newType = typeName(columnDef.value("typeName"_L1).toObject());
    // Without the old type (the statement does not say it) a widening cannot be told from
    // a retype, not even varchar to text: the schema diff settles it.
    sink.add("change-column-type"_L1, object,
        u"changes the type of %1 to %2 (whether it only widens needs the schema diff)"_s.arg(object, newType));
    if (!target.isType) {
        sink.add("table-rewrite"_L1, object,
            u"changes the type of %1 under an ACCESS EXCLUSIVE lock; unless it only widens, every row of %2 is "
            "rewritten"_s.arg(object, target.name));
    }
}

QString columnList(const QJsonObject& constraint, QLatin1String key)
{
    const QStringList columns = names(list(constraint, key));
    return columns.isEmpty() ? QString() : u" ("_s + columns.join(", "_L1) + u')';
}

void addConstraint(const Target& target, const QJsonObject& constraint, FindingSink& sink)
{
    const QString name = text(constraint, "conname"_L1);
    const QString object = name.isEmpty() ? target.name : name;
    const QString type = text(constraint, "contype"_L1);
    const QString index = text(constraint, "indexname"_L1);
    const QString keys = index.isEmpty() ? columnList(constraint, "keys"_L1) : u" using index "_s + index;
    // "adds UNIQUE constraint x (a, b) to existing table t"
    const auto message = [&](const QString& kind, const QString& how) {
        QString out = u"adds "_s + kind;
        if (!name.isEmpty())
            out += u' ' + name;
        out += how + u" to existing table "_s + target.name;
        if (flag(constraint, "skip_validation"_L1))
            out += u", NOT VALID: existing rows are not checked, but every new write is"_s;
        return out;
    };

    if (type == "CONSTR_CHECK"_L1) {
        sink.add("add-check-constraint"_L1, object, message(u"CHECK constraint"_s, QString()));
    } else if (type == "CONSTR_UNIQUE"_L1) {
        sink.add("add-unique-constraint"_L1, object, message(u"UNIQUE constraint"_s, keys));
    } else if (type == "CONSTR_PRIMARY"_L1) {
        sink.add("add-primary-key"_L1, object, message(u"PRIMARY KEY"_s, keys));
    } else if (type == "CONSTR_FOREIGN"_L1) {
        const QString referenced = relationName(constraint.value("pktable"_L1).toObject());
        sink.add("add-foreign-key"_L1, object,
            message(u"FOREIGN KEY"_s, columnList(constraint, "fk_attrs"_L1) + u" referencing "_s + referenced));
    } else if (type == "CONSTR_EXCLUSION"_L1) {
        sink.add("add-unique-constraint"_L1, object,
            message(u"EXCLUDE constraint"_s, QString())
                + u", which rejects conflicting writes as a unique constraint does"_s);
    }
}

// PostgreSQL names the constraints it creates for UNIQUE and PRIMARY KEY "<table>_<columns>_key"
// and "<table>_pkey"; other names cannot be resolved without the schema.
void dropConstraint(const Target& target, const QString& name, FindingSink& sink)
{
    if (name.endsWith("_pkey"_L1)) {
        sink.add("drop-unique-constraint"_L1, name,
            u"drops constraint %1 on %2, named as PostgreSQL names a primary key"_s.arg(name, target.name));
    } else if (name.endsWith("_key"_L1)) {
        sink.add("drop-unique-constraint"_L1, name,
            u"drops constraint %1 on %2, named as PostgreSQL names a unique constraint"_s.arg(name, target.name));
    } else if (name.endsWith("_fkey"_L1) || name.endsWith("_check"_L1)) {
        sink.add("drop-constraint"_L1, name, u"drops constraint %1 on %2"_s.arg(name, target.name));
    } else {
        sink.add("drop-constraint"_L1, name,
            u"drops constraint %1 on %2 (a unique constraint would be breaking: the schema diff decides)"_s.arg(
                name, target.name));
    }
}

QString identityKind(const QString& generatedWhen)
{
    return generatedWhen == "a"_L1 ? u"GENERATED ALWAYS"_s : u"GENERATED BY DEFAULT"_s;
}

// ALTER COLUMN … SET GENERATED / RESTART / SET INCREMENT BY: the clauses as written.
QString identityChanges(const QJsonObject& command)
{
    QStringList clauses;
    for (const QJsonValue& item : listItems(command.value("def"_L1))) {
        const QJsonObject option = node(item, "DefElem"_L1);
        const QString optionName = text(option, "defname"_L1);
        const QJsonObject integer = node(option.value("arg"_L1), "Integer"_L1);
        const int value = integer.value("ival"_L1).toInt();
        if (optionName == "generated"_L1)
            clauses += u"SET "_s + identityKind(QString(QChar(value)));
        else if (optionName == "restart"_L1)
            clauses += integer.isEmpty() ? u"RESTART"_s : u"RESTART WITH %1"_s.arg(value);
        else if (optionName == "increment"_L1 && !integer.isEmpty())
            clauses += u"SET INCREMENT BY %1"_s.arg(value);
        else
            clauses += u"SET "_s + optionName.toUpper();
    }
    return clauses.join(", "_L1);
}

void analyseCommand(const Target& target, const QJsonObject& command, FindingSink& sink)
{
    const QString subtype = text(command, "subtype"_L1);
    const QString column = target.name + u'.' + text(command, "name"_L1);
    if (subtype == "AT_AddColumn"_L1) {
        addColumn(target, childNode(command, "def"_L1), sink);
    } else if (subtype == "AT_DropColumn"_L1) {
        sink.add("drop-column"_L1, column, u"drops %1 %2"_s.arg(target.isType ? u"attribute"_s : u"column"_s, column));
    } else if (subtype == "AT_AlterColumnType"_L1) {
        alterColumnType(target, command, sink);
    } else if (subtype == "AT_SetNotNull"_L1) {
        sink.add("set-not-null"_L1, column, u"sets NOT NULL on %1"_s.arg(column));
    } else if (subtype == "AT_ColumnDefault"_L1 && !command.contains("def"_L1)) {
        sink.add("drop-column-default"_L1, column, u"drops the default of %1"_s.arg(column));
    } else if (subtype == "AT_DropExpression"_L1) {
        sink.add("drop-column-default"_L1, column,
            u"drops the generation expression of %1: inserts that leave it out now store NULL"_s.arg(column));
    } else if (subtype == "AT_AddConstraint"_L1) {
        addConstraint(target, childNode(command, "def"_L1), sink);
    } else if (subtype == "AT_DropConstraint"_L1) {
        dropConstraint(target, text(command, "name"_L1), sink);
    } else if (subtype == "AT_AddIdentity"_L1) {
        const QString kind = identityKind(text(childNode(command, "def"_L1), "generated_when"_L1));
        sink.add("alter-identity"_L1, column, u"makes %1 an identity column (%2)"_s.arg(column, kind));
    } else if (subtype == "AT_SetIdentity"_L1) {
        sink.add(
            "alter-identity"_L1, column, u"changes identity column %1: %2"_s.arg(column, identityChanges(command)));
    } else if (subtype == "AT_DropIdentity"_L1) {
        sink.add("drop-identity"_L1, column, u"drops the identity of %1"_s.arg(column));
    } else if (subtype == "AT_SetTableSpace"_L1) {
        sink.add("table-rewrite"_L1, target.name,
            u"moves %1 %2 to tablespace %3, rewriting it under an ACCESS EXCLUSIVE lock"_s.arg(
                target.noun, target.name, text(command, "name"_L1)));
    } else if (subtype == "AT_SetLogged"_L1 || subtype == "AT_SetUnLogged"_L1) {
        sink.add("table-rewrite"_L1, target.name,
            u"%1 rewrites %2 %3 under an ACCESS EXCLUSIVE lock"_s.arg(
                subtype == "AT_SetLogged"_L1 ? u"SET LOGGED"_s : u"SET UNLOGGED"_s, target.noun, target.name));
    } else if (subtype == "AT_SetAccessMethod"_L1) {
        sink.add("table-rewrite"_L1, target.name,
            u"SET ACCESS METHOD rewrites %1 %2 under an ACCESS EXCLUSIVE lock"_s.arg(target.noun, target.name));
    } else if (subtype == "AT_DetachPartition"_L1) {
        // Older builds read the parent; the partition's rows vanish from it.
        const QString partition = relationName(childNode(command, "def"_L1).value("name"_L1).toObject());
        sink.add("rewrite-rows"_L1, target.name,
            u"detaches partition %1 from %2: its rows leave %2"_s.arg(partition, target.name));
    } else if (subtype == "AT_DisableRowSecurity"_L1) {
        sink.add("drop-policy"_L1, target.name, u"disables row-level security on %1"_s.arg(target.name));
    } else if (subtype == "AT_NoForceRowSecurity"_L1) {
        sink.add(
            "drop-policy"_L1, target.name, u"stops forcing row-level security on %1 for its owner"_s.arg(target.name));
    }
}

} // namespace

void analyseAlterTable(const QJsonObject& statement, const StatementContext& context, FindingSink& sink)
{
    Target target;
    target.name = relationName(statement.value("relation"_L1).toObject());
    const QString objectType = text(statement, "objtype"_L1);
    target.noun = nounOf(objectType);
    target.isType = objectType == "OBJECT_TYPE"_L1;
    // No older build has rows or code for a table this migration created: what the
    // migration does to it before it ends is part of creating it.
    if (!target.isType && context.isNew(target.name))
        return;
    for (const QJsonValue& item : list(statement, "cmds"_L1))
        analyseCommand(target, node(item, "AlterTableCmd"_L1), sink);
}

} // namespace backstep::pg
