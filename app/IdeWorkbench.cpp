#include "app/IdeWorkbench.h"

#include "app/AnalysisWorkbench.h"
#include "app/AppSettings.h"
#include "app/CommandsScript.h"
#include "app/LiveDiagnostics.h"
#include "app/MainWindow.h"
#include "app/PresentationMode.h"
#include "app/ScriptAttachActions.h"
#include "app/SimController.h"
#include "app/SymbolNavigator.h"
#include "backend/csl/compiler.h"
#include "widgets/CompileLog.h"
#include "widgets/CslEditor.h"
#include "widgets/DiagnosticsView.h"
#include "widgets/EditorDiagnostics.h"
#include "widgets/EditorPane.h"
#include "widgets/SimControls.h"
#include "widgets/fabric/FabricLayerPanel.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/models/DiagnosticsModel.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>

namespace tessera {

QMenu* menuTitled(QMenuBar* bar, const char* context, const char* title) {
    const QString text = QCoreApplication::translate(context, title);
    for (QAction* action : bar->actions())
        if (action->menu() && action->text() == text)
            return action->menu();
    return nullptr;
}

namespace {
QList<DiagnosticItem> toItems(const std::vector<csl::Diagnostic>& diagnostics) {
    QList<DiagnosticItem> items;
    for (const csl::Diagnostic& d : diagnostics) {
        DiagnosticItem item;
        item.severity = d.severity == csl::Severity::Error     ? DiagnosticItem::Severity::Error
                        : d.severity == csl::Severity::Warning ? DiagnosticItem::Severity::Warning
                                                               : DiagnosticItem::Severity::Note;
        item.line = int(d.range.line);
        item.column = int(d.range.column);
        item.message = QString::fromStdString(d.message);
        items.append(item);
    }
    return items;
}
} // namespace

IdeWorkbench::IdeWorkbench(MainWindow* window)
    : QObject(window), m_window(window), m_controller(new SimController(this)),
      m_diagnostics(new DiagnosticsModel(this)),
      m_diagnosticsView(new DiagnosticsView(m_diagnostics, window)),
      m_compileLog(new CompileLog(window)), m_console(new RunConsole(window)),
      m_fabric(new FabricView(window)), m_layers(new FabricLayerPanel(m_fabric, window)),
      m_controls(new SimControls(window)), m_navigator(new SymbolNavigator(window, this)),
      m_cycleLabel(new QLabel(window)) {
    m_checkPool.setMaxThreadCount(1);
    m_live = new LiveDiagnostics(window, m_diagnostics, &m_checkPool, this);
    m_fabric->setObjectName(QStringLiteral("fabricView"));
    addDock(QStringLiteral("problemsDock"), tr("Problems"), m_diagnosticsView,
            Qt::BottomDockWidgetArea);
    addDock(QStringLiteral("compileDock"), tr("Compile Output"), m_compileLog,
            Qt::BottomDockWidgetArea);
    addDock(QStringLiteral("consoleDock"), tr("Console"), m_console, Qt::BottomDockWidgetArea);
    addDock(QStringLiteral("fabricDock"), tr("Fabric"), m_fabric, Qt::RightDockWidgetArea);
    addDock(QStringLiteral("layersDock"), tr("Fabric Layers"), m_layers, Qt::RightDockWidgetArea);
    addDock(QStringLiteral("simulationDock"), tr("Simulation"), m_controls,
            Qt::RightDockWidgetArea);
    window->tabifyDockWidget(m_docks.at(0), m_docks.at(1));
    window->tabifyDockWidget(m_docks.at(1), m_docks.at(2));
    window->tabifyDockWidget(m_docks.at(4), m_docks.at(5));
    m_docks.at(0)->raise();
    // First-run proportions (a saved window state replaces them): the fabric gets most of
    // the right column, the editor keeps most of the width.
    // Applied when the window is first shown, when the dock areas have their sizes.
    window->installEventFilter(this);
    window->statusBar()->addPermanentWidget(m_cycleLabel);
    createMenus();

    // Build.
    connect(m_controller, &SimController::buildStarted, m_compileLog, &CompileLog::start);
    connect(m_controller, &SimController::buildOutput, m_compileLog, &CompileLog::appendLine);
    connect(m_compileLog, &CompileLog::cancelRequested, m_controller, &SimController::cancelBuild);
    connect(m_controller, &SimController::buildFinished, this,
            [this](bool ok, const QString& summary, const QList<DiagnosticItem>& items,
                   const QHash<QString, quint64>& revisions) {
                m_compileLog->finish(ok, summary);
                m_diagnostics->setBuildDiagnostics(items, revisions);
                m_controls->setLaunchFunctions(m_controller->launchableFunctions());
                m_window->statusBar()->showMessage(summary, 8000);
                if (!items.isEmpty())
                    m_docks.at(0)->raise();
                updateActions();
            });
    connect(m_controller, &SimController::programSnapshotChanged, this,
            [this](FabricSnapshotPtr snapshot) {
                m_fabric->setSnapshot(std::move(snapshot));
                m_fabric->fitFabric(); // a new program: show all of it
            });
    connect(m_diagnosticsView, &DiagnosticsView::jumpRequested, this, &IdeWorkbench::jumpTo);
    connect(m_diagnostics, &DiagnosticsModel::fileDiagnosticsChanged, this,
            &IdeWorkbench::showFileDiagnostics);

    // Host script.
    connect(m_controller, &SimController::scriptStarted, this, [this](const QString& command) {
        m_console->start(command);
        m_docks.at(2)->raise();
        updateActions();
    });
    connect(m_controller, &SimController::scriptOutput, m_console, &RunConsole::appendOutput);
    connect(m_controller, &SimController::scriptFinished, this,
            [this](int exitCode, const QString& error) {
                m_console->finish(exitCode, error);
                updateActions();
            });
    connect(m_console, &RunConsole::stopRequested, m_controller, &SimController::stopScript);

    // Session.
    connect(m_controls, &SimControls::startRequested, this, &IdeWorkbench::startSession);
    connect(m_controls, &SimControls::runRequested, m_controller, &SimController::resume);
    connect(m_controls, &SimControls::runToBreakpointRequested, m_controller,
            &SimController::resume);
    connect(m_controls, &SimControls::pauseRequested, m_controller, &SimController::pause);
    connect(m_controls, &SimControls::stepRequested, m_controller, &SimController::step);
    connect(m_controls, &SimControls::breakpointsChanged, m_controller,
            &SimController::setBreakpoints);
    connect(m_controller, &SimController::stateChanged, this, [this](SimController::State state) {
        m_controls->setState(state);
        updateActions();
    });
    connect(m_controller, &SimController::cycleChanged, this, [this](quint64 cycle, double rate) {
        m_controls->setCycle(cycle, rate);
        m_cycleLabel->setText(m_controls->cycleText());
    });
    connect(m_controller, &SimController::snapshotChanged, m_fabric, &FabricView::setSnapshot);
    connect(m_controller, &SimController::sessionMessage, this, [this](const QString& message) {
        m_controls->setStatusMessage(message);
        m_window->statusBar()->showMessage(message, 8000);
    });
    connect(m_controller, &SimController::hangReported, this,
            [this](const QString& report, const std::vector<FabricWaitingPe>& waiting) {
                m_controls->setStatusMessage(
                    tr("The program hangs: waiting PEs: %1 (ringed on the fabric).\n%2")
                        .arg(waiting.size())
                        .arg(report));
                m_docks.at(3)->raise();
            });
    // Like a debugger stopping there: the faulting line opens in the project's file.
    connect(m_controller, &SimController::faultReported, this,
            [this](const QString&, const QString& file, int line) { jumpTo(file, line, 1); });
    connect(m_fabric, &FabricView::peHovered, this,
            [this](QPoint, QPoint, bool, const QString& status) {
                m_window->statusBar()->showMessage(status);
            });
    connect(m_fabric, &FabricView::hoverLeft, m_window->statusBar(), &QStatusBar::clearMessage);
    new PresentationMode(window, this);  // View > Presentation Mode (F11)
    new AnalysisWorkbench(window, this); // Stalls, Simprint and Replay docks; linked selection
    updateActions();
}

bool IdeWorkbench::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && event->type() == QEvent::Show && !m_sized) {
        m_sized = true;
        if (AppSettings().windowState().isEmpty()) { // no layout saved by the user yet
            m_window->resizeDocks({m_window->projectDock(), m_docks.at(3)}, {220, 520},
                                  Qt::Horizontal);
            // The run controls get what they need, the fabric the rest of the column; the
            // bottom panels a quarter of the window, so the editor keeps most of it.
            const int controls = m_docks.at(4)->minimumSizeHint().height();
            m_window->resizeDocks({m_docks.at(3), m_docks.at(4)},
                                  {m_window->height() - controls, controls}, Qt::Vertical);
            m_window->resizeDocks({m_docks.at(0)}, {std::clamp(m_window->height() / 4, 140, 240)},
                                  Qt::Vertical);
            // Panels added later (PE Inspector, Core Dump) are tabbed onto Problems and
            // Simulation and would open in front, empty. A raise takes effect only once the
            // tab bars exist, after this show.
            QTimer::singleShot(0, this, [this] {
                m_docks.at(0)->raise();
                m_docks.at(5)->raise();
            });
        }
        // The docks have their final sizes once this show is laid out.
        QTimer::singleShot(0, m_fabric, &FabricView::fitFabric);
    }
    return QObject::eventFilter(watched, event);
}

