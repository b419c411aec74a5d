#include "timeline/timelinelegend.h"
#include "timeline/timelinenodepainter.h"

#include <QImage>
#include <QTest>

using namespace backstep::ui;

class TestTimelineLegend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesEveryState()
    {
        QCOMPARE(TimelineLegend::labels(),
                 (QStringList { QStringLiteral("compatible"), QStringLiteral("caution"), QStringLiteral("breaking"),
                                QStringLiteral("mislabelled flag"), QStringLiteral("flag unknown"),
                                QStringLiteral("pending"), QStringLiteral("drift") }));
        TimelineLegend legend;
        QVERIFY(legend.accessibleDescription().contains(QStringLiteral("mislabelled flag")));
    }

    // Drawn with the node painter: the breaking and caution colours appear, and the
    // whole legend fits its size hint.
    void drawsTheNodeShapes()
    {
        TimelineLegend legend;
        legend.resize(legend.sizeHint());
        QVERIFY(legend.sizeHint().width() > 300);
        const QImage image = legend.grab().toImage();
        bool breaking = false;
        bool caution = false;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor pixel = image.pixelColor(x, y);
                breaking = breaking || pixel == TimelineNodePainter::breakingColor();
                caution = caution || pixel == TimelineNodePainter::cautionColor();
            }
        }
        QVERIFY(breaking);
        QVERIFY(caution);
    }

    // Under a dark palette the labels stay light on dark, as readable as on light.
    void darkPaletteKeepsLabelsReadable()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        TimelineLegend legend;
        legend.setPalette(dark);
        legend.resize(legend.sizeHint());
        const QImage image = legend.grab().toImage();
        const auto luminance = [](const QColor& c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); };
        const double background = luminance(dark.color(QPalette::Window));
        double brightest = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                brightest = std::max(brightest, luminance(image.pixelColor(x, y)) - background);
        }
        QCOMPARE(image.pixelColor(image.width() - 1, 0).rgb(), dark.color(QPalette::Window).rgb());
        QVERIFY2(brightest > 0.6, qPrintable(QString::number(brightest)));
    }

    // At device pixel ratio 2 the legend renders at twice the pixels, every label inside.
    void highDpiRenderingKeepsTheLabelsInside()
    {
        TimelineLegend legend;
        legend.resize(legend.sizeHint());
        QImage image(legend.size() * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(Qt::white);
        legend.render(&image);
        QCOMPARE(image.size(), legend.sizeHint() * 2);
        // The last label ("drift") ends before the right edge: the last column is background.
        const QRgb background = legend.palette().color(QPalette::Window).rgb();
        for (int y = 0; y < image.height(); ++y)
            QCOMPARE(image.pixelColor(image.width() - 1, y).rgb(), background);
    }
};

QTEST_MAIN(TestTimelineLegend)
#include "tst_timelinelegend.moc"
