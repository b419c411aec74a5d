#include "project/timelineentry.h"
#include "timeline/timelinemapping.h"

#include <QTest>

using namespace backstep;
using namespace backstep::ui;

class TimelineMappingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void fitSpansTheRange();
    void shortRangeIsWidened();
    void zoomKeepsTheTimeUnderTheCursor_data();
    void zoomKeepsTheTimeUnderTheCursor();
    void zoomIsClamped();
    void panMovesEveryX();
    void lanes_data();
    void lanes();
    void entryTimesPlacePendingAfterTheHead();
    void entryTimesPlacePendingOnlyAfterNow();
    void entryTimesSpreadAnUndatedLedgerBeforeNow();
    void lastKnownTime();
};

namespace {

constexpr qint64 day = 24 * 60 * 60 * 1000;

TimelineMapping fitted(qint64 start, qint64 end, double left, double width)
{
    TimelineMapping mapping;
    mapping.setRange(start, end);
    mapping.fit(left, width);
    return mapping;
}

} // namespace

void TimelineMappingTest::roundTrip_data()
{
    QTest::addColumn<double>("zoom");
    QTest::addColumn<double>("pan");
    QTest::addColumn<qint64>("time");
    QTest::newRow("fit, start") << 1.0 << 0.0 << qint64(0);
    QTest::newRow("fit, middle") << 1.0 << 0.0 << 50 * day;
    QTest::newRow("zoomed, panned") << 8.0 << -1234.5 << 73 * day + 17;
    QTest::newRow("zoomed out, before start") << 0.5 << 40.0 << -3 * day;
}

void TimelineMappingTest::roundTrip()
{
    QFETCH(double, zoom);
    QFETCH(double, pan);
    QFETCH(qint64, time);
    TimelineMapping mapping = fitted(0, 100 * day, 30, 800);
    mapping.zoom = zoom;
    mapping.pan = pan;
    const qint64 back = mapping.time(mapping.x(time));
    // One pixel is many milliseconds: the round trip is exact to well under a pixel.
    QVERIFY2(std::abs(mapping.x(back) - mapping.x(time)) < 0.01, qPrintable(QString::number(back - time)));
    QVERIFY(std::abs(back - time) <= 1);
}

void TimelineMappingTest::fitSpansTheRange()
{
    const TimelineMapping mapping = fitted(1000 * day, 1100 * day, 40, 600);
    QCOMPARE(mapping.x(1000 * day), 40.0);
    QCOMPARE(mapping.x(1100 * day), 640.0);
    QCOMPARE(mapping.x(1050 * day), 340.0);
    QCOMPARE(mapping.time(340.0), 1050 * day);
}

void TimelineMappingTest::shortRangeIsWidened()
{
    TimelineMapping mapping;
    mapping.setRange(5000, 5000);
    QVERIFY(mapping.endTime - mapping.startTime >= 60 * 60 * 1000);
    mapping.fit(0, 100);
    QCOMPARE(mapping.x(5000), 50.0);
}

void TimelineMappingTest::zoomKeepsTheTimeUnderTheCursor_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("cursor");
    QTest::newRow("in at the left") << 2.0 << 50.0;
    QTest::newRow("in at the middle") << 1.25 << 400.0;
    QTest::newRow("out at the right") << 0.8 << 780.0;
}

void TimelineMappingTest::zoomKeepsTheTimeUnderTheCursor()
{
    QFETCH(double, factor);
    QFETCH(double, cursor);
    TimelineMapping mapping = fitted(0, 100 * day, 20, 760);
    const qint64 under = mapping.time(cursor);
    const double scale = mapping.scale();
    mapping.zoomAround(factor, cursor);
    QCOMPARE(mapping.scale(), scale * factor);
    QVERIFY(std::abs(mapping.x(under) - cursor) < 0.01);
}

void TimelineMappingTest::zoomIsClamped()
{
    TimelineMapping mapping = fitted(0, 100 * day, 0, 800);
    for (int i = 0; i < 100; ++i)
        mapping.zoomAround(0.5, 400);
    QCOMPARE(mapping.zoom, TimelineMapping::minimumZoom);
    for (int i = 0; i < 200; ++i)
        mapping.zoomAround(2.0, 400);
    QVERIFY(mapping.scale() <= TimelineMapping::maximumScale * 1.0001);
}

void TimelineMappingTest::panMovesEveryX()
{
    TimelineMapping mapping = fitted(0, 100 * day, 0, 800);
    const double before = mapping.x(10 * day);
    mapping.panBy(-25);
    QCOMPARE(mapping.x(10 * day), before - 25);
    mapping.fit(0, 800);
    QCOMPARE(mapping.x(10 * day), before);
}

