#include "timelinenodepainter.h"

#include "project/timelineentry.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {

QPainterPath diamond(const QRectF& rect)
{
    QPainterPath path;
    const QPointF c = rect.center();
    path.moveTo(c.x(), rect.top());
    path.lineTo(rect.right(), c.y());
    path.lineTo(c.x(), rect.bottom());
    path.lineTo(rect.left(), c.y());
    path.closeSubpath();
    return path;
}

QPainterPath triangle(const QRectF& rect)
{
    QPainterPath path;
    path.moveTo(rect.center().x(), rect.top());
    path.lineTo(rect.right(), rect.bottom());
    path.lineTo(rect.left(), rect.bottom());
    path.closeSubpath();
    return path;
}

void paintGlyph(QPainter& painter, const QRectF& rect, const QString& glyph, const QColor& color)
{
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(std::max(7, int(rect.height() * 0.75)));
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(rect, Qt::AlignCenter, glyph);
}

} // namespace

TimelineNodePainter::TimelineNodePainter(const QPalette& palette)
    : m_text(palette.color(QPalette::WindowText))
    , m_base(palette.color(QPalette::Base))
    , m_unknown(palette.color(QPalette::PlaceholderText))
    , m_highlight(palette.color(QPalette::Highlight))
{
}

TimelineNodePainter::Kind TimelineNodePainter::kind(const TimelineEntry& entry)
{
    if (entry.mislabelled())
        return Kind::Mislabelled;
    const bool applied = entry.state == TimelineEntry::State::Applied;
    if (applied && !entry.recordedCompatible.has_value())
        return Kind::Unknown;
    const bool flag = applied ? *entry.recordedCompatible : entry.declaredCompatible;
    if (!flag || entry.verdict == Verdict::Breaking)
        return Kind::Breaking;
    if (entry.verdict == Verdict::Caution)
        return Kind::Caution;
    return Kind::Compatible;
}

QColor TimelineNodePainter::compatibleColor()
{
    return QColor(0x2e, 0x9d, 0x5b);
}

QColor TimelineNodePainter::cautionColor()
{
    return QColor(0xe0, 0x8e, 0x0b);
}

QColor TimelineNodePainter::breakingColor()
{
    return QColor(0xd6, 0x3a, 0x42);
}

QColor TimelineNodePainter::color(Kind kind) const
{
    switch (kind) {
    case Kind::Compatible:
        return compatibleColor();
    case Kind::Caution:
        return cautionColor();
    case Kind::Breaking:
    case Kind::Mislabelled:
        return breakingColor();
    case Kind::Unknown:
        return m_unknown;
    }
    return m_unknown;
}

void TimelineNodePainter::paint(QPainter& painter, const QRectF& rect, const TimelineEntry& entry) const
{
    const Kind nodeKind = kind(entry);
    if (entry.state == TimelineEntry::State::Pending) {
        painter.setPen(QPen(color(nodeKind), 1.5, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(rect);
        paintShape(painter, rect.adjusted(3.5, 3.5, -3.5, -3.5), nodeKind, true);
    } else {
        paintShape(painter, rect, nodeKind, false);
    }
    if (entry.drift) {
        const QRectF mark(rect.right() - 1, rect.top() - 6, 10, 10);
        paintGlyph(painter, mark.adjusted(-1, -1, 1, 1), u"≠"_s, m_text);
    }
}

void TimelineNodePainter::paintShape(QPainter& painter, const QRectF& rect, Kind nodeKind, bool hollow) const
{
    const QColor fill = color(nodeKind);
    painter.setPen(hollow ? QPen(fill, 1.5) : Qt::NoPen);
    painter.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(fill));
    switch (nodeKind) {
    case Kind::Compatible:
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1));
        break;
    case Kind::Caution:
        painter.drawPath(triangle(rect));
        break;
    case Kind::Breaking:
        painter.drawPath(diamond(rect));
        break;
    case Kind::Mislabelled:
        // The text-coloured outline sets it apart from a plain breaking diamond in greyscale.
        painter.setPen(QPen(m_text, 1.5));
        painter.drawPath(diamond(rect.adjusted(-1, -1, 1, 1)));
        paintGlyph(painter, rect, u"!"_s, hollow ? fill : QColor(Qt::white));
        break;
    case Kind::Unknown:
        painter.setPen(QPen(fill, 1.5));
        painter.setBrush(m_base);
        painter.drawEllipse(rect.adjusted(0.75, 0.75, -0.75, -0.75));
        paintGlyph(painter, rect, u"?"_s, m_text);
        break;
    }
}

void TimelineNodePainter::paintHalo(QPainter& painter, const QRectF& rect) const
{
    QColor halo = breakingColor();
    halo.setAlpha(90);
    painter.setPen(QPen(halo, 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(rect.adjusted(-4, -4, 4, 4));
}

void TimelineNodePainter::paintSelection(QPainter& painter, const QRectF& rect) const
{
    painter.setPen(QPen(m_highlight, 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 3, 3);
}

} // namespace backstep::ui
