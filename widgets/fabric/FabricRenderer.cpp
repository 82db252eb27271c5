#include "widgets/fabric/FabricRenderer.h"

#include "widgets/fabric/FabricPalette.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>

namespace tessera {

namespace pal = fabric_palette;

namespace {

struct DirectionVector {
    uint8_t bit;
    QPointF unit; // widget-space direction of the neighbour
};
constexpr std::array<DirectionVector, 4> kNeighbours = {{
    {fabric_dir::North, {0.0, -1.0}},
    {fabric_dir::South, {0.0, 1.0}},
    {fabric_dir::East, {1.0, 0.0}},
    {fabric_dir::West, {-1.0, 0.0}},
}};

QString directionNames(uint8_t mask) {
    QStringList names;
    if (mask & fabric_dir::North)
        names << QCoreApplication::translate("tessera::FabricRenderer", "N");
    if (mask & fabric_dir::South)
        names << QCoreApplication::translate("tessera::FabricRenderer", "S");
    if (mask & fabric_dir::East)
        names << QCoreApplication::translate("tessera::FabricRenderer", "E");
    if (mask & fabric_dir::West)
        names << QCoreApplication::translate("tessera::FabricRenderer", "W");
    if (mask & fabric_dir::Ramp)
        names << QCoreApplication::translate("tessera::FabricRenderer", "RAMP");
    return names.isEmpty() ? QStringLiteral("-") : names.join(QLatin1Char('+'));
}

bool routeLess(const FabricRoute& a, const FabricRoute& b) {
    return a.pe.y() != b.pe.y() ? a.pe.y() < b.pe.y() : a.pe.x() < b.pe.x();
}

// A filled triangle pointing along `unit` with its tip at `tip`.
void addArrowhead(QPainterPath& path, QPointF tip, QPointF unit, double size) {
    const QPointF back = tip - unit * size;
    const QPointF side(-unit.y() * size * 0.6, unit.x() * size * 0.6);
    path.moveTo(tip);
    path.lineTo(back + side);
    path.lineTo(back - side);
    path.closeSubpath();
}

} // namespace

void FabricRenderer::setSnapshot(FabricSnapshotPtr snapshot) {
    m_snapshot = std::move(snapshot);
    prepare();
}

void FabricRenderer::setLayers(const FabricLayerState& layers) {
    if (layers == m_layers)
        return;
    const bool heatChanged = layers.heatMetric != m_layers.heatMetric;
    m_layers = layers;
    if (heatChanged && m_snapshot && m_layers.heatMetric) {
        const FabricHeatMap* map = m_snapshot->heatMap(*m_layers.heatMetric);
        m_heatRange = map ? m_snapshot->heatRange(*map) : std::pair<float, float>{0.0f, 0.0f};
    }
    m_peImageDirty = m_routeImageDirty = m_overviewDirty = true;
}

void FabricRenderer::paletteChanged() {
    m_peImageDirty = m_routeImageDirty = m_overviewDirty = true;
}

void FabricRenderer::prepare() {
    m_sortedRoutes.clear();
    if (m_snapshot) {
        for (const FabricColorRoutes& color : m_snapshot->routes) {
            std::vector<FabricRoute> sorted = color.pes;
            std::sort(sorted.begin(), sorted.end(), routeLess);
            m_sortedRoutes.push_back(std::move(sorted));
        }
        const FabricHeatMap* map =
            m_layers.heatMetric ? m_snapshot->heatMap(*m_layers.heatMetric) : nullptr;
        m_heatRange = map ? m_snapshot->heatRange(*map) : std::pair<float, float>{0.0f, 0.0f};
    }
    m_peImageDirty = m_routeImageDirty = m_overviewDirty = true;
}

const QImage& FabricRenderer::peImage() {
    if (!m_peImageDirty)
        return m_peImage;
    m_peImageDirty = false;
    if (!m_snapshot) {
        m_peImage = QImage(1, 1, QImage::Format_RGB32);
        m_peImage.fill(pal::EmptyPe);
        return m_peImage;
    }
    const FabricSnapshot& s = *m_snapshot;
    if (m_peImage.size() != s.fabricSize || m_peImage.format() != QImage::Format_RGB32)
        m_peImage = QImage(s.fabricSize, QImage::Format_RGB32);
    m_peImage.fill(pal::EmptyPe);
    if (m_layers.programRectangle) {
        auto fill = [this](QRect area, QRgb color) {
            for (int y = area.top(); y <= area.bottom(); ++y) {
                QRgb* line = reinterpret_cast<QRgb*>(m_peImage.scanLine(y));
                std::fill(line + area.left(), line + area.right() + 1, color);
            }
        };
        if (s.memcpy) {
            fill(s.haloRect(), pal::Halo);
            fill(s.westMemcpyColumns(), pal::MemcpyColumn);
            fill(s.eastMemcpyColumns(), pal::MemcpyColumn);
        }
    }
    const QRect rect = s.rectangle();
    if (rect.isEmpty())
        return m_peImage;
    const FabricHeatMap* heat = m_layers.heatMetric ? s.heatMap(*m_layers.heatMetric) : nullptr;
    const auto& heatTable = pal::heatTable();
    const float low = m_heatRange.first;
    const float span = m_heatRange.second - m_heatRange.first;
    const float heatScale = span > 0.0f ? 255.0f / span : 0.0f;
    std::vector<QRgb> classColors(s.classes.size());
    for (size_t i = 0; i < classColors.size(); ++i)
        classColors[i] = pal::codeClassColor(int(i));
    const int width = rect.width();
    for (int y = 0; y < rect.height(); ++y) {
        QRgb* line = reinterpret_cast<QRgb*>(m_peImage.scanLine(rect.top() + y)) + rect.left();
        const size_t row = size_t(y) * size_t(width);
        if (heat) {
            for (int x = 0; x < width; ++x) {
                const float value = heat->values[row + size_t(x)];
                line[x] =
                    std::isnan(value)
                        ? pal::NoSample
                        : heatTable[size_t(std::clamp((value - low) * heatScale, 0.0f, 255.0f))];
            }
        } else if (m_layers.codeClasses && !s.codeClass.empty()) {
            for (int x = 0; x < width; ++x) {
                const uint16_t codeClass = s.codeClass[row + size_t(x)];
                line[x] =
                    codeClass == FabricSnapshot::kNoCode ? pal::UnusedPe : classColors[codeClass];
            }
        } else {
            std::fill(line, line + width, pal::UnusedPe);
        }
    }
    return m_peImage;
}

const QImage& FabricRenderer::peImageWithRoutes() {
    if (!m_routeImageDirty && !m_peImageDirty)
        return m_peImageWithRoutes;
    const QImage& base = peImage();
    m_routeImageDirty = false;
    m_peImageWithRoutes = base.copy();
    if (!m_snapshot)
        return m_peImageWithRoutes;
    for (size_t i = 0; i < m_snapshot->routes.size(); ++i) {
        const int color = m_snapshot->routes[i].color;
        if (!m_layers.routeVisible(color))
            continue;
        const QRgb tint = pal::routeColor(color);
        for (const FabricRoute& route : m_sortedRoutes[i])
            reinterpret_cast<QRgb*>(m_peImageWithRoutes.scanLine(route.pe.y()))[route.pe.x()] =
                tint;
    }
    return m_peImageWithRoutes;
}

std::pair<const FabricRoute*, const FabricRoute*>
FabricRenderer::routesInRow(size_t colorIndex, int y, int x0, int x1) const {
    const std::vector<FabricRoute>& routes = m_sortedRoutes[colorIndex];
    FabricRoute probe;
    probe.pe = QPoint(x0, y);
    const auto first = std::lower_bound(routes.begin(), routes.end(), probe, routeLess);
    probe.pe = QPoint(x1 + 1, y);
    const auto last = std::lower_bound(first, routes.end(), probe, routeLess);
    return {routes.data() + (first - routes.begin()), routes.data() + (last - routes.begin())};
}

void FabricRenderer::paint(QPainter& painter, const FabricViewport& viewport, const Marks& marks) {
    painter.fillRect(QRect(QPoint(0, 0), viewport.widgetSize()), QColor(pal::Background));
    if (!m_snapshot)
        return;
    const QRect visible = viewport.visiblePes();
    if (visible.isEmpty())
        return;
    const double scale = viewport.scale();
    const bool routeSegments = scale >= kRouteSegmentScale;
    const bool anyRoute =
        std::any_of(m_snapshot->routes.begin(), m_snapshot->routes.end(),
                    [this](const FabricColorRoutes& c) { return m_layers.routeVisible(c.color); });
    const QImage& image = (!routeSegments && anyRoute) ? peImageWithRoutes() : peImage();

    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QRectF target(viewport.toWidget(QPointF(visible.topLeft())),
                        QSizeF(visible.width() * scale, visible.height() * scale));
    painter.drawImage(target, image, QRectF(visible));
    painter.restore();

    const FabricViewport::Detail detail = viewport.detail();
    if (detail != FabricViewport::Detail::Pixels)
        paintGaps(painter, viewport, visible);
    if (m_layers.programRectangle && !m_snapshot->rectangle().isEmpty()) {
        painter.setPen(QPen(QColor(pal::Outline), 2.0));
        painter.setBrush(Qt::NoBrush);
        const QRectF rect(viewport.toWidget(QPointF(m_snapshot->rectangleOffset)),
                          QSizeF(m_snapshot->rectangleSize) * scale);
        painter.drawRect(rect.adjusted(-1.0, -1.0, 1.0, 1.0));
    }
    if (routeSegments && anyRoute)
        paintRoutes(painter, viewport, visible);
    if (detail == FabricViewport::Detail::Text)
        paintText(painter, viewport, visible);
    if (m_layers.memcpyRegions)
        paintMemcpyRegions(painter, viewport);
    paintMarkers(painter, viewport, visible);
    if (marks.highlightedColor)
        paintHighlightedRoute(painter, viewport, visible, *marks.highlightedColor);
    paintMarks(painter, viewport, marks);
}

void FabricRenderer::paintHighlightedRoute(QPainter& painter, const FabricViewport& viewport,
                                           QRect visible, int color) const {
    size_t index = 0;
    while (index < m_snapshot->routes.size() && m_snapshot->routes[index].color != color)
        ++index;
    if (index == m_snapshot->routes.size())
        return;
    const double scale = viewport.scale();
    const QColor ink(pal::routeColor(color));
    painter.save();
    if (scale < FabricViewport::kCellsScale) {
        // Pixels: each route PE filled in the route's colour, ringed so it reads on any fill.
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        for (int y = visible.top(); y <= visible.bottom(); ++y) {
            const auto [first, last] = routesInRow(index, y, visible.left(), visible.right());
            for (const FabricRoute* route = first; route != last; ++route)
                painter.drawRect(viewport.cellRect(route->pe));
        }
        painter.restore();
        return;
    }
    // Cells and text: thick segments from each route PE's centre towards the links it
    // uses over a dark casing, and a ring where the color enters or leaves the CE.
    const double width = std::clamp(scale * 0.16, 3.0, 10.0);
    QPainterPath links;
    QPainterPath ramps;
    for (int y = visible.top(); y <= visible.bottom(); ++y) {
        const auto [first, last] = routesInRow(index, y, visible.left(), visible.right());
        for (const FabricRoute* route = first; route != last; ++route) {
            const QPointF centre = viewport.toWidget(QPointF(route->pe) + QPointF(0.5, 0.5));
            const uint8_t used = route->rx | route->tx;
            for (const DirectionVector& dir : kNeighbours)
                if (used & dir.bit) {
                    links.moveTo(centre);
                    links.lineTo(centre + dir.unit * (scale / 2.0));
                }
            if (used & fabric_dir::Ramp)
                ramps.addEllipse(centre, scale * 0.2, scale * 0.2);
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(pal::Black), width + 4.0, Qt::SolidLine, Qt::RoundCap));
    painter.drawPath(links);
    painter.drawPath(ramps);
    painter.setPen(QPen(ink, width, Qt::SolidLine, Qt::RoundCap));
    painter.drawPath(links);
    painter.drawPath(ramps);
    painter.restore();
}

void FabricRenderer::paintGaps(QPainter& painter, const FabricViewport& viewport,
                               QRect visible) const {
    const double scale = viewport.scale();
    const double gap = std::clamp(scale * 0.06, 1.0, 3.0);
    const QPointF topLeft = viewport.toWidget(QPointF(visible.topLeft()));
    const QPointF bottomRight = viewport.toWidget(QPointF(visible.bottomRight() + QPoint(1, 1)));
    const QColor color(pal::Background);
    for (int x = visible.left(); x <= visible.right() + 1; ++x) {
        const double wx = topLeft.x() + (x - visible.left()) * scale;
        painter.fillRect(QRectF(wx - gap / 2.0, topLeft.y(), gap, bottomRight.y() - topLeft.y()),
                         color);
    }
    for (int y = visible.top(); y <= visible.bottom() + 1; ++y) {
        const double wy = topLeft.y() + (y - visible.top()) * scale;
        painter.fillRect(QRectF(topLeft.x(), wy - gap / 2.0, bottomRight.x() - topLeft.x(), gap),
                         color);
    }
}

void FabricRenderer::paintRoutes(QPainter& painter, const FabricViewport& viewport,
                                 QRect visible) const {
    const double scale = viewport.scale();
    const bool arrows = viewport.detail() == FabricViewport::Detail::Text;
    const double thickness = std::clamp(scale * 0.07, 1.5, 5.0);
    const double half = scale / 2.0;
    int shown = 0;
    for (size_t i = 0; i < m_snapshot->routes.size(); ++i)
        shown += m_layers.routeVisible(m_snapshot->routes[i].color) ? 1 : 0;
    // Each color is shifted diagonally so colors sharing a PE stay apart.
    const double step = std::min(scale * 0.09, thickness + 2.0);
    int rank = 0;
    QVector<QRectF> segments;
    QVector<QRectF> underlay;
    for (size_t i = 0; i < m_snapshot->routes.size(); ++i) {
        const int color = m_snapshot->routes[i].color;
        if (!m_layers.routeVisible(color))
            continue;
        const double shift = (rank - (shown - 1) / 2.0) * step;
        ++rank;
        segments.clear();
        underlay.clear();
        QPainterPath heads;
        QPainterPath rampOut;
        QPainterPath rampIn;
        QPainterPath switches;
        const double dot = std::max(2.0, scale * 0.1);
        for (int y = visible.top(); y <= visible.bottom(); ++y) {
            const auto [first, last] = routesInRow(i, y, visible.left(), visible.right());
            for (const FabricRoute* route = first; route != last; ++route) {
                const QPointF centre = viewport.toWidget(QPointF(route->pe) + QPointF(0.5, 0.5)) +
                                       QPointF(shift, shift);
                const uint8_t used = route->rx | route->tx;
                for (const DirectionVector& dir : kNeighbours) {
                    if (!(used & dir.bit))
                        continue;
                    const QPointF end = centre + dir.unit * half;
                    const QRectF segment = QRectF(centre, end)
                                               .normalized()
                                               .adjusted(-thickness / 2.0, -thickness / 2.0,
                                                         thickness / 2.0, thickness / 2.0);
                    segments.append(segment);
                    if (arrows) {
                        underlay.append(segment.adjusted(-1.0, -1.0, 1.0, 1.0));
                        if (route->tx & dir.bit)
                            addArrowhead(heads, centre + dir.unit * (half * 0.92), dir.unit,
                                         thickness * 2.6);
                        if (route->rx & dir.bit)
                            addArrowhead(heads, centre + dir.unit * (half * 0.25), -dir.unit,
                                         thickness * 2.6);
                    }
                }
                if (route->tx & fabric_dir::Ramp)
                    rampOut.addEllipse(centre, dot, dot);
                if (route->rx & fabric_dir::Ramp)
                    rampIn.addEllipse(centre, dot * 1.6, dot * 1.6);
                if (arrows && route->switchPositions > 0)
                    switches.addRect(QRectF(centre + QPointF(-half * 0.8, -half * 0.8),
                                            QSizeF(dot * 2.4, dot * 2.4)));
            }
        }
        const QColor ink(pal::routeColor(color));
        painter.setPen(Qt::NoPen);
        if (!underlay.isEmpty()) {
            painter.setBrush(QColor(pal::Background));
            painter.drawRects(underlay);
        }
        painter.setBrush(ink);
        painter.drawRects(segments);
        if (!heads.isEmpty()) {
            painter.setPen(Qt::NoPen);
            painter.drawPath(heads);
        }
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(QColor(pal::Background), 1.0));
        painter.drawPath(rampOut);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(ink, std::max(1.5, thickness * 0.8)));
        painter.drawPath(rampIn);
        if (!switches.isEmpty()) {
            painter.setPen(QPen(QColor(pal::Background), 1.0));
            painter.setBrush(ink);
            painter.drawPath(switches);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    painter.setBrush(Qt::NoBrush);
}

const QImage& FabricRenderer::textImage(const QString& text, bool light) {
    auto found = m_text.images.find(text);
    if (found == m_text.images.end()) {
        const QFontMetricsF metrics(m_text.font);
        const QSize size(int(std::ceil(metrics.horizontalAdvance(text))) + 1,
                         int(std::ceil(metrics.height())));
        std::array<QImage, 2> images;
        for (int variant = 0; variant < 2; ++variant) {
            QImage image(size.expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            painter.setFont(m_text.font);
            painter.setPen(variant ? QColor(Qt::white) : QColor(Qt::black));
            painter.drawText(QPointF(0, metrics.ascent()), text);
            images[size_t(variant)] = std::move(image);
        }
        found = m_text.images.insert(text, std::move(images));
    }
    return (*found)[light ? 1 : 0];
}

// Digits and separators are cached one character at a time, so coordinates and heat
// values of any cell reuse the same dozen images.
void FabricRenderer::drawCachedText(QPainter& painter, QPointF baseline, const QString& text,
                                    bool light) {
    const QFontMetricsF metrics(m_text.font);
    QPointF at(std::round(baseline.x()), std::round(baseline.y() - m_text.ascent));
    for (const QChar c : text) {
        const QString glyph(c);
        painter.drawImage(at, textImage(glyph, light));
        at.rx() += metrics.horizontalAdvance(c);
    }
}

void FabricRenderer::paintText(QPainter& painter, const FabricViewport& viewport, QRect visible) {
    const FabricSnapshot& s = *m_snapshot;
    const double scale = viewport.scale();
    const int pixelSize = int(std::clamp(scale * 0.16, 8.0, 15.0));
    if (m_text.pixelSize != pixelSize || m_text.font.family() != painter.font().family()) {
        m_text.font = painter.font();
        m_text.font.setPixelSize(pixelSize);
        m_text.pixelSize = pixelSize;
        m_text.ascent = QFontMetricsF(m_text.font).ascent();
        m_text.images.clear();
    }
    const QFontMetricsF metrics(m_text.font);
    const double lineHeight = metrics.height();
    const double pad = std::max(2.0, scale * 0.06);
    // Class labels are elided once per frame, not once per cell.
    QStringList classLabels;
    for (const FabricCodeClass& codeClass : s.classes)
        classLabels << metrics.elidedText(QFileInfo(codeClass.tileFile).completeBaseName(),
                                          Qt::ElideRight, scale - 2 * pad);
    const FabricHeatMap* heat = m_layers.heatMetric ? s.heatMap(*m_layers.heatMetric) : nullptr;
    const QRect rect = s.rectangle();
    const QImage& image = peImage();
    const bool twoLines = scale >= lineHeight * 2 + 2 * pad;
    for (int y = visible.top(); y <= visible.bottom(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = visible.left(); x <= visible.right(); ++x) {
            const QPointF baseline =
                viewport.toWidget(QPointF(x, y)) + QPointF(pad, pad + m_text.ascent);
            const bool light = pal::textOn(line[x]) == QColor(Qt::white);
            drawCachedText(painter, baseline, QStringLiteral("%1,%2").arg(x).arg(y), light);
            if (!twoLines || !rect.contains(x, y))
                continue;
            const size_t index =
                size_t(y - rect.top()) * size_t(rect.width()) + size_t(x - rect.left());
            const QPointF second = baseline + QPointF(0, lineHeight);
            if (heat) {
                const float value = heat->values[index];
                if (!std::isnan(value))
                    drawCachedText(painter, second, QString::number(value, 'g', 4), light);
            } else if (m_layers.codeClasses && !s.codeClass.empty() &&
                       s.codeClass[index] != FabricSnapshot::kNoCode) {
                const QImage& label = textImage(classLabels[s.codeClass[index]], light);
                painter.drawImage(
                    QPointF(std::round(second.x()), std::round(second.y() - m_text.ascent)), label);
            }
        }
    }
}

void FabricRenderer::paintMemcpyRegions(QPainter& painter, const FabricViewport& viewport) const {
    const FabricSnapshot& s = *m_snapshot;
    QFont font = painter.font();
    font.setPixelSize(12);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const QRectF widget(QPointF(0, 0), QSizeF(viewport.widgetSize()));
    for (const FabricMemcpyRegion& region : s.memcpyRegions) {
        const bool toDevice = region.direction == FabricMemcpyRegion::Direction::HostToDevice;
        QColor color(toDevice ? pal::Blue : pal::Orange);
        const QRect fabricRoi = region.roi.translated(s.rectangleOffset);
        const QRectF area(viewport.toWidget(QPointF(fabricRoi.topLeft())),
                          QSizeF(fabricRoi.size()) * viewport.scale());
        if (!area.intersects(widget))
            continue;
        QPen pen(color, 3.0);
        if (region.state == FabricMemcpyRegion::State::Pending)
            pen.setStyle(Qt::DashLine);
        QColor fill = color;
        fill.setAlpha(region.state == FabricMemcpyRegion::State::Pending ? 40 : 70);
        painter.setPen(pen);
        painter.setBrush(fill);
        painter.drawRect(area.adjusted(1.5, 1.5, -1.5, -1.5));
        painter.setBrush(Qt::NoBrush);

        // "H2D ↓ A · 4×3 PEs × 16 = 192 elements, pending"
        const QString arrow = toDevice ? QStringLiteral("\u2193") : QStringLiteral("\u2191");
        const QString what = region.streamingColor >= 0
                                 ? tr("stream on color %1").arg(region.streamingColor)
                                 : region.symbol;
        const QString state =
            region.state == FabricMemcpyRegion::State::Pending ? tr("pending") : tr("done");
        const QString label = tr("%1 %2 %3 \u00b7 %4\u00d7%5 PEs \u00d7 %6 = %7 elements, %8")
                                  .arg(fabricMemcpyDirectionName(region.direction), arrow, what)
                                  .arg(region.roi.width())
                                  .arg(region.roi.height())
                                  .arg(region.elementsPerPe)
                                  .arg(QLocale().toString(qulonglong(region.elementCount())))
                                  .arg(state);
        QRectF box(QPointF(0, 0),
                   QSizeF(metrics.horizontalAdvance(label) + 8, metrics.height() + 4));
        box.moveBottomLeft(area.topLeft() + QPointF(0, -2));
        if (box.top() < 0)
            box.moveTopLeft(area.topLeft() + QPointF(4, 4));
        box.moveLeft(std::clamp(box.left(), 0.0, std::max(0.0, widget.width() - box.width())));
        box.moveTop(std::clamp(box.top(), 0.0, std::max(0.0, widget.height() - box.height())));
        painter.fillRect(box, QColor(20, 20, 24, 220));
        painter.fillRect(QRectF(box.topLeft(), QSizeF(3, box.height())), color);
        painter.setPen(QColor(pal::Outline));
        painter.drawText(box.adjusted(6, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
    }
}

void FabricRenderer::paintMarkers(QPainter& painter, const FabricViewport& viewport,
                                  QRect visible) const {
    const FabricSnapshot& s = *m_snapshot;
    const double scale = viewport.scale();
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (m_layers.waitingPes) {
        // A cell-sized ring, never smaller than 11 px so a waiting PE shows on the wafer.
        const double size = std::max(11.0, scale);
        const double width = std::max(2.5, scale * 0.08);
        painter.setRenderHint(QPainter::Antialiasing, false);
        for (const FabricWaitingPe& waiting : s.waiting) {
            if (!visible.contains(waiting.pe))
                continue;
            const QPointF centre = viewport.toWidget(QPointF(waiting.pe) + QPointF(0.5, 0.5));
            const QRectF ring(centre - QPointF(size, size) / 2.0, QSizeF(size, size));
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(QColor(pal::Black), width + 2.0));
            painter.drawRect(ring.adjusted(width, width, -width, -width));
            painter.setPen(QPen(QColor(pal::Yellow), width));
            painter.drawRect(ring.adjusted(width, width, -width, -width));
        }
    }
    if (m_layers.breakpoints) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        const double radius = std::max(4.0, scale * 0.1);
        painter.setPen(QPen(QColor(pal::Black), 1.5));
        painter.setBrush(QColor(pal::Vermillion));
        for (const FabricBreakpoint& breakpoint : s.breakpoints) {
            if (!visible.contains(breakpoint.pe))
                continue;
            const QPointF centre =
                scale >= FabricViewport::kCellsScale * 3
                    ? viewport.toWidget(QPointF(breakpoint.pe) + QPointF(1.0, 0.0)) +
                          QPointF(-radius * 1.6, radius * 1.6)
                    : viewport.toWidget(QPointF(breakpoint.pe) + QPointF(0.5, 0.5));
            painter.drawEllipse(centre, radius, radius);
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void FabricRenderer::paintMarks(QPainter& painter, const FabricViewport& viewport,
                                const Marks& marks) const {
    const double minimum = 7.0;
    auto outline = [&](QPoint pe, double width) {
        QRectF cell = viewport.cellRect(pe);
        if (cell.width() < minimum)
            cell =
                QRectF(cell.center() - QPointF(minimum, minimum) / 2.0, QSizeF(minimum, minimum));
        painter.setPen(QPen(QColor(pal::Black), width + 2.0));
        painter.drawRect(cell);
        painter.setPen(QPen(QColor(pal::Outline), width));
        painter.drawRect(cell);
    };
    painter.setBrush(Qt::NoBrush);
    if (marks.hovered && marks.hovered != marks.selected)
        outline(*marks.hovered, 1.0);
    if (marks.selected)
        outline(*marks.selected, 2.5);
}

void FabricRenderer::paintOverview(QPainter& painter, const QRect& target,
                                   const FabricViewport& viewport) {
    if (!m_snapshot)
        return;
    if (m_overviewDirty || m_overviewImage.size() != target.size()) {
        m_overviewImage = peImageWithRoutes().scaled(target.size(), Qt::IgnoreAspectRatio,
                                                     Qt::SmoothTransformation);
        m_overviewDirty = false;
    }
    painter.fillRect(target.adjusted(-3, -3, 3, 3), QColor(pal::Background));
    painter.drawImage(target.topLeft(), m_overviewImage);
    painter.setPen(QPen(QColor(pal::Halo), 1.0));
    painter.drawRect(target.adjusted(-3, -3, 2, 2));
    const double sx = double(target.width()) / m_snapshot->fabricSize.width();
    const double sy = double(target.height()) / m_snapshot->fabricSize.height();
    const QRectF area = viewport.visibleArea();
    QRectF shown(target.left() + area.left() * sx, target.top() + area.top() * sy,
                 area.width() * sx, area.height() * sy);
    shown = shown.intersected(QRectF(target));
    if (shown.width() < 3)
        shown.setWidth(3);
    if (shown.height() < 3)
        shown.setHeight(3);
    painter.setPen(QPen(QColor(pal::Black), 3.0));
    painter.drawRect(shown);
    painter.setPen(QPen(QColor(pal::Yellow), 1.5));
    painter.drawRect(shown);
}

QString FabricRenderer::describePe(QPoint pe) const {
    if (!m_snapshot || !m_snapshot->fabricRect().contains(pe))
        return {};
    const FabricSnapshot& s = *m_snapshot;
    QStringList parts;
    parts << tr("PE (%1, %2)").arg(pe.x()).arg(pe.y());
    const QRect rect = s.rectangle();
    if (rect.contains(pe)) {
        const QPoint local = pe - s.rectangleOffset;
        parts << tr("rectangle (%1, %2)").arg(local.x()).arg(local.y());
        const uint16_t codeClass = s.codeClassAt(pe);
        if (codeClass != FabricSnapshot::kNoCode) {
            const FabricCodeClass& c = s.classes[codeClass];
            parts << (c.params.isEmpty()
                          ? tr("class %1: %2").arg(codeClass).arg(c.tileFile)
                          : tr("class %1: %2 (%3)").arg(codeClass).arg(c.tileFile, c.params));
        } else {
            parts << tr("no code");
        }
        const size_t index = size_t(local.y()) * size_t(rect.width()) + size_t(local.x());
        for (const FabricHeatMap& map : s.heatMaps)
            if (!std::isnan(map.values[index]))
                parts << tr("%1 %2").arg(s.heatMapName(map),
                                         QLocale().toString(map.values[index], 'g', 6));
    } else if (s.westMemcpyColumns().contains(pe) || s.eastMemcpyColumns().contains(pe)) {
        parts << tr("memcpy column");
    } else if (s.memcpy && s.haloRect().contains(pe)) {
        parts << tr("halo");
    } else {
        parts << tr("outside the program rectangle");
    }
    for (size_t i = 0; i < m_sortedRoutes.size(); ++i) {
        const auto [first, last] = routesInRow(i, pe.y(), pe.x(), pe.x());
        if (first != last)
            parts << tr("color %1 rx %2 tx %3")
                         .arg(s.routes[i].color)
                         .arg(directionNames(first->rx), directionNames(first->tx));
    }
    for (const FabricMemcpyRegion& region : s.memcpyRegions)
        if (region.roi.translated(s.rectangleOffset).contains(pe))
            parts << tr("%1 %2").arg(fabricMemcpyDirectionName(region.direction),
                                     region.streamingColor >= 0
                                         ? tr("color %1").arg(region.streamingColor)
                                         : region.symbol);
    for (const FabricBreakpoint& breakpoint : s.breakpoints)
        if (breakpoint.pe == pe)
            parts << tr("breakpoint: %1").arg(breakpoint.description);
    for (const FabricWaitingPe& waiting : s.waiting)
        if (waiting.pe == pe)
            parts << tr("waiting: %1").arg(waiting.reason);
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace tessera
