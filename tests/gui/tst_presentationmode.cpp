// Presentation mode: beats derived from two frames and the program's routes and tasks
// (active PEs, wavelet hops per color and direction, captions), the route tour, and the
// mode itself on every bundled example: docks hidden and restored, the simulation stepped
// in beats (or the routes toured when the program needs its host script), Space pauses,
// Right steps, Esc leaves. With TESSERA_SCREENSHOT_DIR set, saves presentation-mode.png.
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/PresentationMode.h"
#include "app/SimController.h"

#include <QAction>
#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

namespace {

// A 3×1 rectangle at (1,1): color 2 goes east from PE (0,0) to PE (2,0), delivered at
// (1,0) and (2,0).
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
        QCOMPARE(beat.caption, QStringLiteral("cycle 1200: PE (0,0) runs task main (2 PEs busy); "
                                              "6 wavelet hops on color 2 moving east"));

        // The receiver is the busiest: its data task of the delivered color is named.
        const FabricSnapshot later = rowSnapshot({30, 40, 10}, {4, 5, 1});
        const PresentationBeat second = presentationBeat(after, later, 1300, rowTasks());
        QVERIFY2(second.caption.startsWith(QStringLiteral("cycle 1300: PE (1,0) runs task recv")),
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
        const QString root = MainWindow::copyExample(name, m_tmp.path(), &error);
        QVERIFY2(!root.isEmpty(), qPrintable(error));
        MainWindow window;
        window.resize(1280, 800);
        window.workbench()->controller()->setToolsBinDir(QStringLiteral(TESSERA_BINARY_DIR "/bin"));
        QVERIFY2(window.openProject(root, &error), qPrintable(error));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* fabricDock = window.findChild<QDockWidget*>(QStringLiteral("fabricDock"));
        QVERIFY(fabricDock && fabricDock->isVisible());
        auto* mode = window.findChild<PresentationMode*>(QStringLiteral("presentationMode"));
        QVERIFY(mode);
        QCOMPARE(mode->action()->shortcut(), QKeySequence(Qt::Key_F11));

        QSignalSpy beats(mode, &PresentationMode::beatShown);
        mode->action()->trigger(); // builds, starts a session, steps in beats
        QVERIFY(mode->isActive());
        QVERIFY(!fabricDock->isVisible());
        QVERIFY(!window.projectDock()->isVisible());
        PresentationView* view = mode->view();
        QVERIFY(view && view->isVisible());
        QVERIFY(view->geometry().height() > 600);

        // Something an audience can follow: PEs at work, wavelets moving, or the routes.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QList<QVariant>& args : beats)
                    if (!args.first().value<PresentationBeat>().hops.empty() ||
                        !args.first().value<PresentationBeat>().activePes.empty())
                        return true;
                return false;
            }(),
            120000);
        QVERIFY(view->snapshot());
        QVERIFY(!view->beat().caption.isEmpty());
        QVERIFY(view->status().contains(QStringLiteral("Esc")));
        if (!mode->isTouring())
            QVERIFY2(view->beat().caption.startsWith(QStringLiteral("cycle ")),
                     qPrintable(view->beat().caption));
        if (name == QLatin1String("multicast-routes"))
            saveScreenshot(window);

        // Space pauses: no new beats; Right shows one; Space resumes.
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(mode->isPaused());
        QVERIFY(view->status().startsWith(QStringLiteral("paused")));
        QTest::qWait(PresentationMode::kBeatMs + 400);
        const qsizetype pausedCount = beats.size();
        QTest::qWait(PresentationMode::kBeatMs + 200);
        QCOMPARE(beats.size(), pausedCount);
        QTest::keyClick(view, Qt::Key_Right);
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(!mode->isPaused());
        QTest::keyClick(view, Qt::Key_Plus);
        QCOMPARE(mode->cyclesPerBeat(), PresentationMode::kDefaultCyclesPerBeat * 2);

        // Esc leaves and the docks come back.
        QTest::keyClick(view, Qt::Key_Escape);
        QVERIFY(!mode->isActive());
        QVERIFY(!mode->action()->isChecked());
        QVERIFY(fabricDock->isVisible());
        QVERIFY(window.projectDock()->isVisible());
        window.workbench()->controller()->endSession();
    }

  private:
    void saveScreenshot(MainWindow& window) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        // Mid-beat, with the dots on their way.
        QTest::qWait(PresentationMode::kBeatMs / 2);
        QVERIFY(window.grab().save(dir + QStringLiteral("/presentation-mode.png")));
    }

    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestPresentationMode)
#include "tst_presentationmode.moc"
