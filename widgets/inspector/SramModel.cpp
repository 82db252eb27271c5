#include "widgets/inspector/SramModel.h"

#include "sim/scalar.h"

#include <QColor>

#include <cstring>

namespace tessera {

namespace {
constexpr uint32_t kPage = 4096;
} // namespace

SramModel::SramModel(QObject* parent) : QAbstractTableModel(parent) {}

void SramModel::setPe(DumpPtr dump, QPoint rectanglePe) {
    beginResetModel();
    m_dump = std::move(dump);
    m_pe = rectanglePe;
    if (m_dump && (m_pe.x() < 0 || m_pe.y() < 0 || uint32_t(m_pe.x()) >= m_dump->header().width ||
                   uint32_t(m_pe.y()) >= m_dump->header().height))
        m_dump.reset();
    m_loadError.clear();
    m_class = nullptr;
    if (m_dump) {
        const uint32_t x = uint32_t(m_pe.x()), y = uint32_t(m_pe.y());
        try {
            m_class = &m_dump->classAt(x, y);
            // One byte of every page: the reader checks each stored page against the file
            // here, so data() (which must not throw) never meets a page that is not there.
            for (uint32_t page = 0; page < uint32_t(kTotalRows * kBytesPerRow) / kPage; ++page)
                m_dump->core().readSram(x, y, page * kPage, 1);
        } catch (const std::exception& e) {
            m_loadError = dumpPeError(*m_dump, m_pe, e);
            m_dump.reset();
            m_class = nullptr;
        }
    }
    m_rows = m_dump ? std::min(kFetchRows, kTotalRows) : 0;
    m_cachedPage = -1;
    // Whoever handles modelReset (a view, QAbstractItemModelTester) must not insert rows
    // inside the reset's notification.
    m_fetching = true;
    endResetModel();
    m_fetching = false;
}

void SramModel::setFormat(Format format) {
    if (format == m_format)
        return;
    beginResetModel();
    m_format = format;
    m_fetching = true; // see setPe
    endResetModel();
    m_fetching = false;
}

QString SramModel::formatName(Format format) {
    switch (format) {
    case Format::Hex8:
        return tr("hex bytes");
    case Format::U16:
        return QStringLiteral("u16");
    case Format::I16:
        return QStringLiteral("i16");
    case Format::U32:
        return QStringLiteral("u32");
    case Format::I32:
        return QStringLiteral("i32");
    case Format::F16:
        return QStringLiteral("f16");
    case Format::F32:
        return QStringLiteral("f32");
    }
    return {};
}

int SramModel::elementsPerRow() const {
    switch (m_format) {
    case Format::Hex8:
        return 16;
    case Format::U16:
    case Format::I16:
    case Format::F16:
        return 8;
    case Format::U32:
    case Format::I32:
    case Format::F32:
        return 4;
    }
    return 16;
}

int SramModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int SramModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : elementsPerRow() + 2; // address, elements, symbols
}

bool SramModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_dump && m_rows < kTotalRows && !m_fetching;
}

void SramModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    const int more = std::min(kFetchRows, kTotalRows - m_rows);
    m_fetching = true;
    beginInsertRows({}, m_rows, m_rows + more - 1);
    m_rows += more;
    endInsertRows();
    m_fetching = false;
}

QModelIndex SramModel::indexOfAddress(uint32_t address) {
    if (!m_dump || address >= uint32_t(kTotalRows * kBytesPerRow))
        return {};
    const int row = int(address / kBytesPerRow);
    while (row >= m_rows && canFetchMore({}))
        fetchMore({});
    return index(row, 1 + int(address % kBytesPerRow) / bytesPerElement());
}

const uint8_t* SramModel::bytesAt(uint32_t address) const {
    const int page = int(address / kPage);
    if (page != m_cachedPage) {
        m_page = m_dump->core().readSram(uint32_t(m_pe.x()), uint32_t(m_pe.y()),
                                         uint32_t(page) * kPage, kPage);
        m_cachedPage = page;
    }
    return m_page.data() + address % kPage;
}

QString SramModel::cellText(uint32_t address) const {
    const uint8_t* b = bytesAt(address);
    switch (m_format) {
    case Format::Hex8:
        return QStringLiteral("%1").arg(b[0], 2, 16, QLatin1Char('0'));
    case Format::U16:
        return QString::fromStdString(debug::formatElement(sim::ScalarType::U16, b));
    case Format::I16:
        return QString::fromStdString(debug::formatElement(sim::ScalarType::I16, b));
    case Format::U32:
        return QString::fromStdString(debug::formatElement(sim::ScalarType::U32, b));
    case Format::I32:
        return QString::fromStdString(debug::formatElement(sim::ScalarType::I32, b));
    case Format::F16:
        return QString::fromStdString(debug::formatElement(sim::ScalarType::F16, b));
    case Format::F32:
        return QString::fromStdString(debug::formatElement(sim::ScalarType::F32, b));
    }
    return {};
}

QVariant SramModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_rows || !m_dump ||
        index.column() >= columnCount())
        return {};
    const uint32_t rowAddress = uint32_t(index.row()) * kBytesPerRow;
    const int valueColumns = elementsPerRow();
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return QStringLiteral("0x%1").arg(rowAddress, 4, 16, QLatin1Char('0'));
        if (role == AddressRole)
            return rowAddress;
        return {};
    }
    if (index.column() == valueColumns + 1) { // the symbols this row covers
        if (role != Qt::DisplayRole && role != SymbolRole)
            return {};
        QStringList names;
        for (const sim::Symbol& s : m_class->symbols)
            if (s.sizeBytes > 0 && s.address < rowAddress + kBytesPerRow &&
                s.address + s.sizeBytes > rowAddress)
                names << QString::fromStdString(s.name);
        return names.join(QStringLiteral(", "));
    }
    const uint32_t address =
        rowAddress + uint32_t(index.column() - 1) * uint32_t(bytesPerElement());
    const sim::Symbol* symbol = debug::symbolAt(*m_class, address);
    switch (role) {
    case Qt::DisplayRole:
        return cellText(address);
    case AddressRole:
        return address;
    case SymbolRole:
        return symbol ? QString::fromStdString(symbol->name) : QString();
    case Qt::BackgroundRole:
        if (!symbol)
            return {};
        // A pale hue per symbol, from its address, so neighbours differ.
        return QColor::fromHsv(int((symbol->address * 47u) % 360u), 40, 255);
    case Qt::ForegroundRole:
        return symbol ? QVariant(QColor(Qt::black)) : QVariant();
    case Qt::ToolTipRole: {
        if (!symbol)
            return tr("0x%1: no symbol").arg(address, 4, 16, QLatin1Char('0'));
        const uint32_t size = std::max<uint32_t>(1, sim::byteSize(symbol->elementType));
        return tr("0x%1: %2[%3] (%4)")
            .arg(address, 4, 16, QLatin1Char('0'))
            .arg(QString::fromStdString(symbol->name))
            .arg((address - symbol->address) / size)
            .arg(QString::fromLatin1(sim::typeName(symbol->elementType)));
    }
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant SramModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return tr("Address");
    if (section == elementsPerRow() + 1)
        return tr("Symbols");
    return QStringLiteral("+%1").arg((section - 1) * bytesPerElement(), 0, 16);
}

} // namespace tessera
