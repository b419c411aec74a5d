#include "catalog/catalogreader.h"
#include "catalog/checksum.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace backstep;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(backstep::Dialect)

namespace {

// File name -> content; an empty map key is never used.
using Files = QMap<QString, QByteArray>;

void writeFiles(const QString& directory, const Files& files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QFile file(directory + u'/' + it.key());
        QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.fileName()));
        QCOMPARE(file.write(it.value()), it.value().size());
    }
}

// Reads files written into a fresh folder; the folder lives as long as the fixture.
struct Fixture
{
    QTemporaryDir dir;

    Result<Catalog> read(const Files& files, Dialect dialect)
    {
        writeFiles(dir.path(), files);
        return CatalogReader::read(dir.path(), dialect);
    }

    QString path(const QString& fileName) const
    {
        return dir.filePath(fileName);
    }
};

QStringList statementTexts(const SqlStatements& statements)
{
    QStringList texts;
    for (const SqlStatement& statement : statements)
        texts.append(u"%1: %2"_s.arg(statement.line).arg(statement.text));
    return texts;
}

} // namespace

class TestCatalogReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsMigrationsInIdOrder();
    void readsOneMigrationCompletely();
    void ignoresOtherFiles();
    void emptyFolderIsAnEmptyCatalog();
    void relativeFolderBecomesAbsolute();
    void largestId();
    void dialectResolution_data();
    void dialectResolution();
    void downFiles_data();
    void downFiles();
    void directives_data();
    void directives();
    void byteOrderMarkAndCrlf();
    void errors_data();
    void errors();
    void missingFolder();
    void folderIsAFile();
    void largeCatalogReadInParallelKeepsOrderAndProblems();
};

void TestCatalogReader::readsMigrationsInIdOrder()
{
    Fixture fixture;
    const Result<Catalog> catalog = fixture.read({ { u"0002_add_email.sql"_s, "ALTER TABLE users ADD email TEXT;" },
                                                     { u"0001_create_users.sql"_s, "CREATE TABLE users (id INTEGER);" },
                                                     { u"10_index-email.sql"_s, "CREATE INDEX i ON users (email);" } },
        Dialect::Sqlite);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));

    QCOMPARE(catalog->directory, fixture.dir.path());
    QCOMPARE(catalog->dialect, Dialect::Sqlite);
    QCOMPARE(catalog->migrations.size(), 3);
    const Migrations& migrations = catalog->migrations;
    QCOMPARE(migrations.at(0).id, 1);
    QCOMPARE(migrations.at(0).name, u"create_users"_s);
    QCOMPARE(migrations.at(1).id, 2);
    QCOMPARE(migrations.at(1).name, u"add_email"_s);
    QCOMPARE(migrations.at(2).id, 10);
    QCOMPARE(migrations.at(2).name, u"index-email"_s);
    QCOMPARE(migrations.at(2).upFile, fixture.path(u"10_index-email.sql"_s));
}

void TestCatalogReader::readsOneMigrationCompletely()
{
    Fixture fixture;
    const QByteArray up = "-- backstep: backward-compatible\n-- Adds the posts table.\nCREATE TABLE posts (\n  id "
                          "INTEGER PRIMARY KEY\n);\n\nCREATE INDEX posts_id ON posts (id);\n";
    const QByteArray down = "DROP TABLE posts;\n";
    const Result<Catalog> catalog
        = fixture.read({ { u"0003_posts.sql"_s, up }, { u"0003_posts.down.sql"_s, down } }, Dialect::Postgres);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    QCOMPARE(catalog->migrations.size(), 1);

    Migration expected;
    expected.id = 3;
    expected.name = u"posts"_s;
    expected.upFile = fixture.path(u"0003_posts.sql"_s);
    expected.upSql = QString::fromUtf8(up);
    expected.upStatements = { { u"CREATE TABLE posts (\n  id INTEGER PRIMARY KEY\n)"_s, 3, 1 },
        { u"CREATE INDEX posts_id ON posts (id)"_s, 7, 2 } };
    expected.downFile = fixture.path(u"0003_posts.down.sql"_s);
    expected.downSql = QString::fromUtf8(down);
    expected.downStatements = { { u"DROP TABLE posts"_s, 1, 1 } };
    expected.backwardCompatible = true;
    expected.noTransaction = false;
    expected.checksum = Checksum::of(QString::fromUtf8(up));
    QCOMPARE(catalog->migrations.constFirst(), expected);
    QVERIFY(catalog->migrations.constFirst().hasDown());
}

