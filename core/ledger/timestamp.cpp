#include "timestamp.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace backstep {

namespace {

// Digits at [from, from + count) as a number, or -1.
int digits(QStringView text, int from, int count)
{
    if (from + count > text.size())
        return -1;
    int value = 0;
    for (int i = from; i < from + count; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS", optionally ".f" to ".ffffff" and "Z":
// the shape of nearly every ledger row. nullopt sends the text to the general parser.
std::optional<QDateTime> parseCommonShape(QStringView text)
{
    if (text.size() < 19 || text.at(4) != u'-' || text.at(7) != u'-' || (text.at(10) != u' ' && text.at(10) != u'T')
        || text.at(13) != u':' || text.at(16) != u':')
        return std::nullopt;
    const QDate date(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    int position = 19;
    int milliseconds = 0;
    if (position < text.size() && text.at(position) == u'.') {
        int scale = 100;
        ++position;
        const int start = position;
        while (position < text.size() && text.at(position).isDigit()) {
            milliseconds += scale * (text.at(position).unicode() - u'0');
            scale /= 10;
            ++position;
        }
        if (position == start)
            return std::nullopt;
    }
    if (position < text.size() && text.at(position) == u'Z')
        ++position;
    if (position != text.size())
        return std::nullopt;
    const QTime time(digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), milliseconds);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

void appendNumber(QString& out, int value, int width)
{
    char16_t buffer[8];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = static_cast<char16_t>(u'0' + value % 10);
        value /= 10;
    }
    out.append(QStringView(buffer, width));
}

QString format(const QDateTime& time, bool withMilliseconds)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    QString out;
    out.reserve(23);
    appendNumber(out, date.year(), 4);
    out.append(u'-');
    appendNumber(out, date.month(), 2);
    out.append(u'-');
    appendNumber(out, date.day(), 2);
    out.append(u' ');
    appendNumber(out, clock.hour(), 2);
    out.append(u':');
    appendNumber(out, clock.minute(), 2);
    out.append(u':');
    appendNumber(out, clock.second(), 2);
    if (withMilliseconds) {
        out.append(u'.');
        appendNumber(out, clock.msec(), 3);
    }
    return out;
}

} // namespace

QDateTime Timestamp::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (const auto common = parseCommonShape(trimmed))
        return *common;
    bool isNumber = false;
    const qint64 number = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        // Anything past the year 5138 in seconds is taken to be milliseconds.
        return number > 99'999'999'999LL ? QDateTime::fromMSecsSinceEpoch(number, Qt::UTC)
                                         : QDateTime::fromSecsSinceEpoch(number, Qt::UTC);
    }
    QString iso = trimmed;
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' '))
        iso[10] = QLatin1Char('T');
    // PostgreSQL prints a whole-hour offset as "+00"; ISO wants "+00:00".
    static const QRegularExpression shortOffset(QStringLiteral("([+-]\\d\\d)$"));
    iso.replace(shortOffset, QStringLiteral("\\1:00"));
    // A time without a zone is UTC. Saying so before parsing matters: parsed as local
    // time first, a time in a daylight-saving gap would be invalid.
    static const QRegularExpression hasZone(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    if (iso.contains(QLatin1Char('T')) && !hasZone.match(iso).hasMatch())
        iso += QLatin1Char('Z');
    const QDateTime parsed = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QString Timestamp::toStorage(const QDateTime& time)
{
    return format(time, true);
}

QString Timestamp::toIso(const QDateTime& time)
{
    QString iso = format(time, true);
    if (iso.isEmpty())
        return iso;
    iso[10] = u'T';
    return iso + u'Z';
}

QString Timestamp::toDisplay(const QDateTime& time)
{
    return format(time, false);
}

} // namespace backstep
