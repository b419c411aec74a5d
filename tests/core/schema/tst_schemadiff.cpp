// SchemaDiff::between on snapshots built in code: one row per kind of change, with the
// exact describe() lines, and the rows that must be no change (another generated
// constraint name, a rebuilt constraint, spelling of SQL text, an appended column).

#include "schema/schemadiff.h"
#include "schema/sqltext.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace backstep;

namespace {

Column column(
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

Table table(const QString& name, const QVector<Column>& columns, const QStringList& primaryKey = { u"id"_s })
{
    Table table;
    table.name = name;
    table.columns = columns;
    table.primaryKey = primaryKey;
    return table;
}

Index index(const QString& name, const QString& table, const QStringList& columns, bool unique = false)
{
    return Index { name, table, unique, columns, {}, {}, u"btree"_s, false };
}

// users(id, email UNIQUE NOT NULL, name), orders(id, user_id -> users, total CHECK >= 0),
// an index, a view and a trigger.
SchemaSnapshot sqliteBase()
{
    SchemaSnapshot snapshot;
    snapshot.dialect = Dialect::Sqlite;
    Table users = table(u"users"_s,
        { column(u"id"_s, u"INTEGER"_s), column(u"email"_s, u"TEXT"_s, true), column(u"name"_s, u"TEXT"_s) });
    users.uniqueConstraints = { { {}, { u"email"_s } } };
    Table orders = table(u"orders"_s,
        { column(u"id"_s, u"INTEGER"_s), column(u"user_id"_s, u"INTEGER"_s), column(u"total"_s, u"NUMERIC(10,2)"_s) });
    orders.checkConstraints = { { {}, u"total >= 0"_s, true } };
    orders.foreignKeys = { { {}, { u"user_id"_s }, u"users"_s, { u"id"_s }, ForeignKey::Action::NoAction,
        ForeignKey::Action::NoAction, true } };
    snapshot.tables = { { users.name, users }, { orders.name, orders } };
    Index backing = index(u"sqlite_autoindex_users_1"_s, u"users"_s, { u"email"_s }, true);
    backing.isConstraint = true;
    snapshot.indexes = { index(u"orders_user_idx"_s, u"orders"_s, { u"user_id"_s }), backing };
    snapshot.views = { { u"active_users"_s, u"CREATE VIEW active_users AS SELECT id FROM users"_s, false } };
    snapshot.triggers = { { u"users_touch"_s, u"users"_s,
        u"CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END"_s } };
    return snapshot;
}

// What only PostgreSQL has: a sequence, an enum, a domain, a function, schemas, an extension.
SchemaSnapshot postgresBase()
{
    SchemaSnapshot snapshot = sqliteBase();
    snapshot.dialect = Dialect::Postgres;
    for (Table& table : snapshot.tables) {
        for (Column& column : table.columns)
            column.affinity.reset();
    }
    snapshot.sequences = { { u"orders_id_seq"_s, u"integer"_s, 1, 1, 1, 2147483647, false, u"orders.id"_s } };
    snapshot.enumTypes = { { u"mood"_s, { u"sad"_s, u"ok"_s, u"happy"_s } } };
    snapshot.domains
        = { { u"positive"_s, u"integer"_s, false, {}, { { u"positive_check"_s, u"VALUE > 0"_s, true } } } };
    snapshot.functions = { { u"touch"_s, {}, u"trigger"_s, Function::Kind::Function,
        u"CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$"_s } };
    snapshot.schemas = { u"app"_s, u"public"_s };
    snapshot.extensions = { { u"plpgsql"_s, u"1.0"_s, u"pg_catalog"_s } };
    return snapshot;
}

Table& users(SchemaSnapshot& snapshot)
{
    return snapshot.tables[u"users"_s];
}

Table& orders(SchemaSnapshot& snapshot)
{
    return snapshot.tables[u"orders"_s];
}

SchemaSnapshot changed(SchemaSnapshot snapshot, const std::function<void(SchemaSnapshot&)>& change)
{
    change(snapshot);
    return snapshot;
}

void addRow(const char* name, const SchemaSnapshot& before, const std::function<void(SchemaSnapshot&)>& change,
    const QStringList& expected)
{
    QTest::newRow(name) << before << changed(before, change) << expected;
}

} // namespace

class TestSchemaDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tablesAndColumns_data();
    void tablesAndColumns();
    void constraints_data();
    void constraints();
    void indexesViewsTriggers_data();
    void indexesViewsTriggers();
    void postgresObjects_data();
    void postgresObjects();

