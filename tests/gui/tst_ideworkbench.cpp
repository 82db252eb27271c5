// The IDE at work, driven like a user through MainWindow: open the bundled gemv-single-pe
// example, build it on the embedded appliance, break a buffer and see live diagnostics
// (list, squiggles, hover text) that disappear as soon as the text changes again, run
// run.py and read SUCCESS! in the console, then a session from the Simulation dock.
// With TESSERA_SCREENSHOT_DIR set, saves ide-build.png and ide-run.png there.
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/CompileLog.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorDiagnostics.h"
#include "widgets/EditorPane.h"
#include "widgets/SimControls.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/models/DiagnosticsModel.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestIdeWorkbench : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QString error = examplewindow::openExample(QStringLiteral("gemv-single-pe"), m_tmp, &m_root,
                                                   &m_window, QSize(1400, 860));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_bench = m_window->workbench();
        m_pane = m_window->openFile(m_root + QStringLiteral("/pe_program.csl"), &error);
        QVERIFY2(m_pane, qPrintable(error));
    }

    void buildFromTheMenu() {
        QSignalSpy finished(m_bench->controller(), &SimController::buildFinished);
        m_bench->build();
        QVERIFY(m_bench->compileLog()->commandLine().startsWith(
            QStringLiteral("cslc layout.csl --arch=wse2")));
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(m_bench->compileLog()->logText()));
        QVERIFY(!m_bench->compileLog()->isRunning());
        // After the build: no empty full progress bar, the command shown from its start.
        QVERIFY(m_bench->compileLog()->findChild<QProgressBar*>()->isHidden());
        QCOMPARE(m_bench->compileLog()->findChild<QLineEdit*>()->cursorPosition(), 0);
        QVERIFY(m_bench->compileLog()->statusText().contains(QStringLiteral("out")));
        QVERIFY(m_bench->fabricView()->snapshot());
        QCOMPARE(m_bench->fabricView()->snapshot()->rectangle(), QRect(4, 1, 1, 1));
        QCOMPARE(m_bench->diagnostics()->rowCount(), 0);
    }

    void liveDiagnosticsFollowTheText() {
        CslEditor* editor = m_pane->editor();
        m_good = editor->text();
        const QString file = m_pane->filePath();
        editor->append(QStringLiteral("\nfn broken( {\n"));
        const int brokenLine = editor->lines() - 1; // 1-based line of "fn broken( {"
        QTRY_VERIFY_WITH_TIMEOUT(!m_bench->diagnostics()->itemsForFile(file).isEmpty(), 10000);
        const DiagnosticItem first = m_bench->diagnostics()->itemsForFile(file).first();
        QCOMPARE(first.severity, DiagnosticItem::Severity::Error);
        QVERIFY2(first.line >= brokenLine - 1, qPrintable(QString::number(first.line)));
        EditorDiagnostics* marks = m_bench->editorDiagnostics(m_pane);
        QVERIFY(marks);
        QCOMPARE(marks->diagnostics().size(), m_bench->diagnostics()->itemsForFile(file).size());
        QVERIFY(!marks->messagesAt(first.line).isEmpty());
        QVERIFY(editor->markersAtLine(first.line - 1) & (1 << EditorDiagnostics::ErrorMarker));
        editor->setCursorPosition(first.line - 1, 0);
        editor->ensureLineVisible(first.line - 1);
        saveScreenshot(QStringLiteral("ide-build.png"), {QStringLiteral("problemsDock")});

        // Any edit makes the shown diagnostics stale: they go at once, before the check.
        const quint64 before = m_bench->revision(m_pane);
        editor->append(QStringLiteral("// still typing\n"));
        QVERIFY(m_bench->revision(m_pane) > before);
        QVERIFY(m_bench->diagnostics()->itemsForFile(file).isEmpty());
        QVERIFY(marks->diagnostics().isEmpty());
        // A batch computed for the old revision is refused.
        QVERIFY(!m_bench->diagnostics()->setFileDiagnostics(file, before, {first}));
        // The debounced check of the current text reports the error again.
        QTRY_VERIFY_WITH_TIMEOUT(!m_bench->diagnostics()->itemsForFile(file).isEmpty(), 10000);

        // Fixing the text clears them.
        editor->setText(m_good);
        QTRY_VERIFY_WITH_TIMEOUT(m_bench->diagnostics()->itemsForFile(file).isEmpty(), 10000);
        QTest::qWait(IdeWorkbench::LiveCheckDelayMs + 300);
        QVERIFY(m_bench->diagnostics()->itemsForFile(file).isEmpty());
    }

    void jumpToDiagnostic() {
        m_bench->jumpTo(m_root + QStringLiteral("/layout.csl"), 3, 2);
        EditorPane* pane = m_window->currentPane();
        QVERIFY(pane);
        QCOMPARE(pane->filePath(), m_root + QStringLiteral("/layout.csl"));
        int line = -1, index = -1;
        pane->editor()->getCursorPosition(&line, &index);
        QCOMPARE(line, 2);
        QCOMPARE(index, 1);
    }

    void settingsFromCommandsScript() {
        QString error;
        const QString exported = m_tmp.filePath(QStringLiteral("exported.sh"));
        QVERIFY2(m_bench->exportScript(exported, &error), qPrintable(error));
        // The bundled script states the same settings as tessera.json.
        QVERIFY2(m_bench->importScript(m_root + QStringLiteral("/commands_wse2.sh"), &error),
                 qPrintable(error));
        QCOMPARE(m_window->project()->compile().fabricWidth, 8);
        QVERIFY2(m_bench->importScript(exported, &error), qPrintable(error));
        QCOMPARE(m_window->project()->layoutFile(), QStringLiteral("layout.csl"));
        QVERIFY(!m_bench->importScript(m_root + QStringLiteral("/run.py"), &error));
        QVERIFY(error.startsWith(QStringLiteral("run.py: ")));
    }

    void runHostScript() {
        QSignalSpy finished(m_bench->controller(), &SimController::scriptFinished);
        m_bench->runScript();
        QVERIFY(m_bench->runConsole()->isRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY2(m_bench->runConsole()->outputText().contains(QStringLiteral("SUCCESS!")),
                 qPrintable(m_bench->runConsole()->outputText()));
        QCOMPARE(m_bench->runConsole()->statusText(), tr("Exited normally (status 0)"));
    }

    void sessionFromTheSimulationDock() {
        SimControls* controls = m_bench->simControls();
        QCOMPARE(controls->launchFunction(), QStringLiteral("compute_gemv"));
        auto* start = controls->findChild<QPushButton*>(QStringLiteral("startSessionButton"));
        QVERIFY(start && start->isEnabled());
        start->click();
        QTRY_VERIFY2_WITH_TIMEOUT(controls->state() == SimControls::State::Paused,
                                  qPrintable(controls->statusText()), 30000);
        QVERIFY(controls->stepButton()->isEnabled());
        const quint64 before = m_bench->controller()->cycle();
        controls->stepNButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_bench->controller()->cycle(),
                                  before + quint64(controls->stepCount()), 10000);
        QVERIFY(controls->cycleText().contains(QLocale().toString(before + controls->stepCount())));
        controls->runButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(controls->state(), SimControls::State::Finished, 20000);
        QVERIFY(m_bench->fabricView()->snapshot()->heatMap(FabricHeatMetric::Instructions));
        saveScreenshot(QStringLiteral("ide-run.png"),
                       {QStringLiteral("consoleDock"), QStringLiteral("fabricDock"),
                        QStringLiteral("simulationDock")});
    }

    void cleanupTestCase() { m_window.reset(); }

  private:
    void saveScreenshot(const QString& name, const QStringList& raiseDocks) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        for (const QString& dock : raiseDocks)
            m_window->findChild<QDockWidget*>(dock)->raise();
        m_window->show();
        QCoreApplication::processEvents();
        QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name));
    }

    QTemporaryDir m_tmp;
    QString m_root;
    QString m_good;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    EditorPane* m_pane = nullptr;
};

QTEST_MAIN(TestIdeWorkbench)
#include "tst_ideworkbench.moc"
