#pragma once

#include "app/SimController.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QMenuBar;
class QTimer;

namespace tessera {

class CompileLog;
class DiagnosticsModel;
class DiagnosticsView;
class EditorDiagnostics;
class EditorPane;
class FabricLayerPanel;
class FabricView;
class LiveDiagnostics;
class MainWindow;
class RunConsole;
class SimControls;
class SymbolNavigator;

// The menu of `bar` titled `title` as translated in `context` (nullptr if there is none):
// how the other workbenches find the File and Run menus to add their actions to.
QMenu* menuTitled(QMenuBar* bar, const char* context, const char* title);

// The IDE at work, attached to the main window: the Build and Run menus, the docks
// (problems, compile output, console, fabric, layers, simulation), live diagnostics while
// typing and the status-bar hover of the fabric. Everything that talks to the appliance
// goes through SimController; this class only connects views to it.
class IdeWorkbench : public QObject {
    Q_OBJECT
  public:
    static constexpr int LiveCheckDelayMs = 500;

    explicit IdeWorkbench(MainWindow* window);
    ~IdeWorkbench() override;

    // Saves every buffer, then compiles the project on the appliance.
    void build();
    void runScript();
    // Runs the project's host program as its commands script's cs_python line says (the
    // script and its own arguments, e.g. run.py --iters 10), else run.py, with this build.
    void runHostScript(SimController::ScriptStart start);
    // Project compile settings from / to a commands_wse2.sh-style script.
    bool importScript(const QString& path, QString* error);
    bool exportScript(const QString& path, QString* error);
    void startSession();
    // Starts tracking an editor: revisions, debounced live checks, squiggles.
    void attachPane(EditorPane* pane);
    quint64 revision(EditorPane* pane) const;
    // Moves the cursor of the file's editor (opening it) to a 1-based line and column.
    void jumpTo(const QString& file, int line, int column);

    SimController* controller() const { return m_controller; }
    DiagnosticsModel* diagnostics() const { return m_diagnostics; }
    DiagnosticsView* diagnosticsView() const { return m_diagnosticsView; }
    CompileLog* compileLog() const { return m_compileLog; }
    RunConsole* runConsole() const { return m_console; }
    FabricView* fabricView() const { return m_fabric; }
    SimControls* simControls() const { return m_controls; }
    EditorDiagnostics* editorDiagnostics(EditorPane* pane) const;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    struct PaneState {
        quint64 revision = 1;
        QTimer* timer = nullptr;
        EditorDiagnostics* marks = nullptr;
    };
    QDockWidget* addDock(const QString& objectName, const QString& title, QWidget* widget,
                         Qt::DockWidgetArea area);
    void createMenus();
    void liveCheck(EditorPane* pane);
    void showFileDiagnostics(const QString& file);
    void updateActions();

    MainWindow* m_window;
    SimController* m_controller;
    DiagnosticsModel* m_diagnostics;
    DiagnosticsView* m_diagnosticsView;
    CompileLog* m_compileLog;
    RunConsole* m_console;
    FabricView* m_fabric;
    FabricLayerPanel* m_layers;
    SimControls* m_controls;
    SymbolNavigator* m_navigator; // go to definition and hover in the editors
    QLabel* m_cycleLabel;
    QList<QDockWidget*> m_docks;
    QAction* m_buildAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_runScriptAction = nullptr;
    QAction* m_sessionAction = nullptr;
    QAction* m_endSessionAction = nullptr;
    QHash<EditorPane*, PaneState> m_panes;
    QThreadPool m_checkPool; // live checks, one at a time
    // The project compiles, queued on m_checkPool after the syntax checks.
    LiveDiagnostics* m_live = nullptr;
    bool m_sized = false;
};

} // namespace tessera
