#include "timeline/timelinenodepainter.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace backstep;
using namespace backstep::ui;
using namespace Qt::StringLiterals;

class TimelineViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void clickSelectsTheEntry();
    void arrowKeysMoveTheSelection();
    void draggingTheHandleSnapsToEntries();
    void targetHaloesBlockingEntries();
    void zoomAndFit();
    void paintsEveryStateAtTheRightSize();
    void staysResponsiveWithManyEntries();

private:
    TimelineView* m_view = nullptr;
};

namespace {

const QDateTime start(QDate(2024, 3, 1), QTime(10, 0), Qt::UTC);

TimelineEntry applied(qint64 id, const QString& name, const QDateTime& at, std::optional<bool> flag,
    std::optional<Verdict> verdict = Verdict::Compatible)
{
    TimelineEntry entry;
    entry.id = id;
    entry.name = name;
    entry.appliedAt = at;
    entry.recordedCompatible = flag;
    entry.inCatalog = true;
    entry.declaredCompatible = flag.value_or(false);
    entry.verdict = verdict;
    return entry;
}

// Five applied migrations (two applied together), one pending, two builds.
ProjectSnapshot snapshot()
{
    ProjectSnapshot snapshot;
    snapshot.database = u"sqlite::memory:"_s;
    snapshot.entries = {
        applied(1, u"init"_s, start, true),
        applied(2, u"drop_note"_s, start.addDays(30), false, Verdict::Breaking),
        applied(3, u"backfill"_s, start.addDays(60), true, Verdict::Caution),
        applied(4, u"legacy"_s, start.addDays(60).addSecs(1), std::nullopt, std::nullopt),
        applied(5, u"rename_mail"_s, start.addDays(90), true, Verdict::Breaking),
    };
    snapshot.entries[4].findings.append(Finding {
        u"rename-column"_s, Finding::Severity::Breaking, 1, 1, u"users.mail"_s, u"renames column users.mail"_s, {} });
    for (const TimelineEntry& entry : std::as_const(snapshot.entries)) {
        LedgerRow row;
        row.id = entry.id;
        row.name = entry.name;
        row.appliedAt = entry.appliedAt;
        row.backwardCompatible = entry.recordedCompatible;
        snapshot.ledger.append(row);
    }
    TimelineEntry pending;
    pending.id = 6;
    pending.name = u"tags"_s;
    pending.state = TimelineEntry::State::Pending;
    pending.inCatalog = true;
    pending.declaredCompatible = true;
    pending.verdict = Verdict::Compatible;
    snapshot.entries.append(pending);
    snapshot.builds = { Build { u"1.0"_s, 1, QDate(2024, 3, 1) }, Build { u"2.0"_s, 3, QDate(2024, 5, 1) } };
    return snapshot;
}

} // namespace

void TimelineViewTest::init()
{
    m_view = new TimelineView;
    m_view->setSnapshot(snapshot());
    m_view->resize(900, 240);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TimelineViewTest::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void TimelineViewTest::clickSelectsTheEntry()
{
    QSignalSpy selected(m_view, &TimelineView::entrySelected);
    const QRectF node = m_view->nodeRect(2);
    QVERIFY(m_view->rect().contains(node.toRect()));
    QTest::mouseClick(m_view, Qt::LeftButton, {}, node.center().toPoint());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toLongLong(), 2);
    QCOMPARE(m_view->selectedId(), std::optional<qint64>(2));

    // Entries applied a second apart stack in lanes instead of overlapping.
    QVERIFY(!m_view->nodeRect(3).intersects(m_view->nodeRect(4)));
    QTest::mouseClick(m_view, Qt::LeftButton, {}, m_view->nodeRect(4).center().toPoint());
    QCOMPARE(selected.last().first().toLongLong(), 4);
}

void TimelineViewTest::arrowKeysMoveTheSelection()
{
    QSignalSpy selected(m_view, &TimelineView::entrySelected);
    m_view->setSelectedId(3);
    QCOMPARE(selected.count(), 0); // programmatic selection is not a person's choice
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Right);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().first().toLongLong(), 4);
    QTest::keyClick(m_view, Qt::Key_Left);
    QTest::keyClick(m_view, Qt::Key_Left);
    QCOMPARE(selected.last().first().toLongLong(), 2);
}

