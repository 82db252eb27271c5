#pragma once

#include <QTreeView>

namespace tessera {

class DiagnosticsModel;

// The list of diagnostics; activating a row (click, Enter) asks to jump to its position.
class DiagnosticsView : public QTreeView {
    Q_OBJECT
  public:
    explicit DiagnosticsView(DiagnosticsModel* model, QWidget* parent = nullptr);

  signals:
    void jumpRequested(const QString& file, int line, int column);

  private:
    void jumpTo(const QModelIndex& index);
};

} // namespace tessera
