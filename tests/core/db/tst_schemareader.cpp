// SchemaReader against real databases, always on read-only connections: a SQLite file
// that TestDatabase creates (every column field, affinity rules, WITHOUT ROWID, STRICT,
// generated columns, partial and expression indexes, foreign keys, triggers, views,
// names with spaces and quotes, the ledger left out, a table rebuild that reads the
// same) and a scratch PostgreSQL database (identity, serial, enums, domains, a schema
// besides public, functions, extensions, NOT VALID constraints, partial, expression and
// gin indexes, materialized views).

#include "catalogwriter.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/schemareader.h"
#include "schema/schemadiff.h"
#include "schema/sqltext.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace backstep;
using Access = DatabaseConnection::Access;
using Action = ForeignKey::Action;

namespace backstep {

// Readable failures: QCOMPARE prints these for tables, columns and indexes.
char* toString(const Column& c)
{
    return QTest::toString(
        QStringLiteral("%1 declared=[%2] type=[%3] affinity=%4 notNull=%5 default=[%6] generated=%7 [%8] identity=%9")
            .arg(c.name, c.declaredType, c.type, c.affinity ? sqliteAffinityName(*c.affinity) : u"-"_s)
            .arg(c.notNull)
            .arg(c.defaultExpression)
            .arg(int(c.generated))
            .arg(c.generationExpression)
            .arg(int(c.identity)));
}

char* toString(const Table& t)
{
    QStringList parts { t.name, u"pk("_s + t.primaryKey.join(u',') + u')' };
    for (const UniqueConstraint& u : t.uniqueConstraints)
        parts.append(u"unique %1(%2)"_s.arg(u.name, u.columns.join(u',')));
    for (const CheckConstraint& c : t.checkConstraints)
        parts.append(u"check %1[%2] valid=%3"_s.arg(c.name, c.expression).arg(c.validated));
    for (const ForeignKey& k : t.foreignKeys)
        parts.append(u"fk %1(%2)->%3(%4) del=%5 upd=%6 valid=%7"_s
                         .arg(k.name, k.columns.join(u','), k.referencedTable, k.referencedColumns.join(u','))
                         .arg(int(k.onDelete))
                         .arg(int(k.onUpdate))
                         .arg(k.validated));
    parts.append(
        u"autoincrement=%1 withoutRowid=%2 strict=%3"_s.arg(t.autoincrementColumn).arg(t.withoutRowid).arg(t.strict));
    return QTest::toString(parts.join(u"; "_s) + u" columns: "_s + QString::number(t.columns.size()));
}

char* toString(const Index& i)
{
    return QTest::toString(u"%1 on %2 unique=%3 (%4) include(%5) where [%6] %7 constraint=%8"_s.arg(i.name, i.table)
                               .arg(i.unique)
                               .arg(i.columns.join(u"|"_s), i.includedColumns.join(u"|"_s), i.predicate, i.method)
                               .arg(i.isConstraint));
}

} // namespace backstep

namespace {

std::unique_ptr<DatabaseConnection> openConnection(const QString& uriText, Access access)
{
    const auto uri = DatabaseUri::parse(uriText);
    if (!uri) {
        qWarning("%s", qPrintable(uri.error().message));
        return {};
    }
    auto connection = DatabaseConnection::open(uri.value(), access);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return {};
    }
    return std::move(connection).value();
}

bool execAll(test::TestDatabase& database, const QStringList& statements)
{
    for (const QString& statement : statements) {
        if (!database.exec(statement)) {
            qWarning("%s", qPrintable(database.lastError()));
            return false;
        }
    }
    return true;
}

Column sqliteColumn(
    const QString& name, const QString& declaredType, bool notNull = false, const QString& defaultExpression = {})
{
    Column column;
    column.name = name;
    column.declaredType = declaredType;
    column.type = SqlText::normalisedType(declaredType);
    column.affinity = sqliteAffinityOf(declaredType);
    column.notNull = notNull;
    column.defaultExpression = defaultExpression;
    return column;
}

Column postgresColumn(
    const QString& name, const QString& type, bool notNull = false, const QString& defaultExpression = {})
{
    Column column;
    column.name = name;
    column.declaredType = type;
    column.type = type;
    column.notNull = notNull;
    column.defaultExpression = defaultExpression;
    return column;
}

Column generated(Column column, Column::Generated kind, const QString& expression)
{
    column.generated = kind;
    column.generationExpression = expression;
    return column;
}

Column identity(Column column, Column::Identity kind)
{
    column.identity = kind;
    return column;
}

const QString Accounts = u"user accounts"_s;

