#include "ledgertablemodel.h"

#include "textcolors.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>

#include <algorithm>
#include <limits>
#include <utility>

namespace backstep::ui {

namespace {
const QString dash()
{
    return QStringLiteral("\u2014");
}
} // namespace

LedgerTableModel::LedgerTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LedgerTableModel::setEntries(const QVector<TimelineEntry>& entries)
{
    if (entries == m_entries)
        return;
    beginResetModel();
    m_entries = entries;
    m_sortKeys.clear();
    m_sortKeys.reserve(m_entries.size());
    for (const TimelineEntry& entry : std::as_const(m_entries))
        m_sortKeys.append({ entry.id, appliedAtKey(entry) });
    endResetModel();
}

void LedgerTableModel::updateEntries(const QVector<TimelineEntry>& changed)
{
    for (const TimelineEntry& entry : changed) {
        const int row = rowOf(entry.id);
        if (row < 0 || m_entries.at(row) == entry)
            continue;
        // The sort keys (id, applied at) cannot change this way: m_sortKeys stays.
        m_entries[row] = entry;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int LedgerTableModel::rowOf(qint64 id) const
{
    // Applied entries ascend by id and so do the pending ones after them: two binary
    // searches instead of a scan of a 100,000-row ledger on every selection.
    const auto begin = m_entries.cbegin();
    const auto firstPending = std::partition_point(
        begin, m_entries.cend(), [](const TimelineEntry& entry) { return entry.state == TimelineEntry::State::Applied; });
    for (const auto& [from, to] : { std::pair(begin, firstPending), std::pair(firstPending, m_entries.cend()) }) {
        const auto found = std::lower_bound(
            from, to, id, [](const TimelineEntry& entry, qint64 value) { return entry.id < value; });
        if (found != to && found->id == id)
            return int(found - begin);
    }
    // Entries in another order (put together by hand) are still found, by a scan.
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == id)
            return row;
    }
    return -1;
}

int LedgerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LedgerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // Sorting 100,000 rows asks for millions of keys in no particular row order: answer
    // the numeric ones from a compact array instead of a cache miss on each entry.
    if (role == SortRole && index.column() == IdColumn)
        return m_sortKeys.at(index.row()).id;
    if (role == SortRole && index.column() == AppliedAtColumn)
        return m_sortKeys.at(index.row()).appliedAt;
    const TimelineEntry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(entry, index.column());
    case Qt::ToolTipRole:
        if (index.column() == AnalysisColumn && !entry.analysisProblem.isEmpty())
            return entry.analysisProblem;
        return {};
    case Qt::ForegroundRole:
        return foreground(entry, index.column());
    case Qt::FontRole:
        if (index.column() == AnalysisColumn && entry.mislabelled()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case IdRole:
        return entry.id;
    case EntryRole:
        return QVariant::fromValue(entry);
    case SortRole:
        return sortValue(entry, index.column());
    case MislabelledRole:
        return entry.mislabelled();
    default:
        return {};
    }
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case NameColumn:
        return tr("Migration");
    case AppliedAtColumn:
        return tr("Applied (UTC)");
    case AppliedByColumn:
        return tr("By build");
    case FlagColumn:
        return tr("Flag");
    case AnalysisColumn:
        return tr("Analysis");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QString LedgerTableModel::flagText(const TimelineEntry& entry)
{
    // Applied rows show what the ledger recorded, since that is what the gate reads;
    // pending ones can only show what their file declares.
    std::optional<bool> flag = entry.recordedCompatible;
    if (entry.state == TimelineEntry::State::Pending)
        flag = entry.inCatalog ? std::optional<bool>(entry.declaredCompatible) : std::nullopt;
    if (!flag.has_value())
        return entry.state == TimelineEntry::State::Pending ? dash() : tr("unknown");
    return flag.value() ? tr("compatible") : tr("breaking");
}

QString LedgerTableModel::analysisText(const TimelineEntry& entry)
{
    if (entry.analysisPending)
        return tr("not analysed yet");
    if (!entry.verdict.has_value())
        return entry.analysisProblem.isEmpty() ? dash() : tr("not analysed");
    const QString verdict = verdictName(entry.verdict.value());
    return entry.mislabelled() ? tr("%1 (mislabelled)").arg(verdict) : verdict;
}

QString LedgerTableModel::stateText(const TimelineEntry& entry)
{
    if (entry.state == TimelineEntry::State::Pending)
        return tr("pending");
    return entry.drift ? tr("drift") : tr("applied");
}

QString LedgerTableModel::appliedAtText(const TimelineEntry& entry)
{
    if (!entry.appliedAt.isValid())
        return dash();
    return entry.appliedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString LedgerTableModel::displayText(const TimelineEntry& entry, int column) const
{
    switch (column) {
    case IdColumn:
        return QString::number(entry.id);
    case NameColumn:
        return entry.name;
    case AppliedAtColumn:
        return appliedAtText(entry);
    case AppliedByColumn:
        return entry.appliedBy.isEmpty() ? dash() : entry.appliedBy;
    case FlagColumn:
        return flagText(entry);
    case AnalysisColumn:
        return analysisText(entry);
    case StateColumn:
        return stateText(entry);
    default:
        return {};
    }
}

QVariant LedgerTableModel::sortValue(const TimelineEntry& entry, int column) const
{
    switch (column) {
    case IdColumn:
        return entry.id;
    case AppliedAtColumn:
        return appliedAtKey(entry);
    default:
        return displayText(entry, column);
    }
}

qint64 LedgerTableModel::appliedAtKey(const TimelineEntry& entry)
{
    // Pending entries have no time; they sort after every applied one.
    return entry.appliedAt.isValid() ? entry.appliedAt.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
}

QVariant LedgerTableModel::foreground(const TimelineEntry& entry, int column) const
{
    const bool breakingFlag = column == FlagColumn && flagText(entry) == tr("breaking");
    const bool breakingVerdict = column == AnalysisColumn && entry.verdict == Verdict::Breaking;
    if (breakingFlag || breakingVerdict)
        return QBrush(TextColors::breaking(QGuiApplication::palette()));
    if (column == AnalysisColumn && entry.verdict == Verdict::Caution)
        return QBrush(TextColors::caution(QGuiApplication::palette()));
    return {};
}

} // namespace backstep::ui
