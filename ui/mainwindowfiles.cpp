// MainWindow: opening databases (file dialog, connection dialog, demo, recent, drops),
// the load's lifecycle, and export. The layout and the simulation are in mainwindow.cpp.

#include "mainwindow.h"

#include "db/databaseuri.h"
#include "db/sharedfiledescriptor.h"
#include "decisionbanner.h"
#include "filedialogs.h"
#include "loadjob.h"
#include "postgresdialog.h"
#include "recentdatabases.h"
#include "startpage.h"

#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>

#include <unistd.h>

#include <cstring>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {

enum class DroppedKind
{
    Database,
    Catalog,
    Builds,
    Unsupported,
};

// By content where it matters: a SQLite file starts with its 16-byte magic string
// whatever it is called, and anything else dropped as a database would only fail later
// with a less helpful message.
DroppedKind droppedKind(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return DroppedKind::Catalog;
    if (info.suffix().compare(u"json"_s, Qt::CaseInsensitive) == 0)
        return DroppedKind::Builds;
    // Through SharedFileDescriptor: a descriptor of its own, once closed, would drop the
    // locks of a rehearsal reading the same database (see there).
    if (!info.isFile())
        return DroppedKind::Unsupported;
    const auto descriptor = SharedFileDescriptor::of(path);
    char header[16];
    if (descriptor && ::pread(descriptor.value(), header, sizeof header, 0) == qint64(sizeof header)
        && std::memcmp(header, "SQLite format 3", 16) == 0)
        return DroppedKind::Database;
    return DroppedKind::Unsupported;
}

