#pragma once

#include "gate/gatedecision.h"
#include "project/projectsnapshot.h"

#include <QJsonObject>
#include <QString>

namespace backstep {

// The result of simulating one build on a database, to hand on: Markdown for a pull
// request or an issue, JSON for a script. Both carry the decision sentence, every
// blocking row with its reason, and each newer migration with the flag the ledger
// recorded beside what analysis says of it. Pure functions of the snapshot and the
// gate's decision, so the GUI's export, its command line and the tests agree.
class SimulationReport
{
public:
    // One sentence for people: "1.6.0 would refuse to boot: 5 newer migrations block
    // it (#23, #24, #27, #30, #34)." buildName is a version or "#34" for a virtual build.
    static QString sentence(const QString& buildName, const GateDecision& decision);
    static QString markdown(const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision);
    static QJsonObject json(const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision);
};

} // namespace backstep
