// TextReport: the decision first, columns aligned, plural forms right. Whole outputs
// are compared exactly; the status table is also checked structurally (every row's
// columns at the same character offsets), so that a new row shape cannot slip by.

#include "report/textreport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

Q_DECLARE_METATYPE(backstep::StatusReport)

namespace {

const QString Build = u"build 1.0"_s;

LedgerRow row(qint64 id, const QString& name, std::optional<bool> flag)
{
    LedgerRow result;
    result.id = id;
    result.name = name;
    result.backwardCompatible = flag;
    return result;
}

GateDecision::Blocking blocking(qint64 id, const QString& name, GateDecision::Blocking::Reason reason)
{
    return { id, name, reason, u"#%1 %2 blocks the boot."_s.arg(id).arg(name) };
}

GateDecision boot(std::optional<qint64> head)
{
    GateDecision decision;
    decision.head = head;
    decision.buildMax = 3;
    return decision;
}

GateDecision tolerating(int newerCount)
{
    GateDecision decision;
    decision.outcome = GateDecision::Outcome::BootToleratingNewer;
    decision.buildMax = 3;
    for (int i = 0; i < newerCount; ++i)
        decision.newer.append(row(4 + i, u"add_table_%1"_s.arg(4 + i), true));
    decision.head = decision.newer.constLast().id;
    return decision;
}

GateDecision refuse(const QVector<qint64>& blockingIds)
{
    GateDecision decision;
    decision.outcome = GateDecision::Outcome::Refuse;
    decision.buildMax = 2;
    for (qint64 id : blockingIds) {
        const QString name = u"change_%1"_s.arg(id);
        decision.newer.append(row(id, name, false));
        decision.blocking.append(blocking(id, name, GateDecision::Blocking::Reason::FlagFalse));
    }
    decision.head = blockingIds.constLast();
    return decision;
}

QString firstLine(const QString& text)
{
    return text.section(u'\n', 0, 0);
}

// Where each cell of each row sits: the start of a left-aligned cell, the end of a
// right-aligned one, found left to right in the line.
QVector<QVector<qsizetype>> cellAnchors(
    const QStringList& lines, const QVector<QStringList>& cells, const QVector<bool>& rightAligned)
{
    QVector<QVector<qsizetype>> anchors;
    for (int r = 0; r < lines.size(); ++r) {
        QVector<qsizetype> rowAnchors;
        qsizetype from = 0;
        for (int c = 0; c < cells.at(r).size(); ++c) {
            const qsizetype at = lines.at(r).indexOf(cells.at(r).at(c), from);
            if (at < 0)
                return {};
            from = at + cells.at(r).at(c).size();
            rowAnchors.append(rightAligned.at(c) ? from : at);
        }
        anchors.append(rowAnchors);
    }
    return anchors;
}

StatusReport statusReport()
{
    StatusReport report;
    report.database = u"sqlite:./data/app.db"_s;
    report.ledgerTable = u"_migrations"_s;
    LedgerRow first = row(1, u"create_users"_s, true);
    first.appliedAt = QDateTime(QDate(2023, 5, 1), QTime(12, 0, 0, 999), Qt::OffsetFromUTC, 2 * 3600);
    first.appliedBy = u"2.0.0"_s;
    first.durationMs = 12;
    LedgerRow legacy = row(2, u"caf\u00e9_menu"_s, std::nullopt);
    legacy.appliedAtText = u"last tuesday"_s;
    LedgerRow last = row(10, u"add_index_on_users_email"_s, false);
    last.appliedBy = u"10.2.3-rc1"_s;
    last.durationMs = 12345;
    report.rows = { first, legacy, last };
    report.hasCatalog = true;
    report.pending = { 11 };
    return report;
}

} // namespace

class TestTextReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkFirstLine_data();
    void checkFirstLine();
    void checkFullText();
    void statusFullText();
    void statusColumnsAligned();
    void statusWithoutRows_data();
    void statusWithoutRows();
    void run_data();
    void run();
    void pluralForms_data();
    void pluralForms();
};

