// Frame time of the fabric view: a full 750x994 wafer rendered into a 1920x1080 QImage
// offscreen (the widget's own paint path, overview included) at several zoom levels, while
// panning, and the cost of rebuilding the one-pixel-per-PE image after a layer change.
// Results and the command: docs/benchmarks.md, section "Fabric view".

#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricView.h"

#include <QApplication>
#include <QImage>

#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>

using namespace tessera;

namespace {

// Every rectangle PE has code (class stripes), routes color 0 east along its row and has
// heat samples; a few PEs wait; one memcpy region is pending.
FabricSnapshotPtr wafer() {
    static const FabricSnapshotPtr snapshot = [] {
        auto s = std::make_shared<FabricSnapshot>();
        s->fabricSize = QSize(750, 994);
        s->rectangleOffset = QPoint(4, 1);
        s->rectangleSize = QSize(743, 992);
        s->memcpy = true;
        for (int i = 0; i < 6; ++i)
            s->classes.push_back(
                {QStringLiteral("pe%1.csl").arg(i), QStringLiteral("k=%1").arg(i)});
        const int w = 743, h = 992;
        s->codeClass.resize(size_t(w) * h);
        FabricHeatMap heat{FabricHeatMetric::Instructions, std::vector<float>(size_t(w) * h)};
        FabricColorRoutes rows{0, {}};
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const size_t i = size_t(y) * w + size_t(x);
                s->codeClass[i] = uint16_t((x / 50 + y / 50) % 6);
                heat.values[i] = float(std::sin(x * 0.01) * std::cos(y * 0.013) * 1000.0);
                rows.pes.push_back({QPoint(4 + x, 1 + y),
                                    x == 0 ? fabric_dir::Ramp : fabric_dir::West,
                                    x == w - 1 ? fabric_dir::Ramp : fabric_dir::East, 0});
            }
        s->heatMaps = {heat};
        s->routes = {rows};
        for (int i = 0; i < 64; ++i)
            s->waiting.push_back({QPoint(100 + 9 * i, 300 + 5 * i), QStringLiteral("waits")});
        FabricMemcpyRegion region;
        region.roi = QRect(200, 300, 300, 200);
        region.symbol = QStringLiteral("A");
        s->memcpyRegions = {region};
        return FabricSnapshotPtr(s);
    }();
    return snapshot;
}

struct Fixture {
    FabricView view;
    QImage frame{1920, 1080, QImage::Format_RGB32};
    Fixture() {
        view.resize(1920, 1080);
        view.setSnapshot(wafer());
    }
    void render() { view.render(&frame); }
};

// Arg: pixels per PE x 100 (0 = fit the whole wafer).
void BM_FrameAtZoom(benchmark::State& state) {
    Fixture f;
    if (state.range(0) > 0)
        f.view.setScale(state.range(0) / 100.0);
    f.view.centerOn(QPointF(375, 497));
    f.render(); // builds the cached per-PE images once
    for (auto _ : state)
        f.render();
    state.counters["px_per_pe"] = f.view.scale();
    state.counters["detail"] = int(f.view.detail());
}
BENCHMARK(BM_FrameAtZoom)
    ->Arg(0)
    ->Arg(100)
    ->Arg(300)
    ->Arg(600)
    ->Arg(1200)
    ->Arg(2400)
    ->Arg(4800)
    ->Arg(9600)
    ->Unit(benchmark::kMillisecond);

// The same with the instructions heat map instead of code classes.
void BM_FrameHeatMap(benchmark::State& state) {
    Fixture f;
    f.view.layerModel()->setLayerVisible(FabricLayerKind::HeatMap,
                                         int(FabricHeatMetric::Instructions), true);
    f.view.setScale(state.range(0) / 100.0);
    f.view.centerOn(QPointF(375, 497));
    f.render();
    for (auto _ : state)
        f.render();
}
BENCHMARK(BM_FrameHeatMap)->Arg(100)->Arg(1200)->Arg(4800)->Unit(benchmark::kMillisecond);

// Panning: every frame moves the view by 7 px, as a drag does.
void BM_FramePanning(benchmark::State& state) {
    Fixture f;
    f.view.setScale(state.range(0) / 100.0);
    f.view.centerOn(QPointF(200, 300));
    f.render();
    int step = 0;
    for (auto _ : state) {
        f.view.centerOn(f.view.viewport().toFabric(QPointF(960 + 7, 540 + (step++ % 2 ? 3 : -3))));
        f.render();
    }
}
BENCHMARK(BM_FramePanning)->Arg(100)->Arg(600)->Arg(1200)->Arg(4800)->Unit(benchmark::kMillisecond);

// A layer toggle: the per-PE images are rebuilt before the frame.
void BM_FrameAfterLayerToggle(benchmark::State& state) {
    Fixture f;
    f.view.setScale(1.0);
    f.render();
    bool classes = true;
    for (auto _ : state) {
        classes = !classes;
        f.view.layerModel()->setLayerVisible(FabricLayerKind::CodeClasses, -1, classes);
        f.render();
    }
}
BENCHMARK(BM_FrameAfterLayerToggle)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
