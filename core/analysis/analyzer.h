#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "db/databaseuri.h"
#include "migrationanalysis.h"
#include "rule.h"

#include <QSet>

#include <atomic>
#include <functional>
#include <optional>

namespace backstep {

// Analyses every migration of a catalog: statement rules on each statement, and, where
// a scratch database of the catalog's dialect is at hand (SQLite: always, in memory;
// PostgreSQL: on the --scratch server), a replay of the catalog in order with a schema
// snapshot before and after each migration, judged by its net effect.
//
// Runs synchronously on the calling thread; the GUI calls it from a worker thread.
class Analyzer
{
public:
    struct Options
    {
        AnalysisProfile profile = AnalysisProfile::Default;
        // The PostgreSQL server to create the scratch database on; without one,
        // PostgreSQL catalogs get statement rules only (and say so in the note).
        std::optional<DatabaseUri> scratchServer;
        // Analyse only these migrations (the others before them are only replayed, the
        // ones after the last are skipped): what the gate needs for a few newer rows.
        std::optional<QSet<qint64>> only;
        // Handed each migration's analysis as soon as it is known, on the calling
        // thread: the GUI shows verdicts as they arrive instead of after the whole catalog.
        std::function<void(const MigrationAnalysis&)> analysed;
    };
    // Called before each migration: (migrations done, migrations in the catalog).
    using Progress = std::function<void(int done, int total)>;

    // An Error only when analysis cannot start (the scratch server cannot be reached);
    // a migration that fails to replay is a MigrationAnalysis without a verdict.
    static Result<CatalogAnalysis> analyse(const Catalog& catalog, const Options& options, const Progress& progress = {},
                                           const std::atomic_bool* cancel = nullptr);

    // Statement findings and the diff's findings of one migration, merged: the diff
    // decides what the net effect is, statements say where it happened and add what a
    // diff cannot see (renames, rewritten rows, locks).
    static Findings merge(const Findings& statementFindings, const Findings& diffFindings, Dialect dialect);
};

} // namespace backstep
