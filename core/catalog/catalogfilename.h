#pragma once

#include "common/dialect.h"
#include "common/result.h"

#include <QString>

#include <optional>

namespace backstep {

// What the name of a file in a catalog folder says: NNNN_name[.down][.<dialect>].sql
// (or NNNN_name.<dialect>.down.sql). Used by CatalogReader only.
struct CatalogFileName
{
    enum class Role
    {
        Up,
        Down,
    };

    qint64 id = 0;
    QString name;
    Role role = Role::Up;
    std::optional<Dialect> dialect; // nullopt: the file serves every dialect

    // Whether the reader should look at the file at all: SQL files, not dot files.
    static bool isCandidate(const QString& fileName);
    // Error::Code::Catalog with a message that does not name the file (the caller does).
    static Result<CatalogFileName> parse(const QString& fileName);

    // Whether this file and other would fill the same slot of one migration.
    bool sameSlot(const CatalogFileName& other) const
    {
        return role == other.role && dialect == other.dialect;
    }
};

} // namespace backstep
