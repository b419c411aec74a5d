#pragma once

#include <QHash>
#include <QPixmap>
#include <QPointF>

class QPainter;
class QPalette;

namespace backstep {
struct TimelineEntry;
}

namespace backstep::ui {

// The timeline's nodes as pixmaps, each look rendered once by TimelineNodePainter and
// then copied: a fitted 100,000-row ledger shows about a thousand nodes per frame, and
// an antialiased path per node cost more than the rest of the repaint together.
// Rendered at the painter's device pixel ratio, so nodes stay crisp on high-DPI
// screens; rebuilt when the palette or the ratio changes. Vector devices (SVG, PDF)
// get the shapes themselves. GUI thread only.
class TimelineNodeCache
{
public:
    // The node of entry centred at center (snapped to a device pixel), with the
    // breaking halo around it when halo is set.
    void paint(QPainter& painter, const QPointF& center, const TimelineEntry& entry, const QPalette& palette,
        bool halo);

private:
    struct Node
    {
        QPixmap pixmap;
        QPointF offset; // of the node's rectangle within the pixmap
    };

    const Node& node(const TimelineEntry& entry, const QPalette& palette, bool halo, qreal ratio);

    QHash<int, Node> m_nodes; // by look: node kind, pending, drift, halo
    qint64 m_paletteKey = -1;
    qreal m_ratio = 0;
};

} // namespace backstep::ui
