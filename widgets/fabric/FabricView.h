#pragma once

#include "widgets/fabric/FabricPalette.h"
#include "widgets/fabric/FabricRenderer.h"
#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/fabric/FabricViewport.h"

#include <QWidget>

#include <optional>

namespace tessera {

class FabricLayerModel;

// The PE grid of the fabric: one custom widget drawing an image, not items (see
// FabricRenderer for the levels of detail). Wheel zooms around the cursor, dragging pans,
// an overview map in the corner shows the visible area of large fabrics and moves the view
// when clicked or dragged. Hovering emits peHovered with fabric and rectangle coordinates
// for the status bar. Layers are toggled through layerModel(). Shift+drag draws a
// rectangle of PEs and emits regionSelected (the task profile's region).
class FabricView : public QWidget {
    Q_OBJECT
  public:
    // Fabrics wider or taller than this get the overview map.
    static constexpr int kOverviewThreshold = 32;
    static constexpr int kOverviewMaxSide = 200;

    explicit FabricView(QWidget* parent = nullptr);

    // Swaps the snapshot in whole. Returns the validation error and keeps the previous
    // snapshot when the new one is inconsistent. A new fabric size fits the view.
    QString setSnapshot(FabricSnapshotPtr snapshot);
    const FabricSnapshotPtr& snapshot() const { return m_renderer.snapshot(); }
    FabricLayerModel* layerModel() const { return m_layers; }

    const FabricViewport& viewport() const { return m_viewport; }
    FabricViewport::Detail detail() const { return m_viewport.detail(); }
    double scale() const { return m_viewport.scale(); }
    std::optional<QPoint> selectedPe() const { return m_selected; }
    std::optional<QPoint> peAt(QPointF widgetPos) const { return m_viewport.peAt(widgetPos); }

    // The route of this color drawn bold on top (std::nullopt = none).
    void setHighlightedColor(std::optional<int> color);
    std::optional<int> highlightedColor() const { return m_highlightedColor; }
    // Selects a PE without zooming; pans only when it is off screen (linked selection).
    void selectPe(std::optional<QPoint> fabricPe);
    // Applies a palette scheme to every fabric view (the scheme is app-wide).
    void setPaletteScheme(fabric_palette::Scheme scheme);

    void setOverviewEnabled(bool enabled);
    // Large fabrics (over kOverviewThreshold PEs a side) not wholly in view.
    bool isOverviewShown() const;
    // Where the overview map is drawn (empty when not shown).
    QRect overviewRect() const;

    // Zoom by `factor` keeping the PE under `widgetAnchor` in place.
    void zoomAround(QPointF widgetAnchor, double factor);
    void setScale(double pixelsPerPe);
    void centerOn(QPointF fabricPoint);
    // Centres and selects a PE, zooming in to show its text. False if it is off the fabric.
    bool jumpToPe(QPoint fabricPe);
    void fitFabric();

    // What an empty view (no program yet) says instead of a blank dark area.
    static QString emptyText();
    bool showsEmptyText() const { return !m_renderer.snapshot(); }

    // One line describing a PE (what the status bar shows on hover).
    QString describePe(QPoint fabricPe) const { return m_renderer.describePe(fabricPe); }

    QSize sizeHint() const override { return {800, 600}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

  signals:
    // The mouse is over a PE: fabric coordinates, rectangle coordinates (valid only when
    // insideRectangle) and a one-line description for the status bar.
    void peHovered(QPoint fabricPe, QPoint rectanglePe, bool insideRectangle,
                   const QString& status);
    void hoverLeft();
    void peClicked(QPoint fabricPe);
    // Shift+drag chose a rectangle of PEs (fabric coordinates, corners included).
    void regionSelected(QRect fabricRegion);
    void viewChanged();

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    bool wholeFabricVisible() const;
    enum class Drag { None, Pan, Overview, Region };
    // The PEs between the press and `widgetPos` (empty when either is off the fabric).
    QRect dragRegion(QPointF widgetPos) const;
    void moveOverviewTo(QPointF widgetPos);
    void updateHover(QPointF widgetPos);
    void viewMoved();
    // A hidden widget gets its resize event only when shown; the viewport must know the
    // size before that (tests, offscreen rendering).
    void syncViewportSize();

    FabricLayerModel* m_layers = nullptr;
    FabricRenderer m_renderer;
    FabricViewport m_viewport;
    std::optional<QPoint> m_selected;
    std::optional<QPoint> m_hovered;
    std::optional<int> m_highlightedColor;
    bool m_overviewEnabled = true;
    Drag m_drag = Drag::None;
    QPointF m_dragLast;
    QPointF m_pressPos;
    QRect m_region; // the rectangle of a Shift+drag in progress (fabric coordinates)
};

} // namespace tessera
