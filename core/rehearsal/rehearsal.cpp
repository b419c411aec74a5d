#include "rehearsal.h"

#include "analysis/analyzer.h"
#include "catalog/buildsfile.h"
#include "catalog/catalogreader.h"
#include "db/databasefingerprint.h"
#include "db/ledgerstore.h"
#include "db/schemareader.h"
#include "downpathrunner.h"
#include "expectedschema.h"
#include "gate/gate.h"
#include "readwriteprobe.h"
#include "rehearsalworkspace.h"
#include "schemaprobe.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>


namespace backstep {

namespace {

const QString probeScope = QStringLiteral("backstep_probes");
constexpr int phases = 7;

Error usage(const QString& message)
{
    return makeError(Error::Code::Usage, message);
}

Error cancelled()
{
    return makeError(Error::Code::Cancelled, QStringLiteral("the rehearsal was cancelled"));
}

// Everything read from the request before the database is opened.
struct Inputs
{
    DatabaseUri uri;
    std::optional<DatabaseUri> scratch;
    Catalog newest; // the folder's catalog: knows the newer migrations and their down SQL
    Catalog build; // what the rehearsed build ships
    Build buildInfo;
};

Result<Build> findBuild(const RehearsalRequest& request)
{
    if (request.upTo) {
        if (!request.buildVersion.isEmpty())
            return usage(QStringLiteral("name the build once: --to-build or --up-to, not both"));
        return Build { QStringLiteral("#%1").arg(*request.upTo), *request.upTo, QDate() };
    }
    if (request.buildVersion.isEmpty())
        return usage(QStringLiteral("name the build to rehearse: --to-build VERSION --builds FILE, or --up-to ID"));
    Builds builds;
    if (!request.builds.isEmpty()) {
        auto read = BuildsFile::read(request.builds);
        if (!read)
            return read.error();
        builds = std::move(read).value();
    }
    if (auto found = BuildsFile::find(builds, request.buildVersion))
        return *found;
    if (request.builds.isEmpty())
        return usage(QStringLiteral("--to-build %1 needs --builds FILE to look the version up").arg(request.buildVersion));
    QStringList versions;
    for (const Build& build : std::as_const(builds))
        versions.append(build.version);
    return usage(QStringLiteral("unknown build \"%1\" in %2 (builds: %3)")
                     .arg(request.buildVersion, request.builds, versions.join(QStringLiteral(", "))));
}

Result<Inputs> readInputs(const RehearsalRequest& request)
{
    if (request.database.isEmpty())
        return usage(QStringLiteral("the database URI is required (--db)"));
    if (request.migrations.isEmpty())
        return usage(QStringLiteral("the catalog folder is required (--migrations)"));
    Inputs inputs;
    auto uri = DatabaseUri::parse(request.database);
    if (!uri)
        return uri.error();
    inputs.uri = uri.value();
    if (!request.scratch.isEmpty()) {
        auto scratch = DatabaseUri::parse(request.scratch);
        if (!scratch)
            return scratch.error();
        inputs.scratch = scratch.value();
    }
    if (inputs.uri.dialect == Dialect::Postgres && !inputs.scratch)
        return usage(QStringLiteral("rehearsing on PostgreSQL replays the build's catalog on a scratch server: --scratch "
                                    "postgres://user@host/postgres or BACKSTEP_SCRATCH_PG"));
    if (!QFileInfo(request.migrations).isDir())
        return makeError(Error::Code::Catalog, QStringLiteral("%1: no such folder").arg(request.migrations));
    auto catalog = CatalogReader::read(request.migrations, inputs.uri.dialect);
    if (!catalog)
        return catalog.error();
    inputs.newest = std::move(catalog).value();
    auto build = findBuild(request);
    if (!build)
        return build.error();
    inputs.buildInfo = build.value();
    inputs.build = inputs.newest.upTo(inputs.buildInfo.maxId);
    return inputs;
}

// The gate as `check` asks it: newer rows recorded compatible whose SQL analyses as
// breaking are mislabelled and block.
Result<GateDecision> decide(const Inputs& inputs, const RehearsalRequest& request, const LedgerRows& rows,
                            GateOptions& options, QString& note)
{
    options.strict = request.strict;
    const GateDecision plain = evaluateGate(inputs.build.migrations, rows, options);
    QSet<qint64> newer;
    for (const LedgerRow& row : plain.newer) {
        if (inputs.newest.find(row.id))
            newer.insert(row.id);
    }
    if (!request.analyse || newer.isEmpty())
        return plain;
    Analyzer::Options analysis;
    analysis.only = newer;
    analysis.scratchServer = inputs.scratch;
    const auto analysed = Analyzer::analyse(inputs.newest, analysis);
    if (!analysed)
        return analysed.error();
    note = analysed->note;
    for (const MigrationAnalysis& migration : analysed->migrations) {
        if (migration.verdict && *migration.verdict == Verdict::Breaking)
            options.analysedBreaking.insert(migration.id, breakingReason(migration.findings));
    }
    return evaluateGate(inputs.build.migrations, rows, options);
}

// The rehearsal once the inputs are read: owns the workspace and reports progress.
class Run
{
public:
    Run(const RehearsalRequest& request, Inputs inputs, const Rehearsal::Progress& progress, const std::atomic_bool* cancel)
        : m_request(request)
        , m_inputs(std::move(inputs))
        , m_progress(progress)
        , m_cancel(cancel)
    {
    }

