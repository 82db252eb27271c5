// ProjectTreeModel under QAbstractItemModelTester: hidden and generated entries are
// filtered, folders sort first, the layout file is bold.

#include "widgets/models/ProjectTreeModel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileSystemModel>
#include <QFont>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using tessera::ProjectTreeModel;

namespace {
void touch(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
}
QStringList childNames(const ProjectTreeModel& model, const QModelIndex& parent) {
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}
} // namespace

class TestProjectTreeModel : public QObject {
    Q_OBJECT

  private slots:
    void filtersSortsAndMarksLayout() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char* name :
             {"layout.csl", "pe_program.csl", "run.py", ".hidden", "__pycache__/x.pyc",
              "simfab_traces/t.ctf", "out/out.json", "src/helper.csl"})
            touch(dir.filePath(QString::fromLatin1(name)));

        ProjectTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* files = qobject_cast<QFileSystemModel*>(model.sourceModel());
        QVERIFY(files);
        QSignalSpy loaded(files, &QFileSystemModel::directoryLoaded);
        // Proxy indexes move when the model sorts; keep persistent ones.
        const QPersistentModelIndex root = model.setRootPath(dir.path());
        QVERIFY(root.isValid());
        // Folders beside the project (other temporary dirs) are not listed.
        QCOMPARE(model.rowCount(root.parent()), 1);

        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(root), 5, 5000);
        QCOMPARE(
            childNames(model, root),
            (QStringList{QStringLiteral("out"), QStringLiteral("src"), QStringLiteral("layout.csl"),
                         QStringLiteral("pe_program.csl"), QStringLiteral("run.py")}));

        const QPersistentModelIndex layout =
            model.index(dir.filePath(QStringLiteral("layout.csl")));
        QVERIFY(layout.isValid());
        QVERIFY(!layout.data(Qt::FontRole).value<QFont>().bold());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLayoutFile(dir.filePath(QStringLiteral("layout.csl")));
        QCOMPARE(changed.count(), 1);
        QVERIFY(layout.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!layout.data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(model.filePath(layout), dir.filePath(QStringLiteral("layout.csl")));
        QVERIFY(!model.isDir(layout));

        // A subfolder is listed when expanded, with the same filter.
        const QPersistentModelIndex src = model.index(dir.filePath(QStringLiteral("src")));
        QVERIFY(model.isDir(src));
        model.fetchMore(src);
        QTRY_COMPARE_WITH_TIMEOUT(childNames(model, src), QStringList{QStringLiteral("helper.csl")},
                                  5000);

        // New files appear.
        touch(dir.filePath(QStringLiteral("notes.md")));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(root), 6, 5000);

        // Moving the layout mark unbolds the old file.
        model.setLayoutFile(dir.filePath(QStringLiteral("pe_program.csl")));
        QVERIFY(!layout.data(Qt::FontRole).value<QFont>().bold());
    }
};

QTEST_MAIN(TestProjectTreeModel)
#include "tst_projecttreemodel.moc"
