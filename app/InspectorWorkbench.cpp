#include "app/InspectorWorkbench.h"

#include "app/CoreDumpDocument.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "backend/artifact/program_file.h"
#include "backend/client/client.h"
#include "sim/trace_log.h"
#include "sim/trace_run.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/SimControls.h"
#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/fabric/FabricLayerModel.h"
#include "widgets/fabric/FabricView.h"
#include "widgets/inspector/DumpPanels.h"
#include "widgets/inspector/PeInspector.h"
#include "widgets/inspector/TimelinePanel.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>

#include <utility>

namespace tessera {

namespace {

QStringList droppedDumps(const QMimeData* mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && CoreDumpDocument::looksLikeCoreDump(url.toLocalFile()))
            paths << url.toLocalFile();
    return paths;
}

} // namespace

InspectorWorkbench::InspectorWorkbench(MainWindow* window, IdeWorkbench* workbench)
    : QObject(window), m_window(window), m_workbench(workbench),
      m_inspector(new PeInspector(window)), m_heat(new SymbolHeatMapPanel(window)),
      m_compare(new DumpComparePanel(window)), m_profile(new TaskProfilePanel(window)),
      m_dumpTabs(new QTabWidget(window)) {
    setObjectName(QStringLiteral("inspectorWorkbench"));
    m_dumpTabs->addTab(m_heat, tr("Heat Map"));
    m_dumpTabs->addTab(m_compare, tr("Compare"));
    m_dumpTabs->addTab(m_profile, tr("Task Profile"));

    m_inspectorDock = new QDockWidget(tr("PE Inspector"), window);
    m_inspectorDock->setObjectName(QStringLiteral("peInspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    m_dumpDock = new QDockWidget(tr("Core Dump"), window);
    m_dumpDock->setObjectName(QStringLiteral("coreDumpDock"));
    m_dumpDock->setWidget(m_dumpTabs);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dumpDock);
    // The inspector joins the bottom tab group (Problems, Compile Output, ...) for its
    // width; the dump views join the Simulation dock under the fabric they colour.
    if (auto* problems = window->findChild<QDockWidget*>(QStringLiteral("problemsDock")))
        window->tabifyDockWidget(problems, m_inspectorDock);
    if (auto* simulation = window->findChild<QDockWidget*>(QStringLiteral("simulationDock")))
        window->tabifyDockWidget(simulation, m_dumpDock);
    createActions();

    FabricView* fabric = m_workbench->fabricView();
    connect(fabric, &FabricView::peClicked, this, [this](QPoint pe) {
        if (m_dump)
            m_inspector->selectPe(pe);
    });
    connect(m_inspector, &PeInspector::peSelected, this, [this, fabric](QPoint pe) {
        if (fabric->selectedPe() != pe && fabric->snapshot() == m_dumpSnapshot)
            fabric->jumpToPe(pe);
    });
    connect(m_inspector, &PeInspector::sourceLocated, this, &InspectorWorkbench::showSource);
    connect(m_heat, &SymbolHeatMapPanel::heatMapChanged, this,
            [this](const SymbolHeatMap& map) { showCustomHeat(map.values, map.label, map.range); });
    connect(m_compare, &DumpComparePanel::differencesFound, this,
            [this](const std::vector<float>& counts) {
                float most = 0;
                for (float n : counts)
                    most = std::max(most, n);
                showCustomHeat(counts, tr("Differing symbols"),
                               std::pair<float, float>{0.0f, std::max(1.0f, most)});
            });
    connect(m_compare, &DumpComparePanel::peActivated, this,
            [this](QPoint pe) { m_inspector->selectPe(pe); });
    connect(m_workbench->controller(), &SimController::coreDumped, this,
            [this](const QString& path, const QString& error) {
                if (!error.isEmpty()) {
                    report(tr("Cannot dump the session: %1").arg(error));
                    return;
                }
                QString openError;
                if (!openDump(path, &openError))
                    report(openError);
            });
    connect(m_workbench->controller(), &SimController::stateChanged, this, [this] {
        const auto state = m_workbench->controller()->state();
        m_dumpAction->setEnabled(state == SimController::State::Paused ||
                                 state == SimController::State::Finished);
    });
    connect(fabric, &FabricView::regionSelected, this, &InspectorWorkbench::profileRegion);
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    connectTimeline();
}

InspectorWorkbench::~InspectorWorkbench() {
    m_tracePool.clear();
    m_tracePool.waitForDone(); // its result would come back to this object
}

TimelinePanel* InspectorWorkbench::timeline() const {
    return m_inspector->timeline();
}

void InspectorWorkbench::profileRegion(QRect fabricRegion) {
    if (!m_dump) {
        report(tr("Open a core dump to profile the tasks of a region of PEs."));
        return;
    }
    m_profile->setRegion(fabricRegion);
    m_dumpTabs->setCurrentWidget(m_profile);
    m_dumpDock->show();
    m_dumpDock->raise();
    const QRect r = m_profile->region();
    if (!r.isEmpty())
        report(tr("Task profile of PEs %1,%2 to %3,%4.")
                   .arg(r.left())
                   .arg(r.top())
                   .arg(r.right())
                   .arg(r.bottom()));
}

void InspectorWorkbench::connectTimeline() {
    TimelinePanel* panel = m_inspector->timeline();
    TimelineView* view = panel->view();
    m_tracePool.setMaxThreadCount(1);
    m_traceTimer.setSingleShot(true);
    m_traceTimer.setInterval(TraceDelayMs);
    connect(&m_traceTimer, &QTimer::timeout, this, &InspectorWorkbench::traceSession);
    // The linked selection (AnalysisWorkbench's): the timeline shows its PE and cycle, and
    // a click on the timeline picks the cycle (and the lane's task or color) for every view.
    m_selection = m_workbench->findChild<AnalysisSelection*>();
    if (m_selection) {
        connect(m_selection, &AnalysisSelection::peChanged, view,
                [this, view] { view->setPe(m_selection->pe()); });
        connect(m_selection, &AnalysisSelection::cycleChanged, view,
                [this, view] { view->setSelectedCycle(m_selection->cycle()); });
        connect(view, &TimelineView::cycleClicked, this,
                [this](quint64 cycle, int task, int color) {
                    m_selection->setCycle(cycle);
                    if (task >= 0)
                        m_selection->setTask(task);
                    if (color >= 0)
                        m_selection->setColor(color);
                });
        connect(m_inspector, &PeInspector::peSelected, this,
                [this](QPoint pe) { m_selection->setPe(pe); });
        view->setPe(m_selection->pe());
    } else {
        connect(m_workbench->fabricView(), &FabricView::peClicked, view,
                [view](QPoint pe) { view->setPe(pe); });
    }
    connect(panel, &TimelinePanel::tracingToggled, this, [this, panel](bool on) {
        if (on) {
            traceSession();
        } else {
            m_traceTimer.stop();
            m_traceAgain = false;
            m_tracedArtifact.clear();
            panel->setTrace(nullptr, {});
        }
    });
    SimController* controller = m_workbench->controller();
    connect(controller, &SimController::stateChanged, this,
            &InspectorWorkbench::sessionStateChanged);
    connect(controller, &SimController::cycleChanged, this, [this, controller] {
        if (controller->state() == SimController::State::Paused)
            m_traceTimer.start();
    });
}

void InspectorWorkbench::sessionStateChanged() {
    using State = SimController::State;
    const State state = m_workbench->controller()->state();
    const State before = State(m_lastState);
    m_lastState = int(state);
    // A new session launches what the Simulation dock names (IdeWorkbench::startSession).
    if ((before == State::NoSession || before == State::Finished) &&
        (state == State::Paused || state == State::Running)) {
        m_sessionFunction = m_workbench->simControls()->launchFunction();
        m_tracedArtifact.clear(); // the previous session's trace is not this one's
        if (m_inspector->timeline()->view()->trace())
            m_inspector->timeline()->setTrace(nullptr, {});
    }
    if (state == State::Paused || state == State::Finished)
        m_traceTimer.start();
}

void InspectorWorkbench::traceSession() {
    TimelinePanel* panel = m_inspector->timeline();
    SimController* controller = m_workbench->controller();
    if (!panel->isTracingOn())
        return;
    using State = SimController::State;
    const State state = controller->state();
    // A host script's session (its H2D data only the appliance has) is replayed by the
    // appliance from its record of the script's host commands (Debug.Trace).
    const QString attachedId =
        controller->isAttached() ? controller->attachedSessionId() : QString();
    if (attachedId.isEmpty() &&
        (state == State::NoSession || controller->artifactDir().isEmpty())) {
        panel->setStatus(tr("Tracing is on: start a session (Run ▸ Start Session) to trace it."));
        return;
    }
    if (state == State::Running)
        return; // traced at the next pause
    const quint64 cycle = controller->cycle();
    if (cycle == 0) {
        panel->setStatus(tr("Tracing is on: step or run the session; the trace follows it."));
        return;
    }
    const QString artifactDir =
        attachedId.isEmpty() ? controller->artifactDir() : QStringLiteral("session:") + attachedId;
    if (panel->view()->trace() && cycle == m_tracedCycle && artifactDir == m_tracedArtifact)
        return;
    if (m_traceBusy) {
        m_traceAgain = true;
        return;
    }
    if (!m_traceDir) {
        m_traceDir = std::make_unique<QTemporaryDir>();
        if (!m_traceDir->isValid()) {
            panel->setStatus(
                tr("Cannot trace: no temporary folder (%1).").arg(m_traceDir->errorString()));
            m_traceDir.reset();
            return;
        }
    }
    m_traceBusy = true;
    const QString function = m_sessionFunction;
    panel->setStatus(tr("Tracing the run to cycle %1…").arg(cycle));
    const QString path = m_traceDir->filePath(QStringLiteral("trace-%1.log").arg(++m_traceSerial));
    m_tracePool.start([this, artifactDir, function, cycle, path, attachedId, controller] {
        std::shared_ptr<const sim::TraceLog> log;
        QString error, stopped;
        try {
            if (!attachedId.isEmpty()) {
                client::DebugSession session(controller->sharedConnection(),
                                             attachedId.toStdString());
                stopped = QString::fromStdString(session.trace(path.toStdString(), cycle).stopped);
            } else {
                sim::TraceRunRequest request;
                request.program = artifact::readProgramFile(
                    QDir(artifactDir).filePath(QStringLiteral("bin/out_program.pb")).toStdString());
                request.launchFunction = function.toStdString();
                request.cycles = cycle;
                request.logPath = path.toStdString();
                const sim::RunResult result = sim::runTraced(request);
                if (result.status == sim::RunStatus::Fault)
                    stopped = QString::fromStdString(result.message);
            }
            log = std::make_shared<const sim::TraceLog>(path.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QFile::remove(path); // the log stays readable while the timeline holds it open
        QMetaObject::invokeMethod(
            this,
            [this, log, error, stopped, function, cycle, artifactDir, attachedId] {
                m_traceBusy = false;
                TimelinePanel* panel = m_inspector->timeline();
                if (panel->isTracingOn()) {
                    if (log) {
                        m_tracedCycle = cycle;
                        m_tracedArtifact = artifactDir;
                        QString description =
                            !attachedId.isEmpty()
                                ? tr("the script's host commands replayed by the appliance, "
                                     "cycles 0–%1")
                                      .arg(cycle - 1)
                            : function.isEmpty()
                                ? tr("cycles 0–%1, nothing launched").arg(cycle - 1)
                                : tr("%1 launched, cycles 0–%2").arg(function).arg(cycle - 1);
                        if (!stopped.isEmpty())
                            description += tr(" (%1)").arg(stopped);
                        panel->setTrace(log, description);
                    } else {
                        panel->setStatus(tr("Cannot trace the run: %1").arg(error));
                    }
                }
                emit traceFinished(error);
                if (std::exchange(m_traceAgain, false))
                    traceSession();
            },
            Qt::QueuedConnection);
    });
}

void InspectorWorkbench::createActions() {
    QMenuBar* bar = m_window->menuBar();
    if (QMenu* file = menuTitled(bar, "tessera::MainWindow", "&File")) {
        QAction* firstSeparator = nullptr;
        for (QAction* a : file->actions())
            if (a->isSeparator()) {
                firstSeparator = a;
                break;
            }
        auto* open = new QAction(tr("Open Core &Dump..."), file);
        connect(open, &QAction::triggered, this, &InspectorWorkbench::openDumpDialog);
        m_compareAction = new QAction(tr("Compare &With Core Dump..."), file);
        m_compareAction->setEnabled(false);
        connect(m_compareAction, &QAction::triggered, this, &InspectorWorkbench::compareDialog);
        file->insertAction(firstSeparator, open);
        file->insertAction(firstSeparator, m_compareAction);
    }
    m_dumpAction = new QAction(tr("&Dump and Inspect"), this);
    m_dumpAction->setEnabled(false);
    connect(m_dumpAction, &QAction::triggered, this, &InspectorWorkbench::dumpAndInspect);
    if (QMenu* run = menuTitled(bar, "tessera::IdeWorkbench", "&Run")) {
        run->addSeparator();
        run->addAction(m_dumpAction);
    }
}

void InspectorWorkbench::report(const QString& text) {
    m_window->statusBar()->showMessage(text, 8000);
    emit message(text);
}

bool InspectorWorkbench::openDumpWithProject(const QString& path, QString* error) {
    if (!m_window->project()) {
        const QString artifactDir = CoreDumpDocument::findArtifactDir(path);
        if (!artifactDir.isEmpty()) {
            const QDir projectDir = QFileInfo(artifactDir).dir();
            const bool looksLikeProject =
                projectDir.exists(QLatin1String(Project::FileName)) ||
                !projectDir.entryList({QStringLiteral("*.csl")}, QDir::Files).isEmpty();
            QString projectError;
            if (looksLikeProject && !m_window->openProject(projectDir.path(), &projectError))
                report(projectError); // the dump still opens, with the program beside it
        }
    }
    return openDump(path, error);
}

bool InspectorWorkbench::openDump(const QString& path, QString* error) {
    DumpPtr dump =
        CoreDumpDocument::open(path, {}, m_workbench->controller()->artifactDir(), error);
    if (!dump)
        return false;
    m_dump = dump;
    m_dumpArtifactDir =
        CoreDumpDocument::findArtifactDir(path, m_workbench->controller()->artifactDir());
    m_dumpSnapshot = std::make_shared<const FabricSnapshot>(CoreDumpDocument::snapshotOf(*m_dump));
    FabricView* fabric = m_workbench->fabricView();
    fabric->setSnapshot(m_dumpSnapshot);
    fabric->fitFabric();
    m_inspector->setDump(m_dump);
    m_heat->setDump(m_dump);
    m_profile->setDump(m_dump);
    m_compare->compare({}, {});
    m_compareAction->setEnabled(true);
    m_inspectorDock->show();
    m_inspectorDock->raise();
    m_dumpDock->show();
    const sim::CoreHeader& h = m_dump->header();
    if (!m_inspector->selectedPe())
        m_inspector->selectPe(QPoint(int(h.offsetX), int(h.offsetY)));
    report(tr("Core dump %1: %2x%3 PEs at cycle %4 (format version %5).")
               .arg(QDir::toNativeSeparators(path))
               .arg(h.width)
               .arg(h.height)
               .arg(h.cycle)
               .arg(h.version));
    emit dumpOpened(path);
    return true;
}

bool InspectorWorkbench::compareWith(const QString& path, QString* error) {
    if (!m_dump) {
        *error = tr("Open a core dump first, then compare it with another.");
        return false;
    }
    DumpPtr other;
    try {
        other = std::make_shared<debug::DebugUtil>(m_dump->programPtr(), path.toStdString(),
                                                   m_dump->coordinates());
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    const QString problem = m_compare->compare(m_dump, other);
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    m_dumpDock->show();
    m_dumpDock->raise();
    m_dumpTabs->setCurrentWidget(m_compare);
    report(m_compare->summaryText());
    return true;
}

void InspectorWorkbench::dumpAndInspect() {
    SimController* controller = m_workbench->controller();
    const QString dir = controller->artifactDir();
    if (dir.isEmpty()) {
        report(tr("Build and start a session first."));
        return;
    }
    const QString name = QStringLiteral("corefile-cycle%1-%2.cs1")
                             .arg(controller->cycle())
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("hhmmss")));
    controller->dumpCore(QDir(dir).filePath(name));
}

void InspectorWorkbench::openDumpDialog() {
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open Core Dump"), m_workbench->controller()->artifactDir(),
        tr("Core dumps (corefile* *.cs1 *.core);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openDump(path, &error))
        QMessageBox::warning(m_window, tr("Open Core Dump"), error);
}

void InspectorWorkbench::compareDialog() {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Compare With Core Dump"), m_dumpArtifactDir,
                                     tr("Core dumps (corefile* *.cs1 *.core);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!compareWith(path, &error))
        QMessageBox::warning(m_window, tr("Compare With Core Dump"), error);
}

void InspectorWorkbench::showCustomHeat(std::vector<float> values, const QString& label,
                                        std::optional<std::pair<float, float>> range) {
    if (!m_dumpSnapshot)
        return;
    FabricSnapshot s = *m_dumpSnapshot;
    // One Custom layer at a time: the new values replace the previous ones.
    std::erase_if(s.heatMaps,
                  [](const FabricHeatMap& m) { return m.metric == FabricHeatMetric::Custom; });
    s.heatMaps.push_back({FabricHeatMetric::Custom, std::move(values)});
    s.customHeatLabel = label;
    s.customHeatRange = range;
    FabricView* fabric = m_workbench->fabricView();
    auto shown = std::make_shared<const FabricSnapshot>(std::move(s));
    if (!fabric->setSnapshot(shown).isEmpty())
        return;
    m_dumpSnapshot = shown;
    fabric->layerModel()->setLayerVisible(FabricLayerKind::HeatMap, int(FabricHeatMetric::Custom),
                                          true);
}

void InspectorWorkbench::showSource(const QString& programFile, int line) {
    // The program names files as the compiler opened them: absolute, or relative to the
    // code directory (the artifact directory's parent).
    QString path = programFile;
    if (QFileInfo(path).isRelative()) {
        QDir code(m_dumpArtifactDir);
        code.cdUp();
        path = code.filePath(programFile);
        if (!QFileInfo::exists(path) && m_window->project())
            path = QDir(m_window->project()->rootDir()).filePath(programFile);
    }
    if (!QFileInfo::exists(path) || line <= 0)
        return;
    QString error;
    EditorPane* pane = m_window->openFile(path, &error);
    if (!pane)
        return;
    CslEditor* editor = pane->editor();
    const int at = line - 1;
    editor->setCursorPosition(at, 0);
    editor->setSelection(at, 0, at, editor->lineLength(at));
    editor->ensureLineVisible(at);
    m_shownFile = QFileInfo(path).absoluteFilePath();
    m_shownLine = line;
}

bool InspectorWorkbench::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && event->type() == QEvent::DragEnter) {
        auto* drag = static_cast<QDragEnterEvent*>(event);
        if (!droppedDumps(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (watched == m_window && event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QStringList dumps = droppedDumps(drop->mimeData());
        if (!dumps.isEmpty()) {
            drop->acceptProposedAction();
            QString error;
            if (!openDump(dumps.first(), &error))
                report(error);
            else if (dumps.size() > 1 && !compareWith(dumps.at(1), &error))
                report(error);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tessera
