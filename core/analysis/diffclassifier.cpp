#include "diffclassifier.h"

#include "rulecatalogue.h"

#include <QRegularExpression>

namespace backstep {

namespace {

class Classifier
{
public:
    Classifier(const SchemaSnapshot& before, const SchemaSnapshot& after, Dialect dialect, AnalysisProfile profile)
        : m_before(before)
        , m_after(after)
        , m_dialect(dialect)
        , m_profile(profile)
    {
    }

    Findings classify(const SchemaDiff& diff)
    {
        for (const TableChange& change : diff.tables)
            table(change);
        for (const ColumnChange& change : diff.columns)
            column(change);
        for (const PrimaryKeyChange& change : diff.primaryKeys)
            primaryKey(change);
        for (const UniqueConstraintChange& change : diff.uniqueConstraints)
            constraint(change, QStringLiteral("add-unique-constraint"), QStringLiteral("drop-unique-constraint"),
                       QStringLiteral("unique constraint"));
        for (const CheckConstraintChange& change : diff.checkConstraints)
            constraint(change, QStringLiteral("add-check-constraint"), QStringLiteral("drop-constraint"),
                       QStringLiteral("check constraint"));
        for (const ForeignKeyChange& change : diff.foreignKeys)
            constraint(change, QStringLiteral("add-foreign-key"), QStringLiteral("drop-constraint"),
                       QStringLiteral("foreign key"));
        renamedConstraints();
        for (const IndexChange& change : diff.indexes)
            index(change, diff);
        for (const ViewChange& change : diff.views)
            object(change, QStringLiteral("create-view"), QStringLiteral("drop-view"), change.object().name,
                   QStringLiteral("view"));
        for (const TriggerChange& change : diff.triggers)
            trigger(change, diff);
        for (const SequenceChange& change : diff.sequences) {
            // A serial or identity column's own sequence comes and goes with its column.
            if (!change.object().ownedBy.isEmpty())
                continue;
            object(change, QStringLiteral("create-other"), QStringLiteral("drop-sequence"), change.object().name,
                   QStringLiteral("sequence"));
        }
        for (const EnumChange& change : diff.enumTypes)
            enumType(change);
        for (const DomainChange& change : diff.domains)
            object(change, QStringLiteral("create-other"), QStringLiteral("drop-type"), change.object().name,
                   QStringLiteral("domain"));
        for (const FunctionChange& change : diff.functions)
            object(change, QStringLiteral("create-view"), QStringLiteral("drop-function"), change.object().name,
                   QStringLiteral("function"));
        for (const SchemaNameChange& change : diff.schemas)
            object(change, QStringLiteral("create-other"), QStringLiteral("drop-schema"), change.object(),
                   QStringLiteral("schema"));
        for (const ExtensionChange& change : diff.extensions)
            object(change, QStringLiteral("create-other"), QStringLiteral("drop-extension"), change.object().name,
                   QStringLiteral("extension"));
        return std::move(m_findings);
    }

private:
    void add(const QString& rule, const QString& object, const QString& message)
    {
        Finding finding = RuleCatalogue::finding(rule, m_profile);
        finding.source = Finding::Source::SchemaDiff;
        finding.object = object;
        finding.message = message;
        m_findings.append(std::move(finding));
    }

    void table(const TableChange& change)
    {
        const QString name = change.name();
        if (change.kind == ChangeKind::Added)
            add(QStringLiteral("create-table"), name, QStringLiteral("creates table %1").arg(name));
        else if (change.kind == ChangeKind::Removed)
            add(QStringLiteral("drop-table"), name, QStringLiteral("drops table %1").arg(name));
        else if (change.aspects.testFlag(TableChange::Autoincrement))
            add(QStringLiteral("alter-identity"), name,
                QStringLiteral("%1 AUTOINCREMENT on %2: ids %3")
                    .arg(change.after.autoincrementColumn.isEmpty() ? QStringLiteral("drops") : QStringLiteral("adds"),
                         name,
                         change.after.autoincrementColumn.isEmpty() ? QStringLiteral("of deleted rows may be reused")
                                                                    : QStringLiteral("are no longer reused")));
        // Otherwise a changed table (column order, WITHOUT ROWID) is seen through its
        // columns and constraints, which have entries of their own.
    }