    Result<RehearsalReport> execute()
    {
        QElapsedTimer total;
        total.start();
        m_report.database = m_inputs.uri.redacted();
        m_report.dialect = m_inputs.uri.dialect;
        m_report.ledgerTable = m_request.ledgerTable;
        m_report.build = m_inputs.buildInfo;

        report(QStringLiteral("Replaying the catalog of %1 on a scratch database").arg(m_inputs.buildInfo.version), 0);
        auto expected = ExpectedSchema::of(m_inputs.build, m_inputs.scratch, m_request.ledgerTable);
        if (!expected)
            return expected.error();
        m_expected = std::move(expected).value();
        if (isCancelled())
            return cancelled();

        auto before = openWorkspace();
        if (!before)
            return before.error();
        auto probed = probeAndRevert();
        // Rolled back / copy deleted, whatever happened; the copy goes while the
        // database is fingerprinted again (both take about as long on a large file).
        auto discarded = RehearsalWorkspace::discard(std::move(m_workspace));
        if (!probed)
            return probed.error();

        report(QStringLiteral("Checking that the database is unchanged"), 6);
        auto after = DatabaseFingerprint::take(m_inputs.uri);
        if (discarded.valid())
            discarded.wait();
        if (!after)
            return after.error();
        m_report.unchanged.method = before->method();
        m_report.unchanged.before = before->summary();
        m_report.unchanged.after = after->summary();
        m_report.unchanged.differences = DatabaseFingerprint::differences(before.value(), after.value());
        m_report.totalMs = total.elapsed();
        report(QStringLiteral("Done"), phases);
        return m_report;
    }

private:
    void report(const QString& step, int done)
    {
        if (m_progress)
            m_progress(step, done, phases);
    }
    bool isCancelled() const
    {
        return m_cancel && m_cancel->load();
    }

    // The fingerprint before anything else, then the workspace. On SQLite the copy
    // hashes the file as it reads it (SqliteBackup: on a second thread beside the byte
    // copy or the backup API), so the file is read once.
    Result<DatabaseFingerprint> openWorkspace()
    {
        QElapsedTimer timer;
        timer.start();
        report(QStringLiteral("Fingerprinting and copying the database"), 1);
        std::optional<Result<DatabaseFingerprint>> before;
        if (m_inputs.uri.dialect == Dialect::Sqlite) {
            if (!QFileInfo(m_inputs.uri.sqlitePath).isFile()) // as DatabaseConnection words it, before hashing
                return makeError(Error::Code::Connection,
                                 QStringLiteral("cannot open %1: no such file").arg(m_inputs.uri.redacted()));
        } else {
            before = DatabaseFingerprint::take(m_inputs.uri, m_cancel);
            if (!*before)
                return before->error();
        }
        const auto copyProgress = [this](int done, int total) {
            if (total > 0)
                report(QStringLiteral("Copying the database (%1%)").arg(qint64(done) * 100 / total), 1);
        };
        auto workspace = RehearsalWorkspace::open(m_inputs.uri, m_request.workDirectory, copyProgress, m_cancel);
        if (!workspace)
            return workspace.error();
        if (!before)
            before = DatabaseFingerprint::ofSqliteFile(m_inputs.uri, workspace.value()->sourceDigest(), m_cancel);
        if (!*before)
            return before->error();
        m_workspace = std::move(workspace).value();
        m_report.notes = m_workspace->notes();
        m_report.copyMs = timer.elapsed();
        return before->value();
    }