void TestTextReport::checkFirstLine_data()
{
    QTest::addColumn<GateDecision>("decision");
    QTest::addColumn<QString>("line");

    QTest::newRow("boot") << boot(3)
                          << u"BOOT: build 1.0 would boot; the ledger holds nothing it does not know (head #3)."_s;
    QTest::newRow("boot on an empty ledger")
        << boot(std::nullopt)
        << u"BOOT: build 1.0 would boot; the ledger holds nothing it does not know (head none (empty ledger))."_s;
    QTest::newRow("boot tolerating 1 newer")
        << tolerating(1)
        << u"BOOT (tolerating newer): build 1.0 would boot; the 1 migration newer than it is recorded "
           "backward-compatible."_s;
    QTest::newRow("boot tolerating 3 newer")
        << tolerating(3)
        << u"BOOT (tolerating newer): build 1.0 would boot; all 3 migrations newer than it are recorded "
           "backward-compatible."_s;
    QTest::newRow("refuse, one blocking")
        << refuse({ 3 }) << u"REFUSE: build 1.0 would refuse to boot; #3 blocks it."_s;
    QTest::newRow("refuse, two blocking")
        << refuse({ 3, 4 }) << u"REFUSE: build 1.0 would refuse to boot; #3, #4 block it."_s;

    GateDecision twice = refuse({ 3 });
    twice.blocking.append(blocking(3, u"change_3"_s, GateDecision::Blocking::Reason::Mislabelled));
    QTest::newRow("refuse, one id blocking twice")
        << twice << u"REFUSE: build 1.0 would refuse to boot; #3 blocks it."_s;
}

void TestTextReport::checkFirstLine()
{
    QFETCH(GateDecision, decision);
    QFETCH(QString, line);

    QCOMPARE(firstLine(TextReport::check(decision, Build)), line);
}

void TestTextReport::checkFullText()
{
    GateDecision decision;
    decision.outcome = GateDecision::Outcome::Refuse;
    decision.head = 12;
    decision.buildMax = 5;
    decision.pending = { 2, 5 };
    decision.outOfOrderPending = { 2, 5 };
    decision.newer = { row(6, u"add_index"_s, true), row(12, u"drop_column"_s, false) };
    decision.blocking = { { 12, u"drop_column"_s, GateDecision::Blocking::Reason::FlagFalse,
        u"#12 drop_column is recorded as not backward-compatible."_s } };
    decision.drift = { { 1, GateDecision::Drift::Kind::Checksum, u"aaaaaaaaaaaaaaaaaaaa"_s, u"bbbbbbbbbbbbbbbbbbbb"_s },
        { 3, GateDecision::Drift::Kind::Name, u"create_posts"_s, u"create_post"_s } };

    QCOMPARE(TextReport::check(decision, Build),
        u"REFUSE: build 1.0 would refuse to boot; #12 blocks it.\n"
        "Blocking:\n"
        "  #12 drop_column is recorded as not backward-compatible.\n"
        "Newer, recorded backward-compatible:\n"
        "  #6  add_index\n"
        "Pending (the build applies these at boot): #2, #5\n"
        "Out of order (pending below head #12): #2, #5\n"
        "Drift (the ledger and the build disagree):\n"
        "  #1 checksum differs: ledger \"bbbbbbbbbbbb\u2026\", build \"aaaaaaaaaaaa\u2026\"\n"
        "  #3 name differs: ledger \"create_post\", build \"create_posts\"\n"_s);
}

void TestTextReport::statusFullText()
{
    QCOMPARE(TextReport::status(statusReport()),
        u"sqlite:./data/app.db (sqlite, ledger table _migrations)\n"
        "Head #10, 3 applied, 1 pending\n"
        "\n"
        "  id  name                      applied at (UTC)     flag        by             ms\n"
        "   1  create_users              2023-05-01 10:00:00  compatible  2.0.0          12\n"
        "   2  caf\u00e9_menu                 last tuesday         unknown     -               -\n"
        "  10  add_index_on_users_email  -                    breaking    10.2.3-rc1  12345\n"
        "\n"
        "Pending (in the catalog, not in the ledger): #11\n"_s);
}

