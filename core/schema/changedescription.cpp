// describe() of every SchemaDiff entry: "<object> <name>: <what happened>", one line each.

#include "columnchange.h"
#include "enumchange.h"
#include "indexchange.h"
#include "objectchange.h"
#include "primarykeychange.h"
#include "sqltext.h"
#include "tablechange.h"

#include <QStringList>

namespace backstep {

namespace {

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString orNone(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("none") : text;
}

QString parenthesised(const QStringList& items)
{
    return QLatin1Char('(') + items.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString arrow(const QString& before, const QString& after)
{
    return before + QStringLiteral(" -> ") + after;
}

QString fromTo(const QString& what, const QString& before, const QString& after)
{
    return what + QLatin1Char(' ') + arrow(before, after);
}

QString line(const QString& object, const QStringList& parts)
{
    return object + QStringLiteral(": ") + parts.join(QStringLiteral("; "));
}

// "added", "removed", or the parts that changed.
template <typename Change> QStringList kindOr(const Change& change, const QString& added, const QStringList& changed)
{
    switch (change.kind) {
    case ChangeKind::Added:
        return { added.isEmpty() ? QStringLiteral("added") : QStringLiteral("added ") + added };
    case ChangeKind::Removed:
        return { QStringLiteral("removed") };
    case ChangeKind::Changed:
        break;
    }
    return changed;
}

QString generatedText(const Column& column)
{
    switch (column.generated) {
    case Column::Generated::None:
        return {};
    case Column::Generated::Stored:
        return QStringLiteral("stored (%1)").arg(column.generationExpression);
    case Column::Generated::Virtual:
        break;
    }
    return QStringLiteral("virtual (%1)").arg(column.generationExpression);
}

QString identityText(Column::Identity identity)
{
    switch (identity) {
    case Column::Identity::None:
        return {};
    case Column::Identity::Always:
        return QStringLiteral("always");
    case Column::Identity::ByDefault:
        break;
    }
    return QStringLiteral("by default");
}

// "varchar(80) NOT NULL DEFAULT ''", as a column definition reads.
QString columnSpecification(const Column& column)
{
    QStringList parts;
    if (!column.type.isEmpty())
        parts.append(column.type);
    if (column.notNull)
        parts.append(QStringLiteral("NOT NULL"));
    if (!column.defaultExpression.isEmpty())
        parts.append(QStringLiteral("DEFAULT ") + column.defaultExpression);
    if (column.generated != Column::Generated::None)
        parts.append(QStringLiteral("GENERATED ") + generatedText(column));
    if (column.identity != Column::Identity::None)
        parts.append(QStringLiteral("IDENTITY ") + identityText(column.identity));
    return parts.join(QLatin1Char(' '));
}

QString indexSpecification(const Index& index)
{
    QString text = index.unique ? QStringLiteral("UNIQUE on ") : QStringLiteral("on ");
    text += index.table;
    if (index.method != QLatin1String("btree"))
        text += QStringLiteral(" USING ") + index.method;
    text += QLatin1Char(' ') + parenthesised(index.columns);
    if (!index.includedColumns.isEmpty())
        text += QStringLiteral(" INCLUDE ") + parenthesised(index.includedColumns);
    if (!index.predicate.isEmpty())
        text += QStringLiteral(" WHERE ") + index.predicate;
    return text;
}

QString validity(bool validated)
{
    return validated ? QStringLiteral("valid") : QStringLiteral("NOT VALID");
}

// "unique constraint users_email_key on users", "check constraint on users" (unnamed).
QString constraintObject(const char* what, const QString& name, const QString& table)
{
    QString text = QLatin1String(what);
    if (!name.isEmpty())
        text += QLatin1Char(' ') + name;
    return text + QStringLiteral(" on ") + table;
}

QString quotedLabels(const QStringList& labels)
{
    QStringList quoted;
    for (const QString& label : labels)
        quoted.append(QLatin1Char('\'') + label + QLatin1Char('\''));
    return quoted.join(QStringLiteral(", "));
}

QString functionKindName(Function::Kind kind)
{
    switch (kind) {
    case Function::Kind::Function:
        return QStringLiteral("function");
    case Function::Kind::Procedure:
        return QStringLiteral("procedure");
    case Function::Kind::Aggregate:
        return QStringLiteral("aggregate");
    case Function::Kind::Window:
        break;
    }
    return QStringLiteral("window function");
}

} // namespace

QString TableChange::describe() const
{
    QStringList changed;
    const auto names = [](const Table& table) {
        QStringList list;
        for (const Column& column : table.columns)
            list.append(column.name);
        return list.join(QStringLiteral(", "));
    };
    if (aspects & ColumnOrder)
        changed.append(fromTo(QStringLiteral("column order"), names(before), names(after)));
    if (aspects & WithoutRowid)
        changed.append(fromTo(QStringLiteral("WITHOUT ROWID"), yesNo(before.withoutRowid), yesNo(after.withoutRowid)));
    if (aspects & Strict)
        changed.append(fromTo(QStringLiteral("STRICT"), yesNo(before.strict), yesNo(after.strict)));
    if (aspects & Autoincrement)
        changed.append(fromTo(
            QStringLiteral("AUTOINCREMENT"), orNone(before.autoincrementColumn), orNone(after.autoincrementColumn)));
    return line(QStringLiteral("table ") + name(), kindOr(*this, {}, changed));
}

QString ColumnChange::describe() const
{
    QStringList changed;
    if (aspects & Type)
        changed.append(fromTo(QStringLiteral("type"), orNone(before.type), orNone(after.type)));
    if (aspects & NotNull)
        changed.append(fromTo(QStringLiteral("NOT NULL"), yesNo(before.notNull), yesNo(after.notNull)));
    if (aspects & Default)
        changed.append(
            fromTo(QStringLiteral("default"), orNone(before.defaultExpression), orNone(after.defaultExpression)));
    if (aspects & Generated)
        changed.append(
            fromTo(QStringLiteral("generated"), orNone(generatedText(before)), orNone(generatedText(after))));
    if (aspects & Identity)
        changed.append(fromTo(
            QStringLiteral("identity"), orNone(identityText(before.identity)), orNone(identityText(after.identity))));
    return line(QStringLiteral("column %1.%2").arg(table, name()), kindOr(*this, columnSpecification(after), changed));
}

QString PrimaryKeyChange::describe() const
{
    const auto key = [](const QStringList& columns) {
        return columns.isEmpty() ? QStringLiteral("none") : parenthesised(columns);
    };
    return line(QStringLiteral("primary key of ") + table, { arrow(key(before), key(after)) });
}

QString IndexChange::describe() const
{
    QStringList changed;
    if (aspects & Table)
        changed.append(fromTo(QStringLiteral("table"), before.table, after.table));
    if (aspects & Unique)
        changed.append(fromTo(QStringLiteral("unique"), yesNo(before.unique), yesNo(after.unique)));
    if (aspects & Columns)
        changed.append(fromTo(QStringLiteral("columns"), parenthesised(before.columns), parenthesised(after.columns)));
    if (aspects & IncludedColumns)
        changed.append(fromTo(QStringLiteral("included columns"), parenthesised(before.includedColumns),
            parenthesised(after.includedColumns)));
    if (aspects & Predicate)
        changed.append(fromTo(QStringLiteral("predicate"), orNone(before.predicate), orNone(after.predicate)));
    if (aspects & Method)
        changed.append(fromTo(QStringLiteral("method"), before.method, after.method));
    return line(QStringLiteral("index ") + name(), kindOr(*this, indexSpecification(after), changed));
}

QString EnumChange::describe() const
{
    QStringList changed;
    if (!addedLabels.isEmpty())
        changed.append(QStringLiteral("labels added ") + quotedLabels(addedLabels));
    if (!removedLabels.isEmpty())
        changed.append(QStringLiteral("labels removed ") + quotedLabels(removedLabels));
    for (const auto& renamed : renamedLabels)
        changed.append(
            fromTo(QStringLiteral("label renamed"), quotedLabels({ renamed.first }), quotedLabels({ renamed.second })));
    if (reordered)
        changed.append(fromTo(QStringLiteral("label order"), quotedLabels(before.labels), quotedLabels(after.labels)));
    return line(
        QStringLiteral("enum ") + name(), kindOr(*this, parenthesised({ quotedLabels(after.labels) }), changed));
}

template <> QString ObjectChange<UniqueConstraint>::describe() const
{
    const UniqueConstraint& constraint = object();
    return line(
        constraintObject("unique constraint", constraint.name, table), kindOr(*this, parenthesised(after.columns), {}));
}

template <> QString ObjectChange<CheckConstraint>::describe() const
{
    const CheckConstraint& constraint = object();
    const QString added = QLatin1Char('(') + after.expression + QLatin1Char(')')
        + (after.validated ? QString() : QStringLiteral(" NOT VALID"));
    return line(constraintObject("check constraint", constraint.name, table),
        kindOr(*this, added, { arrow(validity(before.validated), validity(after.validated)) }));
}

template <> QString ObjectChange<ForeignKey>::describe() const
{
    const ForeignKey& key = object();
    QString added
        = QStringLiteral("%1 -> %2 %3")
              .arg(parenthesised(after.columns), after.referencedTable, parenthesised(after.referencedColumns));
    if (after.onDelete != ForeignKey::Action::NoAction)
        added += QStringLiteral(" ON DELETE ") + ForeignKey::actionName(after.onDelete);
    if (after.onUpdate != ForeignKey::Action::NoAction)
        added += QStringLiteral(" ON UPDATE ") + ForeignKey::actionName(after.onUpdate);
    if (!after.validated)
        added += QStringLiteral(" NOT VALID");
    return line(constraintObject("foreign key", key.name, table),
        kindOr(*this, added, { arrow(validity(before.validated), validity(after.validated)) }));
}

template <> QString ObjectChange<View>::describe() const
{
    QStringList changed;
    if (before.materialized != after.materialized)
        changed.append(fromTo(QStringLiteral("materialized"), yesNo(before.materialized), yesNo(after.materialized)));
    else
        changed.append(QStringLiteral("definition changed"));
    const QString object
        = (this->object().materialized ? QStringLiteral("materialized view ") : QStringLiteral("view "))
        + this->object().name;
    return line(object, kindOr(*this, {}, changed));
}

template <> QString ObjectChange<Trigger>::describe() const
{
    return line(QStringLiteral("trigger %1 on %2").arg(object().name, table),
        kindOr(*this, {}, { QStringLiteral("definition changed") }));
}

template <> QString ObjectChange<Sequence>::describe() const
{
    QStringList changed;
    if (before.type != after.type)
        changed.append(fromTo(QStringLiteral("type"), before.type, after.type));
    const auto number = [&changed](const char* what, qint64 old, qint64 now) {
        if (old != now)
            changed.append(fromTo(QLatin1String(what), QString::number(old), QString::number(now)));
    };
    number("start", before.start, after.start);
    number("increment", before.increment, after.increment);
    number("minimum", before.minimum, after.minimum);
    number("maximum", before.maximum, after.maximum);
    if (before.cycle != after.cycle)
        changed.append(fromTo(QStringLiteral("cycle"), yesNo(before.cycle), yesNo(after.cycle)));
    if (before.ownedBy != after.ownedBy)
        changed.append(fromTo(QStringLiteral("owned by"), orNone(before.ownedBy), orNone(after.ownedBy)));
    return line(QStringLiteral("sequence ") + object().name, kindOr(*this, after.type, changed));
}

template <> QString ObjectChange<Domain>::describe() const
{
    const auto checks = [](const Domain& domain) {
        QStringList list;
        for (const CheckConstraint& check : domain.checks)
            list.append(check.expression + (check.validated ? QString() : QStringLiteral(" NOT VALID")));
        return list.isEmpty() ? QStringLiteral("none") : parenthesised(list);
    };
    QStringList changed;
    if (before.baseType != after.baseType)
        changed.append(fromTo(QStringLiteral("base type"), before.baseType, after.baseType));
    if (before.notNull != after.notNull)
        changed.append(fromTo(QStringLiteral("NOT NULL"), yesNo(before.notNull), yesNo(after.notNull)));
    if (!SqlText::same(before.defaultExpression, after.defaultExpression, Dialect::Postgres))
        changed.append(
            fromTo(QStringLiteral("default"), orNone(before.defaultExpression), orNone(after.defaultExpression)));
    if (checks(before) != checks(after))
        changed.append(fromTo(QStringLiteral("checks"), checks(before), checks(after)));
    return line(QStringLiteral("domain ") + object().name, kindOr(*this, after.baseType, changed));
}

template <> QString ObjectChange<Function>::describe() const
{
    QStringList changed;
    if (before.kind != after.kind)
        changed.append(fromTo(QStringLiteral("kind"), functionKindName(before.kind), functionKindName(after.kind)));
    if (before.result != after.result)
        changed.append(fromTo(QStringLiteral("result"), orNone(before.result), orNone(after.result)));
    if (!SqlText::same(before.definition, after.definition, Dialect::Postgres))
        changed.append(QStringLiteral("definition changed"));
    return line(functionKindName(object().kind) + QLatin1Char(' ') + object().signature(), kindOr(*this, {}, changed));
}

template <> QString ObjectChange<Extension>::describe() const
{
    QStringList changed;
    if (before.version != after.version)
        changed.append(fromTo(QStringLiteral("version"), before.version, after.version));
    if (before.schema != after.schema)
        changed.append(fromTo(QStringLiteral("schema"), before.schema, after.schema));
    return line(QStringLiteral("extension ") + object().name, kindOr(*this, after.version, changed));
}

template <> QString ObjectChange<QString>::describe() const
{
    return line(QStringLiteral("schema ") + object(), kindOr(*this, {}, {}));
}

} // namespace backstep
