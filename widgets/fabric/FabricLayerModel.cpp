#include "widgets/fabric/FabricLayerModel.h"

#include "widgets/fabric/FabricPalette.h"

#include <QLocale>
#include <QVariantMap>

namespace tessera {

namespace pal = fabric_palette;

FabricLayerModel::FabricLayerModel(QObject* parent) : QAbstractListModel(parent) {
    setSnapshot(nullptr);
}

void FabricLayerModel::addLayer(Layer layer) {
    const auto remembered = m_visibility.constFind(key(layer.kind, layer.index));
    if (remembered != m_visibility.constEnd())
        layer.visible = *remembered;
    m_layers.push_back(std::move(layer));
}

void FabricLayerModel::setSnapshot(FabricSnapshotPtr snapshot) {
    beginResetModel();
    m_layers.clear();

    Layer classes{FabricLayerKind::CodeClasses,
                  -1,
                  tr("Code classes"),
                  tr("A colour per tile file and param values"),
                  QColor(pal::SkyBlue),
                  {},
                  true};
    if (snapshot) {
        for (size_t i = 0; i < snapshot->classes.size(); ++i) {
            const FabricCodeClass& codeClass = snapshot->classes[i];
            const QString label = codeClass.params.isEmpty()
                                      ? codeClass.tileFile
                                      : tr("%1 (%2)").arg(codeClass.tileFile, codeClass.params);
            classes.legend.append({QColor(pal::codeClassColor(int(i))), label});
        }
    }
    addLayer(std::move(classes));

    addLayer({FabricLayerKind::ProgramRectangle,
              -1,
              tr("Program rectangle and memcpy"),
              tr("The program rectangle, its one-PE halo and the memcpy columns"),
              QColor(pal::Outline),
              {{QColor(pal::Outline), tr("Program rectangle")},
               {QColor(pal::Halo), tr("Halo")},
               {QColor(pal::MemcpyColumn), tr("Memcpy columns")}},
              true});

    if (snapshot) {
        for (const FabricColorRoutes& routes : snapshot->routes) {
            const QColor color(pal::routeColor(routes.color));
            addLayer({FabricLayerKind::Routes,
                      routes.color,
                      tr("Routes: color %1").arg(routes.color),
                      tr("%n PE(s) route color %1; arrows show rx and tx, a square marks switch "
                         "positions",
                         nullptr, int(routes.pes.size()))
                          .arg(routes.color),
                      color,
                      {{color, tr("color %1: rx/tx arrows").arg(routes.color)}},
                      true});
        }
    }

    addLayer({FabricLayerKind::MemcpyRegions,
              -1,
              tr("Memcpy regions"),
              tr("Regions of interest of recent (solid) and pending (dashed) transfers"),
              QColor(pal::Blue),
              {{QColor(pal::Blue), tr("H2D: host to device")},
               {QColor(pal::Orange), tr("D2H: device to host")}},
              true});

    if (snapshot) {
        for (const FabricHeatMap& map : snapshot->heatMaps) {
            const auto [low, high] = snapshot->heatRange(map);
            QList<FabricLegendEntry> ramp;
            for (int step = 0; step <= 4; ++step) {
                const double t = step / 4.0;
                ramp.append(
                    {QColor(pal::heat(t)), QLocale().toString(low + (high - low) * t, 'g', 4)});
            }
            addLayer({FabricLayerKind::HeatMap, int(map.metric),
                      tr("Heat: %1").arg(snapshot->heatMapName(map)),
                      map.metric == FabricHeatMetric::Custom
                          ? tr("Per-PE %1").arg(snapshot->heatMapName(map))
                          : tr("Per-PE %1 sampled from the simulator")
                                .arg(fabricHeatMetricName(map.metric)),
                      QColor(pal::heat(0.7)), ramp, false});
        }
    }

    addLayer({FabricLayerKind::Breakpoints,
              -1,
              tr("Breakpoints"),
              tr("PEs with a breakpoint"),
              QColor(pal::Vermillion),
              {{QColor(pal::Vermillion), tr("Breakpoint")}},
              true});
    addLayer({FabricLayerKind::WaitingPes,
              -1,
              tr("Waiting PEs"),
              tr("PEs the hang report names as waiting"),
              QColor(pal::Yellow),
              {{QColor(pal::Yellow), tr("Waiting (hang report)")}},
              true});

    // At most one heat map is shown: keep the first visible one.
    bool heatShown = false;
    for (Layer& layer : m_layers) {
        if (layer.kind != FabricLayerKind::HeatMap)
            continue;
        if (heatShown)
            layer.visible = false;
        heatShown = heatShown || layer.visible;
    }
    endResetModel();
    emit stateChanged();
}

bool FabricLayerModel::isLayerIndex(const QModelIndex& index) const {
    return index.isValid() && index.model() == this && !index.parent().isValid() &&
           index.column() == 0 && index.row() >= 0 && index.row() < int(m_layers.size());
}

int FabricLayerModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_layers.size());
}

