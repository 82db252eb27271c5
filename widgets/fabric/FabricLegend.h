#pragma once

#include <QWidget>

namespace tessera {

class FabricLayerModel;

// The legend of the visible layers: a title per layer and a swatch and label per entry.
// Follows the model (resets, visibility changes).
class FabricLegend : public QWidget {
    Q_OBJECT
  public:
    explicit FabricLegend(FabricLayerModel* model, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    void modelChanged();
    int contentHeight() const;

    FabricLayerModel* m_model;
};

} // namespace tessera
