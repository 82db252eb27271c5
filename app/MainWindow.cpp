#include "app/MainWindow.h"
#include "app/CoreDumpDocument.h"
#include "app/ExamplesGallery.h"
#include "app/HostSessionActions.h"
#include "app/IdeWorkbench.h"
#include "app/InspectorWorkbench.h"

#include "app/ProjectSettingsDialog.h"
#include "app/SettingsDialog.h"

#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/FindReplaceBar.h"
#include "widgets/models/ProjectTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace tessera {

namespace {

constexpr int WindowStateVersion = 1;

QStringList loadApiEntries() {
    QStringList entries;
    QFile file(QStringLiteral(":/csl/builtins.txt"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return entries;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            entries << line;
    }
    return entries;
}

QString autosaveRoot() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

bool isInside(const QString& path, const QString& folder) {
    return path.startsWith(QDir(folder).absolutePath() + QLatin1Char('/'));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_autosave(autosaveRoot()), m_apiEntries(loadApiEntries()) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tessera.svg")));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_findBar = new FindReplaceBar(this);
    m_findBar->hide();
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_tabs, 1);
    centralLayout->addWidget(m_findBar);
    setCentralWidget(central);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) { closeTab(index); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);

    m_targetLabel = new QLabel(this);
    m_targetLabel->setObjectName(QStringLiteral("targetLabel"));
    m_targetLabel->setContentsMargins(0, 0, 16, 0);

    statusBar()->addPermanentWidget(m_targetLabel);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorLabel"));
    // Wide enough for large line and column numbers, so a long status message beside it
    // cannot squeeze the column number away.
    m_cursorLabel->setMinimumWidth(m_cursorLabel->fontMetrics().horizontalAdvance(
        tr("Line %1, Column %2").arg(99999).arg(999)));
    statusBar()->addPermanentWidget(m_cursorLabel);

    createDocks();
    createActions();
    m_workbench = new IdeWorkbench(this);
    new InspectorWorkbench(this, m_workbench); // PE inspector and core dump views
    new HostSessionActions(this, m_workbench); // Run > Host Session…: the SDK API without run.py
    // Panels added later (compile log, fabric view, run controls) dock at the bottom and
    // right; nesting lets users split those areas.
    setDockNestingEnabled(true);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    // The fabric and its run controls keep the window's full height: on a 768-pixel screen
    // the bottom panels would otherwise leave the fabric a strip.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    resize(1280, 800);
    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState(), WindowStateVersion);

    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_autosaveTimer.start(AutosaveIntervalMs);
    updateWindowTitle();
    onCurrentTabChanged();
}

MainWindow::~MainWindow() {
    // Delete the editors while the window's members still exist: QWidget would delete
    // them later, after members that their signal handlers use are gone.
    for (EditorPane* pane : panes())
        delete pane;
}

