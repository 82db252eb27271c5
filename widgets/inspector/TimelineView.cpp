#include "widgets/inspector/TimelineView.h"

#include "widgets/fabric/FabricPalette.h"
#include "widgets/inspector/PeModels.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

constexpr double kWheelZoom = 1.25;
constexpr double kClickSlop = 4;
constexpr double kMinSpan = 8;    // cycles across the whole plot at most zoom
constexpr double kBoxesFrom = 2;  // pixels per cycle from which events are boxes
constexpr double kNamesFrom = 56; // pixels per cycle from which boxes carry the op
constexpr int kTooltipEvents = 8; // events listed in a tooltip

QString taskLabel(int task, const std::string& function) {
    const QString fn = functionDisplayName(function);
    if (task == sim::TraceEvent::kLaunchTask)
        return TimelineView::tr("launch %1").arg(fn);
    if (task == sim::TraceEvent::kInitTask)
        return TimelineView::tr("init %1").arg(fn);
    return TimelineView::tr("T%1 %2").arg(task).arg(fn);
}

QString linkName(char link) {
    switch (link) {
    case 'N':
        return TimelineView::tr("north");
    case 'S':
        return TimelineView::tr("south");
    case 'E':
        return TimelineView::tr("east");
    case 'W':
        return TimelineView::tr("west");
    default:
        return QString(QLatin1Char(link));
    }
}

QString describeEvent(const sim::TraceEvent& e) {
    switch (e.kind) {
    case sim::TraceEvent::Kind::Instruction:
        return TimelineView::tr("@%1 pc 0x%2 %3")
            .arg(e.cycle)
            .arg(e.pc, 4, 16, QLatin1Char('0'))
            .arg(QString::fromStdString(e.text));
    case sim::TraceEvent::Kind::WaveletIn:
        return TimelineView::tr("@%1 wavelet on color %2 in from the %3")
            .arg(e.cycle)
            .arg(e.color)
            .arg(linkName(e.link));
    case sim::TraceEvent::Kind::WaveletOut:
        return TimelineView::tr("@%1 wavelet on color %2 out to the %3")
            .arg(e.cycle)
            .arg(e.color)
            .arg(linkName(e.link));
    case sim::TraceEvent::Kind::Stall:
        return TimelineView::tr("@%1 %2").arg(e.cycle).arg(QString::fromStdString(e.text));
    }
    return {};
}

// A tick step of 1, 2 or 5 times a power of ten with at least `minPixels` between ticks.
double tickStep(double pixelsPerCycle, double minPixels) {
    const double raw = minPixels / std::max(pixelsPerCycle, 1e-12);
    double step = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (step * m >= raw)
            return std::max(1.0, step * m);
    return std::max(1.0, step * 10);
}

} // namespace

TimelineView::TimelineView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("timelineView"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_pool.setMaxThreadCount(1);
}

TimelineView::~TimelineView() {
    m_pool.clear();
    m_pool.waitForDone();
}

QSize TimelineView::minimumSizeHint() const {
    return {320, kRuler + std::max<int>(3, int(m_lanes.size())) * kLaneHeight + 4};
}

QSize TimelineView::sizeHint() const {
    return {720, kRuler + std::max<int>(4, int(m_lanes.size())) * kLaneHeight + 4};
}

void TimelineView::setTrace(std::shared_ptr<const sim::TraceLog> trace) {
    m_trace = std::move(trace);
    m_window = {};
    m_loading = false;
    ++m_requestSerial; // a window of the previous trace on its way is dropped
    rebuildLanes();
    fit();
}

void TimelineView::setPe(std::optional<QPoint> fabricPe) {
    if (fabricPe == m_pe)
        return;
    m_pe = fabricPe;
    m_window = {};
    m_loading = false;
    ++m_requestSerial; // a window of the previous PE on its way is dropped
    rebuildLanes();
    requestWindow();
    update();
}

void TimelineView::setSelectedCycle(std::optional<quint64> cycle) {
    if (cycle == m_selectedCycle)
        return;
    m_selectedCycle = cycle;
    if (cycle && (double(*cycle) < m_first || double(*cycle) >= m_last)) {
        const double span = m_last - m_first;
        setVisibleCycles(double(*cycle) - span / 2, double(*cycle) + span / 2);
    }
    update();
}

