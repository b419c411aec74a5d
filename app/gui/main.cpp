#include "guioptions.h"
#include "mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

namespace {

using backstep::ProjectLoader;
using backstep::gui::GuiOptions;
using backstep::ui::MainWindow;

enum ExitCode
{
    Success = 0,
    Usage = 1,
    LoadError = 2,
    WriteError = 3,
};

int fail(const QString& message, ExitCode code)
{
    QTextStream(stderr) << "backstep: error: " << message << Qt::endl;
    return code;
}

// Writes the screenshot and the exports once the project has loaded and its analysis
// has finished (projectLoaded comes after the last verdict), after pending
// paints, then quits.
void writeWhenLoaded(MainWindow& window, const GuiOptions& options)
{
    QObject::connect(&window, &MainWindow::projectLoaded, &window, [&window, options] {
        QTimer::singleShot(100, &window, [&window, options] {
            ExitCode code = Success;
            if (!options.screenshot.isEmpty() && !window.grab().save(options.screenshot)) {
                QTextStream(stderr) << "backstep: error: cannot write " << options.screenshot << Qt::endl;
                code = WriteError;
            }
            for (const QString& file : options.exports) {
                const backstep::Result<void> written = window.exportTo(file);
                if (!written.ok()) {
                    QTextStream(stderr) << "backstep: error: " << written.error().message << Qt::endl;
                    code = WriteError;
                }
            }
            QCoreApplication::exit(code);
        });
    });
    // The screenshot shows how the window explains the failure; the exit status says it failed.
    QObject::connect(&window, &MainWindow::loadFailed, &window, [&window, options](const QString& message) {
        QTextStream(stderr) << "backstep: error: " << message << Qt::endl;
        QTimer::singleShot(100, &window, [&window, options] {
            if (!options.screenshot.isEmpty())
                window.grab().save(options.screenshot);
            QCoreApplication::exit(LoadError);
        });
    });
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Backstep"));
    QApplication::setApplicationName(QStringLiteral("backstep"));
    QApplication::setApplicationVersion(QStringLiteral(BACKSTEP_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(BACKSTEP_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/backstep.svg")));

    const auto options = GuiOptions::parse(QApplication::arguments());
    if (!options.ok())
        return fail(options.error().message, Usage);
    const bool writesAndQuits = !options->screenshot.isEmpty() || !options->exports.isEmpty();
    if (writesAndQuits && !options->demo && options->database.isEmpty())
        return fail(QStringLiteral("--screenshot and --export need --demo or --db"), Usage);

    MainWindow window;
    if (writesAndQuits)
        writeWhenLoaded(window, options.value());
    if (!options->target.isEmpty())
        window.setTarget(options->target);
    if (options->demo) {
        window.openDemo();
    } else if (!options->database.isEmpty()) {
        ProjectLoader::Request request;
        request.database = options->database;
        request.migrations = options->migrations;
        request.builds = options->builds;
        request.ledgerTable = options->ledgerTable;
        window.openProject(request);
    }
    window.show();
    return QApplication::exec();
}
