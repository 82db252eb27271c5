#include "backend/artifact/program_file.h"

#include "tessera/program.pb.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace artifact {
namespace pb = tessera::program;

namespace {

pb::Instr toProto(const sim::Instr& in) {
    pb::Instr out;
    out.set_op(uint32_t(in.op));
    out.set_type(uint32_t(in.type));
    out.set_dst(in.dst);
    out.set_a(in.a);
    out.set_b(in.b);
    out.set_imm(in.imm);
    return out;
}

void toProto(const sim::Function& in, pb::Function* out) {
    out->set_name(in.name);
    out->set_num_params(in.numParams);
    for (auto t : in.paramTypes)
        out->add_param_types(uint32_t(t));
    out->set_num_regs(in.numRegs);
    out->set_num_dsd_regs(in.numDsdRegs);
    out->set_return_type(uint32_t(in.returnType));
    out->mutable_code()->Reserve(int(in.code.size()));
    for (const auto& i : in.code)
        *out->add_code() = toProto(i);
    for (const auto& l : in.locs) {
        auto* loc = out->add_locs();
        loc->set_file(l.file);
        loc->set_line(l.line);
        loc->set_column(l.column);
    }
}

void toProto(const sim::Dsd& in, pb::Dsd* out) {
    out->set_kind(uint32_t(in.kind));
    out->set_rank(in.rank);
    out->set_base_address(in.baseAddress);
    for (auto e : in.extent)
        out->add_extent(e);
    for (auto s : in.strideBytes)
        out->add_stride_bytes(s);
    out->set_color(in.color);
    out->set_queue(in.queue);
    out->set_control(in.control);
    out->set_control_transform(in.controlTransform);
    out->set_advance_switch(in.advanceSwitch);
    out->set_simd_mode(in.simdMode);
    out->set_wavelet_index_offset(in.waveletIndexOffset);
    out->set_fifo(in.fifo);
    out->set_element_bytes(in.elementBytes);
}

void toProto(const sim::DsdOperand& in, pb::DsdOperand* out) {
    out->set_kind(uint32_t(in.kind));
    out->set_reg(in.reg);
}

void toProto(const sim::DsdOpDesc& in, pb::DsdOpDesc* out) {
    out->set_op(uint32_t(in.op));
    toProto(in.dst, out->mutable_dst());
    toProto(in.src0, out->mutable_src0());
    toProto(in.src1, out->mutable_src1());
    toProto(in.src2, out->mutable_src2());
    out->set_async(in.async);
    out->set_activate_task(in.activateTask);
    out->set_unblock_task(in.unblockTask);
    out->set_on_control(uint32_t(in.onControl));
    out->set_on_control_task(in.onControlTask);
    out->set_microthread(in.microthread);
    out->set_priority(in.priority);
    if (in.indexReg != sim::kNoReg)
        out->set_index_reg(in.indexReg);
}

void toProto(const sim::ColorConfig& in, uint8_t color, pb::ColorConfig* out) {
    out->set_color(color);
    out->set_rx(in.rx);
    out->set_tx(in.tx);
    for (const auto& p : in.switchPositions) {
        auto* sp = out->add_switch_positions();
        sp->set_rx(p.rx);
        sp->set_tx(p.tx);
    }
    out->set_current_switch_position(in.currentSwitchPosition);
    out->set_ring_mode(in.ringMode);
    out->set_pop_mode(uint32_t(in.popMode));
    out->set_color_swap_x(in.colorSwapX);
    out->set_color_swap_y(in.colorSwapY);
    out->set_teardown(in.teardown);
    auto* f = out->mutable_filter();
    f->set_kind(uint32_t(in.filter.kind));
    f->set_count_data(in.filter.countData);
    f->set_count_control(in.filter.countControl);
    f->set_filter_control(in.filter.filterControl);
    f->set_init_counter(in.filter.initCounter);
    f->set_limit1(in.filter.limit1);
    f->set_limit2(in.filter.limit2);
    f->set_max_counter(in.filter.maxCounter);
    f->set_min_idx(in.filter.minIdx);
    f->set_max_idx(in.filter.maxIdx);
}

void toProto(const sim::CodeClass& in, pb::CodeClass* out) {
    out->set_file(in.file);
    out->set_params_key(in.paramsKey);
    for (const auto& f : in.functions)
        toProto(f, out->add_functions());
    for (auto c : in.constants)
        out->add_constants(c);
    for (const auto& d : in.dsdConstants)
        toProto(d, out->add_dsd_constants());
    for (const auto& op : in.dsdOps)
        toProto(op, out->add_dsd_ops());
    for (const auto& s : in.strings)
        out->add_strings(s);
    for (const auto& f : in.fifos) {
        auto* fifo = out->add_fifos();
        fifo->set_base_address(f.baseAddress);
        fifo->set_capacity_bytes(f.capacityBytes);
        fifo->set_element_bytes(f.elementBytes);
        fifo->set_activate_push(f.activatePush);
        fifo->set_activate_pop(f.activatePop);
    }
    for (const auto& t : in.tasks) {
        auto* task = out->add_tasks();
        task->set_kind(uint32_t(t.kind));
        task->set_function(t.function);
        task->set_color(t.color);
        task->set_input_queue(t.inputQueue);
        task->set_initially_blocked(t.initiallyBlocked);
    }
    for (auto c : in.inputQueueColor)
        out->add_input_queue_color(c);
    for (auto c : in.outputQueueColor)
        out->add_output_queue_color(c);
    for (const auto& d : in.data) {
        auto* init = out->add_data();
        init->set_address(d.address);
        init->set_bytes(std::string(d.bytes.begin(), d.bytes.end()));
    }
    for (const auto& s : in.symbols) {
        auto* sym = out->add_symbols();
        sym->set_name(s.name);
        sym->set_address(s.address);
        sym->set_size_bytes(s.sizeBytes);
        sym->set_element_type(uint32_t(s.elementType));
        sym->set_element_count(s.elementCount);
    }
    for (const auto& e : in.exports) {
        auto* ex = out->add_exports();
        ex->set_name(e.name);
        ex->set_is_function(e.isFunction);
        ex->set_address(e.address);
        ex->set_function(e.function);
    }
    out->set_memory_bytes(in.memoryBytes);
    out->set_init_function(in.initFunction);
}

// Reading: every enum and index is range-checked so a damaged file is an error
// naming the field, never an out-of-range value handed to the simulator.
class Reader {
  public:
    explicit Reader(std::string what) : what_(std::move(what)) {}

