#include "widgets/inspector/DumpPanels.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace tessera {

namespace {

QTableView* tableFor(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    // Headers and cells are not elided: the columns fit them as rows arrive (the compare
    // table fetches a block at a time); a wider table scrolls.
    const auto fit = [view] { view->resizeColumnsToContents(); };
    QObject::connect(model, &QAbstractItemModel::modelReset, view, fit);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, view, fit);
    return view;
}

QRect fullRectangle(const DumpPtr& dump) {
    const sim::CoreHeader& h = dump->header();
    return QRect(int(h.offsetX), int(h.offsetY), int(h.width), int(h.height));
}

} // namespace

// ------------------------------------------------------------------ SymbolHeatMapPanel

SymbolHeatMapPanel::SymbolHeatMapPanel(QWidget* parent)
    : QWidget(parent), m_symbol(new QComboBox(this)), m_element(new QSpinBox(this)),
      m_scale(new QComboBox(this)), m_low(new QDoubleSpinBox(this)),
      m_high(new QDoubleSpinBox(this)), m_status(new QLabel(this)) {
    m_symbol->setObjectName(QStringLiteral("heatSymbol"));
    m_element->setRange(0, 48 * 1024);
    m_scale->addItem(tr("Linear, data range"), int(Scale::DataRange));
    m_scale->addItem(tr("Linear, fixed limits"), int(Scale::Fixed));
    m_scale->addItem(tr("Logarithmic (log10 |v|)"), int(Scale::Log10));
    for (QDoubleSpinBox* box : {m_low, m_high}) {
        box->setRange(-1e30, 1e30);
        box->setDecimals(4);
    }
    m_high->setValue(1.0);
    auto* form = new QFormLayout;
    form->addRow(tr("Symbol:"), m_symbol);
    form->addRow(tr("Element:"), m_element);
    form->addRow(tr("Colour scale:"), m_scale);
    auto* limits = new QHBoxLayout;
    limits->addWidget(m_low);
    limits->addWidget(new QLabel(tr("to"), this));
    limits->addWidget(m_high);
    form->addRow(tr("Limits:"), limits);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addStretch(1);
    connect(m_symbol, &QComboBox::currentIndexChanged, this, &SymbolHeatMapPanel::apply);
    connect(m_element, &QSpinBox::valueChanged, this, &SymbolHeatMapPanel::apply);
    connect(m_scale, &QComboBox::currentIndexChanged, this, &SymbolHeatMapPanel::apply);
    connect(m_low, &QDoubleSpinBox::valueChanged, this, &SymbolHeatMapPanel::apply);
    connect(m_high, &QDoubleSpinBox::valueChanged, this, &SymbolHeatMapPanel::apply);
    setDump({});
}

void SymbolHeatMapPanel::setDump(DumpPtr dump) {
    m_dump = std::move(dump);
    const QSignalBlocker block(m_symbol);
    m_symbol->clear();
    if (m_dump)
        for (const std::string& name : debug::numericSymbols(m_dump->program()))
            m_symbol->addItem(QString::fromStdString(name));
    m_current.reset();
    // Without a dump there is nothing to choose: the controls wait greyed out.
    for (QWidget* control : {static_cast<QWidget*>(m_symbol), static_cast<QWidget*>(m_element),
                             static_cast<QWidget*>(m_scale)})
        control->setEnabled(bool(m_dump));
    const bool fixedLimits = Scale(m_scale->currentData().toInt()) == Scale::Fixed;
    m_low->setEnabled(m_dump && fixedLimits);
    m_high->setEnabled(m_dump && fixedLimits);
    m_status->setText(m_dump ? tr("Choose a symbol to colour the fabric by its value.")
                             : tr("Open a core dump first."));
}

bool SymbolHeatMapPanel::showSymbol(const QString& symbol, int element, Scale scale, double low,
                                    double high) {
    const int row = m_symbol->findText(symbol);
    if (row < 0)
        return false;
    {
        const QSignalBlocker b1(m_symbol), b2(m_element), b3(m_scale), b4(m_low), b5(m_high);
        m_symbol->setCurrentIndex(row);
        m_element->setValue(element);
        m_scale->setCurrentIndex(m_scale->findData(int(scale)));
        m_low->setValue(low);
        m_high->setValue(high);
    }
    apply();
    return m_current.has_value();
}

QString SymbolHeatMapPanel::statusText() const {
    return m_status->text();
}