    void columnChangeCarriesBothValuesAndEveryAspect();
    void addedAndRemovedCarryOneSide();
    void constraintMatchedByContentKeepsDuplicates();
    void enumLabels();
    void sqliteRebuildIsNoChange();
    void entriesFollowTableOrder();
    void emptyWhenEqual();

private:
    void compareDescriptions();
};

void TestSchemaDiff::compareDescriptions()
{
    QFETCH(SchemaSnapshot, before);
    QFETCH(SchemaSnapshot, after);
    QFETCH(QStringList, expected);
    const SchemaDiff diff = SchemaDiff::between(before, after);
    QCOMPARE(diff.describe(), expected);
    QCOMPARE(diff.isEmpty(), expected.isEmpty());
}

void TestSchemaDiff::tablesAndColumns_data()
{
    QTest::addColumn<SchemaSnapshot>("before");
    QTest::addColumn<SchemaSnapshot>("after");
    QTest::addColumn<QStringList>("expected");
    const SchemaSnapshot base = sqliteBase();

    addRow("identical", base, [](SchemaSnapshot&) {}, {});
    addRow("table added", base,
        [](SchemaSnapshot& s) { s.tables.insert(u"audit"_s, table(u"audit"_s, { column(u"id"_s, u"INTEGER"_s) })); },
        { u"table audit: added"_s });
    addRow("table removed, with its index", base,
        [](SchemaSnapshot& s) {
            s.tables.remove(u"orders"_s);
            s.indexes.removeFirst();
        },
        { u"table orders: removed"_s, u"index orders_user_idx: removed"_s });
    addRow("nullable column added", base,
        [](SchemaSnapshot& s) { users(s).columns.append(column(u"nickname"_s, u"TEXT"_s)); },
        { u"column users.nickname: added text"_s });
    addRow("NOT NULL column with default added", base,
        [](SchemaSnapshot& s) { users(s).columns.append(column(u"status"_s, u"TEXT"_s, true, u"'active'"_s)); },
        { u"column users.status: added text NOT NULL DEFAULT 'active'"_s });
    addRow("untyped column added", base, [](SchemaSnapshot& s) { users(s).columns.append(column(u"misc"_s, {})); },
        { u"column users.misc: added"_s });
    addRow("column removed", base, [](SchemaSnapshot& s) { users(s).columns.removeLast(); },
        { u"column users.name: removed"_s });
    addRow("column renamed is removed and added", base,
        [](SchemaSnapshot& s) { users(s).columns.last().name = u"full_name"_s; },
        { u"column users.name: removed"_s, u"column users.full_name: added text"_s });
    addRow("type", base, [](SchemaSnapshot& s) { users(s).columns[1] = column(u"email"_s, u"VARCHAR(80)"_s, true); },
        { u"column users.email: type text -> varchar(80)"_s });
    addRow("type with the same affinity", base,
        [](SchemaSnapshot& s) { users(s).columns[0] = column(u"id"_s, u"INT"_s); },
        { u"column users.id: type integer -> int"_s });
    addRow("type spelling is no change", base,
        [](SchemaSnapshot& s) { orders(s).columns[2] = column(u"total"_s, u"numeric( 10, 2 )"_s); }, {});
    addRow("NOT NULL set", base, [](SchemaSnapshot& s) { users(s).columns[2].notNull = true; },
        { u"column users.name: NOT NULL no -> yes"_s });
    addRow("NOT NULL dropped", base, [](SchemaSnapshot& s) { users(s).columns[1].notNull = false; },
        { u"column users.email: NOT NULL yes -> no"_s });
    addRow("default set", base, [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression = u"''"_s; },
        { u"column users.name: default none -> ''"_s });
    addRow("default changed",
        changed(base, [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression = u"'a'"_s; }),
        [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression = u"'b'"_s; },
        { u"column users.name: default 'a' -> 'b'"_s });
    addRow("default dropped",
        changed(base, [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression = u"'a'"_s; }),
        [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression.clear(); },
        { u"column users.name: default 'a' -> none"_s });
    addRow("default spelling is no change",
        changed(base, [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression = u"CURRENT_TIMESTAMP"_s; }),
        [](SchemaSnapshot& s) { users(s).columns[2].defaultExpression = u"current_timestamp  "_s; }, {});
    addRow("generated column made", base,
        [](SchemaSnapshot& s) {
            Column& total = orders(s).columns[2];
            total.generated = Column::Generated::Stored;
            total.generationExpression = u"id * 2"_s;
        },
        { u"column orders.total: generated none -> stored (id * 2)"_s });
    addRow("generated stored to virtual",
        changed(base,
            [](SchemaSnapshot& s) {
                orders(s).columns[2].generated = Column::Generated::Stored;
                orders(s).columns[2].generationExpression = u"id * 2"_s;
            }),
        [](SchemaSnapshot& s) {
            orders(s).columns[2].generated = Column::Generated::Virtual;
            orders(s).columns[2].generationExpression = u"id*2"_s;
        },
        { u"column orders.total: generated stored (id * 2) -> virtual (id*2)"_s });
    addRow("several aspects in one entry", base,
        [](SchemaSnapshot& s) { users(s).columns[2] = column(u"name"_s, u"VARCHAR(40)"_s, true, u"'x'"_s); },
        { u"column users.name: type text -> varchar(40); NOT NULL no -> yes; default none -> 'x'"_s });
    addRow("column order", base, [](SchemaSnapshot& s) { users(s).columns.swapItemsAt(1, 2); },
        { u"table users: column order id, email, name -> id, name, email"_s });
    addRow("column appended keeps the order", base,
        [](SchemaSnapshot& s) { users(s).columns.insert(1, column(u"nickname"_s, u"TEXT"_s)); },
        { u"column users.nickname: added text"_s });
    addRow("column removed keeps the order", base, [](SchemaSnapshot& s) { users(s).columns.removeAt(1); },
        { u"column users.email: removed"_s });
    addRow("WITHOUT ROWID, STRICT, AUTOINCREMENT", base,
        [](SchemaSnapshot& s) {
            users(s).withoutRowid = true;
            users(s).strict = true;
            users(s).autoincrementColumn = u"id"_s;
        },
        { u"table users: WITHOUT ROWID no -> yes; STRICT no -> yes; AUTOINCREMENT none -> id"_s });
}