void TestCatalogReader::ignoresOtherFiles()
{
    Fixture fixture;
    QVERIFY(QDir(fixture.dir.path()).mkdir(u"0005_folder.sql"_s));
    QVERIFY(QDir(fixture.dir.path()).mkdir(u"sub"_s));
    writeFiles(fixture.path(u"sub"_s), { { u"0006_nested.sql"_s, "SELECT 1;" } });
    const Result<Catalog> catalog
        = fixture.read({ { u"0001_a.sql"_s, "SELECT 1;" }, { u"README.md"_s, "# notes" }, { u"builds.json"_s, "[]" },
                           { u".0002_hidden.sql"_s, "" }, { u".DS_Store"_s, "\xff" }, { u"0003_backup.sql.bak"_s, "" },
                           { u"0004_editor.sql~"_s, "" } },
            Dialect::Sqlite);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    QCOMPARE(catalog->migrations.size(), 1);
    QCOMPARE(catalog->migrations.constFirst().id, 1);
}

void TestCatalogReader::emptyFolderIsAnEmptyCatalog()
{
    Fixture fixture;
    const Result<Catalog> catalog = fixture.read({}, Dialect::Postgres);
    QVERIFY(catalog.ok());
    QCOMPARE(catalog.value(), (Catalog { fixture.dir.path(), Dialect::Postgres, {} }));
}

void TestCatalogReader::relativeFolderBecomesAbsolute()
{
    Fixture fixture;
    writeFiles(fixture.dir.path(), { { u"0001_a.sql"_s, "SELECT 1;" } });
    const QString relative = QDir::current().relativeFilePath(fixture.dir.path());
    const Result<Catalog> catalog = CatalogReader::read(relative + u"/./"_s, Dialect::Sqlite);
    QVERIFY(catalog.ok());
    QCOMPARE(catalog->directory, fixture.dir.path());
    QCOMPARE(catalog->migrations.constFirst().upFile, fixture.path(u"0001_a.sql"_s));
}

void TestCatalogReader::largestId()
{
    Fixture fixture;
    const Result<Catalog> catalog
        = fixture.read({ { u"000009223372036854775807_last.sql"_s, "SELECT 1;" }, { u"1_first.sql"_s, "SELECT 1;" } },
            Dialect::Sqlite);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    QCOMPARE(catalog->maxId(), std::optional<qint64>(std::numeric_limits<qint64>::max()));
}

void TestCatalogReader::dialectResolution_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("upFile");
    QTest::addColumn<QString>("statement");

    const Files all { { u"0001_a.sql"_s, "SELECT 'generic';" }, { u"0001_a.sqlite.sql"_s, "SELECT 'sqlite';" },
        { u"0001_a.postgres.sql"_s, "SELECT 'postgres';" } };
    QTest::newRow("sqlite file wins") << all << Dialect::Sqlite << u"0001_a.sqlite.sql"_s << u"SELECT 'sqlite'"_s;
    QTest::newRow("postgres file wins") << all << Dialect::Postgres << u"0001_a.postgres.sql"_s
                                        << u"SELECT 'postgres'"_s;

    const Files sqliteOnly { { u"0001_a.sql"_s, "SELECT 'generic';" }, { u"0001_a.sqlite.sql"_s, "SELECT 'sqlite';" } };
    QTest::newRow("generic for the other dialect")
        << sqliteOnly << Dialect::Postgres << u"0001_a.sql"_s << u"SELECT 'generic'"_s;
    QTest::newRow("generic only") << Files { { u"0001_a.sql"_s, "SELECT 'generic';" } } << Dialect::Sqlite
                                  << u"0001_a.sql"_s << u"SELECT 'generic'"_s;
    QTest::newRow("variant only, no generic") << Files { { u"0001_a.postgres.sql"_s, "SELECT $$x$$;" } }
                                              << Dialect::Postgres << u"0001_a.postgres.sql"_s << u"SELECT $$x$$"_s;
    QTest::newRow("postgresql spelling") << Files { { u"0001_a.postgresql.sql"_s, "SELECT 1;" } } << Dialect::Postgres
                                         << u"0001_a.postgresql.sql"_s << u"SELECT 1"_s;
    QTest::newRow("other dialect's broken file is not read")
        << Files { { u"0001_a.sql"_s, "SELECT 1;" }, { u"0001_a.postgres.sql"_s, "SELECT 'unterminated" } }
        << Dialect::Sqlite << u"0001_a.sql"_s << u"SELECT 1"_s;
    QTest::newRow("file tokenized in the dialect read") << Files { { u"0001_a.sql"_s, "SELECT $$a;b$$;" } }
                                                        << Dialect::Postgres << u"0001_a.sql"_s << u"SELECT $$a;b$$"_s;
}

