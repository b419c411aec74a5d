#pragma once

#include <QString>

namespace backstep {

// A trigger written by someone (PostgreSQL's internal constraint triggers are left out).
struct Trigger
{
    QString name; // PostgreSQL trigger names are per table, so a trigger is table + name
    QString table; // as Table::name names it (or a view's name, for INSTEAD OF triggers)
    // The CREATE TRIGGER statement: as stored in SQLite, pg_get_triggerdef() in PostgreSQL.
    QString definition;

    friend bool operator==(const Trigger& a, const Trigger& b)
    {
        return a.name == b.name && a.table == b.table && a.definition == b.definition;
    }
    friend bool operator!=(const Trigger& a, const Trigger& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
