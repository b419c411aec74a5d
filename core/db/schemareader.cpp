#include "schemareader.h"

#include "databaseconnection.h"
#include "schema/sqliteindexdefinition.h"
#include "schema/sqlitetabledefinition.h"
#include "schema/sqltext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace backstep {

namespace {

// SQLite: the schema table and the table-valued pragmas, names bound as '?'.
namespace SqliteSql {

const QString objects = QStringLiteral(
    "SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE type IN ('table', 'view', 'trigger') "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
const QString columns = QStringLiteral(
    "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?, 'main') ORDER BY cid");
const QString indexes = QStringLiteral("SELECT name, \"unique\", origin FROM pragma_index_list(?, 'main')");
const QString indexColumns = QStringLiteral(
    "SELECT cid, name, \"desc\", coll FROM pragma_index_xinfo(?, 'main') WHERE key = 1 ORDER BY seqno");
const QString indexSql = QStringLiteral("SELECT sql FROM main.sqlite_master WHERE type = 'index' AND name = ?");
const QString foreignKeys = QStringLiteral(
    "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?, 'main') "
    "ORDER BY id, seq");
// All of the above in one read transaction: the same schema throughout, and no file
// locking per query. A savepoint, because the caller may have a transaction open.
const QString beginRead = QStringLiteral("SAVEPOINT backstep_schema_read");
const QString endRead = QStringLiteral("RELEASE backstep_schema_read");

} // namespace SqliteSql

// PostgreSQL: pg_catalog, no bound values. Every query keeps to the user's schemas and,
// where an extension can own the object, leaves the extension's objects out.
namespace PostgresSql {

const QString userSchema = QStringLiteral("n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'");

QString notFromExtension(const char* catalog, const char* oid)
{
    return QStringLiteral(
        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.%1'::regclass "
        "AND e.objid = %2 AND e.deptype = 'e')")
        .arg(QLatin1String(catalog), QLatin1String(oid));
}

const QString schemas = QStringLiteral("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE %1").arg(userSchema);
const QString extensions = QStringLiteral("SELECT x.extname, x.extversion, n.nspname FROM pg_catalog.pg_extension x "
                                          "JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace");
const QString tables = QStringLiteral(
    "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND %1 AND %2")
                           .arg(userSchema, notFromExtension("pg_class", "c.oid"));
const QString columns = QStringLiteral(
    "SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attgenerated::text, a.attidentity::text "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND %1 ORDER BY a.attrelid, a.attnum")
                            .arg(userSchema);
// Key columns as JSON arrays, which keep names with commas or quotes intact.
const QString constraints
    = QStringLiteral("SELECT n.nspname, c.relname, k.conname, k.contype::text, k.convalidated, "
                     "pg_catalog.pg_get_expr(k.conbin, k.conrelid, true), "
                     "(SELECT json_agg(a.attname ORDER BY o.i) FROM unnest(k.conkey) WITH ORDINALITY AS o(num, i) "
                     " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = o.num)::text, "
                     "rn.nspname, rc.relname, "
                     "(SELECT json_agg(a.attname ORDER BY o.i) FROM unnest(k.confkey) WITH ORDINALITY AS o(num, i) "
                     " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = o.num)::text, "
                     "k.confdeltype::text, k.confupdtype::text "
                     "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid "
                     "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                     "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid "
                     "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace "
                     "WHERE k.contype IN ('p', 'u', 'c', 'f') AND %1")
          .arg(userSchema);
// indoption bit 1 is DESC, bit 2 NULLS FIRST; ASC NULLS LAST and DESC NULLS FIRST are the defaults.
const QString indexes = QStringLiteral(
    "SELECT n.nspname, ic.relname, tn.nspname, tc.relname, i.indisunique, "
    "pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), am.amname, "
    "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid "
    " AND k.contype IN ('p', 'u')), "
    "(SELECT json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, o.n, true) "
    "   || CASE WHEN oc.opcdefault IS FALSE THEN ' ' || oc.opcname ELSE '' END "
    "   || CASE WHEN i.indoption[o.n - 1] & 1 = 1 THEN ' DESC' ELSE '' END "
    "   || CASE i.indoption[o.n - 1] & 3 WHEN 1 THEN ' NULLS LAST' WHEN 2 THEN ' NULLS FIRST' ELSE '' END "
    "   ORDER BY o.n) "
    " FROM generate_series(1, i.indnkeyatts) AS o(n) "
    " LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[o.n - 1])::text, "
    "(SELECT json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, o.n, true) ORDER BY o.n) "
    " FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS o(n))::text "
    "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace "
    "JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace "
    "JOIN pg_catalog.pg_am am ON am.oid = ic.relam WHERE %1")
                            .arg(userSchema);
const QString views
    = QStringLiteral("SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid, true), c.relkind = 'm' "
                     "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE c.relkind IN ('v', 'm') AND %1 AND %2")
          .arg(userSchema, notFromExtension("pg_class", "c.oid"));
const QString triggers
    = QStringLiteral("SELECT n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true) "
                     "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
                     "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND %1")
          .arg(userSchema);
// deptype 'a' links a serial column's sequence to its column, 'i' an identity column's.
const QString sequences = QStringLiteral(
    "SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
    "s.seqmax, s.seqcycle, tn.nspname, tc.relname, a.attname "
    "FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid "
    " AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') "
    "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid "
    "LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace "
    "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
    "WHERE %1 AND %2")
                              .arg(userSchema, notFromExtension("pg_class", "c.oid"));
const QString enumTypes = QStringLiteral(
    "SELECT n.nspname, t.typname, "
    "(SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)::text "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "WHERE t.typtype = 'e' AND %1 AND %2")
                              .arg(userSchema, notFromExtension("pg_type", "t.oid"));
const QString domains = QStringLiteral(
    "SELECT n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
    "(SELECT json_agg(json_build_array(k.conname, pg_catalog.pg_get_expr(k.conbin, 0, true), k.convalidated) "
    "  ORDER BY k.conname) FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c')::text "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "WHERE t.typtype = 'd' AND %1 AND %2")
                            .arg(userSchema, notFromExtension("pg_type", "t.oid"));
// pg_get_functiondef() refuses aggregates.
const QString functions = QStringLiteral(
    "SELECT n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), "
    "pg_catalog.pg_get_function_result(p.oid), p.prokind::text, "
    "CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END "
    "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE %1 AND %2")
                              .arg(userSchema, notFromExtension("pg_proc", "p.oid"));

} // namespace PostgresSql

using Rows = QVector<QVariantList>;

// Runs one SELECT with bound values and returns every row.
class SchemaQueries
{
public:
    explicit SchemaQueries(DatabaseConnection& connection)
        : m_connection(connection)
    {
    }

