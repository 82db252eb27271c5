#pragma once

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace tessera {

// A breakpoint as the user enters it (the app translates it for the appliance).
struct SimBreakpoint {
    enum class Kind : uint8_t { Task, Line, Cycle, Color, Symbol };
    Kind kind = Kind::Cycle;
    int x = 0, y = 0;   // PE, rectangle coordinates
    bool anyPe = false; // every PE
    quint64 value = 0;  // task id, line, cycle or color
    int file = 0;       // line breakpoints: index into the program's source files
    QString symbol;     // write to this symbol
    QString describe() const;
    bool operator==(const SimBreakpoint&) const = default;
};

// Run, pause, step 1, step N, run to breakpoint; the breakpoint list; a live cycle
// counter and rate. Only emits requests: the app owns the session.
class SimControls : public QWidget {
    Q_OBJECT
  public:
    enum class State { NoSession, Running, Paused, Finished };

    explicit SimControls(QWidget* parent = nullptr);

    void setState(State state);
    State state() const { return m_state; }
    void setCycle(quint64 cycle, double cyclesPerSecond);
    void setStatusMessage(const QString& text);
    QString cycleText() const;
    QString statusText() const;

    QList<SimBreakpoint> breakpoints() const { return m_breakpoints; }
    void setBreakpoints(const QList<SimBreakpoint>& breakpoints);
    int stepCount() const;
    // Exported functions without arguments that a session can launch ("" = none).
    void setLaunchFunctions(const QStringList& functions);
    QString launchFunction() const;

    QPushButton* runButton() const { return m_run; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* stepButton() const { return m_step; }
    QPushButton* stepNButton() const { return m_stepN; }

  signals:
    void startRequested();
    void runRequested();
    void pauseRequested();
    void stepRequested(quint64 cycles);
    void runToBreakpointRequested();
    void breakpointsChanged(const QList<SimBreakpoint>& breakpoints);

  private:
    void addBreakpoint();
    void removeBreakpoint();
    void updateKindFields();
    void refreshList();

    State m_state = State::NoSession;
    QList<SimBreakpoint> m_breakpoints;
    QComboBox* m_launch;
    QPushButton* m_start;
    QPushButton* m_run;
    QPushButton* m_pause;
    QPushButton* m_step;
    QPushButton* m_stepN;
    QSpinBox* m_stepCount;
    QPushButton* m_runToBreakpoint;
    QLabel* m_cycle;
    QLabel* m_status;
    QComboBox* m_kind;
    QSpinBox* m_x;
    QSpinBox* m_y;
    QComboBox* m_peScope;
    QSpinBox* m_value;
    QLineEdit* m_symbol;
    QListWidget* m_list;
};

} // namespace tessera
