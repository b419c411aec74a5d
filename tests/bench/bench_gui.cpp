// The desktop app on a 100,000-row ledger (issue 4, "Speed"). Run with `make bench`;
// the numbers go to README.md.
//
//   BM_LoadLedger/100000           ProjectLoader::load of the ledger alone (no catalog)
//   BM_LoadLedgerAndCatalog/100000 the same with a catalog of the newest 200 ids and 40
//                                  pending ones, analysed (what the GUI does with --migrations)
//   BM_OpenAndFirstFrame/100000    the real MainWindow: openProject() on its worker thread
//                                  until the whole window, timeline included, is painted
//                                  (target <= 0.5 s)
//   BM_TimelineRepaint/...         one repaint of a 1,600 x 300 timeline viewport, fitted to
//                                  all 100,000 rows, with a target build set, zoomed in on a
//                                  cluster, and at device pixel ratio 2 (target <= 8 ms)
//   BM_TimelineZoomStep/100000     one "+" key press (lanes recomputed) and the repaint after it
//   BM_GuiProcess/100000           the backstep executable opening the ledger, painting and
//                                  writing a screenshot, as a separate process: wall time and
//                                  its peak resident memory (target <= 150 MB)
//
// The ledger is generated once per run with a fixed seed: ids with a few gaps, names made
// of verbs and tables, applied_at over six years in deploys of one to hundreds of
// migrations applied in the same second, legacy rows without a flag, and a mix of
// compatible and breaking flags.
#include "mainwindow.h"
#include "project/projectloader.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QKeyEvent>
#include <QPainter>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <random>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace backstep;
using namespace backstep::ui;

