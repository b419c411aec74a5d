#include "analysis/rulecatalogue.h"
#include "analysis/sqlitestatementrules.h"

#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;

namespace {

// "rule severity object" per finding ("rule severity" without an object), so a failing
// row shows everything it got.
QStringList describe(const Findings& findings)
{
    QStringList lines;
    for (const Finding& finding : findings) {
        const QString line = finding.rule + u' ' + severityName(finding.severity);
        lines.append(finding.object.isEmpty() ? line : line + u' ' + finding.object);
    }
    return lines;
}

QStringList messages(const Findings& findings)
{
    QStringList lines;
    for (const Finding& finding : findings)
        lines.append(finding.message);
    return lines;
}

StatementContext contextWith(const QStringList& createdTables)
{
    StatementContext context;
    for (const QString& table : createdTables)
        context.createdTables.insert(table);
    return context;
}

Findings analyse(const QString& sql, StatementContext& context, AnalysisProfile profile = AnalysisProfile::Default)
{
    return SqliteStatementRules::analyse(SqlStatement { sql, 1, 1 }, context, profile);
}

Finding expectedFinding(const QString& rule, int number, int line, const QString& object, const QString& message)
{
    Finding finding = RuleCatalogue::finding(rule);
    finding.statementNumber = number;
    finding.line = line;
    finding.object = object;
    finding.message = message;
    return finding;
}

} // namespace

class TestSqliteStatementRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findings_data();
    void findings();
    void messages_data();
    void messages();
    void strictProfile_data();
    void strictProfile();
    void contextUpdates_data();
    void contextUpdates();
    void tableRebuildThroughOneContext();
    void typeChangeByAddCopyDropRename();
    void findingsCarryStatementNumberAndLine();
};

