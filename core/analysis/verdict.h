#pragma once

#include <QString>

#include <optional>

namespace backstep {

// What analysis says of a migration, from the point of view of the builds before it.
enum class Verdict {
    Compatible, // only adds things older code ignores
    Caution, // older code keeps working, but something deserves a look (locks, rewritten rows)
    Breaking, // older code that was fine before this migration fails after it
};

// "compatible", "caution", "breaking": the words of the JSON and SARIF output.
inline QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Compatible:
        return QStringLiteral("compatible");
    case Verdict::Caution:
        return QStringLiteral("caution");
    case Verdict::Breaking:
        break;
    }
    return QStringLiteral("breaking");
}

inline std::optional<Verdict> verdictFromName(const QString& name)
{
    if (name == QLatin1String("compatible"))
        return Verdict::Compatible;
    if (name == QLatin1String("caution"))
        return Verdict::Caution;
    if (name == QLatin1String("breaking"))
        return Verdict::Breaking;
    return std::nullopt;
}

} // namespace backstep
