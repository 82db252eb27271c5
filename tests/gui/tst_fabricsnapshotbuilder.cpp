// FabricSnapshotBuilder: the fabric view's snapshot from a compiled program (classes,
// rectangle, memcpy columns, routes per color), heat maps from a Debug frame, and the
// waiting PEs of a simulator hang report.
#include "app/FabricSnapshotBuilder.h"
#include "backend/client/client.h"
#include "sim/program.h"

#include <QTest>

using namespace tessera;

class TestFabricSnapshotBuilder : public QObject {
    Q_OBJECT
  private slots:
    void programToSnapshot() {
        sim::FabricProgram p;
        p.fabricWidth = 10;
        p.fabricHeight = 4;
        p.offsetX = 4;
        p.offsetY = 1;
        p.width = 2;
        p.height = 1;
        p.memcpy.enabled = true;
        p.memcpy.eastBuffer = 1;
        p.classes.resize(2);
        p.classes[0].file = "left.csl";
        p.classes[0].paramsKey = "id=0";
        p.classes[1].file = "right.csl";
        p.pes.resize(2);
        p.pes[1].codeClass = 1;
        sim::ColorConfig east;
        east.rx = sim::dirBit(sim::Direction::Ramp);
        east.tx = sim::dirBit(sim::Direction::East);
        east.switchPositions[0] = {sim::dirBit(sim::Direction::West),
                                   sim::dirBit(sim::Direction::Ramp)};
        p.pes[0].colors.push_back({3, east});
        p.pes[1].colors.push_back({3, east});
        p.pes[1].colors.push_back({7, east});

        const FabricSnapshot s = snapshotFromProgram(p);
        QCOMPARE(s.fabricSize, QSize(10, 4));
        QCOMPARE(s.rectangle(), QRect(4, 1, 2, 1));
        QCOMPARE(int(s.classes.size()), 2);
        QCOMPARE(s.classes[0].tileFile, QStringLiteral("left.csl"));
        QCOMPARE(s.classes[0].params, QStringLiteral("id=0"));
        QCOMPARE(s.codeClassAt(QPoint(5, 1)), uint16_t(1));
        QCOMPARE(int(s.routes.size()), 2);
        QCOMPARE(s.routes[0].color, 3);
        QCOMPARE(int(s.routes[0].pes.size()), 2);
        QCOMPARE(s.routes[0].pes[1].pe, QPoint(5, 1));
        QCOMPARE(s.routes[0].pes[0].tx, fabric_dir::East);
        QCOMPARE(s.routes[0].pes[0].rx, fabric_dir::Ramp);
        QCOMPARE(int(s.routes[0].pes[0].switchPositions), 1);
        QCOMPARE(s.routes[1].color, 7);
        QVERIFY(s.memcpy);
        QCOMPARE(s.eastBufferColumns, 1);
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate()));

        client::Frame f;
        f.cycle = 99;
        f.width = 2;
        f.height = 1;
        f.pes = {{10, 2, 1, 0}, {20, 4, 3, 1}};
        const FabricSnapshot h = withFrame(s, f);
        QCOMPARE(h.heatMap(FabricHeatMetric::Instructions)->values, (std::vector<float>{10, 20}));
        QCOMPARE(h.heatMap(FabricHeatMetric::Wavelets)->values, (std::vector<float>{2, 4}));
        QCOMPARE(h.heatMap(FabricHeatMetric::Stalls)->values, (std::vector<float>{1, 3}));
        QVERIFY(h.validate().isEmpty());
        f.pes.pop_back(); // another rectangle: no heat maps rather than wrong ones
        QVERIFY(withFrame(s, f).heatMaps.empty());
        // The frame's host copies become memcpy regions: pending and recently done.
        f.memcpy = {{true, false, "buf", -1, 0, 0, 2, 1, 16, true},
                    {false, true, "", 7, 1, 0, 1, 1, 4, false}};
        const FabricSnapshot m = withFrame(s, f);
        QCOMPARE(m.memcpyRegions.size(), size_t(2));
        QCOMPARE(m.memcpyRegions[0].direction, FabricMemcpyRegion::Direction::HostToDevice);
        QCOMPARE(m.memcpyRegions[0].state, FabricMemcpyRegion::State::Recent);
        QCOMPARE(m.memcpyRegions[0].roi, QRect(0, 0, 2, 1));
        QCOMPARE(m.memcpyRegions[0].symbol, QStringLiteral("buf"));
        QCOMPARE(m.memcpyRegions[0].elementCount(), uint64_t(32));
        QCOMPARE(m.memcpyRegions[1].direction, FabricMemcpyRegion::Direction::DeviceToHost);
        QCOMPARE(m.memcpyRegions[1].state, FabricMemcpyRegion::State::Pending);
        QCOMPARE(m.memcpyRegions[1].streamingColor, 7);
        QVERIFY2(m.validate().isEmpty(), qPrintable(m.validate()));
    }

    void derivedFabricSize() {
        sim::FabricProgram p;
        p.offsetX = 4;
        p.offsetY = 1;
        p.width = 3;
        p.height = 2;
        p.memcpy.enabled = true;
        p.classes.resize(1);
        p.pes.resize(6);
        const FabricSnapshot s = snapshotFromProgram(p);
        QCOMPARE(s.fabricSize, QSize(4 + 3 + 3, 1 + 2 + 1));
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate()));
    }

    void hangReportWaitingPes() {
        const QString report = QStringLiteral(
            "hang at cycle 1200: 2 PEs wait for wavelets (unfinished host commands: 3)\n"
            "  PE(4,1) task recv (id 3) waits for wavelets on color 4, iq 2\n"
            "  PE(5,1) blocked in fabin DSD on color 5\n"
            "  ... and 3 more PEs");
        const auto waiting = waitingPesFromReport(report);
        QCOMPARE(int(waiting.size()), 2);
        QCOMPARE(waiting[0].pe, QPoint(4, 1));
        QCOMPARE(waiting[0].reason,
                 QStringLiteral("task recv (id 3) waits for wavelets on color 4, iq 2"));
        QCOMPARE(waiting[1].pe, QPoint(5, 1));
        QVERIFY(waitingPesFromReport(QStringLiteral("fault at cycle 3: PE(4,1) divides")).empty());
    }
};

QTEST_MAIN(TestFabricSnapshotBuilder)
#include "tst_fabricsnapshotbuilder.moc"