void MainWindow::createDocks() {
    m_treeModel = new ProjectTreeModel(this);
    m_projectView = new QTreeView(this);
    m_projectView->setObjectName(QStringLiteral("projectTree"));
    m_projectView->setModel(m_treeModel);
    m_projectView->setHeaderHidden(true);
    for (int column = 1; column < m_treeModel->columnCount(); ++column)
        m_projectView->hideColumn(column);
    m_projectView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_projectView->setEnabled(false);
    connect(m_projectView, &QTreeView::activated, this, [this](const QModelIndex& index) {
        if (m_treeModel->isDir(index))
            return;
        QString error;
        const QString path = m_treeModel->filePath(index);
        if (CoreDumpDocument::looksLikeCoreDump(path)) { // out/corefile.cs1: the dump views
            if (!findChild<InspectorWorkbench*>()->openDump(path, &error))
                showError(tr("Open Core Dump"), error);
        } else if (!openFile(path, &error)) {
            showError(tr("Open File"), error);
        }
    });
    connect(m_projectView, &QTreeView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_projectView->indexAt(pos);
        if (!index.isValid() || !m_project)
            return;
        const QString path = m_treeModel->filePath(index);
        QMenu menu(this);
        if (!m_treeModel->isDir(index)) {
            menu.addAction(tr("Open"), this, [this, path] {
                QString error;
                if (!openFile(path, &error))
                    showError(tr("Open File"), error);
            });
            if (path.endsWith(QLatin1String(".csl")) && path != m_project->layoutFilePath())
                menu.addAction(tr("Set as Layout File"), this,
                               [this, path] { setLayoutFile(path); });
        }
        if (!menu.isEmpty())
            menu.exec(m_projectView->viewport()->mapToGlobal(pos));
    });

    m_projectDock = new QDockWidget(tr("Project"), this);
    m_projectDock->setObjectName(QStringLiteral("projectDock"));
    m_projectDock->setWidget(m_projectView);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectDock);
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New File"), QKeySequence::New, this, &MainWindow::newFile);
    file->addAction(tr("Open &Project..."), QKeySequence(tr("Ctrl+Shift+O")), this,
                    &MainWindow::openProjectDialog);
    file->addAction(tr("&Open File..."), QKeySequence::Open, this, &MainWindow::openFileDialog);
    m_recentMenu = file->addMenu(tr("&Recent Projects"));
    QMenu* examples = file->addMenu(tr("&Examples"));
    updateExamplesMenu(examples);
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        if (EditorPane* pane = currentPane())
            savePane(pane);
    });
    QAction* saveAs = file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, [this] {
        if (EditorPane* pane = currentPane())
            savePaneAs(pane);
    });
    QAction* saveAllAction =
        file->addAction(tr("Save A&ll"), QKeySequence(tr("Ctrl+Alt+S")), this, [this] {
            QString error;
            if (!saveAll(&error))
                showError(tr("Save All"), error);
        });
    QAction* close = file->addAction(tr("&Close File"), QKeySequence::Close, this,
                                     [this] { closeTab(m_tabs->currentIndex()); });
    file->addAction(tr("Close Pro&ject"), this, [this] {
        if (maybeSave(panes()))
            closeProject();
    });
    file->addSeparator();
    file->addAction(tr("Se&ttings..."), QKeySequence::Preferences, this,
                    &MainWindow::settingsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    m_editorActions << save << saveAs << saveAllAction << close;

    auto editorAction = [this](QMenu* menu, const QString& text, const QKeySequence& shortcut,
                               auto method) {
        QAction* action = menu->addAction(text, shortcut, this, [this, method] {
            if (EditorPane* pane = currentPane())
                method(pane->editor());
        });
        m_editorActions << action;
        return action;
    };
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    editorAction(edit, tr("&Undo"), QKeySequence::Undo, [](CslEditor* e) { e->undo(); });
    editorAction(edit, tr("&Redo"), QKeySequence::Redo, [](CslEditor* e) { e->redo(); });
    edit->addSeparator();
    editorAction(edit, tr("Cu&t"), QKeySequence::Cut, [](CslEditor* e) { e->cut(); });
    editorAction(edit, tr("&Copy"), QKeySequence::Copy, [](CslEditor* e) { e->copy(); });
    editorAction(edit, tr("&Paste"), QKeySequence::Paste, [](CslEditor* e) { e->paste(); });
    editorAction(edit, tr("Select &All"), QKeySequence::SelectAll,
                 [](CslEditor* e) { e->selectAll(); });
    edit->addSeparator();
    m_editorActions << edit->addAction(tr("&Find..."), QKeySequence::Find, m_findBar,
                                       &FindReplaceBar::showFind);
    m_editorActions << edit->addAction(tr("R&eplace..."), QKeySequence(tr("Ctrl+H")), m_findBar,
                                       &FindReplaceBar::showReplace);
    m_editorActions << edit->addAction(tr("Find &Next"), QKeySequence::FindNext, m_findBar,
                                       &FindReplaceBar::findNext);
    m_editorActions << edit->addAction(tr("Find Pre&vious"), QKeySequence::FindPrevious, m_findBar,
                                       &FindReplaceBar::findPrevious);
    m_editorActions << edit->addAction(tr("&Go to Line..."), QKeySequence(tr("Ctrl+L")), this,
                                       &MainWindow::goToLineDialog);
    edit->addSeparator();
    editorAction(edit, tr("Complete &Word"), QKeySequence(tr("Ctrl+Space")),
                 [](CslEditor* e) { e->autoCompleteFromAll(); });

    QMenu* project = menuBar()->addMenu(tr("&Project"));
    m_projectActions << project->addAction(tr("Compile &Settings..."), this,
                                           &MainWindow::projectSettingsDialog);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_projectDock->toggleViewAction());
    m_viewMenu->addSeparator();
    editorAction(m_viewMenu, tr("&Fold All"), QKeySequence(),
                 [](CslEditor* e) { e->foldAll(true); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Examples…"), this, [this] {
        auto* gallery = new ExamplesGallery(this);
        gallery->setAttribute(Qt::WA_DeleteOnClose);
        gallery->open();
    });
    help->addAction(tr("&About Tessera"), this, &MainWindow::about);

    updateRecentMenu();
}

