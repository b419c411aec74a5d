#include "demo/demodatabase.h"
#include "guioptions.h"
#include "mainwindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace {

using backstep::ProjectLoader;
using backstep::ui::MainWindow;

enum ExitCode
{
    Success = 0,
    Usage = 1,
    LoadError = 2,
};

int fail(const QString& message, ExitCode code)
{
    QTextStream(stderr) << "backstep: error: " << message << Qt::endl;
    return code;
}

// A fresh demo database in a folder that lives as long as the application.
backstep::Result<QString> createDemo(QTemporaryDir& folder)
{
    const QString demo = QStringLiteral(BACKSTEP_DEMO_DIR);
    const auto path = backstep::DemoDatabase::create(
        demo + QStringLiteral("/migrations"), demo + QStringLiteral("/builds.json"), folder.path());
    if (!path.ok())
        return path.error();
    return QString(QStringLiteral("sqlite://") + QFileInfo(path.value()).absoluteFilePath());
}

// Writes the window once the project has loaded, after pending paints, then quits.
void screenshotWhenLoaded(MainWindow& window, const QString& file)
{
    QObject::connect(&window, &MainWindow::projectLoaded, &window, [&window, file] {
        QTimer::singleShot(100, &window, [&window, file] {
            const bool saved = window.grab().save(file);
            if (!saved)
                QTextStream(stderr) << "backstep: error: cannot write " << file << Qt::endl;
            QCoreApplication::exit(saved ? Success : LoadError);
        });
    });
    QObject::connect(&window, &MainWindow::loadFailed, &window, [](const QString& message) {
        QTextStream(stderr) << "backstep: error: " << message << Qt::endl;
        QCoreApplication::exit(LoadError);
    });
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Backstep"));
    QApplication::setApplicationName(QStringLiteral("backstep"));
    QApplication::setApplicationVersion(QStringLiteral(BACKSTEP_VERSION));

    const auto options = backstep::gui::GuiOptions::parse(QApplication::arguments());
    if (!options.ok())
        return fail(options.error().message, Usage);

    ProjectLoader::Request request;
    request.database = options->database;
    request.migrations = options->migrations;
    request.builds = options->builds;
    QTemporaryDir demoFolder;
    if (options->demo) {
        const auto uri = createDemo(demoFolder);
        if (!uri.ok())
            return fail(uri.error().message, LoadError);
        const QString demo = QStringLiteral(BACKSTEP_DEMO_DIR);
        request.database = uri.value();
        request.migrations = demo + QStringLiteral("/migrations");
        request.builds = demo + QStringLiteral("/builds.json");
    }

    MainWindow window;
    if (!options->screenshot.isEmpty())
        screenshotWhenLoaded(window, options->screenshot);
    if (!options->target.isEmpty())
        window.setTarget(options->target);
    if (!request.database.isEmpty())
        window.openProject(request);
    window.show();
    return QApplication::exec();
}
