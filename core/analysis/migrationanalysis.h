#pragma once

#include "common/dialect.h"
#include "finding.h"
#include "verdict.h"

#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace backstep {

// What analysis says of one migration in one dialect.
struct MigrationAnalysis
{
    enum class Method {
        Replay, // statement rules plus the schema diff of a replay on a scratch database
        StatementRules, // statement rules only (PostgreSQL without a scratch server)
        None, // not analysed: see problem
    };

    qint64 id = 0;
    QString name;
    QString file; // the up file analysed
    Dialect dialect = Dialect::Sqlite;
    bool declaredCompatible = false;
    Method method = Method::None;
    std::optional<Verdict> verdict; // nullopt: no verdict rather than a wrong one (see problem)
    Findings findings; // by statement, then as found; the diff's own findings last
    QString problem; // why there is no verdict: the replay error with file, statement and engine text

    // Declared compatible, analysed breaking: an error that blocks.
    bool mislabelled() const
    {
        return declaredCompatible && verdict == Verdict::Breaking;
    }
    // Declared breaking, analysed compatible: worth a look, never an error.
    bool overCautious() const
    {
        return !declaredCompatible && verdict == Verdict::Compatible;
    }

    friend bool operator==(const MigrationAnalysis& a, const MigrationAnalysis& b)
    {
        return a.id == b.id && a.name == b.name && a.file == b.file && a.dialect == b.dialect
            && a.declaredCompatible == b.declaredCompatible && a.method == b.method && a.verdict == b.verdict
            && a.findings == b.findings && a.problem == b.problem;
    }
};

using MigrationAnalyses = QVector<MigrationAnalysis>;

// The analysis of one catalog in one dialect.
struct CatalogAnalysis
{
    Dialect dialect = Dialect::Sqlite;
    QString directory;
    MigrationAnalyses migrations; // ascending by id
    QString note; // e.g. "no scratch PostgreSQL server: statement rules only"

    bool hasMislabelled() const
    {
        for (const MigrationAnalysis& migration : migrations) {
            if (migration.mislabelled())
                return true;
        }
        return false;
    }
    bool hasProblems() const
    {
        for (const MigrationAnalysis& migration : migrations) {
            if (!migration.problem.isEmpty())
                return true;
        }
        return false;
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::MigrationAnalysis)