    // Queries with bound values are prepared once and run again for the next table.
    Result<Rows> rows(const QString& sql, const QVariantList& values = {})
    {
        auto found = m_prepared.find(sql);
        if (found == m_prepared.end()) {
            QSqlQuery query(m_connection.database());
            query.setForwardOnly(true);
            if (!values.isEmpty() && !query.prepare(sql))
                return failure(query, values);
            found = m_prepared.insert(sql, query);
        }
        QSqlQuery& query = found.value();
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (!(values.isEmpty() ? query.exec(sql) : query.exec()))
            return failure(query, values);
        Rows result;
        const int width = query.record().count();
        while (query.next()) {
            QVariantList row;
            row.reserve(width);
            for (int i = 0; i < width; ++i)
                row.append(query.value(i));
            result.append(row);
        }
        query.finish();
        return result;
    }

    Result<void> execute(const QString& sql)
    {
        QSqlQuery query(m_connection.database());
        if (!query.exec(sql))
            return failure(query, {});
        return {};
    }

private:
    // The bound value is the table or index being read: the message says which one failed.
    Error failure(const QSqlQuery& query, const QVariantList& values) const
    {
        QString why = m_connection.engineMessage(query.lastError().databaseText());
        if (!values.isEmpty())
            why += QStringLiteral(" (reading \"%1\")").arg(values.constFirst().toString());
        return makeError(Error::Code::Connection,
            QStringLiteral("cannot read the schema of %1: %2").arg(m_connection.uri().redacted(), why));
    }

