// BuildStripView in the main window on the demo: one marker per build with the gate's
// outcome, under that build's place on the timeline (also after zooming), the decision
// sentence as tooltip, and a click or Enter choosing the build as target.

#include "decisionbanner.h"
#include "mainwindow.h"
#include "timeline/buildstripview.h"
#include "timeline/timelineview.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using backstep::GateDecision;
using backstep::ui::BuildStripView;
using backstep::ui::DecisionBanner;
using backstep::ui::MainWindow;
using backstep::ui::TimelineView;

Q_DECLARE_METATYPE(GateDecision::Outcome)

namespace {

struct DemoWindow
{
    MainWindow window;
    BuildStripView* strip = nullptr;
    TimelineView* timeline = nullptr;
    QComboBox* combo = nullptr;

    bool open(const QString& target)
    {
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.resize(1280, 860);
        window.show();
        window.setTarget(target);
        window.openDemo();
        if (!loaded.wait(60000))
            return false;
        strip = window.findChild<BuildStripView*>();
        timeline = window.findChild<TimelineView*>();
        combo = window.findChild<QComboBox*>(u"targetCombo"_s);
        return strip && timeline && combo;
    }

    QString banner() const
    {
        return window.findChild<DecisionBanner*>(QStringLiteral("decisionBanner"))->text();
    }
};

// The demo's builds and the last migration each knows (resources/demo/builds.json).
const QVector<std::pair<QString, qint64>> demoBuilds { { u"1.0.0"_s, 6 }, { u"1.1.0"_s, 10 }, { u"1.2.0"_s, 14 },
    { u"1.3.0"_s, 18 }, { u"1.4.0"_s, 22 }, { u"1.5.0"_s, 26 }, { u"1.6.0"_s, 29 }, { u"1.7.0"_s, 31 },
    { u"2.0.0"_s, 34 }, { u"2.1.0"_s, 37 } };

} // namespace

class TestBuildStripView : public QObject
{
    Q_OBJECT

