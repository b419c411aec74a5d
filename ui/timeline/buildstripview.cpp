#include "buildstripview.h"

#include "report/simulationreport.h"
#include "timelinemapping.h"
#include "timelinenodepainter.h"
#include "timelineview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {
constexpr double markerSize = 16.0;
constexpr double captionMarkerSize = 12.0;
constexpr double captionGap = 3.0;
constexpr double labelGap = 2.0;

QPainterPath octagon(const QRectF& rect)
{
    const double cut = rect.width() * 0.29;
    QPainterPath path;
    path.moveTo(rect.left() + cut, rect.top());
    path.lineTo(rect.right() - cut, rect.top());
    path.lineTo(rect.right(), rect.top() + cut);
    path.lineTo(rect.right(), rect.bottom() - cut);
    path.lineTo(rect.right() - cut, rect.bottom());
    path.lineTo(rect.left() + cut, rect.bottom());
    path.lineTo(rect.left(), rect.bottom() - cut);
    path.lineTo(rect.left(), rect.top() + cut);
    path.closeSubpath();
    return path;
}

// Drawn as lines rather than font glyphs: every platform font has them, and they
// stay centred.
void paintTick(QPainter& painter, const QRectF& rect, const QColor& color)
{
    painter.setPen(QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    const QPointF points[] = { { rect.left() + rect.width() * 0.28, rect.top() + rect.height() * 0.52 },
        { rect.left() + rect.width() * 0.44, rect.top() + rect.height() * 0.68 },
        { rect.left() + rect.width() * 0.73, rect.top() + rect.height() * 0.34 } };
    painter.drawPolyline(points, 3);
}

void paintCross(QPainter& painter, const QRectF& rect, const QColor& color)
{
    painter.setPen(QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap));
    const QRectF inner = rect.adjusted(rect.width() * 0.32, rect.height() * 0.32, -rect.width() * 0.32,
        -rect.height() * 0.32);
    painter.drawLine(inner.topLeft(), inner.bottomRight());
    painter.drawLine(inner.topRight(), inner.bottomLeft());
}
} // namespace

BuildStripView::BuildStripView(TimelineView* timeline, QWidget* parent)
    : QWidget(parent)
    , m_timeline(timeline)
{
    setObjectName(u"buildStrip"_s);
    setAccessibleName(tr("Boot or refuse, for every build"));
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // The timeline zooms and pans on its own; whenever it paints, its mapping may have
    // moved, so the strip repaints with it and the markers stay under the builds.
    if (m_timeline)
        m_timeline->installEventFilter(this);
}

void BuildStripView::setSnapshot(const ProjectSnapshot& snapshot)
{
    m_focused = -1;
    updateDecisions(snapshot);
}

void BuildStripView::updateDecisions(const ProjectSnapshot& snapshot)
{
    m_markers.clear();
    const QVector<qint64> times = TimelineMapping::entryTimes(snapshot.entries);
    const auto& entries = snapshot.entries;
    for (const Build& build : snapshot.builds) {
        // The same place the timeline puts the build's marker: at its last known migration.
        const auto known = std::upper_bound(entries.begin(), entries.end(), build.maxId,
            [](qint64 id, const TimelineEntry& entry) { return id < entry.id; });
        const int last = int(known - entries.begin()) - 1;
        if (last < 0)
            continue;
        const GateDecision decision = snapshot.decisionFor(build.maxId);
        m_markers.append({ build.version, build.maxId, times.at(last), decision.outcome,
            SimulationReport::sentence(build.version, decision) });
    }
    if (m_focused >= m_markers.size())
        m_focused = -1;
    // A screen reader cannot point at markers: it reads every build's answer instead.
    QStringList sentences;
    for (const Marker& marker : std::as_const(m_markers))
        sentences << marker.sentence;
    setAccessibleDescription(sentences.join(u' '));
    updateGeometry();
    update();
}

void BuildStripView::setTarget(std::optional<qint64> maxId)
{
    if (m_target == maxId)
        return;
    m_target = maxId;
    update();
}

int BuildStripView::markerCount() const
{
    return int(m_markers.size());
}

QString BuildStripView::markerVersion(int index) const
{
    return m_markers.value(index).version;
}

GateDecision::Outcome BuildStripView::markerOutcome(int index) const
{
    return m_markers.value(index).outcome;
}

QString BuildStripView::markerToolTip(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return {};
    const Marker& marker = m_markers.at(index);
    return marker.sentence + u'\n' + tr("Click to simulate %1.").arg(marker.version);
}

QRectF BuildStripView::markerRect(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return {};
    const double x = markerX(m_markers.at(index));
    return QRectF(x - markerSize / 2, markerY(), markerSize, markerSize);
}

QSize BuildStripView::sizeHint() const
{
    return { 400, minimumSizeHint().height() };
}

QSize BuildStripView::minimumSizeHint() const
{
    // The caption with its key, the markers, and a row of version labels.
    return { 100, int(std::ceil(markerY() + markerSize + labelGap + fontMetrics().height() + 2)) };
}

double BuildStripView::markerX(const Marker& marker) const
{
    return m_timeline ? m_timeline->mapping().x(marker.time) : 0.0;
}

double BuildStripView::markerY() const
{
    return fontMetrics().height() + captionGap + 2.0;
}

