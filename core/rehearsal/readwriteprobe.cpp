#include "readwriteprobe.h"

#include "db/databaseconnection.h"
#include "db/probesql.h"
#include "db/sqlidentifier.h"
#include "syntheticvalues.h"

#include <QHash>
#include <QSet>

namespace backstep {

namespace {

// How deep the probe goes to make parents of parents for foreign keys.
constexpr int maxParentDepth = 4;

const QString tableSavepoint = QStringLiteral("backstep_probe_table");

bool fillsItself(const Column& column)
{
    return !column.defaultExpression.isEmpty() || column.generated != Column::Generated::None
        || column.identity != Column::Identity::None;
}

// SQLite's INTEGER PRIMARY KEY is the rowid: the engine picks it when the insert leaves it out.
bool isRowidAlias(const Table& table, const Column& column, Dialect dialect)
{
    return dialect == Dialect::Sqlite && !table.withoutRowid && table.primaryKey == QStringList { column.name }
        && column.declaredType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0;
}

QString joined(const QStringList& parts, const QString& separator)
{
    return parts.join(separator);
}

// The probe of one build schema on one connection.
class Prober
{
public:
    Prober(DatabaseConnection& connection, const SchemaSnapshot& expected)
        : m_connection(connection)
        , m_expected(expected)
        , m_dialect(expected.dialect)
        , m_values(expected)
    {
    }

    TableReadWriteProbe probe(const Table& table)
    {
        TableReadWriteProbe result;
        result.table = table.name;
        m_connection.execute(ProbeSql::savepoint.arg(tableSavepoint));
        result.select = outcome(step(ProbeSql::selectOne.arg(quoted(table.name), columnList(table))));
        QHash<QString, QVariant> written;
        auto inserted = insertRow(table, identity(table), 0, {}, &written);
        result.insert = inserted ? ProbeOutcome::ok() : ProbeOutcome::failed(inserted.error().message);
        result.update = update(table, inserted ? std::optional<QVariantList>(inserted.value()) : std::nullopt, written);
        result.upsert = upsert(table);
        m_connection.execute(ProbeSql::rollbackTo.arg(tableSavepoint));
        m_connection.execute(ProbeSql::release.arg(tableSavepoint));
        return result;
    }

private:
    QString quoted(const QString& table) const
    {
        return SqlIdentifier::quoteQualified(table, m_dialect);
    }
    static QString columnList(const QStringList& names)
    {
        QStringList quotedNames;
        for (const QString& name : names)
            quotedNames.append(SqlIdentifier::quote(name));
        return joined(quotedNames, QStringLiteral(", "));
    }
    static QString columnList(const Table& table)
    {
        QStringList names;
        for (const Column& column : table.columns)
            names.append(column.name);
        return columnList(names);
    }

    // What identifies a row the probe wrote: the build's primary key, else the rowid
    // (SQLite) or ctid (PostgreSQL).
    QStringList identity(const Table& table) const
    {
        if (!table.primaryKey.isEmpty())
            return table.primaryKey;
        return { m_dialect == Dialect::Sqlite ? QStringLiteral("rowid") : QStringLiteral("ctid") };
    }
    static QString identityList(const QStringList& names)
    {
        QStringList parts;
        for (const QString& name : names)
            parts.append(name == QLatin1String("rowid") || name == QLatin1String("ctid") ? name : SqlIdentifier::quote(name));
        return joined(parts, QStringLiteral(", "));
    }

    // One statement in a savepoint of its own: a failure leaves the transaction usable.
    Result<QVector<QVariantList>> step(const QString& sql, const QVariantList& values = {})
    {
        return m_connection.selectInSavepoint(sql, values);
    }
    static ProbeOutcome outcome(const Result<QVector<QVariantList>>& rows)
    {
        return rows ? ProbeOutcome::ok() : ProbeOutcome::failed(rows.error().message);
    }

    // The columns the build's code sets: all but those the engine fills.
    QVector<Column> settable(const Table& table) const
    {
        QVector<Column> columns;
        for (const Column& column : table.columns) {
            if (!fillsItself(column) && !isRowidAlias(table, column, m_dialect))
                columns.append(column);
        }
        return columns;
    }

