#pragma once

#include "widgets/fabric/FabricSnapshot.h"

#include <QAbstractListModel>
#include <QColor>
#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace tessera {

enum class FabricLayerKind : uint8_t {
    CodeClasses,
    ProgramRectangle, // the rectangle outline, its halo and the memcpy columns
    Routes,           // one layer per color
    MemcpyRegions,
    HeatMap, // one layer per metric in the snapshot; at most one visible
    Breakpoints,
    WaitingPes,
};

struct FabricLegendEntry {
    QColor color;
    QString label;
};

// The visibility flags the renderer reads: a plain value, compared to skip redraws.
struct FabricLayerState {
    bool codeClasses = true;
    bool programRectangle = true;
    bool memcpyRegions = true;
    bool breakpoints = true;
    bool waitingPes = true;
    uint32_t routeColors = 0xffffffffu; // bit c = routes of color c shown
    std::optional<FabricHeatMetric> heatMetric;

    bool routeVisible(int color) const {
        return color >= 0 && color < 32 && (routeColors >> color) & 1u;
    }
    bool operator==(const FabricLayerState&) const = default;
};

// The layers of the fabric view as a flat list: a checkable row per layer (check state =
// visibility), a swatch, and legend entries. A list view over it gives the toggles; the
// legend widget and the renderer read it. Layers come from the snapshot (a row per route
// color and per heat metric present); a layer's visibility survives snapshot swaps.
class FabricLayerModel : public QAbstractListModel {
    Q_OBJECT
  public:
    enum Role {
        KindRole = Qt::UserRole + 1, // int(FabricLayerKind)
        IndexRole,                   // the color or the heat metric; -1 otherwise
        LegendRole,                  // QVariantList of QVariantMap{"color", "label"}
    };

    explicit FabricLayerModel(QObject* parent = nullptr);

    void setSnapshot(FabricSnapshotPtr snapshot);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of a layer, or -1 when the snapshot has no such layer.
    int rowOf(FabricLayerKind kind, int index = -1) const;
    bool isLayerVisible(FabricLayerKind kind, int index = -1) const;
    // Returns false when the layer does not exist. Showing a heat map hides the others.
    bool setLayerVisible(FabricLayerKind kind, int index, bool visible);
    QList<FabricLegendEntry> legend(int row) const;
    FabricLayerState state() const;

  signals:
    void stateChanged();

  private:
    struct Layer {
        FabricLayerKind kind;
        int index;
        QString name;
        QString toolTip;
        QColor swatch;
        QList<FabricLegendEntry> legend;
        bool visible;
    };
    static quint32 key(FabricLayerKind kind, int index) {
        return quint32(kind) << 16 | quint16(index);
    }
    bool isLayerIndex(const QModelIndex& index) const;
    bool setRowVisible(int row, bool visible);
    void addLayer(Layer layer);

    std::vector<Layer> m_layers;
    QHash<quint32, bool> m_visibility; // remembered across snapshots
};

} // namespace tessera
