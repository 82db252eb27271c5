#pragma once

#include "widgets/hostsession/HostSessionTypes.h"

#include <QObject>
#include <QThreadPool>
#include <QVariantList>

#include <functional>
#include <memory>

class QAction;
class QDockWidget;

namespace tessera::client {
class SdkRuntime;
}

namespace tessera {

class HostSessionPanel;
class IdeWorkbench;
class MainWindow;
class SimController;

// Run > Host Session…: the interactive host session dock (widgets/hostsession) wired to
// the appliance. Load opens an SdkRuntime session on the last build's artifact (symbols
// and argument types from its out_rpc.json) and attaches the IDE's debugger to it, so the
// fabric view, pause, step and breakpoints follow what the panel does; H2D, launch and
// D2H are the client's SdkRuntime calls. Every call runs in order on this object's worker
// thread; replies hop back to the GUI thread, which never waits on gRPC or the simulator.
class HostSessionActions : public QObject {
    Q_OBJECT
  public:
    static constexpr int MinimumHeight = 420; // of the dock when the menu shows it

    HostSessionActions(MainWindow* window, IdeWorkbench* workbench);
    ~HostSessionActions() override;

    HostSessionPanel* panel() const { return m_panel; }
    QDockWidget* dock() const { return m_dock; }
    QAction* showAction() const { return m_show; }
    // The program info read from an artifact directory (out_rpc.json, out.json, the
    // program file); throws artifact::ArtifactError naming the file. Any thread.
    static HostProgramInfo programInfo(const QString& artifactDir);

  signals:
    // A call finished: operation is "load", "h2d", "launch", "d2h" or "unload"; error is
    // empty on success (it was also reported in the panel's log).
    void operationFinished(const QString& operation, const QString& error);

  private:
    void load();
    void unload();
    void copyToDevice(const HostCopyRequest& request);
    void launch(const QString& function, const QVariantList& arguments);
    void copyFromDevice(const HostCopyRequest& request);
    // Runs `work` on the worker; the continuation it returns runs on the GUI thread. An
    // exception is reported in the panel (naming `what`) and as operationFinished's error.
    void post(const QString& operation, const QString& what,
              std::function<std::function<void()>()> work);
    void shutdown(); // closes the session; waits for the worker (GUI thread)

    MainWindow* m_window;
    SimController* m_controller;
    HostSessionPanel* m_panel;
    QDockWidget* m_dock;
    QAction* m_show;
    QThreadPool m_pool;                            // one thread: the calls keep their order
    std::shared_ptr<client::SdkRuntime> m_runtime; // worker thread only
    bool m_shutDown = false;
};

} // namespace tessera
