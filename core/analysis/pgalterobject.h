#pragma once

#include "pgfindingsink.h"
#include "statementcontext.h"

#include <QJsonObject>

namespace backstep::pg {

// Renames, SET SCHEMA, ALTER TYPE … VALUE, ALTER POLICY and ALTER DOMAIN: changes to the
// names and rules older builds use. A table this migration created is followed in the
// context under its new name instead of reported. Ignores node types it does not know.
void analyseAlterObject(
    const QString& type, const QJsonObject& statement, StatementContext& context, FindingSink& sink);

} // namespace backstep::pg
