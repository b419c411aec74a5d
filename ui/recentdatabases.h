#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace backstep::ui {

// The databases opened lately, newest first, kept in QSettings under
// "recentDatabases". A password never reaches the settings file: the URI is stored
// without it (both "user:password@" and "?password="), and libpq finds it again in
// its usual places, or the connection dialog asks.
class RecentDatabases
{
    Q_DECLARE_TR_FUNCTIONS(RecentDatabases)

public:
    static constexpr int maximum = 8;

    // Without SQLite files that no longer exist.
    static QStringList list();
    static void remember(const QString& uri);
    static void clear();
    static QString withoutPassword(const QString& uri);
};

} // namespace backstep::ui