void MainWindow::updateExamplesMenu(QMenu* menu) {
    menu->clear();
    for (const QString& name : bundledExamples())
        menu->addAction(name, this, [this, name] { openExample(name); });
    menu->setEnabled(!menu->isEmpty());
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    for (const QString& folder : m_settings.recentProjects()) {
        m_recentMenu->addAction(QDir::toNativeSeparators(folder), this, [this, folder] {
            if (!maybeSave(panes()))
                return;
            QString error;
            if (!openProject(folder, &error))
                showError(tr("Open Project"), error);
        });
    }
    if (!m_recentMenu->isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            for (const QString& folder : m_settings.recentProjects())
                m_settings.removeRecentProject(folder);
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

QStringList MainWindow::bundledExamples() {
    return QDir(QStringLiteral(":/examples"))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QString MainWindow::copyExample(const QString& name, const QString& targetRoot, QString* error) {
    const QString source = QStringLiteral(":/examples/") + name;
    const QString target = QDir(targetRoot).filePath(name);
    if (!QFileInfo(source).isDir()) {
        if (error)
            *error = tr("There is no bundled example named \"%1\".").arg(name);
        return {};
    }
    // An existing copy may hold the user's edits: open it as it is.
    if (QFileInfo(target).isDir())
        return target;
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = QDir(source).relativeFilePath(from);
        const QString to = QDir(target).filePath(relative);
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (!QFile::copy(from, to)) {
            if (error)
                *error = tr("Cannot copy the example to %1.").arg(QDir::toNativeSeparators(to));
            return {};
        }
        // Resource files come out read-only; scripts must stay runnable.
        QFile::Permissions permissions =
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
        if (to.endsWith(QLatin1String(".sh")) || to.endsWith(QLatin1String(".py")))
            permissions |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
        QFile::setPermissions(to, permissions);
    }
    return target;
}

void MainWindow::openExample(const QString& name) {
    if (!maybeSave(panes()))
        return;
    const QString root = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                             .filePath(tr("Tessera Examples"));
    QString error;
    const QString folder = copyExample(name, root, &error);
    if (folder.isEmpty() || !openProject(folder, &error))
        showError(tr("Open Example"), error);
}

bool MainWindow::openProject(const QString& folderOrFile, QString* error) {
    std::optional<Project> project = Project::open(folderOrFile, error);
    if (!project)
        return false;
    closeProject();
    m_project = std::move(project);
    const QModelIndex root = m_treeModel->setRootPath(m_project->rootDir());
    m_projectView->setRootIndex(root);
    m_projectView->setEnabled(true);
    m_treeModel->setLayoutFile(m_project->layoutFilePath());
    m_settings.addRecentProject(m_project->rootDir());
    updateRecentMenu();

    QStringList toOpen;
    for (const QString& relative : m_project->openFiles()) {
        const QString path = QDir(m_project->rootDir()).absoluteFilePath(relative);
        if (isInside(path, m_project->rootDir()) && QFileInfo(path).isFile())
            toOpen << path;
    }
    if (toOpen.isEmpty() && QFileInfo(m_project->layoutFilePath()).isFile())
        toOpen << m_project->layoutFilePath();
    for (const QString& path : toOpen) {
        QString fileError;
        if (!openFile(path, &fileError))
            statusBar()->showMessage(fileError, 10000);
    }
    if (!toOpen.isEmpty())
        m_tabs->setCurrentIndex(0);
    if (!m_project->commandsScriptProblem().isEmpty())
        statusBar()->showMessage(tr("%1 (the build uses the default compile settings)")
                                     .arg(m_project->commandsScriptProblem()),
                                 10000);
    if (!QFileInfo(m_project->layoutFilePath()).isFile())
        statusBar()->showMessage(
            tr("The layout file %1 does not exist.").arg(m_project->layoutFile()), 10000);
    updateWindowTitle();
    return true;
}

void MainWindow::closeProject() {
    rememberOpenFiles();
    while (m_tabs->count() > 0) {
        auto* pane = qobject_cast<EditorPane*>(m_tabs->widget(0));
        forgetAutosave(pane);
        m_tabs->removeTab(0);
        delete pane;
    }
    m_project.reset();
    m_projectView->setRootIndex(m_treeModel->setRootPath(QString()));
    m_projectView->setEnabled(false);
    m_treeModel->setLayoutFile(QString());
    updateWindowTitle();
}

void MainWindow::rememberOpenFiles() {
    if (!m_project || !m_project->hasFile())
        return;
    QStringList files;
    for (EditorPane* pane : panes())
        if (isInside(pane->filePath(), m_project->rootDir()))
            files << QDir(m_project->rootDir()).relativeFilePath(pane->filePath());
    if (files == m_project->openFiles())
        return;
    // Reread the file so edits made outside since opening are kept; a file that has become
    // malformed is left alone rather than overwritten.
    std::optional<Project> current = Project::open(m_project->rootDir(), nullptr);
    if (!current)
        return;
    current->setOpenFiles(files);
    if (current->save(nullptr))
        m_project = std::move(current);
}

EditorPane* MainWindow::openFile(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (EditorPane* pane : panes()) {
        if (pane->filePath() == absolute) {
            m_tabs->setCurrentWidget(pane);
            return pane;
        }
    }
    auto* pane = new EditorPane(this);
    if (!pane->open(absolute, error)) {
        delete pane;
        return nullptr;
    }
    addPane(pane);
    return pane;
}

EditorPane* MainWindow::newFile() {
    auto* pane = new EditorPane(this);
    pane->setUntitledName(tr("Untitled %1").arg(++m_untitledCount));
    addPane(pane);
    return pane;
}

void MainWindow::addPane(EditorPane* pane) {
    CslEditor* editor = pane->editor();
    editor->setApiEntries(m_apiEntries);
    editor->setAppearance(m_settings.editorFont(), m_settings.theme() == Theme::Dark);
    connect(pane, &EditorPane::modificationChanged, this, [this, pane] {
        updateTabTitle(pane);
        updateWindowTitle();
    });
    connect(editor, &QsciScintilla::textChanged, this,
            [this, pane] { m_autosavedPanes.remove(pane); });
    connect(pane, &EditorPane::filePathChanged, this, [this, pane] {
        m_autosavedPanes.remove(pane);

        updateTabTitle(pane);
        updateWindowTitle();
    });
    connect(pane, &EditorPane::externalChangeDetected, this, [this](const QString& path) {
        statusBar()->showMessage(tr("%1 changed on disk.").arg(QFileInfo(path).fileName()), 5000);
    });
    connect(editor, &QsciScintilla::cursorPositionChanged, this, [this, pane](int line, int index) {
        if (pane == currentPane())
            m_cursorLabel->setText(tr("Line %1, Column %2").arg(line + 1).arg(index + 1));
    });
    const int index = m_tabs->addTab(pane, pane->displayName());
    updateTabTitle(pane);
    if (m_workbench)
        m_workbench->attachPane(pane);
    m_tabs->setCurrentIndex(index);
}

EditorPane* MainWindow::currentPane() const {
    return qobject_cast<EditorPane*>(m_tabs->currentWidget());
}

QList<EditorPane*> MainWindow::panes() const {
    QList<EditorPane*> list;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* pane = qobject_cast<EditorPane*>(m_tabs->widget(i)))
            list << pane;
    return list;
}

void MainWindow::updateTabTitle(EditorPane* pane) {
    const int index = m_tabs->indexOf(pane);
    if (index < 0)
        return;
    m_tabs->setTabText(index, pane->displayName() +
                                  (pane->isModified() ? QStringLiteral(" *") : QString()));
    m_tabs->setTabToolTip(index, pane->filePath().isEmpty()
                                     ? pane->displayName()
                                     : QDir::toNativeSeparators(pane->filePath()));
}

void MainWindow::updateWindowTitle() {
    QStringList parts;
    if (EditorPane* pane = currentPane())
        parts << pane->displayName() + QStringLiteral("[*]");
    if (m_project)
        parts << m_project->name();
    parts << QStringLiteral("Tessera");
    setWindowTitle(parts.join(QStringLiteral(" — ")));
    setWindowModified(currentPane() && currentPane()->isModified());
    for (QAction* action : m_projectActions)
        action->setEnabled(m_project.has_value());
    // What cslc will target, so the compile settings in tessera.json are visible.
    if (m_project) {
        const CompileSettings compile = m_project->compile();
        m_targetLabel->setText(
            tr("%1 · fabric %2×%3 · %4")
                .arg(compile.arch.toUpper().replace(QLatin1String("WSE"), QLatin1String("WSE-")))

                .arg(compile.fabricWidth)
                .arg(compile.fabricHeight)
                .arg(m_project->layoutFile()));
    } else {
        m_targetLabel->clear();
    }
}

void MainWindow::onCurrentTabChanged() {
    EditorPane* pane = currentPane();
    m_findBar->setEditor(pane ? pane->editor() : nullptr);
    for (QAction* action : m_editorActions)
        action->setEnabled(pane != nullptr);
    if (pane) {
        int line = 0;
        int index = 0;
        pane->editor()->getCursorPosition(&line, &index);
        m_cursorLabel->setText(tr("Line %1, Column %2").arg(line + 1).arg(index + 1));
    } else {
        m_cursorLabel->clear();
        m_findBar->hide();
    }
    updateWindowTitle();
}

bool MainWindow::savePane(EditorPane* pane) {
    if (pane->filePath().isEmpty())
        return savePaneAs(pane);
    QString error;
    if (!pane->save(&error)) {
        showError(tr("Save"), error);
        return false;
    }
    forgetAutosave(pane);
    statusBar()->showMessage(tr("Saved %1").arg(pane->displayName()), 3000);
    return true;
}

bool MainWindow::savePaneAs(EditorPane* pane) {
    const QString start = !pane->filePath().isEmpty() ? pane->filePath()
                          : m_project                 ? m_project->rootDir()
                                                      : QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save As"), start,
                                                      tr("CSL files (*.csl);;All files (*)"));
    if (path.isEmpty())
        return false;
    const QString oldKey = autosaveKey(pane);
    QString error;
    if (!pane->saveAs(path, &error)) {
        showError(tr("Save As"), error);
        return false;
    }
    m_autosave.remove(oldKey);
    forgetAutosave(pane);
    return true;
}

