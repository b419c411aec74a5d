#pragma once

#include <QDateTime>
#include <QString>

namespace backstep {

// applied_at as apps store it, and as Backstep writes and shows it. Ledgers hold
// tens of thousands of rows, so the common shapes are parsed and printed by hand:
// QDateTime's format-string machinery costs more than reading the row.
class Timestamp
{
public:
    // ISO 8601 text with or without a zone (UTC when none), SQLite's CURRENT_TIMESTAMP
    // text, epoch seconds or milliseconds. Invalid when it is none of these.
    static QDateTime parse(const QString& text);
    // "yyyy-MM-dd HH:mm:ss.zzz" in UTC: what the runner records.
    static QString toStorage(const QDateTime& time);
    // "yyyy-MM-ddTHH:mm:ss.zzzZ": ISO 8601 in UTC, for JSON.
    static QString toIso(const QDateTime& time);
    // "yyyy-MM-dd HH:mm:ss" in UTC: what people read in the text reports.
    static QString toDisplay(const QDateTime& time);
};

} // namespace backstep