    template <typename E> E enumValue(uint32_t raw, uint32_t last, const char* field) const {
        if (raw > last)
            fail(std::string(field) + " has value " + std::to_string(raw) + ", expected 0.." +
                 std::to_string(last));
        return E(raw);
    }
    template <typename T> T narrow(int64_t raw, const char* field) const {
        if (raw < int64_t(std::numeric_limits<T>::min()) ||
            raw > int64_t(std::numeric_limits<T>::max()))
            fail(std::string(field) + " value " + std::to_string(raw) + " is out of range");
        return T(raw);
    }
    [[noreturn]] void fail(const std::string& message) const {
        throw ArtifactError(what_ + ": invalid program file: " + message);
    }

  private:
    std::string what_;
};

constexpr uint32_t kLastOp = uint32_t(sim::Op::DsdGet); // the last Op in sim/program.h
constexpr uint32_t kLastType = uint32_t(sim::ScalarType::F32);
constexpr uint32_t kLastDsdOp = uint32_t(sim::DsdOpKind::Dfilt);

sim::Function fromProto(const pb::Function& in, const Reader& r) {
    sim::Function out;
    out.name = in.name();
    out.numParams = r.narrow<uint16_t>(in.num_params(), "function.num_params");
    for (auto t : in.param_types())
        out.paramTypes.push_back(
            r.enumValue<sim::ScalarType>(t, kLastType, "function.param_types"));
    out.numRegs = r.narrow<uint16_t>(in.num_regs(), "function.num_regs");
    out.numDsdRegs = r.narrow<uint16_t>(in.num_dsd_regs(), "function.num_dsd_regs");
    out.returnType =
        r.enumValue<sim::ScalarType>(in.return_type(), kLastType, "function.return_type");
    out.code.reserve(size_t(in.code_size()));
    for (const auto& i : in.code()) {
        sim::Instr instr;
        instr.op = r.enumValue<sim::Op>(i.op(), kLastOp, "instr.op");
        instr.type = r.enumValue<sim::ScalarType>(i.type(), kLastType, "instr.type");
        instr.dst = r.narrow<uint16_t>(i.dst(), "instr.dst");
        instr.a = r.narrow<uint16_t>(i.a(), "instr.a");
        instr.b = r.narrow<uint16_t>(i.b(), "instr.b");
        instr.imm = i.imm();
        out.code.push_back(instr);
    }
    for (const auto& l : in.locs())
        out.locs.push_back({r.narrow<uint16_t>(l.file(), "loc.file"), l.line(),
                            r.narrow<uint16_t>(l.column(), "loc.column")});
    if (!out.locs.empty() && out.locs.size() != out.code.size())
        r.fail("function " + out.name + " has " + std::to_string(out.locs.size()) +
               " source locations for " + std::to_string(out.code.size()) + " instructions");
    return out;
}

sim::Dsd fromProto(const pb::Dsd& in, const Reader& r) {
    sim::Dsd out;
    out.kind = r.enumValue<sim::DsdKind>(in.kind(), uint32_t(sim::DsdKind::Fifo), "dsd.kind");
    out.rank = r.narrow<uint8_t>(in.rank(), "dsd.rank");
    out.baseAddress = in.base_address();
    if (in.extent_size() > 4 || in.stride_bytes_size() > 4)
        r.fail("dsd has more than 4 dimensions");
    for (int i = 0; i < in.extent_size(); ++i)
        out.extent[size_t(i)] = in.extent(i);
    for (int i = 0; i < in.stride_bytes_size(); ++i)
        out.strideBytes[size_t(i)] = in.stride_bytes(i);
    out.color = r.narrow<uint8_t>(in.color(), "dsd.color");
    out.queue = r.narrow<uint8_t>(in.queue(), "dsd.queue");
    out.control = in.control();
    out.controlTransform = in.control_transform();
    out.advanceSwitch = in.advance_switch();
    out.simdMode = r.narrow<uint8_t>(in.simd_mode(), "dsd.simd_mode");
    out.waveletIndexOffset =
        r.narrow<int16_t>(in.wavelet_index_offset(), "dsd.wavelet_index_offset");
    out.fifo = r.narrow<uint16_t>(in.fifo(), "dsd.fifo");
    out.elementBytes = r.narrow<uint8_t>(in.element_bytes(), "dsd.element_bytes");
    return out;
}

sim::DsdOperand fromProto(const pb::DsdOperand& in, const Reader& r) {
    sim::DsdOperand out;
    out.kind = r.enumValue<sim::DsdOperand::Kind>(
        in.kind(), uint32_t(sim::DsdOperand::Kind::Pointer), "dsd_operand.kind");
    out.reg = r.narrow<uint16_t>(in.reg(), "dsd_operand.reg");
    return out;
}

sim::DsdOpDesc fromProto(const pb::DsdOpDesc& in, const Reader& r) {
    sim::DsdOpDesc out;
    out.op = r.enumValue<sim::DsdOpKind>(in.op(), kLastDsdOp, "dsd_op.op");
    out.dst = fromProto(in.dst(), r);
    out.src0 = fromProto(in.src0(), r);
    out.src1 = fromProto(in.src1(), r);
    out.src2 = fromProto(in.src2(), r);
    out.async = in.async();
    out.activateTask = r.narrow<int8_t>(in.activate_task(), "dsd_op.activate_task");
    out.unblockTask = r.narrow<int8_t>(in.unblock_task(), "dsd_op.unblock_task");
    out.onControl = r.enumValue<sim::DsdOpDesc::OnControl>(
        in.on_control(), uint32_t(sim::DsdOpDesc::OnControl::Unblock), "dsd_op.on_control");
    out.onControlTask = r.narrow<int8_t>(in.on_control_task(), "dsd_op.on_control_task");
    out.microthread = r.narrow<int8_t>(in.microthread(), "dsd_op.microthread");
    out.priority = r.narrow<int8_t>(in.priority(), "dsd_op.priority");
    if (in.has_index_reg())
        out.indexReg = r.narrow<uint16_t>(in.index_reg(), "dsd_op.index_reg");
    return out;
}

sim::ColorConfig fromProto(const pb::ColorConfig& in, const Reader& r) {
    sim::ColorConfig out;
    out.rx = r.narrow<uint8_t>(in.rx(), "color_config.rx");
    out.tx = r.narrow<uint8_t>(in.tx(), "color_config.tx");
    if (in.switch_positions_size() > 3)
        r.fail("color config has more than 3 switch positions");
    for (int i = 0; i < in.switch_positions_size(); ++i)
        out.switchPositions[size_t(i)] = {
            r.narrow<uint8_t>(in.switch_positions(i).rx(), "switch_position.rx"),
            r.narrow<uint8_t>(in.switch_positions(i).tx(), "switch_position.tx")};
    out.currentSwitchPosition =
        r.narrow<uint8_t>(in.current_switch_position(), "color_config.current_switch_position");
    out.ringMode = in.ring_mode();
    out.popMode = r.enumValue<sim::ColorConfig::PopMode>(
        in.pop_mode(), uint32_t(sim::ColorConfig::PopMode::PopOnAdvanceNop),
        "color_config.pop_mode");
    out.colorSwapX = in.color_swap_x();
    out.colorSwapY = in.color_swap_y();
    out.teardown = in.teardown();
    const auto& f = in.filter();
    out.filter.kind = r.enumValue<sim::FilterConfig::Kind>(
        f.kind(), uint32_t(sim::FilterConfig::Kind::Range), "filter.kind");
    out.filter.countData = f.count_data();
    out.filter.countControl = f.count_control();
    out.filter.filterControl = f.filter_control();
    out.filter.initCounter = r.narrow<uint16_t>(f.init_counter(), "filter.init_counter");
    out.filter.limit1 = r.narrow<uint16_t>(f.limit1(), "filter.limit1");
    out.filter.limit2 = r.narrow<uint16_t>(f.limit2(), "filter.limit2");
    out.filter.maxCounter = r.narrow<uint16_t>(f.max_counter(), "filter.max_counter");
    out.filter.minIdx = r.narrow<uint16_t>(f.min_idx(), "filter.min_idx");
    out.filter.maxIdx = r.narrow<uint16_t>(f.max_idx(), "filter.max_idx");
    return out;
}

template <typename T, size_t N, typename Repeated>
void fillArray(std::array<T, N>& out, const Repeated& in, const char* field, const Reader& r) {
    if (in.size() != 0 && size_t(in.size()) != N)
        r.fail(std::string(field) + " has " + std::to_string(in.size()) + " entries, expected " +
               std::to_string(N));
    for (int i = 0; i < in.size(); ++i)
        out[size_t(i)] = r.narrow<T>(in.Get(i), field);
}

sim::CodeClass fromProto(const pb::CodeClass& in, const Reader& r) {
    sim::CodeClass out;
    out.file = in.file();
    out.paramsKey = in.params_key();
    for (const auto& f : in.functions())
        out.functions.push_back(fromProto(f, r));
    out.constants.assign(in.constants().begin(), in.constants().end());
    for (const auto& d : in.dsd_constants())
        out.dsdConstants.push_back(fromProto(d, r));
    for (const auto& op : in.dsd_ops())
        out.dsdOps.push_back(fromProto(op, r));
    out.strings.assign(in.strings().begin(), in.strings().end());
    for (const auto& f : in.fifos())
        out.fifos.push_back({f.base_address(), f.capacity_bytes(), f.element_bytes(),
                             r.narrow<int8_t>(f.activate_push(), "fifo.activate_push"),
                             r.narrow<int8_t>(f.activate_pop(), "fifo.activate_pop")});
    if (in.tasks_size() != 0 && in.tasks_size() != sim::kNumTaskIds)
        r.fail("class " + out.file + " has " + std::to_string(in.tasks_size()) +
               " task bindings, expected " + std::to_string(sim::kNumTaskIds));
    for (int i = 0; i < in.tasks_size(); ++i) {
        const auto& t = in.tasks(i);
        auto& task = out.tasks[size_t(i)];
        task.kind =
            r.enumValue<sim::TaskKind>(t.kind(), uint32_t(sim::TaskKind::Control), "task.kind");
        task.function = t.function();
        task.color = r.narrow<uint8_t>(t.color(), "task.color");
        task.inputQueue = r.narrow<int8_t>(t.input_queue(), "task.input_queue");
        task.initiallyBlocked = t.initially_blocked();
        if (task.function >= int32_t(out.functions.size()))
            r.fail("task " + std::to_string(i) + " of class " + out.file + " names function " +
                   std::to_string(task.function) + " of " + std::to_string(out.functions.size()));
    }
    fillArray(out.inputQueueColor, in.input_queue_color(), "input_queue_color", r);
    fillArray(out.outputQueueColor, in.output_queue_color(), "output_queue_color", r);
    for (const auto& d : in.data())
        out.data.push_back({d.address(), std::vector<uint8_t>(d.bytes().begin(), d.bytes().end())});
    for (const auto& s : in.symbols())
        out.symbols.push_back(
            {s.name(), s.address(), s.size_bytes(),
             r.enumValue<sim::ScalarType>(s.element_type(), kLastType, "symbol.element_type"),
             s.element_count()});
    for (const auto& e : in.exports())
        out.exports.push_back({e.name(), e.is_function(), e.address(), e.function()});
    out.memoryBytes = in.memory_bytes();
    out.initFunction = in.init_function();
    return out;
}

} // namespace

