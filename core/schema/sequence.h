#pragma once

#include <QString>

namespace backstep {

// A PostgreSQL sequence: its definition, never its current value (that is data).
struct Sequence
{
    QString name; // schema-qualified like Table::name
    QString type; // "bigint", "integer", "smallint"
    qint64 start = 1;
    qint64 increment = 1;
    qint64 minimum = 1;
    qint64 maximum = 0;
    bool cycle = false;
    // "table.column" of a serial or identity column that owns it; empty: free-standing.
    QString ownedBy;

    friend bool operator==(const Sequence& a, const Sequence& b)
    {
        return a.name == b.name && a.type == b.type && a.start == b.start && a.increment == b.increment
            && a.minimum == b.minimum && a.maximum == b.maximum && a.cycle == b.cycle && a.ownedBy == b.ownedBy;
    }
    friend bool operator!=(const Sequence& a, const Sequence& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