void TestSchemaDiff::tablesAndColumns()
{
    compareDescriptions();
}

void TestSchemaDiff::constraints_data()
{
    QTest::addColumn<SchemaSnapshot>("before");
    QTest::addColumn<SchemaSnapshot>("after");
    QTest::addColumn<QStringList>("expected");
    const SchemaSnapshot base = postgresBase();

    addRow("primary key changed", base,
        [](SchemaSnapshot& s) {
            users(s).primaryKey = { u"id"_s, u"email"_s };
        },
        { u"primary key of users: (id) -> (id, email)"_s });
    addRow("primary key removed", base, [](SchemaSnapshot& s) { users(s).primaryKey.clear(); },
        { u"primary key of users: (id) -> none"_s });
    addRow("primary key added", changed(base, [](SchemaSnapshot& s) { users(s).primaryKey.clear(); }),
        [](SchemaSnapshot& s) { users(s).primaryKey = { u"id"_s }; }, { u"primary key of users: none -> (id)"_s });
    addRow("unique added", base,
        [](SchemaSnapshot& s) {
            users(s).uniqueConstraints.append({ u"users_name_key"_s, { u"name"_s } });
        },
        { u"unique constraint users_name_key on users: added (name)"_s });
    addRow("unique removed", base, [](SchemaSnapshot& s) { users(s).uniqueConstraints.clear(); },
        { u"unique constraint on users: removed"_s });
    addRow("unique under another generated name", base,
        [](SchemaSnapshot& s) { users(s).uniqueConstraints[0].name = u"users_email_key1"_s; }, {});
    addRow("unique over the same columns in another order",
        changed(base,
            [](SchemaSnapshot& s) {
                users(s).uniqueConstraints = { { u"u"_s, { u"email"_s, u"name"_s } } };
            }),
        [](SchemaSnapshot& s) {
            users(s).uniqueConstraints = { { u"u"_s, { u"name"_s, u"email"_s } } };
        },
        {});
    addRow("unique on other columns", base,
        [](SchemaSnapshot& s) {
            users(s).uniqueConstraints[0].columns = { u"email"_s, u"name"_s };
        },
        { u"unique constraint on users: removed"_s, u"unique constraint on users: added (email, name)"_s });
    addRow("check added NOT VALID", base,
        [](SchemaSnapshot& s) {
            orders(s).checkConstraints.append({ u"orders_user_check"_s, u"user_id > 0"_s, false });
        },
        { u"check constraint orders_user_check on orders: added (user_id > 0) NOT VALID"_s });
    addRow("check removed", base, [](SchemaSnapshot& s) { orders(s).checkConstraints.clear(); },
        { u"check constraint on orders: removed"_s });
    addRow("check under another name", base,
        [](SchemaSnapshot& s) { orders(s).checkConstraints[0].name = u"orders_total_check"_s; }, {});
    addRow("check spelled another way", base,
        [](SchemaSnapshot& s) { orders(s).checkConstraints[0].expression = u"TOTAL>=0"_s; }, {});
    addRow("check with another condition", base,
        [](SchemaSnapshot& s) { orders(s).checkConstraints[0].expression = u"total > 0"_s; },
        { u"check constraint on orders: removed"_s, u"check constraint on orders: added (total > 0)"_s });
    addRow("check validated",
        changed(base,
            [](SchemaSnapshot& s) {
                orders(s).checkConstraints[0] = { u"c"_s, u"total >= 0"_s, false };
            }),
        [](SchemaSnapshot& s) { orders(s).checkConstraints[0].validated = true; },
        { u"check constraint c on orders: NOT VALID -> valid"_s });
    addRow("foreign key added", base,
        [](SchemaSnapshot& s) {
            users(s).foreignKeys.append({ u"users_boss_fkey"_s, { u"id"_s }, u"users"_s, { u"id"_s },
                ForeignKey::Action::Cascade, ForeignKey::Action::SetNull, true });
        },
        { u"foreign key users_boss_fkey on users: added (id) -> users (id) ON DELETE CASCADE ON UPDATE SET NULL"_s });
    addRow("foreign key removed", base, [](SchemaSnapshot& s) { orders(s).foreignKeys.clear(); },
        { u"foreign key on orders: removed"_s });
    addRow("foreign key under another name", base,
        [](SchemaSnapshot& s) { orders(s).foreignKeys[0].name = u"orders_user_id_fkey"_s; }, {});
    addRow("foreign key with another action", base,
        [](SchemaSnapshot& s) { orders(s).foreignKeys[0].onDelete = ForeignKey::Action::Restrict; },
        { u"foreign key on orders: removed"_s,
            u"foreign key on orders: added (user_id) -> users (id) ON DELETE RESTRICT"_s });
    addRow("foreign key validated",
        changed(base, [](SchemaSnapshot& s) { orders(s).foreignKeys[0].validated = false; }),
        [](SchemaSnapshot& s) { orders(s).foreignKeys[0].validated = true; },
        { u"foreign key on orders: NOT VALID -> valid"_s });
}

