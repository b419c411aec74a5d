#include "lintreport.h"

#include "analysis/rulecatalogue.h"

#include <QDir>
#include <QJsonArray>
#include <QSet>

namespace backstep {

namespace {

QString methodName(MigrationAnalysis::Method method)
{
    switch (method) {
    case MigrationAnalysis::Method::Replay:
        return QStringLiteral("replay");
    case MigrationAnalysis::Method::StatementRules:
        return QStringLiteral("statement-rules");
    case MigrationAnalysis::Method::None:
        break;
    }
    return QStringLiteral("none");
}

QJsonValue verdictValue(const MigrationAnalysis& migration)
{
    return migration.verdict ? QJsonValue(verdictName(*migration.verdict)) : QJsonValue(QJsonValue::Null);
}

QJsonObject findingObject(const Finding& finding)
{
    return {
        { QStringLiteral("rule"), finding.rule },
        { QStringLiteral("severity"), severityName(finding.severity) },
        { QStringLiteral("statement"), finding.statementNumber > 0 ? QJsonValue(finding.statementNumber) : QJsonValue() },
        { QStringLiteral("line"), finding.line > 0 ? QJsonValue(finding.line) : QJsonValue() },
        { QStringLiteral("object"), finding.object },
        { QStringLiteral("message"), finding.message },
        { QStringLiteral("source"),
          finding.source == Finding::Source::Statement ? QStringLiteral("statement") : QStringLiteral("schema-diff") },
    };
}

// Where a finding of a truthfully declared migration stands in code scanning: a
// breaking change that says so is expected, a breaking change that claims otherwise is
// the error.
QString sarifLevel(const MigrationAnalysis& migration, const Finding& finding)
{
    switch (finding.severity) {
    case Finding::Severity::Breaking:
        return migration.declaredCompatible ? QStringLiteral("error") : QStringLiteral("note");
    case Finding::Severity::Caution:
        return QStringLiteral("warning");
    case Finding::Severity::Info:
        break;
    }
    return QStringLiteral("note");
}

QString ruleLevel(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Breaking:
        return QStringLiteral("error");
    case Finding::Severity::Caution:
        return QStringLiteral("warning");
    case Finding::Severity::Info:
        break;
    }
    return QStringLiteral("note");
}

QJsonObject sarifResult(const QString& ruleId, const QString& level, const QString& message, const QString& uri,
                        int line)
{
    QJsonObject region { { QStringLiteral("startLine"), std::max(line, 1) } };
    QJsonObject location { { QStringLiteral("physicalLocation"),
                             QJsonObject { { QStringLiteral("artifactLocation"),
                                             QJsonObject { { QStringLiteral("uri"), uri } } },
                                           { QStringLiteral("region"), region } } } };
    return {
        { QStringLiteral("ruleId"), ruleId },
        { QStringLiteral("level"), level },
        { QStringLiteral("message"), QJsonObject { { QStringLiteral("text"), message } } },
        { QStringLiteral("locations"), QJsonArray { location } },
    };
}

QJsonArray sarifRules()
{
    QJsonArray rules;
    for (const Rule& rule : RuleCatalogue::all()) {
        QJsonObject entry {
            { QStringLiteral("id"), rule.id },
            { QStringLiteral("name"), rule.title },
            { QStringLiteral("shortDescription"), QJsonObject { { QStringLiteral("text"), rule.title } } },
            { QStringLiteral("fullDescription"), QJsonObject { { QStringLiteral("text"), rule.why } } },
            { QStringLiteral("defaultConfiguration"),
              QJsonObject { { QStringLiteral("level"), ruleLevel(rule.severity) } } },
        };
        if (!rule.instead.isEmpty())
            entry.insert(QStringLiteral("help"), QJsonObject { { QStringLiteral("text"), rule.instead } });
        rules.append(entry);
    }
    return rules;
}

QString verdictText(const MigrationAnalysis& migration)
{
    if (!migration.verdict)
        return QStringLiteral("NO VERDICT");
    return verdictName(*migration.verdict).toUpper();
}

} // namespace

