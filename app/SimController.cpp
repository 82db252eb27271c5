#include "app/SimController.h"

#include "app/FabricSnapshotBuilder.h"
#include "backend/appliance/appliance.h"
#include "backend/artifact/program_file.h"
#include "backend/client/client.h"
#include "sim/program.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <algorithm>

namespace tessera {

namespace {

DiagnosticItem toItem(const client::Diagnostic& d, const QDir& codeDir) {
    DiagnosticItem item;
    item.severity = d.severity == "error"     ? DiagnosticItem::Severity::Error
                    : d.severity == "warning" ? DiagnosticItem::Severity::Warning
                                              : DiagnosticItem::Severity::Note;
    item.file = d.file.empty()
                    ? QString()
                    : QDir::cleanPath(codeDir.absoluteFilePath(QString::fromStdString(d.file)));
    item.line = int(d.line);
    item.column = int(d.column);
    item.message = QString::fromStdString(d.message);
    return item;
}

// A run-time report names its place as "(PE(x,y) at cycle N, FILE:LINE)" (the simulator's
// Fabric::where), FILE as the program's source map has it: relative to the code directory
// the appliance compiled. Returns the report naming the project's file, and that file and
// line to jump to (file empty when the report names no file of the project).
struct ReportedPlace {
    QString report;
    QString file;
    int line = 0;
};

ReportedPlace inProject(const QString& report, const QString& codeDir) {
    static const QRegularExpression place(QStringLiteral("at cycle \\d+, ([^()\\n]+?):(\\d+)\\)"));
    const QRegularExpressionMatch m = place.match(report);
    if (!m.hasMatch() || codeDir.isEmpty())
        return {report, {}, 0};
    const QString file = QDir::cleanPath(QDir(codeDir).absoluteFilePath(m.captured(1)));
    if (!QFileInfo(file).isFile())
        return {report, {}, 0};
    QString shown = report;
    shown.replace(m.capturedStart(1), m.capturedLength(1), QDir::toNativeSeparators(file));
    return {shown, file, m.captured(2).toInt()};
}

QString errorText(const std::exception& e) {
    if (const auto* c = dynamic_cast<const client::ClientError*>(&e))
        return QString::fromStdString(c->details());
    return QString::fromUtf8(e.what());
}

// gRPC's UNAVAILABLE (grpc::StatusCode 14): the appliance is gone (daemon killed, socket
// closed) or cannot be reached.
bool isConnectionLost(const std::exception& e) {
    constexpr int Unavailable = 14;
    const auto* c = dynamic_cast<const client::ClientError*>(&e);
    return c && c->code() == Unavailable;
}

// gRPC's NOT_FOUND (grpc::StatusCode 5) from a Debug call: the session was closed (an
// attached script's session ends so, normally).
bool isSessionGone(const std::exception& e) {
    constexpr int NotFound = 5;
    const auto* c = dynamic_cast<const client::ClientError*>(&e);
    return c && c->code() == NotFound;
}

// The parent of a process (Linux /proc; 0 when unknown): a script that starts python as
// a child rather than exec'ing it still leads to the process the IDE started.
qint64 parentPid(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from
    // the last ')'.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

QList<ScriptSession> sessionsOn(const std::shared_ptr<client::Connection>& connection) {
    QList<ScriptSession> sessions;
    for (const client::SessionInfo& s : client::listSessions(connection))
        sessions.append({QString::fromStdString(s.sessionId), QString::fromStdString(s.clientLabel),
                         qint64(s.clientPid), QString::fromStdString(s.state), s.cycle,
                         QSize(int(s.fabricWidth), int(s.fabricHeight))});
    return sessions;
}

// The value of `-o` in a cslc argument list ("out" when absent).
QString outputName(const QStringList& args) {
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (a == QLatin1String("-o") && i + 1 < args.size())
            return args.at(i + 1);
        if (a.startsWith(QLatin1String("-o=")))
            return a.mid(3);
        if (a.startsWith(QLatin1String("-o")) && a.size() > 2 && !a.startsWith(QLatin1String("--")))
            return a.mid(2);
    }
    return QStringLiteral("out");
}

QString shellQuote(const QString& s) {
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_./:=,+@%-]+$)"));
    if (plain.match(s).hasMatch())
        return s;
    QString q = s;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

client::BreakpointSpec toSpec(const SimBreakpoint& b) {
    client::BreakpointSpec s;
    switch (b.kind) {
    case SimBreakpoint::Kind::Task:
        s.kind = "task";
        break;
    case SimBreakpoint::Kind::Line:
        s.kind = "line";
        break;
    case SimBreakpoint::Kind::Cycle:
        s.kind = "cycle";
        break;
    case SimBreakpoint::Kind::Color:
        s.kind = "color";
        break;
    case SimBreakpoint::Kind::Symbol:
        s.kind = "symbol";
        break;
    }
    s.x = uint32_t(b.x);
    s.y = uint32_t(b.y);
    s.anyPe = b.anyPe;
    s.value = uint32_t(b.value);
    s.file = uint32_t(b.file);
    s.symbol = b.symbol.toStdString();
    return s;
}

std::vector<client::BreakpointSpec> toSpecs(const QList<SimBreakpoint>& breakpoints) {
    std::vector<client::BreakpointSpec> specs;
    for (const SimBreakpoint& b : breakpoints)
        specs.push_back(toSpec(b));
    return specs;
}

} // namespace

