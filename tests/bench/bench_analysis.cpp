// Analysis speed on generated catalogs. Run with `make bench`; results go to README.md.
//
//   BM_SqliteStatementRules     statement rules over SQLite statements (target >= 20,000/s on one core)
//   BM_PostgresStatementRules   statement rules over PostgreSQL statements, parsed by libpg_query
//   BM_SqliteReplay/N           a full lint of an N-migration catalog on SQLite: replay, snapshots, diffs, rules
#include "analysis/analyzer.h"
#include "analysis/postgresstatementrules.h"
#include "analysis/sqlitestatementrules.h"
#include "catalog/statementsplitter.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

using namespace backstep;

namespace {

// A realistic mix: a few tables, then columns, indexes, backfills and drops on them.
QString migrationSql(int id, Dialect dialect)
{
    constexpr int tables = 50;
    const int table = id % tables;
    if (id < tables)
        return QStringLiteral("CREATE TABLE t%1 (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT);").arg(table);
    switch (id % 5) {
    case 0:
        return QStringLiteral("ALTER TABLE t%1 ADD COLUMN c%2 TEXT;").arg(table).arg(id);
    case 1:
        return QStringLiteral("CREATE INDEX i%2 ON t%1 (name);").arg(table).arg(id);
    case 2:
        return QStringLiteral("UPDATE t%1 SET name = lower(name) WHERE id > %2;").arg(table).arg(id);
    case 3:
        return dialect == Dialect::Postgres
            ? QStringLiteral("ALTER TABLE t%1 ADD COLUMN d%2 integer NOT NULL DEFAULT 0;").arg(table).arg(id)
            : QStringLiteral("ALTER TABLE t%1 ADD COLUMN d%2 INTEGER NOT NULL DEFAULT 0;").arg(table).arg(id);
    default:
        return QStringLiteral("DROP INDEX IF EXISTS i%1;").arg(id - 3);
    }
}

SqlStatements statements(int count, Dialect dialect)
{
    SqlStatements result;
    for (int id = 0; id < count; ++id) {
        SqlStatement statement { migrationSql(id, dialect), 1, 1 };
        result.append(statement);
    }
    return result;
}

void BM_SqliteStatementRules(benchmark::State& state)
{
    const SqlStatements all = statements(10000, Dialect::Sqlite);
    for (auto _ : state) {
        StatementContext context;
        for (const SqlStatement& statement : all)
            benchmark::DoNotOptimize(SqliteStatementRules::analyse(statement, context, AnalysisProfile::Default));
    }
    state.SetItemsProcessed(state.iterations() * all.size());
}

void BM_PostgresStatementRules(benchmark::State& state)
{
    const SqlStatements all = statements(10000, Dialect::Postgres);
    for (auto _ : state) {
        StatementContext context;
        for (const SqlStatement& statement : all)
            benchmark::DoNotOptimize(PostgresStatementRules::analyse(statement, context, AnalysisProfile::Default));
    }
    state.SetItemsProcessed(state.iterations() * all.size());
}

Catalog catalog(int count, Dialect dialect)
{
    Catalog result;
    result.dialect = dialect;
    for (int id = 0; id < count; ++id) {
        Migration migration;
        migration.id = id + 1;
        migration.name = QStringLiteral("m%1").arg(id);
        migration.upFile = QStringLiteral("generated/%1_m%1.sql").arg(id + 1);
        migration.upSql = migrationSql(id, dialect);
        migration.upStatements = StatementSplitter::split(migration.upSql, dialect).value();
        migration.backwardCompatible = true;
        result.migrations.append(migration);
    }
    return result;
}

void BM_SqliteReplay(benchmark::State& state)
{
    const Catalog generated = catalog(static_cast<int>(state.range(0)), Dialect::Sqlite);
    for (auto _ : state) {
        auto analysis = Analyzer::analyse(generated, {});
        if (!analysis.ok()) {
            state.SkipWithError(qPrintable(analysis.error().message));
            break;
        }
        benchmark::DoNotOptimize(analysis);
    }
    state.SetItemsProcessed(state.iterations() * generated.migrations.size());
}

} // namespace

BENCHMARK(BM_SqliteStatementRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PostgresStatementRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteReplay)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
