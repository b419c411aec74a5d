#pragma once

#include "checkconstraint.h"
#include "foreignkey.h"
#include "uniqueconstraint.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace backstep {

// What SQLite keeps only in the text of a CREATE TABLE statement (sqlite_master.sql)
// and its pragmas do not report: CHECK constraints, the names of constraints, the
// expressions of generated columns, AUTOINCREMENT, WITHOUT ROWID and STRICT. The
// pragmas stay the authority for everything else. A pure function of the text; CREATE
// TABLE ... AS SELECT, or text that does not tokenize, yields an empty definition.
struct SqliteTableDefinition
{
    QVector<CheckConstraint> checkConstraints; // column and table constraints, in order
    QVector<UniqueConstraint> uniqueConstraints; // UNIQUE clauses (column and table), in order
    QVector<ForeignKey> foreignKeys; // name, columns, referenced table and columns, in order
    QHash<QString, QString> generationExpressions; // column name in lower case -> expression
    bool autoincrement = false;
    bool withoutRowid = false;
    bool strict = false;

    static SqliteTableDefinition parse(const QString& createTableSql);

    // The name of the UNIQUE clause or FOREIGN KEY with these columns (compared without
    // regard to case, as SQLite does); empty when it has none.
    QString uniqueConstraintName(const QStringList& columns) const;
    QString foreignKeyName(const QStringList& columns, const QString& referencedTable) const;
};

} // namespace backstep
