#pragma once

#include "changekind.h"

#include <QString>
#include <QStringList>

namespace backstep {

// The primary key of a table both snapshots have: added (there was none), removed, or
// on other columns.
struct PrimaryKeyChange
{
    ChangeKind kind = ChangeKind::Changed;
    QString table;
    QStringList before; // empty: no primary key
    QStringList after;

    // "primary key of users: (id) -> (id, tenant_id)"
    QString describe() const;

    friend bool operator==(const PrimaryKeyChange& a, const PrimaryKeyChange& b)
    {
        return a.kind == b.kind && a.table == b.table && a.before == b.before && a.after == b.after;
    }
};

} // namespace backstep
