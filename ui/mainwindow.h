#pragma once

#include "common/result.h"
#include "exportwriter.h"
#include "project/projectloader.h"
#include "project/projectsnapshot.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTemporaryDir;

namespace backstep::ui {

class BuildStripView;
class DecisionBanner;
class DetailsPanel;
class LedgerTableModel;
class LoadJob;
class RehearsalDialog;
class StartPage;
class TimelineView;

// Backstep's main window: the gate's decision for the chosen build first, then the
// ledger as a timeline with the boot/refuse strip of every build, a table and the
// details of the selected migration. While nothing is open it shows the start page.
// It opens databases read-only through LoadJob (off the GUI thread) and shows the
// resulting ProjectSnapshot as soon as it is read; with a catalog, each migration's
// analysis is then applied to it as it arrives. It never touches a database itself.
// GUI thread only.
//
// mainwindow.cpp lays out the window and follows the target and the selection;
// mainwindowanalysis.cpp follows the analysis arriving after the snapshot;
// mainwindowfiles.cpp opens, drops, remembers and exports.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openProject(const ProjectLoader::Request& request);
    // A fresh copy of the demo bundled in the executable, in a folder that lives as
    // long as the window.
    void openDemo();
    // A build version from builds.json, or a migration id ("34" or "#34") as a virtual
    // build. Applied now if a snapshot is shown, otherwise when the load finishes.
    void setTarget(const QString& versionOrId);
    // "Rehearse rollback…": opens the rehearsal dialog for the chosen target build, or
    // returns nullptr (with the reason in the banner) when there is nothing to rehearse.
    RehearsalDialog* rehearseRollback();
    // Writes the timeline (.png, .svg, .pdf) or the simulation of the target build
    // (.md, .json), the format chosen by the file's extension.
    Result<void> exportTo(const QString& path);
    // Opens what was dropped: a SQLite file as the database, a folder as the catalog,
    // a .json file as builds.json. Returns false when nothing could be used.
    bool openDroppedFiles(const QStringList& paths);
    // The table the app's migration runner keeps its ledger in (default _migrations);
    // the database open, if any, is read again with it. An empty name is ignored.
    void setLedgerTable(const QString& table);

Q_SIGNALS:
    // The snapshot is shown with the ledger's recorded flags; analysis may follow.
    void snapshotShown();
    // These entries got their analysis (banner, strip, table and timeline updated).
    void migrationsAnalysed(const QList<qint64>& ids);
    // Loading is complete: the snapshot is shown and fully analysed (or there was
    // nothing to analyse). Screenshots and exports wait for this.
    void projectLoaded();
    // Reading, or analysis after the snapshot, failed; the message says why.
    void loadFailed(const QString& message);
    // Analysis was cancelled; the snapshot stays shown with what had arrived.
    void analysisCanceled();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createFileMenu();
    void createExportMenu(QMenu* file);
    void createToolBar();
    void createCentralWidget();
    QWidget* createProjectPage();
    void createStatusBar();
    void restoreWindowState();
    void saveWindowState() const;

    void openSqlite();
    void openPostgres();
    void connectToPostgres(const QString& uri);
    void openCatalogFolder();
    void openBuildsFile();
    void chooseLedgerTable();
    void openRecent(const QString& uri);
    void rememberDatabase(const QString& uri);
    void rebuildRecentMenu();
    void reload();
    void startLoading(const QString& source);
    void cancelLoading();
    void exportWithDialog(std::optional<ExportWriter::Format> format);

    void showSnapshot(const ProjectSnapshot& snapshot);
    void showLoadingProgress();
    void applyAnalyses(const QVector<MigrationAnalysis>& analyses);
    void finishAnalysis(const QString& note);
    void stopAnalysis(const QString& note);
    void analysisFailed(const QString& message);
    void showAnalysisNote();
    void showDecision();
    std::optional<qint64> selectedId() const;
    void showLoadError(const QString& message);
    void loadCanceled();
    void fillTargetCombo();
    int targetIndexFor(qint64 maxId) const;
    int addVirtualBuild(qint64 maxId);
    bool applyTarget(const QString& versionOrId);
    void targetChanged();
    void selectFirstBlocking();
    void stepTarget(int delta);
    void updateStatusCounts();

    void selectEntry(qint64 id);
    void tableSelectionChanged();

    ProjectLoader::Request m_request;
    ProjectSnapshot m_snapshot;
    bool m_hasSnapshot = false;
    std::optional<QString> m_pendingTarget;
    // What the window selected by itself on showing the snapshot: replaced by the
    // analysed first blocking row when analysis ends, unless the person chose another.
    std::optional<qint64> m_automaticSelection;
    std::unique_ptr<QTemporaryDir> m_demoFolder;
    int m_demoCount = 0;

    LoadJob* m_job = nullptr;
    LedgerTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QStackedWidget* m_pages = nullptr;
    StartPage* m_startPage = nullptr;
    QWidget* m_projectPage = nullptr;
    DecisionBanner* m_banner = nullptr;
    QWidget* m_timelinePane = nullptr;
    TimelineView* m_timeline = nullptr;
    BuildStripView* m_strip = nullptr;
    QTableView* m_table = nullptr;
    QSplitter* m_splitter = nullptr;
    QSplitter* m_verticalSplitter = nullptr;
    DetailsPanel* m_details = nullptr;
    QComboBox* m_targetCombo = nullptr;
    QLineEdit* m_filter = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_sourceLabel = nullptr;
    QLabel* m_countsLabel = nullptr;
    QLabel* m_noteLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QAction* m_simulateNext = nullptr;
    QAction* m_simulatePrevious = nullptr;
    QAction* m_rehearse = nullptr;
    QList<QAction*> m_needsProject; // enabled once a snapshot is shown
};

} // namespace backstep::ui
