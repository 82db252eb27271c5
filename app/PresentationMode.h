#pragma once

#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/presentation/PresentationView.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <vector>

class QAction;

namespace sim {
struct FabricProgram;
}

namespace tessera {

class IdeWorkbench;
class MainWindow;

// The tasks of each code class, for captions ("PE (3,0) runs task recv").
struct PresentationTasks {
    struct Task {
        QString name;
        bool data = false; // a data task: started by wavelets on `color`
        int color = -1;
    };
    std::vector<std::vector<Task>> perClass; // by code class index
};
PresentationTasks presentationTasks(const sim::FabricProgram& program);

// What happened between two frames of the same program: PEs whose instruction count grew
// light up, and the wavelets routed at a PE move along the tx directions of the colors
// configured there (split evenly when several colors pass it). The caption names the
// busiest PE and its task and the busiest color and its direction. An empty beat (no
// active PE, no hop) means nothing moved.
PresentationBeat presentationBeat(const FabricSnapshot& before, const FabricSnapshot& after,
                                  quint64 cycle, const PresentationTasks& tasks);
// Stop `index` of a tour of the program, for programs that have no work without their
// host script: first each color's routes (wavelets along them, the PEs that receive lit),
// then each code class (its PEs lit). Wraps around; empty for an empty snapshot.
PresentationBeat tourBeat(const FabricSnapshot& snapshot, size_t index);

// View > Presentation Mode: the fabric large with the other docks hidden (restored on
// exit), the simulation advanced in beats an audience can follow, a caption per beat.
// Needs a built project; builds it when it is not. The run shown is the project's run.py
// (started held under cs_python on the IDE's appliance and attached, so every cycle of it
// is seen; its output's last line and exit status end the show), else a session launching
// the exported function without arguments. A program with neither gets a tour of its
// routes and code classes instead.
class PresentationMode : public QObject {
    Q_OBJECT
  public:
    static constexpr int kBeatMs = 1100;
    static constexpr quint64 kDefaultCyclesPerBeat = 2;
    static constexpr quint64 kMaxSkip = 4096; // idle cycles skipped per beat at most

    PresentationMode(MainWindow* window, IdeWorkbench* bench);

    bool isActive() const { return m_view != nullptr; }
    void enter();
    void leave();
    void togglePause();
    // One beat now (also while paused).
    void stepBeat();
    void setCyclesPerBeat(quint64 cycles);
    quint64 cyclesPerBeat() const { return m_cyclesPerBeat; }
    bool isPaused() const { return m_paused; }
    bool isTouring() const { return m_tour; }
    // The run shown is a host script's session (attached).
    bool isScriptRun() const { return m_script; }
    // Real time per beat (kBeatMs by default; tests use less).
    void setBeatInterval(int ms);
    int beatInterval() const { return m_beatTimer.interval(); }
    QAction* action() const { return m_action; }
    PresentationView* view() const { return m_view; }

  signals:
    void beatShown(const PresentationBeat& beat);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void prepare();
    void startScript();
    void scriptFinished(int exitCode, const QString& error);
    void onSnapshot(FabricSnapshotPtr snapshot);
    void onBeatTimer();
    void startTour(const QString& why);
    void updateStatus();
    void placeView();

    MainWindow* m_window;
    IdeWorkbench* m_bench;
    QAction* m_action;
    QPointer<PresentationView> m_view;
    QByteArray m_savedState;
    QTimer m_beatTimer;
    PresentationTasks m_tasks;
    FabricSnapshotPtr m_last;   // the frame the current beat started from
    FabricSnapshotPtr m_latest; // the newest frame (the end of the run's last stretch)
    quint64 m_lastCycle = 0;
    quint64 m_cyclesPerBeat = kDefaultCyclesPerBeat;
    quint64 m_skip = 1;
    bool m_paused = false;
    bool m_waiting = false;  // an advance is on its way
    bool m_starting = false; // a session (or the script's) is being started and paused
    bool m_building = false; // enter() started a build
    bool m_tour = false;
    bool m_script = false;        // showing an attached host script's session
    bool m_resumeOnLeave = false; // this mode started the script or paused the run
    QString m_scriptOutput;       // what the script printed (its last line ends the show)
    QElapsedTimer m_waitClock;    // since the current advance was asked for
    size_t m_tourIndex = 0;
    QString m_tourWhy;
};

} // namespace tessera
