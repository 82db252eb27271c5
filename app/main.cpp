// The tessera executable: parses the command line, applies language and theme, opens the
// project or file given, and offers to restore buffers from a crashed session.

#include "app/AppSettings.h"
#include "app/CoreDumpDocument.h"
#include "app/InspectorWorkbench.h"
#include "app/MainWindow.h"
#include "app/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFont>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

namespace {

// --startup-time: waits for the first paint of any widget, lets that paint pass finish,
// then prints the time since main() began and the wall clock (so a caller that noted
// when it started the process can add the time before main) and quits.
class FirstPaintTimer : public QObject {
  public:
    explicit FirstPaintTimer(const QElapsedTimer& sinceMain) : m_sinceMain(sinceMain) {}

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QTimer::singleShot(0, this, [this] {
                std::printf("first paint: %.1f ms after main, at %lld ms since the epoch\n",
                            double(m_sinceMain.nsecsElapsed()) / 1e6,
                            static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

  private:
    const QElapsedTimer& m_sinceMain;
    bool m_seen = false;
};

} // namespace

int main(int argc, char* argv[]) {
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tessera"));
    QApplication::setApplicationName(QStringLiteral("Tessera"));
    QApplication::setApplicationVersion(QStringLiteral(TESSERA_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tessera.svg")));

    tessera::AppSettings settings;
    tessera::installTranslations(settings.language());
    tessera::applyTheme(settings.theme());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "An IDE for Cerebras SDK (CSL) programs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QCoreApplication::translate("main",
                                    "A project folder, its tessera.json, or a file to open."));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Render the window to a PNG file and exit."),
        QStringLiteral("png"));
    QCommandLineOption size(QStringLiteral("size"),
                            QCoreApplication::translate("main", "Window size for --screenshot."),
                            QStringLiteral("WIDTHxHEIGHT"), QStringLiteral("1280x800"));
    QCommandLineOption startupTime(
        QStringLiteral("startup-time"),
        QCoreApplication::translate("main",
                                    "Print the time from start to the first painted frame and exit "
                                    "(scripts/bench)."));
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.addOption(startupTime);
    parser.process(app);
    FirstPaintTimer firstPaint(sinceMain);
    if (parser.isSet(startupTime))
        app.installEventFilter(&firstPaint);

    const bool screenshotMode = parser.isSet(screenshot);
    if (screenshotMode) {
        // Pictures must not depend on the machine's default fonts.
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    }

    tessera::MainWindow window;
    QString path;
    if (!parser.positionalArguments().isEmpty())
        path = parser.positionalArguments().constFirst();
    else if (!screenshotMode && !settings.recentProjects().isEmpty())
        path = settings.recentProjects().constFirst();

    if (!path.isEmpty()) {
        const QFileInfo info(path);
        QString error;
        bool opened = false;
        if (info.isDir() || info.fileName() == QLatin1String("tessera.json"))
            opened = window.openProject(path, &error);
        else if (tessera::CoreDumpDocument::looksLikeCoreDump(path)) // not as text
            opened =
                window.findChild<tessera::InspectorWorkbench*>()->openDumpWithProject(path, &error);
        else
            opened = window.openFile(path, &error) != nullptr;
        if (!opened) {
            std::fprintf(stderr, "tessera: %s\n", qPrintable(error));
            if (screenshotMode)
                return 1;
            QTimer::singleShot(0, &window, [&window, error] {
                QMessageBox::critical(&window, QCoreApplication::translate("main", "Open"), error);
            });
        }
    }

    if (screenshotMode) {
        const QStringList dims = parser.value(size).split(QLatin1Char('x'));
        const int width = dims.value(0).toInt();
        const int height = dims.value(1).toInt();
        if (dims.size() != 2 || width < 200 || height < 150) {
            std::fprintf(stderr, "tessera: --size must look like 1280x800\n");
            return 2;
        }
        window.resize(width, height);
        window.show();
        const QString output = parser.value(screenshot);
        // Let layouts settle and Scintilla style the visible text before grabbing.
        QTimer::singleShot(500, &window, [&window, output] {
            const bool saved = window.grab().save(output, "PNG");
            if (!saved)
                std::fprintf(stderr, "tessera: cannot write %s\n", qPrintable(output));
            window.autosaveStore().endSession();
            QCoreApplication::exit(saved ? 0 : 1);
        });
        return app.exec();
    }

    window.show();
    QTimer::singleShot(0, &window, &tessera::MainWindow::offerAutosaveRestore);
    return app.exec();
}
