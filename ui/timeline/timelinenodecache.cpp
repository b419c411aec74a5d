#include "timelinenodecache.h"

#include "project/timelineentry.h"
#include "timelinenodepainter.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPalette>

#include <cmath>

namespace backstep::ui {

namespace {

constexpr double nodeSize = 12.0;

int lookOf(const TimelineEntry& entry, bool halo)
{
    return int(TimelineNodePainter::kind(entry)) | (entry.state == TimelineEntry::State::Pending ? 1 << 4 : 0)
        | (entry.drift ? 1 << 5 : 0) | (halo ? 1 << 6 : 0);
}

// The room a look needs around the node: a pixel for antialiasing, more for the halo
// (4 px and its 3 px pen) and the drift mark the node painter draws above and right of
// the node. Kept tight: copying a pixmap costs by its area, a thousand times a frame.
QMarginsF marginsOf(const TimelineEntry& entry, bool halo)
{
    QMarginsF margins(2, 2, 2, 2);
    if (halo)
        margins = QMarginsF(7, 7, 7, 7);
    if (entry.drift)
        margins = QMarginsF(margins.left(), 9, 11, margins.bottom());
    return margins;
}

} // namespace

const TimelineNodeCache::Node& TimelineNodeCache::node(
    const TimelineEntry& entry, const QPalette& palette, bool halo, qreal ratio)
{
    if (palette.cacheKey() != m_paletteKey || ratio != m_ratio) {
        m_nodes.clear();
        m_paletteKey = palette.cacheKey();
        m_ratio = ratio;
    }
    const int look = lookOf(entry, halo);
    auto found = m_nodes.find(look);
    if (found != m_nodes.end())
        return found.value();
    const QMarginsF margins = marginsOf(entry, halo);
    const QSizeF size(margins.left() + nodeSize + margins.right(), margins.top() + nodeSize + margins.bottom());
    Node rendered { QPixmap((size * ratio).toSize()), QPointF(margins.left(), margins.top()) };
    rendered.pixmap.setDevicePixelRatio(ratio);
    rendered.pixmap.fill(Qt::transparent);
    {
        QPainter painter(&rendered.pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const TimelineNodePainter nodes(palette);
        const QRectF rect(QPointF(margins.left(), margins.top()), QSizeF(nodeSize, nodeSize));
        if (halo)
            nodes.paintHalo(painter, rect);
        nodes.paint(painter, rect, entry);
    }
    return m_nodes.insert(look, rendered).value();
}

void TimelineNodeCache::paint(
    QPainter& painter, const QPointF& center, const TimelineEntry& entry, const QPalette& palette, bool halo)
{
    // Exports to SVG and PDF keep their nodes as shapes: a pixmap there would be a
    // blurry raster image inside a vector drawing.
    if (!painter.paintEngine() || painter.paintEngine()->type() != QPaintEngine::Raster) {
        const TimelineNodePainter nodes(palette);
        const QRectF rect(center.x() - nodeSize / 2, center.y() - nodeSize / 2, nodeSize, nodeSize);
        if (halo)
            nodes.paintHalo(painter, rect);
        nodes.paint(painter, rect, entry);
        return;
    }
    const qreal ratio = painter.device() ? painter.device()->devicePixelRatio() : 1.0;
    const Node& cached = node(entry, palette, halo, ratio);
    // Whole device pixels: a pixmap copied at a fraction would be resampled and blur.
    const double left = std::round((center.x() - nodeSize / 2 - cached.offset.x()) * ratio) / ratio;
    const double top = std::round((center.y() - nodeSize / 2 - cached.offset.y()) * ratio) / ratio;
    painter.drawPixmap(QPointF(left, top), cached.pixmap);
}

} // namespace backstep::ui