void TestSqliteStatementRules::findings_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("created"); // tables created earlier in the migration
    QTest::addColumn<QStringList>("expected");

    const QStringList none;
    auto row = [](const char* name, const QString& sql, const QStringList& created, const QStringList& expected) {
        QTest::newRow(name) << sql << created << expected;
    };

    // ALTER TABLE ... RENAME TO
    row("rename table", u"ALTER TABLE recipe_tags RENAME TO recipe_labels"_s, none,
        { u"rename-table breaking recipe_tags"_s });
    row("rename table, keywords in any case", u"alter Table Recipe_Tags rEnAmE tO Recipe_Labels"_s, none,
        { u"rename-table breaking recipe_tags"_s });
    row("rename table, double quotes keep case", u"ALTER TABLE \"Recipe Tags\" RENAME TO \"labels\""_s, none,
        { u"rename-table breaking Recipe Tags"_s });
    row("rename table, main prefix", u"ALTER TABLE main.users RENAME TO people"_s, none,
        { u"rename-table breaking users"_s });
    row("rename table, quoted main prefix", u"ALTER TABLE \"main\".\"users\" RENAME TO people"_s, none,
        { u"rename-table breaking users"_s });
    row("rename table, bracketed MAIN prefix", u"ALTER TABLE [MAIN].[Users] RENAME TO people"_s, none,
        { u"rename-table breaking Users"_s });
    row("rename table, temp prefix", u"ALTER TABLE temp.scratch RENAME TO scratch2"_s, none,
        { u"rename-table breaking scratch"_s });
    row("rename table, attached schema kept", u"ALTER TABLE Aux.users RENAME TO people"_s, none,
        { u"rename-table breaking aux.users"_s });
    row("rename table, backticks", u"ALTER TABLE `users` RENAME TO `people`"_s, none,
        { u"rename-table breaking users"_s });
    row("rename table, string-literal names", u"ALTER TABLE 'users' RENAME TO 'people'"_s, none,
        { u"rename-table breaking users"_s });
    row("rename table, doubled quote inside", u"ALTER TABLE \"say \"\"hi\"\"\" RENAME TO greetings"_s, none,
        { u"rename-table breaking say \"hi\""_s });
    row("rename of a table created in this migration", u"ALTER TABLE new_users RENAME TO users"_s, { u"new_users"_s },
        none);

    // ALTER TABLE ... RENAME [COLUMN]
    row("rename column", u"ALTER TABLE pantry_items RENAME COLUMN location TO storage_area"_s, none,
        { u"rename-column breaking pantry_items.location"_s });
    row("rename column without COLUMN", u"ALTER TABLE recipes RENAME servings TO yield_servings"_s, none,
        { u"rename-column breaking recipes.servings"_s });
    row("rename column, quoted", u"ALTER TABLE \"Recipes\" RENAME COLUMN \"Servings\" TO yield"_s, none,
        { u"rename-column breaking Recipes.Servings"_s });
    row("rename column of a new table", u"ALTER TABLE recipes RENAME COLUMN servings TO yield"_s, { u"recipes"_s },
        none);

    // ALTER TABLE ... DROP [COLUMN]
    row("drop column", u"ALTER TABLE users DROP COLUMN nickname"_s, none, { u"drop-column breaking users.nickname"_s });
    row("drop column without COLUMN", u"ALTER TABLE recipes DROP photo_url"_s, none,
        { u"drop-column breaking recipes.photo_url"_s });
    row("drop column, main prefix and brackets", u"ALTER TABLE main.recipes DROP COLUMN [Photo_Url]"_s, none,
        { u"drop-column breaking recipes.Photo_Url"_s });
    row("drop column of a new table", u"ALTER TABLE recipes DROP COLUMN photo_url"_s, { u"recipes"_s }, none);

    // ALTER TABLE ... ADD [COLUMN]
    row("add nullable column", u"ALTER TABLE recipes ADD COLUMN nutrition TEXT"_s, none,
        { u"add-nullable-column info recipes.nutrition"_s });
    row("add column without COLUMN or type", u"ALTER TABLE recipes ADD note"_s, none,
        { u"add-nullable-column info recipes.note"_s });
    row("add column, multi-word type", u"ALTER TABLE t ADD COLUMN big UNSIGNED BIG INT"_s, none,
        { u"add-nullable-column info t.big"_s });
    row("add column, quoted names", u"ALTER TABLE \"Pantry Items\" ADD COLUMN \"Best Before\" DATE"_s, none,
        { u"add-nullable-column info Pantry Items.Best Before"_s });
    row("add NOT NULL column with default", u"ALTER TABLE households ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC'"_s,
        none, { u"add-column-with-default info households.timezone"_s });
    row("add column, negative default", u"ALTER TABLE t ADD COLUMN n INTEGER DEFAULT -1"_s, none,
        { u"add-column-with-default info t.n"_s });
    row("add column, parenthesised default", u"ALTER TABLE t ADD COLUMN j TEXT NOT NULL DEFAULT (json('{}'))"_s, none,
        { u"add-column-with-default info t.j"_s });
    row("add column, sized type and default", u"ALTER TABLE t ADD COLUMN code VARCHAR(3) NOT NULL DEFAULT 'EUR'"_s,
        none, { u"add-column-with-default info t.code"_s });
    row("add column, default text that reads NOT NULL", u"ALTER TABLE t ADD COLUMN note TEXT DEFAULT 'NOT NULL'"_s,
        none, { u"add-column-with-default info t.note"_s });
    row("add NOT NULL column without default", u"ALTER TABLE pantry_items ADD COLUMN household_id INTEGER NOT NULL"_s,
        none, { u"add-not-null-column-without-default breaking pantry_items.household_id"_s });
    row("add NOT NULL column with DEFAULT NULL", u"ALTER TABLE t ADD COLUMN c TEXT DEFAULT NULL NOT NULL"_s, none,
        { u"add-not-null-column-without-default breaking t.c"_s });
    row("add column with DEFAULT (NULL)", u"ALTER TABLE t ADD COLUMN c TEXT DEFAULT (NULL)"_s, none,
        { u"add-nullable-column info t.c"_s });
    row("add NOT NULL column to a new table", u"ALTER TABLE t ADD COLUMN c TEXT NOT NULL"_s, { u"t"_s }, none);
    row("add NOT NULL column to a new table named in another case", u"ALTER TABLE users ADD COLUMN c TEXT NOT NULL"_s,
        { u"Users"_s }, none);
    row("add column with a foreign key",
        u"ALTER TABLE users ADD COLUMN household_id INTEGER REFERENCES households (id)"_s, none,
        { u"add-nullable-column info users.household_id"_s });
    row("add column, ON DELETE SET DEFAULT is no default",
        u"ALTER TABLE users ADD COLUMN household_id INTEGER REFERENCES households ON DELETE SET DEFAULT"_s, none,
        { u"add-nullable-column info users.household_id"_s });
    row("add NOT NULL column, SET NULL and NOT DEFERRABLE",
        u"ALTER TABLE t ADD COLUMN p INTEGER NOT NULL REFERENCES p ON DELETE SET NULL NOT DEFERRABLE"_s, none,
        { u"add-not-null-column-without-default breaking t.p"_s });
    row("add column, CHECK on its own value",
        u"ALTER TABLE recipes ADD COLUMN rating SMALLINT CHECK (rating BETWEEN 1 AND 5)"_s, none,
        { u"add-nullable-column info recipes.rating"_s });
    row("add column, named CHECK with IN list",
        u"ALTER TABLE recipes ADD rating INT CONSTRAINT rating_range CHECK (rating IN (1, 2, 3))"_s, none,
        { u"add-nullable-column info recipes.rating"_s });
    row("add column, CHECK with functions, CAST and COLLATE",
        u"ALTER TABLE t ADD COLUMN code TEXT CHECK (length(CAST(code AS TEXT)) = 3 AND code = upper(code COLLATE NOCASE))"_s,
        none, { u"add-nullable-column info t.code"_s });
    row("add column, CHECK naming the column in another case",
        u"ALTER TABLE t ADD COLUMN \"Code\" TEXT CHECK (code <> '')"_s, none, { u"add-nullable-column info t.Code"_s });
    row("add column, CHECK with qualified own column",
        u"ALTER TABLE recipes ADD COLUMN rating INT CHECK (recipes.rating > 0)"_s, none,
        { u"add-nullable-column info recipes.rating"_s });
    row("add column, CHECK reading another column",
        u"ALTER TABLE recipes ADD COLUMN max_servings INTEGER CHECK (max_servings >= servings)"_s, none,
        { u"add-nullable-column info recipes.max_servings"_s,
            u"add-check-constraint breaking recipes.max_servings"_s });
    row("add column, CHECK on another column to a new table",
        u"ALTER TABLE recipes ADD COLUMN m INTEGER CHECK (m >= servings)"_s, { u"recipes"_s }, none);
    row("add generated column", u"ALTER TABLE t ADD COLUMN total REAL GENERATED ALWAYS AS (price * quantity) VIRTUAL"_s,
        none, { u"add-column-with-default info t.total"_s });
    row("ADD CONSTRAINT is not SQLite", u"ALTER TABLE t ADD CONSTRAINT c UNIQUE (a)"_s, none, none);
    row("ALTER TABLE with an unknown action", u"ALTER TABLE t SET SCHEMA other"_s, none, none);

    // CREATE TABLE
    row("create table", u"CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)"_s, none,
        { u"create-table info users"_s });
    row("create table if not exists", u"CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY)"_s, none,
        { u"create-table info users"_s });
    row("create temp table", u"CREATE TEMP TABLE scratch (x)"_s, none, { u"create-table info scratch"_s });
    row("create temporary table with temp prefix", u"create temporary table temp.Scratch (x)"_s, none,
        { u"create-table info scratch"_s });
    row("create table, quoted main prefix", u"CREATE TABLE main.\"Users\" (id)"_s, none,
        { u"create-table info Users"_s });
    row("create table as select", u"CREATE TABLE archive AS SELECT * FROM recipes"_s, none,
        { u"create-table info archive"_s });
    row("create virtual table", u"CREATE VIRTUAL TABLE recipe_search USING fts5(title, body)"_s, none,
        { u"create-table info recipe_search"_s });
    row("create virtual table if not exists", u"CREATE VIRTUAL TABLE IF NOT EXISTS aux.s USING rtree(id, a, b)"_s, none,
        { u"create-table info aux.s"_s });

    // CREATE INDEX
    row("create index", u"CREATE INDEX idx_recipes_title ON recipes (title)"_s, none,
        { u"create-index info idx_recipes_title"_s });
    row("create expression index, main prefix, if not exists",
        u"CREATE INDEX IF NOT EXISTS main.idx_title_lower ON recipes (lower(title))"_s, none,
        { u"create-index info idx_title_lower"_s });
    row("create unique index on an existing table", u"CREATE UNIQUE INDEX users_email ON users (email)"_s, none,
        { u"add-unique-constraint breaking users_email"_s });
    row("create unique index on a new table", u"CREATE UNIQUE INDEX users_email ON users (email)"_s, { u"users"_s },
        { u"create-index info users_email"_s });
    row("create partial unique index", u"CREATE UNIQUE INDEX live_email ON users (email) WHERE deleted_at IS NULL"_s,
        none, { u"add-unique-constraint breaking live_email"_s });
    row("unique index in another schema than the new table", u"CREATE UNIQUE INDEX aux.ix ON users (email)"_s,
        { u"users"_s }, { u"add-unique-constraint breaking aux.ix"_s });

    // CREATE VIEW and CREATE TRIGGER
    row("create view", u"CREATE VIEW active_users AS SELECT * FROM users WHERE active"_s, none,
        { u"create-view info active_users"_s });
    row("create temp view if not exists", u"CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1"_s, none,
        { u"create-view info v"_s });
    row("create trigger, body not analysed",
        u"CREATE TRIGGER recipes_touch AFTER UPDATE ON recipes FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at\n"
        "BEGIN\n  -- keep it current\n  UPDATE recipes SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;\nEND"_s,
        none, { u"create-other info recipes_touch"_s });
    row("create temp trigger if not exists, DELETE and DROP in the body",
        u"CREATE TEMP TRIGGER IF NOT EXISTS t BEFORE DELETE ON users BEGIN DELETE FROM sessions; END"_s, none,
        { u"create-other info t"_s });
    row("create trigger on UPDATE OF columns", u"CREATE TRIGGER t INSTEAD OF UPDATE OF a, b ON v BEGIN SELECT 1; END"_s,
        none, { u"create-other info t"_s });

    // DROP
    row("drop table", u"DROP TABLE sessions"_s, none, { u"drop-table breaking sessions"_s });
    row("drop table if exists, main prefix", u"DROP TABLE IF EXISTS main.sessions"_s, none,
        { u"drop-table breaking sessions"_s });
    row("drop table created in this migration", u"DROP TABLE scratch"_s, { u"scratch"_s }, none);
    row("drop index", u"DROP INDEX idx_recipes_title"_s, none, { u"drop-index caution idx_recipes_title"_s });
    row("drop index if exists, quoted", u"DROP INDEX IF EXISTS \"Idx\""_s, none, { u"drop-index caution Idx"_s });
    row("drop view", u"DROP VIEW active_users"_s, none, { u"drop-view breaking active_users"_s });
    row("drop trigger if exists", u"DROP TRIGGER IF EXISTS recipes_touch"_s, none,
        { u"drop-trigger breaking recipes_touch"_s });

    // UPDATE, DELETE, REPLACE, INSERT
    row("update", u"UPDATE recipe_ingredients SET unit = lower(trim(unit)) WHERE unit IS NOT NULL"_s, none,
        { u"rewrite-rows caution recipe_ingredients"_s });
    row("update or ignore, main prefix", u"UPDATE OR IGNORE main.t SET a = 1"_s, none, { u"rewrite-rows caution t"_s });
    row("update of a new table", u"UPDATE t SET a = 1"_s, { u"t"_s }, none);
    row("delete", u"DELETE FROM sessions WHERE expires_at < 1"_s, none, { u"rewrite-rows caution sessions"_s });
    row("delete every row", u"delete from Sessions"_s, none, { u"rewrite-rows caution sessions"_s });
    row("delete from a new table", u"DELETE FROM t"_s, { u"t"_s }, none);
    row("with ... delete", u"WITH old(id) AS (SELECT id FROM sessions) DELETE FROM sessions WHERE id IN old"_s, none,
        { u"rewrite-rows caution sessions"_s });
    row("replace into", u"REPLACE INTO settings (k, v) VALUES ('a', 'b')"_s, none,
        { u"rewrite-rows caution settings"_s });
    row("insert or replace", u"INSERT OR REPLACE INTO \"settings\" (k, v) VALUES ('a', 'b')"_s, none,
        { u"rewrite-rows caution settings"_s });
    row("insert or replace into a new table", u"INSERT OR REPLACE INTO t VALUES (1)"_s, { u"t"_s }, none);
    row("upsert with DO UPDATE",
        u"INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = n + 1"_s, none,
        { u"rewrite-rows caution counters"_s });
    row("upsert with DO NOTHING", u"INSERT INTO counters (k) VALUES ('a') ON CONFLICT DO NOTHING"_s, none, none);
    row("plain insert", u"INSERT INTO households (name) VALUES ('Home')"_s, none, none);
    row("insert or ignore", u"INSERT OR IGNORE INTO households (name) VALUES ('Home')"_s, none, none);
    row("insert select", u"INSERT INTO recipe_photos (recipe_id, url) SELECT id, photo_url FROM recipes"_s, none, none);
    row("with ... select", u"WITH x AS (SELECT 1) SELECT * FROM x"_s, none, none);

    // Statements that change no schema older builds use.
    row("pragma", u"PRAGMA foreign_keys = OFF"_s, none, none);
    row("begin", u"BEGIN TRANSACTION"_s, none, none);
    row("commit", u"COMMIT"_s, none, none);
    row("savepoint", u"SAVEPOINT before_rebuild"_s, none, none);
    row("select", u"SELECT count(*) FROM users"_s, none, none);
    row("analyze", u"ANALYZE"_s, none, none);
    row("reindex", u"REINDEX users"_s, none, none);
    row("explain does not run the statement", u"EXPLAIN DROP TABLE users"_s, none, none);
    row("attach is not analysed", u"ATTACH DATABASE 'x.db' AS aux"_s, none, none);
    row("vacuum", u"VACUUM"_s, none, { u"table-rewrite caution"_s });
    row("vacuum schema", u"VACUUM aux"_s, none, { u"table-rewrite caution"_s });
    row("vacuum into a copy", u"VACUUM INTO '/tmp/copy.db'"_s, none, none);

    // Comments and text the tokenizer refuses.
    row("comments inside the statement", u"ALTER /* a */ TABLE -- b\n users DROP COLUMN /* why */ nickname"_s, none,
        { u"drop-column breaking users.nickname"_s });
    row("comment only looks like a statement", u"-- DROP TABLE users\nSELECT 1"_s, none, none);
    row("unterminated string", u"UPDATE t SET a = 'x"_s, none, none);
    row("empty", QString(), none, none);
}

