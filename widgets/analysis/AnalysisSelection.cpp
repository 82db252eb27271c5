#include "widgets/analysis/AnalysisSelection.h"

namespace tessera {

AnalysisSelection::AnalysisSelection(QObject* parent) : QObject(parent) {}

void AnalysisSelection::setPe(std::optional<QPoint> pe) {
    if (pe == m_pe)
        return;
    m_pe = pe;
    emit peChanged();
}

void AnalysisSelection::setColor(std::optional<int> color) {
    if (color && (*color < 0 || *color > 31))
        color.reset();
    if (color == m_color)
        return;
    m_color = color;
    emit colorChanged();
}

void AnalysisSelection::setTask(std::optional<int> task) {
    if (task && (*task < 0 || *task > 63))
        task.reset();
    if (task == m_task)
        return;
    m_task = task;
    emit taskChanged();
}

void AnalysisSelection::setCycle(std::optional<quint64> cycle) {
    if (cycle == m_cycle)
        return;
    m_cycle = cycle;
    emit cycleChanged();
}

void AnalysisSelection::setSource(std::optional<SourcePosition> source) {
    if (source == m_source)
        return;
    m_source = source;
    emit sourceChanged();
}

void AnalysisSelection::clear() {
    setPe(std::nullopt);
    setColor(std::nullopt);
    setTask(std::nullopt);
    setCycle(std::nullopt);
    setSource(std::nullopt);
}

} // namespace tessera
