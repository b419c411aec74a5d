#include "ledgerstore.h"

#include "databaseconnection.h"
#include "ledgersql.h"
#include "sqlidentifier.h"
#include "ledger/timestamp.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace backstep {

namespace {

struct ColumnSpec
{
    QLatin1String name;
    QLatin1String sqliteDefinition;
    QLatin1String postgresDefinition;
};

// The columns after id and name, which a legacy ledger may lack and ensureTable() adds.
const ColumnSpec optionalColumns[] = {
    { QLatin1String("applied_at"), QLatin1String("applied_at TIMESTAMP"), QLatin1String("applied_at TIMESTAMP") },
    { QLatin1String("backward_compatible"), QLatin1String("backward_compatible INTEGER NULL"),
      QLatin1String("backward_compatible INTEGER NULL") },
    { QLatin1String("checksum"), QLatin1String("checksum TEXT NULL"), QLatin1String("checksum TEXT NULL") },
    { QLatin1String("applied_by"), QLatin1String("applied_by TEXT NULL"), QLatin1String("applied_by TEXT NULL") },
    { QLatin1String("duration_ms"), QLatin1String("duration_ms INTEGER NULL"),
      QLatin1String("duration_ms BIGINT NULL") },
};

// The actual spelling of a column in the table, matched without regard to case.
QString findColumn(const QStringList& columns, QLatin1String wanted)
{
    for (const QString& column : columns) {
        if (column.compare(wanted, Qt::CaseInsensitive) == 0)
            return column;
    }
    return {};
}

std::optional<qint64> integerValue(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return value.toLongLong();
    case QMetaType::Double: {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qint64>(number)))
            return static_cast<qint64>(number);
        return std::nullopt;
    }
    default: {
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        return ok ? std::optional<qint64>(number) : std::nullopt;
    }
    }
}

// 0/1, true/false, t/f: what SQLite integers and PostgreSQL booleans look like.
std::optional<std::optional<bool>> flagValue(const QVariant& value)
{
    if (value.isNull())
        return std::optional<bool>();
    if (value.typeId() == QMetaType::Bool)
        return std::optional<bool>(value.toBool());
    const QString text = value.toString().trimmed().toLower();
    if (text == QLatin1String("1") || text == QLatin1String("true") || text == QLatin1String("t"))
        return std::optional<bool>(true);
    if (text == QLatin1String("0") || text == QLatin1String("false") || text == QLatin1String("f"))
        return std::optional<bool>(false);
    return std::nullopt;
}

// prepare() and exec() with bound values; false keeps the engine's error in the query.
bool run(QSqlQuery& query, const QString& sql, const QVariantList& values)
{
    if (!query.prepare(sql))
        return false;
    for (const QVariant& value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

LedgerStore::LedgerStore(DatabaseConnection& connection, QString table)
    : m_connection(connection)
    , m_table(std::move(table))
    , m_quotedTable(SqlIdentifier::quoteQualified(m_table, connection.dialect()))
{
}

Error LedgerStore::ledgerError(const QString& why) const
{
    return makeError(Error::Code::Ledger,
                     QStringLiteral("ledger table \"%1\" in %2: %3").arg(m_table, m_connection.uri().redacted(), why));
}

Result<bool> LedgerStore::exists() const
{
    const bool sqlite = m_connection.dialect() == Dialect::Sqlite;
    QSqlQuery query(m_connection.database());
    if (!run(query, sqlite ? LedgerSql::sqliteTableExists : LedgerSql::postgresTableExists,
             { sqlite ? m_table : m_quotedTable }))
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));
    return query.next() && query.value(0).toBool();
}