bool MainWindow::saveAll(QString* error) {
    for (EditorPane* pane : panes()) {
        if (!pane->isModified())
            continue;
        if (pane->filePath().isEmpty()) {
            if (!savePaneAs(pane)) {
                if (error)
                    *error = tr("%1 was not saved.").arg(pane->displayName());
                return false;
            }
            continue;
        }
        if (!pane->save(error))
            return false;
        forgetAutosave(pane);
    }
    return true;
}

bool MainWindow::maybeSave(const QList<EditorPane*>& candidates) {
    QList<EditorPane*> modified;
    for (EditorPane* pane : candidates)
        if (pane->isModified())
            modified << pane;
    if (modified.isEmpty())
        return true;
    QStringList names;
    for (EditorPane* pane : modified)
        names << pane->displayName();
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"),
        tr("These files have unsaved changes:\n\n%1\n\nSave them?")
            .arg(names.join(QLatin1Char('\n'))),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    for (EditorPane* pane : modified)
        if (!savePane(pane))
            return false;
    return true;
}

bool MainWindow::closeTab(int index) {
    auto* pane = qobject_cast<EditorPane*>(m_tabs->widget(index));
    if (!pane || !maybeSave({pane}))
        return false;
    forgetAutosave(pane);
    m_tabs->removeTab(index);
    delete pane;
    rememberOpenFiles();
    return true;
}

