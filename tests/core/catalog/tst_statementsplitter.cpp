#include "catalog/statementsplitter.h"

#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(backstep::Dialect)

namespace {

// "#number line N: text" per statement, so a failing row shows the whole split.
QStringList dump(const SqlStatements& statements)
{
    QStringList lines;
    for (const SqlStatement& statement : statements)
        lines.append(u"#%1 line %2: %3"_s.arg(statement.number).arg(statement.line).arg(statement.text));
    return lines;
}

} // namespace

class TestStatementSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void splitFromTokensMatches();
    void errors_data();
    void errors();
};

void TestStatementSplitter::split_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("expected");

    const Dialect sqlite = Dialect::Sqlite;
    const Dialect postgres = Dialect::Postgres;

    QTest::newRow("two statements") << u"CREATE TABLE a(x);\nCREATE TABLE b(y);\n"_s << sqlite
                                    << QStringList { u"#1 line 1: CREATE TABLE a(x)"_s,
                                           u"#2 line 2: CREATE TABLE b(y)"_s };
    QTest::newRow("last statement without semicolon")
        << u"SELECT 1;\n  SELECT 2  \n"_s << sqlite
        << QStringList { u"#1 line 1: SELECT 1"_s, u"#2 line 2: SELECT 2"_s };
    QTest::newRow("empty statements dropped")
        << u";;SELECT 1;;\n;\n"_s << sqlite << QStringList { u"#1 line 1: SELECT 1"_s };
    QTest::newRow("comment-only statements dropped")
        << u"-- header\n/* block */\nSELECT 1;\n-- only a comment;\n/* and; another */;\n"_s << sqlite
        << QStringList { u"#1 line 3: SELECT 1"_s };
    QTest::newRow("empty text") << QString() << postgres << QStringList();
    QTest::newRow("leading comment dropped, inner comment kept")
        << u"-- lead\nSELECT 1, -- inner; with semicolon\n 2;"_s << sqlite
        << QStringList { u"#1 line 2: SELECT 1, -- inner; with semicolon\n 2"_s };
    QTest::newRow("trailing comments dropped") << u"SELECT 1 /* t */;\nSELECT 2 -- t\n;"_s << sqlite
                                               << QStringList { u"#1 line 1: SELECT 1"_s, u"#2 line 2: SELECT 2"_s };
    QTest::newRow("comments with quotes inside")
        << u"-- don't\nSELECT 1; /* it's \" ` [ */ SELECT 2; -- $$\nSELECT 3;"_s << sqlite
        << QStringList { u"#1 line 2: SELECT 1"_s, u"#2 line 2: SELECT 2"_s, u"#3 line 3: SELECT 3"_s };
    QTest::newRow("strings with semicolons")
        << u"INSERT INTO t VALUES ('a;b', 'it''s;');\nSELECT 2;"_s << sqlite
        << QStringList { u"#1 line 1: INSERT INTO t VALUES ('a;b', 'it''s;')"_s, u"#2 line 2: SELECT 2"_s };
    QTest::newRow("multi-line string") << u"INSERT INTO t VALUES ('a;\nb');\nSELECT 2;"_s << sqlite
                                       << QStringList { u"#1 line 1: INSERT INTO t VALUES ('a;\nb')"_s,
                                              u"#2 line 3: SELECT 2"_s };
    QTest::newRow("sqlite quoted identifiers with semicolons")
        << u"CREATE TABLE \"a;b\" ([c;d] INT, `e;f` TEXT);SELECT 1;"_s << sqlite
        << QStringList { u"#1 line 1: CREATE TABLE \"a;b\" ([c;d] INT, `e;f` TEXT)"_s, u"#2 line 1: SELECT 1"_s };
    QTest::newRow("postgres quoted identifier with semicolon")
        << u"ALTER TABLE \"a;\"\"b\" ADD c int; SELECT 1"_s << postgres
        << QStringList { u"#1 line 1: ALTER TABLE \"a;\"\"b\" ADD c int"_s, u"#2 line 1: SELECT 1"_s };
    QTest::newRow("sqlite trigger body")
        << u"CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = n + 1;\n  INSERT INTO log VALUES "
           u"(new.id);\nEND;\nSELECT 1;"_s
        << sqlite
        << QStringList { u"#1 line 1: CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = n + 1;\n  "
                         u"INSERT INTO log VALUES (new.id);\nEND"_s,
               u"#2 line 6: SELECT 1"_s };
    QTest::newRow("sqlite temp trigger with CASE in WHEN and body")
        << u"CREATE TEMP TRIGGER t BEFORE UPDATE ON a WHEN CASE WHEN new.x > 0 THEN 1 ELSE 0 END\nBEGIN\n  UPDATE b "
           u"SET k = CASE WHEN new.x = 1 THEN 'one' ELSE 'end;' END;\n  SELECT RAISE(ABORT, 'no; way');\nEND;\nDROP "
           u"TABLE z;"_s
        << sqlite
        << QStringList { u"#1 line 1: CREATE TEMP TRIGGER t BEFORE UPDATE ON a WHEN CASE WHEN new.x > 0 THEN 1 ELSE "
                         u"0 END\nBEGIN\n  UPDATE b SET k = CASE WHEN new.x = 1 THEN 'one' ELSE 'end;' END;\n  SELECT "
                         u"RAISE(ABORT, 'no; way');\nEND"_s,
               u"#2 line 6: DROP TABLE z"_s };
    QTest::newRow("sqlite temporary trigger in lower case")
        << u"create temporary trigger if not exists t after delete on a begin delete from b; end; select 2"_s << sqlite
        << QStringList { u"#1 line 1: create temporary trigger if not exists t after delete on a begin delete from b; "
                         u"end"_s,
               u"#2 line 1: select 2"_s };
    QTest::newRow("sqlite nested CASE in trigger body")
        << u"CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN CASE WHEN 2 THEN 3 END END; SELECT 4; "
           u"END; SELECT 5;"_s
        << sqlite
        << QStringList { u"#1 line 1: CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN CASE WHEN 2 "
                         u"THEN 3 END END; SELECT 4; END"_s,
               u"#2 line 1: SELECT 5"_s };
    QTest::newRow("sqlite trigger with comments and quoted END")
        << u"CREATE TRIGGER t AFTER INSERT ON a BEGIN -- END;\n INSERT INTO \"end\" VALUES ('END;'); /* END; */\nEND;\nSELECT 6;"_s
        << sqlite
        << QStringList { u"#1 line 1: CREATE TRIGGER t AFTER INSERT ON a BEGIN -- END;\n INSERT INTO \"end\" VALUES "
                         u"('END;'); /* END; */\nEND"_s,
               u"#2 line 4: SELECT 6"_s };
    QTest::newRow("sqlite transaction statements are not bodies")
        << u"BEGIN;\nCREATE TABLE a(x);\nEND;\nSELECT CASE WHEN 1 THEN 2 END;\nSELECT 3;"_s << sqlite
        << QStringList { u"#1 line 1: BEGIN"_s, u"#2 line 2: CREATE TABLE a(x)"_s, u"#3 line 3: END"_s,
               u"#4 line 4: SELECT CASE WHEN 1 THEN 2 END"_s, u"#5 line 5: SELECT 3"_s };
    QTest::newRow("sqlite splits inside parentheses")
        << u"SELECT (1;\nSELECT 2);"_s << sqlite
        << QStringList { u"#1 line 1: SELECT (1"_s, u"#2 line 2: SELECT 2)"_s };
    QTest::newRow("postgres dollar-quoted function")
        << u"CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated := now();\n  RETURN "
           u"NEW;\nEND;\n$$ LANGUAGE plpgsql;\nCREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION "
           u"touch();"_s
        << postgres
        << QStringList { u"#1 line 1: CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated := "
                         u"now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql"_s,
               u"#2 line 7: CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch()"_s };
    QTest::newRow("postgres tagged dollar quote holding $$")
        << u"DO $do$ BEGIN EXECUTE $$SELECT 1; SELECT 2$$; END $do$;\nSELECT 3;"_s << postgres
        << QStringList { u"#1 line 1: DO $do$ BEGIN EXECUTE $$SELECT 1; SELECT 2$$; END $do$"_s,
               u"#2 line 2: SELECT 3"_s };
    QTest::newRow("postgres $1 is a parameter")
        << u"PREPARE p AS SELECT $1; SELECT $2;"_s << postgres
        << QStringList { u"#1 line 1: PREPARE p AS SELECT $1"_s, u"#2 line 1: SELECT $2"_s };
    QTest::newRow("postgres BEGIN ATOMIC function")
        << u"CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int\nLANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN "
           u"a > 0 THEN a ELSE 0 END + b;\n  SELECT 1;\nEND;\nSELECT add(1, 2);"_s
        << postgres
        << QStringList { u"#1 line 1: CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int\nLANGUAGE "
                         u"sql\nBEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN a ELSE 0 END + b;\n  SELECT 1;\nEND"_s,
               u"#2 line 7: SELECT add(1, 2)"_s };
    QTest::newRow("postgres BEGIN ATOMIC procedure")
        << u"create procedure p() begin atomic insert into t values (1); end; call p();"_s << postgres
        << QStringList { u"#1 line 1: create procedure p() begin atomic insert into t values (1); end"_s,
               u"#2 line 1: call p()"_s };
    QTest::newRow("postgres transaction statements are not bodies")
        << u"BEGIN;\nSELECT 1;\nEND;"_s << postgres
        << QStringList { u"#1 line 1: BEGIN"_s, u"#2 line 2: SELECT 1"_s, u"#3 line 3: END"_s };
    QTest::newRow("postgres E string") << u"INSERT INTO t VALUES (E'a\\';b');\nSELECT 2;"_s << postgres
                                       << QStringList { u"#1 line 1: INSERT INTO t VALUES (E'a\\';b')"_s,
                                              u"#2 line 2: SELECT 2"_s };
    QTest::newRow("postgres nested comments")
        << u"/* outer /* inner; */ still; */ SELECT 1; SELECT /* a /* b */ ; */ 2;"_s << postgres
        << QStringList { u"#1 line 1: SELECT 1"_s, u"#2 line 1: SELECT /* a /* b */ ; */ 2"_s };
    QTest::newRow("postgres rule with several commands")
        << u"CREATE RULE r AS ON INSERT TO v DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT "
           u"1;"_s
        << postgres
        << QStringList {
               u"#1 line 1: CREATE RULE r AS ON INSERT TO v DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES "
               u"(2))"_s,
               u"#2 line 2: SELECT 1"_s
           };
    QTest::newRow("CRLF line endings") << u"SELECT 1;\r\n\r\nSELECT\r\n  2;\r\n"_s << sqlite
                                       << QStringList { u"#1 line 1: SELECT 1"_s, u"#2 line 3: SELECT\r\n  2"_s };
}

