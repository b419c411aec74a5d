#include "guioptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QUrl>

namespace backstep::gui {

Result<GuiOptions> GuiOptions::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Will this older build boot on this database?"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"), QCoreApplication::translate("main", "Open a fresh copy of the Larder demo."));
    const QCommandLineOption database(
        QStringLiteral("db"), QCoreApplication::translate("main", "Database URI."), QStringLiteral("URI"));
    const QCommandLineOption migrations(
        QStringLiteral("migrations"), QCoreApplication::translate("main", "Catalog folder."), QStringLiteral("DIR"));
    const QCommandLineOption builds(
        QStringLiteral("builds"), QCoreApplication::translate("main", "builds.json."), QStringLiteral("FILE"));
    const QCommandLineOption ledgerTable(QStringLiteral("ledger-table"),
        QCoreApplication::translate("main", "The ledger table's name (default _migrations)."), QStringLiteral("NAME"),
        QStringLiteral("_migrations"));
    const QCommandLineOption target(QStringLiteral("target"),
        QCoreApplication::translate("main", "Build version or migration id to simulate."),
        QStringLiteral("VERSION|ID"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Write the window to a PNG once loaded, then quit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption exportTo(QStringLiteral("export"),
        QCoreApplication::translate("main",
            "Once loaded, export to FILE and quit: the timeline as .png, .svg or .pdf, the simulation of the "
            "target build as .md or .json. May be given more than once."),
        QStringLiteral("FILE"));
    parser.addOptions({ demo, database, migrations, builds, ledgerTable, target, screenshot, exportTo });
    // What a file manager's "Open with" passes (the desktop file's Exec=backstep %f).
    parser.addPositionalArgument(QStringLiteral("FILE"),
        QCoreApplication::translate("main", "A SQLite database file to open, like --db sqlite:FILE."),
        QStringLiteral("[FILE]"));
    parser.process(arguments);

    GuiOptions options;
    options.demo = parser.isSet(demo);
    options.database = parser.value(database);
    options.migrations = parser.value(migrations);
    options.builds = parser.value(builds);
    options.ledgerTable = parser.value(ledgerTable);
    options.target = parser.value(target);
    options.screenshot = parser.value(screenshot);
    options.exports = parser.values(exportTo);
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return Error { Error::Code::Usage,
            QCoreApplication::translate("main", "give one database FILE, not %1").arg(files.size()) };
    if (!files.isEmpty()) {
        if (options.demo || !options.database.isEmpty())
            return Error { Error::Code::Usage,
                QCoreApplication::translate("main", "FILE, --db and --demo exclude each other") };
        // A launcher may pass a file:// URL where a path was asked for.
        const QUrl url(files.first());
        const QString path = url.isLocalFile() ? url.toLocalFile() : files.first();
        options.database = QStringLiteral("sqlite://") + QFileInfo(path).absoluteFilePath();
    }
    if (options.demo && !options.database.isEmpty())
        return makeError(Error::Code::Usage, QCoreApplication::translate("main", "--demo and --db exclude each other"));
    return options;
}

} // namespace backstep::gui