void TestSchemaDiff::constraints()
{
    compareDescriptions();
}

void TestSchemaDiff::indexesViewsTriggers_data()
{
    QTest::addColumn<SchemaSnapshot>("before");
    QTest::addColumn<SchemaSnapshot>("after");
    QTest::addColumn<QStringList>("expected");
    const SchemaSnapshot base = postgresBase();

    addRow("index added", base,
        [](SchemaSnapshot& s) {
            Index added = index(u"users_lower_email"_s, u"users"_s, { u"lower(email)"_s }, true);
            added.predicate = u"name IS NOT NULL"_s;
            s.indexes.append(added);
        },
        { u"index users_lower_email: added UNIQUE on users (lower(email)) WHERE name IS NOT NULL"_s });
    addRow("index with method and INCLUDE added", base,
        [](SchemaSnapshot& s) {
            Index added = index(u"users_name_gin"_s, u"users"_s, { u"name"_s });
            added.method = u"gin"_s;
            added.includedColumns = { u"id"_s };
            s.indexes.append(added);
        },
        { u"index users_name_gin: added on users USING gin (name) INCLUDE (id)"_s });
    addRow("index removed", base, [](SchemaSnapshot& s) { s.indexes.removeFirst(); },
        { u"index orders_user_idx: removed"_s });
    addRow("index changed in every aspect", base,
        [](SchemaSnapshot& s) {
            Index& changed = s.indexes[0];
            changed.table = u"users"_s;
            changed.unique = true;
            changed.columns = { u"user_id"_s, u"id DESC"_s };
            changed.includedColumns = { u"total"_s };
            changed.predicate = u"id > 0"_s;
            changed.method = u"hash"_s;
        },
        { u"index orders_user_idx: table orders -> users; unique no -> yes; columns (user_id) -> (user_id, id DESC); "
          "included columns () -> (total); predicate none -> id > 0; method btree -> hash"_s });
    addRow(
        "index spelled another way", base, [](SchemaSnapshot& s) { s.indexes[0].columns = { u"\"user_id\""_s }; }, {});
    addRow("constraint index renamed", base,
        [](SchemaSnapshot& s) { s.indexes[1].name = u"sqlite_autoindex_users_2"_s; }, {});
    addRow("view added", base,
        [](SchemaSnapshot& s) {
            s.views.append({ u"totals"_s, u"SELECT sum(total) FROM orders"_s, true });
        },
        { u"materialized view totals: added"_s });
    addRow("view removed", base, [](SchemaSnapshot& s) { s.views.clear(); }, { u"view active_users: removed"_s });
    addRow("view changed", base,
        [](SchemaSnapshot& s) { s.views[0].definition = u"CREATE VIEW active_users AS SELECT id, name FROM users"_s; },
        { u"view active_users: definition changed"_s });
    addRow("view materialized", base, [](SchemaSnapshot& s) { s.views[0].materialized = true; },
        { u"materialized view active_users: materialized no -> yes"_s });
    addRow("view respaced", base,
        [](SchemaSnapshot& s) {
            s.views[0].definition = u"CREATE VIEW active_users AS\n  SELECT id\n  FROM \"users\""_s;
        },
        {});
    addRow("trigger added", base,
        [](SchemaSnapshot& s) {
            s.triggers.append({ u"users_touch"_s, u"orders"_s, u"CREATE TRIGGER users_touch ..."_s });
        },
        { u"trigger users_touch on orders: added"_s });
    addRow("trigger removed", base, [](SchemaSnapshot& s) { s.triggers.clear(); },
        { u"trigger users_touch on users: removed"_s });
    addRow("trigger changed", base,
        [](SchemaSnapshot& s) {
            s.triggers[0].definition = u"CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 2; END"_s;
        },
        { u"trigger users_touch on users: definition changed"_s });
}