SimController::SimController(QObject* parent) : QObject(parent) {
    m_toolsBinDir = defaultToolsBinDir();
    m_compilePool.setMaxThreadCount(1);
    m_sessionPool.setMaxThreadCount(1);
    m_compilePool.setExpiryTimeout(-1);
    m_sessionPool.setExpiryTimeout(-1);
    m_driverPool.setMaxThreadCount(1);
    m_frameTimer.setInterval(FrameIntervalMs);
    connect(&m_frameTimer, &QTimer::timeout, this, &SimController::takeLatestFrame);
    m_pollPool.setMaxThreadCount(1);
    m_pollTimer.setInterval(ScriptPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &SimController::pollSessions);
}

SimController::~SimController() {
    m_frameTimer.stop();
    m_pollTimer.stop();
    m_pollPool.waitForDone();
    if (m_script) {
        m_script->disconnect(this);
        m_script->kill();
        m_script->waitForFinished(2000);
    }
    // Session objects belong to the session thread: release them there, in order.
    m_sessionPool.start([this] {
        releaseSession();
        m_launcher.reset();
    });
    m_sessionPool.waitForDone();
    m_driverPool.waitForDone();
    m_compilePool.waitForDone();
    m_connection.reset();
    m_appliance.reset();
}

QString SimController::defaultToolsBinDir() {
    // Next to the executable in an install; the build's bin dir otherwise.
    const QString beside = QCoreApplication::applicationDirPath();
    if (QFileInfo::exists(beside + QStringLiteral("/cs_python")))
        return beside;
#ifdef TESSERA_BUILD_TOOLS_BIN
    return QStringLiteral(TESSERA_BUILD_TOOLS_BIN);
#else
    return beside;
#endif
}

void SimController::setRemoteAddress(const QString& address, const QString& token) {
    std::lock_guard lock(m_connectionMutex);
    m_remoteAddress = address;
    m_token = token;
    m_connection.reset();
}

QString SimController::failureText(const std::exception& e) {
    if (!isConnectionLost(e))
        return errorText(e);
    QString where;
    {
        // The channel would retry with a growing backoff; a fresh connection on the next
        // build, script or session reaches a restarted daemon at once.
        std::lock_guard lock(m_connectionMutex);
        m_connection.reset();
        where = m_remoteAddress.isEmpty() ? tr("the embedded appliance") : m_remoteAddress;
    }
    return tr("lost the connection to the appliance (%1): %2. The session is gone; the next "
              "build, run or session connects again.")
        .arg(where, errorText(e));
}

std::shared_ptr<client::Connection> SimController::connection() {
    std::lock_guard lock(m_connectionMutex);
    if (m_connection)
        return m_connection;
    if (!m_remoteAddress.isEmpty()) {
        m_connection = client::Connection::connect(m_remoteAddress.toStdString(),
                                                   {m_token.toStdString(), false});
        return m_connection;
    }
    if (!m_appliance) {
        appliance::ApplianceOptions options;
        options.toolsBinDir = m_toolsBinDir.toStdString();
        m_appliance = appliance::Appliance::startEmbedded(options);
    }
    m_connection = client::Connection::fromChannel(m_appliance->inProcessChannel());
    return m_connection;
}

QString SimController::cslcCommandLine(const QString& layout, const QStringList& args) {
    QStringList words{QStringLiteral("cslc"), shellQuote(layout)};
    for (const QString& a : args)
        words << shellQuote(a);
    return words.join(QLatin1Char(' '));
}

