// MainWindow offscreen: opens the bundled example, renders to a PNG, restores autosaved
// buffers after a simulated crash, refuses a malformed project without touching it,
// remembers dock layout, recent projects and open files.

#include "app/AppSettings.h"
#include "app/MainWindow.h"
#include "app/ProjectSettingsDialog.h"
#include "app/Translations.h"
#include "widgets/CslEditor.h"
#include "widgets/CslLexer.h"
#include "widgets/EditorPane.h"
#include "widgets/models/ProjectTreeModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using tessera::EditorPane;
using tessera::MainWindow;

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_example;

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TesseraTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        // Start from empty settings and autosave folders.
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                      QStringLiteral(".conf"));
        QSettings().clear();
        QVERIFY(m_work.isValid());
    }

    void init() {
        // Every test works on its own copy of the bundled example.
        static int counter = 0;
        QString error;
        m_example = MainWindow::copyExample(QStringLiteral("gemv-single-pe"),
                                            m_work.filePath(QString::number(++counter)), &error);
        QVERIFY2(!m_example.isEmpty(), qPrintable(error));
    }

    void bundledExampleIsComplete() {
        QVERIFY(MainWindow::bundledExamples().contains(QStringLiteral("gemv-single-pe")));
        for (const char* name : {"layout.csl", "pe_program.csl", "run.py", "commands_wse2.sh",
                                 "commands_wse3.sh", "README.md", "tessera.json"})
            QVERIFY2(QFileInfo::exists(QDir(m_example).filePath(QLatin1String(name))), name);
        QVERIFY(QFileInfo(QDir(m_example).filePath(QStringLiteral("run.py"))).isExecutable());
        QVERIFY(QFileInfo(QDir(m_example).filePath(QStringLiteral("layout.csl"))).isWritable());
    }

    void everyBundledExampleOpens() {
        const QStringList examples = MainWindow::bundledExamples();
        QVERIFY(examples.contains(QStringLiteral("saxpy-row")));
        for (const QString& name : examples) {
            QString error;
            const QString folder =
                MainWindow::copyExample(name, m_work.filePath(QStringLiteral("all")), &error);
            QVERIFY2(!folder.isEmpty(), qPrintable(error));
            MainWindow window;
            QVERIFY2(window.openProject(folder, &error),
                     qPrintable(name + QLatin1String(": ") + error));
            QVERIFY2(QFileInfo(window.project()->layoutFilePath()).isFile(), qPrintable(name));
            QVERIFY2(!window.panes().isEmpty(), qPrintable(name));
            // Every CSL file lexes to the end with balanced braces (fold level back at base).
            for (const QString& file : QDir(folder).entryList({QStringLiteral("*.csl")})) {
                EditorPane* pane = window.openFile(QDir(folder).filePath(file), &error);
                QVERIFY2(pane, qPrintable(error));
                tessera::CslEditor* editor = pane->editor();
                editor->SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
                const long length = editor->SendScintilla(QsciScintillaBase::SCI_GETTEXTLENGTH);
                QCOMPARE(editor->SendScintilla(QsciScintillaBase::SCI_GETENDSTYLED), length);
                const int lastLine = editor->lines() - 1;
                QVERIFY2(editor->SendScintilla(QsciScintillaBase::SCI_GETLINESTATE, lastLine) == 0,
                         qPrintable(name + QLatin1Char('/') + file));
            }
        }
    }

    void startsAndRendersExample() {

        MainWindow window;
        QAbstractItemModelTester tester(window.projectTreeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(window.openProject(m_example, &error), qPrintable(error));
        QCOMPARE(window.panes().size(), 2); // tessera.json lists layout.csl and pe_program.csl
        QCOMPARE(QFileInfo(window.currentPane()->filePath()).fileName(),
                 QStringLiteral("layout.csl"));
        QVERIFY(window.currentPane()->editor()->isCsl());
        QVERIFY(window.windowTitle().contains(QStringLiteral("gemv-single-pe")));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(
            window.projectTreeModel()->rowCount(window.projectTreeModel()->index(m_example)) >= 7);
        const QImage shot = window.grab().toImage();
        QCOMPARE(shot.size(), QSize(1280, 800) * shot.devicePixelRatio());
        const QString png = QStringLiteral(TESSERA_BINARY_DIR "/tests/gui/tst_mainwindow.png");
        QVERIFY(shot.save(png, "PNG"));
        QVERIFY(QFileInfo(png).size() > 10000);
        // The picture is not blank: the editor drew text in several colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 3)
            for (int x = 0; x < shot.width(); x += 3)
                colours.insert(shot.pixel(x, y));
        QVERIFY(colours.size() > 20);
        // The cursor position stays whole beside a long status message (ide-build.png
        // showed "Line 45, Column" with the number cut off).
        window.statusBar()->showMessage(QStringLiteral("Build succeeded in 4 ms (0 warnings): ") +
                                        m_example + QStringLiteral("/out"));
        window.currentPane()->editor()->setCursorPosition(28, 11);
        auto* cursor = window.findChild<QLabel*>(QStringLiteral("cursorLabel"));
        QVERIFY(cursor);
        QTRY_COMPARE(cursor->text(), QStringLiteral("Line 29, Column 12"));
        QTRY_VERIFY(
            cursor->contentsRect().width() >=
            cursor->fontMetrics().horizontalAdvance(QStringLiteral("Line 99999, Column 999")));
        // With no saved layout, Problems and Simulation are the tabs in front, not the empty
        // PE Inspector and Core Dump panels tabbed onto them.
        const auto frontTabs = [&window] {
            QStringList front;
            for (const QTabBar* tabs : window.findChildren<QTabBar*>())
                if (tabs->isVisible() && tabs->currentIndex() >= 0)
                    front << tabs->tabText(tabs->currentIndex());
            return front;
        };
        QTRY_VERIFY2(frontTabs().contains(QStringLiteral("Problems")) &&
                         frontTabs().contains(QStringLiteral("Simulation")),
                     qPrintable(frontTabs().join(QStringLiteral(", "))));
    }

    // With no saved layout on a 1366x768 screen, the fabric gets most of the right column
    // (it was a 150-pixel strip above the run controls) and the editor keeps room to edit.
    void firstLayoutLeavesTheFabricRoomOnSmallScreens() {
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(m_example, &error), qPrintable(error));
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* fabric = window.findChild<QDockWidget*>(QStringLiteral("fabricDock"));
        auto* controls = window.findChild<QDockWidget*>(QStringLiteral("simulationDock"));
        QVERIFY(fabric && controls);
        QTRY_VERIFY2(fabric->height() >= window.height() / 2,
                     qPrintable(QString::number(fabric->height())));
        QVERIFY(controls->height() >= controls->minimumSizeHint().height());
        QVERIFY2(window.centralWidget()->height() >= 300,
                 qPrintable(QString::number(window.centralWidget()->height())));
    }

    // Alt+letter reaches one item per menu: Run once had Start &Session and Host &Session.
    void menuAcceleratorsAreUnique_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("ja") << QStringLiteral("ja");
    }
    void menuAcceleratorsAreUnique() {
        QFETCH(QString, language);
        tessera::installTranslations(language);
        const auto restoreEnglish =
            qScopeGuard([] { tessera::installTranslations(QStringLiteral("en")); });
        MainWindow window;
        const QList<QAction*> menus = window.menuBar()->actions();
        QVERIFY(menus.size() >= 5);
        const auto accelerator = [](QString text) {
            text.remove(QStringLiteral("&&"));
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            return at >= 0 && at + 1 < text.size() ? text.at(at + 1).toLower() : QChar();
        };
        QStringList clashes;
        QHash<QChar, QString> top;
        for (QAction* menuAction : menus) {
            const QChar key = accelerator(menuAction->text());
            if (!key.isNull() && top.contains(key))
                clashes << QStringLiteral("%1 and %2").arg(top.value(key), menuAction->text());
            top.insert(key, menuAction->text());
            QVERIFY(menuAction->menu());
            QHash<QChar, QString> used;
            for (QAction* action : menuAction->menu()->actions()) {
                const QChar k = accelerator(action->text());
                if (k.isNull())
                    continue;
                if (used.contains(k))
                    clashes << QStringLiteral("%1: %2 and %3")
                                   .arg(menuAction->text(), used.value(k), action->text());
                used.insert(k, action->text());
            }
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    }

    void restoresAfterSimulatedCrash() {
        const QString pePath = QDir(m_example).filePath(QStringLiteral("pe_program.csl"));
        const QByteArray onDisk = readAll(pePath);
        {
            auto crashed = std::make_unique<MainWindow>();
            QVERIFY(crashed->openProject(m_example, nullptr));
            EditorPane* pane = crashed->openFile(pePath, nullptr);
            QVERIFY(pane);
            pane->editor()->append(QStringLiteral("// edited, never saved\n"));
            EditorPane* untitled = crashed->newFile();
            untitled->editor()->setText(QStringLiteral("const scratch = 1;\n"));
            crashed->autosaveNow();
            // Killed: no closeEvent, no endSession. (Deleting the window releases the session
            // lock the way process death does.)
        }
        QCOMPARE(readAll(pePath), onDisk); // autosave never touches the real file

        MainWindow next;
        const QList<tessera::AutosaveEntry> entries = next.autosaveStore().orphanedEntries();
        QCOMPARE(entries.size(), 2);
        next.restoreAutosaved(entries);
        QVERIFY(next.autosaveStore().orphanedEntries().isEmpty());
        QCOMPARE(next.panes().size(), 2);
        EditorPane* restored = nullptr;
        EditorPane* scratch = nullptr;
        for (EditorPane* pane : next.panes())
            (pane->filePath() == pePath ? restored : scratch) = pane;
        QVERIFY(restored && scratch);
        QVERIFY(restored->isModified());
        QVERIFY(restored->editor()->text().endsWith(QStringLiteral("// edited, never saved\n")));
        QVERIFY(scratch->isModified());
        QCOMPARE(scratch->editor()->text(), QStringLiteral("const scratch = 1;\n"));
        // The restored buffers now belong to the new session's autosave.
        QCOMPARE(next.autosaveStore().sessionKeys().size(), 2);
        for (EditorPane* pane : next.panes())
            pane->editor()->setModified(false);
        next.autosaveNow();
        QVERIFY(next.autosaveStore().sessionKeys().isEmpty());
    }

    void malformedProjectIsRefusedUntouched() {
        MainWindow window;
        QVERIFY(window.openProject(m_example, nullptr));
        QTemporaryDir broken;
        const QString file = broken.filePath(QStringLiteral("tessera.json"));
        const QByteArray bytes(
            "{\n  \"layout\": \"layout.csl\",\n  \"compile\": {\"fabricDims\": [8, \"3\"]}\n}\n");
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        }
        QString error;
        QVERIFY(!window.openProject(broken.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("tessera.json")) &&
                     error.contains(QStringLiteral("fabricDims")),
                 qPrintable(error));
        QCOMPARE(readAll(file), bytes);
        // The project that was open stays open.
        QCOMPARE(window.project()->rootDir(), m_example);
        QCOMPARE(window.panes().size(), 2);
    }

    void remembersLayoutRecentProjectsAndOpenFiles() {
        {
            MainWindow window;
            window.show();
            QVERIFY(window.openProject(m_example, nullptr));
            QVERIFY(window.openFile(QDir(m_example).filePath(QStringLiteral("run.py")), nullptr));
            window.projectDock()->hide();
            QVERIFY(window.close()); // nothing modified, so no question is asked
        }
        tessera::AppSettings settings;
        QCOMPARE(settings.recentProjects().value(0), m_example);
        const QJsonObject saved =
            QJsonDocument::fromJson(
                readAll(QDir(m_example).filePath(QStringLiteral("tessera.json"))))
                .object();
        QCOMPARE(saved[QStringLiteral("openFiles")].toArray().size(), 3);

        MainWindow again;
        again.show();
        QVERIFY(again.projectDock()->isHidden());
        QVERIFY(again.openProject(m_example, nullptr));
        QCOMPARE(again.panes().size(), 3);
        again.projectDock()->show();
        QVERIFY(again.close());
    }

    void settingsApplyToOpenEditors() {
        MainWindow window;
        QVERIFY(window.openProject(m_example, nullptr));
        tessera::CslEditor* editor = window.currentPane()->editor();
        tessera::AppSettings settings;
        QFont font(QStringLiteral("DejaVu Sans Mono"));
        font.setPointSize(17);
        settings.setEditorFont(font);
        settings.setTheme(tessera::Theme::Dark);
        window.applySettings();
        QVERIFY(editor->cslLexer()->isDark());
        QCOMPARE(editor->cslLexer()->font(tessera::CslLexer::Default).pointSize(), 17);
        QVERIFY(editor->cslLexer()->paper(tessera::CslLexer::Default).lightness() < 100);
        // New editors get the same appearance.
        QVERIFY(window.newFile()->editor()->cslLexer()->isDark());
        settings.setTheme(tessera::Theme::Light);
        settings.setEditorFont(QFont());
        window.applySettings();
        QVERIFY(!editor->cslLexer()->isDark());
        for (tessera::EditorPane* pane : window.panes())
            pane->editor()->setModified(false);
    }

    void compileSettingsDialog() {
        MainWindow window;
        QVERIFY(window.openProject(m_example, nullptr));
        tessera::ProjectSettingsDialog dialog(*window.project());
        QCOMPARE(
            dialog.commandPreview(),
            QStringLiteral("cslc --arch=wse2 layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 "
                           "-o out --memcpy --channels=1"));
        dialog.findChild<QComboBox*>(QStringLiteral("arch"))->setCurrentIndex(1);
        dialog.findChild<QSpinBox*>(QStringLiteral("fabricWidth"))->setValue(11);
        dialog.findChild<QSpinBox*>(QStringLiteral("fabricHeight"))->setValue(5);
        auto* params = dialog.findChild<QLineEdit*>(QStringLiteral("params"));
        params->setText(QStringLiteral("N:6, M:4"));
        QVERIFY(dialog.isValid());
        QCOMPARE(
            dialog.commandPreview(),
            QStringLiteral("cslc --arch=wse3 layout.csl --fabric-dims=11,5 --fabric-offsets=4,1 "
                           "--params=M:4,N:6 -o out --memcpy --channels=1"));
        params->setText(QStringLiteral("M:4,N"));
        QVERIFY(!dialog.isValid());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("\"N\"")),
                 qPrintable(dialog.errorText()));
        params->setText(QStringLiteral("M:4"));
        QVERIFY(dialog.isValid());

        QString error;
        QVERIFY2(window.applyProjectSettings(dialog.project(), &error), qPrintable(error));
        std::optional<tessera::Project> reread = tessera::Project::open(m_example, &error);
        QVERIFY2(reread, qPrintable(error));
        QCOMPARE(reread->compile().arch, QStringLiteral("wse3"));
        QCOMPARE(reread->compile().fabricHeight, 5);
        QCOMPARE(reread->openFiles().size(), 2); // what the dialog does not edit is kept
        auto* target = window.findChild<QLabel*>(QStringLiteral("targetLabel"));
        QVERIFY(target->text().startsWith(QStringLiteral("WSE-3")));
        QVERIFY(target->text().contains(QStringLiteral("11×5")));
    }

    void recentProjectsDropMissingFolders() {

        tessera::AppSettings settings;
        QTemporaryDir gone;
        const QString path = gone.path();
        settings.addRecentProject(m_example);
        settings.addRecentProject(path);
        QCOMPARE(settings.recentProjects().value(0), path);
        gone.remove();
        QVERIFY(!settings.recentProjects().contains(path));
        QCOMPARE(settings.recentProjects().value(0), m_example);
        for (int i = 0; i < 12; ++i)
            settings.addRecentProject(m_work.path());
        QVERIFY(settings.recentProjects().size() <= tessera::AppSettings::MaxRecentProjects);
    }

    void autosaveWritesOnlyChangedBuffers() {
        MainWindow window;
        QVERIFY(window.openProject(m_example, nullptr));
        EditorPane* pane = window.currentPane();
        pane->editor()->append(QStringLiteral("// one\n"));
        window.autosaveNow();
        const QStringList keys = window.autosaveStore().sessionKeys();
        QCOMPARE(keys, QStringList{pane->filePath()});
        // Remove the entry behind the window's back: an unchanged buffer is not rewritten...
        window.autosaveStore().remove(pane->filePath());
        window.autosaveNow();
        QVERIFY(window.autosaveStore().sessionKeys().isEmpty());
        // ...but the next edit is.
        pane->editor()->append(QStringLiteral("// two\n"));
        window.autosaveNow();
        QCOMPARE(window.autosaveStore().sessionKeys(), keys);

        // A file deleted on disk leaves the buffer as the only copy: it is autosaved
        // although it was never edited.
        EditorPane* other =
            window.openFile(QDir(m_example).filePath(QStringLiteral("run.py")), nullptr);
        QVERIFY(other && !other->isModified());
        QVERIFY(QFile::remove(other->filePath()));
        QTRY_VERIFY_WITH_TIMEOUT(other->isModified(), 5000);
        window.autosaveNow();
        QVERIFY(window.autosaveStore().sessionKeys().contains(other->filePath()));
        for (EditorPane* p : window.panes())
            p->editor()->setModified(false);
    }

    void saveWritesFileAndClearsAutosave() {

        MainWindow window;
        QVERIFY(window.openProject(m_example, nullptr));
        EditorPane* pane = window.currentPane();
        pane->editor()->append(QStringLiteral("// saved\n"));
        window.autosaveNow();
        QCOMPARE(window.autosaveStore().sessionKeys(), QStringList{pane->filePath()});
        QString error;
        QVERIFY2(window.saveAll(&error), qPrintable(error));
        QVERIFY(readAll(pane->filePath()).endsWith("// saved\n"));
        QVERIFY(window.autosaveStore().sessionKeys().isEmpty());
        QVERIFY(!pane->isModified());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
