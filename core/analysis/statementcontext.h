#pragma once

#include <QSet>
#include <QString>

namespace backstep {

// What the statement rules learn while reading one migration's statements in order.
// Rules about "an existing table" (a NOT NULL column without default, a blocking index
// build, a new CHECK) do not apply to a table the same migration created: no older
// build has rows or code for it.
struct StatementContext
{
    // Tables created earlier in this migration, as normalised names (see normalisedName).
    QSet<QString> createdTables;
    // Functions created earlier in this migration (last name part, normalised): a later
    // statement that calls one runs a body analysis does not read.
    QSet<QString> createdFunctions;

    bool isNew(const QString& table) const
    {
        return createdTables.contains(table);
    }
};

// How findings name objects: unquoted identifiers fold to lower case (as both engines
// treat them), quoted identifiers keep their case without quotes; a schema prefix is
// kept ("app.users"); a column is "table.column".
QString normalisedName(const QString& identifier);

} // namespace backstep
