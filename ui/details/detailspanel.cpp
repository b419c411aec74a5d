#include "detailspanel.h"

#include "analysis/rulecatalogue.h"
#include "models/ledgertablemodel.h"
#include "sqlhighlighter.h"
#include "textcolors.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace backstep::ui {

using namespace Qt::StringLiterals;

DetailsPanel::DetailsPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_sql(new QPlainTextEdit(this))
{
    QFont titleFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setAccessibleName(tr("Selected migration"));

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Migration details"));

    auto* summaryScroll = new QScrollArea(this);
    summaryScroll->setAccessibleName(tr("Migration summary and findings"));
    summaryScroll->setWidget(m_summary);
    summaryScroll->setWidgetResizable(true);
    summaryScroll->setFrameShape(QFrame::NoFrame);

    m_sql->setObjectName(QStringLiteral("sqlView"));
    m_sql->setReadOnly(true);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_sql->setAccessibleName(tr("Migration SQL"));
    new SqlHighlighter(m_sql->document());

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(summaryScroll);
    splitter->addWidget(m_sql);
    // The explanation is what people read first; the SQL is there to check it.
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 300, 200 });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
    showNothing();
}

void DetailsPanel::setEntry(const std::optional<TimelineEntry>& entry)
{
    if (!entry.has_value()) {
        showNothing();
        return;
    }
    m_entryId = entry->id;
    m_title->setText(QStringLiteral("#%1 %2").arg(entry->id).arg(entry->name));
    m_summary->setText(
        u"<p>"_s + metaLine(*entry).toHtmlEscaped() + u"</p>"_s + flagsHtml(*entry) + findingsHtml(*entry));
    m_sql->setPlainText(sqlOf(*entry));
    m_sql->show();
}

std::optional<qint64> DetailsPanel::entryId() const
{
    return m_entryId;
}

QString DetailsPanel::summaryText() const
{
    return m_summary->text();
}

QString DetailsPanel::sqlText() const
{
    return m_sql->toPlainText();
}

void DetailsPanel::showNothing()
{
    m_entryId.reset();
    m_title->setText(tr("No migration selected"));
    m_summary->setText(tr("Select a migration in the table or on the timeline to see what it does and why."));
    m_sql->clear();
    m_sql->hide(); // an empty SQL box reads as "this migration has no SQL"
}

QString DetailsPanel::metaLine(const TimelineEntry& entry)
{
    if (entry.state == TimelineEntry::State::Pending)
        return tr("pending: in the catalog (%1), not applied to this database").arg(entry.file);
    QStringList parts { tr("applied %1 UTC").arg(LedgerTableModel::appliedAtText(entry)) };
    if (!entry.appliedBy.isEmpty())
        parts << tr("by build %1").arg(entry.appliedBy);
    if (entry.durationMs.has_value())
        parts << tr("%1 ms").arg(entry.durationMs.value());
    if (entry.drift)
        parts << tr("differs from the catalog's file (drift)");
    else if (!entry.inCatalog)
        parts << tr("not in the catalog");
    return parts.join(u" \u00b7 "_s);
}

QString DetailsPanel::flagsHtml(const TimelineEntry& entry)
{
    const QString line = tr("Flag: <b>%1</b> \u00b7 analysis: <b>%2</b>")
                             .arg(LedgerTableModel::flagText(entry), LedgerTableModel::analysisText(entry));
    QString html = u"<p>"_s + line + u"</p>"_s;
    if (entry.mislabelled())
        html += u"<p style=\"color:"_s + TextColors::breaking(QGuiApplication::palette()).name() + u"\"><b>"_s + tr("Declared backward-compatible \u2014 but it is not.")
            + u"</b></p>"_s;
    if (!entry.analysisProblem.isEmpty())
        html += u"<p>"_s + tr("Analysis problem: %1").arg(entry.analysisProblem.toHtmlEscaped()) + u"</p>"_s;
    return html;
}

QString DetailsPanel::findingsHtml(const TimelineEntry& entry)
{
    QString html;
    for (const Finding& finding : entry.findings) {
        const QString where = finding.line > 0 ? tr(", line %1").arg(finding.line) : QString();
        html += u"<p><b>"_s
            + tr("Finding %1 (%2%3)").arg(finding.rule, severityName(finding.severity), where).toHtmlEscaped()
            + u"</b><br>"_s + finding.message.toHtmlEscaped();
        if (const Rule* rule = RuleCatalogue::find(finding.rule)) {
            if (!rule->why.isEmpty())
                html += u"<br>"_s + rule->why.toHtmlEscaped();
            if (!rule->instead.isEmpty())
                html += u"<br><i>"_s + tr("Safe way: %1").arg(rule->instead).toHtmlEscaped() + u"</i>"_s;
        }
        html += u"</p>"_s;
    }
    return html;
}

QString DetailsPanel::sqlOf(const TimelineEntry& entry)
{
    if (entry.upSql.isEmpty())
        return tr("-- The catalog holds no SQL for this migration.");
    QString text = tr("-- up") + u'\n' + entry.upSql.trimmed() + u'\n';
    if (!entry.downSql.isEmpty())
        text += u'\n' + tr("-- down") + u'\n' + entry.downSql.trimmed() + u'\n';
    return text;
}

} // namespace backstep::ui
