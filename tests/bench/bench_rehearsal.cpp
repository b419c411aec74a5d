// Rehearsal speed on a large SQLite database. Run with `make bench`; results go to README.md.
//
//   BM_CopyWithCp          `cp` of the database file: the floor the rehearsal is measured against
//   BM_Rehearsal           Rehearsal::run of a rollback to the build before the newest migration:
//                          expected schema, copy of the database hashed as it is read (the
//                          "before" fingerprint), gate, both probes, the XXH128 digest after;
//                          each run after a `cp` of its own: counters cp_ms and x_cp (the
//                          run over that cp, the figure the target is about), copy_ms
//                          (copy and hash before) and probe_ms (schema + read/write probes);
//                          the rest is mostly the digest after and deleting the copy
//   BM_RehearsalWal        the same on the database in WAL mode with a connection open and
//                          committed rows in its -wal file (copied with the database file)
//
// The database has 50 tables of about equal size (rows of ~1 KB of random text, a unique
// key, a default). BACKSTEP_BENCH_REHEARSAL_MB sets its size (default 1024, the issue's
// 1 GB); it is generated once into BACKSTEP_BENCH_DIR (default: the temporary folder) and
// reused by later runs, since filling a gigabyte takes far longer than rehearsing on it.
#include "catalog/catalogreader.h"
#include "db/databaseconnection.h"
#include "rehearsal/rehearsal.h"
#include "runner/migrationrunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <benchmark/benchmark.h>

#include <unistd.h>

using namespace backstep;

namespace {

constexpr int tableCount = 50;
constexpr int rowBytes = 1000;

int sizeMegabytes()
{
    bool ok = false;
    const int size = qEnvironmentVariableIntValue("BACKSTEP_BENCH_REHEARSAL_MB", &ok);
    return ok && size > 0 ? size : 1024;
}

QString benchDirectory()
{
    const QString dir = qEnvironmentVariable("BACKSTEP_BENCH_DIR", QDir::tempPath());
    return dir + QStringLiteral("/backstep-bench-rehearsal");
}

QString databasePath()
{
    return benchDirectory() + QStringLiteral("/app-%1mb.db").arg(sizeMegabytes());
}

QString catalogPath()
{
    return benchDirectory() + QStringLiteral("/migrations");
}

// 50 tables the older build knows, and one newer, compatible migration it does not.
void writeCatalog()
{
    QDir().mkpath(catalogPath());
    for (int i = 1; i <= tableCount; ++i) {
        QFile file(catalogPath() + QStringLiteral("/%1_create_t%2.sql").arg(i, 4, 10, QLatin1Char('0')).arg(i));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QStringLiteral("CREATE TABLE t%1 (id INTEGER PRIMARY KEY, account TEXT NOT NULL UNIQUE, payload TEXT, "
                                  "amount INTEGER NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);\n")
                       .arg(i)
                       .toUtf8());
    }
    QFile newer(catalogPath() + QStringLiteral("/%1_add_t1_note.sql").arg(tableCount + 1, 4, 10, QLatin1Char('0')));
    newer.open(QIODevice::WriteOnly | QIODevice::Truncate);
    newer.write("-- backstep: backward-compatible\nALTER TABLE t1 ADD COLUMN note TEXT;\n");
}

// Migrates a new database with the catalog and fills every table with random rows.
bool generateDatabase(QString& problem)
{
    const QString path = databasePath();
    if (QFileInfo::exists(path))
        return true;
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    auto catalog = CatalogReader::read(catalogPath(), Dialect::Sqlite);
    auto uri = DatabaseUri::parse(QStringLiteral("sqlite:") + partial);
    if (!catalog || !uri) {
        problem = QStringLiteral("bad catalog or path");
        return false;
    }
    {
        auto connection = DatabaseConnection::open(uri.value(), DatabaseConnection::Access::ReadWrite);
        if (!connection) {
            problem = connection.error().message;
            return false;
        }
        MigrationRunner runner(*connection.value(), {});
        if (auto run = runner.run(catalog.value()); !run || !run->succeeded()) {
            problem = QStringLiteral("migrating the bench database failed");
            return false;
        }
        const qint64 rowsPerTable = qint64(sizeMegabytes()) * 1024 * 1024 / tableCount / (rowBytes + 100);
        DatabaseConnection& db = *connection.value();
        db.execute(QStringLiteral("PRAGMA journal_mode = OFF"));
        db.execute(QStringLiteral("PRAGMA synchronous = OFF"));
        for (int i = 1; i <= tableCount; ++i) {
            const auto filled = db.execute(
                QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < %2) "
                               "INSERT INTO t%1 (account, payload, amount) SELECT 'account-' || x, "
                               "hex(randomblob(%3)), x FROM n")
                    .arg(i)
                    .arg(rowsPerTable)
                    .arg(rowBytes / 2));
            if (!filled) {
                problem = filled.error().message;
                return false;
            }
        }
    }
    return QFile::rename(partial, path);
}

// Writes back the dirty pages an earlier copy left, outside the timing: otherwise
// whichever run happens to meet the kernel's writeback pays for it, and a single
// result can be several times the usual one for cp and the rehearsal alike.
void settle(benchmark::State& state)
{
    state.PauseTiming();
    ::sync();
    state.ResumeTiming();
}