    DatabaseConnection& m_connection;
    QHash<QString, QSqlQuery> m_prepared;
};

ForeignKey::Action postgresAction(const QString& code)
{
    if (code == QLatin1String("r"))
        return ForeignKey::Action::Restrict;
    if (code == QLatin1String("c"))
        return ForeignKey::Action::Cascade;
    if (code == QLatin1String("n"))
        return ForeignKey::Action::SetNull;
    if (code == QLatin1String("d"))
        return ForeignKey::Action::SetDefault;
    return ForeignKey::Action::NoAction;
}

// A "REFERENCES parent" without columns means parent's primary key.
void resolveReferencedColumns(SchemaSnapshot& snapshot)
{
    QHash<QString, QString> names; // lower case -> as the table spells it
    for (const Table& table : std::as_const(snapshot.tables))
        names.insert(table.name.toLower(), table.name);
    for (Table& table : snapshot.tables) {
        for (ForeignKey& key : table.foreignKeys) {
            const QString parent = names.value(key.referencedTable.toLower());
            if (parent.isEmpty())
                continue;
            key.referencedTable = parent;
            if (key.referencedColumns.isEmpty())
                key.referencedColumns = snapshot.tables.value(parent).primaryKey;
        }
    }
}

class SqliteReader
{
public:
    SqliteReader(DatabaseConnection& connection, const QSet<QString>& excludeTables)
        : m_queries(connection)
    {
        for (const QString& table : excludeTables)
            m_excluded.insert(table.toLower());
    }

    Result<SchemaSnapshot> read()
    {
        if (auto begun = m_queries.execute(SqliteSql::beginRead); !begun)
            return begun.error();
        auto snapshot = readObjects();
        auto ended = m_queries.execute(SqliteSql::endRead);
        if (snapshot && !ended)
            return ended.error();
        return snapshot;
    }

private:
    Result<SchemaSnapshot> readObjects()
    {
        m_snapshot.dialect = Dialect::Sqlite;
        const auto objects = m_queries.rows(SqliteSql::objects);
        if (!objects)
            return objects.error();
        for (const QVariantList& row : *objects) {
            const QString type = row.at(0).toString();
            const QString name = row.at(1).toString();
            const QString table = row.at(2).toString();
            const QString sql = row.at(3).toString();
            if (m_excluded.contains(table.toLower()))
                continue;
            if (type == QLatin1String("view"))
                m_snapshot.views.append({ name, sql, false });
            else if (type == QLatin1String("trigger"))
                m_snapshot.triggers.append({ name, table, sql });
            else if (auto read = readTable(name, sql); !read)
                return read.error();
        }
        resolveReferencedColumns(m_snapshot);
        m_snapshot.sort();
        return m_snapshot;
    }

    Result<void> readTable(const QString& name, const QString& sql)
    {
        const SqliteTableDefinition definition = SqliteTableDefinition::parse(sql);
        Table table;
        table.name = name;
        table.withoutRowid = definition.withoutRowid;
        table.strict = definition.strict;
        table.checkConstraints = definition.checkConstraints;
        if (auto read = readColumns(table, definition); !read)
            return read;
        if (definition.autoincrement && table.primaryKey.size() == 1)
            table.autoincrementColumn = table.primaryKey.constFirst();
        if (auto read = readIndexes(table, definition); !read)
            return read;
        if (auto read = readForeignKeys(table, definition); !read)
            return read;
        m_snapshot.tables.insert(name, table);
        return {};
    }

