#include "decisionbanner.h"

#include <QApplication>
#include <QLabel>
#include <QVBoxLayout>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {
DecisionBanner::Tone toneOf(GateDecision::Outcome outcome)
{
    switch (outcome) {
    case GateDecision::Outcome::Boot:
        return DecisionBanner::Tone::Good;
    case GateDecision::Outcome::BootToleratingNewer:
        return DecisionBanner::Tone::Warning;
    case GateDecision::Outcome::Refuse:
        break;
    }
    return DecisionBanner::Tone::Bad;
}
} // namespace

DecisionBanner::DecisionBanner(QWidget* parent)
    : QFrame(parent)
    , m_headline(new QLabel(this))
    , m_detail(new QLabel(this))
{
    setObjectName(QStringLiteral("decisionBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Gate decision"));
    QFont bold = m_headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_headline->setFont(bold);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(2);
    layout->addWidget(m_headline);
    layout->addWidget(m_detail);
    setMessage(tr("No database open"), tr("Open a SQLite or PostgreSQL database from the File menu."), Tone::Neutral);
}

void DecisionBanner::setDecision(const QString& buildName, const GateDecision& decision)
{
    setMessage(headline(buildName, decision), detail(decision), toneOf(decision.outcome));
}

void DecisionBanner::setMessage(const QString& headlineText, const QString& detailText, Tone tone)
{
    m_headline->setText(headlineText);
    m_detail->setText(detailText);
    m_detail->setVisible(!detailText.isEmpty());
    setAccessibleDescription(text());
    applyTone(tone);
}

QString DecisionBanner::text() const
{
    return m_detail->text().isEmpty() ? m_headline->text() : m_headline->text() + u'\n' + m_detail->text();
}

QString DecisionBanner::headline(const QString& buildName, const GateDecision& decision)
{
    switch (decision.outcome) {
    case GateDecision::Outcome::Boot:
        return tr("\u2714 %1 would boot on this database").arg(buildName);
    case GateDecision::Outcome::BootToleratingNewer:
        return tr("\u2714 %1 would boot, tolerating newer migrations").arg(buildName);
    case GateDecision::Outcome::Refuse:
        break;
    }
    return tr("\u2718 %1 would refuse to boot on this database").arg(buildName);
}

QString DecisionBanner::detail(const GateDecision& decision)
{
    const int newer = int(decision.newer.size());
    if (decision.outcome == GateDecision::Outcome::Boot) {
        const int pending = int(decision.pending.size());
        if (pending == 0)
            return tr("The ledger holds nothing this build does not know.");
        return pending == 1 ? tr("It would apply 1 pending migration first.")
                            : tr("It would apply %1 pending migrations first.").arg(pending);
    }
    if (decision.outcome == GateDecision::Outcome::BootToleratingNewer) {
        // A long list says how many more instead: the banner must not push the
        // timeline off the window (a ledger may have thousands of newer rows).
        constexpr int maxIds = 12;
        QStringList ids;
        for (const LedgerRow& row : decision.newer) {
            if (ids.size() == maxIds) {
                ids << tr("and %1 more").arg(newer - maxIds);
                break;
            }
            ids << u"#"_s + QString::number(row.id);
        }
        // Spelled out rather than %n: the English must read right without a translation loaded.
        return newer == 1 ? tr("The newer migration %1 is recorded as backward-compatible.").arg(ids.join(u", "_s))
                          : tr("The %1 newer migrations are all recorded as backward-compatible: %2.")
                                .arg(newer)
                                .arg(ids.join(u", "_s));
    }
    QStringList lines { tr("%1 of the %2 newer migrations block it:").arg(decision.blocking.size()).arg(newer) };
    // One reason per line: the list is what people act on, so it must scan; past a
    // handful the table and the timeline's halos show the rest.
    constexpr int maxReasons = 6;
    for (const GateDecision::Blocking& blocking : decision.blocking) {
        if (lines.size() > maxReasons) {
            lines << tr("\u2022 \u2026 and %1 more, highlighted in the timeline and the table")
                         .arg(decision.blocking.size() - maxReasons);
            break;
        }
        QString reason = u"\u2022 "_s + blocking.explanation;
        if (blocking.reason == GateDecision::Blocking::Reason::Mislabelled)
            reason += tr(" (mislabelled)");
        lines << reason;
    }
    return lines.join(u'\n');
}

void DecisionBanner::applyTone(Tone tone)
{
    // From the surroundings, not from this banner's palette, which holds the last
    // tone: Neutral after Bad must not stay red. Tinted on the window's lightness, so
    // that a dark palette gets a dark banner with light text instead of a bright block.
    const QPalette surroundings = parentWidget() ? parentWidget()->palette() : QApplication::palette(this);
    const bool dark = surroundings.color(QPalette::Window).lightness() < 128;
    QColor background = surroundings.color(QPalette::Window);
    QColor foreground = surroundings.color(QPalette::WindowText);
    switch (tone) {
    case Tone::Neutral:
        break;
    case Tone::Good:
        background = dark ? QColor(0x1d, 0x3b, 0x25) : QColor(0xe3, 0xf4, 0xe6);
        foreground = dark ? QColor(0xb5, 0xe8, 0xc0) : QColor(0x14, 0x5a, 0x24);
        break;
    case Tone::Warning:
        background = dark ? QColor(0x45, 0x36, 0x12) : QColor(0xfd, 0xf1, 0xd8);
        foreground = dark ? QColor(0xf6, 0xd9, 0x9a) : QColor(0x6b, 0x45, 0x00);
        break;
    case Tone::Bad:
        background = dark ? QColor(0x4a, 0x1f, 0x22) : QColor(0xfc, 0xe4, 0xe4);
        foreground = dark ? QColor(0xf7, 0xc1, 0xc4) : QColor(0x9b, 0x16, 0x1e);
        break;
    }
    QPalette colours = palette();
    colours.setColor(QPalette::Window, background);
    colours.setColor(QPalette::WindowText, foreground);
    setPalette(colours);
    m_detail->setPalette(colours);
}

} // namespace backstep::ui
