#pragma once

#include "schema/schemasnapshot.h"

#include <QString>
#include <QVariant>

namespace backstep {

// Values for a synthetic row that satisfy a build's own column types: an integer for
// an integer column, a date for a date column, an enum's first label, a string that
// fits varchar(n), the first allowed value of a CHECK (col IN ('a', 'b')), a number
// within a CHECK's bounds (qty > 0, rating BETWEEN 1 AND 5), a text within a CHECK's
// length bounds (length(code) <= 4) — and that
// collide with no existing row: every text value carries a token of this run and a
// counter. Values are bound, never pasted into SQL.
class SyntheticValues
{
public:
    explicit SyntheticValues(const SchemaSnapshot& expected);

    // A value for `column` of `table` (as the build's schema has them).
    QVariant valueFor(const Table& table, const Column& column);
    // Whether the column takes integers (so a unique one can get MAX + 1 instead).
    bool isInteger(const Column& column) const;

private:
    enum class Family {
        Integer,
        Decimal,
        Boolean,
        Text,
        Uuid,
        Json,
        Bytes,
        Date,
        Timestamp,
        Time,
        Interval,
        Inet,
        Array,
        Enum,
    };
    Family familyOf(const Column& column, QString* enumLabel) const;
    Family postgresFamily(const QString& type, QString* enumLabel, int depth) const;
    QString text(const Table& table, const Column& column);

    const SchemaSnapshot& m_expected;
    QString m_token;
    int m_counter = 0;
};

} // namespace backstep
