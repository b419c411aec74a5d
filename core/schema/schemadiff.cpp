#include "schemadiff.h"

#include "sqltext.h"

#include <QMap>
#include <QPair>

#include <algorithm>

namespace backstep {

namespace {

template <typename T> using Pair = QPair<const T*, const T*>; // (before, after); nullptr on the side that lacks it

// Objects of both sides paired by a key, in key order.
template <typename T, typename KeyOf>
QVector<Pair<T>> pairByKey(const QVector<T>& before, const QVector<T>& after, KeyOf keyOf)
{
    QMap<QString, Pair<T>> pairs;
    for (const T& item : before)
        pairs[keyOf(item)].first = &item;
    for (const T& item : after)
        pairs[keyOf(item)].second = &item;
    return pairs.values();
}

// Objects of both sides paired by content (each used once, so duplicates pair up one
// by one): before's in their order, then after's unpaired ones.
template <typename T, typename KeyOf>
QVector<Pair<T>> pairByContent(const QVector<T>& before, const QVector<T>& after, KeyOf keyOf)
{
    QStringList afterKeys;
    for (const T& item : after)
        afterKeys.append(keyOf(item));
    QVector<bool> used(after.size(), false);
    QVector<Pair<T>> pairs;
    for (const T& item : before) {
        const QString key = keyOf(item);
        int match = -1;
        for (int i = 0; i < after.size() && match < 0; ++i) {
            if (!used.at(i) && afterKeys.at(i) == key)
                match = i;
        }
        if (match >= 0)
            used[match] = true;
        pairs.append(Pair<T>(&item, match >= 0 ? &after.at(match) : nullptr));
    }
    for (int i = 0; i < after.size(); ++i) {
        if (!used.at(i))
            pairs.append(Pair<T>(nullptr, &after.at(i)));
    }
    return pairs;
}

template <typename Change, typename T> Change makeChange(const Pair<T>& pair)
{
    Change change;
    change.kind = !pair.first ? ChangeKind::Added : !pair.second ? ChangeKind::Removed : ChangeKind::Changed;
    if (pair.first)
        change.before = *pair.first;
    if (pair.second)
        change.after = *pair.second;
    return change;
}

// Added and removed objects always; objects on both sides when changed(before, after).
template <typename Change, typename T, typename Changed>
void collect(QVector<Change>& out, const QVector<Pair<T>>& pairs, const QString& table, Changed changed)
{
    for (const Pair<T>& pair : pairs) {
        if (pair.first && pair.second && !changed(*pair.first, *pair.second))
            continue;
        Change change = makeChange<Change>(pair);
        change.table = table;
        out.append(change);
    }
}

QString joined(const QStringList& parts)
{
    return parts.join(QLatin1Char('\x1f'));
}

// The columns both lists have, in the order of the first.
QStringList commonColumns(const Table& first, const Table& second)
{
    QStringList names;
    for (const Column& column : first.columns) {
        if (second.column(column.name))
            names.append(column.name);
    }
    return names;
}

class Differ
{
public:
    Differ(Dialect dialect, SchemaDiff& diff)
        : m_dialect(dialect)
        , m_diff(diff)
    {
    }

    bool same(const QString& a, const QString& b) const
    {
        return SqlText::same(a, b, m_dialect);
    }
    bool sameTerms(const QStringList& a, const QStringList& b) const
    {
        if (a.size() != b.size())
            return false;
        for (int i = 0; i < a.size(); ++i) {
            if (!same(a.at(i), b.at(i)))
                return false;
        }
        return true;
    }

    void tables(const SchemaSnapshot& before, const SchemaSnapshot& after)
    {
        const QVector<Table> old = before.tables.values();
        const QVector<Table> now = after.tables.values();
        for (const Pair<Table>& pair : pairByKey(old, now, [](const Table& t) { return t.name; })) {
            if (pair.first && pair.second) {
                table(*pair.first, *pair.second);
                continue;
            }
            m_diff.tables.append(makeChange<TableChange>(pair));
        }
    }

    void table(const Table& before, const Table& after)
    {
        TableChange change { ChangeKind::Changed, before, after, {} };
        if (commonColumns(before, after) != commonColumns(after, before))
            change.aspects |= TableChange::ColumnOrder;
        if (before.withoutRowid != after.withoutRowid)
            change.aspects |= TableChange::WithoutRowid;
        if (before.strict != after.strict)
            change.aspects |= TableChange::Strict;
        if (before.autoincrementColumn != after.autoincrementColumn)
            change.aspects |= TableChange::Autoincrement;
        if (change.aspects)
            m_diff.tables.append(change);

        columns(before, after);
        if (before.primaryKey != after.primaryKey) {
            const ChangeKind kind = before.primaryKey.isEmpty() ? ChangeKind::Added
                : after.primaryKey.isEmpty()                    ? ChangeKind::Removed
                                                                : ChangeKind::Changed;
            m_diff.primaryKeys.append(PrimaryKeyChange { kind, after.name, before.primaryKey, after.primaryKey });
        }
        constraints(before, after);
    }

