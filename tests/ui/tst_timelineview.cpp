#include "timeline/timelinenodepainter.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QBuffer>
#include <QHelpEvent>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>
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
    void paintsAHundredThousandEntries();
    void overflowBadgeCountsAndListsHiddenEntries();
    void zoomingInSeparatesAPile();
    void pendingOnlyIsPlacedAfterNow();
    void axisOnEmptyAndOneRowLedgers();
    void highDpiRenderingIsCrispAndUnclipped();
    void darkPaletteKeepsTextReadable();
    void targetKnowingEverythingShadesNothing();
    void vectorExportKeepsNodesAsShapes();
    void analysisArrivingKeepsZoomAndSelection();

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

// count migrations applied in the same second: more than the lanes of a 240 px view.
ProjectSnapshot pile(int count, int secondsApart = 0)
{
    ProjectSnapshot snapshot;
    snapshot.entries.append(applied(1, u"init"_s, start.addDays(-30), true));
    for (int i = 0; i < count; ++i) {
        snapshot.entries.append(
            applied(i + 2, u"batch_%1"_s.arg(i + 2), start.addSecs(qint64(i) * secondsApart), i % 2 == 0));
    }
    return snapshot;
}

double luminance(const QColor& color)
{
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF();
}

// The largest luminance difference from background within the rectangle: how well
// text drawn there stands out.
double contrastIn(const QImage& image, const QRect& area, const QColor& background)
{
    double best = 0;
    for (int y = std::max(0, area.top()); y <= std::min(image.height() - 1, area.bottom()); ++y) {
        for (int x = std::max(0, area.left()); x <= std::min(image.width() - 1, area.right()); ++x)
            best = std::max(best, std::abs(luminance(image.pixelColor(x, y)) - luminance(background)));
    }
    return best;
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2d, 0x2d, 0x2d));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    return dark;
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

// Speed is measured by tests/bench/bench_gui; here only that a ledger of this size
// paints nodes, keeps a bounded number of badges and finds the entry under the mouse.
void TimelineViewTest::paintsAHundredThousandEntries()
{
    ProjectSnapshot big;
    constexpr int count = 100000;
    big.entries.reserve(count);
    for (int i = 1; i <= count; ++i)
        big.entries.append(applied(i, u"m"_s, start.addSecs(qint64(i / 20) * 600), i % 7 != 0));
    m_view->setSnapshot(big);
    m_view->setTarget(count / 2);
    const QImage image = m_view->grab().toImage();
    QVERIFY(image.size() / image.devicePixelRatio() == QSize(900, 240));
    const QVector<TimelineView::OverflowBadge> badges = m_view->overflowBadges();
    QVERIFY(!badges.isEmpty());
    QVERIFY(badges.size() < m_view->width() / 10);
    int hidden = 0;
    for (const TimelineView::OverflowBadge& badge : badges)
        hidden += badge.count;
    QVERIFY(hidden > 0 && hidden < count);
    const QRectF last = m_view->nodeRect(count - 1);
    QVERIFY(m_view->rect().contains(last.center().toPoint()));
}

