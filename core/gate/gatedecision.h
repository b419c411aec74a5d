#pragma once

#include "ledger/ledgerrow.h"

#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// The gate's answer to "may this build boot on this ledger?", with every reason.
struct GateDecision
{
    enum class Outcome {
        Boot, // the ledger holds nothing the build does not know
        BootToleratingNewer, // newer rows exist, all recorded backward-compatible
        Refuse, // at least one blocking row
    };

    // Why a ledger row stops the build from booting.
    struct Blocking
    {
        enum class Reason {
            FlagFalse, // newer row recorded as not backward-compatible
            FlagUnknown, // newer row with NULL flag (legacy runner or foreign ledger)
            Mislabelled, // newer row recorded compatible, but its SQL analyses as breaking
            Drift, // known row whose checksum or name differs (strict mode only)
        };
        qint64 id = 0;
        QString name;
        Reason reason = Reason::FlagUnknown;
        QString explanation; // one sentence for people

        friend bool operator==(const Blocking& a, const Blocking& b)
        {
            return a.id == b.id && a.name == b.name && a.reason == b.reason && a.explanation == b.explanation;
        }
    };

    // A ledger row the build knows, but differently.
    struct Drift
    {
        enum class Kind {
            Checksum,
            Name,
        };
        qint64 id = 0;
        Kind kind = Kind::Checksum;
        QString expected; // what the build's catalog says
        QString recorded; // what the ledger says

        friend bool operator==(const Drift& a, const Drift& b)
        {
            return a.id == b.id && a.kind == b.kind && a.expected == b.expected && a.recorded == b.recorded;
        }
    };

    Outcome outcome = Outcome::Boot;
    std::optional<qint64> head; // highest id in the ledger; nullopt for an empty ledger
    std::optional<qint64> buildMax; // highest id the build knows; nullopt for an empty catalog
    QVector<qint64> pending; // ids the build knows that the ledger lacks, ascending
    QVector<qint64> outOfOrderPending; // the pending ids below head (applied out of order)
    LedgerRows newer; // ledger rows the build does not know, ascending
    QVector<Blocking> blocking; // ascending by id; Drift entries only in strict mode
    QVector<Drift> drift; // ascending by id

    bool mayBoot() const
    {
        return outcome != Outcome::Refuse;
    }

    friend bool operator==(const GateDecision& a, const GateDecision& b)
    {
        return a.outcome == b.outcome && a.head == b.head && a.buildMax == b.buildMax && a.pending == b.pending
            && a.outOfOrderPending == b.outOfOrderPending && a.newer == b.newer && a.blocking == b.blocking
            && a.drift == b.drift;
    }
};

// "boot", "boot-tolerating-newer", "refuse": the words of the JSON output.
QString outcomeName(GateDecision::Outcome outcome);
// "flag-false", "flag-unknown", "mislabelled", "drift"
QString reasonName(GateDecision::Blocking::Reason reason);
// "checksum", "name"
QString driftKindName(GateDecision::Drift::Kind kind);

// One sentence for people about one drift entry, naming the id and `name` (the
// ledger row's name), e.g. "#3 init: checksum differs from this build's file
// (ledger 1a2b3c4d…, build 5e6f7a8b…)". The gate uses it for Drift blockings; a
// caller reporting drift outside strict mode can print the same words.
QString driftExplanation(const GateDecision::Drift& drift, const QString& name);

} // namespace backstep

Q_DECLARE_METATYPE(backstep::GateDecision)
