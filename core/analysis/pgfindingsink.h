#pragma once

#include "catalog/sqlstatement.h"
#include "finding.h"
#include "rule.h"

#include <QString>

namespace backstep::pg {

// Collects the findings of one statement: the rule's severity under the profile comes
// from the catalogue, where they are comes from the statement.
class FindingSink
{
public:
    FindingSink(const SqlStatement& statement, AnalysisProfile profile, Findings& findings);

    // target: the new name, for renames and moves (Finding::target).
    void add(QLatin1String rule, const QString& object, const QString& message, const QString& target = {});

private:
    const SqlStatement& m_statement;
    AnalysisProfile m_profile;
    Findings& m_findings;
};

} // namespace backstep::pg
