#pragma once

#include "common/dialect.h"
#include "verdict.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace backstep {

// One rule hit: which rule, where, on what, and what it means for older builds.
struct Finding
{
    enum class Severity {
        Info, // compatible; said for completeness (create table, add nullable column)
        Caution,
        Breaking,
    };

    QString rule; // a stable id from RuleCatalogue, e.g. "drop-column"
    Severity severity = Severity::Info;
    int statementNumber = 0; // 1-based statement of the migration's up SQL; 0 = the net effect
    int line = 0; // 1-based line in the up file; 0 when not tied to a statement
    QString object; // what it is about: "users.email", "index users_email_idx"
    QString message; // one sentence on this hit: "drops column users.nickname"
    // Renames and moves: the new name as the statement gives it ("full_name" for a
    // column, the schema for SET SCHEMA); empty otherwise. Lets the analyser match the
    // removal and addition a rename shows in a schema diff.
    QString target;
    // Whether the finding comes from reading a statement or from the schema diff of a replay.
    enum class Source {
        Statement,
        SchemaDiff,
    };
    Source source = Source::Statement;

    friend bool operator==(const Finding& a, const Finding& b)
    {
        return a.rule == b.rule && a.severity == b.severity && a.statementNumber == b.statementNumber
            && a.line == b.line && a.object == b.object && a.message == b.message && a.source == b.source
            && a.target == b.target;
    }
};

using Findings = QVector<Finding>;

inline Verdict verdictOf(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Info:
        return Verdict::Compatible;
    case Finding::Severity::Caution:
        return Verdict::Caution;
    case Finding::Severity::Breaking:
        break;
    }
    return Verdict::Breaking;
}

// The verdict of a set of findings: the worst severity, Compatible when there are none.
inline Verdict verdictOf(const Findings& findings)
{
    Verdict worst = Verdict::Compatible;
    for (const Finding& finding : findings)
        worst = std::max(worst, verdictOf(finding.severity));
    return worst;
}

// Why a breaking verdict is breaking, in one line: the first breaking finding. What
// the gate gives as the reason a mislabelled row blocks.
inline QString breakingReason(const Findings& findings)
{
    for (const Finding& finding : findings) {
        if (finding.severity == Finding::Severity::Breaking)
            return QStringLiteral("%1 (%2)").arg(finding.message, finding.rule);
    }
    return QStringLiteral("analysis finds it breaking");
}

inline QString severityName(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Info:
        return QStringLiteral("info");
    case Finding::Severity::Caution:
        return QStringLiteral("caution");
    case Finding::Severity::Breaking:
        break;
    }
    return QStringLiteral("breaking");
}

} // namespace backstep

Q_DECLARE_METATYPE(backstep::Finding)
