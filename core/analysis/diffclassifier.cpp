#include "diffclassifier.h"

#include "rulecatalogue.h"

#include <QRegularExpression>

namespace backstep {

namespace {

class Classifier
{
public:
    Classifier(Dialect dialect, AnalysisProfile profile)
        : m_dialect(dialect)
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
        for (const IndexChange& change : diff.indexes)
            index(change, diff);
        for (const ViewChange& change : diff.views)
            object(change, QStringLiteral("create-view"), QStringLiteral("drop-view"), change.object().name,
                   QStringLiteral("view"));
        for (const TriggerChange& change : diff.triggers)
            trigger(change, diff);
        for (const SequenceChange& change : diff.sequences)
            object(change, QStringLiteral("create-other"), QStringLiteral("drop-sequence"), change.object().name,
                   QStringLiteral("sequence"));
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
        // A changed table (column order, WITHOUT ROWID) is seen through its columns and
        // constraints, which have entries of their own.
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
        if (change.aspects.testFlag(ColumnChange::Type))
            columnType(change, object);
        if (change.aspects.testFlag(ColumnChange::NotNull) && change.after.notNull)
            add(QStringLiteral("set-not-null"), object, QStringLiteral("makes %1 NOT NULL").arg(object));
        if (change.aspects.testFlag(ColumnChange::Default) && change.after.defaultExpression.isEmpty()
            && change.after.identity == Column::Identity::None)
            add(QStringLiteral("drop-column-default"), object,
                QStringLiteral("drops the default of %1 (was %2)").arg(object, change.before.defaultExpression));
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
        const QString name = change.object().name.isEmpty() ? change.table : change.object().name;
        if (change.kind == ChangeKind::Added)
            add(addRule, change.table, QStringLiteral("adds %1 %2 to %3").arg(what, name, change.table));
        else if (change.kind == ChangeKind::Removed)
            add(dropRule, change.table, QStringLiteral("drops %1 %2 of %3").arg(what, name, change.table));
        // Changed: a NOT VALID constraint validated; older builds met it already.
    }

    // An index of a table the same migration created or dropped says nothing new.
    static bool tableComesOrGoes(const SchemaDiff& diff, const QString& table)
    {
        for (const TableChange& change : diff.tables) {
            if (change.kind != ChangeKind::Changed && change.name() == table)
                return true;
        }
        return false;
    }

    void index(const IndexChange& change, const SchemaDiff& diff)
    {
        const Index& index = change.kind == ChangeKind::Removed ? change.before : change.after;
        if (tableComesOrGoes(diff, index.table))
            return;
        const QString name = change.name();
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
        if (tableComesOrGoes(diff, change.table))
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
        else if (what == QLatin1String("view") || what == QLatin1String("function"))
            add(QStringLiteral("opaque-sql"), name,
                QStringLiteral("redefines %1 %2; whether it still returns what older builds expect is not analysed")
                    .arg(what, name));
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

Findings DiffClassifier::classify(const SchemaDiff& diff, Dialect dialect, AnalysisProfile profile)
{
    return Classifier(dialect, profile).classify(diff);
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
