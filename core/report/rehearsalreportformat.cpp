#include "rehearsalreportformat.h"

#include <QJsonArray>
#include <QStringList>

namespace backstep {

namespace {

QJsonValue outcomeValue(const ProbeOutcome& outcome)
{
    return outcome.status == ProbeOutcome::Status::Skipped ? QJsonValue(QJsonValue::Null) : QJsonValue(outcome.text());
}

QJsonObject schemaProbeJson(const SchemaProbeResult& probe)
{
    QJsonArray tables;
    for (const TableSchemaProbe& table : probe.tables) {
        QJsonArray issues;
        for (const SchemaIssue& issue : table.issues) {
            issues.append(QJsonObject { { QStringLiteral("kind"), schemaIssueKindName(issue.kind) },
                                        { QStringLiteral("impact"), schemaImpactName(issue.impact) },
                                        { QStringLiteral("object"), issue.object },
                                        { QStringLiteral("message"), issue.message } });
        }
        tables.append(QJsonObject { { QStringLiteral("table"), table.table },
                                    { QStringLiteral("status"), table.status() },
                                    { QStringLiteral("known_to_build"), table.knownToBuild },
                                    { QStringLiteral("issues"), issues } });
    }
    return { { QStringLiteral("passes"), probe.passes() }, { QStringLiteral("tables"), tables } };
}

QJsonObject readWriteProbeJson(const ReadWriteProbeResult& probe)
{
    QJsonArray tables;
    for (const TableReadWriteProbe& table : probe.tables) {
        QJsonObject object { { QStringLiteral("table"), table.table },
                             { QStringLiteral("select"), outcomeValue(table.select) },
                             { QStringLiteral("insert"), outcomeValue(table.insert) },
                             { QStringLiteral("update"), outcomeValue(table.update) },
                             { QStringLiteral("upsert"), outcomeValue(table.upsert) } };
        QJsonObject skipped;
        const QList<QPair<QString, const ProbeOutcome*>> probes { { QStringLiteral("select"), &table.select },
                                                                  { QStringLiteral("insert"), &table.insert },
                                                                  { QStringLiteral("update"), &table.update },
                                                                  { QStringLiteral("upsert"), &table.upsert } };
        for (const auto& [name, outcome] : probes) {
            if (outcome->status == ProbeOutcome::Status::Skipped)
                skipped.insert(name, outcome->message);
        }
        if (!skipped.isEmpty())
            object.insert(QStringLiteral("skipped"), skipped);
        tables.append(object);
    }
    return { { QStringLiteral("passes"), probe.passes() }, { QStringLiteral("tables"), tables } };
}

QJsonObject downPathJson(const DownPath& path)
{
    QJsonArray steps;
    for (const DownPathStep& step : path.steps) {
        QJsonObject object { { QStringLiteral("id"), step.id },
                             { QStringLiteral("name"), step.name },
                             { QStringLiteral("has_down"), step.hasDown },
                             { QStringLiteral("result"), outcomeValue(step.result) } };
        if (step.result.status == ProbeOutcome::Status::Skipped)
            object.insert(QStringLiteral("note"), step.result.message);
        steps.append(object);
    }
    QJsonObject object { { QStringLiteral("needed"), path.needed },
                         { QStringLiteral("possible"), !path.needed || path.works() },
                         { QStringLiteral("needs_backup"), path.needsBackup() },
                         { QStringLiteral("ran"), path.ran },
                         { QStringLiteral("steps"), steps },
                         { QStringLiteral("boots_after"),
                           path.bootsAfter ? QJsonValue(*path.bootsAfter) : QJsonValue(QJsonValue::Null) } };
    if (path.bootsAfter) {
        object.insert(QStringLiteral("schema_probe_after"), schemaProbeJson(path.schemaProbeAfter));
        object.insert(QStringLiteral("rw_probe_after"), readWriteProbeJson(path.readWriteProbeAfter));
    }
    return object;
}

QJsonArray blockingJson(const GateDecision& gate)
{
    QJsonArray blocking;
    for (const GateDecision::Blocking& row : gate.blocking) {
        blocking.append(QJsonObject { { QStringLiteral("id"), row.id },
                                      { QStringLiteral("name"), row.name },
                                      { QStringLiteral("reason"), reasonName(row.reason) },
                                      { QStringLiteral("explanation"), row.explanation } });
    }
    return blocking;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString padded(const QString& text, qsizetype width)
{
    return text + QString(std::max<qsizetype>(0, width - text.size()), QLatin1Char(' '));
}

QString cell(const ProbeOutcome& outcome)
{
    switch (outcome.status) {
    case ProbeOutcome::Status::Ok:
        return QStringLiteral("ok");
    case ProbeOutcome::Status::Failed:
        return QStringLiteral("FAIL");
    case ProbeOutcome::Status::Skipped:
        break;
    }
    return QStringLiteral("-");
}

QString gateLine(const GateDecision& gate)
{
    QString line = QStringLiteral("Gate: %1").arg(outcomeName(gate.outcome));
    if (!gate.newer.isEmpty()) {
        QStringList newer;
        for (const LedgerRow& row : gate.newer)
            newer.append(QStringLiteral("#%1").arg(row.id));
        line += QStringLiteral(" (newer: %1)").arg(newer.join(QStringLiteral(", ")));
    }
    return line;
}

void schemaProbeText(QString& out, const SchemaProbeResult& probe, const QString& indent)
{
    qsizetype width = 0;
    for (const TableSchemaProbe& table : probe.tables)
        width = std::max(width, table.table.size());
    for (const TableSchemaProbe& table : probe.tables) {
        out += indent + padded(table.table, width) + QStringLiteral("  ") + table.status() + QLatin1Char('\n');
        if (table.worstImpact() == SchemaIssue::Impact::Harmless && !table.knownToBuild)
            continue; // an extra table says all in its status
        for (const SchemaIssue& issue : table.issues)
            out += indent + QStringLiteral("    ") + issue.message + QLatin1Char('\n');
    }
}

void readWriteProbeText(QString& out, const ReadWriteProbeResult& probe, const QString& indent)
{
    qsizetype width = QStringLiteral("table").size();
    for (const TableReadWriteProbe& table : probe.tables)
        width = std::max(width, table.table.size());
    out += indent + padded(QStringLiteral("table"), width) + QStringLiteral("  select  insert  update  upsert\n");
    QStringList failures;
    for (const TableReadWriteProbe& table : probe.tables) {
        out += indent + padded(table.table, width) + QStringLiteral("  ") + padded(cell(table.select), 6)
            + QStringLiteral("  ") + padded(cell(table.insert), 6) + QStringLiteral("  ") + padded(cell(table.update), 6)
            + QStringLiteral("  ") + cell(table.upsert) + QLatin1Char('\n');
        const QList<QPair<QString, const ProbeOutcome*>> probes { { QStringLiteral("select"), &table.select },
                                                                  { QStringLiteral("insert"), &table.insert },
                                                                  { QStringLiteral("update"), &table.update },
                                                                  { QStringLiteral("upsert"), &table.upsert } };
        for (const auto& [name, outcome] : probes) {
            if (outcome->isFailed())
                failures.append(QStringLiteral("%1 %2: %3").arg(table.table, name, outcome->message));
        }
    }
    for (const QString& failure : std::as_const(failures))
        out += indent + QStringLiteral("  ") + failure + QLatin1Char('\n');
}

void downPathText(QString& out, const DownPath& path)
{
    out += QStringLiteral("\nDown path (newest first):\n");
    if (path.steps.isEmpty())
        out += QStringLiteral("  nothing to revert: no newer migration blocks the boot\n");
    for (const DownPathStep& step : path.steps) {
        out += QStringLiteral("  #%1 %2  down SQL: %3  %4\n")
                   .arg(step.id)
                   .arg(step.name, step.hasDown ? QStringLiteral("yes") : QStringLiteral("NO"), step.result.text());
    }
    if (path.needsBackup())
        out += QStringLiteral("  Going back needs a backup restore: some migrations have no down SQL.\n");
    if (path.bootsAfter) {
        out += QStringLiteral("  After the down path the build would %1.\n")
                   .arg(*path.bootsAfter ? QStringLiteral("boot") : QStringLiteral("still refuse to boot"));
        out += QStringLiteral("  Schema probe after the down path:\n");
        schemaProbeText(out, path.schemaProbeAfter, QStringLiteral("    "));
        out += QStringLiteral("  Read/write probe after the down path:\n");
        readWriteProbeText(out, path.readWriteProbeAfter, QStringLiteral("    "));
    }
}

QString markdownCell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

void schemaProbeMarkdown(QString& out, const SchemaProbeResult& probe)
{
    out += QStringLiteral("| table | status | issues |\n| --- | --- | --- |\n");
    for (const TableSchemaProbe& table : probe.tables) {
        QStringList issues;
        for (const SchemaIssue& issue : table.issues)
            issues.append(markdownCell(issue.message));
        out += QStringLiteral("| %1 | %2 | %3 |\n")
                   .arg(markdownCell(table.table), table.status(), issues.join(QStringLiteral("<br>")));
    }
}

void readWriteProbeMarkdown(QString& out, const ReadWriteProbeResult& probe)
{
    out += QStringLiteral("| table | select | insert | update | upsert |\n| --- | --- | --- | --- | --- |\n");
    for (const TableReadWriteProbe& table : probe.tables) {
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                   .arg(markdownCell(table.table), markdownCell(table.select.text()), markdownCell(table.insert.text()),
                        markdownCell(table.update.text()), markdownCell(table.upsert.text()));
    }
}

} // namespace

QString RehearsalReportFormat::text(const RehearsalReport& report)
{
    QString out = report.verdict() + QLatin1Char('\n');
    out += QStringLiteral("Database: %1 (%2, ledger table %3)\n")
               .arg(report.database, dialectName(report.dialect), report.ledgerTable);
    out += gateLine(report.gate) + QLatin1Char('\n');
    for (const GateDecision::Blocking& row : report.gate.blocking)
        out += QStringLiteral("  blocks: #%1 %2: %3\n").arg(row.id).arg(row.name, row.explanation);
    if (!report.analysisNote.isEmpty())
        out += QStringLiteral("Analysis: %1\n").arg(report.analysisNote);
    if (report.probesRan) {
        out += QStringLiteral("\nSchema probe (the live schema as build %1's code meets it):\n").arg(report.build.version);
        schemaProbeText(out, report.schemaProbe, QStringLiteral("  "));
        out += QStringLiteral("\nRead/write probe (every write rolled back):\n");
        readWriteProbeText(out, report.readWriteProbe, QStringLiteral("  "));
    } else {
        out += QStringLiteral("\nProbes not run: the gate refuses (--rehearse runs them anyway).\n");
    }
    if (report.downPath.needed)
        downPathText(out, report.downPath);
    out += QStringLiteral("\nDatabase unchanged: %1 (%2: %3)\n")
               .arg(yesNo(report.unchanged.unchanged()), report.unchanged.method, report.unchanged.after);
    for (const QString& difference : report.unchanged.differences)
        out += QStringLiteral("  changed: %1\n").arg(difference);
    for (const QString& note : report.notes)
        out += QStringLiteral("Note: %1\n").arg(note);
    out += QStringLiteral("Time: copy %1 ms, probes %2 ms, total %3 ms\n")
               .arg(report.copyMs)
               .arg(report.probeMs)
               .arg(report.totalMs);
    return out;
}

QJsonObject RehearsalReportFormat::json(const RehearsalReport& report)
{
    QJsonObject object {
        { QStringLiteral("database"), report.database },
        { QStringLiteral("dialect"), dialectName(report.dialect) },
        { QStringLiteral("build"), QJsonObject { { QStringLiteral("version"), report.build.version },
                                                 { QStringLiteral("max_id"), report.build.maxId } } },
        { QStringLiteral("decision"), outcomeName(report.gate.outcome) },
        { QStringLiteral("blocking"), blockingJson(report.gate) },
        { QStringLiteral("probes_ran"), report.probesRan },
        { QStringLiteral("schema_probe"),
          report.probesRan ? QJsonValue(schemaProbeJson(report.schemaProbe)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("rw_probe"),
          report.probesRan ? QJsonValue(readWriteProbeJson(report.readWriteProbe)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("down_path"), downPathJson(report.downPath) },
        { QStringLiteral("database_unchanged"), report.unchanged.unchanged() },
        { QStringLiteral("unchanged_proof"),
          QJsonObject { { QStringLiteral("method"), report.unchanged.method },
                        { QStringLiteral("before"), report.unchanged.before },
                        { QStringLiteral("after"), report.unchanged.after },
                        { QStringLiteral("differences"), QJsonArray::fromStringList(report.unchanged.differences) } } },
        { QStringLiteral("works"), report.buildWorks() },
        { QStringLiteral("verdict"), report.verdict() },
        { QStringLiteral("notes"), QJsonArray::fromStringList(report.notes) },
        { QStringLiteral("timings_ms"), QJsonObject { { QStringLiteral("copy"), report.copyMs },
                                                      { QStringLiteral("probes"), report.probeMs },
                                                      { QStringLiteral("total"), report.totalMs } } },
    };
    if (!report.analysisNote.isEmpty())
        object.insert(QStringLiteral("analysis_note"), report.analysisNote);
    return object;
}

QString RehearsalReportFormat::markdown(const RehearsalReport& report)
{
    QString out = QStringLiteral("# Rehearsal: rolling back to %1\n\n**%2**\n\n")
                      .arg(markdownCell(report.build.version), markdownCell(report.verdict()));
    out += QStringLiteral("- Database: `%1` (%2)\n").arg(report.database, dialectName(report.dialect));
    out += QStringLiteral("- %1\n").arg(gateLine(report.gate));
    for (const GateDecision::Blocking& row : report.gate.blocking)
        out += QStringLiteral("  - blocks: #%1 %2: %3\n").arg(row.id).arg(markdownCell(row.name), markdownCell(row.explanation));
    out += QStringLiteral("- Database unchanged: %1 (%2)\n").arg(yesNo(report.unchanged.unchanged()), report.unchanged.method);
    if (report.probesRan) {
        out += QStringLiteral("\n## Schema probe\n\n");
        schemaProbeMarkdown(out, report.schemaProbe);
        out += QStringLiteral("\n## Read/write probe\n\n");
        readWriteProbeMarkdown(out, report.readWriteProbe);
    }
    if (report.downPath.needed) {
        out += QStringLiteral("\n## Down path\n\n| id | name | down SQL | result |\n| --- | --- | --- | --- |\n");
        for (const DownPathStep& step : report.downPath.steps) {
            out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                       .arg(step.id)
                       .arg(markdownCell(step.name), yesNo(step.hasDown), markdownCell(step.result.text()));
        }
        if (report.downPath.bootsAfter) {
            out += QStringLiteral("\nAfter the down path the build would %1.\n\n### Read/write probe after the down path\n\n")
                       .arg(*report.downPath.bootsAfter ? QStringLiteral("boot") : QStringLiteral("still refuse to boot"));
            readWriteProbeMarkdown(out, report.downPath.readWriteProbeAfter);
        }
    }
    if (!report.notes.isEmpty()) {
        out += QStringLiteral("\n## Notes\n\n");
        for (const QString& note : report.notes)
            out += QStringLiteral("- %1\n").arg(note);
    }
    return out;
}

} // namespace backstep
