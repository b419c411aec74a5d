#pragma once

#include "common/result.h"
#include "schema/schemasnapshot.h"

#include <QSet>
#include <QString>

namespace backstep {

class DatabaseConnection;

// Reads the schema of the connection's database into a SchemaSnapshot.
//
// SQLite: the main schema, from sqlite_master and the table-valued pragmas
// (table_xinfo, index_list, index_xinfo, foreign_key_list), with table names bound,
// never pasted; what only the CREATE text holds (CHECKs, constraint names, generated
// expressions, AUTOINCREMENT, WITHOUT ROWID, STRICT, expression and partial index text)
// comes from SqliteTableDefinition and SqliteIndexDefinition. Internal sqlite_* objects
// are left out.
// PostgreSQL: every schema but pg_catalog, information_schema, pg_toast and the
// temporary ones, from pg_catalog, with the engine's own printers (format_type,
// pg_get_expr, pg_get_indexdef, pg_get_viewdef, pg_get_triggerdef, pg_get_functiondef).
// Objects that belong to an extension are the extension's and are left out.
//
// Only reads: SELECTs, and on SQLite a SAVEPOINT ... RELEASE around them, so that every
// query sees the same schema and the file is locked once. A read-only connection is
// enough; inside a transaction the caller has open, the read sees its changes and
// leaves it open. PostgreSQL reads in the caller's transaction if there is one, else
// each query on its own. Thread affinity: the connection's.
class SchemaReader
{
public:
    // excludeTables: tables to leave out, named as Table::name names them (the ledger),
    // together with their indexes, triggers and the sequences they own. SQLite
    // compares the names without regard to case.
    static Result<SchemaSnapshot> read(DatabaseConnection& connection, const QSet<QString>& excludeTables = {});
};

} // namespace backstep
