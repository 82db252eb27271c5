#include "widgets/hostsession/HostBlockModel.h"

#include <cmath>
#include <limits>

namespace tessera {

HostBlockModel::HostBlockModel(QObject* parent) : QAbstractTableModel(parent) {}

void HostBlockModel::setBlock(HostBlockPtr block) {
    beginResetModel();
    m_block = std::move(block);
    endResetModel();
}

void HostBlockModel::setRows(Rows rows) {
    if (rows == m_rows)
        return;
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int HostBlockModel::peCount() const {
    return m_block ? m_block->request.w * m_block->request.h : 0;
}

int HostBlockModel::elementCount() const {
    return m_block ? m_block->request.elements : 0;
}

QString HostBlockModel::peLabel(int pe) const {
    const HostCopyRequest& r = m_block->request;
    return tr("PE (%1, %2)").arg(r.x + pe % r.w).arg(r.y + pe / r.w);
}

QString HostBlockModel::formatValue(double value, hostdata::ElementType type) {
    switch (type) {
    case hostdata::ElementType::F32:
        return QString::number(value, 'g', std::numeric_limits<float>::max_digits10);
    case hostdata::ElementType::F16:
        return QString::number(value, 'g', 5);
    default:
        return QString::number(qint64(value));
    }
}

int HostBlockModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return m_rows == Rows::Pes ? peCount() : elementCount();
}

int HostBlockModel::columnCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return m_rows == Rows::Pes ? elementCount() : peCount();
}

QVariant HostBlockModel::data(const QModelIndex& index, int role) const {
    if (!m_block || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int pe = m_rows == Rows::Pes ? index.row() : index.column();
    const int element = m_rows == Rows::Pes ? index.column() : index.row();
    const double value = m_block->values[size_t(pe) * size_t(elementCount()) + size_t(element)];
    switch (role) {
    case Qt::DisplayRole:
        return formatValue(value, m_block->request.type);
    case ValueRole:
        return value;
    case Qt::ToolTipRole:
        return tr("%1, element %2: %3")
            .arg(peLabel(pe))
            .arg(element)
            .arg(formatValue(value, m_block->request.type));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant HostBlockModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || !m_block || section < 0)
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool peSection = (orientation == Qt::Vertical) == (m_rows == Rows::Pes);
    if (peSection)
        return section < peCount() ? QVariant(peLabel(section)) : QVariant();
    return section < elementCount() ? QVariant(tr("[%1]").arg(section)) : QVariant();
}

} // namespace tessera
