#include "catalog/sqltokenizer.h"

#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(backstep::Dialect)

namespace {

QString typeName(SqlToken::Type type)
{
    switch (type) {
    case SqlToken::Type::Word:
        return u"Word"_s;
    case SqlToken::Type::QuotedIdentifier:
        return u"QuotedIdentifier"_s;
    case SqlToken::Type::String:
        return u"String"_s;
    case SqlToken::Type::Number:
        return u"Number"_s;
    case SqlToken::Type::Operator:
        return u"Operator"_s;
    case SqlToken::Type::OpenParen:
        return u"OpenParen"_s;
    case SqlToken::Type::CloseParen:
        return u"CloseParen"_s;
    case SqlToken::Type::Comma:
        return u"Comma"_s;
    case SqlToken::Type::Semicolon:
        return u"Semicolon"_s;
    case SqlToken::Type::Comment:
        return u"Comment"_s;
    case SqlToken::Type::Parameter:
        return u"Parameter"_s;
    }
    return u"?"_s;
}

// "line:Type:text" per token, so a failing row shows every token it got.
QStringList dump(const SqlTokens& tokens)
{
    QStringList lines;
    for (const SqlToken& token : tokens)
        lines.append(u"%1:%2:%3"_s.arg(token.line).arg(typeName(token.type), token.text));
    return lines;
}

} // namespace

class TestSqlTokenizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void offsetsPointIntoTheSource();
    void errors_data();
    void errors();
};

