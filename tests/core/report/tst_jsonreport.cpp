// JsonReport: the exact JSON of status, check and run, every key, compared as whole
// documents against the text a script would read.

#include "report/jsonreport.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace backstep;

Q_DECLARE_METATYPE(backstep::StatusReport)

namespace {

// Both sides through the same printer, so a difference is a difference in content
// (keys, values, types), shown line by line.
QByteArray canonical(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return "invalid expected JSON: " + error.errorString().toUtf8() + " at " + QByteArray::number(error.offset);
    return document.toJson(QJsonDocument::Indented);
}

QByteArray canonical(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

const QString Checksum1 = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;

LedgerRow fullRow()
{
    LedgerRow row;
    row.id = 1;
    row.name = u"create_users"_s;
    row.appliedAt = QDateTime(QDate(2023, 5, 1), QTime(10, 0, 0, 250), Qt::UTC);
    row.appliedAtText = u"2023-05-01 10:00:00.250"_s;
    row.backwardCompatible = true;
    row.checksum = Checksum1;
    row.appliedBy = u"2.0.0"_s;
    row.durationMs = 12;
    return row;
}

// A legacy row: no flag, checksum, build or duration, and a time that did not parse.
LedgerRow legacyRow()
{
    LedgerRow row;
    row.id = 2;
    row.name = u"legacy"_s;
    row.appliedAtText = u"last tuesday"_s;
    return row;
}

LedgerRow breakingRow()
{
    LedgerRow row;
    row.id = 20240131120000;
    row.name = u"rename_users"_s;
    row.appliedAt = QDateTime(QDate(2024, 1, 31), QTime(14, 0), Qt::OffsetFromUTC, 2 * 3600);
    row.appliedAtText = u"2024-01-31T14:00:00+02:00"_s;
    row.backwardCompatible = false;
    row.durationMs = 0;
    return row;
}

LedgerRow newerRow(qint64 id, const QString& name, std::optional<bool> flag)
{
    LedgerRow row;
    row.id = id;
    row.name = name;
    row.backwardCompatible = flag;
    return row;
}

GateDecision refusal()
{
    GateDecision decision;
    decision.outcome = GateDecision::Outcome::Refuse;
    decision.head = 7;
    decision.buildMax = 4;
    decision.pending = { 2, 4 };
    decision.outOfOrderPending = { 2 };
    decision.newer = { newerRow(5, u"add_index"_s, true), newerRow(6, u"drop_legacy"_s, false),
        newerRow(7, u"imported"_s, std::nullopt) };
    decision.blocking = {
        { 3, u"create_posts"_s, GateDecision::Blocking::Reason::Drift, u"#3 create_posts: checksum differs"_s },
        { 5, u"add_index"_s, GateDecision::Blocking::Reason::Mislabelled, u"#5 add_index drops a column"_s },
        { 6, u"drop_legacy"_s, GateDecision::Blocking::Reason::FlagFalse, u"#6 drop_legacy is breaking"_s },
        { 7, u"imported"_s, GateDecision::Blocking::Reason::FlagUnknown, u"#7 imported has no flag"_s },
    };
    decision.drift = { { 1, GateDecision::Drift::Kind::Name, u"create_users"_s, u"create_user"_s },
        { 3, GateDecision::Drift::Kind::Checksum, u"aaaa"_s, u"bbbb"_s } };
    return decision;
}

const char* const RefusalJson = R"json({
    "decision": "refuse",
    "head": 7,
    "build_max": 4,
    "pending": [2, 4],
    "out_of_order_pending": [2],
    "newer": [
        {"id": 5, "name": "add_index", "backward_compatible": true},
        {"id": 6, "name": "drop_legacy", "backward_compatible": false},
        {"id": 7, "name": "imported", "backward_compatible": null}
    ],
    "blocking": [
        {"id": 3, "name": "create_posts", "reason": "drift", "explanation": "#3 create_posts: checksum differs"},
        {"id": 5, "name": "add_index", "reason": "mislabelled", "explanation": "#5 add_index drops a column"},
        {"id": 6, "name": "drop_legacy", "reason": "flag-false", "explanation": "#6 drop_legacy is breaking"},
        {"id": 7, "name": "imported", "reason": "flag-unknown", "explanation": "#7 imported has no flag"}
    ],
    "drift": [
        {"id": 1, "kind": "name", "expected": "create_users", "recorded": "create_user"},
        {"id": 3, "kind": "checksum", "expected": "aaaa", "recorded": "bbbb"}
    ]
})json";

GateDecision bootWithPending()
{
    GateDecision decision;
    decision.outcome = GateDecision::Outcome::Boot;
    decision.head = 1;
    decision.buildMax = 3;
    decision.pending = { 2, 3 };
    return decision;
}

const char* const BootWithPendingJson = R"json({
    "decision": "boot", "head": 1, "build_max": 3, "pending": [2, 3], "out_of_order_pending": [],
    "newer": [], "blocking": [], "drift": []
})json";

} // namespace

class TestJsonReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void status_data();
    void status();
    void check_data();
    void check();
    void run_data();
    void run();
};

void TestJsonReport::status_data()
{
    QTest::addColumn<StatusReport>("report");
    QTest::addColumn<QByteArray>("json");

    StatusReport withoutCatalog;
    withoutCatalog.database = u"sqlite:./data/app.db"_s;
    withoutCatalog.ledgerTable = u"_migrations"_s;
    withoutCatalog.rows = { fullRow(), legacyRow(), breakingRow() };
    QTest::newRow("rows, no catalog") << withoutCatalog << QByteArray(R"json({
        "database": "sqlite:./data/app.db",
        "dialect": "sqlite",
        "ledger_table": "_migrations",
        "head": 20240131120000,
        "rows": [
            {"id": 1, "name": "create_users", "applied_at": "2023-05-01T10:00:00.250Z", "backward_compatible": true,
             "checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "applied_by": "2.0.0",
             "duration_ms": 12},
            {"id": 2, "name": "legacy", "applied_at": "last tuesday", "backward_compatible": null,
             "checksum": null, "applied_by": null, "duration_ms": null},
            {"id": 20240131120000, "name": "rename_users", "applied_at": "2024-01-31T12:00:00.000Z",
             "backward_compatible": false, "checksum": null, "applied_by": null, "duration_ms": 0}
        ],
        "pending": null
    })json");

    StatusReport withCatalog;
    withCatalog.database = u"postgres://app:***@db.example.org/app"_s;
    withCatalog.dialect = Dialect::Postgres;
    withCatalog.ledgerTable = u"app._migrations"_s;
    withCatalog.rows = { fullRow(), legacyRow() };
    withCatalog.hasCatalog = true;
    withCatalog.pending = { 3, 4 };
    withCatalog.unknownToCatalog = { 2 };
    QTest::newRow("rows and a catalog") << withCatalog << QByteArray(R"json({
        "database": "postgres://app:***@db.example.org/app",
        "dialect": "postgres",
        "ledger_table": "app._migrations",
        "head": 2,
        "rows": [
            {"id": 1, "name": "create_users", "applied_at": "2023-05-01T10:00:00.250Z", "backward_compatible": true,
             "checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "applied_by": "2.0.0",
             "duration_ms": 12},
            {"id": 2, "name": "legacy", "applied_at": "last tuesday", "backward_compatible": null,
             "checksum": null, "applied_by": null, "duration_ms": null}
        ],
        "pending": [3, 4],
        "unknown_to_catalog": [2]
    })json");

    StatusReport empty;
    empty.database = u"sqlite:/srv/app.db"_s;
    empty.ledgerTable = u"_migrations"_s;
    empty.hasCatalog = true;
    empty.pending = { 1 };
    QTest::newRow("empty ledger, catalog") << empty << QByteArray(R"json({
        "database": "sqlite:/srv/app.db", "dialect": "sqlite", "ledger_table": "_migrations",
        "head": null, "rows": [], "pending": [1], "unknown_to_catalog": []
    })json");

    StatusReport nullTime;
    nullTime.database = u"sqlite:/srv/app.db"_s;
    nullTime.ledgerTable = u"_migrations"_s;
    LedgerRow noTime = legacyRow();
    noTime.appliedAtText.clear();
    nullTime.rows = { noTime };
    QTest::newRow("NULL applied_at") << nullTime << QByteArray(R"json({
        "database": "sqlite:/srv/app.db", "dialect": "sqlite", "ledger_table": "_migrations", "head": 2,
        "rows": [{"id": 2, "name": "legacy", "applied_at": null, "backward_compatible": null, "checksum": null,
                  "applied_by": null, "duration_ms": null}],
        "pending": null
    })json");
}

void TestJsonReport::status()
{
    QFETCH(StatusReport, report);
    QFETCH(QByteArray, json);

    QCOMPARE(canonical(JsonReport::status(report)), canonical(json));
}

void TestJsonReport::check_data()
{
    QTest::addColumn<GateDecision>("decision");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("boot, empty catalog and ledger") << GateDecision() << QByteArray(R"json({
        "decision": "boot", "head": null, "build_max": null, "pending": [], "out_of_order_pending": [],
        "newer": [], "blocking": [], "drift": []
    })json");
    QTest::newRow("boot with pending") << bootWithPending() << QByteArray(BootWithPendingJson);

    GateDecision tolerating;
    tolerating.outcome = GateDecision::Outcome::BootToleratingNewer;
    tolerating.head = 5;
    tolerating.buildMax = 3;
    tolerating.newer = { newerRow(4, u"add_table"_s, true), newerRow(5, u"add_column"_s, true) };
    QTest::newRow("boot tolerating newer") << tolerating << QByteArray(R"json({
        "decision": "boot-tolerating-newer", "head": 5, "build_max": 3, "pending": [], "out_of_order_pending": [],
        "newer": [{"id": 4, "name": "add_table", "backward_compatible": true},
                  {"id": 5, "name": "add_column", "backward_compatible": true}],
        "blocking": [], "drift": []
    })json");
    QTest::newRow("refuse, every reason and drift kind") << refusal() << QByteArray(RefusalJson);
}