void TestSchemaDiff::indexesViewsTriggers()
{
    compareDescriptions();
}

void TestSchemaDiff::postgresObjects_data()
{
    QTest::addColumn<SchemaSnapshot>("before");
    QTest::addColumn<SchemaSnapshot>("after");
    QTest::addColumn<QStringList>("expected");
    const SchemaSnapshot base = postgresBase();

    addRow("identity", base, [](SchemaSnapshot& s) { users(s).columns[0].identity = Column::Identity::ByDefault; },
        { u"column users.id: identity none -> by default"_s });
    addRow("identity column added", base,
        [](SchemaSnapshot& s) {
            Column added = column(u"serial_no"_s, u"bigint"_s, true);
            added.identity = Column::Identity::Always;
            orders(s).columns.append(added);
        },
        { u"column orders.serial_no: added bigint NOT NULL IDENTITY always"_s });
    addRow("sequence added", base,
        [](SchemaSnapshot& s) {
            s.sequences.append({ u"app.tickets"_s, u"bigint"_s, 100, 1, 1, 9223372036854775807LL, false, {} });
        },
        { u"sequence app.tickets: added bigint"_s });
    addRow("sequence removed", base, [](SchemaSnapshot& s) { s.sequences.clear(); },
        { u"sequence orders_id_seq: removed"_s });
    addRow("sequence changed", base,
        [](SchemaSnapshot& s) {
            s.sequences[0] = { u"orders_id_seq"_s, u"bigint"_s, 10, 2, 5, 1000, true, {} };
        },
        { u"sequence orders_id_seq: type integer -> bigint; start 1 -> 10; increment 1 -> 2; minimum 1 -> 5; "
          "maximum 2147483647 -> 1000; cycle no -> yes; owned by orders.id -> none"_s });
    addRow("enum added", base,
        [](SchemaSnapshot& s) {
            s.enumTypes.append({ u"app.size"_s, { u"s"_s, u"m"_s } });
        },
        { u"enum app.size: added ('s', 'm')"_s });
    addRow("enum removed", base, [](SchemaSnapshot& s) { s.enumTypes.clear(); }, { u"enum mood: removed"_s });
    addRow("enum label added", base, [](SchemaSnapshot& s) { s.enumTypes[0].labels.insert(1, u"meh"_s); },
        { u"enum mood: labels added 'meh'"_s });
    addRow("enum label removed", base, [](SchemaSnapshot& s) { s.enumTypes[0].labels.removeFirst(); },
        { u"enum mood: labels removed 'sad'"_s });
    addRow("enum label renamed", base, [](SchemaSnapshot& s) { s.enumTypes[0].labels[2] = u"glad"_s; },
        { u"enum mood: label renamed 'happy' -> 'glad'"_s });
    addRow("enum labels reordered", base, [](SchemaSnapshot& s) { s.enumTypes[0].labels.move(0, 2); },
        { u"enum mood: label order 'sad', 'ok', 'happy' -> 'ok', 'happy', 'sad'"_s });
    addRow("domain added", base,
        [](SchemaSnapshot& s) {
            s.domains.append({ u"app.email"_s, u"text"_s, true, {}, {} });
        },
        { u"domain app.email: added text"_s });
    addRow("domain removed", base, [](SchemaSnapshot& s) { s.domains.clear(); }, { u"domain positive: removed"_s });
    addRow("domain changed", base,
        [](SchemaSnapshot& s) {
            s.domains[0]
                = { u"positive"_s, u"bigint"_s, true, u"1"_s, { { u"positive_check"_s, u"VALUE >= 0"_s, true } } };
        },
        { u"domain positive: base type integer -> bigint; NOT NULL no -> yes; default none -> 1; "
          "checks (VALUE > 0) -> (VALUE >= 0)"_s });
    addRow("domain check renamed", base, [](SchemaSnapshot& s) { s.domains[0].checks[0].name = u"other"_s; }, {});
    addRow("function added (an overload)", base,
        [](SchemaSnapshot& s) {
            s.functions.append({ u"touch"_s, u"force boolean"_s, u"trigger"_s, Function::Kind::Function, u"..."_s });
        },
        { u"function touch(force boolean): added"_s });
    addRow("procedure removed",
        changed(base, [](SchemaSnapshot& s) { s.functions[0].kind = Function::Kind::Procedure; }),
        [](SchemaSnapshot& s) { s.functions.clear(); }, { u"procedure touch(): removed"_s });
    addRow("function changed", base,
        [](SchemaSnapshot& s) {
            s.functions[0].result = u"integer"_s;
            s.functions[0].definition
                = u"CREATE OR REPLACE FUNCTION public.touch() RETURNS integer AS $$ SELECT 1 $$"_s;
        },
        { u"function touch(): result trigger -> integer; definition changed"_s });
    addRow("schema added", base, [](SchemaSnapshot& s) { s.schemas.append(u"audit"_s); }, { u"schema audit: added"_s });
    addRow("schema removed", base, [](SchemaSnapshot& s) { s.schemas.removeFirst(); }, { u"schema app: removed"_s });
    addRow("extension added", base,
        [](SchemaSnapshot& s) {
            s.extensions.append({ u"citext"_s, u"1.6"_s, u"public"_s });
        },
        { u"extension citext: added 1.6"_s });
    addRow("extension removed", base, [](SchemaSnapshot& s) { s.extensions.clear(); },
        { u"extension plpgsql: removed"_s });
    addRow("extension updated and moved", base,
        [](SchemaSnapshot& s) {
            s.extensions[0].version = u"1.1"_s;
            s.extensions[0].schema = u"app"_s;
        },
        { u"extension plpgsql: version 1.0 -> 1.1; schema pg_catalog -> app"_s });
}