const QStringList SqliteSchema = {
    uR"(CREATE TABLE "user accounts" (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email VARCHAR (80) NOT NULL CONSTRAINT email_unique UNIQUE,
        "display ""name""" TEXT DEFAULT 'anon' COLLATE NOCASE,
        score DOUBLE PRECISION DEFAULT 0.0,
        balance DECIMAL(10, 3) CONSTRAINT balance_positive CHECK (balance >= 0) CHECK (balance < 1e9),
        avatar BLOB,
        misc,
        flags INT2 NOT NULL DEFAULT (1 + 1),
        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
        nickname CHARACTER VARYING(40), -- a comment: CHECK (nothing)
        CONSTRAINT score_range CHECK (score BETWEEN 0 AND 100),
        UNIQUE (nickname, email))
    )"_s,
    uR"(CREATE TABLE settings (
        scope TEXT NOT NULL,
        "key" TEXT NOT NULL,
        value TEXT,
        value_length INTEGER GENERATED ALWAYS AS (length(value)) STORED,
        upper_key AS (upper("key")),
        PRIMARY KEY (scope, "key")
    ) WITHOUT ROWID)"_s,
    uR"(CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES "user accounts" ON DELETE CASCADE,
        scope TEXT,
        "key" TEXT,
        CONSTRAINT orders_setting FOREIGN KEY (scope, "key") REFERENCES settings (scope, "key")
            ON UPDATE SET NULL ON DELETE RESTRICT
    ) STRICT)"_s,
    u"CREATE INDEX orders_account ON orders (account_id DESC)"_s,
    uR"(CREATE UNIQUE INDEX "accounts lower ""email""" ON "user accounts" (lower(email), nickname COLLATE NOCASE)
        WHERE email IS NOT NULL)"_s,
    uR"(CREATE VIEW "active ""users""" AS SELECT id, email FROM "user accounts" WHERE score > 0)"_s,
    uR"(CREATE TRIGGER orders_guard BEFORE INSERT ON orders
        WHEN NEW.account_id < 0
        BEGIN
            SELECT RAISE(ABORT, 'negative; account');
            UPDATE "user accounts" SET flags = flags + 1 WHERE id = NEW.account_id;
        END)"_s,
    uR"(CREATE TABLE "it's [odd]" (
        [col one] TEXT CONSTRAINT [one not empty] CHECK ([col one] <> ''),
        `col two` INTEGER CONSTRAINT 'two refs orders' REFERENCES orders (id) ON DELETE SET DEFAULT,
        "col ""three""" NUMERIC CONSTRAINT "three unique" UNIQUE))"_s,
    u"CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"_s,
    u"CREATE INDEX _migrations_name ON _migrations (name)"_s,
    u"CREATE TRIGGER _migrations_guard BEFORE DELETE ON _migrations BEGIN SELECT RAISE(ABORT, 'no'); END"_s,
    u"INSERT INTO \"user accounts\" (email) VALUES ('a@example.org')"_s, // fills sqlite_sequence
};

Table sqliteAccounts()
{
    Table table;
    table.name = Accounts;
    table.columns = {
        sqliteColumn(u"id"_s, u"INTEGER"_s),
        sqliteColumn(u"email"_s, u"VARCHAR (80)"_s, true),
        sqliteColumn(u"display \"name\""_s, u"TEXT"_s, false, u"'anon'"_s),
        sqliteColumn(u"score"_s, u"DOUBLE PRECISION"_s, false, u"0.0"_s),
        sqliteColumn(u"balance"_s, u"DECIMAL(10, 3)"_s),
        sqliteColumn(u"avatar"_s, u"BLOB"_s),
        sqliteColumn(u"misc"_s, {}),
        sqliteColumn(u"flags"_s, u"INT2"_s, true, u"1 + 1"_s),
        sqliteColumn(u"created_at"_s, u"TIMESTAMP"_s, false, u"CURRENT_TIMESTAMP"_s),
        sqliteColumn(u"nickname"_s, u"CHARACTER VARYING(40)"_s),
    };
    table.primaryKey = { u"id"_s };
    table.uniqueConstraints = { { {}, { u"nickname"_s, u"email"_s } }, { u"email_unique"_s, { u"email"_s } } };
    table.checkConstraints = { { {}, u"balance < 1e9"_s, true }, { u"balance_positive"_s, u"balance >= 0"_s, true },
        { u"score_range"_s, u"score BETWEEN 0 AND 100"_s, true } };
    table.autoincrementColumn = u"id"_s;
    return table;
}

Table sqliteSettings()
{
    Table table;
    table.name = u"settings"_s;
    table.columns = {
        sqliteColumn(u"scope"_s, u"TEXT"_s, true),
        sqliteColumn(u"key"_s, u"TEXT"_s, true),
        sqliteColumn(u"value"_s, u"TEXT"_s),
        generated(sqliteColumn(u"value_length"_s, u"INTEGER"_s), Column::Generated::Stored, u"length(value)"_s),
        generated(sqliteColumn(u"upper_key"_s, {}), Column::Generated::Virtual, u"upper(\"key\")"_s),
    };
    table.primaryKey = { u"scope"_s, u"key"_s };
    table.withoutRowid = true;
    return table;
}

