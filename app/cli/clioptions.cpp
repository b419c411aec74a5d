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
    "  rules     list the analysis rules (--format markdown writes core/analysis/RULES.md)\n"
    "\n"
    "Run \"backstep-cli COMMAND --help\" for a command's options.\n"
    "Exit status: 0 ok / boot allowed, 3 the gate refuses, 2 bad input, 1 internal error.");

struct CommandSpec
{
    CliOptions::Command command;
    QLatin1String name;
    QLatin1String description;
    bool needsCatalog;
    bool takesUpTo;
    bool takesBuildVersion;
    bool takesStrict;
    bool needsDatabase = true;
};

const CommandSpec commandSpecs[] = {
    { CliOptions::Command::Migrate, QLatin1String("migrate"),
      QLatin1String("Apply the pending migrations of a catalog, as an app does at boot: take the lock, create or "
                    "upgrade the ledger table, ask the gate, and apply each pending migration in its own "
                    "transaction with its ledger row. Exits 3, applying nothing, when the gate refuses."),
      true, true, true, true },
    { CliOptions::Command::Status, QLatin1String("status"),
      QLatin1String("Show the ledger of a database, read-only; with --migrations, also what is pending."), false,
      false, false, false },
    { CliOptions::Command::Check, QLatin1String("check"),
      QLatin1String("Ask the gate whether a build may boot on the database, read-only. --up-to ID treats the "
                    "catalog as an older build that knows only ids <= ID. Exits 3 when the gate refuses."),
      true, true, true, true },
    { CliOptions::Command::Rules, QLatin1String("rules"),
      QLatin1String("List the rules analysis reports, with their severities and explanations."), false, false, false,
      false, false },
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

void addOptions(QCommandLineParser& parser, const CommandSpec& spec)
{
    if (!spec.needsDatabase) {
        parser.addOption({ QStringLiteral("format"), QStringLiteral("Output: text (default), json or markdown."),
                           QStringLiteral("FORMAT"), QStringLiteral("text") });
        return;
    }
    parser.addOption({ QStringLiteral("db"), QStringLiteral("Database URI: sqlite:PATH or postgres://user@host:port/db."),
                       QStringLiteral("URI") });
    parser.addOption({ QStringLiteral("migrations"),
                       spec.needsCatalog ? QStringLiteral("Catalog folder of NNNN_name.sql files.")
                                         : QStringLiteral("Catalog folder, to show what is pending."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("ledger-table"), QStringLiteral("Ledger table name (default _migrations)."),
                       QStringLiteral("TABLE"), QStringLiteral("_migrations") });
    parser.addOption({ QStringLiteral("format"), QStringLiteral("Output: text (default) or json."),
                       QStringLiteral("FORMAT"), QStringLiteral("text") });
    if (spec.takesUpTo)
        parser.addOption({ QStringLiteral("up-to"),
                           QStringLiteral("Act as an older build that knows only migrations with id <= ID."),
                           QStringLiteral("ID") });
    if (spec.takesBuildVersion)
        parser.addOption({ QStringLiteral("build-version"),
                           QStringLiteral("The build's version, recorded as applied_by and shown in reports."),
                           QStringLiteral("VERSION") });
    if (spec.takesStrict)
        parser.addOption({ QStringLiteral("strict"),
                           QStringLiteral("Drift (a known migration whose checksum or name changed) blocks the boot.") });
}

Result<CliOptions::Format> readFormat(const QCommandLineParser& parser, const CommandSpec& spec)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("text"))
        return CliOptions::Format::Text;
    if (format == QLatin1String("json"))
        return CliOptions::Format::Json;
    if (format == QLatin1String("markdown") && !spec.needsDatabase)
        return CliOptions::Format::Markdown;
    return usageError(QStringLiteral("%1: --format must be %2, not \"%3\"")
                          .arg(spec.name, spec.needsDatabase ? QStringLiteral("text or json") : QStringLiteral("text, json or markdown"), format));
}

Result<CliOptions> readOptions(const QCommandLineParser& parser, const CommandSpec& spec)
{
    CliOptions options;
    options.command = spec.command;
    const auto format = readFormat(parser, spec);
    if (!format)
        return format.error();
    options.format = format.value();
    if (!spec.needsDatabase)
        return options;
    options.database = parser.value(QStringLiteral("db"));
    if (options.database.isEmpty())
        return usageError(QStringLiteral("%1: --db URI is required").arg(spec.name));
    options.migrations = parser.value(QStringLiteral("migrations"));
    if (spec.needsCatalog && options.migrations.isEmpty())
        return usageError(QStringLiteral("%1: --migrations DIR is required").arg(spec.name));
    options.ledgerTable = parser.value(QStringLiteral("ledger-table"));
    if (options.ledgerTable.trimmed().isEmpty())
        return usageError(QStringLiteral("%1: --ledger-table must not be empty").arg(spec.name));

    if (spec.takesUpTo && parser.isSet(QStringLiteral("up-to"))) {
        bool ok = false;
        const qint64 upTo = parser.value(QStringLiteral("up-to")).toLongLong(&ok);
        if (!ok || upTo < 0)
            return usageError(QStringLiteral("%1: --up-to must be a migration id (a whole number >= 0), not \"%2\"")
                                  .arg(spec.name, parser.value(QStringLiteral("up-to"))));
        options.upTo = upTo;
    }
    if (spec.takesBuildVersion)
        options.buildVersion = parser.value(QStringLiteral("build-version"));
    options.strict = spec.takesStrict && parser.isSet(QStringLiteral("strict"));
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
        return usageError(QStringLiteral("unknown command \"%1\" (commands: migrate, status, check, rules; see --help)").arg(first));

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
        options.helpText = parser.helpText().replace(QStringLiteral("[options]"), QStringLiteral("%1 [options]").arg(spec->name));
        return options;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("%1: unexpected argument \"%2\"").arg(spec->name, parser.positionalArguments().first()));
    return readOptions(parser, *spec);
}

} // namespace backstep::cli
