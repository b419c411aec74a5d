#include "timelinenodecache.h"

#include "project/timelineentry.h"
#include "timelinenodepainter.h"

#include <QPainter>
#include <QPalette>

#include <cmath>

namespace backstep::ui {

namespace {

constexpr double nodeSize = 12.0;
// Room around the node for the halo (4 px and its 3 px pen) and the drift mark, which
// the node painter draws above and right of the node.
constexpr double marginLeft = 7.0;
constexpr double marginTop = 9.0;
constexpr double marginRight = 11.0;
constexpr double marginBottom = 7.0;

int lookOf(const TimelineEntry& entry, bool halo)
{
    return int(TimelineNodePainter::kind(entry)) | (entry.state == TimelineEntry::State::Pending ? 1 << 4 : 0)
        | (entry.drift ? 1 << 5 : 0) | (halo ? 1 << 6 : 0);
}

} // namespace

const QPixmap& TimelineNodeCache::pixmap(const TimelineEntry& entry, const QPalette& palette, bool halo, qreal ratio)
{
    if (palette.cacheKey() != m_paletteKey || ratio != m_ratio) {
        m_pixmaps.clear();
        m_paletteKey = palette.cacheKey();
        m_ratio = ratio;
    }
    const int look = lookOf(entry, halo);
    auto found = m_pixmaps.find(look);
    if (found != m_pixmaps.end())
        return found.value();
    const QSizeF size(marginLeft + nodeSize + marginRight, marginTop + nodeSize + marginBottom);
    QPixmap rendered((size * ratio).toSize());
    rendered.setDevicePixelRatio(ratio);
    rendered.fill(Qt::transparent);
    {
        QPainter painter(&rendered);
        painter.setRenderHint(QPainter::Antialiasing);
        const TimelineNodePainter nodes(palette);
        const QRectF rect(marginLeft, marginTop, nodeSize, nodeSize);
        if (halo)
            nodes.paintHalo(painter, rect);
        nodes.paint(painter, rect, entry);
    }
    return m_pixmaps.insert(look, rendered).value();
}

void TimelineNodeCache::paint(
    QPainter& painter, const QPointF& center, const TimelineEntry& entry, const QPalette& palette, bool halo)
{
    const qreal ratio = painter.device() ? painter.device()->devicePixelRatio() : 1.0;
    const QPixmap& node = pixmap(entry, palette, halo, ratio);
    // Whole device pixels: a pixmap copied at a fraction would be resampled and blur.
    const double left = std::round((center.x() - nodeSize / 2 - marginLeft) * ratio) / ratio;
    const double top = std::round((center.y() - nodeSize / 2 - marginTop) * ratio) / ratio;
    painter.drawPixmap(QPointF(left, top), node);
}

} // namespace backstep::ui
