// PostgreSQL statement rules: one _data() row per rule and per edge, each asserting the
// exact findings (rule, severity, object) a statement produces, plus the messages, the
// migration context, the strict profile and parser errors.

#include "analysis/postgresstatementrules.h"
#include "analysis/rulecatalogue.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

namespace {

SqlStatement statementOf(const QString& sql, int line = 1, int number = 1)
{
    SqlStatement statement;
    statement.text = sql;
    statement.line = line;
    statement.number = number;
    return statement;
}

// "rule severity object", the object left out when there is none.
QStringList described(const Findings& findings)
{
    QStringList out;
    for (const Finding& finding : findings)
        out += QString(finding.rule + u' ' + severityName(finding.severity) + u' ' + finding.object).trimmed();
    return out;
}

QStringList messagesOf(const Findings& findings)
{
    QStringList out;
    for (const Finding& finding : findings)
        out += finding.message;
    return out;
}

Findings analysed(const QString& sql, StatementContext& context, AnalysisProfile profile = AnalysisProfile::Default)
{
    const Result<Findings> result = PostgresStatementRules::analyse(statementOf(sql), context, profile);
    if (!result.ok()) {
        qWarning() << result.error().message;
        return {};
    }
    return result.value();
}

StatementContext contextWith(const QStringList& newTables)
{
    StatementContext context;
    for (const QString& table : newTables)
        context.createdTables.insert(table);
    return context;
}

} // namespace

class TestPostgresStatementRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findings_data();
    void findings();
    void messages_data();
    void messages();
    void strictProfile_data();
    void strictProfile();
    void contextFollowsTheMigration();
    void contextFromCreateTableAsAndSelectInto();
    void positionComesFromTheStatement();
    void syntaxError_data();
    void syntaxError();
    void everyRuleIsInTheCatalogue();
    void throughput();
};

