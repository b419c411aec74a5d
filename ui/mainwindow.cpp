#include "mainwindow.h"

#include "db/databaseuri.h"
#include "decisionbanner.h"
#include "details/detailspanel.h"
#include "loadjob.h"
#include "models/ledgertablemodel.h"
#include "recentdatabases.h"
#include "startpage.h"
#include "timeline/buildstripview.h"
#include "timeline/timelinelegend.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace backstep::ui {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_job(new LoadJob(this))
    , m_model(new LedgerTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Backstep"));
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LedgerTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    createActions();
    createToolBar();
    createCentralWidget();
    createStatusBar();
    for (QAction* action : std::as_const(m_needsProject))
        action->setEnabled(false);
    // Nothing to choose or filter on the start page.
    m_targetCombo->setEnabled(false);
    m_filter->setEnabled(false);
    connect(m_job, &LoadJob::loaded, this, &MainWindow::showSnapshot);
    connect(m_job, &LoadJob::failed, this, &MainWindow::showLoadError);
    connect(m_job, &LoadJob::canceled, this, &MainWindow::loadCanceled);
    connect(m_job, &LoadJob::migrationsAnalysed, this, &MainWindow::applyAnalyses);
    connect(m_job, &LoadJob::analysisFinished, this, &MainWindow::finishAnalysis);
    connect(m_job, &LoadJob::analysisFailed, this, &MainWindow::analysisFailed);
    connect(m_job, &LoadJob::analysisCanceled, this, [this] {
        stopAnalysis(tr("analysis cancelled"));
        Q_EMIT analysisCanceled();
    });
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
    createFileMenu();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_needsProject << view->addAction(
        tr("&Fit timeline"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] { m_timeline->fitToWindow(); });
    m_needsProject << view->addAction(tr("&Boot strip"), QKeySequence(Qt::CTRL | Qt::Key_B), this,
        [this] { m_strip->setFocus(Qt::ShortcutFocusReason); });

    QMenu* simulate = menuBar()->addMenu(tr("&Simulate"));
    m_simulateNext = simulate->addAction(
        tr("&Next older build"), QKeySequence(Qt::CTRL | Qt::Key_Right), this, [this] { stepTarget(+1); });
    m_simulatePrevious = simulate->addAction(
        tr("&Previous (newer) build"), QKeySequence(Qt::CTRL | Qt::Key_Left), this, [this] { stepTarget(-1); });
    simulate->addSeparator();
    m_rehearse = simulate->addAction(tr("&Rehearse rollback\u2026"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
        [this] { rehearseRollback(); });
    m_rehearse->setObjectName(u"rehearseAction"_s);
    m_rehearse->setToolTip(tr("Run the target build's reads and writes against a copy or a rolled-back "
                              "transaction of this database (Ctrl+R)"));
    m_needsProject << m_simulateNext << m_simulatePrevious << m_rehearse;
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
    bar->addAction(m_rehearse);
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
    m_startPage = new StartPage(this);
    m_projectPage = createProjectPage();
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_startPage);
    m_pages->addWidget(m_projectPage);
    setCentralWidget(m_pages);
    m_startPage->setRecent(RecentDatabases::list());

    connect(m_startPage, &StartPage::openSqliteRequested, this, &MainWindow::openSqlite);
    connect(m_startPage, &StartPage::openPostgresRequested, this, &MainWindow::openPostgres);
    connect(m_startPage, &StartPage::openDemoRequested, this, &MainWindow::openDemo);
    connect(m_startPage, &StartPage::recentChosen, this, &MainWindow::openRecent);
}

