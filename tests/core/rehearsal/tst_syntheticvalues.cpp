// SyntheticValues against real engines: a table whose CHECKs bound numbers and text
// lengths is created, read back with SchemaReader (so the CHECKs are as each engine
// prints them), and a synthetic row for it must insert. On SQLite in memory and on
// the PostgreSQL server tests/run-tests.sh starts.
#include "db/databaseconnection.h"
#include "db/schemareader.h"
#include "rehearsal/syntheticvalues.h"
#include "scratchpostgres.h"

#include <QTest>

using namespace backstep;
using namespace backstep::test;

namespace {

QString createTable(Dialect dialect)
{
    const QString length = dialect == Dialect::Sqlite ? QStringLiteral("length") : QStringLiteral("char_length");
    const QString text = dialect == Dialect::Sqlite ? QStringLiteral("TEXT") : QStringLiteral("varchar(60)");
    return QStringLiteral(
               "CREATE TABLE orders (id INTEGER PRIMARY KEY, "
               "qty INTEGER NOT NULL CHECK (qty > 0), "
               "year INTEGER NOT NULL CHECK (year >= 2000 AND year <= 2100), "
               "discount INTEGER NOT NULL CHECK (discount < 0), "
               "rating INTEGER NOT NULL CHECK (rating BETWEEN 3 AND 5), "
               "price NUMERIC(10,2) NOT NULL CHECK (price > 10), "
               "ratio REAL NOT NULL CHECK (ratio >= 0 AND ratio < 1), "
               "code %2 NOT NULL CHECK (%1(code) <= 4), "
               "label %2 NOT NULL CHECK (%1(label) >= 40), "
               "kind %2 NOT NULL CHECK (kind IN ('retail', 'wholesale')))")
        .arg(length, text);
}

// Creates the table, reads the schema back and inserts one synthetic row; the
// engine's error if it refuses.
QString insertSyntheticRow(DatabaseConnection& connection)
{
    if (auto created = connection.execute(createTable(connection.dialect())); !created)
        return created.error().message;
    auto schema = SchemaReader::read(connection);
    if (!schema)
        return schema.error().message;
    const Table& table = schema->tables.value(QStringLiteral("orders"));
    if (table.columns.isEmpty())
        return QStringLiteral("orders was not read back");
    SyntheticValues values(schema.value());
    QStringList names { QStringLiteral("id") };
    QStringList marks { QStringLiteral("?") };
    QVariantList row { 1 };
    for (const Column& column : table.columns) {
        if (column.name == QLatin1String("id"))
            continue;
        names << column.name;
        marks << QStringLiteral("?");
        row << values.valueFor(table, column);
    }
    const auto inserted = connection.execute(
        QStringLiteral("INSERT INTO orders (%1) VALUES (%2)").arg(names.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))),
        row);
    if (!inserted)
    {
        QStringList checks;
        for (const CheckConstraint& check : table.checkConstraints)
            checks << check.expression;
        return inserted.error().message + QStringLiteral(" with ") + QVariant(row).toStringList().join(QStringLiteral(", "))
            + QStringLiteral(" for ") + checks.join(QStringLiteral("; "));
    }
    return {};
}

} // namespace

class TestSyntheticValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteRowSatisfiesItsChecks()
    {
        auto connection = DatabaseConnection::openInMemory();
        QVERIFY(connection.ok());
        const QString problem = insertSyntheticRow(*connection.value());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void postgresRowSatisfiesItsChecks()
    {
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
        ScratchPostgres server;
        QVERIFY2(server.isValid(), qPrintable(server.error()));
        const auto uri = DatabaseUri::parse(server.uri());
        QVERIFY(uri.ok());
        auto connection = DatabaseConnection::open(uri.value(), DatabaseConnection::Access::ReadWrite);
        QVERIFY(connection.ok());
        const QString problem = insertSyntheticRow(*connection.value());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestSyntheticValues)
#include "tst_syntheticvalues.moc"
