#pragma once

#include "changekind.h"
#include "index.h"

#include <QFlags>
#include <QString>

namespace backstep {

// An index added, removed or changed, matched by name. Indexes that back PRIMARY KEY and
// UNIQUE constraints are left to PrimaryKeyChange and the unique constraint entries.
struct IndexChange
{
    enum Aspect
    {
        Table = 0x1,
        Unique = 0x2,
        Columns = 0x4,
        IncludedColumns = 0x8,
        Predicate = 0x10,
        Method = 0x20,
    };
    Q_DECLARE_FLAGS(Aspects, Aspect)

    ChangeKind kind = ChangeKind::Added;
    Index before; // empty when Added
    Index after; // empty when Removed
    Aspects aspects; // what changed, when Changed

    QString name() const
    {
        return kind == ChangeKind::Removed ? before.name : after.name;
    }
    // "index users_email_idx: added UNIQUE on users (lower(email)) WHERE deleted_at IS NULL"
    QString describe() const;

    friend bool operator==(const IndexChange& a, const IndexChange& b)
    {
        return a.kind == b.kind && a.before == b.before && a.after == b.after && a.aspects == b.aspects;
    }
};

} // namespace backstep

Q_DECLARE_OPERATORS_FOR_FLAGS(backstep::IndexChange::Aspects)