    Result<void> probeAndRevert()
    {
        report(QStringLiteral("Reading the ledger and asking the gate"), 2);
        const auto rows = LedgerStore(m_workspace->connection(), m_request.ledgerTable).read();
        if (!rows)
            return rows.error();
        for (const LedgerRow& row : rows.value())
            m_appliedIds.append(row.id);
        std::sort(m_appliedIds.begin(), m_appliedIds.end());
        auto decision = decide(m_inputs, m_request, rows.value(), m_gateOptions, m_report.analysisNote);
        if (!decision)
            return decision.error();
        m_report.gate = decision.value();
        if (isCancelled())
            return cancelled();

        QElapsedTimer timer; // the probes and the down path, not the gate's analysis
        timer.start();
        m_report.probesRan = m_report.gate.mayBoot() || m_request.rehearseEvenIfRefused;
        if (m_report.probesRan) {
            auto probed = probe(m_report.schemaProbe, m_report.readWriteProbe, 3);
            if (!probed)
                return probed;
        }
        m_report.downPath.needed = !m_report.gate.mayBoot();
        if (m_report.downPath.needed) {
            auto reverted = downPath();
            if (!reverted)
                return reverted;
        }
        m_report.probeMs = timer.elapsed();
        return {};
    }

    // Both probes, with every write rolled back.
    Result<void> probe(SchemaProbeResult& schemaProbe, ReadWriteProbeResult& readWriteProbe, int phase)
    {
        report(QStringLiteral("Schema probe"), phase);
        auto live = SchemaReader::read(m_workspace->connection(), { m_request.ledgerTable });
        if (!live)
            return live.error();
        schemaProbe = SchemaProbe::compare(m_expected, live.value());

        if (auto enforced = m_workspace->enforceForeignKeys(true); !enforced)
            return enforced;
        if (auto begun = m_workspace->beginScope(probeScope); !begun)
            return begun;
        const auto tableProgress = [this, phase](const QString& table, int done, int total) {
            report(QStringLiteral("Read/write probe: %1 (%2 of %3)").arg(table).arg(done + 1).arg(total), phase + 1);
        };
        auto probed = ReadWriteProbe::run(m_workspace->connection(), m_expected, tableProgress, m_cancel);
        m_workspace->rollbackScope(probeScope);
        if (!probed)
            return probed.error();
        readWriteProbe = std::move(probed).value();
        return {};
    }

    Result<void> downPath()
    {
        report(QStringLiteral("Down path"), 5);
        DownPath& path = m_report.downPath;
        path.steps = DownPathRunner::plan(m_report.gate, m_inputs.newest);
        DownPathRunner::Context context { *m_workspace, m_inputs.newest, m_request.ledgerTable, m_inputs.scratch,
                                          m_appliedIds, m_cancel };
        if (path.steps.isEmpty() || !path.hasAllDownSql()) {
            auto planned = DownPathRunner::run(context, path.steps);
            return planned ? Result<void>() : Result<void>(planned.error());
        }
        if (auto enforced = m_workspace->enforceForeignKeys(false); !enforced)
            return enforced;
        auto ran = DownPathRunner::run(context, path.steps);
        if (!ran)
            return ran.error();
        path.ran = true;
        if (!ran.value())
            return {};
        const auto rows = LedgerStore(m_workspace->connection(), m_request.ledgerTable).read();
        if (!rows)
            return rows.error();
        path.bootsAfter = evaluateGate(m_inputs.build.migrations, rows.value(), m_gateOptions).mayBoot();
        return probe(path.schemaProbeAfter, path.readWriteProbeAfter, 5);
    }

    const RehearsalRequest& m_request;
    Inputs m_inputs;
    const Rehearsal::Progress& m_progress;
    const std::atomic_bool* m_cancel;
    SchemaSnapshot m_expected;
    std::unique_ptr<RehearsalWorkspace> m_workspace;
    GateOptions m_gateOptions;
    QVector<qint64> m_appliedIds; // the ledger's ids, ascending
    RehearsalReport m_report;
};

} // namespace

Result<RehearsalReport> Rehearsal::run(const RehearsalRequest& request, const Progress& progress,
                                       const std::atomic_bool* cancel)
{
    auto inputs = readInputs(request);
    if (!inputs)
        return inputs.error();
    return Run(request, std::move(inputs).value(), progress, cancel).execute();
}

} // namespace backstep
