#include "clioptions.h"

#include <QCommandLineParser>

namespace backstep::cli {

namespace {

const QString programSummary = QStringLiteral(
    "backstep-cli: will this older build boot on this database, and will it work?\n"
    "\n"
    "Commands:\n"
    "  migrate   apply the pending migrations of a catalog, as an app does at boot\n"
    "  status    show the ledger (and, with --migrations, what is pending)\n"
    "  check     ask the gate whether a build may boot on the database\n"
    "  lint      check that every migration's backward-compatible flag tells the truth\n"
    "  simulate  rehearse rolling back to a build, for real, leaving the database unchanged\n"
    "  rules     list the analysis rules (--format markdown writes core/analysis/RULES.md)\n"
    "\n"
    "Run \"backstep-cli COMMAND --help\" for a command's options.\n"
    "Exit status: 0 ok / boot allowed, 3 the gate refuses or a flag is mislabelled, 2 bad input, 1 internal "
    "error.");

enum Option {
    Database = 0x1,
    Migrations = 0x2,
    LedgerTable = 0x4,
    UpTo = 0x8,
    BuildVersion = 0x10,
    Strict = 0x20,
    Dialect = 0x40,
    Scratch = 0x80,
    Profile = 0x100,
    NoAnalysis = 0x200,
    ToBuild = 0x400,
    BuildsFile = 0x800,
    Rehearse = 0x1000,
};

struct CommandSpec
{
    CliOptions::Command command;
    QLatin1String name;
    QLatin1String description;
    int options; // Option flags
    bool needsCatalog; // --migrations (or, for lint, the DIR argument) is required
    QList<QPair<QLatin1String, CliOptions::Format>> formats; // the first is the default
};

const QList<QPair<QLatin1String, CliOptions::Format>> textAndJson
    = { { QLatin1String("text"), CliOptions::Format::Text }, { QLatin1String("json"), CliOptions::Format::Json } };

const CommandSpec commandSpecs[] = {
    { CliOptions::Command::Migrate, QLatin1String("migrate"),
      QLatin1String("Apply the pending migrations of a catalog, as an app does at boot: take the lock, create or "
                    "upgrade the ledger table, ask the gate, and apply each pending migration in its own "
                    "transaction with its ledger row. Exits 3, applying nothing, when the gate refuses. The only "
                    "command that runs a catalog's SQL with the rights the URI gives, unsandboxed: run it on "
                    "catalogs you trust; every other command replays SQL only in a sandbox."),
      Database | Migrations | LedgerTable | UpTo | BuildVersion | Strict, true, textAndJson },
    { CliOptions::Command::Status, QLatin1String("status"),
      QLatin1String("Show the ledger of a database, read-only; with --migrations, also what is pending."),
      Database | Migrations | LedgerTable | Scratch | NoAnalysis, false, textAndJson },
    { CliOptions::Command::Check, QLatin1String("check"),
      QLatin1String("Ask the gate whether a build may boot on the database, read-only. --up-to ID treats the "
                    "catalog as an older build that knows only ids <= ID. Exits 3 when the gate refuses."),
      Database | Migrations | LedgerTable | UpTo | BuildVersion | Strict | Scratch | NoAnalysis, true, textAndJson },
    { CliOptions::Command::Lint, QLatin1String("lint"),
      QLatin1String("Analyse every migration of the catalog DIR and check that its declared backward-compatible "
                    "flag tells the truth: replays it on a scratch database (SQLite in memory; PostgreSQL on the "
                    "--scratch server) and reads every statement. Exits 3 when a migration is mislabelled, 2 when "
                    "one cannot be analysed."),
      Dialect | Scratch | Profile, true,
      { { QLatin1String("text"), CliOptions::Format::Text },
        { QLatin1String("json"), CliOptions::Format::Json },
        { QLatin1String("sarif"), CliOptions::Format::Sarif } } },
    { CliOptions::Command::Simulate, QLatin1String("simulate"),
      QLatin1String("Rehearse rolling the database back to an older build, for real, without changing it: the "
                    "gate, a schema probe against the build's expected schema (its catalog replayed on a scratch "
                    "database), a read/write probe of every table it knows, and, when the gate refuses, the down "
                    "path. SQLite works on a consistent copy, PostgreSQL in a transaction that is rolled back; the "
                    "database is fingerprinted before and after. Exits 3 when the build would not boot or a probe "
                    "fails."),
      Database | Migrations | LedgerTable | UpTo | Strict | Scratch | NoAnalysis | ToBuild | BuildsFile | Rehearse, true,
      textAndJson },
    { CliOptions::Command::Rules, QLatin1String("rules"),
      QLatin1String("List the rules analysis reports, with their severities and explanations."), 0, false,
      { { QLatin1String("text"), CliOptions::Format::Text },
        { QLatin1String("json"), CliOptions::Format::Json },
        { QLatin1String("markdown"), CliOptions::Format::Markdown } } },
};

Error usageError(const QString& message)
{
    return makeError(Error::Code::Usage, message);
}

const CommandSpec* findCommand(const QString& name)
{
    for (const CommandSpec& spec : commandSpecs) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

QString formatNames(const CommandSpec& spec)
{
    QStringList names;
    for (const auto& format : spec.formats)
        names.append(format.first);
    return names.join(QStringLiteral(", "));
}

void addOptions(QCommandLineParser& parser, const CommandSpec& spec)
{
    const auto add = [&](int option, const QCommandLineOption& definition) {
        if (spec.options & option)
            parser.addOption(definition);
    };
    add(Database, { QStringLiteral("db"), QStringLiteral("Database URI: sqlite:PATH or postgres://user@host:port/db."),
                    QStringLiteral("URI") });
    add(Migrations, { QStringLiteral("migrations"),
                      spec.needsCatalog ? QStringLiteral("Catalog folder of NNNN_name.sql files.")
                                        : QStringLiteral("Catalog folder, to show what is pending."),
                      QStringLiteral("DIR") });
    add(LedgerTable, { QStringLiteral("ledger-table"), QStringLiteral("Ledger table name (default _migrations)."),
                       QStringLiteral("TABLE"), QStringLiteral("_migrations") });
    add(UpTo, { QStringLiteral("up-to"), QStringLiteral("Act as an older build that knows only migrations with id <= ID."),
                QStringLiteral("ID") });
    add(BuildVersion, { QStringLiteral("build-version"),
                        QStringLiteral("The build's version, recorded as applied_by and shown in reports."),
                        QStringLiteral("VERSION") });
    add(Strict, { QStringLiteral("strict"),
                  QStringLiteral("Drift (a known migration whose checksum or name changed) blocks the boot.") });
    add(Dialect, { QStringLiteral("dialect"), QStringLiteral("sqlite, postgres or all (default)."),
                   QStringLiteral("DIALECT"), QStringLiteral("all") });
    add(Scratch, { QStringLiteral("scratch"),
                   spec.command == CliOptions::Command::Simulate
                       ? QStringLiteral("PostgreSQL server to replay the build's catalog on, in a scratch database "
                                        "(default: BACKSTEP_SCRATCH_PG). Required for PostgreSQL databases.")
                       : QStringLiteral("PostgreSQL server to create scratch databases on (default: "
                                        "BACKSTEP_SCRATCH_PG). Without one, PostgreSQL gets statement rules only."),
                   QStringLiteral("URI") });
    add(NoAnalysis, { QStringLiteral("no-analysis"),
                      QStringLiteral("Trust the recorded flags without analysing the catalog's SQL.") });
    add(ToBuild, { QStringLiteral("to-build"), QStringLiteral("The build to roll back to: a version from --builds."),
                   QStringLiteral("VERSION") });
    add(BuildsFile, { QStringLiteral("builds"), QStringLiteral("builds.json: the releases and the highest id each knows."),
                      QStringLiteral("FILE") });
    add(Rehearse, { QStringLiteral("rehearse"),
                    QStringLiteral("Run the schema and read/write probes even when the gate refuses.") });
    add(Profile, { QStringLiteral("profile"),
                   QStringLiteral("default, or strict for apps whose older code uses SELECT * or positional INSERT."),
                   QStringLiteral("PROFILE"), QStringLiteral("default") });
    parser.addOption({ QStringLiteral("format"), QStringLiteral("Output: %1.").arg(formatNames(spec)),
                       QStringLiteral("FORMAT"), spec.formats.first().first });
    if (spec.command == CliOptions::Command::Lint)
        parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The catalog folder to analyse."));
}

Result<CliOptions::Format> readFormat(const QCommandLineParser& parser, const CommandSpec& spec)
{
    const QString format = parser.value(QStringLiteral("format"));
    for (const auto& [name, value] : spec.formats) {
        if (name == format)
            return value;
    }
    return usageError(QStringLiteral("%1: --format must be one of %2, not \"%3\"").arg(spec.name, formatNames(spec), format));
}

Result<void> readLintOptions(const QCommandLineParser& parser, const CommandSpec& spec, CliOptions& options)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("lint: the catalog folder DIR is required (backstep-cli lint DIR)"));
    if (positional.size() > 1)
        return usageError(QStringLiteral("lint: unexpected argument \"%1\"").arg(positional.at(1)));
    options.migrations = positional.first();
    const QString dialect = parser.value(QStringLiteral("dialect"));
    if (dialect == QLatin1String("all"))
        options.dialects = { QStringLiteral("sqlite"), QStringLiteral("postgres") };
    else if (dialect == QLatin1String("sqlite") || dialect == QLatin1String("postgres"))
        options.dialects = { dialect };
    else
        return usageError(QStringLiteral("lint: --dialect must be sqlite, postgres or all, not \"%1\"").arg(dialect));
    options.scratch = parser.isSet(QStringLiteral("scratch")) ? parser.value(QStringLiteral("scratch"))
                                                              : qEnvironmentVariable("BACKSTEP_SCRATCH_PG");
    const QString profile = parser.value(QStringLiteral("profile"));
    if (profile != QLatin1String("default") && profile != QLatin1String("strict"))
        return usageError(QStringLiteral("lint: --profile must be default or strict, not \"%1\"").arg(profile));
    options.strictProfile = profile == QLatin1String("strict");
    Q_UNUSED(spec)
    return {};
}

Result<void> readDatabaseOptions(const QCommandLineParser& parser, const CommandSpec& spec, CliOptions& options)
{
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("%1: unexpected argument \"%2\"").arg(spec.name, parser.positionalArguments().first()));
    if (!(spec.options & Database))
        return {};
    options.database = parser.value(QStringLiteral("db"));
    if (options.database.isEmpty())
        return usageError(QStringLiteral("%1: --db URI is required").arg(spec.name));
    options.migrations = parser.value(QStringLiteral("migrations"));
    if (spec.needsCatalog && options.migrations.isEmpty())
        return usageError(QStringLiteral("%1: --migrations DIR is required").arg(spec.name));
    options.ledgerTable = parser.value(QStringLiteral("ledger-table"));
    if (options.ledgerTable.trimmed().isEmpty())
        return usageError(QStringLiteral("%1: --ledger-table must not be empty").arg(spec.name));
    if ((spec.options & UpTo) && parser.isSet(QStringLiteral("up-to"))) {
        bool ok = false;
        const qint64 upTo = parser.value(QStringLiteral("up-to")).toLongLong(&ok);
        if (!ok || upTo < 0)
            return usageError(QStringLiteral("%1: --up-to must be a migration id (a whole number >= 0), not \"%2\"")
                                  .arg(spec.name, parser.value(QStringLiteral("up-to"))));
        options.upTo = upTo;
    }
    if (spec.options & BuildVersion)
        options.buildVersion = parser.value(QStringLiteral("build-version"));
    options.strict = (spec.options & Strict) && parser.isSet(QStringLiteral("strict"));
    options.analysis = !((spec.options & NoAnalysis) && parser.isSet(QStringLiteral("no-analysis")));
    if (spec.options & ToBuild)
        options.toBuild = parser.value(QStringLiteral("to-build"));
    if (spec.options & BuildsFile)
        options.buildsFile = parser.value(QStringLiteral("builds"));
    options.rehearse = (spec.options & Rehearse) && parser.isSet(QStringLiteral("rehearse"));
    if (spec.command == CliOptions::Command::Simulate) {
        if (options.toBuild.isEmpty() == !options.upTo)
            return usageError(QStringLiteral("simulate: name the build with --to-build VERSION --builds FILE or with "
                                             "--up-to ID (one of them)"));
        if (!options.toBuild.isEmpty() && options.buildsFile.isEmpty())
            return usageError(QStringLiteral("simulate: --to-build needs --builds FILE"));
    }
    if (spec.options & Scratch)
        options.scratch = parser.isSet(QStringLiteral("scratch")) ? parser.value(QStringLiteral("scratch"))
                                                                  : qEnvironmentVariable("BACKSTEP_SCRATCH_PG");
    return {};
}

