// SDK-style program folders (no tessera.json, a commands_wse2.sh) opened in the IDE: the
// build takes the script's params, fabric and colors, succeeds like the script does, and
// the fabric view shows the program's rectangle, routes and code classes, and run.py
// passes from the Run menu. Uses the
// programs of tests/examples, copied to a temporary folder.
// With TESSERA_SCREENSHOT_DIR set, saves sdk-folder-<name>.png (the window after the build).
#include "app/IdeWorkbench.h"
#include "app/InspectorWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/CompileLog.h"
#include "widgets/EditorPane.h"
#include "widgets/SimControls.h"
#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/models/DiagnosticsModel.h"

#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

namespace {

// Copies the files of tests/examples/<name> (not the out folder) into `target`.
QString copyProgram(const QString& name, const QString& target) {
    const QDir source(QStringLiteral(TESSERA_SOURCE_DIR "/tests/examples/") + name);
    if (!source.exists())
        return source.path() + QStringLiteral(" does not exist");
    QDirIterator files(source.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        const QString relative = source.relativeFilePath(file);
        if (relative.startsWith(QLatin1String("out/")))
            continue;
        const QString copy = QDir(target).filePath(relative);
        QDir().mkpath(QFileInfo(copy).absolutePath());
        if (!QFile::copy(file, copy))
            return QStringLiteral("cannot copy ") + file;
    }
    return {};
}

} // namespace

