#include "widgets/inspector/DumpModels.h"

#include <QLocale>

#include <cmath>

namespace tessera {

namespace {

// A failed comparison of one PE names the dump whose part is corrupt.
QString comparedPeError(const debug::DebugUtil& a, const debug::DebugUtil& b, QPoint pe,
                        const std::exception& e) {
    const bool inB = QString::fromUtf8(e.what()).startsWith(
        QString::fromStdString(b.core().path()) + QLatin1Char(':'));
    return dumpPeError(inB ? b : a, pe, e);
}

} // namespace

// ------------------------------------------------------------------ DumpCompareModel

DumpCompareModel::DumpCompareModel(QObject* parent) : QAbstractTableModel(parent) {}

QString DumpCompareModel::setDumps(DumpPtr a, DumpPtr b) {
    beginResetModel();
    m_rows.clear();
    m_nextPe = m_differingPes = m_peCount = m_faultyPes = 0;
    m_firstFault.clear();
    m_a.reset();
    m_b.reset();
    QString error;
    if (a && b) {
        try {
            debug::checkComparable(*a, *b);
            m_a = std::move(a);
            m_b = std::move(b);
            m_peCount = m_a->header().width * m_a->header().height;
        } catch (const debug::DebugError& e) {
            error = QString::fromUtf8(e.what());
        }
    }
    // Whoever handles modelReset (a view, QAbstractItemModelTester) must not insert rows
    // inside the reset's notification.
    m_fetching = true;
    endResetModel();
    m_fetching = false;
    emit progressChanged();
    return error;
}

int DumpCompareModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DumpCompareModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 7;
}

bool DumpCompareModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_a && m_nextPe < m_peCount && !m_fetching;
}

void DumpCompareModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    std::vector<debug::SymbolDifference> found;
    const uint32_t width = m_a->header().width;
    const uint32_t end = std::min(m_peCount, m_nextPe + kScanPes);
    while (m_nextPe < end && found.size() < size_t(m_fetchRows)) {
        const uint32_t x = m_nextPe % width, y = m_nextPe / width;
        ++m_nextPe;
        std::vector<debug::SymbolDifference> diffs;
        try {
            diffs = debug::compareSymbols(*m_a, *m_b, x, y);
        } catch (const std::exception& e) {
            // A corrupt PE in either dump: skipped and counted, the others still compared.
            if (m_faultyPes++ == 0)
                m_firstFault = comparedPeError(*m_a, *m_b, QPoint(int(x), int(y)), e);
            continue;
        }
        if (!diffs.empty())
            ++m_differingPes;
        found.insert(found.end(), diffs.begin(), diffs.end());
    }
    if (!found.empty()) {
        m_fetching = true;
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + found.size()) - 1);
        m_rows.insert(m_rows.end(), found.begin(), found.end());
        endInsertRows();
        m_fetching = false;
    }
    emit progressChanged();
}

QVariant DumpCompareModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount() ||
        index.column() >= columnCount())
        return {};
    const debug::SymbolDifference& d = m_rows[size_t(index.row())];
    if (role == PeRole)
        return QPoint(int(d.x), int(d.y));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Pe:
        return QStringLiteral("%1,%2")
            .arg(d.x + m_a->header().offsetX)
            .arg(d.y + m_a->header().offsetY);
    case Symbol:
        return QString::fromStdString(d.symbol);
    case Type:
        return QString::fromLatin1(sim::typeName(d.type));
    case FirstElement:
        return d.firstElement;
    case ValueA:
        return QString::fromStdString(d.valueA);
    case ValueB:
        return QString::fromStdString(d.valueB);
    case Differing:
        return tr("%1 of %2").arg(d.differingElements).arg(d.elements);
    }
    return {};
}

QVariant DumpCompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Pe:
        return tr("PE");
    case Symbol:
        return tr("Symbol");
    case Type:
        return tr("Type");
    case FirstElement:
        return tr("First differing element");
    case ValueA:
        return tr("Dump A");
    case ValueB:
        return tr("Dump B");
    case Differing:
        return tr("Elements differing");
    }
    return {};
}

