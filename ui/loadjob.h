#pragma once

#include "project/projectloader.h"
#include "project/projectsnapshot.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace backstep::ui {

// Runs ProjectLoader::load on a worker thread (QtConcurrent) and reports back on the
// GUI thread. Starting a new load cancels the previous one; a result or progress
// report of a job that is no longer the current one is dropped by its job id, so an
// old, slow database can never overwrite the one opened after it.
// Lives on the GUI thread; its signals are emitted there.
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
    void cancel();
    bool isRunning() const
    {
        return m_running;
    }
    // What the last successful load read; for the demo, where it was created.
    ProjectLoader::Request loadedRequest() const
    {
        return m_loadedRequest;
    }

Q_SIGNALS:
    void progressChanged(const QString& step, int done, int total);
    void loaded(const backstep::ProjectSnapshot& snapshot);
    void failed(const QString& message);
    void canceled();

private:
    struct Outcome
    {
        std::optional<ProjectSnapshot> snapshot;
        QString error;
        ProjectLoader::Request request;
    };

    // demoFolder empty: load request as it is; otherwise create the demo there first.
    void run(const ProjectLoader::Request& request, const QString& demoFolder);
    static Outcome work(ProjectLoader::Request request, const QString& demoFolder,
        const ProjectLoader::Progress& progress, const std::atomic_bool* cancel);
    void finish(int jobId, const Outcome& outcome, bool wasCanceled);

    int m_jobId = 0;
    bool m_running = false;
    ProjectLoader::Request m_loadedRequest;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFuture<Outcome> m_future;
};

} // namespace backstep::ui
