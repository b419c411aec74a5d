#pragma once

#include "catalog.h"
#include "common/dialect.h"
#include "common/result.h"

#include <QString>

namespace backstep {

// Reads a catalog folder (DESIGN.md "Catalog format"):
//   NNNN_name.sql                   up SQL for every dialect
//   NNNN_name.sqlite.sql            up SQL for SQLite only (wins over NNNN_name.sql)
//   NNNN_name.postgres.sql          up SQL for PostgreSQL only
//   NNNN_name.down.sql, NNNN_name.down.sqlite.sql, NNNN_name.down.postgres.sql   down SQL
// Header comments before the first statement may carry directives:
//   -- backstep: backward-compatible
//   -- backstep: no-transaction
// Other files (README.md, builds.json, dot files, sub-folders) are ignored.
//
// On any problem, returns Error::Code::Catalog whose message holds one line per
// problem, each "path:line: what is wrong", sorted by path then line.
class CatalogReader
{
public:
    static Result<Catalog> read(const QString& directory, Dialect dialect);
};

} // namespace backstep
