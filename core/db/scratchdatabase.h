#pragma once

#include "common/dialect.h"
#include "common/result.h"
#include "databaseconnection.h"
#include "databaseuri.h"

#include <memory>
#include <optional>

namespace backstep {

// An empty database of one dialect that exists only while this object does: where
// analysis replays a catalog. SQLite: in memory. PostgreSQL: a database created on the
// server a URI names (the --scratch URI or BACKSTEP_SCRATCH_PG), with a random name,
// dropped again on destruction (WITH (FORCE), so a failed replay cannot leave it
// behind in use). Never the user's own database.
class ScratchDatabase
{
public:
    // `server` is needed for PostgreSQL and ignored for SQLite.
    static Result<std::unique_ptr<ScratchDatabase>> create(Dialect dialect, const std::optional<DatabaseUri>& server);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    DatabaseConnection& connection()
    {
        return *m_connection;
    }
    // The scratch database's own name on the server (empty for SQLite).
    QString name() const
    {
        return m_name;
    }

private:
    ScratchDatabase() = default;

    std::unique_ptr<DatabaseConnection> m_connection;
    std::optional<DatabaseUri> m_server;
    QString m_name;
};

} // namespace backstep
