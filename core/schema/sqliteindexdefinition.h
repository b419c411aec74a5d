#pragma once

#include <QString>
#include <QStringList>

namespace backstep {

// What SQLite keeps only in the text of a CREATE INDEX statement: the text of expression
// terms (pragma_index_xinfo reports them as cid -2 without text) and the WHERE of a
// partial index. A pure function of the text; text that does not tokenize yields an
// empty definition.
struct SqliteIndexDefinition
{
    // Each indexed term as written, without its COLLATE, ASC and DESC (the pragma reports those).
    QStringList terms;
    QString predicate; // as written after WHERE; empty: not partial

    static SqliteIndexDefinition parse(const QString& createIndexSql);
};

} // namespace backstep
