#include "pgjson.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace backstep::pg {

namespace {

// pg_catalog's internal names of the built-in types, as people write them.
QString builtinTypeName(const QString& internal)
{
    static const QHash<QString, QString> spelled = {
        { u"int2"_s, u"smallint"_s },
        { u"int4"_s, u"integer"_s },
        { u"int8"_s, u"bigint"_s },
        { u"float4"_s, u"real"_s },
        { u"float8"_s, u"double precision"_s },
        { u"bool"_s, u"boolean"_s },
        { u"bpchar"_s, u"char"_s },
    };
    return spelled.value(internal, internal);
}

// Type modifiers as written: (20), (10,2). The modifiers of interval encode field masks,
// not something a person wrote, so they are left out there.
QString typeModifiers(const QJsonArray& modifiers)
{
    QStringList values;
    for (const QJsonValue& modifier : modifiers) {
        const QJsonObject constant = node(modifier, "A_Const"_L1);
        const QJsonObject integer = constant.value("ival"_L1).toObject();
        if (!constant.contains("ival"_L1))
            return {};
        // libpg_query leaves out zero values, so an empty {"ival": {}} is 0.
        values += QString::number(integer.value("ival"_L1).toInt());
    }
    return values.isEmpty() ? QString() : u'(' + values.join(u',') + u')';
}

} // namespace

QString nodeType(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    if (object.size() != 1)
        return {};
    return object.constBegin().key();
}

QJsonObject node(const QJsonValue& value, QLatin1String type)
{
    return value.toObject().value(type).toObject();
}

QJsonObject childNode(const QJsonObject& fields, QLatin1String key)
{
    const QJsonObject child = fields.value(key).toObject();
    if (child.size() != 1)
        return {};
    return child.constBegin().value().toObject();
}

QString text(const QJsonObject& fields, QLatin1String key)
{
    return fields.value(key).toString();
}

bool flag(const QJsonObject& fields, QLatin1String key)
{
    return fields.value(key).toBool();
}

QJsonArray list(const QJsonObject& fields, QLatin1String key)
{
    return fields.value(key).toArray();
}

QString stringValue(const QJsonValue& value)
{
    return node(value, "String"_L1).value("sval"_L1).toString();
}

QStringList names(const QJsonArray& items)
{
    QStringList out;
    out.reserve(items.size());
    for (const QJsonValue& item : items)
        out += stringValue(item);
    return out;
}

QString dottedName(const QJsonArray& items)
{
    return names(items).join(u'.');
}

QJsonArray listItems(const QJsonValue& value)
{
    if (value.isArray())
        return value.toArray();
    return node(value, "List"_L1).value("items"_L1).toArray();
}

QStringList objectNames(const QJsonValue& object)
{
    const QString type = nodeType(object);
    const QJsonObject fields = object.toObject().value(type).toObject();
    if (type == "List"_L1)
        return names(list(fields, "items"_L1));
    if (type == "ObjectWithArgs"_L1)
        return names(list(fields, "objname"_L1));
    if (type == "TypeName"_L1)
        return names(list(fields, "names"_L1));
    if (type == "String"_L1)
        return { text(fields, "sval"_L1) };
    return {};
}

QString relationName(const QJsonObject& rangeVar)
{
    QString name = text(rangeVar, "relname"_L1);
    const QString schema = text(rangeVar, "schemaname"_L1);
    if (!schema.isEmpty())
        name = schema + u'.' + name;
    const QString catalog = text(rangeVar, "catalogname"_L1);
    if (!catalog.isEmpty())
        name = catalog + u'.' + name;
    return name;
}

QString typeName(const QJsonObject& type)
{
    QStringList parts = names(list(type, "names"_L1));
    QString name;
    if (parts.size() == 2 && parts.first() == "pg_catalog"_L1)
        name = builtinTypeName(parts.last());
    else
        name = parts.size() == 1 ? builtinTypeName(parts.first()) : parts.join(u'.');
    if (name != "interval"_L1)
        name += typeModifiers(list(type, "typmods"_L1));
    const qsizetype dimensions = list(type, "arrayBounds"_L1).size();
    for (qsizetype i = 0; i < dimensions; ++i)
        name += "[]"_L1;
    return name;
}

QString calledFunction(const QJsonValue& expression, const QStringList& functions)
{
    if (expression.isArray()) {
        for (const QJsonValue& item : expression.toArray()) {
            QString found = calledFunction(item, functions);
            if (!found.isEmpty())
                return found;
        }
        return {};
    }
    if (!expression.isObject())
        return {};
    const QJsonObject object = expression.toObject();
    const QJsonObject call = object.value("FuncCall"_L1).toObject();
    if (!call.isEmpty()) {
        const QStringList called = names(list(call, "funcname"_L1));
        if (!called.isEmpty() && functions.contains(called.last()))
            return called.last();
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isObject() || it.value().isArray()) {
            QString found = calledFunction(it.value(), functions);
            if (!found.isEmpty())
                return found;
        }
    }
    return {};
}

} // namespace backstep::pg
