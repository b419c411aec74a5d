#pragma once

#include <QString>
#include <QStringList>

namespace backstep {

// A PostgreSQL enum type.
struct EnumType
{
    QString name; // schema-qualified like Table::name
    QStringList labels; // in sort order

    friend bool operator==(const EnumType& a, const EnumType& b)
    {
        return a.name == b.name && a.labels == b.labels;
    }
    friend bool operator!=(const EnumType& a, const EnumType& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
