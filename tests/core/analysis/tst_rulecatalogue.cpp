#include "analysis/rulecatalogue.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace backstep;

class TestRuleCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsAreStableKebabCaseAndUnique()
    {
        static const QRegularExpression kebab(QStringLiteral("^[a-z]+(-[a-z]+)*$"));
        QSet<QString> seen;
        for (const Rule& rule : RuleCatalogue::all()) {
            QVERIFY2(kebab.match(rule.id).hasMatch(), qPrintable(rule.id));
            QVERIFY2(!seen.contains(rule.id), qPrintable(rule.id));
            seen.insert(rule.id);
            QVERIFY2(!rule.title.isEmpty() && !rule.why.isEmpty(), qPrintable(rule.id));
            // Everything that is not compatible says what to do instead.
            if (rule.severity != Finding::Severity::Info)
                QVERIFY2(!rule.instead.isEmpty(), qPrintable(rule.id));
            // The strict profile only ever raises a severity.
            QVERIFY2(verdictOf(rule.strictSeverity) >= verdictOf(rule.severity), qPrintable(rule.id));
            QCOMPARE(RuleCatalogue::find(rule.id), &rule);
        }
        QVERIFY(seen.size() >= 40);
    }

    // The rules the issue names must exist with these severities.
    void requiredRules_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<Finding::Severity>("severity");
        const auto breaking = Finding::Severity::Breaking;
        const auto caution = Finding::Severity::Caution;
        const auto info = Finding::Severity::Info;
        for (const char* id : { "drop-table", "drop-column", "rename-table", "rename-column", "change-column-type",
                                "add-not-null-column-without-default", "set-not-null", "add-check-constraint",
                                "add-unique-constraint", "add-foreign-key", "add-primary-key", "drop-column-default",
                                "drop-unique-constraint", "drop-view", "drop-function", "drop-trigger",
                                "drop-sequence", "rename-sequence", "drop-type", "rename-type", "rename-enum-value",
                                "drop-schema", "rename-schema", "set-schema", "drop-extension", "drop-identity",
                                "mislabelled" })
            QTest::newRow(id) << QString::fromLatin1(id) << breaking;
        for (const char* id : { "rewrite-rows", "drop-index", "create-index-blocking", "table-rewrite", "opaque-sql",
                                "rename-constraint", "drop-constraint", "drop-policy", "alter-identity" })
            QTest::newRow(id) << QString::fromLatin1(id) << caution;
        for (const char* id : { "create-table", "add-nullable-column", "add-column-with-default", "create-index",
                                "create-view", "widen-column-type", "over-cautious" })
            QTest::newRow(id) << QString::fromLatin1(id) << info;
    }

    void requiredRules()
    {
        QFETCH(QString, id);
        QFETCH(Finding::Severity, severity);
        const Rule* rule = RuleCatalogue::find(id);
        QVERIFY2(rule, qPrintable(id));
        QCOMPARE(rule->severity, severity);
    }

    void strictProfileMakesNewColumnsCaution()
    {
        for (const QString& id : { QStringLiteral("add-nullable-column"), QStringLiteral("add-column-with-default") }) {
            QCOMPARE(RuleCatalogue::finding(id).severity, Finding::Severity::Info);
            QCOMPARE(RuleCatalogue::finding(id, AnalysisProfile::Strict).severity, Finding::Severity::Caution);
        }
        QCOMPARE(RuleCatalogue::finding(QStringLiteral("drop-column"), AnalysisProfile::Strict).severity,
                 Finding::Severity::Breaking);
        QCOMPARE(RuleCatalogue::find(QStringLiteral("no-such-rule")), nullptr);
    }

    void verdictIsTheWorstFinding()
    {
        Findings findings;
        QCOMPARE(verdictOf(findings), Verdict::Compatible);
        findings.append(RuleCatalogue::finding(QStringLiteral("create-table")));
        QCOMPARE(verdictOf(findings), Verdict::Compatible);
        findings.append(RuleCatalogue::finding(QStringLiteral("rewrite-rows")));
        QCOMPARE(verdictOf(findings), Verdict::Caution);
        findings.append(RuleCatalogue::finding(QStringLiteral("drop-column")));
        QCOMPARE(verdictOf(findings), Verdict::Breaking);
    }

    // core/analysis/RULES.md is the page people read; it must be what the code says.
    void documentationMatchesTheCode()
    {
        QFile page(QStringLiteral(BACKSTEP_SOURCE_DIR "/core/analysis/RULES.md"));
        QVERIFY(page.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(page.readAll()), RuleCatalogue::markdown());
    }
};

QTEST_GUILESS_MAIN(TestRuleCatalogue)
#include "tst_rulecatalogue.moc"
