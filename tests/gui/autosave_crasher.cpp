// Helper for tst_autosavecrash: opens a project, edits a file without saving, autosaves,
// prints "ready" and waits to be killed with SIGKILL — a real crash, leaving a session
// lock whose owner is dead.
//   autosave_crasher APP_NAME PROJECT_FOLDER FILE_IN_PROJECT TEXT_TO_APPEND

#include "app/MainWindow.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"

#include <QApplication>
#include <QStandardPaths>
#include <QThread>

#include <cstdio>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    if (argc != 5) {
        std::fprintf(stderr, "usage: autosave_crasher APP_NAME PROJECT FILE TEXT\n");
        return 2;
    }
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TesseraTest"));
    QCoreApplication::setApplicationName(QString::fromLocal8Bit(argv[1]));
    tessera::MainWindow window;
    QString error;
    if (!window.openProject(QString::fromLocal8Bit(argv[2]), &error)) {
        std::fprintf(stderr, "autosave_crasher: %s\n", qPrintable(error));
        return 1;
    }
    tessera::EditorPane* pane = window.openFile(QString::fromLocal8Bit(argv[3]), &error);
    if (!pane) {
        std::fprintf(stderr, "autosave_crasher: %s\n", qPrintable(error));
        return 1;
    }
    pane->editor()->append(QString::fromLocal8Bit(argv[4]));
    window.autosaveNow();
    std::printf("ready\n");
    std::fflush(stdout);
    // Wait for SIGKILL; never returns normally.
    for (;;)
        QThread::sleep(1);
}
