#include "widgets/inspector/PeInspector.h"

#include "widgets/inspector/SramModel.h"
#include "widgets/inspector/TimelinePanel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tessera {

PeInspector::PeInspector(QWidget* parent)
    : QWidget(parent), m_coordinates(new QLineEdit(this)), m_summary(new QLabel(this)),
      m_peError(new QLabel(this)), m_tabs(new QTabWidget(this)), m_tasks(new PeTaskModel(this)),
      m_queues(new PeQueueModel(this)), m_threads(new PeThreadModel(this)),
      m_symbols(new PeSymbolModel(this)), m_traces(new PeTraceModel(this)),
      m_sram(new SramModel(this)) {
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("PE (x,y):"), this));
    m_coordinates->setObjectName(QStringLiteral("peCoordinates"));
    m_coordinates->setPlaceholderText(tr("fabric x,y"));
    m_coordinates->setMaximumWidth(120);
    top->addWidget(m_coordinates);
    top->addStretch(1);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_coordinates, &QLineEdit::returnPressed, this, &PeInspector::coordinatesEntered);
    m_peError->setObjectName(QStringLiteral("peError"));
    m_peError->setWordWrap(true);
    m_peError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_peError->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_peError->setFrameShape(QFrame::StyledPanel);
    m_peError->setContentsMargins(8, 8, 8, 8);
    m_peError->hide();

    // Overview: tasks, queues, threads.
    auto* overview = new QSplitter(Qt::Vertical, this);
    overview->addWidget(makeTable(m_tasks));
    overview->addWidget(makeTable(m_queues));
    QTableView* threads = makeTable(m_threads);
    overview->addWidget(threads);
    connect(threads, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString file = index.data(PeThreadModel::FileRole).toString();
        if (!file.isEmpty())
            emit sourceLocated(file, index.data(PeThreadModel::LineRole).toInt());
    });
    m_tabs->addTab(overview, tr("Tasks && Queues"));

    // Memory.
    auto* memory = new QWidget(this);
    auto* memoryLayout = new QVBoxLayout(memory);
    memoryLayout->setContentsMargins(0, 0, 0, 0);
    auto* memoryBar = new QHBoxLayout;
    m_format = new QComboBox(memory);
    m_format->setObjectName(QStringLiteral("sramFormat"));
    for (int f = 0; f <= int(SramModel::Format::F32); ++f)
        m_format->addItem(SramModel::formatName(SramModel::Format(f)), f);
    m_address = new QLineEdit(memory);
    m_address->setObjectName(QStringLiteral("sramAddress"));
    m_address->setPlaceholderText(tr("address or symbol"));
    memoryBar->addWidget(new QLabel(tr("Show as:"), memory));
    memoryBar->addWidget(m_format);
    memoryBar->addWidget(new QLabel(tr("Go to:"), memory));
    memoryBar->addWidget(m_address, 1);
    memoryLayout->addLayout(memoryBar);
    m_memoryView = makeTable(m_sram);
    m_memoryView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_memoryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_memoryView->horizontalHeader()->setStretchLastSection(true);
    memoryLayout->addWidget(m_memoryView);
    connect(m_format, &QComboBox::currentIndexChanged, this,
            [this] { m_sram->setFormat(SramModel::Format(m_format->currentData().toInt())); });
    connect(m_address, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_address->text().trimmed();
        bool ok = false;
        const uint address = text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
                                 ? text.mid(2).toUInt(&ok, 16)
                                 : text.toUInt(&ok, 10);
        if (!ok) {
            showSymbolInMemory(text);
            return;
        }
        const QModelIndex at = m_sram->indexOfAddress(address);
        if (at.isValid()) {
            m_memoryView->scrollTo(at, QAbstractItemView::PositionAtTop);
            m_memoryView->setCurrentIndex(at);
        }
    });
    m_tabs->addTab(memory, tr("Memory"));

    QTableView* symbols = makeTable(m_symbols);
    connect(symbols, &QTableView::activated, this, [this](const QModelIndex& index) {
        showSymbolInMemory(m_symbols->index(index.row(), PeSymbolModel::Name).data().toString());
    });
    m_tabs->addTab(symbols, tr("Symbols"));

    auto* traces = new QWidget(this);
    auto* tracesLayout = new QVBoxLayout(traces);
    tracesLayout->setContentsMargins(0, 0, 0, 0);
    m_traceError = new QLabel(traces);
    m_traceError->setWordWrap(true);
    m_traceError->hide();
    tracesLayout->addWidget(m_traceError);
    tracesLayout->addWidget(makeTable(m_traces));
    m_tabs->addTab(traces, tr("Traces"));

    m_simprint = new QPlainTextEdit(this);
    m_simprint->setReadOnly(true);
    m_simprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_simprint, tr("Simprint"));

    // The traced run (not the dump): its PE follows the linked selection (the app wires it).
    m_timeline = new TimelinePanel(this);
    m_tabs->addTab(m_timeline, tr("Timeline"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_peError, 1);
    refresh();
}

