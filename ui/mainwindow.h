#pragma once

#include "project/projectloader.h"
#include "project/projectsnapshot.h"

#include <QMainWindow>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace backstep::ui {

class DecisionBanner;
class DetailsPanel;
class LedgerTableModel;
class LoadJob;
class TimelineView;

// Backstep's main window: the gate's decision for the chosen build first, then the
// ledger as a timeline, a table and the details of the selected migration. It opens
// databases read-only through LoadJob (off the GUI thread) and shows the resulting
// ProjectSnapshot; it never touches a database itself. GUI thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openProject(const ProjectLoader::Request& request);
    // A build version from builds.json, or a migration id ("34" or "#34") as a virtual
    // build. Applied now if a snapshot is shown, otherwise when the load finishes.
    void setTarget(const QString& versionOrId);

Q_SIGNALS:
    void projectLoaded();
    void loadFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createToolBar();
    void createCentralWidget();
    void createStatusBar();
    void restoreWindowState();
    void saveWindowState() const;

    void openSqlite();
    void openPostgres();
    void openCatalogFolder();
    void openBuildsFile();
    void rememberDatabase(const QString& uri);
    void rebuildRecentMenu();
    void reload();

    void showSnapshot(const ProjectSnapshot& snapshot);
    void showLoadError(const QString& message);
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

    LoadJob* m_job = nullptr;
    LedgerTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    DecisionBanner* m_banner = nullptr;
    TimelineView* m_timeline = nullptr;
    QTableView* m_table = nullptr;
    QSplitter* m_splitter = nullptr;
    DetailsPanel* m_details = nullptr;
    QComboBox* m_targetCombo = nullptr;
    QLineEdit* m_filter = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_sourceLabel = nullptr;
    QLabel* m_countsLabel = nullptr;
    QLabel* m_noteLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QAction* m_simulateNext = nullptr;
    QAction* m_simulatePrevious = nullptr;
};

} // namespace backstep::ui