void TestCatalogReader::dialectResolution()
{
    QFETCH(Files, files);
    QFETCH(Dialect, dialect);
    QFETCH(QString, upFile);
    QFETCH(QString, statement);

    Fixture fixture;
    const Result<Catalog> catalog = fixture.read(files, dialect);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    QCOMPARE(catalog->dialect, dialect);
    QCOMPARE(catalog->migrations.size(), 1);
    const Migration& migration = catalog->migrations.constFirst();
    QCOMPARE(migration.upFile, fixture.path(upFile));
    QCOMPARE(migration.upSql, QString::fromUtf8(files.value(upFile)));
    QCOMPARE(migration.upStatements, (SqlStatements { { statement, 1, 1 } }));
}

void TestCatalogReader::downFiles_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("downFile");
    QTest::addColumn<QStringList>("statements");

    const QByteArray up = "CREATE TABLE a (x INT);";
    QTest::newRow("no down") << Files { { u"0001_a.sql"_s, up } } << Dialect::Sqlite << QString() << QStringList();
    QTest::newRow("generic down") << Files { { u"0001_a.sql"_s, up }, { u"0001_a.down.sql"_s, "DROP TABLE a;" } }
                                  << Dialect::Sqlite << u"0001_a.down.sql"_s << QStringList { u"1: DROP TABLE a"_s };
    QTest::newRow("down.dialect") << Files { { u"0001_a.sql"_s, up }, { u"0001_a.down.sqlite.sql"_s, "DROP TABLE a;" } }
                                  << Dialect::Sqlite << u"0001_a.down.sqlite.sql"_s
                                  << QStringList { u"1: DROP TABLE a"_s };
    QTest::newRow("dialect.down") << Files { { u"0001_a.sql"_s, up },
        { u"0001_a.postgres.down.sql"_s, "DROP TABLE a CASCADE;" } }
                                  << Dialect::Postgres << u"0001_a.postgres.down.sql"_s
                                  << QStringList { u"1: DROP TABLE a CASCADE"_s };
    const Files both { { u"0001_a.sql"_s, up }, { u"0001_a.down.sql"_s, "DROP TABLE a;" },
        { u"0001_a.down.postgres.sql"_s, "DROP TABLE a CASCADE;" } };
    QTest::newRow("dialect down wins") << both << Dialect::Postgres << u"0001_a.down.postgres.sql"_s
                                       << QStringList { u"1: DROP TABLE a CASCADE"_s };
    QTest::newRow("generic down for the other dialect")
        << both << Dialect::Sqlite << u"0001_a.down.sql"_s << QStringList { u"1: DROP TABLE a"_s };
    QTest::newRow("only the other dialect has a down")
        << Files { { u"0001_a.sql"_s, up }, { u"0001_a.down.postgres.sql"_s, "DROP TABLE a;" } } << Dialect::Sqlite
        << QString() << QStringList();
    QTest::newRow("generic down with a dialect up")
        << Files { { u"0001_a.sqlite.sql"_s, up }, { u"0001_a.down.sql"_s, "DROP TABLE a;" } } << Dialect::Sqlite
        << u"0001_a.down.sql"_s << QStringList { u"1: DROP TABLE a"_s };
    QTest::newRow("empty down is a no-op revert")
        << Files { { u"0001_a.sql"_s, up }, { u"0001_a.down.sql"_s, "-- nothing to undo\n" } } << Dialect::Sqlite
        << u"0001_a.down.sql"_s << QStringList();
    QTest::newRow("trigger in down") << Files { { u"0001_a.sql"_s, up },
        { u"0001_a.down.sql"_s, "DROP TRIGGER t;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;" } }
                                     << Dialect::Sqlite << u"0001_a.down.sql"_s
                                     << QStringList { u"1: DROP TRIGGER t"_s,
                                            u"2: CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND"_s };
}

