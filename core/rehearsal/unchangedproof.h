#pragma once

#include <QString>
#include <QStringList>

namespace backstep {

// The proof that a rehearsal left the database as it found it: the fingerprint
// (SQLite: XXH128 digest of the file; PostgreSQL: schema snapshot and row counts) taken
// before and after, and what differs.
struct UnchangedProof
{
    QString method; // "xxh128 of the file", "schema snapshot and row counts"
    QString before; // DatabaseFingerprint::summary() before the rehearsal
    QString after; // … and after
    QStringList differences; // empty when unchanged

    bool unchanged() const
    {
        return differences.isEmpty();
    }

    friend bool operator==(const UnchangedProof& a, const UnchangedProof& b)
    {
        return a.method == b.method && a.before == b.before && a.after == b.after && a.differences == b.differences;
    }
};

} // namespace backstep
