#pragma once

#include <QSortFilterProxyModel>
#include <QString>

class QFileSystemModel;

namespace tessera {

// The files of a project folder for the project tree: a filter over QFileSystemModel
// that hides hidden entries and bulky generated folders (Python caches, simulator
// traces) and shows the project's layout file in bold.
class ProjectTreeModel : public QSortFilterProxyModel {
    Q_OBJECT
  public:
    explicit ProjectTreeModel(QObject* parent = nullptr);

    // Starts watching a folder; returns the index of the folder in this model, to be used
    // as the view's root index.
    QModelIndex setRootPath(const QString& path);
    QString rootPath() const;
    QString filePath(const QModelIndex& index) const;
    QModelIndex index(const QString& path) const;
    bool isDir(const QModelIndex& index) const;

    void setLayoutFile(const QString& absolutePath);
    QString layoutFile() const { return m_layoutFile; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    using QSortFilterProxyModel::index;

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

  private:
    QFileSystemModel* m_files = nullptr;
    QString m_layoutFile;
    QString m_root; // absolute project folder; empty when no project is open
};

} // namespace tessera