void TestTextReport::statusColumnsAligned()
{
    const StatusReport report = statusReport();
    const QStringList lines = TextReport::status(report).split(u'\n');
    // The table starts after the blank line that follows the two header lines.
    const QStringList table = lines.mid(3, report.rows.size() + 1);
    QVector<QStringList> cells = { { u"id"_s, u"name"_s, u"applied at (UTC)"_s, u"flag"_s, u"by"_s, u"ms"_s } };
    cells.append({ u"1"_s, u"create_users"_s, u"2023-05-01 10:00:00"_s, u"compatible"_s, u"2.0.0"_s, u"12"_s });
    cells.append({ u"2"_s, u"caf\u00e9_menu"_s, u"last tuesday"_s, u"unknown"_s, u"-"_s, u"-"_s });
    cells.append({ u"10"_s, u"add_index_on_users_email"_s, u"-"_s, u"breaking"_s, u"10.2.3-rc1"_s, u"12345"_s });
    const QVector<bool> rightAligned = { true, false, false, false, false, true };

    const auto anchors = cellAnchors(table, cells, rightAligned);
    QCOMPARE(anchors.size(), cells.size());
    for (int r = 1; r < anchors.size(); ++r)
        QCOMPARE(anchors.at(r), anchors.at(0));
    for (const QString& line : table)
        QVERIFY2(!line.endsWith(u' '), qPrintable(line));
}

void TestTextReport::statusWithoutRows_data()
{
    QTest::addColumn<StatusReport>("report");
    QTest::addColumn<QString>("text");

    StatusReport empty;
    empty.database = u"postgres://app:***@db/app"_s;
    empty.dialect = Dialect::Postgres;
    empty.ledgerTable = u"app._migrations"_s;
    QTest::newRow("empty ledger, no catalog") << empty
                                              << u"postgres://app:***@db/app (postgres, ledger table app._migrations)\n"
                                                 "Head none (empty ledger), 0 applied\n"_s;
    StatusReport emptyWithCatalog = empty;
    emptyWithCatalog.hasCatalog = true;
    emptyWithCatalog.pending = { 1, 2 };
    QTest::newRow("empty ledger, catalog") << emptyWithCatalog
                                           << u"postgres://app:***@db/app (postgres, ledger table app._migrations)\n"
                                              "Head none (empty ledger), 0 applied, 2 pending\n"
                                              "\n"
                                              "Pending (in the catalog, not in the ledger): #1, #2\n"_s;
}

void TestTextReport::statusWithoutRows()
{
    QFETCH(StatusReport, report);
    QFETCH(QString, text);

    QCOMPARE(TextReport::status(report), text);
}

