#pragma once

#include "sqlstatement.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace backstep {

// One numbered change as one build knows it, resolved for one dialect: the up SQL
// from NNNN_name.sql or NNNN_name.<dialect>.sql, the optional down SQL, and the
// metadata from the header directives.
struct Migration
{
    qint64 id = 0;
    QString name; // the part of the file name after "NNNN_", without extension
    QString upFile; // absolute path of the up file used for this dialect
    QString upSql; // the file's text as read (UTF-8)
    SqlStatements upStatements;
    QString downFile; // empty when there is no down SQL
    QString downSql;
    SqlStatements downStatements;
    bool backwardCompatible = false; // "-- backstep: backward-compatible"
    bool noTransaction = false; // "-- backstep: no-transaction"
    QString checksum; // lowercase hex SHA-256 of the normalised up SQL, see Checksum

    bool hasDown() const
    {
        return !downFile.isEmpty();
    }

    friend bool operator==(const Migration& a, const Migration& b)
    {
        return a.id == b.id && a.name == b.name && a.upFile == b.upFile && a.upSql == b.upSql
            && a.upStatements == b.upStatements && a.downFile == b.downFile && a.downSql == b.downSql
            && a.downStatements == b.downStatements && a.backwardCompatible == b.backwardCompatible
            && a.noTransaction == b.noTransaction && a.checksum == b.checksum;
    }
};

using Migrations = QVector<Migration>;

} // namespace backstep

Q_DECLARE_METATYPE(backstep::Migration)