class TestSdkFolders : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void buildShowsTheProgram_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QRect>("rectangle");
        QTest::addColumn<bool>("routed"); // sets color configs (stream-modes uses memcpy's)
        QTest::newRow("wide-grid-reduce")
            << QStringLiteral("wide-grid-reduce") << QRect(4, 1, 32, 16) << true;
        QTest::newRow("cannon-matmul")
            << QStringLiteral("cannon-matmul") << QRect(4, 1, 3, 3) << true;
        QTest::newRow("switch-dealer")
            << QStringLiteral("switch-dealer") << QRect(4, 1, 5, 1) << true;
        QTest::newRow("teardown-reroute")
            << QStringLiteral("teardown-reroute") << QRect(4, 1, 4, 1) << true;
        QTest::newRow("jacobi-2d") << QStringLiteral("jacobi-2d") << QRect(4, 1, 4, 3) << true;
        QTest::newRow("stream-modes")
            << QStringLiteral("stream-modes") << QRect(4, 1, 3, 2) << false;
        // Flags the defaults lack: memcpy buffer columns and three channels, --import-path.
        QTest::newRow("async-host-channels")
            << QStringLiteral("async-host-channels") << QRect(6, 1, 5, 3) << false;
        QTest::newRow("module-params")
            << QStringLiteral("module-params") << QRect(4, 1, 4, 2) << false;
        QTest::newRow("stream-sinks")
            << QStringLiteral("stream-sinks") << QRect(4, 1, 4, 3) << false;
        QTest::newRow("collectives-grid")
            << QStringLiteral("collectives-grid") << QRect(4, 1, 5, 4) << true;
        QTest::newRow("debug-inspect")
            << QStringLiteral("debug-inspect") << QRect(4, 1, 4, 2) << false;
    }

    void buildShowsTheProgram() {
        QFETCH(QString, name);
        QFETCH(QRect, rectangle);
        QFETCH(bool, routed);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.filePath(name);
        QString error = copyProgram(name, root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        std::unique_ptr<MainWindow> window;
        error = examplewindow::openWindow(root, &window, QSize(1366, 768));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        IdeWorkbench* bench = window->workbench();

        QSignalSpy finished(bench->controller(), &SimController::buildFinished);
        bench->build();
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(bench->compileLog()->logText()));
        QCOMPARE(bench->diagnostics()->rowCount(), 0);

        const auto snapshot = bench->fabricView()->snapshot();
        QVERIFY(snapshot);
        QCOMPARE(snapshot->rectangle(), rectangle);
        QVERIFY(snapshot->memcpy);
        QCOMPARE(!snapshot->routes.empty(), routed);
        for (int y = 0; y < rectangle.height(); ++y)
            for (int x = 0; x < rectangle.width(); ++x)
                QVERIFY2(snapshot->codeClassAt(rectangle.topLeft() + QPoint(x, y)) !=
                             FabricSnapshot::kNoCode,
                         qPrintable(QStringLiteral("PE %1,%2 has no code").arg(x).arg(y)));

        // Run > Run Host Script: run.py against the build, as the script's cs_python line.
        QSignalSpy ran(bench->controller(), &SimController::scriptFinished);
        bench->runScript();
        QVERIFY(ran.wait(180000));
        QVERIFY2(bench->runConsole()->outputText().contains(QStringLiteral("SUCCESS!")),
                 qPrintable(bench->runConsole()->outputText()));

        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            window->show();
            QCoreApplication::processEvents();
            QVERIFY(window->grab().save(QStringLiteral("%1/sdk-folder-%2.png").arg(dir, name)));
        }
    }

    // cannon-matmul's `multiply` (no arguments) in a session from the Simulation dock:
    // started paused, stepped, run to its end, the fabric showing the 3x3 PEs' activity.
    void sessionSteps() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.filePath(QStringLiteral("cannon-matmul"));
        QString error = copyProgram(QStringLiteral("cannon-matmul"), root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        std::unique_ptr<MainWindow> window;
        error = examplewindow::openWindow(root, &window, QSize(1366, 768));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        IdeWorkbench* bench = window->workbench();
        QSignalSpy built(bench->controller(), &SimController::buildFinished);
        bench->build();
        QVERIFY(built.wait(120000));
        QVERIFY(built.first().first().toBool());

        SimControls* controls = bench->simControls();
        QCOMPARE(controls->launchFunction(), QStringLiteral("multiply"));
        auto* start = controls->findChild<QPushButton*>(QStringLiteral("startSessionButton"));
        QVERIFY(start && start->isEnabled());
        start->click();
        QTRY_VERIFY2_WITH_TIMEOUT(controls->state() == SimControls::State::Paused,
                                  qPrintable(controls->statusText()), 30000);
        const quint64 before = bench->controller()->cycle();
        controls->stepNButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(bench->controller()->cycle(),
                                  before + quint64(controls->stepCount()), 10000);
        controls->runButton()->click();
        QTRY_VERIFY2_WITH_TIMEOUT(controls->state() == SimControls::State::Finished,
                                  qPrintable(controls->statusText()), 30000);
        const auto snapshot = bench->fabricView()->snapshot();
        QVERIFY(snapshot);
        QCOMPARE(snapshot->rectangle(), QRect(4, 1, 3, 3));
        QVERIFY(snapshot->heatMap(FabricHeatMetric::Instructions));
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            window->show();
            QCoreApplication::processEvents();
            QVERIFY(window->grab().save(dir + QStringLiteral("/sdk-folder-cannon-session.png")));
        }
    }

    // A commands script the IDE cannot read says so when the folder opens, instead of a
    // later build failing on params that have no value.
    void unreadableCommandsScriptIsReported() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QFile layout(tmp.filePath(QStringLiteral("layout.csl")));
        QVERIFY(layout.open(QIODevice::WriteOnly));
        layout.write("param n: u16;\nlayout {\n  @set_rectangle(n, 1);\n}\n");
        layout.close();
        QFile script(tmp.filePath(QStringLiteral("commands_wse2.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("cslc ./layout.csl --fabric-dims=seven -o out\n");
        script.close();
        std::unique_ptr<MainWindow> window;
        const QString error = examplewindow::openWindow(tmp.path(), &window);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString message = window->statusBar()->currentMessage();
        QVERIFY2(message.startsWith(QStringLiteral("commands_wse2.sh: line 1: ")),
                 qPrintable(message));
    }

    // Run > Run Host Script runs the script the commands script names, with its own
    // arguments (game-of-life's `cs_python run.py --name out --iters 10` lost --iters).
    void runPassesTheCommandsScriptArguments() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.filePath(QStringLiteral("tsc-relay"));
        QString error = copyProgram(QStringLiteral("tsc-relay"), root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile script(QDir(root).filePath(QStringLiteral("commands_wse2.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
        script.write("cslc --arch=wse2 ./layout.csl --fabric-dims=11,3 --fabric-offsets=4,1 \\\n"
                     "  --params=width:4,len:24 -o out --memcpy --channels 1\n"
                     "cs_python ./host.py --name out --rounds 3 --label 'two words'\n");
        script.close();
        QFile host(QDir(root).filePath(QStringLiteral("host.py")));
        QVERIFY(host.open(QIODevice::WriteOnly));
        host.write("import sys\nprint('ARGS ' + '|'.join(sys.argv[1:]))\n");
        host.close();
        std::unique_ptr<MainWindow> window;
        error = examplewindow::openWindow(root, &window);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        IdeWorkbench* bench = window->workbench();
        QSignalSpy built(bench->controller(), &SimController::buildFinished);
        bench->build();
        QVERIFY(built.wait(120000));
        QVERIFY2(built.first().first().toBool(), qPrintable(bench->compileLog()->logText()));
        QSignalSpy ran(bench->controller(), &SimController::scriptFinished);
        bench->runScript();
        QVERIFY(ran.wait(60000));
        const QString output = bench->runConsole()->outputText();
        QVERIFY2(output.contains(QStringLiteral("ARGS --rounds|3|--label|two words|--name|out")),
                 qPrintable(output));
    }

    // `tessera <project>/out/corefile.cs1` (the dump run.py's stop() writes) opens the dump
    // views with that project, not the binary file as text in an editor tab.
    void coreDumpOpensWithItsProject() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.filePath(QStringLiteral("debug-inspect"));
        QString error = copyProgram(QStringLiteral("debug-inspect"), root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        {
            std::unique_ptr<MainWindow> builder;
            error = examplewindow::openWindow(root, &builder);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QSignalSpy built(builder->workbench()->controller(), &SimController::buildFinished);
            builder->workbench()->build();
            QVERIFY(built.wait(120000));
            QSignalSpy ran(builder->workbench()->controller(), &SimController::scriptFinished);
            builder->workbench()->runScript();
            QVERIFY(ran.wait(180000));
        }
        const QString dump = root + QStringLiteral("/out/corefile.cs1");
        QVERIFY2(QFileInfo::exists(dump), qPrintable(dump));

        MainWindow window;
        auto* inspector = window.findChild<InspectorWorkbench*>();
        QVERIFY(inspector);
        QVERIFY2(inspector->openDumpWithProject(dump, &error), qPrintable(error));
        QVERIFY(inspector->dump());
        QVERIFY(window.project());
        QCOMPARE(QFileInfo(window.project()->rootDir()).canonicalFilePath(),
                 QFileInfo(root).canonicalFilePath());
        const auto snapshot = window.workbench()->fabricView()->snapshot();
        QVERIFY(snapshot);
        QCOMPARE(snapshot->rectangle(), QRect(4, 1, 4, 2));
        for (EditorPane* pane : window.panes())
            QVERIFY2(!pane->filePath().endsWith(QLatin1String(".cs1")),
                     qPrintable(pane->filePath()));
    }
};

QTEST_MAIN(TestSdkFolders)
#include "tst_sdkfolders.moc"
