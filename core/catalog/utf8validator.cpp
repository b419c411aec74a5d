#include "utf8validator.h"

namespace backstep {

namespace {

// The length of the valid sequence starting at i, or 0 when it is not valid.
// The ranges are those of the Unicode standard, table 3-7.
qsizetype sequenceLength(QByteArrayView bytes, qsizetype i)
{
    const auto byte = [&](qsizetype at) { return at < bytes.size() ? quint8(bytes.at(at)) : quint8(0); };
    const auto inRange = [](quint8 value, quint8 low, quint8 high) { return value >= low && value <= high; };
    const quint8 lead = byte(i);
    if (lead < 0x80)
        return 1;
    qsizetype length = 0;
    quint8 secondLow = 0x80;
    quint8 secondHigh = 0xBF;
    if (inRange(lead, 0xC2, 0xDF)) {
        length = 2;
    } else if (inRange(lead, 0xE0, 0xEF)) {
        length = 3;
        secondLow = lead == 0xE0 ? 0xA0 : 0x80;
        secondHigh = lead == 0xED ? 0x9F : 0xBF;
    } else if (inRange(lead, 0xF0, 0xF4)) {
        length = 4;
        secondLow = lead == 0xF0 ? 0x90 : 0x80;
        secondHigh = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (!inRange(byte(i + 1), secondLow, secondHigh))
        return 0;
    for (qsizetype k = 2; k < length; ++k) {
        if (!inRange(byte(i + k), 0x80, 0xBF))
            return 0;
    }
    return length;
}

} // namespace

std::optional<qsizetype> Utf8Validator::firstInvalidByte(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size()) {
        const qsizetype length = sequenceLength(bytes, i);
        if (length == 0)
            return i;
        i += length;
    }
    return std::nullopt;
}

} // namespace backstep