void SymbolHeatMapPanel::apply() {
    if (!m_dump || m_symbol->currentIndex() < 0)
        return;
    const QString symbol = m_symbol->currentText();
    const auto element = uint32_t(m_element->value());
    const Scale scale = Scale(m_scale->currentData().toInt());
    m_low->setEnabled(scale == Scale::Fixed);
    m_high->setEnabled(scale == Scale::Fixed);
    // Per PE (not debug::symbolGrid, which stops at the first corrupt PE): a PE whose part
    // of the dump cannot be read gets no value and is counted.
    const sim::CoreHeader& h = m_dump->header();
    std::vector<double> grid(size_t(h.width) * h.height, std::nan(""));
    int faulty = 0;
    QString firstFault;
    for (uint32_t y = 0; y < h.height; ++y)
        for (uint32_t x = 0; x < h.width; ++x) {
            try {
                const sim::Symbol* s =
                    debug::findSymbol(m_dump->classAt(x, y), symbol.toStdString());
                if (!s || element >= s->elementCount)
                    continue;
                const uint32_t size = sim::byteSize(s->elementType);
                const auto bytes = m_dump->core().readSram(x, y, s->address + element * size, size);
                grid[size_t(y) * h.width + x] = debug::elementValue(s->elementType, bytes.data());
            } catch (const std::exception& e) {
                if (faulty++ == 0)
                    firstFault = dumpPeError(*m_dump, QPoint(int(x), int(y)), e);
            }
        }
    const QString faultNote =
        faulty == 0
            ? QString()
            : QLatin1Char('\n') +
                  tr("%n PE(s) skipped as unreadable; first: %1", "", faulty).arg(firstFault);
    SymbolHeatMap map;
    map.values.reserve(grid.size());
    size_t sampled = 0;
    for (double v : grid) {
        if (std::isnan(v)) {
            map.values.push_back(NAN);
            continue;
        }
        ++sampled;
        map.values.push_back(scale == Scale::Log10 ? float(std::log10(std::abs(v) + 1e-30))
                                                   : float(v));
    }
    map.label = scale == Scale::Log10 ? tr("log10 |%1[%2]|").arg(symbol).arg(element)
                                      : tr("%1[%2]").arg(symbol, QString::number(element));
    if (scale == Scale::Fixed)
        map.range = std::pair<float, float>{float(m_low->value()), float(m_high->value())};
    if (sampled == 0) {
        m_status->setText(tr("No PE has element %1 of %2.").arg(element).arg(symbol) + faultNote);
        m_current.reset();
        return;
    }
    m_status->setText(tr("%1 of %2 PEs have %3.").arg(sampled).arg(grid.size()).arg(map.label) +
                      faultNote);
    m_current = map;
    emit heatMapChanged(map);
}

// ------------------------------------------------------------------ DumpComparePanel

DumpComparePanel::DumpComparePanel(QWidget* parent)
    : QWidget(parent), m_model(new DumpCompareModel(this)), m_files(new QLabel(this)),
      m_summary(new QLabel(this)), m_table(tableFor(m_model, this)) {
    m_files->setWordWrap(true);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    auto* more = new QPushButton(tr("Compare all PEs"), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(more);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_files);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    connect(more, &QPushButton::clicked, this, [this] {
        while (m_model->canFetchMore({}))
            m_model->fetchMore({});
    });
    connect(m_model, &DumpCompareModel::progressChanged, this, &DumpComparePanel::updateSummary);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (!m_model->dumpA())
            return;
        const QPoint local = index.data(DumpCompareModel::PeRole).toPoint();
        emit peActivated(local + QPoint(int(m_model->dumpA()->header().offsetX),
                                        int(m_model->dumpA()->header().offsetY)));
    });
    updateSummary();
}

QString DumpComparePanel::compare(DumpPtr a, DumpPtr b) {
    m_grid.clear();
    m_gridFaults.clear();
    const QString error = m_model->setDumps(a, b);
    if (!error.isEmpty()) {
        m_files->setText(error);
        return error;
    }
    if (!a || !b) { // cleared
        m_files->clear();
        updateSummary();
        return {};
    }
    m_files->setText(tr("A: %1\nB: %2")
                         .arg(QString::fromStdString(a->core().path()),
                              QString::fromStdString(b->core().path())));
    m_gridFaults.clear();
    m_grid = differenceGrid(*a, *b, &m_gridFaults);
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    updateSummary();
    emit differencesFound(m_grid);
    return {};
}

QString DumpComparePanel::summaryText() const {
    return m_summary->text();
}

