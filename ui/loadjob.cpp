#include "loadjob.h"

#include "demo/demodatabase.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace backstep::ui {

LoadJob::LoadJob(QObject* parent)
    : QObject(parent)
{
}

LoadJob::~LoadJob()
{
    cancel();
    m_future.waitForFinished();
}

void LoadJob::start(const ProjectLoader::Request& request)
{
    run(request, QString());
}

void LoadJob::startDemo(const QString& folder)
{
    run(ProjectLoader::Request(), folder);
}

LoadJob::Outcome LoadJob::work(ProjectLoader::Request request, const QString& demoFolder,
    const ProjectLoader::Progress& progress, const std::atomic_bool* cancel)
{
    if (!demoFolder.isEmpty()) {
        progress(tr("Creating the demo database"), 0, 1);
        const Result<DemoDatabase::Files> demo = DemoDatabase::createBundled(demoFolder);
        if (!demo.ok())
            return Outcome { std::nullopt, demo.error().message, request };
        request.database = QStringLiteral("sqlite://") + QFileInfo(demo->database).absoluteFilePath();
        request.migrations = demo->catalogFolder;
        request.builds = demo->buildsFile;
    }
    Result<ProjectSnapshot> result = ProjectLoader::load(request, progress, cancel);
    if (!result.ok())
        return Outcome { std::nullopt, result.error().message, request };
    return Outcome { std::move(result).value(), {}, request };
}

void LoadJob::run(const ProjectLoader::Request& request, const QString& demoFolder)
{
    cancel();
    const int jobId = ++m_jobId;
    m_running = true;
    // Each job has its own flag: cancelling this one must not touch the next.
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;

    QPointer<LoadJob> self(this);
    auto reportProgress = [self, jobId](const QString& step, int done, int total) {
        // Called on the worker thread: hop to the GUI thread, where the job id is read.
        QMetaObject::invokeMethod(
            self.data(),
            [self, jobId, step, done, total] {
                if (self && self->m_jobId == jobId)
                    Q_EMIT self->progressChanged(step, done, total);
            },
            Qt::QueuedConnection);
    };
    m_future = QtConcurrent::run([request, demoFolder, reportProgress, cancelFlag] {
        return work(request, demoFolder, reportProgress, cancelFlag.get());
    });

    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, jobId, cancelFlag] {
        finish(jobId, watcher->result(), cancelFlag->load());
        watcher->deleteLater();
    });
    watcher->setFuture(m_future);
}

void LoadJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void LoadJob::finish(int jobId, const Outcome& outcome, bool wasCanceled)
{
    if (jobId != m_jobId)
        return; // a newer load replaced this one
    m_running = false;
    if (wasCanceled)
        Q_EMIT canceled();
    else if (outcome.snapshot.has_value()) {
        m_loadedRequest = outcome.request;
        Q_EMIT loaded(outcome.snapshot.value());
    }
    else
        Q_EMIT failed(outcome.error);
}

} // namespace backstep::ui
