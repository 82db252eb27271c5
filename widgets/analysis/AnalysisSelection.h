#pragma once

#include <QObject>
#include <QPoint>
#include <QString>

#include <optional>

namespace tessera {

// A place in the program's source, as the editor shows it.
struct SourcePosition {
    QString file; // as the compiler names it (relative to the code directory)
    int line = 0; // 1-based
    bool operator==(const SourcePosition&) const = default;
};

// The one selection the analysis views share (linked selection): a PE, a color, a task and
// a point in time, plus the source line they lead to. The fabric view, the stall table, the
// simprint console, the replay, the editor and the PE inspector all follow it and write to
// it; each aspect changes on its own, so selecting a color keeps the PE. Setting a value
// equal to the current one emits nothing, so views that follow and write cannot loop.
//
// Qt only (no app/ or gRPC types): widgets/inspector and others include it directly. The
// app owns one instance (AnalysisWorkbench) and hands the pointer to every view.
class AnalysisSelection : public QObject {
    Q_OBJECT
  public:
    explicit AnalysisSelection(QObject* parent = nullptr);

    // Fabric coordinates (not program-rectangle coordinates).
    std::optional<QPoint> pe() const { return m_pe; }
    // A routing color 0..31.
    std::optional<int> color() const { return m_color; }
    // A task id 0..63 (of the selected PE's code when a PE is selected).
    std::optional<int> task() const { return m_task; }
    // A simulated cycle (replay position, the cycle of a stall or a simprint line).
    std::optional<quint64> cycle() const { return m_cycle; }
    std::optional<SourcePosition> source() const { return m_source; }

    void setPe(std::optional<QPoint> pe);
    void setColor(std::optional<int> color);
    void setTask(std::optional<int> task);
    void setCycle(std::optional<quint64> cycle);
    void setSource(std::optional<SourcePosition> source);
    void clear();

  signals:
    void peChanged();
    void colorChanged();
    void taskChanged();
    void cycleChanged();
    void sourceChanged();

  private:
    std::optional<QPoint> m_pe;
    std::optional<int> m_color;
    std::optional<int> m_task;
    std::optional<quint64> m_cycle;
    std::optional<SourcePosition> m_source;
};

} // namespace tessera
