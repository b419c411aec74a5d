// The gate's rule table: one _data() row per rule of DESIGN.md "Gate rules" and per
// edge, each asserting the whole decision.

#include "gate/gate.h"

#include <QHash>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace backstep;

using Analysis = QHash<qint64, QString>;
using Ids = QVector<qint64>;

namespace {

const std::optional<bool> Compatible = true;
const std::optional<bool> Breaking = false;
const std::optional<bool> Unknown = std::nullopt;

// A SHA-256-shaped value per id, so rows built from the same id agree unless a test
// says otherwise.
QString checksumFor(qint64 id)
{
    return u"%1"_s.arg(id, 64, 10, QLatin1Char('0'));
}

Migration known(qint64 id, const QString& name)
{
    Migration migration;
    migration.id = id;
    migration.name = name;
    migration.upFile = u"/catalog/"_s + QString::number(id) + u'_' + name + u".sql"_s;
    migration.checksum = checksumFor(id);
    return migration;
}

Migration known(qint64 id, const QString& name, const QString& checksum)
{
    Migration migration = known(id, name);
    migration.checksum = checksum;
    return migration;
}

LedgerRow applied(qint64 id, const QString& name, std::optional<bool> flag = Compatible)
{
    LedgerRow row;
    row.id = id;
    row.name = name;
    row.appliedAt = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC).addDays(id);
    row.appliedAtText = row.appliedAt.toString(Qt::ISODate);
    row.backwardCompatible = flag;
    row.checksum = checksumFor(id);
    row.appliedBy = u"1.0.0"_s;
    row.durationMs = 5;
    return row;
}

LedgerRow applied(qint64 id, const QString& name, std::optional<bool> flag, const QString& checksum)
{
    LedgerRow row = applied(id, name, flag);
    row.checksum = checksum;
    return row;
}

// A row written by a runner that recorded neither flag nor checksum.
LedgerRow legacy(qint64 id, const QString& name)
{
    LedgerRow row = applied(id, name, Unknown, QString());
    row.appliedBy.clear();
    row.durationMs.reset();
    return row;
}

// The usual first three migrations, known by the build and applied.
Migrations build123()
{
    return { known(1, u"init"_s), known(2, u"add_users"_s), known(3, u"add_notes"_s) };
}

LedgerRows ledger123()
{
    return { applied(1, u"init"_s), applied(2, u"add_users"_s), applied(3, u"add_notes"_s) };
}

QString optionalId(std::optional<qint64> id)
{
    return id ? QString::number(*id) : u"none"_s;
}

Ids idsOf(const LedgerRows& rows)
{
    Ids ids;
    for (const LedgerRow& row : rows)
        ids.append(row.id);
    return ids;
}

QStringList blockingSummary(const QVector<GateDecision::Blocking>& blocking)
{
    QStringList summary;
    for (const GateDecision::Blocking& block : blocking)
        summary.append(QString::number(block.id) + u' ' + reasonName(block.reason));
    return summary;
}

QStringList driftSummary(const QVector<GateDecision::Drift>& drift)
{
    QStringList summary;
    for (const GateDecision::Drift& entry : drift)
        summary.append(QString::number(entry.id) + u' ' + driftKindName(entry.kind) + u" build="_s + entry.expected
            + u" ledger="_s + entry.recorded);
    return summary;
}

const LedgerRow* rowWithId(const LedgerRows& rows, qint64 id)
{
    const auto row = std::find_if(rows.cbegin(), rows.cend(), [id](const LedgerRow& r) { return r.id == id; });
    return row == rows.cend() ? nullptr : &*row;
}

template <typename T> QVector<T> reversed(QVector<T> items)
{
    std::reverse(items.begin(), items.end());
    return items;
}

} // namespace

class TestGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void explanations_data();
    void explanations();
    void driftExplanationNamesIdAndName();
    void names();
};

