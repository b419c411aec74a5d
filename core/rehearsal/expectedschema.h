#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "db/databaseuri.h"
#include "schema/schemasnapshot.h"

#include <QString>

#include <optional>

namespace backstep {

// The schema a build's code was written for: its catalog replayed in order on an empty
// scratch database of the same dialect (SQLite in memory; PostgreSQL in a database
// created on `scratchServer` and dropped afterwards), then snapshotted. The ledger
// table is left out of the snapshot, as it is left out of the live one.
class ExpectedSchema
{
public:
    // An Error::Code::Migration naming file, line and statement when the build's own
    // catalog does not replay on an empty database.
    static Result<SchemaSnapshot> of(const Catalog& build, const std::optional<DatabaseUri>& scratchServer,
                                     const QString& ledgerTable);
};

} // namespace backstep
