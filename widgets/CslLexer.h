#pragma once

#include <Qsci/qscilexercustom.h>

#include <QStringList>

namespace tessera {

// Syntax highlighting and folding for CSL (the Cerebras Software Language).
//
// CSL has only `//` comments and `\\` multiline-string lines, so every line lexes on its
// own: styling restarts at the first line touched, and no per-line lexer state is needed
// except the brace depth at the end of each line (kept in Scintilla's line state) to
// seed the fold level of the next line.
class CslLexer : public QsciLexerCustom {
    Q_OBJECT
  public:
    enum Style {
        Default = 0,
        Comment,
        Keyword,
        Type,
        Builtin,
        Number,
        String,
        MultilineString,
        Operator,
        StyleCount
    };

    explicit CslLexer(QObject* parent = nullptr);

    const char* language() const override;
    QString description(int style) const override;
    void styleText(int start, int end) override;
    const char* wordCharacters() const override;
    QStringList autoCompletionWordSeparators() const override;
    int braceStyle() const override;
    QColor defaultColor(int style) const override;
    QColor defaultPaper(int style) const override;
    QFont defaultFont(int style) const override;

    // Applies one font to every style (keywords get the bold variant) and the light or
    // dark palette. Fonts and colours live on the lexer because setLexer() re-applies them.
    void setAppearance(const QFont& font, bool dark);
    bool isDark() const { return m_dark; }

    static const QStringList& keywords();
    static const QStringList& types();

  private:
    QColor colorFor(int style, bool dark) const;
    void styleLine(const char* line, int length, int& depth, int& minDepthAtOpen);

    bool m_dark = false;
    QFont m_font;
};

} // namespace tessera
