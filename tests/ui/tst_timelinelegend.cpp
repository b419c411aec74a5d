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
};

QTEST_MAIN(TestTimelineLegend)
#include "tst_timelinelegend.moc"
