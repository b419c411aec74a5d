#pragma once

#include <QString>
#include <QVector>

namespace backstep {

// One difference between the schema an older build expects and the live schema,
// seen from the older build's code.
struct SchemaIssue
{
    enum class Kind {
        MissingTable, // a table the build uses is gone
        RenamedTable, // gone, and an extra table has exactly its columns
        MissingColumn, // a column the build reads and writes is gone
        RenamedColumn, // gone, and an extra column of the same type took its place
        RetypedColumn, // another type, not merely wider
        WidenedColumn, // a wider type of the same family (varchar(40) -> varchar(80))
        NewRequiredColumn, // a column the build does not know, NOT NULL without a default
        NowNotNull, // a column the build knows became NOT NULL
        DroppedDefault, // a NOT NULL column lost the default the build's inserts rely on
        NewCheck, // a CHECK constraint the build does not know
        NewUnique, // a UNIQUE constraint or unique index the build does not know
        NewForeignKey, // a FOREIGN KEY the build does not know
        DroppedUnique, // a unique key the build had: its ON CONFLICT on it fails
        MissingView, // a view the build reads is gone
        ExtraTable, // a table the build does not know: harmless
        ExtraColumn, // a nullable or defaulted column the build does not know: harmless
        DroppedIndex, // a plain index the build had: slower, not broken
    };
    // What the difference does to the older build, worst last.
    enum class Impact {
        Harmless,
        WritesMayFail, // some of its inserts or updates may fail: the read/write probe tries
        WritesFail, // its inserts or updates fail
        ReadsFail, // its reads fail
    };

    Kind kind = Kind::MissingTable;
    Impact impact = Impact::Harmless;
    QString object; // the table, "table.column", or the index or constraint
    QString message; // one sentence for people

    friend bool operator==(const SchemaIssue& a, const SchemaIssue& b)
    {
        return a.kind == b.kind && a.impact == b.impact && a.object == b.object && a.message == b.message;
    }
};

using SchemaIssues = QVector<SchemaIssue>;

// "missing-table", "renamed-column", …: the words of the JSON output.
QString schemaIssueKindName(SchemaIssue::Kind kind);
// "harmless", "writes-may-fail", "writes-fail", "reads-fail"
QString schemaImpactName(SchemaIssue::Impact impact);

} // namespace backstep
