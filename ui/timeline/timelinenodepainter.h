#pragma once

#include <QColor>
#include <QRectF>

class QPainter;
class QPalette;

namespace backstep {
struct TimelineEntry;
}

namespace backstep::ui {

// How one timeline entry looks. The shape carries the state on its own so the timeline
// reads without colour (and in print): circle, triangle, diamond, "!" and "?".
class TimelineNodePainter
{
public:
    enum class Kind
    {
        Compatible, // circle
        Caution, // triangle
        Breaking, // filled diamond
        Mislabelled, // outlined diamond with "!"
        Unknown, // "?" in a circle: the ledger recorded no flag
    };

    explicit TimelineNodePainter(const QPalette& palette);

    static Kind kind(const TimelineEntry& entry);
    // Mid-tone colours that keep their contrast on light and dark window colours.
    static QColor compatibleColor();
    static QColor cautionColor();
    static QColor breakingColor();
    QColor color(Kind kind) const;

    // Pending entries get a dashed ring around a smaller hollow shape; drift adds "≠".
    void paint(QPainter& painter, const QRectF& rect, const TimelineEntry& entry) const;
    void paintHalo(QPainter& painter, const QRectF& rect) const;
    void paintSelection(QPainter& painter, const QRectF& rect) const;

private:
    void paintShape(QPainter& painter, const QRectF& rect, Kind kind, bool hollow) const;

    QColor m_text;
    QColor m_base;
    QColor m_unknown;
    QColor m_highlight;
};

} // namespace backstep::ui