void TestPostgresStatementRules::findings_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("newTables");
    QTest::addColumn<QStringList>("expected");

    const QStringList none;
    const auto row = [&](const char* name, const QString& sql, const QStringList& expected,
                         const QStringList& newTables = {}) { QTest::newRow(name) << sql << newTables << expected; };

    // Tables.
    row("drop table", u"DROP TABLE users"_s, { u"drop-table breaking users"_s });
    row("drop tables, one per object", u"DROP TABLE IF EXISTS a, app.b CASCADE"_s,
        { u"drop-table breaking a"_s, u"drop-table breaking app.b"_s });
    row("drop table created in this migration", u"DROP TABLE scratch"_s, none, { u"scratch"_s });
    row("drop foreign table", u"DROP FOREIGN TABLE remote"_s, { u"drop-table breaking remote"_s });
    row("rename table", u"ALTER TABLE recipes RENAME TO dishes"_s, { u"rename-table breaking recipes"_s });
    row("rename new table", u"ALTER TABLE scratch RENAME TO kept"_s, none, { u"scratch"_s });
    row("rename view", u"ALTER VIEW v_users RENAME TO v_people"_s, { u"rename-table breaking v_users"_s });
    row("create table", u"CREATE TABLE pantry_items (id bigint)"_s, { u"create-table info pantry_items"_s });
    row("create table if not exists, schema", u"CREATE TABLE IF NOT EXISTS app.tags (id int)"_s,
        { u"create-table info app.tags"_s });
    row("create temporary table", u"CREATE TEMP TABLE work (id int)"_s, { u"create-table info work"_s });
    row("create partition", u"CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM (1) TO (2)"_s,
        { u"create-table info events_2024"_s });
    row("create table as", u"CREATE TABLE archive AS SELECT * FROM orders"_s, { u"create-table info archive"_s });
    row("select into", u"SELECT * INTO backup_users FROM users"_s, { u"create-table info backup_users"_s });

    // Columns.
    row("drop column", u"ALTER TABLE users DROP COLUMN nickname"_s, { u"drop-column breaking users.nickname"_s });
    row("drop column if exists cascade", u"ALTER TABLE users DROP COLUMN IF EXISTS bio CASCADE"_s,
        { u"drop-column breaking users.bio"_s });
    row("rename column", u"ALTER TABLE recipes RENAME COLUMN servings TO yield_servings"_s,
        { u"rename-column breaking recipes.servings"_s });
    row("rename column without COLUMN", u"ALTER TABLE ONLY recipes RENAME servings TO portions"_s,
        { u"rename-column breaking recipes.servings"_s });
    row("rename column of new table", u"ALTER TABLE scratch RENAME COLUMN a TO b"_s, none, { u"scratch"_s });
    row("change column type", u"ALTER TABLE users ALTER COLUMN age TYPE bigint"_s,
        { u"change-column-type breaking users.age"_s, u"table-rewrite caution users.age"_s });
    row("change column type to text", u"ALTER TABLE users ALTER COLUMN name SET DATA TYPE text"_s,
        { u"change-column-type breaking users.name"_s, u"table-rewrite caution users.name"_s });
    row("change column type using", u"ALTER TABLE users ALTER age TYPE int USING age::int"_s,
        { u"change-column-type breaking users.age"_s, u"table-rewrite caution users.age"_s });
    row("add nullable column", u"ALTER TABLE users ADD COLUMN bio text"_s, { u"add-nullable-column info users.bio"_s });
    row("add column without COLUMN keyword", u"ALTER TABLE users ADD bio text NULL"_s,
        { u"add-nullable-column info users.bio"_s });
    row("add column default null is nullable", u"ALTER TABLE users ADD bio text DEFAULT NULL"_s,
        { u"add-nullable-column info users.bio"_s });
    row("add not null column without default", u"ALTER TABLE pantry_items ADD COLUMN household_id bigint NOT NULL"_s,
        { u"add-not-null-column-without-default breaking pantry_items.household_id"_s });
    row("add primary key column without default", u"ALTER TABLE tags ADD COLUMN id int PRIMARY KEY"_s,
        { u"add-not-null-column-without-default breaking tags.id"_s });
    row("add not null column to new table", u"ALTER TABLE scratch ADD COLUMN n int NOT NULL"_s, none, { u"scratch"_s });
    row("add not null column with default", u"ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true"_s,
        { u"add-column-with-default info users.active"_s });
    row("add column with stable default", u"ALTER TABLE users ADD created_at timestamptz DEFAULT now()"_s,
        { u"add-column-with-default info users.created_at"_s });
    row("add column with volatile default", u"ALTER TABLE users ADD token uuid DEFAULT gen_random_uuid()"_s,
        { u"add-column-with-default info users.token"_s, u"table-rewrite caution users.token"_s });
    row("add column with nested volatile default",
        u"ALTER TABLE users ADD dice int NOT NULL DEFAULT (random() * 6)::int"_s,
        { u"add-column-with-default info users.dice"_s, u"table-rewrite caution users.dice"_s });
    row("add column with clock_timestamp default",
        u"ALTER TABLE users ADD seen timestamptz DEFAULT clock_timestamp()"_s,
        { u"add-column-with-default info users.seen"_s, u"table-rewrite caution users.seen"_s });
    row("add identity column", u"ALTER TABLE users ADD id2 bigint GENERATED ALWAYS AS IDENTITY"_s,
        { u"add-column-with-default info users.id2"_s, u"table-rewrite caution users.id2"_s });
    row("add serial column", u"ALTER TABLE users ADD position serial"_s,
        { u"add-column-with-default info users.position"_s, u"table-rewrite caution users.position"_s });
    row("add stored generated column",
        u"ALTER TABLE users ADD lower_name text GENERATED ALWAYS AS (lower(name)) STORED"_s,
        { u"add-column-with-default info users.lower_name"_s, u"table-rewrite caution users.lower_name"_s });
    row("add unique column with constant default", u"ALTER TABLE users ADD slot int DEFAULT 0 UNIQUE"_s,
        { u"add-column-with-default info users.slot"_s, u"add-unique-constraint breaking users.slot"_s });
    row("add unique nullable column", u"ALTER TABLE users ADD handle text UNIQUE"_s,
        { u"add-nullable-column info users.handle"_s });
    row("set not null", u"ALTER TABLE users ALTER COLUMN email SET NOT NULL"_s,
        { u"set-not-null breaking users.email"_s });
    row("drop not null and set default say nothing",
        u"ALTER TABLE users ALTER COLUMN email DROP NOT NULL, ALTER COLUMN email SET DEFAULT ''"_s, none);
    row("drop column default", u"ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT"_s,
        { u"drop-column-default breaking users.created_at"_s });
    row("drop generation expression", u"ALTER TABLE users ALTER COLUMN lower_name DROP EXPRESSION"_s,
        { u"drop-column-default breaking users.lower_name"_s });

    // Constraints on an existing table.
    row("add check", u"ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0)"_s,
        { u"add-check-constraint breaking age_positive"_s });
    row("add check not valid", u"ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0) NOT VALID"_s,
        { u"add-check-constraint breaking age_positive"_s });
    row("add unnamed check", u"ALTER TABLE users ADD CHECK (age > 0)"_s, { u"add-check-constraint breaking users"_s });
    row("add unique", u"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)"_s,
        { u"add-unique-constraint breaking users_email_key"_s });
    row("add unique using index",
        u"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx"_s,
        { u"add-unique-constraint breaking users_email_key"_s });
    row("add exclusion", u"ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =)"_s,
        { u"add-unique-constraint breaking no_overlap"_s });
    row("add foreign key",
        u"ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id)"_s,
        { u"add-foreign-key breaking orders_user_fkey"_s });
    row("add foreign key not valid", u"ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users NOT VALID"_s,
        { u"add-foreign-key breaking orders"_s });
    row("add primary key", u"ALTER TABLE tags ADD PRIMARY KEY (id)"_s, { u"add-primary-key breaking tags"_s });
    row("add primary key using index",
        u"ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_id_idx"_s,
        { u"add-primary-key breaking tags_pkey"_s });
    row("constraints on new table", u"ALTER TABLE scratch ADD PRIMARY KEY (id), ADD CHECK (id > 0)"_s, none,
        { u"scratch"_s });
    row("validate constraint says nothing", u"ALTER TABLE users VALIDATE CONSTRAINT age_positive"_s, none);
    row("drop constraint", u"ALTER TABLE users DROP CONSTRAINT age_positive"_s,
        { u"drop-constraint caution age_positive"_s });
    row("drop default-named foreign key", u"ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey"_s,
        { u"drop-constraint caution orders_user_id_fkey"_s });
    row("drop default-named unique", u"ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key"_s,
        { u"drop-unique-constraint breaking users_email_key"_s });
    row("drop default-named primary key", u"ALTER TABLE users DROP CONSTRAINT users_pkey CASCADE"_s,
        { u"drop-unique-constraint breaking users_pkey"_s });
    row("rename constraint", u"ALTER TABLE users RENAME CONSTRAINT age_positive TO age_check"_s,
        { u"rename-constraint caution age_positive"_s });

    // Indexes.
    row("create index blocking", u"CREATE INDEX users_email_idx ON users (email)"_s,
        { u"create-index-blocking caution users_email_idx"_s });
    row("create index concurrently", u"CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"_s,
        { u"create-index info users_email_idx"_s });
    row("create unnamed index", u"CREATE INDEX ON users (email)"_s, { u"create-index-blocking caution users"_s });
    row("create index on new table", u"CREATE INDEX scratch_n_idx ON scratch (n)"_s,
        { u"create-index info scratch_n_idx"_s }, { u"scratch"_s });
    row("create unique index", u"CREATE UNIQUE INDEX users_email_key ON users (email)"_s,
        { u"add-unique-constraint breaking users_email_key"_s, u"create-index-blocking caution users_email_key"_s });
    row("create unique index concurrently", u"CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)"_s,
        { u"add-unique-constraint breaking users_email_key"_s, u"create-index info users_email_key"_s });
    row("create unique index on new table", u"CREATE UNIQUE INDEX scratch_key ON scratch (n)"_s,
        { u"create-index info scratch_key"_s }, { u"scratch"_s });
    row("drop index", u"DROP INDEX users_email_idx"_s, { u"drop-index caution users_email_idx"_s });
    row("drop index concurrently, schema", u"DROP INDEX CONCURRENTLY IF EXISTS app.users_email_idx"_s,
        { u"drop-index caution app.users_email_idx"_s });
    row("rename index", u"ALTER INDEX users_email_idx RENAME TO users_mail_idx"_s,
        { u"rename-constraint caution users_email_idx"_s });

    // Identity.
    row("drop identity", u"ALTER TABLE users ALTER COLUMN id DROP IDENTITY IF EXISTS"_s,
        { u"drop-identity breaking users.id"_s });
    row("add identity", u"ALTER TABLE users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY"_s,
        { u"alter-identity caution users.id"_s });
    row("set generated", u"ALTER TABLE users ALTER COLUMN id SET GENERATED BY DEFAULT"_s,
        { u"alter-identity caution users.id"_s });
    row("restart identity", u"ALTER TABLE users ALTER COLUMN id RESTART WITH 1000"_s,
        { u"alter-identity caution users.id"_s });

    // Views, routines, triggers, sequences, types, schemas, extensions, policies.
    row("drop view", u"DROP VIEW IF EXISTS active_users"_s, { u"drop-view breaking active_users"_s });
    row("drop materialized view", u"DROP MATERIALIZED VIEW stats"_s, { u"drop-view breaking stats"_s });
    row("drop function", u"DROP FUNCTION app.touch(integer)"_s, { u"drop-function breaking app.touch"_s });
    row("drop procedure", u"DROP PROCEDURE purge"_s, { u"drop-function breaking purge"_s });
    row("drop aggregate", u"DROP AGGREGATE total(int)"_s, { u"drop-function breaking total"_s });
    row("rename function", u"ALTER FUNCTION touch() RENAME TO touch_row"_s, { u"drop-function breaking touch"_s });
    row("drop trigger", u"DROP TRIGGER IF EXISTS users_touch ON app.users"_s,
        { u"drop-trigger breaking users_touch"_s });
    row("drop trigger on new table", u"DROP TRIGGER scratch_touch ON scratch"_s, none, { u"scratch"_s });
    row("drop sequence", u"DROP SEQUENCE order_numbers"_s, { u"drop-sequence breaking order_numbers"_s });
    row("rename sequence", u"ALTER SEQUENCE order_numbers RENAME TO order_no"_s,
        { u"rename-sequence breaking order_numbers"_s });
    row("drop type", u"DROP TYPE mood"_s, { u"drop-type breaking mood"_s });
    row("drop domain", u"DROP DOMAIN email_address"_s, { u"drop-type breaking email_address"_s });
    row("rename type", u"ALTER TYPE mood RENAME TO feeling"_s, { u"rename-type breaking mood"_s });
    row("rename domain", u"ALTER DOMAIN email_address RENAME TO email"_s, { u"rename-type breaking email_address"_s });
    row("rename enum value", u"ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"_s,
        { u"rename-enum-value breaking mood"_s });
    row("add enum value", u"ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'sad'"_s,
        { u"create-other info mood"_s });
    row("drop schema", u"DROP SCHEMA legacy CASCADE"_s, { u"drop-schema breaking legacy"_s });
    row("rename schema", u"ALTER SCHEMA legacy RENAME TO old"_s, { u"rename-schema breaking legacy"_s });
    row("set schema of table", u"ALTER TABLE users SET SCHEMA app"_s, { u"set-schema breaking users"_s });
    row("set schema of function", u"ALTER FUNCTION touch() SET SCHEMA app"_s, { u"set-schema breaking touch"_s });
    row("set schema of type", u"ALTER TYPE mood SET SCHEMA app"_s, { u"set-schema breaking mood"_s });
    row("drop extension", u"DROP EXTENSION IF EXISTS pgcrypto"_s, { u"drop-extension breaking pgcrypto"_s });
    row("drop policy", u"DROP POLICY owner_only ON documents"_s, { u"drop-policy caution owner_only"_s });
    row("alter policy", u"ALTER POLICY owner_only ON documents USING (true)"_s,
        { u"drop-policy caution owner_only"_s });
    row("disable row level security", u"ALTER TABLE documents DISABLE ROW LEVEL SECURITY"_s,
        { u"drop-policy caution documents"_s });

    // Rows and locks.
    row("update", u"UPDATE users SET plan = 'free' WHERE plan IS NULL"_s, { u"rewrite-rows caution users"_s });
    row("delete", u"DELETE FROM sessions"_s, { u"rewrite-rows caution sessions"_s });
    row("update new table", u"UPDATE scratch SET n = 1"_s, none, { u"scratch"_s });
    row("truncate", u"TRUNCATE sessions, app.tokens"_s,
        { u"rewrite-rows caution sessions"_s, u"rewrite-rows caution app.tokens"_s });
    row("merge", u"MERGE INTO users u USING staged s ON u.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name"_s,
        { u"rewrite-rows caution users"_s });
    row("delete inside WITH",
        u"WITH gone AS (DELETE FROM sessions RETURNING id) INSERT INTO audit SELECT id FROM gone"_s,
        { u"rewrite-rows caution sessions"_s });
    row("insert says nothing", u"INSERT INTO settings (key, value) VALUES ('theme', 'dark')"_s, none);
    row("detach partition", u"ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY"_s,
        { u"rewrite-rows caution events"_s });
    row("retype column of new table", u"ALTER TABLE scratch ALTER n TYPE bigint"_s, none, { u"scratch"_s });
    row("vacuum full", u"VACUUM FULL users"_s, { u"table-rewrite caution users"_s });
    row("vacuum (full false) says nothing", u"VACUUM (FULL false) users"_s, none);
    row("plain vacuum says nothing", u"VACUUM ANALYZE users"_s, none);
    row("cluster", u"CLUSTER users USING users_pkey"_s, { u"table-rewrite caution users"_s });
    row("set tablespace", u"ALTER TABLE users SET TABLESPACE fast"_s, { u"table-rewrite caution users"_s });
    row("do block", u"DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$"_s, { u"opaque-sql caution"_s });
    row("execute", u"EXECUTE cleanup(1)"_s, { u"opaque-sql caution cleanup"_s });
    row("call", u"CALL app.cleanup()"_s, { u"opaque-sql caution app.cleanup"_s });

    // Things older builds ignore.
    row("create view", u"CREATE OR REPLACE VIEW active_users AS SELECT * FROM users"_s,
        { u"create-view info active_users"_s });
    row("create materialized view", u"CREATE MATERIALIZED VIEW stats AS SELECT 1"_s, { u"create-view info stats"_s });
    row("create function", u"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"_s,
        { u"create-view info touch"_s });
    row("create procedure", u"CREATE PROCEDURE purge() LANGUAGE sql AS $$ DELETE FROM sessions $$"_s,
        { u"create-view info purge"_s });
    row("create sequence", u"CREATE SEQUENCE IF NOT EXISTS order_numbers"_s, { u"create-other info order_numbers"_s });
    row("create enum", u"CREATE TYPE mood AS ENUM ('happy', 'sad')"_s, { u"create-other info mood"_s });
    row("create domain", u"CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%')"_s,
        { u"create-other info email_address"_s });
    row("create trigger", u"CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()"_s,
        { u"create-other info users_touch"_s });
    row("create schema", u"CREATE SCHEMA IF NOT EXISTS app"_s, { u"create-other info app"_s });
    row("create extension", u"CREATE EXTENSION IF NOT EXISTS pgcrypto"_s, { u"create-other info pgcrypto"_s });
    row("create policy", u"CREATE POLICY owner_only ON documents USING (owner = current_user)"_s,
        { u"create-other info owner_only"_s });
    row("comment says nothing", u"COMMENT ON COLUMN users.bio IS 'free text'"_s, none);
    row("grant says nothing", u"GRANT SELECT ON users TO reporting"_s, none);
    row("revoke says nothing", u"REVOKE ALL ON users FROM PUBLIC"_s, none);
    row("set says nothing", u"SET lock_timeout = '5s'"_s, none);
    row("reset says nothing", u"RESET lock_timeout"_s, none);
    row("select says nothing", u"SELECT count(*) FROM users"_s, none);

    // Several sub-commands, quoting, schemas.
    row("multi-command alter table",
        u"ALTER TABLE users DROP COLUMN nickname, ADD COLUMN bio text, ALTER COLUMN email SET NOT NULL, "
        "ADD CONSTRAINT bio_short CHECK (length(bio) < 500), ALTER COLUMN email SET STATISTICS 100"_s,
        { u"drop-column breaking users.nickname"_s, u"add-nullable-column info users.bio"_s,
            u"set-not-null breaking users.email"_s, u"add-check-constraint breaking bio_short"_s });
    row("multi-command alter table with identity and rls",
        u"ALTER TABLE docs ALTER COLUMN id DROP IDENTITY, DISABLE ROW LEVEL SECURITY, ADD COLUMN n int NOT NULL"_s,
        { u"drop-identity breaking docs.id"_s, u"drop-policy caution docs"_s,
            u"add-not-null-column-without-default breaking docs.n"_s });
    row("quoted mixed case", u"ALTER TABLE \"UserAccounts\" DROP COLUMN \"NickName\""_s,
        { u"drop-column breaking UserAccounts.NickName"_s });
    row("unquoted mixed case folds", u"ALTER TABLE UserAccounts DROP COLUMN NickName"_s,
        { u"drop-column breaking useraccounts.nickname"_s });
    row("schema-qualified quoted", u"ALTER TABLE app.\"Users\" RENAME COLUMN \"Age\" TO age"_s,
        { u"rename-column breaking app.Users.Age"_s });
    row("schema-qualified new table", u"ALTER TABLE app.scratch ADD n int NOT NULL"_s, none, { u"app.scratch"_s });
    row("unqualified name is another table than qualified new one", u"ALTER TABLE scratch ADD n int NOT NULL"_s,
        { u"add-not-null-column-without-default breaking scratch.n"_s }, { u"app.scratch"_s });
    row("two statements in one text", u"SELECT 1; DROP TABLE users"_s, { u"drop-table breaking users"_s });
    row("empty text", QString(), none);
}

