#include "syntheticvalues.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <optional>

namespace backstep {

namespace {

// The length limit of varchar(n) / character(n) / char(n); 0: none.
int lengthLimit(const QString& type)
{
    static const QRegularExpression limit(QStringLiteral("(?:char|character|character varying|varchar)\\s*\\((\\d+)\\)"),
                                          QRegularExpression::CaseInsensitiveOption);
    const auto match = limit.match(type);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

// The first value a CHECK on this column allows, when the CHECK lists them:
// SQLite "status IN ('a', 'b')", PostgreSQL "(status = ANY (ARRAY['a'::text, 'b'::text]))"
// or "status = 'a'".
QString allowedLiteral(const Table& table, const Column& column)
{
    // Between the column and the list: quotes, parentheses and casts, never a literal.
    const QString columnPattern = QStringLiteral("\\b%1\\b[^',]*?").arg(QRegularExpression::escape(column.name));
    const QString literal = QStringLiteral("'((?:[^']|'')*)'");
    const auto pattern = [&](const char* between) {
        return QRegularExpression(columnPattern + QLatin1String(between) + literal, QRegularExpression::CaseInsensitiveOption);
    };
    const QRegularExpression inList = pattern("\\bIN\\s*\\(\\s*");
    const QRegularExpression anyArray = pattern("=\\s*ANY\\s*\\(\\s*\\(?ARRAY\\[\\s*");
    const QRegularExpression equals = pattern("(?<![<>!])=\\s*");
    for (const CheckConstraint& check : table.checkConstraints) {
        for (const QRegularExpression* candidate : { &inList, &anyArray, &equals }) {
            const auto match = candidate->match(check.expression);
            if (match.hasMatch())
                return match.captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
        }
    }
    return {};
}

// What the CHECKs of a table say about one column's values beyond a list: numeric
// bounds ("qty > 0", "price >= 0::numeric", "rating BETWEEN 1 AND 5", which
// PostgreSQL prints as two comparisons) and length bounds ("length(code) <= 4",
// "char_length(name) > 0"). Every bound found is taken, as if joined by AND; bounds
// under OR may then leave no value, and the caller keeps its default.
struct Bounds
{
    std::optional<double> low;
    bool lowStrict = false;
    std::optional<double> high;
    bool highStrict = false;

    void add(const QString& op, double value)
    {
        const bool strict = op.size() == 1;
        if (op.startsWith(QLatin1Char('>')) && (!low || value > *low || (value == *low && strict))) {
            low = value;
            lowStrict = strict;
        } else if (op.startsWith(QLatin1Char('<')) && (!high || value < *high || (value == *high && strict))) {
            high = value;
            highStrict = strict;
        }
    }
    bool allows(double value) const
    {
        return (!low || (lowStrict ? value > *low : value >= *low)) && (!high || (highStrict ? value < *high : value <= *high));
    }
    // The smallest whole number allowed, then the largest, when there is one.
    std::optional<qint64> integer() const
    {
        if (allows(1))
            return 1;
        const double least = low ? (lowStrict ? std::floor(*low) + 1 : std::ceil(*low)) : 1;
        if (allows(least))
            return qint64(least);
        const double most = high ? (highStrict ? std::ceil(*high) - 1 : std::floor(*high)) : 1;
        return allows(most) ? std::optional<qint64>(qint64(most)) : std::nullopt;
    }
    std::optional<double> decimal(double preferred) const
    {
        if (allows(preferred))
            return preferred;
        std::optional<double> candidate;
        if (low && high)
            candidate = (*low + *high) / 2;
        else if (low)
            candidate = *low + 1;
        else if (high)
            candidate = *high - 1;
        return candidate && allows(*candidate) ? candidate : std::nullopt;
    }
};

// A number as CHECKs print it: "10", "-2.5", "(10)::numeric" (the cast is left unread).
const QString checkNumber = QStringLiteral("\\(?\\s*(-?\\d+(?:\\.\\d+)?)");

Bounds valueBounds(const Table& table, const Column& column)
{
    const QString name = QRegularExpression::escape(column.name);
    const QRegularExpression comparison(QStringLiteral("(?<![(\\w])\\(*\\b%1\\b\\)?(?:::[a-z]+(?: [a-z]+)?)?\\s*(>=|<=|>|<)\\s*%2")
                                            .arg(name, checkNumber),
                                        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression between(QStringLiteral("\\b%1\\b\\s+BETWEEN\\s+%2\\s+AND\\s+%2").arg(name, checkNumber),
                                     QRegularExpression::CaseInsensitiveOption);
    Bounds bounds;
    for (const CheckConstraint& check : table.checkConstraints) {
        for (auto it = comparison.globalMatch(check.expression); it.hasNext();) {
            const auto match = it.next();
            bounds.add(match.captured(1), match.captured(2).toDouble());
        }
        for (auto it = between.globalMatch(check.expression); it.hasNext();) {
            const auto match = it.next();
            bounds.add(QStringLiteral(">="), match.captured(1).toDouble());
            bounds.add(QStringLiteral("<="), match.captured(2).toDouble());
        }
    }
    return bounds;
}

Bounds lengthBounds(const Table& table, const Column& column)
{
    const QRegularExpression length(
        QStringLiteral("\\b(?:length|char_length|character_length)\\s*\\(\\s*\\(?\\s*\\b%1\\b[^)]*\\)\\s*\\)?\\s*(>=|<=|>|<)\\s*%2")
            .arg(QRegularExpression::escape(column.name), checkNumber),
        QRegularExpression::CaseInsensitiveOption);
    Bounds bounds;
    for (const CheckConstraint& check : table.checkConstraints) {
        for (auto it = length.globalMatch(check.expression); it.hasNext();) {
            const auto match = it.next();
            bounds.add(match.captured(1), match.captured(2).toDouble());
        }
    }
    return bounds;
}

QString bare(const QString& name)
{
    return name.startsWith(QLatin1String("public.")) ? name.mid(7) : name;
}

} // namespace

SyntheticValues::SyntheticValues(const SchemaSnapshot& expected)
    : m_expected(expected)
    , m_token(QString::number(QRandomGenerator::global()->generate(), 36))
{
}

bool SyntheticValues::isInteger(const Column& column) const
{
    return familyOf(column, nullptr) == Family::Integer;
}

SyntheticValues::Family SyntheticValues::familyOf(const Column& column, QString* enumLabel) const
{
    if (m_expected.dialect == Dialect::Postgres)
        return postgresFamily(column.type, enumLabel, 0);
    // SQLite: the declared type's words, as its affinity rules read them, with the
    // names apps use for dates, booleans and JSON first.
    const QString type = column.declaredType.toUpper();
    if (type.contains(QLatin1String("INT")))
        return Family::Integer;
    if (type.contains(QLatin1String("BOOL")))
        return Family::Boolean;
    if (type.contains(QLatin1String("DATETIME")) || type.contains(QLatin1String("TIMESTAMP")))
        return Family::Timestamp;
    if (type.contains(QLatin1String("DATE")))
        return Family::Date;
    if (type.contains(QLatin1String("TIME")))
        return Family::Time;
    if (type.contains(QLatin1String("JSON")))
        return Family::Json;
    if (type.contains(QLatin1String("UUID")))
        return Family::Uuid;
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB")) || type.contains(QLatin1String("TEXT")))
        return Family::Text;
    if (type.contains(QLatin1String("BLOB")))
        return Family::Bytes;
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) || type.contains(QLatin1String("DOUB"))
        || type.contains(QLatin1String("NUM")) || type.contains(QLatin1String("DEC")))
        return Family::Decimal;
    return Family::Text;
}

SyntheticValues::Family SyntheticValues::postgresFamily(const QString& type, QString* enumLabel, int depth) const
{
    if (type.endsWith(QLatin1String("[]")))
        return Family::Array;
    for (const EnumType& enumType : m_expected.enumTypes) {
        if (bare(enumType.name) == bare(type) || bare(enumType.name) == bare(type).remove(QLatin1Char('"'))) {
            if (enumLabel)
                *enumLabel = enumType.labels.value(0);
            return Family::Enum;
        }
    }
    for (const Domain& domain : m_expected.domains) {
        if (depth < 8 && bare(domain.name) == bare(type))
            return postgresFamily(domain.baseType.toLower(), enumLabel, depth + 1);
    }
    const auto starts = [&](const char* prefix) { return type.startsWith(QLatin1String(prefix)); };
    if (starts("smallint") || starts("integer") || starts("bigint") || starts("int") || starts("serial")
        || starts("bigserial") || starts("oid"))
        return Family::Integer;
    if (starts("numeric") || starts("decimal") || starts("real") || starts("double precision") || starts("money"))
        return Family::Decimal;
    if (starts("boolean"))
        return Family::Boolean;
    if (starts("uuid"))
        return Family::Uuid;
    if (starts("json"))
        return Family::Json;
    if (starts("bytea"))
        return Family::Bytes;
    if (starts("timestamp"))
        return Family::Timestamp;
    if (starts("date"))
        return Family::Date;
    if (starts("time"))
        return Family::Time;
    if (starts("interval"))
        return Family::Interval;
    if (starts("inet") || starts("cidr"))
        return Family::Inet;
    return Family::Text;
}

QString SyntheticValues::text(const Table& table, const Column& column)
{
    QString value = QStringLiteral("rehearsal-%1-%2").arg(m_token).arg(++m_counter);
    int limit = lengthLimit(column.type.isEmpty() ? column.declaredType : column.type);
    const Bounds checked = lengthBounds(table, column);
    if (checked.high) {
        const int most = int(checked.highStrict ? std::ceil(*checked.high) - 1 : std::floor(*checked.high));
        limit = limit > 0 ? std::min(limit, most) : most;
    }
    // The end of the text is what makes it unique: keep that when it must be cut.
    if (limit > 0 && value.size() > limit)
        value = value.right(limit);
    if (checked.low) {
        const int least = int(checked.lowStrict ? std::floor(*checked.low) + 1 : std::ceil(*checked.low));
        if (value.size() < least)
            value = QString(least - value.size(), QLatin1Char('x')) + value;
    }
    return value;
}

QVariant SyntheticValues::valueFor(const Table& table, const Column& column)
{
    if (const QString allowed = allowedLiteral(table, column); !allowed.isEmpty())
        return allowed;
    QString enumLabel;
    switch (familyOf(column, &enumLabel)) {
    case Family::Integer:
        return QVariant::fromValue<qint64>(valueBounds(table, column).integer().value_or(1));
    case Family::Decimal: {
        const double value = valueBounds(table, column).decimal(1.5).value_or(1.5);
        return m_expected.dialect == Dialect::Sqlite ? QVariant(value) : QVariant(QString::number(value, 'g', 15));
    }
    case Family::Boolean:
        return m_expected.dialect == Dialect::Sqlite ? QVariant::fromValue<qint64>(1) : QVariant(true);
    case Family::Uuid:
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    case Family::Json:
        return QStringLiteral("{}");
    case Family::Bytes:
        return text(table, column).toUtf8();
    case Family::Date:
        return QDate::currentDate().toString(Qt::ISODate);
    case Family::Timestamp:
        return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Family::Time:
        return QStringLiteral("12:00:00");
    case Family::Interval:
        return QStringLiteral("1 day");
    case Family::Inet:
        return QStringLiteral("192.0.2.1"); // TEST-NET-1, documentation addresses
    case Family::Array:
        return QStringLiteral("{}");
    case Family::Enum:
        return enumLabel;
    case Family::Text:
        break;
    }
    return text(table, column);
}

} // namespace backstep
