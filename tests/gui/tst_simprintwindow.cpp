// The Simprint console when lines leave the simulator's window before it fetches them: the
// embedded appliance keeps only the newest 2 KiB of simprint output
// ($TESSERA_SIMPRINT_WINDOW_BYTES), the bundled multicast-routes example prints 40 lines per
// PE when its weights are in, and the run goes to its end before the console looks. The
// console says how many lines it missed and shows the window's lines after the note. With
// TESSERA_SCREENSHOT_DIR set, saves simprint-window.png there.
#include "app/AnalysisWorkbench.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/analysis/SimprintConsole.h"
#include "widgets/analysis/SimprintModel.h"

#include <QDockWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestSimprintWindow : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        qputenv("TESSERA_SIMPRINT_WINDOW_BYTES", "2048");
        QString error =
            examplewindow::copyExample(QStringLiteral("multicast-routes"), m_tmp, &m_root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = examplewindow::addToReceiveDoneTask(
            m_root, QStringLiteral("  for (@range(u16, 40)) |k| {\n"
                                   "    prt.print_string(\"weights line \");\n"
                                   "    prt.print_u16_decimal(k);\n"
                                   "    prt.print_newline();\n"
                                   "  }\n"));
        QVERIFY2(error.isEmpty(), qPrintable(error));

        error = examplewindow::openWindow(m_root, &m_window, QSize(1400, 900));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window->show();
        m_bench = m_window->workbench();
        m_analysis = m_bench->findChild<AnalysisWorkbench*>();
        QVERIFY(m_analysis);
        error = examplewindow::buildProject(m_bench);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // 12 PEs print 480 lines of about 30 bytes: the 2 KiB window keeps the last few dozen.
    void consoleNotesTheLinesItMissed() {
        SimController* controller = m_bench->controller();
        controller->startSession(QStringLiteral("start"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Paused, 30000);
        controller->resume();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Finished, 60000);
        SimprintModel* model = m_analysis->simprintConsole()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 1, 20000);
        // Every line printed is either counted by a note or shown; the window held few.
        const QRegularExpression noteText(
            QStringLiteral("^\\((\\d+) earlier simprint line.* left the simulator.s window"));
        int missed = 0, notes = 0, shown = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QRegularExpressionMatch m = noteText.match(model->lineAt(r).text);
            if (m.hasMatch()) {
                ++notes;
                missed += m.captured(1).toInt();
            } else {
                QVERIFY2(model->lineAt(r).text.startsWith(QStringLiteral("weights line ")),
                         qPrintable(model->lineAt(r).text));
                ++shown;
            }
        }
        QVERIFY(notes >= 1);
        QCOMPARE(missed + shown, 480);
        QVERIFY2(shown < 200, qPrintable(QString::number(shown)));
        QVERIFY(model->lineAt(model->rowCount() - 1)
                    .text.startsWith(QStringLiteral("weights line 39")));
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            m_analysis->simprintDock()->raise();
            m_analysis->simprintConsole()->view()->scrollToTop();
            QCoreApplication::processEvents();
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/simprint-window.png")));
        }
    }

  private:
    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    AnalysisWorkbench* m_analysis = nullptr;
};

QTEST_MAIN(TestSimprintWindow)
#include "tst_simprintwindow.moc"