void TestSchemaDiff::postgresObjects()
{
    compareDescriptions();
}

void TestSchemaDiff::columnChangeCarriesBothValuesAndEveryAspect()
{
    SchemaSnapshot before = postgresBase();
    SchemaSnapshot after = before;
    Column& name = users(after).columns[2];
    name = column(u"name"_s, u"character varying(40)"_s, true, u"'x'::character varying"_s);
    name.generated = Column::Generated::Stored;
    name.generationExpression = u"upper(email)"_s;
    name.identity = Column::Identity::Always;

    const SchemaDiff diff = SchemaDiff::between(before, after);
    QCOMPARE(diff.columns.size(), 1);
    const ColumnChange& change = diff.columns.constFirst();
    QCOMPARE(change.kind, ChangeKind::Changed);
    QCOMPARE(change.table, u"users"_s);
    QCOMPARE(change.name(), u"name"_s);
    QCOMPARE(change.before, users(before).columns[2]);
    QCOMPARE(change.after, name);
    QCOMPARE(change.aspects,
        ColumnChange::Type | ColumnChange::NotNull | ColumnChange::Default | ColumnChange::Generated
            | ColumnChange::Identity);
}

void TestSchemaDiff::addedAndRemovedCarryOneSide()
{
    const SchemaSnapshot before = sqliteBase();
    SchemaSnapshot after = before;
    const Column nickname = column(u"nickname"_s, u"TEXT"_s);
    users(after).columns.append(nickname);
    const Table removed = after.tables.take(u"orders"_s);

    const SchemaDiff diff = SchemaDiff::between(before, after);
    QCOMPARE(diff.columns.size(), 1);
    QCOMPARE(diff.columns[0].kind, ChangeKind::Added);
    QCOMPARE(diff.columns[0].after, nickname);
    QCOMPARE(diff.columns[0].before, Column());
    QCOMPARE(diff.tables.size(), 1);
    QCOMPARE(diff.tables[0].kind, ChangeKind::Removed);
    QCOMPARE(diff.tables[0].before, removed);
    QCOMPARE(diff.tables[0].name(), u"orders"_s);
    QCOMPARE(diff.tables[0].after, Table());
    // Constraints of a removed table travel with it.
    QVERIFY(diff.checkConstraints.isEmpty());
    QVERIFY(diff.foreignKeys.isEmpty());
}

