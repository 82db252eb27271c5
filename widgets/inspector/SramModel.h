#pragma once

#include "widgets/inspector/PeModels.h"

#include <QAbstractTableModel>

namespace tessera {

// One PE's 48 KB SRAM as a table of 16-byte rows: address, the row's elements in the
// chosen type, and the symbols the row covers; cells of a symbol get its colour and a
// tooltip naming the element. Windowed: rows are fetched in blocks (canFetchMore /
// fetchMore) and each cell reads its bytes from the dump on demand (one 4 KB page
// cached), so nothing is materialised up front.
class SramModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum class Format { Hex8, U16, I16, U32, I32, F16, F32 };
    static constexpr int kBytesPerRow = 16;
    static constexpr int kFetchRows = 256;
    static constexpr int kTotalRows = 48 * 1024 / kBytesPerRow;
    enum Role { AddressRole = Qt::UserRole + 1, SymbolRole };

    explicit SramModel(QObject* parent = nullptr);

    // A PE whose SRAM pages or code class are corrupt in the dump leaves the model empty
    // with loadError() naming the file, the PE and the reason.
    void setPe(DumpPtr dump, QPoint rectanglePe);
    QString loadError() const { return m_loadError; }
    void setFormat(Format format);
    Format format() const { return m_format; }
    static QString formatName(Format format);
    int elementsPerRow() const;
    int bytesPerElement() const { return kBytesPerRow / elementsPerRow(); }

    // The index of the cell holding `address` (fetching rows up to it).
    QModelIndex indexOfAddress(uint32_t address);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

  private:
    const uint8_t* bytesAt(uint32_t address) const; // inside the cached page
    QString cellText(uint32_t address) const;

    DumpPtr m_dump;
    QPoint m_pe;
    QString m_loadError;
    Format m_format = Format::Hex8;
    int m_rows = 0;
    bool m_fetching = false; // views and testers may ask again while rows are inserted
    const sim::CodeClass* m_class = nullptr;
    mutable int m_cachedPage = -1;
    mutable std::vector<uint8_t> m_page;
};

} // namespace tessera
