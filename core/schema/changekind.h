#pragma once

namespace backstep {

// What happened to one object between two schema snapshots. Renames are not
// recognised: a renamed object is one Removed and one Added.
enum class ChangeKind
{
    Added,
    Removed,
    Changed,
};

} // namespace backstep
