#pragma once

#include <QWidget>

class QLineEdit;
class QListView;

namespace tessera {

class FabricLegend;
class FabricView;

// The controls beside a FabricView: a "jump to PE" box, the layer toggles (a list view
// over the view's FabricLayerModel) and the legend of the visible layers.
class FabricLayerPanel : public QWidget {
    Q_OBJECT
  public:
    explicit FabricLayerPanel(FabricView* view, QWidget* parent = nullptr);

    QLineEdit* jumpEdit() const { return m_jump; }
    QListView* layerList() const { return m_list; }
    FabricLegend* legend() const { return m_legend; }

  private:
    void jump();

    FabricView* m_view;
    QLineEdit* m_jump;
    QListView* m_list;
    FabricLegend* m_legend;
};

} // namespace tessera
