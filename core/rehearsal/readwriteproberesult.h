#pragma once

#include "probeoutcome.h"

#include <QString>
#include <QVector>

#include <algorithm>

namespace backstep {

// The read/write probe of one table the build knows, each statement in a savepoint
// that is rolled back: SELECT of the build's columns, INSERT of a synthetic row as
// the build's code would write it, UPDATE of that row (or of an existing one when the
// insert failed), and INSERT … ON CONFLICT on each unique key the build has
// (skipped when it has none).
struct TableReadWriteProbe
{
    QString table;
    ProbeOutcome select;
    ProbeOutcome insert;
    ProbeOutcome update;
    ProbeOutcome upsert;

    bool passes() const
    {
        return !select.isFailed() && !insert.isFailed() && !update.isFailed() && !upsert.isFailed();
    }

    friend bool operator==(const TableReadWriteProbe& a, const TableReadWriteProbe& b)
    {
        return a.table == b.table && a.select == b.select && a.insert == b.insert && a.update == b.update
            && a.upsert == b.upsert;
    }
};

struct ReadWriteProbeResult
{
    QVector<TableReadWriteProbe> tables; // the build's tables, by name

    bool passes() const
    {
        return std::all_of(tables.cbegin(), tables.cend(), [](const TableReadWriteProbe& table) { return table.passes(); });
    }
    const TableReadWriteProbe* table(const QString& name) const
    {
        for (const TableReadWriteProbe& candidate : tables) {
            if (candidate.table == name)
                return &candidate;
        }
        return nullptr;
    }

    friend bool operator==(const ReadWriteProbeResult& a, const ReadWriteProbeResult& b)
    {
        return a.tables == b.tables;
    }
};

} // namespace backstep