Table sqliteOrders()
{
    Table table;
    table.name = u"orders"_s;
    table.columns = {
        sqliteColumn(u"id"_s, u"INTEGER"_s),
        sqliteColumn(u"account_id"_s, u"INTEGER"_s, true),
        sqliteColumn(u"scope"_s, u"TEXT"_s),
        sqliteColumn(u"key"_s, u"TEXT"_s),
    };
    table.primaryKey = { u"id"_s };
    // "REFERENCES "user accounts"" without columns reads as its primary key.
    table.foreignKeys = {
        { {}, { u"account_id"_s }, Accounts, { u"id"_s }, Action::Cascade, Action::NoAction, true },
        { u"orders_setting"_s, { u"scope"_s, u"key"_s }, u"settings"_s, { u"scope"_s, u"key"_s }, Action::Restrict,
            Action::SetNull, true },
    };
    table.strict = true;
    return table;
}

const QString Odd = u"it's [odd]"_s;

// Names in brackets, backquotes and single quotes, and no primary key.
Table sqliteOdd()
{
    Table table;
    table.name = Odd;
    table.columns = { sqliteColumn(u"col one"_s, u"TEXT"_s), sqliteColumn(u"col two"_s, u"INTEGER"_s),
        sqliteColumn(u"col \"three\""_s, u"NUMERIC"_s) };
    table.uniqueConstraints = { { u"three unique"_s, { u"col \"three\""_s } } };
    table.checkConstraints = { { u"one not empty"_s, u"[col one] <> ''"_s, true } };
    table.foreignKeys = { { u"two refs orders"_s, { u"col two"_s }, u"orders"_s, { u"id"_s }, Action::SetDefault,
        Action::NoAction, true } };
    return table;
}

Index makeIndex(const QString& name, const QString& table, const QStringList& columns, bool unique = false,
    bool isConstraint = false)
{
    return Index { name, table, unique, columns, {}, {}, u"btree"_s, isConstraint };
}

} // namespace

class TestSchemaReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void cleanupTestCase();

    void sqliteTables_data();
    void sqliteTables();
    void sqliteAffinity_data();
    void sqliteAffinity();
    void sqliteIndexes();
    void sqliteViewsAndTriggers();
    void sqliteWithoutExclusionReadsTheLedger();
    void sqliteReadOnlyReadLeavesFileAlone();
    void sqliteRebuildReadsTheSame();
    void sqliteUnreadableTableIsAnError();
    void sqliteReadsInsideTheCallersTransaction();

    void postgresTables_data();
    void postgresTables();
    void postgresIndexes();
    void postgresObjects();
    void postgresValidatedConstraint();
    void postgresReadOnlyIsEnforcedAndEnough();

private:
    SchemaSnapshot readSqlite(Access access = Access::ReadOnly, const QSet<QString>& exclude = { u"_migrations"_s });
    enum class Intent
    {
        Read,
        Change,
    };
    bool createPostgres(Intent intent = Intent::Read);
    SchemaSnapshot readPostgres(Access access = Access::ReadOnly);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    // Created once and shared by the tests that only read it.
    std::unique_ptr<test::ScratchPostgres> m_postgres;
    bool m_postgresChanged = false;
};

void TestSchemaReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"app.db"_s);
    test::TestDatabase raw(u"sqlite:"_s + m_path);
    QVERIFY(execAll(raw, SqliteSchema));
}

void TestSchemaReader::cleanup()
{
    m_dir.reset();
}

void TestSchemaReader::cleanupTestCase()
{
    m_postgres.reset();
}

SchemaSnapshot TestSchemaReader::readSqlite(Access access, const QSet<QString>& exclude)
{
    auto connection = openConnection(u"sqlite:"_s + m_path, access);
    if (!connection)
        return {};
    const auto snapshot = SchemaReader::read(*connection, exclude);
    if (!snapshot) {
        qWarning("%s", qPrintable(snapshot.error().message));
        return {};
    }
    return snapshot.value();
}

void TestSchemaReader::sqliteTables_data()
{
    QTest::addColumn<Table>("expected");
    QTest::newRow("quoted names, AUTOINCREMENT, named and unnamed constraints") << sqliteAccounts();
    QTest::newRow("WITHOUT ROWID, generated columns") << sqliteSettings();
    QTest::newRow("STRICT, foreign keys") << sqliteOrders();
    QTest::newRow("names in brackets, backquotes and single quotes") << sqliteOdd();
}

void TestSchemaReader::sqliteTables()
{
    QFETCH(Table, expected);
    const SchemaSnapshot snapshot = readSqlite();
    QCOMPARE(snapshot.dialect, Dialect::Sqlite);
    QCOMPARE(snapshot.tables.keys(), (QStringList { Odd, u"orders"_s, u"settings"_s, Accounts }));
    const Table actual = snapshot.tables.value(expected.name);
    QCOMPARE(actual.columns, expected.columns);
    QCOMPARE(actual, expected);
}

