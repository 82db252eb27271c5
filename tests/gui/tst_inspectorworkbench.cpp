// The PE inspector and core dump views in a real main window (app/InspectorWorkbench):
// open a dump of the grid-reduce example, select PEs from the fabric view, the paused
// PE's source line in the editor, a symbol heat map and a comparison as fabric layers,
// a dump dropped on the window, and Run → Dump and Inspect from a live session.
// A dump with one corrupt PE: that PE's message in the inspector, the rest still usable.
// With TESSERA_SCREENSHOT_DIR set, writes pe-inspector.png, coredump-heatmap.png,
// coredump-compare.png and pe-inspector-corrupt-window.png there.
#include "app/IdeWorkbench.h"
#include "app/InspectorWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "column_fit.h"
#include "corrupt_dump.h"
#include "dump_fixture.h"
#include "example_window.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/inspector/DumpPanels.h"
#include "widgets/inspector/PeInspector.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace tessera;

class TestInspectorWorkbench : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QString error = examplewindow::copyExample(QStringLiteral("grid-reduce"), m_tmp, &m_root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_out = m_root + QStringLiteral("/out");
        m_program = dumpfixture::buildGridReduce(m_out, m_root + QStringLiteral("/layout.csl"));
        dumpfixture::runGridReduce(m_program, m_out + QStringLiteral("/corefile.cs1"), 1.5f);
        dumpfixture::runGridReduce(m_program, m_out + QStringLiteral("/alpha2.cs1"), 2.0f);
        dumpfixture::runGridReduce(m_program, m_out + QStringLiteral("/paused.cs1"), 1.5f, 150);
        error = examplewindow::openWindow(m_root, &m_window, QSize(1600, 1000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_bench = m_window->workbench();
        m_inspect = m_window->findChild<InspectorWorkbench*>();
        QVERIFY(m_inspect);
    }

    void openDumpAndPickPes() {
        QString error;
        QVERIFY(!m_inspect->openDump(m_tmp.filePath(QStringLiteral("nothing.cs1")), &error));
        QVERIFY2(error.contains(QStringLiteral("nothing.cs1")), qPrintable(error));
        QVERIFY2(m_inspect->openDump(m_out + QStringLiteral("/corefile.cs1"), &error),
                 qPrintable(error));
        QVERIFY(m_inspect->dump());
        FabricView* fabric = m_bench->fabricView();
        QCOMPARE(fabric->snapshot()->rectangle(), QRect(4, 1, 4, 4));
        QVERIFY(fabric->snapshot()->heatMap(FabricHeatMetric::Instructions));
        // The rectangle's first PE is selected on open.
        QCOMPARE(m_inspect->inspector()->selectedPe(), std::optional<QPoint>(QPoint(4, 1)));
        // A click in the fabric view selects that PE in the inspector.
        emit fabric->peClicked(QPoint(6, 3));
        QCOMPARE(m_inspect->inspector()->selectedPe(), std::optional<QPoint>(QPoint(6, 3)));
        QVERIFY(m_inspect->inspector()->summaryText().contains(QStringLiteral("rectangle 2,2")));
        QVERIFY(m_inspect->inspector()->taskModel()->rowCount() > 0);
        // Outside the rectangle: refused with a reason, the selection stays.
        QVERIFY(!m_inspect->inspector()->selectPe(QPoint(0, 0)));
        QVERIFY(m_inspect->inspector()->summaryText().contains(QStringLiteral("outside")));
        QCOMPARE(m_inspect->inspector()->selectedPe(), std::optional<QPoint>(QPoint(6, 3)));
        // Typing coordinates.
        auto* typed =
            m_inspect->inspector()->findChild<QLineEdit*>(QStringLiteral("peCoordinates"));
        typed->setText(QStringLiteral("5,2"));
        QTest::keyClick(typed, Qt::Key_Return);
        QCOMPARE(m_inspect->inspector()->selectedPe(), std::optional<QPoint>(QPoint(5, 2)));
        QCOMPARE(fabric->selectedPe(), std::optional<QPoint>(QPoint(5, 2)));
        // The region profile covers all 16 PEs.
        QVERIFY(m_inspect->profilePanel()->model()->rowCount() > 0);
    }

    void pausedPeShowsItsSourceLine() {
        QString error;
        QVERIFY2(m_inspect->openDump(m_out + QStringLiteral("/paused.cs1"), &error),
                 qPrintable(error));
        const DumpPtr dump = m_inspect->dump();
        std::optional<QPoint> running;
        for (uint32_t y = 0; y < 4 && !running; ++y)
            for (uint32_t x = 0; x < 4 && !running; ++x)
                if (dump->core().pe(x, y).frameDepth > 0)
                    running = QPoint(int(x) + 4, int(y) + 1);
        QVERIFY(running);
        QVERIFY(m_inspect->inspector()->selectPe(*running));
        QVERIFY2(m_inspect->shownSourceFile().endsWith(QStringLiteral(".csl")),
                 qPrintable(m_inspect->shownSourceFile()));
        EditorPane* pane = m_window->currentPane();
        QVERIFY(pane);
        QCOMPARE(QFileInfo(pane->filePath()).absoluteFilePath(), m_inspect->shownSourceFile());
        int lineFrom = -1, indexFrom = -1, lineTo = -1, indexTo = -1;
        pane->editor()->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        QCOMPARE(lineFrom, m_inspect->shownSourceLine() - 1);
        QVERIFY(m_inspect->inspector()->summaryText().contains(QStringLiteral(".csl:")));
        // The task table's columns fit their text ("running, blocked" was elided).
        verifyColumnsFit(tableOf(m_inspect->inspector(), m_inspect->inspector()->taskModel()));
        m_inspect->inspector()->showSymbolInMemory(QStringLiteral("u"));
        m_inspect->inspector()->tabs()->setCurrentIndex(0);
        saveScreenshot(QStringLiteral("pe-inspector.png"));
    }

    // Without a dump the heat map's controls are greyed out under "Open a core dump first.",
    // not offered empty; with one they are enabled (limits only for fixed limits).
    void heatMapControlsWaitForADump() {
        SymbolHeatMapPanel panel;
        QVERIFY(panel.statusText().contains(QStringLiteral("core dump")));
        for (QWidget* control : panel.findChildren<QWidget*>())
            if (qobject_cast<QComboBox*>(control) || qobject_cast<QAbstractSpinBox*>(control))
                QVERIFY2(!control->isEnabled(), control->metaObject()->className());
        QString error;
        QVERIFY2(m_inspect->openDump(m_out + QStringLiteral("/corefile.cs1"), &error),
                 qPrintable(error));
        SymbolHeatMapPanel* heat = m_inspect->heatMapPanel();
        QVERIFY(heat->findChild<QComboBox*>()->isEnabled());
        QVERIFY(heat->findChild<QSpinBox*>()->isEnabled());
    }

    void symbolHeatMapLayer() {
        QString error;
        QVERIFY2(m_inspect->openDump(m_out + QStringLiteral("/corefile.cs1"), &error),
                 qPrintable(error));
        SymbolHeatMapPanel* heat = m_inspect->heatMapPanel();
        QVERIFY(!heat->showSymbol(QStringLiteral("no_such_symbol")));
        QVERIFY(heat->showSymbol(QStringLiteral("u"), 5));
        FabricView* fabric = m_bench->fabricView();
        const FabricHeatMap* map = fabric->snapshot()->heatMap(FabricHeatMetric::Custom);
        QVERIFY(map);
        QCOMPARE(fabric->snapshot()->customHeatLabel, QStringLiteral("u[5]"));
        QCOMPARE(map->values[0], 6.0f / 16.0f);
        QVERIFY(fabric->layerModel()->isLayerVisible(FabricLayerKind::HeatMap,
                                                     int(FabricHeatMetric::Custom)));
        QVERIFY(heat->showSymbol(QStringLiteral("row_sum"), 0, SymbolHeatMapPanel::Scale::Fixed,
                                 0.0, 30.0));
        QCOMPARE(fabric->snapshot()->customHeatRange, (std::pair<float, float>{0.0f, 30.0f}));
        // Row sums grow toward column 0; the new map replaces the previous one.
        QVERIFY(
            heat->showSymbol(QStringLiteral("row_sum"), 0, SymbolHeatMapPanel::Scale::DataRange));
        const FabricHeatMap* sums = fabric->snapshot()->heatMap(FabricHeatMetric::Custom);
        QVERIFY(sums->values[0] > sums->values[3]); // column 0 holds the whole row
        QVERIFY(!fabric->snapshot()->customHeatRange);
        int custom = 0;
        for (const FabricHeatMap& m : fabric->snapshot()->heatMaps)
            custom += m.metric == FabricHeatMetric::Custom ? 1 : 0;
        QCOMPARE(custom, 1);
        fabric->fitFabric();
        m_inspect->dumpTabs()->setCurrentWidget(heat);
        saveScreenshot(QStringLiteral("coredump-heatmap.png"));
    }

    void compareTwoDumps() {
        QString error;
        QVERIFY2(m_inspect->compareWith(m_out + QStringLiteral("/alpha2.cs1"), &error),
                 qPrintable(error));
        DumpComparePanel* compare = m_inspect->comparePanel();
        QVERIFY2(compare->summaryText().contains(QStringLiteral("16 of 16 PEs differ")),
                 qPrintable(compare->summaryText()));
        QVERIFY(compare->model()->rowCount() > 0);
        FabricView* fabric = m_bench->fabricView();
        QCOMPARE(fabric->snapshot()->customHeatLabel, tr("Differing symbols"));
        // Activating a row selects its PE.
        const QModelIndex row = compare->model()->index(compare->model()->rowCount() - 1, 0);
        emit compare->table()->activated(row);
        const QPoint local = row.data(DumpCompareModel::PeRole).toPoint();
        QCOMPARE(m_inspect->inspector()->selectedPe(), std::optional<QPoint>(local + QPoint(4, 1)));
        fabric->fitFabric();
        verifyColumnsFit(compare->table());
        verifyColumnsFit(tableOf(m_inspect->profilePanel(), m_inspect->profilePanel()->model()));
        // The region field's hint is whole in the dock beside the fabric (it was elided).
        auto* region =
            m_inspect->profilePanel()->findChild<QLineEdit*>(QStringLiteral("profileRegion"));
        QVERIFY(region);
        m_window->show();
        m_inspect->dumpTabs()->setCurrentWidget(m_inspect->profilePanel());
        QTRY_VERIFY(region->isVisible() && region->width() > 100);
        QVERIFY2(region->fontMetrics().horizontalAdvance(region->placeholderText()) <
                     region->width() - 12,
                 qPrintable(QString::number(region->width())));
        m_inspect->dumpTabs()->setCurrentWidget(compare);
        saveScreenshot(QStringLiteral("coredump-compare.png"));
        // A dump of another program is refused with both sizes named.
        QTemporaryDir other;
        auto tracer = dumpfixture::buildTracer(other.filePath(QStringLiteral("code")),
                                               other.filePath(QStringLiteral("out")));
        dumpfixture::runTracer(tracer, other.filePath(QStringLiteral("out/corefile.cs1")));
        QVERIFY(
            !m_inspect->compareWith(other.filePath(QStringLiteral("out/corefile.cs1")), &error));
        QVERIFY2(error.contains(QStringLiteral("1x1")), qPrintable(error));
    }

    void dropADumpOnTheWindow() {
        QSignalSpy opened(m_inspect, &InspectorWorkbench::dumpOpened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_out + QStringLiteral("/alpha2.cs1"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &drop);
        QCOMPARE(opened.size(), 1);
        QVERIFY(opened.first().first().toString().endsWith(QStringLiteral("alpha2.cs1")));
        // Not a dump: not taken.
        QMimeData text;
        text.setUrls({QUrl::fromLocalFile(m_root + QStringLiteral("/layout.csl"))});
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton,
                                Qt::NoModifier);
        refused.setAccepted(false);
        QCoreApplication::sendEvent(m_window.get(), &refused);
        QVERIFY(!refused.isAccepted());
    }

    void dumpAndInspectASession() {
        SimController* controller = m_bench->controller();
        QSignalSpy built(controller, &SimController::buildFinished);
        m_bench->build();
        QVERIFY(built.wait(120000));
        QVERIFY2(built.first().first().toBool(), qPrintable(built.first().at(1).toString()));
        QVERIFY(!m_inspect->dumpAndInspectAction()->isEnabled());
        controller->startSession();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::Paused, 60000);
        QVERIFY(m_inspect->dumpAndInspectAction()->isEnabled());
        QSignalSpy opened(m_inspect, &InspectorWorkbench::dumpOpened);
        m_inspect->dumpAndInspectAction()->trigger();
        QVERIFY(opened.wait(30000));
        QVERIFY(opened.first().first().toString().contains(QStringLiteral("corefile-cycle")));
        QCOMPARE(m_inspect->dump()->header().version, sim::kCoreVersion);
        QCOMPARE(m_inspect->dump()->header().cycle, quint64(controller->cycle()));
        QCOMPARE(m_inspect->dump()->header().width, 4u);
        controller->endSession();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), SimController::State::NoSession, 30000);
    }

    // One PE's chunks corrupt on disk: opening works, that PE shows its reason in place of
    // the tables, the profile counts it, and the next PE (and the views) still work; a
    // comparison with a dump whose PE has lost its SRAM skips and counts that PE.
    void corruptPeKeepsTheRestUsable() {
        const QString chunks = m_out + QStringLiteral("/chunks.cs1");
        corruptdump::corruptChunks(m_out + QStringLiteral("/corefile.cs1"), chunks, 1, 1);
        const QString sram = m_out + QStringLiteral("/sram.cs1");
        corruptdump::corruptSram(m_out + QStringLiteral("/alpha2.cs1"), sram, 2, 1);
        QString error;
        QVERIFY2(m_inspect->openDump(chunks, &error), qPrintable(error));
        PeInspector* inspector = m_inspect->inspector();
        FabricView* fabric = m_bench->fabricView();
        emit fabric->peClicked(QPoint(5, 2));
        QCOMPARE(inspector->selectedPe(), std::optional<QPoint>(QPoint(5, 2)));
        QVERIFY2(inspector->peErrorText().startsWith(
                     QStringLiteral("core dump %1: PE(5,2): chunk of").arg(chunks)),
                 qPrintable(inspector->peErrorText()));
        QVERIFY(inspector->tabs()->isHidden());
        QCOMPARE(inspector->taskModel()->rowCount(), 0);
        QCOMPARE(inspector->threadModel()->rowCount(), 0);
        QVERIFY2(m_inspect->profilePanel()->statusText().contains(
                     QStringLiteral("1 PE(s) left out as unreadable; first: core dump %1: PE(5,2)")
                         .arg(chunks)),
                 qPrintable(m_inspect->profilePanel()->statusText()));
        QVERIFY(m_inspect->profilePanel()->model()->rowCount() > 0);
        saveScreenshot(QStringLiteral("pe-inspector-corrupt-window.png"));
        // A good PE of the same dump.
        emit fabric->peClicked(QPoint(6, 2));
        QCOMPARE(inspector->selectedPe(), std::optional<QPoint>(QPoint(6, 2)));
        QVERIFY(inspector->peErrorText().isEmpty());
        QVERIFY(!inspector->tabs()->isHidden());
        QVERIFY(inspector->taskModel()->rowCount() > 0);
        QVERIFY(inspector->summaryText().contains(QStringLiteral("rectangle 2,1")));
        QVERIFY(m_inspect->heatMapPanel()->showSymbol(QStringLiteral("u"), 5));
        // Compared with a dump whose PE 6,2 lost its SRAM: skipped, counted, named.
        QVERIFY2(m_inspect->compareWith(sram, &error), qPrintable(error));
        DumpComparePanel* compare = m_inspect->comparePanel();
        QVERIFY2(compare->summaryText().contains(QStringLiteral("15 of 16 PEs differ")),
                 qPrintable(compare->summaryText()));
        QVERIFY2(compare->summaryText().contains(
                     QStringLiteral("1 PE(s) could not be compared (no value on the fabric); "
                                    "first: core dump %1: PE(6,2): ")
                         .arg(sram)),
                 qPrintable(compare->summaryText()));
        QCOMPARE(compare->unreadablePes().size(), 1);
        // The damaged dump itself, opened: the symbol heat map skips that PE and says so.
        QVERIFY2(m_inspect->openDump(sram, &error), qPrintable(error));
        QVERIFY(m_inspect->heatMapPanel()->showSymbol(QStringLiteral("u"), 5));
        QVERIFY2(m_inspect->heatMapPanel()->statusText().contains(
                     QStringLiteral("15 of 16 PEs have u[5]")),
                 qPrintable(m_inspect->heatMapPanel()->statusText()));
        QVERIFY2(m_inspect->heatMapPanel()->statusText().contains(
                     QStringLiteral("1 PE(s) skipped as unreadable; first: core dump %1: PE(6,2)")
                         .arg(sram)),
                 qPrintable(m_inspect->heatMapPanel()->statusText()));
        const FabricHeatMap* map = fabric->snapshot()->heatMap(FabricHeatMetric::Custom);
        QVERIFY(map && std::isnan(map->values[1 * 4 + 2]));
    }

    void cleanupTestCase() { m_window.reset(); }

  private:
    static QTableView* tableOf(QWidget* parent, const QAbstractItemModel* model) {
        for (QTableView* view : parent->findChildren<QTableView*>())
            if (view->model() == model)
                return view;
        return nullptr;
    }

    // Every column but the stretched last one is as wide as its header and cells need.
    static void verifyColumnsFit(QTableView* view) {
        QVERIFY(view);
        QVERIFY(view->model()->rowCount() > 0);
        columnfit::verifyColumnsFit(view, view->model()->columnCount() - 1);
    }

    void saveScreenshot(const QString& name) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        m_window->show();
        m_inspect->inspectorDock()->raise();
        m_inspect->dumpDock()->raise();
        m_window->resizeDocks({m_inspect->inspectorDock()}, {430}, Qt::Vertical);
        m_window->resizeDocks({m_inspect->dumpDock()}, {560}, Qt::Horizontal);
        m_window->resizeDocks({m_window->findChild<QDockWidget*>(QStringLiteral("fabricDock")),
                               m_inspect->dumpDock()},
                              {330, 300}, Qt::Vertical);
        QCoreApplication::processEvents();
        m_bench->fabricView()->fitFabric();
        QCoreApplication::processEvents();
        QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name));
    }

    QTemporaryDir m_tmp;
    QString m_root, m_out;
    std::shared_ptr<sim::FabricProgram> m_program;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    InspectorWorkbench* m_inspect = nullptr;
};

QTEST_MAIN(TestInspectorWorkbench)
#include "tst_inspectorworkbench.moc"
