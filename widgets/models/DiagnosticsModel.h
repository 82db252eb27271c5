#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

namespace tessera {

// One compiler message as the IDE lists it.
struct DiagnosticItem {
    enum class Severity : uint8_t { Note, Warning, Error };
    Severity severity = Severity::Error;
    QString file; // absolute path when the compiler's path could be resolved
    int line = 0; // 1-based; 0 = no position
    int column = 0;
    QString message;
    bool operator==(const DiagnosticItem&) const = default;
};

// The diagnostics of every file, one row each (columns: severity, file, line, message).
// Each batch is tagged with the revision of the document it was computed from: a batch
// older than the file's current revision is dropped (a slow check must not paint
// squiggles over text that has changed since), and a newer revision clears the file's
// rows until its next batch arrives.
class DiagnosticsModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { SeverityColumn, FileColumn, LineColumn, MessageColumn, ColumnCount };
    enum Role { ItemFileRole = Qt::UserRole + 1, ItemLineRole, ItemColumnRole, SeverityRole };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The text of `file` changed: its revision is now `revision`; its rows go away.
    void setDocumentRevision(const QString& file, quint64 revision);
    quint64 documentRevision(const QString& file) const { return m_revisions.value(file); }
    // Replaces the rows of `file`. False (and nothing changes) when the batch is stale.
    bool setFileDiagnostics(const QString& file, quint64 revision,
                            const QList<DiagnosticItem>& items);
    // Replaces everything with the result of a build. `revisions` are the revisions of the
    // files the build read; the diagnostics of files changed since are dropped.
    void setBuildDiagnostics(const QList<DiagnosticItem>& items,
                             const QHash<QString, quint64>& revisions);
    void clear();

    const DiagnosticItem& item(int row) const { return m_items.at(row); }
    QList<DiagnosticItem> itemsForFile(const QString& file) const;
    int count(DiagnosticItem::Severity severity) const;

    static QString severityName(DiagnosticItem::Severity severity);

  signals:
    // The rows of `file` changed (editors repaint their indicators).
    void fileDiagnosticsChanged(const QString& file);

  private:
    void removeFileRows(const QString& file);

    QList<DiagnosticItem> m_items;
    QHash<QString, quint64> m_revisions;
};

} // namespace tessera

Q_DECLARE_METATYPE(tessera::DiagnosticItem)
