#include "widgets/DiagnosticsView.h"

#include "widgets/models/DiagnosticsModel.h"

#include <QHeaderView>

namespace tessera {

DiagnosticsView::DiagnosticsView(DiagnosticsModel* model, QWidget* parent) : QTreeView(parent) {
    setObjectName(QStringLiteral("diagnosticsView"));
    setModel(model);
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(DiagnosticsModel::SeverityColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(DiagnosticsModel::FileColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(DiagnosticsModel::LineColumn, QHeaderView::ResizeToContents);
    connect(this, &QTreeView::activated, this, &DiagnosticsView::jumpTo);
    connect(this, &QTreeView::clicked, this, &DiagnosticsView::jumpTo);
}

void DiagnosticsView::jumpTo(const QModelIndex& index) {
    if (!index.isValid())
        return;
    emit jumpRequested(index.data(DiagnosticsModel::ItemFileRole).toString(),
                       index.data(DiagnosticsModel::ItemLineRole).toInt(),
                       index.data(DiagnosticsModel::ItemColumnRole).toInt());
}

} // namespace tessera
