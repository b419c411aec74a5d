#include "simulationreport.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

namespace backstep {

using namespace Qt::StringLiterals;

namespace {

QString idText(qint64 id)
{
    return u"#"_s + QString::number(id);
}

QVector<qint64> blockingIds(const GateDecision& decision)
{
    QVector<qint64> ids;
    for (const GateDecision::Blocking& blocking : decision.blocking) {
        if (!ids.contains(blocking.id))
            ids.append(blocking.id);
    }
    return ids;
}

QString idList(const QVector<qint64>& ids)
{
    QStringList texts;
    for (qint64 id : ids)
        texts << idText(id);
    return texts.join(u", "_s);
}

bool blocks(const GateDecision& decision, qint64 id)
{
    return std::any_of(decision.blocking.cbegin(), decision.blocking.cend(),
        [id](const GateDecision::Blocking& blocking) { return blocking.id == id; });
}

std::optional<Verdict> verdictOf(const ProjectSnapshot& snapshot, qint64 id)
{
    const TimelineEntry* entry = snapshot.entry(id);
    return entry ? entry->verdict : std::nullopt;
}

bool isMislabelled(const ProjectSnapshot& snapshot, qint64 id)
{
    const TimelineEntry* entry = snapshot.entry(id);
    return entry && entry->mislabelled();
}

QString flagWord(const std::optional<bool>& flag)
{
    if (!flag)
        return u"unknown"_s;
    return *flag ? u"compatible"_s : u"not compatible"_s;
}

// A table cell: a pipe would end the cell, a line break the row.
QString cell(QString text)
{
    return text.replace(u'|', u"\\|"_s).replace(u'\n', u' ');
}

QString headLine(const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision)
{
    const QString head = decision.head ? idText(*decision.head) : u"none (empty ledger)"_s;
    const QString knows
        = decision.buildMax ? u"knows migrations up to "_s + idText(*decision.buildMax) : u"knows no migrations"_s;
    return u"Database `%1` (%2, ledger table `%3`, head %4). Build %5 %6.\n"_s.arg(
        snapshot.database, dialectName(snapshot.dialect), snapshot.ledgerTable, head, buildName, knows);
}

QString blockingSection(const GateDecision& decision)
{
    if (decision.blocking.isEmpty())
        return {};
    QString out = u"\n### Blocking migrations\n\n| id | name | reason | why |\n| ---: | --- | --- | --- |\n"_s;
    for (const GateDecision::Blocking& blocking : decision.blocking) {
        out += u"| %1 | %2 | %3 | %4 |\n"_s.arg(
            idText(blocking.id), cell(blocking.name), reasonName(blocking.reason), cell(blocking.explanation));
    }
    return out;
}

QString newerSection(const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision)
{
    if (decision.newer.isEmpty())
        return {};
    QString out = u"\n### Newer migrations (in the ledger, unknown to %1)\n\n"_s.arg(buildName)
        + u"| id | name | declared flag | analysed verdict | gate |\n| ---: | --- | --- | --- | --- |\n"_s;
    for (const LedgerRow& row : decision.newer) {
        const std::optional<Verdict> verdict = verdictOf(snapshot, row.id);
        QString verdictText = verdict ? verdictName(*verdict) : u"not analysed"_s;
        if (isMislabelled(snapshot, row.id))
            verdictText += u" (mislabelled)"_s;
        out += u"| %1 | %2 | %3 | %4 | %5 |\n"_s.arg(idText(row.id), cell(row.name), flagWord(row.backwardCompatible),
            verdictText, blocks(decision, row.id) ? u"blocks"_s : u"tolerated"_s);
    }
    return out;
}

QString otherSections(const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision)
{
    QString out;
    if (!decision.pending.isEmpty())
        out += u"\nPending: %1 would apply %2 at boot.\n"_s.arg(buildName, idList(decision.pending));
    if (!decision.outOfOrderPending.isEmpty())
        out += u"\nOut of order: %1 are pending below the head.\n"_s.arg(idList(decision.outOfOrderPending));
    if (!decision.drift.isEmpty()) {
        out += u"\n### Drift (the ledger and the build disagree)\n\n"_s;
        for (const GateDecision::Drift& drift : decision.drift) {
            const TimelineEntry* entry = snapshot.entry(drift.id);
            out += u"- "_s + driftExplanation(drift, entry ? entry->name : QString()) + u'\n';
        }
    }
    if (!snapshot.analysisNote.isEmpty())
        out += u"\nAnalysis: %1\n"_s.arg(snapshot.analysisNote);
    return out;
}

QJsonValue orNull(const std::optional<qint64>& id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QJsonArray jsonIds(const QVector<qint64>& ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

QJsonArray jsonBlocking(const GateDecision& decision)
{
    QJsonArray array;
    for (const GateDecision::Blocking& blocking : decision.blocking) {
        array.append(QJsonObject {
            { u"id"_s, blocking.id },
            { u"name"_s, blocking.name },
            { u"reason"_s, reasonName(blocking.reason) },
            { u"explanation"_s, blocking.explanation },
        });
    }
    return array;
}

QJsonArray jsonNewer(const ProjectSnapshot& snapshot, const GateDecision& decision)
{
    QJsonArray array;
    for (const LedgerRow& row : decision.newer) {
        const std::optional<Verdict> verdict = verdictOf(snapshot, row.id);
        array.append(QJsonObject {
            { u"id"_s, row.id },
            { u"name"_s, row.name },
            { u"backward_compatible"_s,
                row.backwardCompatible ? QJsonValue(*row.backwardCompatible) : QJsonValue(QJsonValue::Null) },
            { u"verdict"_s, verdict ? QJsonValue(verdictName(*verdict)) : QJsonValue(QJsonValue::Null) },
            { u"mislabelled"_s, isMislabelled(snapshot, row.id) },
            { u"blocks"_s, blocks(decision, row.id) },
        });
    }
    return array;
}

QJsonArray jsonDrift(const GateDecision& decision)
{
    QJsonArray array;
    for (const GateDecision::Drift& drift : decision.drift) {
        array.append(QJsonObject {
            { u"id"_s, drift.id },
            { u"kind"_s, driftKindName(drift.kind) },
            { u"expected"_s, drift.expected },
            { u"recorded"_s, drift.recorded },
        });
    }
    return array;
}

} // namespace

QString SimulationReport::sentence(const QString& buildName, const GateDecision& decision)
{
    const int newer = int(decision.newer.size());
    switch (decision.outcome) {
    case GateDecision::Outcome::Boot:
        return u"%1 would boot: the ledger holds nothing it does not know."_s.arg(buildName);
    case GateDecision::Outcome::BootToleratingNewer:
        return newer == 1
            ? u"%1 would boot: the newer migration %2 is recorded as backward-compatible."_s.arg(
                buildName, idText(decision.newer.first().id))
            : u"%1 would boot: the %2 newer migrations are all recorded as backward-compatible."_s.arg(buildName)
                  .arg(newer);
    case GateDecision::Outcome::Refuse:
        break;
    }
    const QVector<qint64> ids = blockingIds(decision);
    if (decision.blocking.size() == 1)
        return u"%1 would refuse to boot: %2."_s.arg(buildName, decision.blocking.first().explanation);
    if (ids.size() == 1)
        return u"%1 would refuse to boot: %2 blocks it."_s.arg(buildName, idText(ids.first()));
    return u"%1 would refuse to boot: %2 newer migrations block it (%3)."_s.arg(buildName)
        .arg(ids.size())
        .arg(idList(ids));
}

QString SimulationReport::markdown(
    const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision)
{
    const QString symbol = decision.mayBoot() ? u"\u2714"_s : u"\u2718"_s;
    return u"## Would %1 boot on this database?\n\n"_s.arg(buildName) + u"**"_s + symbol + u' '
        + sentence(buildName, decision) + u"**\n\n"_s + headLine(snapshot, buildName, decision)
        + blockingSection(decision) + newerSection(snapshot, buildName, decision)
        + otherSections(snapshot, buildName, decision) + u"\n_Simulated with Backstep "_s
        + QStringLiteral(BACKSTEP_VERSION) + u"._\n"_s;
}

QJsonObject SimulationReport::json(
    const ProjectSnapshot& snapshot, const QString& buildName, const GateDecision& decision)
{
    return {
        { u"build"_s, buildName },
        { u"build_max_id"_s, orNull(decision.buildMax) },
        { u"database"_s, snapshot.database },
        { u"dialect"_s, dialectName(snapshot.dialect) },
        { u"ledger_table"_s, snapshot.ledgerTable },
        { u"head"_s, orNull(decision.head) },
        { u"outcome"_s, outcomeName(decision.outcome) },
        { u"may_boot"_s, decision.mayBoot() },
        { u"sentence"_s, sentence(buildName, decision) },
        { u"blocking"_s, jsonBlocking(decision) },
        { u"newer"_s, jsonNewer(snapshot, decision) },
        { u"pending"_s, jsonIds(decision.pending) },
        { u"out_of_order_pending"_s, jsonIds(decision.outOfOrderPending) },
        { u"drift"_s, jsonDrift(decision) },
        { u"analysis_note"_s,
            snapshot.analysisNote.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(snapshot.analysisNote) },
    };
}

} // namespace backstep