IdeWorkbench::~IdeWorkbench() {
    m_checkPool.waitForDone();
}

QDockWidget* IdeWorkbench::addDock(const QString& objectName, const QString& title, QWidget* widget,
                                   Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    m_window->addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void IdeWorkbench::createMenus() {
    QMenuBar* bar = m_window->menuBar();
    const QList<QAction*> top = bar->actions();
    QAction* before = top.isEmpty() ? nullptr : top.last(); // Help stays last
    auto* buildMenu = new QMenu(tr("&Build"), bar);
    m_buildAction = buildMenu->addAction(tr("&Build Project"), this, &IdeWorkbench::build);
    m_buildAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_cancelAction =
        buildMenu->addAction(tr("&Cancel Build"), m_controller, &SimController::cancelBuild);
    auto* runMenu = new QMenu(tr("&Run"), bar);
    m_runScriptAction =
        runMenu->addAction(tr("Run &Host Script (run.py)"), this, &IdeWorkbench::runScript);
    m_runScriptAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runMenu->addSeparator();
    m_sessionAction = runMenu->addAction(tr("Start &Session"), this, &IdeWorkbench::startSession);
    runMenu->addAction(tr("&Continue"), m_controller, &SimController::resume)
        ->setShortcut(QKeySequence(Qt::Key_F5));
    runMenu->addAction(tr("&Pause"), m_controller, &SimController::pause);
    runMenu->addAction(tr("S&tep 1 Cycle"), m_controller, [this] { m_controller->step(1); })
        ->setShortcut(QKeySequence(Qt::Key_F10));
    m_endSessionAction =
        runMenu->addAction(tr("&End Session"), m_controller, &SimController::endSession);
    new ScriptAttachActions(m_window, m_controller, runMenu, this); // follows run.py's session
    buildMenu->addSeparator();
    buildMenu->addAction(tr("&Import Settings from Script…"), this, [this] {
        if (!m_window->project())
            return;
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Import Compile Settings"), m_window->project()->rootDir(),
            tr("Shell scripts (*.sh);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !importScript(path, &error))
            QMessageBox::warning(m_window, tr("Import Compile Settings"), error);
    });
    buildMenu->addAction(tr("&Export Settings as Script…"), this, [this] {
        if (!m_window->project())
            return;
        const QString path = QFileDialog::getSaveFileName(
            m_window, tr("Export Compile Settings"),
            m_window->project()->rootDir() + QStringLiteral("/commands_tessera.sh"),
            tr("Shell scripts (*.sh)"));
        QString error;
        if (!path.isEmpty() && !exportScript(path, &error))
            QMessageBox::warning(m_window, tr("Export Compile Settings"), error);
    });
    bar->insertMenu(before, buildMenu);
    bar->insertMenu(before, runMenu);
    // The dock toggles go into the View menu (the one holding the project dock's toggle).
    for (QAction* action : top) {
        QMenu* menu = action->menu();
        if (menu && menu->actions().contains(m_window->projectDock()->toggleViewAction())) {
            menu->addSeparator();
            for (QDockWidget* dock : std::as_const(m_docks))
                menu->addAction(dock->toggleViewAction());
        }
    }
}

void IdeWorkbench::updateActions() {
    m_buildAction->setEnabled(!m_controller->isBuilding());
    m_cancelAction->setEnabled(m_controller->isBuilding());
    const bool built = !m_controller->artifactDir().isEmpty();
    m_runScriptAction->setEnabled(built && !m_controller->isScriptRunning());
    const auto state = m_controller->state();
    const bool session =
        state == SimController::State::Running || state == SimController::State::Paused;
    m_sessionAction->setEnabled(built && !session);
    m_endSessionAction->setEnabled(state != SimController::State::NoSession);
}

void IdeWorkbench::build() {
    const auto& project = m_window->project();
    if (!project) {
        m_window->statusBar()->showMessage(tr("Open a project to build it."), 5000);
        return;
    }
    QString error;
    if (!m_window->saveAll(&error)) {
        m_compileLog->start(tr("(not started)"));
        m_compileLog->finish(false, tr("Cannot save before building: %1").arg(error));
        return;
    }
    QHash<QString, quint64> revisions;
    for (auto it = m_panes.cbegin(); it != m_panes.cend(); ++it)
        if (!it.key()->filePath().isEmpty())
            revisions.insert(it.key()->filePath(), it->revision);
    m_controller->build(project->rootDir(), project->layoutFile(), project->compileArguments(),
                        revisions);
    m_docks.at(1)->raise();
    updateActions();
}

bool IdeWorkbench::importScript(const QString& path, QString* error) {
    if (!m_window->project()) {
        *error = tr("No project is open.");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QString problem;
    const auto script = importCommandsScript(QString::fromUtf8(file.readAll()), &problem);
    if (!script) {
        *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), problem);
        return false;
    }
    Project project = *m_window->project();
    project.setLayoutFile(script->layoutFile);
    project.setCompile(script->compile);
    return m_window->applyProjectSettings(project, error);
}

bool IdeWorkbench::exportScript(const QString& path, QString* error) {
    if (!m_window->project()) {
        *error = tr("No project is open.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(exportCommandsScript(*m_window->project()).toUtf8()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner);
    return true;
}

void IdeWorkbench::runScript() {
    runHostScript(SimController::ScriptStart::Free);
}

void IdeWorkbench::runHostScript(SimController::ScriptStart start) {
    const auto& project = m_window->project();
    if (!project)
        return;
    QString problem;
    const auto script = findCommandsScript(QDir(project->rootDir()), &problem);
    if (script && !script->hostScript.isEmpty())
        m_controller->runScript(project->rootDir(), script->hostScript, start, script->hostArgs);
    else
        m_controller->runScript(project->rootDir(), QStringLiteral("run.py"), start);
}

void IdeWorkbench::startSession() {
    m_controller->startSession(m_controls->launchFunction());
    m_docks.at(5)->raise();
}

void IdeWorkbench::attachPane(EditorPane* pane) {
    PaneState state;
    state.timer = new QTimer(pane);
    state.timer->setSingleShot(true);
    state.timer->setInterval(LiveCheckDelayMs);
    state.marks = new EditorDiagnostics(pane->editor());
    m_navigator->attach(pane);
    m_panes.insert(pane, state);
    connect(state.timer, &QTimer::timeout, this, [this, pane] {
        liveCheck(pane);
        m_live->textSettled(); // the whole project, semantic checks included
    });
    connect(pane->editor(), &QsciScintilla::textChanged, this, [this, pane] {
        PaneState& s = m_panes[pane];
        ++s.revision;
        if (!pane->filePath().isEmpty())
            m_diagnostics->setDocumentRevision(pane->filePath(), s.revision);
        s.timer->start();
    });
    connect(pane, &QObject::destroyed, this, [this, pane] { m_panes.remove(pane); });
    if (!pane->filePath().isEmpty())
        showFileDiagnostics(pane->filePath());
}

quint64 IdeWorkbench::revision(EditorPane* pane) const {
    return m_panes.value(pane).revision;
}

EditorDiagnostics* IdeWorkbench::editorDiagnostics(EditorPane* pane) const {
    return m_panes.value(pane).marks;
}

void IdeWorkbench::liveCheck(EditorPane* pane) {
    const QString file = pane->filePath();
    if (file.isEmpty() || !pane->editor()->isCsl())
        return;
    const quint64 revision = m_panes.value(pane).revision;
    const std::string text = pane->editor()->text().toStdString();
    m_checkPool.start([this, file, revision, text] {
        const QList<DiagnosticItem> items = toItems(csl::checkSyntax(file.toStdString(), text));
        QMetaObject::invokeMethod(
            this,
            [this, file, revision, items] {
                m_diagnostics->setFileDiagnostics(file, revision, items);
            },
            Qt::QueuedConnection);
    });
}

void IdeWorkbench::showFileDiagnostics(const QString& file) {
    const QList<DiagnosticItem> items = m_diagnostics->itemsForFile(file);
    for (auto it = m_panes.cbegin(); it != m_panes.cend(); ++it)
        if (it.key()->filePath() == file)
            it->marks->setDiagnostics(items);
}

void IdeWorkbench::jumpTo(const QString& file, int line, int column) {
    if (file.isEmpty())
        return;
    QString error;
    EditorPane* pane = m_window->openFile(file, &error);
    if (!pane) {
        m_window->statusBar()->showMessage(error, 5000);
        return;
    }
    pane->editor()->setCursorPosition(qMax(0, line - 1), qMax(0, column - 1));
    pane->editor()->ensureLineVisible(qMax(0, line - 1));
    pane->editor()->setFocus();
}

} // namespace tessera