void TestJsonReport::check()
{
    QFETCH(GateDecision, decision);
    QFETCH(QByteArray, json);

    QCOMPARE(canonical(JsonReport::check(decision)), canonical(json));
}

void TestJsonReport::run_data()
{
    QTest::addColumn<RunReport>("report");
    QTest::addColumn<QByteArray>("json");

    const QByteArray bootGate = BootWithPendingJson;

    RunReport succeeded;
    succeeded.decision = bootWithPending();
    succeeded.applied = { { 2, u"add_email"_s, 7 }, { 3, u"add_index"_s, 0 } };
    QTest::newRow("succeeded") << succeeded << QByteArray(R"json({"gate": )json" + bootGate + R"json(,
        "applied": [{"id": 2, "name": "add_email", "duration_ms": 7}, {"id": 3, "name": "add_index", "duration_ms": 0}],
        "applied_by_others": [], "failure": null, "cancelled": false, "succeeded": true
    })json");

    RunReport failed;
    failed.decision = bootWithPending();
    failed.applied = { { 2, u"add_email"_s, 7 } };
    RunReport::Failure failure;
    failure.id = 3;
    failure.name = u"add_index"_s;
    failure.file = u"/srv/app/migrations/0003_add_index.sql"_s;
    failure.statementNumber = 2;
    failure.line = 14;
    failure.statement = u"CREATE INDEX users_email ON users (emial)"_s;
    failure.databaseError = u"no such column: emial"_s;
    failed.failure = failure;
    QTest::newRow("failed") << failed << QByteArray(R"json({"gate": )json" + bootGate + R"json(,
        "applied": [{"id": 2, "name": "add_email", "duration_ms": 7}],
        "applied_by_others": [],
        "failure": {"id": 3, "name": "add_index", "file": "/srv/app/migrations/0003_add_index.sql",
                    "statement_number": 2, "line": 14, "statement": "CREATE INDEX users_email ON users (emial)",
                    "database_error": "no such column: emial", "no_transaction": false},
        "cancelled": false, "succeeded": false
    })json");

    RunReport noTransaction = failed;
    noTransaction.failure->noTransaction = true;
    noTransaction.failure->statement = u"CREATE INDEX CONCURRENTLY \"users\"\n  ON users (emial)"_s;
    QTest::newRow("failed without a transaction")
        << noTransaction << QByteArray(R"json({"gate": )json" + bootGate + R"json(,
        "applied": [{"id": 2, "name": "add_email", "duration_ms": 7}],
        "applied_by_others": [],
        "failure": {"id": 3, "name": "add_index", "file": "/srv/app/migrations/0003_add_index.sql",
                    "statement_number": 2, "line": 14,
                    "statement": "CREATE INDEX CONCURRENTLY \"users\"\n  ON users (emial)",
                    "database_error": "no such column: emial", "no_transaction": true},
        "cancelled": false, "succeeded": false
    })json");

    RunReport others;
    others.decision = bootWithPending();
    others.applied = { { 3, u"add_index"_s, 4 } };
    others.appliedByOthers = { 2 };
    QTest::newRow("applied by others") << others << QByteArray(R"json({"gate": )json" + bootGate + R"json(,
        "applied": [{"id": 3, "name": "add_index", "duration_ms": 4}],
        "applied_by_others": [2], "failure": null, "cancelled": false, "succeeded": true
    })json");

    RunReport cancelled;
    cancelled.decision = bootWithPending();
    cancelled.applied = { { 2, u"add_email"_s, 7 } };
    cancelled.cancelled = true;
    QTest::newRow("cancelled") << cancelled << QByteArray(R"json({"gate": )json" + bootGate + R"json(,
        "applied": [{"id": 2, "name": "add_email", "duration_ms": 7}],
        "applied_by_others": [], "failure": null, "cancelled": true, "succeeded": false
    })json");

    RunReport refused;
    refused.decision = refusal();
    QTest::newRow("refused") << refused << QByteArray(R"json({"gate": )json" + QByteArray(RefusalJson) + R"json(,
        "applied": [], "applied_by_others": [], "failure": null, "cancelled": false, "succeeded": false
    })json");
}

void TestJsonReport::run()
{
    QFETCH(RunReport, report);
    QFETCH(QByteArray, json);

    QCOMPARE(canonical(JsonReport::run(report)), canonical(json));
}

QTEST_GUILESS_MAIN(TestJsonReport)
#include "tst_jsonreport.moc"