bool prepare(benchmark::State& state)
{
    writeCatalog();
    QString problem;
    if (!generateDatabase(problem)) {
        state.SkipWithError(qPrintable(problem));
        return false;
    }
    state.counters[QStringLiteral("db_mb").toStdString()] = double(QFileInfo(databasePath()).size()) / (1024 * 1024);
    return true;
}

// `cp` of a database file into the bench folder, in milliseconds; -1 when it failed.
double timeCp(const QString& database)
{
    const QString copy = benchDirectory() + QStringLiteral("/cp-copy.db");
    QElapsedTimer timer;
    timer.start();
    const int status = QProcess::execute(QStringLiteral("cp"), { database, copy });
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QFile::remove(copy);
    return status == 0 ? ms : -1;
}

void BM_CopyWithCp(benchmark::State& state)
{
    if (!prepare(state))
        return;
    for (auto _ : state) {
        settle(state);
        state.PauseTiming();
        const double ms = timeCp(databasePath());
        state.ResumeTiming();
        if (ms < 0) {
            state.SkipWithError("cp failed");
            break;
        }
        state.SetIterationTime(ms / 1000);
    }
}

// Each run is timed against a `cp` made just before it, so both meet the machine in
// the same state: on this virtual machine a copy into fresh memory is now and then
// several times slower than usual, for cp and the rehearsal alike. Counters: cp_ms,
// x_cp (the run's time over that cp's), copy_ms and probe_ms from the report.
void rehearseAgainstCp(benchmark::State& state, const QString& database)
{
    RehearsalRequest request;
    request.database = QStringLiteral("sqlite:") + database;
    request.migrations = catalogPath();
    request.upTo = tableCount;
    request.workDirectory = benchDirectory();
    double cpMs = 0;
    double ratio = 0;
    double copyMs = 0;
    double probeMs = 0;
    for (auto _ : state) {
        settle(state);
        const double cp = timeCp(database);
        settle(state);
        QElapsedTimer timer;
        timer.start();
        const auto report = Rehearsal::run(request);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (cp < 0 || !report || !report->buildWorks() || !report->unchanged.unchanged()) {
            state.SkipWithError(!report ? qPrintable(report.error().message)
                                        : cp < 0 ? "cp failed" : qPrintable(report->verdict()));
            break;
        }
        state.SetIterationTime(ms / 1000);
        cpMs += cp;
        ratio += ms / cp;
        copyMs += double(report->copyMs);
        probeMs += double(report->probeMs);
    }
    state.counters["cp_ms"] = benchmark::Counter(cpMs, benchmark::Counter::kAvgIterations);
    state.counters["x_cp"] = benchmark::Counter(ratio, benchmark::Counter::kAvgIterations);
    state.counters["copy_ms"] = benchmark::Counter(copyMs, benchmark::Counter::kAvgIterations);
    state.counters["probe_ms"] = benchmark::Counter(probeMs, benchmark::Counter::kAvgIterations);
}

void BM_Rehearsal(benchmark::State& state)
{
    if (prepare(state))
        rehearseAgainstCp(state, databasePath());
}

QString walDatabasePath()
{
    return benchDirectory() + QStringLiteral("/app-%1mb-wal.db").arg(sizeMegabytes());
}

// The same database in WAL mode, as a running app keeps it: a connection stays open
// for the whole benchmark with 2,000 committed rows (about 2.7 MB) still in the -wal
// file, so the rehearsal copies the database file and its -wal.
void BM_RehearsalWal(benchmark::State& state)
{
    if (!prepare(state))
        return;
    for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(walDatabasePath() + suffix);
    if (!QFile::copy(databasePath(), walDatabasePath())) {
        state.SkipWithError("cannot copy the database for the WAL case");
        return;
    }
    const auto uri = DatabaseUri::parse(QStringLiteral("sqlite:") + walDatabasePath());
    auto app = DatabaseConnection::open(uri.value(), DatabaseConnection::Access::ReadWrite);
    if (!app || !app.value()->execute(QStringLiteral("PRAGMA journal_mode = WAL"))
        || !app.value()->execute(QStringLiteral("PRAGMA wal_autocheckpoint = 0"))
        || !app.value()->execute(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
                                                "INSERT INTO t2 (account, payload, amount) SELECT 'wal-' || x, "
                                                "hex(randomblob(500)), x FROM n"))) {
        state.SkipWithError("cannot put the database in WAL mode");
        return;
    }
    state.counters["wal_mb"] = double(QFileInfo(walDatabasePath() + QStringLiteral("-wal")).size()) / (1024 * 1024);
    rehearseAgainstCp(state, walDatabasePath());
    app.value().reset();
    QFile::remove(walDatabasePath());
}

} // namespace

// One run per repetition, seven repetitions: the medians are the figures to compare.
BENCHMARK(BM_CopyWithCp)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1)->Repetitions(7);
BENCHMARK(BM_Rehearsal)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1)->Repetitions(7);
BENCHMARK(BM_RehearsalWal)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1)->Repetitions(7);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
