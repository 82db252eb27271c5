#pragma once

#include <QPoint>
#include <QPointF>
#include <QRect>
#include <QRectF>
#include <QSize>

#include <optional>

namespace tessera {

// The view transform of the fabric view: `scale` widget pixels per PE and the fabric
// coordinate shown at the widget's top-left corner. Pure arithmetic, so mapping and hit
// testing cost O(1) and are tested without a widget.
class FabricViewport {
  public:
    // Level of detail, chosen by pixels per PE.
    enum class Detail { Pixels, Cells, Text };
    static constexpr double kCellsScale = 4.0; // from here cells are separated and routed
    static constexpr double kTextScale = 40.0; // from here cells carry text and glyphs
    static constexpr double kMaxScale = 160.0;

    void setWidgetSize(QSize size);
    void setFabricSize(QSize size);
    QSize widgetSize() const { return m_widgetSize; }
    QSize fabricSize() const { return m_fabricSize; }

    double scale() const { return m_scale; }
    QPointF origin() const { return m_origin; }
    Detail detail() const;
    // Smallest scale: the whole fabric fits with room to spare, never below 0.05 px/PE.
    double minScale() const;

    QPointF toWidget(QPointF fabric) const { return (fabric - m_origin) * m_scale; }
    QPointF toFabric(QPointF widget) const { return widget / m_scale + m_origin; }
    QRectF cellRect(QPoint pe) const;
    // The PE under a widget position, or nothing off the fabric.
    std::optional<QPoint> peAt(QPointF widget) const;
    // PEs at least partly visible, clipped to the fabric (may be empty).
    QRect visiblePes() const;
    // The visible area in fabric coordinates (not clipped).
    QRectF visibleArea() const;

    // Zoom by `factor` keeping the fabric point under `widgetAnchor` where it is.
    void zoomAround(QPointF widgetAnchor, double factor);
    void setScaleAround(QPointF widgetAnchor, double scale);
    void panByPixels(QPointF widgetDelta);
    void centerOn(QPointF fabric);
    void fitFabric();

  private:
    void clampOrigin();

    QSize m_widgetSize{1, 1};
    QSize m_fabricSize{1, 1};
    double m_scale = 1.0;
    QPointF m_origin;
};

} // namespace tessera
