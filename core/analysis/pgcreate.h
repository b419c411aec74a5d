#pragma once

#include "pgfindingsink.h"
#include "statementcontext.h"

#include <QJsonObject>

namespace backstep::pg {

// CREATE statements (tables, indexes, views, functions and other objects) and SELECT INTO:
// what a statement of parse-tree node type `type` adds. Records the tables it creates in
// the context; ignores node types it does not know.
void analyseCreate(const QString& type, const QJsonObject& statement, StatementContext& context, FindingSink& sink);

} // namespace backstep::pg
