#include "timelinemapping.h"

#include "project/timelineentry.h"

#include <QDateTime>
#include <QtMath>

#include <algorithm>
#include <array>
#include <limits>

namespace backstep::ui {

namespace {

constexpr qint64 hour = 60 * 60 * 1000;
constexpr qint64 minute = 60 * 1000;
constexpr int laneLimit = 64;

} // namespace

double TimelineMapping::scale() const
{
    const double span = double(endTime - startTime);
    return width / (span > 0 ? span : 1.0) * zoom;
}

double TimelineMapping::x(qint64 time) const
{
    return left + double(time - startTime) * scale() + pan;
}

qint64 TimelineMapping::time(double x) const
{
    return startTime + qint64(std::llround((x - left - pan) / scale()));
}

void TimelineMapping::setRange(qint64 start, qint64 end)
{
    if (end < start)
        std::swap(start, end);
    if (end - start < hour) {
        const qint64 middle = start + (end - start) / 2;
        start = middle - hour / 2;
        end = middle + hour / 2;
    }
    startTime = start;
    endTime = end;
}

void TimelineMapping::fit(double newLeft, double newWidth)
{
    left = newLeft;
    width = std::max(newWidth, 1.0);
    zoom = 1.0;
    pan = 0.0;
}

void TimelineMapping::zoomAround(double factor, double atX)
{
    const double anchor = (atX - left - pan) / scale(); // milliseconds from startTime
    const double baseScale = scale() / zoom;
    const double maximumZoom = std::max(maximumScale / baseScale, 1.0);
    zoom = std::clamp(zoom * factor, minimumZoom, maximumZoom);
    pan = atX - left - anchor * scale();
}

void TimelineMapping::panBy(double dx)
{
    pan += dx;
}

QVector<qint64> TimelineMapping::entryTimes(const QVector<TimelineEntry>& entries)
{
    return entryTimes(entries, QDateTime::currentMSecsSinceEpoch());
}

std::optional<qint64> TimelineMapping::lastKnownTime(const QVector<TimelineEntry>& entries)
{
    std::optional<qint64> last;
    for (const TimelineEntry& entry : entries) {
        if (entry.state == TimelineEntry::State::Applied && entry.appliedAt.isValid())
            last = std::max(last.value_or(std::numeric_limits<qint64>::min()), entry.appliedAt.toMSecsSinceEpoch());
    }
    return last;
}

QVector<qint64> TimelineMapping::entryTimes(const QVector<TimelineEntry>& entries, qint64 now)
{
    QVector<qint64> times(entries.size(), 0);
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    int pendingCount = 0;
    int undatedCount = 0;
    for (const TimelineEntry& entry : entries) {
        if (entry.state == TimelineEntry::State::Pending) {
            ++pendingCount;
        } else if (entry.appliedAt.isValid()) {
            const qint64 t = entry.appliedAt.toMSecsSinceEpoch();
            first = std::min(first, t);
            last = std::max(last, t);
        } else {
            ++undatedCount;
        }
    }
    // Nothing applied at a known time: there is no history to place the entries in, so
    // applied ones line up in id order before now and pending ones follow it, rather
    // than all of them piling up at the epoch.
    const bool undated = first > last;
    if (undated)
        first = last = now;
    const qint64 span = std::max<qint64>(last - first, hour);
    // Pending entries share a fifth of the applied span at most, so a long catalog tail
    // does not squeeze the history the person came to look at.
    const qint64 step = pendingCount > 0 ? std::clamp<qint64>(span / 5 / pendingCount, minute, span / 25 + minute) : 0;
    const qint64 undatedStep = undatedCount > 0 ? std::max<qint64>(hour / undatedCount, 1) : 0;

    qint64 previous = undated ? now - undatedStep * undatedCount : first;
    qint64 nextPending = last + step;
    for (int i = 0; i < entries.size(); ++i) {
        const TimelineEntry& entry = entries.at(i);
        if (entry.state == TimelineEntry::State::Pending) {
            times[i] = nextPending;
            nextPending += step;
        } else if (entry.appliedAt.isValid()) {
            times[i] = entry.appliedAt.toMSecsSinceEpoch();
            previous = times[i];
        } else {
            times[i] = undated ? previous += undatedStep : previous;
        }
    }
    return times;
}

void TimelineMapping::assignLanes(
    const QVector<qint64>& sortedTimes, double scale, double spacing, int maxLanes, QVector<int>& lanes)
{
    maxLanes = std::clamp(maxLanes, 1, laneLimit);
    std::array<double, laneLimit> laneEnd;
    laneEnd.fill(-std::numeric_limits<double>::infinity());
    const qint64 origin = sortedTimes.isEmpty() ? 0 : sortedTimes.first();
    for (int i = 0; i < sortedTimes.size(); ++i) {
        const double position = double(sortedTimes.at(i) - origin) * scale;
        int lane = hiddenLane;
        for (int candidate = 0; candidate < maxLanes; ++candidate) {
            if (position - laneEnd[candidate] >= spacing) {
                lane = candidate;
                break;
            }
        }
        if (lane != hiddenLane)
            laneEnd[size_t(lane)] = position;
        lanes[i] = lane;
    }
}

} // namespace backstep::ui
