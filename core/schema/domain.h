#pragma once

#include "checkconstraint.h"

#include <QString>
#include <QVector>

namespace backstep {

// A PostgreSQL domain: a base type with constraints.
struct Domain
{
    QString name; // schema-qualified like Table::name
    QString baseType; // format_type(): "integer", "character varying(80)"
    bool notNull = false;
    QString defaultExpression; // empty: none
    QVector<CheckConstraint> checks; // by name; the expressions use VALUE

    friend bool operator==(const Domain& a, const Domain& b)
    {
        return a.name == b.name && a.baseType == b.baseType && a.notNull == b.notNull
            && a.defaultExpression == b.defaultExpression && a.checks == b.checks;
    }
    friend bool operator!=(const Domain& a, const Domain& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
