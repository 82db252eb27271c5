// Dump comparison (fetched block by block) and the task profile over a region, also over
// dumps with one corrupt PE (skipped and counted, the rest still compared / profiled).
#include "corrupt_dump.h"
#include "dump_fixture_qt.h"
#include "widgets/inspector/DumpModels.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tessera;

class TestDumpModels : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { m_dumps = std::make_unique<dumpfixture::GridReduceDumps>(); }

    void compareFetchesInBlocks() {
        DumpCompareModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFetchRows(4);
        QVERIFY(model.setDumps(m_dumps->finished, m_dumps->otherAlpha).isEmpty());
        QCOMPARE(model.rowCount(), 0);
        model.fetchMore({});
        QVERIFY(model.rowCount() >= 4);
        QVERIFY(model.scannedPes() < 16u); // one block, not the whole grid
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.scannedPes(), 16u);
        QCOMPARE(model.differingPes(), 16u); // alpha reaches every PE: every partial differs
        bool rootAlpha = false;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QPoint pe = model.index(r, 0).data(DumpCompareModel::PeRole).toPoint();
            const QString symbol = model.index(r, DumpCompareModel::Symbol).data().toString();
            if (pe == QPoint(0, 0) && symbol == QStringLiteral("alpha")) {
                rootAlpha = true;
                QCOMPARE(model.index(r, DumpCompareModel::Pe).data().toString(),
                         QStringLiteral("4,1"));
                QCOMPARE(model.index(r, DumpCompareModel::ValueA).data().toString(),
                         QStringLiteral("1.5"));
                QCOMPARE(model.index(r, DumpCompareModel::ValueB).data().toString(),
                         QStringLiteral("2"));
                QCOMPARE(model.index(r, DumpCompareModel::FirstElement).data().toInt(), 0);
            }
        }
        QVERIFY(rootAlpha);

        const std::vector<float> grid = differenceGrid(*m_dumps->finished, *m_dumps->otherAlpha);
        QCOMPARE(grid.size(), size_t(16));
        for (float n : grid)
            QVERIFY(n >= 1);
        QVERIFY(model.setDumps(m_dumps->finished, m_dumps->finished).isEmpty());
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.differingPes(), 0u);
    }

    void refusesDumpsOfOtherRectangles() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        auto program = dumpfixture::buildTracer(dir.filePath(QStringLiteral("code")), out);
        dumpfixture::runTracer(program, out + QStringLiteral("/corefile.cs1"));
        auto tracer = std::make_shared<debug::DebugUtil>(out.toStdString());
        DumpCompareModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString error = model.setDumps(m_dumps->finished, tracer);
        QVERIFY2(error.contains(QStringLiteral("different rectangles")), qPrintable(error));
        QVERIFY(!model.canFetchMore({}));
    }

    void profileOverARegion() {
        TaskProfileModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRegion(m_dumps->finished, QRect(0, 0, 4, 4));
        QVERIFY(model.rowCount() > 0);
        quint64 activations = 0;
        for (const TaskProfileModel::Row& row : model.profile()) {
            QVERIFY(row.minCycles <= row.maxCycles);
            QVERIFY(row.activations >= quint64(row.pes));
            activations += row.activations;
            if (row.function == QStringLiteral("on_alpha"))
                QCOMPARE(row.pes, 16); // the broadcast reaches all 16 PEs
        }
        quint64 recorded = 0;
        for (uint32_t y = 0; y < 4; ++y)
            for (uint32_t x = 0; x < 4; ++x)
                recorded += m_dumps->finished->core().pe(x, y).taskActivations;
        QCOMPARE(activations, recorded);
        // Column 0 only: row_done's partial sums of column 0.
        model.setRegion(m_dumps->finished, QRect(0, 0, 1, 4));
        for (const TaskProfileModel::Row& row : model.profile())
            QVERIFY(row.pes <= 4);
        const int avgColumn = TaskProfileModel::AvgCycles;
        QVERIFY(model.index(0, avgColumn).data().toDouble() > 0);
        model.setRegion(m_dumps->finished, QRect(10, 10, 2, 2)); // outside: empty
        QCOMPARE(model.rowCount(), 0);
    }

    // B's PE (2,1) has its SRAM pages past the end of the file: that PE is skipped in the
    // table and NaN in the grid, each with the reason; the other 15 PEs still differ.
    void compareSkipsACorruptPe() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alpha2-bad.core"));
        corruptdump::corruptSram(m_dumps->dir.filePath(QStringLiteral("alpha2.core")), path, 2, 1);
        auto bad = std::make_shared<debug::DebugUtil>(m_dumps->program, path.toStdString());
        DumpCompareModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setDumps(m_dumps->finished, bad).isEmpty());
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.scannedPes(), 16u);
        QCOMPARE(model.faultyPes(), 1u);
        QCOMPARE(model.differingPes(), 15u);
        const QString expected = QStringLiteral("core dump %1: PE(6,2): ").arg(path);
        QVERIFY2(model.firstFault().startsWith(expected), qPrintable(model.firstFault()));
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.index(r, 0).data(DumpCompareModel::PeRole).toPoint() != QPoint(2, 1));
        QStringList faults;
        const std::vector<float> grid = differenceGrid(*m_dumps->finished, *bad, &faults);
        QCOMPARE(faults.size(), 1);
        QVERIFY2(faults.first().startsWith(expected), qPrintable(faults.first()));
        QVERIFY(std::isnan(grid[1 * 4 + 2]));
        QVERIFY(grid[0] > 0);
        // A new pair clears the count.
        QVERIFY(model.setDumps(m_dumps->finished, m_dumps->otherAlpha).isEmpty());
        QCOMPARE(model.faultyPes(), 0u);
        QVERIFY(model.firstFault().isEmpty());
    }

    void profileSkipsACorruptPe() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("chunks.core"));
        corruptdump::corruptChunks(m_dumps->out + QStringLiteral("/corefile.cs1"), path, 1, 1);
        auto dump = std::make_shared<debug::DebugUtil>(m_dumps->program, path.toStdString());
        TaskProfileModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRegion(dump, QRect(0, 0, 4, 4));
        QCOMPARE(model.faultyPes(), 1);
        QVERIFY2(model.firstFault().startsWith(
                     QStringLiteral("core dump %1: PE(5,2): chunk of").arg(path)),
                 qPrintable(model.firstFault()));
        bool alpha = false;
        for (const TaskProfileModel::Row& row : model.profile())
            if (row.function == QStringLiteral("on_alpha")) {
                QCOMPARE(row.pes, 15); // every PE but the corrupt one
                alpha = true;
            }
        QVERIFY(alpha);
        // A region without the corrupt PE has nothing to skip.
        model.setRegion(dump, QRect(0, 0, 1, 4));
        QCOMPARE(model.faultyPes(), 0);
        QVERIFY(model.firstFault().isEmpty());
        QVERIFY(model.rowCount() > 0);
    }

  private:
    std::unique_ptr<dumpfixture::GridReduceDumps> m_dumps;
};

QTEST_MAIN(TestDumpModels)
#include "tst_dumpmodels.moc"
