#pragma once

#include "gate/gatedecision.h"
#include "runner/runreport.h"
#include "statusreport.h"

#include <QString>

namespace backstep {

// The CLI's text output: for people, decision first, aligned, short.
class TextReport
{
public:
    static QString status(const StatusReport& report);
    // buildLabel names the build in the first line ("build 2.4.0", "a build that knows up to #12").
    static QString check(const GateDecision& decision, const QString& buildLabel);
    static QString run(const RunReport& report, const QString& buildLabel);
    // The analysis rule catalogue.
    static QString rules();
};

} // namespace backstep
