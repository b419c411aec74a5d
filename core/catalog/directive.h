#pragma once

#include <QStringView>

#include <optional>

namespace backstep {

// The "-- backstep: backward-compatible, no-transaction" lines of a migration's header.
// The reader obeys them and Checksum leaves them out, so both must agree on what one is.
class Directive
{
public:
    // The text after "backstep:" when line (leading blanks allowed) is a "--" comment that
    // names directives, else nullopt. "backstep" matches in any case and may have blanks
    // around it: "--BackStep :" is a directive line, so a typo cannot hide a flag.
    static std::optional<QStringView> arguments(QStringView line);
};

} // namespace backstep
