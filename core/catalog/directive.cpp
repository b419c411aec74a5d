#include "directive.h"

#include <QString>

namespace backstep {

namespace {

QStringView skipBlanks(QStringView text)
{
    qsizetype i = 0;
    while (i < text.size() && text.at(i).isSpace())
        ++i;
    return text.mid(i);
}

} // namespace

std::optional<QStringView> Directive::arguments(QStringView line)
{
    const QLatin1String dashes("--");
    const QLatin1String keyword("backstep");
    QStringView rest = skipBlanks(line);
    if (!rest.startsWith(dashes))
        return std::nullopt;
    rest = skipBlanks(rest.mid(dashes.size()));
    if (!rest.startsWith(keyword, Qt::CaseInsensitive))
        return std::nullopt;
    rest = skipBlanks(rest.mid(keyword.size()));
    if (!rest.startsWith(u':'))
        return std::nullopt;
    return rest.mid(1);
}

} // namespace backstep
