#include "app/AnalysisWorkbench.h"

#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "backend/artifact/program_file.h"
#include "backend/client/client.h"
#include "sim/program.h"
#include "widgets/analysis/AnalysisSelection.h"
#include "widgets/analysis/ReplayControls.h"
#include "widgets/analysis/SimprintConsole.h"
#include "widgets/analysis/StallTable.h"
#include "widgets/fabric/FabricView.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tessera {

RecordedFrame recordedFrame(const client::Frame& frame) {
    RecordedFrame out;
    out.cycle = frame.cycle;
    out.width = int(frame.width);
    out.height = int(frame.height);
    out.pes.reserve(frame.pes.size());
    for (const client::PeActivity& pe : frame.pes)
        out.pes.push_back({pe.instructions, pe.wavelets, pe.stallCycles, pe.taskActivations});
    return out;
}

std::optional<SourcePosition> stallSource(const sim::FabricProgram& program,
                                          const client::PeWait& wait) {
    if (wait.x < program.offsetX || wait.y < program.offsetY)
        return {};
    const uint32_t x = wait.x - program.offsetX, y = wait.y - program.offsetY;
    const size_t pe = size_t(y) * program.width + x;
    if (x >= program.width || y >= program.height || pe >= program.pes.size() ||
        program.pes[pe].codeClass >= program.classes.size())
        return {};
    const sim::CodeClass& code = program.classes[program.pes[pe].codeClass];
    auto position = [&](const sim::SourceLoc& loc) -> std::optional<SourcePosition> {
        if (loc.line == 0 || loc.file >= program.sourceFiles.size())
            return {};
        return SourcePosition{QString::fromStdString(program.sourceFiles[loc.file]), int(loc.line)};
    };
    // The waiter's function: its task's, or the one the waiter names ("launched main").
    int function = -1;
    if (wait.task >= 0 && size_t(wait.task) < code.tasks.size())
        function = code.tasks[size_t(wait.task)].function;
    const QString waiter = QString::fromStdString(wait.waiter);
    for (const QString& prefix : {QStringLiteral("launched "), QStringLiteral("init ")})
        if (function < 0 && waiter.startsWith(prefix))
            for (size_t f = 0; f < code.functions.size(); ++f)
                if (QString::fromStdString(code.functions[f].name) == waiter.mid(prefix.size()))
                    function = int(f);
    const bool known = function >= 0 && size_t(function) < code.functions.size();
    // A waiting DSD operation names its place ("fadds (3/8 elements, pe.csl:12)"); the
    // DsdExec at that line, in the waiter's function first, gives the position.
    static const QRegularExpression opLine(QStringLiteral(R"(elements, [^()]+:(\d+)\))"));
    if (const auto m = opLine.match(QString::fromStdString(wait.reason)); m.hasMatch()) {
        const uint32_t line = m.captured(1).toUInt();
        auto find = [&](const sim::Function& f) -> std::optional<SourcePosition> {
            for (size_t i = 0; i < f.code.size() && i < f.locs.size(); ++i)
                if (f.code[i].op == sim::Op::DsdExec && f.locs[i].line == line)
                    return position(f.locs[i]);
            return {};
        };
        if (known)
            if (auto p = find(code.functions[size_t(function)]))
                return p;
        for (const sim::Function& f : code.functions)
            if (auto p = find(f))
                return p;
    }
    if (known)
        for (const sim::SourceLoc& loc : code.functions[size_t(function)].locs)
            if (auto p = position(loc))
                return p;
    return {};
}

std::vector<StallEntry> stallEntries(const client::WaitStates& states,
                                     const sim::FabricProgram* program) {
    static_assert(int(client::WaitKind::HostCommand) == int(StallEntry::Kind::HostCommand));
    std::vector<StallEntry> out;
    out.reserve(states.waits.size());
    for (const client::PeWait& w : states.waits) {
        StallEntry e;
        e.pe = QPoint(int(w.x), int(w.y));
        e.kind = StallEntry::Kind(int(w.kind));
        e.color = w.color;
        e.queue = w.queue;
        e.task = w.task;
        e.waiter = QString::fromStdString(w.waiter);
        if (w.hasHolder)
            e.holder = QPoint(int(w.holderX), int(w.holderY));
        e.holderText = QString::fromStdString(w.holder);
        e.reason = QString::fromStdString(w.reason);
        e.since = w.since;
        if (program)
            e.source = stallSource(*program, w);
        out.push_back(std::move(e));
    }
    return out;
}

