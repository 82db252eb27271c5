// The main window most GUI tests drive: a bundled example copied into a temporary folder
// and opened as a project whose builds use the tools of this build tree. Each helper
// returns an error (empty on success), so tests check it with QVERIFY2 in their own slots.
#pragma once

#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"

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

} // namespace examplewindow
