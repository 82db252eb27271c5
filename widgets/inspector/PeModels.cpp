#include "widgets/inspector/PeModels.h"

#include "sim/program.h"

#include <QBrush>
#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace tessera {

namespace {

QString taskKindName(sim::TaskKind kind) {
    switch (kind) {
    case sim::TaskKind::Data:
        return QObject::tr("data");
    case sim::TaskKind::Local:
        return QObject::tr("local");
    case sim::TaskKind::Control:
        return QObject::tr("control");
    case sim::TaskKind::None:
        break;
    }
    return {};
}

QString hex32(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

} // namespace

QString functionDisplayName(const std::string& function) {
    if (function == sim::kGlobalInitFunctionName)
        return PeTaskModel::tr("global initializers");
    return QString::fromStdString(function);
}

QString dumpPeError(const debug::DebugUtil& dump, QPoint rectanglePe, const std::exception& error) {
    const QString path = QString::fromStdString(dump.core().path());
    QString reason = QString::fromUtf8(error.what());
    // The reader already prefixes "FILE: PE(x,y): " in rectangle coordinates; say it once,
    // in the fabric coordinates the IDE shows everywhere else.
    const QString readerPrefix =
        QStringLiteral("%1: PE(%2,%3): ").arg(path).arg(rectanglePe.x()).arg(rectanglePe.y());
    if (reason.startsWith(readerPrefix))
        reason = reason.mid(readerPrefix.size());
    else if (reason.startsWith(path + QStringLiteral(": ")))
        reason = reason.mid(path.size() + 2);
    return QCoreApplication::translate("tessera::PeTableModel", "core dump %1: PE(%2,%3): %4")
        .arg(path)
        .arg(rectanglePe.x() + int(dump.header().offsetX))
        .arg(rectanglePe.y() + int(dump.header().offsetY))
        .arg(reason);
}

// ------------------------------------------------------------------ PeTableModel

void PeTableModel::setPe(DumpPtr dump, QPoint rectanglePe) {
    beginResetModel();
    m_dump = std::move(dump);
    m_pe = rectanglePe;
    m_loadError.clear();
    if (m_dump && (m_pe.x() < 0 || m_pe.y() < 0 || uint32_t(m_pe.x()) >= m_dump->header().width ||
                   uint32_t(m_pe.y()) >= m_dump->header().height))
        m_dump.reset(); // outside the rectangle: nothing to show
    try {
        reload();
    } catch (const std::exception& e) {
        // A corrupt PE section: no rows from it (reload without a dump only clears).
        m_loadError = dumpPeError(*m_dump, m_pe, e);
        m_dump.reset();
        reload();
    }
    endResetModel();
}

int PeTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows();
}

int PeTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(headers().size());
}

QVariant PeTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < headers().size())
        return headers().at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

bool PeTableModel::valid(const QModelIndex& index) const {
    return index.isValid() && !index.parent().isValid() && index.row() < rows() &&
           index.column() < int(headers().size());
}

// ------------------------------------------------------------------ PeTaskModel

QStringList PeTaskModel::headers() const {
    return {tr("Task"),       tr("Function"),    tr("Kind"),
            tr("State"),      tr("Activations"), tr("Self cycles"),
            tr("Min cycles"), tr("Max cycles"),  tr("Avg cycles")};
}

void PeTaskModel::reload() {
    m_rows.clear();
    if (m_dump)
        m_rows = debug::taskRows(*m_dump, uint32_t(m_pe.x()), uint32_t(m_pe.y()));
}

QString PeTaskModel::stateText(const debug::TaskRow& row) {
    QStringList parts;
    if (row.running)
        parts << tr("running");
    if (row.activated)
        parts << tr("active");
    if (row.blocked)
        parts << tr("blocked");
    if (row.highPriority)
        parts << tr("high priority");
    if (parts.isEmpty())
        parts << (row.id < 0 ? tr("done") : row.bound ? tr("bound") : tr("unbound"));
    return parts.join(QStringLiteral(", "));
}

