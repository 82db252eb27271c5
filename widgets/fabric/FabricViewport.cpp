#include "widgets/fabric/FabricViewport.h"

#include <algorithm>
#include <cmath>

namespace tessera {

void FabricViewport::setWidgetSize(QSize size) {
    m_widgetSize = size.expandedTo(QSize(1, 1));
    clampOrigin();
}

void FabricViewport::setFabricSize(QSize size) {
    m_fabricSize = size.expandedTo(QSize(1, 1));
    m_scale = std::clamp(m_scale, minScale(), kMaxScale);
    clampOrigin();
}

FabricViewport::Detail FabricViewport::detail() const {
    if (m_scale >= kTextScale)
        return Detail::Text;
    if (m_scale >= kCellsScale)
        return Detail::Cells;
    return Detail::Pixels;
}

double FabricViewport::minScale() const {
    const double fit = std::min(double(m_widgetSize.width()) / m_fabricSize.width(),
                                double(m_widgetSize.height()) / m_fabricSize.height());
    return std::max(0.05, std::min(fit * 0.5, kMaxScale));
}

QRectF FabricViewport::cellRect(QPoint pe) const {
    return QRectF(toWidget(QPointF(pe)), QSizeF(m_scale, m_scale));
}

std::optional<QPoint> FabricViewport::peAt(QPointF widget) const {
    const QPointF fabric = toFabric(widget);
    const QPoint pe(int(std::floor(fabric.x())), int(std::floor(fabric.y())));
    if (pe.x() < 0 || pe.y() < 0 || pe.x() >= m_fabricSize.width() ||
        pe.y() >= m_fabricSize.height())
        return std::nullopt;
    return pe;
}

QRectF FabricViewport::visibleArea() const {
    return QRectF(m_origin, QSizeF(m_widgetSize) / m_scale);
}

QRect FabricViewport::visiblePes() const {
    const QRectF area = visibleArea();
    const int left = std::max(0, int(std::floor(area.left())));
    const int top = std::max(0, int(std::floor(area.top())));
    const int right = std::min(m_fabricSize.width(), int(std::ceil(area.right())));
    const int bottom = std::min(m_fabricSize.height(), int(std::ceil(area.bottom())));
    if (right <= left || bottom <= top)
        return {};
    return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

void FabricViewport::zoomAround(QPointF widgetAnchor, double factor) {
    setScaleAround(widgetAnchor, m_scale * factor);
}

void FabricViewport::setScaleAround(QPointF widgetAnchor, double scale) {
    const QPointF anchored = toFabric(widgetAnchor);
    m_scale = std::clamp(scale, minScale(), kMaxScale);
    m_origin = anchored - widgetAnchor / m_scale;
    clampOrigin();
}

void FabricViewport::panByPixels(QPointF widgetDelta) {
    m_origin -= widgetDelta / m_scale;
    clampOrigin();
}

void FabricViewport::centerOn(QPointF fabric) {
    m_origin = fabric - QPointF(m_widgetSize.width(), m_widgetSize.height()) / (2.0 * m_scale);
    clampOrigin();
}

void FabricViewport::fitFabric() {
    const double fit = std::min(double(m_widgetSize.width()) / m_fabricSize.width(),
                                double(m_widgetSize.height()) / m_fabricSize.height());
    m_scale = std::clamp(fit * 0.95, minScale(), kMaxScale);
    centerOn(QPointF(m_fabricSize.width(), m_fabricSize.height()) / 2.0);
}

// Keeps the fabric from leaving more than half the widget empty, so it cannot be lost
// off-screen. It acts only at the fabric's edges: zooming around a point with the fabric
// around it keeps that point exactly under the cursor.
void FabricViewport::clampOrigin() {
    const QSizeF view = QSizeF(m_widgetSize) / m_scale;
    const double minX = -view.width() / 2.0;
    const double maxX = m_fabricSize.width() - view.width() / 2.0;
    const double minY = -view.height() / 2.0;
    const double maxY = m_fabricSize.height() - view.height() / 2.0;
    m_origin.setX(std::clamp(m_origin.x(), minX, std::max(minX, maxX)));
    m_origin.setY(std::clamp(m_origin.y(), minY, std::max(minY, maxY)));
}

} // namespace tessera
