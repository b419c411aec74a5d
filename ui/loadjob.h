#pragma once

#include "project/projectloader.h"
#include "project/projectsnapshot.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>

namespace backstep::ui {

// Loads a project on worker threads (QtConcurrent) in two steps and reports back on
// the GUI thread: ProjectLoader::read, then `loaded` with the snapshot; then, with a
// catalog, ProjectLoader::analyse, its results in batches (`migrationsAnalysed`,
// at most one every 50 ms, so a catalog of 10,000 migrations does not flood the event
// loop) and `analysisFinished` at the end. Starting a new load cancels the previous
// one; a result, batch or progress report of a job that is no longer the current one
// is dropped by its job id, so an old, slow database can never overwrite the one
// opened after it. Lives on the GUI thread; its signals are emitted there.
class LoadJob : public QObject
{
    Q_OBJECT

public:
    explicit LoadJob(QObject* parent = nullptr);
    // Cancels a running load and waits for it, so no worker outlives the window.
    ~LoadJob() override;

    void start(const ProjectLoader::Request& request);
    // Creates the demo bundled in the executable in folder (which must not hold one
    // yet), then loads it: both on the worker thread.
    void startDemo(const QString& folder);
    // Cancels reading (then `canceled`) or analysis (then `analysisCanceled`).
    void cancel();
    bool isRunning() const
    {
        return m_stage != Stage::Idle;
    }
    // The snapshot has been delivered and its analysis is still running.
    bool isAnalysing() const
    {
        return m_stage == Stage::Analysing;
    }
    // What the last successful load read; for the demo, where it was created.
    ProjectLoader::Request loadedRequest() const
    {
        return m_loadedRequest;
    }

Q_SIGNALS:
    void progressChanged(const QString& step, int done, int total);
    // The snapshot as read; when isAnalysing(), its analysis follows.
    void loaded(const backstep::ProjectSnapshot& snapshot);
    void failed(const QString& message);
    void canceled();
    // Analysis of the loaded snapshot, in the order the analyser found it.
    void migrationsAnalysed(const QVector<backstep::MigrationAnalysis>& analyses);
    // Emitted once after `loaded`, also when there was nothing to analyse.
    void analysisFinished(const QString& note);
    void analysisFailed(const QString& message);
    void analysisCanceled();

private:
    struct Outcome
    {
        std::optional<ProjectSnapshot> snapshot;
        QString error;
        ProjectLoader::Request request;
    };

    struct AnalysisOutcome
    {
        QString note;
        QString error;
        bool canceled = false;
    };
    enum class Stage {
        Idle,
        Reading,
        Analysing,
    };

    // demoFolder empty: load request as it is; otherwise create the demo there first.
    void run(const ProjectLoader::Request& request, const QString& demoFolder);
    static Outcome work(ProjectLoader::Request request, const QString& demoFolder,
        const ProjectLoader::Progress& progress, const std::atomic_bool* cancel);
    void finish(int jobId, const Outcome& outcome, bool wasCanceled);
    void startAnalysis(int jobId, const ProjectLoader::Request& request, const ProjectSnapshot& snapshot);
    static AnalysisOutcome analyse(const ProjectLoader::Request& request, const Catalog& catalog,
        const ProjectLoader::Analysed& analysed, const std::function<void()>& flush, const std::atomic_bool* cancel);
    void finishAnalysis(int jobId, const AnalysisOutcome& outcome);
    // Hops from the worker thread to this job on the GUI thread, where fn runs only
    // if jobId is still the current job.
    static void postIfCurrent(const QPointer<LoadJob>& self, int jobId, std::function<void()> fn);

    int m_jobId = 0;
    Stage m_stage = Stage::Idle;
    ProjectLoader::Request m_loadedRequest;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFuture<Outcome> m_future;
    QFuture<AnalysisOutcome> m_analysis;
};

} // namespace backstep::ui
