// Semantic live diagnostics (issue 6): after the debounce the whole project is compiled
// over the open buffers, saved or not, and every file's diagnostics reach the Problems list
// and the editor marks. Driven through MainWindow on a copy of the gemv-single-pe example:
// an undeclared identifier typed in pe_program.csl, an error in an unsaved buffer of
// layout.csl found while typing in the other file, a compile result of text that changed
// while it ran dropped, and the marks cleared when the text is fixed; a wrong builtin
// argument in the other file is found the same way.
#include "app/IdeWorkbench.h"
#include "app/LiveDiagnostics.h"
#include "app/MainWindow.h"
#include "backend/csl/compiler.h"
#include "example_window.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorDiagnostics.h"
#include "widgets/EditorPane.h"
#include "widgets/models/DiagnosticsModel.h"

#include <QFile>
#include <QSignalBlocker>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace tessera;

namespace {
constexpr int Timeout = 60000; // debounce plus a compile on a loaded machine

bool hasMessage(const QList<DiagnosticItem>& items, const QString& text) {
    return std::any_of(items.cbegin(), items.cend(),
                       [&](const DiagnosticItem& d) { return d.message.contains(text); });
}

// 1-based line of the first line of `text` that contains `what`; 0 when none does.
int lineOf(const QString& text, const QString& what) {
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i)
        if (lines.at(i).contains(what))
            return i + 1;
    return 0;
}
} // namespace