void TestSqlTokenizer::tokens_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("expected");

    const Dialect sqlite = Dialect::Sqlite;
    const Dialect postgres = Dialect::Postgres;

    QTest::newRow("words and punctuation")
        << u"SELECT a, b FROM t(x);"_s << sqlite
        << QStringList { u"1:Word:SELECT"_s, u"1:Word:a"_s, u"1:Comma:,"_s, u"1:Word:b"_s, u"1:Word:FROM"_s,
               u"1:Word:t"_s, u"1:OpenParen:("_s, u"1:Word:x"_s, u"1:CloseParen:)"_s, u"1:Semicolon:;"_s };
    QTest::newRow("line comment ends before CRLF")
        << u"SELECT 1 -- note; it's here\r\nFROM t"_s << sqlite
        << QStringList { u"1:Word:SELECT"_s, u"1:Number:1"_s, u"1:Comment:-- note; it's here"_s, u"2:Word:FROM"_s,
               u"2:Word:t"_s };
    QTest::newRow("line comment at end of text")
        << u"x --"_s << sqlite << QStringList { u"1:Word:x"_s, u"1:Comment:--"_s };
    QTest::newRow("block comment over lines")
        << u"/* a;\nb */ x"_s << sqlite << QStringList { u"1:Comment:/* a;\nb */"_s, u"2:Word:x"_s };
    QTest::newRow("nested block comment in postgres")
        << u"/* a /* b; */ c */ x"_s << postgres << QStringList { u"1:Comment:/* a /* b; */ c */"_s, u"1:Word:x"_s };
    QTest::newRow("sqlite block comment ends at first */") << u"/* a /* b */ c */ x"_s << sqlite
                                                           << QStringList { u"1:Comment:/* a /* b */"_s, u"1:Word:c"_s,
                                                                  u"1:Operator:*"_s, u"1:Operator:/"_s, u"1:Word:x"_s };
    QTest::newRow("quoted string with doubled quote")
        << u"'it''s; ok' x"_s << sqlite << QStringList { u"1:String:'it''s; ok'"_s, u"1:Word:x"_s };
    QTest::newRow("string over lines") << u"'a\nb' c"_s << sqlite
                                       << QStringList { u"1:String:'a\nb'"_s, u"2:Word:c"_s };
    QTest::newRow("postgres plain string keeps backslash")
        << u"'a\\' b"_s << postgres << QStringList { u"1:String:'a\\'"_s, u"1:Word:b"_s };
    QTest::newRow("postgres E string with backslash escapes")
        << u"E'it\\'s; \\\\' x"_s << postgres << QStringList { u"1:String:E'it\\'s; \\\\'"_s, u"1:Word:x"_s };
    QTest::newRow("postgres lower-case e string")
        << u"e'a''\\''"_s << postgres << QStringList { u"1:String:e'a''\\''"_s };
    QTest::newRow("sqlite has no E strings")
        << u"e'a\\'"_s << sqlite << QStringList { u"1:Word:e"_s, u"1:String:'a\\'"_s };
    QTest::newRow("sqlite blob") << u"X'00ff', x'01'"_s << sqlite
                                 << QStringList { u"1:String:X'00ff'"_s, u"1:Comma:,"_s, u"1:String:x'01'"_s };
    QTest::newRow("postgres bit, hex and national strings")
        << u"B'01' X'1f' N'n'"_s << postgres
        << QStringList { u"1:String:B'01'"_s, u"1:String:X'1f'"_s, u"1:String:N'n'"_s };
    QTest::newRow("postgres unicode string and identifier")
        << u"U&'d\\0061t' U&\"x\""_s << postgres
        << QStringList { u"1:String:U&'d\\0061t'"_s, u"1:QuotedIdentifier:U&\"x\""_s };
    QTest::newRow("dollar quote") << u"$$ a; 'b' \"c $$ x"_s << postgres
                                  << QStringList { u"1:String:$$ a; 'b' \"c $$"_s, u"1:Word:x"_s };
    QTest::newRow("tagged dollar quote holding $$")
        << u"$fn$ BEGIN\n $$;$$ END; $fn$ y"_s << postgres
        << QStringList { u"1:String:$fn$ BEGIN\n $$;$$ END; $fn$"_s, u"2:Word:y"_s };
    QTest::newRow("dollar quote tag is case-sensitive")
        << u"$a$ $A$ $a$"_s << postgres << QStringList { u"1:String:$a$ $A$ $a$"_s };
    QTest::newRow("postgres positional parameters")
        << u"$1 + $23"_s << postgres << QStringList { u"1:Parameter:$1"_s, u"1:Operator:+"_s, u"1:Parameter:$23"_s };
    QTest::newRow("dollar inside a word") << u"a$b$ x"_s << postgres << QStringList { u"1:Word:a$b$"_s, u"1:Word:x"_s };
    QTest::newRow("double-quoted identifier")
        << u"\"a\"\"b;\" x"_s << postgres << QStringList { u"1:QuotedIdentifier:\"a\"\"b;\""_s, u"1:Word:x"_s };
    QTest::newRow("sqlite bracket and backtick identifiers")
        << u"[a;b] `c``;d`"_s << sqlite
        << QStringList { u"1:QuotedIdentifier:[a;b]"_s, u"1:QuotedIdentifier:`c``;d`"_s };
    QTest::newRow("postgres brackets are subscripts")
        << u"a[1]"_s << postgres
        << QStringList { u"1:Word:a"_s, u"1:Operator:["_s, u"1:Number:1"_s, u"1:Operator:]"_s };
    QTest::newRow("sqlite parameters") << u"?, ?12, :name, @v, $x"_s << sqlite
                                       << QStringList { u"1:Parameter:?"_s, u"1:Comma:,"_s, u"1:Parameter:?12"_s,
                                              u"1:Comma:,"_s, u"1:Parameter::name"_s, u"1:Comma:,"_s,
                                              u"1:Parameter:@v"_s, u"1:Comma:,"_s, u"1:Parameter:$x"_s };
    QTest::newRow("numbers") << u"1 1.5 .5 1e10 2.5E-3 0x1F"_s << sqlite
                             << QStringList { u"1:Number:1"_s, u"1:Number:1.5"_s, u"1:Number:.5"_s, u"1:Number:1e10"_s,
                                    u"1:Number:2.5E-3"_s, u"1:Number:0x1F"_s };
    QTest::newRow("qualified name") << u"main.t"_s << sqlite
                                    << QStringList { u"1:Word:main"_s, u"1:Operator:."_s, u"1:Word:t"_s };
    QTest::newRow("sqlite operators") << u"a->>'x' || b <> c == d"_s << sqlite
                                      << QStringList { u"1:Word:a"_s, u"1:Operator:->>"_s, u"1:String:'x'"_s,
                                             u"1:Operator:||"_s, u"1:Word:b"_s, u"1:Operator:<>"_s, u"1:Word:c"_s,
                                             u"1:Operator:=="_s, u"1:Word:d"_s };
    QTest::newRow("postgres operators") << u"a::int <= b || c =-1"_s << postgres
                                        << QStringList { u"1:Word:a"_s, u"1:Operator:::"_s, u"1:Word:int"_s,
                                               u"1:Operator:<="_s, u"1:Word:b"_s, u"1:Operator:||"_s, u"1:Word:c"_s,
                                               u"1:Operator:="_s, u"1:Operator:-"_s, u"1:Number:1"_s };
    QTest::newRow("postgres operator stops before a comment")
        << u"a +-- c\nb"_s << postgres
        << QStringList { u"1:Word:a"_s, u"1:Operator:+"_s, u"1:Comment:-- c"_s, u"2:Word:b"_s };
    QTest::newRow("non-ASCII word") << u"größe"_s << sqlite << QStringList { u"1:Word:größe"_s };
    QTest::newRow("empty text") << QString() << sqlite << QStringList();
    QTest::newRow("only whitespace") << u" \n\t\r\n"_s << postgres << QStringList();
}

