#include "timelineview.h"

#include "timelinenodepainter.h"

#include <QFontMetrics>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <numeric>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr double leftMargin = 36.0;
constexpr double rightMargin = 64.0; // room for the "#id" label beside the last node
constexpr double nodeSize = 12.0;
constexpr double laneSpacing = 17.0;
constexpr double handleGrab = 6.0;
constexpr double zoomStep = 1.25;
constexpr int laneCap = 64;

// The time between the last applied entry and the first pending one: where the axis
// stops being time and becomes the catalog's order. nullopt without pending entries.
std::optional<qint64> pendingBoundary(const QVector<TimelineEntry>& entries, const QVector<qint64>& times)
{
    std::optional<qint64> applied;
    std::optional<qint64> pending;
    for (int i = 0; i < entries.size(); ++i) {
        auto& bound = entries.at(i).state == TimelineEntry::State::Pending ? pending : applied;
        bound = entries.at(i).state == TimelineEntry::State::Pending ? std::min(bound.value_or(times[i]), times[i])
                                                                     : std::max(bound.value_or(times[i]), times[i]);
    }
    if (!pending)
        return std::nullopt;
    return applied ? *applied + (*pending - *applied) / 2 : *pending;
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Ledger timeline"));
    setAccessibleDescription(tr("Migrations along the time they were applied; arrow keys move the selection, "
                                "plus and minus zoom, 0 fits"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAutoFillBackground(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

TimelineView::~TimelineView() = default;

void TimelineView::setSnapshot(const ProjectSnapshot& snapshot)
{
    const std::optional<qint64> previousSelection = selectedId();
    m_snapshot = snapshot;
    m_times = TimelineMapping::entryTimes(m_snapshot.entries);
    m_lastKnownTime = TimelineMapping::lastKnownTime(m_snapshot.entries);
    const int count = int(m_times.size());
    m_order.resize(count);
    std::iota(m_order.begin(), m_order.end(), 0);
    // Entries are in id order already, so a stable sort keeps equal times in id order.
    std::stable_sort(m_order.begin(), m_order.end(), [this](int a, int b) { return m_times[a] < m_times[b]; });
    m_sortedTimes.resize(count);
    m_sortedPosition.resize(count);
    for (int position = 0; position < count; ++position) {
        m_sortedTimes[position] = m_times[m_order[position]];
        m_sortedPosition[m_order[position]] = position;
    }
    m_lanes.fill(0, count);
    m_pendingBoundary = pendingBoundary(m_snapshot.entries, m_times);
    m_highestId = 0;
    for (const TimelineEntry& entry : std::as_const(m_snapshot.entries))
        m_highestId = std::max(m_highestId, entry.id);
    if (count > 0)
        m_mapping.setRange(m_sortedTimes.first(), m_sortedTimes.last());
    m_selected = previousSelection ? entryIndex(*previousSelection) : -1;
    updateBlocking(); // the same target blocks on different rows in another ledger
    fitToWindow();
}

void TimelineView::updateEntries(const QVector<TimelineEntry>& changed)
{
    for (const TimelineEntry& entry : changed) {
        const int index = entryIndex(entry.id);
        if (index >= 0)
            m_snapshot.entries[index] = entry;
    }
    updateBlocking(); // a verdict can turn a row into a blocking one
    update();
}

void TimelineView::setTarget(std::optional<qint64> maxId)
{
    if (maxId == m_target)
        return;
    m_target = maxId;
    updateBlocking();
    update();
}

void TimelineView::updateBlocking()
{
    m_blocking.clear();
    m_blockingAt.fill(false, m_order.size());
    if (!m_target)
        return;
    const GateDecision decision = m_snapshot.decisionFor(*m_target);
    for (const GateDecision::Blocking& blocking : decision.blocking) {
        m_blocking.insert(blocking.id);
        const int index = entryIndex(blocking.id);
        if (index >= 0)
            m_blockingAt[m_sortedPosition[index]] = true;
    }
}

void TimelineView::setSelectedId(std::optional<qint64> id)
{
    const int index = id ? entryIndex(*id) : -1;
    if (index == m_selected)
        return;
    m_selected = index;
    if (m_selected >= 0)
        ensureVisible(m_selected);
    update();
}

void TimelineView::fitToWindow()
{
    m_autoFit = true;
    m_mapping.fit(leftMargin, std::max(1.0, width() - leftMargin - rightMargin));
    relayout();
    update();
}

std::optional<qint64> TimelineView::selectedId() const
{
    return m_selected >= 0 ? std::optional<qint64>(m_snapshot.entries.at(m_selected).id) : std::nullopt;
}

std::optional<qint64> TimelineView::target() const
{
    return m_target;
}

QRectF TimelineView::nodeRect(qint64 id) const
{
    const int index = entryIndex(id);
    if (index < 0)
        return {};
    const double x = m_mapping.x(m_times[index]);
    const int lane = m_lanes[m_sortedPosition[index]];
    // A hidden entry is where its "+N" badge stands.
    const double y = laneY(lane == TimelineMapping::hiddenLane ? maxLanes() : lane);
    return QRectF(x - nodeSize / 2, y - nodeSize / 2, nodeSize, nodeSize);
}

std::optional<double> TimelineView::targetHandleX() const
{
    const auto& entries = m_snapshot.entries;
    if (!m_target || entries.isEmpty())
        return std::nullopt;
    // The last entry the build knows; entries are in ascending id order.
    const auto known = std::upper_bound(
        entries.begin(), entries.end(), *m_target, [](qint64 id, const TimelineEntry& entry) { return id < entry.id; });
    const int last = int(known - entries.begin()) - 1;
    if (last < 0)
        return m_mapping.x(m_times.first()) - nodeSize;
    if (last == entries.size() - 1)
        return m_mapping.x(m_times.last()) + nodeSize;
    return (m_mapping.x(m_times[last]) + m_mapping.x(m_times[last + 1])) / 2.0;
}

const TimelineMapping& TimelineView::mapping() const
{
    return m_mapping;
}

QSize TimelineView::sizeHint() const
{
    return QSize(900, 220);
}

QSize TimelineView::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return QSize(240, 4 * line + 3 * int(laneSpacing) + 24);
}

bool TimelineView::targetKnowsEverything() const
{
    return m_target && *m_target >= m_highestId;
}

std::optional<double> TimelineView::pendingStartX() const
{
    if (!m_pendingBoundary)
        return std::nullopt;
    // Pending-only: the boundary is the first pending entry itself; keep the line clear of it.
    const bool anyApplied = !m_snapshot.entries.isEmpty() && m_snapshot.entries.first().state == TimelineEntry::State::Applied;
    return m_mapping.x(*m_pendingBoundary) - (anyApplied ? 0.0 : nodeSize);
}

std::pair<int, int> TimelineView::visiblePositions(double reach) const
{
    const auto first = std::lower_bound(m_sortedTimes.begin(), m_sortedTimes.end(), m_mapping.time(-reach));
    const auto last = std::upper_bound(first, m_sortedTimes.end(), m_mapping.time(width() + reach));
    return { int(first - m_sortedTimes.begin()), int(last - m_sortedTimes.begin()) };
}

int TimelineView::entryIndex(qint64 id) const
{
    const auto& entries = m_snapshot.entries;
    const auto found = std::lower_bound(
        entries.begin(), entries.end(), id, [](const TimelineEntry& entry, qint64 value) { return entry.id < value; });
    return found != entries.end() && found->id == id ? int(found - entries.begin()) : -1;
}

int TimelineView::entryAt(const QPointF& position) const
{
    const double reach = nodeSize / 2 + 2;
    const auto first
        = std::lower_bound(m_sortedTimes.begin(), m_sortedTimes.end(), m_mapping.time(position.x() - reach));
    const auto last
        = std::upper_bound(m_sortedTimes.begin(), m_sortedTimes.end(), m_mapping.time(position.x() + reach));
    // Later entries are painted on top, so the last hit is the one the person sees.
    for (auto it = last; it != first;) {
        --it;
        const int sorted = int(it - m_sortedTimes.begin());
        if (m_lanes[sorted] == TimelineMapping::hiddenLane)
            continue;
        const QPointF center(m_mapping.x(*it), laneY(m_lanes[sorted]));
        if (std::abs(center.x() - position.x()) <= reach && std::abs(center.y() - position.y()) <= reach)
            return m_order[sorted];
    }
    return -1;
}

qint64 TimelineView::maxIdAt(double x) const
{
    const auto& entries = m_snapshot.entries;
    const auto after = std::upper_bound(m_sortedTimes.begin(), m_sortedTimes.end(), m_mapping.time(x));
    if (after == m_sortedTimes.begin())
        return entries.first().id - 1;
    return entries.at(m_order[int(after - m_sortedTimes.begin()) - 1]).id;
}

double TimelineView::axisY() const
{
    return height() - fontMetrics().height() - 10.0;
}

double TimelineView::laneY(int lane) const
{
    return axisY() - nodeSize - 4.0 - lane * laneSpacing;
}

int TimelineView::maxLanes() const
{
    // Below the build and head labels (two pill rows and the head row), and one row
    // above the top lane kept for the "+N" badges of what does not fit.
    const double top = 3 * (fontMetrics().height() + 6.0) + nodeSize;
    return std::clamp(int((laneY(0) - top) / laneSpacing), 1, laneCap);
}

void TimelineView::relayout()
{
    TimelineMapping::assignLanes(m_sortedTimes, m_mapping.scale(), nodeSize + 3.0, maxLanes(), m_lanes);
}

void TimelineView::zoomAround(double factor, double x)
{
    m_autoFit = false;
    m_mapping.zoomAround(factor, x);
    relayout();
    update();
}

void TimelineView::selectIndex(int index)
{
    if (index < 0 || index >= m_snapshot.entries.size() || index == m_selected)
        return;
    m_selected = index;
    ensureVisible(index);
    update();
    Q_EMIT entrySelected(m_snapshot.entries.at(index).id);
}

void TimelineView::ensureVisible(int index)
{
    const double x = m_mapping.x(m_times[index]);
    const double right = width() - rightMargin;
    if (x < leftMargin)
        m_mapping.panBy(leftMargin - x);
    else if (x > right)
        m_mapping.panBy(right - x);
    else
        return;
    m_autoFit = false;
}

QString TimelineView::toolTipText(const TimelineEntry& entry) const
{
    const bool pending = entry.state == TimelineEntry::State::Pending;
    QString applied = pending       ? tr("pending: not applied yet")
        : entry.appliedAt.isValid() ? tr("applied %1").arg(QLocale().toString(entry.appliedAt, QLocale::ShortFormat))
                                    : tr("applied at an unknown time");
    std::optional<bool> flag = pending ? std::optional<bool>(entry.declaredCompatible) : entry.recordedCompatible;
    const QString flagText = !flag ? tr("flag unknown (not recorded)")
        : *flag                    ? tr("flagged backward-compatible")
                                   : tr("flagged breaking");
    const QString verdict = entry.verdict ? tr("analysis: %1").arg(verdictName(*entry.verdict)) : tr("not analysed");
    QStringList lines { u"<b>#%1 %2</b>"_s.arg(entry.id).arg(entry.name.toHtmlEscaped()), applied.toHtmlEscaped(),
        flagText, verdict };
    if (entry.mislabelled())
        lines << tr("<b>mislabelled</b>: declared compatible, analysed breaking");
    if (entry.drift)
        lines << tr("drift: the ledger differs from the catalog");
    if (!entry.findings.isEmpty())
        lines << entry.findings.first().message.toHtmlEscaped();
    if (m_blocking.contains(entry.id))
        lines << tr("blocks %1 from booting").arg(targetLabel().toHtmlEscaped());
    return lines.join(u"<br>"_s);
}

QString TimelineView::targetLabel() const
{
    for (const Build& build : m_snapshot.builds) {
        if (m_target && build.maxId == *m_target)
            return build.version;
    }
    return m_target ? u"#%1"_s.arg(*m_target) : QString();
}

bool TimelineView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = entryAt(help->pos());
        const QVector<OverflowBadge> badges = overflowBadges();
        const int badge = overflowBadgeAt(help->pos(), badges);
        if (badge >= 0)
            QToolTip::showText(help->globalPos(), overflowToolTip(badges.at(badge)), this, badges.at(badge).rect.toAlignedRect());
        else if (index >= 0)
            QToolTip::showText(help->globalPos(), toolTipText(m_snapshot.entries.at(index)), this,
                nodeRect(m_snapshot.entries.at(index).id).toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_autoFit)
        m_mapping.fit(leftMargin, std::max(1.0, width() - leftMargin - rightMargin));
    relayout();
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const int count = int(m_snapshot.entries.size());
    switch (event->key()) {
    case Qt::Key_Right:
        selectIndex(m_selected < 0 ? 0 : std::min(m_selected + 1, count - 1));
        break;
    case Qt::Key_Left:
        selectIndex(m_selected < 0 ? count - 1 : std::max(m_selected - 1, 0));
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: // "+" without Shift on most layouts
        zoomAround(zoomStep, width() / 2.0);
        break;
    case Qt::Key_Minus:
        zoomAround(1.0 / zoomStep, width() / 2.0);
        break;
    case Qt::Key_0:
        fitToWindow();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_snapshot.entries.isEmpty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_lastMouse = event->position();
    const std::optional<double> handle = targetHandleX();
    if (handle && std::abs(*handle - event->position().x()) <= handleGrab) {
        m_drag = Drag::Target;
        return;
    }
    const int index = entryAt(event->position());
    if (index >= 0) {
        selectIndex(index);
        m_drag = Drag::None;
        return;
    }
    const QVector<OverflowBadge> badges = overflowBadges();
    const int badge = overflowBadgeAt(event->position(), badges);
    if (badge >= 0) {
        // The quickest way to give a pile its lanes back: zoom in on it.
        zoomAround(std::pow(zoomStep, 4), badges.at(badge).rect.left() + nodeSize / 2);
        m_drag = Drag::None;
        return;
    }
    m_drag = Drag::Pan;
    setCursor(Qt::ClosedHandCursor);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF position = event->position();
    if (m_drag == Drag::Pan) {
        m_autoFit = false;
        m_mapping.panBy(position.x() - m_lastMouse.x());
        m_lastMouse = position;
        update();
    } else if (m_drag == Drag::Target) {
        // Snap: the handle always sits between two entries, so the target is one of them.
        const qint64 maxId = maxIdAt(position.x());
        if (maxId != m_target) {
            setTarget(maxId);
            Q_EMIT targetDragged(maxId);
        }
    } else {
        const std::optional<double> handle = targetHandleX();
        const bool overHandle = handle && std::abs(*handle - position.x()) <= handleGrab;
        setCursor(overHandle ? Qt::SizeHorCursor : Qt::ArrowCursor);
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_drag != Drag::None) {
        m_drag = Drag::None;
        unsetCursor();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) {
        event->ignore();
        return;
    }
    zoomAround(std::pow(zoomStep, steps), event->position().x());
    event->accept();
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_snapshot.entries.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No migrations to show"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    paintTarget(painter);
    paintAxis(painter);
    paintBuilds(painter);
    paintHead(painter);
    paintTargetHandle(painter);
    paintNodes(painter);
    paintOverflowBadges(painter);
    paintTargetLabel(painter);
}

} // namespace backstep::ui
