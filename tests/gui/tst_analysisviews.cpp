// The analysis views without a simulator: the linked selection, the stall table and the
// simprint console (models under QAbstractItemModelTester, filters, windowing), the run
// recording (save, load, bad files) with the replay controls and heat bar, and the fabric
// view's route highlight and colour-blind-safe palette.
#include "column_fit.h"
#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/analysis/ReplayControls.h"
#include "widgets/analysis/RunRecording.h"
#include "widgets/analysis/SimprintConsole.h"
#include "widgets/analysis/SimprintModel.h"
#include "widgets/analysis/StallTable.h"
#include "widgets/analysis/StallTableModel.h"
#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricPalette.h"
#include "widgets/fabric/FabricView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using namespace tessera;

namespace {

std::vector<StallEntry> sampleStalls() {
    StallEntry a;
    a.pe = QPoint(5, 1);
    a.kind = StallEntry::Kind::Wavelets;
    a.color = 0;
    a.queue = 2;
    a.task = -1;
    a.waiter = QStringLiteral("init main");
    a.holder = QPoint(4, 1);
    a.holderText = QStringLiteral("sends color 0 and has not delivered the wavelets");
    a.reason = QStringLiteral("init main @fadds waits for wavelets on color 0");
    a.since = 10;
    StallEntry b = a;
    b.pe = QPoint(6, 1);
    b.color = 1;
    b.holder = QPoint(5, 1);
    b.since = 0;
    StallEntry c;
    c.pe = QPoint(4, 2);
    c.kind = StallEntry::Kind::CommandStream;
    c.waiter = QStringLiteral("host command stream");
    c.reason = QStringLiteral("never unblocked");
    return {a, b, c};
}

RecordedFrame frameAt(quint64 cycle, int w, int h, quint64 perPe) {
    RecordedFrame f;
    f.cycle = cycle;
    f.width = w;
    f.height = h;
    for (int i = 0; i < w * h; ++i)
        f.pes.push_back({perPe * quint64(i + 1), perPe * 2, perPe / 2, 1});
    return f;
}

FabricSnapshotPtr routedSnapshot() {
    auto s = std::make_shared<FabricSnapshot>();
    s->fabricSize = QSize(8, 4);
    s->rectangleOffset = QPoint(2, 1);
    s->rectangleSize = QSize(4, 2);
    s->classes.push_back({QStringLiteral("pe.csl"), {}});
    s->codeClass.assign(8, 0);
    FabricColorRoutes routes;
    routes.color = 3;
    for (int x = 2; x < 6; ++x)
        routes.pes.push_back({QPoint(x, 1), uint8_t(x == 2 ? fabric_dir::Ramp : fabric_dir::West),
                              uint8_t(x == 5 ? fabric_dir::Ramp : fabric_dir::East), 0});
    s->routes.push_back(routes);
    return s;
}

} // namespace

class TestAnalysisViews : public QObject {
    Q_OBJECT
  private slots:
    void selectionEmitsOnlyOnChange() {
        AnalysisSelection sel;
        QSignalSpy pe(&sel, &AnalysisSelection::peChanged);
        QSignalSpy color(&sel, &AnalysisSelection::colorChanged);
        sel.setPe(QPoint(3, 4));
        sel.setPe(QPoint(3, 4));
        QCOMPARE(pe.count(), 1);
        sel.setColor(40); // out of range: no color
        QCOMPARE(color.count(), 0);
        sel.setColor(7);
        QCOMPARE(sel.color(), std::optional<int>(7));
        QCOMPARE(sel.pe(), std::optional<QPoint>(QPoint(3, 4))); // aspects are independent
        sel.clear();
        QCOMPARE(pe.count(), 2);
        QCOMPARE(color.count(), 2);
        QVERIFY(!sel.pe() && !sel.color() && !sel.task() && !sel.cycle() && !sel.source());
    }

