#include "decisionbanner.h"
#include "demo/demodatabase.h"
#include "details/detailspanel.h"
#include "mainwindow.h"
#include "models/ledgertablemodel.h"
#include "startpage.h"
#include "timeline/timelineview.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using backstep::DemoDatabase;
using backstep::ProjectLoader;
using backstep::TimelineEntry;
using backstep::ui::DecisionBanner;
using backstep::ui::DetailsPanel;
using backstep::ui::LedgerTableModel;
using backstep::ui::MainWindow;
using backstep::ui::StartPage;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    QTemporaryDir m_settings;
    ProjectLoader::Request m_request;

    static QString demoDir()
    {
        return qEnvironmentVariable("BACKSTEP_DEMO_DIR");
    }

    // Loads the demo through the real load job and waits for it.
    void load(MainWindow& window)
    {
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.openProject(m_request);
        QVERIFY(loaded.wait(60000));
    }

    static void chooseTarget(MainWindow& window, const QString& version)
    {
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QVERIFY(combo);
        const int index = combo->findText(version);
        QVERIFY2(index >= 0, qPrintable(version));
        combo->setCurrentIndex(index);
    }

    static QString bannerText(MainWindow& window)
    {
        auto* banner = window.findChild<DecisionBanner*>(QStringLiteral("decisionBanner"));
        return banner ? banner->text() : QString();
    }

    static LedgerTableModel* model(MainWindow& window)
    {
        auto* table = window.findChild<QTableView*>(u"ledgerTable"_s);
        auto* proxy = table ? qobject_cast<QSortFilterProxyModel*>(table->model()) : nullptr;
        return proxy ? qobject_cast<LedgerTableModel*>(proxy->sourceModel()) : nullptr;
    }

    static QString analysisCell(MainWindow& window, qint64 id)
    {
        LedgerTableModel* ledger = model(window);
        return ledger->index(ledger->rowOf(id), LedgerTableModel::AnalysisColumn).data().toString();
    }

    static std::optional<qint64> selectedId(MainWindow& window)
    {
        auto* table = window.findChild<QTableView*>(u"ledgerTable"_s);
        const QModelIndexList rows = table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return std::nullopt;
        return rows.first().data(LedgerTableModel::IdRole).toLongLong();
    }

    static QString noteText(MainWindow& window)
    {
        auto* note = window.findChild<QLabel*>(u"analysisNote"_s);
        return note ? note->text() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"BackstepTest"_s);
        QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QVERIFY(!demoDir().isEmpty());
        QVERIFY(m_folder.isValid());
        const auto path = DemoDatabase::create(
            demoDir() + QStringLiteral("/migrations"), demoDir() + QStringLiteral("/builds.json"), m_folder.path());
        QVERIFY2(path.ok(), qPrintable(path.ok() ? QString() : path.error().message));
        m_request.database = QStringLiteral("sqlite://") + path.value();
        m_request.migrations = demoDir() + QStringLiteral("/migrations");
        m_request.builds = demoDir() + QStringLiteral("/builds.json");
    }

    // The ledger shows first with its recorded flags, then each verdict as it comes,
    // then projectLoaded: 1.6.0's banner moves from the recorded decision (#34 alone)
    // to the analysed one naming the mislabelled #30.
    void snapshotFirstThenVerdictsThenLoaded()
    {
        MainWindow window;
        window.show();
        window.setTarget(u"1.6.0"_s);
        QStringList events;
        QString bannerAtSnapshot;
        QString cellAtSnapshot;
        QString bannerWhen30Arrived;
        connect(&window, &MainWindow::snapshotShown, this, [&] {
            events << u"shown"_s;
            bannerAtSnapshot = bannerText(window);
            cellAtSnapshot = analysisCell(window, 30);
        });
        connect(&window, &MainWindow::migrationsAnalysed, this, [&](const QList<qint64>& ids) {
            events << u"analysed"_s;
            if (ids.contains(30))
                bannerWhen30Arrived = bannerText(window);
        });
        connect(&window, &MainWindow::projectLoaded, this, [&] { events << u"loaded"_s; });
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.openProject(m_request);
        QVERIFY(loaded.wait(60000));

        QVERIFY(events.size() >= 3);
        QCOMPARE(events.first(), u"shown"_s);
        QCOMPARE(events.last(), u"loaded"_s);
        QCOMPARE(events.count(u"shown"_s), 1);
        QCOMPARE(events.count(u"loaded"_s), 1);
        QCOMPARE(cellAtSnapshot, u"not analysed yet"_s);
        QVERIFY2(bannerAtSnapshot.contains(u"1.6.0 would refuse"_s), qPrintable(bannerAtSnapshot));
        QVERIFY2(bannerAtSnapshot.contains(u"#34"_s), qPrintable(bannerAtSnapshot));
        QVERIFY2(!bannerAtSnapshot.contains(u"#30"_s), qPrintable(bannerAtSnapshot));
        QVERIFY2(bannerWhen30Arrived.contains(u"#30"_s), qPrintable(bannerWhen30Arrived));
        QVERIFY2(bannerText(window).contains(u"#30"_s), qPrintable(bannerText(window)));
        QVERIFY2(analysisCell(window, 30).contains(u"mislabelled"_s), qPrintable(analysisCell(window, 30)));
    }

    // Verdicts change rows, not the model: no reset, the selection stays.
    void verdictsChangeRowsWithoutReset()
    {
        MainWindow window;
        window.show();
        LedgerTableModel* ledger = model(window);
        QVERIFY(ledger);
        std::unique_ptr<QSignalSpy> resets;
        std::unique_ptr<QSignalSpy> changes;
        std::optional<qint64> chosen;
        connect(&window, &MainWindow::snapshotShown, this, [&] {
            resets = std::make_unique<QSignalSpy>(ledger, &QAbstractItemModel::modelReset);
            changes = std::make_unique<QSignalSpy>(ledger, &QAbstractItemModel::dataChanged);
            auto* table = window.findChild<QTableView*>(u"ledgerTable"_s);
            table->selectRow(3);
            chosen = selectedId(window);
        });
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.openProject(m_request);
        QVERIFY(loaded.wait(60000));
        QVERIFY(resets && changes && chosen);
        QCOMPARE(resets->size(), 0);
        QVERIFY(!changes->isEmpty());
        for (const QList<QVariant>& change : std::as_const(*changes)) {
            const auto from = change.at(0).value<QModelIndex>();
            const auto to = change.at(1).value<QModelIndex>();
            QCOMPARE(from.row(), to.row()); // one row at a time, never the whole table
        }
        QCOMPARE(selectedId(window), chosen); // the person's choice, not the first blocking row
        QVERIFY(!analysisCell(window, 30).contains(u"not analysed yet"_s));
    }

    void cancellingAnalysisKeepsTheSnapshot()
    {
        MainWindow window;
        window.show();
        connect(&window, &MainWindow::snapshotShown, this, [&] {
            auto* cancel = window.findChild<QPushButton*>(u"cancelLoadButton"_s);
            QVERIFY(cancel && cancel->isVisible());
            QTest::mouseClick(cancel, Qt::LeftButton);
        });
        QSignalSpy canceled(&window, &MainWindow::analysisCanceled);
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.openProject(m_request);
        QVERIFY(canceled.wait(60000));
        QCOMPARE(loaded.size(), 0);
        QVERIFY2(noteText(window).contains(u"analysis cancelled"_s), qPrintable(noteText(window)));
        QVERIFY(!window.findChild<QPushButton*>(u"cancelLoadButton"_s)->isVisible());
        QCOMPARE(model(window)->rowCount(), 37);
        QVERIFY(analysisCell(window, 30) != u"not analysed yet"_s); // nothing is on its way any more
        // Still usable: choosing a build gives its decision from the recorded flags.
        chooseTarget(window, u"1.4.0"_s);
        QVERIFY2(bannerText(window).contains(u"1.4.0 would refuse"_s), qPrintable(bannerText(window)));
    }

    // Opening the ledger alone while the demo is being analysed: the rest of the old
    // analysis never reaches the window, nor the new snapshot.
    void secondOpenDuringAnalysisDropsTheOldResults()
    {
        MainWindow window;
        window.show();
        ProjectLoader::Request ledgerOnly = m_request;
        ledgerOnly.migrations.clear();
        int analysedAfterReopen = 0;
        bool reopened = false;
        // On the first verdicts, while the rest of the demo's analysis is in flight.
        connect(&window, &MainWindow::migrationsAnalysed, this, [&] {
            if (reopened) {
                ++analysedAfterReopen;
                return;
            }
            reopened = true;
            window.openProject(ledgerOnly);
        });
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.openProject(m_request);
        QVERIFY(loaded.wait(60000));
        QVERIFY(reopened);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(analysedAfterReopen, 0);
        LedgerTableModel* ledger = model(window);
        for (const TimelineEntry& entry : ledger->entries()) {
            QVERIFY(!entry.verdict.has_value());
            QVERIFY(!entry.analysisPending);
        }
        QVERIFY(!window.findChild<QPushButton*>(u"cancelLoadButton"_s)->isVisible());
    }

    void oldBuildIsRefusedWithEveryBlockingMigration()
    {
        MainWindow window;
        window.show();
        load(window);
        chooseTarget(window, QStringLiteral("1.4.0"));
        const QString text = bannerText(window);
        QVERIFY2(text.contains(QStringLiteral("1.4.0 would refuse")), qPrintable(text));
        for (const char* id : { "#23 ", "#24 ", "#27 ", "#30 ", "#34 " })
            QVERIFY2(text.contains(QLatin1String(id)), qPrintable(text));
    }

    // The Analysis column is sized while it still reads "not analysed yet"; once the
    // verdicts are in, "breaking (mislabelled)" must not be cut.
    void analysisColumnFitsTheVerdicts()
    {
        MainWindow window;
        window.show();
        load(window);
        auto* table = window.findChild<QTableView*>(u"ledgerTable"_s);
        QVERIFY(table);
        QFont bold = table->font();
        bold.setBold(true);
        QVERIFY(table->columnWidth(LedgerTableModel::AnalysisColumn)
            > QFontMetrics(bold).horizontalAdvance(u"breaking (mislabelled)"_s));
    }

    void newestBuildBoots()
    {
        MainWindow window;
        window.show();
        load(window);
        chooseTarget(window, QStringLiteral("2.1.0"));
        const QString text = bannerText(window);
        QVERIFY2(text.contains(QStringLiteral("2.1.0 would boot")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("refuse")));
    }

    void targetGivenBeforeLoadingIsApplied()
    {
        MainWindow window;
        window.setTarget(QStringLiteral("#30"));
        load(window);
        QVERIFY2(
            bannerText(window).startsWith(QStringLiteral("\u2718 #30 would refuse")), qPrintable(bannerText(window)));
    }

    void selectingARowShowsItsSql()
    {
        MainWindow window;
        window.show();
        load(window);
        auto* table = window.findChild<QTableView*>(QStringLiteral("ledgerTable"));
        auto* details = window.findChild<DetailsPanel*>();
        QVERIFY(table && details);
        QVERIFY(table->model()->rowCount() > 23);
        table->selectRow(23);
        const auto entry
            = table->model()->index(23, 0).data(LedgerTableModel::EntryRole).value<backstep::TimelineEntry>();
        QVERIFY(!entry.upSql.isEmpty());
        QCOMPARE(details->entryId(), std::optional<qint64>(entry.id));
        QVERIFY(details->sqlText().contains(entry.upSql.trimmed()));
        QVERIFY(details->summaryText().contains(QStringLiteral("Flag:")));
    }

    void timelineAndTableShareTheSelection()
    {
        MainWindow window;
        window.show();
        load(window);
        auto* timeline = window.findChild<backstep::ui::TimelineView*>();
        auto* details = window.findChild<DetailsPanel*>();
        QVERIFY(timeline && details);
        Q_EMIT timeline->entrySelected(30);
        QCOMPARE(details->entryId(), std::optional<qint64>(30));
        auto* table = window.findChild<QTableView*>(QStringLiteral("ledgerTable"));
        const QModelIndexList rows = table->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data(LedgerTableModel::IdRole).toLongLong(), 30);
    }

    void draggingTheTargetMakesAVirtualBuild()
    {
        MainWindow window;
        window.show();
        load(window);
        auto* timeline = window.findChild<backstep::ui::TimelineView*>();
        Q_EMIT timeline->targetDragged(25);
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QCOMPARE(combo->currentText(), QStringLiteral("#25"));
        QVERIFY2(bannerText(window).contains(QStringLiteral("#25 would refuse")), qPrintable(bannerText(window)));
        // Ordered among the real builds, newest first: between 1.5.0 (#26) and 1.4.0 (#22).
        QCOMPARE(combo->itemText(combo->currentIndex() - 1), QStringLiteral("1.5.0"));
        QCOMPARE(combo->itemText(combo->currentIndex() + 1), QStringLiteral("1.4.0"));
    }

    void aLoadReplacedByANewerOneIsDropped()
    {
        MainWindow window;
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        ProjectLoader::Request missing = m_request;
        missing.database = QStringLiteral("sqlite://") + m_folder.filePath(QStringLiteral("missing.db"));
        window.openProject(missing);
        window.openProject(m_request);
        QVERIFY(loaded.wait(60000));
        QTest::qWait(50);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(loaded.count(), 1);
    }

    // What a screen reader announces: every control a person can tab to has a name.
    void everyFocusableControlHasAnAccessibleName()
    {
        MainWindow window;
        window.show();
        load(window);
        QStringList unnamed;
        for (QWidget* widget : window.findChildren<QWidget*>()) {
            // Parts of a compound control (the line edit inside a spin box or combo, a
            // view's viewport) are announced through their owner, labels by their text.
            const QWidget* parent = widget->parentWidget();
            const bool part = qobject_cast<const QAbstractSpinBox*>(parent) || qobject_cast<const QComboBox*>(parent)
                || qobject_cast<const QAbstractScrollArea*>(parent) || widget->objectName().startsWith(u"qt_"_s)
                || qobject_cast<const QLabel*>(widget);
            if (part || widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(&window))
                continue;
            if (widget->accessibleName().isEmpty())
                unnamed << QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName();
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
    }

    void windowStateIsRestored()
    {
        {
            MainWindow window;
            window.show();
            window.resize(1000, 700);
            QTest::qWait(20);
            window.close();
        }
        MainWindow again;
        again.show();
        QCOMPARE(again.size(), QSize(1000, 700));
    }

    void aMissingDatabaseShowsAnErrorOnTheStartPage()
    {
        MainWindow window;
        window.show();
        auto* start = window.findChild<StartPage*>();
        QVERIFY(start && start->isVisible());
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        ProjectLoader::Request request = m_request;
        request.database = QStringLiteral("sqlite://") + m_folder.filePath(QStringLiteral("missing.db"));
        window.openProject(request);
        QVERIFY(failed.wait(30000));
        QVERIFY(start->isVisible());
        QVERIFY2(start->message().contains(QStringLiteral("Could not open")), qPrintable(start->message()));
        QVERIFY(start->message().contains(QStringLiteral("missing.db")));
        // Still usable: the next open works and the message goes.
        load(window);
        QVERIFY(!start->isVisible());
        QVERIFY(start->message().isEmpty());
        QVERIFY(!bannerText(window).contains(QStringLiteral("Could not open")));
    }

    void aFailedOpenKeepsTheProjectShown()
    {
        MainWindow window;
        window.show();
        load(window);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        ProjectLoader::Request request = m_request;
        request.database = QStringLiteral("sqlite://") + m_folder.filePath(QStringLiteral("missing.db"));
        window.openProject(request);
        QVERIFY(failed.wait(30000));
        QVERIFY2(bannerText(window).contains(QStringLiteral("Could not open")), qPrintable(bannerText(window)));
        auto* table = window.findChild<QTableView*>(QStringLiteral("ledgerTable"));
        QVERIFY(table->isVisible());
        QCOMPARE(table->model()->rowCount(), 37);
        // The target combo still simulates the project on screen.
        chooseTarget(window, QStringLiteral("1.4.0"));
        QVERIFY2(bannerText(window).contains(QStringLiteral("1.4.0 would refuse")), qPrintable(bannerText(window)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
