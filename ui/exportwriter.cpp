#include "exportwriter.h"

#include "report/simulationreport.h"

#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text)
{
    return ExportWriter::tr(text);
}

Error cannotWrite(const QString& path, const QString& why)
{
    // Code::Usage: the person chose a place that cannot be written; nothing is broken.
    return makeError(Error::Code::Usage, tr("Cannot write %1: %2").arg(path, why));
}

// The widget with its children as it is on screen, background included, so the
// picture reads the same in any viewer.
void paintWidget(QPainter& painter, QWidget* source)
{
    painter.fillRect(QRect(QPoint(0, 0), source->size()), source->palette().color(QPalette::Window));
    source->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
}

Result<void> writePng(const QString& path, QWidget* source)
{
    QImage image(source->size() * ExportWriter::pngScale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ExportWriter::pngScale);
    {
        QPainter painter(&image);
        paintWidget(painter, source);
    }
    if (!image.save(path, "PNG"))
        return cannotWrite(path, tr("the image could not be saved"));
    return {};
}

Result<void> writeSvg(const QString& path, QWidget* source, const QString& title)
{
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source->size());
    generator.setViewBox(QRect(QPoint(0, 0), source->size()));
    generator.setTitle(title);
    generator.setDescription(tr("Exported by Backstep"));
    QPainter painter;
    if (!painter.begin(&generator))
        return cannotWrite(path, tr("the file could not be opened"));
    paintWidget(painter, source);
    painter.end();
    return {};
}

Result<void> writePdf(const QString& path, QWidget* source, const QString& title)
{
    QPdfWriter writer(path);
    writer.setTitle(title);
    writer.setCreator(u"Backstep"_s);
    // One point per pixel: the page is the widget, at its size, without margins.
    writer.setResolution(72);
    writer.setPageSize(QPageSize(QSizeF(source->size()), QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&writer))
        return cannotWrite(path, tr("the file could not be opened"));
    paintWidget(painter, source);
    painter.end();
    return {};
}

} // namespace

Result<void> ExportWriter::writeText(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    file.write(bytes);
    if (!file.commit())
        return cannotWrite(path, file.errorString());
    return {};
}

std::optional<ExportWriter::Format> ExportWriter::formatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "png"_L1)
        return Format::Png;
    if (suffix == "svg"_L1)
        return Format::Svg;
    if (suffix == "pdf"_L1)
        return Format::Pdf;
    if (suffix == "md"_L1 || suffix == "markdown"_L1)
        return Format::Markdown;
    if (suffix == "json"_L1)
        return Format::Json;
    return std::nullopt;
}

QString ExportWriter::suffix(Format format)
{
    switch (format) {
    case Format::Png:
        return u"png"_s;
    case Format::Svg:
        return u"svg"_s;
    case Format::Pdf:
        return u"pdf"_s;
    case Format::Markdown:
        return u"md"_s;
    case Format::Json:
        break;
    }
    return u"json"_s;
}

bool ExportWriter::isPicture(Format format)
{
    return format == Format::Png || format == Format::Svg || format == Format::Pdf;
}

QStringList ExportWriter::fileFilters()
{
    return { tr("PNG image (*.png)"), tr("SVG drawing (*.svg)"), tr("PDF document (*.pdf)"),
        tr("Markdown (*.md)"), tr("JSON (*.json)") };
}

Result<void> ExportWriter::writePicture(Format format, const QString& path, QWidget* source, const QString& title)
{
    switch (format) {
    case Format::Png:
        return writePng(path, source);
    case Format::Svg:
        return writeSvg(path, source, title);
    case Format::Pdf:
        return writePdf(path, source, title);
    case Format::Markdown:
    case Format::Json:
        break;
    }
    return makeError(Error::Code::Internal, tr("%1 is not a picture format").arg(path));
}

Result<void> ExportWriter::writeReport(Format format, const QString& path, const ProjectSnapshot& snapshot,
    const QString& buildName, const GateDecision& decision)
{
    switch (format) {
    case Format::Markdown:
        return writeText(path, SimulationReport::markdown(snapshot, buildName, decision).toUtf8());
    case Format::Json:
        return writeText(
            path, QJsonDocument(SimulationReport::json(snapshot, buildName, decision)).toJson(QJsonDocument::Indented));
    case Format::Png:
    case Format::Svg:
    case Format::Pdf:
        break;
    }
    return makeError(Error::Code::Internal, tr("%1 is not a report format").arg(path));
}

} // namespace backstep::ui
