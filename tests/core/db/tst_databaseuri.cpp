// DatabaseUri: one _data() row per URI shape apps write, per error, and per quoting
// rule of the libpq options; every row asserts the whole parsed value or the whole
// message. Passwords must never reach redacted() or an error message.

#include "db/databaseuri.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

namespace {

// Parameters as "key=value" strings, so that a _data() column can hold them.
QStringList parameterList(const DatabaseUri& uri)
{
    QStringList list;
    for (const auto& [key, value] : uri.parameters)
        list.append(key + u'=' + value);
    return list;
}

} // namespace

class TestDatabaseUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseSqlite_data();
    void parseSqlite();
    void parsePostgres_data();
    void parsePostgres();
    void parseError_data();
    void parseError();
    void passwordNeverShown_data();
    void passwordNeverShown();
    void postgresConnectOptions_data();
    void postgresConnectOptions();
};

void TestDatabaseUri::parseSqlite_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("sqlitePath");
    QTest::addColumn<QString>("redacted");

    QTest::newRow("relative") << u"sqlite:./data/db.sqlite"_s << u"./data/db.sqlite"_s << u"sqlite:./data/db.sqlite"_s;
    QTest::newRow("relative after //") << u"sqlite://./data/db.sqlite"_s << u"./data/db.sqlite"_s
                                       << u"sqlite://./data/db.sqlite"_s;
    QTest::newRow("absolute after ///") << u"sqlite:///abs/path.db"_s << u"/abs/path.db"_s
                                        << u"sqlite:///abs/path.db"_s;
    QTest::newRow("absolute after :") << u"sqlite:/abs/path.db"_s << u"/abs/path.db"_s << u"sqlite:/abs/path.db"_s;
    QTest::newRow("plain name") << u"sqlite:app.db"_s << u"app.db"_s << u"sqlite:app.db"_s;
    QTest::newRow("upper-case scheme") << u"SQLITE:./app.db"_s << u"./app.db"_s << u"SQLITE:./app.db"_s;
    QTest::newRow("sqlite3 scheme") << u"sqlite3:./app.db"_s << u"./app.db"_s << u"sqlite3:./app.db"_s;
    QTest::newRow("file scheme") << u"file:///srv/app.db"_s << u"/srv/app.db"_s << u"file:///srv/app.db"_s;
    QTest::newRow("bare relative path") << u"./data/db.sqlite"_s << u"./data/db.sqlite"_s << u"./data/db.sqlite"_s;
    QTest::newRow("bare absolute path") << u"/var/lib/app/db.sqlite"_s << u"/var/lib/app/db.sqlite"_s
                                        << u"/var/lib/app/db.sqlite"_s;
    QTest::newRow("bare file name") << u"db.sqlite"_s << u"db.sqlite"_s << u"db.sqlite"_s;
    // A bare path is a path, not a URI: a '%' in it is part of the file name.
    QTest::newRow("bare path keeps %") << u"./100%25.db"_s << u"./100%25.db"_s << u"./100%25.db"_s;
    QTest::newRow("bare path with spaces") << u"./my data/app.db"_s << u"./my data/app.db"_s << u"./my data/app.db"_s;
    QTest::newRow("surrounding spaces trimmed") << u"  sqlite:./app.db \n"_s << u"./app.db"_s << u"sqlite:./app.db"_s;
    QTest::newRow("percent-encoded space")
        << u"sqlite:./my%20data/db.sqlite"_s << u"./my data/db.sqlite"_s << u"sqlite:./my%20data/db.sqlite"_s;
    QTest::newRow("percent-encoded ? is part of the path")
        << u"sqlite:///srv/what%3F.db"_s << u"/srv/what?.db"_s << u"sqlite:///srv/what%3F.db"_s;
    QTest::newRow("percent-encoded UTF-8")
        << u"sqlite:./caf%C3%A9.db"_s << u"./caf\u00e9.db"_s << u"sqlite:./caf%C3%A9.db"_s;
    QTest::newRow("?cache=shared ignored") << u"sqlite:./data/db.sqlite?cache=shared"_s << u"./data/db.sqlite"_s
                                           << u"sqlite:./data/db.sqlite?cache=shared"_s;
    QTest::newRow("?mode=rwc ignored after ///")
        << u"sqlite:///abs/path.db?mode=rwc&cache=shared"_s << u"/abs/path.db"_s
        << u"sqlite:///abs/path.db?mode=rwc&cache=shared"_s;
}