void TestGate::rules_data()
{
    QTest::addColumn<Migrations>("build");
    QTest::addColumn<LedgerRows>("ledger");
    QTest::addColumn<bool>("strict");
    QTest::addColumn<Analysis>("analysedBreaking");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("head");
    QTest::addColumn<QString>("buildMax");
    QTest::addColumn<Ids>("pending");
    QTest::addColumn<Ids>("outOfOrderPending");
    QTest::addColumn<Ids>("newer");
    QTest::addColumn<QStringList>("blocking"); // "id reason"
    QTest::addColumn<QStringList>("drift"); // "id kind build=… ledger=…"

    const QString boot = u"boot"_s;
    const QString tolerating = u"boot-tolerating-newer"_s;
    const QString refuse = u"refuse"_s;

    QTest::newRow("empty ledger, empty build")
        << Migrations() << LedgerRows() << false << Analysis() << boot << u"none"_s << u"none"_s << Ids() << Ids()
        << Ids() << QStringList() << QStringList();

    QTest::newRow("empty ledger: everything pending")
        << build123() << LedgerRows() << false << Analysis() << boot << u"none"_s << u"3"_s << Ids { 1, 2, 3 } << Ids()
        << Ids() << QStringList() << QStringList();

    QTest::newRow("empty build: every ledger row is newer")
        << Migrations() << LedgerRows { applied(1, u"init"_s), applied(2, u"add_users"_s) } << false << Analysis()
        << tolerating << u"2"_s << u"none"_s << Ids() << Ids() << Ids { 1, 2 } << QStringList() << QStringList();

    QTest::newRow("ledger equals build: boot") << build123() << ledger123() << false << Analysis() << boot << u"3"_s
                                               << u"3"_s << Ids() << Ids() << Ids() << QStringList() << QStringList();

    QTest::newRow("build ahead: pending applied at boot")
        << (build123() << known(4, u"add_tags"_s) << known(5, u"add_files"_s)) << ledger123() << false << Analysis()
        << boot << u"3"_s << u"5"_s << Ids { 4, 5 } << Ids() << Ids() << QStringList() << QStringList();

    QTest::newRow("newer rows all compatible: tolerated")
        << build123() << (ledger123() << applied(4, u"add_tags"_s) << applied(5, u"add_files"_s)) << false << Analysis()
        << tolerating << u"5"_s << u"3"_s << Ids() << Ids() << Ids { 4, 5 } << QStringList() << QStringList();

    QTest::newRow("newer rows mixed: every blocking row listed")
        << build123()
        << (ledger123() << applied(4, u"add_tags"_s) << applied(5, u"drop_users_x"_s, Breaking)
                        << applied(6, u"add_files"_s, Unknown) << applied(7, u"rename_notes"_s, Breaking)
                        << applied(8, u"add_index"_s))
        << false << Analysis() << refuse << u"8"_s << u"3"_s << Ids() << Ids() << Ids { 4, 5, 6, 7, 8 }
        << QStringList { u"5 flag-false"_s, u"6 flag-unknown"_s, u"7 flag-false"_s } << QStringList();

    QTest::newRow("newer row with NULL flag: refuse")
        << build123() << (ledger123() << applied(4, u"add_tags"_s, Unknown)) << false << Analysis() << refuse << u"4"_s
        << u"3"_s << Ids() << Ids() << Ids { 4 } << QStringList { u"4 flag-unknown"_s } << QStringList();

    QTest::newRow("legacy newer row (no flag, no checksum): refuse")
        << build123() << (ledger123() << legacy(4, u"add_tags"_s)) << false << Analysis() << refuse << u"4"_s << u"3"_s
        << Ids() << Ids() << Ids { 4 } << QStringList { u"4 flag-unknown"_s } << QStringList();

    QTest::newRow("compatible newer row in a gap below build max: tolerated")
        << Migrations { known(1, u"init"_s), known(2, u"add_users"_s), known(4, u"add_tags"_s) }
        << (ledger123() << applied(4, u"add_tags"_s)) << false << Analysis() << tolerating << u"4"_s << u"4"_s << Ids()
        << Ids() << Ids { 3 } << QStringList() << QStringList();

    QTest::newRow("breaking newer row in a gap below build max: refuse")
        << Migrations { known(1, u"init"_s), known(2, u"add_users"_s), known(4, u"add_tags"_s) }
        << LedgerRows { applied(1, u"init"_s), applied(2, u"add_users"_s), applied(3, u"drop_users_x"_s, Breaking),
               applied(4, u"add_tags"_s) }
        << false << Analysis() << refuse << u"4"_s << u"4"_s << Ids() << Ids() << Ids { 3 }
        << QStringList { u"3 flag-false"_s } << QStringList();

    QTest::newRow("out-of-order pending below head: boot, reported")
        << (build123() << known(4, u"add_tags"_s) << known(5, u"add_files"_s))
        << LedgerRows { applied(1, u"init"_s), applied(2, u"add_users"_s), applied(4, u"add_tags"_s) } << false
        << Analysis() << boot << u"4"_s << u"5"_s << Ids { 3, 5 } << Ids { 3 } << Ids() << QStringList()
        << QStringList();

    QTest::newRow("out-of-order pending and compatible newer row")
        << Migrations { known(1, u"init"_s), known(2, u"add_users"_s), known(3, u"add_notes"_s) }
        << LedgerRows { applied(1, u"init"_s), applied(2, u"add_users"_s), applied(4, u"add_tags"_s) } << false
        << Analysis() << tolerating << u"4"_s << u"3"_s << Ids { 3 } << Ids { 3 } << Ids { 4 } << QStringList()
        << QStringList();

    QTest::newRow("drift by checksum: reported, boot")
        << Migrations { known(1, u"init"_s, u"5e6f7a8b"_s) }
        << LedgerRows { applied(1, u"init"_s, Compatible, u"1a2b3c4d"_s) } << false << Analysis() << boot << u"1"_s
        << u"1"_s << Ids() << Ids() << Ids() << QStringList()
        << QStringList { u"1 checksum build=5e6f7a8b ledger=1a2b3c4d"_s };

    QTest::newRow("drift by name: reported, boot")
        << build123() << LedgerRows { applied(1, u"init"_s), applied(2, u"add_user"_s), applied(3, u"add_notes"_s) }
        << false << Analysis() << boot << u"3"_s << u"3"_s << Ids() << Ids() << Ids() << QStringList()
        << QStringList { u"2 name build=add_users ledger=add_user"_s };

    QTest::newRow("drift by checksum and name on one row: two entries")
        << Migrations { known(1, u"init"_s, u"5e6f7a8b"_s) }
        << LedgerRows { applied(1, u"initial"_s, Compatible, u"1a2b3c4d"_s) } << false << Analysis() << boot << u"1"_s
        << u"1"_s << Ids() << Ids() << Ids() << QStringList()
        << QStringList { u"1 checksum build=5e6f7a8b ledger=1a2b3c4d"_s, u"1 name build=init ledger=initial"_s };

    QTest::newRow("checksum in another case: no drift")
        << Migrations { known(1, u"init"_s, u"5e6f7a8b"_s) }
        << LedgerRows { applied(1, u"init"_s, Compatible, u"5E6F7A8B"_s) } << false << Analysis() << boot << u"1"_s
        << u"1"_s << Ids() << Ids() << Ids() << QStringList() << QStringList();

    QTest::newRow("legacy known rows without checksum: no drift")
        << build123() << LedgerRows { legacy(1, u"init"_s), legacy(2, u"add_users"_s), legacy(3, u"add_notes"_s) }
        << true << Analysis() << boot << u"3"_s << u"3"_s << Ids() << Ids() << Ids() << QStringList() << QStringList();

    QTest::newRow("strict, drift by checksum: refuse")
        << Migrations { known(1, u"init"_s, u"5e6f7a8b"_s) }
        << LedgerRows { applied(1, u"init"_s, Compatible, u"1a2b3c4d"_s) } << true << Analysis() << refuse << u"1"_s
        << u"1"_s << Ids() << Ids() << Ids() << QStringList { u"1 drift"_s }
        << QStringList { u"1 checksum build=5e6f7a8b ledger=1a2b3c4d"_s };

    QTest::newRow("strict, drift by checksum and name: one blocking per drift")
        << Migrations { known(1, u"init"_s, u"5e6f7a8b"_s) }
        << LedgerRows { applied(1, u"initial"_s, Compatible, u"1a2b3c4d"_s) } << true << Analysis() << refuse << u"1"_s
        << u"1"_s << Ids() << Ids() << Ids() << QStringList { u"1 drift"_s, u"1 drift"_s }
        << QStringList { u"1 checksum build=5e6f7a8b ledger=1a2b3c4d"_s, u"1 name build=init ledger=initial"_s };

    QTest::newRow("strict without drift: boot") << build123() << ledger123() << true << Analysis() << boot << u"3"_s
                                                << u"3"_s << Ids() << Ids() << Ids() << QStringList() << QStringList();

    QTest::newRow("strict without drift, compatible newer: tolerated")
        << build123() << (ledger123() << applied(4, u"add_tags"_s)) << true << Analysis() << tolerating << u"4"_s
        << u"3"_s << Ids() << Ids() << Ids { 4 } << QStringList() << QStringList();

    QTest::newRow("strict drift and breaking newer: blocking ascending by id")
        << build123()
        << LedgerRows { applied(1, u"init"_s), applied(2, u"add_users"_s, Compatible, u"ffff"_s),
               applied(3, u"add_notes"_s), applied(4, u"drop_users_x"_s, Breaking), applied(5, u"add_tags"_s) }
        << true << Analysis() << refuse << u"5"_s << u"3"_s << Ids() << Ids() << Ids { 4, 5 }
        << QStringList { u"2 drift"_s, u"4 flag-false"_s }
        << QStringList { u"2 checksum build="_s + checksumFor(2) + u" ledger=ffff"_s };

    QTest::newRow("mislabelled newer row: refuse")
        << build123() << (ledger123() << applied(4, u"add_tags"_s) << applied(5, u"add_index"_s)) << false
        << Analysis { { 5, u"drops column users.x"_s } } << refuse << u"5"_s << u"3"_s << Ids() << Ids() << Ids { 4, 5 }
        << QStringList { u"5 mislabelled"_s } << QStringList();

    QTest::newRow("analysis on a flag-false newer row: stays flag-false")
        << build123() << (ledger123() << applied(4, u"drop_users_x"_s, Breaking)) << false
        << Analysis { { 4, u"drops column users.x"_s } } << refuse << u"4"_s << u"3"_s << Ids() << Ids() << Ids { 4 }
        << QStringList { u"4 flag-false"_s } << QStringList();

    QTest::newRow("analysis on a flag-unknown newer row: stays flag-unknown")
        << build123() << (ledger123() << applied(4, u"drop_users_x"_s, Unknown)) << false
        << Analysis { { 4, u"drops column users.x"_s } } << refuse << u"4"_s << u"3"_s << Ids() << Ids() << Ids { 4 }
        << QStringList { u"4 flag-unknown"_s } << QStringList();

    QTest::newRow("analysis of a row the build knows: ignored")
        << build123() << ledger123() << false << Analysis { { 2, u"drops column users.x"_s } } << boot << u"3"_s
        << u"3"_s << Ids() << Ids() << Ids() << QStringList() << QStringList();

    QTest::newRow("analysis of a pending row: ignored")
        << (build123() << known(4, u"drop_users_x"_s)) << ledger123() << false
        << Analysis { { 4, u"drops column users.x"_s } } << boot << u"3"_s << u"4"_s << Ids { 4 } << Ids() << Ids()
        << QStringList() << QStringList();

    QTest::newRow("duplicate names under different ids: keyed on id")
        << Migrations { known(1, u"init"_s), known(2, u"add_index"_s), known(3, u"add_index"_s) }
        << LedgerRows { applied(1, u"init"_s), applied(2, u"add_index"_s), applied(3, u"add_index"_s),
               applied(4, u"add_index"_s, Breaking) }
        << false << Analysis() << refuse << u"4"_s << u"3"_s << Ids() << Ids() << Ids { 4 }
        << QStringList { u"4 flag-false"_s } << QStringList();

    QTest::newRow("names swapped between ids: name drift on both")
        << Migrations { known(1, u"init"_s), known(2, u"add_users"_s) }
        << LedgerRows { applied(1, u"add_users"_s), applied(2, u"init"_s) } << false << Analysis() << boot << u"2"_s
        << u"2"_s << Ids() << Ids() << Ids() << QStringList()
        << QStringList { u"1 name build=init ledger=add_users"_s, u"2 name build=add_users ledger=init"_s };

    QTest::newRow("unsorted input: sorted output")
        << Migrations { known(5, u"add_files"_s), known(1, u"init"_s), known(3, u"add_notes"_s),
               known(2, u"add_users"_s) }
        << LedgerRows { applied(8, u"drop_notes"_s, Breaking), applied(2, u"add_users"_s),
               applied(7, u"add_tags"_s, Unknown), applied(1, u"init"_s), applied(6, u"add_index"_s),
               applied(4, u"rename_users"_s, Breaking) }
        << false << Analysis() << refuse << u"8"_s << u"5"_s << Ids { 3, 5 } << Ids { 3, 5 } << Ids { 4, 6, 7, 8 }
        << QStringList { u"4 flag-false"_s, u"7 flag-unknown"_s, u"8 flag-false"_s } << QStringList();
}

