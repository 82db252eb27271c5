#include "widgets/fabric/FabricView.h"

#include "widgets/fabric/FabricLayerModel.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tessera {

namespace {
constexpr double kClickSlop = 4.0; // pixels a press may move and still be a click
constexpr double kKeyZoom = 1.25;
constexpr double kWheelNotch = 120.0;  // angleDelta units of one mouse-wheel notch
constexpr double kZoomPerNotch = 1.25; // each notch zooms 25%; touchpads zoom continuously
} // namespace

FabricView::FabricView(QWidget* parent) : QWidget(parent), m_layers(new FabricLayerModel(this)) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::OpenHandCursor);
    m_renderer.setLayers(m_layers->state());
    connect(m_layers, &FabricLayerModel::stateChanged, this, [this] {
        m_renderer.setLayers(m_layers->state());
        update();
    });
}

QString FabricView::emptyText() {
    return tr("No program yet. Build the project (Ctrl+B) to see its PEs, routes and memcpy "
              "regions here.");
}

QString FabricView::setSnapshot(FabricSnapshotPtr snapshot) {
    if (snapshot) {
        const QString error = snapshot->validate();
        if (!error.isEmpty())
            return error;
    }
    syncViewportSize();
    const QSize oldSize = m_renderer.snapshot() ? m_renderer.snapshot()->fabricSize : QSize();
    m_renderer.setSnapshot(snapshot);
    m_layers->setSnapshot(snapshot); // emits stateChanged, which updates the renderer
    if (snapshot && snapshot->fabricSize != oldSize) {
        m_viewport.setFabricSize(snapshot->fabricSize);
        m_selected.reset();
        m_hovered.reset();
        m_viewport.fitFabric();
        emit viewChanged();
    }
    update();
    return {};
}

void FabricView::setHighlightedColor(std::optional<int> color) {
    if (color == m_highlightedColor)
        return;
    m_highlightedColor = color;
    update();
}

void FabricView::selectPe(std::optional<QPoint> fabricPe) {
    const FabricSnapshotPtr& s = m_renderer.snapshot();
    if (fabricPe && (!s || !s->fabricRect().contains(*fabricPe)))
        fabricPe.reset();
    if (fabricPe == m_selected)
        return;
    m_selected = fabricPe;
    if (fabricPe && !m_viewport.visiblePes().contains(*fabricPe)) {
        m_viewport.centerOn(QPointF(*fabricPe) + QPointF(0.5, 0.5));
        emit viewChanged();
    }
    update();
}

void FabricView::setPaletteScheme(fabric_palette::Scheme scheme) {
    fabric_palette::setScheme(scheme);
    m_renderer.paletteChanged();
    m_layers->setSnapshot(m_renderer.snapshot()); // swatches and legends in the new colours
    update();
}

void FabricView::setOverviewEnabled(bool enabled) {
    m_overviewEnabled = enabled;
    update();
}

bool FabricView::isOverviewShown() const {
    const FabricSnapshotPtr& s = m_renderer.snapshot();
    return m_overviewEnabled && s &&
           (s->fabricSize.width() > kOverviewThreshold ||
            s->fabricSize.height() > kOverviewThreshold) &&
           width() >= 3 * kOverviewMaxSide / 2 && height() >= 3 * kOverviewMaxSide / 2 &&
           !wholeFabricVisible();
}

// With every PE in view the overview adds nothing and would cover the fabric's corner
// (a 32x16 program at the fitted zoom). The size is the widget's, as paintEvent syncs it.
bool FabricView::wholeFabricVisible() const {
    const QSizeF fabric(m_renderer.snapshot()->fabricSize);
    const double slack = 0.01; // fitFabric's scale is rounded
    const QRectF area(m_viewport.toFabric(QPointF(0, 0)), QSizeF(size()) / m_viewport.scale());
    return area.adjusted(-slack, -slack, slack, slack).contains(QRectF(QPointF(0, 0), fabric));
}

