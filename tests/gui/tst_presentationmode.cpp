// Presentation mode: beats derived from two frames and the program's routes and tasks
// (active PEs, wavelet hops per color and direction, captions), the route tour, and the
// mode itself on every bundled example: docks hidden and restored, the example's run.py
// started held and attached, its session advanced in beats with PEs at work and captions
// that change, Space pausing the attached session (its cycle stands still), Right
// advancing it one beat, Esc leaving (the script then runs to SUCCESS!); a run that ends
// in the mode ends with run.py's verdict, passed or failed. With TESSERA_SCREENSHOT_DIR
// set, saves presentation-mode.png and presentation-<example>.png of two script-driven
// examples.
#include "app/ExamplesGallery.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/PresentationMode.h"
#include "app/SimController.h"

#include "demo_fixture.h"
#include "tests/test_time.h"
#include "widgets/CompileLog.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace tessera;
using tessera_test::scaledMs;

namespace {

// A 3×1 rectangle at (1,1): color 2 goes east from rectangle PE (0,0) to (2,0), delivered
// at (1,0) and (2,0); captions name fabric coordinates (rectangle + (1,1)).
FabricSnapshot rowSnapshot(std::vector<float> instructions, std::vector<float> wavelets) {
    FabricSnapshot s;
    s.fabricSize = QSize(5, 3);
    s.rectangleOffset = QPoint(1, 1);
    s.rectangleSize = QSize(3, 1);
    s.classes = {{QStringLiteral("send.csl"), {}}, {QStringLiteral("recv.csl"), {}}};
    s.codeClass = {0, 1, 1};
    FabricColorRoutes c;
    c.color = 2;
    c.pes = {{QPoint(1, 1), fabric_dir::Ramp, fabric_dir::East, 0},
             {QPoint(2, 1), fabric_dir::West, fabric_dir::East | fabric_dir::Ramp, 0},
             {QPoint(3, 1), fabric_dir::West, fabric_dir::Ramp, 0}};
    s.routes.push_back(c);
    s.heatMaps.push_back({FabricHeatMetric::Instructions, std::move(instructions)});
    s.heatMaps.push_back({FabricHeatMetric::Wavelets, std::move(wavelets)});
    return s;
}

PresentationTasks rowTasks() {
    PresentationTasks tasks;
    tasks.perClass = {{{QStringLiteral("main"), false, -1}},
                      {{QStringLiteral("recv"), true, 2}, {QStringLiteral("done"), false, -1}}};
    return tasks;
}

} // namespace

class TestPresentationMode : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void beatFromTwoFrames() {
        const FabricSnapshot before = rowSnapshot({10, 10, 10}, {0, 0, 0});
        const FabricSnapshot after = rowSnapshot({30, 12, 10}, {4, 2, 1});
        const PresentationBeat beat = presentationBeat(before, after, 1200, rowTasks());
        QCOMPARE(beat.cycle, 1200u);
        QCOMPARE(beat.activePes, (std::vector<QPoint>{QPoint(1, 1), QPoint(2, 1)}));
        // PE (0,0) sends east; PE (1,0) forwards east; PE (2,0) only delivers.
        QCOMPARE(beat.hops.size(), size_t(2));
        QCOMPARE(beat.hops[0].from, QPoint(1, 1));
        QCOMPARE(beat.hops[0].to, QPoint(2, 1));
        QCOMPARE(beat.hops[0].color, 2);
        QCOMPARE(beat.hops[0].wavelets, 4.0);
        QCOMPARE(beat.hops[1].from, QPoint(2, 1));
        QCOMPARE(beat.caption, QStringLiteral("cycle 1200: PE (1,1) runs task main (2 PEs busy); "
                                              "6 wavelet hops on color 2 moving east"));

        // The receiver is the busiest: its data task of the delivered color is named.
        const FabricSnapshot later = rowSnapshot({30, 40, 10}, {4, 5, 1});
        const PresentationBeat second = presentationBeat(after, later, 1300, rowTasks());
        QVERIFY2(second.caption.startsWith(QStringLiteral("cycle 1300: PE (2,1) runs task recv")),
                 qPrintable(second.caption));

