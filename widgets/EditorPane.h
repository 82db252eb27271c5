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

    CslEditor* m_editor = nullptr;
    QFrame* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_reloadButton = nullptr;
    QPushButton* m_keepButton = nullptr;
    QFileSystemWatcher m_watcher;
    QString m_filePath;
    QString m_untitledName;
    QByteArray m_diskBytes;
};

} // namespace tessera