namespace {

constexpr int ledgerRows = 100000;
const QSize viewport(1600, 300);

const char* const verbs[] = { "add", "create", "drop", "rename", "backfill", "index", "alter", "split", "merge" };
const char* const tables[] = { "users", "sessions", "orders", "invoices", "recipes", "pantry_items", "audit_log",
    "tokens", "settings", "attachments", "comments", "shopping_lists" };
const char* const columns[] = { "email", "created_at", "status", "owner_id", "total_cents", "locale", "notes",
    "deleted_at", "slug", "expires_at" };

// Deploys: mostly a handful of migrations, now and then a long backlog applied at once.
int deploySize(std::mt19937& random)
{
    const int kind = int(random() % 100);
    if (kind < 70)
        return 1 + int(random() % 3);
    if (kind < 95)
        return 4 + int(random() % 12);
    return 40 + int(random() % 260);
}

QString migrationName(std::mt19937& random)
{
    return QString::fromLatin1(verbs[random() % std::size(verbs)]) + u'_'
        + QString::fromLatin1(tables[random() % std::size(tables)]) + u'_'
        + QString::fromLatin1(columns[random() % std::size(columns)]);
}

QString checksum(std::mt19937& random)
{
    QString text;
    text.reserve(64);
    for (int i = 0; i < 8; ++i)
        text += QStringLiteral("%1").arg(quint32(random()), 8, 16, QLatin1Char('0'));
    return text;
}

bool generateLedger(const QString& file, int count)
{
    const QString connection = QStringLiteral("bench-generator");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(file);
        if (!db.open())
            return false;
        QSqlQuery query(db);
        query.exec(QStringLiteral("CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at "
                                  "TIMESTAMP, backward_compatible INTEGER NULL, checksum TEXT NULL, applied_by TEXT "
                                  "NULL, duration_ms INTEGER NULL)"));
        db.transaction();
        query.prepare(QStringLiteral("INSERT INTO _migrations VALUES (?, ?, ?, ?, ?, ?, ?)"));
        std::mt19937 random(20261125);
        // Six years of history: spread the deploys evenly, with jitter.
        const QDateTime start(QDate(2019, 1, 7), QTime(9, 0), Qt::UTC);
        const qint64 span = qint64(6) * 365 * 24 * 3600;
        const qint64 averageGap = span / (count / 12); // deploys average about a dozen migrations
        qint64 second = 0;
        qint64 id = 0;
        int written = 0;
        int release = 0;
        while (written < count) {
            second += averageGap / 2 + qint64(random() % quint32(averageGap));
            release += random() % 6 == 0 ? 1 : 0;
            const QDateTime at = start.addSecs(second);
            const int size = std::min(deploySize(random), count - written);
            for (int i = 0; i < size; ++i, ++written) {
                id += random() % 500 == 0 ? 2 : 1; // a skipped number now and then
                const bool legacy = written < count / 10; // before the runner recorded flags
                QVariant flag = legacy ? QVariant() : QVariant(random() % 5 == 0 ? 0 : 1);
                // Legacy rows carry SQLite's CURRENT_TIMESTAMP text; newer ones milliseconds.
                const QString when = legacy ? at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                            : at.addMSecs(i * 3).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
                query.addBindValue(id);
                query.addBindValue(migrationName(random));
                query.addBindValue(when);
                query.addBindValue(flag);
                query.addBindValue(legacy ? QVariant() : QVariant(checksum(random)));
                query.addBindValue(QStringLiteral("2.%1.%2").arg(release / 10).arg(release % 10));
                query.addBindValue(int(random() % 400));
                if (!query.exec())
                    return false;
            }
        }
        ok = db.commit();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

// A catalog for the newest `known` ledger ids plus `pending` ones after the head.
bool writeCatalog(const QString& folder, const QString& database, int known, int pending)
{
    QDir().mkpath(folder);
    QVector<qint64> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-catalog"));
        db.setDatabaseName(database);
        if (!db.open())
            return false;
        QSqlQuery query(QStringLiteral("SELECT id FROM _migrations ORDER BY id DESC LIMIT %1").arg(known), db);
        while (query.next())
            ids.prepend(query.value(0).toLongLong());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-catalog"));
    for (int i = 1; i <= pending; ++i)
        ids.append(ids.last() + 1);
    for (const qint64 id : std::as_const(ids)) {
        QFile file(QStringLiteral("%1/%2_add_t%2_note.sql").arg(folder).arg(id, 6, 10, QLatin1Char('0')));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        if (id % 5 != 0)
            file.write("-- backstep: backward-compatible\n");
        const QByteArray table = "t" + QByteArray::number(id % 20);
        const QByteArray column = "c" + QByteArray::number(id);
        // Every fifth drops the column the one before it added: a breaking migration.
        if (id % 5 == 0)
            file.write(QByteArray("ALTER TABLE t" + QByteArray::number((id - 1) % 20) + " DROP COLUMN c"
                + QByteArray::number(id - 1) + ";\n"));
        else
            file.write(QByteArray("CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER PRIMARY KEY);\nALTER TABLE "
                + table + " ADD COLUMN " + column + " TEXT;\n"));
    }
    return true;
}

// The generated database and catalog, made once and shared by every benchmark.
struct Fixture
{
    QTemporaryDir dir;
    QString database;
    QString uri;
    QString catalog;

    Fixture()
    {
        database = dir.filePath(QStringLiteral("ledger-100k.db"));
        uri = QStringLiteral("sqlite://") + database;
        catalog = dir.filePath(QStringLiteral("migrations"));
        if (!generateLedger(database, ledgerRows) || !writeCatalog(catalog, database, 200, 40))
            qFatal("cannot generate the benchmark ledger in %s", qPrintable(dir.path()));
    }
};

Fixture& fixture()
{
    static Fixture instance;
    return instance;
}

ProjectLoader::Request ledgerRequest()
{
    ProjectLoader::Request request;
    request.database = fixture().uri;
    return request;
}

void BM_LoadLedger(benchmark::State& state)
{
    const ProjectLoader::Request request = ledgerRequest();
    for (auto _ : state) {
        const auto snapshot = ProjectLoader::load(request);
        if (!snapshot.ok()) {
            state.SkipWithError(qPrintable(snapshot.error().message));
            break;
        }
        benchmark::DoNotOptimize(snapshot.value().entries.size());
    }
}

void BM_LoadLedgerAndCatalog(benchmark::State& state)
{
    ProjectLoader::Request request = ledgerRequest();
    request.migrations = fixture().catalog;
    for (auto _ : state) {
        const auto snapshot = ProjectLoader::load(request);
        if (!snapshot.ok()) {
            state.SkipWithError(qPrintable(snapshot.error().message));
            break;
        }
        benchmark::DoNotOptimize(snapshot.value().entries.size());
    }
}

// From openProject() to a painted window, as a person opening the file sees it.
void BM_OpenAndFirstFrame(benchmark::State& state)
{
    const ProjectLoader::Request request = ledgerRequest();
    for (auto _ : state) {
        state.PauseTiming();
        auto window = std::make_unique<MainWindow>();
        window->resize(1600, 1000);
        window->show();
        QCoreApplication::processEvents();
        bool loaded = false;
        QObject::connect(window.get(), &MainWindow::projectLoaded, window.get(), [&loaded] { loaded = true; });
        QObject::connect(window.get(), &MainWindow::loadFailed, window.get(), [&state](const QString& message) {
            state.SkipWithError(qPrintable(message));
        });
        state.ResumeTiming();

        window->openProject(request);
        while (!loaded)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const QPixmap frame = window->grab();
        benchmark::DoNotOptimize(frame.cacheKey());

        state.PauseTiming();
        window.reset();
        QCoreApplication::processEvents();
        state.ResumeTiming();
    }
}

// A timeline on the whole 100,000-row ledger, loaded once.
TimelineView& loadedTimeline()
{
    static std::unique_ptr<TimelineView> view = [] {
        auto created = std::make_unique<TimelineView>();
        const auto snapshot = ProjectLoader::load(ledgerRequest());
        if (!snapshot.ok())
            qFatal("%s", qPrintable(snapshot.error().message));
        created->resize(viewport);
        created->setSnapshot(snapshot.value());
        return created;
    }();
    return *view;
}

void sendKey(QWidget& widget, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(&widget, &press);
}

enum class Scene
{
    Fitted,
    Target,
    Zoomed,
    HighDpi,
};

void BM_TimelineRepaint(benchmark::State& state)
{
    const auto scene = Scene(state.range(0));
    TimelineView& view = loadedTimeline();
    view.fitToWindow();
    view.setTarget(scene == Scene::Target ? std::optional<qint64>(ledgerRows / 2) : std::nullopt);
    if (scene == Scene::Zoomed) {
        for (int i = 0; i < 30; ++i)
            sendKey(view, Qt::Key_Plus);
    }
    const qreal ratio = scene == Scene::HighDpi ? 2.0 : 1.0;
    QImage image(viewport * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    for (auto _ : state) {
        view.render(&image);
        benchmark::DoNotOptimize(image.constBits());
    }
    view.setTarget(std::nullopt);
    view.fitToWindow();
}

void BM_TimelineZoomStep(benchmark::State& state)
{
    TimelineView& view = loadedTimeline();
    view.fitToWindow();
    QImage image(viewport, QImage::Format_ARGB32_Premultiplied);
    int step = 0;
    for (auto _ : state) {
        // In and out again, so every iteration zooms within the same range.
        sendKey(view, step++ % 40 < 20 ? Qt::Key_Plus : Qt::Key_Minus);
        view.render(&image);
        benchmark::DoNotOptimize(image.constBits());
    }
    view.fitToWindow();
}

// Runs program as a child and prints its peak resident memory in kilobytes. Linux
// carries a process's peak across exec, and a child spawned straight from this
// benchmark would start from the benchmark's own memory; so the benchmark runs this
// in a fresh, small copy of itself (--peak-memory-of), whose child starts near zero.
int printPeakMemoryOf(char** argv)
{
    const pid_t pid = fork();
    if (pid == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDERR_FILENO);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return EXIT_FAILURE;
    std::printf("%ld\n", usage.ru_maxrss);
    return EXIT_SUCCESS;
}

// The whole executable in its own process, so that its peak memory is its own.
void BM_GuiProcess(benchmark::State& state)
{
    const QByteArray self = QFile::encodeName(QCoreApplication::applicationFilePath());
    const QByteArray program = QByteArrayLiteral(BACKSTEP_GUI_PATH);
    const QByteArray uri = fixture().uri.toLocal8Bit();
    const QByteArray shot = fixture().dir.filePath(QStringLiteral("shot.png")).toLocal8Bit();
    std::vector<const char*> argv { self.constData(), "--peak-memory-of", program.constData(), "--db",
        uri.constData(), "--screenshot", shot.constData(), nullptr };
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // The app remembers recent databases: in the benchmark's folder, not the person's settings.
    qputenv("XDG_CONFIG_HOME", fixture().dir.filePath(QStringLiteral("config")).toLocal8Bit());
    long peakKilobytes = 0;
    for (auto _ : state) {
        int output[2];
        if (pipe(output) != 0) {
            state.SkipWithError("no pipe");
            break;
        }
        QElapsedTimer timer;
        timer.start();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, output[0]);
        pid_t pid = 0;
        const int spawned
            = posix_spawn(&pid, argv.front(), &actions, nullptr, const_cast<char* const*>(argv.data()), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(output[1]);
        char text[32] = {};
        const ssize_t length = spawned == 0 ? read(output[0], text, sizeof text - 1) : -1;
        close(output[0]);
        int status = 0;
        if (spawned != 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0
            || length <= 0) {
            state.SkipWithError("backstep --screenshot failed");
            break;
        }
        state.SetIterationTime(timer.nsecsElapsed() / 1e9);
        peakKilobytes = std::max(peakKilobytes, std::atol(text));
    }
    state.counters["peak_MB"] = double(peakKilobytes) / 1024.0;
}

} // namespace

BENCHMARK(BM_LoadLedger)->Arg(ledgerRows)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_LoadLedgerAndCatalog)->Arg(ledgerRows)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_OpenAndFirstFrame)->Arg(ledgerRows)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_TimelineRepaint)
    ->ArgName("scene")
    ->Arg(int(Scene::Fitted))
    ->Arg(int(Scene::Target))
    ->Arg(int(Scene::Zoomed))
    ->Arg(int(Scene::HighDpi))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TimelineZoomStep)->Arg(ledgerRows)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GuiProcess)->Arg(ledgerRows)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

int main(int argc, char** argv)
{
    if (argc > 2 && std::strcmp(argv[1], "--peak-memory-of") == 0)
        return printPeakMemoryOf(argv + 2);
    // Widgets without a display: the offscreen platform paints exactly as on screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // keep the window state out of the person's settings
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return EXIT_SUCCESS;
}