QRect FabricView::overviewRect() const {
    if (!isOverviewShown())
        return {};
    const QSize fabric = m_renderer.snapshot()->fabricSize;
    const QSize size = fabric.scaled(kOverviewMaxSide, kOverviewMaxSide, Qt::KeepAspectRatio)
                           .expandedTo(QSize(8, 8));
    const int margin = 12;
    return QRect(QPoint(width() - margin - size.width(), height() - margin - size.height()), size);
}

void FabricView::zoomAround(QPointF widgetAnchor, double factor) {
    syncViewportSize();
    m_viewport.zoomAround(widgetAnchor, factor);
    viewMoved();
}

void FabricView::setScale(double pixelsPerPe) {
    syncViewportSize();
    m_viewport.setScaleAround(QPointF(width(), height()) / 2.0, pixelsPerPe);
    viewMoved();
}

void FabricView::centerOn(QPointF fabricPoint) {
    syncViewportSize();
    m_viewport.centerOn(fabricPoint);
    viewMoved();
}

bool FabricView::jumpToPe(QPoint fabricPe) {
    const FabricSnapshotPtr& s = m_renderer.snapshot();
    if (!s || !s->fabricRect().contains(fabricPe))
        return false;
    syncViewportSize();
    if (m_viewport.scale() < FabricViewport::kTextScale * 1.5)
        m_viewport.setScaleAround(QPointF(width(), height()) / 2.0,
                                  FabricViewport::kTextScale * 1.5);
    m_viewport.centerOn(QPointF(fabricPe) + QPointF(0.5, 0.5));
    m_selected = fabricPe;
    viewMoved();
    return true;
}

void FabricView::fitFabric() {
    syncViewportSize();
    m_viewport.fitFabric();
    viewMoved();
}

void FabricView::syncViewportSize() {
    if (m_viewport.widgetSize() != size())
        m_viewport.setWidgetSize(size());
}

void FabricView::viewMoved() {
    update();
    emit viewChanged();
}

void FabricView::paintEvent(QPaintEvent*) {
    syncViewportSize();
    QPainter painter(this);
    m_renderer.paint(painter, m_viewport, {m_selected, m_hovered, m_highlightedColor});
    if (showsEmptyText()) {
        // A new user sees a dark panel before the first build: say how to fill it.
        painter.setPen(QColor(0xc8, 0xcc, 0xd4));
        painter.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                         emptyText());
        return;
    }
    const QRect overview = overviewRect();
    if (!overview.isEmpty())
        m_renderer.paintOverview(painter, overview, m_viewport);
    if (m_drag == Drag::Region && !m_region.isEmpty()) {
        const QRectF band = m_viewport.cellRect(m_region.topLeft())
                                .united(m_viewport.cellRect(m_region.bottomRight()));
        // A solid outline with a dashed one over it reads on light and dark cells alike.
        QColor fill = palette().color(QPalette::Highlight);
        painter.setPen(QPen(fill, 3));
        fill.setAlpha(70);
        painter.setBrush(fill);
        painter.drawRect(band);
        painter.setPen(QPen(Qt::white, 1, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(band);
    }
}

QRect FabricView::dragRegion(QPointF widgetPos) const {
    const auto a = m_viewport.peAt(m_pressPos);
    const auto b = m_viewport.peAt(widgetPos);
    if (!a || !b)
        return {};
    // Not QRect(a, b).normalized(): it gets corners one PE apart in reverse order wrong.
    return QRect(QPoint(std::min(a->x(), b->x()), std::min(a->y(), b->y())),
                 QPoint(std::max(a->x(), b->x()), std::max(a->y(), b->y())));
}

void FabricView::resizeEvent(QResizeEvent*) {
    syncViewportSize();
}

void FabricView::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / kWheelNotch;
    if (notches == 0.0) {
        event->ignore();
        return;
    }
    zoomAround(event->position(), std::pow(kZoomPerNotch, notches));
    updateHover(event->position());
    event->accept();
}