void TestSqliteStatementRules::findings()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, created);
    QFETCH(QStringList, expected);

    StatementContext context = contextWith(created);
    QCOMPARE(describe(analyse(sql, context)), expected);
}

void TestSqliteStatementRules::messages_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char* name, const QString& sql, const QStringList& expected) {
        QTest::newRow(name) << sql << expected;
    };
    row("drop column", u"ALTER TABLE users DROP COLUMN nickname"_s, { u"drops column users.nickname"_s });
    row("rename table", u"ALTER TABLE recipe_tags RENAME TO recipe_labels"_s,
        { u"renames table recipe_tags to recipe_labels"_s });
    row("rename column", u"ALTER TABLE pantry_items RENAME COLUMN location TO storage_area"_s,
        { u"renames column pantry_items.location to storage_area"_s });
    row("NOT NULL without default", u"ALTER TABLE pantry_items ADD COLUMN household_id INTEGER NOT NULL"_s,
        { u"adds NOT NULL column pantry_items.household_id without a default"_s });
    row("NOT NULL with default", u"ALTER TABLE households ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC'"_s,
        { u"adds NOT NULL column households.timezone with default 'UTC'"_s });
    row("long default",
        u"ALTER TABLE t ADD COLUMN c TEXT DEFAULT 'a rather long default value that nobody reads in full'"_s,
        { u"adds column t.c with a default"_s });
    row("foreign key", u"ALTER TABLE users ADD COLUMN household_id INTEGER REFERENCES households (id)"_s,
        { u"adds nullable column users.household_id referencing households"_s });
    row("check on its own value", u"ALTER TABLE recipes ADD COLUMN rating SMALLINT CHECK (rating BETWEEN 1 AND 5)"_s,
        { u"adds nullable column recipes.rating with a CHECK on its own value"_s });
    row("check on other columns", u"ALTER TABLE r ADD COLUMN m INT CHECK (m >= n)"_s,
        { u"adds nullable column r.m"_s, u"adds a CHECK constraint with new column r.m that reads other columns"_s });
    row("generated column", u"ALTER TABLE t ADD total REAL AS (a + b)"_s, { u"adds generated column t.total"_s });
    row("temporary table", u"CREATE TEMP TABLE scratch (x)"_s, { u"creates temporary table scratch"_s });
    row("table from a query", u"CREATE TABLE archive AS SELECT 1"_s, { u"creates table archive from a query"_s });
    row("virtual table", u"CREATE VIRTUAL TABLE IF NOT EXISTS s USING FTS5(a)"_s,
        { u"creates virtual table s using fts5 if it does not exist"_s });
    row("unique index", u"CREATE UNIQUE INDEX users_email ON users (email)"_s,
        { u"creates unique index users_email on existing table users (email)"_s });
    row("partial index", u"CREATE INDEX live ON users (\n  email\n) WHERE deleted_at IS NULL"_s,
        { u"creates partial index live on users (email)"_s });
    row("expression index", u"CREATE INDEX idx_recipes_title_lower ON recipes (lower(title))"_s,
        { u"creates index idx_recipes_title_lower on recipes (lower(title))"_s });
    row("drop index", u"DROP INDEX idx"_s,
        { u"drops index idx (breaking if it is a unique index older builds rely on; the schema diff decides)"_s });
    row("drop table if exists", u"DROP TABLE IF EXISTS sessions"_s, { u"drops table sessions if it exists"_s });
    row("trigger", u"CREATE TRIGGER touch AFTER UPDATE ON Recipes BEGIN SELECT 1; END"_s,
        { u"creates trigger touch on recipes"_s });
    row("update", u"UPDATE t SET a = 1 WHERE b"_s, { u"updates rows of t"_s });
    row("update every row", u"UPDATE t SET a = (SELECT 1 WHERE 1)"_s, { u"updates every row of t"_s });
    row("delete every row", u"DELETE FROM sessions"_s, { u"deletes every row of sessions"_s });
    row("replace", u"REPLACE INTO s VALUES (1)"_s, { u"replaces rows of s that conflict with the inserted ones"_s });
    row("upsert", u"INSERT INTO c VALUES (1) ON CONFLICT DO UPDATE SET n = 2"_s,
        { u"updates rows of c on conflict (upsert)"_s });
    row("vacuum", u"VACUUM"_s, { u"VACUUM rebuilds the whole database main and locks it while it runs"_s });
    row("vacuum of an attached database", u"VACUUM Aux"_s,
        { u"VACUUM rebuilds the whole database aux and locks it while it runs"_s });
}

