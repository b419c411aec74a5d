#pragma once

#include "build.h"
#include "common/result.h"

#include <QString>

#include <optional>

namespace backstep {

// Reads builds.json, the releases of an app, oldest first:
//   [{"version": "1.0.0", "max_id": 6, "released": "2023-03-04"}, ...]
// version is a non-empty string, unique; max_id a positive integer, never below the
// previous build's (a patch release that ships no migration keeps its predecessor's);
// released, optional, a yyyy-MM-dd date. Other keys are ignored, so a file can carry
// notes for people.
//
// On any problem, returns Error::Code::Catalog whose message holds one line per
// problem, each "path: entry N (version): what is wrong" with N counted from 1.
class BuildsFile
{
public:
    static Result<Builds> read(const QString& path);

    // The build a person names: a version from the file, or a migration id ("12" or
    // "#12") as the virtual build "#12" that knows the migrations up to 12. A version
    // wins over an id that reads the same. nullopt when it is neither.
    static std::optional<Build> find(const Builds& builds, const QString& versionOrId);
};

} // namespace backstep