void FabricView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressPos = m_dragLast = event->position();
    if (event->modifiers() & Qt::ShiftModifier) {
        m_drag = Drag::Region;
        m_region = dragRegion(event->position());
        setCursor(Qt::CrossCursor);
        update();
    } else if (overviewRect().contains(event->position().toPoint())) {
        m_drag = Drag::Overview;
        moveOverviewTo(event->position());
    } else {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
}

void FabricView::mouseMoveEvent(QMouseEvent* event) {
    switch (m_drag) {
    case Drag::Pan:
        m_viewport.panByPixels(event->position() - m_dragLast);
        m_dragLast = event->position();
        viewMoved();
        break;
    case Drag::Overview:
        moveOverviewTo(event->position());
        break;
    case Drag::Region:
        if (const QRect r = dragRegion(event->position()); !r.isEmpty())
            m_region = r;
        update();
        break;
    case Drag::None:
        break;
    }
    updateHover(event->position());
}

void FabricView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || m_drag == Drag::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const bool wasPan = m_drag == Drag::Pan;
    const bool wasRegion = m_drag == Drag::Region;
    m_drag = Drag::None;
    setCursor(Qt::OpenHandCursor);
    if (wasRegion) {
        if (const QRect r = dragRegion(event->position()); !r.isEmpty())
            m_region = r;
        const QRect region = std::exchange(m_region, QRect());
        update();
        if (!region.isEmpty())
            emit regionSelected(region);
        return;
    }
    const QPointF moved = event->position() - m_pressPos;
    if (wasPan && std::hypot(moved.x(), moved.y()) <= kClickSlop) {
        if (const auto pe = m_viewport.peAt(event->position())) {
            m_selected = *pe;
            update();
            emit peClicked(*pe);
        }
    }
}

void FabricView::leaveEvent(QEvent*) {
    if (m_hovered) {
        m_hovered.reset();
        update();
    }
    emit hoverLeft();
}

void FabricView::keyPressEvent(QKeyEvent* event) {
    const QPointF centre(width() / 2.0, height() / 2.0);
    const double step = std::min(width(), height()) * 0.2;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(centre, kKeyZoom);
        break;
    case Qt::Key_Minus:
        zoomAround(centre, 1.0 / kKeyZoom);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        fitFabric();
        break;
    case Qt::Key_Left:
        m_viewport.panByPixels({step, 0});
        viewMoved();
        break;
    case Qt::Key_Right:
        m_viewport.panByPixels({-step, 0});
        viewMoved();
        break;
    case Qt::Key_Up:
        m_viewport.panByPixels({0, step});
        viewMoved();
        break;
    case Qt::Key_Down:
        m_viewport.panByPixels({0, -step});
        viewMoved();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void FabricView::moveOverviewTo(QPointF widgetPos) {
    const QRect overview = overviewRect();
    if (overview.isEmpty())
        return;
    const QSize fabric = m_renderer.snapshot()->fabricSize;
    const QPointF local = widgetPos - QPointF(overview.topLeft());
    centerOn(QPointF(local.x() * fabric.width() / overview.width(),
                     local.y() * fabric.height() / overview.height()));
}

void FabricView::updateHover(QPointF widgetPos) {
    std::optional<QPoint> pe;
    if (!overviewRect().contains(widgetPos.toPoint()))
        pe = m_viewport.peAt(widgetPos);
    if (pe == m_hovered)
        return;
    m_hovered = pe;
    update();
    if (!pe) {
        emit hoverLeft();
        return;
    }
    const FabricSnapshotPtr& s = m_renderer.snapshot();
    const bool inside = s && s->rectangle().contains(*pe);
    const QPoint local = s ? *pe - s->rectangleOffset : *pe;
    emit peHovered(*pe, local, inside, m_renderer.describePe(*pe));
}

} // namespace tessera
