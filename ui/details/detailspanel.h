#pragma once

#include "project/timelineentry.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;

namespace backstep::ui {

// What one migration is: where and when it was applied, what its flag declares
// against what analysis found, each finding with the rule's explanation, and its SQL.
// Shows a value; never touches a database. GUI thread only.
class DetailsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DetailsPanel(QWidget* parent = nullptr);

    void setEntry(const std::optional<TimelineEntry>& entry);
    std::optional<qint64> entryId() const;

    QString summaryText() const;
    QString sqlText() const;

private:
    void showNothing();
    static QString metaLine(const TimelineEntry& entry);
    static QString flagsHtml(const TimelineEntry& entry);
    static QString findingsHtml(const TimelineEntry& entry);
    static QString sqlOf(const TimelineEntry& entry);

    std::optional<qint64> m_entryId;
    QLabel* m_title = nullptr;
    QLabel* m_summary = nullptr;
    QPlainTextEdit* m_sql = nullptr;
};

} // namespace backstep::ui