QWidget* MainWindow::createProjectPage()
{
    auto* page = new QWidget(this);
    m_banner = new DecisionBanner(page);
    m_banner->setObjectName(u"decisionBanner"_s);
    m_timeline = new TimelineView(page);
    m_timeline->setAccessibleName(tr("Ledger timeline"));
    m_timeline->setMinimumHeight(160);
    m_strip = new BuildStripView(m_timeline, page);

    m_table = new QTableView(page);
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
    m_details = new DetailsPanel(page);

    m_splitter = new QSplitter(Qt::Horizontal, page);
    m_splitter->setObjectName(u"tableDetailsSplitter"_s);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({ 820, 440 });

    // The strip and the legend travel with the timeline when the splitter moves; the
    // strip shares the timeline's left edge and width, so its markers line up.
    m_timelinePane = new QWidget(page);
    m_timelinePane->setObjectName(u"timelinePane"_s);
    auto* timelineLayout = new QVBoxLayout(m_timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(2);
    timelineLayout->addWidget(m_timeline, 1);
    timelineLayout->addWidget(m_strip);
    timelineLayout->addWidget(new TimelineLegend(m_timelinePane));

    m_verticalSplitter = new QSplitter(Qt::Vertical, page);
    m_verticalSplitter->setObjectName(u"timelineTableSplitter"_s);
    m_verticalSplitter->addWidget(m_timelinePane);
    m_verticalSplitter->addWidget(m_splitter);
    m_verticalSplitter->setStretchFactor(0, 2);
    m_verticalSplitter->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_verticalSplitter, 1);

    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::tableSelectionChanged);
    connect(m_timeline, &TimelineView::entrySelected, this, &MainWindow::selectEntry);
    connect(m_timeline, &TimelineView::targetDragged, this,
        [this](qint64 maxId) { m_targetCombo->setCurrentIndex(addVirtualBuild(maxId)); });
    connect(m_strip, &BuildStripView::buildChosen, this, [this](const QString& version) { applyTarget(version); });
    return page;
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
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(u"cancelLoadButton"_s);
    m_cancelButton->setAccessibleName(tr("Cancel loading"));
    m_cancelButton->setToolTip(tr("Stop opening this database (Esc)"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelLoading);
    m_countsLabel->setAccessibleName(tr("Migration counts"));
    m_noteLabel->setObjectName(u"analysisNote"_s);
    m_noteLabel->setAccessibleName(tr("Analysis note"));
    statusBar()->addWidget(m_sourceLabel);
    statusBar()->addWidget(m_countsLabel);
    statusBar()->addWidget(m_noteLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1280, 860);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"mainWindow/splitter"_s).toByteArray());
    m_verticalSplitter->restoreState(settings.value(u"mainWindow/verticalSplitter"_s).toByteArray());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"mainWindow/splitter"_s, m_splitter->saveState());
    settings.setValue(u"mainWindow/verticalSplitter"_s, m_verticalSplitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    m_job->cancel();
    event->accept();
}

void MainWindow::showSnapshot(const ProjectSnapshot& snapshot)
{
    m_snapshot = snapshot;
    m_hasSnapshot = true;
    m_request = m_job->loadedRequest();
    m_startPage->clearMessage();
    m_pages->setCurrentWidget(m_projectPage);
    for (QAction* action : std::as_const(m_needsProject))
        action->setEnabled(true);
    m_targetCombo->setEnabled(true);
    m_filter->setEnabled(true);
    m_sourceLabel->setText(tr("%1 \u00b7 read-only \u00b7 ledger %2").arg(snapshot.database, snapshot.ledgerTable));
    showAnalysisNote();
    setWindowTitle(tr("Backstep \u2014 %1 (read-only)").arg(snapshot.database));
    m_model->setEntries(snapshot.entries);
    m_table->resizeColumnsToContents();
    m_timeline->setSnapshot(snapshot);
    m_strip->setSnapshot(snapshot);
    // Without builds.json there is no build to answer for; the handle still simulates any point.
    m_strip->setVisible(!snapshot.builds.isEmpty());
    m_details->setEntry(std::nullopt);
    updateStatusCounts();
    fillTargetCombo();
    if (m_pendingTarget.has_value())
        applyTarget(*std::exchange(m_pendingTarget, std::nullopt));
    targetChanged();
    selectFirstBlocking();
    m_automaticSelection = selectedId();
    showLoadingProgress();
    Q_EMIT snapshotShown();
}

void MainWindow::updateStatusCounts()
{
    int applied = 0;
    int pending = 0;
    int breaking = 0;
    int mislabelled = 0;
    for (const TimelineEntry& entry : std::as_const(m_snapshot.entries)) { // no detach: 100k rows
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
        m_strip->setTarget(std::nullopt);
        return;
    }
    const qint64 maxId = m_targetCombo->itemData(index).toLongLong();
    m_timeline->setTarget(maxId);
    m_strip->setTarget(maxId);
    showDecision();
}

void MainWindow::showDecision()
{
    const int index = m_targetCombo->currentIndex();
    if (!m_hasSnapshot || index < 0)
        return;
    const qint64 maxId = m_targetCombo->itemData(index).toLongLong();
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