void TestGate::rules()
{
    QFETCH(Migrations, build);
    QFETCH(LedgerRows, ledger);
    QFETCH(bool, strict);
    QFETCH(Analysis, analysedBreaking);
    QFETCH(QString, outcome);
    QFETCH(QString, head);
    QFETCH(QString, buildMax);
    QFETCH(Ids, pending);
    QFETCH(Ids, outOfOrderPending);
    QFETCH(Ids, newer);
    QFETCH(QStringList, blocking);
    QFETCH(QStringList, drift);

    GateOptions options;
    options.strict = strict;
    options.analysedBreaking = analysedBreaking;
    const GateDecision decision = evaluateGate(build, ledger, options);

    QCOMPARE(outcomeName(decision.outcome), outcome);
    QCOMPARE(decision.mayBoot(), outcome != u"refuse"_s);
    QCOMPARE(optionalId(decision.head), head);
    QCOMPARE(optionalId(decision.buildMax), buildMax);
    QCOMPARE(decision.pending, pending);
    QCOMPARE(decision.outOfOrderPending, outOfOrderPending);
    QCOMPARE(idsOf(decision.newer), newer);
    QCOMPARE(blockingSummary(decision.blocking), blocking);
    QCOMPARE(driftSummary(decision.drift), drift);

    // Newer rows are the ledger's rows, untouched.
    for (const LedgerRow& row : decision.newer) {
        const LedgerRow* input = rowWithId(ledger, row.id);
        QVERIFY(input);
        QCOMPARE(row, *input);
    }
    // Every blocking entry names its row, so the CLI can print it as it is.
    for (const GateDecision::Blocking& block : decision.blocking) {
        const LedgerRow* input = rowWithId(ledger, block.id);
        QVERIFY(input);
        QCOMPARE(block.name, input->name);
        QVERIFY2(block.explanation.startsWith(u'#' + QString::number(block.id) + u' ' + block.name),
            qPrintable(block.explanation));
    }
    // The order of the inputs never matters.
    QCOMPARE(evaluateGate(reversed(build), reversed(ledger), options), decision);
}

