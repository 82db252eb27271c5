// FabricView: coordinate mapping and hit testing, levels of detail, zoom around the cursor,
// panning, the overview map, hover status, layer toggles, jump to PE, snapshot validation,
// a full 750x994 wafer, and the screenshots in docs/screenshots/fabric-*.png.

#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricLayerPanel.h"
#include "widgets/fabric/FabricPalette.h"
#include "widgets/fabric/FabricView.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace tessera;

namespace {

FabricRoute route(int x, int y, uint8_t rx, uint8_t tx, uint8_t switches = 0) {
    return FabricRoute{QPoint(x, y), rx, tx, switches};
}

// (a) 8x3 fabric, one-PE program at (4,1) with its memcpy halo and columns; color 0 comes
// in from the west memcpy columns to the PE's ramp, color 1 leaves east.
std::shared_ptr<FabricSnapshot> tinySnapshot() {
    auto s = std::make_shared<FabricSnapshot>();
    s->fabricSize = QSize(8, 3);
    s->rectangleOffset = QPoint(4, 1);
    s->rectangleSize = QSize(1, 1);
    s->memcpy = true;
    s->classes = {{QStringLiteral("pe_program.csl"), QStringLiteral("")}};
    s->codeClass = {0};
    using namespace fabric_dir;
    s->routes = {{0, {route(2, 1, Ramp, East), route(3, 1, West, East), route(4, 1, West, Ramp)}},
                 {1, {route(4, 1, Ramp, East), route(5, 1, West, East), route(6, 1, West, Ramp)}}};
    return s;
}

// (b) 16x12 fabric, 9x10 program: three classes, a row pipeline on color 2 and a column
// broadcast with switches on color 5, an H2D region done and a D2H region pending, one
// waiting PE and one breakpoint.
std::shared_ptr<FabricSnapshot> mediumSnapshot() {
    auto s = std::make_shared<FabricSnapshot>();
    s->fabricSize = QSize(16, 12);
    s->rectangleOffset = QPoint(4, 1);
    s->rectangleSize = QSize(9, 10);
    s->memcpy = true;
    s->classes = {{QStringLiteral("left.csl"), QString()},
                  {QStringLiteral("pe.csl"), QStringLiteral("is_last=0")},
                  {QStringLiteral("pe.csl"), QStringLiteral("is_last=1")}};
    using namespace fabric_dir;
    FabricColorRoutes rows{2, {}};
    FabricColorRoutes column{5, {}};
    for (int y = 0; y < 10; ++y) {
        for (int x = 0; x < 9; ++x) {
            s->codeClass.push_back(x == 0 ? 0 : x == 8 ? 2 : 1);
            const uint8_t rx = x == 0 ? Ramp : West;
            const uint8_t tx = x == 8 ? Ramp : East;
            rows.pes.push_back(route(4 + x, 1 + y, rx, tx));
        }
        column.pes.push_back(
            route(4, 1 + y, y == 0 ? Ramp : North, y == 9 ? Ramp : uint8_t(South | Ramp), 2));
    }
    s->routes = {rows, column};
    FabricMemcpyRegion h2d;
    h2d.direction = FabricMemcpyRegion::Direction::HostToDevice;
    h2d.state = FabricMemcpyRegion::State::Recent;
    h2d.roi = QRect(0, 0, 3, 4);
    h2d.symbol = QStringLiteral("A");
    h2d.elementsPerPe = 16;
    FabricMemcpyRegion d2h;
    d2h.direction = FabricMemcpyRegion::Direction::DeviceToHost;
    d2h.state = FabricMemcpyRegion::State::Pending;
    d2h.roi = QRect(8, 6, 1, 4);
    d2h.streamingColor = 7;
    d2h.elementsPerPe = 8;
    s->memcpyRegions = {h2d, d2h};
    s->waiting = {{QPoint(9, 7), QStringLiteral("task recv (id 2) waits for wavelets on color 2")}};
    s->breakpoints = {{QPoint(6, 3), QStringLiteral("task 2 activates")}};
    return s;
}

// (c) The full 750x994 wafer with a 743x992 program: class stripes, an east-bound row
// pipeline on color 0 through every PE, heat maps of instructions and SRAM, waiting PEs.
std::shared_ptr<FabricSnapshot> waferSnapshot() {
    auto s = std::make_shared<FabricSnapshot>();
    s->fabricSize = QSize(750, 994);
    s->rectangleOffset = QPoint(4, 1);
    s->rectangleSize = QSize(743, 992);
    s->memcpy = true;
    s->classes = {{QStringLiteral("edge.csl"), QString()},
                  {QStringLiteral("pe.csl"), QStringLiteral("role=0")},
                  {QStringLiteral("pe.csl"), QStringLiteral("role=1")},
                  {QStringLiteral("pe.csl"), QStringLiteral("role=2")}};
    const int w = 743, h = 992;
    s->codeClass.resize(size_t(w) * h);
    FabricHeatMap instructions{FabricHeatMetric::Instructions, std::vector<float>(size_t(w) * h)};
    FabricHeatMap sram{FabricHeatMetric::SramUsed, std::vector<float>(size_t(w) * h)};
    FabricColorRoutes pipeline{0, {}};
    pipeline.pes.reserve(size_t(w) * h);
    using namespace fabric_dir;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const size_t i = size_t(y) * w + size_t(x);
            s->codeClass[i] = uint16_t(x == 0 || x == w - 1 ? 0 : 1 + (y / 64) % 3);
            const double dx = (x - w * 0.6) / w, dy = (y - h * 0.35) / h;
            instructions.values[i] =
                float(1e5 * std::exp(-8.0 * (dx * dx + dy * dy)) + 40.0 * (x % 7));
            sram.values[i] = float(4096 + 64 * (x % 32));
            pipeline.pes.push_back(
                route(4 + x, 1 + y, x == 0 ? Ramp : West, x == w - 1 ? Ramp : East));
        }
    }
    s->heatMaps = {instructions, sram};
    s->routes = {std::move(pipeline)};
    for (int i = 0; i < 12; ++i)
        s->waiting.push_back({QPoint(500 + 3 * i, 700 + i), QStringLiteral("waits on color 0")});
    FabricMemcpyRegion d2h;
    d2h.direction = FabricMemcpyRegion::Direction::DeviceToHost;
    d2h.state = FabricMemcpyRegion::State::Pending;
    d2h.roi = QRect(100, 100, 200, 150);
    d2h.symbol = QStringLiteral("result");
    d2h.elementsPerPe = 4;
    s->memcpyRegions = {d2h};
    return s;
}

