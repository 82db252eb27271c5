#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace tessera {

// A compile job as the user sees it: the equivalent cslc command line (selectable, to
// paste into a shell), a busy indicator with a Cancel button, and the full log.
class CompileLog : public QWidget {
    Q_OBJECT
  public:
    explicit CompileLog(QWidget* parent = nullptr);

    void start(const QString& commandLine);
    void appendLine(const QString& line);
    void finish(bool ok, const QString& summary);

    QString commandLine() const;
    QString logText() const;
    QString statusText() const;
    bool isRunning() const;
    QPushButton* cancelButton() const { return m_cancel; }

  signals:
    void cancelRequested();

  private:
    QLineEdit* m_command;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_status;
    QPlainTextEdit* m_log;
};

// The output of a host program (run.py under cs_python) and its exit status.
class RunConsole : public QWidget {
    Q_OBJECT
  public:
    explicit RunConsole(QWidget* parent = nullptr);

    void start(const QString& commandLine);
    void appendOutput(const QString& text);
    void finish(int exitCode, const QString& error);

    QString outputText() const;
    QString statusText() const;
    bool isRunning() const;

  signals:
    void stopRequested();

  private:
    QLineEdit* m_command;
    QPushButton* m_stop;
    QLabel* m_status;
    QPlainTextEdit* m_output;
};

} // namespace tessera
