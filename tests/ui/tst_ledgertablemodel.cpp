#include "models/ledgertablemodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QBrush>
#include <QGuiApplication>
#include <QPalette>
#include <QTest>

using backstep::Finding;
using backstep::TimelineEntry;
using backstep::Verdict;
using backstep::ui::LedgerTableModel;

namespace {

TimelineEntry applied(qint64 id, const QString& name, std::optional<bool> flag, std::optional<Verdict> verdict)
{
    TimelineEntry entry;
    entry.id = id;
    entry.name = name;
    entry.appliedAt = QDateTime(QDate(2024, 2, 10), QTime(19, 30 + int(id)), Qt::UTC);
    entry.appliedBy = QStringLiteral("1.4.0");
    entry.recordedCompatible = flag;
    entry.inCatalog = true;
    entry.declaredCompatible = flag.value_or(false);
    entry.verdict = verdict;
    return entry;
}

QVector<TimelineEntry> sampleEntries()
{
    TimelineEntry legacy = applied(1, QStringLiteral("init"), std::nullopt, Verdict::Compatible);
    legacy.appliedBy.clear();
    TimelineEntry drifted = applied(3, QStringLiteral("drop_note"), false, Verdict::Breaking);
    drifted.drift = true;
    TimelineEntry pending;
    pending.id = 5;
    pending.name = QStringLiteral("tags");
    pending.state = TimelineEntry::State::Pending;
    pending.inCatalog = true;
    pending.declaredCompatible = true;
    return { legacy, applied(2, QStringLiteral("rename_mail"), true, Verdict::Breaking), drifted,
        applied(4, QStringLiteral("backfill"), true, Verdict::Caution), pending };
}

QStringList dump(const QAbstractItemModel& model)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        lines << cells.join(QStringLiteral(" | "));
    }
    return lines;
}

} // namespace

class TestLedgerTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Analysis arriving after the snapshot: only the rows that changed, no reset, and
    // a sorted, selected proxy keeps its selection.
    void analysisArrivingChangesOnlyItsRows()
    {
        QVector<TimelineEntry> waiting = sampleEntries();
        for (TimelineEntry& entry : waiting) {
            entry.verdict.reset();
            entry.analysisPending = true;
        }
        LedgerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(LedgerTableModel::SortRole);
        proxy.sort(LedgerTableModel::IdColumn, Qt::DescendingOrder);
        model.setEntries(waiting);
        QCOMPARE(model.index(1, LedgerTableModel::AnalysisColumn).data().toString(), QStringLiteral("not analysed yet"));
        QItemSelectionModel selection(&proxy);
        selection.select(proxy.mapFromSource(model.index(3, 0)), QItemSelectionModel::Select | QItemSelectionModel::Rows);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        const QVector<TimelineEntry> analysed = sampleEntries();
        TimelineEntry unknown = analysed.at(1);
        unknown.id = 99;
        model.updateEntries({ analysed.at(1), waiting.at(2), unknown }); // #3 unchanged, #99 not shown
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().at(0).value<QModelIndex>(), model.index(1, 0));
        QCOMPARE(changes.first().at(1).value<QModelIndex>(), model.index(1, LedgerTableModel::ColumnCount - 1));
        QCOMPARE(model.index(1, LedgerTableModel::AnalysisColumn).data().toString(),
                 QStringLiteral("breaking (mislabelled)"));
        QCOMPARE(model.rowCount(), 5);
        const QModelIndexList selected = selection.selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(LedgerTableModel::IdRole).toLongLong(), 4);
    }

    void showsEveryEntry()
    {
        LedgerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(sampleEntries());
        const QStringList expected {
            QStringLiteral("1 | init | 2024-02-10 19:31 | \u2014 | unknown | compatible | applied"),
            QStringLiteral(
                "2 | rename_mail | 2024-02-10 19:32 | 1.4.0 | compatible | breaking (mislabelled) | applied"),
            QStringLiteral("3 | drop_note | 2024-02-10 19:33 | 1.4.0 | breaking | breaking | drift"),
            QStringLiteral("4 | backfill | 2024-02-10 19:34 | 1.4.0 | compatible | caution | applied"),
            QStringLiteral("5 | tags | \u2014 | \u2014 | compatible | \u2014 | pending"),
        };
        QCOMPARE(dump(model), expected);
        QCOMPARE(model.headerData(LedgerTableModel::AppliedAtColumn, Qt::Horizontal).toString(),
            QStringLiteral("Applied (UTC)"));
    }

    // Breaking and caution text stays readable on a dark table as on a light one.
    void colouredTextFollowsThePalette()
    {
        LedgerTableModel model;
        model.setEntries(sampleEntries());
        const QModelIndex breaking = model.index(1, LedgerTableModel::AnalysisColumn);
        const QModelIndex caution = model.index(3, LedgerTableModel::AnalysisColumn);
        const QPalette original = QGuiApplication::palette();
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QGuiApplication::setPalette(light);
        QVERIFY(breaking.data(Qt::ForegroundRole).value<QBrush>().color().lightness() < 110);
        QVERIFY(caution.data(Qt::ForegroundRole).value<QBrush>().color().lightness() < 110);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        QGuiApplication::setPalette(dark);
        QVERIFY(breaking.data(Qt::ForegroundRole).value<QBrush>().color().lightness() > 150);
        QVERIFY(caution.data(Qt::ForegroundRole).value<QBrush>().color().lightness() > 140);
        QGuiApplication::setPalette(original);
    }

    void rolesCarryIdAndEntry()
    {
        LedgerTableModel model;
        model.setEntries(sampleEntries());
        const QModelIndex second = model.index(1, LedgerTableModel::NameColumn);
        QCOMPARE(second.data(LedgerTableModel::IdRole).toLongLong(), 2);
        QCOMPARE(second.data(LedgerTableModel::EntryRole).value<TimelineEntry>(), sampleEntries().at(1));
        QVERIFY(second.data(LedgerTableModel::MislabelledRole).toBool());
        QCOMPARE(model.rowOf(5), 4);
        QCOMPARE(model.rowOf(99), -1);
    }

    void resetsOnlyWhenEntriesChange()
    {
        LedgerTableModel model;
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setEntries(sampleEntries());
        model.setEntries(sampleEntries());
        QCOMPARE(resets.count(), 1);
        model.setEntries({});
        QCOMPARE(resets.count(), 2);
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsAndFiltersThroughAProxy()
    {
        LedgerTableModel model;
        model.setEntries(sampleEntries());
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(LedgerTableModel::SortRole);
        proxy.sort(LedgerTableModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("5"));
        proxy.sort(LedgerTableModel::AppliedAtColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(4, 0).data().toString(), QStringLiteral("5")); // pending last
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterFixedString(QStringLiteral("mislabelled"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, LedgerTableModel::NameColumn).data().toString(), QStringLiteral("rename_mail"));
    }
};

QTEST_MAIN(TestLedgerTableModel)
#include "tst_ledgertablemodel.moc"
