// SqliteTableDefinition::parse on CREATE TABLE text as sqlite_master keeps it: column and
// table constraints, names that belong to the constraint right after them, generated
// expressions, AUTOINCREMENT, table options, and text that only looks like SQL (comments,
// strings) or is not a column list at all.

#include "schema/sqlitetabledefinition.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

namespace {

// One line per finding, in the order parse() keeps them.
QStringList summary(const SqliteTableDefinition& definition)
{
    QStringList lines;
    for (const UniqueConstraint& unique : definition.uniqueConstraints)
        lines.append(u"unique %1: %2"_s.arg(unique.name, unique.columns.join(u',')));
    for (const CheckConstraint& check : definition.checkConstraints)
        lines.append(u"check %1: %2"_s.arg(check.name, check.expression));
    for (const ForeignKey& key : definition.foreignKeys)
        lines.append(u"fk %1: %2 -> %3(%4)"_s.arg(
            key.name, key.columns.join(u','), key.referencedTable, key.referencedColumns.join(u',')));
    QStringList generated = definition.generationExpressions.keys();
    generated.sort();
    for (const QString& column : generated)
        lines.append(u"generated %1: %2"_s.arg(column, definition.generationExpressions.value(column)));
    if (definition.autoincrement)
        lines.append(u"AUTOINCREMENT"_s);
    if (definition.withoutRowid)
        lines.append(u"WITHOUT ROWID"_s);
    if (definition.strict)
        lines.append(u"STRICT"_s);
    return lines;
}

} // namespace

class TestSqliteTableDefinition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void namesByColumns();
};

void TestSqliteTableDefinition::parse_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("column constraints")
        << u"CREATE TABLE t (a INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT CONSTRAINT b_u UNIQUE "
           "CHECK (length(b) > 0), c REFERENCES p ON DELETE CASCADE)"_s
        << QStringList { u"unique b_u: b"_s, u"check : length(b) > 0"_s, u"fk : c -> p()"_s, u"AUTOINCREMENT"_s };
    QTest::newRow("a name belongs to the next constraint only")
        << u"CREATE TABLE t (a INT CONSTRAINT nn NOT NULL CHECK (a > 0) CONSTRAINT pos CHECK (a < 9))"_s
        << QStringList { u"check : a > 0"_s, u"check pos: a < 9"_s };
    QTest::newRow("table constraints")
        << u"CREATE TABLE t (a, b, CONSTRAINT pk PRIMARY KEY (a AUTOINCREMENT), "
           "CONSTRAINT u UNIQUE (a COLLATE NOCASE, b DESC), CHECK (a <> b), "
           "CONSTRAINT f FOREIGN KEY (a, b) REFERENCES \"p q\" (\"x\", [y]) ON DELETE CASCADE)"_s
        << QStringList { u"unique u: a,b"_s, u"check : a <> b"_s, u"fk f: a,b -> p q(x,y)"_s, u"AUTOINCREMENT"_s };
    QTest::newRow("generated columns")
        << u"CREATE TABLE t (a, b INT GENERATED ALWAYS AS (a * (2 + 1)) VIRTUAL, \"C\" AS (upper(a)) STORED)"_s
        << QStringList { u"generated b: a * (2 + 1)"_s, u"generated c: upper(a)"_s };
    QTest::newRow("WITHOUT ROWID, STRICT") << u"CREATE TABLE t (a TEXT PRIMARY KEY) WITHOUT ROWID, STRICT"_s
                                           << QStringList { u"WITHOUT ROWID"_s, u"STRICT"_s };
    QTest::newRow("STRICT, WITHOUT ROWID") << u"create table t (a text primary key) strict, without rowid"_s
                                           << QStringList { u"WITHOUT ROWID"_s, u"STRICT"_s };
    QTest::newRow("comments and strings that look like constraints")
        << u"CREATE TABLE t (-- CHECK (x)\n a TEXT DEFAULT 'CHECK (no)' /* UNIQUE */ CHECK (a <> ')'))"_s
        << QStringList { u"check : a <> ')'"_s };
    QTest::newRow("keywords inside a default expression")
        << u"CREATE TABLE t (a INT DEFAULT (CASE WHEN 1 THEN 2 END) CHECK (a IN (1, 2)), b DECIMAL(10, 2) UNIQUE)"_s
        << QStringList { u"unique : b"_s, u"check : a IN (1, 2)"_s };
    QTest::newRow("names in every quoting")
        << u"CREATE TABLE \"t \"\"x\"\"\" (\"a \"\"b\"\"\" INT CONSTRAINT [c d] CHECK (\"a \"\"b\"\"\" > 0), "
           "`e` INT CONSTRAINT 'f g' REFERENCES [p])"_s
        << QStringList { u"check c d: \"a \"\"b\"\"\" > 0"_s, u"fk f g: e -> p()"_s };
    QTest::newRow("IF NOT EXISTS and a schema")
        << u"CREATE TABLE IF NOT EXISTS main.t (a UNIQUE)"_s << QStringList { u"unique : a"_s };
    QTest::newRow("AS SELECT has no constraints")
        << u"CREATE TABLE t AS SELECT 1 AS a, (SELECT 2) AS b"_s << QStringList {};
    QTest::newRow("text that does not tokenize") << u"CREATE TABLE t (a TEXT DEFAULT 'oops"_s << QStringList {};
    QTest::newRow("empty") << QString() << QStringList {};
}

void TestSqliteTableDefinition::parse()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QCOMPARE(summary(SqliteTableDefinition::parse(sql)), expected);
}

void TestSqliteTableDefinition::namesByColumns()
{
    const SqliteTableDefinition definition = SqliteTableDefinition::parse(
        u"CREATE TABLE t (a, b, CONSTRAINT ab UNIQUE (a, b), UNIQUE (b), CONSTRAINT to_p FOREIGN KEY (A) "
        "REFERENCES P)"_s);
    QCOMPARE(definition.uniqueConstraintName({ u"A"_s, u"B"_s }), u"ab"_s); // names ignore case in SQLite
    QCOMPARE(definition.uniqueConstraintName({ u"b"_s, u"a"_s }), QString());
    QCOMPARE(definition.uniqueConstraintName({ u"b"_s }), QString());
    QCOMPARE(definition.foreignKeyName({ u"a"_s }, u"p"_s), u"to_p"_s);
    QCOMPARE(definition.foreignKeyName({ u"a"_s }, u"q"_s), QString());
}

QTEST_GUILESS_MAIN(TestSqliteTableDefinition)
#include "tst_sqlitetabledefinition.moc"