    void column(const ColumnChange& change)
    {
        const QString object = change.table + QLatin1Char('.') + change.name();
        switch (change.kind) {
        case ChangeKind::Added:
            addedColumn(change.after, object);
            return;
        case ChangeKind::Removed:
            add(QStringLiteral("drop-column"), object, QStringLiteral("drops column %1").arg(object));
            return;
        case ChangeKind::Changed:
            break;
        }
        const bool losesRowidAlias = isRowidAlias(change.table, change.before) && change.after.type != change.before.type;
        if (losesRowidAlias)
            add(QStringLiteral("drop-identity"), object,
                QStringLiteral("%1 is no longer INTEGER PRIMARY KEY, so SQLite stops generating its values").arg(object));
        if (change.aspects.testFlag(ColumnChange::Type))
            columnType(change, object);
        if (change.aspects.testFlag(ColumnChange::NotNull) && change.after.notNull && !losesRowidAlias)
            add(QStringLiteral("set-not-null"), object, QStringLiteral("makes %1 NOT NULL").arg(object));
        if (change.aspects.testFlag(ColumnChange::Default) && change.after.defaultExpression.isEmpty()
            && change.after.identity == Column::Identity::None) {
            // A serial column's default is its sequence: without it, inserts get no id.
            if (change.before.defaultExpression.startsWith(QLatin1String("nextval("), Qt::CaseInsensitive))
                add(QStringLiteral("drop-identity"), object,
                    QStringLiteral("drops the sequence default of %1 (was %2)").arg(object, change.before.defaultExpression));
            else
                add(QStringLiteral("drop-column-default"), object,
                    QStringLiteral("drops the default of %1 (was %2)").arg(object, change.before.defaultExpression));
        }
        if (change.aspects.testFlag(ColumnChange::Identity)) {
            if (change.after.identity == Column::Identity::None)
                add(QStringLiteral("drop-identity"), object, QStringLiteral("drops the identity of %1").arg(object));
            else
                add(QStringLiteral("alter-identity"), object, QStringLiteral("changes the identity of %1").arg(object));
        }
        if (change.aspects.testFlag(ColumnChange::Generated))
            add(QStringLiteral("change-column-type"), object,
                QStringLiteral("changes whether or how %1 is generated; older builds that write it fail").arg(object));
    }

    void addedColumn(const Column& column, const QString& object)
    {
        if (column.generated != Column::Generated::None) {
            add(QStringLiteral("add-nullable-column"), object, QStringLiteral("adds generated column %1").arg(object));
        } else if (column.notNull && column.defaultExpression.isEmpty() && column.identity == Column::Identity::None) {
            add(QStringLiteral("add-not-null-column-without-default"), object,
                QStringLiteral("adds NOT NULL column %1 without a default").arg(object));
        } else if (!column.defaultExpression.isEmpty() || column.identity != Column::Identity::None) {
            add(QStringLiteral("add-column-with-default"), object,
                QStringLiteral("adds column %1 with a default").arg(object));
        } else {
            add(QStringLiteral("add-nullable-column"), object, QStringLiteral("adds nullable column %1").arg(object));
        }
    }

    void columnType(const ColumnChange& change, const QString& object)
    {
        const QString before = change.before.type.isEmpty() ? change.before.declaredType : change.before.type;
        const QString after = change.after.type.isEmpty() ? change.after.declaredType : change.after.type;
        if (DiffClassifier::isWidening(change.before, change.after, m_dialect)) {
            add(QStringLiteral("widen-column-type"), object,
                QStringLiteral("widens %1 from %2 to %3").arg(object, before, after));
            return;
        }
        QString message = QStringLiteral("changes the type of %1 from %2 to %3").arg(object, before, after);
        if (m_dialect == Dialect::Sqlite && change.before.affinity && change.after.affinity)
            message += QStringLiteral(" (affinity %1 -> %2)")
                           .arg(sqliteAffinityName(*change.before.affinity), sqliteAffinityName(*change.after.affinity));
        add(QStringLiteral("change-column-type"), object, message);
    }