void TestCatalogReader::downFiles()
{
    QFETCH(Files, files);
    QFETCH(Dialect, dialect);
    QFETCH(QString, downFile);
    QFETCH(QStringList, statements);

    Fixture fixture;
    const Result<Catalog> catalog = fixture.read(files, dialect);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    const Migration& migration = catalog->migrations.constFirst();
    QCOMPARE(migration.hasDown(), !downFile.isEmpty());
    QCOMPARE(migration.downFile, downFile.isEmpty() ? QString() : fixture.path(downFile));
    QCOMPARE(migration.downSql, QString::fromUtf8(files.value(downFile)));
    QCOMPARE(statementTexts(migration.downStatements), statements);
}

void TestCatalogReader::directives_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<bool>("backwardCompatible");
    QTest::addColumn<bool>("noTransaction");

    QTest::newRow("none") << QByteArray("CREATE TABLE a (x INT);") << false << false;
    QTest::newRow("backward-compatible") << QByteArray("-- backstep: backward-compatible\nCREATE TABLE a (x INT);")
                                         << true << false;
    QTest::newRow("no-transaction") << QByteArray("-- backstep: no-transaction\nCREATE INDEX CONCURRENTLY i ON a (x);")
                                    << false << true;
    QTest::newRow("both on one line") << QByteArray("-- backstep: backward-compatible, no-transaction\nSELECT 1;")
                                      << true << true;
    QTest::newRow("both on two lines") << QByteArray(
        "-- backstep: no-transaction\n-- backstep: backward-compatible\nSELECT 1;")
                                       << true << true;
    QTest::newRow("any case, loose spacing")
        << QByteArray("--BackStep :  Backward-Compatible ,NO-TRANSACTION  \nSELECT 1;") << true << true;
    QTest::newRow("among other header comments")
        << QByteArray("-- Adds a column.\n\n/* long\n   note */\n-- backstep: backward-compatible\n\nSELECT 1;") << true
        << false;
    QTest::newRow("in a block comment it is not a directive")
        << QByteArray("/* backstep: frobnicate */\n/*\n-- backstep: backward-compatible\n*/\nSELECT 1;") << false
        << false;
    QTest::newRow("inside a string it is not a directive")
        << QByteArray("SELECT '\n-- backstep: backward-compatible\n';") << false << false;
    QTest::newRow("after a leading empty statement")
        << QByteArray(";\n-- backstep: backward-compatible\nSELECT 1;") << true << false;
}

void TestCatalogReader::directives()
{
    QFETCH(QByteArray, sql);
    QFETCH(bool, backwardCompatible);
    QFETCH(bool, noTransaction);

    Fixture fixture;
    const Result<Catalog> catalog = fixture.read({ { u"0001_a.sql"_s, sql } }, Dialect::Postgres);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    const Migration& migration = catalog->migrations.constFirst();
    QCOMPARE(migration.backwardCompatible, backwardCompatible);
    QCOMPARE(migration.noTransaction, noTransaction);
}