void TestDatabaseUri::parseSqlite()
{
    QFETCH(QString, text);
    QFETCH(QString, sqlitePath);
    QFETCH(QString, redacted);

    const auto parsed = DatabaseUri::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const DatabaseUri& uri = parsed.value();
    QCOMPARE(uri.dialect, Dialect::Sqlite);
    QCOMPARE(uri.sqlitePath, sqlitePath);
    QCOMPARE(uri.original, text.trimmed());
    QCOMPARE(uri.redacted(), redacted);
    QCOMPARE(uri.host, QString());
    QCOMPARE(uri.port, -1);
    QCOMPARE(uri.database, QString());
    QCOMPARE(uri.user, QString());
    QCOMPARE(uri.password, QString());
    QCOMPARE(parameterList(uri), QStringList());
}

void TestDatabaseUri::parsePostgres_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("parameters");
    QTest::addColumn<QString>("redacted");

    QTest::newRow("user, host, port, database, sslmode")
        << u"postgres://user@host:5432/db?sslmode=require"_s << u"host"_s << 5432 << u"db"_s << u"user"_s << QString()
        << QStringList { u"sslmode=require"_s } << u"postgres://user@host:5432/db?sslmode=require"_s;
    QTest::newRow("postgresql scheme") << u"postgresql://db.example.org/app"_s << u"db.example.org"_s << -1 << u"app"_s
                                       << QString() << QString() << QStringList()
                                       << u"postgresql://db.example.org/app"_s;
    QTest::newRow("upper-case scheme") << u"POSTGRES://host/app"_s << u"host"_s << -1 << u"app"_s << QString()
                                       << QString() << QStringList() << u"POSTGRES://host/app"_s;
    QTest::newRow("user and password") << u"postgres://app:s3cret@host:5433/appdb"_s << u"host"_s << 5433 << u"appdb"_s
                                       << u"app"_s << u"s3cret"_s << QStringList()
                                       << u"postgres://app:***@host:5433/appdb"_s;
    QTest::newRow("percent-encoded password")
        << u"postgres://app:p%40ss%2Fw0rd@host/appdb"_s << u"host"_s << -1 << u"appdb"_s << u"app"_s << u"p@ss/w0rd"_s
        << QStringList() << u"postgres://app:***@host/appdb"_s;
    QTest::newRow("percent-encoded user and database")
        << u"postgres://j%C3%B6rg@host/my%20db"_s << u"host"_s << -1 << u"my db"_s << u"j\u00f6rg"_s << QString()
        << QStringList() << u"postgres://j%C3%B6rg@host/my%20db"_s;
    QTest::newRow("password as ?password=")
        << u"postgres://app@host/appdb?password=s3cret"_s << u"host"_s << -1 << u"appdb"_s << u"app"_s << u"s3cret"_s
        << QStringList() << u"postgres://app@host/appdb?password=***"_s;
    QTest::newRow("?password= between parameters")
        << u"postgres://app@host/appdb?sslmode=require&password=s3cret&connect_timeout=5"_s << u"host"_s << -1
        << u"appdb"_s << u"app"_s << u"s3cret"_s << QStringList { u"sslmode=require"_s, u"connect_timeout=5"_s }
        << u"postgres://app@host/appdb?sslmode=require&password=***&connect_timeout=5"_s;
    QTest::newRow("IPv6 host") << u"postgres://user@[::1]:5432/db"_s << u"::1"_s << 5432 << u"db"_s << u"user"_s
                               << QString() << QStringList() << u"postgres://user@[::1]:5432/db"_s;
    QTest::newRow("IPv6 host without port")
        << u"postgres://[2001:db8::7]/db"_s << u"2001:db8::7"_s << -1 << u"db"_s << QString() << QString()
        << QStringList() << u"postgres://[2001:db8::7]/db"_s;
    QTest::newRow("socket folder as ?host=")
        << u"postgres:///app?host=/var/run/postgresql"_s << u"/var/run/postgresql"_s << -1 << u"app"_s << QString()
        << QString() << QStringList() << u"postgres:///app?host=/var/run/postgresql"_s;
    QTest::newRow("?dbname= instead of a path")
        << u"postgres://host?dbname=app"_s << u"host"_s << -1 << u"app"_s << QString() << QString() << QStringList()
        << u"postgres://host?dbname=app"_s;
    QTest::newRow("?dbname= overrides the path")
        << u"postgres://host/ignored?dbname=app"_s << u"host"_s << -1 << u"app"_s << QString() << QString()
        << QStringList() << u"postgres://host/ignored?dbname=app"_s;
    QTest::newRow("?port=") << u"postgres://host/app?port=6543"_s << u"host"_s << 6543 << u"app"_s << QString()
                            << QString() << QStringList() << u"postgres://host/app?port=6543"_s;
    QTest::newRow("?user=") << u"postgres://host/app?user=bob"_s << u"host"_s << -1 << u"app"_s << u"bob"_s << QString()
                            << QStringList() << u"postgres://host/app?user=bob"_s;
    QTest::newRow("several libpq parameters in order")
        << u"postgres://host/app?application_name=my%20app&connect_timeout=10&target_session_attrs=read-write"_s
        << u"host"_s << -1 << u"app"_s << QString() << QString()
        << QStringList { u"application_name=my app"_s, u"connect_timeout=10"_s, u"target_session_attrs=read-write"_s }
        << u"postgres://host/app?application_name=my%20app&connect_timeout=10&target_session_attrs=read-write"_s;
    QTest::newRow("service without database")
        << u"postgres://?service=myapp"_s << QString() << -1 << QString() << QString() << QString()
        << QStringList { u"service=myapp"_s } << u"postgres://?service=myapp"_s;
}