    bool inUniqueKey(const Table& table, const QString& column) const
    {
        if (table.primaryKey.contains(column))
            return true;
        for (const UniqueConstraint& unique : table.uniqueConstraints) {
            if (unique.columns.contains(column))
                return true;
        }
        for (const Index& index : m_expected.indexes) {
            if (index.table == table.name && index.unique && index.columns.contains(column))
                return true;
        }
        return false;
    }

    // A value for one column of a new row: a parent's key for a foreign key column, a
    // value no row has for a unique integer, else a synthetic value of its type.
    QVariant valueFor(const Table& table, const Column& column, QHash<QString, QVariant>& parentValues, int depth,
                      QSet<QString> visiting)
    {
        if (parentValues.contains(column.name))
            return parentValues.value(column.name);
        for (const ForeignKey& key : table.foreignKeys) {
            if (!key.columns.contains(column.name))
                continue;
            visiting.insert(table.name);
            const auto parent = parentKey(key, depth, visiting);
            if (parent) {
                for (int i = 0; i < key.columns.size(); ++i)
                    parentValues.insert(key.columns.at(i), parent->value(i));
                return parentValues.value(column.name);
            }
            if (!column.notNull)
                return QVariant();
        }
        if (inUniqueKey(table, column.name) && m_values.isInteger(column)) {
            const auto next = step(ProbeSql::nextInteger.arg(quoted(table.name), SqlIdentifier::quote(column.name)));
            if (next && !next->isEmpty())
                return next->first().value(0).toLongLong() + m_uniqueOffset++;
        }
        return m_values.valueFor(table, column);
    }

    // The referenced columns' values of a row of the parent table: an existing row,
    // else a synthetic one inserted for the purpose (it is rolled back with the rest).
    std::optional<QVariantList> parentKey(const ForeignKey& key, int depth, const QSet<QString>& visiting)
    {
        const auto parentTable = m_expected.tables.constFind(key.referencedTable);
        if (parentTable == m_expected.tables.cend() || key.referencedColumns.isEmpty())
            return std::nullopt;
        QStringList notNull;
        for (const QString& column : key.referencedColumns)
            notNull.append(SqlIdentifier::quote(column) + QStringLiteral(" IS NOT NULL"));
        const auto existing = step(ProbeSql::existingKey.arg(quoted(key.referencedTable), columnList(key.referencedColumns),
                                                             joined(notNull, QStringLiteral(" AND "))));
        if (existing && !existing->isEmpty())
            return existing->first();
        if (depth >= maxParentDepth || visiting.contains(key.referencedTable))
            return std::nullopt;
        auto inserted = insertRow(*parentTable, key.referencedColumns, depth + 1, visiting, nullptr);
        if (!inserted)
            return std::nullopt;
        return inserted.value();
    }

    // Inserts a synthetic row; its `returning` columns' values, or the engine's error.
    Result<QVariantList> insertRow(const Table& table, const QStringList& returning, int depth,
                                   const QSet<QString>& visiting, QHash<QString, QVariant>* written)
    {
        QHash<QString, QVariant> values;
        QStringList names;
        QVariantList bound;
        for (const Column& column : settable(table)) {
            names.append(column.name);
            bound.append(valueFor(table, column, values, depth, visiting));
            values.insert(column.name, bound.constLast());
        }
        const QString sql = names.isEmpty()
            ? ProbeSql::insertDefaults.arg(quoted(table.name), identityList(returning))
            : ProbeSql::insert.arg(quoted(table.name), columnList(names),
                                   joined(QStringList(names.size(), QStringLiteral("?")), QStringLiteral(", ")),
                                   identityList(returning));
        auto rows = step(sql, bound);
        if (!rows)
            return rows.error();
        if (rows->isEmpty())
            return makeError(Error::Code::Migration, QStringLiteral("the insert returned no row"));
        if (written)
            *written = values;
        return rows->first();
    }