void TimelineView::rebuildLanes() {
    m_lanes.clear();
    if (m_trace && m_pe) {
        const sim::TracePeLanes l = m_trace->lanes(uint32_t(m_pe->x()), uint32_t(m_pe->y()));
        // Launch and init first, then tasks by id.
        for (int special : {sim::TraceEvent::kLaunchTask, sim::TraceEvent::kInitTask})
            if (auto it = l.tasks.find(special); it != l.tasks.end())
                m_lanes.push_back({Lane::Kind::Task, special, taskLabel(special, it->second)});
        for (const auto& [task, function] : l.tasks)
            if (task >= 0)
                m_lanes.push_back({Lane::Kind::Task, task, taskLabel(task, function)});
        for (int c = 0; c < 32; ++c) {
            if (l.colorsIn >> c & 1)
                m_lanes.push_back({Lane::Kind::ColorIn, c, tr("C%1 in").arg(c)});
            if (l.colorsOut >> c & 1)
                m_lanes.push_back({Lane::Kind::ColorOut, c, tr("C%1 out").arg(c)});
        }
        if (l.stalls)
            m_lanes.push_back({Lane::Kind::Stalls, -1, tr("stalls")});
    }
    // Labels start after the colour swatch (18 px) and keep 4 px from the plot.
    int widest = 0;
    for (const Lane& lane : m_lanes)
        widest = std::max(widest, fontMetrics().horizontalAdvance(lane.label));
    m_gutter = std::clamp(widest + 22, int(kGutter), int(kMaxGutter));
    updateGeometry();
}

int TimelineView::laneOf(const sim::TraceEvent& e) const {
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        const Lane& lane = m_lanes[i];
        switch (e.kind) {
        case sim::TraceEvent::Kind::Instruction:
            if (lane.kind == Lane::Kind::Task && lane.id == e.task)
                return int(i);
            break;
        case sim::TraceEvent::Kind::WaveletIn:
            if (lane.kind == Lane::Kind::ColorIn && lane.id == e.color)
                return int(i);
            break;
        case sim::TraceEvent::Kind::WaveletOut:
            if (lane.kind == Lane::Kind::ColorOut && lane.id == e.color)
                return int(i);
            break;
        case sim::TraceEvent::Kind::Stall:
            if (lane.kind == Lane::Kind::Stalls)
                return int(i);
            break;
        }
    }
    return -1;
}

void TimelineView::setVisibleCycles(double first, double last) {
    double span = std::max(kMinSpan, last - first);
    const double runEnd = m_trace && !m_trace->empty() ? double(m_trace->lastCycle()) + 1 : 1;
    span = std::min(span, std::max(kMinSpan, runEnd * 1.1));
    first = std::clamp(first, -span * 0.05, std::max(0.0, runEnd - span * 0.5));
    if (first == m_first && first + span == m_last)
        return;
    m_first = first;
    m_last = first + span;
    requestWindow();
    update();
    emit visibleCyclesChanged();
}

void TimelineView::fit() {
    const double end = m_trace && !m_trace->empty() ? double(m_trace->lastCycle()) + 1 : 1;
    m_first = m_last = -1; // forces the change through setVisibleCycles
    setVisibleCycles(0, std::max(kMinSpan, end));
}

void TimelineView::zoomAround(double widgetX, double factor) {
    const double anchor = cycleAtX(widgetX);
    const double first = anchor - (anchor - m_first) / factor;
    const double last = anchor + (m_last - anchor) / factor;
    setVisibleCycles(first, last);
}

double TimelineView::cycleAtX(double x) const {
    const int plotWidth = std::max(1, width() - m_gutter);
    return m_first + (x - m_gutter) * (m_last - m_first) / plotWidth;
}

double TimelineView::xOfCycle(double cycle) const {
    const int plotWidth = std::max(1, width() - m_gutter);
    return m_gutter + (cycle - m_first) * plotWidth / (m_last - m_first);
}

int TimelineView::laneAtY(double y) const {
    if (y < kRuler)
        return -1;
    const int lane = int((y - kRuler) / kLaneHeight);
    return lane < int(m_lanes.size()) ? lane : -1;
}

