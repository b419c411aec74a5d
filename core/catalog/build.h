#pragma once

#include <QDate>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace backstep {

// A release of the app: its version and the highest migration id its catalog ships.
// A virtual build ("any point of the timeline") has the version "#id" and no date.
struct Build
{
    QString version;
    qint64 maxId = 0;
    QDate released; // invalid when the builds file gives no date, and for a virtual build

    friend bool operator==(const Build& a, const Build& b)
    {
        return a.version == b.version && a.maxId == b.maxId && a.released == b.released;
    }
    friend bool operator!=(const Build& a, const Build& b)
    {
        return !(a == b);
    }
};

using Builds = QVector<Build>;

} // namespace backstep

Q_DECLARE_METATYPE(backstep::Build)
