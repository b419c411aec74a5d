#include "clirunner.h"

#include "analysis/analyzer.h"
#include "analysis/rulecatalogue.h"
#include "catalog/catalogreader.h"
#include "db/databaseconnection.h"
#include "db/databaseuri.h"
#include "db/ledgerstore.h"
#include "gate/gate.h"
#include "report/jsonreport.h"
#include "report/lintreport.h"
#include "report/rehearsalreportformat.h"
#include "rehearsal/rehearsal.h"
#include "report/textreport.h"
#include "runner/migrationrunner.h"

#include <QDir>
#include <QRegularExpression>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace backstep::cli {

namespace {

int exitStatusFor(Error::Code code)
{
    switch (code) {
    case Error::Code::Usage:
    case Error::Code::Catalog:
    case Error::Code::Uri:
    case Error::Code::Connection:
    case Error::Code::Ledger:
    case Error::Code::Migration:
    case Error::Code::Sandbox:
        return CliRunner::BadInput;
    case Error::Code::Cancelled:
    case Error::Code::Internal:
        break;
    }
    return CliRunner::InternalError;
}

QString codeName(Error::Code code)
{
    switch (code) {
    case Error::Code::Usage:
        return QStringLiteral("usage");
    case Error::Code::Catalog:
        return QStringLiteral("catalog");
    case Error::Code::Uri:
        return QStringLiteral("uri");
    case Error::Code::Connection:
        return QStringLiteral("connection");
    case Error::Code::Ledger:
        return QStringLiteral("ledger");
    case Error::Code::Migration:
        return QStringLiteral("migration");
    case Error::Code::Sandbox:
        return QStringLiteral("sandbox");
    case Error::Code::Cancelled:
        return QStringLiteral("cancelled");
    case Error::Code::Internal:
        break;
    }
    return QStringLiteral("internal");
}

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Progress is for a person watching: on a terminal only, so logs and pipes stay clean.
bool stderrIsTerminal()
{
    return isatty(fileno(stderr)) == 1;
}


// Whether a catalog folder has any SQL file a dialect reads: a generic NNNN_name.sql
// or one of its own variants.
bool hasFilesFor(const QString& folder, Dialect dialect)
{
    static const QRegularExpression variant(QStringLiteral("\\.(sqlite|postgres|postgresql)\\.sql$"));
    const QStringList files = QDir(folder).entryList({ QStringLiteral("*.sql") }, QDir::Files);
    return std::any_of(files.cbegin(), files.cend(), [&](const QString& file) {
        const auto match = variant.match(file);
        return !match.hasMatch() || dialectFromName(match.captured(1)) == dialect;
    });
}

// How the verdicts were reached, when that is not the full replay.
QString analysisNote(const CatalogAnalysis& analysis)
{
    QStringList notes;
    if (!analysis.note.isEmpty())
        notes.append(analysis.note);
    for (const MigrationAnalysis& migration : analysis.migrations) {
        if (!migration.problem.isEmpty())
            notes.append(QStringLiteral("#%1 has no verdict: %2").arg(migration.id).arg(migration.problem));
    }
    return notes.join(QStringLiteral("; "));
}

} // namespace

CliRunner::CliRunner(CliOptions options)
    : m_options(std::move(options))
{
}

int CliRunner::run()
{
    switch (m_options.command) {
    case CliOptions::Command::Help:
        out() << m_options.helpText << Qt::endl;
        return Success;
    case CliOptions::Command::Version:
        out() << "backstep-cli " << BACKSTEP_VERSION << Qt::endl;
        return Success;
    case CliOptions::Command::Status:
        return status();
    case CliOptions::Command::Check:
        return check();
    case CliOptions::Command::Migrate:
        return migrate();
    case CliOptions::Command::Rules:
        return rules();
    case CliOptions::Command::Lint:
        return lint();
    case CliOptions::Command::Simulate:
        return simulate();
    }
    return InternalError;
}

