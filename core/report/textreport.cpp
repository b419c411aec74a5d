#include "textreport.h"

#include "analysis/rulecatalogue.h"
#include "ledger/timestamp.h"

#include <QStringList>

namespace backstep {

namespace {

QString flagWord(const std::optional<bool>& flag)
{
    if (!flag)
        return QStringLiteral("unknown");
    return *flag ? QStringLiteral("compatible") : QStringLiteral("breaking");
}

// The analysed verdict, and whether the recorded flag contradicts it.
QString analysisWord(const LedgerRow& row, const QHash<qint64, Verdict>& verdicts)
{
    const auto found = verdicts.constFind(row.id);
    if (found == verdicts.cend())
        return QStringLiteral("-");
    QString word = verdictName(*found);
    if (*found == Verdict::Breaking && row.backwardCompatible.value_or(false))
        word += QStringLiteral(" (mislabelled!)");
    return word;
}

QString appliedAtText(const LedgerRow& row)
{
    if (row.appliedAt.isValid())
        return Timestamp::toDisplay(row.appliedAt);
    return row.appliedAtText.isEmpty() ? QStringLiteral("-") : row.appliedAtText;
}

void appendPadding(QString& out, qsizetype count)
{
    static const QString spaces(256, QLatin1Char(' '));
    for (; count > 0; count -= spaces.size())
        out.append(QStringView(spaces).left(std::min(count, spaces.size())));
}

// Lays out rows of cells in left-aligned columns (right-aligned where asked), two spaces
// apart. Written straight into one string: a status table can have 100,000 rows.
QString table(const QVector<QStringList>& rows, const QVector<bool>& rightAligned, const QString& indent)
{
    QVector<qsizetype> widths;
    qsizetype lineWidth = indent.size();
    for (const QStringList& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (int i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    for (qsizetype width : widths)
        lineWidth += width + 2;
    QString out;
    out.reserve(rows.size() * lineWidth);
    for (const QStringList& row : rows) {
        out += indent;
        for (int i = 0; i < row.size(); ++i) {
            const QString& cell = row.at(i);
            const bool right = i < rightAligned.size() && rightAligned.at(i);
            const bool last = i == row.size() - 1;
            if (right)
                appendPadding(out, widths.at(i) - cell.size());
            out += cell;
            if (!right && !last)
                appendPadding(out, widths.at(i) - cell.size());
            if (!last)
                out += QLatin1String("  ");
        }
        out += QLatin1Char('\n');
    }
    return out;
}

QString idList(const QVector<qint64>& ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QStringLiteral("#%1").arg(id));
    return parts.join(QStringLiteral(", "));
}

// "1 migration", "3 migrations"
QString count(qsizetype n, const QString& noun)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(noun, n == 1 ? QString() : QStringLiteral("s"));
}

QString headText(const std::optional<qint64>& head)
{
    return head ? QStringLiteral("#%1").arg(*head) : QStringLiteral("none (empty ledger)");
}

QString decisionLine(const GateDecision& decision, const QString& buildLabel)
{
    switch (decision.outcome) {
    case GateDecision::Outcome::Boot:
        return QStringLiteral("BOOT: %1 would boot; the ledger holds nothing it does not know (head %2).")
            .arg(buildLabel, headText(decision.head));
    case GateDecision::Outcome::BootToleratingNewer:
        return QStringLiteral("BOOT (tolerating newer): %1 would boot; %2 newer than it %3 recorded "
                              "backward-compatible.")
            .arg(buildLabel, decision.newer.size() == 1 ? QStringLiteral("the 1 migration") : QStringLiteral("all %1 migrations").arg(decision.newer.size()),
                 decision.newer.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
    case GateDecision::Outcome::Refuse:
        break;
    }
    QVector<qint64> blockingIds;
    for (const auto& blocking : decision.blocking) {
        if (!blockingIds.contains(blocking.id))
            blockingIds.append(blocking.id);
    }
    return QStringLiteral("REFUSE: %1 would refuse to boot; %2 %3 it.")
        .arg(buildLabel, idList(blockingIds), blockingIds.size() == 1 ? QStringLiteral("blocks") : QStringLiteral("block"));
}

QString driftLine(const GateDecision::Drift& drift)
{
    const auto shortened = [&](const QString& text) {
        return drift.kind == GateDecision::Drift::Kind::Checksum ? text.left(12) + QStringLiteral("…") : text;
    };
    return QStringLiteral("#%1 %2 differs: ledger \"%3\", build \"%4\"")
        .arg(drift.id)
        .arg(driftKindName(drift.kind), shortened(drift.recorded), shortened(drift.expected));
}

QString gateDetails(const GateDecision& decision)
{
    QString out;
    if (!decision.blocking.isEmpty()) {
        out += QStringLiteral("Blocking:\n");
        for (const auto& blocking : decision.blocking)
            out += QStringLiteral("  ") + blocking.explanation + QLatin1Char('\n');
    }
    QVector<QStringList> tolerated;
    for (const LedgerRow& row : decision.newer) {
        const bool blocks = std::any_of(decision.blocking.cbegin(), decision.blocking.cend(),
                                        [&](const GateDecision::Blocking& blocking) { return blocking.id == row.id; });
        if (row.backwardCompatible.value_or(false) && !blocks)
            tolerated.append({ QStringLiteral("#%1").arg(row.id), row.name });
    }
    if (!tolerated.isEmpty())
        out += QStringLiteral("Newer, recorded backward-compatible:\n") + table(tolerated, { true }, QStringLiteral("  "));
    if (!decision.pending.isEmpty())
        out += QStringLiteral("Pending (the build applies these at boot): %1\n").arg(idList(decision.pending));
    if (!decision.outOfOrderPending.isEmpty())
        out += QStringLiteral("Out of order (pending below head %1): %2\n")
                   .arg(headText(decision.head), idList(decision.outOfOrderPending));
    if (!decision.drift.isEmpty()) {
        out += QStringLiteral("Drift (the ledger and the build disagree):\n");
        for (const auto& drift : decision.drift)
            out += QStringLiteral("  ") + driftLine(drift) + QLatin1Char('\n');
    }
    return out;
}

} // namespace

QString TextReport::status(const StatusReport& report)
{
    QString out = QStringLiteral("%1 (%2, ledger table %3)\n")
                      .arg(report.database, dialectName(report.dialect), report.ledgerTable);
    out += QStringLiteral("Head %1, %2 applied").arg(headText(report.head())).arg(report.rows.size());
    if (report.hasCatalog)
        out += QStringLiteral(", %1 pending").arg(report.pending.size());
    out += QStringLiteral("\n");
    if (!report.rows.isEmpty()) {
        QVector<QStringList> rows { { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("applied at (UTC)"),
                                      QStringLiteral("flag"), QStringLiteral("by"), QStringLiteral("ms") } };
        if (report.analysed)
            rows.first().insert(4, QStringLiteral("analysis"));
        for (const LedgerRow& row : report.rows) {
            QStringList cells { QString::number(row.id), row.name, appliedAtText(row), flagWord(row.backwardCompatible),
                                row.appliedBy.isEmpty() ? QStringLiteral("-") : row.appliedBy,
                                row.durationMs ? QString::number(*row.durationMs) : QStringLiteral("-") };
            if (report.analysed)
                cells.insert(4, analysisWord(row, report.verdicts));
            rows.append(cells);
        }
        QVector<bool> right { true, false, false, false, false, true };
        if (report.analysed)
            right.insert(4, false);
        out += QLatin1Char('\n') + table(rows, right, QStringLiteral("  "));
    }
    if (report.hasCatalog && !report.pending.isEmpty())
        out += QStringLiteral("\nPending (in the catalog, not in the ledger): %1\n").arg(idList(report.pending));
    if (!report.analysisNote.isEmpty())
        out += QStringLiteral("Analysis: %1\n").arg(report.analysisNote);
    if (report.hasCatalog && !report.unknownToCatalog.isEmpty())
        out += QStringLiteral("Newer than the catalog (in the ledger, not in the catalog): %1\n")
                   .arg(idList(report.unknownToCatalog));
    return out;
}

QString TextReport::check(const GateDecision& decision, const QString& buildLabel)
{
    return decisionLine(decision, buildLabel) + QLatin1Char('\n') + gateDetails(decision);
}

QString TextReport::run(const RunReport& report, const QString& buildLabel)
{
    if (!report.decision.mayBoot())
        return decisionLine(report.decision, buildLabel) + QStringLiteral(" Nothing was applied.\n")
            + gateDetails(report.decision);

    QString out;
    if (report.applied.isEmpty() && !report.failure && !report.cancelled)
        out += QStringLiteral("Up to date: %1 has nothing to apply (head %2).\n").arg(buildLabel, headText(report.decision.head));
    if (!report.applied.isEmpty()) {
        out += QStringLiteral("Applied %1 for %2:\n").arg(count(report.applied.size(), QStringLiteral("migration")), buildLabel);
        QVector<QStringList> rows;
        for (const auto& applied : report.applied)
            rows.append({ QStringLiteral("#%1").arg(applied.id), applied.name, QStringLiteral("%1 ms").arg(applied.durationMs) });
        out += table(rows, { true, false, true }, QStringLiteral("  "));
    }
    if (!report.appliedByOthers.isEmpty())
        out += QStringLiteral("Applied meanwhile by another runner: %1\n").arg(idList(report.appliedByOthers));
    if (report.cancelled)
        out += QStringLiteral("Cancelled: the remaining migrations were not applied.\n");
    if (const auto& failure = report.failure) {
        out += QStringLiteral("FAILED: #%1 %2, statement %3 (%4:%5): %6\n")
                   .arg(failure->id)
                   .arg(failure->name)
                   .arg(failure->statementNumber)
                   .arg(failure->file)
                   .arg(failure->line)
                   .arg(failure->databaseError);
        out += failure->noTransaction
            ? QStringLiteral("  #%1 runs without a transaction: statements before %2 stayed applied; it was not "
                             "recorded and runs again next time. Later migrations were not applied.\n")
                  .arg(failure->id)
                  .arg(failure->statementNumber)
            : QStringLiteral("  #%1 was rolled back and not recorded; later migrations were not applied.\n")
                  .arg(failure->id);
    }
    if (!report.decision.newer.isEmpty() || !report.decision.drift.isEmpty())
        out += gateDetails(report.decision);
    return out;
}

QString TextReport::rules()
{
    QVector<QStringList> rows { { QStringLiteral("rule"), QStringLiteral("severity"), QStringLiteral("strict"),
                                  QStringLiteral("what") } };
    for (const Rule& rule : RuleCatalogue::all())
        rows.append({ rule.id, severityName(rule.severity), severityName(rule.strictSeverity), rule.title });
    return table(rows, {}, QString());
}

} // namespace backstep
