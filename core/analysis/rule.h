#pragma once

#include "finding.h"

#include <QString>

namespace backstep {

// How strict the reading of "older code keeps working" is.
enum class AnalysisProfile {
    Default, // older code names its columns
    Strict, // older code may use SELECT * or positional INSERT: a new column changes its result shape
};

// One entry of the rule catalogue: a stable id, the severity it carries, and the
// explanation people need: why older code breaks, and what to do instead.
struct Rule
{
    QString id; // stable, kebab-case; never renamed once released
    Finding::Severity severity = Finding::Severity::Info; // under AnalysisProfile::Default
    Finding::Severity strictSeverity = Finding::Severity::Info; // under AnalysisProfile::Strict
    QString title; // short: "Drop column"
    QString why; // why older builds break (or why this is fine)
    QString instead; // the safe alternative, usually expand-contract

    Finding::Severity severityFor(AnalysisProfile profile) const
    {
        return profile == AnalysisProfile::Strict ? strictSeverity : severity;
    }
};

} // namespace backstep
