// SimController against the embedded appliance, driven as the IDE drives it: build the
// bundled gemv-single-pe example, see diagnostics of a broken file, run its run.py under
// cs_python (SUCCESS! in the output), then an interactive session: pause, step, a cycle
// breakpoint that is hit. Also probes GUI event-loop latency while the simulator runs.
#include "app/MainWindow.h"
#include "app/Project.h"
#include "app/SimController.h"
#include "backend/client/client.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

namespace {

// Max gap between 5 ms timer ticks while the event loop runs: the GUI's worst stall.
class LatencyProbe : public QObject {
  public:
    LatencyProbe() {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_maxGapNs = std::max(m_maxGapNs, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    double maxGapMs() const { return double(m_maxGapNs) / 1e6; }

  private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_maxGapNs = 0;
};

} // namespace

class TestSimController : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        QString error;
        m_root = MainWindow::copyExample(QStringLiteral("gemv-single-pe"), m_tmp.path(), &error);
        QVERIFY2(!m_root.isEmpty(), qPrintable(error));
        auto project = Project::open(m_root, &error);
        QVERIFY2(project, qPrintable(error));
        m_project = *project;
        m_controller.setToolsBinDir(QStringLiteral(TESSERA_BINARY_DIR "/bin"));
    }

    void buildShowsCommandAndProgram() {
        QSignalSpy started(&m_controller, &SimController::buildStarted);
        QSignalSpy finished(&m_controller, &SimController::buildFinished);
        QSignalSpy program(&m_controller, &SimController::programSnapshotChanged);
        LatencyProbe probe;
        m_controller.build(m_root, m_project.layoutFile(), m_project.compileArguments());
        QVERIFY(m_controller.isBuilding());
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().first().toString(),
                 QStringLiteral("cslc layout.csl --arch=wse2 --fabric-dims=8,3 "
                                "--fabric-offsets=4,1 -o out --memcpy --channels=1"));
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(!m_controller.isBuilding());
        QCOMPARE(m_controller.artifactDir(), m_root + QStringLiteral("/out"));
        QCOMPARE(program.count(), 1);
        const auto snapshot = m_controller.programSnapshot();
        QCOMPARE(snapshot->fabricSize, QSize(8, 3));
        QCOMPARE(snapshot->rectangle(), QRect(4, 1, 1, 1));
        QVERIFY(snapshot->memcpy);
        QCOMPARE(int(snapshot->classes.size()), 1);
        QCOMPARE(snapshot->classes.front().tileFile, QStringLiteral("pe_program.csl"));
        QCOMPARE(snapshot->codeClassAt(QPoint(4, 1)), uint16_t(0));
        QCOMPARE(snapshot->codeClassAt(QPoint(3, 1)), FabricSnapshot::kNoCode);
        QVERIFY2(snapshot->validate().isEmpty(), qPrintable(snapshot->validate()));
        qInfo("GUI max event gap during the build: %.1f ms", probe.maxGapMs());
    }

    void brokenBuildReportsDiagnostics() {
        const QString path = m_root + QStringLiteral("/pe_program.csl");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(good + "\nfn broken( { undefined_name = 3; }\n");
        file.close();
        QSignalSpy finished(&m_controller, &SimController::buildFinished);
        QTemporaryDir other;
        m_controller.build(m_root, m_project.layoutFile(),
                           {QStringLiteral("--arch=wse2"), QStringLiteral("--fabric-dims=8,3"),
                            QStringLiteral("--fabric-offsets=4,1"), QStringLiteral("-o"),
                            QStringLiteral("out_broken"), QStringLiteral("--memcpy"),
                            QStringLiteral("--channels=1")});
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished.first().at(0).toBool());
        const auto diagnostics = finished.first().at(2).value<QList<DiagnosticItem>>();
        QVERIFY(!diagnostics.isEmpty());
        QCOMPARE(diagnostics.first().file, path);
        QVERIFY(diagnostics.first().line > 0);
        QCOMPARE(diagnostics.first().severity, DiagnosticItem::Severity::Error);
        // The last good artifact stays the one to run.
        QCOMPARE(m_controller.artifactDir(), m_root + QStringLiteral("/out"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(good);
    }

    void cancelledBuildDropsItsResult() {
        QSignalSpy finished(&m_controller, &SimController::buildFinished);
        m_controller.build(m_root, m_project.layoutFile(), m_project.compileArguments());
        m_controller.cancelBuild();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY(!finished.wait(3000)); // the abandoned compile reports nothing
    }

    // Cancel Build stops the appliance's compiler (issue 5): after cancelling a full-wafer
    // game of life (tens of seconds of compiling), the next build does not wait for it in
    // the one-thread compile pool.
    void cancelledBuildStopsTheCompiler() {
        QString error;
        const QString life =
            MainWindow::copyExample(QStringLiteral("game-of-life"), m_tmp.path(), &error);
        QVERIFY2(!life.isEmpty(), qPrintable(error));
        QSignalSpy finished(&m_controller, &SimController::buildFinished);
        m_controller.build(life, QStringLiteral("layout.csl"),
                           {QStringLiteral("--arch=wse2"), QStringLiteral("--fabric-dims=757,996"),
                            QStringLiteral("--fabric-offsets=4,1"),
                            QStringLiteral("--params=width:750,height:994"), QStringLiteral("-o"),
                            QStringLiteral("out"), QStringLiteral("--memcpy"),
                            QStringLiteral("--channels=1")});
        QTest::qWait(800);
        QVERIFY(m_controller.isBuilding());
        QElapsedTimer clock;
        clock.start();
        m_controller.cancelBuild();
        QCOMPARE(finished.count(), 1);
        m_controller.build(m_root, m_project.layoutFile(), m_project.compileArguments());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.count(), 2);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        qInfo("the next build finished %lld ms after Cancel Build", clock.elapsed());
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!QFileInfo::exists(life + QStringLiteral("/out")));
    }

    void runScriptPrintsSuccess() {
        QSignalSpy finished(&m_controller, &SimController::scriptFinished);
        QString output;
        connect(&m_controller, &SimController::scriptOutput, this,
                [&](const QString& text) { output += text; });
        LatencyProbe probe;
        m_controller.runScript(m_root);
        QVERIFY(m_controller.isScriptRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toInt() == 0,
                 qPrintable(output + finished.first().at(1).toString()));
        QVERIFY2(output.contains(QStringLiteral("SUCCESS!")), qPrintable(output));
        qInfo("GUI max event gap while run.py ran: %.1f ms", probe.maxGapMs());
    }

    void interactiveSession() {
        QSignalSpy snapshots(&m_controller, &SimController::snapshotChanged);
        QSignalSpy messages(&m_controller, &SimController::sessionMessage);
        LatencyProbe probe;
        // The session opens paused at entry with the function launched.
        m_controller.startSession(QStringLiteral("compute_gemv"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller.state(), SimController::State::Paused, 30000);
        const quint64 before = m_controller.cycle();
        QSignalSpy cycles(&m_controller, &SimController::cycleChanged);
        m_controller.step(1);
        QVERIFY(cycles.wait(10000));
        QCOMPARE(m_controller.cycle(), before + 1);
        m_controller.step(10);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller.cycle(), before + 11, 10000);

        SimBreakpoint at;
        at.kind = SimBreakpoint::Kind::Cycle;
        at.value = m_controller.cycle() + 20;
        m_controller.setBreakpoints({at});
        QSignalSpy states(&m_controller, &SimController::stateChanged);
        m_controller.resume();
        QTRY_COMPARE_WITH_TIMEOUT(states.count(), 2, 20000); // running, then paused
        QCOMPARE(states.at(0).first().value<SimController::State>(), SimController::State::Running);
        QCOMPARE(m_controller.state(), SimController::State::Paused);
        QCOMPARE(m_controller.cycle(), at.value);
        QVERIFY(!snapshots.isEmpty());
        const auto snapshot = snapshots.last().first().value<FabricSnapshotPtr>();
        QVERIFY(snapshot->heatMap(FabricHeatMetric::Instructions));

        // Without breakpoints the function runs to its end.
        m_controller.setBreakpoints({});
        m_controller.resume();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller.state(), SimController::State::Finished, 20000);
        QVERIFY(m_controller.cycle() > at.value);
        qInfo("compute_gemv finished at cycle %llu", m_controller.cycle());
        qInfo("GUI max event gap during the session: %.1f ms", probe.maxGapMs());
        m_controller.endSession();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller.state(), SimController::State::NoSession, 10000);
    }

    // A host program's session that closes right after its last command: the IDE detaches
    // showing that command's final cycle (the frame stream delivers the final frame before
    // it ends), not an earlier frame.
    void attachedSessionEndsAtItsFinalCycle() {
        auto runtime = std::make_unique<client::SdkRuntime>(
            m_controller.artifactDir().toStdString(), m_controller.sharedConnection());
        runtime->load();
        runtime->run();
        QSignalSpy frames(&m_controller, &SimController::frameReceived);
        m_controller.attachToSession(QString::fromStdString(runtime->sessionId()));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller.isAttached() && !frames.isEmpty(), 10000);
        runtime->launch("compute_gemv", {});
        const uint64_t finalCycle = runtime->stop();
        runtime.reset(); // closes the session at once
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller.isAttached(), 10000);
        QCOMPARE(m_controller.state(), SimController::State::Finished);
        QCOMPARE(m_controller.cycle(), quint64(finalCycle));
    }

    void hangIsReported() {
        // Without unblock_cmd_stream the launch never completes: the simulator reports a
        // hang naming the waiting PE instead of hanging.
        const QString path = m_root + QStringLiteral("/pe_program.csl");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        QByteArray hanging = good;
        hanging.replace("sys_mod.unblock_cmd_stream();", "");
        QVERIFY(hanging != good);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(hanging);
        file.close();
        QSignalSpy built(&m_controller, &SimController::buildFinished);
        m_controller.build(m_root, m_project.layoutFile(), m_project.compileArguments());
        QVERIFY(built.wait(60000));
        QVERIFY2(built.first().first().toBool(), qPrintable(built.first().at(1).toString()));

        QSignalSpy hang(&m_controller, &SimController::hangReported);
        QSignalSpy snapshots(&m_controller, &SimController::snapshotChanged);
        m_controller.startSession(QStringLiteral("compute_gemv"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller.state(), SimController::State::Paused, 30000);
        m_controller.resume();
        QVERIFY(hang.wait(30000));
        const QString report = hang.first().first().toString();
        QVERIFY2(report.contains(QStringLiteral("hang")), qPrintable(report));
        const auto waiting = hang.first().at(1).value<std::vector<FabricWaitingPe>>();
        QVERIFY2(!waiting.empty(), qPrintable(report));
        QCOMPARE(waiting.front().pe, QPoint(4, 1));
        QTRY_VERIFY_WITH_TIMEOUT(
            !snapshots.isEmpty() &&
                !snapshots.last().first().value<FabricSnapshotPtr>()->waiting.empty(),
            10000);
        QCOMPARE(m_controller.state(), SimController::State::Finished);
        m_controller.endSession();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller.state(), SimController::State::NoSession, 10000);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(good);
    }

  private:
    QTemporaryDir m_tmp;
    QString m_root;
    Project m_project = *Project::open(QStringLiteral("."), nullptr);
    SimController m_controller;
};

QTEST_MAIN(TestSimController)
#include "tst_simcontroller.moc"
