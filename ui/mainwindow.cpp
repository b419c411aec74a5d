#include "mainwindow.h"

#include "db/databaseuri.h"
#include "decisionbanner.h"
#include "details/detailspanel.h"
#include "loadjob.h"
#include "models/ledgertablemodel.h"
#include "timeline/timelinelegend.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {
constexpr int maxRecent = 8;
const QString recentKey = u"recentDatabases"_s;

// What Recent may keep of a URI: never its password, which libpq finds again in
// its usual places.
QString withoutPassword(const QString& uri)
{
    const Result<DatabaseUri> parsed = DatabaseUri::parse(uri);
    if (!parsed.ok() || parsed->password.isEmpty())
        return uri;
    QString stripped = uri;
    return stripped.replace(u':' + parsed->password + u'@', u"@"_s);
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_job(new LoadJob(this))
    , m_model(new LedgerTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Backstep"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LedgerTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    createActions();
    createToolBar();
    createCentralWidget();
    createStatusBar();
    connect(m_job, &LoadJob::loaded, this, &MainWindow::showSnapshot);
    connect(m_job, &LoadJob::failed, this, &MainWindow::showLoadError);
    connect(m_job, &LoadJob::progressChanged, this, [this](const QString& step, int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_noteLabel->setText(step);
    });
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &SQLite\u2026"), QKeySequence::Open, this, &MainWindow::openSqlite);
    file->addAction(tr("Open &PostgreSQL\u2026"), this, &MainWindow::openPostgres);
    file->addAction(tr("Open &catalog folder\u2026"), this, &MainWindow::openCatalogFolder);
    file->addAction(tr("Open &builds.json\u2026"), this, &MainWindow::openBuildsFile);
    m_recentMenu = file->addMenu(tr("&Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(
        tr("&Fit timeline"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] { m_timeline->fitToWindow(); });

    QMenu* simulate = menuBar()->addMenu(tr("&Simulate"));
    m_simulateNext = simulate->addAction(
        tr("&Next older build"), QKeySequence(Qt::CTRL | Qt::Key_Right), this, [this] { stepTarget(+1); });
    m_simulatePrevious = simulate->addAction(
        tr("&Previous (newer) build"), QKeySequence(Qt::CTRL | Qt::Key_Left), this, [this] { stepTarget(-1); });
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setMovable(false);
    auto* label = new QLabel(tr("Target build "), bar);
    m_targetCombo = new QComboBox(bar);
    m_targetCombo->setObjectName(u"targetCombo"_s);
    m_targetCombo->setAccessibleName(tr("Target build"));
    m_targetCombo->setMinimumContentsLength(10);
    m_targetCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_targetCombo);
    bar->addWidget(label);
    bar->addWidget(m_targetCombo);
    m_simulateNext->setIconText(tr("Simulate older \u25c2"));
    m_simulateNext->setToolTip(tr("Step to the next older build (Ctrl+Right)"));
    bar->addAction(m_simulateNext);
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this, &MainWindow::targetChanged);

    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_filter = new QLineEdit(bar);
    m_filter->setPlaceholderText(tr("Filter migrations (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter migrations"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(220);
    bar->addWidget(m_filter);
    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(focusFilter);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void MainWindow::createCentralWidget()
{
    m_banner = new DecisionBanner(this);
    m_timeline = new TimelineView(this);
    m_timeline->setAccessibleName(tr("Ledger timeline"));
    m_timeline->setMinimumHeight(160);

    m_table = new QTableView(this);
    m_table->setObjectName(u"ledgerTable"_s);
    m_table->setAccessibleName(tr("Migrations"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LedgerTableModel::IdColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details = new DetailsPanel(this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"tableDetailsSplitter"_s);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({ 820, 440 });

    // The legend travels with the timeline when the splitter moves.
    auto* timelinePane = new QWidget(this);
    auto* timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(2);
    timelineLayout->addWidget(m_timeline, 1);
    timelineLayout->addWidget(new TimelineLegend(timelinePane));

    auto* verticalSplitter = new QSplitter(Qt::Vertical, this);
    verticalSplitter->addWidget(timelinePane);
    verticalSplitter->addWidget(m_splitter);
    verticalSplitter->setStretchFactor(0, 2);
    verticalSplitter->setStretchFactor(1, 3);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(verticalSplitter, 1);
    setCentralWidget(central);

    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::tableSelectionChanged);
    connect(m_timeline, &TimelineView::entrySelected, this, &MainWindow::selectEntry);
    connect(m_timeline, &TimelineView::targetDragged, this,
        [this](qint64 maxId) { m_targetCombo->setCurrentIndex(addVirtualBuild(maxId)); });
}

void MainWindow::createStatusBar()
{
    m_sourceLabel = new QLabel(tr("No database"), this);
    m_countsLabel = new QLabel(this);
    m_noteLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setAccessibleName(tr("Loading progress"));
    m_progress->hide();
    m_countsLabel->setAccessibleName(tr("Migration counts"));
    m_noteLabel->setAccessibleName(tr("Analysis note"));
    statusBar()->addWidget(m_sourceLabel);
    statusBar()->addWidget(m_countsLabel);
    statusBar()->addWidget(m_noteLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1280, 860);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"mainWindow/splitter"_s).toByteArray());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"mainWindow/splitter"_s, m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    m_job->cancel();
    event->accept();
}

void MainWindow::openProject(const ProjectLoader::Request& request)
{
    m_request = request;
    rememberDatabase(request.database);
    reload();
}

void MainWindow::reload()
{
    if (m_request.database.isEmpty())
        return;
    const Result<DatabaseUri> uri = DatabaseUri::parse(m_request.database);
    m_sourceLabel->setText(uri.ok() ? uri->redacted() : m_request.database);
    m_banner->setMessage(
        tr("Loading\u2026"), tr("Reading the ledger and analysing the catalog."), DecisionBanner::Tone::Neutral);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_job->start(m_request);
}

void MainWindow::openSqlite()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open SQLite database"), {}, tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (path.isEmpty())
        return;
    m_request.database = u"sqlite://"_s + QFileInfo(path).absoluteFilePath();
    openProject(m_request);
}

void MainWindow::openPostgres()
{
    bool accepted = false;
    const QString uri = QInputDialog::getText(this, tr("Open PostgreSQL database"),
        tr("URI (postgres://user@host:5432/db). The password comes from PGPASSWORD or ~/.pgpass; "
           "one typed here is used once and never stored."),
        QLineEdit::Normal, u"postgres://"_s, &accepted);
    if (!accepted || uri.trimmed().isEmpty())
        return;
    m_request.database = uri.trimmed();
    openProject(m_request);
}

void MainWindow::openCatalogFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open catalog folder"), m_request.migrations);
    if (folder.isEmpty())
        return;
    m_request.migrations = folder;
    reload();
}

