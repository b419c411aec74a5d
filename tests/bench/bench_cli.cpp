// Whole-process timings of backstep-cli, against the floor of doing the same work
// with the sqlite3 shell. Run with `make bench`; the numbers go to README.md.
//
//   BM_MigrateBackstep/1000   backstep-cli migrate of 1,000 small migrations onto a new file
//   BM_MigrateSqlite3/1000    the same statements, per-migration transactions and ledger
//                              inserts, piped into sqlite3 (the floor; target <= 1.3x)
//   BM_Status/10000           backstep-cli status on a 10,000-row ledger (target <= 100 ms)
//   BM_Check/10000            backstep-cli check on the same ledger and its catalog
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

QString migrationSql(int id)
{
    return QStringLiteral("CREATE TABLE t%1 (id INTEGER PRIMARY KEY, name TEXT, created_at TEXT);\n"
                          "CREATE INDEX t%1_name ON t%1 (name);\n")
        .arg(id);
}

void writeCatalog(const QString& folder, int count)
{
    QDir().mkpath(folder);
    for (int id = 1; id <= count; ++id) {
        QFile file(QStringLiteral("%1/%2_create_t%3.sql").arg(folder).arg(id, 5, 10, QLatin1Char('0')).arg(id));
        file.open(QIODevice::WriteOnly);
        file.write("-- backstep: backward-compatible\n");
        file.write(migrationSql(id).toUtf8());
    }
}

// The floor: what the runner does per migration, as one sqlite3 script.
QByteArray sqlite3Script(int count)
{
    QByteArray script
        = "CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP, "
          "backward_compatible INTEGER NULL, checksum TEXT NULL, applied_by TEXT NULL, duration_ms INTEGER NULL);\n";
    for (int id = 1; id <= count; ++id) {
        script += "BEGIN IMMEDIATE;\n";
        script += migrationSql(id).toUtf8();
        script += QStringLiteral("INSERT INTO _migrations VALUES (%1, 'create_t%1', '2024-01-01 00:00:00.000', 1, "
                                 "'0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', NULL, 0);\n")
                      .arg(id)
                      .toUtf8();
        script += "COMMIT;\n";
    }
    return script;
}

bool run(const QString& program, const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(program, arguments);
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    process.waitForFinished(-1);
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString cli()
{
    return QStringLiteral(BACKSTEP_CLI_PATH);
}

// Starts a program as a shell would, output to /dev/null, input from a file if given, and returns its exit status.
// posix_spawn and waitpid rather than QProcess: QProcess's own start-up and event
// handling added a few hundred milliseconds to a 100 ms process here.
int spawn(const QString& program, const QStringList& arguments, const QString& input = {})
{
    std::vector<QByteArray> storage { QFile::encodeName(program) };
    for (const QString& argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& argument : storage)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const QByteArray inputPath = QFile::encodeName(input);
    if (!input.isEmpty())
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, inputPath.constData(), O_RDONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void BM_MigrateBackstep(benchmark::State& state)
{
    QTemporaryDir dir;
    const QString catalog = dir.filePath(QStringLiteral("migrations"));
    writeCatalog(catalog, static_cast<int>(state.range(0)));
    int round = 0;
    for (auto _ : state) {
        const QString db = dir.filePath(QStringLiteral("app%1.db").arg(round++));
        QElapsedTimer timer;
        timer.start();
        if (spawn(cli(), { QStringLiteral("migrate"), QStringLiteral("--db"), QStringLiteral("sqlite:") + db,
                    QStringLiteral("--migrations"), catalog })
            != 0) {
            state.SkipWithError("backstep-cli migrate failed");
            break;
        }
        state.SetIterationTime(timer.nsecsElapsed() / 1e9);
        QFile::remove(db);
    }
}

void BM_MigrateSqlite3(benchmark::State& state)
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("floor.sql"));
    {
        QFile file(script);
        file.open(QIODevice::WriteOnly);
        file.write(sqlite3Script(static_cast<int>(state.range(0))));
    }
    int round = 0;
    for (auto _ : state) {
        const QString db = dir.filePath(QStringLiteral("floor%1.db").arg(round++));
        QElapsedTimer timer;
        timer.start();
        if (spawn(QStringLiteral("sqlite3"), { QStringLiteral("-bail"), db }, script) != 0) {
            state.SkipWithError("sqlite3 failed (is the sqlite3 package installed?)");
            break;
        }
        state.SetIterationTime(timer.nsecsElapsed() / 1e9);
        QFile::remove(db);
    }
}

// A database with a ledger of `count` rows, built once per benchmark with the CLI itself.
struct LedgerFixture
{
    QTemporaryDir dir;
    QString catalog;
    QString uri;

    explicit LedgerFixture(int count)
    {
        catalog = dir.filePath(QStringLiteral("migrations"));
        writeCatalog(catalog, count);
        const QString db = dir.filePath(QStringLiteral("ledger.db"));
        uri = QStringLiteral("sqlite:") + db;
        // One transaction for the whole script keeps set-up quick.
        QByteArray script = sqlite3Script(count);
        script.replace("BEGIN IMMEDIATE;\n", "");
        script.replace("COMMIT;\n", "");
        run(QStringLiteral("sqlite3"), { db }, "BEGIN;\n" + script + "COMMIT;\n");
    }
};

void timeCommand(benchmark::State& state, const QStringList& arguments)
{
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        const int status = spawn(cli(), arguments);
        state.SetIterationTime(timer.nsecsElapsed() / 1e9);
        if (status != 0) {
            state.SkipWithError("backstep-cli failed");
            break;
        }
    }
}

void BM_Status(benchmark::State& state)
{
    LedgerFixture fixture(static_cast<int>(state.range(0)));
    timeCommand(state, { QStringLiteral("status"), QStringLiteral("--db"), fixture.uri });
}

void BM_Check(benchmark::State& state)
{
    LedgerFixture fixture(static_cast<int>(state.range(0)));
    timeCommand(state, { QStringLiteral("check"), QStringLiteral("--db"), fixture.uri, QStringLiteral("--migrations"),
                         fixture.catalog });
}

} // namespace

BENCHMARK(BM_MigrateBackstep)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_MigrateSqlite3)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Status)->Arg(10000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_Check)->Arg(10000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return EXIT_SUCCESS;
}
