#include "catalogwriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTest>

namespace backstep::test {

void writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        QFAIL(qPrintable(QStringLiteral("cannot write %1").arg(path)));
    file.write(content);
}

void writeCatalog(const QString& directory, const QMap<QString, QString>& files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        writeFile(directory + QLatin1Char('/') + it.key(), it.value().toUtf8());
}

QByteArray fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace backstep::test