Result<QStringList> LedgerStore::columns() const
{
    const bool sqlite = m_connection.dialect() == Dialect::Sqlite;
    QSqlQuery query(m_connection.database());
    if (!run(query, sqlite ? LedgerSql::sqliteColumns : LedgerSql::postgresColumns, { sqlite ? m_table : m_quotedTable }))
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

Result<void> LedgerStore::checkKeyColumns(const QStringList& columns) const
{
    for (const QLatin1String required : { QLatin1String("id"), QLatin1String("name") }) {
        if (findColumn(columns, required).isEmpty())
            return ledgerError(QStringLiteral("it has no %1 column, so it is not a migrations ledger (columns: %2)")
                                   .arg(required, columns.join(QStringLiteral(", "))));
    }
    return {};
}

Result<LedgerRows> LedgerStore::read() const
{
    const auto present = exists();
    if (!present)
        return present.error();
    if (!present.value())
        return ledgerError(QStringLiteral("no such table (is this the app's database? --ledger-table names another)"));
    const auto found = columns();
    if (!found)
        return found.error();

    if (auto shaped = checkKeyColumns(*found); !shaped)
        return shaped.error();
    const QString idColumn = findColumn(*found, QLatin1String("id"));
    const QString nameColumn = findColumn(*found, QLatin1String("name"));

    QStringList selected = { SqlIdentifier::quote(idColumn), SqlIdentifier::quote(nameColumn) };
    for (const ColumnSpec& spec : optionalColumns) {
        const QString column = findColumn(*found, spec.name);
        if (column.isEmpty())
            selected.append(QStringLiteral("NULL"));
        else if (spec.name == QLatin1String("applied_at"))
            // As text, so one parser sees the same thing whatever the column's type.
            selected.append(QStringLiteral("CAST(%1 AS TEXT)").arg(SqlIdentifier::quote(column)));
        else
            selected.append(SqlIdentifier::quote(column));
    }

    QSqlQuery query(m_connection.database());
    query.setForwardOnly(true);
    const QString sql = LedgerSql::select.arg(m_quotedTable, selected.join(QStringLiteral(", ")))
        + QStringLiteral(" ORDER BY ") + SqlIdentifier::quote(idColumn);
    if (!query.exec(sql))
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));

    LedgerRows rows;
    QHash<qint64, int> seen;
    int rowNumber = 0;
    while (query.next()) {
        ++rowNumber;
        const QVariant idValue = query.value(0);
        if (idValue.isNull())
            return ledgerError(QStringLiteral("row %1 has a NULL id").arg(rowNumber));
        const auto id = integerValue(idValue);
        if (!id || *id <= 0)
            return ledgerError(
                QStringLiteral("row %1 has id \"%2\", not a positive integer").arg(rowNumber).arg(idValue.toString()));
        if (seen.contains(*id))
            return ledgerError(QStringLiteral("id %1 appears twice (rows %2 and %3)").arg(*id).arg(seen.value(*id)).arg(rowNumber));
        seen.insert(*id, rowNumber);

        LedgerRow row;
        row.id = *id;
        if (query.isNull(1))
            return ledgerError(QStringLiteral("row with id %1 has a NULL name").arg(*id));
        row.name = query.value(1).toString();
        row.appliedAtText = query.value(2).toString();
        row.appliedAt = Timestamp::parse(row.appliedAtText);
        const auto flag = flagValue(query.value(3));
        if (!flag)
            return ledgerError(QStringLiteral("row with id %1 has backward_compatible \"%2\", not 0, 1 or NULL")
                                   .arg(*id)
                                   .arg(query.value(3).toString()));
        row.backwardCompatible = *flag;
        row.checksum = query.value(4).toString();
        row.appliedBy = query.value(5).toString();
        if (!query.isNull(6))
            row.durationMs = integerValue(query.value(6));
        rows.append(std::move(row));
    }
    if (query.lastError().isValid())
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));
    // ORDER BY id already sorts an integer column; a text-typed legacy id sorts as text.
    const auto byId = [](const LedgerRow& a, const LedgerRow& b) { return a.id < b.id; };
    if (!std::is_sorted(rows.cbegin(), rows.cend(), byId))
        std::sort(rows.begin(), rows.end(), byId);
    return rows;
}

Result<void> LedgerStore::ensureTable()
{
    const bool sqlite = m_connection.dialect() == Dialect::Sqlite;
    const auto present = exists();
    if (!present)
        return present.error();
    if (!present.value()) {
        QSqlQuery query(m_connection.database());
        if (!query.exec((sqlite ? LedgerSql::sqliteCreate : LedgerSql::postgresCreate).arg(m_quotedTable)))
            return ledgerError(QStringLiteral("cannot create it: %1")
                                   .arg(m_connection.engineMessage(query.lastError().databaseText())));
        return {};
    }
    const auto found = columns();
    if (!found)
        return found.error();
    if (auto shaped = checkKeyColumns(*found); !shaped)
        return shaped.error();
    for (const ColumnSpec& spec : optionalColumns) {
        if (!findColumn(*found, spec.name).isEmpty())
            continue;
        QSqlQuery query(m_connection.database());
        const QLatin1String definition = sqlite ? spec.sqliteDefinition : spec.postgresDefinition;
        if (!query.exec(LedgerSql::addColumn.arg(m_quotedTable, definition)))
            return ledgerError(QStringLiteral("cannot add column %1: %2")
                                   .arg(spec.name, m_connection.engineMessage(query.lastError().databaseText())));
    }
    return {};
}

Result<bool> LedgerStore::contains(qint64 id) const
{
    QSqlQuery query(m_connection.database());
    if (!run(query, LedgerSql::contains.arg(m_quotedTable), { id }))
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));
    return query.next();
}

Result<void> LedgerStore::insert(const LedgerRow& row)
{
    QSqlQuery query(m_connection.database());
    const QVariantList values {
        row.id,
        row.name,
        row.appliedAt.isValid() ? QVariant(Timestamp::toStorage(row.appliedAt)) : QVariant(),
        row.backwardCompatible ? QVariant(*row.backwardCompatible ? 1 : 0) : QVariant(),
        row.checksum.isEmpty() ? QVariant() : QVariant(row.checksum),
        row.appliedBy.isEmpty() ? QVariant() : QVariant(row.appliedBy),
        row.durationMs ? QVariant(*row.durationMs) : QVariant(),
    };
    if (!run(query, LedgerSql::insert.arg(m_quotedTable), values))
        return ledgerError(QStringLiteral("cannot record migration %1: %2")
                               .arg(row.id)
                               .arg(m_connection.engineMessage(query.lastError().databaseText())));
    return {};
}

} // namespace backstep
