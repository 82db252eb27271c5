// The per-PE models of the inspector (widgets/inspector/PeModels.h) over grid-reduce
// dumps, each under QAbstractItemModelTester.
#include "corrupt_dump.h"
#include "dump_fixture_qt.h"
#include "tests/sim/program_builder.h"
#include "widgets/inspector/PeInspector.h"
#include "widgets/inspector/PeModels.h"
#include "widgets/inspector/SramModel.h"

#include <QAbstractItemModelTester>
#include <QTabWidget>
#include <QTest>

using namespace tessera;

class TestPeModels : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { m_dumps = std::make_unique<dumpfixture::GridReduceDumps>(); }

    void tasksOfTheRoot() {
        PeTaskModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setPe(m_dumps->finished, QPoint(0, 0));
        QVERIFY(model.rowCount() >= 5); // alpha, east sum, row done, south sum, col done, launch
        QStringList functions;
        for (int r = 0; r < model.rowCount(); ++r)
            functions << model.index(r, PeTaskModel::Function).data().toString();
        QVERIFY2(functions.contains(QStringLiteral("on_alpha")), qPrintable(functions.join(',')));
        QVERIFY(functions.contains(QStringLiteral("row_done")));
        // on_alpha ran once on the root, and its self cycles are accounted.
        const int alpha = int(functions.indexOf(QStringLiteral("on_alpha")));
        QCOMPARE(model.index(alpha, PeTaskModel::Activations).data().toULongLong(), 1ull);
        QVERIFY(model.index(alpha, PeTaskModel::SelfCycles).data().toULongLong() > 0);
        QCOMPARE(model.index(alpha, PeTaskModel::Kind).data().toString(), tr("data"));
        // A finished run: on_alpha blocked itself, nothing runs.
        QVERIFY(model.index(alpha, PeTaskModel::State).data().toString().contains(tr("blocked")));
        model.setPe(m_dumps->finished, QPoint(9, 9)); // outside: empty, no throw
        QCOMPARE(model.rowCount(), 0);
    }

    // The compiler's internal name of a class's global initializers never reaches a view.
    void globalInitializersAreNamedInWords() {
        QCOMPARE(functionDisplayName(sim::kGlobalInitFunctionName), tr("global initializers"));
        QCOMPARE(functionDisplayName("on_alpha"), QStringLiteral("on_alpha"));
        PeTaskModel model;
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) {
                model.setPe(m_dumps->finished, QPoint(x, y));
                for (int r = 0; r < model.rowCount(); ++r) {
                    const QString fn = model.index(r, PeTaskModel::Function).data().toString();
                    QVERIFY2(!fn.startsWith(QLatin1Char('$')), qPrintable(fn));
                }
            }
    }

    void pausedPeShowsRunningTaskAndFrames() {
        PeTaskModel tasks;
        PeThreadModel threads;
        QAbstractItemModelTester t1(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&threads,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool found = false;
        for (int y = 0; y < 4 && !found; ++y)
            for (int x = 0; x < 4 && !found; ++x) {
                if (m_dumps->paused->core().pe(uint32_t(x), uint32_t(y)).frameDepth == 0)
                    continue;
                found = true;
                tasks.setPe(m_dumps->paused, QPoint(x, y));
                threads.setPe(m_dumps->paused, QPoint(x, y));
                bool running = false;
                for (const debug::TaskRow& row : tasks.tasks())
                    running = running || row.running;
                QVERIFY(running);
                QVERIFY(threads.rowCount() >= 1);
                const QModelIndex frame = threads.index(0, PeThreadModel::Source);
                QVERIFY2(frame.data().toString().contains(QStringLiteral(".csl:")),
                         qPrintable(frame.data().toString()));
                QVERIFY(frame.data(PeThreadModel::LineRole).toInt() > 0);
            }
        QVERIFY(found);
    }

    void queuesListEveryWavelet() {
        PeQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) {
                model.setPe(m_dumps->paused, QPoint(x, y));
                for (const PeQueueModel::Row& row : model.queues())
                    QCOMPARE(int(row.payloads.size()), row.fill);
            }
        model.setPe(m_dumps->finished, QPoint(1, 1));
        QCOMPARE(model.rowCount(), 0); // a finished run leaves no wavelets behind
    }

    // A dump's task priorities and paused microthreads (the THRD chunk) show in the task
    // states and the thread rows; a FIFO's fill and pending event in the queue rows.
    void prioritiesPausedMicrothreadsAndFifos() {
        QTemporaryDir dir;
        const std::string core = dir.filePath(QStringLiteral("threads.core")).toStdString();
        sim::CodeClass cls;
        simtest::FnBuilder init("init", 0, 2);
        init.imm(1, sim::ScalarType::U16, 1);
        init.imm(0, sim::ScalarType::U16, 12).builtin(sim::BuiltinId::SetTaskPriority, 0, 2);
        init.imm(0, sim::ScalarType::U16, 5).builtin(sim::BuiltinId::BlockMicrothread, 0, 1);
        init.ret();
        cls.functions.push_back(init.build());
        cls.functions.push_back(simtest::FnBuilder("worker", 0, 1).ret().build());
        cls.tasks[12].kind = sim::TaskKind::Local;
        cls.tasks[12].function = 1;
        cls.tasks[13].kind = sim::TaskKind::Local;
        cls.tasks[13].function = 1;
        cls.initFunction = 0;
        auto program = simtest::makeProgram(cls, 1, 1, sim::Arch::Wse3);
        sim::Fabric fabric(program);
        QCOMPARE(fabric.runUntilIdle().status, sim::RunStatus::Idle);
        fabric.dumpCore(core);
        const auto dump = std::make_shared<debug::DebugUtil>(program, core);
        PeTaskModel tasks;
        QAbstractItemModelTester t1(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tasks.setPe(dump, QPoint(0, 0));
        QStringList states;
        for (int r = 0; r < tasks.rowCount(); ++r)
            states << tasks.index(r, PeTaskModel::Id).data().toString() + QLatin1Char('=') +
                          tasks.index(r, PeTaskModel::State).data().toString();
        QVERIFY2(states.contains(tr("12=high priority")),
                 qPrintable(states.join(QLatin1Char(';'))));
        QVERIFY2(!states.join(QLatin1Char(';')).contains(QStringLiteral("13=high")),
                 qPrintable(states.join(QLatin1Char(';'))));
        PeThreadModel threads;
        QAbstractItemModelTester t2(&threads,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        threads.setPe(dump, QPoint(0, 0));
        QCOMPARE(threads.rowCount(), 1);
        QCOMPARE(threads.index(0, PeThreadModel::Thread).data().toString(),
                 tr("microthread %1").arg(5));
        QCOMPARE(threads.index(0, PeThreadModel::What).data().toString(), tr("paused by @block"));
        // A FIFO holding 3 elements whose last pop found it empty.
        const std::string fifoCore = dir.filePath(QStringLiteral("fifo.core")).toStdString();
        sim::CorePeDetails details;
        details.fifos = {{1, 2, 3, 0, 0, 1, 0, {}}};
        const std::vector<uint8_t> chunks = sim::encodeCoreChunks(details);
        sim::writeCoreDump(
            fifoCore, sim::coreHeaderOf(*program), std::vector<sim::CorePeRecord>(1),
            [](uint32_t) { return nullptr; }, [&](uint32_t) { return chunks; });
        PeQueueModel queues;
        QAbstractItemModelTester t3(&queues,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        queues.setPe(std::make_shared<debug::DebugUtil>(program, fifoCore), QPoint(0, 0));
        QCOMPARE(queues.rowCount(), 1);
        QCOMPARE(queues.index(0, PeQueueModel::Queue).data().toString(), tr("FIFO %1").arg(1));
        QCOMPARE(queues.index(0, PeQueueModel::Fill).data().toInt(), 3);
        QVERIFY(
            queues.index(0, PeQueueModel::Contents)
                .data()
                .toString()
                .contains(tr("(a pop found it empty: the next push activates .activate_push)")));
        const QString shots = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            const std::pair<QString, std::shared_ptr<const debug::DebugUtil>> shown[] = {
                {QStringLiteral("threads"), dump},
                {QStringLiteral("fifo"), std::make_shared<debug::DebugUtil>(program, fifoCore)}};
            for (const auto& [name, which] : shown)
                saveInspectorTabs(which, shots, name);
        }
    }

    // Every tab of an inspector on the dump's PE(4,1), saved as pe-inspector-<name>-tabN.png.
    static void saveInspectorTabs(const std::shared_ptr<const debug::DebugUtil>& dump,
                                  const QString& dir, const QString& name) {
        PeInspector inspector;
        inspector.resize(700, 320);
        inspector.setDump(dump);
        QVERIFY(inspector.selectPe(QPoint(4, 1)));
        inspector.show();
        for (int tab = 0; tab < inspector.tabs()->count(); ++tab) {
            inspector.tabs()->setCurrentIndex(tab);
            QVERIFY(inspector.grab().save(
                dir + QStringLiteral("/pe-inspector-%1-tab%2.png").arg(name).arg(tab)));
        }
    }

    void symbolsWithTypedValues() {
        PeSymbolModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPe(m_dumps->finished, QPoint(2, 1));
        const int u = model.rowOf(QStringLiteral("u"));
        QVERIFY(u >= 0);
        QCOMPARE(model.index(u, PeSymbolModel::Type).data().toString(), QStringLiteral("f32"));
        QCOMPARE(model.index(u, PeSymbolModel::Elements).data().toInt(), 16);
        QVERIFY2(model.index(u, PeSymbolModel::Value)
                     .data()
                     .toString()
                     .startsWith(QStringLiteral("[0.0625, 0.125, 0.1875")),
                 qPrintable(model.index(u, PeSymbolModel::Value).data().toString()));
        QVERIFY(
            model.index(u, PeSymbolModel::Value).data().toString().endsWith(QStringLiteral("…]")));
        // Rows are in address order.
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, 0).data(PeSymbolModel::AddressRole).toUInt() <=
                    model.index(r, 0).data(PeSymbolModel::AddressRole).toUInt());
    }

    void tracesOfOurTracer() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        auto program = dumpfixture::buildTracer(dir.filePath(QStringLiteral("code")), out);
        dumpfixture::runTracer(program, out + QStringLiteral("/corefile.cs1"));
        auto dump = std::make_shared<debug::DebugUtil>(out.toStdString());
        PeTraceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPe(dump, QPoint(0, 0));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, PeTraceModel::Key).data().toString(), QStringLiteral("steps"));
        QCOMPARE(model.index(0, PeTraceModel::Value).data().toString(), QStringLiteral("start"));
        QCOMPARE(model.index(3, PeTraceModel::Value).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(4, PeTraceModel::Type).data().toString(), QStringLiteral("float"));
        QVERIFY(model.error().isEmpty());

        // The same core read in layout coordinates (an SdkLayout program's): the model asks
        // for the PE in those, not at the fabric offset (which was past the rectangle).
        auto layoutDump = std::make_shared<debug::DebugUtil>(
            program, (out + QStringLiteral("/corefile.cs1")).toStdString(),
            debug::Coordinates::Layout);
        PeTraceModel layoutModel;
        QAbstractItemModelTester layoutTester(
            &layoutModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
        layoutModel.setPe(layoutDump, QPoint(0, 0));
        QVERIFY2(layoutModel.error().isEmpty(), qPrintable(layoutModel.error()));
        QCOMPARE(layoutModel.rowCount(), 5);
        QCOMPARE(layoutModel.index(3, PeTraceModel::Value).data().toString(), QStringLiteral("2"));
        if (const QString shots = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR"); !shots.isEmpty())
            saveInspectorTabs(layoutDump, shots, QStringLiteral("layout-coordinates"));
    }

    // A PE whose chunk list is corrupt on disk: the models that read it are empty with a
    // reason naming the file and the PE (fabric coordinates); the next PE still loads.
    void corruptChunksLeaveThatPeEmpty() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("chunks.core"));
        corruptdump::corruptChunks(m_dumps->out + QStringLiteral("/corefile.cs1"), path, 1, 1);
        auto dump = std::make_shared<debug::DebugUtil>(m_dumps->program, path.toStdString());
        const QString expected = QStringLiteral("core dump %1: PE(5,2): chunk of").arg(path);
        PeTaskModel tasks;
        PeQueueModel queues;
        PeThreadModel threads;
        const QList<PeTableModel*> models{&tasks, &queues, &threads};
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (PeTableModel* m : models)
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        for (PeTableModel* m : models) {
            m->setPe(dump, QPoint(0, 0)); // rows first, so the failing reset must drop them
            QVERIFY(m->loadError().isEmpty());
            m->setPe(dump, QPoint(1, 1));
            QCOMPARE(m->rowCount(), 0);
            QVERIFY(!m->dump());
            QVERIFY2(m->loadError().startsWith(expected), qPrintable(m->loadError()));
            QVERIFY2(m->loadError().endsWith(QStringLiteral("does not fit")),
                     qPrintable(m->loadError()));
        }
        QVERIFY(tasks.rowCount() == 0 && threads.rowCount() == 0);
        // The good PE of the same file.
        for (PeTableModel* m : models)
            m->setPe(dump, QPoint(0, 0));
        QVERIFY(tasks.loadError().isEmpty());
        QVERIFY(tasks.rowCount() >= 5);
        QCOMPARE(tasks.dump(), dump);
    }

    // A PE whose SRAM pages point past the end of the file: the symbol and memory views
    // of that PE are empty with the reason; the other PEs read their SRAM as before.
    void corruptSramLeavesThatPeEmpty() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sram.core"));
        corruptdump::corruptSram(m_dumps->out + QStringLiteral("/corefile.cs1"), path, 2, 1);
        auto dump = std::make_shared<debug::DebugUtil>(m_dumps->program, path.toStdString());
        PeSymbolModel symbols;
        SramModel sram;
        QAbstractItemModelTester t1(&symbols,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&sram, QAbstractItemModelTester::FailureReportingMode::QtTest);
        symbols.setPe(dump, QPoint(0, 0));
        sram.setPe(dump, QPoint(0, 0));
        QVERIFY(symbols.rowCount() > 0 && sram.rowCount() > 0);
        symbols.setPe(dump, QPoint(2, 1));
        sram.setPe(dump, QPoint(2, 1));
        QCOMPARE(symbols.rowCount(), 0);
        QCOMPARE(sram.rowCount(), 0);
        QVERIFY(!sram.canFetchMore({}));
        const QString expected = QStringLiteral("core dump %1: PE(6,2): ").arg(path);
        QVERIFY2(symbols.loadError().startsWith(expected), qPrintable(symbols.loadError()));
        QVERIFY2(symbols.loadError().contains(QStringLiteral("SRAM page missing")),
                 qPrintable(symbols.loadError()));
        QVERIFY2(sram.loadError().startsWith(expected), qPrintable(sram.loadError()));
        symbols.setPe(dump, QPoint(3, 1));
        sram.setPe(dump, QPoint(3, 1));
        QVERIFY(symbols.loadError().isEmpty() && sram.loadError().isEmpty());
        QVERIFY(symbols.rowOf(QStringLiteral("alpha")) >= 0);
        QVERIFY(!sram.index(0, 1).data().toString().isEmpty());
    }

    // The inspector widget: the bad PE's message replaces the tables; selecting a good PE
    // brings them back with its state.
    void inspectorShowsTheCorruptPe() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("chunks.core"));
        corruptdump::corruptChunks(m_dumps->out + QStringLiteral("/corefile.cs1"), path, 1, 1);
        auto dump = std::make_shared<debug::DebugUtil>(m_dumps->program, path.toStdString());
        PeInspector inspector;
        inspector.resize(700, 420);
        inspector.setDump(dump);
        QVERIFY(inspector.selectPe(QPoint(5, 2)));
        QCOMPARE(inspector.selectedPe(), std::optional<QPoint>(QPoint(5, 2)));
        QVERIFY2(inspector.peErrorText().startsWith(
                     QStringLiteral("core dump %1: PE(5,2): chunk of").arg(path)),
                 qPrintable(inspector.peErrorText()));
        QVERIFY(inspector.tabs()->isHidden());
        QCOMPARE(inspector.taskModel()->rowCount(), 0);
        QVERIFY2(inspector.summaryText().contains(QStringLiteral("PE 5,2 cannot be shown")),
                 qPrintable(inspector.summaryText()));
        const QString shots = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            inspector.show();
            QVERIFY(inspector.grab().save(shots + QStringLiteral("/pe-inspector-corrupt.png")));
        }
        QVERIFY(inspector.selectPe(QPoint(4, 1)));
        QVERIFY(inspector.peErrorText().isEmpty());
        QVERIFY(!inspector.tabs()->isHidden());
        QVERIFY(inspector.taskModel()->rowCount() >= 5);
        QVERIFY2(inspector.summaryText().startsWith(QStringLiteral("PE 4,1")),
                 qPrintable(inspector.summaryText()));
    }

  private:
    std::unique_ptr<dumpfixture::GridReduceDumps> m_dumps;
};

QTEST_MAIN(TestPeModels)
#include "tst_pemodels.moc"