std::string serializeProgram(const sim::FabricProgram& program) {
    // Written piece by piece, in field-number order, with the same bytes as one
    // FabricProgram message: the fields before `pes`, then each PeConfig as its own
    // length-delimited field 11, then the fields after. A message holding all 745,500 PE
    // configs of a full wafer took 2 GB before it was serialised (issue 3).
    pb::FabricProgram head;
    head.set_format_version(sim::FabricProgram::kFormatVersion);
    head.set_producer("tessera");
    head.set_arch(uint32_t(program.arch));
    head.set_fabric_width(program.fabricWidth);
    head.set_fabric_height(program.fabricHeight);
    head.set_offset_x(program.offsetX);
    head.set_offset_y(program.offsetY);
    head.set_width(program.width);
    head.set_height(program.height);
    for (const auto& c : program.classes)
        toProto(c, head.add_classes());
    pb::FabricProgram tail;
    for (const auto& s : program.hostSymbols) {
        auto* h = tail.add_host_symbols();
        h->set_id(s.id);
        h->set_name(s.name);
        h->set_kind(uint32_t(s.kind));
        h->set_element_type(uint32_t(s.elementType));
        h->set_mutable_from_host(s.mutableFromHost);
        for (auto t : s.inputs)
            h->add_inputs(uint32_t(t));
    }
    auto* m = tail.mutable_memcpy();
    m->set_enabled(program.memcpy.enabled);
    m->set_channels(program.memcpy.channels);
    m->set_west_buffer(program.memcpy.westBuffer);
    m->set_east_buffer(program.memcpy.eastBuffer);
    for (auto c : program.memcpy.h2dColors)
        m->add_h2d_colors(c);
    for (auto c : program.memcpy.d2hColors)
        m->add_d2h_colors(c);
    for (const auto& f : program.sourceFiles)
        tail.add_source_files(f);

    const auto tooLarge = [] {
        return ArtifactError("program could not be serialised (larger than 2 GiB?)");
    };
    std::string bytes;
    if (!head.AppendToString(&bytes))
        throw tooLarge();
    static_assert(pb::FabricProgram::kPesFieldNumber == 11);
    constexpr char kPesTag = (11 << 3) | 2; // field 11, length-delimited
    pb::PeConfig p;
    std::string pe;
    for (const auto& config : program.pes) {
        p.Clear();
        p.set_code_class(config.codeClass);
        for (const auto& [color, colorConfig] : config.colors)
            toProto(colorConfig, color, p.add_colors());
        pe.clear();
        if (!p.SerializeToString(&pe))
            throw tooLarge();
        bytes += kPesTag;
        for (uint64_t n = pe.size();; n >>= 7) { // varint length
            if (n < 0x80) {
                bytes += char(n);
                break;
            }
            bytes += char((n & 0x7f) | 0x80);
        }
        bytes += pe;
    }
    if (!tail.AppendToString(&bytes) || bytes.size() > size_t(INT32_MAX))
        throw tooLarge();
    return bytes;
}

