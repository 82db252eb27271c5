// The windowed SRAM model: rows fetched in blocks, typed cells, symbols overlaid.
#include "dump_fixture_qt.h"
#include "widgets/inspector/SramModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QTest>

using namespace tessera;

class TestSramModel : public QObject {
    Q_OBJECT
  private slots:
    void windowedTypedView() {
        dumpfixture::GridReduceDumps dumps;
        SramModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
        model.setPe(dumps.finished, QPoint(1, 2));
        QCOMPARE(model.rowCount(), SramModel::kFetchRows);
        QVERIFY(model.canFetchMore({}));
        QCOMPARE(model.columnCount(), 18); // address, 16 bytes, symbols

        const sim::Symbol* u = debug::findSymbol(dumps.finished->classAt(1, 2), "u");
        QVERIFY(u);
        model.setFormat(SramModel::Format::F32);
        QCOMPARE(model.columnCount(), 6);
        const QModelIndex first = model.indexOfAddress(u->address + 4); // u[1]
        QVERIFY(first.isValid());
        QCOMPARE(first.data().toString(), QStringLiteral("0.125"));
        QCOMPARE(first.data(SramModel::SymbolRole).toString(), QStringLiteral("u"));
        QVERIFY(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("u[1]")));
        QVERIFY(first.data(Qt::BackgroundRole).value<QColor>().isValid());
        QVERIFY(model.index(first.row(), model.columnCount() - 1)
                    .data()
                    .toString()
                    .contains(QStringLiteral("u")));

        // The last byte of SRAM: fetching pages the rest in, block by block.
        const QModelIndex last = model.indexOfAddress(48 * 1024 - 4);
        QVERIFY(last.isValid());
        QCOMPARE(model.rowCount(), SramModel::kTotalRows);
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(!model.indexOfAddress(48 * 1024).isValid());

        model.setFormat(SramModel::Format::Hex8);
        const QModelIndex byte = model.indexOfAddress(u->address + 4 + 3); // top byte of 0.125f
        QCOMPARE(byte.data().toString(), QStringLiteral("3e"));
        model.setFormat(SramModel::Format::U16);
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("+2"));
    }
};

QTEST_MAIN(TestSramModel)
#include "tst_srammodel.moc"
