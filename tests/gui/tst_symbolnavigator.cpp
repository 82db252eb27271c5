// Go to definition (F2, Ctrl+click) and hover documentation in the CSL editor, driven
// through MainWindow on a copy of the grid-reduce example: builtins described from
// builtin_docs.txt, the project's own symbols (with their comments) opened at their
// declaration, members of built-in library modules described, unsaved edits indexed.
// With TESSERA_SCREENSHOT_DIR set, saves hover-doc.png there.
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SymbolNavigator.h"
#include "example_window.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"

#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

using namespace tessera;

class TestSymbolNavigator : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QString error = examplewindow::openExample(QStringLiteral("grid-reduce"), m_tmp, &m_root,
                                                   &m_window, QSize(1200, 800));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_pane = m_window->openFile(m_root + QStringLiteral("/pe_program.csl"), &error);
        QVERIFY2(m_pane, qPrintable(error));
        m_editor = m_pane->editor();
    }

    void builtinDocs() {
        const auto info = m_editor->symbolAt(positionOf("@fmovs(west_out", 2));
        QVERIFY(info);
        QCOMPARE(info->name, QStringLiteral("@fmovs"));
        QCOMPARE(info->signature, QStringLiteral("@fmovs(dest: anytype, src: anytype) void"));
        QVERIFY(info->doc.contains(QStringLiteral("f32")));
        QVERIFY(info->file.isEmpty());
        QVERIFY(!m_editor->goToDefinition(positionOf("@fmovs(west_out", 2)));
        // Every builtin of the completion list has a description.
        const auto& docs = SymbolNavigator::docs().builtins;
        QVERIFY(docs.size() >= 120);
        QVERIFY(docs.value(QStringLiteral("@range")).contains(QStringLiteral("@range(T, stop)")));
    }

    void projectSymbolHoverAndDefinition() {
        // `row_sum` used in a task; declared at line 69 with a trailing comment.
        const int use = positionOf("row_sum = partial[0] + east", 1);
        const auto info = m_editor->symbolAt(use);
        QVERIFY(info);
        QCOMPARE(info->kind, QStringLiteral("variable"));
        QCOMPARE(info->signature, QStringLiteral("var row_sum: f32 = 0.0"));
        QCOMPARE(info->doc, QStringLiteral("partial + everything east of this PE in its row"));
        QCOMPARE(info->file, m_root + QStringLiteral("/pe_program.csl"));
        QCOMPARE(info->line, lineOf("var row_sum"));
        QCOMPARE(info->column, 5);
        QVERIFY(
            CslEditor::hoverText(*info).contains(QStringLiteral("<b>var row_sum: f32 = 0.0</b>")));

        // F2 on the use jumps to the declaration.
        m_editor->setCursorPosition(lineOf("row_sum = partial[0] + east") - 1, 4);
        QSignalSpy jumped(m_editor, &CslEditor::definitionRequested);
        QTest::keyClick(m_editor, Qt::Key_F2);
        QCOMPARE(jumped.size(), 1);
        int line = -1, index = -1;
        m_window->currentPane()->editor()->getCursorPosition(&line, &index);
        QCOMPARE(line + 1, lineOf("var row_sum"));
        QCOMPARE(index, 4);

        // A task's doc comment is the comment block above it.
        const auto task = m_editor->symbolAt(positionOf("@activate(row_done_task_id)", 12));
        QVERIFY(task);
        QCOMPARE(task->name, QStringLiteral("row_done_task_id"));
        const auto onEast = m_editor->symbolAt(positionOf("task on_east_sum", 6));
        QVERIFY(onEast);
        QCOMPARE(onEast->kind, QStringLiteral("task"));
        QCOMPARE(onEast->doc,
                 QStringLiteral("Phase 2: the running sum of everything east of this PE."));
    }

    void ctrlClickJumpsToTheParam() {
        // The layout places pe_program.csl; its param `slice_len` is declared there.
        QString error;
        EditorPane* layout = m_window->openFile(m_root + QStringLiteral("/layout.csl"), &error);
        QVERIFY2(layout, qPrintable(error));
        CslEditor* editor = layout->editor();
        const QString text = editor->text();
        const int at = int(text.toUtf8().indexOf("@set_tile_code"));
        QVERIFY(at >= 0);
        QVERIFY(editor->symbolAt(at + 2)); // a builtin

        // Ctrl+click on `slice_len` in pe_program.csl's `u` declaration.
        m_window->openFile(m_root + QStringLiteral("/pe_program.csl"), &error);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        const int use = positionOf("@zeros([slice_len]f32);\nvar v", 9);
        const QPoint point = pointOf(use);
        QSignalSpy jumped(m_editor, &CslEditor::definitionRequested);
        QTest::mouseClick(m_editor->viewport(), Qt::LeftButton, Qt::ControlModifier, point);
        QCOMPARE(jumped.size(), 1);
        QCOMPARE(jumped.first().at(1).toInt(), lineOf("param slice_len"));
    }

    void libraryMembersAndModules() {
        const auto member = m_editor->symbolAt(positionOf("sys_mod.unblock_cmd_stream", 10));
        QVERIFY(member);
        QCOMPARE(member->signature, QStringLiteral("unblock_cmd_stream() void"));
        QVERIFY(member->kind.contains(QStringLiteral("<memcpy/memcpy>")));
        QVERIFY(member->doc.contains(QStringLiteral("launched function")));
        QVERIFY(member->file.isEmpty());

        const auto module = m_editor->symbolAt(positionOf("sys_mod.unblock_cmd_stream", 2));
        QVERIFY(module);
        QCOMPARE(module->kind, QStringLiteral("module"));
        QVERIFY(module->doc.contains(QStringLiteral("memcpy")));
        QCOMPARE(module->line, lineOf("const sys_mod"));
    }

    void unsavedEditsAreIndexed() {
        m_editor->append(QStringLiteral("\n// Added while typing.\nfn fresh_helper() void {}\n"
                                        "fn uses() void { fresh_helper(); }\n"));
        const auto info = m_editor->symbolAt(positionOf("{ fresh_helper()", 4));
        QVERIFY(info);
        QCOMPARE(info->doc, QStringLiteral("Added while typing."));
        QCOMPARE(info->line, lineOf("fn fresh_helper"));
        // Unknown names and numbers have no symbol.
        QVERIFY(!m_editor->symbolAt(positionOf("@get_local_task_id(10)", 20)));
    }

    void hoverShowsTheTooltip() {
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        const int use = positionOf("col_sum = row_sum + south", 12);
        const QPoint point = pointOf(use);
        QHelpEvent help(QEvent::ToolTip, point, m_editor->viewport()->mapToGlobal(point));
        QApplication::sendEvent(m_editor->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("var row_sum")));
        saveScreenshot(point);
        QToolTip::hideText();
    }

    void cleanupTestCase() { m_window.reset(); }

  private:
    // Byte position of `needle` in the editor plus `delta`.
    int positionOf(const char* needle, int delta) const {
        const int at = int(m_editor->text().toUtf8().indexOf(needle));
        return at < 0 ? -1 : at + delta;
    }
    // Widget point inside the character at a byte position, scrolled into view.
    QPoint pointOf(int position) const {
        int line = 0, index = 0;
        m_editor->lineIndexFromPosition(position, &line, &index);
        m_editor->setCursorPosition(line, index);
        m_editor->ensureLineVisible(line);
        m_editor->ensureCursorVisible();
        QCoreApplication::processEvents();
        const int x =
            int(m_editor->SendScintilla(QsciScintilla::SCI_POINTXFROMPOSITION, 0L, long(position)));
        const int y =
            int(m_editor->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0L, long(position)));
        return {x + 2, y + 4};
    }
    int lineOf(const char* needle) const {
        const QByteArray text = m_editor->text().toUtf8();
        const int at = int(text.indexOf(needle));
        return at < 0 ? -1 : int(text.left(at).count('\n')) + 1;
    }
    void saveScreenshot(QPoint hover) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        // The tooltip is a window of its own: draw it over the main window where it shows.
        QImage image = m_window->grab().toImage();
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (w->inherits("QTipLabel") && w->isVisible()) {
                QPainter p(&image);
                const QPoint at =
                    m_window->mapFromGlobal(m_editor->viewport()->mapToGlobal(hover)) +
                    QPoint(12, 18);
                p.drawPixmap(at, w->grab());
            }
        }
        QVERIFY(image.save(dir + QStringLiteral("/hover-doc.png")));
    }

    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    EditorPane* m_pane = nullptr;
    CslEditor* m_editor = nullptr;
};

QTEST_MAIN(TestSymbolNavigator)
#include "tst_symbolnavigator.moc"