std::shared_ptr<sim::FabricProgram> parseProgram(const std::string& bytes,
                                                 const std::string& what) {
    Reader r(what);
    pb::FabricProgram in;
    if (!in.ParseFromString(bytes))
        r.fail("not a Tessera program (protobuf parse failed)");
    if (in.format_version() == 0)
        r.fail("format_version is missing");
    if (in.format_version() > sim::FabricProgram::kFormatVersion)
        r.fail("format_version " + std::to_string(in.format_version()) +
               " is newer than this build reads (" +
               std::to_string(sim::FabricProgram::kFormatVersion) + "); recompile with this cslc");
    auto out = std::make_shared<sim::FabricProgram>();
    out->arch = r.enumValue<sim::Arch>(in.arch(), uint32_t(sim::Arch::Wse3), "arch");
    out->fabricWidth = in.fabric_width();
    out->fabricHeight = in.fabric_height();
    out->offsetX = in.offset_x();
    out->offsetY = in.offset_y();
    out->width = in.width();
    out->height = in.height();
    for (const auto& c : in.classes())
        out->classes.push_back(fromProto(c, r));
    if (uint64_t(in.pes_size()) != uint64_t(out->width) * out->height)
        r.fail(std::to_string(in.pes_size()) + " PE configurations for a " +
               std::to_string(out->width) + "x" + std::to_string(out->height) + " rectangle");
    out->pes.reserve(size_t(in.pes_size()));
    for (const auto& p : in.pes()) {
        sim::PeConfig pe;
        if (p.code_class() >= out->classes.size())
            r.fail("a PE names code class " + std::to_string(p.code_class()) + " of " +
                   std::to_string(out->classes.size()));
        pe.codeClass = p.code_class();
        for (const auto& c : p.colors()) {
            if (c.color() >= uint32_t(sim::kNumColors))
                r.fail("color " + std::to_string(c.color()) + " is not a routable color (0.." +
                       std::to_string(sim::kNumColors - 1) + ")");
            pe.colors.emplace_back(uint8_t(c.color()), fromProto(c, r));
        }
        out->pes.push_back(std::move(pe));
    }
    for (const auto& h : in.host_symbols()) {
        sim::HostSymbol s;
        s.id = r.narrow<uint16_t>(h.id(), "host_symbol.id");
        s.name = h.name();
        s.kind = r.enumValue<sim::HostSymbol::Kind>(h.kind(), uint32_t(sim::HostSymbol::Kind::Func),
                                                    "host_symbol.kind");
        s.elementType =
            r.enumValue<sim::ScalarType>(h.element_type(), kLastType, "host_symbol.element_type");
        s.mutableFromHost = h.mutable_from_host();
        for (auto t : h.inputs())
            s.inputs.push_back(r.enumValue<sim::ScalarType>(t, kLastType, "host_symbol.inputs"));
        out->hostSymbols.push_back(std::move(s));
    }
    const auto& m = in.memcpy();
    out->memcpy.enabled = m.enabled();
    out->memcpy.channels = m.channels();
    out->memcpy.westBuffer = m.west_buffer();
    out->memcpy.eastBuffer = m.east_buffer();
    fillArray(out->memcpy.h2dColors, m.h2d_colors(), "memcpy.h2d_colors", r);
    fillArray(out->memcpy.d2hColors, m.d2h_colors(), "memcpy.d2h_colors", r);
    out->sourceFiles.assign(in.source_files().begin(), in.source_files().end());
    return out;
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ArtifactError(path + ": cannot open for reading");
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad())
        throw ArtifactError(path + ": read error");
    return std::move(s).str();
}

void writeWholeFile(const std::string& path, const std::string& bytes) {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw ArtifactError(path + ": cannot open for writing");
        out.write(bytes.data(), std::streamsize(bytes.size()));
        if (!out.flush())
            throw ArtifactError(path + ": write error");
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec)
        throw ArtifactError(path + ": " + ec.message());
}

void writeProgramFile(const std::string& path, const sim::FabricProgram& program) {
    writeWholeFile(path, serializeProgram(program));
}

std::shared_ptr<sim::FabricProgram> readProgramFile(const std::string& path) {
    return parseProgram(readWholeFile(path), path);
}

} // namespace artifact