void TimelineView::requestWindow() {
    if (!m_trace || !m_pe || m_lanes.empty())
        return;
    const double span = m_last - m_first;
    const quint64 wantFirst = quint64(std::max(0.0, std::floor(m_first)));
    const quint64 wantLast = quint64(std::max(0.0, std::ceil(m_last)));
    const bool covered =
        m_window.end > m_window.begin && m_window.begin <= wantFirst && m_window.end >= wantLast;
    // A sampled window gets more detail when the view zooms in on it.
    const bool refine = m_window.sampled && span < double(m_window.end - m_window.begin) / 3;
    if (covered && !refine)
        return;
    if (m_loading && m_pendingBegin <= wantFirst && m_pendingEnd >= wantLast &&
        (!refine || double(m_pendingEnd - m_pendingBegin) <= span * 3.5))
        return; // the window on its way covers it
    // The visible cycles and one span either side, so panning does not wait at once.
    const quint64 begin = quint64(std::max(0.0, std::floor(m_first - span)));
    const quint64 end = quint64(std::max(0.0, std::ceil(m_last + span)));
    const quint64 serial = ++m_requestSerial;
    m_loading = true;
    m_pendingBegin = begin;
    m_pendingEnd = end;
    auto trace = m_trace;
    const QPoint pe = *m_pe;
    m_pool.clear(); // a queued, not yet started, older request is obsolete
    const size_t budget = m_windowBudget;
    m_pool.start([this, trace, pe, begin, end, serial, budget] {
        auto window = std::make_shared<sim::TraceWindow>();
        QString error;
        try {
            *window = trace->window(uint32_t(pe.x()), uint32_t(pe.y()), begin, end, budget);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, window, serial, error, trace] {
                if (serial != m_requestSerial || trace != m_trace)
                    return; // a newer request or another trace superseded it
                m_loading = false;
                m_window = std::move(*window);
                if (!error.isEmpty())
                    setToolTip(error);
                update();
                emit windowLoaded();
            },
            Qt::QueuedConnection);
    });
}

QColor TimelineView::laneColor(int lane) const {
    const Lane& l = m_lanes[size_t(lane)];
    switch (l.kind) {
    case Lane::Kind::Task: {
        // Task lanes come first: their index tells them apart (task ids may repeat a colour).
        return QColor::fromRgb(fabric_palette::codeClassColor(lane));
    }
    case Lane::Kind::ColorIn:
    case Lane::Kind::ColorOut:
        return QColor::fromRgb(fabric_palette::routeColor(l.id));
    case Lane::Kind::Stalls:
        return QColor(200, 40, 40);
    }
    return palette().color(QPalette::Text);
}