QTableView* PeInspector::makeTable(QAbstractItemModel* model) {
    auto* view = new QTableView(this);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    // Columns fit their header and cells whenever the PE changes, so states, function
    // names and counters are not elided while the last column takes the rest.
    connect(model, &QAbstractItemModel::modelReset, view,
            [view] { view->resizeColumnsToContents(); });
    // A header and one row: three of these stacked must still fit a laptop-height window
    // (Qt's default minimum for a table is several rows).
    view->setMinimumHeight(view->horizontalHeader()->sizeHint().height() +
                           view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth());
    return view;
}

void PeInspector::setDump(DumpPtr dump) {
    m_dump = std::move(dump);
    if (m_selected && m_dump) {
        const sim::CoreHeader& h = m_dump->header();
        const QRect rect(int(h.offsetX), int(h.offsetY), int(h.width), int(h.height));
        if (!rect.contains(*m_selected))
            m_selected.reset();
    }
    if (!m_dump)
        m_selected.reset();
    refresh();
}

void PeInspector::coordinatesEntered() {
    static const QRegularExpression pair(
        QStringLiteral(R"(^\s*\(?\s*(\d+)\s*[, ]\s*(\d+)\s*\)?\s*$)"));
    const auto match = pair.match(m_coordinates->text());
    if (!match.hasMatch()) {
        m_summary->setText(tr("Type the PE's fabric coordinates as x,y."));
        return;
    }
    selectPe(QPoint(match.captured(1).toInt(), match.captured(2).toInt()));
}

bool PeInspector::selectPe(QPoint fabricPe) {
    if (!m_dump) {
        m_summary->setText(tr("Open a core dump to inspect PEs."));
        return false;
    }
    const sim::CoreHeader& h = m_dump->header();
    const QRect rect(int(h.offsetX), int(h.offsetY), int(h.width), int(h.height));
    if (!rect.contains(fabricPe)) {
        m_summary->setText(tr("PE %1,%2 is outside the program rectangle %3,%4 .. %5,%6.")
                               .arg(fabricPe.x())
                               .arg(fabricPe.y())
                               .arg(rect.left())
                               .arg(rect.top())
                               .arg(rect.right())
                               .arg(rect.bottom()));
        return false;
    }
    m_selected = fabricPe;
    refresh();
    emit peSelected(fabricPe);
    for (const PeThreadModel::Row& row : m_threads->entries())
        if (!row.file.isEmpty()) {
            emit sourceLocated(row.file, row.line);
            break;
        }
    return true;
}

bool PeInspector::showSymbolInMemory(const QString& symbol) {
    const int row = m_symbols->rowOf(symbol);
    if (row < 0)
        return false;
    const uint address = m_symbols->index(row, 0).data(PeSymbolModel::AddressRole).toUInt();
    const QModelIndex at = m_sram->indexOfAddress(address);
    m_tabs->setCurrentIndex(1);
    m_memoryView->scrollTo(at, QAbstractItemView::PositionAtTop);
    m_memoryView->setCurrentIndex(at);
    return true;
}

QString PeInspector::summaryText() const {
    return m_summary->text();
}