QVariant PeTaskModel::data(const QModelIndex& index, int role) const {
    if (!valid(index))
        return {};
    const debug::TaskRow& row = m_rows[size_t(index.row())];
    const bool profiled = row.activations > 0;
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Id:
            return row.id == -2   ? tr("launch")
                   : row.id == -3 ? tr("init")
                   : row.color >= 0
                       ? tr("%1 (color %2)").arg(row.id).arg(row.color)
                       : (row.inputQueue >= 0 ? tr("%1 (iq %2)").arg(row.id).arg(row.inputQueue)
                                              : QString::number(row.id));
        case Function:
            return functionDisplayName(row.function);
        case Kind:
            return row.id < 0 ? tr("host") : taskKindName(row.kind);
        case State:
            return stateText(row);
        case Activations:
            return QVariant::fromValue<qulonglong>(row.activations);
        case SelfCycles:
            return QVariant::fromValue<qulonglong>(row.cycles);
        case MinCycles:
            return profiled ? QVariant::fromValue<qulonglong>(row.minCycles) : QVariant();
        case MaxCycles:
            return profiled ? QVariant::fromValue<qulonglong>(row.maxCycles) : QVariant();
        case AvgCycles:
            return profiled ? QVariant(double(row.cycles) / double(row.activations)) : QVariant();
        }
    }
    if (role == Qt::FontRole && row.running) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Activations)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

// ------------------------------------------------------------------ PeQueueModel

QStringList PeQueueModel::headers() const {
    return {tr("Queue"), tr("Wavelets"), tr("Contents (front first)")};
}

void PeQueueModel::reload() {
    m_rows.clear();
    if (!m_dump)
        return;
    const uint32_t x = uint32_t(m_pe.x()), y = uint32_t(m_pe.y());
    const sim::CorePeRecord rec = m_dump->core().pe(x, y);
    const sim::CorePeDetails details = m_dump->core().details(x, y);
    auto add = [&](uint8_t where, int index, int fill, const QString& name) {
        if (fill == 0)
            return;
        Row row{name, fill, {}};
        for (const sim::CoreQueuedWavelet& w : details.queued)
            if (w.where == where && w.index == index)
                row.payloads << (w.control ? tr("ctrl %1").arg(hex32(w.payload))
                                           : hex32(w.payload));
        m_rows.push_back(row);
    };
    for (int c = 0; c < sim::kNumColors; ++c)
        add(sim::CoreQueuedWavelet::InputQueue, c, rec.inputQueueWavelets[size_t(c)],
            tr("input, color %1").arg(c));
    for (int q = 0; q < sim::kNumOutputQueues; ++q)
        add(sim::CoreQueuedWavelet::OutputQueue, q, rec.outputQueueWavelets[size_t(q)],
            tr("output queue %1").arg(q));
    for (int c = 0; c < sim::kNumColors; ++c)
        add(sim::CoreQueuedWavelet::Router, c, rec.routerWavelets[size_t(c)],
            tr("router, color %1").arg(c));
    // FIFOs (@allocate_fifo): fill and the push/pop event that will activate a task.
    for (const sim::CoreFifo& f : details.fifos) {
        Row row{tr("FIFO %1").arg(f.index), int(f.count), {tr("head at element %1").arg(f.head)}};
        if (f.emptyEvent)
            row.payloads << tr("(a pop found it empty: the next push activates .activate_push)");
        if (f.fullEvent)
            row.payloads << tr("(a push found it full: the next pop activates .activate_pop)");
        m_rows.push_back(row);
    }
}

QVariant PeQueueModel::data(const QModelIndex& index, int role) const {
    if (!valid(index))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Queue:
            return row.name;
        case Fill:
            return row.fill;
        case Contents:
            return row.payloads.isEmpty() ? tr("(not in this dump)")
                                          : row.payloads.join(QStringLiteral(" "));
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Contents)
        return row.payloads.join(QLatin1Char('\n'));
    return {};
}

// ------------------------------------------------------------------ PeThreadModel

QStringList PeThreadModel::headers() const {
    return {tr("Thread"), tr("What"), tr("Progress"), tr("Source")};
}