void TestCatalogReader::byteOrderMarkAndCrlf()
{
    Fixture fixture;
    const QByteArray windows = "\xEF\xBB\xBF-- backstep: backward-compatible\r\nCREATE TABLE a (\r\n  x INT\r\n);\r\n"
                               "INSERT INTO a VALUES ('\xC3\xA9t\xC3\xA9');\r\n";
    const QByteArray unix = "-- backstep: backward-compatible\nCREATE TABLE a (\n  x INT\n);\n"
                            "INSERT INTO a VALUES ('\xC3\xA9t\xC3\xA9');\n";
    const Result<Catalog> catalog
        = fixture.read({ { u"0001_a.sql"_s, windows }, { u"0002_b.sql"_s, unix } }, Dialect::Sqlite);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
    const Migration& first = catalog->migrations.at(0);
    const Migration& second = catalog->migrations.at(1);

    QCOMPARE(first.upSql, QString::fromUtf8(windows.mid(3)));
    QVERIFY(first.backwardCompatible);
    QCOMPARE(statementTexts(first.upStatements),
        (QStringList { u"2: CREATE TABLE a (\r\n  x INT\r\n)"_s, u"5: INSERT INTO a VALUES ('été')"_s }));
    QCOMPARE(statementTexts(second.upStatements),
        (QStringList { u"2: CREATE TABLE a (\n  x INT\n)"_s, u"5: INSERT INTO a VALUES ('été')"_s }));
    QCOMPARE(first.checksum, second.checksum);
    QCOMPARE(first.checksum, Checksum::of(QString::fromUtf8(unix)));
}

