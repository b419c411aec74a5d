#pragma once

#include "schema/schemasnapshot.h"
#include "schemaproberesult.h"

namespace backstep {

// The schema probe of a rehearsal: compares the live schema with the schema an older
// build expects (its catalog replayed on a scratch database), table by table, from
// the older code's point of view — what it reads that is gone, renamed or retyped;
// what makes its inserts and updates fail (a new NOT NULL column without a default, a
// dropped default) or may make them fail (a new CHECK, UNIQUE or FOREIGN KEY, a
// dropped unique key its ON CONFLICT may name); and what is harmless (extra tables,
// nullable columns). Pure: two snapshots in, the result out.
class SchemaProbe
{
public:
    static SchemaProbeResult compare(const SchemaSnapshot& expected, const SchemaSnapshot& live);
};

} // namespace backstep