    void stallModelUnderTester() {
        StallTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(20, sampleStalls(), false);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, StallTableModel::PeColumn).data().toString(),
                 QStringLiteral("(5, 1)"));
        QCOMPARE(model.index(0, StallTableModel::HolderPeColumn).data().toString(),
                 QStringLiteral("(4, 1)"));
        QCOMPARE(model.index(0, StallTableModel::WaitedColumn).data().toULongLong(), 10ull);
        QCOMPARE(model.index(1, StallTableModel::WaitedColumn).data().toString(), QString());
        QCOMPARE(model.index(2, StallTableModel::KindColumn).data().toString(),
                 stallKindName(StallEntry::Kind::CommandStream));
        QVERIFY(!model.index(2, 0).data(StallTableModel::HolderRole).isValid());
        QVERIFY(
            model.index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("(4, 1)")));
        QCOMPARE(model.rowOfPe(QPoint(6, 1)), 1);
        QCOMPARE(model.rowOfPe(QPoint(4, 1)), 0); // only a holder: its first row
        QCOMPARE(model.rowOfPe(QPoint(9, 9)), -1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void stallTableLinksTheSelection() {
        AnalysisSelection sel;
        StallTable table(&sel);
        table.resize(800, 300);
        table.model()->setEntries(20, sampleStalls(), false);
        QVERIFY(table.summary().contains(QStringLiteral("20")));
        QTableView* view = table.view();
        // Sorted by PE (y, then x): (5,1), (6,1), (4,2).
        const QModelIndex first = view->model()->index(1, StallTableModel::PeColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("(6, 1)"));
        emit view->clicked(first);
        QCOMPARE(sel.pe(), std::optional<QPoint>(QPoint(6, 1)));
        QCOMPARE(sel.color(), std::optional<int>(1));
        QVERIFY(!sel.task());
        // Double-clicking the holder walks the chain upstream.
        emit view->doubleClicked(view->model()->index(1, StallTableModel::HolderPeColumn));
        QCOMPARE(sel.pe(), std::optional<QPoint>(QPoint(5, 1)));
        QCOMPARE(view->selectionModel()->selectedRows().value(0).row(), 0);
        // Only the selection: PE (5,1) as waiter or holder, color 1 -> the (6,1) row.
        table.onlySelectionBox()->setChecked(true);
        QCOMPARE(view->model()->rowCount(), 1);
        sel.setColor(std::nullopt);
        QCOMPARE(view->model()->rowCount(), 2);
        table.onlySelectionBox()->setChecked(false);
        QCOMPARE(view->model()->rowCount(), 3);
        QSignalSpy refresh(&table, &StallTable::refreshRequested);
        table.findChild<QToolButton*>(QStringLiteral("stallRefresh"))->click();
        QCOMPARE(refresh.count(), 1);
    }

    // Every column but the stretched last one fits its text: the holder's state was elided
    // ("sends color 1…") while the cycles column took the dock's width.
    void stallTableColumnsAreNotElided() {
        AnalysisSelection sel;
        StallTable table(&sel);
        table.resize(1200, 300);
        table.model()->setEntries(20, sampleStalls(), false);
        columnfit::verifyColumnsFit(table.view(), StallTableModel::WaitedColumn);
    }

    void simprintParsingAndRegions() {
        const SimprintLine line = parseSimprintLine(QStringLiteral("@1234 PE(3,1): sum is 42"));
        QCOMPARE(line.cycle, 1234ull);
        QCOMPARE(line.pe, QPoint(3, 1));
        QCOMPARE(line.text, QStringLiteral("sum is 42"));
        const SimprintLine plain = parseSimprintLine(QStringLiteral("no prefix"));
        QCOMPARE(plain.pe, QPoint(-1, -1));
        QCOMPARE(plain.text, QStringLiteral("no prefix"));
        QCOMPARE(parsePeRegion(QString()), std::optional<QRect>(QRect()));
        QCOMPARE(parsePeRegion(QStringLiteral(" 3, 1 ")), std::optional<QRect>(QRect(3, 1, 1, 1)));
        QCOMPARE(parsePeRegion(QStringLiteral("3,2-0,0")), std::optional<QRect>(QRect(0, 0, 4, 3)));
        QCOMPARE(parsePeRegion(QStringLiteral("(1,1)..(2,2)")),
                 std::optional<QRect>(QRect(1, 1, 2, 2)));
        QVERIFY(!parsePeRegion(QStringLiteral("3,")));
    }

    void simprintModelFiltersAndWindows() {
        SimprintModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(50);
        QStringList lines;
        for (int i = 0; i < 40; ++i)
            lines << QStringLiteral("@%1 PE(%2,%3): value %4")
                         .arg(i * 10)
                         .arg(i % 4)
                         .arg(i % 2)
                         .arg(i);
        model.appendLines(lines);
        QCOMPARE(model.rowCount(), 40);
        model.setFilter(QRect(0, 0, 2, 1), {}); // PEs (0,0) and (1,0)
        QCOMPARE(model.rowCount(), 10);         // i % 4 == 0 -> y 0; i % 4 == 1 -> y 1
        model.setFilter(QRect(), QStringLiteral("VALUE 3"));
        QCOMPARE(model.rowCount(), 11); // 3, 30..39
        model.setFilter(QRect(), {});
        // Windowed: 40 more lines keep the newest 50.
        QStringList more;
        for (int i = 40; i < 80; ++i)
            more << QStringLiteral("@%1 PE(0,0): value %2").arg(i * 10).arg(i);
        model.appendLines(more);
        QCOMPARE(model.storedLines(), 50);
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.receivedLines(), 80ull);
        QCOMPARE(model.lineAt(0).text, QStringLiteral("value 30"));
        QCOMPARE(model.index(49, SimprintModel::TextColumn).data().toString(),
                 QStringLiteral("value 79"));
        // A filtered view drops the right rows as old lines go.
        model.setFilter(QRect(1, 1, 1, 1), {});
        const int before = model.rowCount();
        QStringList last;
        for (int i = 80; i < 100; ++i)
            last << QStringLiteral("@%1 PE(0,0): value %2").arg(i * 10).arg(i);
        model.appendLines(last);
        QVERIFY(model.rowCount() < before);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.lineAt(r).pe, QPoint(1, 1));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void simprintConsoleFollowsTheSelection() {
        AnalysisSelection sel;
        SimprintConsole console(&sel);
        console.setRectangleOffset(QPoint(4, 1));
        console.appendLines({QStringLiteral("@10 PE(0,0): a"), QStringLiteral("@20 PE(1,0): b"),
                             QStringLiteral("@30 PE(1,0): c")});
        QCOMPARE(console.model()->rowCount(), 3);
        console.regionEdit()->setText(QStringLiteral("1,0"));
        QCOMPARE(console.model()->rowCount(), 2);
        console.regionEdit()->setText(QStringLiteral("1,")); // half typed: filter kept
        QCOMPARE(console.model()->rowCount(), 2);
        console.regionEdit()->clear();
        console.textEdit()->setText(QStringLiteral("c"));
        QCOMPARE(console.model()->rowCount(), 1);
        console.textEdit()->clear();
        emit console.view()->clicked(console.model()->index(1, SimprintModel::TextColumn));
        QCOMPARE(sel.pe(), std::optional<QPoint>(QPoint(5, 1))); // fabric coordinates
        QCOMPARE(sel.cycle(), std::optional<quint64>(20));
        console.followSelectionBox()->setChecked(true);
        sel.setPe(QPoint(4, 1)); // rectangle (0,0)
        QCOMPARE(console.model()->rowCount(), 1);
        QCOMPARE(console.model()->lineAt(0).text, QStringLiteral("a"));
    }

    void recordingAppendsAndMeasures() {
        RunRecording rec;
        rec.append(frameAt(100, 2, 2, 10));
        rec.append(frameAt(200, 2, 2, 20));
        rec.append(frameAt(200, 2, 2, 25)); // same cycle: replaces
        QCOMPARE(rec.size(), 2);
        QCOMPARE(rec.frame(1).pes[0].instructions, 25ull);
        QCOMPARE(rec.indexAtCycle(0), 0);
        QCOMPARE(rec.indexAtCycle(150), 0);
        QCOMPARE(rec.indexAtCycle(200), 1);
        QCOMPARE(rec.indexAtCycle(99999), 1);
        // Frame 0: (10+20+30+40 instructions + 4*20 wavelets) / 100 cycles.
        QCOMPARE(rec.activity(0), (100.0 + 80.0) / 100.0);
        QCOMPARE(rec.activity(1), ((250.0 + 200.0) - 180.0) / 100.0);
        rec.append(frameAt(50, 2, 2, 1)); // earlier cycle: a new run
        QCOMPARE(rec.size(), 1);
        rec.append(frameAt(60, 3, 2, 1)); // other size: a new run
        QCOMPARE(rec.size(), 1);
        QCOMPARE(rec.frame(0).width, 3);
    }

    void recordingSavesAndLoads() {
        QTemporaryDir dir;
        RunRecording rec;
        rec.programName = QStringLiteral("multicast-routes/out");
        for (int i = 1; i <= 5; ++i)
            rec.append(frameAt(quint64(i) * 1000, 4, 3, quint64(i) * 7));
        QString error;
        const QString path = dir.filePath(QStringLiteral("run.tsrec"));
        QVERIFY2(rec.save(path, &error), qPrintable(error));
        const auto loaded = RunRecording::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->programName, rec.programName);
        QCOMPARE(loaded->frames(), rec.frames());

        // Not a recording, a newer version, truncated: clear errors naming the file.
        QFile junk(dir.filePath(QStringLiteral("junk.tsrec")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("hello world, not a recording");
        junk.close();
        QVERIFY(!RunRecording::load(junk.fileName(), &error));
        QVERIFY2(error.contains(QStringLiteral("junk.tsrec")) &&
                     error.contains(QStringLiteral("not")),
                 qPrintable(error));
        QFile whole(path);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QByteArray bytes = whole.readAll();
        QFile cut(dir.filePath(QStringLiteral("cut.tsrec")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() - 20));
        cut.close();
        QVERIFY(!RunRecording::load(cut.fileName(), &error));
        QVERIFY2(error.contains(QStringLiteral("truncated")), qPrintable(error));
        bytes[11] = char(9); // version field (big-endian quint32 after the 8-byte magic)
        QFile newer(dir.filePath(QStringLiteral("newer.tsrec")));
        QVERIFY(newer.open(QIODevice::WriteOnly));
        newer.write(bytes);
        newer.close();
        QVERIFY(!RunRecording::load(newer.fileName(), &error));
        QVERIFY2(error.contains(QStringLiteral("version 9")), qPrintable(error));
        QVERIFY(!RunRecording::load(dir.filePath(QStringLiteral("missing.tsrec")), &error));
    }

    // "No recording yet" on the empty strip is readable: light text on the dark strip
    // (it was drawn in the palette's dark placeholder grey).
    void emptyHeatBarTextIsReadable() {
        ActivityHeatBar bar;
        bar.resize(400, 24);
        const QImage image = bar.grab().toImage();
        int light = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                light += qGray(image.pixel(x, y)) > 150;
        QVERIFY2(light > 30, qPrintable(QString::number(light)));
    }

    void replayTransport() {
        ReplayControls controls;
        controls.resize(600, 80);
        // The strip's colours and what a click does are said under it, not only on hover.
        const auto* legend = controls.findChild<QLabel*>(QStringLiteral("replayLegend"));
        QVERIFY(legend && !legend->isHidden());
        QVERIFY(legend->text().contains(QStringLiteral("idle")) &&
                legend->text().contains(QStringLiteral("replay")));
        QSignalSpy moved(&controls, &ReplayControls::positionChanged);
        QSignalSpy live(&controls, &ReplayControls::liveRequested);
        for (int i = 1; i <= 6; ++i)
            controls.appendFrame(frameAt(quint64(i) * 100, 2, 2, quint64(i * i)));
        QVERIFY(controls.isLive());
        controls.stepBack(); // from live: the frame before the last
        QCOMPARE(controls.position(), 4);
        controls.stepBack();
        QCOMPARE(controls.position(), 3);
        controls.stepForward();
        QCOMPARE(controls.position(), 4);
        controls.setPosition(99);
        QCOMPARE(controls.position(), 5); // clamped
        QCOMPARE(moved.count(), 4);
        // Play from the end restarts at 0 and runs to the end at 8x.
        controls.setSpeedIndex(int(ReplayControls::speedFactors().size()) - 1);
        QCOMPARE(controls.speed(), 8.0);
        controls.play();
        QVERIFY(controls.isPlaying());
        QCOMPARE(controls.position(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(controls.position(), 5, 3000);
        QTRY_VERIFY(!controls.isPlaying());
        // Scrubbing the heat bar.
        ActivityHeatBar* bar = controls.heatBar();
        QCOMPARE(bar->frameAt(0), 0);
        QCOMPARE(bar->frameAt(bar->width() - 1), 5);
        QTest::mouseClick(bar, Qt::LeftButton, {}, QPoint(bar->width() / 2, bar->height() / 2));
        QCOMPARE(controls.position(), bar->frameAt(bar->width() / 2));
        controls.goLive();
        QVERIFY(controls.isLive());
        QCOMPARE(live.count(), 1);
        // Save and load through the controls.
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("r.tsrec"));
        QVERIFY2(controls.saveTo(path, &error), qPrintable(error));
        ReplayControls other;
        QVERIFY2(other.loadFrom(path, &error), qPrintable(error));
        QCOMPARE(other.recording().frames(), controls.recording().frames());
        QCOMPARE(other.position(), 0); // an opened recording starts replaying at its start
    }

    void highlightedRouteAndPalette() {
        FabricView view;
        view.resize(400, 200);
        QVERIFY(view.setSnapshot(routedSnapshot()).isEmpty());
        view.layerModel()->setLayerVisible(FabricLayerKind::Routes, 3, false);
        view.setScale(40.0);
        view.centerOn(QPointF(4, 1.5));
        const QImage plain = view.grab().toImage();
        view.setHighlightedColor(3);
        const QImage highlighted = view.grab().toImage();
        // The hidden route appears in its colour when highlighted.
        const QColor ink(fabric_palette::routeColor(3));
        auto count = [&](const QImage& image) {
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    n += image.pixelColor(x, y) == ink ? 1 : 0;
            return n;
        };
        QCOMPARE(count(plain), 0);
        QVERIFY(count(highlighted) > 100);
        // The colour-blind-safe scheme changes route, class and heat colours.
        const QRgb standardRoute = fabric_palette::routeColor(3);
        const QRgb standardHeat = fabric_palette::heat(0.5);
        view.setPaletteScheme(fabric_palette::Scheme::ColourBlindSafe);
        QCOMPARE(fabric_palette::scheme(), fabric_palette::Scheme::ColourBlindSafe);
        QVERIFY(fabric_palette::routeColor(3) != standardRoute);
        QVERIFY(fabric_palette::heat(0.5) != standardHeat);
        const QImage safe = view.grab().toImage();
        QVERIFY(safe != highlighted);
        view.setPaletteScheme(fabric_palette::Scheme::Standard);
        QCOMPARE(fabric_palette::routeColor(3), standardRoute);
        QCOMPARE(view.grab().toImage(), highlighted);
        // selectPe selects without zooming and ignores PEs off the fabric.
        const double scale = view.scale();
        view.selectPe(QPoint(7, 3));
        QCOMPARE(view.selectedPe(), std::optional<QPoint>(QPoint(7, 3)));
        QCOMPARE(view.scale(), scale);
        view.selectPe(QPoint(50, 50));
        QVERIFY(!view.selectedPe());
    }
};

QTEST_MAIN(TestAnalysisViews)
#include "tst_analysisviews.moc"