void TestCatalogReader::errors_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("expected"); // "file:line: message", the folder's path left out

    const Dialect sqlite = Dialect::Sqlite;
    const Dialect postgres = Dialect::Postgres;
    const QByteArray ok = "SELECT 1;";
    const QString expectedForm = u"bad file name: expected NNNN_name.sql, NNNN_name.<sqlite|postgres>.sql or "
                                 u"NNNN_name[.<sqlite|postgres>].down.sql"_s;

    QTest::newRow("duplicate id, other name")
        << Files { { u"0001_a.sql"_s, ok }, { u"0001_b.sql"_s, ok } } << sqlite
        << QStringList { u"0001_b.sql:1: duplicate id 1: also used by 0001_a.sql"_s };
    QTest::newRow("duplicate id, other width") << Files { { u"0001_a.sql"_s, ok },
        { u"1_b.sql"_s, ok } } << sqlite << QStringList { u"1_b.sql:1: duplicate id 1: also used by 0001_a.sql"_s };
    QTest::newRow("duplicate id, same name") << Files { { u"0001_a.sql"_s, ok },
        { u"01_a.sql"_s, ok } } << postgres << QStringList { u"01_a.sql:1: duplicate id 1: also used by 0001_a.sql"_s };
    QTest::newRow("duplicate id, other name in another dialect")
        << Files { { u"0001_a.sqlite.sql"_s, ok }, { u"0001_b.postgres.sql"_s, ok } } << sqlite
        << QStringList { u"0001_b.postgres.sql:1: duplicate id 1: also used by 0001_a.sqlite.sql"_s };
    QTest::newRow("duplicate down, both spellings")
        << Files { { u"0001_a.sql"_s, ok }, { u"0001_a.down.sqlite.sql"_s, ok }, { u"0001_a.sqlite.down.sql"_s, ok } }
        << sqlite << QStringList { u"0001_a.sqlite.down.sql:1: duplicate id 1: also used by 0001_a.down.sqlite.sql"_s };
    QTest::newRow("three files, one id") << Files { { u"0002_a.sql"_s, ok }, { u"0002_b.sql"_s, ok },
        { u"2_c.sql"_s, ok } } << sqlite
                                         << QStringList { u"0002_b.sql:1: duplicate id 2: also used by 0002_a.sql"_s,
                                                u"2_c.sql:1: duplicate id 2: also used by 0002_a.sql"_s };
    QTest::newRow("id zero") << Files { { u"0000_x.sql"_s, ok } } << sqlite
                             << QStringList { u"0000_x.sql:1: id 0000 is not a positive integer"_s };
    QTest::newRow("id too large") << Files { { u"9223372036854775808_x.sql"_s,
        ok } } << sqlite << QStringList { u"9223372036854775808_x.sql:1: id 9223372036854775808 is too large"_s };
    QTest::newRow("no id") << Files { { u"x.sql"_s, ok } } << sqlite << QStringList { u"x.sql:1: "_s + expectedForm };
    QTest::newRow("no name") << Files { { u"0001.sql"_s, ok } } << sqlite
                             << QStringList { u"0001.sql:1: "_s + expectedForm };
    QTest::newRow("id not digits") << Files { { u"v1_init.sql"_s, ok }, { u"_init.sql"_s, ok } } << sqlite
                                   << QStringList { u"_init.sql:1: "_s + expectedForm,
                                          u"v1_init.sql:1: "_s + expectedForm };
    QTest::newRow("empty name") << Files { { u"0001_.sql"_s, ok } } << sqlite
                                << QStringList { u"0001_.sql:1: bad file name: the name after the id is empty"_s };
    QTest::newRow("dot in name") << Files { { u"0001_a.b.sql"_s, ok } } << sqlite
                                 << QStringList { u"0001_a.b.sql:1: bad file name: unknown suffix '.b' (expected "
                                                  u".sqlite, .postgres or .down)"_s };
    QTest::newRow("unknown dialect") << Files { { u"0001_a.mysql.sql"_s, ok } } << sqlite
                                     << QStringList { u"0001_a.mysql.sql:1: bad file name: unknown suffix '.mysql' "
                                                      u"(expected .sqlite, .postgres or .down)"_s };
    QTest::newRow("bad character in name")
        << Files { { u"0001_add users.sql"_s, ok } } << sqlite
        << QStringList {
               u"0001_add users.sql:1: bad file name: the name may only hold letters, digits, '_' and '-'"_s
           };
    QTest::newRow("upper-case extension")
        << Files { { u"0001_a.SQL"_s, ok } } << sqlite
        << QStringList { u"0001_a.SQL:1: bad file name: the extension must be .sql in lower case"_s };
    QTest::newRow("two dialects") << Files { { u"0001_a.sqlite.postgres.sql"_s, ok } } << sqlite
                                  << QStringList { u"0001_a.sqlite.postgres.sql:1: "_s + expectedForm };
    QTest::newRow("down twice") << Files { { u"0001_a.down.down.sql"_s, ok } } << sqlite
                                << QStringList { u"0001_a.down.down.sql:1: "_s + expectedForm };
    QTest::newRow("unknown directive") << Files { { u"0001_a.sql"_s, "-- backstep: frobnicate\nSELECT 1;" } } << sqlite
                                       << QStringList { u"0001_a.sql:1: unknown directive 'frobnicate' (known: "
                                                        u"backward-compatible, no-transaction)"_s };
    QTest::newRow("unknown directive beside a known one")
        << Files { { u"0001_a.sql"_s, "-- header\n-- more\n-- backstep: backward-compatible, frobnicate\nSELECT 1;" } }
        << sqlite
        << QStringList {
               u"0001_a.sql:3: unknown directive 'frobnicate' (known: backward-compatible, no-transaction)"_s
           };
    QTest::newRow("directive naming nothing") << Files { { u"0001_a.sql"_s, "-- backstep: ,\nSELECT 1;" } } << sqlite
                                              << QStringList { u"0001_a.sql:1: directive line names no directive"_s };
    QTest::newRow("directive after the first statement")
        << Files { { u"0001_a.sql"_s, "SELECT 1;\n-- backstep: backward-compatible\nSELECT 2;" } } << postgres
        << QStringList { u"0001_a.sql:2: directive after the first statement: move it to the header comments"_s };
    QTest::newRow("directive on the first statement's line")
        << Files { { u"0001_a.sql"_s, "SELECT 1; -- backstep: no-transaction\n" } } << postgres
        << QStringList { u"0001_a.sql:1: directive after the first statement: move it to the header comments"_s };
    QTest::newRow("directive in a down file")
        << Files { { u"0001_a.sql"_s, ok }, { u"0001_a.down.sql"_s, "\n-- backstep: no-transaction\nSELECT 1;" } }
        << sqlite << QStringList { u"0001_a.down.sql:2: directives belong in the up file"_s };
    QTest::newRow("sqlite variant missing")
        << Files { { u"0001_a.postgres.sql"_s, ok } } << sqlite
        << QStringList { u"0001_a.postgres.sql:1: no up SQL for sqlite: id 1 has only 0001_a.postgres.sql (add "
                         u"0001_a.sql or 0001_a.sqlite.sql)"_s };
    QTest::newRow("postgres variant missing")
        << Files { { u"07_a.sqlite.sql"_s, ok }, { u"07_a.down.sql"_s, ok } } << postgres
        << QStringList { u"07_a.sqlite.sql:1: no up SQL for postgres: id 7 has only 07_a.sqlite.sql (add 07_a.sql or "
                         u"07_a.postgres.sql)"_s };
    QTest::newRow("down with no up") << Files { { u"0001_a.sql"_s, ok }, { u"0002_b.down.sql"_s, ok } } << sqlite
                                     << QStringList { u"0002_b.down.sql:1: down file with no up file"_s };
    QTest::newRow("dialect down with no up of that dialect")
        << Files { { u"0001_a.postgres.sql"_s, ok }, { u"0001_a.down.sqlite.sql"_s, ok } } << postgres
        << QStringList { u"0001_a.down.sqlite.sql:1: down file with no up file"_s };
    QTest::newRow("empty file") << Files { { u"0001_a.sql"_s, "" } } << sqlite
                                << QStringList { u"0001_a.sql:1: empty migration: no SQL statements"_s };
    QTest::newRow("only comments") << Files {
        { u"0001_a.sql"_s, "-- backstep: backward-compatible\n/* later */\n;\n" }
    } << sqlite << QStringList { u"0001_a.sql:1: empty migration: no SQL statements"_s };
    QTest::newRow("invalid byte") << Files { { u"0001_a.sql"_s, "SELECT 1;\nSELECT '\xff';\n" } } << sqlite
                                  << QStringList { u"0001_a.sql:2: not valid UTF-8"_s };
    QTest::newRow("overlong encoding") << Files { { u"0001_a.sql"_s, "\n\n\nSELECT '\xC0\xAF';" } } << sqlite
                                       << QStringList { u"0001_a.sql:4: not valid UTF-8"_s };
    QTest::newRow("encoded surrogate") << Files { { u"0001_a.sql"_s, "SELECT '\xED\xA0\x80';" } } << sqlite
                                       << QStringList { u"0001_a.sql:1: not valid UTF-8"_s };
    QTest::newRow("sequence cut by a newline") << Files { { u"0001_a.sql"_s, "SELECT 1;\nSELECT '\xE2\x82\n';" } }
                                               << sqlite << QStringList { u"0001_a.sql:2: not valid UTF-8"_s };
    QTest::newRow("latin-1 after a BOM") << Files { { u"0001_a.sql"_s, "\xEF\xBB\xBFSELECT 'caf\xE9';" } } << sqlite
                                         << QStringList { u"0001_a.sql:1: not valid UTF-8"_s };
    QTest::newRow("invalid down file") << Files { { u"0001_a.sql"_s, ok }, { u"0001_a.down.sql"_s, "\n\xff" } }
                                       << sqlite << QStringList { u"0001_a.down.sql:2: not valid UTF-8"_s };
    QTest::newRow("unterminated string") << Files { { u"0001_a.sql"_s, "SELECT 1;\n\nSELECT 'abc;\nSELECT 2;\n" } }
                                         << sqlite << QStringList { u"0001_a.sql:3: unterminated string"_s };
    QTest::newRow("unterminated comment") << Files { { u"0001_a.sql"_s, "SELECT 1;\n/* a /* b */\n" } } << postgres
                                          << QStringList { u"0001_a.sql:2: unterminated comment"_s };
    QTest::newRow("unterminated dollar quote")
        << Files { { u"0001_a.sql"_s, "CREATE FUNCTION f() RETURNS int\nAS $body$\nSELECT 1;\n$$ LANGUAGE sql;" } }
        << postgres << QStringList { u"0001_a.sql:2: unterminated dollar-quoted string"_s };
    QTest::newRow("unterminated identifier in a down file")
        << Files { { u"0001_a.sql"_s, ok }, { u"0001_a.down.sql"_s, "DROP TABLE [a;" } } << sqlite
        << QStringList { u"0001_a.down.sql:1: unterminated quoted identifier"_s };
    QTest::newRow("every problem, sorted by file then line")
        << Files { { u"9_z.mysql.sql"_s, ok }, { u"0002_b.sql"_s, "SELECT 1;\n'oops" },
               { u"0003_c.sql"_s, "-- note\n-- backstep: frobnicate\n" }, { u"0001_a.sql"_s, ok },
               { u"1_dup.sql"_s, ok }, { u"0004_d.down.sql"_s, ok },
               { u"0005_e.sql"_s, "-- backstep: bogus\nSELECT 1;\n-- backstep: no-transaction\n" } }
        << sqlite
        << QStringList { u"0002_b.sql:2: unterminated string"_s, u"0003_c.sql:1: empty migration: no SQL statements"_s,
               u"0003_c.sql:2: unknown directive 'frobnicate' (known: backward-compatible, no-transaction)"_s,
               u"0004_d.down.sql:1: down file with no up file"_s,
               u"0005_e.sql:1: unknown directive 'bogus' (known: backward-compatible, no-transaction)"_s,
               u"0005_e.sql:3: directive after the first statement: move it to the header comments"_s,
               u"1_dup.sql:1: duplicate id 1: also used by 0001_a.sql"_s,
               u"9_z.mysql.sql:1: bad file name: unknown suffix '.mysql' (expected .sqlite, .postgres or .down)"_s };
}

