// Crash recovery with a real process: a child IDE edits a file, autosaves and is killed
// with SIGKILL. The next IDE finds the dead session (its QLockFile names a dead PID),
// restores the edit, and leaves the file on disk untouched.

#include "app/MainWindow.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using tessera::MainWindow;

class TestAutosaveCrash : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TesseraTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_autosavecrash"));
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void killedProcessIsRecovered() {
        QTemporaryDir work;
        QString error;
        const QString project =
            MainWindow::copyExample(QStringLiteral("gemv-single-pe"), work.path(), &error);
        QVERIFY2(!project.isEmpty(), qPrintable(error));
        const QString file = QDir(project).filePath(QStringLiteral("pe_program.csl"));
        QFile original(file);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray onDisk = original.readAll();
        original.close();

        QProcess child;
        child.setProgram(QStringLiteral(TESSERA_BINARY_DIR "/tests/gui/autosave_crasher"));
        child.setArguments({QCoreApplication::applicationName(), project, file,
                            QStringLiteral("// typed just before the crash\n")});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start();
        QVERIFY(child.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() == QProcess::NotRunning,
                                 20000);
        QCOMPARE(child.readLine().trimmed(), QByteArray("ready"));

        {
            // While the child lives, its buffers are not ours to offer.
            MainWindow observer;
            QVERIFY(observer.autosaveStore().orphanedEntries().isEmpty());
        }

        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        MainWindow next;
        const QList<tessera::AutosaveEntry> entries = next.autosaveStore().orphanedEntries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().originalPath, file);
        next.restoreAutosaved(entries);
        QCOMPARE(next.panes().size(), 1);
        tessera::EditorPane* pane = next.panes().first();
        QCOMPARE(pane->filePath(), file);
        QVERIFY(pane->isModified());
        QVERIFY(
            pane->editor()->text().endsWith(QStringLiteral("// typed just before the crash\n")));
        QVERIFY(next.autosaveStore().orphanedEntries().isEmpty());

        QFile after(file);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), onDisk);
    }
};

QTEST_MAIN(TestAutosaveCrash)
#include "tst_autosavecrash.moc"
