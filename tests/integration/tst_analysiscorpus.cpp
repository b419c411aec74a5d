// The labelled corpus (tests/data/analysis-corpus): every migration's analysis must
// give exactly the verdict and rule ids its "-- expect" header names, on SQLite (in
// memory) and on the real PostgreSQL server. Also the truth check: mislabelled and
// over-cautious follow from the declared flag and the verdict.
#include "analysis/analyzer.h"
#include "catalog/catalogreader.h"
#include "scratchpostgres.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace backstep;
using namespace backstep::test;

namespace {

QString corpusFolder()
{
    return QStringLiteral(BACKSTEP_SOURCE_DIR "/tests/data/analysis-corpus");
}

struct Expectation
{
    QString verdict;
    QSet<QString> rules;
};

// "-- expect: breaking drop-column" or "-- expect sqlite: ..." for one dialect.
std::optional<Expectation> expectationIn(const QString& file, Dialect dialect)
{
    QFile source(file);
    if (!source.open(QIODevice::ReadOnly))
        return std::nullopt;
    static const QRegularExpression pattern(QStringLiteral("^--\\s*expect(?:\\s+(sqlite|postgres))?\\s*:\\s*(\\S+)(.*)$"),
                                            QRegularExpression::MultilineOption);
    std::optional<Expectation> general;
    auto matches = pattern.globalMatch(QString::fromUtf8(source.readAll()));
    while (matches.hasNext()) {
        const auto match = matches.next();
        Expectation expectation { match.captured(2), {} };
        for (const QString& rule : match.captured(3).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            expectation.rules.insert(rule);
        if (match.captured(1).isEmpty())
            general = expectation;
        else if (match.captured(1) == dialectName(dialect))
            return expectation;
    }
    return general;
}

QString sorted(const QSet<QString>& rules)
{
    QStringList list(rules.cbegin(), rules.cend());
    list.sort();
    return list.join(QLatin1Char(' '));
}

} // namespace

class TestAnalysisCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(ScratchPostgres::available(), "BACKSTEP_TEST_PG is not set: run the tests with `make test`");
    }

    void catalog_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<Dialect>("dialect");
        const QDir corpus(corpusFolder());
        const QStringList catalogs = corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(catalogs.size() >= 6);
        for (const QString& name : catalogs) {
            for (const Dialect dialect : { Dialect::Sqlite, Dialect::Postgres }) {
                if ((name.startsWith(QLatin1String("pg-")) && dialect == Dialect::Sqlite)
                    || (name.startsWith(QLatin1String("sqlite-")) && dialect == Dialect::Postgres))
                    continue;
                QTest::addRow("%s %s", qPrintable(name), qPrintable(dialectName(dialect)))
                    << corpus.filePath(name) << dialect;
            }
        }
    }

    void catalog()
    {
        QFETCH(QString, folder);
        QFETCH(Dialect, dialect);
        const auto catalog = CatalogReader::read(folder, dialect);
        QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message));
        Analyzer::Options options;
        if (dialect == Dialect::Postgres)
            options.scratchServer = DatabaseUri::parse(ScratchPostgres::serverUri()).value();
        const auto analysis = Analyzer::analyse(catalog.value(), options);
        QVERIFY2(analysis.ok(), qPrintable(analysis.ok() ? QString() : analysis.error().message));

        QStringList mismatches;
        for (const MigrationAnalysis& migration : analysis->migrations) {
            const auto expected = expectationIn(migration.file, dialect);
            if (!expected) {
                mismatches.append(QStringLiteral("#%1 %2: no expect header").arg(migration.id).arg(migration.name));
                continue;
            }
            QSet<QString> rules;
            for (const Finding& finding : migration.findings)
                rules.insert(finding.rule);
            const QString verdict = migration.verdict ? verdictName(*migration.verdict) : QStringLiteral("none");
            if (verdict != expected->verdict || rules != expected->rules) {
                QString line = QStringLiteral("#%1 %2: expected %3 [%4], got %5 [%6]")
                                   .arg(migration.id)
                                   .arg(migration.name, expected->verdict, sorted(expected->rules), verdict, sorted(rules));
                if (!migration.problem.isEmpty())
                    line += QStringLiteral(" (%1)").arg(migration.problem);
                mismatches.append(line);
            }
            QCOMPARE(migration.mislabelled(), migration.declaredCompatible && migration.verdict == Verdict::Breaking);
            QCOMPARE(migration.overCautious(), !migration.declaredCompatible && migration.verdict == Verdict::Compatible);
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(QLatin1Char('\n') + mismatches.join(QLatin1Char('\n'))));
    }

    // The catalog whose flags partly lie: the truth check names exactly the liars.
    void liesAreFound_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::newRow("sqlite") << Dialect::Sqlite;
        QTest::newRow("postgres") << Dialect::Postgres;
    }

    void liesAreFound()
    {
        QFETCH(Dialect, dialect);
        const auto catalog = CatalogReader::read(corpusFolder() + QStringLiteral("/lies"), dialect);
        QVERIFY(catalog.ok());
        Analyzer::Options options;
        if (dialect == Dialect::Postgres)
            options.scratchServer = DatabaseUri::parse(ScratchPostgres::serverUri()).value();
        const auto analysis = Analyzer::analyse(catalog.value(), options);
        QVERIFY(analysis.ok());
        int mislabelled = 0;
        int overCautious = 0;
        for (const MigrationAnalysis& migration : analysis->migrations) {
            mislabelled += migration.mislabelled() ? 1 : 0;
            overCautious += migration.overCautious() ? 1 : 0;
        }
        QVERIFY2(mislabelled >= 6, qPrintable(QString::number(mislabelled)));
        QVERIFY2(overCautious >= 4, qPrintable(QString::number(overCautious)));
        QVERIFY(analysis->hasMislabelled());
    }
};

QTEST_GUILESS_MAIN(TestAnalysisCorpus)
#include "tst_analysiscorpus.moc"