Result<CliRunner::OpenedDatabase> CliRunner::openWithCatalog(DatabaseConnection::Access access) const
{
    // The catalog is read first, so that bad input never reaches the database.
    const auto uri = DatabaseUri::parse(m_options.database);
    if (!uri)
        return uri.error();
    auto catalog = readCatalog(uri.value());
    if (!catalog)
        return catalog.error();
    auto connection = DatabaseConnection::open(uri.value(), access);
    if (!connection)
        return connection.error();
    Catalog build = m_options.upTo ? catalog->upTo(*m_options.upTo) : catalog.value();
    return OpenedDatabase { std::move(build), std::move(catalog).value(), std::move(connection).value() };
}

Result<CatalogAnalysis> CliRunner::analyse(const Catalog& catalog, const std::optional<QSet<qint64>>& only) const
{
    Analyzer::Options options;
    options.only = only;
    if (!m_options.scratch.isEmpty()) {
        auto server = DatabaseUri::parse(m_options.scratch);
        if (!server)
            return server.error();
        options.scratchServer = server.value();
    }
    return Analyzer::analyse(catalog, options);
}

Result<Catalog> CliRunner::readCatalog(const DatabaseUri& uri) const
{
    return CatalogReader::read(m_options.migrations, uri.dialect);
}

QString CliRunner::buildLabel(const Catalog& catalog) const
{
    if (!m_options.buildVersion.isEmpty())
        return QStringLiteral("build %1").arg(m_options.buildVersion);
    const auto maxId = catalog.maxId();
    const QString known = maxId ? QStringLiteral("#%1").arg(*maxId) : QStringLiteral("no migration");
    return m_options.upTo ? QStringLiteral("a build that knows up to %1").arg(known)
                          : QStringLiteral("this catalog's build (up to %1)").arg(known);
}

void CliRunner::printReport(const std::function<QString()>& text, const std::function<QJsonObject()>& json) const
{
    // Only the requested form is built: on a large ledger each costs as much as the read.
    if (m_options.format == CliOptions::Format::Json)
        out() << QJsonDocument(json()).toJson(QJsonDocument::Indented);
    else
        out() << text();
    out().flush();
}

int CliRunner::lint()
{
    Analyzer::Options analysis;
    analysis.profile = m_options.strictProfile ? AnalysisProfile::Strict : AnalysisProfile::Default;
    if (!m_options.scratch.isEmpty()) {
        auto server = DatabaseUri::parse(m_options.scratch);
        if (!server)
            return fail(server.error());
        analysis.scratchServer = server.value();
    }
    QVector<CatalogAnalysis> analyses;
    bool badInput = false;
    for (const QString& name : m_options.dialects) {
        const Dialect dialect = dialectFromName(name).value_or(Dialect::Sqlite);
        const auto catalog = CatalogReader::read(m_options.migrations, dialect);
        if (!catalog) {
            // A catalog written for one dialect only (every file .sqlite.sql, say) is not
            // an error when both were asked for by default: that dialect is skipped.
            const Dialect other = dialect == Dialect::Sqlite ? Dialect::Postgres : Dialect::Sqlite;
            const bool otherDialectOnly = m_options.dialects.size() > 1 && !hasFilesFor(m_options.migrations, dialect)
                && hasFilesFor(m_options.migrations, other);
            if (otherDialectOnly) {
                err() << "backstep-cli: " << name << ": skipped, the catalog has no migration for it" << Qt::endl;
                continue;
            }
            // The other dialect may still be worth analysing.
            err() << "backstep-cli: error: " << name << ": " << catalog.error().message << Qt::endl;
            badInput = true;
            continue;
        }
        Analyzer::Progress progress;
        if (stderrIsTerminal()) {
            progress = [&name](int done, int total) {
                err() << QStringLiteral("\r\x1b[2K%1: analysing %2/%3").arg(name).arg(done).arg(total);
                err().flush();
            };
        }
        auto analysed = Analyzer::analyse(catalog.value(), analysis, progress);
        if (stderrIsTerminal()) {
            err() << "\r\x1b[2K";
            err().flush();
        }
        if (!analysed)
            return fail(analysed.error());
        badInput = badInput || analysed->hasProblems();
        analyses.append(std::move(analysed).value());
    }
    if (m_options.format == CliOptions::Format::Sarif) {
        out() << QJsonDocument(LintReport::sarif(analyses, QDir::currentPath())).toJson(QJsonDocument::Indented);
        out().flush();
    } else {
        printReport([&] { return LintReport::text(analyses); }, [&] { return LintReport::json(analyses); });
    }
    if (badInput)
        return BadInput;
    const bool mislabelled = std::any_of(analyses.cbegin(), analyses.cend(),
                                         [](const CatalogAnalysis& catalog) { return catalog.hasMislabelled(); });
    return mislabelled ? Refused : Success;
}

