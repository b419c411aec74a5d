#include "timelinelegend.h"

#include "project/timelineentry.h"
#include "timelinenodepainter.h"

#include <QPainter>

namespace backstep::ui {

namespace {

constexpr double nodeSize = 12.0;
constexpr int gap = 18;
// Room for the drift mark, which the node painter draws above and right of the node.
constexpr double labelOffset = 10.0;

struct LegendItem
{
    TimelineEntry sample;
    QString label;
};

// One sample entry per state, as the timeline would show it.
QVector<LegendItem> items()
{
    QVector<LegendItem> result;
    const auto applied = [](std::optional<bool> flag, std::optional<Verdict> verdict) {
        TimelineEntry entry;
        entry.recordedCompatible = flag;
        entry.verdict = verdict;
        return entry;
    };
    result.append({ applied(true, Verdict::Compatible), TimelineLegend::tr("compatible") });
    result.append({ applied(true, Verdict::Caution), TimelineLegend::tr("caution") });
    result.append({ applied(false, Verdict::Breaking), TimelineLegend::tr("breaking") });
    result.append({ applied(true, Verdict::Breaking), TimelineLegend::tr("mislabelled flag") });
    result.append({ applied(std::nullopt, std::nullopt), TimelineLegend::tr("flag unknown") });
    TimelineEntry pending;
    pending.state = TimelineEntry::State::Pending;
    pending.declaredCompatible = true;
    pending.verdict = Verdict::Compatible;
    result.append({ pending, TimelineLegend::tr("pending") });
    TimelineEntry drift = applied(true, Verdict::Compatible);
    drift.drift = true;
    result.append({ drift, TimelineLegend::tr("drift") });
    return result;
}

} // namespace

TimelineLegend::TimelineLegend(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Timeline legend"));
    setAccessibleDescription(labels().join(QStringLiteral(", ")));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QStringList TimelineLegend::labels()
{
    QStringList result;
    for (const LegendItem& item : items())
        result.append(item.label);
    return result;
}

QSize TimelineLegend::sizeHint() const
{
    int width = 0;
    for (const LegendItem& item : items())
        width += int(nodeSize + labelOffset) + fontMetrics().horizontalAdvance(item.label) + gap;
    return { width, std::max(int(nodeSize) + 8, fontMetrics().height() + 6) };
}

QSize TimelineLegend::minimumSizeHint() const
{
    return { 0, sizeHint().height() };
}

void TimelineLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const TimelineNodePainter nodes(palette());
    const double middle = height() / 2.0;
    double x = 4;
    for (const LegendItem& item : items()) {
        const QRectF node(x, middle - nodeSize / 2, nodeSize, nodeSize);
        nodes.paint(painter, node, item.sample);
        x += nodeSize + labelOffset;
        const int textWidth = fontMetrics().horizontalAdvance(item.label);
        // The node painter may leave a smaller font set for its "?" and "!" marks.
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(x, 0, textWidth + 2, height()), Qt::AlignVCenter | Qt::AlignLeft, item.label);
        x += textWidth + gap;
    }
}

} // namespace backstep::ui
