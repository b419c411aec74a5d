#pragma once

#include <QVector>
#include <QtGlobal>

#include <optional>

namespace backstep {
struct TimelineEntry;
}

namespace backstep::ui {

// The time↔pixel maths of the timeline, apart from painting so that it can be tested
// as numbers. Times are milliseconds since the epoch; x is in widget pixels. At zoom 1
// and pan 0 the range [startTime, endTime] spans [left, left + width].
struct TimelineMapping
{
    qint64 startTime = 0;
    qint64 endTime = 1;
    double left = 0.0;
    double width = 1.0;
    double zoom = 1.0;
    double pan = 0.0; // pixels added to every x

    static constexpr double minimumZoom = 0.25;
    // Beyond ten pixels per second nothing gets clearer: ledgers record seconds at best.
    static constexpr double maximumScale = 0.01;

    double scale() const; // pixels per millisecond
    double x(qint64 time) const;
    qint64 time(double x) const;

    // A range shorter than an hour is widened around its middle so that one entry, or a
    // batch applied in the same second, still gets a readable axis.
    void setRange(qint64 start, qint64 end);
    // Zoom 1, pan 0: the whole range within [left, left + width].
    void fit(double left, double width);
    // Keeps the time under x where it is, so that the wheel zooms around the cursor.
    void zoomAround(double factor, double x);
    void panBy(double dx);

    // Where each entry sits in time, in entry order. Applied entries at appliedAt (an
    // unknown time borrows the previous entry's); pending ones after the last applied
    // entry at even spacing, as the catalog's order is all we know of them. With no
    // applied time known at all (an empty ledger, a legacy table without applied_at), the
    // entries are spread in id order up to now and the pending ones follow now.
    static QVector<qint64> entryTimes(const QVector<TimelineEntry>& entries, qint64 now);
    // The same, with now read from the clock.
    static QVector<qint64> entryTimes(const QVector<TimelineEntry>& entries);
    // The time of the last applied entry at a known time, or nullopt: after it, the axis
    // is the catalog's order of pending migrations, not a time anyone saw.
    static std::optional<qint64> lastKnownTime(const QVector<TimelineEntry>& entries);

    // An entry for which no lane is free: the view counts it in a "+N" badge instead.
    static constexpr int hiddenLane = -1;

    // Lanes for entries sorted by time: each entry takes the lowest lane whose previous
    // node is at least spacing pixels to the left at this scale, so that entries applied
    // together stack instead of overlapping. When all maxLanes lanes are taken the entry
    // gets hiddenLane. lanes must have sortedTimes' size; it is filled, not resized, so
    // that zooming allocates nothing.
    static void assignLanes(
        const QVector<qint64>& sortedTimes, double scale, double spacing, int maxLanes, QVector<int>& lanes);
};

} // namespace backstep::ui
