// TimelineView's painting, apart from its state and interaction so that each file stays
// readable. Everything here paints only the visible part of the timeline.
#include "timelinenodepainter.h"
#include "timelineview.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <array>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr double nodeSize = 12.0;
constexpr double laneSpacing = 17.0;
constexpr int laneCap = 64;
constexpr double minimumTickSpacing = 90.0;
constexpr qint64 minute = 60 * 1000;
constexpr qint64 day = 24 * 60 * minute;

QRectF pillRect(const QFontMetrics& metrics, const QString& text, double centerX, double top, double width)
{
    const double pillWidth = metrics.horizontalAdvance(text) + 12.0;
    QRectF rect(centerX - pillWidth / 2.0, top, pillWidth, metrics.height() + 4.0);
    // Labels near the edges slide inwards rather than lose their first or last letters.
    if (rect.left() < 2.0)
        rect.moveLeft(2.0);
    if (rect.right() > width - 2.0)
        rect.moveRight(width - 2.0);
    return rect;
}

void paintPill(QPainter& painter, const QRectF& rect, const QString& text, const QPalette& palette, bool strong)
{
    painter.setPen(QPen(strong ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid), 1));
    painter.setBrush(palette.color(QPalette::AlternateBase));
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    QFont font = painter.font();
    font.setBold(strong);
    painter.setFont(font);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(rect, Qt::AlignCenter, text);
    font.setBold(false);
    painter.setFont(font);
}

// A dotted or dashed vertical guide line, one device pixel wide and not antialiased:
// crisp at any pixel ratio, and an antialiased dash pattern along the whole height took
// most of a high-DPI repaint.
void paintGuide(QPainter& painter, QPen pen, double x, double top, double bottom)
{
    pen.setCosmetic(true);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(pen);
    painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    painter.restore();
}

// Calendar-aligned ticks: minutes and hours for a busy afternoon, days, months or years
// for a long history, whichever keeps the labels apart.
struct TickStep
{
    qint64 milliseconds = 0; // fixed steps below a month
    int months = 0; // calendar steps
};

TickStep tickStep(double scale)
{
    static constexpr std::array<qint64, 10> fixed { minute, 5 * minute, 15 * minute, 60 * minute, 3 * 60 * minute,
        6 * 60 * minute, 12 * 60 * minute, day, 2 * day, 7 * day };
    for (const qint64 step : fixed) {
        if (double(step) * scale >= minimumTickSpacing)
            return { step, 0 };
    }
    static constexpr std::array<int, 7> months { 1, 3, 6, 12, 24, 60, 120 };
    for (const int step : months) {
        if (double(step) * 30.0 * day * scale >= minimumTickSpacing)
            return { 0, step };
    }
    return { 0, 1200 };
}

QString tickLabel(const QDateTime& time, const TickStep& step, bool first)
{
    const QLocale locale;
    if (step.months >= 12)
        return locale.toString(time, u"yyyy"_s);
    if (step.months > 0)
        return locale.toString(time, time.date().month() == 1 || first ? u"MMM yyyy"_s : u"MMM"_s);
    if (step.milliseconds >= day)
        return locale.toString(time, first ? u"d MMM yyyy"_s : u"d MMM"_s);
    if (time.time() == QTime(0, 0) || first)
        return locale.toString(time, u"d MMM hh:mm"_s);
    return locale.toString(time, u"hh:mm"_s);
}

} // namespace

void TimelineView::paintAxis(QPainter& painter) const
{
    const double y = axisY();
    painter.setPen(QPen(palette().color(QPalette::WindowText), 1));
    painter.drawLine(QPointF(0, y), QPointF(width(), y));
    const std::optional<double> pendingX = pendingStartX();
    // Ticks only where the axis is time the ledger recorded: not over the pending
    // migrations, and not at all when no applied_at is known.
    if (m_lastKnownTime)
        paintTicks(painter, pendingX ? std::min(*pendingX, double(width())) : double(width()));
    else if (!m_snapshot.entries.isEmpty() && m_snapshot.entries.first().state == TimelineEntry::State::Applied)
        painter.drawText(QRectF(8, y + 5, width() - 16, fontMetrics().height()), Qt::AlignLeft | Qt::AlignVCenter,
            tr("no applied times recorded: applied migrations in id order"));
    if (pendingX && *pendingX < width())
        paintPendingRegion(painter, *pendingX);
}