void TestGate::explanations_data()
{
    QTest::addColumn<Migrations>("build");
    QTest::addColumn<LedgerRows>("ledger");
    QTest::addColumn<bool>("strict");
    QTest::addColumn<Analysis>("analysedBreaking");
    QTest::addColumn<QStringList>("explanations");

    QTest::newRow("flag false") << Migrations() << LedgerRows { applied(21, u"drop_users_x"_s, Breaking) } << false
                                << Analysis()
                                << QStringList { u"#21 drop_users_x is recorded as not backward-compatible"_s };

    QTest::newRow("flag unknown")
        << Migrations() << LedgerRows { applied(7, u"add_notes"_s, Unknown) } << false << Analysis()
        << QStringList { u"#7 add_notes has no recorded flag (applied by a runner that did not record one),"
                         u" and unknown is never treated as compatible"_s };

    QTest::newRow("mislabelled") << Migrations() << LedgerRows { applied(12, u"add_index"_s) } << false
                                 << Analysis { { 12, u"drops column users.x"_s } }
                                 << QStringList { u"#12 add_index is recorded as backward-compatible but analysis"
                                                  u" finds it breaking: drops column users.x"_s };

    QTest::newRow("mislabelled, analysis without a reason")
        << Migrations() << LedgerRows { applied(12, u"add_index"_s) } << false << Analysis { { 12, QString() } }
        << QStringList { u"#12 add_index is recorded as backward-compatible but analysis finds it breaking"_s };

    QTest::newRow("strict drift, long checksums shortened")
        << Migrations { known(3, u"init"_s, u"5e6f7a8b9c0d"_s) }
        << LedgerRows { applied(3, u"init"_s, Compatible, u"1a2b3c4d5e6f"_s) } << true << Analysis()
        << QStringList {
               u"#3 init: checksum differs from this build's file (ledger 1a2b3c4d\u2026, build 5e6f7a8b\u2026)"_s
           };

    QTest::newRow("strict drift, short checksums whole")
        << Migrations { known(3, u"init"_s, u"5e6f7a8b"_s) }
        << LedgerRows { applied(3, u"init"_s, Compatible, u"1a2b"_s) } << true << Analysis()
        << QStringList { u"#3 init: checksum differs from this build's file (ledger 1a2b, build 5e6f7a8b)"_s };

    QTest::newRow("strict drift by name")
        << Migrations { known(3, u"initial"_s) } << LedgerRows { applied(3, u"init"_s) } << true << Analysis()
        << QStringList { u"#3 init is named initial in this build"_s };

    QTest::newRow("one sentence per blocking row, ascending")
        << build123()
        << (ledger123() << applied(9, u"drop_notes"_s, Breaking) << applied(4, u"add_tags"_s, Unknown)
                        << applied(5, u"add_files"_s))
        << false << Analysis()
        << QStringList { u"#4 add_tags has no recorded flag (applied by a runner that did not record one),"
                         u" and unknown is never treated as compatible"_s,
               u"#9 drop_notes is recorded as not backward-compatible"_s };
}

