#pragma once

#include <QString>

#include <optional>

namespace backstep {

// The SQL dialects Backstep reads, writes and analyses.
enum class Dialect {
    Sqlite,
    Postgres,
};

// The word used in file names (NNNN_name.sqlite.sql), URIs and JSON output.
inline QString dialectName(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

inline std::optional<Dialect> dialectFromName(const QString& name)
{
    if (name == QLatin1String("sqlite"))
        return Dialect::Sqlite;
    if (name == QLatin1String("postgres") || name == QLatin1String("postgresql"))
        return Dialect::Postgres;
    return std::nullopt;
}

} // namespace backstep
