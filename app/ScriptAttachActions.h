#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace tessera {

class SimController;

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
