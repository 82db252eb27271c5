#include "app/ScriptAttachActions.h"

#include "app/SimController.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace tessera {

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