void PeThreadModel::reload() {
    m_rows.clear();
    if (!m_dump)
        return;
    const uint32_t x = uint32_t(m_pe.x()), y = uint32_t(m_pe.y());
    const sim::FabricProgram& program = m_dump->program();
    const sim::CodeClass& cls = m_dump->classAt(x, y);
    const sim::CorePeDetails details = m_dump->core().details(x, y);
    auto withSource = [&](Row row, const std::optional<sim::SourceLoc>& loc) {
        if (loc && loc->file < program.sourceFiles.size()) {
            row.file = QString::fromStdString(program.sourceFiles[loc->file]);
            row.line = int(loc->line);
        }
        m_rows.push_back(row);
    };
    const std::vector<debug::FrameRow> frames = debug::frameRows(*m_dump, x, y);
    for (size_t i = frames.size(); i-- > 0;) { // innermost first, as debuggers list them
        const debug::FrameRow& f = frames[i];
        withSource({tr("main, frame %1").arg(i),
                    tr("%1, instruction %2")
                        .arg(QString::fromStdString(debug::functionName(cls, f.function)))
                        .arg(f.pc),
                    {},
                    {},
                    0},
                   f.loc);
    }
    for (const sim::CoreDsdOp& op : details.dsdOps) {
        const QString name = op.opIndex < cls.dsdOps.size()
                                 ? QString::fromLatin1(sim::dsdOpName(cls.dsdOps[op.opIndex].op))
                                 : tr("op %1").arg(op.opIndex);
        std::optional<sim::SourceLoc> loc;
        if (op.line)
            loc = sim::SourceLoc{op.file, op.line, op.column};
        withSource(
            {op.slot == 255 ? tr("main, DSD op") : tr("microthread %1").arg(op.slot),
             op.waiting ? tr("%1 (waiting since cycle %2)").arg(name).arg(op.waitingSince) : name,
             tr("%1 / %2").arg(op.done).arg(op.total),
             {},
             0},
            loc);
    }
    if (details.threads)
        for (int u = 0; u < 8; ++u)
            if ((details.threads->blockedMicrothreads >> u) & 1u)
                withSource({tr("microthread %1").arg(u), tr("paused by @block"), {}, {}, 0},
                           std::nullopt);
    for (const sim::CoreDsdRegister& r : details.dsdRegisters) {
        const sim::Dsd d = sim::decodeCoreDsd(r);
        QString what;
        switch (d.kind) {
        case sim::DsdKind::Mem1d:
        case sim::DsdKind::Mem4d: {
            const sim::Symbol* at = debug::symbolAt(cls, d.baseAddress);
            what = tr("%1 at 0x%2%3, length %4, stride %5 B")
                       .arg(d.kind == sim::DsdKind::Mem1d ? QStringLiteral("mem1d")
                                                          : QStringLiteral("mem4d"))
                       .arg(d.baseAddress, 4, 16, QLatin1Char('0'))
                       .arg(at ? QStringLiteral(" (%1)").arg(QString::fromStdString(at->name))
                               : QString())
                       .arg(d.extent[0])
                       .arg(d.strideBytes[0]);
            break;
        }
        case sim::DsdKind::FabIn:
            what = tr("fabin, color %1, queue %2, length %3")
                       .arg(d.color)
                       .arg(d.queue)
                       .arg(d.extent[0]);
            break;
        case sim::DsdKind::FabOut:
            what = tr("fabout, color %1, queue %2, length %3")
                       .arg(d.color)
                       .arg(d.queue)
                       .arg(d.extent[0]);
            break;
        case sim::DsdKind::Fifo:
            what = tr("fifo %1").arg(d.fifo);
            break;
        case sim::DsdKind::CircBuf: {
            const sim::Symbol* at = debug::symbolAt(cls, d.baseAddress);
            what = tr("circular buffer at 0x%1%2, length %3, wraps after %4, head %5")
                       .arg(d.baseAddress, 4, 16, QLatin1Char('0'))
                       .arg(at ? QStringLiteral(" (%1)").arg(QString::fromStdString(at->name))
                               : QString())
                       .arg(d.extent[0])
                       .arg(d.extent[1])
                       .arg(d.extent[2]);
            break;
        }
        }
        withSource({tr("DSD register %1 (frame %2)").arg(r.reg).arg(r.frame), what, {}, {}, 0},
                   std::nullopt);
    }
}

QVariant PeThreadModel::data(const QModelIndex& index, int role) const {
    if (!valid(index))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Thread:
            return row.thread;
        case What:
            return row.what;
        case Progress:
            return row.progress;
        case Source:
            return row.file.isEmpty() ? QString()
                                      : QStringLiteral("%1:%2").arg(row.file).arg(row.line);
        }
        break;
    case FileRole:
        return row.file;
    case LineRole:
        return row.line;
    default:
        break;
    }
    return {};
}

// ------------------------------------------------------------------ PeSymbolModel

QStringList PeSymbolModel::headers() const {
    return {tr("Symbol"), tr("Address"), tr("Type"), tr("Elements"), tr("Value")};
}

