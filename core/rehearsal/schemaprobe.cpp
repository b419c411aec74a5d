#include "schemaprobe.h"

#include "analysis/diffclassifier.h"
#include "schema/schemadiff.h"

#include <QMap>
#include <QSet>

namespace backstep {

namespace {

using Kind = SchemaIssue::Kind;
using Impact = SchemaIssue::Impact;

QString keyText(const QStringList& columns)
{
    return QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

bool fillsItself(const Column& column)
{
    return !column.defaultExpression.isEmpty() || column.generated != Column::Generated::None
        || column.identity != Column::Identity::None;
}

bool sameColumns(const Table& a, const Table& b)
{
    if (a.columns.size() != b.columns.size())
        return false;
    for (int i = 0; i < a.columns.size(); ++i) {
        if (a.columns.at(i).name != b.columns.at(i).name || a.columns.at(i).type != b.columns.at(i).type)
            return false;
    }
    return true;
}

// Collects the issues by table while the diff is walked.
class IssueCollector
{
public:
    IssueCollector(const SchemaSnapshot& expected, const SchemaSnapshot& live)
        : m_expected(expected)
        , m_live(live)
    {
        for (const Table& table : expected.tables)
            entry(table.name);
    }

    void add(const QString& table, Kind kind, Impact impact, const QString& object, const QString& message)
    {
        entry(table).issues.append(SchemaIssue { kind, impact, object, message });
    }
    void addExtraTable(const QString& table)
    {
        TableSchemaProbe& probe = entry(table);
        probe.knownToBuild = false;
        probe.issues.append(SchemaIssue { Kind::ExtraTable, Impact::Harmless, table,
                                          QStringLiteral("table %1 is not known to this build, which ignores it").arg(table) });
    }
    void addMissingView(const QString& view)
    {
        add(view, Kind::MissingView, Impact::ReadsFail, view,
            QStringLiteral("view %1 is gone: the build's reads of it fail").arg(view));
    }
    bool buildKnows(const QString& table) const
    {
        return m_expected.tables.contains(table);
    }
    bool liveHas(const QString& table) const
    {
        return m_live.tables.contains(table);
    }

    SchemaProbeResult result() const
    {
        SchemaProbeResult result;
        for (const TableSchemaProbe& probe : m_entries)
            result.tables.append(probe);
        return result;
    }

private:
    TableSchemaProbe& entry(const QString& table)
    {
        auto found = m_entries.find(table);
        if (found == m_entries.end())
            found = m_entries.insert(table, TableSchemaProbe { table, true, {} });
        return *found;
    }

    const SchemaSnapshot& m_expected;
    const SchemaSnapshot& m_live;
    QMap<QString, TableSchemaProbe> m_entries;
};

void tableIssues(const SchemaDiff& diff, IssueCollector& issues)
{
    QVector<Table> removed;
    QVector<Table> added;
    for (const TableChange& change : diff.tables) {
        if (change.kind == ChangeKind::Removed)
            removed.append(change.before);
        else if (change.kind == ChangeKind::Added)
            added.append(change.after);
    }
    QSet<QString> renameTargets;
    for (const Table& gone : std::as_const(removed)) {
        const auto target = std::find_if(added.cbegin(), added.cend(), [&](const Table& candidate) {
            return !renameTargets.contains(candidate.name) && sameColumns(gone, candidate);
        });
        if (target != added.cend()) {
            renameTargets.insert(target->name);
            issues.add(gone.name, Kind::RenamedTable, Impact::ReadsFail, gone.name,
                       QStringLiteral("table %1 is gone; %2 has exactly its columns and may be its new name: the "
                                      "build's reads and writes of %1 fail")
                           .arg(gone.name, target->name));
            continue;
        }
        issues.add(gone.name, Kind::MissingTable, Impact::ReadsFail, gone.name,
                   QStringLiteral("table %1 is gone: the build's reads and writes of it fail").arg(gone.name));
    }
    for (const Table& extra : std::as_const(added)) {
        if (!renameTargets.contains(extra.name))
            issues.addExtraTable(extra.name);
    }
}

void addedColumn(const ColumnChange& change, IssueCollector& issues)
{
    const Column& column = change.after;
    const QString object = change.table + QLatin1Char('.') + column.name;
    if (column.notNull && !fillsItself(column)) {
        issues.add(change.table, Kind::NewRequiredColumn, Impact::WritesFail, object,
                   QStringLiteral("new column %1 is NOT NULL without a default: the build does not know it, so its "
                                  "inserts into %2 fail")
                       .arg(object, change.table));
        return;
    }
    issues.add(change.table, Kind::ExtraColumn, Impact::Harmless, object,
               QStringLiteral("new column %1 is %2: the build ignores it")
                   .arg(object, column.notNull ? QStringLiteral("filled by its default") : QStringLiteral("nullable")));
}

void changedColumn(const ColumnChange& change, IssueCollector& issues)
{
    const Column& was = change.before;
    const Column& is = change.after;
    const QString object = change.table + QLatin1Char('.') + is.name;
    if (change.aspects & ColumnChange::Type) {
        const Dialect dialect = is.affinity ? Dialect::Sqlite : Dialect::Postgres;
        if (DiffClassifier::isWidening(was, is, dialect)) {
            issues.add(change.table, Kind::WidenedColumn, Impact::Harmless, object,
                       QStringLiteral("column %1 widened from %2 to %3: the build's values still fit")
                           .arg(object, was.declaredType, is.declaredType));
        } else {
            issues.add(change.table, Kind::RetypedColumn, Impact::ReadsFail, object,
                       QStringLiteral("column %1 changed type from %2 to %3: the build decodes the old type")
                           .arg(object, was.declaredType, is.declaredType));
        }
    }
    if ((change.aspects & ColumnChange::NotNull) && is.notNull && !fillsItself(is)) {
        issues.add(change.table, Kind::NowNotNull, Impact::WritesMayFail, object,
                   QStringLiteral("column %1 is now NOT NULL: the build's inserts and updates that leave it NULL fail")
                       .arg(object));
    }
    const bool lostFill = fillsItself(was) && !fillsItself(is);
    if (lostFill && is.notNull) {
        issues.add(change.table, Kind::DroppedDefault, Impact::WritesFail, object,
                   QStringLiteral("column %1 lost its default (%2) and is NOT NULL: the build's inserts leave it to "
                                  "the default and fail")
                       .arg(object, was.defaultExpression.isEmpty() ? QStringLiteral("identity") : was.defaultExpression));
    }
}

void columnIssues(const SchemaDiff& diff, IssueCollector& issues)
{
    // A column removed and one of the same type added to the same table: likely a rename.
    QSet<int> renameTargets;
    for (const ColumnChange& change : diff.columns) {
        if (change.kind != ChangeKind::Removed)
            continue;
        const QString object = change.table + QLatin1Char('.') + change.before.name;
        int target = -1;
        for (int i = 0; i < diff.columns.size() && target < 0; ++i) {
            const ColumnChange& candidate = diff.columns.at(i);
            if (candidate.kind == ChangeKind::Added && candidate.table == change.table && !renameTargets.contains(i)
                && candidate.after.type == change.before.type)
                target = i;
        }
        if (target >= 0) {
            renameTargets.insert(target);
            issues.add(change.table, Kind::RenamedColumn, Impact::ReadsFail, object,
                       QStringLiteral("column %1 is gone; %2 has its type and may be its new name: the build's reads "
                                      "and writes of %1 fail")
                           .arg(object, diff.columns.at(target).after.name));
        } else {
            issues.add(change.table, Kind::MissingColumn, Impact::ReadsFail, object,
                       QStringLiteral("column %1 is gone: the build's reads and writes of it fail").arg(object));
        }
    }
    for (int i = 0; i < diff.columns.size(); ++i) {
        const ColumnChange& change = diff.columns.at(i);
        if (change.kind == ChangeKind::Added && !renameTargets.contains(i))
            addedColumn(change, issues);
        else if (change.kind == ChangeKind::Changed)
            changedColumn(change, issues);
    }
}

void droppedUnique(IssueCollector& issues, const QString& table, const QString& object, const QStringList& columns)
{
    issues.add(table, Kind::DroppedUnique, Impact::WritesMayFail, object,
               QStringLiteral("unique key %1 on %2 %3 is gone: the build's INSERT … ON CONFLICT %3 fails, and it may "
                              "rely on the values being unique")
                   .arg(object, table, keyText(columns)));
}

void newUnique(IssueCollector& issues, const QString& table, const QString& object, const QStringList& columns)
{
    issues.add(table, Kind::NewUnique, Impact::WritesMayFail, object,
               QStringLiteral("new unique key %1 on %2 %3: the build's writes of duplicate values fail")
                   .arg(object, table, keyText(columns)));
}

void constraintIssues(const SchemaDiff& diff, IssueCollector& issues)
{
    for (const PrimaryKeyChange& change : diff.primaryKeys) {
        if (!change.before.isEmpty() && change.before != change.after)
            droppedUnique(issues, change.table, QStringLiteral("primary key"), change.before);
    }
    for (const UniqueConstraintChange& change : diff.uniqueConstraints) {
        const QString name = change.object().name.isEmpty() ? QStringLiteral("unique") : change.object().name;
        if (change.kind == ChangeKind::Removed)
            droppedUnique(issues, change.table, name, change.before.columns);
        else if (change.kind == ChangeKind::Added)
            newUnique(issues, change.table, name, change.after.columns);
    }
    for (const CheckConstraintChange& change : diff.checkConstraints) {
        if (change.kind != ChangeKind::Added)
            continue;
        issues.add(change.table, Kind::NewCheck, Impact::WritesMayFail,
                   change.after.name.isEmpty() ? change.table : change.after.name,
                   QStringLiteral("new CHECK (%1) on %2: the build's writes that do not satisfy it fail")
                       .arg(change.after.expression, change.table));
    }
    for (const ForeignKeyChange& change : diff.foreignKeys) {
        if (change.kind != ChangeKind::Added)
            continue;
        issues.add(change.table, Kind::NewForeignKey, Impact::WritesMayFail,
                   change.after.name.isEmpty() ? change.table : change.after.name,
                   QStringLiteral("new FOREIGN KEY %1 -> %2 %3 on %4: the build's writes without a matching row there fail")
                       .arg(keyText(change.after.columns), change.after.referencedTable,
                            keyText(change.after.referencedColumns), change.table));
    }
}

void indexIssues(const SchemaDiff& diff, IssueCollector& issues)
{
    for (const IndexChange& change : diff.indexes) {
        const Index& index = change.kind == ChangeKind::Added ? change.after : change.before;
        if (index.isConstraint)
            continue; // the constraint's own entry says it
        if (change.kind == ChangeKind::Removed && issues.liveHas(index.table)) {
            if (index.unique)
                droppedUnique(issues, index.table, index.name, index.columns);
            else
                issues.add(index.table, Kind::DroppedIndex, Impact::Harmless, index.name,
                           QStringLiteral("index %1 on %2 %3 is gone: the build's queries may be slower")
                               .arg(index.name, index.table, keyText(index.columns)));
        } else if (change.kind == ChangeKind::Added && index.unique && issues.buildKnows(index.table)) {
            newUnique(issues, index.table, index.name, index.columns);
        } else if (change.kind == ChangeKind::Changed && (change.aspects & IndexChange::Unique)) {
            if (change.before.unique)
                droppedUnique(issues, change.before.table, change.before.name, change.before.columns);
            else
                newUnique(issues, change.after.table, change.after.name, change.after.columns);
        }
    }
}

} // namespace

SchemaProbeResult SchemaProbe::compare(const SchemaSnapshot& expected, const SchemaSnapshot& live)
{
    const SchemaDiff diff = SchemaDiff::between(expected, live);
    IssueCollector issues(expected, live);
    tableIssues(diff, issues);
    columnIssues(diff, issues);
    constraintIssues(diff, issues);
    indexIssues(diff, issues);
    for (const ViewChange& change : diff.views) {
        if (change.kind == ChangeKind::Removed)
            issues.addMissingView(change.before.name);
    }
    return issues.result();
}

} // namespace backstep
