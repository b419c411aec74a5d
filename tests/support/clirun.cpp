#include "clirun.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTest>

namespace backstep::test {

QJsonObject CliRun::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

CliRun runCli(const QStringList& arguments, int timeoutMs)
{
    CliRun run;
    const QString program = qEnvironmentVariable("BACKSTEP_CLI");
    if (program.isEmpty()) {
        qWarning("BACKSTEP_CLI is not set: run the tests through ctest");
        return run;
    }
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace backstep::test
