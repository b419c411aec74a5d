#pragma once

#include "rehearsal/rehearsalreport.h"

#include <QTreeWidget>

namespace backstep::ui {

// A RehearsalReport as a tree a person can scan: the gate, the schema probe and the
// read/write probe per table, the down path per step, the proof that the database is
// unchanged, and the notes. Each line says "ok" or the problem in the engine's own
// words; lines with a problem are expanded, the rest folded. Shows values only.
class RehearsalResultTree : public QTreeWidget
{
    Q_OBJECT

public:
    // What a line found; also stored in column 0 under statusRole for tests and
    // accessibility tools.
    enum class Status {
        Ok,
        Harmless, // a difference that does not break the build
        Problem,
        NotRun,
    };
    static constexpr int statusRole = Qt::UserRole + 1;

    explicit RehearsalResultTree(QWidget* parent = nullptr);

    void setReport(const RehearsalReport& report);
    // The top-level line whose text starts with title, or nullptr.
    QTreeWidgetItem* section(const QString& title) const;

private:
    QTreeWidgetItem* addLine(QTreeWidgetItem* parent, const QString& what, const QString& result, Status status);
    void addGate(const RehearsalReport& report);
    void addSchemaProbe(QTreeWidgetItem* parent, const QString& title, const SchemaProbeResult& probe, bool ran);
    void addReadWriteProbe(QTreeWidgetItem* parent, const QString& title, const ReadWriteProbeResult& probe, bool ran);
    void addDownPath(const DownPath& path);
    void addUnchanged(const UnchangedProof& proof);
    void addNotes(const QStringList& notes);
};

} // namespace backstep::ui