void TestPostgresStatementRules::findings()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, newTables);
    QFETCH(QStringList, expected);

    StatementContext context = contextWith(newTables);
    const Result<Findings> result
        = PostgresStatementRules::analyse(statementOf(sql), context, AnalysisProfile::Default);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(described(result.value()), expected);
}

void TestPostgresStatementRules::messages_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("drop column") << u"ALTER TABLE users DROP COLUMN nickname"_s
                                 << QStringList { u"drops column users.nickname"_s };
    QTest::newRow("rename column") << u"ALTER TABLE recipes RENAME COLUMN servings TO yield_servings"_s
                                   << QStringList { u"renames column recipes.servings to yield_servings"_s };
    QTest::newRow("not null without default")
        << u"ALTER TABLE pantry_items ADD COLUMN household_id bigint NOT NULL"_s
        << QStringList { u"adds NOT NULL column pantry_items.household_id without a default"_s };
    QTest::newRow("retype")
        << u"ALTER TABLE users ALTER COLUMN age TYPE bigint"_s
        << QStringList { u"changes the type of users.age to bigint (whether it only widens needs the schema diff)"_s,
               u"changes the type of users.age under an ACCESS EXCLUSIVE lock; unless it only widens, "
               "every row of users is rewritten"_s };
    QTest::newRow("retype spelled as written")
        << u"ALTER TABLE t ALTER a TYPE varchar(20), ALTER b TYPE numeric(10,2)[], ALTER c TYPE double precision, "
           "ALTER d TYPE app.\"Money\""_s
        << QStringList {
               u"changes the type of t.a to varchar(20) (whether it only widens needs the schema diff)"_s,
               u"changes the type of t.a under an ACCESS EXCLUSIVE lock; unless it only widens, every row of t is "
               "rewritten"_s,
               u"changes the type of t.b to numeric(10,2)[] (whether it only widens needs the schema diff)"_s,
               u"changes the type of t.b under an ACCESS EXCLUSIVE lock; unless it only widens, every row of t is "
               "rewritten"_s,
               u"changes the type of t.c to double precision (whether it only widens needs the schema diff)"_s,
               u"changes the type of t.c under an ACCESS EXCLUSIVE lock; unless it only widens, every row of t is "
               "rewritten"_s,
               u"changes the type of t.d to app.Money (whether it only widens needs the schema diff)"_s,
               u"changes the type of t.d under an ACCESS EXCLUSIVE lock; unless it only widens, every row of t is "
               "rewritten"_s,
           };
    QTest::newRow("volatile default")
        << u"ALTER TABLE users ADD token uuid DEFAULT gen_random_uuid()"_s
        << QStringList { u"adds column users.token with a default"_s,
               u"adds column users.token with a volatile default (gen_random_uuid()), which rewrites every "
               "row of users"_s };
    QTest::newRow("check not valid")
        << u"ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0) NOT VALID"_s
        << QStringList { u"adds CHECK constraint age_positive to existing table users, NOT VALID: existing rows are "
                         "not checked, but every new write is"_s };
    QTest::newRow("foreign key") << u"ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES app.users (id)"_s
                                 << QStringList {
                                        u"adds FOREIGN KEY (user_id) referencing app.users to existing table orders"_s
                                    };
    QTest::newRow("unique using index")
        << u"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx"_s
        << QStringList {
               u"adds UNIQUE constraint users_email_key using index users_email_idx to existing table users"_s
           };
    QTest::newRow("unresolved drop constraint")
        << u"ALTER TABLE users DROP CONSTRAINT age_positive"_s
        << QStringList {
               u"drops constraint age_positive on users (a unique constraint would be breaking: the schema diff "
               "decides)"_s
           };
    QTest::newRow("drop index")
        << u"DROP INDEX users_email_idx"_s
        << QStringList { u"drops index users_email_idx (a unique index would be breaking: the schema diff decides)"_s };
    QTest::newRow("rename enum value") << u"ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"_s
                                       << QStringList { u"renames value 'sad' of enum mood to 'blue'"_s };
    QTest::newRow("identity") << u"ALTER TABLE users ALTER id SET GENERATED ALWAYS, ALTER id RESTART WITH 1000"_s
                              << QStringList { u"changes identity column users.id: SET GENERATED ALWAYS"_s,
                                     u"changes identity column users.id: RESTART WITH 1000"_s };
    QTest::newRow("blocking index")
        << u"CREATE INDEX users_email_idx ON users (email)"_s
        << QStringList {
               u"creates index users_email_idx on existing table users without CONCURRENTLY, blocking writes while "
               "it builds"_s
           };
    QTest::newRow("update every row") << u"UPDATE users SET plan = 'free'"_s
                                      << QStringList { u"updates every row of users"_s };
    QTest::newRow("delete some rows") << u"DELETE FROM sessions WHERE expires < now()"_s
                                      << QStringList { u"deletes rows of sessions"_s };
    QTest::newRow("drop trigger") << u"DROP TRIGGER users_touch ON app.users"_s
                                  << QStringList { u"drops trigger users_touch on app.users"_s };
    QTest::newRow("set schema") << u"ALTER TABLE users SET SCHEMA app"_s
                                << QStringList { u"moves table users to schema app"_s };
    QTest::newRow("function body") << u"CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
                                      "$$ BEGIN RETURN NEW; END $$"_s
                                   << QStringList {
                                          u"creates or replaces function touch (its body is not analysed)"_s
                                      };
    QTest::newRow("detach partition") << u"ALTER TABLE events DETACH PARTITION app.events_2023"_s
                                      << QStringList { u"detaches partition app.events_2023 from events: its rows "
                                                       "leave events"_s };
    QTest::newRow("do block") << u"DO $$ BEGIN NULL; END $$"_s
                              << QStringList { u"runs a DO block, whose effect analysis cannot see"_s };
}