void DumpComparePanel::updateSummary() {
    if (!m_model->dumpA()) {
        m_summary->setText(tr("Open two core dumps of one program to compare them."));
        return;
    }
    size_t differing = 0;
    for (float n : m_grid)
        differing += n > 0 ? 1 : 0;
    const size_t total = m_grid.size();
    const auto faulty = size_t(m_gridFaults.size());
    QString text = differing == 0 && faulty == 0
                       ? tr("The dumps agree on every symbol of all %1 PEs.").arg(total)
                       : tr("%1 of %2 PEs differ (shown on the fabric); %3 differing symbols "
                            "listed from %4 PEs compared so far.")
                             .arg(differing)
                             .arg(total)
                             .arg(m_model->rowCount())
                             .arg(m_model->scannedPes());
    if (faulty > 0)
        text += QLatin1Char('\n') + tr("%n PE(s) could not be compared (no value on the "
                                       "fabric); first: %1",
                                       "", int(faulty))
                                        .arg(m_gridFaults.first());
    m_summary->setText(text);
}

// ------------------------------------------------------------------ TaskProfilePanel

TaskProfilePanel::TaskProfilePanel(QWidget* parent)
    : QWidget(parent), m_model(new TaskProfileModel(this)), m_region(new QLineEdit(this)),
      m_status(new QLabel(this)) {
    m_region->setObjectName(QStringLiteral("profileRegion"));
    // Short enough for the narrow dock beside the fabric; the tooltip says the rest.
    m_region->setPlaceholderText(tr("x0,y0 x1,y1 (empty = all PEs)"));
    m_region->setToolTip(tr("Fabric coordinates of two opposite corners, e.g. 4,1 6,3, or "
                            "Shift+drag a rectangle on the fabric view; empty = all PEs"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Region:"), this));
    bar->addWidget(m_region, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(tableFor(m_model, this), 1);
    connect(m_region, &QLineEdit::returnPressed, this, &TaskProfilePanel::regionEntered);
    setDump({});
}

void TaskProfilePanel::setDump(DumpPtr dump) {
    m_dump = std::move(dump);
    m_region->clear();
    if (m_dump)
        setRegion(fullRectangle(m_dump));
    else {
        m_model->setRegion({}, {});
        m_shown = {};
        m_status->setText(tr("Open a core dump first."));
    }
}

void TaskProfilePanel::setRegion(QRect fabricRegion) {
    if (!m_dump)
        return;
    const QRect rect = fullRectangle(m_dump);
    const QRect clipped = fabricRegion.intersected(rect);
    m_model->setRegion(m_dump, clipped.translated(-rect.topLeft()));
    m_shown = clipped;
    // The field shows the region however it was chosen (typed, dragged on the fabric).
    m_region->setText(clipped.isEmpty() || clipped == rect ? QString()
                                                           : QStringLiteral("%1,%2 %3,%4")
                                                                 .arg(clipped.left())
                                                                 .arg(clipped.top())
                                                                 .arg(clipped.right())
                                                                 .arg(clipped.bottom()));
    if (clipped.isEmpty()) {
        m_status->setText(tr("The region lies outside the program rectangle."));
        return;
    }
    QString status =
        m_dump->header().version < 2
            ? tr("This dump (version %1) has no task counters.").arg(m_dump->header().version)
            : tr("PEs %1,%2 to %3,%4 (%5 PEs).")
                  .arg(clipped.left())
                  .arg(clipped.top())
                  .arg(clipped.right())
                  .arg(clipped.bottom())
                  .arg(clipped.width() * clipped.height());
    if (m_model->faultyPes() > 0)
        status += QLatin1Char('\n') +
                  tr("%n PE(s) left out as unreadable; first: %1", "", m_model->faultyPes())
                      .arg(m_model->firstFault());
    m_status->setText(status);
}

QString TaskProfilePanel::statusText() const {
    return m_status->text();
}

void TaskProfilePanel::regionEntered() {
    if (!m_dump)
        return;
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*(\d+)\s*,\s*(\d+)\s*(?:[ ;:-]+\s*(\d+)\s*,\s*(\d+))?\s*$)"));
    const QString text = m_region->text().trimmed();
    if (text.isEmpty()) {
        setRegion(fullRectangle(m_dump));
        return;
    }
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        m_status->setText(tr("Type a region as x0,y0 x1,y1 or a single PE as x,y."));
        return;
    }
    const QPoint a(m.captured(1).toInt(), m.captured(2).toInt());
    const QPoint b =
        m.captured(3).isEmpty() ? a : QPoint(m.captured(3).toInt(), m.captured(4).toInt());
    setRegion(QRect(a, b).normalized());
}

} // namespace tessera
