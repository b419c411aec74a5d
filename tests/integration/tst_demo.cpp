// The bundled demo app's catalog (resources/demo) through the CLI on both dialects:
// every release migrates on top of the previous one, as `make run` does, and the
// gate's answer for each older release follows from the recorded flags.
#include "clirun.h"
#include "scratchpostgres.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace backstep::test;

namespace {

struct Release
{
    QString version;
    qint64 maxId = 0;
};

QString demoFolder()
{
    return QStringLiteral(BACKSTEP_DEMO_DIR);
}

QList<Release> releases()
{
    QFile file(demoFolder() + QStringLiteral("/builds.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Release> result;
    for (const QJsonValue& value : QJsonDocument::fromJson(file.readAll()).array()) {
        const QJsonObject build = value.toObject();
        result.append({ build.value(QStringLiteral("version")).toString(),
                        build.value(QStringLiteral("max_id")).toInteger() });
    }
    return result;
}

QList<qint64> idsOf(const QJsonArray& array)
{
    QList<qint64> ids;
    for (const QJsonValue& value : array)
        ids.append(value.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void releasesMigrateAndGate_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void releasesMigrateAndGate()
    {
        QFETCH(QString, dialect);
        const QList<Release> builds = releases();
        QVERIFY2(builds.size() >= 8, "resources/demo/builds.json names at least 8 releases");

        QTemporaryDir dir;
        std::unique_ptr<ScratchPostgres> postgres;
        QString uri = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("demo.db"));
        if (dialect == QLatin1String("postgres")) {
            postgres = std::make_unique<ScratchPostgres>();
            QVERIFY2(postgres->isValid(), qPrintable(postgres->error()));
            uri = postgres->uri();
        }
        const QString catalog = demoFolder() + QStringLiteral("/migrations");
        for (const Release& build : builds) {
            const CliRun run = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), uri,
                                        QStringLiteral("--migrations"), catalog, QStringLiteral("--up-to"),
                                        QString::number(build.maxId), QStringLiteral("--build-version"), build.version,
                                        QStringLiteral("--format"), QStringLiteral("json") });
            QVERIFY2(run.exitCode == 0, qPrintable(build.version + QLatin1Char(' ') + run.err + run.out));
        }

        // The flags as recorded, straight from the ledger.
        TestDatabase db(uri);
        const QVariantList ids = db.column(QStringLiteral("SELECT id FROM _migrations ORDER BY id"));
        const QVariantList flags = db.column(QStringLiteral("SELECT backward_compatible FROM _migrations ORDER BY id"));
        QCOMPARE(ids.size(), static_cast<int>(builds.last().maxId));
        QCOMPARE(db.column(QStringLiteral("SELECT applied_by FROM _migrations WHERE id = 1")).value(0).toString(),
                 builds.first().version);

        for (const Release& build : builds) {
            QList<qint64> expectedBlocking;
            for (int i = 0; i < ids.size(); ++i) {
                if (ids.at(i).toLongLong() > build.maxId && flags.at(i).toInt() == 0)
                    expectedBlocking.append(ids.at(i).toLongLong());
            }
            const CliRun run = runCli({ QStringLiteral("check"), QStringLiteral("--db"), uri,
                                        QStringLiteral("--migrations"), catalog, QStringLiteral("--up-to"),
                                        QString::number(build.maxId), QStringLiteral("--no-analysis"),
                                        QStringLiteral("--format"), QStringLiteral("json") });
            const QJsonObject json = run.json();
            QCOMPARE(idsOf(json.value(QStringLiteral("blocking")).toArray()), expectedBlocking);
            QCOMPARE(run.exitCode, expectedBlocking.isEmpty() ? 0 : 3);
        }
        // The answer key in resources/demo/README.md: 1.4.0 (up to #22) is refused by
        // the declared-breaking #23, #27 and #34; the flags alone let the mislabelled
        // #24 and #30 through, analysis blocks them too.
        const QStringList upTo22 { QStringLiteral("check"), QStringLiteral("--db"), uri, QStringLiteral("--migrations"),
                                   catalog, QStringLiteral("--up-to"), QStringLiteral("22"), QStringLiteral("--format"),
                                   QStringLiteral("json") };
        CliRun run = runCli(upTo22 + QStringList { QStringLiteral("--no-analysis") });
        QCOMPARE(idsOf(run.json().value(QStringLiteral("blocking")).toArray()), (QList<qint64> { 23, 27, 34 }));
        QStringList scratch;
        if (postgres)
            scratch = { QStringLiteral("--scratch"), ScratchPostgres::serverUri() };
        run = runCli(upTo22 + scratch);
        QCOMPARE(run.exitCode, 3);
        const QJsonArray blocking = run.json().value(QStringLiteral("blocking")).toArray();
        QCOMPARE(idsOf(blocking), (QList<qint64> { 23, 24, 27, 30, 34 }));
        QCOMPARE(blocking.at(1).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("mislabelled"));
        QCOMPARE(blocking.at(3).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("mislabelled"));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