void TestPostgresStatementRules::messages()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    StatementContext context;
    QCOMPARE(messagesOf(analysed(sql, context)), expected);
}

void TestPostgresStatementRules::strictProfile_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("nullable column") << u"ALTER TABLE users ADD COLUMN bio text"_s
                                     << QStringList { u"add-nullable-column caution users.bio"_s };
    QTest::newRow("column with default") << u"ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true"_s
                                         << QStringList { u"add-column-with-default caution users.active"_s };
    QTest::newRow("breaking stays breaking")
        << u"ALTER TABLE users DROP COLUMN nickname"_s << QStringList { u"drop-column breaking users.nickname"_s };
    QTest::newRow("info stays info") << u"CREATE TABLE tags (id int)"_s << QStringList { u"create-table info tags"_s };
}

void TestPostgresStatementRules::strictProfile()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    StatementContext context;
    QCOMPARE(described(analysed(sql, context, AnalysisProfile::Strict)), expected);
}

// One migration read statement by statement: what it creates, renames and drops is
// followed so that later statements on its own tables stay quiet.
void TestPostgresStatementRules::contextFollowsTheMigration()
{
    StatementContext context;
    QCOMPARE(described(analysed(u"CREATE TABLE households (id bigint)"_s, context)),
        QStringList { u"create-table info households"_s });
    QCOMPARE(context.createdTables, QSet<QString> { u"households"_s });

    QVERIFY(analysed(u"ALTER TABLE households ADD name text NOT NULL"_s, context).isEmpty());
    QVERIFY(analysed(u"INSERT INTO households (id, name) VALUES (1, 'home')"_s, context).isEmpty());
    QVERIFY(analysed(u"UPDATE households SET name = 'Home'"_s, context).isEmpty());

    QVERIFY(analysed(u"ALTER TABLE households RENAME TO homes"_s, context).isEmpty());
    QCOMPARE(context.createdTables, QSet<QString> { u"homes"_s });
    QVERIFY(analysed(u"DELETE FROM homes"_s, context).isEmpty());
    QCOMPARE(described(analysed(u"DELETE FROM households"_s, context)),
        QStringList { u"rewrite-rows caution households"_s });

    QVERIFY(analysed(u"ALTER TABLE homes SET SCHEMA app"_s, context).isEmpty());
    QCOMPARE(context.createdTables, QSet<QString> { u"app.homes"_s });
    QVERIFY(analysed(u"ALTER TABLE app.homes RENAME TO houses"_s, context).isEmpty());
    QCOMPARE(context.createdTables, QSet<QString> { u"app.houses"_s });

    QVERIFY(analysed(u"DROP TABLE app.houses"_s, context).isEmpty());
    QVERIFY(context.createdTables.isEmpty());
    QCOMPARE(
        described(analysed(u"DROP TABLE app.houses"_s, context)), QStringList { u"drop-table breaking app.houses"_s });

    // Renaming an existing table reports it and leaves the context alone.
    QCOMPARE(described(analysed(u"ALTER TABLE users RENAME TO people"_s, context)),
        QStringList { u"rename-table breaking users"_s });
    QVERIFY(context.createdTables.isEmpty());
}