QString TimelineView::emptyText() const {
    if (!m_trace)
        return tr("No trace. Turn on Trace to record this run's instructions and wavelets.");
    if (!m_pe)
        return tr("Select a PE to see its timeline.");
    if (m_lanes.empty())
        return tr("PE %1,%2 ran no instruction and moved no wavelet in the traced cycles.")
            .arg(m_pe->x())
            .arg(m_pe->y());
    return {};
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QString empty = emptyText();
    if (!empty.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, empty);
        return;
    }
    const int plotWidth = std::max(1, width() - m_gutter);
    // Lane backgrounds and labels.
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        const QRect row(0, yOfLane(int(i)), width(), kLaneHeight);
        if (i % 2)
            p.fillRect(row, pal.color(QPalette::AlternateBase));
        const QColor colour = laneColor(int(i));
        p.fillRect(QRect(4, row.top() + 4, 10, kLaneHeight - 8), colour);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(18, row.top(), m_gutter - 22, kLaneHeight), Qt::AlignVCenter,
                   p.fontMetrics().elidedText(m_lanes[i].label, Qt::ElideRight, m_gutter - 22));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(m_gutter - 1, 0, m_gutter - 1, height());
    paintRuler(p, plotWidth);
    p.setClipRect(QRect(m_gutter, kRuler, plotWidth, height() - kRuler));
    paintEvents(p, plotWidth);
    if (m_selectedCycle) {
        const double x = xOfCycle(double(*m_selectedCycle) + 0.5);
        p.setPen(QPen(pal.color(QPalette::Highlight), 2));
        p.drawLine(QPointF(x, kRuler), QPointF(x, height()));
    }
    if (m_hoverX) {
        p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DotLine));
        p.drawLine(QPointF(*m_hoverX, kRuler), QPointF(*m_hoverX, height()));
    }
    p.setClipping(false);
    if (m_selectedCycle) {
        // The selected cycle's number on the ruler, over the ticks.
        const QString text = QString::number(*m_selectedCycle);
        const double x = xOfCycle(double(*m_selectedCycle) + 0.5);
        const int w = p.fontMetrics().horizontalAdvance(text) + 8;
        const QRectF box(std::clamp(x - w / 2.0, double(m_gutter), double(width() - w)), 2, w,
                         kRuler - 4);
        p.fillRect(box, pal.color(QPalette::Highlight));
        p.setPen(pal.color(QPalette::HighlightedText));
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void TimelineView::paintRuler(QPainter& p, int plotWidth) {
    const QPalette pal = palette();
    p.fillRect(QRect(0, 0, width(), kRuler), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    const QString corner = m_window.sampled ? tr("PE %1,%2 (sampled)") : tr("PE %1,%2 · cycle");
    p.drawText(QRect(4, 0, m_gutter - 8, kRuler), Qt::AlignVCenter,
               corner.arg(m_pe->x()).arg(m_pe->y()));
    const double ppc = plotWidth / (m_last - m_first);
    const double step = tickStep(ppc, 80);
    for (double c = std::ceil(std::max(0.0, m_first) / step) * step; c < m_last; c += step) {
        const double x = xOfCycle(c);
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(QPointF(x, kRuler - 6), QPointF(x, height()));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(x + 3, 0, 90, kRuler - 2), Qt::AlignVCenter | Qt::AlignLeft,
                   QString::number(quint64(c)));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(m_gutter, kRuler - 1, width(), kRuler - 1);
}

void TimelineView::paintEvents(QPainter& p, int plotWidth) {
    const double ppc = plotWidth / (m_last - m_first);
    const int lanes = int(m_lanes.size());
    if (ppc >= kBoxesFrom) {
        // Close: one box per event (cycle-wide), the op named when it fits.
        for (const sim::TraceEvent& e : m_window.events) {
            const double x = xOfCycle(double(e.cycle));
            if (x + ppc < m_gutter || x > width())
                continue;
            const int lane = laneOf(e);
            if (lane < 0)
                continue;
            const QColor colour = laneColor(lane);
            const QRectF box(x, yOfLane(lane) + 2, std::max(1.0, ppc - 1), kLaneHeight - 4);
            p.fillRect(box, colour);
            if (ppc >= kNamesFrom && e.kind == sim::TraceEvent::Kind::Instruction) {
                // "DsdExec fadds recv" -> "fadds"; "Add main" -> "Add".
                const QStringList words = QString::fromStdString(e.text).split(QLatin1Char(' '));
                const QString op = words.size() >= 3 ? words[1] : words.value(0);
                p.setPen(fabric_palette::textOn(colour.rgb()));
                p.drawText(box.adjusted(2, 0, -1, 0), Qt::AlignVCenter,
                           p.fontMetrics().elidedText(op, Qt::ElideRight, int(box.width()) - 3));
            }
        }
        return;
    }
    // Far: events binned per pixel column; the shade says how busy the column's cycles were.
    std::vector<std::vector<int>> bins(size_t(lanes), std::vector<int>(size_t(plotWidth), 0));
    for (const sim::TraceEvent& e : m_window.events) {
        const int column = int(std::floor(xOfCycle(double(e.cycle)))) - m_gutter;
        if (column < 0 || column >= plotWidth)
            continue;
        const int lane = laneOf(e);
        if (lane >= 0)
            ++bins[size_t(lane)][size_t(column)];
    }
    const double cyclesPerColumn = 1 / ppc;
    for (int lane = 0; lane < lanes; ++lane) {
        QColor colour = laneColor(lane);
        const int top = yOfLane(lane) + 2;
        for (int column = 0; column < plotWidth; ++column) {
            const int n = bins[size_t(lane)][size_t(column)];
            if (!n)
                continue;
            // At least a third visible, full when an event fell on every cycle.
            const double busy = std::min(1.0, n / cyclesPerColumn);
            colour.setAlphaF(float(0.35 + 0.65 * busy));
            p.fillRect(QRect(m_gutter + column, top, 1, kLaneHeight - 4), colour);
        }
    }
}

QString TimelineView::describeAt(QPointF pos) const {
    const int lane = laneAtY(pos.y());
    if (lane < 0 || pos.x() < m_gutter)
        return {};
    const double ppc = std::max(1, width() - m_gutter) / (m_last - m_first);
    // The cycles under the pointer: one, or the column's range when zoomed out.
    const double c0 = std::floor(cycleAtX(pos.x()));
    const double c1 = ppc >= 1 ? c0 + 1 : std::ceil(cycleAtX(pos.x() + 1));
    if (c1 <= 0)
        return {};
    QStringList lines;
    int count = 0;
    for (const sim::TraceEvent& e : m_window.events) {
        if (double(e.cycle) < c0 || double(e.cycle) >= c1 || laneOf(e) != lane)
            continue;
        if (++count <= kTooltipEvents)
            lines << describeEvent(e);
    }
    const QString head =
        c1 - c0 <= 1 ? tr("%1 · cycle %2").arg(m_lanes[size_t(lane)].label).arg(qulonglong(c0))
                     : tr("%1 · cycles %2–%3")
                           .arg(m_lanes[size_t(lane)].label)
                           .arg(qulonglong(std::max(0.0, c0)))
                           .arg(qulonglong(c1 - 1));
    if (count == 0)
        return head;
    if (count > kTooltipEvents)
        lines << tr("… %n more", nullptr, count - kTooltipEvents);
    return head + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
}

bool TimelineView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = describeAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        // A horizontal wheel or touchpad swipe pans.
        const double dx = event->angleDelta().x() / 120.0;
        const double shift = -dx * (m_last - m_first) * 0.1;
        setVisibleCycles(m_first + shift, m_last + shift);
    } else {
        zoomAround(event->position().x(), std::pow(kWheelZoom, steps));
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    m_pressPos = m_dragLast = event->position();
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging) {
        const double dx = event->position().x() - m_dragLast.x();
        m_dragLast = event->position();
        const double shift = -dx * (m_last - m_first) / std::max(1, width() - m_gutter);
        setVisibleCycles(m_first + shift, m_last + shift);
    }
    m_hoverX = event->position().x() >= m_gutter ? std::optional<double>(event->position().x())
                                                 : std::nullopt;
    update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_dragging) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    const QPointF moved = event->position() - m_pressPos;
    if (std::hypot(moved.x(), moved.y()) > kClickSlop || event->position().x() < m_gutter)
        return;
    const double cycle = std::floor(cycleAtX(event->position().x()));
    if (cycle < 0 || m_lanes.empty())
        return;
    int task = -1, color = -1;
    if (const int lane = laneAtY(event->position().y()); lane >= 0) {
        const Lane& l = m_lanes[size_t(lane)];
        if (l.kind == Lane::Kind::Task && l.id >= 0)
            task = l.id;
        else if (l.kind == Lane::Kind::ColorIn || l.kind == Lane::Kind::ColorOut)
            color = l.id;
    }
    m_selectedCycle = quint64(cycle);
    update();
    emit cycleClicked(quint64(cycle), task, color);
}

void TimelineView::leaveEvent(QEvent*) {
    m_hoverX.reset();
    update();
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    const double centre = m_gutter + (width() - m_gutter) / 2.0;
    const double span = m_last - m_first;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(centre, 2);
        break;
    case Qt::Key_Minus:
        zoomAround(centre, 0.5);
        break;
    case Qt::Key_Left:
        setVisibleCycles(m_first - span * 0.2, m_last - span * 0.2);
        break;
    case Qt::Key_Right:
        setVisibleCycles(m_first + span * 0.2, m_last + span * 0.2);
        break;
    case Qt::Key_Home:
        fit();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace tessera
