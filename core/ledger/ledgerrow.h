#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// One row of the ledger table: what was applied, when, by which build, with which
// flag and checksum. Columns a legacy ledger lacks are empty / std::nullopt; a
// missing flag is "unknown", which the gate never treats as compatible.
struct LedgerRow
{
    qint64 id = 0;
    QString name;
    QDateTime appliedAt; // invalid when NULL or unparseable; see appliedAtText
    QString appliedAtText; // the stored value as text, for display when it does not parse
    std::optional<bool> backwardCompatible;
    QString checksum; // empty when NULL
    QString appliedBy; // empty when NULL
    std::optional<qint64> durationMs;

    friend bool operator==(const LedgerRow& a, const LedgerRow& b)
    {
        return a.id == b.id && a.name == b.name && a.appliedAt == b.appliedAt && a.appliedAtText == b.appliedAtText
            && a.backwardCompatible == b.backwardCompatible && a.checksum == b.checksum
            && a.appliedBy == b.appliedBy && a.durationMs == b.durationMs;
    }
};

using LedgerRows = QVector<LedgerRow>;

} // namespace backstep

Q_DECLARE_METATYPE(backstep::LedgerRow)
