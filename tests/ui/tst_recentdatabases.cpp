// RecentDatabases: newest first, no duplicates, at most eight, and never a password in
// the list or in the settings file.

#include "recentdatabases.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using backstep::ui::RecentDatabases;

class TestRecentDatabases : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"BackstepTest"_s);
        QCoreApplication::setApplicationName(u"tst_recentdatabases"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void init()
    {
        RecentDatabases::clear();
    }

    void withoutPassword_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("kept");
        QTest::newRow("none") << u"postgres://alice@db:5432/app"_s << u"postgres://alice@db:5432/app"_s;
        QTest::newRow("user info") << u"postgres://alice:s3cret@db:5432/app"_s << u"postgres://alice@db:5432/app"_s;
        QTest::newRow("encoded") << u"postgresql://alice:p%40ss%3Aw@db/app"_s << u"postgresql://alice@db/app"_s;
        QTest::newRow("query") << u"postgres://alice@db/app?sslmode=require&password=s3cret"_s
                               << u"postgres://alice@db/app?sslmode=require"_s;
        QTest::newRow("query only") << u"postgres://alice@db/app?password=s3cret"_s << u"postgres://alice@db/app"_s;
        QTest::newRow("sqlite") << u"sqlite:///srv/app/data.db"_s << u"sqlite:///srv/app/data.db"_s;
    }

    void withoutPassword()
    {
        QFETCH(QString, uri);
        QFETCH(QString, kept);
        QCOMPARE(RecentDatabases::withoutPassword(uri), kept);
    }

    void newestFirstWithoutDuplicates()
    {
        RecentDatabases::remember(u"postgres://a@db/a"_s);
        RecentDatabases::remember(u"postgres://a@db/b"_s);
        RecentDatabases::remember(u"postgres://a@db/a"_s);
        QCOMPARE(RecentDatabases::list(), QStringList({ u"postgres://a@db/a"_s, u"postgres://a@db/b"_s }));
        for (int index = 0; index < 12; ++index)
            RecentDatabases::remember(u"postgres://a@db/%1"_s.arg(index));
        QCOMPARE(RecentDatabases::list().size(), RecentDatabases::maximum);
        QCOMPARE(RecentDatabases::list().first(), u"postgres://a@db/11"_s);
    }

    void sqliteFilesThatAreGoneAreLeftOut()
    {
        const QString kept = m_settings.filePath(u"kept.db"_s);
        QFile file(kept);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        RecentDatabases::remember(u"sqlite://"_s + m_settings.filePath(u"gone.db"_s));
        RecentDatabases::remember(u"sqlite://"_s + kept);
        QCOMPARE(RecentDatabases::list(), QStringList({ u"sqlite://"_s + kept }));
    }

    void aPasswordNeverReachesTheSettingsFile()
    {
        RecentDatabases::remember(u"postgres://alice:s3cret-pw@db:5432/app"_s);
        RecentDatabases::remember(u"postgres://alice@db:5432/app?password=other-pw"_s);
        QCOMPARE(RecentDatabases::list(), QStringList({ u"postgres://alice@db:5432/app"_s }));
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("alice@db"));
        QVERIFY(!stored.contains("s3cret-pw"));
        QVERIFY(!stored.contains("other-pw"));
    }
};

QTEST_GUILESS_MAIN(TestRecentDatabases)
#include "tst_recentdatabases.moc"