void MainWindow::openBuildsFile()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open builds.json"), m_request.builds, tr("Builds files (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    m_request.builds = file;
    reload();
}

void MainWindow::rememberDatabase(const QString& uri)
{
    QSettings settings;
    QStringList recent = settings.value(recentKey).toStringList();
    const QString kept = withoutPassword(uri);
    recent.removeAll(kept);
    recent.prepend(kept);
    settings.setValue(recentKey, recent.mid(0, maxRecent));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(recentKey).toStringList();
    for (const QString& uri : recent) {
        m_recentMenu->addAction(uri, this, [this, uri] {
            m_request.database = uri;
            openProject(m_request);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showSnapshot(const ProjectSnapshot& snapshot)
{
    m_snapshot = snapshot;
    m_hasSnapshot = true;
    m_progress->hide();
    m_sourceLabel->setText(tr("%1 \u00b7 read-only \u00b7 ledger %2").arg(snapshot.database, snapshot.ledgerTable));
    m_noteLabel->setText(snapshot.analysisNote.isEmpty() ? QString() : u"\u00b7 "_s + snapshot.analysisNote);
    setWindowTitle(tr("Backstep \u2014 %1 (read-only)").arg(snapshot.database));
    m_model->setEntries(snapshot.entries);
    m_table->resizeColumnsToContents();
    m_timeline->setSnapshot(snapshot);
    m_details->setEntry(std::nullopt);
    updateStatusCounts();
    fillTargetCombo();
    if (m_pendingTarget.has_value())
        applyTarget(*std::exchange(m_pendingTarget, std::nullopt));
    targetChanged();
    selectFirstBlocking();
    Q_EMIT projectLoaded();
}

void MainWindow::showLoadError(const QString& message)
{
    m_progress->hide();
    m_noteLabel->clear();
    m_banner->setMessage(tr("\u2718 Could not open the database"), message, DecisionBanner::Tone::Bad);
    Q_EMIT loadFailed(message);
}

void MainWindow::updateStatusCounts()
{
    int applied = 0;
    int pending = 0;
    int breaking = 0;
    int mislabelled = 0;
    for (const TimelineEntry& entry : m_snapshot.entries) {
        (entry.state == TimelineEntry::State::Applied ? applied : pending) += 1;
        breaking += entry.verdict == Verdict::Breaking ? 1 : 0;
        mislabelled += entry.mislabelled() ? 1 : 0;
    }
    m_countsLabel->setText(tr("\u00b7 %1 applied \u00b7 %2 pending \u00b7 %3 breaking \u00b7 %4 mislabelled")
                               .arg(applied)
                               .arg(pending)
                               .arg(breaking)
                               .arg(mislabelled));
}

void MainWindow::fillTargetCombo()
{
    const QSignalBlocker blocker(m_targetCombo);
    m_targetCombo->clear();
    // Newest first, so "next" in the combo is the next older build.
    for (auto build = m_snapshot.builds.crbegin(); build != m_snapshot.builds.crend(); ++build)
        m_targetCombo->addItem(build->version, build->maxId);
    if (m_targetCombo->count() == 0 && m_snapshot.head().has_value())
        addVirtualBuild(m_snapshot.head().value());
    m_targetCombo->setCurrentIndex(0);
}

int MainWindow::targetIndexFor(qint64 maxId) const
{
    for (int index = 0; index < m_targetCombo->count(); ++index) {
        if (m_targetCombo->itemData(index).toLongLong() == maxId)
            return index;
    }
    return -1;
}

int MainWindow::addVirtualBuild(qint64 maxId)
{
    const QString name = u"#"_s + QString::number(maxId);
    const int existing = m_targetCombo->findText(name);
    if (existing >= 0)
        return existing;
    // Keep the list ordered newest first so stepping through it stays monotonic.
    int position = 0;
    while (position < m_targetCombo->count() && m_targetCombo->itemData(position).toLongLong() >= maxId)
        ++position;
    const QSignalBlocker blocker(m_targetCombo);
    m_targetCombo->insertItem(position, name, maxId);
    return position;
}

void MainWindow::setTarget(const QString& versionOrId)
{
    if (!m_hasSnapshot || m_job->isRunning()) {
        m_pendingTarget = versionOrId;
        return;
    }
    applyTarget(versionOrId);
}

bool MainWindow::applyTarget(const QString& versionOrId)
{
    const int byVersion = m_targetCombo->findText(versionOrId);
    if (byVersion >= 0) {
        m_targetCombo->setCurrentIndex(byVersion);
        return true;
    }
    bool isNumber = false;
    const qint64 id = QString(versionOrId).remove(u'#').toLongLong(&isNumber);
    if (!isNumber || id <= 0) {
        m_banner->setMessage(tr("Unknown target build \u201c%1\u201d").arg(versionOrId),
            tr("Give a version from builds.json or a migration id."), DecisionBanner::Tone::Warning);
        return false;
    }
    m_targetCombo->setCurrentIndex(addVirtualBuild(id));
    return true;
}

void MainWindow::targetChanged()
{
    const int index = m_targetCombo->currentIndex();
    m_simulateNext->setEnabled(index >= 0 && index + 1 < m_targetCombo->count());
    m_simulatePrevious->setEnabled(index > 0);
    if (!m_hasSnapshot || index < 0) {
        m_timeline->setTarget(std::nullopt);
        return;
    }
    const qint64 maxId = m_targetCombo->itemData(index).toLongLong();
    m_timeline->setTarget(maxId);
    m_banner->setDecision(m_targetCombo->itemText(index), m_snapshot.decisionFor(maxId));
}

// Opens on the migration most likely to matter: the first one stopping the target.
void MainWindow::selectFirstBlocking()
{
    const int index = m_targetCombo->currentIndex();
    if (index < 0)
        return;
    const GateDecision decision = m_snapshot.decisionFor(m_targetCombo->itemData(index).toLongLong());
    if (!decision.blocking.isEmpty())
        selectEntry(decision.blocking.first().id);
}

void MainWindow::stepTarget(int delta)
{
    const int index = m_targetCombo->currentIndex() + delta;
    if (index >= 0 && index < m_targetCombo->count())
        m_targetCombo->setCurrentIndex(index);
}

void MainWindow::selectEntry(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        // Filtered out: clear the filter rather than show details of a hidden row.
        m_filter->clear();
        selectEntry(id);
        return;
    }
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Deferred: right after a load the view has not laid out its rows yet.
    QTimer::singleShot(0, m_table, [table = m_table, index = QPersistentModelIndex(index)] {
        if (!index.isValid())
            return;
        table->doItemsLayout();
        table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    });
}

void MainWindow::tableSelectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_details->setEntry(std::nullopt);
        m_timeline->setSelectedId(std::nullopt);
        return;
    }
    const auto entry = rows.first().data(LedgerTableModel::EntryRole).value<TimelineEntry>();
    m_details->setEntry(entry);
    m_timeline->setSelectedId(entry.id);
}

} // namespace backstep::ui
