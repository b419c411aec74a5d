#include "analyzer.h"

#include "containmentrules.h"

#include "db/schemareader.h"
#include "db/scratchdatabase.h"
#include "diffclassifier.h"
#include "postgresstatementrules.h"
#include "sandbox/scratchreplay.h"
#include "schema/schemadiff.h"
#include "sqlitestatementrules.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace backstep {

namespace {

// Rules about the shape of the schema that a migration can undo within itself (a
// SQLite rebuild creates, copies, drops and renames): from a statement they say what
// the statement did; only the replay's diff says whether it stayed so. A statement
// finding of these rules that the diff does not show is left out.
const QSet<QString>& cancellableRules()
{
    static const QSet<QString> rules {
        QStringLiteral("create-table"),
        QStringLiteral("drop-table"),
        QStringLiteral("add-nullable-column"),
        QStringLiteral("add-column-with-default"),
        QStringLiteral("add-not-null-column-without-default"),
        QStringLiteral("drop-column"),
        QStringLiteral("change-column-type"),
        QStringLiteral("widen-column-type"),
        QStringLiteral("set-not-null"),
        QStringLiteral("drop-column-default"),
        QStringLiteral("add-check-constraint"),
        QStringLiteral("add-unique-constraint"),
        QStringLiteral("add-foreign-key"),
        QStringLiteral("add-primary-key"),
        QStringLiteral("drop-unique-constraint"),
        QStringLiteral("drop-constraint"),
        QStringLiteral("create-index"),
        QStringLiteral("drop-index"),
        QStringLiteral("create-view"),
        QStringLiteral("drop-view"),
        QStringLiteral("drop-trigger"),
    };
    return rules;
}

bool isCancellable(const Finding& statement, Dialect dialect)
{
    // In SQLite, create-other is a trigger, which a rebuild drops and creates again;
    // in PostgreSQL it is also what no snapshot shows (composite types, policies).
    if (statement.rule == QLatin1String("create-other"))
        return dialect == Dialect::Sqlite;
    return cancellableRules().contains(statement.rule);
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

bool sameObject(const QString& a, const QString& b)
{
    return comparable(a) == comparable(b);
}

void attribute(Finding& finding, const Finding& statement)
{
    finding.statementNumber = statement.statementNumber;
    finding.line = statement.line;
}

// A rename or move: the object's name before and after, as findings name objects.
struct Rename
{
    QString rule;
    QString from;
    QString to;
};

// The object's name after a rename or move, named as findings name objects.
std::optional<Rename> renameIn(const Finding& finding)
{
    static const QSet<QString> renames { QStringLiteral("rename-table"),    QStringLiteral("rename-column"),
                                         QStringLiteral("rename-sequence"), QStringLiteral("rename-type"),
                                         QStringLiteral("rename-schema"),   QStringLiteral("set-schema"),
                                         QStringLiteral("rename-constraint") };
    if (!renames.contains(finding.rule) || finding.target.isEmpty())
        return std::nullopt;
    const QString schema = finding.object.contains(QLatin1Char('.')) ? finding.object.section(QLatin1Char('.'), 0, -2)
                                                                    : QString();
    const QString base = finding.object.section(QLatin1Char('.'), -1);
    QString to;
    if (finding.rule == QLatin1String("set-schema"))
        to = finding.target == QLatin1String("public") ? base : finding.target + QLatin1Char('.') + base;
    else if (finding.rule == QLatin1String("rename-schema"))
        to = finding.target;
    else
        to = schema.isEmpty() ? finding.target : schema + QLatin1Char('.') + finding.target;
    return Rename { finding.rule, finding.object, to };
}

bool within(const QString& object, const QString& prefix)
{
    return sameObject(object, prefix) || comparable(object).startsWith(comparable(prefix) + QLatin1Char('.'));
}

// What a rename explains in the diff: the old object's removal, the new one's
// appearance, and what only changed because a name did (a column's type after its
// type was renamed).
bool explainedByRename(const Finding& diff, const QVector<Rename>& renames)
{
    for (const Rename& rename : renames) {
        if (rename.rule == QLatin1String("rename-column")) {
            if (sameObject(diff.object, rename.from) || sameObject(diff.object, rename.to))
                return true;
        } else if (rename.rule == QLatin1String("rename-type") || rename.rule == QLatin1String("rename-sequence")
                   || rename.rule == QLatin1String("rename-constraint")) {
            const QString oldName = rename.from.section(QLatin1Char('.'), -1);
            const QString newName = rename.to.section(QLatin1Char('.'), -1);
            if (sameObject(diff.object, rename.from) || sameObject(diff.object, rename.to))
                return true;
            if (diff.rule == QLatin1String("change-column-type") && diff.message.contains(oldName)
                && diff.message.contains(newName))
                return true;
        } else if (within(diff.object, rename.from) || within(diff.object, rename.to)) {
            return true;
        }
    }
    return false;
}

// Another finding of the statements that already says what a diff finding says.
bool explainedByStatement(const Finding& diff, const Findings& statementFindings)
{
    for (const Finding& statement : statementFindings) {
        const bool blockingIndex = statement.rule == QLatin1String("create-index-blocking")
            && diff.rule == QLatin1String("create-index") && sameObject(statement.object, diff.object);
        const bool sameNonShapeRule = statement.rule == diff.rule && sameObject(statement.object, diff.object);
        if (blockingIndex || sameNonShapeRule)
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
        findings += ContainmentRules::analyse(migration, m_dialect);
        return true;
    }

private:
    Dialect m_dialect;
    AnalysisProfile m_profile;
};

bool escapes(const Findings& findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding& finding) { return finding.rule == QLatin1String("escapes-sandbox"); });
}