QString PeInspector::simprintText() const {
    return m_simprint->toPlainText();
}

QString PeInspector::peErrorText() const {
    return m_peError->isHidden() ? QString() : m_peError->text();
}

void PeInspector::showPeError(const QString& message) {
    // The models are already empty for this PE; the message takes the tables' place.
    m_summary->setText(tr("PE %1,%2 cannot be shown: its part of the core dump is unreadable.")
                           .arg(m_selected->x())
                           .arg(m_selected->y()));
    m_peError->setText(message + QStringLiteral("\n\n") +
                       tr("The other PEs of this dump can still be inspected."));
    m_peError->show();
    m_tabs->hide();
}

void PeInspector::refresh() {
    std::optional<QPoint> local;
    if (m_dump && m_selected)
        local = *m_selected - QPoint(int(m_dump->header().offsetX), int(m_dump->header().offsetY));
    const DumpPtr dump = local ? m_dump : DumpPtr();
    const QPoint pe = local.value_or(QPoint());
    m_tasks->setPe(dump, pe);
    m_queues->setPe(dump, pe);
    m_threads->setPe(dump, pe);
    m_symbols->setPe(dump, pe);
    m_traces->setPe(dump, pe);
    m_sram->setPe(dump, pe);
    m_traceError->setVisible(!m_traces->error().isEmpty());
    m_traceError->setText(m_traces->error());
    m_simprint->clear();
    m_peError->hide();
    m_tabs->show();
    if (!dump) {
        m_summary->setText(m_dump ? tr("Select a PE in the fabric view or type its coordinates.")
                                  : tr("Open a core dump to inspect PEs."));
        return;
    }
    m_coordinates->setText(QStringLiteral("%1,%2").arg(m_selected->x()).arg(m_selected->y()));
    for (const QString& error :
         {m_tasks->loadError(), m_queues->loadError(), m_threads->loadError(),
          m_symbols->loadError(), m_traces->loadError(), m_sram->loadError()})
        if (!error.isEmpty()) {
            showPeError(error);
            return;
        }
    const uint32_t x = uint32_t(pe.x()), y = uint32_t(pe.y());
    const sim::CorePeRecord rec = dump->core().pe(x, y);
    const sim::CodeClass& cls = dump->classAt(x, y);
    sim::CorePeDetails details;
    std::vector<debug::FrameRow> frames;
    try {
        details = dump->core().details(x, y);
        frames = debug::frameRows(*dump, x, y);
    } catch (const std::exception& e) {
        showPeError(dumpPeError(*dump, pe, e));
        return;
    }
    QString state;
    if (rec.frameDepth == 0)
        state = tr("idle");
    else {
        state = tr("in %1").arg(QString::fromStdString(debug::functionName(cls, rec.function)));
        if (!frames.empty() && frames.back().loc &&
            frames.back().loc->file < dump->program().sourceFiles.size())
            state += tr(" at %1:%2")
                         .arg(QString::fromStdString(
                             dump->program().sourceFiles[frames.back().loc->file]))
                         .arg(frames.back().loc->line);
    }
    m_summary->setText(tr("PE %1,%2 (rectangle %3,%4) runs %5, %6 at cycle %7; %8 instructions, "
                          "%9 stall cycles, %10 task activations.")
                           .arg(m_selected->x())
                           .arg(m_selected->y())
                           .arg(x)
                           .arg(y)
                           .arg(QString::fromStdString(cls.file))
                           .arg(state)
                           .arg(dump->header().cycle)
                           .arg(rec.instructions)
                           .arg(rec.stallCycles)
                           .arg(rec.taskActivations));
    QStringList lines;
    for (const std::string& line : details.simprint)
        lines << QString::fromStdString(line);
    if (!details.simprintPartial.empty())
        lines << QString::fromStdString(details.simprintPartial) + tr(" (unfinished line)");
    if (lines.isEmpty())
        lines << (dump->header().version < 2 ? tr("(this dump predates simprint capture)")
                                             : tr("(no simprint output from this PE)"));
    m_simprint->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace tessera