QStringList localFiles(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

void MainWindow::createFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &SQLite database\u2026"), QKeySequence::Open, this, &MainWindow::openSqlite);
    file->addAction(tr("Connect to &PostgreSQL\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
        &MainWindow::openPostgres);
    file->addAction(tr("Open the &demo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), this, &MainWindow::openDemo);
    m_recentMenu = file->addMenu(tr("&Recent databases"));
    rebuildRecentMenu();
    file->addSeparator();
    m_needsProject << file->addAction(tr("Open &catalog folder\u2026"), this, &MainWindow::openCatalogFolder);
    m_needsProject << file->addAction(tr("Open &builds.json\u2026"), this, &MainWindow::openBuildsFile);
    // Not only with a project: after "no such table" it is what the person needs.
    QAction* ledgerTable = file->addAction(tr("Ledger &table\u2026"), this, &MainWindow::chooseLedgerTable);
    ledgerTable->setObjectName(u"ledgerTableAction"_s);
    ledgerTable->setToolTip(tr("The table your app's migration runner records applied migrations in"));
    m_needsProject << file->addAction(tr("Re&load"), QKeySequence::Refresh, this, &MainWindow::reload);
    file->addSeparator();
    createExportMenu(file);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::createExportMenu(QMenu* file)
{
    m_needsProject << file->addAction(tr("&Export\u2026"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
        [this] { exportWithDialog(std::nullopt); });
    QMenu* menu = file->addMenu(tr("Export &as"));
    const std::pair<ExportWriter::Format, QString> items[] = {
        { ExportWriter::Format::Png, tr("Timeline as &PNG image\u2026") },
        { ExportWriter::Format::Svg, tr("Timeline as &SVG drawing\u2026") },
        { ExportWriter::Format::Pdf, tr("Timeline as P&DF\u2026") },
        { ExportWriter::Format::Markdown, tr("Simulation as &Markdown\u2026") },
        { ExportWriter::Format::Json, tr("Simulation as &JSON\u2026") },
    };
    for (const auto& [format, text] : items)
        m_needsProject << menu->addAction(text, this, [this, format = format] { exportWithDialog(format); });
}

void MainWindow::openProject(const ProjectLoader::Request& request)
{
    m_request = request;
    rememberDatabase(request.database);
    reload();
}

void MainWindow::openDemo()
{
    if (!m_demoFolder)
        m_demoFolder = std::make_unique<QTemporaryDir>();
    // A new folder each time: the demo is only ever written as a new file, and the one
    // shown now stays readable until the new one has loaded.
    const QString folder = m_demoFolder->filePath(u"demo-"_s + QString::number(++m_demoCount));
    startLoading(tr("the Larder demo"));
    m_job->startDemo(folder);
}

void MainWindow::reload()
{
    if (m_request.database.isEmpty())
        return;
    const Result<DatabaseUri> uri = DatabaseUri::parse(m_request.database);
    startLoading(uri.ok() ? uri->redacted() : m_request.database);
    m_job->start(m_request);
}

void MainWindow::startLoading(const QString& source)
{
    m_sourceLabel->setText(tr("Opening %1 (read-only)").arg(source));
    m_banner->setMessage(
        tr("Loading\u2026"), tr("Reading the ledger and analysing the catalog."), DecisionBanner::Tone::Neutral);
    m_startPage->clearMessage();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelButton->setToolTip(tr("Stop opening this database (Esc)"));
    m_cancelButton->show();
}

void MainWindow::cancelLoading()
{
    m_job->cancel();
}

void MainWindow::loadCanceled()
{
    m_progress->hide();
    m_cancelButton->hide();
    m_noteLabel->setText(tr("\u00b7 Opening was cancelled"));
    if (m_hasSnapshot)
        targetChanged(); // the banner said "Loading…": show the decision again
    else
        m_sourceLabel->setText(tr("No database"));
}

void MainWindow::showLoadError(const QString& message)
{
    m_progress->hide();
    m_cancelButton->hide();
    m_noteLabel->clear();
    const QString headline = tr("\u2718 Could not open the database");
    // The ledger's errors are core's LedgerStore's, which start so; its name is the
    // one thing here the person may need to change.
    const QString shown = message.startsWith(u"ledger table \""_s)
        ? message + u"\n"_s + tr("If your app keeps its ledger under another name, choose File \u25b8 Ledger table\u2026")
        : message;
    // Where the person is looking: the start page while nothing is open, else the
    // banner above the project that stays on screen and usable.
    if (m_hasSnapshot) {
        m_banner->setMessage(headline, shown, DecisionBanner::Tone::Bad);
    } else {
        m_sourceLabel->setText(tr("No database"));
        m_startPage->setMessage(headline, shown, DecisionBanner::Tone::Bad);
        m_pages->setCurrentWidget(m_startPage);
    }
    Q_EMIT loadFailed(message);
}

void MainWindow::openSqlite()
{
    const QString path = FileDialogs::openFileName(
        this, tr("Open SQLite database"), {}, tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (path.isEmpty())
        return;
    m_request.database = u"sqlite://"_s + QFileInfo(path).absoluteFilePath();
    openProject(m_request);
}

void MainWindow::openPostgres()
{
    const Result<DatabaseUri> current = DatabaseUri::parse(m_request.database);
    connectToPostgres(current.ok() && current->dialect == Dialect::Postgres ? m_request.database : QString());
}

void MainWindow::connectToPostgres(const QString& uri)
{
    PostgresDialog dialog(this);
    if (!uri.isEmpty())
        dialog.setUri(RecentDatabases::withoutPassword(uri));
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The password rides in the request for this connection (and reloads of it) only;
    // openProject remembers the URI without it. The catalog and builds stay, as they
    // do when another SQLite file is opened.
    ProjectLoader::Request request = m_request;
    request.database = dialog.connectionUri();
    openProject(request);
}

void MainWindow::openCatalogFolder()
{
    const QString folder = FileDialogs::existingDirectory(this, tr("Open catalog folder"), m_request.migrations);
    if (folder.isEmpty())
        return;
    m_request.migrations = folder;
    reload();
}

void MainWindow::chooseLedgerTable()
{
    QInputDialog dialog(this);
    dialog.setObjectName(u"ledgerTableDialog"_s);
    dialog.setWindowTitle(tr("Ledger table"));
    dialog.setLabelText(tr("The table your app's migration runner records applied migrations in.\n"
                           "Backstep's own runner uses _migrations; a PostgreSQL name may carry its "
                           "schema (app.schema_ledger)."));
    dialog.setTextValue(m_request.ledgerTable);
    if (dialog.exec() == QDialog::Accepted)
        setLedgerTable(dialog.textValue());
}

void MainWindow::setLedgerTable(const QString& table)
{
    const QString name = table.trimmed();
    if (name.isEmpty() || name == m_request.ledgerTable)
        return;
    m_request.ledgerTable = name;
    reload();
}

void MainWindow::openBuildsFile()
{
    const QString file = FileDialogs::openFileName(
        this, tr("Open builds.json"), m_request.builds, tr("Builds files (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    m_request.builds = file;
    reload();
}

void MainWindow::openRecent(const QString& uri)
{
    // A server remembered without its password: ask again, prefilled. Left empty,
    // libpq looks in PGPASSWORD and ~/.pgpass as usual.
    const Result<DatabaseUri> parsed = DatabaseUri::parse(uri);
    if (parsed.ok() && parsed->dialect == Dialect::Postgres) {
        connectToPostgres(uri);
        return;
    }
    ProjectLoader::Request request;
    request.database = uri;
    openProject(request);
}

void MainWindow::rememberDatabase(const QString& uri)
{
    RecentDatabases::remember(uri);
    rebuildRecentMenu();
    m_startPage->setRecent(RecentDatabases::list());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentDatabases::list();
    for (const QString& uri : recent)
        m_recentMenu->addAction(uri, this, [this, uri] { openRecent(uri); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    if (openDroppedFiles(localFiles(event->mimeData())))
        event->acceptProposedAction();
}

bool MainWindow::openDroppedFiles(const QStringList& paths)
{
    ProjectLoader::Request request = m_request;
    bool newDatabase = false;
    bool changed = false;
    QStringList unsupported;
    for (const QString& path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        switch (droppedKind(path)) {
        case DroppedKind::Database:
            request.database = u"sqlite://"_s + absolute;
            newDatabase = changed = true;
            break;
        case DroppedKind::Catalog:
            request.migrations = absolute;
            changed = true;
            break;
        case DroppedKind::Builds:
            request.builds = absolute;
            changed = true;
            break;
        case DroppedKind::Unsupported:
            unsupported << QFileInfo(path).fileName();
            break;
        }
    }
    if (!unsupported.isEmpty()) {
        const QString headline = tr("\u2718 Cannot open what was dropped");
        const QString message = tr("%1: not a SQLite database, a catalog folder or a builds.json.")
                                    .arg(unsupported.join(u", "_s));
        if (m_hasSnapshot)
            m_banner->setMessage(headline, message, DecisionBanner::Tone::Bad);
        else
            m_startPage->setMessage(headline, message, DecisionBanner::Tone::Bad);
    }
    if (!changed)
        return false;
    if (request.database.isEmpty()) {
        // A catalog or builds.json alone waits for its database.
        m_request = request;
        const QString kept
            = QFileInfo(request.migrations.isEmpty() ? request.builds : request.migrations).fileName();
        m_startPage->setMessage(tr("Kept %1").arg(kept), tr("Now open or drop the database it goes with."),
            DecisionBanner::Tone::Neutral);
        return true;
    }
    if (newDatabase)
        openProject(request);
    else {
        m_request = request;
        reload();
    }
    return true;
}

void MainWindow::exportWithDialog(std::optional<ExportWriter::Format> format)
{
    const QStringList filters = ExportWriter::fileFilters();
    const ExportWriter::Format proposed = format.value_or(ExportWriter::Format::Png);
    const QString base = ExportWriter::isPicture(proposed)
        ? u"backstep-timeline"_s
        : u"backstep-simulation-"_s + m_targetCombo->currentText().remove(u'#');
    QString filter = filters.at(int(proposed));
    QString path = FileDialogs::saveFileName(this, tr("Export"), base + u'.' + ExportWriter::suffix(proposed),
        format ? filter : filters.join(u";;"_s), &filter);
    if (path.isEmpty())
        return;
    // A name typed without a known extension takes the chosen filter's.
    if (!ExportWriter::formatFor(path) && filters.contains(filter))
        path += u'.' + ExportWriter::suffix(ExportWriter::Format(filters.indexOf(filter)));
    const Result<void> written = exportTo(path);
    if (!written.ok()) {
        m_banner->setMessage(tr("\u2718 Export failed"), written.error().message, DecisionBanner::Tone::Bad);
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
}

Result<void> MainWindow::exportTo(const QString& path)
{
    if (!m_hasSnapshot)
        return makeError(Error::Code::Usage, tr("Nothing to export: no database is open."));
    const std::optional<ExportWriter::Format> format = ExportWriter::formatFor(path);
    if (!format)
        return makeError(Error::Code::Usage,
            tr("%1: unknown export format; use .png, .svg, .pdf, .md or .json.").arg(QFileInfo(path).fileName()));
    const QString build = m_targetCombo->currentText();
    if (ExportWriter::isPicture(*format))
        return ExportWriter::writePicture(
            *format, path, m_timelinePane, tr("Backstep timeline of %1").arg(m_snapshot.database));
    if (m_targetCombo->currentIndex() < 0)
        return makeError(Error::Code::Usage, tr("Nothing to export: choose a target build first."));
    const qint64 maxId = m_targetCombo->currentData().toLongLong();
    return ExportWriter::writeReport(*format, path, m_snapshot, build, m_snapshot.decisionFor(maxId));
}

} // namespace backstep::ui
