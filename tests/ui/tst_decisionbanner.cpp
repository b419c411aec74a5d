// DecisionBanner: the sentences for each outcome come from the gate's decision, and the
// tone follows the window's palette (light or dark) and is reset by a neutral message.

#include "decisionbanner.h"

#include <QTest>

using namespace Qt::StringLiterals;
using backstep::GateDecision;
using backstep::ui::DecisionBanner;

namespace {

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    return dark;
}

QColor background(const DecisionBanner& banner)
{
    return banner.palette().color(QPalette::Window);
}

} // namespace

class TestDecisionBanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aNeutralMessageAfterABadOneIsNeutral()
    {
        QWidget window;
        auto* banner = new DecisionBanner(&window);
        const QColor plain = window.palette().color(QPalette::Window);
        banner->setMessage(u"\u2718 Could not open the database"_s, u"no such file"_s, DecisionBanner::Tone::Bad);
        QVERIFY(background(*banner) != plain);
        banner->setMessage(u"Loading\u2026"_s, QString(), DecisionBanner::Tone::Neutral);
        QCOMPARE(background(*banner), plain);
    }

    void toneFollowsADarkPalette_data()
    {
        QTest::addColumn<int>("tone");
        QTest::newRow("good") << int(DecisionBanner::Tone::Good);
        QTest::newRow("warning") << int(DecisionBanner::Tone::Warning);
        QTest::newRow("bad") << int(DecisionBanner::Tone::Bad);
    }

    void toneFollowsADarkPalette()
    {
        QFETCH(int, tone);
        QWidget light;
        auto* onLight = new DecisionBanner(&light);
        onLight->setMessage(u"a"_s, u"b"_s, DecisionBanner::Tone(tone));
        QWidget dark;
        dark.setPalette(darkPalette());
        auto* onDark = new DecisionBanner(&dark);
        onDark->setMessage(u"a"_s, u"b"_s, DecisionBanner::Tone(tone));
        QVERIFY(background(*onLight).lightness() > 200);
        QVERIFY(background(*onDark).lightness() < 100);
        // Text keeps its contrast either way.
        QVERIFY(onDark->palette().color(QPalette::WindowText).lightness() > 150);
        QVERIFY(onLight->palette().color(QPalette::WindowText).lightness() < 100);
    }

    void headlineForEachOutcome()
    {
        GateDecision decision;
        decision.outcome = GateDecision::Outcome::Boot;
        QCOMPARE(DecisionBanner::headline(u"2.1.0"_s, decision), u"\u2714 2.1.0 would boot on this database"_s);
        decision.outcome = GateDecision::Outcome::BootToleratingNewer;
        QCOMPARE(DecisionBanner::headline(u"2.0.0"_s, decision),
            u"\u2714 2.0.0 would boot, tolerating newer migrations"_s);
        decision.outcome = GateDecision::Outcome::Refuse;
        QCOMPARE(
            DecisionBanner::headline(u"1.4.0"_s, decision), u"\u2718 1.4.0 would refuse to boot on this database"_s);
    }
    // Thousands of newer rows must not make the banner push the timeline away.
    void longListsAreCut()
    {
        GateDecision decision;
        decision.outcome = GateDecision::Outcome::Refuse;
        for (qint64 id = 1; id <= 20; ++id) {
            backstep::LedgerRow row;
            row.id = id;
            decision.newer << row;
            decision.blocking << GateDecision::Blocking { id, u"m%1"_s.arg(id),
                GateDecision::Blocking::Reason::FlagFalse, u"#%1 is recorded as not backward-compatible"_s.arg(id) };
        }
        const QStringList lines = DecisionBanner::detail(decision).split(u'\n');
        QCOMPARE(lines.size(), 8); // the count, six reasons, the rest in one line
        QCOMPARE(lines.at(1), u"\u2022 #1 is recorded as not backward-compatible"_s);
        QVERIFY2(lines.last().contains(u"14 more"_s), qPrintable(lines.last()));

        decision.outcome = GateDecision::Outcome::BootToleratingNewer;
        decision.blocking.clear();
        const QString tolerated = DecisionBanner::detail(decision);
        QVERIFY2(tolerated.contains(u"#12, and 8 more."_s), qPrintable(tolerated));
        QVERIFY(!tolerated.contains(u"#13"_s));
    }
};

QTEST_MAIN(TestDecisionBanner)
#include "tst_decisionbanner.moc"
