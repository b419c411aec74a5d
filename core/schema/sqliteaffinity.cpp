#include "sqliteaffinity.h"

namespace backstep {

SqliteAffinity sqliteAffinityOf(const QString& declaredType)
{
    const QString type = declaredType.toUpper();
    const auto contains = [&type](const char* part) { return type.contains(QLatin1String(part)); };
    if (contains("INT"))
        return SqliteAffinity::Integer;
    if (contains("CHAR") || contains("CLOB") || contains("TEXT"))
        return SqliteAffinity::Text;
    if (contains("BLOB") || type.trimmed().isEmpty())
        return SqliteAffinity::Blob;
    if (contains("REAL") || contains("FLOA") || contains("DOUB"))
        return SqliteAffinity::Real;
    return SqliteAffinity::Numeric;
}

QString sqliteAffinityName(SqliteAffinity affinity)
{
    switch (affinity) {
    case SqliteAffinity::Integer:
        return QStringLiteral("INTEGER");
    case SqliteAffinity::Text:
        return QStringLiteral("TEXT");
    case SqliteAffinity::Blob:
        return QStringLiteral("BLOB");
    case SqliteAffinity::Real:
        return QStringLiteral("REAL");
    case SqliteAffinity::Numeric:
        break;
    }
    return QStringLiteral("NUMERIC");
}

} // namespace backstep
