// The tessera executable: parses the command line, applies language and theme, opens the
// project or file given, and offers to restore buffers from a crashed session.

#include "app/AppSettings.h"
#include "app/MainWindow.h"
#include "app/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[]) {
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
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.process(app);

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
        const bool opened = info.isDir() || info.fileName() == QLatin1String("tessera.json")
                                ? window.openProject(path, &error)
                                : window.openFile(path, &error) != nullptr;
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
