#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// Reading libpg_query's JSON parse tree. Every node is a one-key object that names its
// type: {"RangeVar": {"schemaname": "app", "relname": "users"}}. Identifiers arrive
// already folded by the PostgreSQL scanner (unquoted to lower case, quoted as written),
// which is exactly the normalised form findings use.
namespace backstep::pg {

// The node's type name ("RangeVar"), or an empty string when the value is not a node.
QString nodeType(const QJsonValue& value);
// The node's fields when the value is a node of `type`, else an empty object.
QJsonObject node(const QJsonValue& value, QLatin1String type);
// The fields of the node behind `key`, whatever its type: {"def": {"ColumnDef": {...}}}.
QJsonObject childNode(const QJsonObject& fields, QLatin1String key);

QString text(const QJsonObject& fields, QLatin1String key);
bool flag(const QJsonObject& fields, QLatin1String key);
QJsonArray list(const QJsonObject& fields, QLatin1String key);

// {"String": {"sval": "x"}} → "x".
QString stringValue(const QJsonValue& value);
// A list of String nodes, as names: ["app", "users"].
QStringList names(const QJsonArray& items);
// A list of String nodes joined with dots: "app.users".
QString dottedName(const QJsonArray& items);
// The items of a {"List": {"items": [...]}} node, or of a bare array.
QJsonArray listItems(const QJsonValue& value);

// An object's name parts, whatever node the grammar uses for its kind: a List of names
// (relations, triggers, policies), ObjectWithArgs (routines), TypeName (types, domains)
// or a bare String (schemas, extensions).
QStringList objectNames(const QJsonValue& object);

// A RangeVar as "schema.table", schema only when the statement names it.
QString relationName(const QJsonObject& rangeVar);
// A TypeName as people write it: "bigint", "varchar(20)", "numeric(10,2)[]", "app.mood".
QString typeName(const QJsonObject& typeName);
// Whether an expression calls a function whose last name part is in `functions`; the
// first such name, or an empty string.
QString calledFunction(const QJsonValue& expression, const QStringList& functions);

} // namespace backstep::pg
