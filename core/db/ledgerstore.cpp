#include "ledgerstore.h"

#include "databaseconnection.h"
#include "ledgersql.h"
#include "sqlidentifier.h"
#include "sqlitehandle.h"
#include "ledger/timestamp.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <memory>

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

enum class FlagValue
{
    Compatible,
    Breaking,
    Unknown, // NULL
    Invalid,
};

// 0/1, true/false, t/f: what SQLite integers and PostgreSQL booleans look like. An
// enum rather than a nested optional, which GCC's optimiser mistook for uninitialised.
FlagValue flagValue(const QVariant& value)
{
    if (value.isNull())
        return FlagValue::Unknown;
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? FlagValue::Compatible : FlagValue::Breaking;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
        // SQLite's integers, the common case, without going through text.
        switch (value.toLongLong()) {
        case 0:
            return FlagValue::Breaking;
        case 1:
            return FlagValue::Compatible;
        default:
            return FlagValue::Invalid;
        }
    default:
        break;
    }
    const QString text = value.toString().trimmed().toLower();
    if (text == QLatin1String("1") || text == QLatin1String("true") || text == QLatin1String("t"))
        return FlagValue::Compatible;
    if (text == QLatin1String("0") || text == QLatin1String("false") || text == QLatin1String("f"))
        return FlagValue::Breaking;
    return FlagValue::Invalid;
}

// The rows of one deploy repeat applied_by, and often applied_at: sharing one string
// with the previous row keeps a large ledger's memory down.
void shareRepeatedText(LedgerRow& row, const LedgerRows& earlier)
{
    if (earlier.isEmpty())
        return;
    const LedgerRow& previous = earlier.last();
    if (row.appliedBy == previous.appliedBy)
        row.appliedBy = previous.appliedBy;
    if (row.appliedAtText == previous.appliedAtText)
        row.appliedAtText = previous.appliedAtText;
}

// Finds an id read twice. ORDER BY id hands integer ids over ascending, where a repeat
// can only follow its twin: a hash of the ids is built only once one arrives out of
// order (a text-typed legacy id column sorts as text).
class DuplicateFinder
{
public:
    // The row number where id was read before, or 0. earlier holds the rows read so
    // far, row number n at index n - 1.
    int add(qint64 id, int rowNumber, const LedgerRows& earlier)
    {
        if (m_seen.isEmpty()) {
            if (earlier.isEmpty() || id > earlier.last().id)
                return 0;
            if (id == earlier.last().id)
                return int(earlier.size());
            m_seen.reserve(earlier.size() * 2);
            for (int index = 0; index < earlier.size(); ++index)
                m_seen.insert(earlier.at(index).id, index + 1);
        }
        const auto found = m_seen.constFind(id);
        if (found != m_seen.cend())
            return found.value();
        m_seen.insert(id, rowNumber);
        return 0;
    }

private:
    QHash<qint64, int> m_seen;
};

// A column as the QSQLITE driver returns it: integers as qlonglong, reals as double,
// text as QString, blobs as QByteArray, NULL as a null variant.
QVariant sqliteValue(sqlite3_stmt* statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(statement, column));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char*>(sqlite3_column_blob(statement, column)),
            sqlite3_column_bytes(statement, column)));
    case SQLITE_NULL:
        return QVariant();
    default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(statement, column)));
    }
    }
}

// Turns the selected values of each row (id, name, applied_at, backward_compatible,
// checksum, applied_by, duration_ms) into a LedgerRow, with the checks read() promises.
class LedgerRowReader
{
public:
    static constexpr int columnCount = 7;

    // Room for every row up front: growing by doubling would leave a 100,000-row
    // ledger with up to twice the memory it needs, and copy it on the way.
    explicit LedgerRowReader(qint64 expectedRows)
    {
        if (expectedRows > 0)
            m_rows.reserve(expectedRows);
    }