void PeSymbolModel::reload() {
    m_rows.clear();
    if (!m_dump)
        return;
    const uint32_t x = uint32_t(m_pe.x()), y = uint32_t(m_pe.y());
    const sim::CodeClass& cls = m_dump->classAt(x, y);
    std::vector<const sim::Symbol*> symbols;
    for (const sim::Symbol& s : cls.symbols)
        symbols.push_back(&s);
    std::sort(symbols.begin(), symbols.end(),
              [](auto* a, auto* b) { return a->address < b->address; });
    for (const sim::Symbol* s : symbols) {
        const uint32_t size = std::max<uint32_t>(1, sim::byteSize(s->elementType));
        const uint32_t shown = std::min<uint32_t>(s->elementCount, kPreviewElements);
        const auto bytes = m_dump->core().readSram(x, y, s->address,
                                                   std::min<uint32_t>(s->sizeBytes, shown * size));
        QStringList values;
        for (uint32_t e = 0; e < shown && (e + 1) * size <= bytes.size(); ++e)
            values << QString::fromStdString(
                debug::formatElement(s->elementType, bytes.data() + e * size));
        QString text = values.join(QStringLiteral(", "));
        if (s->elementCount > shown)
            text += QStringLiteral(", …");
        if (s->elementCount != 1)
            text = QStringLiteral("[") + text + QStringLiteral("]");
        m_rows.push_back({s, text});
    }
}

int PeSymbolModel::rowOf(const QString& symbol) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (QString::fromStdString(m_rows[i].symbol->name) == symbol)
            return int(i);
    return -1;
}

QVariant PeSymbolModel::data(const QModelIndex& index, int role) const {
    if (!valid(index))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const sim::Symbol& s = *row.symbol;
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Name:
            return QString::fromStdString(s.name);
        case Address:
            return QStringLiteral("0x%1").arg(s.address, 4, 16, QLatin1Char('0'));
        case Type:
            return QString::fromLatin1(sim::typeName(s.elementType));
        case Elements:
            return s.elementCount;
        case Value:
            return row.value;
        }
    }
    if (role == AddressRole)
        return s.address;
    return {};
}

// ------------------------------------------------------------------ PeTraceModel

QStringList PeTraceModel::headers() const {
    return {tr("Trace"), tr("Entry"), tr("Type"), tr("Value")};
}

void PeTraceModel::reload() {
    m_rows.clear();
    m_error.clear();
    if (!m_dump)
        return;
    const uint32_t x = uint32_t(m_pe.x()), y = uint32_t(m_pe.y());
    for (const std::string& key : debug::traceKeys(m_dump->classAt(x, y))) {
        try {
            // Rectangle coordinates to the ones this dump takes (fabric, or an SdkLayout
            // program's own).
            const auto entries =
                m_dump->read_trace(x + m_dump->originX(), y + m_dump->originY(), key);
            for (size_t i = 0; i < entries.size(); ++i) {
                Row row{QString::fromStdString(key), {}, {}, int(i)};
                std::visit(
                    [&row](const auto& v) {
                        using T = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<T, bool>) {
                            row.type = QStringLiteral("bool");
                            row.value = v ? QStringLiteral("true") : QStringLiteral("false");
                        } else if constexpr (std::is_same_v<T, int64_t>) {
                            row.type = QStringLiteral("int");
                            row.value = QString::number(v);
                        } else if constexpr (std::is_same_v<T, uint64_t>) {
                            row.type = QStringLiteral("uint");
                            row.value = QString::number(v);
                        } else if constexpr (std::is_same_v<T, double>) {
                            row.type = QStringLiteral("float");
                            row.value = QString::number(v, 'g', 9);
                        } else {
                            row.type = QStringLiteral("string");
                            row.value = QString::fromStdString(v);
                        }
                    },
                    entries[i]);
                m_rows.push_back(row);
            }
        } catch (const debug::DebugError& e) {
            m_error = QString::fromUtf8(e.what());
        }
    }
}

QVariant PeTraceModel::data(const QModelIndex& index, int role) const {
    if (!valid(index) || role != Qt::DisplayRole)
        return {};
    const Row& row = m_rows[size_t(index.row())];
    switch (Column(index.column())) {
    case Key:
        return row.key;
    case Index:
        return row.index;
    case Type:
        return row.type;
    case Value:
        return row.value;
    }
    return {};
}

} // namespace tessera
