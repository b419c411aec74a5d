#include "recentdatabases.h"

#include "db/databaseuri.h"

#include <QFileInfo>
#include <QSettings>
#include <QUrl>
#include <QUrlQuery>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {
const QString settingsKey = u"recentDatabases"_s;
}

QStringList RecentDatabases::list()
{
    QStringList existing;
    for (const QString& uri : QSettings().value(settingsKey).toStringList()) {
        // A SQLite file that is gone (a demo in a temporary folder, a deleted copy) is
        // no way back in; a server may well be up again.
        const Result<DatabaseUri> parsed = DatabaseUri::parse(uri);
        if (parsed.ok() && parsed->dialect == Dialect::Sqlite && !QFileInfo::exists(parsed->sqlitePath))
            continue;
        existing << uri;
    }
    return existing;
}

void RecentDatabases::remember(const QString& uri)
{
    QStringList recent = list();
    const QString kept = withoutPassword(uri);
    recent.removeAll(kept);
    recent.prepend(kept);
    QSettings().setValue(settingsKey, recent.mid(0, maximum));
}

void RecentDatabases::clear()
{
    QSettings().remove(settingsKey);
}

QString RecentDatabases::withoutPassword(const QString& uri)
{
    const Result<DatabaseUri> parsed = DatabaseUri::parse(uri);
    if (!parsed.ok() || parsed->dialect != Dialect::Postgres || parsed->password.isEmpty())
        return uri;
    QUrl url(uri, QUrl::StrictMode);
    url.setPassword(QString());
    QUrlQuery query(url);
    query.removeAllQueryItems(u"password"_s);
    url.setQuery(query.isEmpty() ? QString() : query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace backstep::ui