void SimController::build(const QString& codeDir, const QString& layout, const QStringList& args,
                          const QHash<QString, quint64>& revisions) {
    const quint64 id = m_nextBuildId++;
    m_buildId = id;
    if (m_buildCancellation)
        m_buildCancellation->cancel(); // a new build replaces the running one
    auto cancellation = std::make_shared<client::CompileCancellation>();
    m_buildCancellation = cancellation;
    emit buildStarted(cslcCommandLine(layout, args));
    const QString outName = outputName(args);
    m_compilePool.start([this, id, codeDir, layout, args, revisions, outName, cancellation] {
        QList<DiagnosticItem> diagnostics;
        const QDir dir(codeDir);
        bool ok = false;
        QString summary;
        std::shared_ptr<sim::FabricProgram> program;
        QElapsedTimer clock;
        clock.start();
        try {
            client::SdkCompiler compiler(connection());
            compiler.compile(
                codeDir.toStdString(), layout.toStdString(),
                args.join(QLatin1Char(' ')).toStdString(), codeDir.toStdString(),
                [&](const client::Diagnostic& d) {
                    diagnostics.append(toItem(d, dir));
                    const QString line = QString::fromStdString(d.formatted);
                    QMetaObject::invokeMethod(
                        this,
                        [this, id, line] {
                            if (id == m_buildId)
                                emit buildOutput(line);
                        },
                        Qt::QueuedConnection);
                },
                cancellation);
            program = artifact::readProgramFile(
                dir.filePath(outName + QStringLiteral("/bin/out_program.pb")).toStdString());
            ok = true;
        } catch (const std::exception& e) {
            summary = failureText(e);
        }
        const qint64 ms = clock.elapsed();
        std::optional<FabricSnapshot> snapshot;
        QStringList launchable;
        if (program) {
            snapshot = snapshotFromProgram(*program);
            for (const sim::HostSymbol& symbol : program->hostSymbols)
                if (symbol.kind == sim::HostSymbol::Kind::Func && symbol.inputs.empty())
                    launchable << QString::fromStdString(symbol.name);
        }
        QMetaObject::invokeMethod(
            this,
            [this, id, ok, summary, diagnostics, revisions, ms, snapshot, outName, dir,
             launchable] {
                if (id != m_buildId)
                    return; // cancelled
                m_buildId = 0;
                m_buildCancellation.reset();
                const auto errors =
                    std::count_if(diagnostics.cbegin(), diagnostics.cend(), [](auto& d) {
                        return d.severity == DiagnosticItem::Severity::Error;
                    });
                const auto warnings =
                    std::count_if(diagnostics.cbegin(), diagnostics.cend(), [](auto& d) {
                        return d.severity == DiagnosticItem::Severity::Warning;
                    });
                QString text;
                if (ok) {
                    m_artifactDir = dir.filePath(outName);
                    m_codeDir = dir.absolutePath();
                    text = tr("Build succeeded in %1 ms (%2 warnings): %3")
                               .arg(ms)
                               .arg(warnings)
                               .arg(QDir::toNativeSeparators(m_artifactDir));
                } else {
                    text = tr("Build failed: %1 errors, %2 warnings. %3")
                               .arg(errors)
                               .arg(warnings)
                               .arg(summary);
                }
                if (snapshot) {
                    m_launchable = launchable;
                    m_programSnapshot = std::make_shared<const FabricSnapshot>(*snapshot);
                    emit programSnapshotChanged(m_programSnapshot);
                }
                emit buildFinished(ok, text, diagnostics, revisions);
            },
            Qt::QueuedConnection);
    });
}

void SimController::cancelBuild() {
    if (m_buildId == 0)
        return;
    // The appliance stops compiling; the worker ends with CANCELLED, a result dropped.
    if (m_buildCancellation)
        m_buildCancellation->cancel();
    m_buildCancellation.reset();
    m_buildId = 0;
    emit buildFinished(false, tr("Build cancelled."), {}, {});
}