class TestLiveDiagnostics : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QString error =
            examplewindow::openExample(QStringLiteral("gemv-single-pe"), m_tmp, &m_root, &m_window);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_bench = m_window->workbench();
        m_live = m_bench->findChild<LiveDiagnostics*>();
        QVERIFY(m_live);
        m_layout = m_window->openFile(m_root + QStringLiteral("/layout.csl"), &error);
        QVERIFY2(m_layout, qPrintable(error));
        m_program = m_window->openFile(m_root + QStringLiteral("/pe_program.csl"), &error);
        QVERIFY2(m_program, qPrintable(error));
        m_goodLayout = m_layout->editor()->text();
        m_goodProgram = m_program->editor()->text();
    }

    // An undeclared identifier is no syntax error: only the project compile finds it.
    void semanticErrorShowsWhereItWasTyped() {
        const QString file = m_program->filePath();
        QString text = m_goodProgram;
        text.replace(QStringLiteral("vec_y[r] = acc;"), QStringLiteral("vec_y[r] = acc + gain;"));
        QVERIFY(text != m_goodProgram);
        QVERIFY(csl::checkSyntax(file.toStdString(), text.toStdString()).empty());
        m_program->editor()->setText(text);
        QTRY_VERIFY_WITH_TIMEOUT(
            hasMessage(m_bench->diagnostics()->itemsForFile(file), QStringLiteral("'gain'")),
            Timeout);
        const DiagnosticItem error = m_bench->diagnostics()->itemsForFile(file).first();
        QCOMPARE(error.severity, DiagnosticItem::Severity::Error);
        QCOMPARE(error.file, file);
        QCOMPARE(error.line, lineOf(text, QStringLiteral("acc + gain")));
        QCOMPARE(error.column,
                 text.split(QLatin1Char('\n')).at(error.line - 1).indexOf(QStringLiteral("gain")) +
                     1);
        QCOMPARE(m_bench->editorDiagnostics(m_program)->diagnostics(),
                 m_bench->diagnostics()->itemsForFile(file));
        QVERIFY(m_program->editor()->markersAtLine(error.line - 1) &
                (1 << EditorDiagnostics::ErrorMarker));
        QVERIFY(m_bench->diagnostics()->itemsForFile(m_layout->filePath()).isEmpty());
    }

    void marksClearWhenFixed() {
        const QString file = m_program->filePath();
        m_program->editor()->setText(m_goodProgram);
        QTRY_VERIFY_WITH_TIMEOUT(m_bench->editorDiagnostics(m_program)->diagnostics().isEmpty(),
                                 Timeout);
        // The compile of the fixed text finds nothing either.
        QSignalSpy finished(m_live, &LiveDiagnostics::compileFinished);
        m_program->editor()->append(QStringLiteral("// fixed\n"));
        QVERIFY(finished.wait(Timeout));
        QTRY_VERIFY_WITH_TIMEOUT(!m_live->isCompiling(), Timeout);
        QCOMPARE(m_bench->diagnostics()->rowCount(), 0);
        QVERIFY(m_bench->editorDiagnostics(m_program)->diagnostics().isEmpty());
        QVERIFY(m_bench->diagnostics()->itemsForFile(file).isEmpty());
    }

    // layout.csl holds an unsaved error the workbench has not checked yet (its signals were
    // blocked); typing in pe_program.csl compiles the project over that buffer and the
    // error is listed and marked in layout.csl, a file other than the one typed in.
    void errorInAnotherUnsavedBuffer() {
        const QString layoutFile = m_layout->filePath();
        QString broken = m_goodLayout;
        broken.replace(QStringLiteral(".cols = cols,"), QStringLiteral(".cols = colz,"));
        QVERIFY(broken != m_goodLayout);
        {
            const QSignalBlocker quiet(m_layout->editor());
            m_layout->editor()->setText(broken);
        }
        QVERIFY(m_bench->diagnostics()->itemsForFile(layoutFile).isEmpty());
        m_program->editor()->append(QStringLiteral("// typing elsewhere\n"));
        QTRY_VERIFY_WITH_TIMEOUT(
            hasMessage(m_bench->diagnostics()->itemsForFile(layoutFile), QStringLiteral("'colz'")),
            Timeout);
        const DiagnosticItem error = m_bench->diagnostics()->itemsForFile(layoutFile).first();
        QCOMPARE(error.line, lineOf(broken, QStringLiteral(".cols = colz")));
        QCOMPARE(m_bench->editorDiagnostics(m_layout)->diagnostics(),
                 m_bench->diagnostics()->itemsForFile(layoutFile));
        // The saved file was never touched: the compiler read the buffer.
        QFile saved(layoutFile);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), m_goodLayout);
        QVERIFY(!QFile::exists(m_root + QStringLiteral("/out")));

        // Fixed in the buffer: the next compile (again started from the other file) clears
        // the rows of layout.csl.
        {
            const QSignalBlocker quiet(m_layout->editor());
            m_layout->editor()->setText(m_goodLayout);
        }
        m_program->editor()->append(QStringLiteral("// and more\n"));
        QTRY_VERIFY_WITH_TIMEOUT(m_bench->diagnostics()->itemsForFile(layoutFile).isEmpty(),
                                 Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(m_bench->editorDiagnostics(m_layout)->diagnostics().isEmpty(),
                                 Timeout);
    }

    // The same the other way round, with a wrong builtin argument: pe_program.csl holds it
    // unsaved and unchecked, the typing happens in layout.csl.
    void builtinArgumentErrorInTheOtherFile() {
        const QString file = m_program->filePath();
        QString broken = m_goodProgram;
        broken.replace(QStringLiteral("@export_symbol(compute_gemv);"),
                       QStringLiteral("@export_symbol(compute_gemv, 42);"));
        QVERIFY(broken != m_goodProgram);
        {
            const QSignalBlocker quiet(m_program->editor());
            m_program->editor()->setText(broken);
        }
        m_layout->editor()->append(QStringLiteral("// typing in the layout\n"));
        QTRY_VERIFY_WITH_TIMEOUT(hasMessage(m_bench->diagnostics()->itemsForFile(file),
                                            QStringLiteral("@export_symbol")),
                                 Timeout);
        const DiagnosticItem error = m_bench->diagnostics()->itemsForFile(file).first();
        QCOMPARE(error.line, lineOf(broken, QStringLiteral("compute_gemv, 42")));
        QCOMPARE(m_bench->editorDiagnostics(m_program)->diagnostics(),
                 m_bench->diagnostics()->itemsForFile(file));
        QVERIFY(m_bench->diagnostics()->itemsForFile(m_layout->filePath()).isEmpty());

        QSignalSpy finished(m_live, &LiveDiagnostics::compileFinished);
        m_program->editor()->setText(m_goodProgram); // checked as usual from here on
        m_layout->editor()->setText(m_goodLayout);
        QVERIFY(finished.wait(Timeout));
        QTRY_VERIFY_WITH_TIMEOUT(!m_live->isCompiling(), Timeout);
        QCOMPARE(m_bench->diagnostics()->rowCount(), 0);
    }

    // The text changes right after a compile took its snapshot: that compile's result is
    // refused by the revision tagging, and the compile of the newest text (run once the
    // first ends) decides what is shown.
    void staleResultsAreDropped() {
        const QString file = m_program->filePath();
        QString broken = m_goodProgram;
        broken.replace(QStringLiteral("vec_y[r] = acc;"), QStringLiteral("vec_y[r] = stale;"));
        bool fixedSinceSnapshot = false;
        bool staleShown = false;
        const auto fix = connect(m_live, &LiveDiagnostics::compileStarted, this, [&] {
            if (fixedSinceSnapshot)
                return;
            fixedSinceSnapshot = true; // before the worker's result can come back
            m_program->editor()->setText(m_goodProgram);
        });
        const auto watch =
            connect(m_bench->diagnostics(), &DiagnosticsModel::fileDiagnosticsChanged, this,
                    [&](const QString& changed) {
                        if (fixedSinceSnapshot && changed == file &&
                            hasMessage(m_bench->diagnostics()->itemsForFile(file),
                                       QStringLiteral("'stale'")))
                            staleShown = true;
                    });
        QSignalSpy finished(m_live, &LiveDiagnostics::compileFinished);
        m_program->editor()->setText(broken);
        // The broken text's compile, then the fixed text's compile.
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!m_live->isCompiling(), Timeout);
        disconnect(fix);
        disconnect(watch);
        QVERIFY(fixedSinceSnapshot);
        QVERIFY(!staleShown);
        QVERIFY(m_bench->diagnostics()->itemsForFile(file).isEmpty());
        QVERIFY(m_bench->editorDiagnostics(m_program)->diagnostics().isEmpty());
    }

    void cleanupTestCase() {
        for (EditorPane* pane : m_window->panes())
            pane->editor()->setModified(false); // no "save changes?" on close
        m_window.reset();
    }

  private:
    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    LiveDiagnostics* m_live = nullptr;
    EditorPane* m_layout = nullptr;
    EditorPane* m_program = nullptr;
    QString m_goodLayout;
    QString m_goodProgram;
};

QTEST_MAIN(TestLiveDiagnostics)
#include "tst_livediagnostics.moc"
