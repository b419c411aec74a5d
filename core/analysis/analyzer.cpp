#include "analyzer.h"

#include "db/schemareader.h"
#include "db/scratchdatabase.h"
#include "diffclassifier.h"
#include "postgresstatementrules.h"
#include "schema/schemadiff.h"
#include "sqlitestatementrules.h"

#include <QSet>

namespace backstep {

namespace {

// Rules about the shape of the schema, which a replay's diff sees for itself. From a
// statement they say what the statement meant; the diff says whether it stayed so.
const QSet<QString>& shapeRules()
{
    static const QSet<QString> rules {
        QStringLiteral("drop-table"),
        QStringLiteral("drop-column"),
        QStringLiteral("add-not-null-column-without-default"),
        QStringLiteral("add-nullable-column"),
        QStringLiteral("add-column-with-default"),
        QStringLiteral("change-column-type"),
        QStringLiteral("widen-column-type"),
        QStringLiteral("set-not-null"),
        QStringLiteral("add-check-constraint"),
        QStringLiteral("add-unique-constraint"),
        QStringLiteral("add-foreign-key"),
        QStringLiteral("add-primary-key"),
        QStringLiteral("drop-column-default"),
        QStringLiteral("drop-unique-constraint"),
        QStringLiteral("drop-index"),
        QStringLiteral("drop-view"),
        QStringLiteral("drop-function"),
        QStringLiteral("drop-trigger"),
        QStringLiteral("drop-sequence"),
        QStringLiteral("drop-type"),
        QStringLiteral("drop-schema"),
        QStringLiteral("drop-extension"),
        QStringLiteral("drop-identity"),
        QStringLiteral("alter-identity"),
        QStringLiteral("drop-constraint"),
        QStringLiteral("create-table"),
        QStringLiteral("create-index"),
        QStringLiteral("create-view"),
        QStringLiteral("create-other"),
    };
    return rules;
}

// Object names compare as the engines do for unquoted names; "public." is PostgreSQL's default.
QString comparable(const QString& object)
{
    QString name = object.toLower();
    if (name.startsWith(QLatin1String("public.")))
        name = name.mid(7);
    return name;
}

QString tableOf(const QString& columnObject)
{
    return columnObject.section(QLatin1Char('.'), 0, -2);
}

void attribute(Finding& finding, const Finding& statement)
{
    finding.statementNumber = statement.statementNumber;
    finding.line = statement.line;
}

// What a rename explains in the diff: the old name's removal.
bool explainedByRename(const Finding& diffFinding, const Findings& statementFindings)
{
    for (const Finding& statement : statementFindings) {
        const bool renamesColumn = statement.rule == QLatin1String("rename-column")
            && diffFinding.rule == QLatin1String("drop-column")
            && comparable(diffFinding.object) == comparable(statement.object);
        const bool renamesTable = statement.rule == QLatin1String("rename-table")
            && diffFinding.rule == QLatin1String("drop-table")
            && comparable(diffFinding.object) == comparable(statement.object);
        if (renamesColumn || renamesTable)
            return true;
    }
    return false;
}

class MigrationAnalyser
{
public:
    MigrationAnalyser(Dialect dialect, AnalysisProfile profile)
        : m_dialect(dialect)
        , m_profile(profile)
    {
    }