void TestPostgresStatementRules::contextFromCreateTableAsAndSelectInto()
{
    StatementContext context;
    analysed(u"CREATE TABLE \"Archive\" AS SELECT * FROM orders"_s, context);
    analysed(u"SELECT * INTO app.backup FROM users"_s, context);
    analysed(u"CREATE SCHEMA reports CREATE TABLE daily (n int)"_s, context);
    analysed(u"CREATE MATERIALIZED VIEW stats AS SELECT 1"_s, context);
    QCOMPARE(context.createdTables, (QSet<QString> { u"Archive"_s, u"app.backup"_s, u"daily"_s }));
    QCOMPARE(described(analysed(u"CREATE INDEX archive_idx ON \"Archive\" (id)"_s, context)),
        QStringList { u"create-index info archive_idx"_s });
    QCOMPARE(described(analysed(u"CREATE INDEX archive_idx ON archive (id)"_s, context)),
        QStringList { u"create-index-blocking caution archive_idx"_s });
}

void TestPostgresStatementRules::positionComesFromTheStatement()
{
    StatementContext context;
    const Result<Findings> result
        = PostgresStatementRules::analyse(statementOf(u"ALTER TABLE users\n  DROP COLUMN a,\n  DROP COLUMN b"_s, 12, 4),
            context, AnalysisProfile::Default);
    QVERIFY(result.ok());
    QCOMPARE(result->size(), 2);
    for (const Finding& finding : result.value()) {
        QCOMPARE(finding.statementNumber, 4);
        QCOMPARE(finding.line, 12);
        QCOMPARE(finding.source, Finding::Source::Statement);
    }
    Finding expected = RuleCatalogue::finding(u"drop-column"_s);
    expected.statementNumber = 4;
    expected.line = 12;
    expected.object = u"users.b"_s;
    expected.message = u"drops column users.b"_s;
    QCOMPARE(result->at(1), expected);
}

