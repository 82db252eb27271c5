#pragma once

#include <QDialog>
#include <QHash>
#include <QImage>
#include <QList>
#include <QSet>
#include <QSize>
#include <QString>
#include <QThreadPool>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace tessera {

class MainWindow;

// A bundled example project (":/examples/<name>") as the gallery lists it.
struct ExampleInfo {
    QString name;        // the folder name
    QString title;       // the README's heading
    QString description; // the README's first paragraph, plain text
};

// Fabric thumbnails of the bundled examples: each is compiled (in a temporary copy, on a
// worker) and its program's fabric snapshot drawn with FabricRenderer. Finished images are
// cached as PNG files keyed by the example's contents, so later runs load them at once.
class ExampleThumbnails : public QObject {
    Q_OBJECT
  public:
    static constexpr QSize kSize{240, 150};

    explicit ExampleThumbnails(QObject* parent = nullptr);
    ~ExampleThumbnails() override;

    // The thumbnail if it is ready (memory or disk cache); otherwise a null image, and a
    // render starts in the background (thumbnailReady follows).
    QImage thumbnail(const QString& name);
    // Compiles the example and draws its fabric; a null image and `error` on failure.
    static QImage render(const QString& name, QSize size, QString* error);
    static QString cacheDir();

  signals:
    void thumbnailReady(const QString& name, const QImage& image);
    void thumbnailFailed(const QString& name, const QString& error);

  private:
    static QString cacheKey(const QString& name);

    QHash<QString, QImage> m_images;
    QSet<QString> m_pending;
    QThreadPool m_pool; // one compile at a time: the machine is shared with the IDE
};

// Help > Examples: every bundled example with its description and fabric thumbnail. One
// click copies the chosen example to a folder of the user's, opens it, builds it and runs
// its host script.
class ExamplesGallery : public QDialog {
    Q_OBJECT
  public:
    // What to do when the target folder already holds files.
    enum class ExistingFolder { Ask, Replace, OpenAsIs, Refuse };

    explicit ExamplesGallery(MainWindow* window);

    static QList<ExampleInfo> examples();
    static ExampleInfo example(const QString& name);
    // ~/TesseraProjects/<name>
    static QString defaultFolder(const QString& name);
    // Copies the bundled example into `folder` (created if needed). An existing non-empty
    // folder is left alone unless `replace` (then the example's files are written over the
    // old ones; other files stay). Returns false with `error` naming the file on failure.
    static bool copyExampleTo(const QString& name, const QString& folder, bool replace,
                              QString* error);

    // Copies (according to `existing`), opens the project in the window, builds it and,
    // when the build succeeds, runs it (runExample). False when copying or opening fails
    // or the user cancels; build and run results arrive through the workbench as usual.
    static bool openBuildAndRun(MainWindow* window, const QString& name, const QString& folder,
                                ExistingFolder existing, QString* error);
    // Runs the open, built project: its run.py under cs_python on the IDE's appliance,
    // held until the IDE has attached to its session (the fabric view follows the real
    // run; the Console shows the output and exit status); without run.py, a session that
    // launches its exported function without arguments and runs to the end.
    static void runExample(MainWindow* window);
    static constexpr const char* kHostScript = "run.py";
    // The open project's run.py, empty when it has none.
    static QString hostScriptOf(const MainWindow* window);

    QListWidget* list() const { return m_list; }
    QLineEdit* folderEdit() const { return m_folder; }
    QPushButton* openButton() const { return m_open; }
    ExampleThumbnails* thumbnails() const { return m_thumbnails; }
    QString currentName() const;
    void selectExample(const QString& name);

  private:
    void showCurrent();
    void openCurrent();

    MainWindow* m_window;
    ExampleThumbnails* m_thumbnails;
    QListWidget* m_list;
    QLabel* m_title;
    QLabel* m_description;
    QLabel* m_preview;
    QLineEdit* m_folder;
    QPushButton* m_open;
};

} // namespace tessera
