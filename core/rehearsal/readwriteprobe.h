#pragma once

#include "common/result.h"
#include "readwriteproberesult.h"
#include "schema/schemasnapshot.h"

#include <atomic>
#include <functional>

namespace backstep {

class DatabaseConnection;

// The read/write probe of a rehearsal: for every table the build knows, a SELECT of
// exactly the build's columns, an INSERT of a synthetic row written as the build's code
// would write it, an UPDATE of that row, and an INSERT … ON CONFLICT on each of the
// build's unique keys. Columns with a default in the build's schema (sequence ids,
// timestamps) are left to it, so a reset sequence or a dropped default fails here as it
// will in the app; the others get values of the build's types (SyntheticValues), and a
// foreign key gets an existing parent row or a synthetic one made the same way.
//
// Runs on a connection with a transaction open; each table's statements run in a
// savepoint rolled back at once, each statement in one of its own, so a failure on
// PostgreSQL does not abort the rest. Results carry the engine's own error text.
// Thread affinity: the connection's.
class ReadWriteProbe
{
public:
    // Called before each table: (table, tables done, tables in all).
    using Progress = std::function<void(const QString& table, int done, int total)>;

    static Result<ReadWriteProbeResult> run(DatabaseConnection& connection, const SchemaSnapshot& expected,
                                            const Progress& progress = {}, const std::atomic_bool* cancel = nullptr);
};

} // namespace backstep
