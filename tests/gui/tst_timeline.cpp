// The PE timeline: the windowed sim.log reader (sim/trace_log.h) on a written log and on a
// real traced run of the bundled multicast-routes example (checked against the untraced
// simulator's counters), and the timeline view driven offscreen (lanes, windowed loading,
// zoom and pan, hover text, click to pick a cycle, painting).
#include "backend/csl/compiler.h"
#include "sim/costs.h"
#include "sim/fabric.h"
#include "sim/trace_log.h"
#include "sim/trace_run.h"
#include "widgets/inspector/TimelinePanel.h"
#include "widgets/inspector/TimelineView.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>
#include <stdexcept>

using namespace tessera;

namespace {

void writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

// multicast-routes as its tessera.json builds it: 4x3 PEs at (4,1) of an 11x5 fabric.
std::shared_ptr<sim::FabricProgram> compileMulticast() {
    csl::CompileOptions o;
    o.layoutFile = TESSERA_SOURCE_DIR "/resources/examples/multicast-routes/layout.csl";
    o.fabricWidth = 11;
    o.fabricHeight = 5;
    o.offsetX = 4;
    o.offsetY = 1;
    o.fabricOffsetsGiven = true;
    o.params = {{"width", "4"}, {"height", "3"}, {"vec_len", "8"}};
    o.memcpy = true;
    csl::CompileResult r = csl::compile(o);
    if (!r.ok)
        throw std::runtime_error("multicast-routes does not compile");
    return r.program;
}

// A log of PE (5,2): task 3 runs two instructions, a wavelet lands from the west (sent
// by (4,2) going east), (5,2) sends one east (landing at (6,2) from the west), a stall.
const char* const kLog = "@0 Architecture is: wse2\n"
                         "@0 dimX=11, dimY=5\n"
                         "@10 P5.2: [EX OP] ^ 0x0004: T3 Add recv\n"
                         "@11 P5.2: [EX OP] ^ 0x0005: T3 DsdExec fadds recv\n"
                         "@12 P5.2 (hwtile) landing C4 from link W\n"
                         "@14 P4.2: [EX OP] ^ 0x0001: Tlaunch Imm start\n"
                         "@15 hello from a simprint line\n"
                         "@15 Phase 1 done\n"
                         "@16 P3.1 ready (simprint text that starts like a trace line)\n"
                         "@17 P6.2 (hwtile) landing C7 from link W\n"
                         "@18 P5.2: fadds stalled at element 2/8 (waiting for wavelets or "
                         "queue room)\n"
                         "@19 P5.2 Backpressure on C7\n"
                         "@20 P5.2 wavelet C7 ctrl=0, idx=0, data=0x00000000 landing=W "
                         "departing=/E____/\n";

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT
  private slots:
    void parsesTheTraceLineForms() {
        sim::ParsedTraceLine p;
        QVERIFY(sim::parseTraceLine("@11 P5.2: [EX OP] ^ 0x0005: T3 DsdExec fadds recv", p));
        QCOMPARE(p.x, 5u);
        QCOMPARE(p.y, 2u);
        QCOMPARE(p.event.kind, sim::TraceEvent::Kind::Instruction);
        QCOMPARE(p.event.cycle, 11ull);
        QCOMPARE(p.event.task, 3);
        QCOMPARE(p.event.pc, 5u);
        QCOMPARE(p.event.text, std::string("DsdExec fadds recv"));
        QVERIFY(sim::parseTraceLine("@3 P4.1: [EX OP] ^ 0x0000: Tinit Nop f_init", p));
        QCOMPARE(p.event.task, int(sim::TraceEvent::kInitTask));
        QVERIFY(sim::parseTraceLine("@12 P5.2 (hwtile) landing C4 from link N", p));
        QCOMPARE(p.event.kind, sim::TraceEvent::Kind::WaveletIn);
        QCOMPARE(p.event.color, 4);
        QVERIFY(p.hasSender);
        QCOMPARE(p.senderX, 5u);
        QCOMPARE(p.senderY, 1u); // the north neighbour, which sent it south
        QCOMPARE(p.senderLink, 'S');
        QVERIFY(!sim::parseTraceLine("@15 PE(1,1): simprint", p));
        // sim.log's simprint lines are "@c text" (session 12): text starting with a P is no
        // trace line (it made the whole log unreadable).
        QVERIFY(!sim::parseTraceLine("@15 Phase 1 done", p));
        QVERIFY(!sim::parseTraceLine("@15 P3.1: half a thought", p));
        QVERIFY(!sim::parseTraceLine("@0 Architecture is: wse2", p));
        // Text that only starts like a landing or a backpressure line is simprint text too;
        // an instruction line ("[EX OP] ^") that goes wrong is a damaged log.
        QVERIFY(!sim::parseTraceLine("@12 P5.2 (hwtile) landing C99 from link N", p));
        QVERIFY(!sim::parseTraceLine("@23 P2.3 (hwtile) landing soon", p));
        QVERIFY(!sim::parseTraceLine("@23 P1.1 Backpressure on the queue", p));
        QVERIFY(!sim::parseTraceLine("@12 P5.x: nonsense", p));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 sim::parseTraceLine("@12 P5.2: [EX OP] ^ 0x0001: T99 Add f", p));
    }

    void indexesLanesAndReadsWindows() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sim.log"));
        writeFile(path, kLog);
        const sim::TraceLog log(path.toStdString());
        QCOMPARE(log.lineCount(), size_t(13));
        QCOMPARE(log.firstCycle(), 10ull);
        QCOMPARE(log.lastCycle(), 19ull);
        const sim::TracePeLanes lanes = log.lanes(5, 2);
        QCOMPARE(lanes.tasks.size(), size_t(1));
        QCOMPARE(lanes.tasks.at(3), std::string("recv"));
        QCOMPARE(lanes.colorsIn, 1u << 4);
        QCOMPARE(lanes.colorsOut, 1u << 7);
        QVERIFY(lanes.stalls);
        QCOMPARE(lanes.instructions, 2ull);
        QCOMPARE(log.lanes(4, 2).colorsOut, 1u << 4); // the sender of the C4 landing
        QCOMPARE(log.lanes(4, 2).tasks.at(sim::TraceEvent::kLaunchTask), std::string("start"));
        QCOMPARE(log.lanes(9, 9).instructions, 0ull);

        const sim::TraceWindow all = log.window(5, 2, 0, 100);
        QVERIFY(!all.sampled);
        QCOMPARE(all.events.size(), size_t(6)); // 2 instructions, in, out, 2 stalls
        QCOMPARE(all.events[0].cycle, 10ull);
        // The wavelet sent east lands at 17: it left (5,2) at 15 by the east link.
        const auto out = std::find_if(all.events.begin(), all.events.end(), [](const auto& e) {
            return e.kind == sim::TraceEvent::Kind::WaveletOut;
        });
        QVERIFY(out != all.events.end());
        QCOMPARE(out->cycle, 15ull);
        QCOMPARE(out->color, 7);
        QCOMPARE(out->link, 'E');
        for (size_t i = 1; i < all.events.size(); ++i)
            QVERIFY(all.events[i - 1].cycle <= all.events[i].cycle);
        // A window holds only its cycles.
        const sim::TraceWindow part = log.window(5, 2, 11, 13);
        QCOMPARE(part.events.size(), size_t(2));
        QCOMPARE(part.events[0].pc, 5u);
        QCOMPARE(part.events[1].kind, sim::TraceEvent::Kind::WaveletIn);
        QVERIFY(log.window(5, 2, 50, 60).events.empty());
    }

    void malformedLogNamesFileAndLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.log"));
        writeFile(path, "@1 P1.1: [EX OP] ^ 0x0001: T1 Add f\n@2 P1.1: [EX OP] ^ zz\n");
        try {
            sim::TraceLog log(path.toStdString());
            QFAIL("a malformed line was accepted");
        } catch (const std::runtime_error& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(path + QStringLiteral(":2:")), qPrintable(what));
        }
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            sim::TraceLog(dir.filePath(QStringLiteral("none.log")).toStdString()));
    }

    void bigLogsAreReadInBlocksAndSampled() {
        // 40,000 instructions of PE (1,1), one per cycle: about 1.6 MB in about 25 blocks.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.log"));
        QByteArray text;
        for (int c = 0; c < 40000; ++c)
            text += QStringLiteral("@%1 P1.1: [EX OP] ^ 0x%2: T2 Add work\n")
                        .arg(c)
                        .arg(c % 4096, 4, 16, QLatin1Char('0'))
                        .toLatin1();
        writeFile(path, text);
        const sim::TraceLog log(path.toStdString());
        QVERIFY(log.blockCount() > 20);
        // A narrow window reads only the block(s) it overlaps, exactly.
        const sim::TraceWindow narrow = log.window(1, 1, 20000, 20100);
        QCOMPARE(narrow.events.size(), size_t(100));
        QVERIFY(narrow.blocksRead <= 2);
        QVERIFY(!narrow.sampled);
        // The whole run with a budget of 4 blocks: sampled, and says so.
        const sim::TraceWindow sampled = log.window(1, 1, 0, 40000, 4 * sim::TraceLog::kBlockBytes);
        QVERIFY(sampled.sampled);
        QCOMPARE(sampled.blocksRead, size_t(4));
        QCOMPARE(sampled.blocksInWindow, log.blockCount());
        QVERIFY(sampled.events.size() < 40000 / 4);
        QVERIFY(!sampled.events.empty());
    }

    void tracedRunMatchesTheSimulator() {
        // The timeline's data is a real traced run: its instruction lines for a PE are the
        // instructions the simulator counts for that PE at the same cycle, untraced.
        const auto program = compileMulticast();
        // 600 cycles of the launched function, after the launch's trip to the PEs.
        constexpr uint64_t kCycles =
            sim::costs::kMemcpyCopyLatency + sim::costs::kLaunchSetup + 600;
        QTemporaryDir dir;
        sim::TraceRunRequest request;
        request.program = program;
        request.launchFunction = "start";
        request.cycles = kCycles;
        request.logPath = dir.filePath(QStringLiteral("sim.log")).toStdString();
        sim::runTraced(request);
        const sim::TraceLog log(request.logPath);
        QVERIFY(!log.empty());
        QVERIFY(log.lastCycle() < kCycles + 70); // scalar code runs ahead at most 64 cycles

        sim::Fabric untraced(program);
        untraced.launch("start", {});
        untraced.step(kCycles);
        int busy = 0;
        for (uint32_t y = 0; y < 3; ++y)
            for (uint32_t x = 0; x < 4; ++x) {
                const sim::TracePeLanes lanes = log.lanes(x + 4, y + 1);
                QCOMPARE(lanes.instructions, untraced.stats(x, y).instructions);
                if (lanes.instructions)
                    ++busy;
                const sim::TraceWindow w = log.window(x + 4, y + 1, 0, kCycles + 100);
                QCOMPARE(uint64_t(std::count_if(w.events.begin(), w.events.end(),
                                                [](const sim::TraceEvent& e) {
                                                    return e.kind ==
                                                           sim::TraceEvent::Kind::Instruction;
                                                })),
                         lanes.instructions);
            }
        QVERIFY(busy > 0);
        // The root multicasts: some PE sends and others receive wavelets.
        bool sent = false, received = false;
        for (const auto& [x, y] : log.pes()) {
            sent = sent || log.lanes(x, y).colorsOut;
            received = received || log.lanes(x, y).colorsIn;
        }
        QVERIFY(sent && received);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, [&] {
            sim::TraceRunRequest bad = request;
            bad.launchFunction = "no_such_function";
            sim::runTraced(bad);
        }());
    }

    void viewShowsLanesLoadsWindowsAndPicksCycles() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sim.log"));
        writeFile(path, kLog);
        auto log = std::make_shared<const sim::TraceLog>(path.toStdString());
        TimelineView view;
        view.resize(800, 200);
        QCOMPARE(view.lanes().size(), size_t(0));
        view.setTrace(log);
        view.setPe(QPoint(5, 2));
        QSignalSpy loaded(&view, &TimelineView::windowLoaded);
        QVERIFY(loaded.wait(5000));
        QStringList labels;
        for (const auto& lane : view.lanes())
            labels << lane.label;
        QCOMPARE(labels, QStringList({QStringLiteral("T3 recv"), QStringLiteral("C4 in"),
                                      QStringLiteral("C7 out"), QStringLiteral("stalls")}));
        QCOMPARE(view.loadedWindow().events.size(), size_t(6));

        // Zoom so that cycles 8..24 fill the plot: an event is a box 40+ pixels wide.
        view.setVisibleCycles(8, 24);
        QCOMPARE(view.firstVisibleCycle(), 8.0);
        const double x11 = view.xOfCycle(11.5);
        const int lane0 = view.yOfLane(0) + TimelineView::kLaneHeight / 2;
        const QString tip = view.describeAt(QPointF(x11, lane0));
        QVERIFY2(tip.contains(QStringLiteral("cycle 11")) &&
                     tip.contains(QStringLiteral("0x0005")) &&
                     tip.contains(QStringLiteral("fadds")),
                 qPrintable(tip));
        QVERIFY(view.describeAt(QPointF(x11, 1)).isEmpty()); // the ruler
        // The painted plot has the task's colour where its instructions are.
        QImage image(view.size(), QImage::Format_ARGB32);
        view.render(&image);
        const QColor base = view.palette().color(QPalette::Base);
        QVERIFY(image.pixelColor(int(x11), lane0) != base);
        QCOMPARE(image.pixelColor(int(view.xOfCycle(16.5)), lane0), base); // nothing at 16

        // A click picks the cycle and the lane's task; on a color lane, the color.
        QSignalSpy clicked(&view, &TimelineView::cycleClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(int(x11), lane0));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.first().at(0).toULongLong(), 11ull);
        QCOMPARE(clicked.first().at(1).toInt(), 3);
        QCOMPARE(clicked.first().at(2).toInt(), -1);
        QCOMPARE(view.selectedCycle(), std::optional<quint64>(11));
        QTest::mouseClick(&view, Qt::LeftButton, {},
                          QPoint(int(view.xOfCycle(15.5)), view.yOfLane(2) + 5));
        QCOMPARE(clicked.last().at(0).toULongLong(), 15ull);
        QCOMPARE(clicked.last().at(2).toInt(), 7);

        // Dragging pans without clicking; the wheel zooms around the pointer.
        const double span = view.lastVisibleCycle() - view.firstVisibleCycle();
        QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(400, lane0));
        QMouseEvent move(QEvent::MouseMove, QPointF(300, lane0), QPointF(300, lane0), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&view, &move);
        QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(300, lane0));
        QCOMPARE(clicked.size(), 2);
        QVERIFY(view.firstVisibleCycle() > 8.0);
        QCOMPARE(view.lastVisibleCycle() - view.firstVisibleCycle(), span);
        const double anchor = view.cycleAtX(500);
        QWheelEvent wheel(QPointF(500, lane0), view.mapToGlobal(QPointF(500, lane0)), {}, {0, -120},
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(&view, &wheel);
        QVERIFY(view.lastVisibleCycle() - view.firstVisibleCycle() > span);
        QVERIFY(std::abs(view.cycleAtX(500) - anchor) < 1e-6);

        // The linked selection's cycle is drawn; a PE without events explains itself.
        view.setSelectedCycle(12);
        QCOMPARE(view.selectedCycle(), std::optional<quint64>(12));
        view.setPe(QPoint(9, 9));
        QVERIFY(view.lanes().empty());
    }

    // The lane labels' column fits the longest label ("launch compute_gemv" was elided
    // at a fixed 140 px), within kGutter..kMaxGutter, and the plot starts after it.
    void laneLabelsFitTheirColumn() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sim.log"));
        writeFile(path, "@0 Architecture is: wse2\n"
                        "@0 dimX=11, dimY=5\n"
                        "@10 P5.2: [EX OP] ^ 0x0001: Tlaunch Imm compute_gemv_with_bias\n"
                        "@12 P5.2: [EX OP] ^ 0x0004: T3 Add recv\n");
        auto log = std::make_shared<const sim::TraceLog>(path.toStdString());
        TimelineView view;
        view.resize(800, 200);
        QCOMPARE(view.gutter(), int(TimelineView::kGutter));
        view.setTrace(log);
        view.setPe(QPoint(5, 2));
        QSignalSpy loaded(&view, &TimelineView::windowLoaded);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(view.lanes().size(), size_t(2));
        const QString longest = view.lanes().front().label;
        QCOMPARE(longest, QStringLiteral("launch compute_gemv_with_bias"));
        QVERIFY2(view.gutter() - 22 >= view.fontMetrics().horizontalAdvance(longest),
                 qPrintable(QString::number(view.gutter())));
        QVERIFY(view.gutter() <= TimelineView::kMaxGutter);
        QVERIFY(view.xOfCycle(view.firstVisibleCycle()) >= view.gutter());
    }

    void zoomedOutViewBinsAWindowNotTheRun() {
        // 40,000 cycles of work: fitted into 600 pixels, the view reads a bounded window and
        // paints bins; zoomed in, it loads the window around the visible cycles only.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.log"));
        QByteArray text;
        for (int c = 0; c < 40000; c += 2)
            text += QStringLiteral("@%1 P1.1: [EX OP] ^ 0x0001: T2 Add work\n").arg(c).toLatin1();
        writeFile(path, text);
        auto log = std::make_shared<const sim::TraceLog>(path.toStdString());
        TimelinePanel panel;
        panel.resize(760, 160);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy toggled(&panel, &TimelinePanel::tracingToggled);
        panel.traceButton()->click();
        QCOMPARE(toggled.size(), 1);
        QVERIFY(panel.isTracingOn());
        TimelineView* view = panel.view();
        // A budget of 4 blocks of the ~13 the log has: the fitted view is sampled.
        view->setWindowBudget(4 * sim::TraceLog::kBlockBytes);
        QSignalSpy loaded(view, &TimelineView::windowLoaded);
        panel.setTrace(log, QStringLiteral("synthetic"));
        view->setPe(QPoint(1, 1));
        QVERIFY(loaded.wait(5000));
        QVERIFY(view->loadedWindow().sampled);
        QVERIFY2(panel.statusText().contains(QStringLiteral("synthetic")) &&
                     panel.statusText().contains(QStringLiteral("sampled")),
                 qPrintable(panel.statusText()));
        QCOMPARE(view->firstVisibleCycle(), 0.0);
        QVERIFY(view->lastVisibleCycle() >= 39999);
        QImage image(view->size(), QImage::Format_ARGB32);
        view->render(&image);
        const int y = view->yOfLane(0) + TimelineView::kLaneHeight / 2;
        const QColor base = view->palette().color(QPalette::Base);
        int painted = 0;
        QCOMPARE(image.width(), view->width());
        for (int x = view->gutter(); x < image.width(); ++x)
            painted += image.pixelColor(x, y) != base;
        // Sampled: 4 blocks spread over the run, each a stretch of busy columns.
        QVERIFY2(painted > 40, qPrintable(QString::number(painted)));
        loaded.clear();
        view->setVisibleCycles(30000, 30100);
        QVERIFY(loaded.wait(5000));
        const sim::TraceWindow& w = view->loadedWindow();
        QVERIFY(!w.sampled);
        QVERIFY(w.begin >= 29800 && w.end <= 30300);
        QCOMPARE(w.events.size(), size_t((w.end - w.begin) / 2));
        panel.traceButton()->click();
        QVERIFY(!panel.isTracingOn());
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
