#pragma once

#include "analysis/migrationanalysis.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace backstep {

// The output of `backstep-cli lint`: one CatalogAnalysis per dialect analysed.
class LintReport
{
public:
    static QString text(const QVector<CatalogAnalysis>& analyses);
    // {"migrations": [{"id", "name", "dialect", "declared_compatible", "verdict", "mislabelled",
    //   "over_cautious", "method", "problem", "findings": [{"rule", "severity", "statement", "line",
    //   "object", "message"}]}], "notes": [...]}
    static QJsonObject json(const QVector<CatalogAnalysis>& analyses);
    // SARIF 2.1.0 for code-scanning uploads. File URIs are relative to `baseDirectory`
    // (the repository root, usually the working directory).
    static QJsonObject sarif(const QVector<CatalogAnalysis>& analyses, const QString& baseDirectory);
};

} // namespace backstep
