#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace backstep::test {

// One run of the backstep-cli binary (path from the BACKSTEP_CLI environment variable,
// which tests/CMakeLists.txt sets).
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const; // stdout parsed as a JSON object (empty when it is not one)
};

CliRun runCli(const QStringList& arguments, int timeoutMs = 60000);

} // namespace backstep::test