void TimelineView::paintPendingRegion(QPainter& painter, double x) const
{
    const QFontMetrics metrics = fontMetrics();
    const double top = 3 * (metrics.height() + 6.0);
    paintGuide(painter, QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine), x, top, axisY() + 4);
    const QString caption = tr("pending \u25b8 not applied yet");
    const double left = std::max(x + 6, 4.0);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRectF(left, axisY() + 5, std::max(0.0, width() - left - 4), metrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(caption, Qt::ElideRight, int(width() - left - 4)));
}

void TimelineView::paintTicks(QPainter& painter, double until) const
{
    const double y = axisY();
    const QColor text = palette().color(QPalette::WindowText);
    const QColor grid = palette().color(QPalette::Mid);
    const TickStep step = tickStep(m_mapping.scale());
    const QDateTime leftTime = QDateTime::fromMSecsSinceEpoch(m_mapping.time(0), Qt::UTC);
    QDateTime tick;
    if (step.months > 0) {
        const QDate date = leftTime.date();
        const int monthIndex = date.year() * 12 + date.month() - 1;
        const int aligned = monthIndex - monthIndex % step.months;
        tick = QDateTime(QDate(aligned / 12, aligned % 12 + 1, 1), QTime(0, 0), Qt::UTC);
    } else if (step.milliseconds >= day) {
        tick = QDateTime(leftTime.date(), QTime(0, 0), Qt::UTC);
    } else {
        const qint64 ms = leftTime.toMSecsSinceEpoch();
        tick = QDateTime::fromMSecsSinceEpoch(ms - ms % step.milliseconds, Qt::UTC);
    }
    const QFontMetrics metrics = fontMetrics();
    double lastRight = -1e9;
    bool first = true;
    for (int guard = 0; guard < 1000; ++guard) {
        const double x = m_mapping.x(tick.toMSecsSinceEpoch());
        if (x > until)
            break;
        if (x >= 0) {
            paintGuide(painter, QPen(grid, 1, Qt::DotLine), x, 3 * (metrics.height() + 6.0), y - 4);
            painter.setPen(QPen(text, 1));
            painter.drawLine(QPointF(x, y), QPointF(x, y + 4));
            const QString label = tickLabel(tick, step, first);
            const QRectF box = pillRect(metrics, label, x, y + 5, width()).adjusted(6, 0, -6, 0);
            // A label must neither cover the previous one nor run into the pending caption.
            if (box.left() > lastRight + 6 && box.right() < until - 2) {
                painter.drawText(box, Qt::AlignCenter, label);
                lastRight = box.right();
                first = false;
            }
        }
        tick = step.months > 0         ? tick.addMonths(step.months)
            : step.milliseconds >= day ? tick.addDays(step.milliseconds / day)
                                       : tick.addMSecs(step.milliseconds);
    }
}

void TimelineView::paintTarget(QPainter& painter) const
{
    const std::optional<double> handle = targetHandleX();
    // A target that knows every entry leaves nothing to shade.
    if (!handle || targetKnowsEverything())
        return;
    const double top = 2 * (fontMetrics().height() + 6.0) + 2;
    QColor shade = palette().color(QPalette::Highlight);
    shade.setAlpha(36);
    painter.fillRect(QRectF(*handle, top, width() - *handle, axisY() - top), shade);
}