int CliRunner::rules()
{
    if (m_options.format == CliOptions::Format::Markdown) {
        out() << RuleCatalogue::markdown();
        out().flush();
        return Success;
    }
    printReport([] { return TextReport::rules(); }, [] { return JsonReport::rules(); });
    return Success;
}

int CliRunner::fail(const Error& error) const
{
    err() << "backstep-cli: error: " << error.message << Qt::endl;
    if (m_options.format == CliOptions::Format::Json) {
        const QJsonObject object { { QStringLiteral("error"),
                                     QJsonObject { { QStringLiteral("code"), codeName(error.code) },
                                                   { QStringLiteral("message"), error.message } } } };
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
        out().flush();
    }
    return exitStatusFor(error.code);
}

int CliRunner::status()
{
    const auto uri = DatabaseUri::parse(m_options.database);
    if (!uri)
        return fail(uri.error());
    std::optional<Catalog> catalog;
    if (!m_options.migrations.isEmpty()) {
        auto read = readCatalog(uri.value());
        if (!read)
            return fail(read.error());
        catalog = std::move(read).value();
    }
    auto connection = DatabaseConnection::open(uri.value(), DatabaseConnection::Access::ReadOnly);
    if (!connection)
        return fail(connection.error());

    StatusReport report;
    report.database = uri->redacted();
    report.dialect = uri->dialect;
    report.ledgerTable = m_options.ledgerTable;
    const auto rows = LedgerStore(*connection.value(), m_options.ledgerTable).read();
    if (!rows)
        return fail(rows.error());
    report.rows = rows.value();

    if (catalog) {
        const GateDecision decision = evaluateGate(catalog->migrations, report.rows);
        report.hasCatalog = true;
        report.pending = decision.pending;
        for (const LedgerRow& row : decision.newer)
            report.unknownToCatalog.append(row.id);
        if (m_options.analysis) {
            QSet<qint64> applied;
            for (const LedgerRow& row : report.rows)
                applied.insert(row.id);
            const auto analysis = analyse(*catalog, applied);
            if (!analysis)
                return fail(analysis.error());
            report.analysed = true;
            report.analysisNote = analysisNote(analysis.value());
            for (const MigrationAnalysis& migration : analysis->migrations) {
                if (migration.verdict)
                    report.verdicts.insert(migration.id, *migration.verdict);
            }
        }
    }
    printReport([&] { return TextReport::status(report); }, [&] { return JsonReport::status(report); });
    return Success;
}

int CliRunner::check()
{
    auto opened = openWithCatalog(DatabaseConnection::Access::ReadOnly);
    if (!opened)
        return fail(opened.error());
    const Catalog* catalog = &opened->catalog;
    DatabaseConnection* connection = opened->connection.get();
    const auto rows = LedgerStore(*connection, m_options.ledgerTable).read();
    if (!rows)
        return fail(rows.error());

    GateOptions gateOptions;
    gateOptions.strict = m_options.strict;
    QHash<qint64, Verdict> verdicts;
    QString note;
    if (m_options.analysis) {
        // Every newer row the folder's catalog knows gets a verdict; only one recorded
        // compatible can be mislabelled (the gate reads analysedBreaking for those alone).
        QSet<qint64> newer;
        for (const LedgerRow& row : evaluateGate(catalog->migrations, rows.value()).newer) {
            if (opened->full.find(row.id))
                newer.insert(row.id);
        }
        if (!newer.isEmpty()) {
            const auto analysis = analyse(opened->full, newer);
            if (!analysis)
                return fail(analysis.error());
            note = analysisNote(analysis.value());
            for (const MigrationAnalysis& migration : analysis->migrations) {
                if (!migration.verdict)
                    continue;
                verdicts.insert(migration.id, *migration.verdict);
                if (*migration.verdict == Verdict::Breaking)
                    gateOptions.analysedBreaking.insert(migration.id, breakingReason(migration.findings));
            }
        }
    }
    const GateDecision decision = evaluateGate(catalog->migrations, rows.value(), gateOptions);
    // An explicit QString: with QStringBuilder, "a + b" is a builder that refers to temporaries.
    printReport([&]() -> QString {
                    QString text = TextReport::check(decision, buildLabel(*catalog));
                    if (!note.isEmpty())
                        text += QStringLiteral("Analysis: %1\n").arg(note);
                    return text;
                },
                [&] { return JsonReport::check(decision, verdicts, note); });
    return decision.mayBoot() ? Success : Refused;
}

