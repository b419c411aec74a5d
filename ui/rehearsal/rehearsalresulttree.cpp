#include "rehearsalresulttree.h"

#include "report/simulationreport.h"

#include <QHeaderView>
#include <QStyle>

namespace backstep::ui {

namespace {

using Status = RehearsalResultTree::Status;

Status outcomeStatus(const ProbeOutcome& outcome)
{
    switch (outcome.status) {
    case ProbeOutcome::Status::Ok:
        return Status::Ok;
    case ProbeOutcome::Status::Failed:
        return Status::Problem;
    case ProbeOutcome::Status::Skipped:
        break;
    }
    return Status::NotRun;
}

Status tableStatus(const TableSchemaProbe& table)
{
    if (table.issues.isEmpty())
        return Status::Ok;
    return table.worstImpact() == SchemaIssue::Impact::Harmless ? Status::Harmless : Status::Problem;
}

QString migrationLabel(qint64 id, const QString& name)
{
    return QStringLiteral("#%1 %2").arg(id).arg(name);
}

} // namespace

RehearsalResultTree::RehearsalResultTree(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({ tr("Check"), tr("Result") });
    setAccessibleName(tr("Rehearsal result"));
    setUniformRowHeights(true);
    setWordWrap(false);
    // Engine messages are long: the result column takes the room and shows the full
    // text in a tooltip.
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

QTreeWidgetItem* RehearsalResultTree::addLine(QTreeWidgetItem* parent, const QString& what, const QString& result,
    Status status)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
    item->setText(0, what);
    item->setText(1, result);
    item->setToolTip(1, result);
    item->setData(0, statusRole, static_cast<int>(status));
    // Icons as well as words, so the result reads without colour.
    static const QStyle::StandardPixmap icons[] = {
        QStyle::SP_DialogApplyButton, // Ok
        QStyle::SP_MessageBoxInformation, // Harmless
        QStyle::SP_MessageBoxCritical, // Problem
        QStyle::SP_DialogCancelButton, // NotRun
    };
    item->setIcon(1, style()->standardIcon(icons[static_cast<int>(status)]));
    if (status == Status::Problem) {
        for (QTreeWidgetItem* up = item->parent(); up; up = up->parent())
            up->setExpanded(true);
    }
    return item;
}

QTreeWidgetItem* RehearsalResultTree::section(const QString& title) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->text(0).startsWith(title))
            return topLevelItem(i);
    }
    return nullptr;
}

void RehearsalResultTree::setReport(const RehearsalReport& report)
{
    clear();
    addGate(report);
    addSchemaProbe(nullptr, tr("Schema probe"), report.schemaProbe, report.probesRan);
    addReadWriteProbe(nullptr, tr("Read/write probe"), report.readWriteProbe, report.probesRan);
    addDownPath(report.downPath);
    addUnchanged(report.unchanged);
    addNotes(report.notes);
}

void RehearsalResultTree::addGate(const RehearsalReport& report)
{
    const QString sentence = SimulationReport::sentence(report.build.version, report.gate);
    QTreeWidgetItem* gate
        = addLine(nullptr, tr("Boot"), sentence, report.gate.mayBoot() ? Status::Ok : Status::Problem);
    for (const GateDecision::Blocking& blocking : report.gate.blocking)
        addLine(gate, migrationLabel(blocking.id, blocking.name), blocking.explanation, Status::Problem);
    if (!report.analysisNote.isEmpty())
        addLine(gate, tr("Analysis"), report.analysisNote, Status::NotRun);
}

void RehearsalResultTree::addSchemaProbe(QTreeWidgetItem* parent, const QString& title, const SchemaProbeResult& probe,
    bool ran)
{
    if (!ran) {
        addLine(parent, title, tr("not run: the build would refuse to boot"), Status::NotRun);
        return;
    }
    const auto failing = std::count_if(probe.tables.cbegin(), probe.tables.cend(),
        [](const TableSchemaProbe& table) { return table.fails(); });
    const QString summary = failing == 0 ? tr("ok: %n table(s) as the build expects them", nullptr, int(probe.tables.size()))
                                         : tr("%n table(s) the build cannot use", nullptr, int(failing));
    QTreeWidgetItem* section = addLine(parent, title, summary, failing == 0 ? Status::Ok : Status::Problem);
    for (const TableSchemaProbe& table : probe.tables) {
        const QString result = table.knownToBuild ? table.status() : tr("extra table: harmless");
        QTreeWidgetItem* line = addLine(section, table.table, result, table.fails() ? Status::Problem : tableStatus(table));
        for (const SchemaIssue& issue : table.issues) {
            const Status status = issue.impact == SchemaIssue::Impact::Harmless ? Status::Harmless
                : issue.impact == SchemaIssue::Impact::WritesMayFail           ? Status::NotRun
                                                                                 : Status::Problem;
            addLine(line, issue.object, issue.message + QStringLiteral(" (") + schemaImpactName(issue.impact)
                    + QLatin1Char(')'),
                status);
        }
    }
}