    Result<void> readColumns(Table& table, const SqliteTableDefinition& definition)
    {
        const auto rows = m_queries.rows(SqliteSql::columns, { table.name });
        if (!rows)
            return rows.error();
        QVector<QPair<int, QString>> key; // position in the primary key, column
        for (const QVariantList& row : *rows) {
            const int hidden = row.at(5).toInt();
            if (hidden == 1)
                continue; // a virtual table's hidden column
            Column column;
            column.name = row.at(0).toString();
            column.declaredType = row.at(1).toString();
            column.type = SqlText::normalisedType(column.declaredType);
            column.affinity = sqliteAffinityOf(column.declaredType);
            column.notNull = row.at(2).toInt() != 0;
            column.defaultExpression = row.at(3).toString();
            if (hidden == 2 || hidden == 3) {
                column.generated = hidden == 3 ? Column::Generated::Stored : Column::Generated::Virtual;
                column.generationExpression = definition.generationExpressions.value(column.name.toLower());
            }
            if (const int position = row.at(4).toInt(); position > 0)
                key.append({ position, column.name });
            table.columns.append(column);
        }
        std::sort(key.begin(), key.end());
        for (const auto& part : std::as_const(key))
            table.primaryKey.append(part.second);
        return {};
    }

    Result<void> readIndexes(Table& table, const SqliteTableDefinition& definition)
    {
        const auto indexes = m_queries.rows(SqliteSql::indexes, { table.name });
        if (!indexes)
            return indexes.error();
        for (const QVariantList& row : *indexes) {
            Index index;
            index.name = row.at(0).toString();
            index.table = table.name;
            index.unique = row.at(1).toInt() != 0;
            index.method = QStringLiteral("btree");
            const QString origin = row.at(2).toString();
            index.isConstraint = origin != QLatin1String("c");
            if (auto read = readIndexColumns(index); !read)
                return read;
            if (origin == QLatin1String("u"))
                table.uniqueConstraints.append({ definition.uniqueConstraintName(index.columns), index.columns });
            m_snapshot.indexes.append(index);
        }
        return {};
    }

    Result<void> readIndexColumns(Index& index)
    {
        const auto sql = m_queries.rows(SqliteSql::indexSql, { index.name });
        if (!sql)
            return sql.error();
        const SqliteIndexDefinition definition
            = SqliteIndexDefinition::parse(sql->isEmpty() ? QString() : sql->constFirst().at(0).toString());
        index.predicate = definition.predicate;
        const auto columns = m_queries.rows(SqliteSql::indexColumns, { index.name });
        if (!columns)
            return columns.error();
        for (const QVariantList& row : *columns) {
            const int cid = row.at(0).toInt();
            QString term = cid == -2 ? definition.terms.value(index.columns.size())
                : cid == -1          ? QStringLiteral("rowid")
                                     : row.at(1).toString();
            const QString collation = row.at(3).toString().toUpper();
            if (!collation.isEmpty() && collation != QLatin1String("BINARY"))
                term += QStringLiteral(" COLLATE ") + collation;
            if (row.at(2).toInt() != 0)
                term += QStringLiteral(" DESC");
            index.columns.append(term);
        }
        return {};
    }

    Result<void> readForeignKeys(Table& table, const SqliteTableDefinition& definition)
    {
        const auto rows = m_queries.rows(SqliteSql::foreignKeys, { table.name });
        if (!rows)
            return rows.error();
        int current = -1;
        for (const QVariantList& row : *rows) {
            if (row.at(0).toInt() != current) {
                current = row.at(0).toInt();
                ForeignKey key;
                key.referencedTable = row.at(1).toString();
                key.onUpdate = ForeignKey::actionFromName(row.at(4).toString());
                key.onDelete = ForeignKey::actionFromName(row.at(5).toString());
                table.foreignKeys.append(key);
            }
            ForeignKey& key = table.foreignKeys.last();
            key.columns.append(row.at(2).toString());
            if (!row.at(3).isNull())
                key.referencedColumns.append(row.at(3).toString());
        }
        for (ForeignKey& key : table.foreignKeys)
            key.name = definition.foreignKeyName(key.columns, key.referencedTable);
        return {};
    }

    SchemaQueries m_queries;
    QSet<QString> m_excluded; // lower case
    SchemaSnapshot m_snapshot;
};

class PostgresReader
{
public:
    PostgresReader(DatabaseConnection& connection, const QSet<QString>& excludeTables)
        : m_queries(connection)
        , m_excluded(excludeTables)
    {
    }