void TestSqliteStatementRules::messages()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    StatementContext context;
    QCOMPARE(::messages(analyse(sql, context)), expected);
}

void TestSqliteStatementRules::strictProfile_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("nullable column becomes caution")
        << u"ALTER TABLE recipes ADD COLUMN nutrition TEXT"_s
        << QStringList { u"add-nullable-column caution recipes.nutrition"_s };
    QTest::newRow("column with default becomes caution")
        << u"ALTER TABLE households ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC'"_s
        << QStringList { u"add-column-with-default caution households.timezone"_s };
    QTest::newRow("drop column stays breaking")
        << u"ALTER TABLE users DROP COLUMN nickname"_s << QStringList { u"drop-column breaking users.nickname"_s };
    QTest::newRow("create table stays info") << u"CREATE TABLE t (a)"_s << QStringList { u"create-table info t"_s };
    QTest::newRow("update stays caution") << u"UPDATE t SET a = 1"_s << QStringList { u"rewrite-rows caution t"_s };
}

void TestSqliteStatementRules::strictProfile()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    StatementContext context;
    QCOMPARE(describe(analyse(sql, context, AnalysisProfile::Strict)), expected);
}

void TestSqliteStatementRules::contextUpdates_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");

    const QStringList none;
    QTest::newRow("create table") << u"CREATE TABLE Users (id)"_s << none << QStringList { u"users"_s };
    QTest::newRow("create table if not exists")
        << u"CREATE TABLE IF NOT EXISTS users (id)"_s << none << QStringList { u"users"_s };
    QTest::newRow("create temp table with prefix")
        << u"CREATE TEMP TABLE temp.x (id)"_s << none << QStringList { u"x"_s };
    QTest::newRow("create table in an attached schema")
        << u"CREATE TABLE aux.x (id)"_s << none << QStringList { u"aux.x"_s };
    QTest::newRow("create virtual table")
        << u"CREATE VIRTUAL TABLE s USING fts5(a)"_s << none << QStringList { u"s"_s };
    QTest::newRow("create table as select") << u"CREATE TABLE a AS SELECT 1"_s << none << QStringList { u"a"_s };
    QTest::newRow("rename of a new table moves it")
        << u"ALTER TABLE new_x RENAME TO x"_s << QStringList { u"new_x"_s } << QStringList { u"x"_s };
    QTest::newRow("rename of an existing table leaves it")
        << u"ALTER TABLE x RENAME TO y"_s << QStringList { u"z"_s } << QStringList { u"z"_s };
    QTest::newRow("drop of a new table forgets it")
        << u"DROP TABLE IF EXISTS new_x"_s << QStringList { u"new_x"_s, u"z"_s } << QStringList { u"z"_s };
    QTest::newRow("drop matches the created name without regard to case")
        << u"DROP TABLE new_x"_s << QStringList { u"New_X"_s } << none;
    QTest::newRow("rename matches the created name without regard to case")
        << u"ALTER TABLE \"NEW_X\" RENAME TO x"_s << QStringList { u"new_x"_s } << QStringList { u"x"_s };
    QTest::newRow("drop of an existing table leaves it")
        << u"DROP TABLE x"_s << QStringList { u"z"_s } << QStringList { u"z"_s };
    QTest::newRow("create index adds no table") << u"CREATE INDEX i ON t (a)"_s << none << none;
    QTest::newRow("create view adds no table") << u"CREATE VIEW v AS SELECT 1"_s << none << none;
}

