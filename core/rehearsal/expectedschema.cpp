#include "expectedschema.h"

#include "db/schemareader.h"
#include "db/scratchdatabase.h"

namespace backstep {

namespace {

// As the runner applies it: one transaction per migration unless it asks for none.
Result<void> replay(DatabaseConnection& connection, const Migration& migration)
{
    const bool transaction = !migration.noTransaction;
    if (transaction) {
        if (auto begun = connection.execute(QStringLiteral("BEGIN")); !begun)
            return begun;
    }
    for (const SqlStatement& statement : migration.upStatements) {
        if (auto executed = connection.execute(statement.text); !executed) {
            if (transaction)
                connection.execute(QStringLiteral("ROLLBACK"));
            return makeError(Error::Code::Migration,
                             QStringLiteral("the build's catalog does not replay on an empty database: %1:%2, "
                                            "statement %3: %4")
                                 .arg(migration.upFile)
                                 .arg(statement.line)
                                 .arg(statement.number)
                                 .arg(executed.error().message));
        }
    }
    if (transaction)
        return connection.execute(QStringLiteral("COMMIT"));
    return {};
}

} // namespace

Result<SchemaSnapshot> ExpectedSchema::of(const Catalog& build, const std::optional<DatabaseUri>& scratchServer,
                                          const QString& ledgerTable)
{
    auto scratch = ScratchDatabase::create(build.dialect, scratchServer);
    if (!scratch)
        return scratch.error();
    DatabaseConnection& connection = scratch.value()->connection();
    for (const Migration& migration : build.migrations) {
        if (auto replayed = replay(connection, migration); !replayed)
            return replayed.error();
    }
    return SchemaReader::read(connection, { ledgerTable });
}

} // namespace backstep
