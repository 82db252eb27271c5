#pragma once

#include "widgets/SimControls.h"
#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/models/DiagnosticsModel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QSize>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <mutex>
#include <optional>

namespace appliance {
class Appliance;
}
namespace tessera::client {
class CompileCancellation;
class Connection;
class DebugSession;
class FrameSubscription;
class SdkLauncher;
class SdkRuntime;
struct Frame;
} // namespace tessera::client

namespace tessera {

// A session open on the appliance (Debug.ListSessions), as Run > Attach to Script Session
// lists it.
struct ScriptSession {
    QString id;
    QString label;  // "cs_python run.py", "C++ SdkRuntime out"
    qint64 pid = 0; // 0 = unknown
    QString state;  // "opened" | "loaded" | "running" | "stopped"
    quint64 cycle = 0;
    QSize fabric;
};

// The one facade between the IDE and the appliance (Ripes' processor handler): it owns the
// appliance (embedded by default, or a daemon at a remote address), the compile jobs, the
// host-script process and the interactive debug session, and re-emits plain Qt signals.
// Widgets never see gRPC. Every appliance call runs on a worker thread; results hop back
// to the GUI thread with queued invocations, so the GUI thread never waits. While a
// session runs, the latest Debug frame is taken on a timer (never one event per cycle).
class SimController : public QObject {
    Q_OBJECT
  public:
    using State = SimControls::State;
    static constexpr int FrameIntervalMs = 100;

    explicit SimController(QObject* parent = nullptr);
    ~SimController() override;

    // Where cslc, cs_python and tessera-appliance live (the appliance puts it first on PATH
    // for launcher commands; scripts run with its cs_python).
    void setToolsBinDir(const QString& dir) { m_toolsBinDir = dir; }
    QString toolsBinDir() const { return m_toolsBinDir; }
    static QString defaultToolsBinDir();
    // Empty = the embedded appliance; otherwise "unix:PATH" or "HOST:PORT" of a daemon.
    void setRemoteAddress(const QString& address, const QString& token = {});
    QString remoteAddress() const { return m_remoteAddress; }
    // The appliance connection (the embedded appliance starts on first use), for the IDE's
    // other host clients such as the host session panel (app/HostSessionActions). Worker
    // threads only: it may start the appliance or connect to a daemon.
    std::shared_ptr<client::Connection> sharedConnection() { return connection(); }

    // Compile job: codeDir + layout with cslc arguments (without the layout file); the
    // artifact is written to codeDir/<-o dir>. `revisions` tag the diagnostics batch.
    void build(const QString& codeDir, const QString& layout, const QStringList& args,
               const QHash<QString, quint64>& revisions = {});
    void cancelBuild();
    bool isBuilding() const { return m_buildId != 0; }
    static QString cslcCommandLine(const QString& layout, const QStringList& args);
    // The last successful build's artifact directory (empty before).
    QString artifactDir() const { return m_artifactDir; }
    FabricSnapshotPtr programSnapshot() const { return m_programSnapshot; }
    // Exported functions of the last artifact that take no arguments.
    QStringList launchableFunctions() const { return m_launchable; }

    // How runScript starts the script. Held (embedded appliance only): the script's
    // session is paused as soon as it is opened (TESSERA_START_PAUSED=1, read by the Python
    // SdkRuntime) and attached even
    // with auto-attach off, so the IDE sees every cycle of a short run; once attached it is
    // resumed (HeldThenRun) or left paused for the caller to advance (HeldPaused).
    enum class ScriptStart { Free, HeldThenRun, HeldPaused };
    // Runs codeDir/run.py under cs_python with `scriptArgs` (the project's own, e.g.
    // --iters 10) and --name <artifact>, joined to this appliance through
    // TESSERA_APPLIANCE.
    void runScript(const QString& codeDir, const QString& script = QStringLiteral("run.py"),
                   ScriptStart start = ScriptStart::Free, const QStringList& scriptArgs = {});
    void stopScript();
    bool isScriptRunning() const { return m_scriptBusy; }

