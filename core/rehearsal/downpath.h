#pragma once

#include "probeoutcome.h"
#include "readwriteproberesult.h"
#include "schemaproberesult.h"

#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// One newer migration the down path reverts: its down SQL, then its ledger row.
struct DownPathStep
{
    qint64 id = 0;
    QString name;
    bool hasDown = false;
    // "ok", the engine's error, or skipped (no down SQL, or an earlier step failed).
    ProbeOutcome result;

    friend bool operator==(const DownPathStep& a, const DownPathStep& b)
    {
        return a.id == b.id && a.name == b.name && a.hasDown == b.hasDown && a.result == b.result;
    }
};

// What it takes to make a refused build boot by reverting newer migrations, and what
// happened when that was tried on the copy (SQLite) or in the rolled-back
// transaction (PostgreSQL).
struct DownPath
{
    bool needed = false; // the gate refuses
    // The newer migrations from the newest down to the oldest blocking one, newest
    // first: reverting in this order keeps each down script's assumptions.
    QVector<DownPathStep> steps;
    bool ran = false; // every step had down SQL, so the path was run
    // After the path ran: would the build boot, and how did the probes go?
    std::optional<bool> bootsAfter;
    SchemaProbeResult schemaProbeAfter;
    ReadWriteProbeResult readWriteProbeAfter;

    // Every step has down SQL.
    bool hasAllDownSql() const
    {
        return std::all_of(steps.cbegin(), steps.cend(), [](const DownPathStep& step) { return step.hasDown; });
    }
    // Every step ran, the build would then boot, and every probe passed.
    bool works() const
    {
        const bool stepsOk = std::all_of(steps.cbegin(), steps.cend(), [](const DownPathStep& step) { return step.result.isOk(); });
        return ran && stepsOk && bootsAfter.value_or(false) && schemaProbeAfter.passes() && readWriteProbeAfter.passes();
    }
    // Down SQL is missing for some step: only a backup restore goes back.
    bool needsBackup() const
    {
        return needed && !hasAllDownSql();
    }

    friend bool operator==(const DownPath& a, const DownPath& b)
    {
        return a.needed == b.needed && a.steps == b.steps && a.ran == b.ran && a.bootsAfter == b.bootsAfter
            && a.schemaProbeAfter == b.schemaProbeAfter && a.readWriteProbeAfter == b.readWriteProbeAfter;
    }
};

} // namespace backstep
