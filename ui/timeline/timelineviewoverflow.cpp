// TimelineView's "+N" badges: the entries that found no free lane, counted above their
// stack instead of piling up unseen in the top lane.
#include "timelinenodepainter.h"
#include "timelineview.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr double nodeSize = 12.0;
constexpr double laneSpacing = 17.0;
constexpr int listedInToolTip = 12;

QFont badgeFont(QFont font)
{
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

QString badgeText(int count)
{
    return u"+"_s + QString::number(count);
}

} // namespace

QVector<TimelineView::OverflowBadge> TimelineView::overflowBadges() const
{
    QVector<OverflowBadge> badges;
    const QFontMetricsF metrics(badgeFont(font()));
    // Hidden entries closer than this to a badge's left edge join it, so that badges for
    // up to five-digit counts never cover each other.
    const double groupWidth = metrics.horizontalAdvance(u"+99999"_s) + 10.0;
    const double height = std::min(laneSpacing - 1.0, metrics.height() + 2.0);
    const double centerY = laneY(maxLanes());
    const auto [first, last] = visiblePositions(groupWidth);
    for (int position = first; position < last; ++position) {
        if (m_lanes[position] != TimelineMapping::hiddenLane)
            continue;
        const double x = m_mapping.x(m_sortedTimes[position]);
        if (!badges.isEmpty() && x < badges.last().rect.left() + nodeSize / 2 + groupWidth) {
            OverflowBadge& badge = badges.last();
            ++badge.count;
            badge.lastPosition = position;
            badge.blocking = badge.blocking || m_blockingAt[position];
            continue;
        }
        OverflowBadge badge;
        badge.rect = QRectF(x - nodeSize / 2, centerY - height / 2, 0, height);
        badge.count = 1;
        badge.firstPosition = badge.lastPosition = position;
        badge.blocking = m_blockingAt[position];
        badges.append(badge);
    }
    for (OverflowBadge& badge : badges)
        badge.rect.setWidth(metrics.horizontalAdvance(badgeText(badge.count)) + 8.0);
    return badges;
}

QVector<qint64> TimelineView::overflowIds(const OverflowBadge& badge) const
{
    QVector<qint64> ids;
    ids.reserve(badge.count);
    for (int position = badge.firstPosition; position <= badge.lastPosition && position < m_lanes.size(); ++position) {
        if (m_lanes[position] == TimelineMapping::hiddenLane)
            ids.append(m_snapshot.entries.at(m_order[position]).id);
    }
    return ids;
}

int TimelineView::overflowBadgeAt(const QPointF& position, const QVector<OverflowBadge>& badges) const
{
    for (int i = 0; i < badges.size(); ++i) {
        if (badges.at(i).rect.adjusted(-2, -2, 2, 2).contains(position))
            return i;
    }
    return -1;
}

QString TimelineView::overflowToolTip(const OverflowBadge& badge) const
{
    const QVector<qint64> ids = overflowIds(badge);
    QStringList lines { tr("<b>%1 more migrations here</b>, with no room to stack them:").arg(ids.size()) };
    const QLocale locale;
    for (int i = 0; i < std::min(int(ids.size()), listedInToolTip); ++i) {
        const TimelineEntry& entry = m_snapshot.entries.at(entryIndex(ids.at(i)));
        const QString when = entry.state == TimelineEntry::State::Pending ? tr("pending")
            : entry.appliedAt.isValid() ? locale.toString(entry.appliedAt, QLocale::ShortFormat)
                                        : tr("unknown time");
        QString line = u"#%1 %2 \u00b7 %3"_s.arg(entry.id).arg(entry.name.toHtmlEscaped(), when);
        if (m_blocking.contains(entry.id))
            line += u" \u00b7 <b>"_s + tr("blocks %1").arg(targetLabel().toHtmlEscaped()) + u"</b>"_s;
        lines << line;
    }
    if (ids.size() > listedInToolTip)
        lines << tr("\u2026 and %1 more").arg(ids.size() - listedInToolTip);
    const bool sameMoment = m_sortedTimes[badge.firstPosition] == m_sortedTimes[badge.lastPosition];
    lines << (sameMoment && m_mapping.scale() >= TimelineMapping::maximumScale * 0.999
            ? tr("<i>Applied at the same moment: the table lists them all.</i>")
            : tr("<i>Click the badge or zoom in to separate them.</i>"));
    return lines.join(u"<br>"_s);
}

void TimelineView::paintOverflowBadges(QPainter& painter) const
{
    const QVector<OverflowBadge> badges = overflowBadges();
    if (badges.isEmpty())
        return;
    painter.setFont(badgeFont(font()));
    for (const OverflowBadge& badge : badges) {
        // A pile hiding a blocking migration says so with the breaking colour.
        const QColor border = badge.blocking ? TimelineNodePainter::breakingColor() : palette().color(QPalette::Mid);
        painter.setPen(QPen(border, badge.blocking ? 2 : 1));
        painter.setBrush(palette().color(QPalette::AlternateBase));
        painter.drawRoundedRect(badge.rect, 3, 3);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(badge.rect, Qt::AlignCenter, badgeText(badge.count));
    }
    painter.setFont(font());
}

} // namespace backstep::ui