    // Interactive session on the last artifact: load, run, then launch `function` (an
    // exported function without arguments; empty = none) so the fabric has work.
    void startSession(const QString& function = {});
    void endSession();
    void pause();
    void resume();
    void step(quint64 cycles);
    // Runs the paused session `cycles` cycles on and pauses it again (a cycle breakpoint
    // beside the user's), letting the host go on meanwhile: unlike step, a host command
    // that finishes lets its program issue the next one. Presentation mode's beats.
    void advance(quint64 cycles);
    void setBreakpoints(const QList<SimBreakpoint>& breakpoints);
    // Runs `query` with the open debug session on the session thread, in order with the
    // other session calls; nothing happens without a session. For the analysis views
    // (AnalysisWorkbench: wait states, simprint lines), which hop their results back
    // themselves. An exception from `query` is reported as a session message.
    void withDebugSession(std::function<void(client::DebugSession&)> query);
    State state() const { return m_state; }
    quint64 cycle() const { return m_cycle; }
    // Following a host program's session (docs/ide-run.md, "Attaching to a script's
    // session"). While runScript's process runs and auto-attach is on, the appliance's
    // sessions are listed on a worker every ScriptPollMs; the one opened by the script (its
    // client pid is the process's or a child's, its label "cs_python <script>") is attached
    // once loaded: its frames feed the fabric as an interactive session's do, pause, step,
    // resume and breakpoints act on it, and it is detached when the script closes it or
    // exits (state Finished, no error). endSession() detaches and lets the script go on.
    static constexpr int ScriptPollMs = 150;
    static constexpr int FinalFrameGraceMs = 1000;
    void setAutoAttach(bool on) { m_autoAttach = on; }
    bool autoAttach() const { return m_autoAttach; }
    // Lists the appliance's sessions on a worker; sessionsListed reports them.
    void listSessions();
    void attachToSession(const QString& sessionId, const QString& label = {});
    bool isAttached() const { return !m_attachedId.isEmpty(); }
    QString attachedSessionId() const { return m_attachedId; }
    // The session of a script started by runScript among `sessions` (empty when none).
    static QString scriptSessionIn(const QList<ScriptSession>& sessions, qint64 scriptPid,
                                   const QString& script);

    // Writes a core dump of the session's fabric (paused or finished) to `path` on the
    // appliance's side; coreDumped reports the file or the error.
    void dumpCore(const QString& path);

  signals:
    void buildStarted(const QString& commandLine);
    void buildOutput(const QString& line);
    void buildFinished(bool ok, const QString& summary, const QList<DiagnosticItem>& diagnostics,
                       const QHash<QString, quint64>& revisions);
    void programSnapshotChanged(FabricSnapshotPtr snapshot);

    void scriptStarted(const QString& commandLine);
    void scriptOutput(const QString& text);
    void scriptFinished(int exitCode, const QString& error);

    void stateChanged(State state);
    void cycleChanged(quint64 cycle, double cyclesPerSecond);
    void snapshotChanged(FabricSnapshotPtr snapshot);
    void sessionMessage(const QString& message);
    void coreDumped(const QString& path, const QString& error);
    // The simulator reported a hang: the report in words and the PEs that wait.
    void hangReported(const QString& report, const std::vector<FabricWaitingPe>& waiting);
    // The program faulted at run time: the report (naming the project's file) and the
    // file and line it names (file empty when none of the project's).
    void faultReported(const QString& report, const QString& file, int line);
    // Every Debug frame the IDE shows (stream, step, pause), on the GUI thread; connect
    // directly (the run recorder keeps them).
    void frameReceived(const tessera::client::Frame& frame);
    // listSessions' answer (error: why the appliance could not be asked).
    void sessionsListed(const QList<tessera::ScriptSession>& sessions, const QString& error);
    // A host program's session was attached (its id and label) or detached (empty id).
    void attachedChanged(const QString& sessionId, const QString& label);

