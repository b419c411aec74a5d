#pragma once

#include "columnchange.h"
#include "enumchange.h"
#include "indexchange.h"
#include "objectchange.h"
#include "primarykeychange.h"
#include "schemasnapshot.h"
#include "tablechange.h"

#include <QMetaType>
#include <QStringList>
#include <QVector>

namespace backstep {

// Every difference between two schema snapshots, as typed entries: the base of judging
// a migration by its net effect (replay it on a scratch database, snapshot before and
// after, compare). A pure function of the two values.
//
// Objects are matched by name, except constraints, which are matched by content (a
// SQLite rebuild that recreates a constraint, or another generated name, is no change).
// SQL text (defaults, expressions, view and trigger bodies) is compared as
// SqlText::comparable, so spelling and spacing are no change. Renames are not
// recognised: a renamed column is one removed and one added. Entries of each list follow
// the names of their tables (or objects); within a table, columns and constraints come
// in before's order, the added ones last in after's order.
struct SchemaDiff
{
    QVector<TableChange> tables;
    QVector<ColumnChange> columns; // of tables both sides have
    QVector<PrimaryKeyChange> primaryKeys; // of tables both sides have
    QVector<UniqueConstraintChange> uniqueConstraints; // of tables both sides have
    QVector<CheckConstraintChange> checkConstraints; // of tables both sides have
    QVector<ForeignKeyChange> foreignKeys; // of tables both sides have
    QVector<IndexChange> indexes; // all indexes, including those of added and removed tables
    QVector<ViewChange> views;
    QVector<TriggerChange> triggers; // all triggers, including those of added and removed tables
    QVector<SequenceChange> sequences;
    QVector<EnumChange> enumTypes;
    QVector<DomainChange> domains;
    QVector<FunctionChange> functions;
    QVector<SchemaNameChange> schemas;
    QVector<ExtensionChange> extensions;

    static SchemaDiff between(const SchemaSnapshot& before, const SchemaSnapshot& after);

    bool isEmpty() const;
    // Every entry's describe(), in the order of the lists above.
    QStringList describe() const;

    friend bool operator==(const SchemaDiff& a, const SchemaDiff& b)
    {
        return a.tables == b.tables && a.columns == b.columns && a.primaryKeys == b.primaryKeys
            && a.uniqueConstraints == b.uniqueConstraints && a.checkConstraints == b.checkConstraints
            && a.foreignKeys == b.foreignKeys && a.indexes == b.indexes && a.views == b.views
            && a.triggers == b.triggers && a.sequences == b.sequences && a.enumTypes == b.enumTypes
            && a.domains == b.domains && a.functions == b.functions && a.schemas == b.schemas
            && a.extensions == b.extensions;
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::SchemaDiff)
