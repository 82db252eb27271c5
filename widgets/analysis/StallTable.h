#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QModelIndex;
class QSortFilterProxyModel;
class QTableView;

namespace tessera {

class AnalysisSelection;
class StallTableModel;

// The stall table: which PE waits on which color, queue or task, and who holds it. Sorts
// by any column; "Only the selection" keeps the rows of the selected PE (as waiter or
// holder) and color. Clicking a row selects its PE, color and task; double-clicking the
// "Held by" cell selects the holder, so one can walk a chain of waits to its origin;
// double-clicking the "Source" cell (the waiter's file:line) shows that line in the editor.
class StallTable : public QWidget {
    Q_OBJECT
  public:
    explicit StallTable(AnalysisSelection* selection, QWidget* parent = nullptr);

    StallTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QCheckBox* onlySelectionBox() const { return m_onlySelection; }
    QString summary() const;

  signals:
    void refreshRequested();

  private:
    void modelReset();
    void rowActivated(const QModelIndex& proxyIndex);
    void rowDoubleClicked(const QModelIndex& proxyIndex);
    void followSelection();

    AnalysisSelection* m_selection;
    StallTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLabel* m_summary;
    QCheckBox* m_onlySelection;
    bool m_selecting = false;
};

} // namespace tessera
