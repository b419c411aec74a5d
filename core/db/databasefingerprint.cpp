#include "databasefingerprint.h"

#include "databaseconnection.h"
#include "filedigest.h"
#include "sharedfiledescriptor.h"
#include "schema/schemadiff.h"
#include "schemareader.h"
#include "sqlidentifier.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace backstep {

namespace {

Result<DatabaseFingerprint> sqliteFingerprint(const DatabaseUri& uri, const QByteArray& fileDigest,
                                              const std::atomic_bool* cancel)
{
    DatabaseFingerprint fingerprint;
    fingerprint.dialect = Dialect::Sqlite;
    fingerprint.fileDigest = fileDigest;
    if (fingerprint.fileDigest.isEmpty()) {
        // The database file through its shared descriptor (see SharedFileDescriptor);
        // the -wal has no locks and is read as any file.
        const auto descriptor = SharedFileDescriptor::of(uri.sqlitePath);
        if (!descriptor)
            return descriptor.error();
        struct stat status {};
        if (::fstat(descriptor.value(), &status) != 0)
            return makeError(Error::Code::Connection, QStringLiteral("cannot read %1").arg(uri.sqlitePath));
        auto digest = FileDigest::of(descriptor.value(), uri.sqlitePath, status.st_size, cancel);
        if (!digest)
            return digest.error();
        fingerprint.fileDigest = digest.value();
    }
    const QString wal = uri.sqlitePath + QStringLiteral("-wal");
    if (QFile::exists(wal)) {
        auto walDigest = FileDigest::of(wal, cancel);
        if (!walDigest)
            return walDigest.error();
        fingerprint.walDigest = walDigest.value();
    }
    return fingerprint;
}

Result<DatabaseFingerprint> postgresFingerprint(const DatabaseUri& uri, const std::atomic_bool* cancel)
{
    auto connection = DatabaseConnection::open(uri, DatabaseConnection::Access::ReadOnly);
    if (!connection)
        return connection.error();
    DatabaseConnection& db = *connection.value();
    // One snapshot of the data for the schema and every count.
    if (auto begun = db.execute(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")); !begun)
        return begun.error();
    DatabaseFingerprint fingerprint;
    fingerprint.dialect = Dialect::Postgres;
    auto schema = SchemaReader::read(db);
    if (!schema)
        return schema.error();
    fingerprint.schema = std::move(schema).value();
    for (const Table& table : std::as_const(fingerprint.schema.tables)) {
        if (cancel && cancel->load())
            return makeError(Error::Code::Cancelled, QStringLiteral("counting rows was cancelled"));
        const auto count = db.select(
            QStringLiteral("SELECT count(*) FROM %1").arg(SqlIdentifier::quoteQualified(table.name, Dialect::Postgres)));
        if (!count)
            return makeError(Error::Code::Connection,
                             QStringLiteral("cannot count the rows of %1: %2").arg(table.name, count.error().message));
        fingerprint.rowCounts.insert(table.name, count->value(0).value(0).toLongLong());
    }
    db.execute(QStringLiteral("COMMIT"));
    return fingerprint;
}

} // namespace

Result<DatabaseFingerprint> DatabaseFingerprint::take(const DatabaseUri& uri, const std::atomic_bool* cancel)
{
    return uri.dialect == Dialect::Sqlite ? sqliteFingerprint(uri, {}, cancel) : postgresFingerprint(uri, cancel);
}

Result<DatabaseFingerprint> DatabaseFingerprint::ofSqliteFile(const DatabaseUri& uri, const QByteArray& fileDigest,
                                                              const std::atomic_bool* cancel)
{
    return sqliteFingerprint(uri, fileDigest, cancel);
}

QString DatabaseFingerprint::method() const
{
    return dialect == Dialect::Sqlite ? FileDigest::algorithm() + QStringLiteral(" of the file")
                                      : QStringLiteral("schema snapshot and row counts");
}

QString DatabaseFingerprint::summary() const
{
    if (dialect == Dialect::Sqlite) {
        QString text = FileDigest::algorithm() + QLatin1Char(' ') + QString::fromLatin1(fileDigest);
        if (!walDigest.isEmpty())
            text += QStringLiteral(", -wal ") + FileDigest::algorithm() + QLatin1Char(' ') + QString::fromLatin1(walDigest);
        return text;
    }
    qint64 rows = 0;
    for (qint64 count : rowCounts)
        rows += count;
    return QStringLiteral("%1 tables, %2 rows").arg(rowCounts.size()).arg(rows);
}

QStringList DatabaseFingerprint::differences(const DatabaseFingerprint& before, const DatabaseFingerprint& after)
{
    QStringList lines;
    const auto hex = [](const QByteArray& digest) {
        return digest.isEmpty() ? QStringLiteral("none") : QString::fromLatin1(digest);
    };
    if (before.fileDigest != after.fileDigest)
        lines.append(QStringLiteral("file %1 %2 -> %3")
                         .arg(FileDigest::algorithm(), hex(before.fileDigest), hex(after.fileDigest)));
    if (before.walDigest != after.walDigest)
        lines.append(QStringLiteral("-wal file %1 %2 -> %3")
                         .arg(FileDigest::algorithm(), hex(before.walDigest), hex(after.walDigest)));
    if (before.schema != after.schema)
        lines += SchemaDiff::between(before.schema, after.schema).describe();
    QStringList tables = before.rowCounts.keys() + after.rowCounts.keys();
    tables.removeDuplicates();
    tables.sort();
    for (const QString& table : std::as_const(tables)) {
        const qint64 was = before.rowCounts.value(table, -1);
        const qint64 is = after.rowCounts.value(table, -1);
        if (was != is && was >= 0 && is >= 0)
            lines.append(QStringLiteral("table %1: %2 rows -> %3").arg(table).arg(was).arg(is));
    }
    return lines;
}

} // namespace backstep
