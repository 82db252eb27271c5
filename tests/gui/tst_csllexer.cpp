// CslLexer: styles at byte positions, fold levels, UTF-8 text, restyling from mid-line.

#include "widgets/CslEditor.h"
#include "widgets/CslLexer.h"

#include <QTest>

using tessera::CslEditor;
using tessera::CslLexer;

class TestCslLexer : public QObject {
    Q_OBJECT

  private:
    // Sets the text and styles all of it synchronously.
    static void colourise(CslEditor& editor, const QString& text) {
        editor.setText(text);
        editor.SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
    }
    static int styleAt(CslEditor& editor, qsizetype bytePosition) {
        return int(editor.SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, int(bytePosition)));
    }
    // Byte offset of the n-th occurrence of `token` in the UTF-8 document.
    static qsizetype bytePos(const QString& text, const char* token, int occurrence = 0) {
        const QByteArray bytes = text.toUtf8();
        qsizetype at = -1;
        for (int i = 0; i <= occurrence; ++i)
            at = bytes.indexOf(token, at + 1);
        return at;
    }
    // Asserts every byte of the first occurrence of `token` has `style`.
    static void expectToken(CslEditor& editor, const QString& text, const char* token, int style,
                            int occurrence = 0) {
        const qsizetype start = bytePos(text, token, occurrence);
        QVERIFY2(start >= 0, token);
        for (qsizetype i = start; i < start + qsizetype(qstrlen(token)); ++i)
            QVERIFY2(styleAt(editor, i) == style,
                     qPrintable(QStringLiteral("'%1' byte %2: style %3, expected %4")
                                    .arg(QString::fromUtf8(token))
                                    .arg(i - start)
                                    .arg(styleAt(editor, i))
                                    .arg(style)));
    }
    static int foldLevel(CslEditor& editor, int line) {
        return int(editor.SendScintilla(QsciScintillaBase::SCI_GETFOLDLEVEL, line));
    }

  private slots:
    void keywordsTypesBuiltins() {
        CslEditor editor;
        QVERIFY(editor.isCsl());
        const QString text =
            QStringLiteral("const c: color = @get_color(3);\nvar buf: [4]f32;\nfn f() void {}\n");
        colourise(editor, text);
        expectToken(editor, text, "const", CslLexer::Keyword);
        expectToken(editor, text, "color", CslLexer::Type);
        expectToken(editor, text, "@get_color", CslLexer::Builtin);
        expectToken(editor, text, "3", CslLexer::Number);
        expectToken(editor, text, "var", CslLexer::Keyword);
        expectToken(editor, text, "buf", CslLexer::Default);
        expectToken(editor, text, "f32", CslLexer::Type);
        expectToken(editor, text, "fn", CslLexer::Keyword);
        expectToken(editor, text, "void", CslLexer::Type);
        expectToken(editor, text, "(", CslLexer::Operator);
        expectToken(editor, text, "=", CslLexer::Operator);
    }

    // The Types page's arbitrary-width integers are types; names that only look alike
    // (a leading zero, wider than 16777215 bits, letters after the digits) are not.
    void arbitraryWidthIntegersAreTypes() {
        CslEditor editor;
        const QString text = QStringLiteral(
            "var a: u3 = 0;\nvar b: i24 = 0;\nvar u03 = 1;\nvar i99999999 = 2;\nvar u3x = 3;\n");
        colourise(editor, text);
        expectToken(editor, text, "u3", CslLexer::Type);
        expectToken(editor, text, "i24", CslLexer::Type);
        expectToken(editor, text, "u03", CslLexer::Default);
        expectToken(editor, text, "i99999999", CslLexer::Default);
        expectToken(editor, text, "u3x", CslLexer::Default);
    }

    void builtinIsOneWord() {
        CslEditor editor;
        CslLexer* lexer = editor.cslLexer();
        QVERIFY(QByteArray(lexer->wordCharacters()).contains('@'));
        editor.setText(QStringLiteral("x = @get_color(1);"));
        // Scintilla's word boundaries follow the lexer's word characters.
        const int wordStart =
            int(editor.SendScintilla(QsciScintillaBase::SCI_WORDSTARTPOSITION, 8, true));
        QCOMPARE(wordStart, 4);
    }

    void numbers() {
        CslEditor editor;
        const QString text = QStringLiteral(
            "a = 0x1F + 0b1011 + 0o17 + 1_000 + 2.5 + 1.5e-3 + 6E+2 + 0x1.8p3 + x1;\n");
        colourise(editor, text);
        for (const char* number :
             {"0x1F", "0b1011", "0o17", "1_000", "2.5", "1.5e-3", "6E+2", "0x1.8p3"})
            expectToken(editor, text, number, CslLexer::Number);
        // An identifier with digits is not a number ("x1" also occurs inside "0x1F").
        const qsizetype identifier = bytePos(text, " x1;") + 1;
        QCOMPARE(styleAt(editor, identifier), int(CslLexer::Default));
        QCOMPARE(styleAt(editor, identifier + 1), int(CslLexer::Default));
    }

    void stringsAndComments() {
        CslEditor editor;
        const QString text =
            QStringLiteral("const s = \"a // \\\"quoted\\\" text\"; // trailing \"comment\"\n"
                           "const m =\n"
                           "  \\\\ multiline line one\n"
                           "  \\\\ line two with // inside\n"
                           ";\n"
                           "const bad = \"unterminated\n"
                           "var after: u8 = 'c';\n");
        colourise(editor, text);
        expectToken(editor, text, "\"a // \\\"quoted\\\" text\"", CslLexer::String);
        expectToken(editor, text, "// trailing \"comment\"", CslLexer::Comment);
        expectToken(editor, text, "\\\\ multiline line one", CslLexer::MultilineString);
        expectToken(editor, text, "\\\\ line two with // inside", CslLexer::MultilineString);
        expectToken(editor, text, "\"unterminated", CslLexer::String);
        // An unterminated string stops at the end of its line.
        expectToken(editor, text, "var", CslLexer::Keyword);
        expectToken(editor, text, "'c'", CslLexer::String);
    }

    void utf8TextBeforeToken() {
        CslEditor editor;
        const QString text = QStringLiteral(
            "// héllo wörld · π\nvar y: f32 = 1.0; const s = \"日本\"; fn g() void {}\n");
        colourise(editor, text);
        // Positions are byte offsets: the comment's four two-byte characters shift everything
        // after them. Character indices would land inside the comment.
        const qsizetype varAt = bytePos(text, "var");
        QCOMPARE(varAt, text.indexOf(QStringLiteral("var")) + 4);
        QCOMPARE(styleAt(editor, varAt), int(CslLexer::Keyword));
        QCOMPARE(styleAt(editor, varAt - 1), int(CslLexer::Comment)); // the newline
        expectToken(editor, text, "\"日本\"", CslLexer::String);
        expectToken(editor, text, "fn", CslLexer::Keyword);
        expectToken(editor, text, "void", CslLexer::Type);
    }

    void lastByteStyledWithoutNewline() {
        CslEditor editor;
        const QString text = QStringLiteral("layout { @set_rectangle(1, 1); }");
        colourise(editor, text);
        const int length = int(editor.SendScintilla(QsciScintillaBase::SCI_GETTEXTLENGTH));
        QCOMPARE(int(editor.SendScintilla(QsciScintillaBase::SCI_GETENDSTYLED)), length);
        QCOMPARE(styleAt(editor, length - 1), int(CslLexer::Operator));
    }

    void restyleFromMidLine() {
        CslEditor editor;
        const QString text = QStringLiteral("const a = 1;\nconst id = @get_local_task_id(9);\n");
        colourise(editor, text);
        editor.SendScintilla(QsciScintillaBase::SCI_CLEARDOCUMENTSTYLE);
        // Ask for styling from the middle of "@get_local_task_id", as Scintilla may.
        const qsizetype middle = bytePos(text, "local");
        editor.cslLexer()->styleText(int(middle), int(text.toUtf8().size()));
        expectToken(editor, text, "@get_local_task_id", CslLexer::Builtin);
        expectToken(editor, text, "const", CslLexer::Keyword, 1);
        expectToken(editor, text, "9", CslLexer::Number);
    }

    void editingRestyles() {
        CslEditor editor;
        colourise(editor, QStringLiteral("x = 1;\n"));
        editor.insertAt(QStringLiteral("var "), 0, 0);
        editor.SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
        QCOMPARE(styleAt(editor, 0), int(CslLexer::Keyword));
        QCOMPARE(styleAt(editor, 4), int(CslLexer::Default));
    }

    void foldLevels() {
        CslEditor editor;
        const QString text =
            QStringLiteral("fn f() void {\n"             // 0: header, level 0
                           "  if (a) {\n"                // 1: header, level 1
                           "    b();\n"                  // 2: level 2
                           "  } else {\n"                // 3: header at level 1 (fold at else)
                           "    c(); // { not a brace\n" // 4: level 2, braces in comments ignored
                           "  }\n"                // 5: level 2 (closing line stays in its fold)
                           "  const s = \"}\";\n" // 6: level 1, braces in strings ignored
                           "}\n"                  // 7: level 1
                           "const z = 0;\n");     // 8: level 0
        colourise(editor, text);
        const int base = QsciScintillaBase::SC_FOLDLEVELBASE;
        const int header = QsciScintillaBase::SC_FOLDLEVELHEADERFLAG;
        const int expected[] = {base | header, (base + 1) | header,
                                base + 2,      (base + 1) | header,
                                base + 2,      base + 2,
                                base + 1,      base + 1,
                                base};
        for (int line = 0; line < 9; ++line)
            QVERIFY2(foldLevel(editor, line) == expected[line],
                     qPrintable(QStringLiteral("line %1: level %2, expected %3")
                                    .arg(line)
                                    .arg(foldLevel(editor, line), 0, 16)
                                    .arg(expected[line], 0, 16)));
        // Folding the function hides its body.
        editor.foldLine(0);
        QVERIFY(!editor.SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, 3));
        QVERIFY(editor.SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, 8));
    }

    void foldLevelsAfterEditContinueFromPreviousLine() {
        CslEditor editor;
        colourise(editor, QStringLiteral("layout {\n  a();\n  b();\n}\n"));
        // Re-lex only line 2 onwards: its depth must come from line 1.
        const int line2 = int(editor.SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, 2));
        editor.cslLexer()->styleText(
            line2, int(editor.SendScintilla(QsciScintillaBase::SCI_GETTEXTLENGTH)));
        QCOMPARE(foldLevel(editor, 2), QsciScintillaBase::SC_FOLDLEVELBASE + 1);
        QCOMPARE(foldLevel(editor, 4), QsciScintillaBase::SC_FOLDLEVELBASE);
    }
};

QTEST_MAIN(TestCslLexer)
#include "tst_csllexer.moc"
