// ExportWriter through the main window, on the demo opened as a person would (the copy
// bundled in the executable): every format written and read back, the formats chosen by
// extension, and the backstep command line's --export.

#include "decisionbanner.h"
#include "exportwriter.h"
#include "mainwindow.h"
#include "report/simulationreport.h"
#include "timeline/timelinenodepainter.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using backstep::ui::ExportWriter;
using backstep::ui::MainWindow;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool containsColor(const QImage& image, const QColor& color)
{
    const QRgb wanted = color.rgb();
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if ((line[x] | 0xff000000) == wanted)
                return true;
        }
    }
    return false;
}

} // namespace

class TestExportWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

    QString path(const QString& name) const
    {
        return m_folder.filePath(name);
    }

    static void openDemo(MainWindow& window, const QString& target)
    {
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.setTarget(target);
        window.openDemo();
        QVERIFY(loaded.wait(60000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_folder.isValid());
    }

    void formatFollowsTheExtension_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        QTest::newRow("png") << u"a.png"_s << int(ExportWriter::Format::Png);
        QTest::newRow("upper case") << u"A.SVG"_s << int(ExportWriter::Format::Svg);
        QTest::newRow("pdf") << u"dir/a.b.pdf"_s << int(ExportWriter::Format::Pdf);
        QTest::newRow("md") << u"a.md"_s << int(ExportWriter::Format::Markdown);
        QTest::newRow("markdown") << u"a.markdown"_s << int(ExportWriter::Format::Markdown);
        QTest::newRow("json") << u"a.json"_s << int(ExportWriter::Format::Json);
        QTest::newRow("unknown") << u"a.txt"_s << -1;
        QTest::newRow("none") << u"png"_s << -1;
    }

    void formatFollowsTheExtension()
    {
        QFETCH(QString, file);
        QFETCH(int, format);
        const auto found = ExportWriter::formatFor(file);
        QCOMPARE(found ? int(*found) : -1, format);
    }

    void timelineAsPng()
    {
        MainWindow window;
        window.show();
        openDemo(window, u"1.6.0"_s);
        QVERIFY(window.exportTo(path(u"timeline.png"_s)).ok());
        QImage image;
        QVERIFY(image.load(path(u"timeline.png"_s)));
        auto* pane = window.findChild<QWidget*>(u"timelinePane"_s);
        QVERIFY(pane);
        QCOMPARE(image.size(), pane->size() * ExportWriter::pngScale);
        QVERIFY(image.width() > 800 && image.height() > 200);
        QVERIFY(containsColor(image, backstep::ui::TimelineNodePainter::breakingColor()));
        QVERIFY(containsColor(image, backstep::ui::TimelineNodePainter::compatibleColor()));
    }

    void timelineAsSvg()
    {
        MainWindow window;
        window.show();
        openDemo(window, u"1.6.0"_s);
        QVERIFY(window.exportTo(path(u"timeline.svg"_s)).ok());
        QXmlStreamReader xml(readAll(path(u"timeline.svg"_s)));
        QStringList texts;
        QString title;
        bool breakingFill = false;
        int shapes = 0;
        QString root;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const QString name = xml.name().toString();
            if (root.isEmpty())
                root = name;
            if (name == "title"_L1)
                title = xml.readElementText();
            else if (name == "text"_L1)
                texts << xml.readElementText().trimmed();
            else if (name == "path"_L1 || name == "polygon"_L1 || name == "polyline"_L1 || name == "circle"_L1
                || name == "ellipse"_L1 || name == "image"_L1)
                ++shapes; // the view may draw a node as a vector or as a cached image
            else if (name == "g"_L1)
                breakingFill = breakingFill || xml.attributes().value("fill"_L1) == "#d63a42"_L1;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, u"svg"_s);
        QVERIFY2(title.startsWith(u"Backstep timeline of sqlite:"_s), qPrintable(title));
        // Every build labelled, on the timeline and in the strip, as text.
        for (const QString& version : { u"1.0.0"_s, u"1.6.0"_s, u"2.1.0"_s })
            QVERIFY2(texts.count(version) >= 2, qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(u"head #37"_s));
        QVERIFY(breakingFill);
        QVERIFY(shapes > 37); // a node per migration, at least
    }

    void timelineAsPdf()
    {
        MainWindow window;
        window.show();
        openDemo(window, u"1.6.0"_s);
        QVERIFY(window.exportTo(path(u"timeline.pdf"_s)).ok());
        const QByteArray pdf = readAll(path(u"timeline.pdf"_s));
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QVERIFY2(pdf.size() > 10000, QByteArray::number(pdf.size()).constData());
        QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "), 1);
    }

    void simulationAsMarkdown()
    {
        MainWindow window;
        window.show();
        openDemo(window, u"1.6.0"_s);
        QVERIFY(window.exportTo(path(u"simulation.md"_s)).ok());
        const QString markdown = QString::fromUtf8(readAll(path(u"simulation.md"_s)));
        const QStringList lines = markdown.split(u'\n');
        QCOMPARE(lines.first(), u"## Would 1.6.0 boot on this database?"_s);
        QVERIFY2(lines.contains(u"**\u2718 1.6.0 would refuse to boot: 2 newer migrations block it (#30, #34).**"_s),
            qPrintable(markdown));
        QVERIFY(markdown.contains(u"| #30 | drop_sessions | mislabelled |"_s));
        QVERIFY(markdown.contains(u"| #34 | rename_recipe_tags_to_recipe_labels | flag-false |"_s));
        QVERIFY(lines.contains(u"| #30 | drop_sessions | compatible | breaking (mislabelled) | blocks |"_s));
        QVERIFY(lines.contains(u"| #31 | index_api_tokens_user_id | compatible | compatible | tolerated |"_s));
    }

    void simulationAsJson()
    {
        MainWindow window;
        window.show();
        openDemo(window, u"1.6.0"_s);
        QVERIFY(window.exportTo(path(u"simulation.json"_s)).ok());
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(readAll(path(u"simulation.json"_s)), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.value(u"build"_s).toString(), u"1.6.0"_s);
        QCOMPARE(json.value(u"build_max_id"_s).toInteger(), 29);
        QCOMPARE(json.value(u"head"_s).toInteger(), 37);
        QCOMPARE(json.value(u"outcome"_s).toString(), u"refuse"_s);
        QVERIFY(json.value(u"sentence"_s).toString().startsWith(u"1.6.0 would refuse to boot"_s));
        QList<qint64> blocking;
        for (const QJsonValue& row : json.value(u"blocking"_s).toArray())
            blocking << row.toObject().value(u"id"_s).toInteger();
        QCOMPARE(blocking, QList<qint64>({ 30, 34 }));
        const QJsonArray newer = json.value(u"newer"_s).toArray();
        QCOMPARE(newer.size(), 8);
        QCOMPARE(newer.first().toObject().value(u"mislabelled"_s).toBool(), true);
    }

    void theExportFollowsTheTarget()
    {
        MainWindow window;
        window.show();
        openDemo(window, u"2.0.0"_s);
        auto* combo = window.findChild<QComboBox*>(u"targetCombo"_s);
        combo->setCurrentIndex(combo->findText(u"2.1.0"_s));
        QVERIFY(window.exportTo(path(u"newest.md"_s)).ok());
        QVERIFY(readAll(path(u"newest.md"_s))
                    .contains("**\xe2\x9c\x94 2.1.0 would boot: the ledger holds nothing it does not know.**"));
    }

    void badExportsAreRefused()
    {
        MainWindow window;
        const auto nothingOpen = window.exportTo(path(u"early.md"_s));
        QVERIFY(!nothingOpen.ok());
        QVERIFY(nothingOpen.error().message.contains(u"no database is open"_s));
        QVERIFY(!QFile::exists(path(u"early.md"_s)));

        openDemo(window, u"1.6.0"_s);
        const auto unknown = window.exportTo(path(u"timeline.gif"_s));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(u".png, .svg, .pdf, .md or .json"_s));
        const auto unwritable = window.exportTo(path(u"no/such/folder/simulation.json"_s));
        QVERIFY(!unwritable.ok());
        QVERIFY(unwritable.error().message.startsWith(u"Cannot write"_s));
    }

    // The command line a script or the README uses, run from a folder far from the
    // source tree: the demo comes from the executable itself.
    void commandLineExports()
    {
        const QString gui = qEnvironmentVariable("BACKSTEP_GUI");
        QVERIFY(QFile::exists(gui));
        QTemporaryDir workdir;
        QProcess process;
        process.setWorkingDirectory(workdir.path());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.remove(u"BACKSTEP_DEMO_DIR"_s);
        process.setProcessEnvironment(environment);
        process.start(gui, { u"--demo"_s, u"--target"_s, u"1.4.0"_s, u"--export"_s, u"out.md"_s, u"--export"_s,
                               u"out.svg"_s });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(readAll(workdir.filePath(u"out.md"_s)).contains("1.4.0 would refuse to boot"));
        QVERIFY(readAll(workdir.filePath(u"out.svg"_s)).startsWith("<?xml"));

        process.start(gui, { u"--demo"_s, u"--export"_s, u"out.txt"_s });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 3);
        QVERIFY(process.readAllStandardError().contains("unknown export format"));
    }
};

QTEST_MAIN(TestExportWriter)
#include "tst_exportwriter.moc"
