#pragma once

#include <QString>
#include <QVector>

namespace backstep {

// One SQL statement cut out of a migration file, with where it starts so that errors
// and findings can name "file:line".
struct SqlStatement
{
    QString text; // the statement without its terminating ';', trimmed
    int line = 1; // 1-based line in the file where the statement's first token is
    int number = 1; // 1-based position of the statement in its file

    friend bool operator==(const SqlStatement& a, const SqlStatement& b)
    {
        return a.text == b.text && a.line == b.line && a.number == b.number;
    }
};

using SqlStatements = QVector<SqlStatement>;

} // namespace backstep

Q_DECLARE_TYPEINFO(backstep::SqlStatement, Q_RELOCATABLE_TYPE);