void TestSchemaDiff::constraintMatchedByContentKeepsDuplicates()
{
    SchemaSnapshot before = postgresBase();
    orders(before).checkConstraints = { { u"a"_s, u"total >= 0"_s, true }, { u"b"_s, u"total >= 0"_s, true } };
    SchemaSnapshot after = before;
    orders(after).checkConstraints = { { u"c"_s, u"total >= 0"_s, true } };

    const SchemaDiff diff = SchemaDiff::between(before, after);
    QCOMPARE(diff.describe(), QStringList { u"check constraint b on orders: removed"_s });
    QCOMPARE(diff.checkConstraints[0].kind, ChangeKind::Removed);
    QCOMPARE(diff.checkConstraints[0].table, u"orders"_s);
    QCOMPARE(diff.checkConstraints[0].object(), (CheckConstraint { u"b"_s, u"total >= 0"_s, true }));
}

void TestSchemaDiff::enumLabels()
{
    SchemaSnapshot before = postgresBase();
    SchemaSnapshot after = before;
    after.enumTypes[0].labels = { u"happy"_s, u"fine"_s, u"sad"_s, u"new"_s };

    const SchemaDiff diff = SchemaDiff::between(before, after);
    QCOMPARE(diff.enumTypes.size(), 1);
    const EnumChange& change = diff.enumTypes[0];
    QCOMPARE(change.kind, ChangeKind::Changed);
    QCOMPARE(change.addedLabels, (QStringList { u"fine"_s, u"new"_s }));
    QCOMPARE(change.removedLabels, QStringList { u"ok"_s });
    QVERIFY(change.renamedLabels.isEmpty()); // another length: no rename is recognised
    QVERIFY(change.reordered);
    QCOMPARE(change.describe(),
        u"enum mood: labels added 'fine', 'new'; labels removed 'ok'; "
        "label order 'sad', 'ok', 'happy' -> 'happy', 'fine', 'sad', 'new'"_s);

    after.enumTypes[0].labels = { u"unhappy"_s, u"ok"_s, u"glad"_s };
    const EnumChange renamed = SchemaDiff::between(before, after).enumTypes.value(0);
    QCOMPARE(renamed.renamedLabels,
        (QVector<QPair<QString, QString>> { { u"sad"_s, u"unhappy"_s }, { u"happy"_s, u"glad"_s } }));
    QVERIFY(renamed.addedLabels.isEmpty());
    QVERIFY(renamed.removedLabels.isEmpty());
    QVERIFY(!renamed.reordered);
}

