#include "sqlitehandle.h"

#include "databaseconnection.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace backstep {

sqlite3* SqliteHandle::of(DatabaseConnection& connection)
{
    const QVariant handle = connection.database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.data());
}

Result<void> SqliteHandle::rejectDoubleQuotedStrings(DatabaseConnection& connection)
{
    sqlite3* db = of(connection);
    if (!db)
        return makeError(Error::Code::Internal, QStringLiteral("the Qt SQLite driver gives no sqlite3 handle"));
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr) != SQLITE_OK)
        return makeError(Error::Code::Internal, QString::fromUtf8(sqlite3_errmsg(db)));
    return {};
}

} // namespace backstep
