#pragma once

#include "widgets/inspector/DumpModels.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace tessera {

// A symbol's values over the grid, ready for the fabric view's Custom heat layer.
struct SymbolHeatMap {
    std::vector<float> values; // row-major over the rectangle; NaN where the PE lacks it
    QString label;
    std::optional<std::pair<float, float>> range; // fixed colour scale; unset = data range
};

// Chooses a numeric symbol, an element index and a colour scale (data range, fixed
// limits, or log10) and computes the heat map over every PE of the dump.
class SymbolHeatMapPanel : public QWidget {
    Q_OBJECT
  public:
    enum class Scale { DataRange, Fixed, Log10 };
    // What the panel last reported (PEs sampled, PEs skipped as unreadable).
    QString statusText() const;
    explicit SymbolHeatMapPanel(QWidget* parent = nullptr);
    void setDump(DumpPtr dump);
    // Chooses the symbol and element and applies; false when no PE has that symbol.
    bool showSymbol(const QString& symbol, int element = 0, Scale scale = Scale::DataRange,
                    double low = 0, double high = 1);
    std::optional<SymbolHeatMap> current() const { return m_current; }
    QComboBox* symbolBox() const { return m_symbol; }

  signals:
    void heatMapChanged(const tessera::SymbolHeatMap& map);

  private:
    void apply();

    DumpPtr m_dump;
    QComboBox* m_symbol;
    QSpinBox* m_element;
    QComboBox* m_scale;
    QDoubleSpinBox* m_low;
    QDoubleSpinBox* m_high;
    QLabel* m_status;
    std::optional<SymbolHeatMap> m_current;
};

// Compares two dumps: a summary line, the table of differing symbols (fetched block by
// block) and, for the fabric view, how many symbols differ on each PE.
class DumpComparePanel : public QWidget {
    Q_OBJECT
  public:
    explicit DumpComparePanel(QWidget* parent = nullptr);
    // Empty on success, else why they cannot be compared.
    QString compare(DumpPtr a, DumpPtr b);
    DumpCompareModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QString summaryText() const;
    const std::vector<float>& differenceCounts() const { return m_grid; }
    // One "core dump FILE: PE(x,y): reason" per PE that could not be compared (NaN in
    // differenceCounts()).
    const QStringList& unreadablePes() const { return m_gridFaults; }

  signals:
    // Per PE, the number of differing symbols (row-major), after compare().
    void differencesFound(const std::vector<float>& counts);
    void peActivated(QPoint fabricPe);

  private:
    void updateSummary();

    DumpCompareModel* m_model;
    QLabel* m_files;
    QLabel* m_summary;
    QTableView* m_table;
    std::vector<float> m_grid;
    QStringList m_gridFaults;
};

// The task profile over a region of PEs (fabric coordinates "x0,y0 x1,y1", or the whole
// rectangle).
class TaskProfilePanel : public QWidget {
    Q_OBJECT
  public:
    // The region shown and the PEs left out as unreadable.
    QString statusText() const;
    explicit TaskProfilePanel(QWidget* parent = nullptr);
    void setDump(DumpPtr dump);
    // Fabric coordinates; clipped to the rectangle.
    void setRegion(QRect fabricRegion);
    // The region profiled (fabric coordinates; empty: none).
    QRect region() const { return m_shown; }
    TaskProfileModel* model() const { return m_model; }
    QLineEdit* regionEdit() const { return m_region; }

  private:
    void regionEntered();

    DumpPtr m_dump;
    TaskProfileModel* m_model;
    QLineEdit* m_region;
    QRect m_shown;
    QLabel* m_status;
};

} // namespace tessera
