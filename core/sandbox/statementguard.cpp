#include "statementguard.h"

#include "analysis/pgjson.h"
#include "analysis/pgparseresult.h"
#include "analysis/sqlitetokencursor.h"
#include "catalog/sqltokenizer.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

using Kind = StatementCheck::Kind;

// How much a kind matters when a statement holds several things: the worst one is
// what the statement is.
int weight(Kind kind)
{
    switch (kind) {
    case Kind::Ordinary:
        return 0;
    case Kind::OutsideTransaction:
        return 1;
    case Kind::Unchecked:
        return 2;
    case Kind::Unparsable:
        return 4;
    case Kind::Escape:
        return 5;
    default:
        break;
    }
    return 3; // transaction control
}

void keepWorst(StatementCheck& worst, const StatementCheck& candidate)
{
    if (weight(candidate.kind) > weight(worst.kind))
        worst = candidate;
}

// Server functions that read or write the server's files, reach other servers, or act
// on other sessions and the server itself. The sandbox role may call none of them;
// naming them here lets `lint` without a scratch server say so too.
const QSet<QString>& escapingFunctions()
{
    static const QSet<QString> functions {
        u"pg_read_file"_s,
        u"pg_read_binary_file"_s,
        u"pg_ls_dir"_s,
        u"pg_ls_logdir"_s,
        u"pg_ls_waldir"_s,
        u"pg_ls_tmpdir"_s,
        u"pg_ls_archive_statusdir"_s,
        u"pg_stat_file"_s,
        u"pg_file_write"_s,
        u"pg_file_rename"_s,
        u"pg_file_unlink"_s,
        u"pg_file_sync"_s,
        u"lo_import"_s,
        u"lo_export"_s,
        u"dblink"_s,
        u"dblink_exec"_s,
        u"dblink_connect"_s,
        u"dblink_connect_u"_s,
        u"dblink_send_query"_s,
        u"pg_terminate_backend"_s,
        u"pg_cancel_backend"_s,
        u"pg_reload_conf"_s,
        u"pg_rotate_logfile"_s,
        u"pg_promote"_s,
        u"pg_switch_wal"_s,
        u"pg_create_restore_point"_s,
        u"pg_create_physical_replication_slot"_s,
        u"pg_create_logical_replication_slot"_s,
        u"pg_drop_replication_slot"_s,
        u"pg_replication_origin_create"_s,
        // SQLite's, from extensions and the shell.
        u"load_extension"_s,
        u"readfile"_s,
        u"writefile"_s,
        u"edit"_s,
        u"fts3_tokenizer"_s,
    };
    return functions;
}

// Settings that shape the transaction (or that a slipped COMMIT would need to write again).
bool isTransactionSetting(const QString& name)
{
    static const QSet<QString> names {
        u"transaction"_s,
        u"session characteristics"_s,
        u"transaction_read_only"_s,
        u"default_transaction_read_only"_s,
        u"transaction_isolation"_s,
        u"default_transaction_isolation"_s,
        u"transaction_deferrable"_s,
        u"default_transaction_deferrable"_s,
    };
    return names.contains(name.toLower());
}

// ---- PostgreSQL

StatementCheck checkPostgresText(const QString& sql, int depth);

StatementCheck transactionStatement(const QJsonObject& statement)
{
    static const QHash<QString, StatementCheck> kinds {
        { u"TRANS_STMT_BEGIN"_s, { Kind::Begin, u"BEGIN"_s } },
        { u"TRANS_STMT_START"_s, { Kind::Begin, u"START TRANSACTION"_s } },
        { u"TRANS_STMT_COMMIT"_s, { Kind::Commit, u"COMMIT"_s } },
        { u"TRANS_STMT_ROLLBACK"_s, { Kind::Rollback, u"ROLLBACK"_s } },
        { u"TRANS_STMT_SAVEPOINT"_s, { Kind::Savepoint, u"SAVEPOINT"_s } },
        { u"TRANS_STMT_RELEASE"_s, { Kind::Release, u"RELEASE SAVEPOINT"_s } },
        { u"TRANS_STMT_ROLLBACK_TO"_s, { Kind::RollbackTo, u"ROLLBACK TO SAVEPOINT"_s } },
        { u"TRANS_STMT_PREPARE"_s, { Kind::TwoPhase, u"PREPARE TRANSACTION"_s } },
        { u"TRANS_STMT_COMMIT_PREPARED"_s, { Kind::TwoPhase, u"COMMIT PREPARED"_s } },
        { u"TRANS_STMT_ROLLBACK_PREPARED"_s, { Kind::TwoPhase, u"ROLLBACK PREPARED"_s } },
    };
    StatementCheck check = kinds.value(pg::text(statement, "kind"_L1), { Kind::Rollback, u"transaction control"_s });
    if (pg::flag(statement, "chain"_L1))
        check.what += u" AND CHAIN"_s;
    return check;
}

