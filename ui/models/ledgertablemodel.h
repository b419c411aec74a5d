#pragma once

#include "project/timelineentry.h"

#include <QAbstractTableModel>
#include <QVector>

namespace backstep::ui {

// The ledger and the pending catalog migrations as a table, one row per TimelineEntry.
// It owns no SQL: it shows the entries of a ProjectSnapshot and resets when they are
// replaced; analysis arriving for entries already shown changes only their rows.
// GUI thread only.
class LedgerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        NameColumn,
        AppliedAtColumn,
        AppliedByColumn,
        FlagColumn,
        AnalysisColumn,
        StateColumn,
        ColumnCount,
    };

    enum Role
    {
        IdRole = Qt::UserRole, // qint64
        EntryRole, // TimelineEntry
        SortRole, // numbers and times sort as such, text as shown
        MislabelledRole, // bool
    };

    explicit LedgerTableModel(QObject* parent = nullptr);

    void setEntries(const QVector<TimelineEntry>& entries);
    // New versions of entries already shown (same ids, same order), e.g. with their
    // analysis: dataChanged for each row that differs, no reset, so selection and
    // sorting stay. Entries the model does not show are ignored.
    void updateEntries(const QVector<TimelineEntry>& changed);
    const QVector<TimelineEntry>& entries() const
    {
        return m_entries;
    }
    // The row showing id, -1 when there is none.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Words shared with the details panel, so both say the same thing.
    static QString flagText(const TimelineEntry& entry);
    static QString analysisText(const TimelineEntry& entry);
    static QString stateText(const TimelineEntry& entry);
    static QString appliedAtText(const TimelineEntry& entry);

private:
    QString displayText(const TimelineEntry& entry, int column) const;
    QVariant sortValue(const TimelineEntry& entry, int column) const;
    QVariant foreground(const TimelineEntry& entry, int column) const;

    static qint64 appliedAtKey(const TimelineEntry& entry);

    // The numeric sort keys per row, apart from the entries for the cache's sake.
    struct SortKeys
    {
        qint64 id = 0;
        qint64 appliedAt = 0;
    };

    QVector<TimelineEntry> m_entries;
    QVector<SortKeys> m_sortKeys;
};

} // namespace backstep::ui
