#include "rehearsaljob.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace backstep::ui {

RehearsalJob::RehearsalJob(QObject* parent)
    : QObject(parent)
{
}

RehearsalJob::~RehearsalJob()
{
    cancel();
    m_future.waitForFinished();
}

bool RehearsalJob::start(const RehearsalRequest& request)
{
    if (m_running)
        return false;
    m_running = true;
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;

    QPointer<RehearsalJob> self(this);
    auto reportProgress = [self](const QString& step, int done, int total) {
        // Called on the worker thread: hop to the GUI thread.
        QMetaObject::invokeMethod(
            self.data(),
            [self, step, done, total] {
                if (self && self->m_running)
                    Q_EMIT self->progressChanged(step, done, total);
            },
            Qt::QueuedConnection);
    };
    m_future = QtConcurrent::run(
        [request, reportProgress, cancelFlag] { return Rehearsal::run(request, reportProgress, cancelFlag.get()); });

    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, cancelFlag] {
        finish(watcher->result(), cancelFlag->load());
        watcher->deleteLater();
    });
    watcher->setFuture(m_future);
    return true;
}

void RehearsalJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void RehearsalJob::finish(const Outcome& outcome, bool wasCanceled)
{
    m_running = false;
    // A cancel that came after the last step changes nothing: the report is complete.
    if (outcome.ok())
        Q_EMIT finished(outcome.value());
    else if (wasCanceled || outcome.error().code == Error::Code::Cancelled)
        Q_EMIT canceled();
    else
        Q_EMIT failed(outcome.error().message);
}

} // namespace backstep::ui
