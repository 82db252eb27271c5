#pragma once

#include "widgets/analysis/RunRecording.h"
#include "widgets/analysis/StallTableModel.h"
#include "widgets/fabric/FabricSnapshot.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <mutex>
#include <vector>

class QAction;
class QDockWidget;

namespace sim {
struct FabricProgram;
}
namespace tessera::client {
struct Frame;
struct PeWait;
struct WaitStates;
} // namespace tessera::client

namespace tessera {

class AnalysisSelection;
class FabricView;
class IdeWorkbench;
class MainWindow;
class ReplayControls;
class SimController;
class SimprintConsole;
class StallTable;

// Converts appliance data into the analysis views' plain values.
RecordedFrame recordedFrame(const client::Frame& frame);
// With the session's program, each entry names where its waiter waits (stallSource).
std::vector<StallEntry> stallEntries(const client::WaitStates& states,
                                     const sim::FabricProgram* program = nullptr);
// The source line a wait is at: the waiting DSD operation's line (named in the reason) in
// the waiter's function, else the first line of the waiting task's (or launched or init)
// function; unset for waits without code (routers, queues, host commands).
std::optional<SourcePosition> stallSource(const sim::FabricProgram& program,
                                          const client::PeWait& wait);
// `base` (the program's snapshot) with the heat maps of recorded frame `index`: the
// cumulative instructions, wavelets and stalls, and the congestion of the interval since
// the frame before (wavelets per cycle).
FabricSnapshot withRecordedFrame(const FabricSnapshot& base, const RunRecording& recording,
                                 int index);

// The analysis part of the IDE (issue 7): the Stalls, Simprint and Replay docks, the
// linked selection they share with the fabric view and the editor, link congestion on the
// fabric while a session runs, and the colour-blind-safe palette option (View menu).
// Talks to the appliance only through SimController (withDebugSession, frameReceived).
class AnalysisWorkbench : public QObject {
    Q_OBJECT
  public:
    static constexpr int SimprintPollMs = 500;
    static constexpr const char* PaletteSettingsKey = "fabric/colourBlindSafePalette";

    AnalysisWorkbench(MainWindow* window, IdeWorkbench* bench);

    AnalysisSelection* selection() const { return m_selection; }
    StallTable* stallTable() const { return m_stalls; }
    SimprintConsole* simprintConsole() const { return m_simprint; }
    ReplayControls* replayControls() const { return m_replay; }
    QAction* paletteAction() const { return m_paletteAction; }
    QDockWidget* stallDock() const { return m_stallDock; }
    QDockWidget* simprintDock() const { return m_simprintDock; }
    QDockWidget* replayDock() const { return m_replayDock; }

    // Asks the session for its wait states and new simprint lines (done on every pause).
    void refresh();
    void refreshSimprint();
    void setColourBlindSafe(bool on);

  signals:
    // A refresh reached the views (tests wait for it).
    void waitStatesShown();
    void simprintShown();

  private:
    QDockWidget* addDock(const QString& objectName, const QString& title, QWidget* widget);
    void programChanged(FabricSnapshotPtr snapshot);
    void frameReceived(const client::Frame& frame);
    void liveSnapshot(FabricSnapshotPtr snapshot);
    void showReplayFrame(int index);
    void stateChanged(int state);
    // The program of `artifactDir` (cached by file time; any thread), null when unreadable.
    std::shared_ptr<const sim::FabricProgram> programOf(const QString& artifactDir);

    MainWindow* m_window;
    IdeWorkbench* m_bench;
    SimController* m_controller;
    FabricView* m_fabric;
    AnalysisSelection* m_selection;
    StallTable* m_stalls;
    SimprintConsole* m_simprint;
    ReplayControls* m_replay;
    QDockWidget* m_stallDock;
    QDockWidget* m_simprintDock;
    QDockWidget* m_replayDock;
    QAction* m_paletteAction;
    QTimer m_simprintTimer;
    QTimer m_refreshTimer;        // coalesces the refreshes of frames that arrive while paused
    FabricSnapshotPtr m_program;  // the compiled program's snapshot (replay base)
    FabricSnapshotPtr m_lastLive; // what the session showed last (back to live)
    int m_state = 0;              // SimController::State last seen
    quint64 m_simprintNext = 0;   // index of the next simprint line to fetch
    bool m_simprintInFlight = false;
    quint64 m_sessionSerial = 0; // drops replies of an earlier session
    std::mutex m_programMutex;   // guards the three below (session thread and GUI)
    QString m_programPath;
    QDateTime m_programTime;
    std::shared_ptr<const sim::FabricProgram> m_sourceProgram;
};

} // namespace tessera
