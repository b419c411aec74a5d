#pragma once

#include "pgfindingsink.h"
#include "statementcontext.h"

#include <QJsonObject>

namespace backstep::pg {

// ALTER TABLE (and ALTER VIEW / INDEX / TYPE … sub-commands, which share its node):
// one finding per sub-command that matters to older builds.
void analyseAlterTable(const QJsonObject& statement, const StatementContext& context, FindingSink& sink);

} // namespace backstep::pg
