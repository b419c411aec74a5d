#pragma once

#include "changekind.h"
#include "column.h"

#include <QFlags>
#include <QString>

namespace backstep {

// A column added to or removed from a table both snapshots have, or changed in place.
// Columns of added and removed tables are part of their TableChange.
struct ColumnChange
{
    enum Aspect
    {
        Type = 0x1, // Column::type (the normalised type); affinity follows from it in SQLite
        NotNull = 0x2,
        Default = 0x4,
        Generated = 0x8, // generated kind or expression
        Identity = 0x10,
    };
    Q_DECLARE_FLAGS(Aspects, Aspect)

    ChangeKind kind = ChangeKind::Added;
    QString table;
    Column before; // empty when Added
    Column after; // empty when Removed
    Aspects aspects; // what changed, when Changed

    QString name() const
    {
        return kind == ChangeKind::Removed ? before.name : after.name;
    }
    // "column users.email: type text -> varchar(80); NOT NULL no -> yes"
    QString describe() const;

    friend bool operator==(const ColumnChange& a, const ColumnChange& b)
    {
        return a.kind == b.kind && a.table == b.table && a.before == b.before && a.after == b.after
            && a.aspects == b.aspects;
    }
};

} // namespace backstep

Q_DECLARE_OPERATORS_FOR_FLAGS(backstep::ColumnChange::Aspects)