void TestGate::explanations()
{
    QFETCH(Migrations, build);
    QFETCH(LedgerRows, ledger);
    QFETCH(bool, strict);
    QFETCH(Analysis, analysedBreaking);
    QFETCH(QStringList, explanations);

    GateOptions options;
    options.strict = strict;
    options.analysedBreaking = analysedBreaking;
    QStringList actual;
    for (const GateDecision::Blocking& block : evaluateGate(build, ledger, options).blocking)
        actual.append(block.explanation);
    QCOMPARE(actual, explanations);
}

void TestGate::driftExplanationNamesIdAndName()
{
    // Outside strict mode drift does not block, but callers still print it.
    const GateDecision decision = evaluateGate(
        { known(3, u"init"_s, u"5e6f7a8b9c0d"_s) }, { applied(3, u"initial"_s, Compatible, u"1a2b3c4d5e6f"_s) });
    QCOMPARE(decision.outcome, GateDecision::Outcome::Boot);
    QCOMPARE(decision.drift.size(), 2);
    QCOMPARE(driftExplanation(decision.drift.at(0), u"initial"_s),
        u"#3 initial: checksum differs from this build's file (ledger 1a2b3c4d\u2026, build 5e6f7a8b\u2026)"_s);
    QCOMPARE(driftExplanation(decision.drift.at(1), u"initial"_s), u"#3 initial is named init in this build"_s);
}

void TestGate::names()
{
    QCOMPARE(outcomeName(GateDecision::Outcome::Boot), u"boot"_s);
    QCOMPARE(outcomeName(GateDecision::Outcome::BootToleratingNewer), u"boot-tolerating-newer"_s);
    QCOMPARE(outcomeName(GateDecision::Outcome::Refuse), u"refuse"_s);
    QCOMPARE(reasonName(GateDecision::Blocking::Reason::FlagFalse), u"flag-false"_s);
    QCOMPARE(reasonName(GateDecision::Blocking::Reason::FlagUnknown), u"flag-unknown"_s);
    QCOMPARE(reasonName(GateDecision::Blocking::Reason::Mislabelled), u"mislabelled"_s);
    QCOMPARE(reasonName(GateDecision::Blocking::Reason::Drift), u"drift"_s);
    QCOMPARE(driftKindName(GateDecision::Drift::Kind::Checksum), u"checksum"_s);
    QCOMPARE(driftKindName(GateDecision::Drift::Kind::Name), u"name"_s);
}

QTEST_GUILESS_MAIN(TestGate)
#include "tst_gate.moc"
