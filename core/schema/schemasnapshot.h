#pragma once

#include "common/dialect.h"
#include "domain.h"
#include "enumtype.h"
#include "extension.h"
#include "function.h"
#include "index.h"
#include "sequence.h"
#include "table.h"
#include "trigger.h"
#include "view.h"

#include <QMap>
#include <QMetaType>
#include <QStringList>
#include <QVector>

namespace backstep {

// Everything a database's schema holds that older code can meet, as plain values:
// what SchemaReader reads and SchemaDiff compares. Every list has a fixed order, so two
// reads of the same schema are equal.
struct SchemaSnapshot
{
    Dialect dialect = Dialect::Sqlite;
    QMap<QString, Table> tables; // by Table::name; each table's constraints as Table documents
    QVector<View> views; // by name
    QVector<Trigger> triggers; // by table, then name
    QVector<Index> indexes; // by name
    // PostgreSQL only (SQLite has none of these):
    QVector<Sequence> sequences; // by name
    QVector<EnumType> enumTypes; // by name
    QVector<Domain> domains; // by name
    QVector<Function> functions; // by name, then arguments
    QStringList schemas; // the user's schemas, "public" included
    QVector<Extension> extensions; // by name

    // Puts every list, and every table's constraints, in the order documented here
    // (readers call it; so can code that builds a snapshot by hand).
    void sort();

    friend bool operator==(const SchemaSnapshot& a, const SchemaSnapshot& b)
    {
        return a.dialect == b.dialect && a.tables == b.tables && a.views == b.views && a.triggers == b.triggers
            && a.indexes == b.indexes && a.sequences == b.sequences && a.enumTypes == b.enumTypes
            && a.domains == b.domains && a.functions == b.functions && a.schemas == b.schemas
            && a.extensions == b.extensions;
    }
    friend bool operator!=(const SchemaSnapshot& a, const SchemaSnapshot& b)
    {
        return !(a == b);
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::SchemaSnapshot)
