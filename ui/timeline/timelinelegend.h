#pragma once

#include <QWidget>

namespace backstep::ui {

// What the timeline's shapes mean, drawn with the same painter as the nodes so the
// two can never disagree.
class TimelineLegend : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineLegend(QWidget* parent = nullptr);

    // The legend's entries in order, for tests and accessibility.
    static QStringList labels();
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace backstep::ui
