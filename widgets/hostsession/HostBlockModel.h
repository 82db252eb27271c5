#pragma once

#include "widgets/hostsession/HostSessionTypes.h"

#include <QAbstractTableModel>

namespace tessera {

// A block read back by D2H as a table: one row per PE of the ROI (labelled with its
// program coordinates) and one column per element, or transposed (one row per element).
// Cells are formatted from the block's values when the view asks (only the visible ones);
// nothing is stored per cell.
class HostBlockModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum class Rows { Pes, Elements };
    static constexpr int ValueRole = Qt::UserRole + 1; // the value as a double

    explicit HostBlockModel(QObject* parent = nullptr);

    void setBlock(HostBlockPtr block);
    HostBlockPtr block() const { return m_block; }
    void setRows(Rows rows);
    Rows rows() const { return m_rows; }

    // Text of one value as the table shows it: integers exactly, floats with the digits
    // their type holds (9 significant for f32, 5 for f16).
    static QString formatValue(double value, hostdata::ElementType type);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    int peCount() const;
    int elementCount() const;
    QString peLabel(int pe) const;

    HostBlockPtr m_block;
    Rows m_rows = Rows::Pes;
};

} // namespace tessera