void MainWindow::forgetAutosave(EditorPane* pane) {
    m_autosave.remove(autosaveKey(pane));
    m_autosavedPanes.remove(pane);
}

QString MainWindow::autosaveKey(EditorPane* pane) const {

    return pane->filePath().isEmpty() ? QStringLiteral("untitled:") + pane->displayName()
                                      : pane->filePath();
}

void MainWindow::autosaveNow() {
    for (EditorPane* pane : panes()) {
        if (!pane->isModified()) {
            forgetAutosave(pane);
            continue;
        }
        // Unchanged since the last write: nothing new to protect.
        if (m_autosavedPanes.contains(pane))
            continue;
        QString error;
        if (m_autosave.write(autosaveKey(pane), pane->filePath(), pane->displayName(),
                             pane->editor()->text(), &error))
            m_autosavedPanes.insert(pane);
        else
            statusBar()->showMessage(error, 10000);
    }
}

void MainWindow::restoreAutosaved(const QList<AutosaveEntry>& entries) {
    for (const AutosaveEntry& entry : entries) {
        EditorPane* pane = nullptr;
        if (!entry.originalPath.isEmpty() && QFileInfo(entry.originalPath).isFile())
            pane = openFile(entry.originalPath, nullptr);
        if (!pane) {
            pane = new EditorPane(this);
            pane->setUntitledName(tr("%1 (recovered)").arg(entry.title));
            if (!entry.originalPath.isEmpty())
                pane->editor()->setLanguageForPath(entry.originalPath);
            addPane(pane);
        }
        // setText is an undoable edit, so the buffer counts as modified until saved.
        pane->editor()->setText(entry.text);
    }
    m_autosave.discard(entries);
    autosaveNow();
}

