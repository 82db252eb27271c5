#include "widgets/analysis/SimprintConsole.h"

#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/analysis/SimprintModel.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera {

SimprintConsole::SimprintConsole(AnalysisSelection* selection, QWidget* parent)
    : QWidget(parent), m_selection(selection), m_model(new SimprintModel(this)),
      m_view(new QTableView(this)), m_region(new QLineEdit(this)), m_text(new QLineEdit(this)),
      m_follow(new QCheckBox(tr("Follow selection"), this)), m_count(new QLabel(this)) {
    m_region->setObjectName(QStringLiteral("simprintRegion"));
    m_region->setPlaceholderText(tr("PE or region, e.g. 3,1 or 0,0-3,2"));
    m_region->setClearButtonEnabled(true);
    m_text->setObjectName(QStringLiteral("simprintText"));
    m_text->setPlaceholderText(tr("Text"));
    m_text->setClearButtonEnabled(true);
    m_follow->setToolTip(tr("Show only the lines of the PE selected in the fabric or a table"));
    auto* clearButton = new QToolButton(this);
    clearButton->setText(tr("Clear"));

    m_view->setObjectName(QStringLiteral("simprintView"));
    m_view->setModel(m_model);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view lays out only the visible rows of a long log.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics(m_view->font());
    m_view->setColumnWidth(SimprintModel::CycleColumn,
                           metrics.horizontalAdvance(QStringLiteral("0000000000")) + 8);
    m_view->setColumnWidth(SimprintModel::PeColumn,
                           metrics.horizontalAdvance(QStringLiteral("(000, 000)")) + 8);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_region, 2);
    bar->addWidget(m_text, 2);
    bar->addWidget(m_follow);
    bar->addWidget(clearButton);
    bar->addWidget(m_count, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_region, &QLineEdit::textChanged, this, &SimprintConsole::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &SimprintConsole::applyFilter);
    connect(m_follow, &QCheckBox::toggled, this, &SimprintConsole::applyFilter);
    connect(clearButton, &QToolButton::clicked, this, &SimprintConsole::clear);
    connect(m_selection, &AnalysisSelection::peChanged, this, [this] {
        if (m_follow->isChecked())
            applyFilter();
    });
    connect(m_view, &QTableView::clicked, this, &SimprintConsole::lineClicked);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SimprintConsole::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SimprintConsole::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SimprintConsole::updateCount);
    updateCount();
}

void SimprintConsole::setRectangleOffset(QPoint offset) {
    m_offset = offset;
    if (m_follow->isChecked())
        applyFilter();
}

void SimprintConsole::appendLines(const QStringList& lines) {
    QScrollBar* bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    m_model->appendLines(lines);
    if (atBottom)
        m_view->scrollToBottom();
}

void SimprintConsole::clear() {
    m_model->clear();
}

void SimprintConsole::applyFilter() {
    QRect region;
    bool valid = true;
    if (m_follow->isChecked() && m_selection->pe()) {
        const QPoint pe = *m_selection->pe() - m_offset;
        region = QRect(pe, pe);
    } else {
        const auto parsed = parsePeRegion(m_region->text());
        valid = parsed.has_value();
        if (parsed)
            region = *parsed;
    }
    // A half-typed region shows red and leaves the previous filter in place.
    m_region->setStyleSheet(valid ? QString() : QStringLiteral("color: #d55e00"));
    if (valid)
        m_model->setFilter(region, m_text->text());
}

void SimprintConsole::updateCount() {
    const int shown = m_model->rowCount();
    const quint64 received = m_model->receivedLines();
    m_count->setText(quint64(shown) == received ? tr("%n line(s)", nullptr, shown)
                                                : tr("%1 of %2 lines").arg(shown).arg(received));
}

void SimprintConsole::lineClicked(const QModelIndex& index) {
    if (!index.isValid())
        return;
    const SimprintLine& line = m_model->lineAt(index.row());
    if (line.pe.x() < 0)
        return;
    m_selection->setPe(line.pe + m_offset);
    m_selection->setCycle(line.cycle);
}

} // namespace tessera