void RehearsalResultTree::addReadWriteProbe(QTreeWidgetItem* parent, const QString& title,
    const ReadWriteProbeResult& probe, bool ran)
{
    if (!ran) {
        addLine(parent, title, tr("not run: the build would refuse to boot"), Status::NotRun);
        return;
    }
    const auto failing = std::count_if(probe.tables.cbegin(), probe.tables.cend(),
        [](const TableReadWriteProbe& table) { return !table.passes(); });
    const QString summary = failing == 0 ? tr("ok: %n table(s) read and written", nullptr, int(probe.tables.size()))
                                         : tr("%n table(s) fail", nullptr, int(failing));
    QTreeWidgetItem* section = addLine(parent, title, summary, failing == 0 ? Status::Ok : Status::Problem);
    for (const TableReadWriteProbe& table : probe.tables) {
        const std::pair<QString, const ProbeOutcome*> probes[] = {
            { QStringLiteral("SELECT"), &table.select },
            { QStringLiteral("INSERT"), &table.insert },
            { QStringLiteral("UPDATE"), &table.update },
            { QStringLiteral("INSERT … ON CONFLICT"), &table.upsert },
        };
        // The table's line names its first failing statement, so the folded tree
        // already says what breaks.
        QString result = QStringLiteral("ok");
        for (const auto& [statement, outcome] : probes) {
            if (outcome->isFailed()) {
                result = statement + QStringLiteral(": ") + outcome->message;
                break;
            }
        }
        QTreeWidgetItem* line = addLine(section, table.table, result, table.passes() ? Status::Ok : Status::Problem);
        for (const auto& [statement, outcome] : probes)
            addLine(line, statement, outcome->text(), outcomeStatus(*outcome));
    }
}

void RehearsalResultTree::addDownPath(const DownPath& path)
{
    if (!path.needed) {
        addLine(nullptr, tr("Down path"), tr("not needed: the build boots as the database is"), Status::Ok);
        return;
    }
    QString summary;
    Status status = Status::Problem;
    if (path.needsBackup())
        summary = tr("some newer migrations have no down SQL: going back needs a backup restore");
    else if (path.works()) {
        summary = tr("reverting %n migration(s) makes the build boot and work", nullptr, int(path.steps.size()));
        status = Status::Ok;
    }
    else if (path.ran)
        summary = tr("tried: the build still does not work afterwards");
    else
        summary = tr("not run");
    QTreeWidgetItem* section = addLine(nullptr, tr("Down path"), summary, status);
    for (const DownPathStep& step : path.steps) {
        const QString result = step.hasDown ? step.result.text() : tr("no down SQL");
        addLine(section, migrationLabel(step.id, step.name), result,
            step.hasDown ? outcomeStatus(step.result) : Status::Problem);
    }
    if (!path.ran)
        return;
    const bool boots = path.bootsAfter.value_or(false);
    QTreeWidgetItem* after = addLine(section, tr("Afterwards"),
        boots ? tr("the build would boot") : tr("the build would still refuse to boot"),
        boots ? Status::Ok : Status::Problem);
    addSchemaProbe(after, tr("Schema probe"), path.schemaProbeAfter, boots);
    addReadWriteProbe(after, tr("Read/write probe"), path.readWriteProbeAfter, boots);
}

void RehearsalResultTree::addUnchanged(const UnchangedProof& proof)
{
    const bool unchanged = proof.unchanged();
    QTreeWidgetItem* section = addLine(nullptr, tr("Database unchanged"),
        unchanged ? tr("yes: %1 identical before and after").arg(proof.method)
                  : tr("NO: the database changed during the rehearsal"),
        unchanged ? Status::Ok : Status::Problem);
    addLine(section, tr("Before"), proof.before, Status::Ok);
    addLine(section, tr("After"), proof.after, unchanged ? Status::Ok : Status::Problem);
    for (const QString& difference : proof.differences)
        addLine(section, tr("Difference"), difference, Status::Problem);
}

void RehearsalResultTree::addNotes(const QStringList& notes)
{
    if (notes.isEmpty())
        return;
    QTreeWidgetItem* section = addLine(nullptr, tr("Notes"), tr("%n note(s)", nullptr, int(notes.size())), Status::Ok);
    for (const QString& note : notes)
        addLine(section, QString(), note, Status::Harmless);
}

} // namespace backstep::ui