    void primaryKey(const PrimaryKeyChange& change)
    {
        const QString columns = change.after.join(QStringLiteral(", "));
        if (change.before.isEmpty())
            add(QStringLiteral("add-primary-key"), change.table,
                QStringLiteral("adds a primary key (%1) to %2").arg(columns, change.table));
        else if (change.after.isEmpty())
            add(QStringLiteral("drop-constraint"), change.table,
                QStringLiteral("drops the primary key of %1").arg(change.table));
        else
            add(QStringLiteral("add-primary-key"), change.table,
                QStringLiteral("moves the primary key of %1 from (%2) to (%3)")
                    .arg(change.table, change.before.join(QStringLiteral(", ")), columns));
    }

    template<typename T>
    void constraint(const ObjectChange<T>& change, const QString& addRule, const QString& dropRule, const QString& what)
    {
        const T& constraint = change.object();
        const QString named = constraint.name.isEmpty() ? QString() : constraint.name + QLatin1Char(' ');
        const QString text = constraintText(constraint);
        if (change.kind == ChangeKind::Added) {
            if (involvesOlderColumns(change.table, constrainedColumns(constraint)))
                add(addRule, change.table, QStringLiteral("adds %1 %2%3 to %4").arg(what, named, text, change.table));
        } else if (change.kind == ChangeKind::Removed) {
            add(dropRule, change.table, QStringLiteral("drops %1 %2%3 of %4").arg(what, named, text, change.table));
        }
        // Changed: a NOT VALID constraint validated; older builds met it already.
    }

    static std::optional<ChangeKind> tableChange(const SchemaDiff& diff, const QString& table)
    {
        for (const TableChange& change : diff.tables) {
            if (change.name() == table)
                return change.kind;
        }
        return std::nullopt;
    }

    void index(const IndexChange& change, const SchemaDiff& diff)
    {
        const Index& index = change.kind == ChangeKind::Removed ? change.before : change.after;
        const auto table = tableChange(diff, index.table);
        // Dropping a table drops its indexes: the drop-table finding says it all.
        if (table == ChangeKind::Removed)
            return;
        const QString name = change.name();
        // A new table's indexes, unique or not, constrain nothing older builds write.
        if (table == ChangeKind::Added) {
            if (change.kind == ChangeKind::Added)
                add(QStringLiteral("create-index"), name, QStringLiteral("creates index %1 on %2").arg(name, index.table));
            return;
        }
        const bool wasUnique = change.before.unique && change.kind != ChangeKind::Added;
        const bool isUnique = change.after.unique && change.kind != ChangeKind::Removed;
        if (isUnique && !wasUnique)
            add(QStringLiteral("add-unique-constraint"), name,
                QStringLiteral("adds unique index %1 on %2").arg(name, index.table));
        else if (wasUnique && !isUnique)
            add(QStringLiteral("drop-unique-constraint"), name,
                QStringLiteral("drops unique index %1 on %2").arg(name, index.table));
        else if (wasUnique && isUnique)
            add(QStringLiteral("drop-unique-constraint"), name,
                QStringLiteral("redefines unique index %1 on %2; older upserts may no longer match it")
                    .arg(name, index.table));
        else if (change.kind == ChangeKind::Added)
            add(QStringLiteral("create-index"), name, QStringLiteral("creates index %1 on %2").arg(name, index.table));
        else if (change.kind == ChangeKind::Removed)
            add(QStringLiteral("drop-index"), name, QStringLiteral("drops index %1 on %2").arg(name, index.table));
        else
            add(QStringLiteral("create-index"), name, QStringLiteral("redefines index %1 on %2").arg(name, index.table));
    }

