#include "widgets/fabric/FabricLegend.h"

#include "widgets/fabric/FabricLayerModel.h"

#include <QPainter>

namespace tessera {

namespace {
constexpr int kMargin = 6;
constexpr int kSwatch = 12;
} // namespace

FabricLegend::FabricLegend(FabricLayerModel* model, QWidget* parent)
    : QWidget(parent), m_model(model) {
    connect(m_model, &QAbstractItemModel::modelReset, this, &FabricLegend::modelChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &FabricLegend::modelChanged);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void FabricLegend::modelChanged() {
    updateGeometry();
    update();
}

int FabricLegend::contentHeight() const {
    const int line = fontMetrics().height() + 2;
    int height = kMargin;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row).data(Qt::CheckStateRole).toInt() != Qt::Checked)
            continue;
        height += line * (1 + int(m_model->legend(row).size())) + kMargin;
    }
    return height;
}

QSize FabricLegend::sizeHint() const {
    return {220, contentHeight()};
}

QSize FabricLegend::minimumSizeHint() const {
    return {120, contentHeight()};
}

void FabricLegend::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const int line = fontMetrics().height() + 2;
    int y = kMargin;
    QFont bold = font();
    bold.setBold(true);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row);
        if (index.data(Qt::CheckStateRole).toInt() != Qt::Checked)
            continue;
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(kMargin, y, width() - 2 * kMargin, line),
                         Qt::AlignVCenter | Qt::AlignLeft, index.data(Qt::DisplayRole).toString());
        y += line;
        painter.setFont(font());
        for (const FabricLegendEntry& entry : m_model->legend(row)) {
            const QRect swatch(2 * kMargin, y + (line - kSwatch) / 2, kSwatch, kSwatch);
            painter.fillRect(swatch, entry.color);
            painter.setPen(palette().color(QPalette::Mid));
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            painter.setPen(palette().color(QPalette::WindowText));
            const QRect text(swatch.right() + kMargin, y, width() - swatch.right() - 2 * kMargin,
                             line);
            painter.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                             fontMetrics().elidedText(entry.label, Qt::ElideRight, text.width()));
            y += line;
        }
        y += kMargin;
    }
}

} // namespace tessera
