#pragma once

#include "common/dialect.h"
#include "common/result.h"

#include <QList>
#include <QPair>
#include <QString>

namespace backstep {

// A database location as apps already write it:
//   sqlite:./data/db.sqlite   sqlite://./data/db.sqlite   sqlite:///abs/path.db   sqlite:/abs/path.db
//   postgres://user[:password]@host[:port]/db[?sslmode=...&connect_timeout=...]   postgresql://...
// A bare path without a scheme is taken as a SQLite file. The password, when the URI
// carries one, is kept only in memory: redacted() is what every message shows. Without
// one, libpq finds it where it always does (PGPASSWORD, ~/.pgpass, service files).
struct DatabaseUri
{
    Dialect dialect = Dialect::Sqlite;
    QString original; // as given, may hold a password: never print it, print redacted()
    QString sqlitePath; // SQLite: the file path as given (relative to the working directory)
    QString host; // PostgreSQL: empty means libpq's default
    int port = -1; // -1: libpq's default
    QString database;
    QString user;
    QString password;
    QList<QPair<QString, QString>> parameters; // libpq keywords from the query string, in order

    static Result<DatabaseUri> parse(const QString& text);

    // The URI with any password replaced by "***", for messages and reports.
    QString redacted() const;
    // The libpq connection options QPSQL takes ("key='value' key='value'").
    QString postgresConnectOptions() const;

    friend bool operator==(const DatabaseUri& a, const DatabaseUri& b)
    {
        return a.dialect == b.dialect && a.original == b.original && a.sqlitePath == b.sqlitePath && a.host == b.host
            && a.port == b.port && a.database == b.database && a.user == b.user && a.password == b.password
            && a.parameters == b.parameters;
    }
};

} // namespace backstep