    Result<SchemaSnapshot> read()
    {
        m_snapshot.dialect = Dialect::Postgres;
        for (const auto& step : { &PostgresReader::readTables, &PostgresReader::readColumns,
                 &PostgresReader::readConstraints, &PostgresReader::readViews, &PostgresReader::readIndexes,
                 &PostgresReader::readTriggers, &PostgresReader::readSequences, &PostgresReader::readTypes,
                 &PostgresReader::readFunctions, &PostgresReader::readSchemas }) {
            if (auto read = (this->*step)(); !read)
                return read.error();
        }
        m_snapshot.sort();
        return m_snapshot;
    }

private:
    // "users" in public, "app.users" elsewhere: how Table::name and the others name objects.
    static QString qualified(const QVariant& schema, const QVariant& name)
    {
        const QString nameText = name.toString();
        if (schema.isNull() || schema.toString() == QLatin1String("public"))
            return nameText;
        return schema.toString() + QLatin1Char('.') + nameText;
    }

    static QStringList jsonStrings(const QVariant& value)
    {
        QStringList strings;
        const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
        for (const QJsonValue& item : array)
            strings.append(item.toString());
        return strings;
    }

    Table* table(const QVariant& schema, const QVariant& name)
    {
        const auto found = m_snapshot.tables.find(qualified(schema, name));
        return found == m_snapshot.tables.end() ? nullptr : &found.value();
    }

    Result<void> readTables()
    {
        const auto rows = m_queries.rows(PostgresSql::tables);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            Table table;
            table.name = qualified(row.at(0), row.at(1));
            if (m_excluded.contains(table.name))
                continue;
            m_snapshot.tables.insert(table.name, table);
            m_relations.insert(table.name);
        }
        return {};
    }

    Result<void> readColumns()
    {
        const auto rows = m_queries.rows(PostgresSql::columns);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            Table* owner = table(row.at(0), row.at(1));
            if (!owner)
                continue;
            Column column;
            column.name = row.at(2).toString();
            column.declaredType = row.at(3).toString();
            column.type = SqlText::normalisedType(column.declaredType);
            column.notNull = row.at(4).toBool();
            const QString generated = row.at(6).toString();
            if (generated == QLatin1String("s")) {
                column.generated = Column::Generated::Stored;
                column.generationExpression = row.at(5).toString();
            } else {
                column.defaultExpression = row.at(5).toString();
            }
            const QString identity = row.at(7).toString();
            if (identity == QLatin1String("a"))
                column.identity = Column::Identity::Always;
            else if (identity == QLatin1String("d"))
                column.identity = Column::Identity::ByDefault;
            owner->columns.append(column);
        }
        return {};
    }

    Result<void> readConstraints()
    {
        const auto rows = m_queries.rows(PostgresSql::constraints);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            Table* owner = table(row.at(0), row.at(1));
            if (!owner)
                continue;
            const QString name = row.at(2).toString();
            const QString type = row.at(3).toString();
            const bool validated = row.at(4).toBool();
            const QStringList columns = jsonStrings(row.at(6));
            if (type == QLatin1String("p"))
                owner->primaryKey = columns;
            else if (type == QLatin1String("u"))
                owner->uniqueConstraints.append({ name, columns });
            else if (type == QLatin1String("c"))
                owner->checkConstraints.append({ name, row.at(5).toString(), validated });
            else
                owner->foreignKeys.append({ name, columns, qualified(row.at(7), row.at(8)), jsonStrings(row.at(9)),
                    postgresAction(row.at(10).toString()), postgresAction(row.at(11).toString()), validated });
        }
        return {};
    }

