#pragma once

#include "common/dialect.h"
#include "common/result.h"
#include "rehearsal/rehearsalreport.h"
#include "rehearsal/rehearsalrequest.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace backstep::ui {

class RehearsalJob;
class RehearsalResultTree;

// "Rehearse rollback…": runs DESIGN.md's rehearsal for one build against the open
// database, off the GUI thread with progress and cancel, then shows the one-line
// verdict and the result per step and per table, exportable as Markdown and JSON.
// The request names the database, catalog and build; the dialog adds the options a
// person chooses here (probe a refused build too, the PostgreSQL scratch server).
class RehearsalDialog : public QDialog
{
    Q_OBJECT

public:
    RehearsalDialog(const RehearsalRequest& request, Dialect dialect, QWidget* parent = nullptr);
    ~RehearsalDialog() override;

    // Starts the rehearsal with the options as they are in the dialog.
    void start();
    bool isRunning() const;
    QString verdictText() const;
    QString selectedLineText() const;
    RehearsalResultTree* resultTree() const
    {
        return m_tree;
    }
    const std::optional<RehearsalReport>& report() const
    {
        return m_report;
    }
    Result<void> exportMarkdown(const QString& path) const;
    Result<void> exportJson(const QString& path) const;

    // Settings key of the scratch server (stored without a password).
    static QString scratchSettingsKey();

Q_SIGNALS:
    // The rehearsal ended: with a report, an error, or a cancel.
    void rehearsalEnded();

public Q_SLOTS:
    void reject() override;

private:
    void createWidgets(Dialect dialect);
    void setRunning(bool running);
    void showProgress(const QString& step, int done, int total);
    void showReport(const RehearsalReport& report);
    void showFailure(const QString& message);
    void showCanceled();
    void ended();
    void askAndExport(const QString& filter, const QString& suffix, bool markdown);

    RehearsalRequest m_request;
    std::optional<RehearsalReport> m_report;
    bool m_closeWhenEnded = false;

    RehearsalJob* m_job = nullptr;
    QLabel* m_intro = nullptr;
    QCheckBox* m_probeRefused = nullptr;
    QLineEdit* m_scratch = nullptr;
    QLabel* m_step = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_selected = nullptr; // the chosen line in full: engine messages are long
    RehearsalResultTree* m_tree = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_exportMarkdown = nullptr;
    QPushButton* m_exportJson = nullptr;
};

} // namespace backstep::ui
