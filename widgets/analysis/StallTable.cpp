#include "widgets/analysis/StallTable.h"

#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/analysis/StallTableModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera {

namespace {

// Keeps the rows of the selected PE (waiter or holder) and color when asked to.
class StallFilter : public QSortFilterProxyModel {
  public:
    StallFilter(AnalysisSelection* selection, QObject* parent)
        : QSortFilterProxyModel(parent), m_selection(selection) {
        setSortRole(StallTableModel::SortRole);
    }
    void setOnlySelection(bool on) {
        m_only = on;
        invalidateFilter();
    }
    void selectionChanged() {
        if (m_only)
            invalidateFilter();
    }

  protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (!m_only)
            return true;
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (const auto pe = m_selection->pe()) {
            const QVariant holder = index.data(StallTableModel::HolderRole);
            if (index.data(StallTableModel::PeRole).toPoint() != *pe &&
                !(holder.isValid() && holder.toPoint() == *pe))
                return false;
        }
        if (const auto color = m_selection->color())
            if (index.data(StallTableModel::ColorRole).toInt() != *color)
                return false;
        return true;
    }

  private:
    AnalysisSelection* m_selection;
    bool m_only = false;
};

} // namespace

StallTable::StallTable(AnalysisSelection* selection, QWidget* parent)
    : QWidget(parent), m_selection(selection), m_model(new StallTableModel(this)),
      m_proxy(new StallFilter(selection, this)), m_view(new QTableView(this)),
      m_summary(new QLabel(this)), m_onlySelection(new QCheckBox(tr("Only the selection"), this)) {
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setObjectName(QStringLiteral("stallView"));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(StallTableModel::PeColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    auto* refresh = new QToolButton(this);
    refresh->setObjectName(QStringLiteral("stallRefresh"));
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Ask the simulator what every PE waits for now"));
    m_onlySelection->setToolTip(tr("Show only the waits of the selected PE and color"));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_onlySelection);
    bar->addWidget(refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(refresh, &QToolButton::clicked, this, &StallTable::refreshRequested);
    connect(m_onlySelection, &QCheckBox::toggled, this,
            [this](bool on) { static_cast<StallFilter*>(m_proxy)->setOnlySelection(on); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &StallTable::modelReset);
    connect(m_view, &QTableView::clicked, this, &StallTable::rowActivated);
    connect(m_view, &QTableView::activated, this, &StallTable::rowActivated);
    connect(m_view, &QTableView::doubleClicked, this, &StallTable::rowDoubleClicked);
    connect(m_selection, &AnalysisSelection::peChanged, this, &StallTable::followSelection);
    connect(m_selection, &AnalysisSelection::colorChanged, this,
            [this] { static_cast<StallFilter*>(m_proxy)->selectionChanged(); });
    modelReset();
}

QString StallTable::summary() const {
    return m_summary->text();
}

void StallTable::modelReset() {
    const int rows = m_model->rowCount();
    if (rows == 0)
        m_summary->setText(m_model->cycle() ? tr("Nothing waits at cycle %1.").arg(m_model->cycle())
                                            : tr("No wait states yet: pause the session."));
    else
        m_summary->setText(tr("%n wait(s) at cycle %1%2", nullptr, rows)
                               .arg(m_model->cycle())
                               .arg(m_model->isTruncated() ? tr(" (more not shown)") : QString()));
    // Every column but the last (which stretches) fits its text; the holder's state is
    // capped so one long description cannot push the cycles off the dock.
    for (int c = 0; c < StallTableModel::WaitedColumn; ++c)
        m_view->resizeColumnToContents(c);
    const int holderCap = m_view->fontMetrics().averageCharWidth() * 64;
    if (m_view->columnWidth(StallTableModel::HolderColumn) > holderCap)
        m_view->setColumnWidth(StallTableModel::HolderColumn, holderCap);
    followSelection();
}

void StallTable::rowActivated(const QModelIndex& proxyIndex) {
    const QModelIndex index = m_proxy->mapToSource(proxyIndex);
    if (!index.isValid())
        return;
    m_selecting = true;
    m_selection->setPe(index.data(StallTableModel::PeRole).toPoint());
    const int color = index.data(StallTableModel::ColorRole).toInt();
    m_selection->setColor(color >= 0 ? std::optional<int>(color) : std::nullopt);
    const int task = index.data(StallTableModel::TaskRole).toInt();
    m_selection->setTask(task >= 0 ? std::optional<int>(task) : std::nullopt);
    m_selecting = false;
}

void StallTable::rowDoubleClicked(const QModelIndex& proxyIndex) {
    if (proxyIndex.column() == StallTableModel::SourceColumn) {
        // The waiter's line opens in the editor (the editor follows the selection's source).
        const QModelIndex index = m_proxy->mapToSource(proxyIndex);
        const QString file = index.data(StallTableModel::SourceFileRole).toString();
        if (!file.isEmpty())
            m_selection->setSource(
                SourcePosition{file, index.data(StallTableModel::SourceLineRole).toInt()});
        return;
    }
    if (proxyIndex.column() != StallTableModel::HolderPeColumn &&
        proxyIndex.column() != StallTableModel::HolderColumn)
        return;
    const QVariant holder = m_proxy->mapToSource(proxyIndex).data(StallTableModel::HolderRole);
    if (holder.isValid())
        m_selection->setPe(holder.toPoint()); // followSelection moves to the holder's row
}

void StallTable::followSelection() {
    static_cast<StallFilter*>(m_proxy)->selectionChanged();
    if (m_selecting)
        return;
    const auto pe = m_selection->pe();
    const int row = pe ? m_model->rowOfPe(*pe) : -1;
    if (row < 0) {
        m_view->clearSelection();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

} // namespace tessera
