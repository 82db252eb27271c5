#pragma once

#include "app/AppSettings.h"
#include "app/AutosaveStore.h"
#include "app/Project.h"

#include <QMainWindow>
#include <QSet>

#include <QStringList>
#include <QTimer>

#include <optional>

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeView;

namespace tessera {

class EditorPane;
class IdeWorkbench;
class FindReplaceBar;
class ProjectTreeModel;

// The IDE shell: project tree, tabbed editors, find bar, dockable panels whose layout
// is restored, recent projects, settings and crash recovery of unsaved buffers.
//
// The methods that do work (openProject, openFile, saveAll, autosaveNow,
// restoreAutosaved) report failures through an error string and never open a dialog,
// so tests drive them directly; the menu actions wrap them with message boxes.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    static constexpr int AutosaveIntervalMs = 5000;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    bool openProject(const QString& folderOrFile, QString* error);
    void closeProject();
    const std::optional<Project>& project() const { return m_project; }

    EditorPane* openFile(const QString& path, QString* error);
    EditorPane* newFile();
    EditorPane* currentPane() const;
    QList<EditorPane*> panes() const;
    bool saveAll(QString* error);
    // Writes changed layout file or compile settings to tessera.json and shows them.
    bool applyProjectSettings(const Project& project, QString* error);
    // Copies a bundled example (":/examples/<name>") to a writable folder and returns it.
    static QString copyExample(const QString& name, const QString& targetRoot, QString* error);
    static QStringList bundledExamples();

    // Writes every modified buffer to the autosave store and drops unmodified ones.
    void autosaveNow();
    AutosaveStore& autosaveStore() { return m_autosave; }
    // Reopens buffers left by a crashed session (marked modified) and deletes the entries.
    void restoreAutosaved(const QList<AutosaveEntry>& entries);

    QDockWidget* projectDock() const { return m_projectDock; }
    // Build, run and debug: menus, docks and live diagnostics (app/IdeWorkbench).
    IdeWorkbench* workbench() const { return m_workbench; }
    ProjectTreeModel* projectTreeModel() const { return m_treeModel; }
    FindReplaceBar* findBar() const { return m_findBar; }

    // Applies editor font and theme from the settings to every open editor.
    void applySettings();

  public slots:
    // Asks whether to restore buffers from a session that ended without closing them.
    void offerAutosaveRestore();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void createDocks();
    void updateRecentMenu();
    void updateExamplesMenu(QMenu* menu);
    void updateWindowTitle();
    void updateTabTitle(EditorPane* pane);
    void onCurrentTabChanged();
    void addPane(EditorPane* pane);
    bool maybeSave(const QList<EditorPane*>& panes);
    bool savePane(EditorPane* pane);
    bool savePaneAs(EditorPane* pane);
    bool closeTab(int index);
    void rememberOpenFiles();
    QString autosaveKey(EditorPane* pane) const;
    void forgetAutosave(EditorPane* pane);

    void showError(const QString& title, const QString& message);

    void openProjectDialog();
    void openFileDialog();
    void openExample(const QString& name);
    void goToLineDialog();
    void settingsDialog();
    void setLayoutFile(const QString& path);
    void projectSettingsDialog();
    void about();

    AppSettings m_settings;
    AutosaveStore m_autosave;
    std::optional<Project> m_project;
    QStringList m_apiEntries;
    int m_untitledCount = 0;

    IdeWorkbench* m_workbench = nullptr;
    QTabWidget* m_tabs = nullptr;
    FindReplaceBar* m_findBar = nullptr;
    QDockWidget* m_projectDock = nullptr;
    QTreeView* m_projectView = nullptr;
    ProjectTreeModel* m_treeModel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_cursorLabel = nullptr;
    QLabel* m_targetLabel = nullptr;

    QTimer m_autosaveTimer;
    QList<QAction*> m_editorActions;
    QList<QAction*> m_projectActions;
    // Panes whose current text is already in the autosave store (closeTab and
    // closeProject drop a pane here before deleting it).
    QSet<EditorPane*> m_autosavedPanes;
};

} // namespace tessera
