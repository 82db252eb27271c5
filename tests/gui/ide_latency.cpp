// Measures the IDE's GUI event-loop latency while the simulator works: a 5 ms QTimer
// probe records the gaps between its ticks while SimController builds the bundled
// example, runs its run.py (under cs_python, on the embedded appliance) several times and
// drives an interactive session. Prints the largest and the 99th-percentile gap.
//   ide_latency [example] [runs]     (QT_QPA_PLATFORM=offscreen for headless machines)
#include "app/MainWindow.h"
#include "app/Project.h"
#include "app/SimController.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace tessera;

namespace {
template <typename Signal> bool waitFor(SimController& c, Signal signal, int timeoutMs) {
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, [&] { loop.exit(1); });
    QObject::connect(&c, signal, &loop, [&] { loop.exit(0); });
    return loop.exec() == 0;
}
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString example =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("gemv-single-pe");
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 5;
    QTemporaryDir tmp;
    QString error;
    const QString root = MainWindow::copyExample(example, tmp.path(), &error);
    auto project = root.isEmpty() ? std::nullopt : Project::open(root, &error);
    if (!project) {
        std::fprintf(stderr, "ide_latency: %s\n", qPrintable(error));
        return 2;
    }
    SimController controller;
    controller.setToolsBinDir(QStringLiteral(TESSERA_BINARY_DIR "/bin"));

    std::vector<double> gaps;
    QElapsedTimer clock;
    clock.start();
    qint64 last = -1;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0)
            gaps.push_back(double(now - last) / 1e6);
        last = now;
    });
    probe.start();

    controller.build(root, project->layoutFile(), project->compileArguments());
    if (!waitFor(controller, &SimController::buildFinished, 120000) ||
        controller.artifactDir().isEmpty()) {
        std::fprintf(stderr, "ide_latency: build failed\n");
        return 1;
    }
    QElapsedTimer busy;
    busy.start();
    int succeeded = 0;
    QObject::connect(&controller, &SimController::scriptOutput, [&](const QString& text) {
        succeeded += text.count(QStringLiteral("SUCCESS!"));
    });
    for (int i = 0; i < runs; ++i) {
        controller.runScript(root);
        if (!waitFor(controller, &SimController::scriptFinished, 300000)) {
            std::fprintf(stderr, "ide_latency: run.py timed out\n");
            return 1;
        }
    }
    const QStringList functions = controller.launchableFunctions();
    controller.startSession(functions.isEmpty() ? QString() : functions.first());
    waitFor(controller, &SimController::stateChanged, 30000);
    for (int i = 0; i < 20; ++i) {
        controller.step(100000);
        waitFor(controller, &SimController::cycleChanged, 30000);
    }
    controller.endSession();
    const double seconds = double(busy.elapsed()) / 1000.0;
    probe.stop();
    std::sort(gaps.begin(), gaps.end());
    const double p99 = gaps.empty() ? 0 : gaps[size_t(double(gaps.size() - 1) * 0.99)];
    std::printf("example %s: %d run.py runs (%d SUCCESS!), 20 session steps of 100000 cycles, "
                "%.1f s busy\n",
                qPrintable(example), runs, succeeded, seconds);
    std::printf("GUI event-loop gap (5 ms probe, %zu ticks): max %.1f ms, p99 %.1f ms\n",
                gaps.size(), gaps.empty() ? 0.0 : gaps.back(), p99);
    return succeeded == runs ? 0 : 1;
}
