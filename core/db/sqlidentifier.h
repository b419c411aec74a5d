#pragma once

#include "common/dialect.h"

#include <QString>
#include <QStringList>

namespace backstep {

// Quoting of identifiers that come from outside (a ledger table name, a catalog's
// table names). Written out rather than taken from QSqlDriver::escapeIdentifier,
// because the drivers pass through any name that already starts and ends with '"'
// (so `"a"; DROP TABLE x; "b"` would stay as it is) and QPSQL also splits on dots.
class SqlIdentifier
{
public:
    // "name" with inner quotes doubled: the same rule in SQLite and PostgreSQL.
    static QString quote(const QString& name);
    // A possibly schema-qualified table name. In PostgreSQL "app._migrations" is the
    // table _migrations in schema app; SQLite takes the whole text as the name.
    static QStringList parts(const QString& qualifiedName, Dialect dialect);
    static QString quoteQualified(const QString& qualifiedName, Dialect dialect);
};

} // namespace backstep
