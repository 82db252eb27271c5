#pragma once

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QFrame;

namespace tessera {

class CslEditor;

// One open document: a CslEditor plus a banner that appears when another program changes
// or deletes the file. The pane remembers the bytes it last read or wrote, so its own
// saves never trigger the banner.
class EditorPane : public QWidget {
    Q_OBJECT
  public:
    explicit EditorPane(QWidget* parent = nullptr);

    CslEditor* editor() const { return m_editor; }
    // Empty for a buffer that has never been saved.
    QString filePath() const { return m_filePath; }
    void setUntitledName(const QString& name) { m_untitledName = name; }
    QString displayName() const;
    // True when the buffer has unsaved edits, or differs from the disk because the file
    // was deleted or changed and the user kept the editor's version.
    bool isModified() const;

    bool open(const QString& path, QString* error);
    bool save(QString* error);
    bool saveAs(const QString& path, QString* error);
    // Replaces the buffer with the file on disk (discarding unsaved changes).
    bool reloadFromDisk(QString* error);
    // Keeps the buffer and accepts the disk version as the new baseline.
    void keepBuffer();
    bool isExternalChangePending() const;

  signals:
    void externalChangeDetected(const QString& path);
    void filePathChanged(const QString& path);
    void modificationChanged(bool modified);

  private:
    void onFileChanged(const QString& path);
    void watch(const QString& path);
    void showBanner(const QString& message, bool canReload);
    void setDiffersFromDisk(bool differs);

    CslEditor* m_editor = nullptr;
    QFrame* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_reloadButton = nullptr;
    QPushButton* m_keepButton = nullptr;
    QFileSystemWatcher m_watcher;
    QString m_filePath;
    QString m_untitledName;
    QByteArray m_diskBytes;
    // QScintilla can clear its modified flag but not set it; this covers the cases where
    // the buffer must count as unsaved although it was not edited.
    bool m_differsFromDisk = false;
};

} // namespace tessera