void TestTextReport::run_data()
{
    QTest::addColumn<RunReport>("report");
    QTest::addColumn<QString>("text");

    GateDecision pending = boot(1);
    pending.pending = { 2, 3 };

    RunReport applied;
    applied.decision = pending;
    applied.applied = { { 2, u"add_email"_s, 12 }, { 3, u"add_index"_s, 3 } };
    QTest::newRow("applied") << applied
                             << u"Applied 2 migrations for build 1.0:\n"
                                "  #2  add_email  12 ms\n"
                                "  #3  add_index   3 ms\n"_s;

    RunReport upToDate;
    upToDate.decision = boot(3);
    QTest::newRow("up to date") << upToDate << u"Up to date: build 1.0 has nothing to apply (head #3).\n"_s;

    RunReport refused;
    refused.decision = refuse({ 3 });
    QTest::newRow("refused") << refused
                             << u"REFUSE: build 1.0 would refuse to boot; #3 blocks it. Nothing was applied.\n"
                                "Blocking:\n"
                                "  #3 change_3 blocks the boot.\n"_s;

    RunReport::Failure failure;
    failure.id = 3;
    failure.name = u"add_index"_s;
    failure.file = u"/srv/app/migrations/0003_add_index.sql"_s;
    failure.statementNumber = 2;
    failure.line = 14;
    failure.statement = u"CREATE INDEX users_email ON users (emial)"_s;
    failure.databaseError = u"no such column: emial"_s;

    RunReport failed;
    failed.decision = pending;
    failed.applied = { { 2, u"add_email"_s, 12 } };
    failed.failure = failure;
    QTest::newRow("failed in a transaction")
        << failed
        << u"Applied 1 migration for build 1.0:\n"
           "  #2  add_email  12 ms\n"
           "FAILED: #3 add_index, statement 2 (/srv/app/migrations/0003_add_index.sql:14): no such column: emial\n"
           "  #3 was rolled back and not recorded; later migrations were not applied.\n"_s;

    RunReport failedOutside = failed;
    failedOutside.applied.clear();
    failedOutside.failure->noTransaction = true;
    QTest::newRow("failed without a transaction")
        << failedOutside
        << u"FAILED: #3 add_index, statement 2 (/srv/app/migrations/0003_add_index.sql:14): no such column: emial\n"
           "  #3 runs without a transaction: statements before 2 stayed applied; it was not recorded and runs again "
           "next time. Later migrations were not applied.\n"_s;

    RunReport cancelled;
    cancelled.decision = pending;
    cancelled.applied = { { 2, u"add_email"_s, 12 } };
    cancelled.cancelled = true;
    QTest::newRow("cancelled") << cancelled
                               << u"Applied 1 migration for build 1.0:\n"
                                  "  #2  add_email  12 ms\n"
                                  "Cancelled: the remaining migrations were not applied.\n"_s;

    RunReport others;
    others.decision = pending;
    others.applied = { { 3, u"add_index"_s, 3 } };
    others.appliedByOthers = { 2 };
    QTest::newRow("applied by others") << others
                                       << u"Applied 1 migration for build 1.0:\n"
                                          "  #3  add_index  3 ms\n"
                                          "Applied meanwhile by another runner: #2\n"_s;

    RunReport toleratingRun;
    toleratingRun.decision = tolerating(2);
    QTest::newRow("up to date, tolerating newer") << toleratingRun
                                                  << u"Up to date: build 1.0 has nothing to apply (head #5).\n"
                                                     "Newer, recorded backward-compatible:\n"
                                                     "  #4  add_table_4\n"
                                                     "  #5  add_table_5\n"_s;
}

void TestTextReport::run()
{
    QFETCH(RunReport, report);
    QFETCH(QString, text);

    QCOMPARE(TextReport::run(report, Build), text);
}

void TestTextReport::pluralForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("line");

    RunReport one;
    one.decision = boot(std::nullopt);
    one.applied = { { 1, u"init"_s, 5 } };
    RunReport two = one;
    two.applied.append({ 2, u"second"_s, 7 });
    RunReport ten = one;
    for (int id = 2; id <= 10; ++id)
        ten.applied.append({ id, u"m%1"_s.arg(id), 1 });

    QTest::newRow("1 migration applied") << TextReport::run(one, Build) << u"Applied 1 migration for build 1.0:"_s;
    QTest::newRow("2 migrations applied") << TextReport::run(two, Build) << u"Applied 2 migrations for build 1.0:"_s;
    QTest::newRow("10 migrations applied") << TextReport::run(ten, Build) << u"Applied 10 migrations for build 1.0:"_s;
    QTest::newRow("1 newer is") << TextReport::check(tolerating(1), Build)
                                << u"BOOT (tolerating newer): build 1.0 would boot; the 1 migration newer than it is "
                                   "recorded backward-compatible."_s;
    QTest::newRow("2 newer are") << TextReport::check(tolerating(2), Build)
                                 << u"BOOT (tolerating newer): build 1.0 would boot; all 2 migrations newer than it "
                                    "are recorded backward-compatible."_s;
    QTest::newRow("1 blocks") << TextReport::check(refuse({ 7 }), Build)
                              << u"REFUSE: build 1.0 would refuse to boot; #7 blocks it."_s;
    QTest::newRow("3 block") << TextReport::check(refuse({ 7, 8, 9 }), Build)
                             << u"REFUSE: build 1.0 would refuse to boot; #7, #8, #9 block it."_s;
}

void TestTextReport::pluralForms()
{
    QFETCH(QString, text);
    QFETCH(QString, line);

    QVERIFY2(text.split(u'\n').contains(line), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestTextReport)
#include "tst_textreport.moc"
