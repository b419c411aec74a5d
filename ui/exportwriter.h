#pragma once

#include "common/result.h"
#include "gate/gatedecision.h"
#include "project/projectsnapshot.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QWidget;

namespace backstep::ui {

// Writes what the main window exports: a picture of the timeline (PNG, SVG, PDF)
// rendered from the live widgets, or the simulation result as Markdown or JSON (the
// words come from core's SimulationReport). The format follows the file's extension.
// GUI thread only: it paints widgets.
class ExportWriter
{
    Q_DECLARE_TR_FUNCTIONS(ExportWriter)

public:
    enum class Format
    {
        Png,
        Svg,
        Pdf,
        Markdown,
        Json,
    };

    // By extension, case-insensitive: .png, .svg, .pdf, .md/.markdown, .json.
    static std::optional<Format> formatFor(const QString& path);
    static bool isPicture(Format format);
    // The file dialog's filter for each format, in Format order.
    static QStringList fileFilters();
    // "png", "svg", "pdf", "md", "json".
    static QString suffix(Format format);

    // PNG at twice the widget's size, so that it stays sharp on high-DPI screens and in
    // a pull request; SVG and PDF at the widget's size in points, as vectors.
    static Result<void> writePicture(Format format, const QString& path, QWidget* source, const QString& title);
    static Result<void> writeReport(Format format, const QString& path, const ProjectSnapshot& snapshot,
        const QString& buildName, const GateDecision& decision);
    // Bytes to path through QSaveFile: a failed write leaves any old file as it was.
    static Result<void> writeText(const QString& path, const QByteArray& bytes);

    static constexpr int pngScale = 2;
};

} // namespace backstep::ui
