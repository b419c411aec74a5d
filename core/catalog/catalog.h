#pragma once

#include "common/dialect.h"
#include "migration.h"

#include <QString>

#include <optional>

namespace backstep {

// The migrations one build knows, resolved for one dialect, ascending by id.
struct Catalog
{
    QString directory; // absolute path of the folder it was read from
    Dialect dialect = Dialect::Sqlite;
    Migrations migrations; // ascending by id, ids unique

    std::optional<qint64> maxId() const;
    const Migration* find(qint64 id) const; // nullptr when the build does not know id
    // The catalog an older build shipped: only the migrations with id <= maxId.
    Catalog upTo(qint64 maxId) const;

    friend bool operator==(const Catalog& a, const Catalog& b)
    {
        return a.directory == b.directory && a.dialect == b.dialect && a.migrations == b.migrations;
    }
};

} // namespace backstep
