#include "widgets/fabric/FabricLayerPanel.h"

#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricLegend.h"
#include "widgets/fabric/FabricView.h"

#include <QLineEdit>
#include <QListView>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

namespace tessera {

FabricLayerPanel::FabricLayerPanel(FabricView* view, QWidget* parent)
    : QWidget(parent), m_view(view), m_jump(new QLineEdit(this)), m_list(new QListView(this)),
      m_legend(new FabricLegend(view->layerModel(), this)) {
    m_jump->setPlaceholderText(tr("Jump to PE: x, y"));
    m_jump->setToolTip(tr("Fabric coordinates of the PE to centre and select, e.g. 12, 5"));
    m_jump->setClearButtonEnabled(true);
    connect(m_jump, &QLineEdit::returnPressed, this, &FabricLayerPanel::jump);

    m_list->setModel(view->layerModel());
    m_list->setToolTip(tr("Layers: check to show"));

    auto* legendScroll = new QScrollArea(this);
    legendScroll->setWidget(m_legend);
    legendScroll->setWidgetResizable(true);
    legendScroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_jump);
    layout->addWidget(m_list, 1);
    layout->addWidget(legendScroll, 2);
}

// Accepts "x, y", "x y" or "(x,y)"; a PE off the fabric turns the box red.
void FabricLayerPanel::jump() {
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*\(?\s*(\d+)\s*[, ]\s*(\d+)\s*\)?\s*$)"));
    const QRegularExpressionMatch match = pattern.match(m_jump->text());
    const bool ok = match.hasMatch() &&
                    m_view->jumpToPe(QPoint(match.captured(1).toInt(), match.captured(2).toInt()));
    m_jump->setStyleSheet(ok ? QString() : QStringLiteral("QLineEdit { color: #d55e00; }"));
    if (ok)
        m_view->setFocus();
}

} // namespace tessera
