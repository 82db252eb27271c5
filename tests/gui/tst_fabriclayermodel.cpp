// FabricLayerModel under QAbstractItemModelTester: rows follow the snapshot (a row per
// route color and heat metric), check state is visibility, at most one heat map shows,
// visibility survives snapshot swaps, legends list classes and ramps.

#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricPalette.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tessera;

namespace {

FabricSnapshotPtr snapshot(std::vector<int> colors, std::vector<FabricHeatMetric> metrics) {
    auto s = std::make_shared<FabricSnapshot>();
    s->fabricSize = QSize(10, 4);
    s->rectangleOffset = QPoint(4, 1);
    s->rectangleSize = QSize(3, 2);
    s->classes = {{QStringLiteral("a.csl"), QString()},
                  {QStringLiteral("b.csl"), QStringLiteral("n=2")}};
    s->codeClass = {0, 1, 1, 0, 1, 1};
    for (int color : colors)
        s->routes.push_back({color, {{QPoint(4, 1), fabric_dir::Ramp, fabric_dir::East, 0}}});
    for (size_t i = 0; i < metrics.size(); ++i) {
        std::vector<float> values(6);
        for (size_t v = 0; v < values.size(); ++v)
            values[v] = float(10 * (i + 1) + v);
        s->heatMaps.push_back({metrics[i], values});
    }
    return s;
}

QStringList names(const FabricLayerModel& model) {
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row).data().toString();
    return result;
}

} // namespace

class TestFabricLayerModel : public QObject {
    Q_OBJECT

  private slots:
    void rowsFollowTheSnapshot() {
        FabricLayerModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(names(model), (QStringList{"Code classes", "Program rectangle and memcpy",
                                            "Memcpy regions", "Breakpoints", "Waiting PEs"}));
        model.setSnapshot(snapshot({3, 0}, {FabricHeatMetric::Stalls}));
        QCOMPARE(names(model), (QStringList{"Code classes", "Program rectangle and memcpy",
                                            "Routes: color 3", "Routes: color 0", "Memcpy regions",
                                            "Heat: Stall cycles", "Breakpoints", "Waiting PEs"}));
        QCOMPARE(model.rowOf(FabricLayerKind::Routes, 0), 3);
        QCOMPARE(model.rowOf(FabricLayerKind::Routes, 5), -1);
        const QModelIndex route = model.index(2);
        QCOMPARE(route.data(FabricLayerModel::KindRole).toInt(), int(FabricLayerKind::Routes));
        QCOMPARE(route.data(FabricLayerModel::IndexRole).toInt(), 3);
        QCOMPARE(route.data(Qt::DecorationRole).value<QColor>(),
                 QColor(fabric_palette::routeColor(3)));
        QVERIFY(route.flags() & Qt::ItemIsUserCheckable);
        QVERIFY(model.roleNames().contains(FabricLayerModel::LegendRole));
    }

    void checkStateIsVisibility() {
        FabricLayerModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(snapshot({1, 4}, {}));
        QSignalSpy changed(&model, &FabricLayerModel::stateChanged);
        QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(model.state().routeColors, (1u << 1) | (1u << 4));
        const QModelIndex colorFour = model.index(model.rowOf(FabricLayerKind::Routes, 4));
        QCOMPARE(colorFour.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(model.setData(colorFour, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(colorFour.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(data.count(), 1);
        QCOMPARE(model.state().routeColors, 1u << 1);
        QVERIFY(!model.state().routeVisible(4));
        QVERIFY(!model.setData(colorFour, QStringLiteral("x"), Qt::DisplayRole));
        // Unchanged visibility emits nothing.
        QVERIFY(model.setLayerVisible(FabricLayerKind::Routes, 4, false));
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.setLayerVisible(FabricLayerKind::CodeClasses, -1, false));
        QVERIFY(!model.state().codeClasses);
        QVERIFY(!model.isLayerVisible(FabricLayerKind::CodeClasses));
    }

    void onlyOneHeatMapShows() {
        FabricLayerModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(
            snapshot({}, {FabricHeatMetric::Instructions, FabricHeatMetric::Wavelets}));
        QCOMPARE(model.state().heatMetric, std::nullopt); // heat maps start hidden
        QVERIFY(model.setLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::Instructions),
                                      true));
        QCOMPARE(model.state().heatMetric, FabricHeatMetric::Instructions);
        QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(
            model.setLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::Wavelets), true));
        QCOMPARE(data.count(), 2);
        QCOMPARE(model.state().heatMetric, FabricHeatMetric::Wavelets);
        QVERIFY(
            !model.isLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::Instructions)));
        QVERIFY(!model.setLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::SramUsed),
                                       true));
    }

    void visibilitySurvivesSnapshotSwaps() {
        FabricLayerModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(snapshot({2}, {FabricHeatMetric::Stalls}));
        QVERIFY(model.setLayerVisible(FabricLayerKind::Routes, 2, false));
        QVERIFY(
            model.setLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::Stalls), true));
        QVERIFY(model.setLayerVisible(FabricLayerKind::Breakpoints, -1, false));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setSnapshot(snapshot({2, 6}, {FabricHeatMetric::Stalls}));
        QCOMPARE(reset.count(), 1);
        QVERIFY(!model.isLayerVisible(FabricLayerKind::Routes, 2));
        QVERIFY(model.isLayerVisible(FabricLayerKind::Routes, 6));
        QCOMPARE(model.state().heatMetric, FabricHeatMetric::Stalls);
        QVERIFY(!model.state().breakpoints);
        model.setSnapshot(nullptr);
        QCOMPARE(model.rowCount(), 5);
    }

    void legendsListClassesAndRamps() {
        FabricLayerModel model;
        model.setSnapshot(snapshot({}, {FabricHeatMetric::SramUsed}));
        const QList<FabricLegendEntry> classes =
            model.legend(model.rowOf(FabricLayerKind::CodeClasses));
        QCOMPARE(classes.size(), 2);
        QCOMPARE(classes[0].label, QStringLiteral("a.csl"));
        QCOMPARE(classes[1].label, QStringLiteral("b.csl (n=2)"));
        QCOMPARE(classes[1].color, QColor(fabric_palette::codeClassColor(1)));
        const QList<FabricLegendEntry> ramp =
            model.legend(model.rowOf(FabricLayerKind::HeatMap, int(FabricHeatMetric::SramUsed)));
        QCOMPARE(ramp.size(), 5);
        QCOMPARE(ramp.first().label, QStringLiteral("10"));
        QCOMPARE(ramp.last().label, QStringLiteral("15"));
        QCOMPARE(ramp.last().color, QColor(fabric_palette::heat(1.0)));
        const QVariantList legend = model.index(model.rowOf(FabricLayerKind::CodeClasses))
                                        .data(FabricLayerModel::LegendRole)
                                        .toList();
        QCOMPARE(legend.size(), 2);
        QCOMPARE(legend[1].toMap().value(QStringLiteral("label")).toString(),
                 QStringLiteral("b.csl (n=2)"));
        QVERIFY(model.legend(99).isEmpty());
    }
};

QTEST_MAIN(TestFabricLayerModel)
#include "tst_fabriclayermodel.moc"
