#pragma once

#include "checkconstraint.h"
#include "column.h"
#include "foreignkey.h"
#include "uniqueconstraint.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace backstep {

// One table: its columns in position order and its constraints. Indexes and triggers
// are objects of their own in SchemaSnapshot.
struct Table
{
    // Schema-qualified outside the default schema: "app.users" in PostgreSQL; "users" in
    // PostgreSQL's public and in SQLite's main.
    QString name;
    QVector<Column> columns; // by position
    QStringList primaryKey; // the key's columns in key order; empty: none
    QVector<UniqueConstraint> uniqueConstraints; // by name, then columns
    QVector<CheckConstraint> checkConstraints; // by name, then expression
    QVector<ForeignKey> foreignKeys; // by name, then columns
    // SQLite's INTEGER PRIMARY KEY AUTOINCREMENT column (ids never reused); empty: none.
    // PostgreSQL identity columns are Column::identity, serial ones a Sequence::ownedBy.
    QString autoincrementColumn;
    bool withoutRowid = false; // SQLite WITHOUT ROWID
    bool strict = false; // SQLite STRICT

    const Column* column(const QString& columnName) const
    {
        for (const Column& candidate : columns) {
            if (candidate.name == columnName)
                return &candidate;
        }
        return nullptr;
    }

    friend bool operator==(const Table& a, const Table& b)
    {
        return a.name == b.name && a.columns == b.columns && a.primaryKey == b.primaryKey
            && a.uniqueConstraints == b.uniqueConstraints && a.checkConstraints == b.checkConstraints
            && a.foreignKeys == b.foreignKeys && a.autoincrementColumn == b.autoincrementColumn
            && a.withoutRowid == b.withoutRowid && a.strict == b.strict;
    }
    friend bool operator!=(const Table& a, const Table& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