void SimController::runScript(const QString& codeDir, const QString& script, ScriptStart start,
                              const QStringList& scriptArgs) {
    if (m_scriptBusy) {
        emit scriptFinished(-1, tr("a host program is already running"));
        return;
    }
    if (m_artifactDir.isEmpty()) {
        emit scriptFinished(-1, tr("build the project first"));
        return;
    }
    m_scriptBusy = true;
    const QString artifactDir = m_artifactDir;
    const bool remote = !m_remoteAddress.isEmpty();
    m_scriptStart = remote ? ScriptStart::Free : start; // a remote job's pid is not known here
    const QString outName = QFileInfo(artifactDir).fileName();
    QStringList quoted{shellQuote(script)};
    for (const QString& arg : scriptArgs)
        quoted << shellQuote(arg);
    const QString commandLine = QStringLiteral("cs_python %1 --name %2")
                                    .arg(quoted.join(QLatin1Char(' ')), shellQuote(outName));
    emit scriptStarted(commandLine);
    m_sessionPool.start([this, codeDir, script, scriptArgs, artifactDir, remote, commandLine] {
        try {
            auto launcher =
                std::make_shared<client::SdkLauncher>(artifactDir.toStdString(), connection());
            if (!remote) {
                const QString cmaddr = QString::fromStdString(launcher->cmaddr());
                m_launcher = launcher;
                QMetaObject::invokeMethod(
                    this,
                    [this, codeDir, script, scriptArgs, cmaddr] {
                        startScriptProcess(codeDir, script, scriptArgs, cmaddr);
                    },
                    Qt::QueuedConnection);
                return;
            }
            // A remote appliance runs the script in the job's workspace; the output
            // arrives when it ends.
            launcher->stage(QDir(codeDir).filePath(script).toStdString());
            int exitCode = 0;
            QString output;
            try {
                output = QString::fromStdString(launcher->run(commandLine.toStdString()));
            } catch (const client::ClientError& e) {
                output = isConnectionLost(e) ? failureText(e) : QString::fromStdString(e.details());
                exitCode = 1;
            }
            QMetaObject::invokeMethod(
                this,
                [this, output, exitCode] {
                    m_scriptBusy = false;
                    emit scriptOutput(output);
                    emit scriptFinished(exitCode, {});
                },
                Qt::QueuedConnection);
        } catch (const std::exception& e) {
            const QString message = failureText(e);
            QMetaObject::invokeMethod(
                this,
                [this, message] {
                    m_scriptBusy = false;
                    emit scriptFinished(-1, message);
                },
                Qt::QueuedConnection);
        }
    });
}

