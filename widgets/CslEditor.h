#pragma once

#include <Qsci/qsciscintilla.h>

#include <QFont>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QsciAPIs;

namespace tessera {

class CslLexer;

// What go to definition and hover know about a name in the editor.
struct CslSymbolInfo {
    QString name;
    QString kind;      // "builtin", "function", "task", "module", ...
    QString signature; // one line, e.g. "fn accumulate(x: f32) f32"
    QString doc;       // plain text, may be empty
    QString file;      // where it is declared; empty for builtins and built-in modules
    int line = 0;      // 1-based
    int column = 0;    // 1-based
};

// Resolves `word` at UTF-8 byte `offset` of the buffer; `qualifier` is the name before a
// '.' ("sys_mod" for sys_mod.unblock_cmd_stream), empty otherwise. Given by the app, which
// knows the project (the widgets never see the compiler).
using CslSymbolResolver = std::function<std::optional<CslSymbolInfo>(
    const QString& qualifier, const QString& word, int offset)>;

// A source editor: CSL files get CslLexer with folding, brace matching, completion of
// keywords, types and builtins, and builtin call tips; Python, shell and JSON files (the
// rest of a CSL project) get QScintilla's stock lexers.
class CslEditor : public QsciScintilla {
    Q_OBJECT
  public:
    // Search options shared by find and replace.
    struct SearchOptions {
        bool caseSensitive = false;
        bool wholeWord = false;
        bool regularExpression = false;
    };

    explicit CslEditor(QWidget* parent = nullptr);
    ~CslEditor() override;

    // Chooses the lexer from the file name (".csl" gets CslLexer).
    void setLanguageForPath(const QString& path);
    bool isCsl() const;
    CslLexer* cslLexer() const { return m_cslLexer; }
    QsciAPIs* apis() const { return m_apis; }

    // Completion entries in QsciAPIs form, "@name(arg: type, ...) result"; the keywords
    // and types of the language are added automatically. Preparation is asynchronous:
    // completionReady() signals when the latest list is in use.
    void setApiEntries(const QStringList& entries);

    void setAppearance(const QFont& font, bool dark);

    // Go to definition (F2, Ctrl+click) and hover documentation. Builtins (@name) are
    // described by `docs` ("@name" -> one line) with the signature from the API entries;
    // every other name goes to the resolver.
    void setBuiltinDocs(const QHash<QString, QString>& docs);
    void setSymbolResolver(CslSymbolResolver resolver);
    // The symbol under a byte position of the buffer, if it is known.
    std::optional<CslSymbolInfo> symbolAt(int position) const;
    // Rich text for a hover tooltip.
    static QString hoverText(const CslSymbolInfo& info);
    // Emits definitionRequested for the symbol at `position` when it has a declaration in a
    // file; false otherwise.
    bool goToDefinition(int position);

    // Reads a UTF-8 file into the buffer, clears the undo history and the modified flag.
    bool loadFile(const QString& path, QString* error);
    // Writes the buffer atomically (QSaveFile) and clears the modified flag.
    bool saveFile(const QString& path, QString* error);

    // Moves the cursor to a 1-based line and centres it.
    void goToLine(int line);
    bool find(const QString& text, const SearchOptions& options, bool forward);
    // Replaces the current match (selected by find) and moves to the next one.
    bool replaceCurrent(const QString& text, const QString& replacement,
                        const SearchOptions& options);
    // Replaces every match in one undo step; returns the number of replacements.
    int replaceAll(const QString& text, const QString& replacement, const SearchOptions& options);

  signals:
    void completionReady();
    // Go to definition found a declaration: open the file at the 1-based line and column.
    void definitionRequested(const QString& file, int line, int column);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    void startApiPreparation();
    void onApiPreparationFinished();
    void applyAppearanceToLexer();
    int searchFlags(const SearchOptions& options) const;

    CslLexer* m_cslLexer = nullptr;
    QsciAPIs* m_apis = nullptr;
    QStringList m_pendingApiEntries;
    bool m_apiEntriesPending = false;
    bool m_preparingApis = false;
    QsciLexer* m_stockLexer = nullptr;
    QHash<QString, QString> m_builtinSignatures; // "@name" -> "@name(args) result"
    QHash<QString, QString> m_builtinDocs;
    CslSymbolResolver m_resolver;
    QFont m_font;
    bool m_dark = false;
};

} // namespace tessera