    void columns(const Table& before, const Table& after)
    {
        for (const Column& old : before.columns) {
            const Column* now = after.column(old.name);
            if (!now) {
                m_diff.columns.append(ColumnChange { ChangeKind::Removed, after.name, old, {}, {} });
                continue;
            }
            const ColumnChange::Aspects aspects = columnAspects(old, *now);
            if (aspects)
                m_diff.columns.append(ColumnChange { ChangeKind::Changed, after.name, old, *now, aspects });
        }
        for (const Column& now : after.columns) {
            if (!before.column(now.name))
                m_diff.columns.append(ColumnChange { ChangeKind::Added, after.name, {}, now, {} });
        }
    }

    ColumnChange::Aspects columnAspects(const Column& before, const Column& after) const
    {
        ColumnChange::Aspects aspects;
        if (before.type != after.type)
            aspects |= ColumnChange::Type;
        if (before.notNull != after.notNull)
            aspects |= ColumnChange::NotNull;
        if (!same(before.defaultExpression, after.defaultExpression))
            aspects |= ColumnChange::Default;
        if (before.generated != after.generated || !same(before.generationExpression, after.generationExpression))
            aspects |= ColumnChange::Generated;
        if (before.identity != after.identity)
            aspects |= ColumnChange::Identity;
        return aspects;
    }

    void constraints(const Table& before, const Table& after)
    {
        const auto uniqueKey = [](const UniqueConstraint& c) {
            QStringList columns = c.columns;
            columns.sort(); // UNIQUE (a, b) and UNIQUE (b, a) allow the same rows
            return joined(columns);
        };
        collect(m_diff.uniqueConstraints, pairByContent(before.uniqueConstraints, after.uniqueConstraints, uniqueKey),
            after.name, [](const UniqueConstraint&, const UniqueConstraint&) { return false; });

        const auto checkKey = [this](const CheckConstraint& c) { return SqlText::comparable(c.expression, m_dialect); };
        collect(m_diff.checkConstraints, pairByContent(before.checkConstraints, after.checkConstraints, checkKey),
            after.name, [](const CheckConstraint& a, const CheckConstraint& b) { return a.validated != b.validated; });

        const auto foreignKeyKey = [](const ForeignKey& k) {
            return joined({ joined(k.columns), k.referencedTable, joined(k.referencedColumns),
                ForeignKey::actionName(k.onDelete), ForeignKey::actionName(k.onUpdate) });
        };
        collect(m_diff.foreignKeys, pairByContent(before.foreignKeys, after.foreignKeys, foreignKeyKey), after.name,
            [](const ForeignKey& a, const ForeignKey& b) { return a.validated != b.validated; });
    }

    void indexes(const QVector<Index>& before, const QVector<Index>& after)
    {
        const auto plain = [](const QVector<Index>& all) {
            QVector<Index> kept;
            std::copy_if(
                all.cbegin(), all.cend(), std::back_inserter(kept), [](const Index& i) { return !i.isConstraint; });
            return kept;
        };
        const QVector<Index> plainBefore = plain(before);
        const QVector<Index> plainAfter = plain(after);
        for (const Pair<Index>& pair : pairByKey(plainBefore, plainAfter, [](const Index& i) { return i.name; })) {
            IndexChange change = makeChange<IndexChange>(pair);
            if (change.kind == ChangeKind::Changed) {
                change.aspects = indexAspects(change.before, change.after);
                if (!change.aspects)
                    continue;
            }
            m_diff.indexes.append(change);
        }
    }

    IndexChange::Aspects indexAspects(const Index& before, const Index& after) const
    {
        IndexChange::Aspects aspects;
        if (before.table != after.table)
            aspects |= IndexChange::Table;
        if (before.unique != after.unique)
            aspects |= IndexChange::Unique;
        if (!sameTerms(before.columns, after.columns))
            aspects |= IndexChange::Columns;
        if (!sameTerms(before.includedColumns, after.includedColumns))
            aspects |= IndexChange::IncludedColumns;
        if (!same(before.predicate, after.predicate))
            aspects |= IndexChange::Predicate;
        if (before.method != after.method)
            aspects |= IndexChange::Method;
        return aspects;
    }

