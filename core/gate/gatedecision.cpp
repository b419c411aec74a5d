#include "gatedecision.h"

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

    // A SHA-256 in full is 64 characters; eight identify it well enough in a sentence
    // while the Drift entry keeps both values whole.
    constexpr qsizetype ShortChecksumLength = 8;

    QString shortChecksum(const QString& checksum)
    {
        if (checksum.size() <= ShortChecksumLength)
            return checksum;
        return checksum.left(ShortChecksumLength) + QChar(0x2026); // horizontal ellipsis
    }

} // namespace

QString outcomeName(GateDecision::Outcome outcome)
{
    switch (outcome) {
    case GateDecision::Outcome::Boot:
        return u"boot"_s;
    case GateDecision::Outcome::BootToleratingNewer:
        return u"boot-tolerating-newer"_s;
    case GateDecision::Outcome::Refuse:
        return u"refuse"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString reasonName(GateDecision::Blocking::Reason reason)
{
    switch (reason) {
    case GateDecision::Blocking::Reason::FlagFalse:
        return u"flag-false"_s;
    case GateDecision::Blocking::Reason::FlagUnknown:
        return u"flag-unknown"_s;
    case GateDecision::Blocking::Reason::Mislabelled:
        return u"mislabelled"_s;
    case GateDecision::Blocking::Reason::Drift:
        return u"drift"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString driftKindName(GateDecision::Drift::Kind kind)
{
    switch (kind) {
    case GateDecision::Drift::Kind::Checksum:
        return u"checksum"_s;
    case GateDecision::Drift::Kind::Name:
        return u"name"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString driftExplanation(const GateDecision::Drift& drift, const QString& name)
{
    const QString label = u'#' + QString::number(drift.id) + u' ' + name;
    switch (drift.kind) {
    case GateDecision::Drift::Kind::Checksum:
        return label + u": checksum differs from this build's file (ledger "_s + shortChecksum(drift.recorded)
            + u", build "_s + shortChecksum(drift.expected) + u')';
    case GateDecision::Drift::Kind::Name:
        return label + u" is named "_s + drift.expected + u" in this build"_s;
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace backstep
