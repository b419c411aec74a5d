#include "jsonreport.h"

#include "analysis/rulecatalogue.h"
#include "ledger/timestamp.h"

#include <QJsonArray>

namespace backstep {

namespace {

QJsonValue optionalId(const std::optional<qint64>& id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QJsonValue flag(const std::optional<bool>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonArray ids(const QVector<qint64>& values)
{
    QJsonArray array;
    for (qint64 id : values)
        array.append(id);
    return array;
}

QJsonValue appliedAt(const LedgerRow& row)
{
    if (row.appliedAt.isValid())
        return Timestamp::toIso(row.appliedAt);
    return textOrNull(row.appliedAtText);
}

QJsonValue verdictOrNull(const QHash<qint64, Verdict>& verdicts, qint64 id)
{
    const auto found = verdicts.constFind(id);
    return found == verdicts.cend() ? QJsonValue(QJsonValue::Null) : QJsonValue(verdictName(*found));
}

QJsonObject ledgerRow(const LedgerRow& row)
{
    return {
        { QStringLiteral("id"), row.id },
        { QStringLiteral("name"), row.name },
        { QStringLiteral("applied_at"), appliedAt(row) },
        { QStringLiteral("backward_compatible"), flag(row.backwardCompatible) },
        { QStringLiteral("checksum"), textOrNull(row.checksum) },
        { QStringLiteral("applied_by"), textOrNull(row.appliedBy) },
        { QStringLiteral("duration_ms"), row.durationMs ? QJsonValue(*row.durationMs) : QJsonValue(QJsonValue::Null) },
    };
}

QJsonArray newerRows(const LedgerRows& rows, const QHash<qint64, Verdict>& verdicts, bool analysed)
{
    QJsonArray array;
    for (const LedgerRow& row : rows) {
        QJsonObject object {
            { QStringLiteral("id"), row.id },
            { QStringLiteral("name"), row.name },
            { QStringLiteral("backward_compatible"), flag(row.backwardCompatible) },
        };
        if (analysed)
            object.insert(QStringLiteral("verdict"), verdictOrNull(verdicts, row.id));
        array.append(object);
    }
    return array;
}

QJsonArray blockingRows(const QVector<GateDecision::Blocking>& blocking)
{
    QJsonArray array;
    for (const auto& row : blocking) {
        array.append(QJsonObject {
            { QStringLiteral("id"), row.id },
            { QStringLiteral("name"), row.name },
            { QStringLiteral("reason"), reasonName(row.reason) },
            { QStringLiteral("explanation"), row.explanation },
        });
    }
    return array;
}

QJsonArray driftRows(const QVector<GateDecision::Drift>& drift)
{
    QJsonArray array;
    for (const auto& row : drift) {
        array.append(QJsonObject {
            { QStringLiteral("id"), row.id },
            { QStringLiteral("kind"), driftKindName(row.kind) },
            { QStringLiteral("expected"), row.expected },
            { QStringLiteral("recorded"), row.recorded },
        });
    }
    return array;
}

QJsonValue failure(const std::optional<RunReport::Failure>& failed)
{
    if (!failed)
        return QJsonValue::Null;
    return QJsonObject {
        { QStringLiteral("id"), failed->id },
        { QStringLiteral("name"), failed->name },
        { QStringLiteral("file"), failed->file },
        { QStringLiteral("statement_number"), failed->statementNumber },
        { QStringLiteral("line"), failed->line },
        { QStringLiteral("statement"), failed->statement },
        { QStringLiteral("database_error"), failed->databaseError },
        { QStringLiteral("no_transaction"), failed->noTransaction },
    };
}

} // namespace

QJsonObject JsonReport::status(const StatusReport& report)
{
    QJsonArray rows;
    for (const LedgerRow& row : report.rows) {
        QJsonObject object = ledgerRow(row);
        if (report.analysed)
            object.insert(QStringLiteral("verdict"), verdictOrNull(report.verdicts, row.id));
        rows.append(object);
    }
    QJsonObject object {
        { QStringLiteral("database"), report.database },
        { QStringLiteral("dialect"), dialectName(report.dialect) },
        { QStringLiteral("ledger_table"), report.ledgerTable },
        { QStringLiteral("head"), optionalId(report.head()) },
        { QStringLiteral("rows"), rows },
        { QStringLiteral("pending"), report.hasCatalog ? QJsonValue(ids(report.pending)) : QJsonValue(QJsonValue::Null) },
    };
    if (report.hasCatalog)
        object.insert(QStringLiteral("unknown_to_catalog"), ids(report.unknownToCatalog));
    if (!report.analysisNote.isEmpty())
        object.insert(QStringLiteral("analysis_note"), report.analysisNote);
    return object;
}

QJsonObject JsonReport::check(const GateDecision& decision, const QHash<qint64, Verdict>& verdicts,
                              const QString& analysisNote)
{
    QJsonObject object {
        { QStringLiteral("decision"), outcomeName(decision.outcome) },
        { QStringLiteral("head"), optionalId(decision.head) },
        { QStringLiteral("build_max"), optionalId(decision.buildMax) },
        { QStringLiteral("pending"), ids(decision.pending) },
        { QStringLiteral("out_of_order_pending"), ids(decision.outOfOrderPending) },
        { QStringLiteral("newer"), newerRows(decision.newer, verdicts, !verdicts.isEmpty()) },
        { QStringLiteral("blocking"), blockingRows(decision.blocking) },
        { QStringLiteral("drift"), driftRows(decision.drift) },
    };
    if (!analysisNote.isEmpty())
        object.insert(QStringLiteral("analysis_note"), analysisNote);
    return object;
}

QJsonObject JsonReport::run(const RunReport& report)
{
    QJsonArray applied;
    for (const auto& migration : report.applied) {
        applied.append(QJsonObject {
            { QStringLiteral("id"), migration.id },
            { QStringLiteral("name"), migration.name },
            { QStringLiteral("duration_ms"), migration.durationMs },
        });
    }
    return {
        { QStringLiteral("gate"), check(report.decision) },
        { QStringLiteral("applied"), applied },
        { QStringLiteral("applied_by_others"), ids(report.appliedByOthers) },
        { QStringLiteral("failure"), failure(report.failure) },
        { QStringLiteral("cancelled"), report.cancelled },
        { QStringLiteral("succeeded"), report.succeeded() },
    };
}

QJsonObject JsonReport::rules()
{
    QJsonArray rules;
    for (const Rule& rule : RuleCatalogue::all()) {
        rules.append(QJsonObject {
            { QStringLiteral("id"), rule.id },
            { QStringLiteral("severity"), severityName(rule.severity) },
            { QStringLiteral("strict_severity"), severityName(rule.strictSeverity) },
            { QStringLiteral("title"), rule.title },
            { QStringLiteral("why"), rule.why },
            { QStringLiteral("instead"), rule.instead },
        });
    }
    return { { QStringLiteral("rules"), rules } };
}

} // namespace backstep