void TestSqlTokenizer::tokens()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, expected);

    const Result<SqlTokens> tokens = SqlTokenizer::tokenize(sql, dialect);
    QVERIFY2(tokens.ok(), qPrintable(tokens.ok() ? QString() : tokens.error().message));
    QCOMPARE(dump(tokens.value()), expected);
}

void TestSqlTokenizer::offsetsPointIntoTheSource()
{
    const Result<SqlTokens> tokens = SqlTokenizer::tokenize(u"  ab\n 'c'"_s, Dialect::Sqlite);
    QVERIFY(tokens.ok());
    const SqlTokens expected { { SqlToken::Type::Word, u"ab"_s, 2, 1 }, { SqlToken::Type::String, u"'c'"_s, 6, 2 } };
    QCOMPARE(tokens.value(), expected);
}

void TestSqlTokenizer::errors_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("message");

    QTest::newRow("string") << u"SELECT\n'abc"_s << Dialect::Sqlite << u"line 2: unterminated string"_s;
    QTest::newRow("string ending in doubled quote")
        << u"'ab''"_s << Dialect::Sqlite << u"line 1: unterminated string"_s;
    QTest::newRow("E string with escaped last quote")
        << u"x\nE'abc\\'"_s << Dialect::Postgres << u"line 2: unterminated string"_s;
    QTest::newRow("blob") << u"X'00"_s << Dialect::Sqlite << u"line 1: unterminated string"_s;
    QTest::newRow("quoted identifier") << u"\n\n\"abc"_s << Dialect::Postgres
                                       << u"line 3: unterminated quoted identifier"_s;
    QTest::newRow("bracket identifier") << u"[abc"_s << Dialect::Sqlite << u"line 1: unterminated quoted identifier"_s;
    QTest::newRow("backtick identifier") << u"`a``"_s << Dialect::Sqlite << u"line 1: unterminated quoted identifier"_s;
    QTest::newRow("block comment") << u"x\n/* a"_s << Dialect::Sqlite << u"line 2: unterminated comment"_s;
    QTest::newRow("nested block comment")
        << u"/* a /* b */"_s << Dialect::Postgres << u"line 1: unterminated comment"_s;
    QTest::newRow("dollar quote") << u"SELECT\n$body$ x $bod$"_s << Dialect::Postgres
                                  << u"line 2: unterminated dollar-quoted string"_s;
    QTest::newRow("first problem wins") << u"'a' \"b\n'c"_s << Dialect::Sqlite
                                        << u"line 1: unterminated quoted identifier"_s;
}

void TestSqlTokenizer::errors()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QString, message);

    const Result<SqlTokens> tokens = SqlTokenizer::tokenize(sql, dialect);
    QVERIFY(!tokens.ok());
    QCOMPARE(tokens.error().code, Error::Code::Catalog);
    QCOMPARE(tokens.error().message, message);
}

QTEST_GUILESS_MAIN(TestSqlTokenizer)
#include "tst_sqltokenizer.moc"
