#pragma once

#include "widgets/analysis/AnalysisSelection.h"

#include <QAbstractTableModel>
#include <QPoint>
#include <QString>

#include <optional>
#include <vector>

namespace tessera {

// One thing a PE waits for at a pause and who holds it (from the appliance's
// Debug.WaitStates; the app converts). Kinds in the simulator's order (sim::PeWait::Kind).
struct StallEntry {
    enum class Kind {
        Wavelets,
        ControlWavelets,
        QueueRoom,
        Fifo,
        Microthread,
        CeQueue,
        RouterSwitch,
        Backpressure,
        OutputQueue,
        CommandStream,
        HostCommand,
    };
    QPoint pe; // fabric coordinates
    Kind kind = Kind::Wavelets;
    int color = -1, queue = -1, task = -1; // -1 = not applicable
    QString waiter;
    std::optional<QPoint> holder; // fabric coordinates
    QString holderText;
    QString reason;
    quint64 since = 0; // cycle the wait began; 0 = unknown
    // Where in the program the waiter waits: the waiting DSD operation's line, else the
    // start of the waiting task's function (unset: not known, e.g. a router).
    std::optional<SourcePosition> source;
};

// Translated short name of a wait kind ("wavelets", "queue room", ...).
QString stallKindName(StallEntry::Kind kind);

// The stall table: one row per wait, as the last query returned them (at most the
// appliance's cap, 10,000, however large the fabric: only waiting PEs are listed).
class StallTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        PeColumn,
        WaiterColumn,
        SourceColumn,
        KindColumn,
        ColorColumn,
        QueueColumn,
        HolderPeColumn,
        HolderColumn,
        WaitedColumn,
        ColumnCount
    };
    enum Role {
        PeRole = Qt::UserRole + 1, // QPoint, fabric coordinates of the waiting PE
        HolderRole,                // QPoint of the holder, invalid QVariant without one
        ColorRole,                 // int, -1 = none
        TaskRole,                  // int, -1 = none
        SortRole,                  // numbers sort as numbers
        SourceFileRole,            // QString, the waiter's source file (empty: unknown)
        SourceLineRole,            // int, its line (0: unknown)
    };

    explicit StallTableModel(QObject* parent = nullptr);

    void setEntries(quint64 cycle, std::vector<StallEntry> entries, bool truncated);
    void clear();
    quint64 cycle() const { return m_cycle; }
    bool isTruncated() const { return m_truncated; }
    const std::vector<StallEntry>& entries() const { return m_entries; }
    // The first row whose waiting PE (or, failing that, holder) is `pe`; -1 when none.
    int rowOfPe(QPoint pe) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    quint64 m_cycle = 0;
    bool m_truncated = false;
    std::vector<StallEntry> m_entries;
};

} // namespace tessera