void TestCatalogReader::errors()
{
    QFETCH(Files, files);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, expected);

    Fixture fixture;
    const Result<Catalog> catalog = fixture.read(files, dialect);
    QVERIFY(!catalog.ok());
    QCOMPARE(catalog.error().code, Error::Code::Catalog);
    QStringList withFolder;
    for (const QString& line : std::as_const(expected))
        withFolder.append(fixture.path(line));
    QCOMPARE(catalog.error().message.split(u'\n'), withFolder);
}

void TestCatalogReader::missingFolder()
{
    Fixture fixture;
    const QString missing = fixture.path(u"nope"_s);
    const Result<Catalog> catalog = CatalogReader::read(missing, Dialect::Sqlite);
    QVERIFY(!catalog.ok());
    QCOMPARE(catalog.error(), makeError(Error::Code::Catalog, missing + u":1: catalog folder does not exist"_s));
}

void TestCatalogReader::folderIsAFile()
{
    Fixture fixture;
    writeFiles(fixture.dir.path(), { { u"0001_a.sql"_s, "SELECT 1;" } });
    const QString file = fixture.path(u"0001_a.sql"_s);
    const Result<Catalog> catalog = CatalogReader::read(file, Dialect::Sqlite);
    QVERIFY(!catalog.ok());
    QCOMPARE(catalog.error(), makeError(Error::Code::Catalog, file + u":1: not a folder"_s));
}

