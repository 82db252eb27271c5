#pragma once

#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/fabric/FabricViewport.h"

#include <QCoreApplication>
#include <QFont>
#include <QHash>
#include <QImage>

#include <array>

#include <optional>
#include <vector>

class QPainter;

namespace tessera {

// Draws a snapshot through a viewport with level of detail:
// - Pixels: the one-pixel-per-PE image scaled (nearest), route PEs tinted in it;
// - Cells: the same image with cell gaps, routes as segments from cell centres;
// - Text: plus coordinates, class names, heat values and arrowheads.
// Memcpy regions, markers and outlines are a few shapes in widget coordinates. Shared by
// the widget and the frame-time benchmark; no QWidget needed.
class FabricRenderer {
    Q_DECLARE_TR_FUNCTIONS(tessera::FabricRenderer)
  public:
    static constexpr double kRouteSegmentScale = 8.0; // below: route PEs tinted instead

    struct Marks {
        std::optional<QPoint> selected;
        std::optional<QPoint> hovered;
        // The route of this color drawn on top, bold, even when its layer is hidden
        // (the color selected in the analysis views).
        std::optional<int> highlightedColor;
    };

    void setSnapshot(FabricSnapshotPtr snapshot);
    void setLayers(const FabricLayerState& layers);
    // The palette scheme changed: rebuild the cached images.
    void paletteChanged();
    const FabricSnapshotPtr& snapshot() const { return m_snapshot; }
    const FabricLayerState& layers() const { return m_layers; }

    // One pixel per PE: the fills of the visible layers.
    const QImage& peImage();
    // peImage with the PEs of visible routes tinted in their route colour.
    const QImage& peImageWithRoutes();

    void paint(QPainter& painter, const FabricViewport& viewport, const Marks& marks);
    // Draws the whole fabric into `target` with the viewport's visible area outlined.
    void paintOverview(QPainter& painter, const QRect& target, const FabricViewport& viewport);

    // One line describing a PE for the status bar: coordinates, class, routes, heat,
    // waiting reason, breakpoint, memcpy regions.
    QString describePe(QPoint fabricPe) const;

  private:
    void prepare();
    void paintGaps(QPainter& painter, const FabricViewport& viewport, QRect visible) const;
    void paintRoutes(QPainter& painter, const FabricViewport& viewport, QRect visible) const;
    void paintText(QPainter& painter, const FabricViewport& viewport, QRect visible);
    void paintMemcpyRegions(QPainter& painter, const FabricViewport& viewport) const;
    void paintMarkers(QPainter& painter, const FabricViewport& viewport, QRect visible) const;
    void paintMarks(QPainter& painter, const FabricViewport& viewport, const Marks& marks) const;
    void paintHighlightedRoute(QPainter& painter, const FabricViewport& viewport, QRect visible,
                               int color) const;
    // Routes of snapshot color `colorIndex` at PEs in row y with x in [x0, x1].
    std::pair<const FabricRoute*, const FabricRoute*> routesInRow(size_t colorIndex, int y, int x0,
                                                                  int x1) const;

    FabricSnapshotPtr m_snapshot;
    FabricLayerState m_layers;
    std::vector<std::vector<FabricRoute>> m_sortedRoutes; // per snapshot color, by (y, x)
    std::pair<float, float> m_heatRange{0.0f, 0.0f};
    QImage m_peImage;
    QImage m_peImageWithRoutes;
    QImage m_overviewImage;

    // Text at the Text level is blitted from pre-rendered images: drawText per cell would
    // lay out ~2000 strings a frame (50 ms); blits of cached glyphs and labels cost ~1 us.
    struct TextCache {
        int pixelSize = 0;
        QFont font;
        double ascent = 0;
        QHash<QString, std::array<QImage, 2>> images; // [dark text, light text]
    };
    const QImage& textImage(const QString& text, bool light);
    void drawCachedText(QPainter& painter, QPointF baseline, const QString& text, bool light);
    TextCache m_text;
    bool m_peImageDirty = true;
    bool m_routeImageDirty = true;
    bool m_overviewDirty = true;
};

} // namespace tessera