int BuildStripView::markerAt(const QPointF& position) const
{
    int best = -1;
    double bestDistance = markerSize; // generous, so a marker is easy to hit
    for (int index = 0; index < m_markers.size(); ++index) {
        const QRectF rect = markerRect(index);
        const double distance = std::hypot(rect.center().x() - position.x(), rect.center().y() - position.y());
        if (distance < bestDistance) {
            best = index;
            bestDistance = distance;
        }
    }
    return best;
}

bool BuildStripView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_timeline && event->type() == QEvent::Paint)
        update();
    return QWidget::eventFilter(watched, event);
}

bool BuildStripView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = markerAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), markerToolTip(index), this, markerRect(index).toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void BuildStripView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    paintCaption(painter);
    for (int index = 0; index < m_markers.size(); ++index) {
        const QRectF rect = markerRect(index);
        if (rect.right() < 0 || rect.left() > width())
            continue;
        const Marker& marker = m_markers.at(index);
        if (m_target && *m_target == marker.maxId) {
            painter.setPen(QPen(palette().color(QPalette::Highlight), 2.0));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 4, 4);
        }
        if (hasFocus() && index == m_focused) {
            painter.setPen(QPen(palette().color(QPalette::WindowText), 1.0, Qt::DotLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(rect.adjusted(-5, -5, 5, 5));
        }
        paintMarker(painter, rect, marker.outcome);
    }
    paintLabels(painter);
}

// What the strip answers and what its shapes mean, in one line above it: the timeline's
// legend covers the migrations, not these markers.
void BuildStripView::paintCaption(QPainter& painter) const
{
    const QFontMetrics metrics = fontMetrics();
    const double height = metrics.height();
    double x = 4.0;
    const auto text = [&](const QString& words) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const double advance = metrics.horizontalAdvance(words);
        painter.drawText(QRectF(x, 1, advance + 2, height), Qt::AlignLeft | Qt::AlignVCenter, words);
        x += advance + 10;
    };
    const auto key = [&](GateDecision::Outcome outcome) {
        const double top = 1 + (height - captionMarkerSize) / 2;
        paintMarker(painter, QRectF(x, top, captionMarkerSize, captionMarkerSize), outcome);
        x += captionMarkerSize + 4;
    };
    text(tr("Would each build boot?"));
    key(GateDecision::Outcome::Boot);
    text(tr("boots"));
    key(GateDecision::Outcome::BootToleratingNewer);
    text(tr("boots, tolerating newer migrations"));
    key(GateDecision::Outcome::Refuse);
    text(tr("refuses"));
    text(tr("\u00b7 click one to simulate it"));
}

void BuildStripView::paintMarker(QPainter& painter, const QRectF& rect, GateDecision::Outcome outcome) const
{
    switch (outcome) {
    case GateDecision::Outcome::Boot:
        painter.setPen(Qt::NoPen);
        painter.setBrush(TimelineNodePainter::compatibleColor());
        painter.drawEllipse(rect);
        paintTick(painter, rect, Qt::white);
        return;
    case GateDecision::Outcome::BootToleratingNewer: {
        // A ring: it boots, but newer migrations stay in the database.
        const QColor color = TimelineNodePainter::cautionColor();
        painter.setPen(QPen(color, 2.5));
        painter.setBrush(palette().color(QPalette::Base));
        painter.drawEllipse(rect.adjusted(1.25, 1.25, -1.25, -1.25));
        paintTick(painter, rect, color);
        return;
    }
    case GateDecision::Outcome::Refuse:
        break;
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(TimelineNodePainter::breakingColor());
    painter.drawPath(octagon(rect));
    paintCross(painter, rect, Qt::white);
}

void BuildStripView::paintLabels(QPainter& painter) const
{
    const QFontMetrics metrics = fontMetrics();
    const double top = markerY() + markerSize + labelGap;
    double previousRight = -1e9;
    for (const Marker& marker : m_markers) {
        const double x = markerX(marker);
        const double textWidth = metrics.horizontalAdvance(marker.version) + 2.0;
        const QRectF box(x - textWidth / 2, top, textWidth, metrics.height());
        if (box.right() < 0 || box.left() > width())
            continue;
        // The timeline above names every release; here a label that would collide is
        // left out, and the marker's tooltip still names it.
        if (box.left() < previousRight + 4)
            continue;
        previousRight = box.right();
        QFont font = painter.font();
        font.setBold(m_target && *m_target == marker.maxId);
        painter.setFont(font);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(box, Qt::AlignCenter, marker.version);
    }
}

void BuildStripView::mousePressEvent(QMouseEvent* event)
{
    const int index = markerAt(event->position());
    if (event->button() != Qt::LeftButton || index < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_focused = index;
    update();
    Q_EMIT buildChosen(m_markers.at(index).version);
}

void BuildStripView::keyPressEvent(QKeyEvent* event)
{
    if (m_markers.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        m_focused = std::max(0, m_focused - 1);
        break;
    case Qt::Key_Right:
        m_focused = std::min(int(m_markers.size()) - 1, m_focused + 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_focused >= 0)
            Q_EMIT buildChosen(m_markers.at(m_focused).version);
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    update();
    if (m_focused >= 0)
        QToolTip::showText(mapToGlobal(markerRect(m_focused).bottomLeft().toPoint()), markerToolTip(m_focused), this);
}

} // namespace backstep::ui