// Past a few hundred files the reader splits the ids across threads; the result must
// be the same as a sequential read: ascending ids, every problem, sorted.
void TestCatalogReader::largeCatalogReadInParallelKeepsOrderAndProblems()
{
    Files files;
    for (int id = 1; id <= 1000; ++id)
        files.insert(u"%1_m%2.sql"_s.arg(id, 4, 10, QLatin1Char('0')).arg(id), "CREATE TABLE t(id INTEGER);\n");
    Fixture fixture;
    Result<Catalog> catalog = fixture.read(files, Dialect::Sqlite);
    QVERIFY(catalog.ok());
    QCOMPARE(catalog->migrations.size(), 1000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(catalog->migrations.at(i).id, i + 1);

    // Problems in the first and last quarter land in different workers.
    Files broken;
    broken.insert(u"0010_m10.sql"_s, "-- backstep: frobnicate\nSELECT 1;\n");
    broken.insert(u"0990_m990.sql"_s, "-- only a comment\n");
    broken.insert(u"0500_m500.sql"_s, "SELECT 'open;\n");
    catalog = fixture.read(broken, Dialect::Sqlite);
    QVERIFY(!catalog.ok());
    QCOMPARE(catalog.error().message.split(u'\n'),
             (QStringList { fixture.path(u"0010_m10.sql"_s) + u":1: unknown directive 'frobnicate' (known: backward-compatible, no-transaction)"_s,
                            fixture.path(u"0500_m500.sql"_s) + u":1: unterminated string"_s,
                            fixture.path(u"0990_m990.sql"_s) + u":1: empty migration: no SQL statements"_s }));
}

QTEST_GUILESS_MAIN(TestCatalogReader)
#include "tst_catalogreader.moc"
