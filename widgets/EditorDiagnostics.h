#pragma once

#include "widgets/models/DiagnosticsModel.h"

#include <QList>
#include <QObject>

class QsciScintilla;

namespace tessera {

// Shows diagnostics in a QScintilla editor: squiggles (indicators) over the range, a
// marker in the margin, and the message as a tooltip when the mouse rests on the line.
class EditorDiagnostics : public QObject {
    Q_OBJECT
  public:
    explicit EditorDiagnostics(QsciScintilla* editor);

    void setDiagnostics(const QList<DiagnosticItem>& items);
    const QList<DiagnosticItem>& diagnostics() const { return m_items; }
    // The messages on a 1-based line, joined by newlines (what the hover shows).
    QString messagesAt(int line) const;

    static constexpr int ErrorIndicator = 20;
    static constexpr int WarningIndicator = 21;
    static constexpr int ErrorMarker = 20;
    static constexpr int WarningMarker = 21;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QsciScintilla* m_editor;
    QList<DiagnosticItem> m_items;
};

} // namespace tessera