void MainWindow::offerAutosaveRestore() {
    const QList<AutosaveEntry> entries = m_autosave.orphanedEntries();
    if (entries.isEmpty())
        return;
    QStringList lines;
    for (const AutosaveEntry& entry : entries)
        lines << tr("%1 (autosaved %2)")
                     .arg(entry.originalPath.isEmpty()
                              ? entry.title
                              : QDir::toNativeSeparators(entry.originalPath),
                          QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat));
    QMessageBox box(QMessageBox::Question, tr("Restore Unsaved Changes"),
                    tr("Tessera was not closed properly last time. These buffers had unsaved "
                       "changes:\n\n%1\n\nRestore them?")
                        .arg(lines.join(QLatin1Char('\n'))),
                    QMessageBox::NoButton, this);
    QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Ask Again Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        restoreAutosaved(entries);
    else if (box.clickedButton() == discard)
        m_autosave.discard(entries);
}

void MainWindow::applySettings() {
    const QFont font = m_settings.editorFont();
    const bool dark = m_settings.theme() == Theme::Dark;
    for (EditorPane* pane : panes())
        pane->editor()->setAppearance(font, dark);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave(panes())) {
        event->ignore();
        return;
    }
    rememberOpenFiles();
    m_settings.setWindowLayout(saveGeometry(), saveState(WindowStateVersion));
    m_settings.sync();
    m_autosaveTimer.stop();
    m_autosave.endSession();
    event->accept();
}

void MainWindow::showError(const QString& title, const QString& message) {
    QMessageBox::critical(this, title, message);
}

void MainWindow::openProjectDialog() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open Project Folder"), m_project ? m_project->rootDir() : QDir::homePath());
    if (folder.isEmpty() || !maybeSave(panes()))
        return;
    QString error;
    if (!openProject(folder, &error))
        showError(tr("Open Project"), error);
}

void MainWindow::openFileDialog() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open File"), m_project ? m_project->rootDir() : QDir::homePath(),
        tr("CSL files (*.csl);;Python files (*.py);;All files (*)"));
    for (const QString& path : files) {
        QString error;
        if (!openFile(path, &error))
            showError(tr("Open File"), error);
    }
}

void MainWindow::goToLineDialog() {
    EditorPane* pane = currentPane();
    if (!pane)
        return;
    int line = 0;
    int index = 0;
    pane->editor()->getCursorPosition(&line, &index);
    const int count = pane->editor()->lines();
    bool ok = false;
    const int target = QInputDialog::getInt(
        this, tr("Go to Line"), tr("Line (1 to %1):").arg(count), line + 1, 1, count, 1, &ok);
    if (ok)
        pane->editor()->goToLine(target);
}

void MainWindow::settingsDialog() {
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const bool languageChanged = dialog.apply();
    applyTheme(m_settings.theme());
    applySettings();
    if (languageChanged)
        QMessageBox::information(this, tr("Language"),
                                 tr("The new language will be used the next time Tessera starts."));
}

void MainWindow::setLayoutFile(const QString& path) {
    if (!m_project)
        return;
    Project updated = *m_project;
    updated.setLayoutFile(QDir(m_project->rootDir()).relativeFilePath(path));
    QString error;
    if (!applyProjectSettings(updated, &error))
        showError(tr("Set Layout File"), error);
}

bool MainWindow::applyProjectSettings(const Project& project, QString* error) {
    if (!project.save(error))
        return false;
    m_project = project;
    m_treeModel->setLayoutFile(m_project->layoutFilePath());
    updateWindowTitle();
    return true;
}

void MainWindow::projectSettingsDialog() {
    if (!m_project)
        return;
    ProjectSettingsDialog dialog(*m_project, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!applyProjectSettings(dialog.project(), &error))
        showError(tr("Compile Settings"), error);
}

void MainWindow::about() {
    QMessageBox::about(this, tr("About Tessera"),
                       tr("<h3>Tessera %1</h3><p>An IDE for Cerebras SDK programs written in CSL: "
                          "edit, compile and run them on a built-in wafer fabric simulator.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace tessera