namespace {

// Wavelets per cycle each PE's router moved between two frames (the first frame counts
// from cycle 0).
FabricHeatMap congestion(const RecordedFrame& frame, const RecordedFrame* previous) {
    FabricHeatMap map;
    map.metric = FabricHeatMetric::Congestion;
    const quint64 cycles = frame.cycle - (previous ? previous->cycle : 0);
    map.values.reserve(frame.pes.size());
    for (size_t i = 0; i < frame.pes.size(); ++i) {
        const quint64 before = previous && i < previous->pes.size() ? previous->pes[i].wavelets : 0;
        const quint64 moved = frame.pes[i].wavelets >= before ? frame.pes[i].wavelets - before : 0;
        map.values.push_back(cycles ? float(double(moved) / double(cycles)) : 0.0f);
    }
    return map;
}

bool fits(const FabricSnapshot& base, const RecordedFrame& frame) {
    return frame.width == base.rectangleSize.width() &&
           frame.height == base.rectangleSize.height() &&
           frame.pes.size() == size_t(frame.width) * size_t(frame.height);
}

} // namespace

FabricSnapshot withRecordedFrame(const FabricSnapshot& base, const RunRecording& recording,
                                 int index) {
    FabricSnapshot s = base;
    s.heatMaps.clear();
    if (index < 0 || index >= recording.size() || !fits(base, recording.frame(index)))
        return s;
    const RecordedFrame& frame = recording.frame(index);
    for (FabricHeatMetric metric :
         {FabricHeatMetric::Instructions, FabricHeatMetric::Wavelets, FabricHeatMetric::Stalls}) {
        FabricHeatMap map;
        map.metric = metric;
        map.values.reserve(frame.pes.size());
        for (const RecordedActivity& pe : frame.pes)
            map.values.push_back(float(metric == FabricHeatMetric::Instructions ? pe.instructions
                                       : metric == FabricHeatMetric::Wavelets   ? pe.wavelets
                                                                                : pe.stallCycles));
        s.heatMaps.push_back(std::move(map));
    }
    s.heatMaps.push_back(congestion(frame, index > 0 ? &recording.frame(index - 1) : nullptr));
    return s;
}