// The node types that act outside the database they run in, as people write them.
const QHash<QString, QString>& escapingStatements()
{
    static const QHash<QString, QString> statements {
        { u"AlterSystemStmt"_s, u"ALTER SYSTEM"_s },
        { u"LoadStmt"_s, u"LOAD"_s },
        { u"CreatedbStmt"_s, u"CREATE DATABASE"_s },
        { u"DropdbStmt"_s, u"DROP DATABASE"_s },
        { u"AlterDatabaseStmt"_s, u"ALTER DATABASE"_s },
        { u"AlterDatabaseSetStmt"_s, u"ALTER DATABASE … SET"_s },
        { u"AlterDatabaseRefreshCollStmt"_s, u"ALTER DATABASE … REFRESH COLLATION VERSION"_s },
        { u"CreateRoleStmt"_s, u"CREATE ROLE"_s },
        { u"AlterRoleStmt"_s, u"ALTER ROLE"_s },
        { u"AlterRoleSetStmt"_s, u"ALTER ROLE … SET"_s },
        { u"DropRoleStmt"_s, u"DROP ROLE"_s },
        { u"GrantRoleStmt"_s, u"GRANT or REVOKE role membership"_s },
        { u"ReassignOwnedStmt"_s, u"REASSIGN OWNED"_s },
        { u"CreateTableSpaceStmt"_s, u"CREATE TABLESPACE"_s },
        { u"DropTableSpaceStmt"_s, u"DROP TABLESPACE"_s },
        { u"AlterTableSpaceOptionsStmt"_s, u"ALTER TABLESPACE"_s },
        { u"CreateSubscriptionStmt"_s, u"CREATE SUBSCRIPTION"_s },
        { u"AlterSubscriptionStmt"_s, u"ALTER SUBSCRIPTION"_s },
        { u"DropSubscriptionStmt"_s, u"DROP SUBSCRIPTION"_s },
        { u"CreateForeignServerStmt"_s, u"CREATE SERVER"_s },
        { u"CreateUserMappingStmt"_s, u"CREATE USER MAPPING"_s },
        { u"ImportForeignSchemaStmt"_s, u"IMPORT FOREIGN SCHEMA"_s },
    };
    return statements;
}

StatementCheck copyStatement(const QJsonObject& statement)
{
    if (!statement.contains("filename"_L1))
        return {}; // FROM STDIN / TO STDOUT: the client's side, which is Backstep
    const QString direction = pg::flag(statement, "is_from"_L1) ? u"FROM"_s : u"TO"_s;
    const QString target = pg::flag(statement, "is_program"_L1) ? u"PROGRAM"_s : u"a server file"_s;
    return { Kind::Escape, u"COPY … %1 %2"_s.arg(direction, target) };
}

StatementCheck outsideTransaction(const QString& type, const QJsonObject& statement)
{
    if (type == "IndexStmt"_L1 && pg::flag(statement, "concurrent"_L1))
        return { Kind::OutsideTransaction, u"CREATE INDEX CONCURRENTLY"_s };
    if (type == "DropStmt"_L1 && pg::flag(statement, "concurrent"_L1))
        return { Kind::OutsideTransaction, u"DROP INDEX CONCURRENTLY"_s };
    if (type == "VacuumStmt"_L1 && pg::flag(statement, "is_vacuumcmd"_L1))
        return { Kind::OutsideTransaction, u"VACUUM"_s };
    if (type == "ReindexStmt"_L1) {
        const QString kind = pg::text(statement, "kind"_L1);
        if (kind == "REINDEX_OBJECT_DATABASE"_L1 || kind == "REINDEX_OBJECT_SYSTEM"_L1)
            return { Kind::OutsideTransaction, u"REINDEX DATABASE"_s };
        for (const QJsonValue& param : pg::list(statement, "params"_L1)) {
            if (pg::text(pg::node(param, "DefElem"_L1), "defname"_L1) == "concurrently"_L1)
                return { Kind::OutsideTransaction, u"REINDEX CONCURRENTLY"_s };
        }
    }
    if (type == "DiscardStmt"_L1 && pg::text(statement, "target"_L1) == "DISCARD_ALL"_L1)
        return { Kind::OutsideTransaction, u"DISCARD ALL"_s };
    return {};
}

// The body and language of a DO block or a routine: its "as" and "language" options.
struct Body
{
    QString language = u"plpgsql"_s;
    QStringList texts;
    bool atomic = false; // BEGIN ATOMIC: parsed with the statement, already in the tree
};