QImage render(FabricView& view) {
    QImage image(view.size(), QImage::Format_RGB32);
    view.render(&image);
    return image;
}

void sendMouse(QWidget& widget, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons) {
    QMouseEvent event(type, pos, widget.mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(&widget, &event);
}

void sendWheel(QWidget& widget, QPointF pos, int delta) {
    QWheelEvent event(pos, widget.mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&widget, &event);
}

QPointF cellCentre(const FabricView& view, QPoint pe) {
    return view.viewport().cellRect(pe).center();
}

// Where screenshots go: the build tree always; docs/screenshots when asked to update them.
void saveScreenshot(const QImage& image, const QString& name) {
    const QString buildDir = QStringLiteral(TESSERA_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(buildDir));
    QVERIFY(image.save(buildDir + QLatin1Char('/') + name));
    if (qEnvironmentVariableIsSet("TESSERA_UPDATE_SCREENSHOTS"))
        QVERIFY(image.save(QStringLiteral(TESSERA_SOURCE_DIR "/docs/screenshots/") + name));
}

} // namespace

class TestFabricView : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9)); }

    void hitTestingAtSeveralZooms_data() {
        QTest::addColumn<double>("scale");
        for (double scale : {0.7, 1.0, 3.0, 7.5, 19.0, 55.0, 140.0})
            QTest::addRow("%g px/PE", scale) << scale;
    }
    void hitTestingAtSeveralZooms() {
        QFETCH(double, scale);
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(mediumSnapshot()).isEmpty());
        view.setScale(scale);
        view.centerOn(QPointF(8.3, 6.1));
        QCOMPARE(view.scale(), std::max(scale, view.viewport().minScale()));
        const QRect visible = view.viewport().visiblePes();
        QVERIFY(!visible.isEmpty());
        for (QPoint pe :
             {visible.topLeft(), visible.center(), visible.bottomRight(), QPoint(8, 6)}) {
            if (!visible.contains(pe))
                continue;
            const QRectF cell = view.viewport().cellRect(pe);
            QCOMPARE(cell.width(), view.scale());
            QCOMPARE(view.peAt(cell.center()), std::optional<QPoint>(pe));
            QCOMPARE(view.peAt(cell.topLeft() + QPointF(0.01, 0.01)), std::optional<QPoint>(pe));
            QCOMPARE(view.peAt(cell.bottomRight() - QPointF(0.01, 0.01)),
                     std::optional<QPoint>(pe));
            const QPointF fabric = view.viewport().toFabric(cell.center());
            QVERIFY(std::abs(fabric.x() - (pe.x() + 0.5)) < 1e-9);
            QVERIFY(std::abs(fabric.y() - (pe.y() + 0.5)) < 1e-9);
        }
        // Just left of and above the fabric's NW corner there is no PE.
        const QPointF corner = view.viewport().toWidget(QPointF(0, 0));
        QCOMPARE(view.peAt(corner - QPointF(0.5, 0.5)), std::nullopt);
        const QPointF farCorner = view.viewport().toWidget(QPointF(16, 12));
        QCOMPARE(view.peAt(farCorner + QPointF(0.5, 0.5)), std::nullopt);
        QCOMPARE(view.peAt(farCorner - QPointF(0.5, 0.5)), std::optional<QPoint>(QPoint(15, 11)));
    }

    void levelOfDetailSwitches() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        view.setScale(2.0);
        QCOMPARE(view.detail(), FabricViewport::Detail::Pixels);
        view.setScale(FabricViewport::kCellsScale - 0.01);
        QCOMPARE(view.detail(), FabricViewport::Detail::Pixels);
        QVERIFY(view.setSnapshot(mediumSnapshot()).isEmpty());
        view.setScale(FabricViewport::kCellsScale);
        QCOMPARE(view.detail(), FabricViewport::Detail::Cells);
        view.setScale(20.0);
        QCOMPARE(view.detail(), FabricViewport::Detail::Cells);
        view.centerOn(QPointF(8, 6));
        // Cells are separated by gaps: the boundary between two PEs shows the background.
        QImage cells = render(view);
        const QPointF boundary = view.viewport().toWidget(QPointF(8.0, 6.5));
        QCOMPARE(cells.pixel(boundary.toPoint()), fabric_palette::Background);
        // At text detail a cell gains text pixels that are neither its fill nor a gap.
        view.setScale(80.0);
        view.centerOn(QPointF(2.5, 5.5)); // a memcpy column: no routes, plain fill
        QCOMPARE(view.detail(), FabricViewport::Detail::Text);
        const QImage text = render(view);
        const QRect cell = view.viewport().cellRect(QPoint(2, 5)).toRect().adjusted(4, 4, -4, -4);
        int others = 0;
        for (int y = cell.top(); y <= cell.bottom(); ++y)
            for (int x = cell.left(); x <= cell.right(); ++x)
                others += text.pixel(x, y) != fabric_palette::MemcpyColumn ? 1 : 0;
        QVERIFY2(others > 20, qPrintable(QString::number(others)));
        // A small fabric never zooms out below half the fitting scale.
        view.setScale(0.1);
        QCOMPARE(view.scale(), view.viewport().minScale());
        QCOMPARE(view.scale(), 25.0);
    }

    void wheelZoomKeepsPointUnderCursor() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        view.setScale(3.0);
        view.centerOn(QPointF(375, 497));
        const QPointF cursor(310.0, 222.0);
        const double before = view.scale();
        for (int delta : {120, 120, 60, 240, -120, -360, 30}) {
            const QPointF anchored = view.viewport().toFabric(cursor);
            sendWheel(view, cursor, delta);
            const QPointF after = view.viewport().toFabric(cursor);
            QVERIFY2(std::abs(after.x() - anchored.x()) < 1e-6 &&
                         std::abs(after.y() - anchored.y()) < 1e-6,
                     qPrintable(QStringLiteral("delta %1").arg(delta)));
        }
        // Net +90 units of wheel = 0.75 notches.
        QVERIFY(std::abs(view.scale() - before * std::pow(1.25, 0.75)) < 1e-9);
    }

    void dragPans() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        view.setScale(10.0);
        view.centerOn(QPointF(300, 300));
        const QPointF start(400, 300);
        const QPointF grabbed = view.viewport().toFabric(start);
        QSignalSpy clicked(&view, &FabricView::peClicked);
        sendMouse(view, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseMove, start + QPointF(30, 10), Qt::NoButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseMove, start + QPointF(-90, 55), Qt::NoButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, start + QPointF(-90, 55), Qt::LeftButton,
                  Qt::NoButton);
        // The grabbed fabric point followed the mouse; a drag is not a click.
        const QPointF now = view.viewport().toFabric(start + QPointF(-90, 55));
        QVERIFY(std::abs(now.x() - grabbed.x()) < 1e-9 && std::abs(now.y() - grabbed.y()) < 1e-9);
        QCOMPARE(clicked.count(), 0);
        // A press and release in place is a click that selects the PE.
        const QPointF at = cellCentre(view, QPoint(290, 301));
        sendMouse(view, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toPoint(), QPoint(290, 301));
        QCOMPARE(view.selectedPe(), std::optional<QPoint>(QPoint(290, 301)));
    }

    void overviewClickAndDragMoveTheView() {
        FabricView view;
        view.resize(1000, 700);
        QVERIFY(view.setSnapshot(mediumSnapshot()).isEmpty());
        QVERIFY(!view.isOverviewShown()); // small fabrics need no overview
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        // Fitted, every PE is in view: an overview would only cover the fabric's corner.
        QVERIFY(!view.isOverviewShown());
        QVERIFY(view.overviewRect().isEmpty());
        view.setScale(12.0);
        QVERIFY(view.isOverviewShown());
        const QRect overview = view.overviewRect();
        QVERIFY(QRect(QPoint(0, 0), view.size()).contains(overview));
        auto overviewPoint = [&](QPointF fabric) {
            return QPointF(overview.left() + fabric.x() * overview.width() / 750.0,
                           overview.top() + fabric.y() * overview.height() / 994.0);
        };
        auto viewCentre = [&] { return view.viewport().toFabric(QPointF(500, 350)); };
        sendMouse(view, QEvent::MouseButtonPress, overviewPoint({600, 200}), Qt::LeftButton,
                  Qt::LeftButton);
        QVERIFY(std::abs(viewCentre().x() - 600) < 1e-6 && std::abs(viewCentre().y() - 200) < 1e-6);
        sendMouse(view, QEvent::MouseMove, overviewPoint({150, 800}), Qt::NoButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, overviewPoint({150, 800}), Qt::LeftButton,
                  Qt::NoButton);
        QVERIFY(std::abs(viewCentre().x() - 150) < 1e-6 && std::abs(viewCentre().y() - 800) < 1e-6);
        QCOMPARE(view.scale(), 12.0);
        // The overview draws the visible area: its outline is yellow.
        const QImage image = render(view);
        const QPointF outline = overviewPoint(view.viewport().visibleArea().topLeft());
        bool yellow = false;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx)
                yellow = yellow ||
                         image.pixel(outline.toPoint() + QPoint(dx, dy)) == fabric_palette::Yellow;
        QVERIFY(yellow);
    }

    void hoverCarriesFabricAndRectangleCoordinates() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(mediumSnapshot()).isEmpty());
        view.setScale(30.0);
        view.centerOn(QPointF(8, 6));
        QSignalSpy hovered(&view, &FabricView::peHovered);
        QSignalSpy left(&view, &FabricView::hoverLeft);
        sendMouse(view, QEvent::MouseMove, cellCentre(view, QPoint(9, 7)), Qt::NoButton,
                  Qt::NoButton);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.at(0).at(0).toPoint(), QPoint(9, 7));
        QCOMPARE(hovered.at(0).at(1).toPoint(), QPoint(5, 6));
        QCOMPARE(hovered.at(0).at(2).toBool(), true);
        const QString status = hovered.at(0).at(3).toString();
        QVERIFY2(status.contains(QStringLiteral("PE (9, 7)")) &&
                     status.contains(QStringLiteral("rectangle (5, 6)")) &&
                     status.contains(QStringLiteral("pe.csl (is_last=0)")) &&
                     status.contains(QStringLiteral("waiting: task recv")) &&
                     status.contains(QStringLiteral("color 2 rx W tx E")),
                 qPrintable(status));
        // Moving within the same PE emits nothing new.
        sendMouse(view, QEvent::MouseMove, cellCentre(view, QPoint(9, 7)) + QPointF(3, 3),
                  Qt::NoButton, Qt::NoButton);
        QCOMPARE(hovered.count(), 1);
        // The halo is outside the rectangle.
        sendMouse(view, QEvent::MouseMove, cellCentre(view, QPoint(3, 5)), Qt::NoButton,
                  Qt::NoButton);
        QCOMPARE(hovered.count(), 2);
        QCOMPARE(hovered.at(1).at(0).toPoint(), QPoint(3, 5));
        QCOMPARE(hovered.at(1).at(2).toBool(), false);
        QVERIFY(hovered.at(1).at(3).toString().contains(QStringLiteral("halo")));
        // Off the fabric: hover ends.
        view.setScale(view.viewport().minScale());
        sendMouse(view, QEvent::MouseMove, QPointF(2, 2), Qt::NoButton, Qt::NoButton);
        QCOMPARE(left.count(), 1);
    }

    void layerTogglesChangeThePicture() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(mediumSnapshot()).isEmpty());
        view.setScale(30.0);
        view.centerOn(QPointF(8, 6));
        FabricLayerModel* layers = view.layerModel();
        // A point inside a class-1 PE away from routes and text.
        const QPoint fillPoint =
            (view.viewport().cellRect(QPoint(8, 9)).topLeft() + QPointF(5, 24)).toPoint();
        // Color 2 is the first of two routed colors, drawn shifted up-left by ~1.4 px.
        const QPoint routePoint =
            view.viewport().cellRect(QPoint(8, 4)).center().toPoint() + QPoint(8, -1);
        const QImage all = render(view);
        QCOMPARE(all.pixel(fillPoint), fabric_palette::codeClassColor(1));
        QCOMPARE(all.pixel(routePoint), fabric_palette::routeColor(2));

        QVERIFY(layers->setLayerVisible(FabricLayerKind::CodeClasses, -1, false));
        const QImage noClasses = render(view);
        QCOMPARE(noClasses.pixel(fillPoint), fabric_palette::UnusedPe);

        QVERIFY(layers->setLayerVisible(FabricLayerKind::Routes, 2, false));
        const QImage noRoutes = render(view);
        QVERIFY(noRoutes.pixel(routePoint) != fabric_palette::routeColor(2));

        QVERIFY(!layers->setLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::Stalls),
                                         true));
        QVERIFY(layers->setLayerVisible(FabricLayerKind::ProgramRectangle, -1, false));
        const QPoint haloPoint =
            (view.viewport().cellRect(QPoint(3, 9)).topLeft() + QPointF(5, 24)).toPoint();
        QCOMPARE(noRoutes.pixel(haloPoint), fabric_palette::Halo);
        QCOMPARE(render(view).pixel(haloPoint), fabric_palette::EmptyPe);

        // The waiting PE's ring and the memcpy region outline go with their layers.
        const QImage before = render(view);
        QVERIFY(layers->setLayerVisible(FabricLayerKind::WaitingPes, -1, false));
        QVERIFY(layers->setLayerVisible(FabricLayerKind::MemcpyRegions, -1, false));
        QVERIFY(layers->setLayerVisible(FabricLayerKind::Breakpoints, -1, false));
        const QImage after = render(view);
        QVERIFY(before != after);
        // The ring is drawn 1.25..3.75 px inside the cell's left edge.
        const QRectF waitingCell = view.viewport().cellRect(QPoint(9, 7));
        const QPoint ringPoint(int(waitingCell.left()) + 2, int(waitingCell.top()) + 15);
        QCOMPARE(before.pixel(ringPoint), fabric_palette::Yellow);
        QVERIFY(after.pixel(ringPoint) != fabric_palette::Yellow);
    }

    void heatMapReplacesClassColours() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        view.setScale(1.0);
        view.centerOn(QPointF(375, 497));
        const QPoint pe(450, 350);
        const QPointF corner = view.viewport().cellRect(pe).topLeft() + QPointF(0.25, 0.25);
        const QPoint at(int(std::floor(corner.x())), int(std::floor(corner.y())));
        QVERIFY(view.layerModel()->setLayerVisible(FabricLayerKind::Routes, 0, false));
        QCOMPARE(render(view).pixel(at),
                 fabric_palette::codeClassColor(view.snapshot()->codeClassAt(pe)));
        QVERIFY(view.layerModel()->setLayerVisible(FabricLayerKind::HeatMap,
                                                   int(FabricHeatMetric::SramUsed), true));
        // SRAM = 4096 + 64 * (x % 32) over [4096, 4096 + 64 * 31].
        const double t = double((pe.x() - 4) % 32) / 31.0;
        const QRgb expected =
            fabric_palette::heatTable()[size_t(std::clamp(t * 255.0, 0.0, 255.0))];
        QCOMPARE(render(view).pixel(at), expected);
    }

    void jumpToPeCentresSelectsAndShowsText() {
        FabricView view;
        view.resize(800, 600);
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        QVERIFY(!view.jumpToPe(QPoint(750, 3)));
        QVERIFY(view.jumpToPe(QPoint(321, 654)));
        QCOMPARE(view.selectedPe(), std::optional<QPoint>(QPoint(321, 654)));
        QCOMPARE(view.detail(), FabricViewport::Detail::Text);
        QCOMPARE(view.peAt(QPointF(400, 300)), std::optional<QPoint>(QPoint(321, 654)));
    }

    // Before the first build the dock is not a blank dark panel: it says how to fill it,
    // and the hint goes once a program is shown.
    void emptyViewSaysHowToFillIt() {
        FabricView view;
        view.resize(400, 300);
        QVERIFY(view.showsEmptyText());
        QVERIFY(view.emptyText().contains(QStringLiteral("Build")));
        const QImage empty = view.grab().toImage();
        int textPixels = 0;
        for (int y = 0; y < empty.height(); ++y)
            for (int x = 0; x < empty.width(); ++x)
                textPixels += empty.pixel(x, y) != fabric_palette::Background;
        QVERIFY2(textPixels > 200, qPrintable(QString::number(textPixels)));
        QVERIFY(view.setSnapshot(tinySnapshot()).isEmpty());
        QVERIFY(!view.showsEmptyText());
        QVERIFY(view.setSnapshot({}).isEmpty());
        QVERIFY(view.showsEmptyText());
    }

    void inconsistentSnapshotIsRejectedWithItsReason() {
        FabricView view;
        view.resize(400, 300);
        QVERIFY(view.setSnapshot(tinySnapshot()).isEmpty());
        auto bad = mediumSnapshot();
        bad->codeClass[9 * 2 + 3] = 7;
        const QString error = view.setSnapshot(bad);
        QVERIFY2(error.contains(QStringLiteral("PE (7, 3)")) &&
                     error.contains(QStringLiteral("code class 7")),
                 qPrintable(error));
        QCOMPARE(view.snapshot()->fabricSize, QSize(8, 3));

        auto region = mediumSnapshot();
        region->memcpyRegions[0].roi = QRect(7, 0, 3, 1);
        QVERIFY(view.setSnapshot(region).contains(QStringLiteral("memcpy region 3x1 at (7, 0)")));
        auto heat = mediumSnapshot();
        heat->heatMaps = {{FabricHeatMetric::Stalls, std::vector<float>(5)}};
        QVERIFY(view.setSnapshot(heat).contains(
            QStringLiteral("has 5 values, the rectangle has 90 PEs")));
        auto routes = mediumSnapshot();
        routes->routes[1].pes[0].pe = QPoint(16, 0);
        QVERIFY(view.setSnapshot(routes).contains(QStringLiteral("color 5 at PE (16, 0)")));
        auto rect = mediumSnapshot();
        rect->rectangleSize = QSize(13, 10);
        QVERIFY(view.setSnapshot(rect).contains(QStringLiteral("outside the 16x12 fabric")));
    }

    void fullWaferRendersAtEveryDetail() {
        FabricView view;
        view.resize(1920, 1080);
        QVERIFY(view.setSnapshot(waferSnapshot()).isEmpty());
        for (double scale : {view.viewport().minScale(), 1.0, 2.5, 6.0, 12.0, 48.0}) {
            view.setScale(scale);
            const QImage image = render(view);
            const QPoint centre(960, 540);
            QVERIFY(image.pixel(centre) != fabric_palette::Background ||
                    image.pixel(centre + QPoint(5, 5)) != fabric_palette::Background);
        }
    }

    void screenshotTinyFabricWithText() {
        QWidget window;
        auto* view = new FabricView(&window);
        auto* panel = new FabricLayerPanel(view, &window);
        auto* layout = new QHBoxLayout(&window);
        layout->addWidget(view, 1);
        layout->addWidget(panel);
        panel->setFixedWidth(260);
        window.resize(1120, 480);
        QVERIFY(view->setSnapshot(tinySnapshot()).isEmpty());
        layout->activate();
        view->fitFabric();
        QCOMPARE(view->detail(), FabricViewport::Detail::Text);
        view->jumpToPe(QPoint(4, 1));
        view->fitFabric();
        saveScreenshot(window.grab().toImage(), QStringLiteral("fabric-tiny.png"));
    }

    void screenshotMultiClassProgram() {
        QWidget window;
        auto* view = new FabricView(&window);
        auto* panel = new FabricLayerPanel(view, &window);
        auto* layout = new QHBoxLayout(&window);
        layout->addWidget(view, 1);
        layout->addWidget(panel);
        panel->setFixedWidth(300);
        window.resize(1200, 760);
        QVERIFY(view->setSnapshot(mediumSnapshot()).isEmpty());
        layout->activate();
        view->fitFabric();
        saveScreenshot(window.grab().toImage(), QStringLiteral("fabric-program.png"));
    }

    void screenshotWaferHeatMap() {
        QWidget window;
        auto* view = new FabricView(&window);
        auto* panel = new FabricLayerPanel(view, &window);
        auto* layout = new QHBoxLayout(&window);
        layout->addWidget(view, 1);
        layout->addWidget(panel);
        panel->setFixedWidth(280);
        window.resize(1280, 820);
        QVERIFY(view->setSnapshot(waferSnapshot()).isEmpty());
        layout->activate();
        QVERIFY(view->layerModel()->setLayerVisible(FabricLayerKind::HeatMap,
                                                    int(FabricHeatMetric::Instructions), true));
        QVERIFY(view->layerModel()->setLayerVisible(FabricLayerKind::Routes, 0, false));
        view->setScale(2.0);
        view->centerOn(QPointF(520, 520));
        QVERIFY(view->isOverviewShown());
        saveScreenshot(window.grab().toImage(), QStringLiteral("fabric-wafer.png"));
    }
};

QTEST_MAIN(TestFabricView)
#include "tst_fabricview.moc"
