#pragma once

#include "changekind.h"
#include "checkconstraint.h"
#include "domain.h"
#include "extension.h"
#include "foreignkey.h"
#include "function.h"
#include "sequence.h"
#include "trigger.h"
#include "uniqueconstraint.h"
#include "view.h"

#include <QString>

namespace backstep {

// One added, removed or changed object whose change is its before and after value:
// constraints (matched by content, so a renamed or rebuilt constraint is no change;
// Changed only when PostgreSQL validates a NOT VALID one), views, triggers, sequences,
// domains, functions, extensions, and schemas (T = QString, the schema's name).
template <typename T> struct ObjectChange
{
    ChangeKind kind = ChangeKind::Added;
    QString table; // the table a constraint or trigger belongs to; empty for the others
    T before {}; // default-constructed when Added
    T after {}; // default-constructed when Removed

    // The object as it is after the change, or as it was before a removal.
    const T& object() const
    {
        return kind == ChangeKind::Removed ? before : after;
    }
    // One line for a person: "check constraint price_positive on orders: added (price > 0)".
    QString describe() const;

    friend bool operator==(const ObjectChange& a, const ObjectChange& b)
    {
        return a.kind == b.kind && a.table == b.table && a.before == b.before && a.after == b.after;
    }
    friend bool operator!=(const ObjectChange& a, const ObjectChange& b)
    {
        return !(a == b);
    }
};

// describe() is written per object in changedescription.cpp.
template <> QString ObjectChange<UniqueConstraint>::describe() const;
template <> QString ObjectChange<CheckConstraint>::describe() const;
template <> QString ObjectChange<ForeignKey>::describe() const;
template <> QString ObjectChange<View>::describe() const;
template <> QString ObjectChange<Trigger>::describe() const;
template <> QString ObjectChange<Sequence>::describe() const;
template <> QString ObjectChange<Domain>::describe() const;
template <> QString ObjectChange<Function>::describe() const;
template <> QString ObjectChange<Extension>::describe() const;
template <> QString ObjectChange<QString>::describe() const;

using UniqueConstraintChange = ObjectChange<UniqueConstraint>;
using CheckConstraintChange = ObjectChange<CheckConstraint>;
using ForeignKeyChange = ObjectChange<ForeignKey>;
using ViewChange = ObjectChange<View>;
using TriggerChange = ObjectChange<Trigger>;
using SequenceChange = ObjectChange<Sequence>;
using DomainChange = ObjectChange<Domain>;
using FunctionChange = ObjectChange<Function>;
using ExtensionChange = ObjectChange<Extension>;
using SchemaNameChange = ObjectChange<QString>;

} // namespace backstep