AnalysisWorkbench::AnalysisWorkbench(MainWindow* window, IdeWorkbench* bench)
    : QObject(bench), m_window(window), m_bench(bench), m_controller(bench->controller()),
      m_fabric(bench->fabricView()), m_selection(new AnalysisSelection(this)),
      m_stalls(new StallTable(m_selection, window)),
      m_simprint(new SimprintConsole(m_selection, window)), m_replay(new ReplayControls(window)),
      m_paletteAction(new QAction(tr("Colour-&Blind-Safe Palette"), this)) {
    m_stallDock = addDock(QStringLiteral("stallDock"), tr("Stalls"), m_stalls);
    m_simprintDock = addDock(QStringLiteral("simprintDock"), tr("Simprint"), m_simprint);
    m_replayDock = addDock(QStringLiteral("replayDock"), tr("Replay"), m_replay);
    if (auto* problems = window->findChild<QDockWidget*>(QStringLiteral("problemsDock"))) {
        window->tabifyDockWidget(problems, m_stallDock);
        window->tabifyDockWidget(m_stallDock, m_simprintDock);
        window->tabifyDockWidget(m_simprintDock, m_replayDock);
        problems->raise();
    }

    // View menu: the docks and the palette (the menu that lists the project dock).
    m_paletteAction->setObjectName(QStringLiteral("colourBlindSafePalette"));
    m_paletteAction->setCheckable(true);
    m_paletteAction->setToolTip(
        tr("Fabric colours that stay apart with red-green and blue-yellow colour blindness"));
    for (QAction* top : window->menuBar()->actions())
        if (QMenu* menu = top->menu();
            menu && menu->actions().contains(window->projectDock()->toggleViewAction())) {
            menu->addSeparator();
            for (QDockWidget* dock : {m_stallDock, m_simprintDock, m_replayDock})
                menu->addAction(dock->toggleViewAction());
            menu->addAction(m_paletteAction);
            break;
        }
    connect(m_paletteAction, &QAction::toggled, this, &AnalysisWorkbench::setColourBlindSafe);
    m_paletteAction->setChecked(QSettings().value(QLatin1String(PaletteSettingsKey)).toBool());

    // The session.
    connect(m_controller, &SimController::programSnapshotChanged, this,
            &AnalysisWorkbench::programChanged);
    connect(m_controller, &SimController::frameReceived, this, &AnalysisWorkbench::frameReceived);
    connect(m_controller, &SimController::snapshotChanged, this, &AnalysisWorkbench::liveSnapshot);
    connect(m_controller, &SimController::stateChanged, this,
            [this](SimController::State state) { stateChanged(int(state)); });
    m_simprintTimer.setInterval(SimprintPollMs);
    connect(&m_simprintTimer, &QTimer::timeout, this, &AnalysisWorkbench::refreshSimprint);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &AnalysisWorkbench::refresh);
    connect(m_stalls, &StallTable::refreshRequested, this, &AnalysisWorkbench::refresh);

    // Replay.
    connect(m_replay, &ReplayControls::positionChanged, this, &AnalysisWorkbench::showReplayFrame);
    connect(m_replay, &ReplayControls::liveRequested, this, [this] {
        if (m_lastLive)
            m_fabric->setSnapshot(m_lastLive);
        else if (m_program)
            m_fabric->setSnapshot(m_program);
    });
    connect(m_replay, &ReplayControls::message, this,
            [this](const QString& text) { m_window->statusBar()->showMessage(text, 8000); });

    // Linked selection: the fabric view, the tables, the replay and the editor.
    connect(m_fabric, &FabricView::peClicked, this, [this](QPoint pe) { m_selection->setPe(pe); });
    connect(m_selection, &AnalysisSelection::peChanged, this,
            [this] { m_fabric->selectPe(m_selection->pe()); });
    connect(m_selection, &AnalysisSelection::colorChanged, this,
            [this] { m_fabric->setHighlightedColor(m_selection->color()); });
    connect(m_selection, &AnalysisSelection::cycleChanged, this, [this] {
        // A cycle picked in a table moves a replay in progress there; a live view stays.
        const auto cycle = m_selection->cycle();
        if (cycle && !m_replay->isLive())
            m_replay->setPosition(m_replay->recording().indexAtCycle(*cycle));
    });
    connect(m_selection, &AnalysisSelection::sourceChanged, this, [this] {
        if (const auto source = m_selection->source(); source && !source->file.isEmpty())
            m_bench->jumpTo(source->file, source->line, 1);
    });
}

QDockWidget* AnalysisWorkbench::addDock(const QString& objectName, const QString& title,
                                        QWidget* widget) {
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    return dock;
}

void AnalysisWorkbench::setColourBlindSafe(bool on) {
    if (m_paletteAction->isChecked() != on)
        m_paletteAction->setChecked(on); // toggled calls back here
    m_fabric->setPaletteScheme(on ? fabric_palette::Scheme::ColourBlindSafe
                                  : fabric_palette::Scheme::Standard);
    m_replay->heatBar()->setRecording(&m_replay->recording());
    QSettings().setValue(QLatin1String(PaletteSettingsKey), on);
}

void AnalysisWorkbench::programChanged(FabricSnapshotPtr snapshot) {
    m_program = std::move(snapshot);
    m_lastLive.reset();
    if (m_program)
        m_simprint->setRectangleOffset(m_program->rectangleOffset);
    m_replay->setProgramName(m_controller->artifactDir());
}

void AnalysisWorkbench::frameReceived(const client::Frame& frame) {
    if (frame.pes.empty())
        return; // a frame without counters (nobody watched yet) records nothing
    m_replay->appendFrame(recordedFrame(frame));
    // A frame while not running is the result of a step or pause: the state may not
    // change (paused to paused), so the waits are asked for here.
    if (m_controller->state() != SimController::State::Running)
        m_refreshTimer.start();
}

void AnalysisWorkbench::liveSnapshot(FabricSnapshotPtr snapshot) {
    m_lastLive = snapshot;
    if (!m_replay->isLive()) {
        showReplayFrame(m_replay->position()); // the replay keeps the fabric view
        return;
    }
    const RunRecording& recording = m_replay->recording();
    const int last = recording.size() - 1;
    if (!snapshot || last < 0 || snapshot->heatMaps.empty() ||
        !fits(*snapshot, recording.frame(last)))
        return;
    FabricSnapshot s = *snapshot;
    s.heatMaps.push_back(
        congestion(recording.frame(last), last > 0 ? &recording.frame(last - 1) : nullptr));
    m_lastLive = std::make_shared<const FabricSnapshot>(std::move(s));
    m_fabric->setSnapshot(m_lastLive);
}

