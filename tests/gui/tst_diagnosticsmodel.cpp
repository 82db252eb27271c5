// DiagnosticsModel: rows per file, revision tagging (stale batches dropped), build
// results, under QAbstractItemModelTester.
#include "widgets/models/DiagnosticsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tessera;

namespace {
DiagnosticItem error(const QString& file, int line, const QString& message) {
    return {DiagnosticItem::Severity::Error, file, line, 1, message};
}
} // namespace

class TestDiagnosticsModel : public QObject {
    Q_OBJECT
  private slots:
    void fileBatchesReplaceOnlyThatFile() {
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setFileDiagnostics("/p/a.csl", 1,
                                         {error("", 3, "bad a"), error("", 4, "worse a")}));
        QVERIFY(model.setFileDiagnostics("/p/b.csl", 1, {error("", 7, "bad b")}));
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.setFileDiagnostics("/p/a.csl", 2, {error("", 9, "new a")}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.itemsForFile("/p/a.csl").size(), 1);
        QCOMPARE(model.itemsForFile("/p/a.csl").first().line, 9);
        QCOMPARE(model.itemsForFile("/p/b.csl").first().message, QString("bad b"));
        const QModelIndex msg = model.index(0, DiagnosticsModel::MessageColumn);
        QVERIFY(!model.data(msg).toString().isEmpty());
        QCOMPARE(model.data(model.index(0, DiagnosticsModel::FileColumn)).toString(),
                 QString("b.csl"));
        QCOMPARE(model.count(DiagnosticItem::Severity::Error), 2);
    }

    void staleBatchIsDropped() {
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &DiagnosticsModel::fileDiagnosticsChanged);
        QVERIFY(model.setFileDiagnostics("/p/a.csl", 5, {error("", 1, "x")}));
        // The text changes: revision 6; the old rows go away at once.
        model.setDocumentRevision("/p/a.csl", 6);
        QCOMPARE(model.rowCount(), 0);
        // A slow check of revision 5 arrives late: dropped.
        QVERIFY(!model.setFileDiagnostics("/p/a.csl", 5, {error("", 1, "late")}));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.setFileDiagnostics("/p/a.csl", 6, {error("", 2, "fresh")}));
        QCOMPARE(model.item(0).message, QString("fresh"));
        QVERIFY(changed.count() >= 3);
    }

    void buildDiagnosticsSkipFilesChangedSince() {
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocumentRevision("/p/a.csl", 3);
        model.setDocumentRevision("/p/b.csl", 1);
        // The build read a.csl at revision 2 (it changed since) and b.csl at revision 1.
        model.setBuildDiagnostics({error("/p/a.csl", 1, "old"), error("/p/b.csl", 2, "current")},
                                  {{"/p/a.csl", 2}, {"/p/b.csl", 1}});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.item(0).file, QString("/p/b.csl"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestDiagnosticsModel)
#include "tst_diagnosticsmodel.moc"
