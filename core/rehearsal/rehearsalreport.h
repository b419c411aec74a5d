#pragma once

#include "catalog/build.h"
#include "common/dialect.h"
#include "downpath.h"
#include "gate/gatedecision.h"
#include "readwriteproberesult.h"
#include "schemaproberesult.h"
#include "unchangedproof.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace backstep {

// Everything one rehearsal found, as a value: what the GUI shows and exports and the
// CLI prints (RehearsalReportFormat renders it as text, JSON and Markdown).
struct RehearsalReport
{
    QString database; // the URI with any password as ***
    Dialect dialect = Dialect::Sqlite;
    QString ledgerTable;
    Build build; // the build rehearsed: its version ("#id" for a virtual build) and highest id
    GateDecision gate;
    QString analysisNote; // how the newer migrations were analysed, when not fully
    // The probes ran: always when the gate lets the build boot, and with
    // rehearseEvenIfRefused when it refuses.
    bool probesRan = false;
    SchemaProbeResult schemaProbe;
    ReadWriteProbeResult readWriteProbe;
    DownPath downPath;
    UnchangedProof unchanged;
    QStringList notes; // how the rehearsal worked on this database (copy, transaction, sequences)
    // Where the time went, in milliseconds.
    qint64 copyMs = 0; // SQLite: the backup copy and the fingerprint before it
    qint64 probeMs = 0; // schema probe, read/write probe and down path on the working database
    qint64 totalMs = 0;

    // The build would boot and every probe that ran passed.
    bool buildWorks() const
    {
        return gate.mayBoot() && probesRan && schemaProbe.passes() && readWriteProbe.passes();
    }
    // One line for people: the answer.
    QString verdict() const;

    friend bool operator==(const RehearsalReport& a, const RehearsalReport& b)
    {
        return a.database == b.database && a.dialect == b.dialect && a.ledgerTable == b.ledgerTable && a.build == b.build
            && a.gate == b.gate && a.analysisNote == b.analysisNote && a.probesRan == b.probesRan
            && a.schemaProbe == b.schemaProbe && a.readWriteProbe == b.readWriteProbe && a.downPath == b.downPath
            && a.unchanged == b.unchanged && a.notes == b.notes && a.copyMs == b.copyMs && a.probeMs == b.probeMs
            && a.totalMs == b.totalMs;
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::RehearsalReport)
