#include "expectedschema.h"

#include "db/schemareader.h"
#include "db/scratchdatabase.h"
#include "sandbox/scratchreplay.h"

namespace backstep {

Result<SchemaSnapshot> ExpectedSchema::of(const Catalog& build, const std::optional<DatabaseUri>& scratchServer,
                                          const QString& ledgerTable)
{
    auto scratch = ScratchDatabase::create(build.dialect, scratchServer);
    if (!scratch)
        return scratch.error();
    // As the runner applies it: one transaction per migration unless it asks for none.
    for (const Migration& migration : build.migrations) {
        if (const auto replayed = ScratchReplay::apply(*scratch.value(), migration); !replayed.ok())
            return makeError(replayed.escape ? Error::Code::Sandbox : Error::Code::Migration,
                             QStringLiteral("the build's catalog does not replay on an empty database: %1")
                                 .arg(replayed.failure));
    }
    return SchemaReader::read(scratch.value()->connection(), { ledgerTable });
}

} // namespace backstep
