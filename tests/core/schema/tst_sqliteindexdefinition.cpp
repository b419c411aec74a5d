// SqliteIndexDefinition::parse: the terms of a CREATE INDEX as written (without their
// COLLATE and order, which the pragma reports) and the WHERE of a partial index.

#include "schema/sqliteindexdefinition.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

class TestSqliteIndexDefinition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
};

void TestSqliteIndexDefinition::parse_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("terms");
    QTest::addColumn<QString>("predicate");

    QTest::newRow("one column") << u"CREATE INDEX i ON t (a)"_s << QStringList { u"a"_s } << QString();
    QTest::newRow("expressions, collations, order, partial")
        << u"CREATE UNIQUE INDEX IF NOT EXISTS \"my idx\" ON \"t t\" (lower(a) DESC, b COLLATE \"nocase\" ASC, "
           "(a + b), c COLLATE nocase) WHERE a IS NOT NULL AND b > 0"_s
        << QStringList { u"lower(a)"_s, u"b"_s, u"(a + b)"_s, u"c"_s } << u"a IS NOT NULL AND b > 0"_s;
    QTest::newRow("comments") << u"CREATE INDEX i ON t (a, /* x */ b) WHERE a > 0 -- positive"_s
                              << QStringList { u"a"_s, u"b"_s } << u"a > 0"_s;
    QTest::newRow("an index named like a keyword")
        << u"create index \"on\" on \"where\" (\"where\") where \"where\" = ','"_s << QStringList { u"\"where\""_s }
        << u"\"where\" = ','"_s;
    QTest::newRow("text that does not tokenize")
        << u"CREATE INDEX i ON t (a) WHERE a = 'x"_s << QStringList {} << QString();
    QTest::newRow("empty") << QString() << QStringList {} << QString();
}

void TestSqliteIndexDefinition::parse()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, terms);
    QFETCH(QString, predicate);
    const SqliteIndexDefinition definition = SqliteIndexDefinition::parse(sql);
    QCOMPARE(definition.terms, terms);
    QCOMPARE(definition.predicate, predicate);
}

QTEST_GUILESS_MAIN(TestSqliteIndexDefinition)
#include "tst_sqliteindexdefinition.moc"
