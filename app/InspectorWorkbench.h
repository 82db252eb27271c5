#pragma once

#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/inspector/PeModels.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <memory>

class QTemporaryDir;

class QAction;
class QDockWidget;
class QTabWidget;

namespace tessera {

class AnalysisSelection;
class DumpComparePanel;
class IdeWorkbench;
class MainWindow;
class PeInspector;
class SymbolHeatMapPanel;
class TaskProfilePanel;
class TimelinePanel;
struct SymbolHeatMap;

// The PE inspector and core dump views attached to the main window: File → Open Core
// Dump… and Compare With Core Dump…, dropping a dump file on the window, Run → Dump and
// Inspect from a paused or finished session; the PE Inspector dock (PEs picked in the
// fabric view or typed), and the Core Dump dock (symbol heat map, comparison, task
// profile over a region, chosen by typing or by Shift+dragging on the fabric view), whose
// results show as the fabric view's Custom layer. The inspector's Timeline tab shows the
// selected PE in a traced rerun of the session (tracing on: at every pause the session's
// program and launched function run on a traced fabric to the session's cycle, on a
// worker; sim/trace_run.h; an attached host script's session is replayed by the
// appliance, Debug.Trace), following and setting the linked selection.
class InspectorWorkbench : public QObject {
    Q_OBJECT
  public:
    static constexpr int TraceDelayMs = 150; // coalesces the pauses of quick steps

    InspectorWorkbench(MainWindow* window, IdeWorkbench* workbench);
    ~InspectorWorkbench() override;

    // Opens a dump (its program found next to it, or the last build's); false and
    // `error` on failure. The fabric view shows the dump until a session frame replaces it.
    bool openDump(const QString& path, QString* error);
    // openDump for a dump named on the command line: when no project is open, first opens
    // the project folder its artifact directory sits in (<project>/out/corefile.cs1), so
    // the inspector's source lines open in that project.
    bool openDumpWithProject(const QString& path, QString* error);
    // Compares the open dump with another of the same program.
    bool compareWith(const QString& path, QString* error);
    // Asks the session for a dump (into the artifact directory) and opens it.
    void dumpAndInspect();

    const DumpPtr& dump() const { return m_dump; }
    PeInspector* inspector() const { return m_inspector; }
    SymbolHeatMapPanel* heatMapPanel() const { return m_heat; }
    DumpComparePanel* comparePanel() const { return m_compare; }
    TaskProfilePanel* profilePanel() const { return m_profile; }
    QDockWidget* inspectorDock() const { return m_inspectorDock; }
    QDockWidget* dumpDock() const { return m_dumpDock; }
    QTabWidget* dumpTabs() const { return m_dumpTabs; }
    QAction* dumpAndInspectAction() const { return m_dumpAction; }
    TimelinePanel* timeline() const;
    // Traces the session to its cycle now when tracing is on (otherwise at each pause).
    void traceSession();
    // Where the last PE's source line was shown (file resolved, 1-based line).
    QString shownSourceFile() const { return m_shownFile; }
    int shownSourceLine() const { return m_shownLine; }

  signals:
    void dumpOpened(const QString& path);
    void message(const QString& text);
    // A traced run reached the timeline (error empty) or failed.
    void traceFinished(const QString& error);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void createActions();
    void openDumpDialog();
    void compareDialog();
    void showCustomHeat(std::vector<float> values, const QString& label,
                        std::optional<std::pair<float, float>> range);
    void showSource(const QString& programFile, int line);
    void report(const QString& text);
    void connectTimeline();
    void sessionStateChanged();
    void profileRegion(QRect fabricRegion);

    MainWindow* m_window;
    IdeWorkbench* m_workbench;
    PeInspector* m_inspector;
    SymbolHeatMapPanel* m_heat;
    DumpComparePanel* m_compare;
    TaskProfilePanel* m_profile;
    QTabWidget* m_dumpTabs;
    QDockWidget* m_inspectorDock = nullptr;
    QDockWidget* m_dumpDock = nullptr;
    QAction* m_dumpAction = nullptr;
    QAction* m_compareAction = nullptr;
    DumpPtr m_dump;
    QString m_dumpArtifactDir;
    FabricSnapshotPtr m_dumpSnapshot;
    QString m_shownFile;
    int m_shownLine = 0;

    // The timeline's traced reruns.
    AnalysisSelection* m_selection = nullptr;
    QThreadPool m_tracePool; // one traced run at a time
    QTimer m_traceTimer;
    std::unique_ptr<QTemporaryDir> m_traceDir;
    quint64 m_traceSerial = 0;
    bool m_traceBusy = false, m_traceAgain = false;
    QString m_sessionFunction; // what the session launched (the Simulation dock's choice)
    int m_lastState = 0;       // SimController::State
    quint64 m_tracedCycle = 0;
    QString m_tracedArtifact;
};

} // namespace tessera
