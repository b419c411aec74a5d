#pragma once

#include "catalog/migration.h"
#include "gatedecision.h"
#include "ledger/ledgerrow.h"

#include <QHash>
#include <QString>

namespace backstep {

// What the gate may know beyond the catalog and the ledger.
struct GateOptions
{
    // Drift (a known row whose checksum or name differs) blocks the boot.
    bool strict = false;
    // Analysis of migrations, where available: id -> why its SQL is breaking. A newer
    // row recorded compatible whose id is here is mislabelled and blocks.
    QHash<qint64, QString> analysedBreaking;
};

// The gate: may a build that knows `build` boot on a database whose ledger is
// `ledger`? Pure: no database, no clock, no I/O. DESIGN.md "Gate rules" is the spec;
// tests/core/gate/tst_gate.cpp holds one row per rule.
GateDecision evaluateGate(const Migrations& build, const LedgerRows& ledger, const GateOptions& options = {});

} // namespace backstep
