#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace tessera {

class SimController;

// The python arguments (for cs_python) that run `script` with `scriptArgs` held for the
// IDE: every SdkRuntime the script opens pauses its session right after Open, so its first
// host command that runs simulated time waits until the IDE, which attaches to the session
// (SimController::ScriptStart), resumes or steps it. The script itself runs unchanged (as
// __main__, its own folder first on sys.path, sys.argv as if started directly, so its
// session is labelled "cs_python <script>").
QStringList heldScriptArguments(const QString& script, const QStringList& scriptArgs);

// Run > Attach to Script Session… and Run > Attach Automatically to Host Programs (a
// setting, on by default, kept in QSettings under "run/autoAttachScripts"). The on-demand
// action lists the appliance's sessions (the embedded one, or the daemon of the settings,
// where an external cs_python may have opened them) and attaches to the one picked.
class ScriptAttachActions : public QObject {
    Q_OBJECT
  public:
    static constexpr const char* AutoAttachKey = "run/autoAttachScripts";

    ScriptAttachActions(QWidget* window, SimController* controller, QMenu* runMenu,
                        QObject* parent);

    QAction* attachAction() const { return m_attach; }
    QAction* autoAttachAction() const { return m_auto; }

  private:
    void attachRequested();

    QWidget* m_window;
    SimController* m_controller;
    QAction* m_attach;
    QAction* m_auto;
    bool m_asked = false; // a listing asked for by the menu is on its way
};

} // namespace tessera
