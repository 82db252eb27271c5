#include "widgets/SimControls.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tessera {

QString SimBreakpoint::describe() const {
    const QString where =
        anyPe ? SimControls::tr("any PE") : SimControls::tr("PE %1,%2").arg(x).arg(y);
    switch (kind) {
    case Kind::Task:
        return SimControls::tr("task %1 activates at %2").arg(value).arg(where);
    case Kind::Line:
        return SimControls::tr("line %1 of file %2 at %3").arg(value).arg(file).arg(where);
    case Kind::Cycle:
        return SimControls::tr("cycle %1").arg(value);
    case Kind::Color:
        return SimControls::tr("wavelet on color %1 at %2").arg(value).arg(where);
    case Kind::Symbol:
        return SimControls::tr("write to %1 at %2").arg(symbol, where);
    }
    return {};
}

SimControls::SimControls(QWidget* parent)
    : QWidget(parent), m_launch(new QComboBox(this)),
      m_start(new QPushButton(tr("Start session"), this)), m_run(new QPushButton(tr("Run"), this)),
      m_pause(new QPushButton(tr("Pause"), this)), m_step(new QPushButton(tr("Step 1"), this)),
      m_stepN(new QPushButton(tr("Step N"), this)), m_stepCount(new QSpinBox(this)),
      m_runToBreakpoint(new QPushButton(tr("Run to breakpoint"), this)), m_cycle(new QLabel(this)),
      m_status(new QLabel(this)), m_kind(new QComboBox(this)), m_x(new QSpinBox(this)),
      m_y(new QSpinBox(this)), m_peScope(new QComboBox(this)), m_value(new QSpinBox(this)),
      m_symbol(new QLineEdit(this)), m_list(new QListWidget(this)) {
    setObjectName(QStringLiteral("simControls"));
    m_start->setObjectName(QStringLiteral("startSessionButton"));
    m_stepCount->setRange(1, 1'000'000'000);
    m_stepCount->setValue(100);
    m_stepCount->setToolTip(tr("Cycles per Step N"));
    m_cycle->setObjectName(QStringLiteral("cycleLabel"));
    m_status->setWordWrap(true);
    m_list->setMinimumHeight(48);
    m_list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kind->addItem(tr("Task activation"), int(SimBreakpoint::Kind::Task));
    m_kind->addItem(tr("Source line"), int(SimBreakpoint::Kind::Line));
    m_kind->addItem(tr("Cycle"), int(SimBreakpoint::Kind::Cycle));
    m_kind->addItem(tr("Wavelet on color"), int(SimBreakpoint::Kind::Color));
    m_kind->addItem(tr("Write to symbol"), int(SimBreakpoint::Kind::Symbol));
    m_kind->setCurrentIndex(2);
    m_peScope->addItem(tr("at PE"));
    m_peScope->addItem(tr("any PE"));
    m_x->setRange(0, 1023);
    m_y->setRange(0, 1023);
    m_value->setRange(0, std::numeric_limits<int>::max());
    m_symbol->setPlaceholderText(tr("symbol"));
    auto* addButton = new QPushButton(tr("Add"), this);
    auto* removeButton = new QPushButton(tr("Remove"), this);

    connect(m_start, &QPushButton::clicked, this, &SimControls::startRequested);
    connect(m_run, &QPushButton::clicked, this, &SimControls::runRequested);
    connect(m_pause, &QPushButton::clicked, this, &SimControls::pauseRequested);
    connect(m_step, &QPushButton::clicked, this, [this] { emit stepRequested(1); });
    connect(m_stepN, &QPushButton::clicked, this,
            [this] { emit stepRequested(quint64(m_stepCount->value())); });
    connect(m_runToBreakpoint, &QPushButton::clicked, this, &SimControls::runToBreakpointRequested);
    connect(addButton, &QPushButton::clicked, this, &SimControls::addBreakpoint);
    connect(removeButton, &QPushButton::clicked, this, &SimControls::removeBreakpoint);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &SimControls::updateKindFields);
    connect(m_peScope, &QComboBox::currentIndexChanged, this, &SimControls::updateKindFields);

    m_launch->setToolTip(tr("Exported function the session launches"));
    setLaunchFunctions({});
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_launch, 0, 0, 1, 2);
    buttons->addWidget(m_start, 0, 2, 1, 2);
    buttons->addWidget(m_run, 1, 0);
    buttons->addWidget(m_pause, 1, 1);
    buttons->addWidget(m_step, 1, 2);
    buttons->addWidget(m_runToBreakpoint, 1, 3);
    buttons->addWidget(m_stepN, 2, 0);
    buttons->addWidget(m_stepCount, 2, 1);
    buttons->addWidget(m_cycle, 2, 2, 1, 2);

    auto* where = new QHBoxLayout;
    where->addWidget(new QLabel(tr("Break on"), this));
    where->addWidget(m_kind, 1);
    where->addWidget(m_peScope);
    where->addWidget(m_x);
    where->addWidget(m_y);
    auto* what = new QHBoxLayout;
    what->addWidget(new QLabel(tr("Value"), this));
    what->addWidget(m_value, 1);
    what->addWidget(m_symbol, 1);
    what->addWidget(addButton);
    what->addWidget(removeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addLayout(where);
    layout->addLayout(what);
    layout->addWidget(m_list, 1);
    updateKindFields();
    refreshList();
    setState(State::NoSession);
    setCycle(0, 0);
}

