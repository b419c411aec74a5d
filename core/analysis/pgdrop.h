#pragma once

#include "pgfindingsink.h"
#include "statementcontext.h"

#include <QJsonObject>

namespace backstep::pg {

// DROP statements: one finding per dropped object. A table this migration created is
// forgotten from the context instead of reported.
void analyseDrop(const QJsonObject& statement, StatementContext& context, FindingSink& sink);

} // namespace backstep::pg
