#pragma once

#include <QPoint>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;

namespace tessera {

class AnalysisSelection;
class SimprintModel;

// The `<simprint>` console: every line the PEs printed, with cycle and PE, filtered by a
// PE or region ("3,1" or "0,0-3,2", rectangle coordinates as the simulator prints them)
// and by text. "Follow selection" filters to the selected PE. Clicking a line selects its
// PE and cycle. Keeps to the bottom while new lines arrive unless scrolled up.
class SimprintConsole : public QWidget {
    Q_OBJECT
  public:
    explicit SimprintConsole(AnalysisSelection* selection, QWidget* parent = nullptr);

    SimprintModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* regionEdit() const { return m_region; }
    QLineEdit* textEdit() const { return m_text; }
    QCheckBox* followSelectionBox() const { return m_follow; }
    // Fabric coordinates of the rectangle's NW PE (the selection is in fabric coordinates).
    void setRectangleOffset(QPoint offset);
    void appendLines(const QStringList& lines);
    void clear();

  private:
    void applyFilter();
    void updateCount();
    void lineClicked(const QModelIndex& index);

    AnalysisSelection* m_selection;
    SimprintModel* m_model;
    QTableView* m_view;
    QLineEdit* m_region;
    QLineEdit* m_text;
    QCheckBox* m_follow;
    QLabel* m_count;
    QPoint m_offset;
};

} // namespace tessera
