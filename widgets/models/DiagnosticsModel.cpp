#include "widgets/models/DiagnosticsModel.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QSet>
#include <QStyle>

#include <algorithm>

namespace tessera {

DiagnosticsModel::DiagnosticsModel(QObject* parent) : QAbstractTableModel(parent) {}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_items.size());
}

int DiagnosticsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString DiagnosticsModel::severityName(DiagnosticItem::Severity severity) {
    switch (severity) {
    case DiagnosticItem::Severity::Error:
        return tr("error");
    case DiagnosticItem::Severity::Warning:
        return tr("warning");
    case DiagnosticItem::Severity::Note:
        return tr("note");
    }
    return {};
}

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiagnosticItem& d = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityName(d.severity);
        case FileColumn:
            return QFileInfo(d.file).fileName();
        case LineColumn:
            return d.line > 0 ? QVariant(d.line) : QVariant();
        case MessageColumn:
            return d.message;
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1:%2:%3: %4").arg(d.file).arg(d.line).arg(d.column).arg(d.message);
    case Qt::DecorationRole:
        if (index.column() != SeverityColumn || !qApp)
            return {};
        return QApplication::style()->standardIcon(
            d.severity == DiagnosticItem::Severity::Error     ? QStyle::SP_MessageBoxCritical
            : d.severity == DiagnosticItem::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                              : QStyle::SP_MessageBoxInformation);
    case ItemFileRole:
        return d.file;
    case ItemLineRole:
        return d.line;
    case ItemColumnRole:
        return d.column;
    case SeverityRole:
        return int(d.severity);
    }
    return {};
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case FileColumn:
        return tr("File");
    case LineColumn:
        return tr("Line");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

void DiagnosticsModel::removeFileRows(const QString& file) {
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        if (m_items.at(row).file != file)
            continue;
        int first = row;
        while (first > 0 && m_items.at(first - 1).file == file)
            --first;
        beginRemoveRows({}, first, row);
        m_items.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
}

void DiagnosticsModel::setDocumentRevision(const QString& file, quint64 revision) {
    m_revisions.insert(file, revision);
    const bool had = std::any_of(m_items.cbegin(), m_items.cend(),
                                 [&](const DiagnosticItem& d) { return d.file == file; });
    if (!had)
        return;
    removeFileRows(file);
    emit fileDiagnosticsChanged(file);
}

bool DiagnosticsModel::setFileDiagnostics(const QString& file, quint64 revision,
                                          const QList<DiagnosticItem>& items) {
    if (revision < m_revisions.value(file))
        return false;
    m_revisions.insert(file, revision);
    removeFileRows(file);
    if (!items.isEmpty()) {
        beginInsertRows({}, int(m_items.size()), int(m_items.size() + items.size()) - 1);
        for (DiagnosticItem d : items) {
            d.file = file;
            m_items.append(d);
        }
        endInsertRows();
    }
    emit fileDiagnosticsChanged(file);
    return true;
}

void DiagnosticsModel::setBuildDiagnostics(const QList<DiagnosticItem>& items,
                                           const QHash<QString, quint64>& revisions) {
    QSet<QString> touched;
    for (const DiagnosticItem& d : std::as_const(m_items))
        touched.insert(d.file);
    beginResetModel();
    m_items.clear();
    for (const DiagnosticItem& d : items) {
        const auto it = revisions.constFind(d.file);
        if (it != revisions.cend() && *it < m_revisions.value(d.file))
            continue; // the file changed while the build ran
        m_items.append(d);
        touched.insert(d.file);
    }
    endResetModel();
    for (const QString& file : std::as_const(touched))
        emit fileDiagnosticsChanged(file);
}

void DiagnosticsModel::clear() {
    setBuildDiagnostics({}, {});
}

QList<DiagnosticItem> DiagnosticsModel::itemsForFile(const QString& file) const {
    QList<DiagnosticItem> out;
    for (const DiagnosticItem& d : m_items)
        if (d.file == file)
            out.append(d);
    return out;
}

int DiagnosticsModel::count(DiagnosticItem::Severity severity) const {
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
                             [&](const DiagnosticItem& d) { return d.severity == severity; }));
}

} // namespace tessera