void TestPostgresStatementRules::syntaxError_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("first line") << u"ALTER TABLE users DROP COLUM nickname"_s << 7
                                << u"line 7: syntax error at or near \"nickname\""_s;
    QTest::newRow("third line of the statement") << u"ALTER TABLE users\n  ADD COLUMN a int,\n  ADD COLUMN b int b"_s
                                                 << 20 << u"line 22: syntax error at or near \"b\""_s;
    QTest::newRow("after multibyte text")
        << u"UPDATE users SET name = 'Zoë'\n WHERE id = = 1"_s << 3 << u"line 4: syntax error at or near \"=\""_s;
    QTest::newRow("end of input") << u"CREATE TABLE t (\n  id int,\n"_s << 1
                                  << u"line 3: syntax error at end of input"_s;
    QTest::newRow("unterminated string") << u"INSERT INTO t VALUES ('oops)"_s << 5
                                         << u"line 5: unterminated quoted string at or near \"'oops)\""_s;
}

void TestPostgresStatementRules::syntaxError()
{
    QFETCH(QString, sql);
    QFETCH(int, line);
    QFETCH(QString, expected);

    StatementContext context;
    const Result<Findings> result
        = PostgresStatementRules::analyse(statementOf(sql, line), context, AnalysisProfile::Default);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, Error::Code::Catalog);
    QCOMPARE(result.error().message, expected);
    QVERIFY(context.createdTables.isEmpty());
}

