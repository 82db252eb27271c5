#pragma once

#include "backend/csl/symbol_index.h"
#include "widgets/CslEditor.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

namespace tessera {

class EditorPane;
class IdeWorkbench;
class MainWindow;

// Go to definition and hover documentation in the CSL editors: a csl::SymbolIndex of the
// open project (its .csl files, what they import, unsaved buffers included), rebuilt on
// demand after an edit, plus one-line descriptions of builtins and of the members of the
// built-in library modules from :/csl/builtin_docs.txt.
class SymbolNavigator : public QObject {
    Q_OBJECT
  public:
    SymbolNavigator(MainWindow* window, IdeWorkbench* bench);

    // Gives the pane's editor its resolver and builtin docs; definitions open through the
    // workbench's jumpTo.
    void attach(EditorPane* pane);
    // What `word` (after `qualifier.`, if any) at byte `offset` of `file` refers to.
    std::optional<CslSymbolInfo> resolve(const QString& file, const QString& qualifier,
                                         const QString& word, int offset);
    // The index of the open project, rebuilt when a buffer or the project changed.
    const csl::SymbolIndex& index();
    void invalidate() { m_dirty = true; }

    // "@name" -> description, and "<module>" / "<module> member" -> {signature, description}.
    struct Docs {
        QHash<QString, QString> builtins;
        QHash<QString, QPair<QString, QString>> library;
    };
    static const Docs& docs();

  private:
    std::optional<CslSymbolInfo> libraryMember(const QString& module, const QString& member) const;

    MainWindow* m_window;
    IdeWorkbench* m_bench;
    csl::SymbolIndex m_index;
    QString m_indexedRoot;
    bool m_dirty = true;
};

} // namespace tessera