// A SQLite table rebuild (CREATE users_new, copy, DROP users, RENAME) recreates the same
// constraints: unnamed ones, names of auto-indexes, text spelled as the new CREATE
// spells it. None of that is a change.
void TestSchemaDiff::sqliteRebuildIsNoChange()
{
    SchemaSnapshot before = sqliteBase();
    orders(before).checkConstraints = { { u"orders_total"_s, u"total >= 0"_s, true } };
    orders(before).foreignKeys[0].name = u"orders_user"_s;
    SchemaSnapshot after = before;
    orders(after).checkConstraints = { { {}, u"\"total\" >= 0 -- same"_s, true } };
    orders(after).foreignKeys[0].name.clear();
    users(after).uniqueConstraints = { { u"users_email_unique"_s, { u"email"_s } } };
    after.indexes[1].name = u"sqlite_autoindex_users_9"_s;
    users(after).columns[1] = column(u"email"_s, u"text"_s, true);

    const SchemaDiff diff = SchemaDiff::between(before, after);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.describe().join(u'\n')));
    QCOMPARE(diff, SchemaDiff());
}

void TestSchemaDiff::entriesFollowTableOrder()
{
    SchemaSnapshot before = sqliteBase();
    SchemaSnapshot after = before;
    after.tables.insert(u"zeta"_s, table(u"zeta"_s, {}));
    after.tables.insert(u"alpha"_s, table(u"alpha"_s, {}));
    users(after).columns.append(column(u"b"_s, u"TEXT"_s));
    orders(after).columns.append(column(u"a"_s, u"TEXT"_s));
    orders(after).columns.removeAt(1);

    QCOMPARE(SchemaDiff::between(before, after).describe(),
        (QStringList { u"table alpha: added"_s, u"table zeta: added"_s, u"column orders.user_id: removed"_s,
            u"column orders.a: added text"_s, u"column users.b: added text"_s }));
}

void TestSchemaDiff::emptyWhenEqual()
{
    QVERIFY(SchemaDiff().isEmpty());
    QVERIFY(SchemaDiff::between(SchemaSnapshot(), SchemaSnapshot()).isEmpty());
    QVERIFY(SchemaDiff::between(postgresBase(), postgresBase()).isEmpty());
    QVERIFY(!SchemaDiff::between(SchemaSnapshot(), sqliteBase()).isEmpty());
}

QTEST_GUILESS_MAIN(TestSchemaDiff)
#include "tst_schemadiff.moc"