  private:
    std::shared_ptr<client::Connection> connection(); // worker threads only
    // The error in words; when the appliance is gone it also drops the connection so the
    // next call connects again (any thread).
    QString failureText(const std::exception& e);
    void setState(State state);
    // A new or attached session starts with no hang shown and the cycle rate from zero.
    void resetLiveCounters();
    void takeLatestFrame();
    void releaseSession(); // session thread only
    void functionFinished(const QString& function, const QString& error);
    void applyFrame(const client::Frame& frame);
    void sessionCall(std::function<client::Frame(client::DebugSession&)> call, State after);
    void reportError(const QString& what, const QString& message);
    void startScriptProcess(const QString& codeDir, const QString& script,
                            const QStringList& scriptArgs, const QString& cmaddr);
    void pollSessions();
    void sessionsPolled(const QList<ScriptSession>& sessions);
    // The attached session closed (its frame stream ended, or the poll missed it for
    // FinalFrameGraceMs): detach, showing its final frame.
    void sessionClosed(const QString& sessionId);
    // Leaves the attached session: the script goes on (breakpoints cleared, resumed).
    // ended: the script closed it or exited (state Finished), else NoSession.
    void detach(const QString& message, bool ended);

    QString m_toolsBinDir;
    QString m_remoteAddress;
    QString m_token;

    std::mutex m_connectionMutex; // guards the two below (worker threads create them)
    std::unique_ptr<appliance::Appliance> m_appliance;
    std::shared_ptr<client::Connection> m_connection;

    QThreadPool m_compilePool; // one compile at a time
    QThreadPool m_sessionPool; // session calls in order
    QThreadPool m_driverPool;  // waits for the launched function (runs simulated time)
    quint64 m_buildId = 0;     // 0 = no build running
    // The running build's: Cancel Build stops the appliance's compiler (issue 5).
    std::shared_ptr<client::CompileCancellation> m_buildCancellation;
    quint64 m_nextBuildId = 1;
    QString m_artifactDir;
    QString m_codeDir; // the last build's: the source map's relative paths are under it
    FabricSnapshotPtr m_programSnapshot;
    QStringList m_launchable;

    QPointer<QProcess> m_script;
    bool m_scriptBusy = false;
    std::shared_ptr<client::SdkLauncher> m_launcher;

    // Session objects are used only on m_sessionPool's thread.
    std::shared_ptr<client::SdkRuntime> m_runtime;
    std::shared_ptr<client::DebugSession> m_debug;
    std::shared_ptr<client::FrameSubscription> m_subscription;
    std::mutex m_frameMutex;
    std::shared_ptr<const client::Frame> m_latestFrame; // written by the stream reader
    quint64 m_frameSerial = 0, m_shownSerial = 0;
    QTimer m_frameTimer;
    QElapsedTimer m_rateClock;
    quint64 m_rateCycle = 0;
    double m_rate = 0;
    QList<SimBreakpoint> m_breakpoints;
    State m_state = State::NoSession;
    quint64 m_cycle = 0;
    bool m_hangShown = false;

    // Attaching to a host program's session (GUI thread, except the listing on m_pollPool).
    QThreadPool m_pollPool;
    QTimer m_pollTimer;
    bool m_pollBusy = false;
    bool m_autoAttach = true;
    qint64 m_scriptPid = 0;
    QString m_scriptName;
    QString m_attachedId;
    QString m_attachPending;
    // The attached session the poll no longer lists: its frame stream gets a moment to
    // deliver the final frame before the detach.
    QString m_vanishedId;
    QSet<QString> m_declined; // detached by the user: not attached again automatically
    ScriptStart m_scriptStart = ScriptStart::Free;
    QString m_heldSessionId;     // the held script's session, until attached
    quint64 m_advanceTarget = 0; // the cycle advance() pauses at (no breakpoint message)
};

} // namespace tessera