int CliRunner::migrate()
{
    auto opened = openWithCatalog(DatabaseConnection::Access::ReadWrite);
    if (!opened)
        return fail(opened.error());
    const Catalog* catalog = &opened->catalog;
    DatabaseConnection* connection = opened->connection.get();

    MigrationRunner::Options runOptions;
    runOptions.ledgerTable = m_options.ledgerTable;
    runOptions.buildVersion = m_options.buildVersion;
    runOptions.gate.strict = m_options.strict;
    MigrationRunner runner(*connection, runOptions);
    const bool showProgress = stderrIsTerminal();
    if (showProgress) {
        runner.setProgress([](int done, int total, const Migration& next) {
            err() << QStringLiteral("\r\x1b[2K[%1/%2] #%3 %4").arg(done + 1).arg(total).arg(next.id).arg(next.name);
            err().flush();
        });
    }
    const auto report = runner.run(*catalog);
    if (showProgress) {
        err() << "\r\x1b[2K";
        err().flush();
    }
    if (!report)
        return fail(report.error());

    printReport([&] { return TextReport::run(report.value(), buildLabel(*catalog)); },
                [&] { return JsonReport::run(report.value()); });
    if (!report->decision.mayBoot())
        return Refused;
    if (report->failure) {
        const auto& failure = *report->failure;
        err() << QStringLiteral("backstep-cli: error: migration #%1 (%2:%3, statement %4) failed: %5")
                     .arg(failure.id)
                     .arg(failure.file)
                     .arg(failure.line)
                     .arg(failure.statementNumber)
                     .arg(failure.databaseError)
              << Qt::endl;
        return BadInput;
    }
    return report->cancelled ? InternalError : Success;
}

int CliRunner::simulate()
{
    RehearsalRequest request;
    request.database = m_options.database;
    request.migrations = m_options.migrations;
    request.builds = m_options.buildsFile;
    request.buildVersion = m_options.toBuild;
    request.upTo = m_options.upTo;
    request.ledgerTable = m_options.ledgerTable;
    request.scratch = m_options.scratch;
    request.rehearseEvenIfRefused = m_options.rehearse;
    request.strict = m_options.strict;
    request.analyse = m_options.analysis;

    Rehearsal::Progress progress;
    const bool showProgress = stderrIsTerminal();
    if (showProgress) {
        progress = [](const QString& step, int done, int total) {
            err() << QStringLiteral("\r\x1b[2K[%1/%2] %3").arg(done).arg(total).arg(step);
            err().flush();
        };
    }
    const auto report = Rehearsal::run(request, progress);
    if (showProgress) {
        err() << "\r\x1b[2K";
        err().flush();
    }
    if (!report)
        return fail(report.error());
    printReport([&] { return RehearsalReportFormat::text(report.value()); },
                [&] { return RehearsalReportFormat::json(report.value()); });
    if (!report->unchanged.unchanged()) {
        err() << "backstep-cli: error: the database changed during the rehearsal: "
              << report->unchanged.differences.join(QStringLiteral("; ")) << Qt::endl;
        return InternalError;
    }
    return report->buildWorks() ? Success : Refused;
}

} // namespace backstep::cli
