#pragma once

#include <QString>
#include <QStringList>

namespace backstep {

// One index, including those the engine creates for PRIMARY KEY and UNIQUE constraints
// (isConstraint).
struct Index
{
    QString name; // schema-qualified like Table::name
    QString table; // as Table::name names it
    bool unique = false;
    // Each key term: a column name or an expression, followed by " COLLATE x" (SQLite,
    // when not BINARY), an operator class (PostgreSQL, when not the default), " DESC" and
    // " NULLS FIRST"/" NULLS LAST" when not the default order.
    QStringList columns;
    QStringList includedColumns; // PostgreSQL INCLUDE (...)
    QString predicate; // the WHERE of a partial index; empty: not partial
    QString method; // "btree", "gin", "hash"...; SQLite indexes are all "btree"
    bool isConstraint = false; // backs a PRIMARY KEY or UNIQUE constraint

    friend bool operator==(const Index& a, const Index& b)
    {
        return a.name == b.name && a.table == b.table && a.unique == b.unique && a.columns == b.columns
            && a.includedColumns == b.includedColumns && a.predicate == b.predicate && a.method == b.method
            && a.isConstraint == b.isConstraint;
    }
    friend bool operator!=(const Index& a, const Index& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
