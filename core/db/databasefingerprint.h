#pragma once

#include "common/dialect.h"
#include "common/result.h"
#include "databaseuri.h"
#include "schema/schemasnapshot.h"

#include <QByteArray>
#include <QMap>
#include <QStringList>

#include <atomic>

namespace backstep {

// What a database holds, taken before and after a rehearsal to prove it changed
// nothing. SQLite: the XXH128 digest of the file's bytes (and of its -wal file, when
// there is one; see FileDigest). PostgreSQL: the schema snapshot and the row count of every table, read in
// one REPEATABLE READ, READ ONLY transaction; sequence values are not part of it
// (a rolled-back insert consumes one, as any aborted transaction does).
struct DatabaseFingerprint
{
    Dialect dialect = Dialect::Sqlite;
    QByteArray fileDigest; // SQLite: hex digest of the database file
    QByteArray walDigest; // SQLite: hex digest of the -wal file; empty when there is none
    SchemaSnapshot schema; // PostgreSQL
    QMap<QString, qint64> rowCounts; // PostgreSQL: by Table::name

    static Result<DatabaseFingerprint> take(const DatabaseUri& uri, const std::atomic_bool* cancel = nullptr);
    // SQLite, when the file's digest is already known (hashed while copying it): adds
    // the -wal file's digest as take() would.
    static Result<DatabaseFingerprint> ofSqliteFile(const DatabaseUri& uri, const QByteArray& fileDigest,
                                                    const std::atomic_bool* cancel = nullptr);

    // "xxh128 of the file" or "schema snapshot and row counts": how the proof was made.
    QString method() const;
    // One line for people: the digest, or the number of tables and rows.
    QString summary() const;
    // What differs between two fingerprints of the same database, one line each;
    // empty when they are equal.
    static QStringList differences(const DatabaseFingerprint& before, const DatabaseFingerprint& after);

    friend bool operator==(const DatabaseFingerprint& a, const DatabaseFingerprint& b)
    {
        return a.dialect == b.dialect && a.fileDigest == b.fileDigest && a.walDigest == b.walDigest && a.schema == b.schema
            && a.rowCounts == b.rowCounts;
    }
};

} // namespace backstep
