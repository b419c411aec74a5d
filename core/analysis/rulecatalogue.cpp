#include "rulecatalogue.h"

#include <QHash>

namespace backstep {

namespace {

using S = Finding::Severity;

Rule rule(const char* id, S severity, const char* title, const char* why, const char* instead)
{
    return { QString::fromUtf8(id), severity, severity, QString::fromUtf8(title), QString::fromUtf8(why),
             QString::fromUtf8(instead) };
}

// A rule whose severity depends on the profile.
Rule profiled(const char* id, S severity, S strictSeverity, const char* title, const char* why, const char* instead)
{
    Rule r = rule(id, severity, title, why, instead);
    r.strictSeverity = strictSeverity;
    return r;
}

QVector<Rule> makeCatalogue()
{
    return {
        // Breaking: older code names something that is gone or changed.
        rule("drop-table", S::Breaking, "Drop table",
             "Older builds still read and write the table; every query on it fails with \"no such table\".",
             "Stop using the table in one release; drop it in a later release that is no longer a rollback target."),
        rule("drop-column", S::Breaking, "Drop column",
             "Older builds select and insert the column by name; those statements fail.",
             "Expand-contract: stop reading and writing the column first, drop it only once no supported build "
             "uses it."),
        rule("rename-table", S::Breaking, "Rename table",
             "Older builds use the old name, which no longer exists.",
             "Create the new table (or a view under the new name), write to both, move readers, drop the old one "
             "later."),
        rule("rename-column", S::Breaking, "Rename column",
             "Older builds use the old column name, which no longer exists.",
             "Add the new column, write both and backfill, move readers, drop the old column in a later release."),
        rule("change-column-type", S::Breaking, "Change column type",
             "Older builds decode values with the type they were written for; strictly typed drivers (Diesel, "
             "sqlx, Go scanners, JDBC) reject another wire type, and a narrower type rejects values older builds "
             "still write.",
             "Add a column of the new type, write both, backfill, move readers, drop the old column later. Only "
             "widening within one type family (varchar(n) to varchar(m >= n) or text, more numeric precision) is "
             "safe."),
        rule("add-not-null-column-without-default", S::Breaking, "Add NOT NULL column without default",
             "Older builds insert rows without the new column; the database rejects them for the NULL.",
             "Add the column nullable or with a default; make it NOT NULL only once every supported build writes "
             "it."),
        rule("set-not-null", S::Breaking, "Set NOT NULL on an existing column",
             "Older builds may insert or update NULL into the column and now fail.",
             "Keep the column nullable until no supported build writes NULL; add a default first if inserts omit "
             "it."),
        rule("add-check-constraint", S::Breaking, "Add CHECK constraint to an existing table",
             "Older builds may write values the new check rejects.",
             "Validate in the application first; add the constraint once no supported build writes such values "
             "(PostgreSQL: NOT VALID, then VALIDATE)."),
        rule("add-unique-constraint", S::Breaking, "Add UNIQUE constraint or unique index to an existing table",
             "Older builds may write duplicates, which now fail.",
             "Deduplicate in the application first; add the constraint once no supported build writes "
             "duplicates."),
        rule("add-foreign-key", S::Breaking, "Add FOREIGN KEY to an existing table",
             "Older builds may write rows whose reference does not exist, or delete parents in an order the new "
             "key forbids.",
             "Enforce the reference in the application first (PostgreSQL: NOT VALID, then VALIDATE), add the "
             "key later."),
        rule("add-primary-key", S::Breaking, "Add PRIMARY KEY to an existing table",
             "The key makes its columns NOT NULL and unique; older builds that write NULLs or duplicates fail.",
             "Add a unique index concurrently after the data is clean, then promote it, in a later release."),
        rule("drop-column-default", S::Breaking, "Drop a column default",
             "Older builds leave the column out of their INSERTs and relied on the default; they now insert NULL "
             "or fail on NOT NULL.",
             "Keep the default until no supported build omits the column."),
        rule("drop-unique-constraint", S::Breaking, "Drop a UNIQUE constraint or unique index",
             "Older builds use it as an ON CONFLICT target (upserts fail: \"no unique or exclusion constraint "
             "matching\") or rely on it to reject duplicates.",
             "Keep the unique index until no supported build upserts on it."),
        rule("drop-view", S::Breaking, "Drop view", "Older builds still select from the view.",
             "Keep the view, redefined over the new schema if needed, until no supported build reads it."),
        rule("drop-function", S::Breaking, "Drop function or procedure",
             "Older builds, their triggers or their defaults still call it.",
             "Keep the function until no supported build, trigger or default calls it."),
        rule("drop-trigger", S::Breaking, "Drop trigger",
             "Older builds rely on what the trigger maintains (timestamps, counters, audit rows).",
             "Keep the trigger until no supported build relies on it, or move its work into the application "
             "first."),
        rule("drop-sequence", S::Breaking, "Drop sequence",
             "Older builds, or their column defaults, call nextval() on it.",
             "Keep the sequence until no supported build uses it."),
        rule("rename-sequence", S::Breaking, "Rename sequence", "Older builds call nextval() with the old name.",
             "Keep the old name; create a new sequence if a new name is needed."),
        rule("drop-type", S::Breaking, "Drop type, enum or domain",
             "Older builds cast to the type or create columns and functions with it.",
             "Keep the type until no supported build names it."),
        rule("rename-type", S::Breaking, "Rename type, enum or domain", "Older builds cast to the old name.",
             "Create the new type beside the old one and move to it across releases."),
        rule("rename-enum-value", S::Breaking, "Rename enum value",
             "Older builds write and compare the old label; writes fail and comparisons silently miss.",
             "Add the new value, write both spellings' readers, migrate rows, and stop using the old label "
             "later."),
        rule("drop-schema", S::Breaking, "Drop schema", "Older builds name objects in that schema.",
             "Keep the schema until no supported build uses it."),
        rule("rename-schema", S::Breaking, "Rename schema", "Older builds name objects with the old schema name.",
             "Keep the old schema name."),
        rule("set-schema", S::Breaking, "Move an object to another schema (SET SCHEMA)",
             "Older builds find the object by its old qualified name or search path.",
             "Leave a view or synonym under the old name, or keep the object where it is."),
        rule("drop-extension", S::Breaking, "Drop extension",
             "Older builds call the extension's functions and types.",
             "Keep the extension until no supported build uses it."),
        rule("drop-identity", S::Breaking, "Drop identity or column default sequence",
             "Older builds insert without the id and relied on the database to generate it.",
             "Keep the identity until no supported build omits the id."),
        rule("rename-constraint", S::Caution, "Rename constraint or index",
             "Older builds may name it: ON CONFLICT ON CONSTRAINT, error handling that matches the name, index "
             "hints.",
             "Keep the old name unless you know no supported build names it."),
        rule("drop-constraint", S::Caution, "Drop CHECK or FOREIGN KEY constraint",
             "Older builds keep working, but may name the constraint or rely on it to reject bad data.",
             "Fine when no supported build names the constraint."),
        rule("drop-policy", S::Caution, "Drop or alter a row-level security policy",
             "Older builds may rely on the policy to hide or allow rows.",
             "Keep the policy while any supported build depends on it."),
        rule("alter-identity", S::Caution, "Change an identity column",
             "Older builds that insert explicit ids may now fail (GENERATED ALWAYS) or collide with the new "
             "sequence position.",
             "Check how every supported build inserts into the table."),

        // Caution: older code keeps working, but the migration deserves a look.
        rule("rewrite-rows", S::Caution, "UPDATE or DELETE of existing rows",
             "Older builds keep working, but the data they meet has changed: values they do not expect (a new "
             "enum-like value) can break them, and a large rewrite locks the table.",
             "Make sure every supported build understands the rewritten values; batch large rewrites."),
        rule("drop-index", S::Caution, "Drop a non-unique index",
             "Older builds keep working, but queries that used the index may get much slower.",
             "Check the query plans of the supported builds first."),
        rule("create-index-blocking", S::Caution, "CREATE INDEX without CONCURRENTLY on an existing table",
             "PostgreSQL blocks writes to the table while the index builds; older and newer builds alike stall.",
             "Use CREATE INDEX CONCURRENTLY in a migration marked -- backstep: no-transaction."),
        rule("table-rewrite", S::Caution, "DDL that rewrites or locks the whole table",
             "The statement takes an ACCESS EXCLUSIVE lock and may rewrite every row (a type change, a volatile "
             "default, VACUUM FULL, CLUSTER); every build stalls meanwhile.",
             "Split it into steps that do not rewrite, or run it in a maintenance window."),
        rule("opaque-sql", S::Caution, "SQL whose effect analysis cannot see",
             "A DO block, dynamic SQL (EXECUTE) or a function body can do anything; analysis cannot tell what "
             "older builds will meet.",
             "Review it by hand; prefer plain DDL in migrations."),
        rule("escapes-sandbox", S::Breaking, "Migration reaches outside its database",
             "It reads or writes the server's files, runs a program, loads a library, or changes roles, other "
             "databases or the server itself (COPY ... PROGRAM, COPY to a file, ATTACH, VACUUM INTO, ALTER SYSTEM, "
             "CREATE ROLE, an untrusted extension). Backstep never runs it outside migrate, so its effect is not "
             "analysed; any build that applies it can harm the host, not just the schema.",
             "Keep migrations to the app's own schema and rows; do server administration outside the migration "
             "catalog, by hand or in the deployment."),
        rule("transaction-control", S::Caution, "Transaction control inside a migration",
             "COMMIT, ROLLBACK, SAVEPOINT or SET TRANSACTION inside a migration that the runner applies in one "
             "transaction end or split that transaction: a failure after them leaves the migration half applied "
             "and its ledger row out of step. A rehearsal refuses to run such a down script on a live database.",
             "Let the runner own the transaction: drop these statements (a BEGIN first and a COMMIT last around "
             "the whole file are recognised and fine), or mark the migration -- backstep: no-transaction."),
        rule("replay-failed", S::Caution, "Migration could not be replayed",
             "The migration failed on a scratch database, so the schema diff is missing and the verdict rests on "
             "statement rules alone.",
             "Fix the migration or the catalog order so that it replays."),

        // Compatible: things older code ignores.
        rule("create-table", S::Info, "Create table", "Older builds do not know the new table and ignore it.", ""),
        profiled("add-nullable-column", S::Info, S::Caution, "Add nullable column",
                 "Older builds that name their columns ignore it. (Strict profile: SELECT * and positional INSERT "
                 "see a new result shape.)",
                 "Strict profile: make sure no supported build uses SELECT * or positional INSERT on the table."),
        profiled("add-column-with-default", S::Info, S::Caution, "Add column with a default",
                 "Older builds that name their columns ignore it; their INSERTs get the default. (Strict profile: "
                 "SELECT * and positional INSERT see a new result shape.)",
                 "Strict profile: make sure no supported build uses SELECT * or positional INSERT on the table."),
        rule("widen-column-type", S::Info, "Widen a column type within its family",
             "varchar(n) to varchar(m >= n) or text, or more numeric precision: older builds read and write the "
             "same values.",
             ""),
        rule("create-index", S::Info, "Create index",
             "Older builds are unaffected (on PostgreSQL, prefer CONCURRENTLY on large tables).", ""),
        rule("create-view", S::Info, "Create view or function", "Older builds do not know it and ignore it.", ""),
        rule("create-other", S::Info, "Create sequence, type, trigger or other object",
             "Older builds do not know it and ignore it.", ""),

        // The truth check.
        rule("mislabelled", S::Breaking, "Declared backward-compatible, analysed breaking",
             "The migration says older builds keep working, but analysis finds a breaking change: the gate would "
             "let an older build boot into failures.",
             "Remove \"-- backstep: backward-compatible\", or rewrite the migration as expand-contract."),
        rule("over-cautious", S::Info, "Declared breaking, analysed compatible",
             "The migration only adds things older code ignores, but does not say so; older builds are refused "
             "for nothing.",
             "Add \"-- backstep: backward-compatible\" to its header if you agree with the analysis."),
    };
}

} // namespace

const QVector<Rule>& RuleCatalogue::all()
{
    static const QVector<Rule> rules = makeCatalogue();
    return rules;
}

const Rule* RuleCatalogue::find(const QString& id)
{
    static const QHash<QString, const Rule*> byId = [] {
        QHash<QString, const Rule*> index;
        for (const Rule& rule : all())
            index.insert(rule.id, &rule);
        return index;
    }();
    return byId.value(id, nullptr);
}

Finding RuleCatalogue::finding(const QString& id, AnalysisProfile profile)
{
    Finding finding;
    finding.rule = id;
    if (const Rule* rule = find(id))
        finding.severity = rule->severityFor(profile);
    return finding;
}

QString RuleCatalogue::markdown()
{
    QString out = QStringLiteral(
        "# Analysis rules\n\n"
        "Generated from `core/analysis/rulecatalogue.cpp` by `backstep-cli rules --format markdown`; a test keeps "
        "this page and the code identical.\n\n"
        "A migration's verdict is the worst severity among its findings: **breaking** > **caution** > "
        "**info** (compatible). The strict profile (`--profile strict`) is for apps whose older code uses "
        "`SELECT *` or positional `INSERT`.\n\n"
        "| rule | severity | strict | what |\n| --- | --- | --- | --- |\n");
    for (const Rule& rule : all()) {
        out += QStringLiteral("| [`%1`](#%1) | %2 | %3 | %4 |\n")
                   .arg(rule.id, severityName(rule.severity), severityName(rule.strictSeverity), rule.title);
    }
    for (const Rule& rule : all()) {
        out += QStringLiteral("\n## %1\n\n**%2** (%3). %4\n").arg(rule.id, rule.title, severityName(rule.severity), rule.why);
        if (!rule.instead.isEmpty())
            out += QStringLiteral("\nInstead: %1\n").arg(rule.instead);
    }
    return out;
}

} // namespace backstep
