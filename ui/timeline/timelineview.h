#pragma once

#include "project/projectsnapshot.h"
#include "timelinemapping.h"
#include "timelinenodecache.h"

#include <QSet>
#include <QWidget>

#include <optional>
#include <utility>

namespace backstep::ui {

// The ledger as a timeline: every migration a node along the time it was applied
// (pending ones hollow after the head), its state shown by colour and shape, build
// releases as labelled markers, the head marked, and a draggable target handle that
// splits what the simulated build knows from what it does not. Paints only what is
// visible. Never touches a database: it shows a ProjectSnapshot.
class TimelineView : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setSnapshot(const ProjectSnapshot& snapshot);
    // New analysis of entries already shown (same ids, times and order): repaints them
    // and the target's blocking rows, keeping zoom, pan and selection.
    void updateEntries(const QVector<TimelineEntry>& changed);
    // The simulated build: it knows the migrations up to maxId. nullopt: no simulation.
    void setTarget(std::optional<qint64> maxId);
    void setSelectedId(std::optional<qint64> id);
    void fitToWindow();

    std::optional<qint64> selectedId() const;
    std::optional<qint64> target() const;
    // Where the entry's node is painted, in widget coordinates; null when unknown.
    QRectF nodeRect(qint64 id) const;
    // The x of the target handle; nullopt without a target.
    std::optional<double> targetHandleX() const;
    const TimelineMapping& mapping() const;

    // Entries applied so close together that no lane is left for them are not drawn one
    // by one: a "+N" badge above their stack stands for them, its tooltip lists them, and
    // zooming in gives them lanes again.
    struct OverflowBadge
    {
        QRectF rect; // widget coordinates
        int count = 0; // hidden entries it stands for
        bool blocking = false; // one of them blocks the target build
        int firstPosition = 0; // the hidden entries lie in [first, last] of the time order
        int lastPosition = 0;
    };
    // The badges over the visible part of the timeline, left to right.
    QVector<OverflowBadge> overflowBadges() const;
    // The ids a badge stands for, in time order.
    QVector<qint64> overflowIds(const OverflowBadge& badge) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void entrySelected(qint64 id);
    // The target handle was dragged to a new position: a virtual build up to maxId.
    void targetDragged(qint64 maxId);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    enum class Drag
    {
        None,
        Pan,
        Target,
    };

    // [first, last) positions in time order of the entries within reach of the widget.
    std::pair<int, int> visiblePositions(double reach) const;
    int entryIndex(qint64 id) const;
    int entryAt(const QPointF& position) const;
    qint64 maxIdAt(double x) const;
    double axisY() const;
    double laneY(int lane) const;
    int maxLanes() const;
    void relayout();
    void zoomAround(double factor, double x);
    void selectIndex(int index);
    void ensureVisible(int index);
    QString toolTipText(const TimelineEntry& entry) const;
    QString overflowToolTip(const OverflowBadge& badge) const;
    int overflowBadgeAt(const QPointF& position, const QVector<OverflowBadge>& badges) const;
    // x where the catalog's pending migrations begin; nullopt when there are none.
    std::optional<double> pendingStartX() const;
    void updateBlocking();
    bool targetKnowsEverything() const;
    QString targetLabel() const;

    void paintAxis(QPainter& painter) const;
    void paintTarget(QPainter& painter) const;
    void paintBuilds(QPainter& painter) const;
    std::optional<QRectF> headLabelRect() const;
    QString headLabel(double x) const;
    void paintHead(QPainter& painter) const;
    void paintTargetHandle(QPainter& painter) const;
    void paintTargetLabel(QPainter& painter) const;
    void paintNodes(QPainter& painter) const;
    void paintOverflowBadges(QPainter& painter) const;
    void paintIdLabel(QPainter& painter, const QRectF& node, qint64 id) const;
    void paintPendingRegion(QPainter& painter, double x) const;
    void paintTicks(QPainter& painter, double until) const;

    ProjectSnapshot m_snapshot;
    TimelineMapping m_mapping;
    QVector<qint64> m_times; // per entry, entry (id) order
    QVector<int> m_order; // entry indices sorted by time, then id
    QVector<qint64> m_sortedTimes; // m_times in m_order
    QVector<int> m_lanes; // per sorted position
    QVector<int> m_sortedPosition; // per entry: its position in m_order
    std::optional<qint64> m_target;
    QSet<qint64> m_blocking;
    QVector<bool> m_blockingAt; // per position in time order, for painting without hashing
    std::optional<qint64> m_lastKnownTime; // the last applied_at the ledger knows
    std::optional<qint64> m_pendingBoundary; // between the applied and the pending entries
    qint64 m_highestId = 0;
    mutable TimelineNodeCache m_nodeCache; // filled while painting
    int m_selected = -1; // entry index
    bool m_autoFit = true; // refit on resize until the person zooms or pans
    Drag m_drag = Drag::None;
    QPointF m_lastMouse;
};

} // namespace backstep::ui