    void trigger(const TriggerChange& change, const SchemaDiff& diff)
    {
        if (tableChange(diff, change.table) == ChangeKind::Removed)
            return;
        const QString name = change.object().name;
        if (change.kind == ChangeKind::Added)
            add(QStringLiteral("create-other"), name, QStringLiteral("creates trigger %1 on %2").arg(name, change.table));
        else if (change.kind == ChangeKind::Removed)
            add(QStringLiteral("drop-trigger"), name, QStringLiteral("drops trigger %1 on %2").arg(name, change.table));
        else
            add(QStringLiteral("opaque-sql"), name,
                QStringLiteral("redefines trigger %1 on %2; what it now does is not analysed").arg(name, change.table));
    }

    template<typename T>
    void object(const ObjectChange<T>& change, const QString& addRule, const QString& dropRule, const QString& name,
                const QString& what)
    {
        if (change.kind == ChangeKind::Added)
            add(addRule, name, QStringLiteral("creates %1 %2").arg(what, name));
        else if (change.kind == ChangeKind::Removed)
            add(dropRule, name, QStringLiteral("drops %1 %2").arg(what, name));
        else if (what == QLatin1String("view"))
            // A view is redefined with CREATE OR REPLACE, which PostgreSQL only allows
            // when the old columns stay; SQLite's drop and create shows in the statements.
            add(addRule, name, QStringLiteral("redefines view %1").arg(name));
        else if (what == QLatin1String("function"))
            add(QStringLiteral("opaque-sql"), name,
                QStringLiteral("redefines function %1; whether it still does what older builds expect is not analysed")
                    .arg(name));
    }

    void enumType(const EnumChange& change)
    {
        const QString name = change.name();
        if (change.kind == ChangeKind::Added) {
            add(QStringLiteral("create-other"), name, QStringLiteral("creates enum %1").arg(name));
            return;
        }
        if (change.kind == ChangeKind::Removed) {
            add(QStringLiteral("drop-type"), name, QStringLiteral("drops enum %1").arg(name));
            return;
        }
        for (const auto& [from, to] : change.renamedLabels)
            add(QStringLiteral("rename-enum-value"), name,
                QStringLiteral("renames label '%1' of enum %2 to '%3'").arg(from, name, to));
        if (!change.removedLabels.isEmpty())
            add(QStringLiteral("drop-type"), name,
                QStringLiteral("removes label(s) %1 from enum %2").arg(change.removedLabels.join(QStringLiteral(", ")), name));
        if (!change.addedLabels.isEmpty())
            add(QStringLiteral("create-other"), name,
                QStringLiteral("adds label(s) %1 to enum %2").arg(change.addedLabels.join(QStringLiteral(", ")), name));
    }

    // Whether a new constraint can reject what older builds write: only if it involves a
    // column they know. One on columns this migration adds sees NULL from older builds,
    // which CHECK, FOREIGN KEY and UNIQUE all let through.
    bool involvesOlderColumns(const QString& table, const QStringList& columns) const
    {
        const auto existing = m_before.tables.constFind(table);
        if (existing == m_before.tables.cend())
            return false;
        for (const QString& column : columns) {
            if (existing->column(column))
                return true;
        }
        return false;
    }

    // The diff matches constraints by content, so a renamed one is no change there; but
    // older code may name it (ON CONFLICT ON CONSTRAINT, error handling).
    void renamedConstraints()
    {
        for (auto table = m_before.tables.cbegin(); table != m_before.tables.cend(); ++table) {
            const auto after = m_after.tables.constFind(table.key());
            if (after == m_after.tables.cend())
                continue;
            renamed(table.key(), table->checkConstraints, after->checkConstraints);
            renamed(table.key(), table->uniqueConstraints, after->uniqueConstraints);
            renamed(table.key(), table->foreignKeys, after->foreignKeys);
        }
    }

    template<typename T>
    void renamed(const QString& table, const QVector<T>& before, const QVector<T>& after)
    {
        for (const T& old : before) {
            if (old.name.isEmpty())
                continue;
            for (const T& now : after) {
                T renamedBack = now;
                renamedBack.name = old.name;
                if (!now.name.isEmpty() && now.name != old.name && renamedBack == old) {
                    add(QStringLiteral("rename-constraint"), old.name,
                        QStringLiteral("renames constraint %1 on %2 to %3").arg(old.name, table, now.name));
                    break;
                }
            }
        }
    }

