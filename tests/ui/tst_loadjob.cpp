#include "demo/demodatabase.h"
#include "loadjob.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using backstep::DemoDatabase;
using backstep::MigrationAnalysis;
using backstep::ProjectLoader;
using backstep::ProjectSnapshot;
using backstep::TimelineEntry;
using backstep::ui::LoadJob;

// LoadJob on the real demo: the snapshot first, then the analysis in batches, then the
// end of the analysis, in that order and only for the current job.
class TestLoadJob : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    ProjectLoader::Request m_request;

    static QString demoDir()
    {
        return qEnvironmentVariable("BACKSTEP_DEMO_DIR");
    }

    // What a job said, in order: "loaded", "batch", "finished", "canceled", "failed".
    struct Recorder
    {
        QStringList events;
        QList<qint64> analysedIds;
        std::optional<ProjectSnapshot> snapshot;

        void follow(LoadJob& job)
        {
            QObject::connect(&job, &LoadJob::loaded, &job, [this](const ProjectSnapshot& loaded) {
                events << u"loaded"_s;
                snapshot = loaded;
            });
            QObject::connect(
                &job, &LoadJob::migrationsAnalysed, &job, [this](const QVector<MigrationAnalysis>& analyses) {
                    events << u"batch"_s;
                    for (const MigrationAnalysis& analysis : analyses)
                        analysedIds << analysis.id;
                });
            QObject::connect(&job, &LoadJob::analysisFinished, &job, [this] { events << u"finished"_s; });
            QObject::connect(&job, &LoadJob::analysisCanceled, &job, [this] { events << u"canceled"_s; });
            QObject::connect(&job, &LoadJob::analysisFailed, &job, [this] { events << u"failed"_s; });
            QObject::connect(&job, &LoadJob::failed, &job, [this] { events << u"failed"_s; });
        }
    };

    int catalogSize() const
    {
        const auto loaded = ProjectLoader::read(m_request);
        return loaded.ok() ? int(loaded->catalog.size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!demoDir().isEmpty());
        QVERIFY(m_folder.isValid());
        const auto path
            = DemoDatabase::create(demoDir() + u"/migrations"_s, demoDir() + u"/builds.json"_s, m_folder.path());
        QVERIFY2(path.ok(), qPrintable(path.ok() ? QString() : path.error().message));
        m_request.database = u"sqlite://"_s + path.value();
        m_request.migrations = demoDir() + u"/migrations"_s;
        m_request.builds = demoDir() + u"/builds.json"_s;
    }

    void snapshotComesBeforeItsAnalysis()
    {
        LoadJob job;
        Recorder recorder;
        recorder.follow(job);
        QSignalSpy finished(&job, &LoadJob::analysisFinished);
        job.start(m_request);
        QVERIFY(finished.wait(60000));

        QVERIFY(recorder.events.size() >= 3);
        QCOMPARE(recorder.events.first(), u"loaded"_s);
        QCOMPARE(recorder.events.last(), u"finished"_s);
        for (int i = 1; i + 1 < recorder.events.size(); ++i)
            QCOMPARE(recorder.events.at(i), u"batch"_s);
        QVERIFY(!job.isRunning());

        // The snapshot as delivered: no verdict yet, every catalog entry waiting for one.
        QVERIFY(recorder.snapshot.has_value());
        QCOMPARE(recorder.snapshot->entries.size(), 37);
        for (const TimelineEntry& entry : std::as_const(recorder.snapshot->entries)) {
            QVERIFY(!entry.verdict.has_value());
            QCOMPARE(entry.analysisPending, entry.inCatalog);
        }
    }

    void everyMigrationArrivesOnceInCatalogOrder()
    {
        LoadJob job;
        Recorder recorder;
        recorder.follow(job);
        QSignalSpy finished(&job, &LoadJob::analysisFinished);
        job.start(m_request);
        QVERIFY(finished.wait(60000));
        QCOMPARE(recorder.analysedIds.size(), catalogSize());
        QCOMPARE(QSet<qint64>(recorder.analysedIds.cbegin(), recorder.analysedIds.cend()).size(),
            recorder.analysedIds.size());
        QVERIFY(std::is_sorted(recorder.analysedIds.cbegin(), recorder.analysedIds.cend()));
    }

    void withoutCatalogAnalysisEndsRightAfterTheSnapshot()
    {
        LoadJob job;
        Recorder recorder;
        recorder.follow(job);
        QSignalSpy finished(&job, &LoadJob::analysisFinished);
        ProjectLoader::Request ledgerOnly = m_request;
        ledgerOnly.migrations.clear();
        job.start(ledgerOnly);
        QVERIFY(finished.wait(60000));
        QCOMPARE(recorder.events, (QStringList { u"loaded"_s, u"finished"_s }));
        for (const TimelineEntry& entry : std::as_const(recorder.snapshot->entries))
            QVERIFY(!entry.analysisPending);
    }

    void cancellingAfterTheSnapshotCancelsOnlyTheAnalysis()
    {
        LoadJob job;
        Recorder recorder;
        recorder.follow(job);
        connect(&job, &LoadJob::loaded, &job, [&job] {
            QVERIFY(job.isAnalysing());
            job.cancel();
        });
        QSignalSpy canceled(&job, &LoadJob::analysisCanceled);
        job.start(m_request);
        QVERIFY(canceled.wait(60000));
        QCOMPARE(recorder.events.first(), u"loaded"_s);
        QCOMPARE(recorder.events.last(), u"canceled"_s);
        QVERIFY(!recorder.events.contains(u"finished"_s));
        QVERIFY(!job.isRunning());
    }

    // The first job's batches still in flight and its end are dropped: only the
    // second job's analysis is reported, once per migration.
    void aSecondStartDropsTheFirstJobsAnalysis()
    {
        LoadJob job;
        Recorder recorder;
        recorder.follow(job);
        bool restarted = false;
        QList<qint64> afterRestart;
        connect(&job, &LoadJob::migrationsAnalysed, &job, [&](const QVector<MigrationAnalysis>& analyses) {
            if (restarted) {
                for (const MigrationAnalysis& analysis : analyses)
                    afterRestart << analysis.id;
                return;
            }
            restarted = true;
            job.start(m_request);
        });
        QSignalSpy finished(&job, &LoadJob::analysisFinished);
        job.start(m_request);
        QVERIFY(finished.wait(60000));
        QVERIFY(restarted);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(recorder.events.count(u"loaded"_s), 2);
        QVERIFY(!recorder.events.contains(u"canceled"_s)); // the old job's end is not reported
        QCOMPARE(afterRestart.size(), catalogSize());
        QCOMPARE(QSet<qint64>(afterRestart.cbegin(), afterRestart.cend()).size(), afterRestart.size());
    }
};

QTEST_MAIN(TestLoadJob)
#include "tst_loadjob.moc"