Result<CliOptions> readOptions(const QCommandLineParser& parser, const CommandSpec& spec)
{
    CliOptions options;
    options.command = spec.command;
    const auto format = readFormat(parser, spec);
    if (!format)
        return format.error();
    options.format = format.value();
    const auto read = spec.command == CliOptions::Command::Lint ? readLintOptions(parser, spec, options)
                                                                : readDatabaseOptions(parser, spec, options);
    if (!read)
        return read.error();
    return options;
}

} // namespace

Result<CliOptions> CliOptions::parse(const QStringList& arguments)
{
    const QString first = arguments.value(1);
    if (first.isEmpty() || first == QLatin1String("help") || first == QLatin1String("--help")
        || first == QLatin1String("-h")) {
        CliOptions options;
        options.helpText = programSummary;
        return options;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        CliOptions options;
        options.command = Command::Version;
        return options;
    }
    const CommandSpec* spec = findCommand(first);
    if (!spec)
        return usageError(
            QStringLiteral("unknown command \"%1\" (commands: migrate, status, check, simulate, lint, rules; see --help)").arg(first));

    QCommandLineParser parser;
    parser.setApplicationDescription(spec->description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    addOptions(parser, *spec);
    QStringList commandArguments = arguments;
    commandArguments.removeAt(1);
    // The usage line shows the program's name, not the path it was started from.
    commandArguments[0] = QStringLiteral("backstep-cli");
    if (!parser.parse(commandArguments))
        return usageError(QStringLiteral("%1: %2").arg(spec->name, parser.errorText()));
    if (parser.isSet(help)) {
        CliOptions options;
        options.helpText
            = parser.helpText().replace(QStringLiteral("[options]"), QStringLiteral("%1 [options]").arg(spec->name));
        return options;
    }
    return readOptions(parser, *spec);
}

} // namespace backstep::cli