QVariant FabricLayerModel::data(const QModelIndex& index, int role) const {
    if (!isLayerIndex(index))
        return {};
    const Layer& layer = m_layers[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return layer.name;
    case Qt::ToolTipRole:
        return layer.toolTip;
    case Qt::DecorationRole:
        return layer.swatch;
    case Qt::CheckStateRole:
        return layer.visible ? Qt::Checked : Qt::Unchecked;
    case KindRole:
        return int(layer.kind);
    case IndexRole:
        return layer.index;
    case LegendRole: {
        QVariantList entries;
        for (const FabricLegendEntry& entry : layer.legend)
            entries.append(QVariantMap{{QStringLiteral("color"), entry.color},
                                       {QStringLiteral("label"), entry.label}});
        return entries;
    }
    default:
        return {};
    }
}

bool FabricLayerModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::CheckStateRole || !isLayerIndex(index))
        return false;
    return setRowVisible(index.row(), value.toInt() == Qt::Checked);
}

Qt::ItemFlags FabricLayerModel::flags(const QModelIndex& index) const {
    if (!isLayerIndex(index))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable |
           Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> FabricLayerModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(IndexRole, "layerIndex");
    names.insert(LegendRole, "legend");
    return names;
}

int FabricLayerModel::rowOf(FabricLayerKind kind, int index) const {
    for (size_t row = 0; row < m_layers.size(); ++row)
        if (m_layers[row].kind == kind && m_layers[row].index == index)
            return int(row);
    return -1;
}

bool FabricLayerModel::isLayerVisible(FabricLayerKind kind, int index) const {
    const int row = rowOf(kind, index);
    return row >= 0 && m_layers[size_t(row)].visible;
}

bool FabricLayerModel::setLayerVisible(FabricLayerKind kind, int index, bool visible) {
    const int row = rowOf(kind, index);
    return row >= 0 && setRowVisible(row, visible);
}

bool FabricLayerModel::setRowVisible(int row, bool visible) {
    Layer& layer = m_layers[size_t(row)];
    m_visibility.insert(key(layer.kind, layer.index), visible);
    if (layer.visible == visible)
        return true;
    layer.visible = visible;
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed, {Qt::CheckStateRole});
    if (visible && layer.kind == FabricLayerKind::HeatMap) {
        for (size_t other = 0; other < m_layers.size(); ++other) {
            Layer& otherLayer = m_layers[other];
            if (int(other) == row || otherLayer.kind != FabricLayerKind::HeatMap ||
                !otherLayer.visible)
                continue;
            otherLayer.visible = false;
            m_visibility.insert(key(otherLayer.kind, otherLayer.index), false);
            const QModelIndex hidden = index(int(other));
            emit dataChanged(hidden, hidden, {Qt::CheckStateRole});
        }
    }
    emit stateChanged();
    return true;
}

QList<FabricLegendEntry> FabricLayerModel::legend(int row) const {
    if (row < 0 || row >= int(m_layers.size()))
        return {};
    return m_layers[size_t(row)].legend;
}

FabricLayerState FabricLayerModel::state() const {
    FabricLayerState state;
    state.routeColors = 0;
    for (const Layer& layer : m_layers) {
        switch (layer.kind) {
        case FabricLayerKind::CodeClasses:
            state.codeClasses = layer.visible;
            break;
        case FabricLayerKind::ProgramRectangle:
            state.programRectangle = layer.visible;
            break;
        case FabricLayerKind::Routes:
            if (layer.visible)
                state.routeColors |= 1u << layer.index;
            break;
        case FabricLayerKind::MemcpyRegions:
            state.memcpyRegions = layer.visible;
            break;
        case FabricLayerKind::HeatMap:
            if (layer.visible)
                state.heatMetric = FabricHeatMetric(layer.index);
            break;
        case FabricLayerKind::Breakpoints:
            state.breakpoints = layer.visible;
            break;
        case FabricLayerKind::WaitingPes:
            state.waitingPes = layer.visible;
            break;
        }
    }
    return state;
}

} // namespace tessera
