#include "widgets/analysis/SimprintModel.h"

#include <QRegularExpression>

#include <algorithm>

namespace tessera {

SimprintLine parseSimprintLine(const QString& line) {
    static const QRegularExpression prefix(QStringLiteral(R"(^@(\d+) PE\((\d+),(\d+)\): ?)"));
    const QRegularExpressionMatch m = prefix.match(line);
    if (!m.hasMatch())
        return {0, QPoint(-1, -1), line};
    return {m.captured(1).toULongLong(), QPoint(m.captured(2).toInt(), m.captured(3).toInt()),
            line.mid(m.capturedLength())};
}

std::optional<QRect> parsePeRegion(const QString& text) {
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QRect();
    static const QRegularExpression one(QStringLiteral(R"(^\(?\s*(\d+)\s*,\s*(\d+)\s*\)?$)"));
    static const QRegularExpression two(QStringLiteral(
        R"(^\(?\s*(\d+)\s*,\s*(\d+)\s*\)?\s*(?:-|\.\.|:)\s*\(?\s*(\d+)\s*,\s*(\d+)\s*\)?$)"));
    if (const auto m = one.match(t); m.hasMatch()) {
        const QPoint p(m.captured(1).toInt(), m.captured(2).toInt());
        return QRect(p, p);
    }
    if (const auto m = two.match(t); m.hasMatch()) {
        const QPoint a(m.captured(1).toInt(), m.captured(2).toInt());
        const QPoint b(m.captured(3).toInt(), m.captured(4).toInt());
        return QRect(QPoint(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                     QPoint(std::max(a.x(), b.x()), std::max(a.y(), b.y())));
    }
    return std::nullopt;
}

SimprintModel::SimprintModel(QObject* parent) : QAbstractTableModel(parent) {}

void SimprintModel::setCapacity(int lines) {
    m_capacity = std::max(1, lines);
    if (m_lines.size() > size_t(m_capacity))
        dropOldest(m_lines.size() - size_t(m_capacity));
}

bool SimprintModel::passes(const SimprintLine& line) const {
    if (!m_region.isNull() && !m_region.contains(line.pe))
        return false;
    return m_text.isEmpty() || line.text.contains(m_text, Qt::CaseInsensitive);
}

void SimprintModel::appendLines(const QStringList& lines) {
    if (lines.isEmpty())
        return;
    m_received += quint64(lines.size());
    const size_t incoming = std::min<size_t>(size_t(lines.size()), size_t(m_capacity));
    if (m_lines.size() + incoming > size_t(m_capacity))
        dropOldest(m_lines.size() + incoming - size_t(m_capacity));
    std::vector<qint64> added;
    for (qsizetype i = lines.size() - qsizetype(incoming); i < lines.size(); ++i) {
        m_lines.push_back(parseSimprintLine(lines[i]));
        if (passes(m_lines.back()))
            added.push_back(m_dropped + qint64(m_lines.size()) - 1);
    }
    if (added.empty())
        return;
    const int first = int(m_visible.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_visible.insert(m_visible.end(), added.begin(), added.end());
    endInsertRows();
}

void SimprintModel::dropOldest(size_t count) {
    count = std::min(count, m_lines.size());
    if (count == 0)
        return;
    const qint64 newBase = m_dropped + qint64(count);
    const auto keep = std::lower_bound(m_visible.begin(), m_visible.end(), newBase);
    const int removed = int(keep - m_visible.begin());
    if (removed > 0) {
        beginRemoveRows({}, 0, removed - 1);
        m_visible.erase(m_visible.begin(), keep);
    }
    m_lines.erase(m_lines.begin(), m_lines.begin() + std::ptrdiff_t(count));
    m_dropped = newBase;
    if (removed > 0)
        endRemoveRows();
}

void SimprintModel::clear() {
    beginResetModel();
    m_lines.clear();
    m_visible.clear();
    m_dropped = 0;
    m_received = 0;
    endResetModel();
}

void SimprintModel::setFilter(const QRect& region, const QString& text) {
    if (region == m_region && text == m_text)
        return;
    beginResetModel();
    m_region = region;
    m_text = text;
    m_visible.clear();
    for (size_t i = 0; i < m_lines.size(); ++i)
        if (passes(m_lines[i]))
            m_visible.push_back(m_dropped + qint64(i));
    endResetModel();
}

const SimprintLine& SimprintModel::lineAt(int row) const {
    return m_lines[size_t(m_visible[size_t(row)] - m_dropped)];
}

int SimprintModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_visible.size());
}

int SimprintModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SimprintModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SimprintLine& line = lineAt(index.row());
    switch (role) {
    case CycleRole:
        return line.cycle;
    case PeRole:
        return line.pe;
    case Qt::TextAlignmentRole:
        return index.column() == CycleColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                             : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case CycleColumn:
            return line.pe.x() < 0 ? QVariant(QString()) : QVariant(line.cycle);
        case PeColumn:
            return line.pe.x() < 0 ? QString()
                                   : QStringLiteral("(%1, %2)").arg(line.pe.x()).arg(line.pe.y());
        case TextColumn:
            return line.text;
        }
        return {};
    default:
        return {};
    }
}

QVariant SimprintModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CycleColumn:
        return tr("Cycle");
    case PeColumn:
        return tr("PE");
    case TextColumn:
        return tr("Output");
    }
    return {};
}

} // namespace tessera
