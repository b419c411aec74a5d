#include "clioptions.h"
#include "clirunner.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("backstep-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BACKSTEP_VERSION));

    auto options = backstep::cli::CliOptions::parse(QCoreApplication::arguments());
    if (!options) {
        QTextStream(stderr) << "backstep-cli: error: " << options.error().message << Qt::endl;
        return backstep::cli::CliRunner::BadInput;
    }
    return backstep::cli::CliRunner(std::move(options).value()).run();
}
