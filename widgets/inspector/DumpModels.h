#pragma once

#include "widgets/inspector/PeModels.h"

#include <QAbstractTableModel>
#include <QRect>

#include <map>

namespace tessera {

// The symbols that differ between two dumps of one program, PE by PE in row-major order.
// Windowed: fetchMore compares the next PEs until a block of rows is found, so a large
// fabric is never compared all at once for the table.
class DumpCompareModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { Pe, Symbol, Type, FirstElement, ValueA, ValueB, Differing };
    enum Role { PeRole = Qt::UserRole + 1 }; // rectangle coordinates (QPoint)
    static constexpr int kDefaultFetchRows = 200;
    static constexpr uint32_t kScanPes = 4096; // PEs compared per fetch at most

    explicit DumpCompareModel(QObject* parent = nullptr);
    // Empty on success; otherwise why the dumps cannot be compared (the model is cleared).
    QString setDumps(DumpPtr a, DumpPtr b);
    // Rows a fetch looks for before it returns (a view's page).
    void setFetchRows(int rows) { m_fetchRows = std::max(1, rows); }
    const DumpPtr& dumpA() const { return m_a; }
    const DumpPtr& dumpB() const { return m_b; }
    // PEs compared so far and how many of them differ.
    uint32_t scannedPes() const { return m_nextPe; }
    uint32_t differingPes() const { return m_differingPes; }
    // PEs skipped so far because their part of either dump is corrupt, and the first
    // reason ("core dump FILE: PE(x,y): reason"; empty when none).
    uint32_t faultyPes() const { return m_faultyPes; }
    QString firstFault() const { return m_firstFault; }
    const std::vector<debug::SymbolDifference>& differences() const { return m_rows; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

  signals:
    void progressChanged();

  private:
    DumpPtr m_a, m_b;
    std::vector<debug::SymbolDifference> m_rows;
    uint32_t m_nextPe = 0, m_peCount = 0, m_differingPes = 0, m_faultyPes = 0;
    QString m_firstFault;
    int m_fetchRows = kDefaultFetchRows;
    bool m_fetching = false; // views and testers may ask again while rows are inserted
};

// Per PE, how many symbols differ between two dumps (row-major; for the grid layer). A PE
// whose part of either dump is corrupt gets NaN (no value on the fabric); `faults`, when
// given, receives one "core dump FILE: PE(x,y): reason" per such PE.
std::vector<float> differenceGrid(const debug::DebugUtil& a, const debug::DebugUtil& b,
                                  QStringList* faults = nullptr);

// Task profile over a region of PEs: one row per (task, function) with the PEs it ran
// on, activations, self cycles and min/max/avg cycles per activation. Computed on
// demand from the dump's per-task counters of the region's PEs only.
class TaskProfileModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { Task, Function, Pes, Activations, SelfCycles, MinCycles, MaxCycles, AvgCycles };
    explicit TaskProfileModel(QObject* parent = nullptr);
    // `region` in rectangle coordinates, clipped to the rectangle.
    void setRegion(DumpPtr dump, QRect region);
    QRect region() const { return m_region; }
    // PEs of the region left out because their part of the dump is corrupt, and the first
    // reason ("core dump FILE: PE(x,y): reason"; empty when none).
    int faultyPes() const { return m_faultyPes; }
    QString firstFault() const { return m_firstFault; }
    struct Row {
        int task = 0;
        QString function;
        int pes = 0;
        quint64 activations = 0, cycles = 0, minCycles = 0, maxCycles = 0;
    };
    const std::vector<Row>& profile() const { return m_rows; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    DumpPtr m_dump;
    QRect m_region;
    std::vector<Row> m_rows;
    int m_faultyPes = 0;
    QString m_firstFault;
};

} // namespace tessera
