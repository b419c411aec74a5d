// SqlIdentifier: quoting of names that come from outside. Besides the exact text, the
// quoted names are run on an in-memory SQLite database to prove that each stays one
// identifier, however it looks.

#include "db/sqlidentifier.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

class TestSqlIdentifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void quote_data();
    void quote();
    void quotedNameIsOneTable_data();
    void quotedNameIsOneTable();
    void parts_data();
    void parts();
    void quoteQualified_data();
    void quoteQualified();

private:
    QSqlDatabase database() const
    {
        return QSqlDatabase::database(u"tst_sqlidentifier"_s, false);
    }
};

void TestSqlIdentifier::initTestCase()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_sqlidentifier"_s);
    db.setDatabaseName(u":memory:"_s);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
}

void TestSqlIdentifier::cleanupTestCase()
{
    database().close();
    QSqlDatabase::removeDatabase(u"tst_sqlidentifier"_s);
}

void TestSqlIdentifier::quote_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");

    QTest::newRow("plain") << u"_migrations"_s << u"\"_migrations\""_s;
    QTest::newRow("empty") << QString() << u"\"\""_s;
    QTest::newRow("keyword") << u"select"_s << u"\"select\""_s;
    QTest::newRow("space") << u"my ledger"_s << u"\"my ledger\""_s;
    QTest::newRow("mixed case kept") << u"Ledger"_s << u"\"Ledger\""_s;
    QTest::newRow("dot kept") << u"app._migrations"_s << u"\"app._migrations\""_s;
    QTest::newRow("one inner quote doubled") << u"a\"b"_s << u"\"a\"\"b\""_s;
    QTest::newRow("two quotes in a row") << u"a\"\"b"_s << u"\"a\"\"\"\"b\""_s;
    QTest::newRow("only a quote") << u"\""_s << u"\"\"\"\""_s;
    QTest::newRow("already quoted stays literal") << u"\"a\""_s << u"\"\"\"a\"\"\""_s;
    QTest::newRow("injection attempt") << u"\"a\"; DROP TABLE x; \"b\""_s
                                       << u"\"\"\"a\"\"; DROP TABLE x; \"\"b\"\"\""_s;
    QTest::newRow("single quotes untouched") << u"it's"_s << u"\"it's\""_s;
    QTest::newRow("non-ASCII") << u"caf\u00e9"_s << u"\"caf\u00e9\""_s;
}

void TestSqlIdentifier::quote()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);

    QCOMPARE(SqlIdentifier::quote(name), quoted);
}

void TestSqlIdentifier::quotedNameIsOneTable_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("injection attempt") << u"\"a\"; DROP TABLE x; \"b\""_s;
    QTest::newRow("already quoted") << u"\"a\""_s;
    QTest::newRow("inner quote and space") << u"my \"odd\" ledger"_s;
    QTest::newRow("comment start") << u"t -- x"_s;
    QTest::newRow("dot") << u"app._migrations"_s;
}

void TestSqlIdentifier::quotedNameIsOneTable()
{
    QFETCH(QString, name);

    QSqlQuery query(database());
    QVERIFY2(query.exec(u"CREATE TABLE x (v INTEGER)"_s), qPrintable(query.lastError().text()));
    QVERIFY2(query.exec(u"CREATE TABLE "_s + SqlIdentifier::quote(name) + u" (v INTEGER)"_s),
        qPrintable(query.lastError().text()));
    QStringList tables = database().tables();
    tables.sort();
    QStringList expected = { name, u"x"_s };
    expected.sort();
    QCOMPARE(tables, expected);
    QVERIFY2(query.exec(u"INSERT INTO "_s + SqlIdentifier::quote(name) + u" (v) VALUES (7)"_s),
        qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT v FROM "_s + SqlIdentifier::quote(name)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 7);
    query.finish();

    QVERIFY(query.exec(u"DROP TABLE "_s + SqlIdentifier::quote(name)));
    QVERIFY(query.exec(u"DROP TABLE x"_s));
    QCOMPARE(database().tables(), QStringList());
}

void TestSqlIdentifier::parts_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("parts");

    QTest::newRow("postgres plain") << u"_migrations"_s << Dialect::Postgres << QStringList { u"_migrations"_s };
    QTest::newRow("postgres schema-qualified")
        << u"app._migrations"_s << Dialect::Postgres << QStringList { u"app"_s, u"_migrations"_s };
    QTest::newRow("postgres leading dot is not a schema")
        << u".ledger"_s << Dialect::Postgres << QStringList { u".ledger"_s };
    QTest::newRow("postgres trailing dot is not a schema")
        << u"ledger."_s << Dialect::Postgres << QStringList { u"ledger."_s };
    QTest::newRow("postgres splits at the first dot")
        << u"app.ledger.v2"_s << Dialect::Postgres << QStringList { u"app"_s, u"ledger.v2"_s };
    QTest::newRow("sqlite keeps the dot")
        << u"app._migrations"_s << Dialect::Sqlite << QStringList { u"app._migrations"_s };
    QTest::newRow("sqlite plain") << u"_migrations"_s << Dialect::Sqlite << QStringList { u"_migrations"_s };
}

void TestSqlIdentifier::parts()
{
    QFETCH(QString, name);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, parts);

    QCOMPARE(SqlIdentifier::parts(name, dialect), parts);
}

void TestSqlIdentifier::quoteQualified_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("quoted");

    QTest::newRow("postgres plain") << u"_migrations"_s << Dialect::Postgres << u"\"_migrations\""_s;
    QTest::newRow("postgres schema-qualified")
        << u"app._migrations"_s << Dialect::Postgres << u"\"app\".\"_migrations\""_s;
    QTest::newRow("postgres quotes in both parts")
        << u"a\"pp.le\"dger"_s << Dialect::Postgres << u"\"a\"\"pp\".\"le\"\"dger\""_s;
    QTest::newRow("postgres injection attempt without a dot")
        << u"\"a\"; DROP TABLE x; \"b\""_s << Dialect::Postgres << u"\"\"\"a\"\"; DROP TABLE x; \"\"b\"\"\""_s;
    QTest::newRow("postgres injection attempt with a dot")
        << u"\"a\".b\"; DROP TABLE x; --"_s << Dialect::Postgres << u"\"\"\"a\"\"\".\"b\"\"; DROP TABLE x; --\""_s;
    QTest::newRow("sqlite one name with a dot") << u"app._migrations"_s << Dialect::Sqlite << u"\"app._migrations\""_s;
    QTest::newRow("sqlite injection attempt")
        << u"\"a\"; DROP TABLE x; \"b\""_s << Dialect::Sqlite << u"\"\"\"a\"\"; DROP TABLE x; \"\"b\"\"\""_s;
}

void TestSqlIdentifier::quoteQualified()
{
    QFETCH(QString, name);
    QFETCH(Dialect, dialect);
    QFETCH(QString, quoted);

    QCOMPARE(SqlIdentifier::quoteQualified(name, dialect), quoted);
}

QTEST_GUILESS_MAIN(TestSqlIdentifier)
#include "tst_sqlidentifier.moc"
