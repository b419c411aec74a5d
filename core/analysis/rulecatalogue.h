#pragma once

#include "rule.h"

#include <QString>
#include <QVector>

namespace backstep {

// Every rule analysis can report. docs/rules.md is generated from this table
// (backstep-cli rules --format markdown) and a test keeps the two identical.
class RuleCatalogue
{
public:
    static const QVector<Rule>& all();
    // nullptr for an unknown id.
    static const Rule* find(const QString& id);
    // A finding of rule `id` with the rule's severity under `profile`; the caller fills
    // in where and on what.
    static Finding finding(const QString& id, AnalysisProfile profile = AnalysisProfile::Default);
    // The catalogue as a Markdown page.
    static QString markdown();
};

} // namespace backstep
