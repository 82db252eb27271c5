// The analysis docks on a real run: the bundled multicast-routes example (with a simprint
// line added to its receive-done task) is built and run on the embedded appliance, stepped
// while the multicast is under way so receivers wait for the root's wavelets (stall table
// with holders, linked to the fabric view), run to its end (simprint console, filtered by
// PE and region) and replayed from its recording (fabric heat maps and congestion, save
// and load). With TESSERA_SCREENSHOT_DIR set, saves stall-table.png, simprint-console.png
// and replay.png there.
#include "app/AnalysisWorkbench.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/analysis/ReplayControls.h"
#include "widgets/analysis/SimprintConsole.h"
#include "widgets/analysis/SimprintModel.h"
#include "widgets/analysis/StallTable.h"
#include "widgets/analysis/StallTableModel.h"
#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricView.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace tessera;

class TestAnalysisWorkbench : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QString error =
            examplewindow::copyExample(QStringLiteral("multicast-routes"), m_tmp, &m_root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Every PE prints a line when it has all weights.
        error = examplewindow::addToReceiveDoneTask(
            m_root, QStringLiteral("  prt.print_string(\"all weights in, product[0] = \");\n"
                                   "  prt.print_f32(product[0]);\n"
                                   "  prt.print_newline();\n"));
        QVERIFY2(error.isEmpty(), qPrintable(error));

        error = examplewindow::openWindow(m_root, &m_window, QSize(1400, 900));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Shown (offscreen), so the GUI thread paints while frames arrive, as in use.
        m_window->show();
        m_bench = m_window->workbench();
        m_analysis = m_bench->findChild<AnalysisWorkbench*>();
        QVERIFY(m_analysis);
        error = examplewindow::buildProject(m_bench);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_bench->fabricView()->snapshot());
    }

    void docksAndPaletteAction() {
        for (const char* name : {"stallDock", "simprintDock", "replayDock"})
            QVERIFY2(m_window->findChild<QDockWidget*>(QLatin1String(name)), name);
        QAction* palette = m_analysis->paletteAction();
        QVERIFY(palette->isCheckable());
        palette->setChecked(true);
        QCOMPARE(fabric_palette::scheme(), fabric_palette::Scheme::ColourBlindSafe);
        palette->setChecked(false);
        QCOMPARE(fabric_palette::scheme(), fabric_palette::Scheme::Standard);
    }

    void stallTableWhileTheMulticastRuns() {
        SimController* controller = m_bench->controller();
        QSignalSpy state(controller, &SimController::stateChanged);
        controller->startSession(QStringLiteral("start"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Paused, 30000);
        StallTableModel* model = m_analysis->stallTable()->model();
        // Step a few cycles at a time until a receiver waits for the root's wavelets. Each
        // step brings the stall table of its cycle by itself (nobody asks for a refresh).
        // The entry is copied: a later refresh replaces the model's rows.
        QSignalSpy shownCycles(controller, &SimController::cycleChanged);
        std::optional<StallEntry> waiting;
        int waitingRow = -1;
        int steps = 0;
        for (; steps < 400 && !waiting; ++steps) {
            const quint64 target = controller->cycle() + 4;
            controller->step(4);
            QTRY_VERIFY_WITH_TIMEOUT(controller->cycle() >= target, 20000);
            QTRY_COMPARE_WITH_TIMEOUT(model->cycle(), controller->cycle(), 20000);
            const std::vector<StallEntry>& entries = model->entries();
            for (size_t r = 0; r < entries.size() && !waiting; ++r) {
                const StallEntry& e = entries[r];
                if (e.kind == StallEntry::Kind::Wavelets && e.holder && e.pe != *e.holder) {
                    waiting = e;
                    waitingRow = int(r);
                }
            }
        }
        QVERIFY2(waiting, "no PE waited for wavelets with a holder while stepping");
        QVERIFY(waiting->color >= 0);
        const QRect rect = m_bench->fabricView()->snapshot()->rectangle();
        QVERIFY(rect.contains(waiting->pe) && rect.contains(*waiting->holder));
        QVERIFY(!waiting->holderText.isEmpty());
        // The cycles shown never went back while stepping (a frame of the stream sent
        // before a step must not replace the step's own), and every step was recorded.
        for (qsizetype k = 1; k < shownCycles.size(); ++k)
            QVERIFY2(shownCycles.at(k).first().toULongLong() >=
                         shownCycles.at(k - 1).first().toULongLong(),
                     qPrintable(QStringLiteral("cycle %1 shown after %2")
                                    .arg(shownCycles.at(k).first().toULongLong())
                                    .arg(shownCycles.at(k - 1).first().toULongLong())));
        const RunRecording& recording = m_analysis->replayControls()->recording();
        QCOMPARE(recording.frames().back().cycle, controller->cycle());
        m_framesWhileStepping = recording.size();
        QVERIFY(m_framesWhileStepping >= steps);

        // Linked selection: a row selects the PE on the fabric and highlights the color.
        QTableView* view = m_analysis->stallTable()->view();
        // (Its own row: a PE may wait for several things, on several colors.)
        const QModelIndex index =
            qobject_cast<QSortFilterProxyModel*>(view->model())
                ->mapFromSource(model->index(waitingRow, StallTableModel::PeColumn));
        emit view->clicked(index);
        QCOMPARE(m_analysis->selection()->pe(), std::optional<QPoint>(waiting->pe));
        QCOMPARE(m_bench->fabricView()->selectedPe(), std::optional<QPoint>(waiting->pe));
        QCOMPARE(m_bench->fabricView()->highlightedColor(), std::optional<int>(waiting->color));
        // A click on the fabric selects there too.
        emit m_bench->fabricView()->peClicked(*waiting->holder);
        QCOMPARE(m_analysis->selection()->pe(), std::optional<QPoint>(*waiting->holder));
        // Back to the waiting row with a real click (it selects the row it hits).
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        QCOMPARE(m_analysis->selection()->pe(), std::optional<QPoint>(waiting->pe));
        QCOMPARE(view->selectionModel()->selectedRows().value(0).row(), index.row());
        saveScreenshot(QStringLiteral("stall-table.png"), m_analysis->stallDock());
    }

    void simprintAfterTheRun() {
        SimController* controller = m_bench->controller();
        QSignalSpy shownCycles(controller, &SimController::cycleChanged);
        controller->resume();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Finished, 60000);
        // Resume answers with the frame it resumed from, which may arrive after the stream's
        // newer frames: the cycle shown still never goes back.
        for (qsizetype k = 1; k < shownCycles.size(); ++k)
            QVERIFY2(shownCycles.at(k).first().toULongLong() >=
                         shownCycles.at(k - 1).first().toULongLong(),
                     qPrintable(QStringLiteral("cycle %1 shown after %2")
                                    .arg(shownCycles.at(k).first().toULongLong())
                                    .arg(shownCycles.at(k - 1).first().toULongLong())));
        SimprintModel* model = m_analysis->simprintConsole()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 12, 20000); // 4 x 3 PEs
        for (int r = 0; r < model->rowCount(); ++r) {
            const SimprintLine& line = model->lineAt(r);
            QVERIFY2(line.text.startsWith(QStringLiteral("all weights in")), qPrintable(line.text));
            QVERIFY(line.cycle > 0);
            QVERIFY(QRect(0, 0, 4, 3).contains(line.pe));
        }
        SimprintConsole* console = m_analysis->simprintConsole();
        console->regionEdit()->setText(QStringLiteral("0,0-1,2"));
        QCOMPARE(model->rowCount(), 6);
        console->regionEdit()->setText(QStringLiteral("3,2"));
        QCOMPARE(model->rowCount(), 1);
        // Clicking the line selects its PE in fabric coordinates.
        emit console->view()->clicked(model->index(0, SimprintModel::TextColumn));
        const QPoint offset = m_bench->fabricView()->snapshot()->rectangleOffset;
        QCOMPARE(m_analysis->selection()->pe(), std::optional<QPoint>(QPoint(3, 2) + offset));
        console->regionEdit()->clear();
        QCOMPARE(model->rowCount(), 12);
        // The finished run waits for nothing.
        QTRY_VERIFY_WITH_TIMEOUT(m_analysis->stallTable()->model()->rowCount() == 0, 10000);
        saveScreenshot(QStringLiteral("simprint-console.png"), m_analysis->simprintDock());
    }

    void replayTheRecording() {
        ReplayControls* replay = m_analysis->replayControls();
        const RunRecording& recording = replay->recording();
        // The steps' frames and the run's end, in one recording (an older frame shown after
        // a newer one would have started it over).
        QVERIFY2(recording.size() > m_framesWhileStepping,
                 qPrintable(QStringLiteral("%1 frames recorded, %2 while stepping")
                                .arg(recording.size())
                                .arg(m_framesWhileStepping)));
        QVERIFY(replay->isLive());
        FabricView* fabric = m_bench->fabricView();
        // Live frames carry congestion.
        QVERIFY(fabric->snapshot()->heatMap(FabricHeatMetric::Congestion));

        replay->setPosition(1);
        QCOMPARE(m_analysis->selection()->cycle(),
                 std::optional<quint64>(recording.frame(1).cycle));
        const FabricHeatMap* wavelets = fabric->snapshot()->heatMap(FabricHeatMetric::Wavelets);
        QVERIFY(wavelets);
        double total = 0;
        for (const RecordedActivity& a : recording.frame(1).pes)
            total += double(a.wavelets);
        double shown = 0;
        for (float v : wavelets->values)
            shown += double(v);
        QCOMPARE(shown, total);
        QVERIFY(fabric->snapshot()->heatMap(FabricHeatMetric::Congestion));
        // A cycle picked elsewhere moves the replay to the frame at or before it.
        m_analysis->selection()->setCycle(recording.frame(recording.size() - 1).cycle);
        QCOMPARE(replay->position(), recording.size() - 1);
        replay->stepBack();
        QCOMPARE(replay->position(), recording.size() - 2);

        // Save, load into the same controls, replay from the start.
        QString error;
        const QString path = m_tmp.filePath(QStringLiteral("multicast.tsrec"));
        QVERIFY2(replay->saveTo(path, &error), qPrintable(error));
        const std::vector<RecordedFrame> frames = recording.frames();
        QVERIFY2(replay->loadFrom(path, &error), qPrintable(error));
        QCOMPARE(replay->recording().frames(), frames);
        QVERIFY(replay->recording().programName.endsWith(QStringLiteral("out")));
        QCOMPARE(replay->position(), 0);
        fabric->layerModel()->setLayerVisible(FabricLayerKind::HeatMap,
                                              int(FabricHeatMetric::Congestion), true);
        replay->setPosition(recording.size() / 2);
        saveScreenshot(QStringLiteral("replay.png"), m_analysis->replayDock());
        replay->goLive();
        QVERIFY(replay->isLive());
    }

    void cleanupTestCase() {
        if (m_bench)
            m_bench->controller()->endSession();
        m_window.reset();
    }

  private:
    void saveScreenshot(const QString& name, QDockWidget* dock) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        dock->raise();
        m_window->show();
        QCoreApplication::processEvents();
        QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name));
    }

    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    AnalysisWorkbench* m_analysis = nullptr;
    int m_framesWhileStepping = 0;
};

QTEST_MAIN(TestAnalysisWorkbench)
#include "tst_analysisworkbench.moc"
