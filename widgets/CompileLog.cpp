#include "widgets/CompileLog.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace tessera {

namespace {
QPlainTextEdit* makeLogEdit(QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setMaximumBlockCount(100000);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    return edit;
}

QLineEdit* makeCommandEdit(QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}
} // namespace

CompileLog::CompileLog(QWidget* parent)
    : QWidget(parent), m_command(makeCommandEdit(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_status(new QLabel(this)),
      m_log(makeLogEdit(this)) {
    setObjectName(QStringLiteral("compileLog"));
    m_command->setPlaceholderText(tr("cslc command line of the last build"));
    m_command->setToolTip(tr("The equivalent cslc command, run from the project folder"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(120);
    // Only while compiling: a full bar without text afterwards looked like a blank button
    // (the status line says how the build went).
    m_progress->hide();
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &CompileLog::cancelRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_command, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_log, 1);
}

void CompileLog::start(const QString& commandLine) {
    m_command->setText(commandLine);
    m_command->setCursorPosition(0); // show the command's start ("cslc ..."), not its end
    m_log->clear();
    m_log->appendPlainText(QStringLiteral("$ ") + commandLine);
    m_progress->setRange(0, 0); // busy: the compiler reports no fraction
    m_progress->show();
    m_cancel->setEnabled(true);
    m_status->setText(tr("Compiling…"));
}

void CompileLog::appendLine(const QString& line) {
    m_log->appendPlainText(line);
}

void CompileLog::finish(bool ok, const QString& summary) {
    m_progress->setRange(0, 1);
    m_progress->setValue(ok ? 1 : 0);
    m_progress->hide();
    m_cancel->setEnabled(false);
    m_status->setText(summary);
    m_log->appendPlainText(summary);
}

QString CompileLog::commandLine() const {
    return m_command->text();
}
QString CompileLog::logText() const {
    return m_log->toPlainText();
}
QString CompileLog::statusText() const {
    return m_status->text();
}
bool CompileLog::isRunning() const {
    return m_cancel->isEnabled();
}

RunConsole::RunConsole(QWidget* parent)
    : QWidget(parent), m_command(makeCommandEdit(this)), m_stop(new QPushButton(tr("Stop"), this)),
      m_status(new QLabel(this)), m_output(makeLogEdit(this)) {
    setObjectName(QStringLiteral("runConsole"));
    m_command->setPlaceholderText(tr("host program command line"));
    m_stop->setEnabled(false);
    connect(m_stop, &QPushButton::clicked, this, &RunConsole::stopRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_command, 1);
    top->addWidget(m_stop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_output, 1);
}

void RunConsole::start(const QString& commandLine) {
    m_command->setText(commandLine);
    m_command->setCursorPosition(0);
    m_output->clear();
    m_stop->setEnabled(true);
    m_status->setText(tr("Running…"));
}

void RunConsole::appendOutput(const QString& text) {
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(text);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void RunConsole::finish(int exitCode, const QString& error) {
    m_stop->setEnabled(false);
    if (!error.isEmpty())
        m_status->setText(tr("Failed: %1").arg(error));
    else if (exitCode == 0)
        m_status->setText(tr("Exited normally (status 0)"));
    else
        m_status->setText(tr("Exited with status %1").arg(exitCode));
}

QString RunConsole::outputText() const {
    return m_output->toPlainText();
}
QString RunConsole::statusText() const {
    return m_status->text();
}
bool RunConsole::isRunning() const {
    return m_stop->isEnabled();
}

} // namespace tessera