void TimelineMappingTest::lanes_data()
{
    QTest::addColumn<QVector<qint64>>("times");
    QTest::addColumn<int>("maxLanes");
    QTest::addColumn<QVector<int>>("expected");
    // scale 1 px/ms, spacing 10 px
    QTest::newRow("apart") << QVector<qint64> { 0, 20, 40 } << 4 << QVector<int> { 0, 0, 0 };
    QTest::newRow("a batch stacks") << QVector<qint64> { 0, 0, 1, 2, 50 } << 8 << QVector<int> { 0, 1, 2, 3, 0 };
    QTest::newRow("lanes are reused") << QVector<qint64> { 0, 5, 12, 17 } << 4 << QVector<int> { 0, 1, 0, 1 };
    QTest::newRow("overflow is hidden") << QVector<qint64> { 0, 0, 0, 0 } << 2 << QVector<int> { 0, 1, -1, -1 };
    QTest::newRow("lanes free up after a pile")
        << QVector<qint64> { 0, 0, 0, 30 } << 2 << QVector<int> { 0, 1, TimelineMapping::hiddenLane, 0 };
}

void TimelineMappingTest::lanes()
{
    QFETCH(QVector<qint64>, times);
    QFETCH(int, maxLanes);
    QFETCH(QVector<int>, expected);
    QVector<int> lanes(times.size(), -1);
    TimelineMapping::assignLanes(times, 1.0, 10.0, maxLanes, lanes);
    QCOMPARE(lanes, expected);
}

void TimelineMappingTest::entryTimesPlacePendingAfterTheHead()
{
    QVector<TimelineEntry> entries(5);
    const QDateTime start(QDate(2024, 1, 1), QTime(9, 0), Qt::UTC);
    for (int i = 0; i < 5; ++i)
        entries[i].id = i + 1;
    entries[0].appliedAt = start;
    entries[1].appliedAt = start.addDays(10);
    // entries[2]: applied at an unknown time, placed with its predecessor
    entries[3].state = TimelineEntry::State::Pending;
    entries[4].state = TimelineEntry::State::Pending;
    const QVector<qint64> times = TimelineMapping::entryTimes(entries);
    QCOMPARE(times.size(), 5);
    QCOMPARE(times[0], start.toMSecsSinceEpoch());
    QCOMPARE(times[2], times[1]);
    QVERIFY(times[3] > times[1]);
    QCOMPARE(times[4] - times[3], times[3] - times[1]);
    QVERIFY(times[4] - times[1] <= 10 * day / 5 + 2 * 60 * 1000);
}

// A catalog and an empty ledger: nothing to anchor the pending entries but the present.
void TimelineMappingTest::entryTimesPlacePendingOnlyAfterNow()
{
    QVector<TimelineEntry> entries(3);
    for (int i = 0; i < 3; ++i) {
        entries[i].id = i + 1;
        entries[i].state = TimelineEntry::State::Pending;
    }
    const qint64 now = QDateTime(QDate(2026, 11, 25), QTime(19, 0), Qt::UTC).toMSecsSinceEpoch();
    const QVector<qint64> times = TimelineMapping::entryTimes(entries, now);
    QVERIFY(times[0] > now);
    QVERIFY(times[1] > times[0]);
    QCOMPARE(times[2] - times[1], times[1] - times[0]);
    QVERIFY(times[2] - now <= day);
    QVERIFY(!TimelineMapping::lastKnownTime(entries));
}

// A legacy ledger without applied_at: applied rows in id order up to now, pending after.
void TimelineMappingTest::entryTimesSpreadAnUndatedLedgerBeforeNow()
{
    QVector<TimelineEntry> entries(4);
    for (int i = 0; i < 4; ++i)
        entries[i].id = i + 1;
    entries[3].state = TimelineEntry::State::Pending;
    const qint64 now = QDateTime(QDate(2026, 11, 25), QTime(19, 0), Qt::UTC).toMSecsSinceEpoch();
    const QVector<qint64> times = TimelineMapping::entryTimes(entries, now);
    QVERIFY(times[0] < times[1] && times[1] < times[2]);
    QCOMPARE(times[2], now);
    QVERIFY(now - times[0] <= day);
    QVERIFY(times[3] > now);
}

void TimelineMappingTest::lastKnownTime()
{
    QVector<TimelineEntry> entries(3);
    const QDateTime at(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC);
    entries[0].appliedAt = at.addDays(3);
    entries[1].appliedAt = at; // out of order: the latest time counts, not the last row
    entries[2].state = TimelineEntry::State::Pending;
    QCOMPARE(TimelineMapping::lastKnownTime(entries), std::optional<qint64>(at.addDays(3).toMSecsSinceEpoch()));
}

QTEST_GUILESS_MAIN(TimelineMappingTest)
#include "tst_timelinemapping.moc"
