// SqlText: the normalised spelling of column types, the comparable form of SQL text per
// dialect, and the names behind quoted identifiers.

#include "schema/sqltext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

class TestSqlText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalisedType_data();
    void normalisedType();
    void comparable_data();
    void comparable();
    void same_data();
    void same();
    void unquoted_data();
    void unquoted();
};

void TestSqlText::normalisedType_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("upper case") << u"INTEGER"_s << u"integer"_s;
    QTest::newRow("spaces at parentheses and commas") << u"NUMERIC( 10 , 3 )"_s << u"numeric(10,3)"_s;
    QTest::newRow("space before the parenthesis") << u"VARCHAR (80)"_s << u"varchar(80)"_s;
    QTest::newRow("runs of spaces") << u" Double \t Precision "_s << u"double precision"_s;
    QTest::newRow("PostgreSQL spelling stays") << u"timestamp with time zone"_s << u"timestamp with time zone"_s;
    QTest::newRow("arrays") << u"character varying(80)[]"_s << u"character varying(80)[]"_s;
    QTest::newRow("quoted names keep case and spaces") << u"app.\"My  Type\""_s << u"app.\"My  Type\""_s;
    QTest::newRow("none") << QString() << QString();
}

void TestSqlText::normalisedType()
{
    QFETCH(QString, declared);
    QFETCH(QString, normalised);
    QCOMPARE(SqlText::normalisedType(declared), normalised);
}

void TestSqlText::comparable_data()
{
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("comparable");
    QTest::newRow("sqlite: case, spaces, comments")
        << Dialect::Sqlite << u"Total>=0 -- positive\n AND  \"Price\" IS NOT NULL"_s
        << u"total >= 0 and price is not null"_s;
    QTest::newRow("sqlite: brackets and backquotes") << Dialect::Sqlite << u"[A b] + `C`"_s << u"a b + c"_s;
    QTest::newRow("sqlite: strings keep their text") << Dialect::Sqlite << u"'Active'"_s << u"'Active'"_s;
    QTest::newRow("postgres: quoted identifiers keep case")
        << Dialect::Postgres << u"\"Price\" > price"_s << u"Price > price"_s;
    QTest::newRow("postgres: dollar quoting") << Dialect::Postgres << u"$$ SELECT 1 $$"_s << u"$$ SELECT 1 $$"_s;
    QTest::newRow("text that does not tokenize") << Dialect::Sqlite << u"a  =  'x"_s << u"a = 'x"_s;
}

void TestSqlText::comparable()
{
    QFETCH(Dialect, dialect);
    QFETCH(QString, text);
    QFETCH(QString, comparable);
    QCOMPARE(SqlText::comparable(text, dialect), comparable);
}

void TestSqlText::same_data()
{
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("sqlite: quoted and bare name") << Dialect::Sqlite << u"\"Email\" <> ''"_s << u"email<>''"_s << true;
    QTest::newRow("postgres: quoted mixed case is another name")
        << Dialect::Postgres << u"\"Email\" <> ''"_s << u"email <> ''"_s << false;
    QTest::newRow("postgres: quoted lower case is the same name")
        << Dialect::Postgres << u"\"email\" <> ''"_s << u"EMAIL <> ''"_s << true;
    QTest::newRow("strings differ by case") << Dialect::Sqlite << u"'a'"_s << u"'A'"_s << false;
    QTest::newRow("other operator") << Dialect::Sqlite << u"a > 0"_s << u"a >= 0"_s << false;
    QTest::newRow("both empty") << Dialect::Sqlite << QString() << QString() << true;
}

void TestSqlText::same()
{
    QFETCH(Dialect, dialect);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(SqlText::same(a, b, dialect), same);
    QCOMPARE(SqlText::same(b, a, dialect), same);
}

void TestSqlText::unquoted_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("name");
    QTest::newRow("double quotes") << u"\"a \"\"b\"\"\""_s << u"a \"b\""_s;
    QTest::newRow("brackets") << u"[a ]]b]"_s << u"a ]]b"_s;
    QTest::newRow("backquotes") << u"`a``b`"_s << u"a`b"_s;
    QTest::newRow("single quotes") << u"'it''s'"_s << u"it's"_s;
    QTest::newRow("bare word") << u"Users"_s << u"Users"_s;
    QTest::newRow("one quote") << u"\""_s << u"\""_s;
}

void TestSqlText::unquoted()
{
    QFETCH(QString, token);
    QFETCH(QString, name);
    QCOMPARE(SqlText::unquoted(token), name);
}

QTEST_GUILESS_MAIN(TestSqlText)
#include "tst_sqltext.moc"
