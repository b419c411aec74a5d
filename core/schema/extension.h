#pragma once

#include <QString>

namespace backstep {

// A PostgreSQL extension (CREATE EXTENSION). The objects it creates are its own and are
// left out of the snapshot's tables, types and functions.
struct Extension
{
    QString name;
    QString version;
    QString schema; // where its objects live

    friend bool operator==(const Extension& a, const Extension& b)
    {
        return a.name == b.name && a.version == b.version && a.schema == b.schema;
    }
    friend bool operator!=(const Extension& a, const Extension& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
