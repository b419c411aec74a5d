#pragma once

#include <QString>

namespace backstep {

// The result of one statement of the read/write probe: it ran ("ok"), it failed with
// the engine's exact error text, or it was not run and why.
struct ProbeOutcome
{
    enum class Status {
        Ok,
        Failed,
        Skipped,
    };

    Status status = Status::Skipped;
    QString message; // Failed: the engine's text; Skipped: why; Ok: empty, or how it ran

    static ProbeOutcome ok()
    {
        return { Status::Ok, {} };
    }
    // It ran, somewhere or somehow a reader must know of ("on a scratch database …").
    static ProbeOutcome okWith(QString how)
    {
        return { Status::Ok, std::move(how) };
    }
    static ProbeOutcome failed(QString engineText)
    {
        return { Status::Failed, std::move(engineText) };
    }
    static ProbeOutcome skipped(QString why)
    {
        return { Status::Skipped, std::move(why) };
    }

    bool isOk() const
    {
        return status == Status::Ok;
    }
    bool isFailed() const
    {
        return status == Status::Failed;
    }
    // "ok", the engine's text, or "skipped: why": what reports print.
    QString text() const
    {
        switch (status) {
        case Status::Ok:
            return message.isEmpty() ? QStringLiteral("ok") : QStringLiteral("ok: ") + message;
        case Status::Failed:
            return message;
        case Status::Skipped:
            break;
        }
        return QStringLiteral("skipped: ") + message;
    }

    friend bool operator==(const ProbeOutcome& a, const ProbeOutcome& b)
    {
        return a.status == b.status && a.message == b.message;
    }
};

} // namespace backstep