    // The problem with the row, or an empty string when it was added.
    QString add(const std::array<QVariant, columnCount>& values)
    {
        const int rowNumber = int(m_rows.size()) + 1;
        const QVariant& idValue = values[0];
        if (idValue.isNull())
            return QStringLiteral("row %1 has a NULL id").arg(rowNumber);
        const auto id = integerValue(idValue);
        if (!id || *id <= 0)
            return QStringLiteral("row %1 has id \"%2\", not a positive integer").arg(rowNumber).arg(idValue.toString());
        if (const int earlier = m_duplicates.add(*id, rowNumber, m_rows))
            return QStringLiteral("id %1 appears twice (rows %2 and %3)").arg(*id).arg(earlier).arg(rowNumber);

        LedgerRow row;
        row.id = *id;
        if (values[1].isNull())
            return QStringLiteral("row with id %1 has a NULL name").arg(*id);
        row.name = values[1].toString();
        row.appliedAtText = values[2].toString();
        row.appliedAt = Timestamp::parse(row.appliedAtText);
        const FlagValue flag = flagValue(values[3]);
        if (flag == FlagValue::Invalid)
            return QStringLiteral("row with id %1 has backward_compatible \"%2\", not 0, 1 or NULL")
                .arg(*id)
                .arg(values[3].toString());
        if (flag != FlagValue::Unknown)
            row.backwardCompatible = flag == FlagValue::Compatible;
        row.checksum = values[4].toString();
        row.appliedBy = values[5].toString();
        if (!values[6].isNull())
            row.durationMs = integerValue(values[6]);
        shareRepeatedText(row, m_rows);
        m_rows.append(std::move(row));
        return {};
    }

    LedgerRows take()
    {
        return std::move(m_rows);
    }

private:
    LedgerRows m_rows;
    DuplicateFinder m_duplicates;
};

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

    const QString sql = LedgerSql::select.arg(m_quotedTable, selected.join(QStringLiteral(", ")))
        + QStringLiteral(" ORDER BY ") + SqlIdentifier::quote(idColumn);
    auto read = readRows(sql);
    if (!read)
        return read.error();
    LedgerRows rows = std::move(read).value();
    // ORDER BY id already sorts an integer column; a text-typed legacy id sorts as text.
    const auto byId = [](const LedgerRow& a, const LedgerRow& b) { return a.id < b.id; };
    if (!std::is_sorted(rows.cbegin(), rows.cend(), byId))
        std::sort(rows.begin(), rows.end(), byId);
    return rows;
}

Result<LedgerRows> LedgerStore::readRows(const QString& sql) const
{
    if (sqlite3* handle = SqliteHandle::of(m_connection))
        return readRowsFromSqlite(handle, sql);
    QSqlQuery query(m_connection.database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));
    // The size when the driver knows it; a second query on the connection would discard
    // the rows PostgreSQL's driver streams for a forward-only query.
    LedgerRowReader reader(query.size());
    std::array<QVariant, LedgerRowReader::columnCount> values;
    while (query.next()) {
        for (int column = 0; column < LedgerRowReader::columnCount; ++column)
            values[size_t(column)] = query.value(column);
        if (const QString problem = reader.add(values); !problem.isEmpty())
            return ledgerError(problem);
    }
    if (query.lastError().isValid())
        return ledgerError(m_connection.engineMessage(query.lastError().databaseText()));
    return reader.take();
}

// SQLite's own API on the driver's handle: the same values QSqlQuery would give, without
// its per-row cache of variants and UTF-16 copies, which took most of the time of opening
// a 100,000-row ledger.
Result<LedgerRows> LedgerStore::readRowsFromSqlite(sqlite3* handle, const QString& sql) const
{
    const auto error = [&] { return ledgerError(m_connection.engineMessage(QString::fromUtf8(sqlite3_errmsg(handle)))); };
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(handle, sql.toUtf8().constData(), -1, &raw, nullptr) != SQLITE_OK)
        return error();
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    LedgerRowReader reader(sqliteCount(handle));
    std::array<QVariant, LedgerRowReader::columnCount> values;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
        for (int column = 0; column < LedgerRowReader::columnCount; ++column)
            values[size_t(column)] = sqliteValue(raw, column);
        if (const QString problem = reader.add(values); !problem.isEmpty())
            return ledgerError(problem);
    }
    if (step != SQLITE_DONE)
        return error();
    return reader.take();
}

qint64 LedgerStore::sqliteCount(sqlite3* handle) const
{
    sqlite3_stmt* raw = nullptr;
    const QByteArray sql = LedgerSql::count.arg(m_quotedTable).toUtf8();
    if (sqlite3_prepare_v2(handle, sql.constData(), -1, &raw, nullptr) != SQLITE_OK)
        return -1;
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    return sqlite3_step(raw) == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : -1;
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