    // Statement rules over every statement; false with `problem` set when one does not parse.
    bool statementFindings(const Migration& migration, Findings& findings, QString& problem) const
    {
        StatementContext context;
        for (const SqlStatement& statement : migration.upStatements) {
            if (m_dialect == Dialect::Sqlite) {
                findings += SqliteStatementRules::analyse(statement, context, m_profile);
                continue;
            }
            auto parsed = PostgresStatementRules::analyse(statement, context, m_profile);
            if (!parsed) {
                problem = QStringLiteral("%1: statement %2: %3")
                              .arg(migration.upFile)
                              .arg(statement.number)
                              .arg(parsed.error().message);
                return false;
            }
            findings += parsed.value();
        }
        return true;
    }

private:
    Dialect m_dialect;
    AnalysisProfile m_profile;
};

// Runs a migration on the scratch database as the runner would: in one transaction
// unless it asks for none. Empty on success, else what failed, naming file and statement.
QString replay(DatabaseConnection& connection, const Migration& migration)
{
    const bool transaction = !migration.noTransaction;
    if (transaction) {
        if (auto begun = connection.execute(QStringLiteral("BEGIN")); !begun)
            return begun.error().message;
    }
    for (const SqlStatement& statement : migration.upStatements) {
        if (auto executed = connection.execute(statement.text); !executed) {
            if (transaction)
                connection.execute(QStringLiteral("ROLLBACK"));
            return QStringLiteral("replay failed at %1:%2, statement %3: %4")
                .arg(migration.upFile)
                .arg(statement.line)
                .arg(statement.number)
                .arg(executed.error().message);
        }
    }
    if (transaction) {
        if (auto committed = connection.execute(QStringLiteral("COMMIT")); !committed)
            return committed.error().message;
    }
    return {};
}

} // namespace

Findings Analyzer::merge(const Findings& statementFindings, const Findings& diffFindings)
{
    Findings merged;
    Findings unmatchedDiff;
    for (const Finding& diff : diffFindings) {
        if (!explainedByRename(diff, statementFindings))
            unmatchedDiff.append(diff);
    }
    Findings droppedStatements;
    for (const Finding& statement : statementFindings) {
        if (!shapeRules().contains(statement.rule)) {
            merged.append(statement);
            continue;
        }
        // The same rule on the same object: the diff confirms the statement.
        auto same = std::find_if(unmatchedDiff.begin(), unmatchedDiff.end(), [&](const Finding& diff) {
            return diff.rule == statement.rule && comparable(diff.object) == comparable(statement.object);
        });
        if (same != unmatchedDiff.end()) {
            merged.append(statement);
            unmatchedDiff.erase(same);
            continue;
        }
        // Another rule on the same object: the diff knows better (a type change that only
        // widens), the statement knows where.
        auto other = std::find_if(unmatchedDiff.begin(), unmatchedDiff.end(), [&](const Finding& diff) {
            return comparable(diff.object) == comparable(statement.object) && diff.statementNumber == 0;
        });
        if (other != unmatchedDiff.end()) {
            attribute(*other, statement);
            continue;
        }
        // Not in the net effect (a rebuild's temporary table and its drop): said by the
        // statement, undone by the migration itself.
        droppedStatements.append(statement);
    }
    for (Finding& diff : unmatchedDiff) {
        if (diff.statementNumber == 0) {
            // Named differently by statement and diff (a constraint by its name or its
            // table): the statement with the same rule still says where.
            for (const Finding& statement : std::as_const(droppedStatements)) {
                const bool sameTable = comparable(tableOf(diff.object)) == comparable(statement.object)
                    || comparable(diff.object) == comparable(tableOf(statement.object))
                    || comparable(tableOf(diff.object)) == comparable(tableOf(statement.object));
                if (statement.rule == diff.rule && sameTable) {
                    attribute(diff, statement);
                    break;
                }
            }
        }
        merged.append(diff);
    }
    return merged;
}

Result<CatalogAnalysis> Analyzer::analyse(const Catalog& catalog, const Options& options, const Progress& progress,
                                          const std::atomic_bool* cancel)
{
    CatalogAnalysis result;
    result.dialect = catalog.dialect;
    result.directory = catalog.directory;

    std::unique_ptr<ScratchDatabase> scratch;
    if (catalog.dialect == Dialect::Sqlite || options.scratchServer) {
        auto created = ScratchDatabase::create(catalog.dialect, options.scratchServer);
        if (!created)
            return created.error();
        scratch = std::move(created).value();
    } else {
        result.note = QStringLiteral("no scratch PostgreSQL server (--scratch or BACKSTEP_SCRATCH_PG): statement "
                                     "rules only, no replay");
    }

    std::optional<SchemaSnapshot> before;
    if (scratch) {
        auto snapshot = SchemaReader::read(scratch->connection());
        if (!snapshot)
            return snapshot.error();
        before = std::move(snapshot).value();
    }

    const MigrationAnalyser analyser(catalog.dialect, options.profile);
    QString brokenReplay; // set once a replay fails: later migrations cannot be replayed
    for (int i = 0; i < catalog.migrations.size(); ++i) {
        if (cancel && cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("analysis cancelled"));
        if (progress)
            progress(i, catalog.migrations.size());
        const Migration& migration = catalog.migrations.at(i);
        MigrationAnalysis analysis;
        analysis.id = migration.id;
        analysis.name = migration.name;
        analysis.file = migration.upFile;
        analysis.dialect = catalog.dialect;
        analysis.declaredCompatible = migration.backwardCompatible;

        Findings statementFindings;
        if (!analyser.statementFindings(migration, statementFindings, analysis.problem)) {
            analysis.findings = statementFindings;
            if (scratch && brokenReplay.isEmpty())
                brokenReplay = QStringLiteral("#%1 before it could not be analysed").arg(migration.id);
            result.migrations.append(std::move(analysis));
            continue;
        }
        if (!scratch) {
            analysis.method = MigrationAnalysis::Method::StatementRules;
            analysis.findings = statementFindings;
            analysis.verdict = verdictOf(analysis.findings);
        } else if (!brokenReplay.isEmpty()) {
            analysis.findings = statementFindings;
            analysis.problem = QStringLiteral("not replayed: %1").arg(brokenReplay);
        } else if (const QString failed = replay(scratch->connection(), migration); !failed.isEmpty()) {
            analysis.findings = statementFindings;
            analysis.problem = failed;
            brokenReplay = QStringLiteral("#%1 before it failed to replay").arg(migration.id);
        } else {
            auto after = SchemaReader::read(scratch->connection());
            if (!after)
                return after.error();
            const SchemaDiff diff = SchemaDiff::between(*before, after.value());
            analysis.method = MigrationAnalysis::Method::Replay;
            analysis.findings = merge(statementFindings, DiffClassifier::classify(diff, catalog.dialect, options.profile));
            analysis.verdict = verdictOf(analysis.findings);
            before = std::move(after).value();
        }
        result.migrations.append(std::move(analysis));
    }
    if (progress)
        progress(catalog.migrations.size(), catalog.migrations.size());
    return result;
}

} // namespace backstep
