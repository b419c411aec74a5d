#pragma once

#include "changekind.h"
#include "table.h"

#include <QFlags>
#include <QString>

namespace backstep {

// A table added or removed (with its whole definition), or changed in what belongs to
// the table as a whole. Its columns and constraints have entries of their own.
struct TableChange
{
    enum Aspect
    {
        ColumnOrder = 0x1, // the columns both sides have are in another order (SELECT *, INSERT without a column list)
        WithoutRowid = 0x2,
        Strict = 0x4,
        Autoincrement = 0x8,
    };
    Q_DECLARE_FLAGS(Aspects, Aspect)

    ChangeKind kind = ChangeKind::Added;
    Table before; // empty when Added
    Table after; // empty when Removed
    Aspects aspects; // what changed, when Changed

    QString name() const
    {
        return kind == ChangeKind::Removed ? before.name : after.name;
    }
    // "table users: added", "table users: column order id, b, a -> id, a, b"
    QString describe() const;

    friend bool operator==(const TableChange& a, const TableChange& b)
    {
        return a.kind == b.kind && a.before == b.before && a.after == b.after && a.aspects == b.aspects;
    }
};

} // namespace backstep

Q_DECLARE_OPERATORS_FOR_FLAGS(backstep::TableChange::Aspects)
