#include "demodatabase.h"

#include "catalog/buildsfile.h"
#include "catalog/catalogreader.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "runner/migrationrunner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

// The resource lives in the static core library: referencing it here links and
// registers it. Q_INIT_RESOURCE must not be used inside a namespace.
static void initDemoResource()
{
    Q_INIT_RESOURCE(demo);
}

namespace backstep {

namespace {

// Any fixed value does: it only has to stay the same so that screenshots do.
constexpr quint32 historySeed = 20230304;

// The moments at which an invented household applied each release's migrations.
// Draws from one generator in a fixed order, so the same builds give the same history.
class DemoHistory
{
public:
    // The moment the first migration of a release is applied: never before the
    // previous release's, even for releases a day apart.
    void startRelease(QDate released)
    {
        const QDate day = released.addDays(daysAfterRelease());
        const QDateTime start(day, timeOfDay(day), Qt::UTC);
        m_next = m_next.isValid() ? std::max(start, m_next.addSecs(60)) : start;
    }

    // applied_at for the next migration; the ones after it follow seconds later, as
    // a runner applying a few small migrations at boot would.
    QDateTime next()
    {
        const QDateTime current = m_next;
        m_next = m_next.addMSecs(bounded(1000, 4000));
        return current;
    }

private:
    int bounded(int lowest, int highest)
    {
        return static_cast<int>(m_random.bounded(lowest, highest + 1));
    }

    // Most people upgrade within a day or two of a release; a few wait for the weekend.
    int daysAfterRelease()
    {
        static constexpr int days[] = { 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 6 };
        return days[m_random.bounded(static_cast<int>(std::size(days)))];
    }

    // A self-hoster upgrades after work on a weekday, or at any waking hour at a weekend.
    QTime timeOfDay(QDate day)
    {
        const bool weekend = day.dayOfWeek() >= Qt::Saturday;
        const int hour = weekend ? bounded(9, 21) : bounded(18, 22);
        return QTime(hour, bounded(0, 59), bounded(0, 59), bounded(0, 999));
    }

    QRandomGenerator m_random { historySeed };
    QDateTime m_next;
};

Error demoError(Error::Code code, const QString& what)
{
    return makeError(code, u"demo database: %1"_s.arg(what));
}

Result<void> checkReleaseDates(const Builds& builds, const QString& buildsFile)
{
    for (const Build& build : builds) {
        if (!build.released.isValid())
            return demoError(Error::Code::Catalog,
                u"%1: build %2 has no release date, which the demo's history needs"_s.arg(buildsFile, build.version));
    }
    return {};
}

QString describeFailure(const Build& build, const RunReport& report)
{
    if (!report.decision.mayBoot())
        return u"build %1 refused to boot on the database it left so far"_s.arg(build.version);
    if (const auto& failure = report.failure)
        return u"build %1: %2:%3: migration %4 failed: %5"_s.arg(build.version, failure->file,
            QString::number(failure->line), QString::number(failure->id), failure->databaseError);
    return u"build %1 stopped before applying its migrations"_s.arg(build.version);
}

Result<void> applyRelease(
    DatabaseConnection& connection, const Catalog& catalog, const Build& build, DemoHistory& history)
{
    history.startRelease(build.released);
    MigrationRunner::Options options;
    options.buildVersion = build.version;
    options.clock = [&history] { return history.next(); };
    const auto report = MigrationRunner(connection, options).run(catalog.upTo(build.maxId));
    if (!report)
        return report.error();
    if (!report->succeeded())
        return demoError(Error::Code::Migration, describeFailure(build, report.value()));
    return {};
}

Result<void> migrate(const QString& path, const Catalog& catalog, const Builds& builds)
{
    DatabaseUri uri;
    uri.dialect = Dialect::Sqlite;
    uri.original = u"sqlite:"_s + path;
    uri.sqlitePath = path;
    const auto connection = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadWrite);
    if (!connection)
        return connection.error();
    DemoHistory history;
    for (const Build& build : builds) {
        if (auto applied = applyRelease(*connection.value(), catalog, build, history); !applied)
            return applied;
    }
    return {};
}

// A half-written demo would make the next attempt fail with "exists already".
void removeDatabaseFiles(const QString& path)
{
    for (const QString& suffix : { QString(), u"-journal"_s, u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
}

} // namespace

Result<QString> DemoDatabase::create(
    const QString& catalogFolder, const QString& buildsFile, const QString& outputFolder)
{
    const auto builds = BuildsFile::read(buildsFile);
    if (!builds)
        return builds.error();
    if (auto dated = checkReleaseDates(builds.value(), buildsFile); !dated)
        return dated.error();
    const auto catalog = CatalogReader::read(catalogFolder, Dialect::Sqlite);
    if (!catalog)
        return catalog.error();

    const QString path = QDir(outputFolder).absoluteFilePath(fileName());
    if (QFileInfo::exists(path))
        return demoError(
            Error::Code::Connection, u"%1 exists already; the demo is only written as a new file"_s.arg(path));
    if (!QDir().mkpath(outputFolder))
        return demoError(Error::Code::Connection, u"cannot create the folder %1"_s.arg(outputFolder));
    if (auto written = migrate(path, catalog.value(), builds.value()); !written) {
        removeDatabaseFiles(path);
        return written.error();
    }
    return path;
}

namespace {

// Resource files keep the read-only mode of the resource system; the copy is the
// caller's to delete.
Result<void> copyResource(const QString& from, const QString& to)
{
    QFile::remove(to);
    if (!QFile::copy(from, to))
        return demoError(Error::Code::Catalog, u"cannot copy the bundled demo file %1 to %2"_s.arg(from, to));
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return {};
}

} // namespace

Result<DemoDatabase::Files> DemoDatabase::extractBundled(const QString& outputFolder)
{
    initDemoResource();
    const QDir bundled(u":/demo/migrations"_s);
    if (!bundled.exists())
        return demoError(Error::Code::Internal, u"the demo is not bundled in this executable"_s);
    Files files { QDir(outputFolder).absoluteFilePath(u"migrations"_s),
        QDir(outputFolder).absoluteFilePath(u"builds.json"_s), QString() };
    if (!QDir().mkpath(files.catalogFolder))
        return demoError(Error::Code::Connection, u"cannot create the folder %1"_s.arg(files.catalogFolder));
    for (const QString& name : bundled.entryList(QDir::Files, QDir::Name)) {
        if (auto copied = copyResource(bundled.filePath(name), QDir(files.catalogFolder).filePath(name)); !copied)
            return copied.error();
    }
    if (auto copied = copyResource(u":/demo/builds.json"_s, files.buildsFile); !copied)
        return copied.error();
    return files;
}

Result<DemoDatabase::Files> DemoDatabase::createBundled(const QString& outputFolder)
{
    const Result<Files> files = extractBundled(outputFolder);
    if (!files)
        return files.error();
    const Result<QString> database = create(files->catalogFolder, files->buildsFile, outputFolder);
    if (!database)
        return database.error();
    Files created = files.value();
    created.database = database.value();
    return created;
}

} // namespace backstep