void TestStatementSplitter::split()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, expected);

    const Result<SqlStatements> statements = StatementSplitter::split(sql, dialect);
    QVERIFY2(statements.ok(), qPrintable(statements.ok() ? QString() : statements.error().message));
    QCOMPARE(dump(statements.value()), expected);
}

void TestStatementSplitter::splitFromTokensMatches()
{
    const QString sql = u"-- c\nSELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 2; END;"_s;
    const Result<SqlTokens> tokens = SqlTokenizer::tokenize(sql, Dialect::Sqlite);
    QVERIFY(tokens.ok());
    const SqlStatements expected { { u"SELECT 1"_s, 2, 1 },
        { u"CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 2; END"_s, 3, 2 } };
    QCOMPARE(StatementSplitter::split(sql, tokens.value(), Dialect::Sqlite), expected);
    QCOMPARE(StatementSplitter::split(sql, Dialect::Sqlite).value(), expected);
}

void TestStatementSplitter::errors_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("message");

    QTest::newRow("string") << u"SELECT 1;\n\nSELECT 'abc;\nSELECT 2;"_s << Dialect::Sqlite
                            << u"line 3: unterminated string"_s;
    QTest::newRow("comment") << u"SELECT 1; /* trailing"_s << Dialect::Postgres << u"line 1: unterminated comment"_s;
    QTest::newRow("dollar quote") << u"SELECT 1;\nCREATE FUNCTION f() AS $$ SELECT 1;"_s << Dialect::Postgres
                                  << u"line 2: unterminated dollar-quoted string"_s;
}

void TestStatementSplitter::errors()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QString, message);

    const Result<SqlStatements> statements = StatementSplitter::split(sql, dialect);
    QVERIFY(!statements.ok());
    QCOMPARE(statements.error().code, Error::Code::Catalog);
    QCOMPARE(statements.error().message, message);
}

QTEST_GUILESS_MAIN(TestStatementSplitter)
#include "tst_statementsplitter.moc"
