#include "catalog/checksum.h"

#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;

class TestChecksum : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalise_data();
    void normalise();
    void ofIsSha256OfTheNormalisedText_data();
    void ofIsSha256OfTheNormalisedText();
    void sameChecksum_data();
    void sameChecksum();
    void changedSqlChangesTheChecksum();
};

void TestChecksum::normalise_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");

    QTest::newRow("already normal") << u"SELECT 1;"_s << u"SELECT 1;"_s;
    QTest::newRow("CRLF") << u"SELECT 1;\r\nSELECT 2;\r\n"_s << u"SELECT 1;\nSELECT 2;"_s;
    QTest::newRow("lone CR") << u"SELECT 1;\rSELECT 2;"_s << u"SELECT 1;\nSELECT 2;"_s;
    QTest::newRow("trailing whitespace") << u"SELECT 1;  \t\nSELECT 2; \n"_s << u"SELECT 1;\nSELECT 2;"_s;
    QTest::newRow("leading whitespace kept")
        << u"CREATE TABLE a (\n    x INT\n);"_s << u"CREATE TABLE a (\n    x INT\n);"_s;
    QTest::newRow("inner blank lines kept") << u"SELECT 1;\n\n\nSELECT 2;"_s << u"SELECT 1;\n\n\nSELECT 2;"_s;
    QTest::newRow("leading and trailing blank lines") << u"\n  \n\r\nSELECT 1;\n\n \n"_s << u"SELECT 1;"_s;
    QTest::newRow("directive lines removed")
        << u"-- backstep: backward-compatible\n-- adds a column\n--BACKSTEP : no-transaction\nALTER TABLE a ADD b;"_s
        << u"-- adds a column\nALTER TABLE a ADD b;"_s;
    QTest::newRow("indented directive removed") << u"  -- backstep: no-transaction\nSELECT 1;"_s << u"SELECT 1;"_s;
    QTest::newRow("blank line after removed directive")
        << u"-- backstep: backward-compatible\n\nSELECT 1;"_s << u"SELECT 1;"_s;
    QTest::newRow("mention of backstep is not a directive")
        << u"-- see backstep: docs\nSELECT 1;"_s << u"-- see backstep: docs\nSELECT 1;"_s;
    QTest::newRow("byte order mark") << u"\uFEFFSELECT 1;"_s << u"SELECT 1;"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestChecksum::normalise()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);

    QCOMPARE(Checksum::normalise(sql), expected);
}

void TestChecksum::ofIsSha256OfTheNormalisedText_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");

    // Digests computed independently: printf '%s' 'SELECT 1' | sha256sum
    QTest::newRow("one line") << u"SELECT 1"_s << u"e004ebd5b5532a4b85984a62f8ad48a81aa3460c1ca07701f386135d72cdecf5"_s;
    QTest::newRow("normalised first")
        << u"-- backstep: backward-compatible\r\nCREATE TABLE a (x INTEGER);  \r\n\r\nINSERT INTO a VALUES (1);\r\n"_s
        << u"798607011ab146ccba6689b5d5363b1d26facb479e6555823961776f4bd4be38"_s;
    QTest::newRow("empty") << QString() << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
}

void TestChecksum::ofIsSha256OfTheNormalisedText()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);

    QCOMPARE(Checksum::of(sql), expected);
}

void TestChecksum::sameChecksum_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");

    const QString sql = u"-- backstep: backward-compatible\nALTER TABLE a ADD b TEXT;\n"_s;
    QTest::newRow("re-saved with CRLF") << sql
                                        << u"-- backstep: backward-compatible\r\nALTER TABLE a ADD b TEXT;\r\n"_s;
    QTest::newRow("flag corrected") << sql << u"-- backstep: no-transaction\nALTER TABLE a ADD b TEXT;\n"_s;
    QTest::newRow("flag removed") << sql << u"ALTER TABLE a ADD b TEXT;"_s;
    QTest::newRow("trailing spaces added")
        << sql << u"-- backstep: backward-compatible\nALTER TABLE a ADD b TEXT;   \n\n"_s;
}

void TestChecksum::sameChecksum()
{
    QFETCH(QString, a);
    QFETCH(QString, b);

    QCOMPARE(Checksum::of(a), Checksum::of(b));
}

void TestChecksum::changedSqlChangesTheChecksum()
{
    QVERIFY(Checksum::of(u"ALTER TABLE a ADD b TEXT;"_s) != Checksum::of(u"ALTER TABLE a ADD c TEXT;"_s));
    QVERIFY(Checksum::of(u"ALTER TABLE a ADD b TEXT;"_s) != Checksum::of(u"  ALTER TABLE a ADD b TEXT;"_s));
    QVERIFY(Checksum::of(u"-- a\nSELECT 1;"_s) != Checksum::of(u"-- b\nSELECT 1;"_s));
}

QTEST_GUILESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
