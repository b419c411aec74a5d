// SimulationReport: the decision sentence for each outcome, and the Markdown and JSON
// of a simulation on a small snapshot with a tolerated, a refused and a mislabelled
// newer row.

#include "report/simulationreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

namespace {

LedgerRow row(qint64 id, const QString& name, std::optional<bool> flag)
{
    LedgerRow ledgerRow;
    ledgerRow.id = id;
    ledgerRow.name = name;
    ledgerRow.appliedAt = QDateTime(QDate(2024, 3, int(id)), QTime(20, 0), Qt::UTC);
    ledgerRow.backwardCompatible = flag;
    return ledgerRow;
}

TimelineEntry entryFor(const LedgerRow& ledgerRow, std::optional<Verdict> verdict)
{
    TimelineEntry entry;
    entry.id = ledgerRow.id;
    entry.name = ledgerRow.name;
    entry.appliedAt = ledgerRow.appliedAt;
    entry.recordedCompatible = ledgerRow.backwardCompatible;
    entry.verdict = verdict;
    if (verdict == Verdict::Breaking) {
        Finding finding;
        finding.rule = u"drop-column"_s;
        finding.severity = Finding::Severity::Breaking;
        finding.message = u"drops column items.note"_s;
        entry.findings = { finding };
    }
    return entry;
}

// A ledger without catalog (the ledger's own ids stand in for the builds): #3 is
// compatible and analysed so, #4 recorded breaking, #5 recorded compatible but
// analysed breaking, #6 with no flag and a pipe in its name.
ProjectSnapshot snapshot()
{
    ProjectSnapshot result;
    result.database = u"sqlite:///tmp/app.db"_s;
    result.ledgerTable = u"_migrations"_s;
    result.analysisNote = u"statement rules only"_s;
    result.ledger = { row(1, u"init"_s, true), row(2, u"add_items"_s, true), row(3, u"add_tags"_s, true),
        row(4, u"rename_items"_s, false), row(5, u"drop_note"_s, true), row(6, u"legacy|fix"_s, std::nullopt) };
    const QVector<std::optional<Verdict>> verdicts { Verdict::Compatible, Verdict::Compatible, Verdict::Compatible,
        Verdict::Breaking, Verdict::Breaking, std::nullopt };
    for (int index = 0; index < result.ledger.size(); ++index)
        result.entries.append(entryFor(result.ledger.at(index), verdicts.at(index)));
    return result;
}

} // namespace

class TestSimulationReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentence_data()
    {
        QTest::addColumn<qint64>("maxId");
        QTest::addColumn<QString>("expected");
        QTest::newRow("boot") << qint64(6) << u"v6 would boot: the ledger holds nothing it does not know."_s;
        QTest::newRow("refuse, several") << qint64(2)
                                         << u"v2 would refuse to boot: 3 newer migrations block it (#4, #5, #6)."_s;
        QTest::newRow("refuse, one")
            << qint64(5)
            << u"v5 would refuse to boot: #6 legacy|fix has no recorded flag (applied by a runner that did not record "
               u"one), and unknown is never treated as compatible."_s;
    }

    void sentence()
    {
        QFETCH(qint64, maxId);
        QFETCH(QString, expected);
        const QString build = u"v"_s + QString::number(maxId);
        QCOMPARE(SimulationReport::sentence(build, snapshot().decisionFor(maxId)), expected);
    }

    void sentenceToleratingNewer()
    {
        ProjectSnapshot tolerant = snapshot();
        tolerant.ledger.resize(3);
        tolerant.entries.resize(3);
        QCOMPARE(SimulationReport::sentence(u"1.0"_s, tolerant.decisionFor(2)),
            u"1.0 would boot: the newer migration #3 is recorded as backward-compatible."_s);
        QCOMPARE(SimulationReport::sentence(u"0.9"_s, tolerant.decisionFor(1)),
            u"0.9 would boot: the 2 newer migrations are all recorded as backward-compatible."_s);
    }

    void markdownNamesTheDecisionAndEveryNewerRow()
    {
        const ProjectSnapshot project = snapshot();
        const GateDecision decision = project.decisionFor(2);
        const QString markdown = SimulationReport::markdown(project, u"1.2.0"_s, decision);
        const QStringList lines = markdown.split(u'\n');
        QCOMPARE(lines.first(), u"## Would 1.2.0 boot on this database?"_s);
        QVERIFY(lines.contains(
            u"**\u2718 1.2.0 would refuse to boot: 3 newer migrations block it (#4, #5, #6).**"_s));
        QVERIFY(lines.contains(u"Database `sqlite:///tmp/app.db` (sqlite, ledger table `_migrations`, head #6). "
                               u"Build 1.2.0 knows migrations up to #2."_s));
        // Blocking rows with reasons.
        QVERIFY(lines.contains(u"| #4 | rename_items | flag-false | #4 rename_items is recorded as not "
                               u"backward-compatible |"_s));
        QVERIFY(lines.contains(u"| #5 | drop_note | mislabelled | #5 drop_note is recorded as backward-compatible but "
                               u"analysis finds it breaking: drops column items.note (drop-column) |"_s));
        // Newer rows: declared flag beside the analysed verdict; the pipe escaped.
        QVERIFY(lines.contains(u"| #3 | add_tags | compatible | compatible | tolerated |"_s));
        QVERIFY(lines.contains(u"| #4 | rename_items | not compatible | breaking | blocks |"_s));
        QVERIFY(lines.contains(u"| #5 | drop_note | compatible | breaking (mislabelled) | blocks |"_s));
        QVERIFY(lines.contains(u"| #6 | legacy\\|fix | unknown | not analysed | blocks |"_s));
        QVERIFY(lines.contains(u"Analysis: statement rules only"_s));
    }

    void markdownOfABootHasNoTables()
    {
        const ProjectSnapshot project = snapshot();
        const QString markdown = SimulationReport::markdown(project, u"2.0"_s, project.decisionFor(6));
        QVERIFY(markdown.contains(u"**\u2714 2.0 would boot: the ledger holds nothing it does not know.**"_s));
        QVERIFY(!markdown.contains(u"###"_s));
    }

    void json()
    {
        const ProjectSnapshot project = snapshot();
        const QJsonObject object = SimulationReport::json(project, u"1.2.0"_s, project.decisionFor(2));
        // Through text and back, as a script would read it.
        const QJsonObject read = QJsonDocument::fromJson(QJsonDocument(object).toJson()).object();
        QCOMPARE(read.value(u"build"_s).toString(), u"1.2.0"_s);
        QCOMPARE(read.value(u"build_max_id"_s).toInteger(), 2);
        QCOMPARE(read.value(u"head"_s).toInteger(), 6);
        QCOMPARE(read.value(u"outcome"_s).toString(), u"refuse"_s);
        QCOMPARE(read.value(u"may_boot"_s).toBool(true), false);
        QCOMPARE(read.value(u"sentence"_s).toString(), SimulationReport::sentence(u"1.2.0"_s, project.decisionFor(2)));
        QCOMPARE(read.value(u"dialect"_s).toString(), u"sqlite"_s);

        const QJsonArray blocking = read.value(u"blocking"_s).toArray();
        QCOMPARE(blocking.size(), 3);
        QCOMPARE(blocking.at(1).toObject().value(u"id"_s).toInteger(), 5);
        QCOMPARE(blocking.at(1).toObject().value(u"reason"_s).toString(), u"mislabelled"_s);

        const QJsonArray newer = read.value(u"newer"_s).toArray();
        QCOMPARE(newer.size(), 4);
        const QJsonObject tolerated = newer.at(0).toObject();
        QCOMPARE(tolerated.value(u"id"_s).toInteger(), 3);
        QCOMPARE(tolerated.value(u"backward_compatible"_s).toBool(false), true);
        QCOMPARE(tolerated.value(u"verdict"_s).toString(), u"compatible"_s);
        QCOMPARE(tolerated.value(u"blocks"_s).toBool(true), false);
        const QJsonObject mislabelled = newer.at(2).toObject();
        QCOMPARE(mislabelled.value(u"mislabelled"_s).toBool(false), true);
        QCOMPARE(mislabelled.value(u"verdict"_s).toString(), u"breaking"_s);
        const QJsonObject unknown = newer.at(3).toObject();
        QVERIFY(unknown.value(u"backward_compatible"_s).isNull());
        QVERIFY(unknown.value(u"verdict"_s).isNull());
        QCOMPARE(read.value(u"pending"_s).toArray().size(), 0);
        QCOMPARE(read.value(u"analysis_note"_s).toString(), u"statement rules only"_s);
    }
};

QTEST_GUILESS_MAIN(TestSimulationReport)
#include "tst_simulationreport.moc"