void SimControls::setState(State state) {
    m_state = state;
    const bool session = state == State::Running || state == State::Paused;
    m_run->setEnabled(state == State::Paused);
    m_runToBreakpoint->setEnabled(state == State::Paused && !m_breakpoints.isEmpty());
    m_pause->setEnabled(state == State::Running);
    m_step->setEnabled(session);
    m_stepN->setEnabled(session);
    m_start->setEnabled(state == State::NoSession || state == State::Finished);
}

void SimControls::setCycle(quint64 cycle, double cyclesPerSecond) {
    const QLocale locale;
    // A rate of 0 is not a measurement (paused, finished, stepped): it would read as a stall.
    m_cycle->setText(cyclesPerSecond > 0 ? tr("Cycle %1 · %2 cycles/s")
                                               .arg(locale.toString(cycle))
                                               .arg(locale.toString(cyclesPerSecond, 'f', 0))
                                         : tr("Cycle %1").arg(locale.toString(cycle)));
}

void SimControls::setStatusMessage(const QString& text) {
    m_status->setText(text);
}
QString SimControls::cycleText() const {
    return m_cycle->text();
}
QString SimControls::statusText() const {
    return m_status->text();
}
int SimControls::stepCount() const {
    return m_stepCount->value();
}

void SimControls::setLaunchFunctions(const QStringList& functions) {
    m_launch->clear();
    for (const QString& f : functions)
        m_launch->addItem(f, f);
    m_launch->addItem(tr("(launch nothing)"), QString());
}

QString SimControls::launchFunction() const {
    return m_launch->currentData().toString();
}

void SimControls::setBreakpoints(const QList<SimBreakpoint>& breakpoints) {
    m_breakpoints = breakpoints;
    refreshList();
    setState(m_state);
    emit breakpointsChanged(m_breakpoints);
}

void SimControls::updateKindFields() {
    const auto kind = SimBreakpoint::Kind(m_kind->currentData().toInt());
    const bool needsPe = kind != SimBreakpoint::Kind::Cycle;
    m_peScope->setEnabled(needsPe);
    m_x->setEnabled(needsPe && m_peScope->currentIndex() == 0);
    m_y->setEnabled(needsPe && m_peScope->currentIndex() == 0);
    m_value->setEnabled(kind != SimBreakpoint::Kind::Symbol);
    m_symbol->setEnabled(kind == SimBreakpoint::Kind::Symbol);
}

void SimControls::addBreakpoint() {
    SimBreakpoint b;
    b.kind = SimBreakpoint::Kind(m_kind->currentData().toInt());
    b.anyPe = m_peScope->currentIndex() == 1;
    b.x = m_x->value();
    b.y = m_y->value();
    b.value = quint64(m_value->value());
    b.symbol = m_symbol->text().trimmed();
    if (b.kind == SimBreakpoint::Kind::Symbol && b.symbol.isEmpty()) {
        setStatusMessage(tr("A symbol breakpoint needs a symbol name."));
        return;
    }
    QList<SimBreakpoint> list = m_breakpoints;
    list.append(b);
    setBreakpoints(list);
}

void SimControls::removeBreakpoint() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_breakpoints.size())
        return;
    QList<SimBreakpoint> list = m_breakpoints;
    list.removeAt(row);
    setBreakpoints(list);
}

void SimControls::refreshList() {
    m_list->clear();
    for (const SimBreakpoint& b : std::as_const(m_breakpoints))
        m_list->addItem(b.describe());
    if (m_breakpoints.isEmpty()) {
        // An empty white box says nothing; this line says how to fill it. It is not a
        // breakpoint: it cannot be selected (so Remove ignores it).
        auto* hint = new QListWidgetItem(
            tr("No breakpoints. Choose what to break on above and press Add."), m_list);
        hint->setFlags(Qt::NoItemFlags);
    }
}

} // namespace tessera