void TestSqliteStatementRules::contextUpdates()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);

    StatementContext context = contextWith(before);
    analyse(sql, context);
    QStringList tables = context.createdTables.values();
    tables.sort();
    QCOMPARE(tables, after);
}

// Demo migration 19 on SQLite: the classic rebuild. Each statement says what it does;
// the net effect (one nullable column) is the schema diff's to judge.
void TestSqliteStatementRules::tableRebuildThroughOneContext()
{
    const SqlStatements statements {
        { u"CREATE TABLE \"shopping_list_items_new\" (\n    id INTEGER PRIMARY KEY,\n    added_at TEXT DEFAULT "
          "CURRENT_TIMESTAMP\n)"_s,
            6, 1 },
        { u"INSERT INTO shopping_list_items_new (id) SELECT id FROM shopping_list_items"_s, 10, 2 },
        { u"DROP TABLE shopping_list_items"_s, 12, 3 },
        { u"ALTER TABLE shopping_list_items_new RENAME TO shopping_list_items"_s, 13, 4 },
        { u"CREATE UNIQUE INDEX idx_items ON shopping_list_items (list_id, name)"_s, 14, 5 },
        { u"UPDATE shopping_list_items SET name = trim(name)"_s, 15, 6 },
    };
    const QVector<Findings> expected {
        { expectedFinding(
            u"create-table"_s, 1, 6, u"shopping_list_items_new"_s, u"creates table shopping_list_items_new"_s) },
        {},
        { expectedFinding(u"drop-table"_s, 3, 12, u"shopping_list_items"_s, u"drops table shopping_list_items"_s) },
        {},
        { expectedFinding(u"create-index"_s, 5, 14, u"idx_items"_s,
            u"creates unique index idx_items on shopping_list_items (list_id, name)"_s) },
        {},
    };

    StatementContext context;
    for (int i = 0; i < statements.size(); ++i) {
        const Findings findings = SqliteStatementRules::analyse(statements.at(i), context, AnalysisProfile::Default);
        QCOMPARE(findings, expected.at(i));
    }
    QCOMPARE(context.createdTables, QSet<QString> { u"shopping_list_items"_s });
}

