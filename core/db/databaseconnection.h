#pragma once

#include "catalog/sqlstatement.h"
#include "common/dialect.h"
#include "common/result.h"
#include "databaseuri.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <QVector>

#include <memory>

namespace backstep {

// One open connection to the database a URI names. Owns a uniquely named
// QSqlDatabase and removes it on destruction. Thread affinity: a connection belongs
// to the thread that opened it; a worker thread opens its own.
//
// ReadOnly is enforced by the engine, not by promise: SQLite opens the file with
// SQLITE_OPEN_READONLY, PostgreSQL sets the session's transactions READ ONLY.
class DatabaseConnection
{
public:
    enum class Access {
        ReadOnly,
        ReadWrite,
    };

    static Result<std::unique_ptr<DatabaseConnection>> open(const DatabaseUri& uri, Access access);
    // A private SQLite database in memory, gone with the connection: where analysis
    // replays SQLite migrations.
    static Result<std::unique_ptr<DatabaseConnection>> openInMemory();
    ~DatabaseConnection();
    DatabaseConnection(const DatabaseConnection&) = delete;
    DatabaseConnection& operator=(const DatabaseConnection&) = delete;

    Dialect dialect() const
    {
        return m_uri.dialect;
    }
    const DatabaseUri& uri() const
    {
        return m_uri;
    }
    Access access() const
    {
        return m_access;
    }
    QSqlDatabase database() const;

    // Runs one statement; on failure the error holds the engine's own text.
    Result<void> execute(const QString& sql);
    // The same with '?' placeholders bound to `values`, in order.
    Result<void> execute(const QString& sql, const QVariantList& values);
    // The rows a statement returns (at most maxRows; -1: all), values bound as above.
    // The engine's own text on failure, as for execute().
    Result<QVector<QVariantList>> select(const QString& sql, const QVariantList& values = {}, int maxRows = -1);
    // select() inside a savepoint of its own, released on success and rolled back on
    // failure, so that a failing statement leaves the caller's transaction usable
    // (PostgreSQL aborts the whole transaction otherwise). Needs a transaction or, on
    // SQLite, starts one for the statement.
    Result<QVector<QVariantList>> selectInSavepoint(const QString& sql, const QVariantList& values = {});
    // The engine's message for a failed query, with the password masked.
    QString engineMessage(const QString& text) const;
    // The error of a failed query: Code::Migration, the engine's message and its code.
    Error engineError(const QSqlQuery& query) const;

private:
    DatabaseConnection(DatabaseUri uri, Access access, QString connectionName);
    Result<void> configure();
    // Runs `sql` on `query`; the rows, or the engine's error with the query left as it failed.
    Result<QVector<QVariantList>> run(QSqlQuery& query, const QString& sql, const QVariantList& values, int maxRows);

    DatabaseUri m_uri;
    Access m_access;
    QString m_connectionName;
};

} // namespace backstep
