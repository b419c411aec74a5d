#include "loadjob.h"

#include "demo/demodatabase.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
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
    m_analysis.waitForFinished();
}

void LoadJob::start(const ProjectLoader::Request& request)
{
    run(request, QString());
}

void LoadJob::startDemo(const QString& folder)
{
    run(ProjectLoader::Request(), folder);
}

void LoadJob::postIfCurrent(const QPointer<LoadJob>& self, int jobId, std::function<void()> fn)
{
    QMetaObject::invokeMethod(
        self.data(),
        [self, jobId, fn = std::move(fn)] {
            if (self && self->m_jobId == jobId)
                fn();
        },
        Qt::QueuedConnection);
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
    Result<ProjectSnapshot> result = ProjectLoader::read(request, progress, cancel);
    if (!result.ok())
        return Outcome { std::nullopt, result.error().message, request };
    return Outcome { std::move(result).value(), {}, request };
}

void LoadJob::run(const ProjectLoader::Request& request, const QString& demoFolder)
{
    cancel();
    const int jobId = ++m_jobId;
    m_stage = Stage::Reading;
    // Each job has its own flag: cancelling this one must not touch the next.
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;

    QPointer<LoadJob> self(this);
    auto reportProgress = [self, jobId](const QString& step, int done, int total) {
        // Called on the worker thread: the job id is read on the GUI thread.
        postIfCurrent(self, jobId, [self, step, done, total] { Q_EMIT self->progressChanged(step, done, total); });
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
    if (wasCanceled || !outcome.snapshot.has_value()) {
        m_stage = Stage::Idle;
        if (wasCanceled)
            Q_EMIT canceled();
        else
            Q_EMIT failed(outcome.error);
        return;
    }
    m_loadedRequest = outcome.request;
    const ProjectSnapshot& snapshot = outcome.snapshot.value();
    const bool analysisFollows = ProjectLoader::needsAnalysis(outcome.request, snapshot);
    // Set before `loaded`, so its receivers can tell that analysis follows.
    m_stage = analysisFollows ? Stage::Analysing : Stage::Idle;
    Q_EMIT loaded(snapshot);
    if (jobId != m_jobId)
        return; // a receiver of `loaded` started another load
    if (analysisFollows)
        startAnalysis(jobId, outcome.request, snapshot);
    else
        Q_EMIT analysisFinished(QString());
}

void LoadJob::startAnalysis(int jobId, const ProjectLoader::Request& request, const ProjectSnapshot& snapshot)
{
    const Catalog catalog = ProjectLoader::catalogOf(snapshot);
    const int total = int(catalog.migrations.size());
    std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;
    QPointer<LoadJob> self(this);
    m_analysis = QtConcurrent::run([self, jobId, request, catalog, total, cancelFlag] {
        // Worker thread only: results wait here until the next flush.
        QVector<MigrationAnalysis> batch;
        int done = 0;
        QElapsedTimer sinceFlush;
        sinceFlush.start();
        const auto flush = [&] {
            if (batch.isEmpty())
                return;
            postIfCurrent(self, jobId, [self, batch = std::exchange(batch, {}), done, total] {
                Q_EMIT self->progressChanged(tr("Analysing %1/%2").arg(done).arg(total), done, total);
                Q_EMIT self->migrationsAnalysed(batch);
            });
            sinceFlush.restart();
        };
        const auto analysed = [&](const MigrationAnalysis& analysis) {
            batch.append(analysis);
            ++done;
            if (sinceFlush.elapsed() >= 50)
                flush();
        };
        return analyse(request, catalog, analysed, flush, cancelFlag.get());
    });
    auto* watcher = new QFutureWatcher<AnalysisOutcome>(this);
    connect(watcher, &QFutureWatcher<AnalysisOutcome>::finished, this, [this, watcher, jobId] {
        finishAnalysis(jobId, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(m_analysis);
}

LoadJob::AnalysisOutcome LoadJob::analyse(const ProjectLoader::Request& request, const Catalog& catalog,
    const ProjectLoader::Analysed& analysed, const std::function<void()>& flush, const std::atomic_bool* cancel)
{
    const Result<QString> note = ProjectLoader::analyse(request, catalog, analysed, cancel);
    // What was found before a cancel or an error is still worth showing; posted
    // before the future finishes, so it arrives before the outcome does.
    flush();
    if (note.ok())
        return AnalysisOutcome { note.value(), {}, false };
    return AnalysisOutcome { {}, note.error().message, note.error().code == Error::Code::Cancelled };
}

void LoadJob::finishAnalysis(int jobId, const AnalysisOutcome& outcome)
{
    if (jobId != m_jobId)
        return; // a newer load replaced this one
    m_stage = Stage::Idle;
    if (outcome.canceled)
        Q_EMIT analysisCanceled();
    else if (!outcome.error.isEmpty())
        Q_EMIT analysisFailed(outcome.error);
    else
        Q_EMIT analysisFinished(outcome.note);
}

} // namespace backstep::ui
