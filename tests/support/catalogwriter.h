#pragma once

#include <QMap>
#include <QString>

namespace backstep::test {

// Writes catalog files into a folder: file name -> content. Replaces files of the same name.
void writeCatalog(const QString& directory, const QMap<QString, QString>& files);
void writeFile(const QString& path, const QByteArray& content);
QByteArray fileSha256(const QString& path);

} // namespace backstep::test