// Every id the rules emit names a catalogue entry, and every statement rule of the
// catalogue is reachable from some PostgreSQL statement.
void TestPostgresStatementRules::everyRuleIsInTheCatalogue()
{
    // One text of many statements: the parser returns them all and each is analysed.
    const QString migration
        = u"DROP TABLE a; ALTER TABLE u ADD a int NOT NULL, ADD b int DEFAULT random(), ADD c text, "
          "DROP d, ALTER e TYPE int, ALTER f SET NOT NULL, ALTER g DROP DEFAULT, ADD CHECK (a > 0), "
          "ADD UNIQUE (a), ADD FOREIGN KEY (a) REFERENCES b, ADD PRIMARY KEY (a), DROP CONSTRAINT "
          "x, DROP CONSTRAINT x_key, ALTER h DROP IDENTITY, ALTER h RESTART, DISABLE ROW LEVEL "
          "SECURITY; ALTER TABLE u RENAME TO v; ALTER TABLE u RENAME a TO b; ALTER TABLE u RENAME "
          "CONSTRAINT a TO b; DROP VIEW v; DROP FUNCTION f; DROP TRIGGER t ON u; DROP SEQUENCE s; "
          "ALTER SEQUENCE s RENAME TO t; DROP TYPE t; ALTER TYPE t RENAME TO u; ALTER TYPE t "
          "RENAME VALUE 'a' TO 'b'; DROP SCHEMA s; ALTER SCHEMA s RENAME TO t; ALTER TABLE u SET "
          "SCHEMA s; DROP EXTENSION e; DROP POLICY p ON u; DROP INDEX i; UPDATE u SET a = 1; "
          "CREATE INDEX ON u (a); CREATE INDEX CONCURRENTLY ON u (a); DO $$ BEGIN END $$; CREATE "
          "TABLE n (a int); CREATE VIEW v AS SELECT 1; CREATE SEQUENCE s"_s;
    QSet<QString> seen;
    StatementContext context;
    for (const Finding& finding : analysed(migration, context)) {
        QVERIFY2(RuleCatalogue::find(finding.rule), qPrintable(finding.rule));
        seen.insert(finding.rule);
    }
    // Every statement rule of the catalogue that applies to PostgreSQL is reachable.
    QSet<QString> statementRules;
    for (const Rule& rule : RuleCatalogue::all())
        statementRules.insert(rule.id);
    // Containment's two rules come from ContainmentRules (tst_statementguard), not from here.
    statementRules -= QSet<QString> { u"widen-column-type"_s, u"replay-failed"_s,     u"mislabelled"_s,
                                      u"over-cautious"_s,     u"escapes-sandbox"_s,   u"transaction-control"_s };
    QCOMPARE(seen, statementRules);
}