// The examples of https://www.sqlite.org/datatype3.html section 3.1.1 and the rule order
// of 3.1; the last column is what the engine itself makes of the text '12'.
void TestSchemaReader::sqliteAffinity_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("type");
    QTest::addColumn<SqliteAffinity>("affinity");
    QTest::addColumn<QString>("typeOfText12");

    const auto row = [](const QString& declared, const QString& type, SqliteAffinity affinity) {
        static const QHash<SqliteAffinity, QString> stored { { SqliteAffinity::Integer, u"integer"_s },
            { SqliteAffinity::Text, u"text"_s }, { SqliteAffinity::Blob, u"text"_s },
            { SqliteAffinity::Real, u"real"_s }, { SqliteAffinity::Numeric, u"integer"_s } };
        QTest::addRow("%s", declared.isEmpty() ? "(none)" : qPrintable(declared))
            << declared << type << affinity << stored.value(affinity);
    };
    for (const char* declared :
        { "INT", "INTEGER", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "UNSIGNED BIG INT", "INT2", "INT8" })
        row(QLatin1String(declared), QString::fromLatin1(declared).toLower(), SqliteAffinity::Integer);
    row(u"CHARACTER(20)"_s, u"character(20)"_s, SqliteAffinity::Text);
    row(u"VARCHAR(255)"_s, u"varchar(255)"_s, SqliteAffinity::Text);
    row(u"VARYING CHARACTER(255)"_s, u"varying character(255)"_s, SqliteAffinity::Text);
    row(u"NCHAR(55)"_s, u"nchar(55)"_s, SqliteAffinity::Text);
    row(u"NATIVE CHARACTER(70)"_s, u"native character(70)"_s, SqliteAffinity::Text);
    row(u"NVARCHAR(100)"_s, u"nvarchar(100)"_s, SqliteAffinity::Text);
    row(u"TEXT"_s, u"text"_s, SqliteAffinity::Text);
    row(u"CLOB"_s, u"clob"_s, SqliteAffinity::Text);
    row(u"BLOB"_s, u"blob"_s, SqliteAffinity::Blob);
    row({}, {}, SqliteAffinity::Blob);
    row(u"REAL"_s, u"real"_s, SqliteAffinity::Real);
    row(u"DOUBLE"_s, u"double"_s, SqliteAffinity::Real);
    row(u"DOUBLE PRECISION"_s, u"double precision"_s, SqliteAffinity::Real);
    row(u"FLOAT"_s, u"float"_s, SqliteAffinity::Real);
    row(u"NUMERIC"_s, u"numeric"_s, SqliteAffinity::Numeric);
    row(u"DECIMAL(10,5)"_s, u"decimal(10,5)"_s, SqliteAffinity::Numeric);
    row(u"BOOLEAN"_s, u"boolean"_s, SqliteAffinity::Numeric);
    row(u"DATE"_s, u"date"_s, SqliteAffinity::Numeric);
    row(u"DATETIME"_s, u"datetime"_s, SqliteAffinity::Numeric);
    row(u"FLOATING POINT"_s, u"floating point"_s, SqliteAffinity::Integer); // "INT" in POINT comes first
    row(u"STRING"_s, u"string"_s, SqliteAffinity::Numeric);
    row(u"CharInt"_s, u"charint"_s, SqliteAffinity::Integer);
    row(u"BLOBTEXT"_s, u"blobtext"_s, SqliteAffinity::Text);
    row(u"timestamp  with   time zone"_s, u"timestamp with time zone"_s, SqliteAffinity::Numeric);
}

void TestSchemaReader::sqliteAffinity()
{
    QFETCH(QString, declared);
    QFETCH(QString, type);
    QFETCH(SqliteAffinity, affinity);
    QFETCH(QString, typeOfText12);
    {
        test::TestDatabase raw(u"sqlite:"_s + m_path);
        QVERIFY(raw.exec(u"CREATE TABLE probe (c %1)"_s.arg(declared)));
        QVERIFY(raw.exec(u"INSERT INTO probe VALUES ('12')"_s));
        QCOMPARE(raw.scalar(u"SELECT typeof(c) FROM probe"_s).toString(), typeOfText12);
    }
    const Column column = readSqlite().tables.value(u"probe"_s).columns.value(0);
    QCOMPARE(column.declaredType, declared);
    QCOMPARE(column.type, type);
    QCOMPARE(column.affinity, std::optional<SqliteAffinity>(affinity));
}

void TestSchemaReader::sqliteIndexes()
{
    const SchemaSnapshot snapshot = readSqlite();
    Index expression
        = makeIndex(u"accounts lower \"email\""_s, Accounts, { u"lower(email)"_s, u"nickname COLLATE NOCASE"_s }, true);
    expression.predicate = u"email IS NOT NULL"_s;
    const QVector<Index> expected {
        expression,
        makeIndex(u"orders_account"_s, u"orders"_s, { u"account_id DESC"_s }),
        makeIndex(u"sqlite_autoindex_it's [odd]_1"_s, Odd, { u"col \"three\""_s }, true, true),
        makeIndex(u"sqlite_autoindex_settings_1"_s, u"settings"_s, { u"scope"_s, u"key"_s }, true, true),
        makeIndex(u"sqlite_autoindex_user accounts_1"_s, Accounts, { u"email"_s }, true, true),
        makeIndex(u"sqlite_autoindex_user accounts_2"_s, Accounts, { u"nickname"_s, u"email"_s }, true, true),
    };
    QCOMPARE(snapshot.indexes, expected);
}

