#pragma once

#include "common/dialect.h"
#include "finding.h"
#include "rule.h"
#include "schema/schemadiff.h"
#include "schema/schemasnapshot.h"

namespace backstep {

// Judges a migration by its net effect: the schema diff of its replay turned into
// findings of the rule catalogue, seen from the older builds' side. What a diff cannot
// see (renames, rewritten rows, locks) is left to the statement rules.
class DiffClassifier
{
public:
    // `before` is the schema the diff starts from (what older builds' code was written
    // for), `after` where it ends.
    static Findings classify(const SchemaDiff& diff, const SchemaSnapshot& before, const SchemaSnapshot& after,
                             Dialect dialect, AnalysisProfile profile);

    // Whether a column type change keeps older builds' values readable and writable:
    // PostgreSQL varchar(n) -> varchar(m >= n) or text, numeric(p,s) -> numeric with at
    // least as many digits on both sides of the point; SQLite: the same affinity.
    static bool isWidening(const Column& before, const Column& after, Dialect dialect);
};

} // namespace backstep
