#pragma once

#include <Qsci/qsciscintilla.h>

#include <QFont>
#include <QString>
#include <QStringList>

class QsciAPIs;

namespace tessera {

class CslLexer;

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
    QFont m_font;
    bool m_dark = false;
};

} // namespace tessera
