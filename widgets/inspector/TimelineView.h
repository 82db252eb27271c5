#pragma once

#include "sim/trace_log.h"

#include <QPoint>
#include <QThreadPool>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace tessera {

// One PE's traced run along the cycles (issue 7, "a timeline of instructions by task and
// wavelets by color"): a lane per task that ran instructions (the launched and init
// functions count as tasks), a lane per color for wavelets that landed at the PE's router
// (in) and that it sent to a neighbour (out), and a lane for stalls.
//
// Custom painted, never one item per event: the view asks the trace log for the events
// of the visible cycles plus a margin on a worker thread (sim::TraceLog::window, bounded
// bytes, sampled beyond), and bins them per pixel column when a cycle is narrower than two
// pixels; closer, each instruction is a box, named when there is room. Wheel zooms around
// the cursor, dragging pans, Home fits the run; hovering shows what happened at that
// cycle; a click selects the cycle (cycleClicked, with the lane's task or color).
class TimelineView : public QWidget {
    Q_OBJECT
  public:
    struct Lane {
        enum class Kind { Task, ColorIn, ColorOut, Stalls } kind = Kind::Task;
        int id = -1; // task id (or sim::TraceEvent::kLaunchTask/kInitTask), color; -1 stalls
        QString label;
    };
    static constexpr int kGutter = 140;    // lane labels: at least this wide,
    static constexpr int kMaxGutter = 320; // wider for long task names, up to this
    static constexpr int kRuler = 22;      // cycle ruler on top
    static constexpr int kLaneHeight = 18;

    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    // The traced run (null: tracing is off or nothing traced yet). Fits the run.
    void setTrace(std::shared_ptr<const sim::TraceLog> trace);
    const std::shared_ptr<const sim::TraceLog>& trace() const { return m_trace; }
    // The PE shown, fabric coordinates.
    void setPe(std::optional<QPoint> fabricPe);
    std::optional<QPoint> pe() const { return m_pe; }
    // The cycle marked (linked selection); does not move the view unless it is off screen.
    void setSelectedCycle(std::optional<quint64> cycle);
    std::optional<quint64> selectedCycle() const { return m_selectedCycle; }

    // The visible cycles [first, last); zooming and panning change them.
    void setVisibleCycles(double first, double last);
    double firstVisibleCycle() const { return m_first; }
    double lastVisibleCycle() const { return m_last; }
    void zoomAround(double widgetX, double factor);
    void fit();

    // Bytes of log one window may read before it is sampled (sim::TraceLog::window).
    void setWindowBudget(size_t bytes) { m_windowBudget = bytes; }
    const std::vector<Lane>& lanes() const { return m_lanes; }
    // Width of the lane labels' column (it fits the longest label, kGutter..kMaxGutter).
    int gutter() const { return m_gutter; }
    // The last window the worker delivered (empty before).
    const sim::TraceWindow& loadedWindow() const { return m_window; }
    bool isLoading() const { return m_loading; }

    // Geometry: the cycle under a widget x, the lane under a widget y (-1 outside), the
    // widget x of a cycle, the widget y of a lane's top.
    double cycleAtX(double x) const;
    int laneAtY(double y) const;
    double xOfCycle(double cycle) const;
    int yOfLane(int lane) const { return kRuler + lane * kLaneHeight; }
    // What the tooltip says at a widget position (empty where nothing happened).
    QString describeAt(QPointF pos) const;

    QSize sizeHint() const override;
    // Every lane fits (the panel scrolls them).
    QSize minimumSizeHint() const override;

  signals:
    // A click on the plot: the cycle and, when the lane is one, its task or color (-1).
    void cycleClicked(quint64 cycle, int task, int color);
    // A window of events arrived from the worker and is shown.
    void windowLoaded();
    void visibleCyclesChanged();

  protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

  private:
    void rebuildLanes();
    int laneOf(const sim::TraceEvent& e) const;
    // Loads the window around the visible cycles when the loaded one does not cover them
    // (or was sampled and the view zoomed in).
    void requestWindow();
    QColor laneColor(int lane) const;
    void paintRuler(QPainter& p, int plotWidth);
    void paintEvents(QPainter& p, int plotWidth);
    QString emptyText() const;

    std::shared_ptr<const sim::TraceLog> m_trace;
    std::optional<QPoint> m_pe;
    std::optional<quint64> m_selectedCycle;
    std::vector<Lane> m_lanes;
    int m_gutter = kGutter;
    double m_first = 0, m_last = 1;
    sim::TraceWindow m_window;
    quint64 m_requestSerial = 0;
    bool m_loading = false;
    quint64 m_pendingBegin = 0, m_pendingEnd = 0; // the window being read
    size_t m_windowBudget = sim::TraceLog::kDefaultWindowBytes;
    std::optional<double> m_hoverX;
    bool m_dragging = false;
    QPointF m_pressPos, m_dragLast;
    QThreadPool m_pool; // one window read at a time; the destructor waits for it
};

} // namespace tessera
