#include "sqlidentifier.h"

namespace backstep {

QString SqlIdentifier::quote(const QString& name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QStringList SqlIdentifier::parts(const QString& qualifiedName, Dialect dialect)
{
    if (dialect == Dialect::Postgres) {
        const int dot = qualifiedName.indexOf(QLatin1Char('.'));
        if (dot > 0 && dot < qualifiedName.size() - 1)
            return { qualifiedName.left(dot), qualifiedName.mid(dot + 1) };
    }
    return { qualifiedName };
}

QString SqlIdentifier::quoteQualified(const QString& qualifiedName, Dialect dialect)
{
    QStringList quoted;
    for (const QString& part : parts(qualifiedName, dialect))
        quoted.append(quote(part));
    return quoted.join(QLatin1Char('.'));
}

} // namespace backstep
