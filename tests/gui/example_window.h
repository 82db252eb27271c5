// The main window most GUI tests drive: a bundled example copied into a temporary folder
// and opened as a project whose builds use the tools of this build tree. Each helper
// returns an error (empty on success), so tests check it with QVERIFY2 in their own slots.
#pragma once

#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"

#include <QFile>
#include <QSignalSpy>
#include <QSize>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace examplewindow {

// Turns on test mode (settings stay out of the user's) and copies the bundled example
// `name` into `dir`; `root` receives the copy's folder.
inline QString copyExample(const QString& name, const QTemporaryDir& dir, QString* root) {
    QStandardPaths::setTestModeEnabled(true);
    if (!dir.isValid())
        return QStringLiteral("no temporary folder: ") + dir.errorString();
    QString error;
    *root = tessera::MainWindow::copyExample(name, dir.path(), &error);
    return root->isEmpty() ? error : QString();
}

// A new main window, resized to `size` unless it is empty, with the project at `root` open.
inline QString openWindow(const QString& root, std::unique_ptr<tessera::MainWindow>* window,
                          QSize size = {}) {
    *window = std::make_unique<tessera::MainWindow>();
    if (!size.isEmpty())
        (*window)->resize(size);
    QString error;
    if (!(*window)->openProject(root, &error))
        return error;
    if (!(*window)->workbench())
        return QStringLiteral("the window has no workbench after opening ") + root;
    (*window)->workbench()->controller()->setToolsBinDir(QStringLiteral(TESSERA_BINARY_DIR "/bin"));
    return {};
}

// copyExample, then openWindow on the copy.
inline QString openExample(const QString& name, const QTemporaryDir& dir, QString* root,
                           std::unique_ptr<tessera::MainWindow>* window, QSize size = {}) {
    const QString error = copyExample(name, dir, root);
    return error.isEmpty() ? openWindow(*root, window, size) : error;
}

// In the multicast-routes example copied to `root`: imports <simprint> as `prt` and adds
// `statements` at the start of the receive-done task, which every PE runs once.
inline QString addToReceiveDoneTask(const QString& root, const QString& statements) {
    QFile program(root + QStringLiteral("/pe_program.csl"));
    if (!program.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read ") + program.fileName();
    QString text = QString::fromUtf8(program.readAll());
    program.close();
    const QString import =
        QStringLiteral("const sys_mod = @import_module(\"<memcpy/memcpy>\", memcpy_params);\n");
    const QString task = QStringLiteral("task recv_done() void {\n");
    if (!text.contains(import) || !text.contains(task))
        return QStringLiteral("pe_program.csl has no memcpy import or recv_done task");
    text.replace(import, import + QStringLiteral("const prt = @import_module(\"<simprint>\");\n"));
    text.replace(task, task + statements);
    if (!program.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("cannot write ") + program.fileName();
    program.write(text.toUtf8());
    return {};
}

// Builds the workbench's project and waits (up to 2 minutes) for the build to succeed.
inline QString buildProject(tessera::IdeWorkbench* bench) {
    QSignalSpy built(bench->controller(), &tessera::SimController::buildFinished);
    bench->build();
    if (!built.wait(120000))
        return QStringLiteral("the build did not finish in 2 minutes");
    return built.first().first().toBool() ? QString() : QStringLiteral("the build failed");
}

} // namespace examplewindow