    // SQLite's INTEGER PRIMARY KEY is the rowid: inserts without it get a fresh id.
    bool isRowidAlias(const QString& table, const Column& column) const
    {
        if (m_dialect != Dialect::Sqlite)
            return false;
        const auto existing = m_before.tables.constFind(table);
        return existing != m_before.tables.cend() && !existing->withoutRowid
            && existing->primaryKey == QStringList { column.name } && column.type == QLatin1String("integer");
    }

    // The identifiers of a CHECK expression, as candidates for column names.
    static QStringList identifiers(const QString& expression)
    {
        static const QRegularExpression word(QStringLiteral("\"([^\"]+)\"|\\b([A-Za-z_][A-Za-z0-9_]*)\\b"));
        QStringList names;
        auto matches = word.globalMatch(expression);
        while (matches.hasNext()) {
            const auto match = matches.next();
            names.append(match.captured(1).isEmpty() ? match.captured(2) : match.captured(1));
        }
        return names;
    }

    static QStringList constrainedColumns(const UniqueConstraint& constraint)
    {
        return constraint.columns;
    }
    static QStringList constrainedColumns(const CheckConstraint& constraint)
    {
        return identifiers(constraint.expression);
    }
    static QStringList constrainedColumns(const ForeignKey& constraint)
    {
        return constraint.columns;
    }

    static QString constraintText(const UniqueConstraint& constraint)
    {
        return QStringLiteral("UNIQUE (%1)").arg(constraint.columns.join(QStringLiteral(", ")));
    }
    static QString constraintText(const CheckConstraint& constraint)
    {
        return QStringLiteral("CHECK (%1)").arg(constraint.expression);
    }
    static QString constraintText(const ForeignKey& constraint)
    {
        return QStringLiteral("FOREIGN KEY (%1) REFERENCES %2")
            .arg(constraint.columns.join(QStringLiteral(", ")), constraint.referencedTable);
    }

    const SchemaSnapshot& m_before;
    const SchemaSnapshot& m_after;
    Dialect m_dialect;
    AnalysisProfile m_profile;
    Findings m_findings;
};

struct LengthType
{
    QString base;
    std::optional<int> first; // n of varchar(n), precision of numeric(p,s)
    int second = 0; // scale of numeric(p,s)
};

LengthType splitType(const QString& type)
{
    static const QRegularExpression pattern(QStringLiteral("^([a-z ]+?)\\s*(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?$"));
    const auto match = pattern.match(type.trimmed().toLower());
    if (!match.hasMatch())
        return { type.trimmed().toLower(), std::nullopt, 0 };
    LengthType result { match.captured(1), std::nullopt, match.captured(3).toInt() };
    if (match.hasCaptured(2) && !match.captured(2).isEmpty())
        result.first = match.captured(2).toInt();
    return result;
}

bool isVarchar(const QString& base)
{
    return base == QLatin1String("character varying") || base == QLatin1String("varchar");
}

} // namespace

Findings DiffClassifier::classify(const SchemaDiff& diff, const SchemaSnapshot& before, const SchemaSnapshot& after,
                                  Dialect dialect, AnalysisProfile profile)
{
    return Classifier(before, after, dialect, profile).classify(diff);
}

bool DiffClassifier::isWidening(const Column& before, const Column& after, Dialect dialect)
{
    if (dialect == Dialect::Sqlite)
        return before.affinity && after.affinity && *before.affinity == *after.affinity;
    const LengthType from = splitType(before.type);
    const LengthType to = splitType(after.type);
    if (isVarchar(from.base)) {
        if (to.base == QLatin1String("text"))
            return true;
        return isVarchar(to.base) && (!to.first || (from.first && *to.first >= *from.first));
    }
    if (from.base == QLatin1String("numeric") && to.base == QLatin1String("numeric")) {
        if (!to.first)
            return true;
        if (!from.first)
            return false;
        return *to.first - to.second >= *from.first - from.second && to.second >= from.second;
    }
    return false;
}

} // namespace backstep
