#include "schemaissue.h"

namespace backstep {

QString schemaIssueKindName(SchemaIssue::Kind kind)
{
    switch (kind) {
    case SchemaIssue::Kind::MissingTable:
        return QStringLiteral("missing-table");
    case SchemaIssue::Kind::RenamedTable:
        return QStringLiteral("renamed-table");
    case SchemaIssue::Kind::MissingColumn:
        return QStringLiteral("missing-column");
    case SchemaIssue::Kind::RenamedColumn:
        return QStringLiteral("renamed-column");
    case SchemaIssue::Kind::RetypedColumn:
        return QStringLiteral("retyped-column");
    case SchemaIssue::Kind::WidenedColumn:
        return QStringLiteral("widened-column");
    case SchemaIssue::Kind::NewRequiredColumn:
        return QStringLiteral("new-required-column");
    case SchemaIssue::Kind::NowNotNull:
        return QStringLiteral("now-not-null");
    case SchemaIssue::Kind::DroppedDefault:
        return QStringLiteral("dropped-default");
    case SchemaIssue::Kind::NewCheck:
        return QStringLiteral("new-check");
    case SchemaIssue::Kind::NewUnique:
        return QStringLiteral("new-unique");
    case SchemaIssue::Kind::NewForeignKey:
        return QStringLiteral("new-foreign-key");
    case SchemaIssue::Kind::DroppedUnique:
        return QStringLiteral("dropped-unique");
    case SchemaIssue::Kind::MissingView:
        return QStringLiteral("missing-view");
    case SchemaIssue::Kind::ExtraTable:
        return QStringLiteral("extra-table");
    case SchemaIssue::Kind::ExtraColumn:
        return QStringLiteral("extra-column");
    case SchemaIssue::Kind::DroppedIndex:
        break;
    }
    return QStringLiteral("dropped-index");
}

QString schemaImpactName(SchemaIssue::Impact impact)
{
    switch (impact) {
    case SchemaIssue::Impact::Harmless:
        return QStringLiteral("harmless");
    case SchemaIssue::Impact::WritesMayFail:
        return QStringLiteral("writes-may-fail");
    case SchemaIssue::Impact::WritesFail:
        return QStringLiteral("writes-fail");
    case SchemaIssue::Impact::ReadsFail:
        break;
    }
    return QStringLiteral("reads-fail");
}

} // namespace backstep