    // Opened once for the tests that only read the strip.
    std::unique_ptr<DemoWindow> m_shared;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_shared = std::make_unique<DemoWindow>();
        QVERIFY(m_shared->open(u"1.6.0"_s));
    }

    void cleanupTestCase()
    {
        m_shared.reset();
    }

    void oneMarkerPerBuildWithItsOutcome_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<GateDecision::Outcome>("outcome");
        // Every build before 2.0.0 meets #34 (recorded breaking) and, before 1.7.0, the
        // mislabelled #30; 2.0.0 only meets newer compatible ones.
        for (int index = 0; index < 8; ++index)
            QTest::addRow("%s", qPrintable(demoBuilds.at(index).first)) << index << GateDecision::Outcome::Refuse;
        QTest::newRow("2.0.0") << 8 << GateDecision::Outcome::BootToleratingNewer;
        QTest::newRow("2.1.0") << 9 << GateDecision::Outcome::Boot;
    }

    void oneMarkerPerBuildWithItsOutcome()
    {
        QFETCH(int, index);
        QFETCH(GateDecision::Outcome, outcome);
        DemoWindow& demo = *m_shared;
        QCOMPARE(demo.strip->markerCount(), demoBuilds.size());
        QCOMPARE(demo.strip->markerVersion(index), demoBuilds.at(index).first);
        QCOMPARE(demo.strip->markerOutcome(index), outcome);
    }

    void markersSitUnderTheirBuilds()
    {
        DemoWindow demo;
        QVERIFY(demo.open(u"1.6.0"_s));
        const auto check = [&] {
            for (int index = 0; index < demoBuilds.size(); ++index) {
                // The build's marker on the timeline is at its last migration's time.
                const QRectF node = demo.timeline->nodeRect(demoBuilds.at(index).second);
                const QRectF marker = demo.strip->markerRect(index);
                QVERIFY(!node.isNull() && !marker.isNull());
                const QPointF nodeCenter = demo.timeline->mapTo(&demo.window, node.center().toPoint());
                const QPointF markerCenter = demo.strip->mapTo(&demo.window, marker.center().toPoint());
                QVERIFY2(std::abs(nodeCenter.x() - markerCenter.x()) <= 1.0,
                    qPrintable(u"%1: node x %2, marker x %3"_s.arg(demoBuilds.at(index).first)
                                   .arg(nodeCenter.x())
                                   .arg(markerCenter.x())));
                QVERIFY(markerCenter.y() > nodeCenter.y()); // under the timeline
            }
        };
        check();
        const double before = demo.strip->markerRect(9).center().x() - demo.strip->markerRect(0).center().x();
        demo.timeline->setFocus();
        QTest::keyClick(demo.timeline, Qt::Key_Plus);
        QTest::keyClick(demo.timeline, Qt::Key_Plus);
        const double after = demo.strip->markerRect(9).center().x() - demo.strip->markerRect(0).center().x();
        QVERIFY2(after > before * 1.2, qPrintable(u"%1 -> %2"_s.arg(before).arg(after)));
        check();
    }

    void theToolTipIsTheDecisionSentence()
    {
        DemoWindow& demo = *m_shared;
        QCOMPARE(demo.strip->markerToolTip(6).section(u'\n', 0, 0),
            u"1.6.0 would refuse to boot: 2 newer migrations block it (#30, #34)."_s);
        QVERIFY(demo.strip->markerToolTip(8).startsWith(
            u"2.0.0 would boot: the 3 newer migrations are all recorded as backward-compatible."_s));
        QVERIFY(demo.strip->markerToolTip(9).startsWith(u"2.1.0 would boot"_s));
        QVERIFY(demo.strip->markerToolTip(10).isEmpty());
        // Read out in one go by a screen reader.
        QVERIFY(demo.strip->accessibleDescription().contains(
            u"1.6.0 would refuse to boot: 2 newer migrations block it (#30, #34). 1.7.0 would refuse"_s));
    }

    void clickingAMarkerSimulatesThatBuild()
    {
        DemoWindow demo;
        QVERIFY(demo.open(u"1.6.0"_s));
        QSignalSpy chosen(demo.strip, &BuildStripView::buildChosen);
        QTest::mouseClick(demo.strip, Qt::LeftButton, {}, demo.strip->markerRect(4).center().toPoint());
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(demo.combo->currentText(), u"1.4.0"_s);
        QVERIFY2(demo.banner().contains(u"1.4.0 would refuse"_s), qPrintable(demo.banner()));
        QCOMPARE(demo.timeline->target(), std::optional<qint64>(22));

        QTest::mouseClick(demo.strip, Qt::LeftButton, {}, demo.strip->markerRect(8).center().toPoint());
        QCOMPARE(demo.combo->currentText(), u"2.0.0"_s);
        QVERIFY2(demo.banner().contains(u"2.0.0 would boot, tolerating newer"_s), qPrintable(demo.banner()));

        // Between markers nothing is chosen.
        const QPointF between = (demo.strip->markerRect(0).center() + demo.strip->markerRect(1).center()) / 2;
        QTest::mouseClick(demo.strip, Qt::LeftButton, {}, between.toPoint());
        QCOMPARE(chosen.count(), 2);
        QCOMPARE(demo.combo->currentText(), u"2.0.0"_s);
    }

    void theKeyboardChoosesToo()
    {
        DemoWindow demo;
        QVERIFY(demo.open(u"2.1.0"_s));
        demo.strip->setFocus();
        QTest::keyClick(demo.strip, Qt::Key_Right); // the first marker
        QTest::keyClick(demo.strip, Qt::Key_Right);
        QTest::keyClick(demo.strip, Qt::Key_Return);
        QCOMPARE(demo.combo->currentText(), u"1.1.0"_s);
        QVERIFY(demo.banner().contains(u"1.1.0 would refuse"_s));
    }
};

QTEST_MAIN(TestBuildStripView)
#include "tst_buildstripview.moc"
