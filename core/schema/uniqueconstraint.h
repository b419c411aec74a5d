#pragma once

#include <QString>
#include <QStringList>

namespace backstep {

// A UNIQUE table constraint (PostgreSQL pg_constraint 'u'; SQLite UNIQUE clauses, which
// the engine backs with a sqlite_autoindex_* index). A CREATE UNIQUE INDEX is an Index.
struct UniqueConstraint
{
    QString name; // empty for an unnamed SQLite constraint
    QStringList columns;

    friend bool operator==(const UniqueConstraint& a, const UniqueConstraint& b)
    {
        return a.name == b.name && a.columns == b.columns;
    }
    friend bool operator!=(const UniqueConstraint& a, const UniqueConstraint& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
