#pragma once

#include <QString>

namespace backstep {

// The checksum recorded in the ledger: lowercase hex SHA-256 of the normalised up SQL.
// Normalised means: line endings as \n, trailing whitespace on each line removed,
// "-- backstep: ..." directive lines removed, leading and trailing blank lines removed.
// So re-saving a file with other line endings is not drift, and correcting a flag is
// not drift either; changing any SQL is.
class Checksum
{
public:
    static QString normalise(const QString& sql);
    static QString of(const QString& upSql);
};

} // namespace backstep