Body bodyOf(const QJsonArray& options)
{
    Body body;
    for (const QJsonValue& option : options) {
        const QJsonObject element = pg::node(option, "DefElem"_L1);
        const QString name = pg::text(element, "defname"_L1);
        const QJsonValue arg = element.value("arg"_L1);
        if (name == "language"_L1)
            body.language = pg::stringValue(arg).toLower();
        else if (name == "as"_L1) {
            const QJsonArray parts = pg::listItems(arg);
            if (parts.isEmpty())
                body.texts.append(pg::stringValue(arg));
            else
                for (const QJsonValue& part : parts)
                    body.texts.append(pg::stringValue(part));
        }
    }
    return body;
}

// A PL/pgSQL body read word by word: dynamic SQL and its own transaction control make it
// Unchecked, and so does anything the guard would refuse at top level. Reading it
// conservatively is the point: a body the guard cannot read fully is not run on a
// database Backstep must keep unchanged.
StatementCheck checkPlpgsql(const QString& body, const QString& owner)
{
    auto tokens = SqlTokenizer::tokenize(body, Dialect::Postgres);
    if (!tokens)
        return { Kind::Unparsable, u"%1 whose body does not tokenize"_s.arg(owner) };
    StatementCheck worst;
    const SqlTokens& list = tokens.value();
    for (int i = 0; i < list.size(); ++i) {
        const SqlToken& token = list.at(i);
        if (token.type != SqlToken::Type::Word)
            continue;
        const QString word = token.text.toLower();
        const bool call = i + 1 < list.size() && list.at(i + 1).type == SqlToken::Type::OpenParen;
        if (call && escapingFunctions().contains(word))
            keepWorst(worst, { Kind::Escape, u"%1 calling %2()"_s.arg(owner, word) });
        else if (word == "execute"_L1)
            keepWorst(worst, { Kind::Unchecked, u"%1 with dynamic EXECUTE"_s.arg(owner) });
        else if (word == "commit"_L1 || word == "rollback"_L1)
            keepWorst(worst, { Kind::Unchecked, u"%1 with its own %2"_s.arg(owner, word.toUpper()) });
        else if (word == "copy"_L1 || word == "program"_L1)
            keepWorst(worst, { Kind::Unchecked, u"%1 running COPY"_s.arg(owner) });
    }
    return worst;
}

StatementCheck checkBody(const Body& body, const QString& owner, int depth)
{
    if (body.language == "c"_L1 || body.language == "internal"_L1)
        return { Kind::Escape, u"%1 in LANGUAGE %2 (a server library)"_s.arg(owner, body.language) };
    StatementCheck worst;
    for (const QString& text : body.texts) {
        if (body.language == "sql"_L1) {
            StatementCheck inner = checkPostgresText(text, depth + 1);
            if (inner.kind != Kind::Ordinary)
                inner.what = u"%1 whose body runs %2"_s.arg(owner, inner.what);
            keepWorst(worst, inner);
        } else if (body.language == "plpgsql"_L1) {
            keepWorst(worst, checkPlpgsql(text, owner));
        } else {
            keepWorst(worst, { Kind::Unchecked, u"%1 in LANGUAGE %2"_s.arg(owner, body.language) });
        }
    }
    return worst;
}

StatementCheck checkPostgresNode(const QJsonValue& statementNode, int depth)
{
    const QString type = pg::nodeType(statementNode);
    const QJsonObject statement = statementNode.toObject().value(type).toObject();
    StatementCheck worst;
    if (type == "TransactionStmt"_L1)
        return transactionStatement(statement);
    if (type == "VariableSetStmt"_L1) {
        const QString name = pg::text(statement, "name"_L1);
        if (isTransactionSetting(name))
            return { Kind::SetTransaction, u"SET %1"_s.arg(name) };
        if (pg::text(statement, "kind"_L1) == "VAR_RESET_ALL"_L1)
            return { Kind::SetTransaction, u"RESET ALL"_s };
    }
    if (auto escaping = escapingStatements().constFind(type); escaping != escapingStatements().constEnd())
        return { Kind::Escape, escaping.value() };
    if (type == "CopyStmt"_L1)
        keepWorst(worst, copyStatement(statement));
    keepWorst(worst, outsideTransaction(type, statement));
    if (type == "DoStmt"_L1)
        keepWorst(worst, checkBody(bodyOf(pg::list(statement, "args"_L1)), u"DO block"_s, depth));
    if (type == "CreateFunctionStmt"_L1) {
        const QString name = pg::dottedName(pg::list(statement, "funcname"_L1));
        keepWorst(worst, checkBody(bodyOf(pg::list(statement, "options"_L1)), u"function %1"_s.arg(name), depth));
    }
    if (type == "CreateSchemaStmt"_L1) {
        for (const QJsonValue& element : pg::list(statement, "schemaElts"_L1))
            keepWorst(worst, checkPostgresNode(element, depth));
    }
    const QStringList functions(escapingFunctions().cbegin(), escapingFunctions().cend());
    if (const QString called = pg::calledFunction(statement, functions); !called.isEmpty())
        keepWorst(worst, { Kind::Escape, u"a call of %1()"_s.arg(called) });
    return worst;
}