void TestSchemaReader::sqliteViewsAndTriggers()
{
    const SchemaSnapshot snapshot = readSqlite();
    QCOMPARE(snapshot.views, (QVector<View> { { u"active \"users\""_s, SqliteSchema.at(5), false } }));
    QCOMPARE(snapshot.triggers, (QVector<Trigger> { { u"orders_guard"_s, u"orders"_s, SqliteSchema.at(6) } }));
    QVERIFY(snapshot.sequences.isEmpty()); // sqlite_sequence holds data, and internal tables are left out
    QVERIFY(snapshot.enumTypes.isEmpty());
    QVERIFY(snapshot.domains.isEmpty());
    QVERIFY(snapshot.functions.isEmpty());
    QVERIFY(snapshot.schemas.isEmpty());
    QVERIFY(snapshot.extensions.isEmpty());
}

void TestSchemaReader::sqliteWithoutExclusionReadsTheLedger()
{
    const SchemaSnapshot all = readSqlite(Access::ReadOnly, {});
    QCOMPARE(all.tables.keys(), (QStringList { u"_migrations"_s, Odd, u"orders"_s, u"settings"_s, Accounts }));
    QCOMPARE(all.indexes.constFirst().name, u"_migrations_name"_s);
    QCOMPARE(all.triggers.constFirst().name, u"_migrations_guard"_s);
    // Names of the ledger are matched without regard to case, as SQLite matches them.
    QCOMPARE(readSqlite(Access::ReadOnly, { u"_MIGRATIONS"_s }), readSqlite());
}

void TestSchemaReader::sqliteReadOnlyReadLeavesFileAlone()
{
    const QByteArray before = test::fileSha256(m_path);
    const SchemaSnapshot readOnly = readSqlite(Access::ReadOnly);
    QCOMPARE(test::fileSha256(m_path), before);
    QCOMPARE(readOnly.tables.size(), 4);
    QCOMPARE(readOnly, readSqlite(Access::ReadWrite));
    QCOMPARE(readOnly, readSqlite(Access::ReadOnly)); // the same twice: every list in a fixed order
}

// The 12-step rebuild of https://www.sqlite.org/lang_altertable.html, writing the same
// table another way (other case and spacing, constraint names dropped or changed,
// quotes): the snapshot differs only where it should not matter, and the diff is empty.
void TestSchemaReader::sqliteRebuildReadsTheSame()
{
    const SchemaSnapshot before = readSqlite();
    {
        test::TestDatabase raw(u"sqlite:"_s + m_path);
        QVERIFY(execAll(raw,
            {
                u"PRAGMA foreign_keys = OFF"_s,
                u"BEGIN"_s,
                uR"(create table "user accounts_new" (
                id integer primary key autoincrement,
                email varchar(80) not null unique,
                "display ""name""" text default 'anon' collate nocase,
                score double   precision default 0.0,
                balance decimal(10,3) check ("balance" >= 0) constraint below_a_billion check (balance<1e9),
                avatar blob, misc, flags int2 not null default (1+1), created_at timestamp default current_timestamp,
                nickname character varying(40),
                check (score between 0 and 100),
                constraint nickname_email unique (nickname, email)))"_s,
                u"INSERT INTO \"user accounts_new\" SELECT * FROM \"user accounts\""_s,
                u"DROP VIEW \"active \"\"users\"\"\""_s,
                u"DROP TRIGGER orders_guard"_s, // it names the table, so RENAME would check it
                u"DROP TABLE \"user accounts\""_s,
                u"ALTER TABLE \"user accounts_new\" RENAME TO \"user accounts\""_s,
                SqliteSchema.at(4),
                SqliteSchema.at(5),
                SqliteSchema.at(6),
                u"COMMIT"_s,
            }));
    }
    const SchemaSnapshot after = readSqlite();
    QVERIFY(after.tables.value(Accounts) != before.tables.value(Accounts)); // other names, other spelling
    const SchemaDiff diff = SchemaDiff::between(before, after);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.describe().join(u'\n')));
}

// A virtual table whose module this SQLite lacks (written into sqlite_master by hand):
// the read fails and says which table it was reading.
void TestSchemaReader::sqliteUnreadableTableIsAnError()
{
    {
        test::TestDatabase raw(u"sqlite:"_s + m_path);
        QVERIFY(execAll(raw,
            { u"PRAGMA writable_schema = ON"_s,
                u"INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', "
                "'ghost', 'ghost', 0, 'CREATE VIRTUAL TABLE ghost USING nosuchmodule(a)')"_s }));
    }
    auto connection = openConnection(u"sqlite:"_s + m_path, Access::ReadOnly);
    QVERIFY(connection);
    const auto snapshot = SchemaReader::read(*connection);
    QVERIFY(!snapshot.ok());
    QCOMPARE(snapshot.error().code, Error::Code::Connection);
    QCOMPARE(snapshot.error().message,
        u"cannot read the schema of sqlite:"_s + m_path + u": no such module: nosuchmodule (reading \"ghost\")"_s);
}

