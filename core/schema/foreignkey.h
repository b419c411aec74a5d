#pragma once

#include <QString>
#include <QStringList>

namespace backstep {

// A FOREIGN KEY constraint of a table.
struct ForeignKey
{
    enum class Action
    {
        NoAction,
        Restrict,
        Cascade,
        SetNull,
        SetDefault,
    };

    QString name; // empty for an unnamed SQLite constraint
    QStringList columns;
    QString referencedTable; // named as Table::name names it
    // The referenced columns; a SQLite "REFERENCES parent" without columns is resolved
    // to parent's primary key, so both spellings read the same.
    QStringList referencedColumns;
    Action onDelete = Action::NoAction;
    Action onUpdate = Action::NoAction;
    bool validated = true; // false: PostgreSQL NOT VALID

    // "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT": SQL's words.
    static QString actionName(Action action)
    {
        switch (action) {
        case Action::NoAction:
            return QStringLiteral("NO ACTION");
        case Action::Restrict:
            return QStringLiteral("RESTRICT");
        case Action::Cascade:
            return QStringLiteral("CASCADE");
        case Action::SetNull:
            return QStringLiteral("SET NULL");
        case Action::SetDefault:
            break;
        }
        return QStringLiteral("SET DEFAULT");
    }

    // The action SQL's words name, in any case; NO ACTION for anything else.
    static Action actionFromName(const QString& name)
    {
        for (const Action action : { Action::Restrict, Action::Cascade, Action::SetNull, Action::SetDefault }) {
            if (name.compare(actionName(action), Qt::CaseInsensitive) == 0)
                return action;
        }
        return Action::NoAction;
    }

    friend bool operator==(const ForeignKey& a, const ForeignKey& b)
    {
        return a.name == b.name && a.columns == b.columns && a.referencedTable == b.referencedTable
            && a.referencedColumns == b.referencedColumns && a.onDelete == b.onDelete && a.onUpdate == b.onUpdate
            && a.validated == b.validated;
    }
    friend bool operator!=(const ForeignKey& a, const ForeignKey& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