QString LintReport::text(const QVector<CatalogAnalysis>& analyses)
{
    QString out;
    int mislabelled = 0;
    int problems = 0;
    int analysed = 0;
    for (const CatalogAnalysis& catalog : analyses) {
        out += QStringLiteral("== %1: %2\n").arg(dialectName(catalog.dialect), catalog.directory);
        if (!catalog.note.isEmpty())
            out += QStringLiteral("   (%1)\n").arg(catalog.note);
        for (const MigrationAnalysis& migration : catalog.migrations) {
            ++analysed;
            QString flags;
            if (migration.mislabelled()) {
                flags = QStringLiteral("  MISLABELLED: declared backward-compatible");
                ++mislabelled;
            } else if (migration.overCautious()) {
                flags = QStringLiteral("  over-cautious: could be declared backward-compatible");
            }
            out += QStringLiteral("#%1 %2: %3%4\n").arg(migration.id).arg(migration.name, verdictText(migration), flags);
            if (!migration.problem.isEmpty()) {
                ++problems;
                out += QStringLiteral("    %1\n").arg(migration.problem);
            }
            for (const Finding& finding : migration.findings) {
                if (finding.severity == Finding::Severity::Info)
                    continue;
                const QString where = finding.line > 0 ? QStringLiteral("line %1").arg(finding.line)
                                                       : QStringLiteral("net effect");
                out += QStringLiteral("    %1 %2 (%3): %4\n")
                           .arg(severityName(finding.severity), finding.rule, where, finding.message);
            }
        }
    }
    out += QStringLiteral("%1 migration(s) analysed, %2 mislabelled, %3 without a verdict.\n")
               .arg(analysed)
               .arg(mislabelled)
               .arg(problems);
    return out;
}

QJsonObject LintReport::json(const QVector<CatalogAnalysis>& analyses)
{
    QJsonArray migrations;
    QJsonArray notes;
    for (const CatalogAnalysis& catalog : analyses) {
        if (!catalog.note.isEmpty())
            notes.append(QStringLiteral("%1: %2").arg(dialectName(catalog.dialect), catalog.note));
        for (const MigrationAnalysis& migration : catalog.migrations) {
            QJsonArray findings;
            for (const Finding& finding : migration.findings)
                findings.append(findingObject(finding));
            migrations.append(QJsonObject {
                { QStringLiteral("id"), migration.id },
                { QStringLiteral("name"), migration.name },
                { QStringLiteral("file"), migration.file },
                { QStringLiteral("dialect"), dialectName(migration.dialect) },
                { QStringLiteral("declared_compatible"), migration.declaredCompatible },
                { QStringLiteral("verdict"), verdictValue(migration) },
                { QStringLiteral("mislabelled"), migration.mislabelled() },
                { QStringLiteral("over_cautious"), migration.overCautious() },
                { QStringLiteral("method"), methodName(migration.method) },
                { QStringLiteral("problem"), migration.problem.isEmpty() ? QJsonValue() : QJsonValue(migration.problem) },
                { QStringLiteral("findings"), findings },
            });
        }
    }
    return { { QStringLiteral("migrations"), migrations }, { QStringLiteral("notes"), notes } };
}

QJsonObject LintReport::sarif(const QVector<CatalogAnalysis>& analyses, const QString& baseDirectory)
{
    const QDir base(baseDirectory);
    QJsonArray results;
    for (const CatalogAnalysis& catalog : analyses) {
        for (const MigrationAnalysis& migration : catalog.migrations) {
            const QString uri = QDir::fromNativeSeparators(base.relativeFilePath(migration.file));
            const QString prefix = QStringLiteral("[%1] #%2 %3: ").arg(dialectName(migration.dialect)).arg(migration.id).arg(migration.name);
            for (const Finding& finding : migration.findings) {
                results.append(sarifResult(finding.rule, sarifLevel(migration, finding), prefix + finding.message, uri,
                                           finding.line));
            }
            if (migration.mislabelled()) {
                results.append(sarifResult(QStringLiteral("mislabelled"), QStringLiteral("error"),
                                           prefix + QStringLiteral("declared backward-compatible, but analysis finds it breaking"),
                                           uri, 1));
            } else if (migration.overCautious()) {
                results.append(sarifResult(QStringLiteral("over-cautious"), QStringLiteral("note"),
                                           prefix + QStringLiteral("declared breaking, but analysis finds it compatible"),
                                           uri, 1));
            }
            if (!migration.problem.isEmpty())
                results.append(sarifResult(QStringLiteral("replay-failed"), QStringLiteral("warning"),
                                           prefix + migration.problem, uri, 1));
        }
    }
    QJsonObject driver {
        { QStringLiteral("name"), QStringLiteral("backstep") },
        { QStringLiteral("version"), QStringLiteral(BACKSTEP_VERSION) },
        { QStringLiteral("rules"), sarifRules() },
    };
    QJsonObject run {
        { QStringLiteral("tool"), QJsonObject { { QStringLiteral("driver"), driver } } },
        { QStringLiteral("results"), results },
    };
    return {
        { QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json") },
        { QStringLiteral("version"), QStringLiteral("2.1.0") },
        { QStringLiteral("runs"), QJsonArray { run } },
    };
}

} // namespace backstep
