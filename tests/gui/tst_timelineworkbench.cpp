// Issue 7's gaps in a real window on the bundled multicast-routes example, run on the
// embedded appliance: the stall table names the waiter's source line; with Trace on, the
// PE inspector's timeline shows the session retraced to its cycle (its instruction counts
// are the session's own), follows the linked selection and sets its cycle when clicked;
// Shift+dragging on the fabric view chooses the region of the dump's task profile. With
// TESSERA_SCREENSHOT_DIR set, saves timeline.png and region-profile.png there.
#include "app/AnalysisWorkbench.h"
#include "app/IdeWorkbench.h"
#include "app/InspectorWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/SimControls.h"
#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/analysis/ReplayControls.h"
#include "widgets/analysis/RunRecording.h"
#include "widgets/analysis/StallTable.h"
#include "widgets/analysis/StallTableModel.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/inspector/DumpModels.h"
#include "widgets/inspector/DumpPanels.h"
#include "widgets/inspector/PeInspector.h"
#include "widgets/inspector/TimelinePanel.h"
#include "widgets/inspector/TimelineView.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace tessera;

class TestTimelineWorkbench : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        const QString error = examplewindow::openExample(QStringLiteral("multicast-routes"), m_tmp,
                                                         &m_root, &m_window, {1400, 900});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window->show();
        m_bench = m_window->workbench();
        m_analysis = m_bench->findChild<AnalysisWorkbench*>();
        m_inspect = m_window->findChild<InspectorWorkbench*>();
        QVERIFY(m_analysis && m_inspect);
        QSignalSpy built(m_bench->controller(), &SimController::buildFinished);
        m_bench->build();
        QVERIFY(built.wait(120000));
        QVERIFY2(built.first().first().toBool(), qPrintable(built.first().at(1).toString()));
        QCOMPARE(m_bench->simControls()->launchFunction(), QStringLiteral("start"));
    }

    void stallRowsNameTheWaitersSource() {
        SimController* controller = m_bench->controller();
        m_bench->startSession(); // launches the Simulation dock's function, start
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Paused, 60000);
        StallTableModel* model = m_analysis->stallTable()->model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Step until a PE's code waits (a task or a DSD operation, not a router).
        int row = -1;
        for (int steps = 0; steps < 300 && row < 0; ++steps) {
            const quint64 target = controller->cycle() + 4;
            controller->step(4);
            QTRY_VERIFY_WITH_TIMEOUT(controller->cycle() >= target, 20000);
            QTRY_COMPARE_WITH_TIMEOUT(model->cycle(), controller->cycle(), 20000);
            for (int r = 0; r < model->rowCount() && row < 0; ++r)
                if (model->entries()[size_t(r)].source)
                    row = r;
        }
        QVERIFY2(row >= 0, "no wait with a source line while stepping the multicast");
        const StallEntry entry = model->entries()[size_t(row)];
        QVERIFY2(entry.source->file.endsWith(QStringLiteral(".csl")),
                 qPrintable(entry.source->file));
        QVERIFY(entry.source->line > 0);
        const QString cell = model->index(row, StallTableModel::SourceColumn).data().toString();
        QCOMPARE(cell, QStringLiteral("%1:%2").arg(entry.source->file).arg(entry.source->line));
        QCOMPARE(model->headerData(StallTableModel::SourceColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Source"));
        QVERIFY(model->index(row, 0).data(Qt::ToolTipRole).toString().contains(cell));
        // The line is really the waiter's: it holds the code of the file's task or operation.
        QFile source(m_root + QLatin1Char('/') + entry.source->file);
        QVERIFY2(source.open(QIODevice::ReadOnly), qPrintable(source.fileName()));
        const QStringList lines = QString::fromUtf8(source.readAll()).split(QLatin1Char('\n'));
        QVERIFY(entry.source->line <= lines.size());
        const QString text = lines[entry.source->line - 1];
        QVERIFY2(!text.trimmed().isEmpty(),
                 qPrintable(QStringLiteral("line %1 is empty").arg(entry.source->line)));
        // A waiting operation ("microthread 2 @fmuls (0/8 elements, pe.csl:105) ...") is on
        // its line in the file.
        const auto op = QRegularExpression(QStringLiteral("@\\w+")).match(entry.reason);
        if (op.hasMatch())
            QVERIFY2(text.contains(op.captured()),
                     qPrintable(entry.reason + QLatin1String(" / ") + text));
        // Double-clicking the Source cell selects that line (the editor follows).
        QTableView* view = m_analysis->stallTable()->view();
        const QModelIndex index =
            qobject_cast<QSortFilterProxyModel*>(view->model())
                ->mapFromSource(model->index(row, StallTableModel::SourceColumn));
        emit view->doubleClicked(index);
        QCOMPARE(m_analysis->selection()->source(), entry.source);
    }

    void timelineRetracesTheSession() {
        SimController* controller = m_bench->controller();
        TimelinePanel* panel = m_inspect->timeline();
        TimelineView* view = panel->view();
        QVERIFY(!panel->isTracingOn());
        QVERIFY(!view->trace());
        QSignalSpy traced(m_inspect, &InspectorWorkbench::traceFinished);
        panel->traceButton()->click(); // tracing on: the paused session is traced at once
        QVERIFY(traced.wait(60000));
        QCOMPARE(traced.first().first().toString(), QString());
        QVERIFY(view->trace());
        const quint64 cycle = controller->cycle();
        QVERIFY2(panel->statusText().contains(QStringLiteral("start launched")),
                 qPrintable(panel->statusText()));

        // The busiest PE of the trace: its instruction count is the session's at this cycle.
        const std::shared_ptr<const sim::TraceLog> trace = view->trace();
        QPoint busiest;
        quint64 most = 0;
        for (const auto& [x, y] : trace->pes())
            if (trace->lanes(x, y).instructions > most) {
                most = trace->lanes(x, y).instructions;
                busiest = QPoint(int(x), int(y));
            }
        QVERIFY(most > 0);
        const RecordedFrame& frame = m_analysis->replayControls()->recording().frames().back();
        QCOMPARE(frame.cycle, cycle);
        const QPoint offset = m_bench->fabricView()->snapshot()->rectangleOffset;
        const QPoint local = busiest - offset;
        QCOMPARE(frame.pes[size_t(local.y() * frame.width + local.x())].instructions, most);

        // The timeline follows the linked selection.
        QSignalSpy loaded(view, &TimelineView::windowLoaded);
        m_analysis->selection()->setPe(busiest);
        QCOMPARE(view->pe(), std::optional<QPoint>(busiest));
        QVERIFY(loaded.wait(20000));
        bool hasTask = false;
        for (const TimelineView::Lane& lane : view->lanes())
            hasTask = hasTask || lane.kind == TimelineView::Lane::Kind::Task;
        QVERIFY(hasTask);
        QVERIFY(!view->loadedWindow().events.empty());

        // A click on an instruction selects its cycle (and task) for every view.
        m_inspect->inspectorDock()->show();
        m_inspect->inspectorDock()->raise();
        m_inspect->inspector()->tabs()->setCurrentWidget(panel);
        QTRY_VERIFY(view->isVisible() && view->width() > TimelineView::kGutter + 100);
        const sim::TraceEvent event = [&] {
            for (const sim::TraceEvent& e : view->loadedWindow().events)
                if (e.kind == sim::TraceEvent::Kind::Instruction && e.task >= 0)
                    return e;
            return view->loadedWindow().events.front();
        }();
        view->setVisibleCycles(double(event.cycle) - 20, double(event.cycle) + 20);
        int lane = 0;
        for (size_t i = 0; i < view->lanes().size(); ++i)
            if (view->lanes()[i].kind == TimelineView::Lane::Kind::Task &&
                view->lanes()[i].id == event.task)
                lane = int(i);
        const QPoint at(int(view->xOfCycle(double(event.cycle) + 0.5)),
                        view->yOfLane(lane) + TimelineView::kLaneHeight / 2);
        QTest::mouseClick(view, Qt::LeftButton, {}, at);
        QCOMPARE(m_analysis->selection()->cycle(), std::optional<quint64>(event.cycle));
        if (event.task >= 0)
            QCOMPARE(m_analysis->selection()->task(), std::optional<int>(event.task));
        QVERIFY(view->describeAt(at).contains(QStringLiteral("pc 0x")));
        // A cycle chosen elsewhere is marked on the timeline.
        m_analysis->selection()->setCycle(event.cycle + 3);
        QCOMPARE(view->selectedCycle(), std::optional<quint64>(event.cycle + 3));

        // Stepping on retraces to the new cycle.
        traced.clear();
        controller->step(40);
        QVERIFY(traced.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(controller->cycle() >= cycle + 40, 20000);
        QVERIFY(view->trace() != trace);
        QVERIFY(view->trace()->lastCycle() > trace->lastCycle());
    }

    void timelineOfTheWholeRun() {
        // Run to the end: the finished session is traced whole. PE (1,0) of the rectangle
        // gets the root's weights from the west and passes them east and south.
        SimController* controller = m_bench->controller();
        TimelineView* view = m_inspect->timeline()->view();
        QSignalSpy traced(m_inspect, &InspectorWorkbench::traceFinished);
        controller->resume();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Finished, 60000);
        QVERIFY(traced.wait(60000));
        const QString status = m_inspect->timeline()->statusText();
        QVERIFY2(status.contains(QStringLiteral("cycles 0–%1").arg(controller->cycle() - 1)),
                 qPrintable(status));
        const QPoint pe = m_bench->fabricView()->snapshot()->rectangleOffset + QPoint(1, 0);
        QSignalSpy loaded(view, &TimelineView::windowLoaded);
        m_analysis->selection()->setPe(pe);
        QVERIFY(loaded.wait(20000));
        QStringList labels;
        for (const TimelineView::Lane& lane : view->lanes())
            labels << lane.label;
        QVERIFY2(labels.contains(QStringLiteral("C1 in")) &&
                     labels.contains(QStringLiteral("C1 out")) &&
                     labels.contains(QStringLiteral("T1 recv_weight")),
                 qPrintable(labels.join(QStringLiteral(", "))));
        for (const sim::TraceEvent& e : view->loadedWindow().events)
            if (e.kind == sim::TraceEvent::Kind::WaveletIn) {
                m_analysis->selection()->setCycle(e.cycle);
                break;
            }
        // Tall enough for every lane in the picture (the panel scrolls them otherwise).
        m_window->resizeDocks({m_inspect->inspectorDock()}, {300}, Qt::Vertical);
        saveScreenshot(QStringLiteral("timeline.png"), m_inspect->inspectorDock());
    }

    void regionProfileByDraggingOnTheFabric() {
        SimController* controller = m_bench->controller();
        m_inspect->timeline()->traceButton()->click(); // tracing off
        QVERIFY(!m_inspect->timeline()->view()->trace());
        QCOMPARE(controller->state(), SimController::State::Finished);
        QSignalSpy opened(m_inspect, &InspectorWorkbench::dumpOpened);
        m_inspect->dumpAndInspectAction()->trigger();
        QVERIFY(opened.wait(30000));
        TaskProfilePanel* profile = m_inspect->profilePanel();
        QAbstractItemModelTester tester(profile->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QPoint offset = m_bench->fabricView()->snapshot()->rectangleOffset;
        QCOMPARE(profile->region(), QRect(offset, QSize(4, 3))); // the whole rectangle first
        QCOMPARE(launchedOn(profile), 12);

        FabricView* fabric = m_bench->fabricView();
        fabric->fitFabric();
        const QPoint from = offset + QPoint(1, 0), to = offset + QPoint(2, 1);
        // A plain drag pans; Shift+drag draws the region.
        dragOnFabric(from, to, Qt::ShiftModifier, /*release=*/true);
        QCOMPARE(profile->region(), QRect(from, to));
        QCOMPARE(profile->regionEdit()->text(),
                 QStringLiteral("%1,%2 %3,%4").arg(from.x()).arg(from.y()).arg(to.x()).arg(to.y()));
        QCOMPARE(m_inspect->dumpTabs()->currentWidget(), profile);
        QVERIFY(profile->model()->rowCount() > 0);
        // The four PEs' counters: every task row counts at most those 4 PEs, and the
        // launched function ran on each (it ran on all 12 of the whole rectangle).
        QCOMPARE(launchedOn(profile), 4);
        for (int r = 0; r < profile->model()->rowCount(); ++r)
            QVERIFY(profile->model()->index(r, TaskProfileModel::Pes).data().toInt() <= 4);
        // Dragged backwards, the region is the same rectangle.
        dragOnFabric(to, from, Qt::ShiftModifier, true);
        QCOMPARE(profile->region(), QRect(from, to));
        // Without Shift the drag pans and leaves the region alone.
        dragOnFabric(offset, offset + QPoint(3, 2), Qt::NoModifier, true);
        QCOMPARE(profile->region(), QRect(from, to));

        // The screenshot shows the band of a drag in progress next to its region's profile.
        m_inspect->dumpDock()->raise();
        fabric->fitFabric();
        dragOnFabric(to, from, Qt::ShiftModifier, /*release=*/false);
        saveScreenshot(QStringLiteral("region-profile.png"), nullptr);
        const QPoint end = fabric->viewport().cellRect(from).center().toPoint();
        QTest::mouseRelease(fabric, Qt::LeftButton, Qt::ShiftModifier, end);
        QCOMPARE(profile->region(), QRect(from, to));
    }

  private:
    // The PEs of the profile's "launch" row (the launched function), -1 without one.
    static int launchedOn(TaskProfilePanel* profile) {
        for (int r = 0; r < profile->model()->rowCount(); ++r)
            if (profile->model()->index(r, TaskProfileModel::Task).data().toString() ==
                QStringLiteral("launch"))
                return profile->model()->index(r, TaskProfileModel::Pes).data().toInt();
        return -1;
    }

    void dragOnFabric(QPoint fromPe, QPoint toPe, Qt::KeyboardModifiers modifiers, bool release) {
        FabricView* fabric = m_bench->fabricView();
        const QPoint a = fabric->viewport().cellRect(fromPe).center().toPoint();
        const QPoint b = fabric->viewport().cellRect(toPe).center().toPoint();
        QTest::mousePress(fabric, Qt::LeftButton, modifiers, a);
        for (int k = 1; k <= 4; ++k) {
            const QPointF p = a + (b - a) * (k / 4.0);
            QMouseEvent move(QEvent::MouseMove, p, fabric->mapToGlobal(p), Qt::NoButton,
                             Qt::LeftButton, modifiers);
            QCoreApplication::sendEvent(fabric, &move);
        }
        if (release)
            QTest::mouseRelease(fabric, Qt::LeftButton, modifiers, b);
    }

    void saveScreenshot(const QString& name, QDockWidget* dock) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents();
        const QPixmap shot = dock ? dock->grab() : m_window->grab();
        QVERIFY(shot.save(dir + QLatin1Char('/') + name));
    }

    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    AnalysisWorkbench* m_analysis = nullptr;
    InspectorWorkbench* m_inspect = nullptr;
};

QTEST_MAIN(TestTimelineWorkbench)
#include "tst_timelineworkbench.moc"
