#include "syntheticvalues.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

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

QString SyntheticValues::text(const Column& column)
{
    const QString value = QStringLiteral("rehearsal-%1-%2").arg(m_token).arg(++m_counter);
    const int limit = lengthLimit(column.type.isEmpty() ? column.declaredType : column.type);
    // The end of the text is what makes it unique: keep that when it must be cut.
    return limit > 0 && value.size() > limit ? value.right(limit) : value;
}

QVariant SyntheticValues::valueFor(const Table& table, const Column& column)
{
    if (const QString allowed = allowedLiteral(table, column); !allowed.isEmpty())
        return allowed;
    QString enumLabel;
    switch (familyOf(column, &enumLabel)) {
    case Family::Integer:
        return QVariant::fromValue<qint64>(1);
    case Family::Decimal:
        return m_expected.dialect == Dialect::Sqlite ? QVariant(1.5) : QVariant(QStringLiteral("1"));
    case Family::Boolean:
        return m_expected.dialect == Dialect::Sqlite ? QVariant::fromValue<qint64>(1) : QVariant(true);
    case Family::Uuid:
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    case Family::Json:
        return QStringLiteral("{}");
    case Family::Bytes:
        return text(column).toUtf8();
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
    return text(column);
}

} // namespace backstep
