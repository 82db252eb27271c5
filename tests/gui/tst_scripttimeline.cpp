// The PE inspector's timeline of a host script's session: a run.py of ours (gemv-single-pe
// with random H2D data the IDE never sees) is attached, paused and stepped; with Trace on,
// the appliance replays the script's host commands on a traced fabric (Debug.Trace) and
// the timeline shows the PE's lanes, with the session's own instruction count. With
// TESSERA_SCREENSHOT_DIR set, saves timeline-script.png there.
#include "app/AnalysisWorkbench.h"
#include "app/IdeWorkbench.h"
#include "app/InspectorWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "backend/client/client.h"
#include "example_window.h"
#include "gemv_loop_script.h"
#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/inspector/PeInspector.h"
#include "widgets/inspector/TimelinePanel.h"
#include "widgets/inspector/TimelineView.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace tessera;

namespace {

const char* const StopFile = "stop-timeline-test";

} // namespace

class TestScriptTimeline : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QString error =
            examplewindow::copyExample(QStringLiteral("gemv-single-pe"), m_tmp, &m_root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile script(m_root + QStringLiteral("/timeline_loop.py"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(gemvloop::script(StopFile));
        script.close();
        error = examplewindow::openWindow(m_root, &m_window, QSize(1400, 900));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window->show();
        m_controller = m_window->workbench()->controller();
        m_inspect = m_window->findChild<InspectorWorkbench*>();
        m_analysis = m_window->workbench()->findChild<AnalysisWorkbench*>();
        QVERIFY(m_inspect && m_analysis);
        QSignalSpy built(m_controller, &SimController::buildFinished);
        m_window->workbench()->build();
        QVERIFY(built.wait(120000));
        QVERIFY2(built.first().first().toBool(), qPrintable(built.first().at(1).toString()));
    }

    void timelineOfAnAttachedScript() {
        QFile::remove(m_root + QLatin1Char('/') + QLatin1String(StopFile));
        QSignalSpy attached(m_controller, &SimController::attachedChanged);
        QSignalSpy finished(m_controller, &SimController::scriptFinished);
        QObject scope; // the connections below end with this test
        QString output;
        connect(m_controller, &SimController::scriptOutput, &scope,
                [&](const QString& text) { output += text; });
        std::optional<client::Frame> latest;
        connect(m_controller, &SimController::frameReceived, &scope,
                [&](const client::Frame& f) { latest = f; });

        m_controller->runScript(m_root, QStringLiteral("timeline_loop.py"));
        QTRY_VERIFY2_WITH_TIMEOUT(!attached.isEmpty(), qPrintable(output), 90000);
        QVERIFY(m_controller->isAttached());
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->cycle() > 2000, 30000); // a few rounds
        m_controller->pause();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Paused, 10000);
        // A step ends at its cycle, so every PE's counter is the session's there.
        QTest::qWait(600);
        const quint64 held = m_controller->cycle();
        m_controller->step(7);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->cycle(), held + 7, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(latest && latest->cycle == held + 7 && !latest->pes.empty(),
                                 10000);

        TimelinePanel* panel = m_inspect->timeline();
        TimelineView* view = panel->view();
        m_inspect->inspectorDock()->show();
        m_inspect->inspectorDock()->raise();
        m_inspect->inspector()->tabs()->setCurrentWidget(panel);
        QSignalSpy traced(m_inspect, &InspectorWorkbench::traceFinished);
        panel->traceButton()->click(); // tracing on: the paused session is traced at once
        QVERIFY(traced.wait(60000));
        QCOMPARE(traced.first().first().toString(), QString());
        QVERIFY(view->trace());
        QVERIFY2(panel->statusText().contains(QStringLiteral("replayed by the appliance")),
                 qPrintable(panel->statusText()));

        // The one PE of gemv-single-pe: its lanes, and the session's instruction count.
        const QPoint pe = m_window->workbench()->fabricView()->snapshot()->rectangleOffset;
        QSignalSpy loaded(view, &TimelineView::windowLoaded);
        m_analysis->selection()->setPe(pe);
        QVERIFY(loaded.wait(20000));
        QStringList labels;
        bool hasTask = false;
        for (const TimelineView::Lane& lane : view->lanes()) {
            labels << lane.label;
            hasTask = hasTask || lane.kind == TimelineView::Lane::Kind::Task;
        }
        QVERIFY2(hasTask, qPrintable(labels.join(QStringLiteral(", "))));
        QVERIFY(!view->loadedWindow().events.empty());
        const auto trace = view->trace();
        QCOMPARE(trace->lanes(uint32_t(pe.x()), uint32_t(pe.y())).instructions,
                 latest->pes.at(0).instructions);
        QVERIFY(trace->lastCycle() < held + 7);
        // The last rounds close up: each launch's instructions as boxes.
        view->setVisibleCycles(double(trace->lastCycle()) - 12000, double(trace->lastCycle()));
        saveScreenshot(QStringLiteral("timeline-script.png"));

        // Let the script finish: exit 0, SUCCESS!.
        QFile stop(m_root + QLatin1Char('/') + QLatin1String(StopFile));
        QVERIFY(stop.open(QIODevice::WriteOnly));
        stop.close();
        panel->traceButton()->click(); // tracing off
        m_controller->resume();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toInt(), 0);
        QVERIFY2(output.contains(QStringLiteral("SUCCESS!")), qPrintable(output));
    }

  private:
    void saveScreenshot(const QString& name) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        m_window->resizeDocks({m_inspect->inspectorDock()}, {300}, Qt::Vertical);
        QCoreApplication::processEvents();
        QVERIFY(m_inspect->inspectorDock()->grab().save(dir + QLatin1Char('/') + name));
    }

    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    SimController* m_controller = nullptr;
    InspectorWorkbench* m_inspect = nullptr;
    AnalysisWorkbench* m_analysis = nullptr;
};

QTEST_MAIN(TestScriptTimeline)
#include "tst_scripttimeline.moc"
