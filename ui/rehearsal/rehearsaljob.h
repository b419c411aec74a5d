#pragma once

#include "rehearsal/rehearsal.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace backstep::ui {

// Runs Rehearsal::run on a worker thread (QtConcurrent) and reports back on the GUI
// thread. One rehearsal at a time: start() while one runs is refused. Cancelling sets
// the core's cancel flag; the core then discards its workspace as it does on success
// (the copy is deleted, the transaction rolled back), so a cancelled rehearsal leaves
// nothing behind either. Lives on the GUI thread; its signals are emitted there.
class RehearsalJob : public QObject
{
    Q_OBJECT

public:
    explicit RehearsalJob(QObject* parent = nullptr);
    // Cancels a running rehearsal and waits for it: no worker outlives its dialog, and
    // no scratch database or copy is left behind by closing the window.
    ~RehearsalJob() override;

    // False when a rehearsal is already running.
    bool start(const RehearsalRequest& request);
    void cancel();
    bool isRunning() const
    {
        return m_running;
    }

Q_SIGNALS:
    void progressChanged(const QString& step, int done, int total);
    void finished(const backstep::RehearsalReport& report);
    void failed(const QString& message);
    void canceled();

private:
    using Outcome = Result<RehearsalReport>;

    void finish(const Outcome& outcome, bool wasCanceled);

    bool m_running = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFuture<Outcome> m_future;
};

} // namespace backstep::ui