// Demo migration 17 on SQLite: an existing table changes a column's type in place.
// The column added here is new, but the context tracks tables only: the rename of it
// reads as a rename, which the migration (breaking anyway) deserves.
void TestSqliteStatementRules::typeChangeByAddCopyDropRename()
{
    const QStringList statements {
        u"ALTER TABLE recipe_ingredients ADD COLUMN quantity_decimal REAL"_s,
        u"UPDATE recipe_ingredients SET quantity_decimal = quantity"_s,
        u"ALTER TABLE recipe_ingredients DROP COLUMN quantity"_s,
        u"ALTER TABLE recipe_ingredients RENAME COLUMN quantity_decimal TO quantity"_s,
    };
    const QStringList expected {
        u"add-nullable-column info recipe_ingredients.quantity_decimal"_s,
        u"rewrite-rows caution recipe_ingredients"_s,
        u"drop-column breaking recipe_ingredients.quantity"_s,
        u"rename-column breaking recipe_ingredients.quantity_decimal"_s,
    };
    StatementContext context;
    QStringList got;
    for (const QString& sql : statements)
        got += describe(analyse(sql, context));
    QCOMPARE(got, expected);
    QVERIFY(context.createdTables.isEmpty());
}

void TestSqliteStatementRules::findingsCarryStatementNumberAndLine()
{
    StatementContext context;
    const SqlStatement statement { u"-- why\nALTER TABLE users\n  DROP COLUMN nickname"_s, 42, 7 };
    const Findings findings = SqliteStatementRules::analyse(statement, context, AnalysisProfile::Strict);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.at(0),
        expectedFinding(u"drop-column"_s, 7, 42, u"users.nickname"_s, u"drops column users.nickname"_s));
    QCOMPARE(findings.at(0).source, Finding::Source::Statement);
}

QTEST_GUILESS_MAIN(TestSqliteStatementRules)

#include "tst_sqlitestatementrules.moc"
