#include "databaseuri.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace backstep {

namespace {

// libpq keywords a URI query may carry. Others are refused rather than passed on, so a
// typo is an error and not a silently ignored setting.
const QSet<QString>& libpqKeywords()
{
    static const QSet<QString> keywords = {
        QStringLiteral("sslmode"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcrl"),
        QStringLiteral("sslpassword"),
        QStringLiteral("sslcompression"),
        QStringLiteral("requiressl"),
        QStringLiteral("gssencmode"),
        QStringLiteral("channel_binding"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"),
        QStringLiteral("fallback_application_name"),
        QStringLiteral("service"),
        QStringLiteral("passfile"),
        QStringLiteral("options"),
        QStringLiteral("target_session_attrs"),
        QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),
        QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"),
        QStringLiteral("tcp_user_timeout"),
        QStringLiteral("client_encoding"),
        QStringLiteral("krbsrvname"),
        QStringLiteral("hostaddr"),
        QStringLiteral("host"),
        QStringLiteral("port"),
        QStringLiteral("user"),
        QStringLiteral("password"),
        QStringLiteral("dbname"),
    };
    return keywords;
}

QString maskedPassword(const QString& text, const QString& password)
{
    if (password.isEmpty())
        return text;
    QString masked = text;
    masked.replace(password, QStringLiteral("***"));
    return masked;
}

Error uriError(const QString& redactedUri, const QString& why)
{
    return makeError(Error::Code::Uri, QStringLiteral("cannot use database URI \"%1\": %2").arg(redactedUri, why));
}

// What to show of a URI, even one that does not parse: whatever stands between
// "scheme://user:" and the last '@' is masked, since a password typed without
// percent-encoding may hold '#', '/', '?' or '@'.
QString roughlyRedacted(const QString& text)
{
    QString masked = text;
    const int authority = masked.indexOf(QLatin1String("://"));
    const int at = masked.lastIndexOf(QLatin1Char('@'));
    if (authority >= 0 && at > authority) {
        const int colon = masked.indexOf(QLatin1Char(':'), authority + 3);
        if (colon >= 0 && colon < at)
            masked.replace(colon + 1, at - colon - 1, QStringLiteral("***"));
    }
    static const QRegularExpression queryPassword(QStringLiteral("([?&]password=)[^&#]*"));
    masked.replace(queryPassword, QStringLiteral("\\1***"));
    return masked;
}

Result<DatabaseUri> parseSqlite(const QString& text, const QString& rest)
{
    DatabaseUri uri;
    uri.dialect = Dialect::Sqlite;
    uri.original = text;
    QString path = rest;
    // Query strings (?cache=shared, ?mode=rwc) are connection hints for other drivers.
    const int query = path.indexOf(QLatin1Char('?'));
    if (query >= 0)
        path.truncate(query);
    // sqlite://./x and sqlite:///abs both put the path after "//".
    if (path.startsWith(QLatin1String("//")))
        path = path.mid(2);
    path = QUrl::fromPercentEncoding(path.toUtf8());
    if (path.isEmpty())
        return uriError(text, QStringLiteral("no file path after \"sqlite:\""));
    if (path == QLatin1String(":memory:"))
        return uriError(text, QStringLiteral("an in-memory database holds no ledger"));
    uri.sqlitePath = path;
    return uri;
}

Result<DatabaseUri> parsePostgres(const QString& text)
{
    const QString redacted = roughlyRedacted(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return uriError(redacted, QStringLiteral("not a valid URL"));

    DatabaseUri uri;
    uri.dialect = Dialect::Postgres;
    uri.original = text;
    uri.host = url.host(QUrl::FullyDecoded);
    uri.port = url.port(-1);
    uri.user = url.userName(QUrl::FullyDecoded);
    uri.password = url.password(QUrl::FullyDecoded);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path = path.mid(1);
    if (path.contains(QLatin1Char('/')))
        return uriError(redacted, QStringLiteral("the path must be one database name, not \"%1\"").arg(path));
    uri.database = path;

    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!libpqKeywords().contains(key))
            return uriError(redacted, QStringLiteral("unknown connection parameter \"%1\"").arg(key));
        // QPSQL turns ';' into the separator between options, so a value holding one
        // would smuggle in another option.
        if (value.contains(QLatin1Char(';')))
            return uriError(redacted, QStringLiteral("parameter \"%1\" must not contain ';'").arg(key));
        if (key == QLatin1String("password")) {
            uri.password = value;
        } else if (key == QLatin1String("host")) {
            uri.host = value;
        } else if (key == QLatin1String("user")) {
            uri.user = value;
        } else if (key == QLatin1String("dbname")) {
            uri.database = value;
        } else if (key == QLatin1String("port")) {
            bool ok = false;
            uri.port = value.toInt(&ok);
            if (!ok || uri.port <= 0 || uri.port > 65535)
                return uriError(redacted, QStringLiteral("port \"%1\" is not a port number").arg(value));
        } else {
            uri.parameters.append({ key, value });
        }
    }
    const bool hasService = std::any_of(uri.parameters.cbegin(), uri.parameters.cend(),
                                        [](const auto& parameter) { return parameter.first == QLatin1String("service"); });
    // Without a name libpq quietly picks the database named after the user; only a
    // service file may name it instead.
    if (uri.database.isEmpty() && !hasService)
        return uriError(redacted, QStringLiteral("no database name (postgres://user@host:5432/DATABASE)"));
    return uri;
}

QString quotedOptionValue(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

Result<DatabaseUri> DatabaseUri::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(Error::Code::Uri, QStringLiteral("no database URI given (e.g. sqlite:./data/db.sqlite)"));

    static const QRegularExpression schemePattern(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):"));
    const auto match = schemePattern.match(trimmed);
    if (!match.hasMatch()) {
        // A bare path: the common "point it at the file" case.
        DatabaseUri uri;
        uri.original = trimmed;
        uri.sqlitePath = trimmed;
        return uri;
    }
    const QString scheme = match.captured(1).toLower();
    if (scheme == QLatin1String("sqlite") || scheme == QLatin1String("sqlite3") || scheme == QLatin1String("file"))
        return parseSqlite(trimmed, trimmed.mid(match.capturedLength()));
    if (scheme == QLatin1String("postgres") || scheme == QLatin1String("postgresql"))
        return parsePostgres(trimmed);
    return uriError(roughlyRedacted(trimmed),
                    QStringLiteral("unknown scheme \"%1\" (use sqlite:PATH or postgres://user@host:port/db)").arg(scheme));
}

QString DatabaseUri::redacted() const
{
    return maskedPassword(roughlyRedacted(original), password);
}

QString DatabaseUri::postgresConnectOptions() const
{
    QStringList options;
    bool hasApplicationName = false;
    for (const auto& [key, value] : parameters) {
        hasApplicationName = hasApplicationName || key == QLatin1String("application_name");
        options.append(key + QLatin1Char('=') + quotedOptionValue(value));
    }
    // Shows who holds a lock in pg_stat_activity.
    if (!hasApplicationName)
        options.append(QStringLiteral("application_name='backstep'"));
    return options.join(QLatin1Char(';'));
}

} // namespace backstep
