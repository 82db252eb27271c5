#include "widgets/analysis/StallTableModel.h"

namespace tessera {

QString stallKindName(StallEntry::Kind kind) {
    switch (kind) {
    case StallEntry::Kind::Wavelets:
        return StallTableModel::tr("wavelets");
    case StallEntry::Kind::ControlWavelets:
        return StallTableModel::tr("control wavelets");
    case StallEntry::Kind::QueueRoom:
        return StallTableModel::tr("output queue room");
    case StallEntry::Kind::Fifo:
        return StallTableModel::tr("FIFO");
    case StallEntry::Kind::Microthread:
        return StallTableModel::tr("busy microthread");
    case StallEntry::Kind::CeQueue:
        return StallTableModel::tr("blocked data task");
    case StallEntry::Kind::RouterSwitch:
        return StallTableModel::tr("switch position");
    case StallEntry::Kind::Backpressure:
        return StallTableModel::tr("backpressure");
    case StallEntry::Kind::OutputQueue:
        return StallTableModel::tr("router room");
    case StallEntry::Kind::CommandStream:
        return StallTableModel::tr("unblock_cmd_stream");
    case StallEntry::Kind::HostCommand:
        return StallTableModel::tr("host memcpy");
    }
    return {};
}

StallTableModel::StallTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void StallTableModel::setEntries(quint64 cycle, std::vector<StallEntry> entries, bool truncated) {
    beginResetModel();
    m_cycle = cycle;
    m_entries = std::move(entries);
    m_truncated = truncated;
    endResetModel();
}

void StallTableModel::clear() {
    setEntries(0, {}, false);
}

int StallTableModel::rowOfPe(QPoint pe) const {
    for (size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].pe == pe)
            return int(i);
    for (size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].holder == pe)
            return int(i);
    return -1;
}

int StallTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int StallTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

static QString peText(QPoint pe) {
    return QStringLiteral("(%1, %2)").arg(pe.x()).arg(pe.y());
}

static QString sourceText(const SourcePosition& source) {
    return source.line > 0 ? QStringLiteral("%1:%2").arg(source.file).arg(source.line)
                           : source.file;
}

QVariant StallTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StallEntry& e = m_entries[size_t(index.row())];
    switch (role) {
    case PeRole:
        return e.pe;
    case HolderRole:
        return e.holder ? QVariant(*e.holder) : QVariant();
    case ColorRole:
        return e.color;
    case TaskRole:
        return e.task;
    case SourceFileRole:
        return e.source ? e.source->file : QString();
    case SourceLineRole:
        return e.source ? e.source->line : 0;
    case Qt::ToolTipRole: {
        QString tip = e.reason;
        if (e.source)
            tip += tr("\nat %1").arg(sourceText(*e.source));
        if (e.holder)
            tip += tr("\nHeld by PE %1: %2").arg(peText(*e.holder), e.holderText);
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == ColorColumn || index.column() == QueueColumn ||
            index.column() == WaitedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case PeColumn:
            return qint64(e.pe.y()) << 32 | quint32(e.pe.x());
        case ColorColumn:
            return e.color;
        case QueueColumn:
            return e.queue;
        case HolderPeColumn:
            return e.holder ? qint64(e.holder->y()) << 32 | quint32(e.holder->x()) : qint64(-1);
        case WaitedColumn:
            return e.since && m_cycle >= e.since ? qint64(m_cycle - e.since) : qint64(-1);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case PeColumn:
            return peText(e.pe);
        case WaiterColumn:
            return e.waiter;
        case SourceColumn:
            return e.source ? sourceText(*e.source) : QString();
        case KindColumn:
            return stallKindName(e.kind);
        case ColorColumn:
            return e.color >= 0 ? QVariant(e.color) : QVariant(QString());
        case QueueColumn:
            return e.queue >= 0 ? QVariant(e.queue) : QVariant(QString());
        case HolderPeColumn:
            return e.holder ? peText(*e.holder) : QString();
        case HolderColumn:
            return e.holder ? e.holderText : QString();
        case WaitedColumn:
            return e.since && m_cycle >= e.since ? QVariant(qulonglong(m_cycle - e.since))
                                                 : QVariant(QString());
        }
        return {};
    default:
        return {};
    }
}

QVariant StallTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PeColumn:
        return tr("PE");
    case WaiterColumn:
        return tr("Waiter");
    case SourceColumn:
        return tr("Source");
    case KindColumn:
        return tr("Waits for");
    case ColorColumn:
        return tr("Color");
    case QueueColumn:
        return tr("Queue");
    case HolderPeColumn:
        return tr("Held by");
    case HolderColumn:
        return tr("Holder state");
    case WaitedColumn:
        return tr("Cycles waited");
    }
    return {};
}

} // namespace tessera