void TimelineViewTest::draggingTheHandleSnapsToEntries()
{
    m_view->setTarget(1);
    QSignalSpy dragged(m_view, &TimelineView::targetDragged);
    const std::optional<double> handle = m_view->targetHandleX();
    QVERIFY(handle);
    QVERIFY(*handle > m_view->nodeRect(1).right() && *handle < m_view->nodeRect(2).left());
    const int y = int(m_view->height() / 2);
    QTest::mousePress(m_view, Qt::LeftButton, {}, QPoint(int(*handle), y));
    // Just right of the stack at #3/#4: the build then knows up to #4.
    const QPoint target(int(m_view->nodeRect(4).right()) + 3, y);
    QMouseEvent move(QEvent::MouseMove, target, m_view->mapToGlobal(target), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(m_view, &move);
    QTest::mouseRelease(m_view, Qt::LeftButton, {}, target);
    QVERIFY(dragged.count() >= 1);
    QCOMPARE(dragged.last().first().toLongLong(), 4);
    QCOMPARE(m_view->target(), std::optional<qint64>(4));
    const std::optional<double> moved = m_view->targetHandleX();
    QVERIFY(*moved > m_view->nodeRect(4).center().x() && *moved < m_view->nodeRect(5).left());
}

void TimelineViewTest::targetHaloesBlockingEntries()
{
    m_view->setTarget(1);
    const QImage image = m_view->grab().toImage();
    // The shade starts at the handle: a pixel right of it differs from one left of it
    // at the same height on empty background.
    const int y = int(m_view->nodeRect(1).top()) - 20;
    const int handle = int(*m_view->targetHandleX());
    QVERIFY(image.pixelColor(handle + 20, y) != image.pixelColor(handle - 20, y));
}

void TimelineViewTest::zoomAndFit()
{
    const double fitted = m_view->mapping().scale();
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Plus);
    QVERIFY(m_view->mapping().scale() > fitted);
    QTest::keyClick(m_view, Qt::Key_Minus);
    QTest::keyClick(m_view, Qt::Key_Minus);
    QVERIFY(m_view->mapping().scale() < fitted);
    QTest::keyClick(m_view, Qt::Key_0);
    QCOMPARE(m_view->mapping().scale(), fitted);

    // Panning with the left button on empty space moves the nodes.
    const double before = m_view->nodeRect(1).center().x();
    const QPoint empty(m_view->width() / 2, m_view->height() / 2 - 30);
    QTest::mousePress(m_view, Qt::LeftButton, {}, empty);
    const QPoint to = empty + QPoint(40, 0);
    QMouseEvent move(QEvent::MouseMove, to, m_view->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(m_view, &move);
    QTest::mouseRelease(m_view, Qt::LeftButton, {}, to);
    QCOMPARE(m_view->nodeRect(1).center().x(), before + 40);
}

void TimelineViewTest::paintsEveryStateAtTheRightSize()
{
    m_view->setTarget(3);
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(900, 240));
    const auto contains = [&image](const QColor& color) {
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (image.pixelColor(x, y).rgb() == color.rgb())
                    return true;
            }
        }
        return false;
    };
    QVERIFY(contains(TimelineNodePainter::breakingColor()));
    QVERIFY(contains(TimelineNodePainter::compatibleColor()));
    QVERIFY(contains(TimelineNodePainter::cautionColor()));
    QVERIFY(!m_view->accessibleName().isEmpty());
    QCOMPARE(m_view->sizeHint(), QSize(900, 220));
}

void TimelineViewTest::staysResponsiveWithManyEntries()
{
    ProjectSnapshot big;
    constexpr int count = 100000;
    big.entries.reserve(count);
    for (int i = 1; i <= count; ++i)
        big.entries.append(applied(i, u"m"_s, start.addSecs(i * 600), i % 7 != 0));
    QElapsedTimer timer;
    timer.start();
    m_view->setSnapshot(big);
    m_view->setTarget(count / 2);
    m_view->grab();
    for (int i = 0; i < 10; ++i)
        m_view->grab();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_MAIN(TimelineViewTest)
#include "tst_timelineview.moc"
