// The application icon: resources/icons/backstep.svg and the PNG sizes installed
// beside it in the hicolor theme. Each PNG must be the SVG rendered at its size, so
// an edit of the SVG that forgot the PNGs fails here. To render them again:
//   BACKSTEP_UPDATE_ICONS=1 build/tests/packaging/tst_appicon
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTest>

#include <cstdlib>

namespace {

const QString iconDir = QStringLiteral(BACKSTEP_ICON_DIR);

QImage render(QSvgRenderer& renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    return image;
}

// Mean absolute difference per channel, 0..255.
double meanDifference(const QImage& a, const QImage& b)
{
    const QImage x = a.convertToFormat(QImage::Format_ARGB32);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int column = 0; column < x.width(); ++column) {
            sum += std::abs(qRed(p[column]) - qRed(q[column])) + std::abs(qGreen(p[column]) - qGreen(q[column]))
                + std::abs(qBlue(p[column]) - qBlue(q[column])) + std::abs(qAlpha(p[column]) - qAlpha(q[column]));
        }
    }
    return sum / (4.0 * x.width() * x.height());
}

} // namespace

class TestAppIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pngMatchesSvg_data()
    {
        QTest::addColumn<int>("size");
        for (int size : { 16, 22, 24, 32, 48, 64, 128, 256 })
            QTest::addRow("%dx%d", size, size) << size;
    }

    void pngMatchesSvg()
    {
        QFETCH(int, size);
        QSvgRenderer renderer(iconDir + QStringLiteral("/backstep.svg"));
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.defaultSize(), QSize(128, 128));
        const QImage expected = render(renderer, size);
        const QString file = iconDir + QStringLiteral("/png/backstep-%1.png").arg(size);
        if (qEnvironmentVariableIsSet("BACKSTEP_UPDATE_ICONS"))
            QVERIFY(expected.save(file));

        const QImage png(file);
        QVERIFY2(!png.isNull(), qPrintable(file));
        QCOMPARE(png.size(), QSize(size, size));
        QVERIFY(png.hasAlphaChannel());
        // A rounded tile: transparent corners, an opaque middle.
        QCOMPARE(qAlpha(png.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(png.pixel(size - 1, size - 1)), 0);
        QCOMPARE(qAlpha(png.pixel(size / 2, size / 2)), 255);
        const double difference = meanDifference(png, expected);
        QVERIFY2(difference < 1.0,
            qPrintable(QStringLiteral("%1 differs from the SVG by %2 per channel").arg(file).arg(difference)));
    }
};

QTEST_MAIN(TestAppIcon)
#include "tst_appicon.moc"
