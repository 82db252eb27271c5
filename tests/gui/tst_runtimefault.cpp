// Fault test (issue 8): a CSL program that faults at run time (an @assert that fails on
// the PE). The IDE must say it faulted (not that it hangs) and name the PE, the cycle and
// the source line, the session must end cleanly, and the IDE must be able to build and
// run again afterwards without a restart. The file named is the project's, not the
// appliance's compile-workspace copy, and the IDE opens it at the faulting line.
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/Project.h"
#include "app/SimController.h"
#include "example_window.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/SimControls.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestRuntimeFault : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        const QString error =
            examplewindow::openExample(QStringLiteral("gemv-single-pe"), m_tmp, &m_root, &m_window);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_bench = m_window->workbench();
        m_controller = m_bench->controller();
        m_project = *Project::open(m_root, nullptr);
    }

    void faultNamesPeCycleAndLine() {
        // vec_b is never written by this session, so the assert fails on the PE.
        const QString path = m_root + QStringLiteral("/pe_program.csl");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_good = file.readAll();
        file.close();
        const QByteArray marker = "fn compute_gemv() void {\n";
        const qsizetype at = m_good.indexOf(marker);
        QVERIFY(at >= 0);
        const int assertLine = int(m_good.left(at).count('\n')) + 2;
        QByteArray faulty = m_good;
        faulty.insert(at + marker.size(), "  @assert(vec_b[0] > 1.0);\n");
        // Edited and saved in the IDE, as a user would; then another file is in front, so
        // the jump to the fault has somewhere to come from.
        QString error;
        EditorPane* program = m_window->openFile(path, &error);
        QVERIFY2(program, qPrintable(error));
        program->editor()->setText(QString::fromUtf8(faulty));
        QVERIFY2(program->save(&error), qPrintable(error));
        program->editor()->setCursorPosition(0, 0);
        QVERIFY2(m_window->openFile(m_root + QStringLiteral("/layout.csl"), &error),
                 qPrintable(error));
        QVERIFY(m_window->currentPane() != program);
        QVERIFY(build());

        QSignalSpy messages(m_controller, &SimController::sessionMessage);
        QSignalSpy hangs(m_controller, &SimController::hangReported);
        QSignalSpy faults(m_controller, &SimController::faultReported);
        m_controller->startSession(QStringLiteral("compute_gemv"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Paused, 30000);
        m_controller->resume();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Finished, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_bench->simControls()->statusText().contains(QStringLiteral("fault")), 10000);
        QCOMPARE(hangs.count(), 0); // nobody waits: not reported as a hang

        // What the Simulation dock shows.
        const QString shown = m_bench->simControls()->statusText();
        qInfo("simulation dock: %s", qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("fault"), Qt::CaseInsensitive), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("hangs")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("PE(4,1)")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("cycle ")), qPrintable(shown));
        // The project's file, by its full path; not the appliance's workspace copy.
        const QString line =
            QStringLiteral("%1:%2").arg(QDir::toNativeSeparators(path)).arg(assertLine);
        QVERIFY2(shown.contains(line), qPrintable(shown + QStringLiteral(" / ") + line));
        QVERIFY2(!shown.contains(QStringLiteral("tessera-appliance")), qPrintable(shown));
        QCOMPARE(faults.count(), 1);
        QCOMPARE(faults.first().at(1).toString(), path);
        QCOMPARE(faults.first().at(2).toInt(), assertLine);

        // The IDE jumped there: the project's file is the current editor, at that line.
        QCOMPARE(m_window->currentPane(), program);
        int cursorLine = -1, cursorIndex = -1;
        program->editor()->getCursorPosition(&cursorLine, &cursorIndex);
        QCOMPARE(cursorLine + 1, assertLine);
        QVERIFY2(program->editor()
                     ->text(cursorLine)
                     .contains(QStringLiteral("@assert(vec_b[0] > 1.0);")),
                 qPrintable(program->editor()->text(cursorLine)));

        // The session ends cleanly and the IDE runs the fixed program.
        m_controller->endSession();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::NoSession, 10000);
        program->editor()->setText(QString::fromUtf8(m_good));
        QVERIFY2(program->save(&error), qPrintable(error));
        QVERIFY(build());
        messages.clear();
        m_controller->startSession(QStringLiteral("compute_gemv"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Paused, 30000);
        m_controller->resume();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::Finished, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.cbegin(), messages.cend(),
                                             [](const QList<QVariant>& m) {
                                                 return m.first().toString().contains(
                                                     QStringLiteral("finished"));
                                             }),
                                 10000);
        m_controller->endSession();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), SimController::State::NoSession, 10000);
    }

  private:
    bool build() {
        QSignalSpy built(m_controller, &SimController::buildFinished);
        m_controller->build(m_root, m_project.layoutFile(), m_project.compileArguments());
        if (!built.wait(60000))
            return false;
        if (!built.first().first().toBool())
            qWarning("%s", qPrintable(built.first().at(1).toString()));
        return built.first().first().toBool();
    }

    QTemporaryDir m_tmp;
    QString m_root;
    QByteArray m_good;
    std::unique_ptr<MainWindow> m_window;
    IdeWorkbench* m_bench = nullptr;
    SimController* m_controller = nullptr;
    Project m_project = *Project::open(QStringLiteral("."), nullptr);
};

QTEST_MAIN(TestRuntimeFault)
#include "tst_runtimefault.moc"