    void objects(const SchemaSnapshot& before, const SchemaSnapshot& after)
    {
        collect(m_diff.views, pairByKey(before.views, after.views, [](const View& v) { return v.name; }), {},
            [this](const View& a, const View& b) {
                return a.materialized != b.materialized || !same(a.definition, b.definition);
            });
        const auto triggerKey = [](const Trigger& t) { return joined({ t.table, t.name }); };
        for (const Pair<Trigger>& pair : pairByKey(before.triggers, after.triggers, triggerKey)) {
            if (pair.first && pair.second && same(pair.first->definition, pair.second->definition))
                continue;
            TriggerChange change = makeChange<TriggerChange>(pair);
            change.table = change.object().table;
            m_diff.triggers.append(change);
        }
        collect(m_diff.sequences,
            pairByKey(before.sequences, after.sequences, [](const Sequence& s) { return s.name; }), {},
            [](const Sequence& a, const Sequence& b) { return a != b; });
        collect(m_diff.domains, pairByKey(before.domains, after.domains, [](const Domain& d) { return d.name; }), {},
            [this](const Domain& a, const Domain& b) { return domainChanged(a, b); });
        collect(m_diff.functions,
            pairByKey(before.functions, after.functions, [](const Function& f) { return f.signature(); }), {},
            [this](const Function& a, const Function& b) {
                return a.result != b.result || a.kind != b.kind || !same(a.definition, b.definition);
            });
        collect(m_diff.schemas, pairByKey(before.schemas, after.schemas, [](const QString& s) { return s; }), {},
            [](const QString&, const QString&) { return false; });
        collect(m_diff.extensions,
            pairByKey(before.extensions, after.extensions, [](const Extension& e) { return e.name; }), {},
            [](const Extension& a, const Extension& b) { return a.version != b.version || a.schema != b.schema; });
        for (const Pair<EnumType>& pair :
            pairByKey(before.enumTypes, after.enumTypes, [](const EnumType& e) { return e.name; }))
            enumType(pair);
    }

    QStringList domainChecks(const Domain& domain) const
    {
        QStringList checks;
        for (const CheckConstraint& check : domain.checks)
            checks.append(SqlText::comparable(check.expression, m_dialect)
                + (check.validated ? QString() : QStringLiteral(" NOT VALID")));
        checks.sort();
        return checks;
    }

    bool domainChanged(const Domain& a, const Domain& b) const
    {
        return a.baseType != b.baseType || a.notNull != b.notNull || !same(a.defaultExpression, b.defaultExpression)
            || domainChecks(a) != domainChecks(b);
    }

    void enumType(const Pair<EnumType>& pair)
    {
        EnumChange change = makeChange<EnumChange>(pair);
        if (change.kind != ChangeKind::Changed) {
            m_diff.enumTypes.append(change);
            return;
        }
        const QStringList& old = change.before.labels;
        const QStringList& now = change.after.labels;
        if (old == now)
            return;
        for (const QString& label : now) {
            if (!old.contains(label))
                change.addedLabels.append(label);
        }
        for (const QString& label : old) {
            if (!now.contains(label))
                change.removedLabels.append(label);
        }
        if (old.size() == now.size()) {
            for (int i = 0; i < old.size(); ++i) {
                if (change.removedLabels.contains(old.at(i)) && change.addedLabels.contains(now.at(i)))
                    change.renamedLabels.append(qMakePair(old.at(i), now.at(i)));
            }
            for (const auto& renamed : std::as_const(change.renamedLabels)) {
                change.removedLabels.removeOne(renamed.first);
                change.addedLabels.removeOne(renamed.second);
            }
        }
        QStringList oldCommon;
        for (const QString& label : old) {
            if (now.contains(label))
                oldCommon.append(label);
        }
        QStringList nowCommon;
        for (const QString& label : now) {
            if (old.contains(label))
                nowCommon.append(label);
        }
        change.reordered = oldCommon != nowCommon;
        m_diff.enumTypes.append(change);
    }

private:
    Dialect m_dialect;
    SchemaDiff& m_diff;
};

} // namespace

SchemaDiff SchemaDiff::between(const SchemaSnapshot& before, const SchemaSnapshot& after)
{
    SchemaDiff diff;
    Differ differ(after.dialect, diff);
    differ.tables(before, after);
    differ.indexes(before.indexes, after.indexes);
    differ.objects(before, after);
    return diff;
}

bool SchemaDiff::isEmpty() const
{
    return tables.isEmpty() && columns.isEmpty() && primaryKeys.isEmpty() && uniqueConstraints.isEmpty()
        && checkConstraints.isEmpty() && foreignKeys.isEmpty() && indexes.isEmpty() && views.isEmpty()
        && triggers.isEmpty() && sequences.isEmpty() && enumTypes.isEmpty() && domains.isEmpty() && functions.isEmpty()
        && schemas.isEmpty() && extensions.isEmpty();
}

namespace {

template <typename Change> void describeAll(QStringList& lines, const QVector<Change>& changes)
{
    for (const Change& change : changes)
        lines.append(change.describe());
}

} // namespace

QStringList SchemaDiff::describe() const
{
    QStringList lines;
    describeAll(lines, tables);
    describeAll(lines, columns);
    describeAll(lines, primaryKeys);
    describeAll(lines, uniqueConstraints);
    describeAll(lines, checkConstraints);
    describeAll(lines, foreignKeys);
    describeAll(lines, indexes);
    describeAll(lines, views);
    describeAll(lines, triggers);
    describeAll(lines, sequences);
    describeAll(lines, enumTypes);
    describeAll(lines, domains);
    describeAll(lines, functions);
    describeAll(lines, schemas);
    describeAll(lines, extensions);
    return lines;
}

} // namespace backstep
