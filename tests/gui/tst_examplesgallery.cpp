// Help > Examples: every bundled example is listed with its README description and a
// fabric thumbnail (rendered in the background, cached on disk), copied without
// overwriting a user's folder unasked, and opened, built and run from the gallery —
// each example's run.py held for the IDE, attached (the fabric view follows the real run:
// frames with instructions executed) and run to SUCCESS! with exit code 0 on the embedded
// appliance; a run.py whose check fails is reported as failed.
// With TESSERA_SCREENSHOT_DIR set, saves examples-gallery.png there.
#include "app/ExamplesGallery.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "widgets/CompileLog.h"
#include "widgets/fabric/FabricPalette.h"
#include "widgets/fabric/FabricView.h"

#include "demo_fixture.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

namespace {

// Pixels that are neither background nor the placeholder text: the fabric was drawn.
int drawnPixels(const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != fabric_palette::Background)
                ++count;
    return count;
}

} // namespace

class TestExamplesGallery : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QDir(ExampleThumbnails::cacheDir()).removeRecursively();
        QVERIFY(m_tmp.isValid());
    }

    void listsEveryExampleWithItsDescription() {
        const QList<ExampleInfo> examples = ExamplesGallery::examples();
        QCOMPARE(examples.size(), MainWindow::bundledExamples().size());
        QVERIFY(examples.size() >= 9);
        for (const ExampleInfo& info : examples) {
            QVERIFY2(!info.title.isEmpty(), qPrintable(info.name));
            QVERIFY2(info.description.size() > 30, qPrintable(info.name));
            QVERIFY2(!info.description.contains(QLatin1String("**")), qPrintable(info.name));
        }
        const ExampleInfo gemv = ExamplesGallery::example(QStringLiteral("gemv-single-pe"));
        QVERIFY2(gemv.description.startsWith(QStringLiteral("The smallest complete CSL program")),
                 qPrintable(gemv.description));
        const ExampleInfo switches = ExamplesGallery::example(QStringLiteral("switches"));
        QVERIFY2(switches.description.contains(QStringLiteral("3×3 PEs")),
                 qPrintable(switches.description)); // the "## Fabric" paragraph
    }

    void thumbnailOfEveryExample_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : MainWindow::bundledExamples())
            QTest::newRow(qPrintable(name)) << name;
    }
    void thumbnailOfEveryExample() {
        QFETCH(QString, name);
        QString error;
        const QImage image = ExampleThumbnails::render(name, ExampleThumbnails::kSize, &error);
        QVERIFY2(!image.isNull(), qPrintable(error));
        QCOMPARE(image.size(), ExampleThumbnails::kSize);
        QVERIFY2(drawnPixels(image) > 500, qPrintable(name));
    }

    void thumbnailsRenderInTheBackgroundAndAreCached() {
        const QString name = QStringLiteral("multicast-routes");
        {
            ExampleThumbnails thumbnails;
            QSignalSpy ready(&thumbnails, &ExampleThumbnails::thumbnailReady);
            QVERIFY(thumbnails.thumbnail(name).isNull()); // not rendered yet
            QVERIFY(ready.wait(60000));
            QCOMPARE(ready.first().first().toString(), name);
            QVERIFY(!thumbnails.thumbnail(name).isNull());
        }
        // A new instance (a later IDE run) loads it from the disk cache at once.
        ExampleThumbnails later;
        QVERIFY(!later.thumbnail(name).isNull());
        QVERIFY(!QDir(ExampleThumbnails::cacheDir()).isEmpty());
    }

    void neverOverwritesUnasked() {
        const QString folder = m_tmp.filePath(QStringLiteral("mine"));
        QVERIFY(QDir().mkpath(folder));
        QFile own(folder + QStringLiteral("/layout.csl"));
        QVERIFY(own.open(QIODevice::WriteOnly));
        own.write("// my own work\n");
        own.close();
        QString error;
        QVERIFY(!ExamplesGallery::copyExampleTo(QStringLiteral("gemv-single-pe"), folder, false,
                                                &error));
        QVERIFY(error.contains(QStringLiteral("already exists")));
        QVERIFY(own.open(QIODevice::ReadOnly));
        QCOMPARE(own.readAll(), QByteArray("// my own work\n"));
        own.close();
        MainWindow window;
        QVERIFY(!ExamplesGallery::openBuildAndRun(&window, QStringLiteral("gemv-single-pe"), folder,
                                                  ExamplesGallery::ExistingFolder::Refuse, &error));
        QVERIFY(!window.project());
        // Replacing writes the example's files and keeps the others.
        QFile extra(folder + QStringLiteral("/notes.txt"));
        QVERIFY(extra.open(QIODevice::WriteOnly));
        extra.close();
        QVERIFY2(
            ExamplesGallery::copyExampleTo(QStringLiteral("gemv-single-pe"), folder, true, &error),
            qPrintable(error));
        QVERIFY(own.open(QIODevice::ReadOnly));
        QVERIFY(own.readAll().contains("@set_rectangle"));
        QVERIFY(QFile::exists(folder + QStringLiteral("/notes.txt")));
        QVERIFY(QFileInfo(folder + QStringLiteral("/run.py")).isExecutable());
        QVERIFY(!ExamplesGallery::copyExampleTo(
            QStringLiteral("no-such-example"), m_tmp.filePath(QStringLiteral("x")), false, &error));
        QVERIFY(error.contains(QStringLiteral("no-such-example")));
    }

    void galleryDialogOpensBuildsAndRuns() {
        MainWindow window;
        window.resize(1200, 800);
        window.workbench()->controller()->setToolsBinDir(QStringLiteral(TESSERA_BINARY_DIR "/bin"));
        ExamplesGallery gallery(&window);
        QCOMPARE(gallery.list()->count(), MainWindow::bundledExamples().size());
        gallery.selectExample(QStringLiteral("grid-reduce"));
        QCOMPARE(gallery.currentName(), QStringLiteral("grid-reduce"));
        QVERIFY(gallery.folderEdit()->text().endsWith(
            QStringLiteral("TesseraProjects") + QDir::separator() + QStringLiteral("grid-reduce")));
        // Thumbnails arrive in the background (or from the cache of the test above).
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QString& name : MainWindow::bundledExamples())
                    if (gallery.thumbnails()->thumbnail(name).isNull())
                        return false;
                return true;
            }(),
            240000);
        saveScreenshot(gallery);

        const QString folder = m_tmp.filePath(QStringLiteral("from-dialog/grid-reduce"));
        gallery.folderEdit()->setText(folder);
        QSignalSpy built(window.workbench()->controller(), &SimController::buildFinished);
        QSignalSpy ran(window.workbench()->controller(), &SimController::scriptFinished);
        gallery.openButton()->click();
        QVERIFY(window.project());
        QCOMPARE(window.project()->rootDir(), folder);
        QVERIFY(built.wait(120000));
        QVERIFY(built.first().first().toBool());
        QVERIFY(ran.wait(120000));
        QCOMPARE(ran.first().first().toInt(), 0);
    }

    void everyExampleBuildsAndRuns_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : MainWindow::bundledExamples())
            QTest::newRow(qPrintable(name)) << name;
    }
    void everyExampleBuildsAndRuns() {
        QFETCH(QString, name);
        const QString folder = m_tmp.filePath(QStringLiteral("all/") + name);
        QString error;
        // game-of-life runs on a 12×12 grid here (its README: smaller grids work too).
        const bool small = name == QLatin1String("game-of-life");
        if (small) {
            QVERIFY2(ExamplesGallery::copyExampleTo(name, folder, false, &error),
                     qPrintable(error));
            QVERIFY2(demofixture::shrinkGameOfLife(folder, 12, &error), qPrintable(error));
        }
        const RunOutcome run = runFromGallery(name, folder,
                                              small ? ExamplesGallery::ExistingFolder::OpenAsIs
                                                    : ExamplesGallery::ExistingFolder::Refuse);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QVERIFY2(run.exitCode == 0 && run.output.contains(QStringLiteral("SUCCESS!")),
                 qPrintable(QStringLiteral("exit code %1:\n%2").arg(run.exitCode).arg(run.output)));
    }

    // The pass/fail of run.py's checks is what the run reports: a check that fails gives a
    // non-zero exit status and the assertion's message in the console.
    void failingCheckIsReported() {
        const QString folder = m_tmp.filePath(QStringLiteral("broken/saxpy-row"));
        QString error;
        QVERIFY2(ExamplesGallery::copyExampleTo(QStringLiteral("saxpy-row"), folder, false, &error),
                 qPrintable(error));
        QVERIFY2(demofixture::replaceInFile(folder + QStringLiteral("/run.py"),
                                            QStringLiteral("assert_allclose(result, expected"),
                                            QStringLiteral("assert_allclose(result, expected + 1"),
                                            &error),
                 qPrintable(error));
        const RunOutcome run = runFromGallery(QStringLiteral("saxpy-row"), folder,
                                              ExamplesGallery::ExistingFolder::OpenAsIs);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("AssertionError")), qPrintable(run.output));
        QVERIFY(!run.output.contains(QStringLiteral("SUCCESS!")));
    }

    void cleanupTestCase() { m_window.reset(); }

  private:
    struct RunOutcome {
        QString error; // empty: built, attached, frames with work, script finished
        int exitCode = -1;
        QString output;
    };

    // Help > Examples' Open, Build and Run on one window for every example: the build,
    // the attach to run.py's session, frames in which PEs executed instructions (the fabric
    // view's heat map), and the script's end.
    RunOutcome runFromGallery(const QString& name, const QString& folder,
                              ExamplesGallery::ExistingFolder existing) {
        RunOutcome out;
        if (!m_window) {
            m_window = std::make_unique<MainWindow>();
            m_window->workbench()->controller()->setToolsBinDir(
                QStringLiteral(TESSERA_BINARY_DIR "/bin"));
        }
        IdeWorkbench* bench = m_window->workbench();
        SimController* controller = bench->controller();
        QSignalSpy built(controller, &SimController::buildFinished);
        QSignalSpy attached(controller, &SimController::attachedChanged);
        QSignalSpy ran(controller, &SimController::scriptFinished);
        double busiest = 0;
        const auto watch = connect(
            controller, &SimController::snapshotChanged, this, [&busiest](FabricSnapshotPtr s) {
                const FabricHeatMap* h = s ? s->heatMap(FabricHeatMetric::Instructions) : nullptr;
                for (float v : h ? h->values : std::vector<float>{})
                    busiest = std::max(busiest, double(v));
            });
        const auto done = qScopeGuard([watch] { QObject::disconnect(watch); });
        QString error;
        if (!ExamplesGallery::openBuildAndRun(m_window.get(), name, folder, existing, &error)) {
            out.error = error;
            return out;
        }
        if (m_window->project()->rootDir() != folder)
            out.error =
                QStringLiteral("opened %1, not %2").arg(m_window->project()->rootDir(), folder);
        else if (!built.wait(180000) || !built.first().first().toBool())
            out.error =
                QStringLiteral("%1 does not build: %2").arg(name, bench->compileLog()->logText());
        else if (!ran.wait(300000))
            out.error = QStringLiteral("%1: run.py did not finish").arg(name);
        out.output = bench->runConsole()->outputText();
        if (!out.error.isEmpty())
            return out;
        out.exitCode = ran.first().first().toInt();
        if (attached.isEmpty() || attached.first().first().toString().isEmpty())
            out.error = QStringLiteral("%1: the IDE never attached to run.py's session").arg(name);
        else if (busiest <= 0)
            out.error = QStringLiteral("%1: no frame showed a PE at work").arg(name);
        else if (controller->isAttached())
            out.error = QStringLiteral("%1: still attached after the script ended").arg(name);
        return out;
    }

    void saveScreenshot(ExamplesGallery& gallery) {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        gallery.show();
        QCoreApplication::processEvents();
        QVERIFY(gallery.grab().save(dir + QStringLiteral("/examples-gallery.png")));
    }

    QTemporaryDir m_tmp;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestExamplesGallery)
#include "tst_examplesgallery.moc"
