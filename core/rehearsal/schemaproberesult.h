#pragma once

#include "schemaissue.h"

#include <QString>
#include <QVector>

#include <algorithm>

namespace backstep {

// The schema probe's answer for one table (or view): every difference the older
// build's code would meet there.
struct TableSchemaProbe
{
    QString table;
    bool knownToBuild = true; // false: a table only the live database has
    SchemaIssues issues;

    // The worst impact of its issues; Harmless when there are none.
    SchemaIssue::Impact worstImpact() const
    {
        SchemaIssue::Impact worst = SchemaIssue::Impact::Harmless;
        for (const SchemaIssue& issue : issues)
            worst = std::max(worst, issue.impact);
        return worst;
    }
    // "ok" without issues, else the worst impact's name ("harmless", "reads-fail", …).
    QString status() const
    {
        return issues.isEmpty() ? QStringLiteral("ok") : schemaImpactName(worstImpact());
    }
    // Reads or writes of the older build fail here for certain.
    bool fails() const
    {
        return worstImpact() >= SchemaIssue::Impact::WritesFail;
    }

    friend bool operator==(const TableSchemaProbe& a, const TableSchemaProbe& b)
    {
        return a.table == b.table && a.knownToBuild == b.knownToBuild && a.issues == b.issues;
    }
};

// The schema probe: the live schema against the schema the build expects, by table.
struct SchemaProbeResult
{
    QVector<TableSchemaProbe> tables; // by name: the build's tables and views, and the live database's extra tables

    bool passes() const
    {
        return std::none_of(tables.cbegin(), tables.cend(), [](const TableSchemaProbe& table) { return table.fails(); });
    }
    const TableSchemaProbe* table(const QString& name) const
    {
        for (const TableSchemaProbe& candidate : tables) {
            if (candidate.table == name)
                return &candidate;
        }
        return nullptr;
    }

    friend bool operator==(const SchemaProbeResult& a, const SchemaProbeResult& b)
    {
        return a.tables == b.tables;
    }
};

} // namespace backstep
