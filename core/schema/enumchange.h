#pragma once

#include "changekind.h"
#include "enumtype.h"

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace backstep {

// A PostgreSQL enum type added, removed or with other labels. Older code fails on a
// label it does not know and on one it writes that is gone.
struct EnumChange
{
    ChangeKind kind = ChangeKind::Added;
    EnumType before; // empty when Added
    EnumType after; // empty when Removed
    // When Changed:
    QStringList addedLabels; // in the after order
    QStringList removedLabels; // in the before order
    // A label replaced by a new one at the same place, the others unchanged (ALTER TYPE
    // ... RENAME VALUE): before -> after, instead of one removed and one added.
    QVector<QPair<QString, QString>> renamedLabels;
    bool reordered = false; // the labels both sides have sort in another order

    QString name() const
    {
        return kind == ChangeKind::Removed ? before.name : after.name;
    }
    // "enum mood: labels added 'meh'; label renamed 'happy' -> 'glad'"
    QString describe() const;

    friend bool operator==(const EnumChange& a, const EnumChange& b)
    {
        return a.kind == b.kind && a.before == b.before && a.after == b.after && a.addedLabels == b.addedLabels
            && a.removedLabels == b.removedLabels && a.renamedLabels == b.renamedLabels && a.reordered == b.reordered;
    }
};

} // namespace backstep
