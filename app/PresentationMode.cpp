#include "app/PresentationMode.h"

#include "app/ExamplesGallery.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "backend/artifact/artifact.h"
#include "sim/program.h"
#include "widgets/SimControls.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStatusBar>

#include <algorithm>
#include <cmath>
#include <map>

namespace tessera {

namespace {

struct Step {
    uint8_t bit;
    QPoint delta;
};
constexpr Step kSteps[] = {{fabric_dir::North, {0, -1}},
                           {fabric_dir::South, {0, 1}},
                           {fabric_dir::East, {1, 0}},
                           {fabric_dir::West, {-1, 0}}};

QString directionName(uint8_t bit) {
    switch (bit) {
    case fabric_dir::North:
        return PresentationMode::tr("north");
    case fabric_dir::South:
        return PresentationMode::tr("south");
    case fabric_dir::East:
        return PresentationMode::tr("east");
    case fabric_dir::West:
        return PresentationMode::tr("west");
    default:
        return PresentationMode::tr("to the core");
    }
}

// "east", "east and south", "east, south and west"
QString directionList(uint8_t mask) {
    QStringList names;
    for (const Step& s : kSteps)
        if (mask & s.bit)
            names << directionName(s.bit);
    if (names.size() <= 1)
        return names.value(0);
    const QString last = names.takeLast();
    return PresentationMode::tr("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

// The task a PE most likely ran: the data task of a color delivered to its core in this
// beat, else its only non-data task, else its tasks by name.
QString taskOf(const FabricSnapshot& s, const PresentationTasks& tasks, size_t peIndex,
               const std::vector<int>& deliveredColors) {
    const uint16_t cls = s.codeClass[peIndex];
    if (cls == FabricSnapshot::kNoCode || cls >= tasks.perClass.size())
        return {};
    const auto& list = tasks.perClass[cls];
    for (int color : deliveredColors)
        for (const auto& t : list)
            if (t.data && t.color == color)
                return PresentationMode::tr("task %1").arg(t.name);
    std::vector<const PresentationTasks::Task*> others;
    for (const auto& t : list)
        if (!t.data)
            others.push_back(&t);
    if (others.size() == 1)
        return PresentationMode::tr("task %1").arg(others.front()->name);
    QStringList names;
    for (const auto& t : list)
        names << t.name;
    if (names.isEmpty())
        return {};
    // A caption line holds a couple of names; more would be cut off.
    if (names.size() > 2)
        return PresentationMode::tr("one of its %1 tasks").arg(names.size());
    return PresentationMode::tr("one of its tasks (%1)").arg(names.join(QStringLiteral(", ")));
}

} // namespace

PresentationTasks presentationTasks(const sim::FabricProgram& program) {
    PresentationTasks out;
    for (const sim::CodeClass& c : program.classes) {
        std::vector<PresentationTasks::Task> list;
        for (const sim::TaskBinding& b : c.tasks) {
            if (b.kind == sim::TaskKind::None || b.function < 0 ||
                size_t(b.function) >= c.functions.size())
                continue;
            PresentationTasks::Task t;
            t.name = QString::fromStdString(c.functions[size_t(b.function)].name);
            t.data = b.kind == sim::TaskKind::Data;
            // WSE-3 binds data tasks to input queues; the class knows each queue's color.
            t.color = b.inputQueue >= 0 && size_t(b.inputQueue) < c.inputQueueColor.size()
                          ? c.inputQueueColor[size_t(b.inputQueue)]
                          : int(b.color);
            list.push_back(t);
        }
        out.perClass.push_back(std::move(list));
    }
    return out;
}

PresentationBeat presentationBeat(const FabricSnapshot& before, const FabricSnapshot& after,
                                  quint64 cycle, const PresentationTasks& tasks) {
    PresentationBeat beat;
    beat.cycle = cycle;
    const FabricHeatMap* instrAfter = after.heatMap(FabricHeatMetric::Instructions);
    const FabricHeatMap* instrBefore = before.heatMap(FabricHeatMetric::Instructions);
    const FabricHeatMap* wavAfter = after.heatMap(FabricHeatMetric::Wavelets);
    const FabricHeatMap* wavBefore = before.heatMap(FabricHeatMetric::Wavelets);
    const QRect rect = after.rectangle();
    const size_t count = size_t(rect.width()) * size_t(rect.height());
    auto delta = [count](const FabricHeatMap* a, const FabricHeatMap* b, size_t i) -> double {
        if (!a || a->values.size() != count || std::isnan(a->values[i]))
            return 0;
        const double was =
            b && b->values.size() == count && !std::isnan(b->values[i]) ? b->values[i] : 0;
        return std::max(0.0, double(a->values[i]) - was);
    };

    // Routes by PE: which colors pass it and where they go.
    std::map<std::pair<int, int>, std::vector<std::pair<int, FabricRoute>>> routesAt;
    for (const FabricColorRoutes& c : after.routes)
        for (const FabricRoute& r : c.pes)
            routesAt[{r.pe.x(), r.pe.y()}].push_back({c.color, r});

    struct ColorTotal {
        double hops = 0;
        uint8_t directions = 0;
    };
    std::map<int, ColorTotal> byColor;
    double busiestInstr = 0;
    size_t busiest = count;
    std::vector<int> busiestDelivered;
    int activeCount = 0;
    for (size_t i = 0; i < count; ++i) {
        const QPoint pe =
            rect.topLeft() + QPoint(int(i % size_t(rect.width())), int(i / size_t(rect.width())));
        const double instr = delta(instrAfter, instrBefore, i);
        const double wav = delta(wavAfter, wavBefore, i);
        std::vector<int> delivered;
        if (wav > 0) {
            const auto it = routesAt.find({pe.x(), pe.y()});
            if (it != routesAt.end()) {
                const double share = wav / double(it->second.size());
                for (const auto& [color, route] : it->second) {
                    if (route.tx & fabric_dir::Ramp)
                        delivered.push_back(color);
                    for (const Step& s : kSteps) {
                        if (!(route.tx & s.bit))
                            continue;
                        beat.hops.push_back({pe, pe + s.delta, color, share});
                        byColor[color].hops += share;
                        byColor[color].directions |= s.bit;
                    }
                }
            }
        }
        if (instr > 0) {
            beat.activePes.push_back(pe);
            ++activeCount;
            if (instr > busiestInstr) {
                busiestInstr = instr;
                busiest = i;
                busiestDelivered = delivered;
            }
        }
    }

    QStringList parts;
    if (busiest < count) {
        // Fabric coordinates, as the grid under the caption is labelled.
        const QPoint at = rect.topLeft() + QPoint(int(busiest % size_t(rect.width())),
                                                  int(busiest / size_t(rect.width())));
        const QString task = taskOf(after, tasks, busiest, busiestDelivered);
        QString text =
            task.isEmpty()
                ? PresentationMode::tr("PE (%1,%2) computes").arg(at.x()).arg(at.y())
                : PresentationMode::tr("PE (%1,%2) runs %3").arg(at.x()).arg(at.y()).arg(task);
        if (activeCount > 1)
            text += PresentationMode::tr(" (%1 PEs busy)").arg(activeCount);
        parts << text;
    }
    const auto top = std::max_element(byColor.begin(), byColor.end(), [](auto& a, auto& b) {
        return a.second.hops < b.second.hops;
    });
    if (top != byColor.end()) {
        const int hops = std::max(1, int(std::lround(top->second.hops)));
        QString text =
            (hops == 1 ? PresentationMode::tr("1 wavelet hop on color %1 moving %2")
                       : PresentationMode::tr("%1 wavelet hops on color %2 moving %3").arg(hops))
                .arg(top->first)
                .arg(directionList(top->second.directions));
        if (byColor.size() > 1)
            text += byColor.size() == 2
                        ? PresentationMode::tr(" (1 more color busy)")
                        : PresentationMode::tr(" (%1 more colors busy)").arg(byColor.size() - 1);
        parts << text;
    }
    if (parts.isEmpty())
        beat.caption = PresentationMode::tr("cycle %1: nothing moves").arg(cycle);
    else
        beat.caption =
            PresentationMode::tr("cycle %1: %2").arg(cycle).arg(parts.join(QStringLiteral("; ")));
    return beat;
}

PresentationBeat tourBeat(const FabricSnapshot& snapshot, size_t index) {
    PresentationBeat beat;
    const size_t stops = snapshot.routes.size() + snapshot.classes.size();
    if (stops == 0)
        return beat;
    index %= stops;
    if (index >= snapshot.routes.size()) {
        // A code class: the PEs that run it.
        const size_t cls = index - snapshot.routes.size();
        const QRect rect = snapshot.rectangle();
        for (size_t i = 0; i < snapshot.codeClass.size(); ++i)
            if (snapshot.codeClass[i] == cls)
                beat.activePes.push_back(rect.topLeft() +
                                         QPoint(int(i % size_t(std::max(1, rect.width()))),
                                                int(i / size_t(std::max(1, rect.width())))));
        const FabricCodeClass& c = snapshot.classes[cls];
        const QString what =
            c.params.isEmpty() ? c.tileFile : QStringLiteral("%1 (%2)").arg(c.tileFile, c.params);
        beat.caption =
            beat.activePes.size() == 1
                ? PresentationMode::tr("%1 runs on 1 PE").arg(what)
                : PresentationMode::tr("%1 runs on %2 PEs").arg(what).arg(beat.activePes.size());
        return beat;
    }
    const FabricColorRoutes& c = snapshot.routes[index];
    uint8_t directions = 0;
    int receivers = 0;
    for (const FabricRoute& r : c.pes) {
        for (const Step& s : kSteps)
            if (r.tx & s.bit) {
                beat.hops.push_back({r.pe, r.pe + s.delta, c.color, 1});
                directions |= s.bit;
            }
        if (r.tx & fabric_dir::Ramp) {
            beat.activePes.push_back(r.pe);
            ++receivers;
        }
    }
    beat.caption =
        PresentationMode::tr("color %1: routes through %2 PEs, moving %3; "
                             "%4 deliver to their core")
            .arg(c.color)
            .arg(c.pes.size())
            .arg(directions ? directionList(directions) : PresentationMode::tr("nowhere"))
            .arg(receivers);
    return beat;
}

PresentationMode::PresentationMode(MainWindow* window, IdeWorkbench* bench)
    : QObject(bench), m_window(window), m_bench(bench),
      m_action(new QAction(tr("&Presentation Mode"), this)) {
    setObjectName(QStringLiteral("presentationMode"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setToolTip(tr("Show the fabric large and animate the run slowly (F11; Esc leaves)"));
    connect(m_action, &QAction::triggered, this, [this](bool on) { on ? enter() : leave(); });
    for (QAction* top : m_window->menuBar()->actions()) {
        QMenu* menu = top->menu();
        if (menu && menu->actions().contains(m_window->projectDock()->toggleViewAction())) {
            menu->addSeparator();
            menu->addAction(m_action);
        }
    }
    m_window->addAction(m_action); // F11 works with the menu bar hidden too
    m_beatTimer.setInterval(kBeatMs);
    connect(&m_beatTimer, &QTimer::timeout, this, &PresentationMode::onBeatTimer);

    SimController* controller = m_bench->controller();
    connect(controller, &SimController::snapshotChanged, this, &PresentationMode::onSnapshot);
    connect(controller, &SimController::buildFinished, this, [this](bool ok) {
        if (!m_building || !isActive())
            return;
        m_building = false;
        if (ok)
            prepare();
        else
            startTour(tr("the build failed; see Compile Output"));
    });
    connect(controller, &SimController::stateChanged, this, [this](SimController::State state) {
        if (!isActive())
            return;
        if (state == SimController::State::Paused)
            m_starting = false; // the session (started or attached) stands at its first cycle
        if (state == SimController::State::Finished) {
            m_waiting = false;
            m_starting = false;
            if (!m_tour && m_view) {
                // The last stretch (the session went idle or closed before the beat's end).
                PresentationBeat beat =
                    m_last && m_latest && m_latest != m_last
                        ? presentationBeat(*m_last, *m_latest, m_bench->controller()->cycle(),
                                           m_tasks)
                        : PresentationBeat{};
                beat.caption =
                    m_script
                        ? tr("cycle %1: %2 has closed its session")
                              .arg(m_bench->controller()->cycle())
                              .arg(QLatin1String(ExamplesGallery::kHostScript))
                        : tr("cycle %1: the run has finished").arg(m_bench->controller()->cycle());
                m_last = m_latest;
                m_view->setBeat(beat);
                emit beatShown(beat);
            }
        }
        updateStatus();
    });
    connect(controller, &SimController::attachedChanged, this, [this](const QString& id) {
        if (!isActive() || !m_script || id.isEmpty())
            return;
        // The held script's session: SimController pauses it, then beats advance it.
        PresentationBeat beat;
        beat.caption = tr("cycle %1: %2 has loaded the program; the run begins")
                           .arg(m_bench->controller()->cycle())
                           .arg(QLatin1String(ExamplesGallery::kHostScript));
        m_view->setBeat(beat);
        emit beatShown(beat);
    });
    connect(controller, &SimController::scriptOutput, this, [this](const QString& text) {
        if (!m_script)
            return;
        m_scriptOutput += text;
        constexpr qsizetype kKept = 16 * 1024;
        if (m_scriptOutput.size() > kKept)
            m_scriptOutput = m_scriptOutput.right(kKept);
    });
    connect(controller, &SimController::scriptFinished, this, &PresentationMode::scriptFinished);
}

void PresentationMode::setBeatInterval(int ms) {
    m_beatTimer.setInterval(std::max(100, ms));
    if (m_view)
        m_view->setBeatDuration(std::max(50, m_beatTimer.interval() - 100));
}

void PresentationMode::enter() {
    if (isActive())
        return;
    m_savedState = m_window->saveState();
    for (QDockWidget* dock : m_window->findChildren<QDockWidget*>())
        dock->hide();
    m_view = new PresentationView(m_window);
    m_view->setBeatDuration(std::max(50, m_beatTimer.interval() - 100));
    connect(m_view, &PresentationView::pauseToggled, this, &PresentationMode::togglePause);
    connect(m_view, &PresentationView::stepRequested, this, &PresentationMode::stepBeat);
    connect(m_view, &PresentationView::fasterRequested, this,
            [this] { setCyclesPerBeat(m_cyclesPerBeat * 2); });
    connect(m_view, &PresentationView::slowerRequested, this,
            [this] { setCyclesPerBeat(m_cyclesPerBeat / 2); });
    connect(m_view, &PresentationView::leaveRequested, this, &PresentationMode::leave);
    m_window->installEventFilter(this);
    placeView();
    m_view->show();
    m_view->raise();
    m_view->setFocus();
    m_action->setChecked(true);
    m_paused = false;
    m_tour = false;
    m_waiting = false;
    m_starting = false;
    m_script = false;
    m_resumeOnLeave = false;
    m_skip = 1;
    m_last.reset();
    m_latest.reset();
    m_view->setSnapshot(m_bench->controller()->programSnapshot());
    prepare();
}

void PresentationMode::leave() {
    if (!isActive())
        return;
    m_beatTimer.stop();
    m_window->removeEventFilter(this);
    delete m_view.data();
    m_window->restoreState(m_savedState);
    m_action->setChecked(false);
    m_waiting = false;
    m_starting = false;
    m_building = false;
    SimController* controller = m_bench->controller();
    const auto state = controller->state();
    if (state == SimController::State::Running || state == SimController::State::Paused) {
        // Drops the cycle breakpoint of a beat still on its way: the session stays where
        // the user's own breakpoints put it.
        controller->setBreakpoints(m_bench->simControls()->breakpoints());
        if (m_resumeOnLeave)
            controller->resume(); // as it was: running, or the script this mode started
    }
    m_script = false;
    m_resumeOnLeave = false;
}

void PresentationMode::prepare() {
    SimController* controller = m_bench->controller();
    if (!m_window->project()) {
        startTour(tr("open a project first"));
        return;
    }
    if (controller->isBuilding() || controller->artifactDir().isEmpty()) {
        m_building = true;
        if (!controller->isBuilding())
            m_bench->build();
        PresentationBeat beat;
        beat.caption = tr("Building %1…").arg(m_window->project()->name());
        m_view->setBeat(beat);
        updateStatus();
        return;
    }
    try {
        const artifact::Artifact artifact =
            artifact::loadArtifact(controller->artifactDir().toStdString());
        m_tasks = presentationTasks(*artifact.program);
    } catch (const std::exception&) {
        m_tasks = {}; // captions name PEs without their tasks
    }
    m_view->setSnapshot(controller->programSnapshot());
    const auto state = controller->state();
    m_script = controller->isAttached();
    if (state == SimController::State::Running) {
        controller->pause();
        m_resumeOnLeave = true;
    }
    if (state == SimController::State::NoSession || state == SimController::State::Finished) {
        if (!ExamplesGallery::hostScriptOf(m_window).isEmpty()) {
            if (controller->isScriptRunning()) {
                startTour(tr("a host program runs without the IDE attached; Run > Attach to "
                             "Script Session follows it"));
                return;
            }
            startScript();
            return;
        }
        if (m_bench->simControls()->launchFunction().isEmpty()) {
            startTour(tr("no run.py and no exported function without arguments to launch"));
            return;
        }
        m_starting = true; // until the session stands paused at its first cycle
        m_bench->startSession();
    }
    PresentationBeat beat;
    beat.caption = tr("cycle %1: ready").arg(controller->cycle());
    m_view->setBeat(beat);
    m_beatTimer.start();
    updateStatus();
}

void PresentationMode::startScript() {
    m_script = true;
    m_resumeOnLeave = true;
    m_scriptOutput.clear();
    m_starting = true; // until the script's session is attached and paused
    m_waitClock.restart();
    m_bench->runHostScript(SimController::ScriptStart::HeldPaused);
    PresentationBeat beat;
    beat.caption =
        tr("Starting %1 under cs_python…").arg(QLatin1String(ExamplesGallery::kHostScript));
    m_view->setBeat(beat);
    m_beatTimer.start();
    updateStatus();
}

void PresentationMode::scriptFinished(int exitCode, const QString& error) {
    if (!isActive() || !m_script)
        return;
    m_beatTimer.stop();
    m_waiting = false;
    m_starting = false;
    // The verdict: the last line printed, or for a failure the exception's line
    // ("AssertionError: …"; numpy prints the arrays after it).
    QString last;
    const QStringList lines = m_scriptOutput.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!lines.isEmpty())
        last = lines.last().trimmed();
    static const QRegularExpression exception(QStringLiteral(R"(^[A-Za-z_.]*(Error|Exception)\b)"));
    if (exitCode != 0)
        for (qsizetype i = lines.size() - 1; i >= 0; --i)
            if (exception.match(lines.at(i)).hasMatch()) {
                last = lines.at(i).trimmed();
                break;
            }
    const QString script = QLatin1String(ExamplesGallery::kHostScript);
    const quint64 cycle = m_bench->controller()->cycle();
    PresentationBeat beat;
    beat.cycle = cycle;
    if (exitCode == 0 && error.isEmpty())
        beat.caption = last.isEmpty()
                           ? tr("cycle %1: %2 passed (exit code 0)").arg(cycle).arg(script)
                           : tr("cycle %1: %2 passed: %3").arg(cycle).arg(script, last);
    else
        beat.caption = tr("cycle %1: %2 failed (exit code %3): %4")
                           .arg(cycle)
                           .arg(script)
                           .arg(exitCode)
                           .arg(error.isEmpty() ? last : error);
    m_view->setBeat(beat);
    emit beatShown(beat);
    updateStatus();
}

void PresentationMode::startTour(const QString& why) {
    m_tour = true;
    m_tourWhy = why;
    m_tourIndex = 0;
    m_waiting = false;
    if (m_view && m_bench->controller()->programSnapshot())
        m_view->setSnapshot(m_bench->controller()->programSnapshot());
    m_beatTimer.start();
    onBeatTimer();
}

void PresentationMode::onBeatTimer() {
    if (!m_view)
        return;
    if (m_tour) {
        const FabricSnapshotPtr s = m_view->snapshot();
        if (!s || (s->routes.empty() && s->classes.empty())) {
            PresentationBeat beat;
            beat.caption = tr("Nothing to animate: %1").arg(m_tourWhy);
            m_view->setBeat(beat);
        } else if (!m_paused) {
            const PresentationBeat beat = tourBeat(*s, m_tourIndex++);
            m_view->setBeat(beat);
            emit beatShown(beat);
        }
        updateStatus();
        return;
    }
    if (m_script && m_waiting && !m_starting && m_bench->controller()->isAttached() &&
        m_waitClock.elapsed() > 2 * m_beatTimer.interval()) {
        // Simulated time runs only while a host command waits for it.
        PresentationBeat beat;
        beat.cycle = m_bench->controller()->cycle();
        beat.caption = tr("cycle %1: the fabric waits for %2's next host command")
                           .arg(beat.cycle)
                           .arg(QLatin1String(ExamplesGallery::kHostScript));
        if (m_view->beat().caption != beat.caption)
            m_view->setBeat(beat);
    }
    if (!m_paused)
        stepBeat();
}

void PresentationMode::stepBeat() {
    if (m_tour) {
        if (const FabricSnapshotPtr s = m_view ? m_view->snapshot() : nullptr; s)
            m_view->setBeat(tourBeat(*s, m_tourIndex++));
        return;
    }
    SimController* controller = m_bench->controller();
    // Running at the cycle the last beat ended: the session stands at that beat's stop,
    // whose frame came in before the advance's reply (which then said Running).
    const bool atStop = controller->state() == SimController::State::Running && m_last &&
                        controller->cycle() == m_lastCycle;
    if (m_starting || m_waiting || (controller->state() != SimController::State::Paused && !atStop))
        return;
    m_waiting = true;
    m_waitClock.restart();
    // Advanced rather than stepped: a host command that finishes in the beat lets its
    // program (run.py, or the launched function's wait) go on to the next one.
    controller->advance(m_cyclesPerBeat * m_skip);
}

void PresentationMode::onSnapshot(FabricSnapshotPtr snapshot) {
    if (!isActive() || m_tour || !snapshot)
        return;
    SimController* controller = m_bench->controller();
    const quint64 cycle = controller->cycle();
    m_latest = snapshot;
    if (!m_last) {
        m_last = snapshot;
        m_lastCycle = cycle;
        m_view->setSnapshot(snapshot);
        return;
    }
    // A beat ends where its advance paused the session; frames on the way there, and a
    // repeat of the frame shown, are not beats.
    if (controller->state() != SimController::State::Paused || cycle <= m_lastCycle)
        return;
    m_waiting = false;
    PresentationBeat beat = presentationBeat(*m_last, *snapshot, cycle, m_tasks);
    m_last = snapshot;
    m_lastCycle = cycle;
    m_view->setSnapshot(snapshot);
    const bool idle = beat.activePes.empty() && beat.hops.empty();
    if (idle) {
        // Skip idle time quickly, so the audience never watches nothing happen.
        if (m_skip >= kMaxSkip && !m_script) {
            startTour(tr("no PE has work at cycle %1: the program waits for host data "
                         "(run.py)")
                          .arg(cycle));
            return;
        }
        m_skip = std::min(m_skip * 2, kMaxSkip);
        updateStatus();
        QTimer::singleShot(0, this, [this] {
            if (isActive() && !m_tour && !m_paused)
                stepBeat();
        });
        return;
    }
    if (!idle)
        m_skip = 1;
    m_view->setBeat(beat);
    emit beatShown(beat);
    updateStatus();
}

void PresentationMode::togglePause() {
    m_paused = !m_paused;
    updateStatus();
}

void PresentationMode::setCyclesPerBeat(quint64 cycles) {
    m_cyclesPerBeat = std::clamp<quint64>(cycles, 1, 1024);
    updateStatus();
}

void PresentationMode::updateStatus() {
    if (!m_view)
        return;
    const auto state = m_bench->controller()->state();
    QString what = m_paused                                  ? tr("paused")
                   : m_tour                                  ? tr("tour: %1").arg(m_tourWhy)
                   : state == SimController::State::Finished ? tr("finished")
                   : m_building                              ? tr("building")
                   : m_skip > 1
                       ? tr("skipping idle cycles (%1 per beat)").arg(m_cyclesPerBeat * m_skip)
                       : tr("%1 cycles per beat").arg(m_cyclesPerBeat);
    if (m_script && !m_tour)
        what = tr("%1 · %2").arg(what, QLatin1String(ExamplesGallery::kHostScript));
    m_view->setStatus(
        tr("%1   ·   Space pause/resume   ·   → step   ·   +/− speed   ·   Esc leave").arg(what));
}

void PresentationMode::placeView() {
    if (!m_view)
        return;
    const int top = m_window->menuBar()->isVisible() ? m_window->menuBar()->height() : 0;
    const int bottom = m_window->statusBar()->isVisible() ? m_window->statusBar()->height() : 0;
    m_view->setGeometry(0, top, m_window->width(), m_window->height() - top - bottom);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        placeView();
    return QObject::eventFilter(watched, event);
}

} // namespace tessera