void SimController::startScriptProcess(const QString& codeDir, const QString& script,
                                       const QStringList& scriptArgs, const QString& cmaddr) {
    auto* process = new QProcess(this);
    m_script = process;
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setWorkingDirectory(codeDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TESSERA_APPLIANCE"), cmaddr);
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    if (m_scriptStart != ScriptStart::Free)
        env.insert(QStringLiteral("TESSERA_START_PAUSED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PATH"),
               m_toolsBinDir + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    process->setProcessEnvironment(env);
    connect(process, &QProcess::readyRead, this,
            [this, process] { emit scriptOutput(QString::fromLocal8Bit(process->readAll())); });
    const auto done = [this, process](int exitCode, const QString& error) {
        emit scriptOutput(QString::fromLocal8Bit(process->readAll()));
        m_scriptBusy = false;
        m_scriptPid = 0;
        m_scriptStart = ScriptStart::Free;
        m_heldSessionId.clear();
        if (isAttached())
            detach(tr("The host program ended; detached from its session."), true);
        process->deleteLater();
        m_sessionPool.start([this] { m_launcher.reset(); }); // closes the job
        emit scriptFinished(exitCode, error);
    };
    connect(process, &QProcess::finished, this, [done](int exitCode, QProcess::ExitStatus status) {
        done(exitCode, status == QProcess::CrashExit ? tr("the host program crashed") : QString());
    });
    connect(process, &QProcess::errorOccurred, this, [done, process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done(-1, process->errorString());
    });
    process->start(QDir(m_toolsBinDir).filePath(QStringLiteral("cs_python")),
                   QStringList{script} + scriptArgs +
                       QStringList{QStringLiteral("--name"), QFileInfo(m_artifactDir).fileName()});
    m_scriptPid = process->processId();
    m_scriptName = QFileInfo(script).fileName();
    if (m_scriptPid != 0)
        m_pollTimer.start(); // finds the session the script opens (auto-attach)
}

void SimController::stopScript() {
    if (m_script)
        m_script->kill();
}

void SimController::resetLiveCounters() {
    m_hangShown = false;
    m_cycle = 0;
    m_rate = 0;
    m_rateCycle = 0;
    m_rateClock.start();
}

void SimController::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SimController::reportError(const QString& what, const QString& message) {
    emit sessionMessage(what + QStringLiteral(": ") + message);
}

void SimController::startSession(const QString& function) {
    if (m_state == State::Running || m_state == State::Paused) {
        emit sessionMessage(tr("A session is already open."));
        return;
    }
    if (m_artifactDir.isEmpty()) {
        emit sessionMessage(tr("Build the project before starting a session."));
        return;
    }
    const QString artifactDir = m_artifactDir;
    const std::vector<client::BreakpointSpec> specs = toSpecs(m_breakpoints);
    resetLiveCounters();
    m_sessionPool.start([this, artifactDir, function, specs] {
        try {
            releaseSession();
            auto runtime =
                std::make_shared<client::SdkRuntime>(artifactDir.toStdString(), connection());
            runtime->load();
            runtime->run();
            auto debug = std::make_shared<client::DebugSession>(connection(), runtime->sessionId());
            m_subscription = debug->subscribe(FrameIntervalMs / 2, [this](const client::Frame& f) {
                auto copy = std::make_shared<const client::Frame>(f);
                std::lock_guard lock(m_frameMutex);
                m_latestFrame = std::move(copy);
                ++m_frameSerial;
            });
            if (!specs.empty())
                debug->setBreakpoints(specs);
            // The session opens paused at its first cycle, like a debugger stopping at
            // entry; Run or Step moves it.
            const client::Frame first = debug->pause();
            m_runtime = runtime;
            m_debug = debug;
            std::optional<client::Task> task;
            if (!function.isEmpty())
                task = runtime->launch(function.toStdString(), {}, true);
            auto frame = std::make_shared<const client::Frame>(first);
            QMetaObject::invokeMethod(
                this,
                [this, function, frame] {
                    setState(State::Paused);
                    m_frameTimer.start();
                    applyFrame(*frame);
                    emit sessionMessage(
                        function.isEmpty()
                            ? tr("Session started (paused).")
                            : tr("Session started (paused); %1 launched.").arg(function));
                },
                Qt::QueuedConnection);
            if (task) {
                // Time only runs while a host command waits for it: wait for the launched
                // function on the driver thread (pause and breakpoints hold it there).
                m_driverPool.start([this, runtime, task = *task, function] {
                    QString error;
                    try {
                        runtime->task_wait(task);
                    } catch (const std::exception& e) {
                        error = failureText(e);
                    }
                    QMetaObject::invokeMethod(
                        this, [this, function, error] { functionFinished(function, error); },
                        Qt::QueuedConnection);
                });
            }
        } catch (const std::exception& e) {
            const QString message = failureText(e);
            QMetaObject::invokeMethod(
                this,
                [this, message] {
                    setState(State::Finished);
                    reportError(tr("Cannot start the session"), message);
                },
                Qt::QueuedConnection);
        }
    });
}

void SimController::functionFinished(const QString& function, const QString& error) {
    if (m_state == State::NoSession)
        return;
    takeLatestFrame();
    if (!error.isEmpty()) {
        const std::vector<FabricWaitingPe> waiting = waitingPesFromReport(error);
        if (!waiting.empty() && !m_hangShown) {
            m_hangShown = true;
            if (m_programSnapshot) {
                FabricSnapshot s = *m_programSnapshot;
                s.waiting = waiting;
                emit snapshotChanged(std::make_shared<const FabricSnapshot>(std::move(s)));
            }
            emit hangReported(error, waiting);
        }
        // A fault ends the launched function too, often before its frame arrives.
        const ReportedPlace place = inProject(error, m_codeDir);
        emit sessionMessage(tr("%1 failed: %2").arg(function, place.report));
        if (!place.file.isEmpty() && !m_hangShown) {
            m_hangShown = true;
            emit faultReported(place.report, place.file, place.line);
        }
    } else {
        emit sessionMessage(tr("%1 finished.").arg(function));
    }
    setState(State::Finished);
    // The frame stream may not have delivered the last cycles yet: ask for the final frame.
    sessionCall([](client::DebugSession& d) { return d.pause(); }, State::Finished);
}

void SimController::releaseSession() {
    m_subscription.reset();
    if (m_debug) {
        // A launched function waits on the driver thread: let it run to its end (a hang
        // ends it with a report) so the session can close.
        try {
            m_debug->setBreakpoints({});
            m_debug->resume();
        } catch (const std::exception&) {
            // The session is gone already (closed by the appliance): nothing to release.
        }
    }
    m_debug.reset();
    m_runtime.reset(); // the driver thread may hold the last reference; it closes then
}

void SimController::endSession() {
    if (isAttached()) {
        m_declined.insert(m_attachedId);
        detach(tr("Detached; the host program goes on."), false);
        return;
    }
    m_frameTimer.stop();
    m_sessionPool.start([this] {
        releaseSession();
        QMetaObject::invokeMethod(
            this, [this] { setState(State::NoSession); }, Qt::QueuedConnection);
    });
}

void SimController::sessionCall(std::function<client::Frame(client::DebugSession&)> call,
                                State after) {
    m_sessionPool.start([this, call = std::move(call), after] {
        if (!m_debug) {
            QMetaObject::invokeMethod(
                this, [this] { emit sessionMessage(tr("No session is open.")); },
                Qt::QueuedConnection);
            return;
        }
        try {
            auto frame = std::make_shared<const client::Frame>(call(*m_debug));
            QMetaObject::invokeMethod(
                this,
                [this, frame, after] {
                    // The launched function may have ended (or the session closed) while
                    // this call was on its way: that state stands.
                    if (m_state == State::Running || m_state == State::Paused)
                        setState(after);
                    applyFrame(*frame);
                },
                Qt::QueuedConnection);
        } catch (const std::exception& e) {
            const bool lost = isConnectionLost(e);
            const bool gone = isSessionGone(e);
            const QString message = failureText(e);
            QMetaObject::invokeMethod(
                this,
                [this, message, lost, gone] {
                    if (gone && isAttached()) {
                        // The script closed its session while the call was on its way:
                        // the normal end of an attached session, not an error.
                        detach(tr("The host program closed its session; detached."), true);
                        return;
                    }
                    if (lost && (m_state == State::Running || m_state == State::Paused)) {
                        m_frameTimer.stop();
                        setState(State::Finished);
                    }
                    reportError(tr("Debugger"), message);
                },
                Qt::QueuedConnection);
        }
    });
}

void SimController::pause() {
    sessionCall([](client::DebugSession& d) { return d.pause(); }, State::Paused);
}

void SimController::resume() {
    sessionCall([](client::DebugSession& d) { return d.resume(); }, State::Running);
}

void SimController::step(quint64 cycles) {
    sessionCall([cycles](client::DebugSession& d) { return d.step(cycles); }, State::Paused);
}

void SimController::advance(quint64 cycles) {
    std::vector<client::BreakpointSpec> specs = toSpecs(m_breakpoints);
    sessionCall(
        [specs, cycles, this](client::DebugSession& d) mutable {
            // From the cycle the session stands at (the frames shown may lag behind it).
            const quint64 until = d.pause().cycle + cycles;
            QMetaObject::invokeMethod(
                this, [this, until] { m_advanceTarget = until; }, Qt::QueuedConnection);
            SimBreakpoint stop;
            stop.kind = SimBreakpoint::Kind::Cycle;
            stop.value = until;
            specs.push_back(toSpec(stop));
            d.setBreakpoints(specs);
            return d.resume();
        },
        State::Running);
}

void SimController::dumpCore(const QString& path) {
    m_sessionPool.start([this, path] {
        QString error;
        try {
            if (m_runtime)
                m_runtime->dump_core(path.toStdString());
            else if (m_debug) // attached to another client's session (a run.py): by its id
                m_debug->dumpCore(path.toStdString());
            else
                error = tr("No session is open.");
        } catch (const std::exception& e) {
            error = errorText(e);
        }
        QMetaObject::invokeMethod(
            this, [this, path, error] { emit coreDumped(path, error); }, Qt::QueuedConnection);
    });
}

void SimController::setBreakpoints(const QList<SimBreakpoint>& breakpoints) {
    m_breakpoints = breakpoints;
    const std::vector<client::BreakpointSpec> specs = toSpecs(breakpoints);
    m_sessionPool.start([this, specs] {
        if (!m_debug)
            return; // startSession sends m_breakpoints
        try {
            m_debug->setBreakpoints(specs);
        } catch (const std::exception& e) {
            const QString message = failureText(e);
            QMetaObject::invokeMethod(
                this, [this, message] { reportError(tr("Breakpoints"), message); },
                Qt::QueuedConnection);
        }
    });
}

void SimController::withDebugSession(std::function<void(client::DebugSession&)> query) {
    m_sessionPool.start([this, query = std::move(query)] {
        if (!m_debug)
            return;
        try {
            query(*m_debug);
        } catch (const std::exception& e) {
            // A lost appliance is reported once, by the session's own calls; a background
            // analysis query failing on it would overwrite that report with a vaguer one.
            if (isConnectionLost(e))
                return;
            const QString message = QString::fromStdString(e.what());
            QMetaObject::invokeMethod(
                this, [this, message] { emit sessionMessage(tr("Analysis: %1").arg(message)); },
                Qt::QueuedConnection);
        }
    });
}

void SimController::takeLatestFrame() {
    std::shared_ptr<const client::Frame> frame;
    {
        std::lock_guard lock(m_frameMutex);
        if (m_frameSerial == m_shownSerial)
            return;
        m_shownSerial = m_frameSerial;
        frame = m_latestFrame;
    }
    if (frame)
        applyFrame(*frame);
}

void SimController::applyFrame(const client::Frame& frame) {
    // The stream and the replies of step, pause and resume arrive in either order (resume
    // answers with the frame it resumed from): within a session the cycle shown never goes
    // back, so an older frame is dropped (a session starts at cycle 0).
    if (frame.cycle < m_cycle)
        return;
    const qint64 ms = m_rateClock.elapsed();
    if (ms >= 250 || frame.cycle < m_rateCycle) {
        m_rate = frame.cycle >= m_rateCycle && ms > 0
                     ? double(frame.cycle - m_rateCycle) * 1000.0 / double(ms)
                     : 0.0;
        m_rateCycle = frame.cycle;
        m_rateClock.restart();
    }
    // A breakpoint frame at the cycle shown is the stop the session was resumed from.
    const bool newer = frame.cycle > m_cycle;
    m_cycle = frame.cycle;
    emit frameReceived(frame);
    emit cycleChanged(frame.cycle, m_state == State::Running ? m_rate : 0.0);
    if (frame.status == "breakpoint" && m_state == State::Running && newer) {
        setState(State::Paused);
        if (frame.cycle != m_advanceTarget)
            emit sessionMessage(tr("Breakpoint hit at cycle %1. %2")
                                    .arg(frame.cycle)
                                    .arg(QString::fromStdString(frame.message)));
    }
    if (m_programSnapshot) {
        FabricSnapshot s = withFrame(*m_programSnapshot, frame);
        if (frame.status == "hang" && !frame.message.empty()) {
            const QString report = QString::fromStdString(frame.message);
            s.waiting = waitingPesFromReport(report);
            if (!m_hangShown) {
                m_hangShown = true;
                setState(State::Finished);
                emit hangReported(report, s.waiting);
            }
        } else if (frame.status == "fault" && !frame.message.empty() && !m_hangShown) {
            // A fault is no hang: nobody waits; the report names the PE, cycle and line.
            m_hangShown = true;
            setState(State::Finished);
            const ReportedPlace place = inProject(QString::fromStdString(frame.message), m_codeDir);
            emit sessionMessage(tr("The program faulted: %1").arg(place.report));
            emit faultReported(place.report, place.file, place.line);
        }
        emit snapshotChanged(std::make_shared<const FabricSnapshot>(std::move(s)));
    }
}

void SimController::listSessions() {
    m_pollPool.start([this] {
        QList<ScriptSession> sessions;
        QString error;
        try {
            sessions = sessionsOn(connection());
        } catch (const std::exception& e) {
            error = failureText(e);
        }
        QMetaObject::invokeMethod(
            this, [this, sessions, error] { emit sessionsListed(sessions, error); },
            Qt::QueuedConnection);
    });
}

QString SimController::scriptSessionIn(const QList<ScriptSession>& sessions, qint64 scriptPid,
                                       const QString& script) {
    const QString label = QStringLiteral("cs_python ") + QFileInfo(script).fileName();
    for (const ScriptSession& s : sessions) {
        if (s.label != label || s.pid == 0)
            continue;
        if (s.pid == scriptPid || parentPid(s.pid) == scriptPid)
            return s.id;
    }
    return {};
}

void SimController::pollSessions() {
    const bool watching =
        isAttached() || (m_scriptPid != 0 && (m_autoAttach || m_scriptStart != ScriptStart::Free));
    if (!watching) {
        m_pollTimer.stop();
        return;
    }
    if (m_pollBusy)
        return; // one listing at a time; a slow appliance is not asked again meanwhile
    m_pollBusy = true;
    m_pollPool.start([this] {
        QList<ScriptSession> sessions;
        bool ok = true;
        try {
            sessions = sessionsOn(connection());
        } catch (const std::exception&) {
            ok = false; // the script reports a lost appliance itself; ask again next tick
        }
        QMetaObject::invokeMethod(
            this,
            [this, sessions, ok] {
                m_pollBusy = false;
                if (ok)
                    sessionsPolled(sessions);
            },
            Qt::QueuedConnection);
    });
}

void SimController::sessionsPolled(const QList<ScriptSession>& sessions) {
    if (isAttached()) {
        const bool open =
            std::any_of(sessions.cbegin(), sessions.cend(),
                        [this](const ScriptSession& s) { return s.id == m_attachedId; });
        if (!open && m_vanishedId != m_attachedId) {
            m_vanishedId = m_attachedId;
            QTimer::singleShot(FinalFrameGraceMs, this,
                               [this, id = m_attachedId] { sessionClosed(id); });
        }
        return;
    }
    const bool held = m_scriptStart != ScriptStart::Free;
    if (m_scriptPid == 0 || !(m_autoAttach || held) || !m_attachPending.isEmpty() ||
        m_state == State::Running || m_state == State::Paused)
        return; // an interactive session stays the one the controls drive
    const QString id = scriptSessionIn(sessions, m_scriptPid, m_scriptName);
    if (id.isEmpty() || m_declined.contains(id))
        return;
    for (const ScriptSession& s : sessions)
        if (s.id == id && s.state != QLatin1String("opened")) { // breakpoints need a program
            m_heldSessionId = held ? id : QString();
            attachToSession(id, s.label);
        }
}

void SimController::sessionClosed(const QString& sessionId) {
    if (m_attachedId == sessionId)
        detach(tr("The host program closed its session; detached."), true);
}

void SimController::attachToSession(const QString& sessionId, const QString& label) {
    if (!m_attachPending.isEmpty() || m_attachedId == sessionId)
        return;
    if (isAttached()) {
        m_declined.insert(m_attachedId);
        detach(tr("Detached from the previous host program."), false);
    } else if (m_state == State::Running || m_state == State::Paused) {
        emit sessionMessage(tr("End the open session before attaching to another."));
        return;
    }
    m_attachPending = sessionId;
    const std::vector<client::BreakpointSpec> specs = toSpecs(m_breakpoints);
    resetLiveCounters();
    m_sessionPool.start([this, sessionId, label, specs] {
        QString error;
        bool gone = false;
        try {
            releaseSession();
            auto debug =
                std::make_shared<client::DebugSession>(connection(), sessionId.toStdString());
            if (!specs.empty())
                debug->setBreakpoints(specs);
            m_subscription = debug->subscribe(
                FrameIntervalMs / 2,
                [this](const client::Frame& f) {
                    auto copy = std::make_shared<const client::Frame>(f);
                    std::lock_guard lock(m_frameMutex);
                    m_latestFrame = std::move(copy);
                    ++m_frameSerial;
                },
                [this, sessionId] {
                    // After the final frame: the detach shows the run's last cycles.
                    QMetaObject::invokeMethod(
                        this, [this, sessionId] { sessionClosed(sessionId); },
                        Qt::QueuedConnection);
                });
            m_debug = debug;
        } catch (const std::exception& e) {
            gone = isSessionGone(e);
            error = failureText(e);
            m_subscription.reset();
        }
        QMetaObject::invokeMethod(
            this,
            [this, sessionId, label, error, gone] {
                m_attachPending.clear();
                if (!error.isEmpty()) {
                    // A session that closed before the attach landed is a script that was
                    // quicker than the poll: nothing to report as an error.
                    emit sessionMessage(gone ? tr("The host program's session has ended.")
                                             : tr("Cannot attach: %1").arg(error));
                    return;
                }
                m_attachedId = sessionId;
                setState(State::Running);
                m_frameTimer.start();
                m_pollTimer.start(); // notices the session's end
                emit sessionMessage(tr("Attached to the session of %1 (%2).")
                                        .arg(label.isEmpty() ? sessionId : label, sessionId));
                emit attachedChanged(sessionId, label);
                if (sessionId == m_heldSessionId) { // paused by the script since its Open
                    m_heldSessionId.clear();
                    if (m_scriptStart == ScriptStart::HeldThenRun)
                        resume();
                    else
                        pause();
                }
            },
            Qt::QueuedConnection);
    });
}

void SimController::detach(const QString& message, bool ended) {
    if (!isAttached())
        return;
    takeLatestFrame();
    m_frameTimer.stop();
    m_attachedId.clear();
    m_sessionPool.start([this] { releaseSession(); });
    setState(ended ? State::Finished : State::NoSession);
    emit sessionMessage(message);
    emit attachedChanged({}, {});
}

} // namespace tessera
