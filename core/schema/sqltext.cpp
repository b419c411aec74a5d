#include "sqltext.h"

#include "catalog/sqltokenizer.h"

#include <QStringList>

namespace backstep {

QString SqlText::normalisedType(const QString& declaredType)
{
    QString result;
    bool quoted = false;
    bool pendingSpace = false;
    for (const QChar c : declaredType.trimmed()) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        if (!quoted && c.isSpace()) {
            pendingSpace = true;
            continue;
        }
        const bool tight = c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char(',');
        const bool afterTight
            = !result.isEmpty() && (result.back() == QLatin1Char('(') || result.back() == QLatin1Char(','));
        if (pendingSpace && !tight && !afterTight && !result.isEmpty())
            result.append(QLatin1Char(' '));
        pendingSpace = false;
        result.append(quoted || c == QLatin1Char('"') ? c : c.toLower());
    }
    return result;
}

QString SqlText::comparable(const QString& text, Dialect dialect)
{
    const auto tokens = SqlTokenizer::tokenize(text, dialect);
    if (!tokens)
        return text.simplified();
    QStringList parts;
    for (const SqlToken& token : *tokens) {
        switch (token.type) {
        case SqlToken::Type::Comment:
            break;
        case SqlToken::Type::Word:
            parts.append(token.text.toLower());
            break;
        case SqlToken::Type::QuotedIdentifier:
            parts.append(dialect == Dialect::Sqlite ? unquoted(token.text).toLower() : unquoted(token.text));
            break;
        default:
            parts.append(token.text);
            break;
        }
    }
    return parts.join(QLatin1Char(' '));
}

bool SqlText::same(const QString& a, const QString& b, Dialect dialect)
{
    return a == b || comparable(a, dialect) == comparable(b, dialect);
}

QString SqlText::unquoted(const QString& token)
{
    if (token.size() < 2)
        return token;
    const QChar first = token.front();
    const QChar last = token.back();
    if (first == QLatin1Char('[') && last == QLatin1Char(']'))
        return token.mid(1, token.size() - 2);
    if ((first == QLatin1Char('"') || first == QLatin1Char('`') || first == QLatin1Char('\'')) && last == first) {
        QString inner = token.mid(1, token.size() - 2);
        inner.replace(QString(2, first), QString(first));
        return inner;
    }
    return token;
}

} // namespace backstep