// Analysis replays a migration in a transaction and reads the schema before rolling
// back: the read sees the transaction's changes and leaves it open.
void TestSchemaReader::sqliteReadsInsideTheCallersTransaction()
{
    auto connection = openConnection(u"sqlite:"_s + m_path, Access::ReadWrite);
    QVERIFY(connection);
    QVERIFY(connection->execute(u"BEGIN"_s).ok());
    QVERIFY(connection->execute(u"CREATE TABLE later (a TEXT)"_s).ok());
    const auto inside = SchemaReader::read(*connection, { u"_migrations"_s });
    QVERIFY(inside.ok());
    QCOMPARE(inside.value().tables.value(u"later"_s).columns, QVector<Column> { sqliteColumn(u"a"_s, u"TEXT"_s) });
    QVERIFY(connection->execute(u"ROLLBACK"_s).ok());
    const auto after = SchemaReader::read(*connection, { u"_migrations"_s });
    QVERIFY(after.ok());
    QVERIFY(!after.value().tables.contains(u"later"_s));
    QCOMPARE(after.value(), readSqlite());
}

namespace {

const QStringList PostgresSchema = {
    u"CREATE SCHEMA app"_s,
    u"CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy')"_s,
    u"CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0)"_s,
    u"CREATE SEQUENCE app.tickets AS bigint INCREMENT 5 MINVALUE 10 MAXVALUE 100000 START 100 CYCLE"_s,
    uR"(CREATE TABLE app.users (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email varchar(80) NOT NULL UNIQUE,
        mood app.mood DEFAULT 'ok',
        balance numeric(10,3) DEFAULT 0 CHECK (balance >= 0),
        created timestamptz NOT NULL DEFAULT now(),
        doubled bigint GENERATED ALWAYS AS (id * 2) STORED,
        "Quoted ""Name""" text,
        score positive_int))"_s,
    uR"(CREATE TABLE orders (
        id serial PRIMARY KEY,
        user_id bigint,
        ref integer GENERATED BY DEFAULT AS IDENTITY,
        total numeric,
        tags text[],
        code char(3),
        CONSTRAINT orders_code_key UNIQUE (code, user_id)))"_s,
    u"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) "
    "ON DELETE SET NULL ON UPDATE CASCADE NOT VALID"_s,
    u"ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total > 0) NOT VALID"_s,
    u"CREATE INDEX orders_lower_code ON orders (lower(code) DESC NULLS LAST, user_id NULLS FIRST) INCLUDE (total) "
    "WHERE total IS NOT NULL"_s,
    u"CREATE INDEX orders_tags ON orders USING gin (tags)"_s,
    u"CREATE UNIQUE INDEX orders_ref ON orders (ref)"_s,
    u"CREATE VIEW app.rich_users AS SELECT id, email FROM app.users WHERE balance > 100"_s,
    u"CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id"_s,
    u"CREATE INDEX order_totals_user ON order_totals (user_id)"_s,
    u"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"_s,
    u"CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE "
    "AS 'SELECT a + b'"_s,
    u"CREATE PROCEDURE app.noop() LANGUAGE sql AS 'SELECT 1'"_s,
    u"CREATE AGGREGATE app.total(numeric) (SFUNC = numeric_add, STYPE = numeric)"_s,
    u"CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()"_s,
    // The ledger, left out with its index, trigger and sequence.
    u"CREATE TABLE _migrations (id serial PRIMARY KEY, name text NOT NULL)"_s,
    u"CREATE INDEX _migrations_name ON _migrations (name)"_s,
    u"CREATE TRIGGER _migrations_touch BEFORE UPDATE ON _migrations FOR EACH ROW EXECUTE FUNCTION touch()"_s,
    // Objects an extension owns are the extension's: plpgsql is always there to own some.
    u"CREATE TABLE extension_table (a int)"_s,
    u"CREATE FUNCTION extension_function() RETURNS int LANGUAGE sql AS 'SELECT 1'"_s,
    u"CREATE TYPE extension_enum AS ENUM ('x')"_s,
    u"ALTER EXTENSION plpgsql ADD TABLE extension_table"_s,
    u"ALTER EXTENSION plpgsql ADD FUNCTION extension_function()"_s,
    u"ALTER EXTENSION plpgsql ADD TYPE extension_enum"_s,
};

