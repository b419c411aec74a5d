#pragma once

#include "pgfindingsink.h"
#include "statementcontext.h"

#include <QJsonObject>

namespace backstep::pg {

// Statements that change rows or lock whole tables rather than the schema: UPDATE,
// DELETE, MERGE, TRUNCATE (also inside WITH), VACUUM FULL, CLUSTER; and the ones whose
// effect cannot be read: DO, EXECUTE, CALL. Ignores node types it does not know.
void analyseDataStatement(
    const QString& type, const QJsonObject& statement, const StatementContext& context, FindingSink& sink);

} // namespace backstep::pg
