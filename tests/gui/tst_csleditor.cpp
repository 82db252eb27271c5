// CslEditor and EditorPane: atomic save, load, go to line, find/replace, completion and
// call tips from the shipped builtin list, reload when another program changes the file.

#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/FindReplaceBar.h"

#include <Qsci/qsciapis.h>
#include <Qsci/qscilexer.h>

#include <QFile>
#include <QFrame>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using tessera::CslEditor;
using tessera::EditorPane;

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
void writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}
QStringList shippedBuiltins() {
    QStringList entries;
    QFile file(QStringLiteral(":/csl/builtins.txt"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return entries;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            entries << line;
    }
    return entries;
}
} // namespace

class TestCslEditor : public QObject {
    Q_OBJECT

  private slots:
    void saveIsAtomicAndUtf8() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("pe.csl"));
        CslEditor editor;
        editor.setText(QStringLiteral("// Größe π\nvar a: f32 = 1.0;\n"));
        QVERIFY(editor.isModified());
        QString error;
        QVERIFY2(editor.saveFile(path, &error), qPrintable(error));
        QVERIFY(!editor.isModified());
        QCOMPARE(readAll(path), QByteArray("// Gr\xc3\xb6\xc3\x9f"
                                           "e \xcf\x80\nvar a: f32 = 1.0;\n"));
        // QSaveFile leaves no temporary files behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("pe.csl")});
    }

    void saveFailureKeepsOldFileAndSaysWhere() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing-folder/pe.csl"));
        CslEditor editor;
        editor.setText(QStringLiteral("x"));
        QString error;
        QVERIFY(!editor.saveFile(path, &error));
        QVERIFY2(error.contains(QStringLiteral("missing-folder")), qPrintable(error));
        QVERIFY(editor.isModified());
    }

    void loadClearsUndoAndModified() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("layout.csl"));
        writeAll(path, "layout {\n  @set_rectangle(1, 1);\n}\n");
        CslEditor editor;
        QString error;
        QVERIFY2(editor.loadFile(path, &error), qPrintable(error));
        QCOMPARE(editor.text(), QStringLiteral("layout {\n  @set_rectangle(1, 1);\n}\n"));
        QVERIFY(!editor.isModified());
        QVERIFY(!editor.isUndoAvailable());
        QVERIFY(!editor.loadFile(dir.filePath(QStringLiteral("nope.csl")), &error));
        QVERIFY2(error.contains(QStringLiteral("nope.csl")), qPrintable(error));
    }

    void languageFollowsFileName() {
        CslEditor editor;
        editor.setLanguageForPath(QStringLiteral("run.py"));
        QVERIFY(!editor.isCsl());
        QCOMPARE(QString::fromLatin1(editor.lexer()->language()), QStringLiteral("Python"));
        editor.setLanguageForPath(QStringLiteral("pe_program.csl"));
        QVERIFY(editor.isCsl());
    }

    // Selected text keeps its dark ink on the light selection (it was white on light blue,
    // as where the PE inspector selects a PE's source line).
    void selectedTextIsReadable() {
        CslEditor editor;
        editor.resize(500, 120);
        editor.setAppearance(QFont(QStringLiteral("DejaVu Sans Mono"), 11), false);
        editor.setText(QStringLiteral("sum += u[i] * v[i];\n"));
        editor.setSelection(0, 0, 0, 19);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QImage image = editor.viewport()->grab().toImage();
        const int lineHeight = editor.textHeight(0);
        int dark = 0;
        for (int y = 0; y < lineHeight; ++y)
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 110;
        QVERIFY2(dark > 40, qPrintable(QString::number(dark)));
    }

    void goToLine() {
        CslEditor editor;
        QStringList lines;
        for (int i = 1; i <= 200; ++i)
            lines << QStringLiteral("const c%1 = %1;").arg(i);
        editor.setText(lines.join(QLatin1Char('\n')));
        editor.goToLine(150);
        int line = 0, index = 0;
        editor.getCursorPosition(&line, &index);
        QCOMPARE(line, 149);
        editor.goToLine(10000); // clamped to the last line
        editor.getCursorPosition(&line, &index);
        QCOMPARE(line, 199);
    }

    void findAndReplace() {
        CslEditor editor;
        editor.setText(QStringLiteral("// ü\nvar a = a + A;\nvar aa = 1;\n"));
        CslEditor::SearchOptions caseSensitive{true, false, false};
        QCOMPARE(editor.replaceAll(QStringLiteral("a"), QStringLiteral("aa"), caseSensitive), 6);
        QCOMPARE(editor.text(), QStringLiteral("// ü\nvaar aa = aa + A;\nvaar aaaa = 1;\n"));
        editor.undo(); // one undo step for the whole replacement
        QCOMPARE(editor.text(), QStringLiteral("// ü\nvar a = a + A;\nvar aa = 1;\n"));

        CslEditor::SearchOptions wholeWord{false, true, false};
        QCOMPARE(editor.replaceAll(QStringLiteral("a"), QStringLiteral("b"), wholeWord), 3);
        QCOMPARE(editor.text(), QStringLiteral("// ü\nvar b = b + b;\nvar aa = 1;\n"));

        CslEditor::SearchOptions regex{true, false, true};
        QCOMPARE(
            editor.replaceAll(QStringLiteral("var (\\w+)"), QStringLiteral("const \\1"), regex), 2);
        QCOMPARE(editor.text(), QStringLiteral("// ü\nconst b = b + b;\nconst aa = 1;\n"));

        editor.setCursorPosition(0, 0);
        QVERIFY(editor.find(QStringLiteral("aa"), {}, true));
        QCOMPARE(editor.selectedText(), QStringLiteral("aa"));
        QVERIFY(!editor.find(QStringLiteral("zzz"), {}, true));
    }

    void findReplaceBarDrivesCurrentEditor() {
        CslEditor editor;
        editor.setText(QStringLiteral("x x x"));
        tessera::FindReplaceBar bar;
        bar.setEditor(&editor);
        bar.setFindText(QStringLiteral("x"));
        bar.setReplaceText(QStringLiteral("y"));
        QCOMPARE(bar.replaceAll(), 3);
        QCOMPARE(editor.text(), QStringLiteral("y y y"));
        QVERIFY(!bar.findNext());
        QVERIFY(!bar.statusText().isEmpty());
    }

    void shippedBuiltinListIsWellFormed() {
        const QStringList entries = shippedBuiltins();
        QVERIFY(entries.size() >= 100);
        static const QRegularExpression shape(QStringLiteral("^@[a-z_0-9]+\\([^)]*\\) \\S.*$"));
        for (const QString& entry : entries)
            QVERIFY2(shape.match(entry).hasMatch(), qPrintable(entry));
        for (const char* name :
             {"@get_color(", "@export_symbol(", "@fmacs(", "@set_tile_code(", "@map("})
            QVERIFY2(entries.filter(QLatin1String(name)).size() == 1, name);
    }

    void completionAndCallTips() {
        CslEditor editor;
        QSignalSpy prepared(&editor, &CslEditor::completionReady);
        editor.setApiEntries(shippedBuiltins());
        QVERIFY(prepared.wait(5000));

        QStringList completions;
        editor.apis()->updateAutoCompletionList({QStringLiteral("@get_co")}, completions);
        QVERIFY2(completions.filter(QStringLiteral("@get_color")).size() == 1,
                 qPrintable(completions.join(QLatin1Char(','))));
        completions.clear();
        editor.apis()->updateAutoCompletionList({QStringLiteral("comp")}, completions);
        QVERIFY2(completions.filter(QStringLiteral("comptime_int")).size() == 1,
                 qPrintable(completions.join(QLatin1Char(','))));

        // Call tips through the editor's own path (QsciAPIs::callTips depends on state
        // the editor sets up first): a builtin gets one, an unknown name does not.
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setText(QStringLiteral("const c = @get_color("));
        editor.setCursorPosition(0, 21);
        editor.callTip();
        QVERIFY(editor.SendScintilla(QsciScintillaBase::SCI_CALLTIPACTIVE));
        editor.SendScintilla(QsciScintillaBase::SCI_CALLTIPCANCEL);
        editor.setText(QStringLiteral("const c = @no_such_builtin("));
        editor.setCursorPosition(0, 27);
        editor.callTip();
        QVERIFY(!editor.SendScintilla(QsciScintillaBase::SCI_CALLTIPACTIVE));
        // Typing the opening parenthesis shows the tip by itself.
        editor.setText(QStringLiteral("const c = @get_color"));
        editor.setCursorPosition(0, 20);
        QTest::keyClick(editor.viewport(), '(');
        QCOMPARE(editor.text(), QStringLiteral("const c = @get_color("));
        QVERIFY(editor.SendScintilla(QsciScintillaBase::SCI_CALLTIPACTIVE));
    }

    void reloadOnExternalChange() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pe_program.csl"));
        writeAll(path, "var a: i16 = 1;\n");
        EditorPane pane;
        QString error;
        QVERIFY2(pane.open(path, &error), qPrintable(error));
        QSignalSpy changed(&pane, &EditorPane::externalChangeDetected);

        // Our own save must not look like an external change.
        pane.editor()->setText(QStringLiteral("var a: i16 = 2;\n"));
        QVERIFY(pane.save(&error));
        QTest::qWait(300);
        QCOMPARE(changed.count(), 0);
        QVERIFY(!pane.isExternalChangePending());

        writeAll(path, "var a: i16 = 3;\n");
        QVERIFY(changed.wait(5000));
        QVERIFY(pane.isExternalChangePending());
        auto* reload = pane.findChild<QPushButton*>(QStringLiteral("reloadButton"));
        QVERIFY(reload && reload->isVisibleTo(&pane));
        QTest::mouseClick(reload, Qt::LeftButton);
        QCOMPARE(pane.editor()->text(), QStringLiteral("var a: i16 = 3;\n"));
        QVERIFY(!pane.isModified());
        QVERIFY(!pane.isExternalChangePending());

        // A program that saves by rename (new inode) is still noticed afterwards.
        const QString temp = dir.filePath(QStringLiteral("tmp.csl"));
        writeAll(temp, "var a: i16 = 4;\n");
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(temp, path));
        QTRY_VERIFY_WITH_TIMEOUT(
            pane.isExternalChangePending() &&
                pane.findChild<QPushButton*>(QStringLiteral("reloadButton"))->isVisibleTo(&pane),
            5000);
        QVERIFY(pane.reloadFromDisk(&error));
        QCOMPARE(pane.editor()->text(), QStringLiteral("var a: i16 = 4;\n"));
    }

    void keepEditorVersion() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("layout.csl"));
        writeAll(path, "a\n");
        EditorPane pane;
        QVERIFY(pane.open(path, nullptr));
        pane.editor()->setText(QStringLiteral("mine\n"));
        QSignalSpy changed(&pane, &EditorPane::externalChangeDetected);
        writeAll(path, "theirs\n");
        QVERIFY(changed.wait(5000));
        pane.keepBuffer();
        QVERIFY(!pane.isExternalChangePending());
        QCOMPARE(pane.editor()->text(), QStringLiteral("mine\n"));
        QVERIFY(pane.isModified());
    }

    void deletedFileIsReported() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gone.csl"));
        writeAll(path, "x\n");
        EditorPane pane;
        QVERIFY(pane.open(path, nullptr));
        QSignalSpy changed(&pane, &EditorPane::externalChangeDetected);
        QVERIFY(QFile::remove(path));
        QVERIFY(changed.wait(5000));
        QVERIFY(pane.isExternalChangePending());
        QVERIFY(!pane.findChild<QPushButton*>(QStringLiteral("reloadButton"))->isVisibleTo(&pane));
        QVERIFY(pane.isModified()); // so closing asks before the text is lost
    }
};

QTEST_MAIN(TestCslEditor)
#include "tst_csleditor.moc"
