#include "pgfindingsink.h"

#include "rulecatalogue.h"

namespace backstep::pg {

FindingSink::FindingSink(const SqlStatement& statement, AnalysisProfile profile, Findings& findings)
    : m_statement(statement)
    , m_profile(profile)
    , m_findings(findings)
{
}

void FindingSink::add(QLatin1String rule, const QString& object, const QString& message, const QString& target)
{
    Finding finding = RuleCatalogue::finding(QString(rule), m_profile);
    Q_ASSERT_X(RuleCatalogue::find(finding.rule), "FindingSink::add", "rule id missing from the catalogue");
    finding.statementNumber = m_statement.number;
    finding.line = m_statement.line;
    finding.object = object;
    finding.message = message;
    finding.target = target;
    m_findings.append(std::move(finding));
}

} // namespace backstep::pg