void TimelineView::paintBuilds(QPainter& painter) const
{
    const auto& entries = m_snapshot.entries;
    const QFontMetrics metrics = fontMetrics();
    const double rowHeight = metrics.height() + 6.0;
    std::array<double, 2> rowRight { -1e9, -1e9 };
    for (const Build& build : m_snapshot.builds) {
        const auto known = std::upper_bound(entries.begin(), entries.end(), build.maxId,
            [](qint64 id, const TimelineEntry& entry) { return id < entry.id; });
        const int last = int(known - entries.begin()) - 1;
        if (last < 0)
            continue;
        const double x = m_mapping.x(m_times[last]);
        if (x < -200 || x > width() + 200)
            continue;
        // Releases close together take the second row instead of covering each other.
        int row = 0;
        QRectF box = pillRect(metrics, build.version, x, 2, width());
        if (box.left() < rowRight[0] + 4) {
            row = 1;
            box.moveTop(2 + rowHeight);
        }
        rowRight[row] = box.right();
        paintGuide(painter, QPen(palette().color(QPalette::Mid), 1, Qt::DashLine), x, box.bottom(), axisY());
        paintPill(painter, box, build.version, palette(), m_target && *m_target == build.maxId);
    }
}

std::optional<QRectF> TimelineView::headLabelRect() const
{
    const std::optional<qint64> head = m_snapshot.head();
    const int index = head ? entryIndex(*head) : -1;
    if (index < 0)
        return std::nullopt;
    const QFontMetrics metrics = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    const double x = m_mapping.x(m_times[index]);
    return pillRect(QFontMetrics(bold), headLabel(x), x, 2 + 2 * (metrics.height() + 6.0), width());
}

// Panned or zoomed away from the head, its label stays at the edge and points to it.
QString TimelineView::headLabel(double x) const
{
    const QString label = tr("head #%1").arg(m_snapshot.head().value_or(0));
    if (x > width())
        return label + u" \u25b8"_s;
    if (x < 0)
        return u"\u25c2 "_s + label;
    return label;
}

void TimelineView::paintHead(QPainter& painter) const
{
    const std::optional<QRectF> box = headLabelRect();
    if (!box)
        return;
    const qint64 head = *m_snapshot.head();
    const double x = m_mapping.x(m_times[entryIndex(head)]);
    painter.setPen(QPen(palette().color(QPalette::WindowText), 2));
    painter.drawLine(QPointF(x, box->bottom()), QPointF(x, box->bottom() + 6));
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(*box, Qt::AlignCenter, headLabel(x));
    font.setBold(false);
    painter.setFont(font);
}

void TimelineView::paintTargetHandle(QPainter& painter) const
{
    const std::optional<double> handle = targetHandleX();
    if (!handle)
        return;
    const QColor highlight = palette().color(QPalette::Highlight);
    const double top = 2 * (fontMetrics().height() + 6.0) + 2;
    painter.setPen(QPen(highlight, 2));
    painter.drawLine(QPointF(*handle, top), QPointF(*handle, axisY()));
    painter.setBrush(highlight);
    painter.drawPolygon(
        QPolygonF({ QPointF(*handle - 6, top - 2), QPointF(*handle + 6, top - 2), QPointF(*handle, top + 6) }));
}

// Last of all, on a backdrop, so that no node or badge covers it.
void TimelineView::paintTargetLabel(QPainter& painter) const
{
    const std::optional<double> handle = targetHandleX();
    // A target that knows every entry leaves nothing unknown to name.
    if (!handle || targetKnowsEverything())
        return;
    const QFontMetrics metrics = fontMetrics();
    const QString unknown = tr("unknown to %1").arg(targetLabel());
    const double textWidth = metrics.horizontalAdvance(unknown);
    const double top = 2 * (metrics.height() + 6.0) + 2;
    const QRectF right(*handle + 10, top, textWidth, metrics.height());
    const QRectF left(*handle - 10 - textWidth, top, textWidth, metrics.height());
    const std::optional<QRectF> head = headLabelRect();
    const auto fits = [&](const QRectF& box) {
        return box.left() >= 2 && box.right() <= width() - 2 && !(head && box.intersects(head->adjusted(-4, -2, 4, 2)));
    };
    // Right of the handle, else left of it, else below the head's label.
    QRectF textBox = fits(right) ? right : fits(left) ? left : right;
    if (!fits(textBox)) {
        if (textBox.right() > width() - 2)
            textBox = left;
        if (head && textBox.intersects(head->adjusted(-4, -2, 4, 2)))
            textBox.moveTop(head->bottom() + 8);
    }
    QColor backdrop = palette().color(QPalette::Base);
    backdrop.setAlpha(215);
    painter.setPen(Qt::NoPen);
    painter.setBrush(backdrop);
    painter.drawRoundedRect(textBox.adjusted(-3, -1, 3, 1), 3, 3);
    painter.setPen(palette().color(QPalette::Highlight));
    painter.drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, unknown);
}

