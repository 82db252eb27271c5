// Help > Examples: every bundled example is listed with its README description and a
// fabric thumbnail (rendered in the background, cached on disk), copied without
// overwriting a user's folder unasked, and opened, built and run from the gallery —
// each example to SUCCESS! on the embedded appliance.
// With TESSERA_SCREENSHOT_DIR set, saves examples-gallery.png there.
#include "app/ExamplesGallery.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "widgets/CompileLog.h"
#include "widgets/fabric/FabricPalette.h"
#include "widgets/fabric/FabricView.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
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
        if (!m_window) {
            m_window = std::make_unique<MainWindow>();
            m_window->workbench()->controller()->setToolsBinDir(
                QStringLiteral(TESSERA_BINARY_DIR "/bin"));
        }
        SimController* controller = m_window->workbench()->controller();
        QSignalSpy built(controller, &SimController::buildFinished);
        QSignalSpy ran(controller, &SimController::scriptFinished);
        QString error;
        const QString folder = m_tmp.filePath(QStringLiteral("all/") + name);
        QVERIFY2(ExamplesGallery::openBuildAndRun(m_window.get(), name, folder,
                                                  ExamplesGallery::ExistingFolder::Refuse, &error),
                 qPrintable(error));
        QCOMPARE(m_window->project()->rootDir(), folder);
        QVERIFY(built.wait(180000));
        QVERIFY2(built.first().first().toBool(),
                 qPrintable(m_window->workbench()->compileLog()->logText()));
        QVERIFY(m_window->workbench()->fabricView()->snapshot());
        QVERIFY(ran.wait(300000));
        QCOMPARE(ran.first().first().toInt(), 0);
        QVERIFY2(
            m_window->workbench()->runConsole()->outputText().contains(QStringLiteral("SUCCESS")),
            qPrintable(m_window->workbench()->runConsole()->outputText()));
    }

    void cleanupTestCase() { m_window.reset(); }

  private:
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
