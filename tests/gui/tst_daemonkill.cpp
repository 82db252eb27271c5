// Fault test (issue 8): the appliance daemon is killed (SIGKILL) while a session runs.
// The IDE, connected to `tessera-appliance --listen unix:...`, must report the lost
// connection in words naming the address, end the session, keep every edit (the unsaved
// buffer is untouched), and connect again on its own once a daemon listens again: the
// next build and session work without restarting the IDE.
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/Project.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestDaemonKill : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        const QString error =
            examplewindow::openExample(QStringLiteral("gemv-single-pe"), m_tmp, &m_root, &m_window);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_controller = m_window->workbench()->controller();
        // A short path: unix socket paths are limited to 107 bytes.
        m_socket = QStringLiteral("/tmp/tessera-daemonkill-%1.sock")
                       .arg(QCoreApplication::applicationPid());
        m_controller->setRemoteAddress(QStringLiteral("unix:") + m_socket);
    }

    void cleanupTestCase() {
        m_window.reset();
        stopDaemon();
        QFile::remove(m_socket);
    }

    void killedMidRunIsReportedAndReconnects() {
        QVERIFY(startDaemon());
        QVERIFY(build());

        // An edit the user has not saved, made before the run.
        QString error;
        EditorPane* pane = m_window->openFile(m_root + QStringLiteral("/pe_program.csl"), &error);
        QVERIFY2(pane, qPrintable(error));
        const QString edited = pane->editor()->text() + QStringLiteral("\n// not saved yet\n");
        pane->editor()->setText(edited);
        QVERIFY(pane->isModified());

        // Mid-run: the function is launched and its host command waits on the daemon.
        m_controller->startSession(QStringLiteral("compute_gemv"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Paused, 30000);
        QSignalSpy messages(m_controller, &SimController::sessionMessage);
        m_daemon->kill();
        QVERIFY(m_daemon->waitForFinished(10000));

        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Finished, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10000);
        const QString message = messages.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("lost the connection")), qPrintable(message));
        QVERIFY2(message.contains(m_socket), qPrintable(message));
        QVERIFY2(
            m_window->statusBar()->currentMessage().contains(QStringLiteral("lost the connection")),
            qPrintable(m_window->statusBar()->currentMessage()));
        // Pressing Pause on the dead session reports, never hangs or crashes.
        m_controller->pause();
        QTRY_VERIFY_WITH_TIMEOUT(messages.size() >= 2, 10000);
        m_controller->endSession();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::NoSession, 10000);

        // Every edit is kept.
        QVERIFY(pane->isModified());
        QCOMPARE(pane->editor()->text(), edited);

        // While no daemon listens, a build fails with the same clear message.
        QSignalSpy failed(m_controller, &SimController::buildFinished);
        m_controller->build(m_root, m_project.layoutFile(), m_project.compileArguments());
        QVERIFY(failed.wait(30000));
        QVERIFY(!failed.first().first().toBool());
        QVERIFY2(failed.first().at(1).toString().contains(m_socket),
                 qPrintable(failed.first().at(1).toString()));

        // A daemon at the same address again: the IDE reconnects by itself.
        QVERIFY(startDaemon());
        QVERIFY(build());
        m_controller->startSession(QStringLiteral("compute_gemv"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Paused, 30000);
        m_controller->resume();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Finished, 30000);
        m_controller->endSession();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::NoSession, 10000);
        QCOMPARE(pane->editor()->text(), edited);
    }

  private:
    bool startDaemon() {
        stopDaemon();
        m_daemon = std::make_unique<QProcess>();
        m_daemon->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_daemon->start(QStringLiteral(TESSERA_BINARY_DIR "/bin/tessera-appliance"),
                        {QStringLiteral("--listen"), QStringLiteral("unix:") + m_socket});
        if (!m_daemon->waitForStarted(10000))
            return false;
        // It prints one line once it listens.
        while (!m_daemon->canReadLine())
            if (!m_daemon->waitForReadyRead(30000))
                return false;
        return m_daemon->readLine().contains("listening");
    }

    void stopDaemon() {
        if (m_daemon && m_daemon->state() != QProcess::NotRunning) {
            m_daemon->kill();
            m_daemon->waitForFinished(10000);
        }
        m_daemon.reset();
    }

    bool build() {
        m_project = *Project::open(m_root, nullptr);
        QSignalSpy built(m_controller, &SimController::buildFinished);
        m_controller->build(m_root, m_project.layoutFile(), m_project.compileArguments());
        if (!built.wait(60000))
            return false;
        if (!built.first().first().toBool())
            qWarning("%s", qPrintable(built.first().at(1).toString()));
        return built.first().first().toBool();
    }

    QTemporaryDir m_tmp;
    QString m_root, m_socket;
    std::unique_ptr<MainWindow> m_window;
    SimController* m_controller = nullptr;
    Project m_project = *Project::open(QStringLiteral("."), nullptr);
    std::unique_ptr<QProcess> m_daemon;
};

QTEST_MAIN(TestDaemonKill)
#include "tst_daemonkill.moc"