StatementCheck checkPostgresText(const QString& sql, int depth)
{
    if (depth > 8) // a body quoting a body quoting a body …: nobody writes that by accident
        return { Kind::Unchecked, u"SQL nested too deeply to read"_s };
    const pg::ParseResult parsed(sql.toUtf8());
    if (parsed.error())
        return { Kind::Unparsable, QString::fromUtf8(parsed.error()->message) };
    StatementCheck worst;
    const QJsonObject tree = QJsonDocument::fromJson(parsed.json()).object();
    for (const QJsonValue& item : pg::list(tree, "stmts"_L1))
        keepWorst(worst, checkPostgresNode(item.toObject().value("stmt"_L1), depth));
    return worst;
}

// ---- SQLite

// PRAGMAs that point the engine at other files or switch off its own safety.
bool isEscapingPragma(const QString& name)
{
    static const QSet<QString> names {
        u"temp_store_directory"_s, u"data_store_directory"_s, u"writable_schema"_s, u"trusted_schema"_s,
    };
    return names.contains(name);
}

StatementCheck sqliteTransactionControl(SqliteTokenCursor& cursor)
{
    if (cursor.acceptKeyword("BEGIN"_L1))
        return { Kind::Begin, u"BEGIN"_s };
    if (cursor.acceptKeyword("COMMIT"_L1))
        return { Kind::Commit, u"COMMIT"_s };
    if (cursor.acceptKeyword("END"_L1))
        return { Kind::Commit, u"END"_s };
    if (cursor.acceptKeyword("SAVEPOINT"_L1))
        return { Kind::Savepoint, u"SAVEPOINT"_s };
    if (cursor.acceptKeyword("RELEASE"_L1))
        return { Kind::Release, u"RELEASE SAVEPOINT"_s };
    if (cursor.acceptKeyword("ROLLBACK"_L1)) {
        cursor.acceptKeyword("TRANSACTION"_L1);
        if (cursor.isKeyword("TO"_L1))
            return { Kind::RollbackTo, u"ROLLBACK TO SAVEPOINT"_s };
        return { Kind::Rollback, u"ROLLBACK"_s };
    }
    return {};
}

StatementCheck checkSqlite(const QString& sql)
{
    auto tokens = SqlTokenizer::tokenize(sql, Dialect::Sqlite);
    if (!tokens)
        return { Kind::Unparsable, tokens.error().message };
    SqliteTokenCursor cursor(tokens.value());
    if (cursor.acceptKeyword("EXPLAIN"_L1)) {
        cursor.acceptKeywords({ "QUERY"_L1, "PLAN"_L1 });
        return {}; // EXPLAIN only prepares the statement after it
    }
    StatementCheck worst = sqliteTransactionControl(cursor);
    if (worst.kind != Kind::Ordinary)
        return worst;
    if (cursor.acceptKeyword("ATTACH"_L1))
        return { Kind::Escape, u"ATTACH DATABASE"_s };
    if (cursor.acceptKeyword("DETACH"_L1))
        return { Kind::Escape, u"DETACH DATABASE"_s };
    if (cursor.acceptKeyword("VACUUM"_L1)) {
        if (cursor.containsKeyword("INTO"_L1))
            return { Kind::Escape, u"VACUUM INTO"_s };
        worst = { Kind::OutsideTransaction, u"VACUUM"_s };
    } else if (cursor.acceptKeyword("PRAGMA"_L1)) {
        auto name = cursor.acceptName();
        if (name && isEscapingPragma(name->name.toLower()))
            return { Kind::Escape, u"PRAGMA %1"_s.arg(name->name.toLower()) };
    }
    for (int i = 0; const SqlToken* token = cursor.peek(i); ++i) {
        const SqlToken* next = cursor.peek(i + 1);
        if (token->type == SqlToken::Type::Word && next && next->type == SqlToken::Type::OpenParen
            && escapingFunctions().contains(token->text.toLower()))
            return { Kind::Escape, u"a call of %1()"_s.arg(token->text.toLower()) };
    }
    return worst;
}

} // namespace

StatementCheck StatementGuard::check(const SqlStatement& statement, Dialect dialect)
{
    if (dialect == Dialect::Postgres)
        return checkPostgresText(statement.text, 0);
    return checkSqlite(statement.text);
}

} // namespace backstep
