#include "widgets/EditorDiagnostics.h"

#include <Qsci/qsciscintilla.h>

#include <QHelpEvent>
#include <QToolTip>

namespace tessera {

EditorDiagnostics::EditorDiagnostics(QsciScintilla* editor) : QObject(editor), m_editor(editor) {
    editor->indicatorDefine(QsciScintilla::SquiggleLowIndicator, ErrorIndicator);
    editor->setIndicatorForegroundColor(QColor(0xd0, 0x20, 0x20), ErrorIndicator);
    editor->indicatorDefine(QsciScintilla::SquiggleLowIndicator, WarningIndicator);
    editor->setIndicatorForegroundColor(QColor(0xc0, 0x90, 0x00), WarningIndicator);
    editor->markerDefine(QsciScintilla::Circle, ErrorMarker);
    editor->setMarkerBackgroundColor(QColor(0xd0, 0x20, 0x20), ErrorMarker);
    editor->markerDefine(QsciScintilla::Circle, WarningMarker);
    editor->setMarkerBackgroundColor(QColor(0xe0, 0xb0, 0x00), WarningMarker);
    // Margin 1 holds the markers (margin 0 has the line numbers).
    editor->setMarginType(1, QsciScintilla::SymbolMargin);
    editor->setMarginWidth(1, 14);
    editor->setMarginMarkerMask(1, editor->marginMarkerMask(1) | (1 << ErrorMarker) |
                                       (1 << WarningMarker));
    editor->viewport()->installEventFilter(this);
}

void EditorDiagnostics::setDiagnostics(const QList<DiagnosticItem>& items) {
    m_items = items;
    const int lines = m_editor->lines();
    m_editor->clearIndicatorRange(0, 0, qMax(0, lines - 1), m_editor->lineLength(lines - 1),
                                  ErrorIndicator);
    m_editor->clearIndicatorRange(0, 0, qMax(0, lines - 1), m_editor->lineLength(lines - 1),
                                  WarningIndicator);
    m_editor->markerDeleteAll(ErrorMarker);
    m_editor->markerDeleteAll(WarningMarker);
    for (const DiagnosticItem& d : items) {
        if (d.line <= 0 || d.line > lines)
            continue;
        const bool error = d.severity == DiagnosticItem::Severity::Error;
        const int line = d.line - 1;
        // Columns are byte-based and 1-based: squiggle from the column to the end of the
        // word (or the rest of the line when the column is past it).
        const int length = m_editor->lineLength(line);
        int from = qBound(0, d.column - 1, qMax(0, length - 1));
        const int at = int(m_editor->positionFromLineIndex(line, from));
        int to = int(m_editor->SendScintilla(QsciScintilla::SCI_WORDENDPOSITION, at, true));
        int toLine = 0, toIndex = 0;
        m_editor->lineIndexFromPosition(to, &toLine, &toIndex);
        if (toLine != line || toIndex <= from)
            toIndex = qMax(from + 1, length);
        m_editor->fillIndicatorRange(line, from, line, toIndex,
                                     error ? ErrorIndicator : WarningIndicator);
        m_editor->markerAdd(line, error ? ErrorMarker : WarningMarker);
    }
}

QString EditorDiagnostics::messagesAt(int line) const {
    QStringList out;
    for (const DiagnosticItem& d : m_items)
        if (d.line == line)
            out << DiagnosticsModel::severityName(d.severity) + QStringLiteral(": ") + d.message;
    return out.join(QLatin1Char('\n'));
}

bool EditorDiagnostics::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ToolTip && !m_items.isEmpty()) {
        auto* help = static_cast<QHelpEvent*>(event);
        const long pos = m_editor->SendScintilla(QsciScintilla::SCI_POSITIONFROMPOINT,
                                                 help->pos().x(), help->pos().y());
        int line = 0, index = 0;
        m_editor->lineIndexFromPosition(int(pos), &line, &index);
        const QString text = messagesAt(line + 1);
        if (!text.isEmpty()) {
            QToolTip::showText(help->globalPos(), text, m_editor);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tessera
