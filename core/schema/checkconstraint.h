#pragma once

#include <QString>

namespace backstep {

// A CHECK constraint of a table or a domain.
struct CheckConstraint
{
    QString name; // empty for an unnamed SQLite constraint
    // The condition without CHECK and its parentheses: as written in SQLite, as
    // pg_get_expr() prints it in PostgreSQL ("price > 0::numeric").
    QString expression;
    bool validated = true; // false: PostgreSQL NOT VALID, existing rows not checked

    friend bool operator==(const CheckConstraint& a, const CheckConstraint& b)
    {
        return a.name == b.name && a.expression == b.expression && a.validated == b.validated;
    }
    friend bool operator!=(const CheckConstraint& a, const CheckConstraint& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