Table postgresUsers()
{
    Table table;
    table.name = u"app.users"_s;
    table.columns = {
        identity(postgresColumn(u"id"_s, u"bigint"_s, true), Column::Identity::Always),
        postgresColumn(u"email"_s, u"character varying(80)"_s, true),
        postgresColumn(u"mood"_s, u"app.mood"_s, false, u"'ok'::app.mood"_s),
        postgresColumn(u"balance"_s, u"numeric(10,3)"_s, false, u"0"_s),
        postgresColumn(u"created"_s, u"timestamp with time zone"_s, true, u"now()"_s),
        generated(postgresColumn(u"doubled"_s, u"bigint"_s), Column::Generated::Stored, u"(id * 2)"_s),
        postgresColumn(u"Quoted \"Name\""_s, u"text"_s),
        postgresColumn(u"score"_s, u"positive_int"_s),
    };
    table.primaryKey = { u"id"_s };
    table.uniqueConstraints = { { u"users_email_key"_s, { u"email"_s } } };
    table.checkConstraints = { { u"users_balance_check"_s, u"balance >= 0::numeric"_s, true } };
    return table;
}

Table postgresOrders()
{
    Table table;
    table.name = u"orders"_s;
    table.columns = {
        postgresColumn(u"id"_s, u"integer"_s, true, u"nextval('orders_id_seq'::regclass)"_s),
        postgresColumn(u"user_id"_s, u"bigint"_s),
        identity(postgresColumn(u"ref"_s, u"integer"_s, true), Column::Identity::ByDefault),
        postgresColumn(u"total"_s, u"numeric"_s),
        postgresColumn(u"tags"_s, u"text[]"_s),
        postgresColumn(u"code"_s, u"character(3)"_s),
    };
    table.primaryKey = { u"id"_s };
    table.uniqueConstraints = { { u"orders_code_key"_s, { u"code"_s, u"user_id"_s } } };
    table.checkConstraints = { { u"orders_total_check"_s, u"total > 0::numeric"_s, false } };
    table.foreignKeys = { { u"orders_user_fk"_s, { u"user_id"_s }, u"app.users"_s, { u"id"_s }, Action::SetNull,
        Action::Cascade, false } };
    return table;
}

} // namespace

// A scratch database with PostgresSchema: the shared one to read, a new one to change.
bool TestSchemaReader::createPostgres(Intent intent)
{
    if (intent == Intent::Read && m_postgres && !m_postgresChanged)
        return true;
    m_postgres.reset();
    m_postgresChanged = intent == Intent::Change;
    if (!test::ScratchPostgres::available()) {
        qWarning("BACKSTEP_TEST_PG is not set: run the tests with tests/run-tests.sh (make test)");
        return false;
    }
    m_postgres = std::make_unique<test::ScratchPostgres>();
    if (!m_postgres->isValid()) {
        qWarning("%s", qPrintable(m_postgres->error()));
        return false;
    }
    bool created = false;
    {
        test::TestDatabase raw(m_postgres->uri());
        created = execAll(raw, PostgresSchema);
    }
    if (!created)
        m_postgres.reset();
    return created;
}

SchemaSnapshot TestSchemaReader::readPostgres(Access access)
{
    auto connection = openConnection(m_postgres->uri(), access);
    if (!connection)
        return {};
    const auto snapshot = SchemaReader::read(*connection, { u"_migrations"_s });
    if (!snapshot) {
        qWarning("%s", qPrintable(snapshot.error().message));
        return {};
    }
    return snapshot.value();
}

void TestSchemaReader::postgresTables_data()
{
    QTest::addColumn<Table>("expected");
    QTest::newRow("identity, enum, domain, generated, quoted name, other schema") << postgresUsers();
    QTest::newRow("serial, NOT VALID check and foreign key, arrays") << postgresOrders();
}

void TestSchemaReader::postgresTables()
{
    QFETCH(Table, expected);
    QVERIFY(createPostgres());
    const SchemaSnapshot snapshot = readPostgres();
    QCOMPARE(snapshot.dialect, Dialect::Postgres);
    QCOMPARE(snapshot.tables.keys(), (QStringList { u"app.users"_s, u"orders"_s }));
    const Table actual = snapshot.tables.value(expected.name);
    QCOMPARE(actual.columns, expected.columns);
    QCOMPARE(actual, expected);
}

void TestSchemaReader::postgresIndexes()
{
    QVERIFY(createPostgres());
    Index partial = makeIndex(
        u"orders_lower_code"_s, u"orders"_s, { u"lower(code::text) DESC NULLS LAST"_s, u"user_id NULLS FIRST"_s });
    partial.includedColumns = { u"total"_s };
    partial.predicate = u"total IS NOT NULL"_s;
    Index gin = makeIndex(u"orders_tags"_s, u"orders"_s, { u"tags"_s });
    gin.method = u"gin"_s;
    const QVector<Index> expected {
        makeIndex(u"app.users_email_key"_s, u"app.users"_s, { u"email"_s }, true, true),
        makeIndex(u"app.users_pkey"_s, u"app.users"_s, { u"id"_s }, true, true),
        makeIndex(u"order_totals_user"_s, u"order_totals"_s, { u"user_id"_s }),
        makeIndex(u"orders_code_key"_s, u"orders"_s, { u"code"_s, u"user_id"_s }, true, true),
        partial,
        makeIndex(u"orders_pkey"_s, u"orders"_s, { u"id"_s }, true, true),
        makeIndex(u"orders_ref"_s, u"orders"_s, { u"ref"_s }, true),
        gin,
    };
    QCOMPARE(readPostgres().indexes, expected);
}

