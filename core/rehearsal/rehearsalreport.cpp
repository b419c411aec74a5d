#include "rehearsalreport.h"

namespace backstep {

namespace {

QString buildName(const Build& build)
{
    if (build.version.startsWith(QLatin1Char('#')))
        return QStringLiteral("a build that knows up to #%1").arg(build.maxId);
    return QStringLiteral("build %1").arg(build.version);
}

int failingTables(const RehearsalReport& report)
{
    int count = 0;
    for (const TableSchemaProbe& table : report.schemaProbe.tables) {
        const TableReadWriteProbe* rw = report.readWriteProbe.table(table.table);
        if (table.fails() || (rw && !rw->passes()))
            ++count;
    }
    for (const TableReadWriteProbe& table : report.readWriteProbe.tables) {
        if (!report.schemaProbe.table(table.table) && !table.passes())
            ++count;
    }
    return count;
}

} // namespace

QString RehearsalReport::verdict() const
{
    const QString name = buildName(build);
    QString proof = unchanged.unchanged() ? QString() : QStringLiteral(" WARNING: the database changed during the rehearsal.");
    if (buildWorks())
        return QStringLiteral("WORKS: %1 would boot on this database and every probe passed.").arg(name) + proof;
    if (gate.mayBoot()) {
        return QStringLiteral("BREAKS: %1 would boot, but %2 table(s) fail the probes.").arg(name).arg(failingTables(*this))
            + proof;
    }
    QString text = QStringLiteral("REFUSED: %1 would refuse to boot").arg(name);
    if (probesRan && failingTables(*this) > 0)
        text += QStringLiteral(", and %1 table(s) fail the probes").arg(failingTables(*this));
    if (downPath.needsBackup())
        text += QStringLiteral("; some newer migrations have no down SQL: going back needs a backup restore.");
    else if (downPath.works())
        text += QStringLiteral("; the down path reverts it and the build then works.");
    else if (downPath.ran)
        text += QStringLiteral("; the down path was tried and does not make it work.");
    else
        text += QLatin1Char('.');
    return text + proof;
}

} // namespace backstep