// The issue's benchmark wants at least 20,000 statements a second; this reports the
// rate on a typical mix without asserting it (a loaded CI machine is no benchmark).
void TestPostgresStatementRules::throughput()
{
    const QStringList mix = {
        u"CREATE TABLE pantry_items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, "
        "household_id bigint REFERENCES households (id), created_at timestamptz NOT NULL DEFAULT now())"_s,
        u"ALTER TABLE users ADD COLUMN bio text"_s,
        u"ALTER TABLE users DROP COLUMN nickname, ALTER COLUMN email SET NOT NULL"_s,
        u"CREATE INDEX CONCURRENTLY users_email_idx ON users (lower(email))"_s,
        u"UPDATE users SET plan = 'free' WHERE plan IS NULL"_s,
        u"INSERT INTO settings (key, value) VALUES ('theme', 'dark'), ('lang', 'en')"_s,
        u"ALTER TABLE recipes RENAME COLUMN servings TO yield_servings"_s,
        u"CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL"_s,
    };
    const int rounds = 500;
    QElapsedTimer timer;
    timer.start();
    qsizetype findingCount = 0;
    for (int round = 0; round < rounds; ++round) {
        StatementContext context;
        for (const QString& sql : mix) {
            const Result<Findings> result
                = PostgresStatementRules::analyse(statementOf(sql), context, AnalysisProfile::Default);
            findingCount += result->size();
        }
    }
    const qint64 elapsed = std::max<qint64>(1, timer.nsecsElapsed());
    const double perSecond = double(rounds * mix.size()) * 1e9 / double(elapsed);
    qInfo("%d statements in %.1f ms: %.0f statements/s", int(rounds * mix.size()), double(elapsed) / 1e6, perSecond);
    QCOMPARE(findingCount, qsizetype(rounds) * 8);
}

QTEST_GUILESS_MAIN(TestPostgresStatementRules)
#include "tst_postgresstatementrules.moc"
