#include "widgets/EditorPane.h"

#include "widgets/CslEditor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tessera {

EditorPane::EditorPane(QWidget* parent) : QWidget(parent) {
    m_editor = new CslEditor(this);
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("externalChangeBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x3d, 0x2e, 0x00));
    m_banner->setPalette(bannerPalette);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_reloadButton = new QPushButton(tr("Reload"), m_banner);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    m_keepButton = new QPushButton(tr("Keep Editor Version"), m_banner);
    m_keepButton->setObjectName(QStringLiteral("keepButton"));
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_reloadButton);
    bannerLayout->addWidget(m_keepButton);
    m_banner->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_editor, 1);
    setFocusProxy(m_editor);

    connect(m_reloadButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!reloadFromDisk(&error))
            showBanner(error, true);
    });
    connect(m_keepButton, &QPushButton::clicked, this, &EditorPane::keepBuffer);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &EditorPane::onFileChanged);
    connect(m_editor, &QsciScintilla::modificationChanged, this,
            [this] { emit modificationChanged(isModified()); });
}

QString EditorPane::displayName() const {
    return m_filePath.isEmpty() ? m_untitledName : QFileInfo(m_filePath).fileName();
}

bool EditorPane::isModified() const {
    return m_editor->isModified() || m_differsFromDisk;
}

void EditorPane::setDiffersFromDisk(bool differs) {
    if (differs == m_differsFromDisk)
        return;
    const bool wasModified = isModified();
    m_differsFromDisk = differs;
    if (wasModified != isModified())
        emit modificationChanged(isModified());
}

bool EditorPane::isExternalChangePending() const {
    return !m_banner->isHidden();
}

void EditorPane::watch(const QString& path) {
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!path.isEmpty() && QFileInfo::exists(path))
        m_watcher.addPath(path);
}

bool EditorPane::open(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!m_editor->loadFile(absolute, error))
        return false;
    m_diskBytes = m_editor->text().toUtf8();
    m_filePath = absolute;
    watch(absolute);
    m_banner->hide();
    setDiffersFromDisk(false);
    emit filePathChanged(m_filePath);
    return true;
}

bool EditorPane::save(QString* error) {
    if (m_filePath.isEmpty()) {
        if (error)
            *error = tr("%1 has no file name yet; use Save As.").arg(displayName());
        return false;
    }
    return saveAs(m_filePath, error);
}

bool EditorPane::saveAs(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // Remember the bytes first: QSaveFile's rename fires the watcher before we return.
    const QByteArray previousDiskBytes = m_diskBytes;
    m_diskBytes = m_editor->text().toUtf8();
    if (!m_editor->saveFile(absolute, error)) {
        m_diskBytes = previousDiskBytes;
        return false;
    }
    const bool renamed = absolute != m_filePath;
    m_filePath = absolute;
    if (renamed)
        m_editor->setLanguageForPath(absolute);
    // The rename replaced the inode, which drops it from inotify: watch the new file.
    watch(absolute);
    m_banner->hide();
    setDiffersFromDisk(false);
    if (renamed)
        emit filePathChanged(m_filePath);
    return true;
}

bool EditorPane::reloadFromDisk(QString* error) {
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    const int firstVisible = m_editor->firstVisibleLine();
    if (!m_editor->loadFile(m_filePath, error))
        return false;
    m_diskBytes = m_editor->text().toUtf8();
    m_editor->setCursorPosition(std::min(line, m_editor->lines() - 1), index);
    m_editor->setFirstVisibleLine(firstVisible);
    watch(m_filePath);
    m_banner->hide();
    setDiffersFromDisk(false);
    return true;
}

void EditorPane::keepBuffer() {
    QFile file(m_filePath);
    if (file.open(QIODevice::ReadOnly))
        m_diskBytes = file.readAll();
    m_banner->hide();
    // The buffer now differs from the disk, whatever the modified flag said.
    setDiffersFromDisk(true);
}

void EditorPane::showBanner(const QString& message, bool canReload) {
    m_bannerText->setText(message);
    m_reloadButton->setVisible(canReload);
    m_banner->show();
}

void EditorPane::onFileChanged(const QString& path) {
    if (path != m_filePath)
        return;
    QFile file(path);
    if (!file.exists()) {
        showBanner(tr("%1 was deleted or renamed by another program. Save to write it again.")
                       .arg(QDir::toNativeSeparators(path)),
                   false);
        setDiffersFromDisk(true);

        emit externalChangeDetected(path);
        return;
    }
    // Editors and tools that save by rename replace the inode; keep watching the path.
    watch(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = file.readAll();
    if (bytes == m_diskBytes)
        return;
    QString message =
        tr("%1 was changed on disk by another program.").arg(QDir::toNativeSeparators(path));
    if (m_editor->isModified())
        message += QLatin1Char(' ') + tr("Reloading discards your unsaved changes.");
    showBanner(message, true);
    emit externalChangeDetected(path);
}

} // namespace tessera
