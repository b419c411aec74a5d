#include "catalog.h"

#include <algorithm>

namespace backstep {

std::optional<qint64> Catalog::maxId() const
{
    if (migrations.isEmpty())
        return std::nullopt;
    return migrations.constLast().id;
}

const Migration* Catalog::find(qint64 id) const
{
    const auto it = std::lower_bound(migrations.cbegin(), migrations.cend(), id,
        [](const Migration& migration, qint64 wanted) { return migration.id < wanted; });
    if (it == migrations.cend() || it->id != id)
        return nullptr;
    return &*it;
}

Catalog Catalog::upTo(qint64 highestId) const
{
    Catalog older;
    older.directory = directory;
    older.dialect = dialect;
    for (const Migration& migration : migrations) {
        if (migration.id > highestId)
            break;
        older.migrations.append(migration);
    }
    return older;
}

} // namespace backstep