    // Updates the probe's own row, or an existing one when the insert failed: every
    // column the build sets, to new values (foreign keys keep their parent).
    ProbeOutcome update(const Table& table, const std::optional<QVariantList>& insertedKey,
                        const QHash<QString, QVariant>& written)
    {
        const QStringList key = identity(table);
        QVariantList keyValues;
        if (insertedKey) {
            keyValues = *insertedKey;
        } else {
            const auto existing = step(ProbeSql::selectOne.arg(quoted(table.name), identityList(key)));
            if (!existing)
                return ProbeOutcome::failed(existing.error().message);
            if (existing->isEmpty())
                return ProbeOutcome::skipped(QStringLiteral("the insert failed and the table has no row to update"));
            keyValues = existing->first();
        }
        QStringList assignments;
        QVariantList bound;
        QHash<QString, QVariant> parents;
        for (const ForeignKey& foreignKey : table.foreignKeys) {
            for (const QString& column : foreignKey.columns) {
                if (written.contains(column))
                    parents.insert(column, written.value(column));
            }
        }
        for (const Column& column : settable(table)) {
            if (key.contains(column.name))
                continue;
            assignments.append(SqlIdentifier::quote(column.name) + QStringLiteral(" = ?"));
            bound.append(valueFor(table, column, parents, 0, {}));
        }
        if (assignments.isEmpty()) {
            // Nothing but the key: the update writes the key's first column unchanged.
            assignments.append(identityList({ key.first() }) + QStringLiteral(" = ?"));
            bound.append(keyValues.value(0));
        }
        QStringList conditions;
        for (int i = 0; i < key.size(); ++i) {
            conditions.append(identityList({ key.at(i) }) + QStringLiteral(" = ?"));
            bound.append(keyValues.value(i));
        }
        return outcome(step(ProbeSql::update.arg(quoted(table.name), joined(assignments, QStringLiteral(", ")),
                                                 joined(conditions, QStringLiteral(" AND "))),
                            bound));
    }

    // The build's unique keys over plain columns it may write: what its ON CONFLICT can name.
    QVector<QStringList> uniqueKeys(const Table& table) const
    {
        QVector<QStringList> keys;
        if (!table.primaryKey.isEmpty())
            keys.append(table.primaryKey);
        for (const UniqueConstraint& unique : table.uniqueConstraints)
            keys.append(unique.columns);
        for (const Index& index : m_expected.indexes) {
            if (index.table == table.name && index.unique && !index.isConstraint && index.predicate.isEmpty())
                keys.append(index.columns);
        }
        QVector<QStringList> usable;
        for (const QStringList& key : std::as_const(keys)) {
            const bool plain = std::all_of(key.cbegin(), key.cend(), [&](const QString& name) {
                const Column* column = table.column(name);
                return column && column->generated == Column::Generated::None
                    && column->identity != Column::Identity::Always;
            });
            if (plain && !usable.contains(key))
                usable.append(key);
        }
        return usable;
    }

    ProbeOutcome upsert(const Table& table)
    {
        const QVector<QStringList> keys = uniqueKeys(table);
        if (keys.isEmpty())
            return ProbeOutcome::skipped(QStringLiteral("the build has no unique key on this table"));
        for (const QStringList& key : keys) {
            const auto done = step(ProbeSql::upsert.arg(quoted(table.name), columnList(key)));
            if (!done)
                return ProbeOutcome::failed(done.error().message);
        }
        return ProbeOutcome::ok();
    }

    DatabaseConnection& m_connection;
    const SchemaSnapshot& m_expected;
    Dialect m_dialect;
    SyntheticValues m_values;
    qint64 m_uniqueOffset = 0; // MAX + 1 + this: two new rows of one run never collide
};

} // namespace

Result<ReadWriteProbeResult> ReadWriteProbe::run(DatabaseConnection& connection, const SchemaSnapshot& expected,
                                                 const Progress& progress, const std::atomic_bool* cancel)
{
    Prober prober(connection, expected);
    ReadWriteProbeResult result;
    int done = 0;
    for (const Table& table : expected.tables) {
        if (cancel && cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("the rehearsal was cancelled"));
        if (progress)
            progress(table.name, done, expected.tables.size());
        result.tables.append(prober.probe(table));
        ++done;
    }
    return result;
}

} // namespace backstep