    Result<void> readIndexes()
    {
        const auto rows = m_queries.rows(PostgresSql::indexes);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            const QString owner = qualified(row.at(2), row.at(3));
            if (!m_relations.contains(owner))
                continue;
            m_snapshot.indexes.append(
                { qualified(row.at(0), row.at(1)), owner, row.at(4).toBool(), jsonStrings(row.at(8)),
                    jsonStrings(row.at(9)), row.at(5).toString(), row.at(6).toString(), row.at(7).toBool() });
        }
        return {};
    }

    Result<void> readViews()
    {
        const auto rows = m_queries.rows(PostgresSql::views);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            m_snapshot.views.append({ qualified(row.at(0), row.at(1)), row.at(2).toString(), row.at(3).toBool() });
            m_relations.insert(m_snapshot.views.constLast().name);
        }
        return {};
    }

    Result<void> readTriggers()
    {
        const auto rows = m_queries.rows(PostgresSql::triggers);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            const QString owner = qualified(row.at(0), row.at(1));
            if (m_relations.contains(owner))
                m_snapshot.triggers.append({ row.at(2).toString(), owner, row.at(3).toString() });
        }
        return {};
    }

    Result<void> readSequences()
    {
        const auto rows = m_queries.rows(PostgresSql::sequences);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            Sequence sequence { qualified(row.at(0), row.at(1)), row.at(2).toString(), row.at(3).toLongLong(),
                row.at(4).toLongLong(), row.at(5).toLongLong(), row.at(6).toLongLong(), row.at(7).toBool(), {} };
            if (!row.at(9).isNull()) {
                const QString owner = qualified(row.at(8), row.at(9));
                if (m_excluded.contains(owner))
                    continue;
                sequence.ownedBy = owner + QLatin1Char('.') + row.at(10).toString();
            }
            m_snapshot.sequences.append(sequence);
        }
        return {};
    }

    Result<void> readTypes()
    {
        const auto enums = m_queries.rows(PostgresSql::enumTypes);
        if (!enums)
            return enums.error();
        for (const QVariantList& row : *enums)
            m_snapshot.enumTypes.append({ qualified(row.at(0), row.at(1)), jsonStrings(row.at(2)) });
        const auto domains = m_queries.rows(PostgresSql::domains);
        if (!domains)
            return domains.error();
        for (const QVariantList& row : *domains) {
            Domain domain { qualified(row.at(0), row.at(1)), row.at(2).toString(), row.at(3).toBool(),
                row.at(4).toString(), {} };
            const QJsonArray checks = QJsonDocument::fromJson(row.at(5).toString().toUtf8()).array();
            for (const QJsonValue& check : checks) {
                const QJsonArray parts = check.toArray();
                domain.checks.append({ parts.at(0).toString(), parts.at(1).toString(), parts.at(2).toBool() });
            }
            m_snapshot.domains.append(domain);
        }
        return {};
    }

    Result<void> readFunctions()
    {
        const auto rows = m_queries.rows(PostgresSql::functions);
        if (!rows)
            return rows.error();
        for (const QVariantList& row : *rows) {
            const QString kind = row.at(4).toString();
            const Function::Kind functionKind = kind == QLatin1String("p") ? Function::Kind::Procedure
                : kind == QLatin1String("a")                               ? Function::Kind::Aggregate
                : kind == QLatin1String("w")                               ? Function::Kind::Window
                                                                           : Function::Kind::Function;
            m_snapshot.functions.append({ qualified(row.at(0), row.at(1)), row.at(2).toString(), row.at(3).toString(),
                functionKind, row.at(5).toString() });
        }
        return {};
    }

    Result<void> readSchemas()
    {
        const auto schemas = m_queries.rows(PostgresSql::schemas);
        if (!schemas)
            return schemas.error();
        for (const QVariantList& row : *schemas)
            m_snapshot.schemas.append(row.at(0).toString());
        const auto extensions = m_queries.rows(PostgresSql::extensions);
        if (!extensions)
            return extensions.error();
        for (const QVariantList& row : *extensions)
            m_snapshot.extensions.append({ row.at(0).toString(), row.at(1).toString(), row.at(2).toString() });
        return {};
    }

    SchemaQueries m_queries;
    QSet<QString> m_excluded;
    QSet<QString> m_relations; // the tables and views read: what indexes and triggers may belong to
    SchemaSnapshot m_snapshot;
};

} // namespace

Result<SchemaSnapshot> SchemaReader::read(DatabaseConnection& connection, const QSet<QString>& excludeTables)
{
    if (connection.dialect() == Dialect::Sqlite)
        return SqliteReader(connection, excludeTables).read();
    return PostgresReader(connection, excludeTables).read();
}

} // namespace backstep