// A migration that did not replay keeps its statement findings and says why. One the
// sandbox stopped while it ran reaches outside its database: that is its verdict,
// breaking, from the statements alone, and not a replay problem.
void keepUnreplayed(MigrationAnalysis& analysis, Findings statementFindings, ScratchReplay::Outcome replayed)
{
    analysis.findings = std::move(statementFindings);
    if (!replayed.escape) {
        analysis.problem = replayed.failure;
        return;
    }
    analysis.findings.append(*replayed.escape);
    analysis.method = MigrationAnalysis::Method::StatementRules;
    analysis.verdict = Verdict::Breaking;
}

} // namespace

Findings Analyzer::merge(const Findings& statementFindings, const Findings& diffFindings, Dialect dialect)
{
    QVector<Rename> renames;
    for (const Finding& statement : statementFindings) {
        if (auto rename = renameIn(statement))
            renames.append(*rename);
    }
    Findings unmatchedDiff;
    for (const Finding& diff : diffFindings) {
        if (!explainedByRename(diff, renames))
            unmatchedDiff.append(diff);
    }

    Findings merged;
    Findings droppedStatements;
    QSet<int> widenedStatements; // statements whose type change the diff found to only widen
    for (const Finding& statement : statementFindings) {
        if (!isCancellable(statement, dialect)) {
            merged.append(statement);
            continue;
        }
        // The same rule on the same object: the diff confirms the statement.
        auto same = std::find_if(unmatchedDiff.begin(), unmatchedDiff.end(), [&](const Finding& diff) {
            return diff.rule == statement.rule && sameObject(diff.object, statement.object);
        });
        if (same != unmatchedDiff.end()) {
            merged.append(statement);
            unmatchedDiff.erase(same);
            continue;
        }
        // Another rule on the same object: the diff knows better (a type change that only
        // widens), the statement knows where.
        auto other = std::find_if(unmatchedDiff.begin(), unmatchedDiff.end(), [&](const Finding& diff) {
            return sameObject(diff.object, statement.object) && diff.statementNumber == 0;
        });
        if (other != unmatchedDiff.end()) {
            attribute(*other, statement);
            if (other->rule == QLatin1String("widen-column-type"))
                widenedStatements.insert(statement.statementNumber);
            continue;
        }
        droppedStatements.append(statement);
    }
    // PostgreSQL rewrites nothing for a type change that only widens a varchar or numeric.
    merged.erase(std::remove_if(merged.begin(), merged.end(),
                                [&](const Finding& finding) {
                                    return finding.rule == QLatin1String("table-rewrite")
                                        && widenedStatements.contains(finding.statementNumber);
                                }),
                 merged.end());

    for (Finding& diff : unmatchedDiff) {
        if (explainedByStatement(diff, merged))
            continue;
        if (diff.statementNumber == 0) {
            // Named differently by statement and diff (a constraint by its name or its
            // table): a statement with the same rule on the same table still says where.
            for (const Finding& statement : std::as_const(droppedStatements)) {
                const bool sameTable = sameObject(tableOf(diff.object), statement.object)
                    || sameObject(diff.object, tableOf(statement.object))
                    || sameObject(tableOf(diff.object), tableOf(statement.object))
                    || sameObject(diff.object, statement.object);
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

    const MigrationAnalyser analyser(catalog.dialect, options.profile);
    const auto wanted = [&](qint64 id) { return !options.only || options.only->contains(id); };
    qint64 last = std::numeric_limits<qint64>::max();
    if (options.only)
        last = options.only->isEmpty() ? 0 : *std::max_element(options.only->cbegin(), options.only->cend());

    const auto keep = [&](MigrationAnalysis&& analysis) {
        if (options.analysed)
            options.analysed(analysis);
        result.migrations.append(std::move(analysis));
    };
    std::optional<SchemaSnapshot> before; // the scratch schema right now, when it has been read
    QString brokenReplay; // set once a replay fails: later migrations cannot be replayed
    for (int i = 0; i < catalog.migrations.size() && catalog.migrations.at(i).id <= last; ++i) {
        if (cancel && cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("analysis cancelled"));
        if (progress)
            progress(i, catalog.migrations.size());
        const Migration& migration = catalog.migrations.at(i);
        if (!wanted(migration.id)) {
            // Only the state it leaves matters, for the migrations that are analysed.
            if (scratch && brokenReplay.isEmpty()) {
                if (const auto replayed = ScratchReplay::apply(*scratch, migration); !replayed.ok())
                    brokenReplay = QStringLiteral("#%1 before it failed to replay: %2").arg(migration.id).arg(replayed.failure);
                before.reset();
            }
            continue;
        }
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
            keep(std::move(analysis));
            continue;
        }
        if (escapes(statementFindings)) {
            // Never run, on a scratch database or anywhere: the statements are the verdict.
            analysis.method = MigrationAnalysis::Method::StatementRules;
            analysis.findings = statementFindings;
            analysis.verdict = Verdict::Breaking;
            if (scratch && brokenReplay.isEmpty())
                brokenReplay = QStringLiteral("#%1 before it reaches outside its database").arg(migration.id);
            keep(std::move(analysis));
            continue;
        }
        if (!scratch) {
            analysis.method = MigrationAnalysis::Method::StatementRules;
            analysis.findings = statementFindings;
            analysis.verdict = verdictOf(analysis.findings);
            keep(std::move(analysis));
            continue;
        }
        if (!brokenReplay.isEmpty()) {
            analysis.findings = statementFindings;
            analysis.problem = QStringLiteral("not replayed: %1").arg(brokenReplay);
            keep(std::move(analysis));
            continue;
        }
        if (!before) {
            auto snapshot = SchemaReader::read(scratch->connection());
            if (!snapshot)
                return snapshot.error();
            before = std::move(snapshot).value();
        }
        if (auto replayed = ScratchReplay::apply(*scratch, migration); !replayed.ok()) {
            keepUnreplayed(analysis, statementFindings, std::move(replayed));
            brokenReplay = analysis.verdict ? QStringLiteral("#%1 before it reaches outside its database").arg(migration.id)
                                            : QStringLiteral("#%1 before it failed to replay").arg(migration.id);
            keep(std::move(analysis));
            continue;
        }
        auto after = SchemaReader::read(scratch->connection());
        if (!after)
            return after.error();
        const SchemaDiff diff = SchemaDiff::between(*before, after.value());
        analysis.method = MigrationAnalysis::Method::Replay;
        analysis.findings = merge(statementFindings,
                                  DiffClassifier::classify(diff, *before, after.value(), catalog.dialect, options.profile),
                                  catalog.dialect);
        analysis.verdict = verdictOf(analysis.findings);
        before = std::move(after).value();
        keep(std::move(analysis));
    }
    if (progress)
        progress(catalog.migrations.size(), catalog.migrations.size());
    return result;
}

} // namespace backstep