void TestDatabaseUri::parsePostgres()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QStringList, parameters);
    QFETCH(QString, redacted);

    const auto parsed = DatabaseUri::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const DatabaseUri& uri = parsed.value();
    QCOMPARE(uri.dialect, Dialect::Postgres);
    QCOMPARE(uri.original, text);
    QCOMPARE(uri.sqlitePath, QString());
    QCOMPARE(uri.host, host);
    QCOMPARE(uri.port, port);
    QCOMPARE(uri.database, database);
    QCOMPARE(uri.user, user);
    QCOMPARE(uri.password, password);
    QCOMPARE(parameterList(uri), parameters);
    QCOMPARE(uri.redacted(), redacted);
}

void TestDatabaseUri::parseError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const auto cannot = [](const QString& shown, const QString& why) -> QString {
        return u"cannot use database URI \""_s + shown + u"\": "_s + why;
    };

    QTest::newRow("empty") << QString() << u"no database URI given (e.g. sqlite:./data/db.sqlite)"_s;
    QTest::newRow("only spaces") << u"   "_s << u"no database URI given (e.g. sqlite:./data/db.sqlite)"_s;
    QTest::newRow("sqlite without path") << u"sqlite:"_s << cannot(u"sqlite:"_s, u"no file path after \"sqlite:\""_s);
    QTest::newRow("sqlite with only //") << u"sqlite://"_s
                                         << cannot(u"sqlite://"_s, u"no file path after \"sqlite:\""_s);
    QTest::newRow("sqlite with only a query")
        << u"sqlite:?cache=shared"_s << cannot(u"sqlite:?cache=shared"_s, u"no file path after \"sqlite:\""_s);
    QTest::newRow("sqlite in memory") << u"sqlite::memory:"_s
                                      << cannot(u"sqlite::memory:"_s, u"an in-memory database holds no ledger"_s);
    QTest::newRow("unknown scheme")
        << u"mysql://root@db/app"_s
        << cannot(u"mysql://root@db/app"_s,
               u"unknown scheme \"mysql\" (use sqlite:PATH or postgres://user@host:port/db)"_s);
    QTest::newRow("unknown scheme masks password")
        << u"mysql://root:hunter2@db/app"_s
        << cannot(u"mysql://root:***@db/app"_s,
               u"unknown scheme \"mysql\" (use sqlite:PATH or postgres://user@host:port/db)"_s);
    QTest::newRow("unknown scheme masks ?password=")
        << u"mariadb://root@db/app?password=hunter2"_s
        << cannot(u"mariadb://root@db/app?password=***"_s,
               u"unknown scheme \"mariadb\" (use sqlite:PATH or postgres://user@host:port/db)"_s);
    QTest::newRow("unknown parameter") << u"postgres://app@host/appdb?sslmod=require"_s
                                       << cannot(u"postgres://app@host/appdb?sslmod=require"_s,
                                              u"unknown connection parameter \"sslmod\""_s);
    QTest::newRow("unknown parameter masks password")
        << u"postgres://app:s3cret@host/appdb?bogus=1"_s
        << cannot(u"postgres://app:***@host/appdb?bogus=1"_s, u"unknown connection parameter \"bogus\""_s);
    QTest::newRow("; in a value") << u"postgres://host/app?application_name=a;sslmode=disable"_s
                                  << cannot(u"postgres://host/app?application_name=a;sslmode=disable"_s,
                                         u"parameter \"application_name\" must not contain ';'"_s);
    QTest::newRow("percent-encoded ; in a value")
        << u"postgres://host/app?options=x%3By"_s
        << cannot(u"postgres://host/app?options=x%3By"_s, u"parameter \"options\" must not contain ';'"_s);
    QTest::newRow("; in ?password= is masked")
        << u"postgres://app@host/appdb?password=se;cret"_s
        << cannot(u"postgres://app@host/appdb?password=***"_s, u"parameter \"password\" must not contain ';'"_s);
    QTest::newRow("port out of range") << u"postgres://host:99999/app"_s
                                       << cannot(u"postgres://host:99999/app"_s, u"not a valid URL"_s);
    QTest::newRow("port not a number") << u"postgres://app:s3cret@host:abc/app"_s
                                       << cannot(u"postgres://app:***@host:abc/app"_s, u"not a valid URL"_s);
    QTest::newRow("?port=0") << u"postgres://host/app?port=0"_s
                             << cannot(u"postgres://host/app?port=0"_s, u"port \"0\" is not a port number"_s);
    QTest::newRow("?port=70000") << u"postgres://host/app?port=70000"_s
                                 << cannot(
                                        u"postgres://host/app?port=70000"_s, u"port \"70000\" is not a port number"_s);
    QTest::newRow("?port=x") << u"postgres://host/app?port=x"_s
                             << cannot(u"postgres://host/app?port=x"_s, u"port \"x\" is not a port number"_s);
    QTest::newRow("no database name") << u"postgres://user@host:5432"_s
                                      << cannot(u"postgres://user@host:5432"_s,
                                             u"no database name (postgres://user@host:5432/DATABASE)"_s);
    QTest::newRow("no database name after /")
        << u"postgres://user:s3cret@host:5432/"_s
        << cannot(u"postgres://user:***@host:5432/"_s, u"no database name (postgres://user@host:5432/DATABASE)"_s);
    // sslmode names no database: libpq would silently use the user's name as one.
    QTest::newRow("no database name, only sslmode") << u"postgres://user@host:5432?sslmode=require"_s
                                                    << cannot(u"postgres://user@host:5432?sslmode=require"_s,
                                                           u"no database name (postgres://user@host:5432/DATABASE)"_s);
    QTest::newRow("two path segments") << u"postgres://host/app/extra"_s
                                       << cannot(u"postgres://host/app/extra"_s,
                                              u"the path must be one database name, not \"app/extra\""_s);
}

