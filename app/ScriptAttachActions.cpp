#include "app/ScriptAttachActions.h"

#include "app/SimController.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace tessera {

namespace {

// Runs as `python3 -c`; argv[1] is the script. Pausing from the script's side is what
// makes the attach race-free: a short run.py would otherwise finish before the IDE's
// session listing (every SimController::ScriptPollMs) ever saw its session.
constexpr const char* kHoldBootstrap = R"py(import os, runpy, sys
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(script))
from cerebras.sdk.runtime import sdkruntimepybind
from tessera import appliance_pb2
opened = sdkruntimepybind.SdkRuntime.__init__
def held(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self._conn.call(self._conn.debug.Pause, appliance_pb2.SessionRef(session_id=self._session))
sdkruntimepybind.SdkRuntime.__init__ = held
runpy.run_path(script, run_name="__main__")
)py";

} // namespace

QStringList heldScriptArguments(const QString& script, const QStringList& scriptArgs) {
    return QStringList{QStringLiteral("-c"), QString::fromLatin1(kHoldBootstrap), script} +
           scriptArgs;
}

ScriptAttachActions::ScriptAttachActions(QWidget* window, SimController* controller, QMenu* runMenu,
                                         QObject* parent)
    : QObject(parent), m_window(window), m_controller(controller) {
    m_attach = runMenu->addAction(tr("&Attach to Script Session…"), this,
                                  &ScriptAttachActions::attachRequested);
    m_attach->setObjectName(QStringLiteral("attachScriptSessionAction"));
    m_auto = runMenu->addAction(tr("Attach A&utomatically to Host Programs"));
    m_auto->setObjectName(QStringLiteral("autoAttachAction"));
    m_auto->setCheckable(true);
    m_auto->setChecked(QSettings().value(QLatin1String(AutoAttachKey), true).toBool());
    m_controller->setAutoAttach(m_auto->isChecked());
    connect(m_auto, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1String(AutoAttachKey), on);
        m_controller->setAutoAttach(on);
    });
    connect(m_controller, &SimController::sessionsListed, this,
            [this](const QList<ScriptSession>& sessions, const QString& error) {
                if (!m_asked)
                    return;
                m_asked = false;
                const QString title = tr("Attach to Script Session");
                if (!error.isEmpty()) {
                    QMessageBox::warning(m_window, title,
                                         tr("Cannot list the appliance's sessions: %1").arg(error));
                    return;
                }
                if (sessions.isEmpty()) {
                    QMessageBox::information(
                        m_window, title,
                        tr("No session is open on the appliance. Start a host program (Run > "
                           "Run Host Script, or cs_python against the appliance's address) "
                           "first."));
                    return;
                }
                if (sessions.size() == 1) {
                    m_controller->attachToSession(sessions.front().id, sessions.front().label);
                    return;
                }
                QStringList items;
                for (const ScriptSession& s : sessions)
                    items << tr("%1 — pid %2 — %3, cycle %4 — %5")
                                 .arg(s.label.isEmpty() ? tr("(no label)") : s.label)
                                 .arg(s.pid)
                                 .arg(s.state)
                                 .arg(s.cycle)
                                 .arg(s.id);
                bool ok = false;
                const QString picked = QInputDialog::getItem(
                    m_window, title, tr("Sessions open on the appliance:"), items, 0, false, &ok);
                const qsizetype index = items.indexOf(picked);
                if (ok && index >= 0)
                    m_controller->attachToSession(sessions.at(index).id, sessions.at(index).label);
            });
}

void ScriptAttachActions::attachRequested() {
    m_asked = true;
    m_controller->listSessions();
}

} // namespace tessera
