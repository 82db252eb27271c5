#pragma once

#include <QAbstractTableModel>
#include <QPoint>
#include <QRect>
#include <QString>

#include <deque>
#include <optional>
#include <vector>

namespace tessera {

// One `<simprint>` line: "@cycle PE(x,y): text", PE in program-rectangle coordinates as
// the simulator writes it (sim.log's format).
struct SimprintLine {
    quint64 cycle = 0;
    QPoint pe; // rectangle coordinates; (-1, -1) when the line names no PE
    QString text;
};

// Parses a simulator simprint line; a line without the "@cycle PE(x,y): " prefix keeps
// its whole text, cycle 0 and PE (-1, -1).
SimprintLine parseSimprintLine(const QString& line);

// The `<simprint>` console's lines, filtered by a PE region and a text, windowed: it keeps
// at most `capacity` lines (the oldest go first), and the view asks only for the visible
// rows of the filtered index, so a long run on a large fabric never materialises more.
class SimprintModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { CycleColumn, PeColumn, TextColumn, ColumnCount };
    enum Role {
        CycleRole = Qt::UserRole + 1, // quint64
        PeRole,                       // QPoint in rectangle coordinates
    };
    static constexpr int kDefaultCapacity = 200'000;

    explicit SimprintModel(QObject* parent = nullptr);

    void setCapacity(int lines);
    int capacity() const { return m_capacity; }
    // Appends lines (in the simulator's order) and shows those the filter passes.
    void appendLines(const QStringList& lines);
    void clear();
    // Lines received in all (also the ones dropped for capacity).
    quint64 receivedLines() const { return m_received; }
    int storedLines() const { return int(m_lines.size()); }

    // Region in rectangle coordinates (a null QRect = every PE) and a case-insensitive
    // text the line must contain (empty = any).
    void setFilter(const QRect& region, const QString& text);
    QRect regionFilter() const { return m_region; }
    QString textFilter() const { return m_text; }
    // The line shown in `row` (0 <= row < rowCount()).
    const SimprintLine& lineAt(int row) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    bool passes(const SimprintLine& line) const;
    void dropOldest(size_t count);

    std::deque<SimprintLine> m_lines;
    std::vector<qint64> m_visible; // indices into m_lines + m_dropped offset, ascending
    qint64 m_dropped = 0;          // lines dropped from the front (index base)
    quint64 m_received = 0;
    int m_capacity = kDefaultCapacity;
    QRect m_region;
    QString m_text;
};

// Parses a PE filter in rectangle coordinates: "3,1" (one PE) or "0,0-3,2" (a region,
// corners inclusive, in any order). Empty text = no filter (a null QRect). Returns
// std::nullopt when the text is neither.
std::optional<QRect> parsePeRegion(const QString& text);

} // namespace tessera