void AnalysisWorkbench::showReplayFrame(int index) {
    const RunRecording& recording = m_replay->recording();
    if (!m_program || index < 0 || index >= recording.size())
        return;
    FabricSnapshot s = withRecordedFrame(*m_program, recording, index);
    m_fabric->setSnapshot(std::make_shared<const FabricSnapshot>(std::move(s)));
    m_selection->setCycle(recording.frame(index).cycle);
}

void AnalysisWorkbench::stateChanged(int state) {
    using State = SimController::State;
    const State previous = State(m_state);
    const State now = State(state);
    m_state = state;
    const bool newSession = (previous == State::NoSession || previous == State::Finished) &&
                            (now == State::Paused || now == State::Running);
    if (newSession) {
        ++m_sessionSerial;
        m_simprintNext = 0;
        m_simprint->clear();
        m_stalls->model()->clear();
    }
    switch (now) {
    case State::Running:
        m_simprintTimer.start();
        break;
    case State::Paused:
    case State::Finished:
        m_simprintTimer.stop();
        refresh();
        break;
    case State::NoSession:
        m_simprintTimer.stop();
        break;
    }
}

std::shared_ptr<const sim::FabricProgram> AnalysisWorkbench::programOf(const QString& artifactDir) {
    const QString path = QDir(artifactDir).filePath(QStringLiteral("bin/out_program.pb"));
    const QDateTime time = QFileInfo(path).lastModified();
    std::lock_guard lock(m_programMutex);
    if (path != m_programPath || time != m_programTime) {
        m_programPath = path;
        m_programTime = time;
        try {
            m_sourceProgram = artifact::readProgramFile(path.toStdString());
        } catch (const std::exception&) {
            m_sourceProgram.reset(); // the table goes without source lines
        }
    }
    return m_sourceProgram;
}

void AnalysisWorkbench::refresh() {
    const quint64 serial = m_sessionSerial;
    // A host script's session may run another program than the last build's.
    const QString artifactDir =
        m_controller->isAttached() ? QString() : m_controller->artifactDir();
    m_controller->withDebugSession([this, serial, artifactDir](client::DebugSession& debug) {
        auto states = std::make_shared<const client::WaitStates>(debug.waitStates());
        const auto program = artifactDir.isEmpty() ? nullptr : programOf(artifactDir);
        auto entries =
            std::make_shared<std::vector<StallEntry>>(stallEntries(*states, program.get()));
        QMetaObject::invokeMethod(
            this,
            [this, serial, states, entries] {
                if (serial != m_sessionSerial)
                    return;
                m_stalls->model()->setEntries(states->cycle, std::move(*entries),
                                              states->truncated);
                emit waitStatesShown();
            },
            Qt::QueuedConnection);
    });
    refreshSimprint();
}

void AnalysisWorkbench::refreshSimprint() {
    const quint64 serial = m_sessionSerial;
    const quint64 from = m_simprintNext;
    m_controller->withDebugSession([this, serial, from](client::DebugSession& debug) {
        auto chunk = std::make_shared<const client::SimprintLines>(debug.simprint(from));
        QMetaObject::invokeMethod(
            this,
            [this, serial, from, chunk] {
                // A reply to an earlier session or an overlapping request is dropped.
                if (serial != m_sessionSerial || from != m_simprintNext)
                    return;
                QStringList lines;
                lines.reserve(qsizetype(chunk->lines.size()) + 1);
                // The session keeps a window of its newest lines: those before it were
                // released before the console fetched them (a long run, a late attach).
                if (chunk->firstLine > from)
                    lines.append(
                        tr("(%n earlier simprint line(s) left the simulator's window "
                           "of the newest %1 before the console fetched them)",
                           nullptr,
                           int(std::min<quint64>(chunk->firstLine - from, quint64(INT_MAX))))
                            .arg(QLocale().formattedDataSize(qint64(chunk->windowBytes), 0)));
                for (const std::string& line : chunk->lines)
                    lines.append(QString::fromStdString(line));
                m_simprintNext = chunk->firstLine + chunk->lines.size();
                m_simprint->appendLines(lines);
                if (m_simprintNext < chunk->totalLines && !chunk->lines.empty())
                    refreshSimprint(); // more than one reply's worth
                else
                    emit simprintShown();
            },
            Qt::QueuedConnection);
    });
}

} // namespace tessera
