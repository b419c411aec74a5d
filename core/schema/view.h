#pragma once

#include <QString>

namespace backstep {

struct View
{
    QString name; // schema-qualified like Table::name
    // SQLite: the CREATE VIEW statement as stored; PostgreSQL: pg_get_viewdef() (the query).
    QString definition;
    bool materialized = false; // PostgreSQL MATERIALIZED VIEW

    friend bool operator==(const View& a, const View& b)
    {
        return a.name == b.name && a.definition == b.definition && a.materialized == b.materialized;
    }
    friend bool operator!=(const View& a, const View& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
