#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace backstep::cli {

// The parsed command line of backstep-cli: one command and its options.
struct CliOptions
{
    enum class Command {
        Help,
        Version,
        Migrate,
        Status,
        Check,
        Rules,
        Lint,
        Simulate,
    };
    enum class Format {
        Text,
        Json,
        Markdown,
        Sarif,
    };

    Command command = Command::Help;
    QString helpText; // for Command::Help: the text to print
    QString database;
    QString migrations;
    QString ledgerTable = QStringLiteral("_migrations");
    QString buildVersion;
    std::optional<qint64> upTo;
    bool strict = false;
    Format format = Format::Text;
    // lint
    QStringList dialects; // "sqlite", "postgres"
    QString scratch; // PostgreSQL server URI for scratch databases (else BACKSTEP_SCRATCH_PG)
    bool strictProfile = false;
    bool analysis = true; // status/check/simulate: analyse the catalog (--no-analysis turns it off)
    // simulate
    QString toBuild; // --to-build VERSION
    QString buildsFile; // --builds FILE
    bool rehearse = false; // --rehearse: probe even when the gate refuses

    // arguments as in main's argv, the program name first. Errors are Error::Code::Usage.
    static Result<CliOptions> parse(const QStringList& arguments);
};

} // namespace backstep::cli