void TimelineView::paintNodes(QPainter& painter) const
{
    const auto [first, last] = visiblePositions(nodeSize * 2);
    // Per entry only arithmetic: a fitted 100,000-row ledger runs these loops over every
    // entry on each repaint.
    const double scale = m_mapping.scale();
    const double origin = m_mapping.x(m_mapping.startTime);
    const double bottomLane = laneY(0);
    const auto center = [&](int position) {
        return QPointF(origin + double(m_sortedTimes[position] - m_mapping.startTime) * scale,
            bottomLane - m_lanes[position] * laneSpacing);
    };
    // Zoomed far out, thousands of entries share a pixel column in a lane; one node per
    // pixel and lane keeps painting bounded by the widget, not the ledger.
    std::array<int, laneCap> lastPixel;
    lastPixel.fill(-1000000);
    const auto paintOnce = [&](int position, bool blocking) {
        const int lane = m_lanes[position];
        if (lane == TimelineMapping::hiddenLane)
            return false; // counted in its "+N" badge
        const QPointF at = center(position);
        const int pixel = int(at.x());
        if (pixel == lastPixel[size_t(lane)])
            return false;
        lastPixel[size_t(lane)] = pixel;
        m_nodeCache.paint(painter, at, m_snapshot.entries.at(m_order[position]), palette(), blocking);
        return true;
    };
    for (int position = first; position < last; ++position)
        paintOnce(position, false);
    if (!m_blocking.isEmpty()) {
        // Blocking entries again, on top of their neighbours, so that no halo hides under
        // another node. Their ids only when few enough to stay readable; the banner and
        // the table list them all.
        lastPixel.fill(-1000000);
        int blockingShown = 0;
        for (int position = first; position < last; ++position)
            blockingShown += m_blockingAt[position] ? int(paintOnce(position, true)) : 0;
        constexpr int maximumLabels = 12;
        for (int position = first; position < last && blockingShown <= maximumLabels; ++position) {
            const int index = m_order[position];
            if (m_blockingAt[position] && index != m_selected)
                paintIdLabel(painter, nodeRect(m_snapshot.entries.at(index).id), m_snapshot.entries.at(index).id);
        }
    }
    if (m_selected >= 0) {
        const TimelineEntry& entry = m_snapshot.entries.at(m_selected);
        const QRectF rect = nodeRect(entry.id);
        if (m_lanes[m_sortedPosition[m_selected]] != TimelineMapping::hiddenLane)
            m_nodeCache.paint(painter, rect.center(), entry, palette(), m_blocking.contains(entry.id));
        TimelineNodePainter(palette()).paintSelection(painter, rect);
        paintIdLabel(painter, rect, entry.id);
    }
}

void TimelineView::paintIdLabel(QPainter& painter, const QRectF& node, qint64 id) const
{
    const QString label = u"#%1"_s.arg(id);
    const double textWidth = fontMetrics().horizontalAdvance(label) + 2;
    // Right of the node, or left of it at the right edge, so that it is never cut off.
    const double left = node.right() + 6 + textWidth <= width() ? node.right() + 6 : node.left() - 6 - textWidth;
    painter.setFont(font());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRectF(left, node.top() - 4, textWidth, node.height() + 8), Qt::AlignLeft | Qt::AlignVCenter, label);
}

} // namespace backstep::ui
