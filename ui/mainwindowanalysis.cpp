// MainWindow: the analysis that arrives after the snapshot is shown. LoadJob hands
// it over in batches; each batch is applied to the snapshot and from there to the
// table's rows, the timeline's nodes, the strip and the banner, without a reset, so
// the person can work with the ledger while the catalog is analysed.

#include "mainwindow.h"

#include "decisionbanner.h"
#include "details/detailspanel.h"
#include "loadjob.h"
#include "models/ledgertablemodel.h"
#include "timeline/buildstripview.h"
#include "timeline/timelineview.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>

namespace backstep::ui {

using namespace Qt::StringLiterals;

// Right after the snapshot: either analysis runs on (progress and Cancel stay), or
// loading is over.
void MainWindow::showLoadingProgress()
{
    const bool analysing = m_job->isAnalysing();
    m_progress->setVisible(analysing);
    m_cancelButton->setVisible(analysing);
    if (!analysing)
        return;
    const int total = int(m_snapshot.catalog.size());
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_noteLabel->setText(tr("Analysing %1/%2").arg(0).arg(total));
    m_cancelButton->setToolTip(tr("Stop analysing; the ledger stays shown (Esc)"));
}

void MainWindow::applyAnalyses(const QVector<MigrationAnalysis>& analyses)
{
    QVector<TimelineEntry> changed;
    QList<qint64> ids;
    changed.reserve(analyses.size());
    for (const MigrationAnalysis& analysis : analyses) {
        if (const TimelineEntry* entry = m_snapshot.applyAnalysis(analysis)) {
            changed.append(*entry);
            ids.append(entry->id);
        }
    }
    m_model->updateEntries(changed);
    m_timeline->updateEntries(changed);
    m_strip->updateDecisions(m_snapshot);
    showDecision();
    updateStatusCounts();
    if (const std::optional<qint64> selected = selectedId(); selected && ids.contains(*selected))
        tableSelectionChanged(); // the details panel shows the new verdict
    Q_EMIT migrationsAnalysed(ids);
}

void MainWindow::finishAnalysis(const QString& note)
{
    m_snapshot.analysisNote = note;
    m_progress->hide();
    m_cancelButton->hide();
    showAnalysisNote();
    // The column was sized for "not analysed yet"; verdicts such as a bold
    // "breaking (mislabelled)" are wider.
    m_table->resizeColumnToContents(LedgerTableModel::AnalysisColumn);
    // Analysis can change which row blocks first; follow it unless the person has
    // moved on to another row meanwhile.
    if (selectedId() == m_automaticSelection)
        selectFirstBlocking();
    Q_EMIT projectLoaded();
}

// Cancelled or failed: what arrived stays, the rest is no longer "on its way".
void MainWindow::stopAnalysis(const QString& note)
{
    const QVector<TimelineEntry> abandoned = m_snapshot.abandonPendingAnalysis();
    m_model->updateEntries(abandoned);
    m_timeline->updateEntries(abandoned);
    m_snapshot.analysisNote = note;
    m_progress->hide();
    m_cancelButton->hide();
    showAnalysisNote();
}

void MainWindow::analysisFailed(const QString& message)
{
    stopAnalysis(tr("analysis failed: %1").arg(message));
    // Above the project, which stays usable with its recorded flags.
    m_banner->setMessage(tr("\u2718 Could not analyse the catalog"), message, DecisionBanner::Tone::Bad);
    Q_EMIT loadFailed(message);
}

void MainWindow::showAnalysisNote()
{
    m_noteLabel->setText(m_snapshot.analysisNote.isEmpty() ? QString() : u"\u00b7 "_s + m_snapshot.analysisNote);
}

std::optional<qint64> MainWindow::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first().data(LedgerTableModel::IdRole).toLongLong();
}

} // namespace backstep::ui
