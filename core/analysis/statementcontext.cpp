#include "statementcontext.h"

namespace backstep {

QString normalisedName(const QString& identifier)
{
    QString out;
    out.reserve(identifier.size());
    QChar quote;
    for (const QChar c : identifier) {
        if (quote.isNull()) {
            if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('['))
                quote = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            else
                out += c.toLower();
        } else if (c == quote) {
            quote = QChar();
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace backstep