void TestDatabaseUri::parseError()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const auto parsed = DatabaseUri::parse(text);
    QVERIFY2(!parsed.ok(), qPrintable(parsed.ok() ? parsed.value().redacted() : QString()));
    QCOMPARE(parsed.error().code, Error::Code::Uri);
    QCOMPARE(parsed.error().message, message);
}

void TestDatabaseUri::passwordNeverShown_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("password");

    // Whatever the URI's fate, the secret must appear in no text shown to a person.
    QTest::newRow("userinfo, parsed") << u"postgres://app:Pa55word@host/appdb"_s << u"Pa55word"_s;
    QTest::newRow("query, parsed") << u"postgres://app@host/appdb?password=Pa55word"_s << u"Pa55word"_s;
    QTest::newRow("userinfo and query, parsed")
        << u"postgres://app:Pa55word@host/appdb?sslmode=require&password=Pa55word"_s << u"Pa55word"_s;
    QTest::newRow("userinfo, encoded @") << u"postgres://app:Pa%40word@host/appdb"_s << u"Pa%40word"_s;
    QTest::newRow("userinfo, unknown parameter") << u"postgres://app:Pa55word@host/appdb?nope=1"_s << u"Pa55word"_s;
    QTest::newRow("query, unknown parameter before it")
        << u"postgres://app@host/appdb?nope=1&password=Pa55word"_s << u"Pa55word"_s;
    QTest::newRow("userinfo, bad port") << u"postgres://app:Pa55word@host:99999/appdb"_s << u"Pa55word"_s;
    QTest::newRow("userinfo, bad ?port=") << u"postgres://app:Pa55word@host/appdb?port=0"_s << u"Pa55word"_s;
    QTest::newRow("userinfo, no database") << u"postgres://app:Pa55word@host"_s << u"Pa55word"_s;
    QTest::newRow("userinfo, two path segments") << u"postgres://app:Pa55word@host/a/b"_s << u"Pa55word"_s;
    QTest::newRow("userinfo, unknown scheme") << u"mysql://app:Pa55word@host/appdb"_s << u"Pa55word"_s;
    QTest::newRow("userinfo with a colon") << u"postgres://app:Pa:55word@host/appdb"_s << u"55word"_s;
    // Not URL syntax, but people paste passwords as they are; the secret still must not show.
    QTest::newRow("userinfo with a raw #") << u"postgres://app:Pa55#word@host/appdb"_s << u"Pa55"_s;
}

