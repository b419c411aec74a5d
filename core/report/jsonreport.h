#pragma once

#include "analysis/verdict.h"
#include "gate/gatedecision.h"
#include "runner/runreport.h"
#include "statusreport.h"

#include <QHash>
#include <QJsonObject>

namespace backstep {

// The machine-readable shapes of the CLI's --format json, documented in README.md.
// Ids are JSON numbers, unknown values are null, times are ISO 8601 in UTC.
class JsonReport
{
public:
    static QJsonObject status(const StatusReport& report);
    // verdicts: analysis of the newer rows, when the catalog was analysed.
    static QJsonObject check(const GateDecision& decision, const QHash<qint64, Verdict>& verdicts = {},
                             const QString& analysisNote = {});
    static QJsonObject run(const RunReport& report);
    // The analysis rule catalogue.
    static QJsonObject rules();
};

} // namespace backstep