void TestSchemaReader::postgresObjects()
{
    QVERIFY(createPostgres());
    const SchemaSnapshot snapshot = readPostgres();
    QCOMPARE(snapshot.views,
        (QVector<View> {
            { u"app.rich_users"_s,
                u" SELECT users.id,\n    users.email\n   FROM app.users\n  WHERE users.balance > 100::numeric;"_s,
                false },
            { u"order_totals"_s,
                u" SELECT orders.user_id,\n    sum(orders.total) AS total\n   FROM orders\n  GROUP BY orders.user_id;"_s,
                true } }));
    QCOMPARE(snapshot.triggers,
        (QVector<Trigger> { { u"orders_touch"_s, u"orders"_s,
            u"CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION "
            "touch()"_s } }));
    QCOMPARE(snapshot.sequences,
        (QVector<Sequence> { { u"app.tickets"_s, u"bigint"_s, 100, 5, 10, 100000, true, {} },
            { u"app.users_id_seq"_s, u"bigint"_s, 1, 1, 1, 9223372036854775807LL, false, u"app.users.id"_s },
            { u"orders_id_seq"_s, u"integer"_s, 1, 1, 1, 2147483647, false, u"orders.id"_s },
            { u"orders_ref_seq"_s, u"integer"_s, 1, 1, 1, 2147483647, false, u"orders.ref"_s } }));
    QCOMPARE(snapshot.enumTypes, (QVector<EnumType> { { u"app.mood"_s, { u"sad"_s, u"ok"_s, u"happy"_s } } }));
    QCOMPARE(snapshot.domains,
        (QVector<Domain> { { u"positive_int"_s, u"integer"_s, true, u"1"_s,
            { { u"positive_int_check"_s, u"VALUE > 0"_s, true } } } }));
    QCOMPARE(snapshot.functions,
        (QVector<Function> {
            { u"app.add"_s, u"a integer, b integer"_s, u"integer"_s, Function::Kind::Function,
                u"CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)\n RETURNS integer\n LANGUAGE "
                "sql\n IMMUTABLE\nAS $function$SELECT a + b$function$\n"_s },
            { u"app.noop"_s, {}, {}, Function::Kind::Procedure,
                u"CREATE OR REPLACE PROCEDURE app.noop()\n LANGUAGE sql\nAS $procedure$SELECT 1$procedure$\n"_s },
            { u"app.total"_s, u"numeric"_s, u"numeric"_s, Function::Kind::Aggregate, {} },
            { u"touch"_s, {}, u"trigger"_s, Function::Kind::Function,
                u"CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ "
                "BEGIN RETURN NEW; END $function$\n"_s } }));
    QCOMPARE(snapshot.schemas, (QStringList { u"app"_s, u"public"_s }));
    QCOMPARE(snapshot.extensions, (QVector<Extension> { { u"plpgsql"_s, u"1.0"_s, u"pg_catalog"_s } }));
}

// VALIDATE CONSTRAINT between two reads: the diff says so, and nothing else.
void TestSchemaReader::postgresValidatedConstraint()
{
    QVERIFY(createPostgres(Intent::Change));
    const SchemaSnapshot before = readPostgres();
    {
        test::TestDatabase raw(m_postgres->uri());
        QVERIFY(execAll(raw,
            { u"ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check"_s,
                u"ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk"_s }));
    }
    QCOMPARE(SchemaDiff::between(before, readPostgres()).describe(),
        (QStringList { u"check constraint orders_total_check on orders: NOT VALID -> valid"_s,
            u"foreign key orders_user_fk on orders: NOT VALID -> valid"_s }));
}

void TestSchemaReader::postgresReadOnlyIsEnforcedAndEnough()
{
    QVERIFY(createPostgres());
    auto connection = openConnection(m_postgres->uri(), Access::ReadOnly);
    QVERIFY(connection);
    const auto write = connection->execute(u"CREATE TABLE written (a int)"_s);
    QVERIFY(!write.ok());
    QCOMPARE(write.error().message, u"ERROR: cannot execute CREATE TABLE in a read-only transaction (25006)"_s);
    const auto snapshot = SchemaReader::read(*connection, { u"_migrations"_s });
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.ok() ? QString() : snapshot.error().message));
    QCOMPARE(snapshot.value().tables.size(), 2);
    QCOMPARE(snapshot.value(), readPostgres(Access::ReadWrite));
}

QTEST_GUILESS_MAIN(TestSchemaReader)
#include "tst_schemareader.moc"