std::vector<float> differenceGrid(const debug::DebugUtil& a, const debug::DebugUtil& b,
                                  QStringList* faults) {
    debug::checkComparable(a, b);
    const uint32_t w = a.header().width, h = a.header().height;
    std::vector<float> grid(size_t(w) * h, 0.0f);
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) {
            float& cell = grid[size_t(y) * w + x];
            try {
                cell = float(debug::compareSymbols(a, b, x, y).size());
            } catch (const std::exception& e) {
                cell = NAN;
                if (faults)
                    *faults << comparedPeError(a, b, QPoint(int(x), int(y)), e);
            }
        }
    return grid;
}

// ------------------------------------------------------------------ TaskProfileModel

TaskProfileModel::TaskProfileModel(QObject* parent) : QAbstractTableModel(parent) {}

void TaskProfileModel::setRegion(DumpPtr dump, QRect region) {
    beginResetModel();
    m_dump = std::move(dump);
    m_rows.clear();
    m_region = QRect();
    m_faultyPes = 0;
    m_firstFault.clear();
    if (m_dump) {
        m_region = region.intersected(
            QRect(0, 0, int(m_dump->header().width), int(m_dump->header().height)));
        std::map<std::pair<int, QString>, Row> byTask;
        for (int y = m_region.top(); y <= m_region.bottom(); ++y)
            for (int x = m_region.left(); x <= m_region.right(); ++x) {
                std::vector<debug::TaskRow> tasks;
                try {
                    tasks = debug::taskRows(*m_dump, uint32_t(x), uint32_t(y));
                } catch (const std::exception& e) {
                    // A corrupt PE: left out of the profile and counted.
                    if (m_faultyPes++ == 0)
                        m_firstFault = dumpPeError(*m_dump, QPoint(x, y), e);
                    continue;
                }
                for (const debug::TaskRow& t : tasks) {
                    if (t.activations == 0)
                        continue;
                    const QString fn = functionDisplayName(t.function);
                    auto [it, fresh] = byTask.try_emplace({t.id, fn});
                    Row& row = it->second;
                    if (fresh) {
                        row.task = t.id;
                        row.function = fn;
                        row.minCycles = t.minCycles;
                    }
                    ++row.pes;
                    row.activations += t.activations;
                    row.cycles += t.cycles;
                    row.minCycles = std::min<quint64>(row.minCycles, t.minCycles);
                    row.maxCycles = std::max<quint64>(row.maxCycles, t.maxCycles);
                }
            }
        for (auto& [key, row] : byTask)
            m_rows.push_back(row);
    }
    endResetModel();
}

int TaskProfileModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskProfileModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 8;
}

QVariant TaskProfileModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount() ||
        index.column() >= columnCount())
        return {};
    const Row& r = m_rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() >= Pes)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Task:
        return r.task == -2 ? tr("launch") : r.task == -3 ? tr("init") : QString::number(r.task);
    case Function:
        return r.function;
    case Pes:
        return r.pes;
    case Activations:
        return r.activations;
    case SelfCycles:
        return r.cycles;
    case MinCycles:
        return r.minCycles;
    case MaxCycles:
        return r.maxCycles;
    case AvgCycles:
        return r.activations ? double(r.cycles) / double(r.activations) : 0.0;
    }
    return {};
}

QVariant TaskProfileModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Task:
        return tr("Task");
    case Function:
        return tr("Function");
    case Pes:
        return tr("PEs");
    case Activations:
        return tr("Activations");
    case SelfCycles:
        return tr("Self cycles");
    case MinCycles:
        return tr("Min cycles");
    case MaxCycles:
        return tr("Max cycles");
    case AvgCycles:
        return tr("Avg cycles");
    }
    return {};
}

} // namespace tessera
