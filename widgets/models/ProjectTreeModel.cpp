#include "widgets/models/ProjectTreeModel.h"

#include <QApplication>
#include <QDir>
#include <QFileSystemModel>
#include <QFont>
#include <QStyle>

namespace tessera {

namespace {
bool isGenerated(const QString& name) {
    return name == QLatin1String("__pycache__") || name == QLatin1String("simfab_traces") ||
           name.startsWith(QLatin1String("wio_flows_tmpdir."));
}
} // namespace

ProjectTreeModel::ProjectTreeModel(QObject* parent) : QSortFilterProxyModel(parent) {
    m_files = new QFileSystemModel(this);
    m_files->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot);
    m_files->setReadOnly(true);
    setSourceModel(m_files);
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(false);
    sort(0, Qt::AscendingOrder);
}

QModelIndex ProjectTreeModel::setRootPath(const QString& path) {
    m_root = path.isEmpty() ? QString() : QDir(path).absolutePath();
    const QModelIndex sourceRoot = m_files->setRootPath(m_root);
    invalidateFilter();
    return m_root.isEmpty() ? QModelIndex() : mapFromSource(sourceRoot);
}

QString ProjectTreeModel::rootPath() const {
    return m_root;
}

QString ProjectTreeModel::filePath(const QModelIndex& index) const {
    return m_files->filePath(mapToSource(index));
}

QModelIndex ProjectTreeModel::index(const QString& path) const {
    return mapFromSource(m_files->index(path));
}

bool ProjectTreeModel::isDir(const QModelIndex& index) const {
    return m_files->isDir(mapToSource(index));
}

void ProjectTreeModel::setLayoutFile(const QString& absolutePath) {
    const QModelIndex previous = index(m_layoutFile);
    m_layoutFile = absolutePath;
    if (previous.isValid())
        emit dataChanged(previous, previous, {Qt::FontRole, Qt::ToolTipRole});
    const QModelIndex current = index(m_layoutFile);
    if (current.isValid())
        emit dataChanged(current, current, {Qt::FontRole, Qt::ToolTipRole});
}

QVariant ProjectTreeModel::data(const QModelIndex& index, int role) const {
    if (index.isValid() && index.column() == 0 && !m_layoutFile.isEmpty() &&
        (role == Qt::FontRole || role == Qt::ToolTipRole) && filePath(index) == m_layoutFile) {
        if (role == Qt::ToolTipRole)
            return tr("Layout file of this project (the file cslc compiles)");
        QFont font;
        font.setBold(true);
        return font;
    }
    // Platform icon themes are often missing (offscreen, minimal desktops); the style's
    // own folder and file icons always exist.
    if (index.isValid() && index.column() == 0 && role == Qt::DecorationRole)
        return QApplication::style()->standardIcon(isDir(index) ? QStyle::SP_DirIcon
                                                                : QStyle::SP_FileIcon);
    return QSortFilterProxyModel::data(index, role);
}

bool ProjectTreeModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_root.isEmpty())
        return false;
    const QModelIndex source = m_files->index(sourceRow, 0, sourceParent);
    const QString path = m_files->filePath(source);
    // Only the chain of folders down to the project and the project's own files: the
    // rest of the file system is never listed (nor crawled by views and testers).
    const QString pathAsFolder = path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
    if (path == m_root || m_root.startsWith(pathAsFolder))
        return true;
    if (!path.startsWith(m_root + QLatin1Char('/')))
        return false;
    const QString name = m_files->fileName(source);
    return !name.startsWith(QLatin1Char('.')) && !isGenerated(name);
}

bool ProjectTreeModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    // Folders first, then names in natural order.
    const bool leftDir = m_files->isDir(left);
    const bool rightDir = m_files->isDir(right);
    if (leftDir != rightDir)
        return leftDir;
    return QString::localeAwareCompare(m_files->fileName(left), m_files->fileName(right)) < 0;
}

} // namespace tessera