        // Nothing changed: an empty beat.
        const PresentationBeat idle = presentationBeat(later, later, 1400, rowTasks());
        QVERIFY(idle.activePes.empty());
        QVERIFY(idle.hops.empty());
        QCOMPARE(idle.caption, QStringLiteral("cycle 1400: nothing moves"));

        // Frames of another size give no heat: no crash, nothing moves.
        FabricSnapshot other = later;
        other.heatMaps[0].values.resize(2);
        QVERIFY(presentationBeat(before, other, 1, rowTasks()).activePes.empty());
    }

    void tour() {
        const FabricSnapshot s = rowSnapshot({}, {});
        const PresentationBeat route = tourBeat(s, 0);
        QCOMPARE(route.hops.size(), size_t(2));
        QCOMPARE(route.activePes.size(), size_t(2)); // the PEs that deliver to their core
        QCOMPARE(route.caption, QStringLiteral("color 2: routes through 3 PEs, moving east; "
                                               "2 deliver to their core"));
        const PresentationBeat receivers = tourBeat(s, 2);
        QVERIFY(receivers.hops.empty());
        QCOMPARE(receivers.activePes, (std::vector<QPoint>{QPoint(2, 1), QPoint(3, 1)}));
        QCOMPARE(receivers.caption, QStringLiteral("recv.csl runs on 2 PEs"));
        QCOMPARE(tourBeat(s, 4).caption, tourBeat(s, 1).caption); // wraps around
        QVERIFY(tourBeat(FabricSnapshot{}, 3).activePes.empty());
    }

    void everyExample_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : MainWindow::bundledExamples())
            QTest::newRow(qPrintable(name)) << name;
    }
    void everyExample() {
        QFETCH(QString, name);
        QString error;
        std::unique_ptr<MainWindow> window;
        QVERIFY2(openExample(name, &window, &error), qPrintable(error));
        auto* fabricDock = window->findChild<QDockWidget*>(QStringLiteral("fabricDock"));
        QVERIFY(fabricDock && fabricDock->isVisible());
        auto* mode = window->findChild<PresentationMode*>(QStringLiteral("presentationMode"));
        QVERIFY(mode);
        QCOMPARE(mode->action()->shortcut(), QKeySequence(Qt::Key_F11));
        mode->setBeatInterval(kTestBeatMs);
        SimController* controller = window->workbench()->controller();

        QSignalSpy beats(mode, &PresentationMode::beatShown);
        QSignalSpy ran(controller, &SimController::scriptFinished);
        mode->action()->trigger(); // builds, starts run.py held, attaches, advances in beats
        QVERIFY(mode->isActive());
        QVERIFY(!fabricDock->isVisible());
        QVERIFY(!window->projectDock()->isVisible());
        PresentationView* view = mode->view();
        QVERIFY(view && view->isVisible());
        QVERIFY(view->geometry().height() > 600);

        // run.py's session, attached and held (the script waits at its first host command).
        QTRY_VERIFY_WITH_TIMEOUT(controller->isAttached() &&
                                     controller->state() == SimController::State::Paused,
                                 scaledMs(60000));
        QVERIFY(mode->isScriptRun());
        QVERIFY(!mode->isTouring());
        QVERIFY(ran.isEmpty());
        QVERIFY(view->status().contains(QStringLiteral("run.py")));

        // Space pauses the attached session: its cycle stands; Right advances it one beat.
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(mode->isPaused());
        QVERIFY(view->status().startsWith(QStringLiteral("paused")));
        // A beat on its way when Space was pressed lands (its advance reply takes longer in
        // a sanitizer build).
        QTest::qWait(scaledMs(kTestBeatMs));
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Paused,
                                  scaledMs(10000));
        const quint64 pausedCycle = controller->cycle();
        const qsizetype pausedBeats = beats.size();
        QTest::qWait(3 * kTestBeatMs);
        QCOMPARE(controller->cycle(), pausedCycle);
        QCOMPARE(beats.size(), pausedBeats);
        QCOMPARE(controller->state(), SimController::State::Paused);
        QVERIFY(ran.isEmpty());
        QTest::keyClick(view, Qt::Key_Right);
        QTRY_VERIFY_WITH_TIMEOUT(controller->cycle() > pausedCycle, scaledMs(10000));
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(!mode->isPaused());
        QTest::keyClick(view, Qt::Key_Plus);
        QCOMPARE(mode->cyclesPerBeat(), PresentationMode::kDefaultCyclesPerBeat * 2);

        // The real run: PEs at work, captions that say different things.
        QTRY_VERIFY2_WITH_TIMEOUT(busyBeats(beats) >= 1 && captions(beats).size() >= 3,
                                  qPrintable(captions(beats).join(QLatin1Char('\n'))),
                                  scaledMs(60000));
        QVERIFY(view->snapshot());
        QVERIFY(view->status().contains(QStringLiteral("Esc")));
        QVERIFY2(view->beat().caption.startsWith(QStringLiteral("cycle ")),
                 qPrintable(view->beat().caption));
        if (name == QLatin1String("multicast-routes"))
            saveScreenshot(*window, QStringLiteral("presentation-mode.png"));

        // Esc leaves, the docks come back and run.py runs on to its end.
        QTest::keyClick(view, Qt::Key_Escape);
        QVERIFY(!mode->isActive());
        QVERIFY(!mode->action()->isChecked());
        QVERIFY(fabricDock->isVisible());
        QVERIFY(window->projectDock()->isVisible());
        QVERIFY(!ran.isEmpty() || ran.wait(scaledMs(120000)));
        const QString output = window->workbench()->runConsole()->outputText();
        QVERIFY2(ran.first().first().toInt() == 0 && output.contains(QStringLiteral("SUCCESS!")),
                 qPrintable(output));
    }

    // A run that ends while presented ends with run.py's verdict in the caption.
    void runEndsWithTheVerdict_data() {
        QTest::addColumn<bool>("broken");
        QTest::newRow("passes") << false;
        QTest::newRow("check fails") << true;
    }
    void runEndsWithTheVerdict() {
        QFETCH(bool, broken);
        QString error;
        std::unique_ptr<MainWindow> window;
        QVERIFY2(openExample(QStringLiteral("saxpy-row"), &window, &error,
                             [&](const QString& root) {
                                 return !broken ||
                                        demofixture::replaceInFile(
                                            root + QStringLiteral("/run.py"),
                                            QStringLiteral("assert_allclose(result, expected"),
                                            QStringLiteral("assert_allclose(result, expected + 1"),
                                            &error);
                             }),
                 qPrintable(error));
        auto* mode = window->findChild<PresentationMode*>(QStringLiteral("presentationMode"));
        mode->setBeatInterval(100);
        mode->setCyclesPerBeat(1024);
        QSignalSpy ran(window->workbench()->controller(), &SimController::scriptFinished);
        mode->action()->trigger();
        QVERIFY(ran.wait(scaledMs(120000)));
        QVERIFY(mode->isActive());
        const QString caption = mode->view()->beat().caption;
        if (broken)
            QVERIFY2(
                caption.contains(QStringLiteral("run.py failed (exit code 1): AssertionError")),
                qPrintable(caption));
        else
            QVERIFY2(caption.contains(QStringLiteral("run.py passed: SUCCESS!")),
                     qPrintable(caption));
        QTest::keyClick(mode->view(), Qt::Key_Escape);
        QVERIFY(!mode->isActive());
    }

    // Without run.py the mode launches the exported function without arguments in a
    // session of its own and advances that.
    void withoutRunPyTheFunctionIsLaunched() {
        QString error;
        std::unique_ptr<MainWindow> window;
        QVERIFY2(openExample(QStringLiteral("multicast-routes"), &window, &error,
                             [&](const QString& root) {
                                 return QFile::remove(root + QStringLiteral("/run.py"));
                             }),
                 qPrintable(error));
        auto* mode = window->findChild<PresentationMode*>(QStringLiteral("presentationMode"));
        mode->setBeatInterval(kTestBeatMs);
        QSignalSpy beats(mode, &PresentationMode::beatShown);
        QSignalSpy scripts(window->workbench()->controller(), &SimController::scriptStarted);
        mode->action()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(busyBeats(beats) >= 1, scaledMs(60000));
        QVERIFY(!mode->isScriptRun());
        QVERIFY(!mode->isTouring());
        QVERIFY(scripts.isEmpty());
        QTest::keyClick(mode->view(), Qt::Key_Escape);
        window->workbench()->controller()->endSession();
    }

    // docs/screenshots/presentation-<example>.png of two examples driven by run.py, from
    // real runs; only with TESSERA_SCREENSHOT_DIR set.
    void screenshotsOfScriptRuns_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("beatsBefore");
        QTest::newRow("streaming-io") << QStringLiteral("streaming-io") << 6;
        QTest::newRow("game-of-life") << QStringLiteral("game-of-life") << 6;
    }
    void screenshotsOfScriptRuns() {
        if (qEnvironmentVariableIsEmpty("TESSERA_SCREENSHOT_DIR"))
            QSKIP("TESSERA_SCREENSHOT_DIR is not set");
        QFETCH(QString, name);
        QFETCH(int, beatsBefore);
        QString error;
        std::unique_ptr<MainWindow> window;
        QVERIFY2(openExample(name, &window, &error), qPrintable(error));
        auto* mode = window->findChild<PresentationMode*>(QStringLiteral("presentationMode"));
        mode->setBeatInterval(400);
        QSignalSpy beats(mode, &PresentationMode::beatShown);
        mode->action()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(busyBeats(beats) >= beatsBefore, scaledMs(120000));
        saveScreenshot(*window, QStringLiteral("presentation-%1.png").arg(name));
        QTest::keyClick(mode->view(), Qt::Key_Escape);
    }

  private:
    static constexpr int kTestBeatMs = 250; // beats an audience could not follow; CI can

    // A window on a copy of the example (game-of-life on a 12×12 grid),
    // shown at 1280×800, tools from this build; `edit` may change the copy first.
    bool openExample(const QString& name, std::unique_ptr<MainWindow>* window, QString* error,
                     const std::function<bool(const QString&)>& edit = {}) {
        const QString root = m_tmp.filePath(QString::number(++m_copies)) + QLatin1Char('/') + name;
        if (!ExamplesGallery::copyExampleTo(name, root, false, error))
            return false;
        if (name == QLatin1String("game-of-life") &&
            !demofixture::shrinkGameOfLife(root, 12, error))
            return false;
        if (edit && !edit(root))
            return false;
        *window = std::make_unique<MainWindow>();
        (*window)->resize(1280, 800);
        (*window)->workbench()->controller()->setToolsBinDir(
            QStringLiteral(TESSERA_BINARY_DIR "/bin"));
        if (!(*window)->openProject(root, error))
            return false;
        (*window)->show();
        return QTest::qWaitForWindowExposed(window->get());
    }

    static int busyBeats(const QSignalSpy& beats) {
        int busy = 0;
        for (const QList<QVariant>& args : beats) {
            const auto beat = args.first().value<PresentationBeat>();
            busy += !beat.activePes.empty() || !beat.hops.empty();
        }
        return busy;
    }

    static QStringList captions(const QSignalSpy& beats) {
        QStringList out;
        for (const QList<QVariant>& args : beats) {
            const QString caption = args.first().value<PresentationBeat>().caption;
            if (!out.contains(caption))
                out << caption;
        }
        return out;
    }

    void saveScreenshot(MainWindow& window, const QString& file) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        auto* mode = window.findChild<PresentationMode*>(QStringLiteral("presentationMode"));
        // Mid-beat, with the dots on their way.
        QTest::qWait(mode->beatInterval() / 2);
        QVERIFY(window.grab().save(dir + QLatin1Char('/') + file));
    }

    QTemporaryDir m_tmp;
    int m_copies = 0;
};

QTEST_MAIN(TestPresentationMode)
#include "tst_presentationmode.moc"
