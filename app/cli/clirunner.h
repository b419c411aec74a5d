#pragma once

#include "analysis/migrationanalysis.h"
#include "catalog/catalog.h"
#include "clioptions.h"
#include "common/result.h"
#include "db/databaseconnection.h"

#include <QJsonObject>
#include <QSet>

#include <functional>
#include <memory>

namespace backstep::cli {

// Runs one parsed command against core and prints its result: the report on stdout
// (text or JSON), errors and progress on stderr. Returns the process exit status.
class CliRunner
{
public:
    enum ExitStatus {
        Success = 0,
        InternalError = 1,
        BadInput = 2,
        Refused = 3,
    };

    explicit CliRunner(CliOptions options);
    int run();

private:
    int status();
    int check();
    int migrate();
    int rules();
    int lint();
    int simulate();

    struct OpenedDatabase
    {
        Catalog catalog; // what the build knows: the folder's catalog cut at --up-to
        Catalog full; // the whole folder, which knows the newer migrations
        std::unique_ptr<DatabaseConnection> connection;
    };
    // The catalog (for the database's dialect, cut at --up-to) and then the database.
    Result<OpenedDatabase> openWithCatalog(DatabaseConnection::Access access) const;
    Result<Catalog> readCatalog(const DatabaseUri& uri) const;
    // Analysis of `catalog` for the gate and status (only the ids in `only`, when given).
    Result<CatalogAnalysis> analyse(const Catalog& catalog, const std::optional<QSet<qint64>>& only) const;
    QString buildLabel(const Catalog& catalog) const;
    void printReport(const std::function<QString()>& text, const std::function<QJsonObject()>& json) const;
    int fail(const Error& error) const;

    CliOptions m_options;
};

} // namespace backstep::cli
