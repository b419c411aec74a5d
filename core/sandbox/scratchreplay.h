#pragma once

#include "analysis/finding.h"
#include "catalog/migration.h"

#include <optional>

namespace backstep {

class ScratchDatabase;

// Replays a migration's up SQL on a scratch database as the app's runner applies it:
// in one transaction unless it asks for none, which Backstep opens and closes, never the
// script. Each statement is read by StatementGuard first and runs through the scratch
// database's sandbox. Used by analysis and by the rehearsal's expected schema.
class ScratchReplay
{
public:
    struct Outcome
    {
        // Empty on success; else what failed, naming file, line, statement and engine text.
        QString failure;
        // The statement the sandbox denied at run time (an escapes-sandbox finding); the
        // guard's own refusals are statement findings of analysis already.
        std::optional<Finding> escape;

        bool ok() const
        {
            return failure.isEmpty();
        }
    };

    static Outcome apply(ScratchDatabase& scratch, const Migration& migration);
};

} // namespace backstep
