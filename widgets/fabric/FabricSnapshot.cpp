#include "widgets/fabric/FabricSnapshot.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("tessera::FabricSnapshot", text);
}
QString pointText(QPoint p) {
    return QStringLiteral("(%1, %2)").arg(p.x()).arg(p.y());
}
} // namespace

std::pair<float, float> FabricHeatMap::range() const {
    float low = std::numeric_limits<float>::infinity();
    float high = -std::numeric_limits<float>::infinity();
    for (float value : values) {
        if (std::isnan(value))
            continue;
        low = std::min(low, value);
        high = std::max(high, value);
    }
    if (low > high)
        return {0.0f, 0.0f};
    return {low, high};
}

QRect FabricSnapshot::haloRect() const {
    return rectangle().adjusted(-1, -1, 1, 1).intersected(fabricRect());
}

QRect FabricSnapshot::westMemcpyColumns() const {
    if (!memcpy)
        return {};
    const int columns = 3 + westBufferColumns;
    const QRect r = rectangle();
    return QRect(r.left() - 1 - columns, r.top(), columns, r.height()).intersected(fabricRect());
}

QRect FabricSnapshot::eastMemcpyColumns() const {
    if (!memcpy)
        return {};
    const int columns = 2 + eastBufferColumns;
    const QRect r = rectangle();
    return QRect(r.right() + 2, r.top(), columns, r.height()).intersected(fabricRect());
}

uint16_t FabricSnapshot::codeClassAt(QPoint fabricPe) const {
    const QPoint local = fabricPe - rectangleOffset;
    if (local.x() < 0 || local.y() < 0 || local.x() >= rectangleSize.width() ||
        local.y() >= rectangleSize.height() || codeClass.empty())
        return kNoCode;
    return codeClass[size_t(local.y()) * size_t(rectangleSize.width()) + size_t(local.x())];
}

QString FabricSnapshot::heatMapName(const FabricHeatMap& map) const {
    return map.metric == FabricHeatMetric::Custom && !customHeatLabel.isEmpty()
               ? customHeatLabel
               : fabricHeatMetricName(map.metric);
}

std::pair<float, float> FabricSnapshot::heatRange(const FabricHeatMap& map) const {
    return map.metric == FabricHeatMetric::Custom && customHeatRange ? *customHeatRange
                                                                     : map.range();
}

const FabricHeatMap* FabricSnapshot::heatMap(FabricHeatMetric metric) const {
    for (const FabricHeatMap& map : heatMaps)
        if (map.metric == metric)
            return &map;
    return nullptr;
}

QString FabricSnapshot::validate() const {
    if (fabricSize.width() <= 0 || fabricSize.height() <= 0)
        return tr("fabric size %1x%2 is empty").arg(fabricSize.width()).arg(fabricSize.height());
    if (rectangleSize.width() < 0 || rectangleSize.height() < 0 ||
        (!rectangleSize.isEmpty() && !fabricRect().contains(rectangle())))
        return tr("program rectangle %1x%2 at %3 lies outside the %4x%5 fabric")
            .arg(rectangleSize.width())
            .arg(rectangleSize.height())
            .arg(pointText(rectangleOffset))
            .arg(fabricSize.width())
            .arg(fabricSize.height());
    const size_t rectanglePes = size_t(rectangleSize.width()) * size_t(rectangleSize.height());
    if (!codeClass.empty() && codeClass.size() != rectanglePes)
        return tr("codeClass has %1 entries, the rectangle has %2 PEs")
            .arg(codeClass.size())
            .arg(rectanglePes);
    for (size_t i = 0; i < codeClass.size(); ++i) {
        if (codeClass[i] != kNoCode && codeClass[i] >= classes.size()) {
            const QPoint pe = rectangleOffset + QPoint(int(i % size_t(rectangleSize.width())),
                                                       int(i / size_t(rectangleSize.width())));
            return tr("PE %1 has code class %2, but there are %3 classes")
                .arg(pointText(pe))
                .arg(codeClass[i])
                .arg(classes.size());
        }
    }
    for (const FabricColorRoutes& color : routes) {
        if (color.color < 0 || color.color >= kMaxColors)
            return tr("route color %1 is outside 0..%2").arg(color.color).arg(kMaxColors - 1);
        for (const FabricRoute& route : color.pes) {
            if (!fabricRect().contains(route.pe))
                return tr("route of color %1 at PE %2 lies outside the fabric")
                    .arg(color.color)
                    .arg(pointText(route.pe));
            if ((route.rx | route.tx) & ~fabric_dir::All)
                return tr("route of color %1 at PE %2 has an unknown direction bit")
                    .arg(color.color)
                    .arg(pointText(route.pe));
        }
    }
    const QRect localRectangle(QPoint(0, 0), rectangleSize);
    for (const FabricMemcpyRegion& region : memcpyRegions) {
        if (region.roi.isEmpty() || !localRectangle.contains(region.roi))
            return tr("memcpy region %1x%2 at %3 lies outside the %4x%5 program rectangle")
                .arg(region.roi.width())
                .arg(region.roi.height())
                .arg(pointText(region.roi.topLeft()))
                .arg(rectangleSize.width())
                .arg(rectangleSize.height());
    }
    for (const FabricHeatMap& map : heatMaps) {
        if (map.values.size() != rectanglePes)
            return tr("heat map \"%1\" has %2 values, the rectangle has %3 PEs")
                .arg(heatMapName(map))
                .arg(map.values.size())
                .arg(rectanglePes);
        if (int(map.metric) >= kFabricHeatMetricCount)
            return tr("heat map metric %1 is unknown").arg(int(map.metric));
    }
    for (const FabricWaitingPe& waitingPe : waiting)
        if (!fabricRect().contains(waitingPe.pe))
            return tr("waiting PE %1 lies outside the fabric").arg(pointText(waitingPe.pe));
    for (const FabricBreakpoint& breakpoint : breakpoints)
        if (!fabricRect().contains(breakpoint.pe))
            return tr("breakpoint at PE %1 lies outside the fabric").arg(pointText(breakpoint.pe));
    return {};
}

QString fabricHeatMetricName(FabricHeatMetric metric) {
    switch (metric) {
    case FabricHeatMetric::Instructions:
        return tr("Instructions executed");
    case FabricHeatMetric::Wavelets:
        return tr("Wavelets routed");
    case FabricHeatMetric::Stalls:
        return tr("Stall cycles");
    case FabricHeatMetric::SramUsed:
        return tr("SRAM used (bytes)");
    case FabricHeatMetric::Custom:
        return tr("Custom values");
    case FabricHeatMetric::Congestion:
        return tr("Link congestion (wavelets per cycle)");
    }
    return tr("Unknown metric");
}

QString fabricMemcpyDirectionName(FabricMemcpyRegion::Direction direction) {
    return direction == FabricMemcpyRegion::Direction::HostToDevice ? tr("H2D") : tr("D2H");
}

} // namespace tessera
