#include "checksum.h"

#include "directive.h"

#include <QCryptographicHash>
#include <QStringList>

namespace backstep {

namespace {

QStringView withoutTrailingBlanks(QStringView line)
{
    qsizetype end = line.size();
    while (end > 0 && line.at(end - 1).isSpace())
        --end;
    return line.left(end);
}

} // namespace

QString Checksum::normalise(const QString& sql)
{
    QString text = sql;
    // A byte order mark is an editor setting, like the line endings.
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(u'\r', u'\n');

    QList<QStringView> kept;
    for (QStringView line : QStringView(text).split(u'\n')) {
        line = withoutTrailingBlanks(line);
        if (!Directive::arguments(line))
            kept.append(line);
    }
    while (!kept.isEmpty() && kept.constFirst().isEmpty())
        kept.removeFirst();
    while (!kept.isEmpty() && kept.constLast().isEmpty())
        kept.removeLast();

    QString normalised;
    for (qsizetype i = 0; i < kept.size(); ++i) {
        if (i > 0)
            normalised.append(u'\n');
        normalised.append(kept.at(i));
    }
    return normalised;
}

QString Checksum::of(const QString& upSql)
{
    const QByteArray digest = QCryptographicHash::hash(normalise(upSql).toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex());
}

} // namespace backstep