void TestDatabaseUri::passwordNeverShown()
{
    QFETCH(QString, text);
    QFETCH(QString, password);

    const auto parsed = DatabaseUri::parse(text);
    const QString shown = parsed.ok() ? parsed.value().redacted() : parsed.error().message;
    QVERIFY2(!shown.contains(password), qPrintable(shown));
    QVERIFY2(shown.contains(u"***"_s), qPrintable(shown));
}

void TestDatabaseUri::postgresConnectOptions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("options");

    QTest::newRow("none: default application_name") << u"postgres://host/app"_s << u"application_name='backstep'"_s;
    QTest::newRow("host, port, user and password are not options")
        << u"postgres://u:p@host:5432/app?dbname=other&user=v&password=q&port=1&host=h"_s
        << u"application_name='backstep'"_s;
    QTest::newRow("sslmode, then default application_name")
        << u"postgres://host/app?sslmode=require&connect_timeout=5"_s
        << u"sslmode='require';connect_timeout='5';application_name='backstep'"_s;
    QTest::newRow("own application_name replaces the default")
        << u"postgres://host/app?application_name=myapp"_s << u"application_name='myapp'"_s;
    QTest::newRow("value with spaces") << u"postgres://host/app?application_name=my%20app"_s
                                       << u"application_name='my app'"_s;
    QTest::newRow("value with a single quote")
        << u"postgres://host/app?application_name=it's"_s << u"application_name='it\\'s'"_s;
    QTest::newRow("value with a backslash") << u"postgres://host/app?sslrootcert=C:%5Ccerts%5Croot.crt"_s
                                            << u"sslrootcert='C:\\\\certs\\\\root.crt';application_name='backstep'"_s;
    QTest::newRow("value with quote, backslash and space")
        << u"postgres://host/app?options=-c%20search_path%3D'a%5C'b'"_s
        << u"options='-c search_path=\\'a\\\\\\'b\\'';application_name='backstep'"_s;
    QTest::newRow("empty value") << u"postgres://host/app?sslmode="_s << u"sslmode='';application_name='backstep'"_s;
}

void TestDatabaseUri::postgresConnectOptions()
{
    QFETCH(QString, text);
    QFETCH(QString, options);

    const auto parsed = DatabaseUri::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().postgresConnectOptions(), options);
}

QTEST_GUILESS_MAIN(TestDatabaseUri)
#include "tst_databaseuri.moc"