void TimelineViewTest::overflowBadgeCountsAndListsHiddenEntries()
{
    constexpr int count = 40;
    m_view->setSnapshot(pile(count));
    const QVector<TimelineView::OverflowBadge> badges = m_view->overflowBadges();
    QCOMPARE(badges.size(), 1);
    const TimelineView::OverflowBadge badge = badges.first();
    // Every entry of the pile is either a node in a lane or counted in the badge.
    int shown = 0;
    for (int id = 2; id < count + 2; ++id) {
        const QRectF node = m_view->nodeRect(id);
        shown += node.center().y() > badge.rect.bottom() ? 1 : 0;
    }
    QVERIFY(shown >= 2);
    QCOMPARE(badge.count, count - shown);
    const QVector<qint64> ids = m_view->overflowIds(badge);
    QCOMPARE(ids.size(), badge.count);
    QCOMPARE(ids.last(), qint64(count + 1));
    QVERIFY(m_view->rect().contains(badge.rect.toRect()));

    // The badge is painted: its "+N" stands out from the background.
    const QImage image = m_view->grab().toImage();
    const QRect area = badge.rect.toRect().adjusted(3, 3, -3, -3);
    QVERIFY(contrastIn(image, area, m_view->palette().color(QPalette::AlternateBase)) > 0.3);

    // Its tooltip lists the hidden migrations.
    const QPoint at = badge.rect.center().toPoint();
    QHelpEvent help(QEvent::ToolTip, at, m_view->mapToGlobal(at));
    QApplication::sendEvent(m_view, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString tip = QToolTip::text();
    QVERIFY2(tip.contains(u"%1 more migrations"_s.arg(badge.count)), qPrintable(tip));
    QVERIFY2(tip.contains(u"#%1 batch_%1"_s.arg(ids.first())), qPrintable(tip));
    QVERIFY2(tip.contains(u"and %1 more"_s.arg(badge.count - 12)), qPrintable(tip));
    QToolTip::hideText();
}

void TimelineViewTest::zoomingInSeparatesAPile()
{
    // Ten seconds apart: one pile on a month-long axis, separate nodes up close.
    m_view->setSnapshot(pile(40, 10));
    QCOMPARE(m_view->overflowBadges().size(), 1);
    const QVector<TimelineView::OverflowBadge> badges = m_view->overflowBadges();
    // A click on the badge zooms in around it.
    const double before = m_view->mapping().scale();
    QTest::mouseClick(m_view, Qt::LeftButton, {}, badges.first().rect.center().toPoint());
    QVERIFY(m_view->mapping().scale() > before);
    // The wheel zooms around the pile, so it stays in view while it spreads out.
    for (int i = 0; i < 60 && !m_view->overflowBadges().isEmpty(); ++i) {
        const QPointF at = m_view->nodeRect(2).center();
        QWheelEvent wheel(at, m_view->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view, &wheel);
    }
    QVERIFY(m_view->overflowBadges().isEmpty());
    QVERIFY(m_view->rect().contains(m_view->nodeRect(2).toRect()));
    // Every entry of the pile has a node of its own, overlapping no other.
    for (qint64 id = 2; id <= 41; ++id) {
        for (qint64 other = id + 1; other <= 41; ++other)
            QVERIFY(!m_view->nodeRect(id).intersects(m_view->nodeRect(other)));
    }
}

// A catalog with an empty ledger: the entries go after the present, not to 1970.
void TimelineViewTest::pendingOnlyIsPlacedAfterNow()
{
    ProjectSnapshot snapshot;
    for (int id = 1; id <= 3; ++id) {
        TimelineEntry entry;
        entry.id = id;
        entry.name = u"p%1"_s.arg(id);
        entry.state = TimelineEntry::State::Pending;
        entry.inCatalog = true;
        entry.declaredCompatible = true;
        snapshot.entries.append(entry);
    }
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    m_view->setSnapshot(snapshot);
    const qint64 first = m_view->mapping().time(m_view->nodeRect(1).center().x());
    QVERIFY(first >= before);
    QVERIFY(first - before < 24 * 3600 * 1000);
    for (int id = 1; id <= 3; ++id)
        QVERIFY(m_view->rect().contains(m_view->nodeRect(id).toRect()));
    QVERIFY(m_view->nodeRect(1).center().x() < m_view->nodeRect(2).center().x());

    // With a ledger, pending entries follow the head.
    m_view->setSnapshot(::snapshot());
    QVERIFY(m_view->nodeRect(6).left() > m_view->nodeRect(5).right());
}

void TimelineViewTest::axisOnEmptyAndOneRowLedgers()
{
    m_view->setSnapshot(ProjectSnapshot {});
    const QImage empty = m_view->grab().toImage();
    const QColor base = m_view->palette().color(QPalette::Base);
    // The placeholder text in the middle, nothing else.
    QVERIFY(contrastIn(empty, QRect(300, 100, 300, 40), base) > 0.2);

    ProjectSnapshot one;
    one.entries.append(applied(7, u"only"_s, start, true));
    m_view->setSnapshot(one);
    const QRectF node = m_view->nodeRect(7);
    QVERIFY(m_view->rect().contains(node.toRect()));
    // The lone node stands in the middle of an hour-long axis around it...
    QVERIFY(std::abs(node.center().x() - m_view->width() / 2.0) < m_view->width() / 4.0);
    const qint64 span = m_view->mapping().endTime - m_view->mapping().startTime;
    QVERIFY(span >= 3600 * 1000 && span <= 2 * 3600 * 1000);
    // ...which has tick labels below the axis line.
    const QImage image = m_view->grab().toImage();
    const int axis = int(node.bottom()) + 8;
    QVERIFY(contrastIn(image, QRect(0, axis + 4, m_view->width(), m_view->height() - axis - 4), base) > 0.3);
}

void TimelineViewTest::highDpiRenderingIsCrispAndUnclipped()
{
    // Select the last node and pan it next to the right edge: its "#6" label must move
    // to its left rather than run off the edge.
    m_view->setSelectedId(6);
    const QPoint empty(m_view->width() / 2, 40);
    const QPoint to = empty + QPoint(int(m_view->width() - 10 - m_view->nodeRect(6).center().x()), 0);
    QTest::mousePress(m_view, Qt::LeftButton, {}, empty);
    QMouseEvent move(QEvent::MouseMove, to, m_view->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(m_view, &move);
    QTest::mouseRelease(m_view, Qt::LeftButton, {}, to);
    const QRectF node = m_view->nodeRect(6);
    QVERIFY(node.right() < m_view->width() && node.right() > m_view->width() - 20);

    QImage image(m_view->size() * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::transparent);
    m_view->render(&image);
    QCOMPARE(image.size(), QSize(1800, 480));
    // The centre of a breaking diamond is the exact breaking colour at both scales.
    const QPointF breaking = m_view->nodeRect(2).center() * 2;
    QCOMPARE(image.pixelColor(breaking.toPoint()).rgb(), TimelineNodePainter::breakingColor().rgb());
    // The whole view is painted, up to the last device pixel.
    QCOMPARE(image.pixelColor(1799, 0).rgb(), m_view->palette().color(QPalette::Base).rgb());
    // Device pixel columns holding text-dark pixels.
    const auto darkColumns = [&image](const QRect& area) {
        int count = 0;
        for (int x = area.left(); x <= area.right(); ++x) {
            bool dark = false;
            for (int y = area.top(); y <= area.bottom(); ++y)
                dark = dark || luminance(image.pixelColor(x, y)) < 0.25;
            count += dark ? 1 : 0;
        }
        return count;
    };
    const int top = int(node.top() * 2) - 8;
    const int height = int(node.height() * 2) + 16;
    QCOMPARE(darkColumns(QRect(1794, top, 6, height)), 0);
    QVERIFY(darkColumns(QRect(int(node.left() * 2) - 80, top, 76, height)) > 10);
}

void TimelineViewTest::darkPaletteKeepsTextReadable()
{
    m_view->setPalette(darkPalette());
    m_view->setTarget(3);
    const QImage image = m_view->grab().toImage();
    const QColor base = darkPalette().color(QPalette::Base);
    QCOMPARE(image.pixelColor(2, 2).rgb(), base.rgb());
    const int axis = int(m_view->nodeRect(1).bottom()) + 8;
    // Tick labels under the axis and the build labels at the top read light on dark.
    QVERIFY(contrastIn(image, QRect(0, axis + 4, m_view->width(), m_view->height() - axis - 4), base) > 0.5);
    QVERIFY(contrastIn(image, QRect(0, 0, m_view->width(), 24), base) > 0.5);
    // The shading of what the target does not know is visible, but keeps nodes readable.
    const int handle = int(*m_view->targetHandleX());
    const int y = int(m_view->nodeRect(1).top()) - 20;
    const double shade = std::abs(luminance(image.pixelColor(handle + 20, y)) - luminance(image.pixelColor(handle - 20, y)));
    QVERIFY2(shade > 0.02, qPrintable(QString::number(shade)));
    QVERIFY(shade < 0.2);
}

// A build that knows every migration leaves nothing unknown: no shade, no label.
void TimelineViewTest::targetKnowingEverythingShadesNothing()
{
    m_view->setTarget(6);
    const QImage image = m_view->grab().toImage();
    const int handle = int(*m_view->targetHandleX());
    const int y = int(m_view->nodeRect(1).top()) - 20;
    QCOMPARE(image.pixelColor(handle + 20 > m_view->width() - 1 ? m_view->width() - 1 : handle + 20, y).rgb(),
        m_view->palette().color(QPalette::Base).rgb());
    m_view->setTarget(5);
    const QImage shaded = m_view->grab().toImage();
    const int shadedHandle = int(*m_view->targetHandleX());
    QVERIFY(shaded.pixelColor(shadedHandle + 4, y) != m_view->palette().color(QPalette::Base));
}

// On screen nodes come from cached pixmaps; in an SVG (or PDF) they stay shapes.
void TimelineViewTest::vectorExportKeepsNodesAsShapes()
{
    m_view->setTarget(3);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(m_view->size());
    svg.setViewBox(m_view->rect());
    {
        QPainter painter(&svg);
        m_view->render(&painter);
    }
    QVERIFY(!buffer.data().contains("<image"));
    QVERIFY(buffer.data().contains(TimelineNodePainter::breakingColor().name().toLatin1()));
}

// A verdict arriving after the snapshot redraws its node (here #3, recorded compatible,
// becomes a mislabelled breaking one) without refitting or losing the selection.
void TimelineViewTest::analysisArrivingKeepsZoomAndSelection()
{
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Plus);
    m_view->setSelectedId(3);
    const double zoomed = m_view->mapping().scale();
    const QRect node = m_view->nodeRect(3).toAlignedRect();
    const QImage before = m_view->grab().toImage().copy(node);

    TimelineEntry analysed = snapshot().entries.at(2);
    analysed.verdict = Verdict::Breaking;
    QVERIFY(analysed.mislabelled());
    m_view->updateEntries({ analysed });

    QCOMPARE(m_view->mapping().scale(), zoomed);
    QCOMPARE(m_view->selectedId(), std::optional<qint64>(3));
    QCOMPARE(m_view->nodeRect(3).toAlignedRect(), node);
    QVERIFY(m_view->grab().toImage().copy(node) != before);
}

QTEST_MAIN(TimelineViewTest)
#include "tst_timelineview.moc"
