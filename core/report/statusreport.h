#pragma once

#include "analysis/verdict.h"
#include "common/dialect.h"
#include "ledger/ledgerrow.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// What `status` shows: the ledger as it is, and what a catalog would add to it.
struct StatusReport
{
    QString database; // redacted URI
    Dialect dialect = Dialect::Sqlite;
    QString ledgerTable;
    LedgerRows rows; // ascending by id
    bool hasCatalog = false;
    QVector<qint64> pending; // only with a catalog
    QVector<qint64> unknownToCatalog; // ledger ids the catalog lacks; only with a catalog
    bool analysed = false; // the catalog's SQL was analysed: verdicts hold what it found
    QHash<qint64, Verdict> verdicts; // by migration id; missing: no verdict
    QString analysisNote; // how it was analysed, or why not everything was

    std::optional<qint64> head() const
    {
        return rows.isEmpty() ? std::nullopt : std::optional<qint64>(rows.last().id);
    }
};

} // namespace backstep
