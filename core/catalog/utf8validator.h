#pragma once

#include <QByteArrayView>

#include <optional>

namespace backstep {

// Strict UTF-8 check (no overlong forms, no surrogates, nothing above U+10FFFF), because
// QString::fromUtf8 silently turns bad bytes into U+FFFD and a migration would then run
// with SQL its author never wrote.
class Utf8Validator
{
public:
    // Offset of the first byte of the first invalid sequence, nullopt when all is valid.
    static std::optional<qsizetype> firstInvalidByte(QByteArrayView bytes);
};

} // namespace backstep
