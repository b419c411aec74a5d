#pragma once

#include "gate/gatedecision.h"
#include "project/projectsnapshot.h"

#include <QPointer>
#include <QWidget>

#include <optional>

namespace backstep::ui {

class TimelineView;

// "Would it boot?" for every build at once: one marker per build of builds.json under
// the timeline, at the x of that build's marker on the time axis, its outcome shown by
// shape and colour (circle with a tick: boots; ring with a tick: boots tolerating newer
// migrations; octagon with a cross: refuses). The tooltip carries the decision
// sentence; a click (or Enter on the focused marker) asks for that build as target.
//
// It follows the timeline's zoom and pan by repainting whenever the timeline paints,
// reading the same TimelineMapping; it must be laid out with the timeline's left edge
// and width. GUI thread only.
class BuildStripView : public QWidget
{
    Q_OBJECT

public:
    explicit BuildStripView(TimelineView* timeline, QWidget* parent = nullptr);

    void setSnapshot(const ProjectSnapshot& snapshot);
    // The same project with more of it analysed: recomputes every build's decision,
    // keeping the keyboard focus on its marker.
    void updateDecisions(const ProjectSnapshot& snapshot);
    // The build currently simulated, highlighted; nullopt or a virtual build: none.
    void setTarget(std::optional<qint64> maxId);

    // Builds in builds.json order (ascending max id).
    int markerCount() const;
    QString markerVersion(int index) const;
    GateDecision::Outcome markerOutcome(int index) const;
    QString markerToolTip(int index) const;
    // Where the marker is painted, in widget coordinates; null for a bad index.
    QRectF markerRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void buildChosen(const QString& version);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Marker
    {
        QString version;
        qint64 maxId = 0;
        qint64 time = 0; // of the last migration the build knows, as the timeline places it
        GateDecision::Outcome outcome = GateDecision::Outcome::Boot;
        QString sentence;
    };

    double markerX(const Marker& marker) const;
    double markerY() const;
    int markerAt(const QPointF& position) const;
    void paintCaption(QPainter& painter) const;
    void paintMarker(QPainter& painter, const QRectF& rect, GateDecision::Outcome outcome) const;
    void paintLabels(QPainter& painter) const;

    QPointer<TimelineView> m_timeline;
    QVector<Marker> m_markers;
    std::optional<qint64> m_target;
    int m_focused = -1;
};

} // namespace backstep::ui
