// StatementGuard and GuardedScript: what each statement of an untrusted script does to
// Backstep's transaction or outside its database, in both dialects, as a rule table;
// and the BEGIN … COMMIT envelope a file may wrap its body in.
#include "analysis/containmentrules.h"
#include "catalog/statementsplitter.h"
#include "sandbox/guardedscript.h"
#include "sandbox/statementguard.h"

#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;
using Kind = StatementCheck::Kind;

Q_DECLARE_METATYPE(backstep::StatementCheck::Kind)
Q_DECLARE_METATYPE(backstep::Dialect)

namespace {

StatementCheck check(const QString& sql, Dialect dialect)
{
    return StatementGuard::check(SqlStatement { sql, 1, 1 }, dialect);
}

SqlStatements split(const QString& sql, Dialect dialect)
{
    auto statements = StatementSplitter::split(sql, dialect);
    if (!statements)
        qFatal("%s", qPrintable(statements.error().message));
    return statements.value();
}

} // namespace

class TestStatementGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachStatement_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("what");
        const auto both = [](const char* name, const QString& sql, Kind kind, const QString& what) {
            QTest::addRow("%s sqlite", name) << Dialect::Sqlite << sql << kind << what;
            QTest::addRow("%s postgres", name) << Dialect::Postgres << sql << kind << what;
        };
        const auto pg = [](const char* name, const QString& sql, Kind kind, const QString& what) {
            QTest::addRow("%s postgres", name) << Dialect::Postgres << sql << kind << what;
        };
        const auto lite = [](const char* name, const QString& sql, Kind kind, const QString& what) {
            QTest::addRow("%s sqlite", name) << Dialect::Sqlite << sql << kind << what;
        };
        // Transaction control, as every spelling people use.
        both("begin", u"BEGIN"_s, Kind::Begin, u"BEGIN"_s);
        both("begin transaction", u"begin transaction"_s, Kind::Begin, u"BEGIN"_s);
        lite("begin immediate", u"BEGIN IMMEDIATE TRANSACTION"_s, Kind::Begin, u"BEGIN"_s);
        pg("start transaction", u"START TRANSACTION ISOLATION LEVEL SERIALIZABLE"_s, Kind::Begin, u"START TRANSACTION"_s);
        both("commit", u"COMMIT"_s, Kind::Commit, u"COMMIT"_s);
        lite("end", u"END TRANSACTION"_s, Kind::Commit, u"END"_s);
        pg("end", u"END"_s, Kind::Commit, u"COMMIT"_s);
        pg("commit and chain", u"COMMIT AND CHAIN"_s, Kind::Commit, u"COMMIT AND CHAIN"_s);
        both("rollback", u"ROLLBACK"_s, Kind::Rollback, u"ROLLBACK"_s);
        pg("abort", u"ABORT"_s, Kind::Rollback, u"ROLLBACK"_s);
        both("savepoint", u"SAVEPOINT backstep_probes"_s, Kind::Savepoint, u"SAVEPOINT"_s);
        both("release", u"RELEASE SAVEPOINT backstep_down_step"_s, Kind::Release, u"RELEASE SAVEPOINT"_s);
        lite("release bare", u"RELEASE backstep_down_step"_s, Kind::Release, u"RELEASE SAVEPOINT"_s);
        both("rollback to", u"ROLLBACK TO SAVEPOINT backstep_probes"_s, Kind::RollbackTo, u"ROLLBACK TO SAVEPOINT"_s);
        lite("rollback transaction to", u"ROLLBACK TRANSACTION TO x"_s, Kind::RollbackTo, u"ROLLBACK TO SAVEPOINT"_s);
        pg("prepare transaction", u"PREPARE TRANSACTION 'x'"_s, Kind::TwoPhase, u"PREPARE TRANSACTION"_s);
        pg("commit prepared", u"COMMIT PREPARED 'x'"_s, Kind::TwoPhase, u"COMMIT PREPARED"_s);
        pg("rollback prepared", u"ROLLBACK PREPARED 'x'"_s, Kind::TwoPhase, u"ROLLBACK PREPARED"_s);
        pg("set transaction", u"SET TRANSACTION READ WRITE"_s, Kind::SetTransaction, u"SET TRANSACTION"_s);
        pg("set session characteristics", u"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"_s,
           Kind::SetTransaction, u"SET SESSION CHARACTERISTICS"_s);
        pg("set default read only", u"SET default_transaction_read_only = off"_s, Kind::SetTransaction,
           u"SET default_transaction_read_only"_s);
        pg("reset all", u"RESET ALL"_s, Kind::SetTransaction, u"RESET ALL"_s);
        // Statements that cannot run in a transaction block.
        pg("create index concurrently", u"CREATE INDEX CONCURRENTLY i ON t (x)"_s, Kind::OutsideTransaction,
           u"CREATE INDEX CONCURRENTLY"_s);
        pg("drop index concurrently", u"DROP INDEX CONCURRENTLY IF EXISTS i"_s, Kind::OutsideTransaction,
           u"DROP INDEX CONCURRENTLY"_s);
        pg("reindex concurrently", u"REINDEX INDEX CONCURRENTLY i"_s, Kind::OutsideTransaction, u"REINDEX CONCURRENTLY"_s);
        both("vacuum", u"VACUUM"_s, Kind::OutsideTransaction, u"VACUUM"_s);
        // Reaching outside the database.
        pg("copy to program", u"COPY notes TO PROGRAM 'touch /tmp/x'"_s, Kind::Escape, u"COPY … TO PROGRAM"_s);
        pg("copy from program", u"COPY notes FROM PROGRAM 'cat /etc/passwd'"_s, Kind::Escape, u"COPY … FROM PROGRAM"_s);
        pg("copy to file", u"COPY (SELECT 1) TO '/tmp/x'"_s, Kind::Escape, u"COPY … TO a server file"_s);
        pg("alter system", u"ALTER SYSTEM SET work_mem = '1GB'"_s, Kind::Escape, u"ALTER SYSTEM"_s);
        pg("drop database", u"DROP DATABASE IF EXISTS production"_s, Kind::Escape, u"DROP DATABASE"_s);
        pg("create database", u"CREATE DATABASE other"_s, Kind::Escape, u"CREATE DATABASE"_s);
        pg("alter role", u"ALTER ROLE app SUPERUSER"_s, Kind::Escape, u"ALTER ROLE"_s);
        pg("create role", u"CREATE ROLE intruder LOGIN SUPERUSER"_s, Kind::Escape, u"CREATE ROLE"_s);
        pg("grant role", u"GRANT pg_execute_server_program TO app"_s, Kind::Escape, u"GRANT or REVOKE role membership"_s);
        pg("load", u"LOAD 'auto_explain'"_s, Kind::Escape, u"LOAD"_s);
        pg("pg_read_file", u"SELECT pg_read_file('/etc/passwd')"_s, Kind::Escape, u"a call of pg_read_file()"_s);
        pg("lo_export in insert", u"INSERT INTO t SELECT lo_export(1, '/tmp/x')"_s, Kind::Escape,
           u"a call of lo_export()"_s);
        pg("do with copy program", u"DO $$ BEGIN COPY (SELECT 1) TO PROGRAM 'id'; END $$"_s, Kind::Unchecked,
           u"DO block running COPY"_s);
        pg("do with dynamic sql", u"DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'notes'; END $$"_s, Kind::Unchecked,
           u"DO block with dynamic EXECUTE"_s);
        pg("do with commit", u"DO $$ BEGIN UPDATE t SET x = 1; COMMIT; END $$"_s, Kind::Unchecked,
           u"DO block with its own COMMIT"_s);
        pg("do calling pg_read_file", u"DO $$ BEGIN PERFORM pg_read_file('/etc/passwd'); END $$"_s, Kind::Escape,
           u"DO block calling pg_read_file()"_s);
        pg("do in plpython", u"DO LANGUAGE plpython3u $$ import os $$"_s, Kind::Unchecked,
           u"DO block in LANGUAGE plpython3u"_s);
        pg("sql function with copy", u"CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ COPY (SELECT 1) TO PROGRAM 'id' $$"_s,
           Kind::Escape, u"function f whose body runs COPY … TO PROGRAM"_s);
        pg("c function", u"CREATE FUNCTION f() RETURNS void LANGUAGE c AS '/tmp/evil.so', 'f'"_s, Kind::Escape,
           u"function f in LANGUAGE c (a server library)"_s);
        pg("plpgsql function with execute",
           u"CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('x'); RETURN NEW; END $$"_s,
           Kind::Unchecked, u"function f with dynamic EXECUTE"_s);
        lite("attach", u"ATTACH DATABASE '/tmp/x.db' AS x"_s, Kind::Escape, u"ATTACH DATABASE"_s);
        lite("detach", u"DETACH x"_s, Kind::Escape, u"DETACH DATABASE"_s);
        lite("vacuum into", u"VACUUM INTO '/tmp/copy.db'"_s, Kind::Escape, u"VACUUM INTO"_s);
        lite("load_extension", u"SELECT load_extension('/tmp/evil')"_s, Kind::Escape, u"a call of load_extension()"_s);
        lite("writable_schema", u"PRAGMA writable_schema = ON"_s, Kind::Escape, u"PRAGMA writable_schema"_s);
        lite("temp_store_directory", u"PRAGMA main.temp_store_directory = '/tmp'"_s, Kind::Escape,
             u"PRAGMA temp_store_directory"_s);
        // What stays ordinary: real migrations' everyday statements.
        both("create table", u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s, Kind::Ordinary, QString());
        both("delete", u"DELETE FROM notes WHERE id = 1"_s, Kind::Ordinary, QString());
        lite("trigger with begin end",
             u"CREATE TRIGGER t AFTER INSERT ON notes BEGIN UPDATE notes SET body = 'x' WHERE id = NEW.id; END"_s,
             Kind::Ordinary, QString());
        lite("pragma foreign_keys", u"PRAGMA foreign_keys = OFF"_s, Kind::Ordinary, QString());
        lite("vacuum as a column", u"CREATE TABLE jobs (id INTEGER, last_vacuum TEXT)"_s, Kind::Ordinary, QString());
        pg("copy from stdin", u"COPY notes FROM STDIN"_s, Kind::Ordinary, QString());
        pg("create extension", u"CREATE EXTENSION IF NOT EXISTS pgcrypto"_s, Kind::Ordinary, QString());
        pg("set search_path", u"SET search_path = app, public"_s, Kind::Ordinary, QString());
        pg("plain plpgsql function",
           u"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$"_s,
           Kind::Ordinary, QString());
        pg("begin atomic function", u"CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END"_s,
           Kind::Ordinary, QString());
        pg("create index", u"CREATE INDEX i ON t (x)"_s, Kind::Ordinary, QString());
        pg("unparsable", u"CREATE TABEL t (x int)"_s, Kind::Unparsable, u"syntax error at or near \"TABEL\""_s);
    }

    void eachStatement()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QString, sql);
        QFETCH(Kind, kind);
        QFETCH(QString, what);
        const StatementCheck checked = check(sql, dialect);
        QCOMPARE(checked.what, what);
        QCOMPARE(checked.kind, kind);
    }

    void envelopeIsTakenOff_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::newRow("sqlite") << Dialect::Sqlite;
        QTest::newRow("postgres") << Dialect::Postgres;
    }

    void envelopeIsTakenOff()
    {
        QFETCH(Dialect, dialect);
        const GuardedScript script = GuardedScript::of(
            split(u"-- revert 0002\nBEGIN;\nALTER TABLE notes DROP COLUMN colour;\nDELETE FROM notes;\nCOMMIT;\n"_s, dialect),
            dialect);
        QVERIFY(script.hadEnvelope());
        QCOMPARE(script.body().size(), 2);
        QCOMPARE(script.body().at(0).statement.line, 3);
        QVERIFY(!script.first(&GuardedScript::isTransactionControl));
    }

    void commitInsideTheBodyStays_data()
    {
        envelopeIsTakenOff_data();
    }

    void commitInsideTheBodyStays()
    {
        QFETCH(Dialect, dialect);
        const GuardedScript script = GuardedScript::of(
            split(u"BEGIN;\nALTER TABLE notes DROP COLUMN colour;\nCOMMIT;\nDELETE FROM notes;\n"_s, dialect), dialect);
        QVERIFY(!script.hadEnvelope());
        const GuardedStatement* control = script.first(&GuardedScript::isTransactionControl);
        QVERIFY(control);
        QCOMPARE(control->statement.line, 1);
        QCOMPARE(control->check.kind, Kind::Begin);
    }

    void chainedCommitIsNoEnvelope()
    {
        const GuardedScript script
            = GuardedScript::of(split(u"BEGIN; DELETE FROM t; COMMIT AND CHAIN;"_s, Dialect::Postgres), Dialect::Postgres);
        QVERIFY(!script.hadEnvelope());
        QCOMPARE(script.body().size(), 3);
    }

    // lint's findings for the same statements: escapes are breaking, transaction control
    // in a transactional migration a caution, and fine in a no-transaction one.
    void containmentFindings()
    {
        Migration migration;
        migration.upStatements = split(u"BEGIN;\nCREATE TABLE t (x int);\nCOMMIT;\nCOPY t TO PROGRAM 'id';\n"
                                       "SAVEPOINT a;\n"_s,
                                       Dialect::Postgres);
        const Findings findings = ContainmentRules::analyse(migration, Dialect::Postgres);
        QCOMPARE(findings.size(), 4);
        QCOMPARE(findings.at(0).rule, u"transaction-control"_s);
        QCOMPARE(findings.at(0).line, 1);
        QCOMPARE(findings.at(2).rule, u"escapes-sandbox"_s);
        QCOMPARE(findings.at(2).severity, Finding::Severity::Breaking);
        QCOMPARE(findings.at(2).line, 4);
        QCOMPARE(findings.at(2).message, u"reaches outside its database: COPY … TO PROGRAM"_s);
        migration.noTransaction = true;
        const Findings own = ContainmentRules::analyse(migration, Dialect::Postgres);
        QCOMPARE(own.size(), 1);
        QCOMPARE(own.at(0).rule, u"escapes-sandbox"_s);
    }
};

QTEST_GUILESS_MAIN(TestStatementGuard)
#include "tst_statementguard.moc"
