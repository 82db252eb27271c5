#include "backend/artifact/program_file.h"

#include "tessera/program.pb.h"

#include <google/protobuf/arena.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <unordered_map>

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
    out->set_save_address(in.saveAddress);
    if (in.priority >= 0)
        out->set_priority(in.priority);
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
    if (in.microthreadReg != sim::kNoReg)
        out->set_microthread_reg(in.microthreadReg);
    if (in.resultReg != sim::kNoReg)
        out->set_result_reg(in.resultReg);
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
    f->set_has_limit1(in.filter.hasLimit1);
    f->set_has_limit2(in.filter.hasLimit2);
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
        fifo->set_empty_action(uint32_t(f.emptyAction));
        fifo->set_full_action(uint32_t(f.fullAction));
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
        if (e.pointerAddress >= 0)
            ex->set_pointer_address(uint32_t(e.pointerAddress));
    }
    out->set_memory_bytes(in.memoryBytes);
    out->set_init_function(in.initFunction);
    if (in.controlTable.separate) {
        auto* table = out->mutable_control_table();
        table->set_separate(true);
        table->set_stride(in.controlTable.stride);
        for (uint8_t t : in.controlTable.queueTable)
            table->add_queue_table(t);
        for (int32_t f : in.controlTable.functions)
            table->add_functions(f);
    }
    for (const sim::RotatingTasks& rt : in.rotatingTasks) {
        auto* rotating = out->add_rotating_tasks();
        rotating->set_data_task(rt.dataTask);
        rotating->set_limit(rt.limit);
        rotating->set_init(rt.init);
        rotating->set_alt_function(rt.altFunction);
    }
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

constexpr uint32_t kLastOp = uint32_t(sim::Op::DsrAdvance); // the last Op in sim/program.h
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
    out.kind = r.enumValue<sim::DsdKind>(in.kind(), uint32_t(sim::DsdKind::CircBuf), "dsd.kind");
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
    out.saveAddress = in.save_address();
    if (in.has_priority()) {
        if (in.priority() < 0 || in.priority() > 2)
            r.fail("dsd.priority " + std::to_string(in.priority()) +
                   " is not a microthread priority (0 high, 1 medium, 2 low)");
        out.priority = int8_t(in.priority());
    }
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
    if (in.has_microthread_reg())
        out.microthreadReg = r.narrow<uint16_t>(in.microthread_reg(), "dsd_op.microthread_reg");
    if (in.has_result_reg())
        out.resultReg = r.narrow<uint16_t>(in.result_reg(), "dsd_op.result_reg");
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
    out.filter.hasLimit1 = f.has_limit1();
    out.filter.hasLimit2 = f.has_limit2();
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
    for (const auto& f : in.fifos()) {
        constexpr auto kLastAction = uint32_t(sim::FifoAction::Fault);
        out.fifos.push_back(
            {f.base_address(), f.capacity_bytes(), f.element_bytes(),
             r.narrow<int8_t>(f.activate_push(), "fifo.activate_push"),
             r.narrow<int8_t>(f.activate_pop(), "fifo.activate_pop"),
             r.enumValue<sim::FifoAction>(f.empty_action(), kLastAction, "fifo.empty_action"),
             r.enumValue<sim::FifoAction>(f.full_action(), kLastAction, "fifo.full_action")});
    }
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
        out.exports.push_back({e.name(), e.is_function(), e.address(), e.function(),
                               e.has_pointer_address() ? int32_t(e.pointer_address()) : -1});
    out.memoryBytes = in.memory_bytes();
    out.initFunction = in.init_function();
    if (in.has_control_table()) {
        const auto& table = in.control_table();
        if (table.queue_table_size() != 8 || table.functions_size() != sim::kNumTaskIds)
            r.fail("class " + out.file + " has a control task table of " +
                   std::to_string(table.queue_table_size()) + " queues and " +
                   std::to_string(table.functions_size()) + " entries, expected 8 and " +
                   std::to_string(sim::kNumTaskIds));
        out.controlTable.separate = table.separate();
        out.controlTable.stride = r.narrow<uint8_t>(table.stride(), "control_table.stride");
        for (int i = 0; i < 8; ++i)
            out.controlTable.queueTable[size_t(i)] =
                r.narrow<uint8_t>(table.queue_table(i), "control_table.queue_table");
        for (int i = 0; i < sim::kNumTaskIds; ++i)
            out.controlTable.functions[size_t(i)] = table.functions(i);
    }
    for (const auto& rt : in.rotating_tasks())
        out.rotatingTasks.push_back({r.narrow<uint8_t>(rt.data_task(), "rotating_tasks.data_task"),
                                     rt.alt_function(),
                                     r.narrow<uint16_t>(rt.limit(), "rotating_tasks.limit"),
                                     r.narrow<uint16_t>(rt.init(), "rotating_tasks.init")});
    return out;
}

} // namespace

namespace {

// A structure change in sim/program.h needs a new program file version too.
static_assert(sim::FabricProgram::kFormatVersion == 1,
              "sim/program.h changed: bump artifact::kProgramFileVersion with it");

bool sameColor(const sim::ColorConfig& a, const sim::ColorConfig& b) {
    const auto& fa = a.filter;
    const auto& fb = b.filter;
    for (size_t i = 0; i < a.switchPositions.size(); ++i)
        if (a.switchPositions[i].rx != b.switchPositions[i].rx ||
            a.switchPositions[i].tx != b.switchPositions[i].tx)
            return false;
    return a.rx == b.rx && a.tx == b.tx && a.currentSwitchPosition == b.currentSwitchPosition &&
           a.ringMode == b.ringMode && a.popMode == b.popMode && a.colorSwapX == b.colorSwapX &&
           a.colorSwapY == b.colorSwapY && a.teardown == b.teardown && fa.kind == fb.kind &&
           fa.countData == fb.countData && fa.countControl == fb.countControl &&
           fa.filterControl == fb.filterControl && fa.initCounter == fb.initCounter &&
           fa.limit1 == fb.limit1 && fa.limit2 == fb.limit2 && fa.maxCounter == fb.maxCounter &&
           fa.minIdx == fb.minIdx && fa.maxIdx == fb.maxIdx && fa.hasLimit1 == fb.hasLimit1 &&
           fa.hasLimit2 == fb.hasLimit2;
}

bool samePe(const sim::PeConfig& a, const sim::PeConfig& b) {
    if (a.codeClass != b.codeClass || a.colors.size() != b.colors.size())
        return false;
    for (size_t i = 0; i < a.colors.size(); ++i)
        if (a.colors[i].first != b.colors[i].first ||
            !sameColor(a.colors[i].second, b.colors[i].second))
            return false;
    return true;
}

// A PE configuration's serialised bytes: the key of the distinct-configuration table.
std::string peBytes(const sim::PeConfig& config) {
    pb::PeConfig p;
    p.set_code_class(config.codeClass);
    for (const auto& [color, colorConfig] : config.colors)
        toProto(colorConfig, color, p.add_colors());
    std::string bytes;
    if (!p.SerializeToString(&bytes))
        throw ArtifactError("a PE configuration could not be serialised");
    return bytes;
}

void appendVarint(std::string& out, uint64_t n) {
    for (;; n >>= 7) {
        if (n < 0x80) {
            out += char(n);
            return;
        }
        out += char((n & 0x7f) | 0x80);
    }
}

void appendLengthDelimited(std::string& out, int field, std::string_view payload) {
    appendVarint(out, uint64_t(field) << 3 | 2);
    appendVarint(out, payload.size());
    out += payload;
}

// The distinct PE configurations (first use first) and each PE's index among them. Most
// PEs repeat the PE above or the one two to the left (alternating colors), which are
// compared directly; the rest are found by their bytes.
struct PeTable {
    std::vector<std::string> distinct; // serialised pb::PeConfig
    std::string indices;               // packed varints, one per PE
};

PeTable peTableOf(const sim::FabricProgram& program) {
    PeTable table;
    std::unordered_map<std::string, uint32_t> indexOfBytes;
    std::vector<uint32_t> indexOfPe(program.pes.size());
    const size_t width = std::max<size_t>(program.width, 1); // only guides the guesses
    table.indices.reserve(program.pes.size());
    for (size_t i = 0; i < program.pes.size(); ++i) {
        const sim::PeConfig& pe = program.pes[i];
        uint32_t index;
        if (i >= width && samePe(pe, program.pes[i - width]))
            index = indexOfPe[i - width];
        else if (i % width >= 1 && samePe(pe, program.pes[i - 1]))
            index = indexOfPe[i - 1];
        else if (i % width >= 2 && samePe(pe, program.pes[i - 2]))
            index = indexOfPe[i - 2];
        else {
            std::string bytes = peBytes(pe);
            auto [it, added] = indexOfBytes.try_emplace(bytes, uint32_t(table.distinct.size()));
            if (added)
                table.distinct.push_back(std::move(bytes));
            index = it->second;
        }
        indexOfPe[i] = index;
        appendVarint(table.indices, index);
    }
    return table;
}

} // namespace

std::string serializeProgram(const sim::FabricProgram& program) {
    // One FabricProgram message in field-number order, written piece by piece: the
    // fields up to `classes`, those after, then each distinct PE config as its own field
    // 15 and the packed indices as field 16. A message holding every PE config of a full
    // wafer took 2 GB before it was serialised (issue 3); a program whose PEs all differ
    // still never builds one.
    pb::FabricProgram head;
    head.set_format_version(kProgramFileVersion);
    head.set_producer("tessera");
    head.set_arch(uint32_t(program.arch));
    head.set_fp16_format(uint32_t(program.fp16Format));
    head.set_fabric_width(program.fabricWidth);
    head.set_fabric_height(program.fabricHeight);
    head.set_offset_x(program.offsetX);
    head.set_offset_y(program.offsetY);
    head.set_width(program.width);
    head.set_height(program.height);
    for (const auto& c : program.classes)
        toProto(c, head.add_classes());
    for (const auto& s : program.hostSymbols) {
        auto* h = head.add_host_symbols();
        h->set_id(s.id);
        h->set_name(s.name);
        h->set_kind(uint32_t(s.kind));
        h->set_element_type(uint32_t(s.elementType));
        h->set_mutable_from_host(s.mutableFromHost);
        h->set_scalar(s.scalar);
        for (auto t : s.inputs)
            h->add_inputs(uint32_t(t));
        for (const std::string& n : s.inputNames)
            h->add_input_names(n);
    }
    auto* m = head.mutable_memcpy();
    m->set_enabled(program.memcpy.enabled);
    m->set_channels(program.memcpy.channels);
    m->set_west_buffer(program.memcpy.westBuffer);
    m->set_east_buffer(program.memcpy.eastBuffer);
    for (auto c : program.memcpy.h2dColors)
        m->add_h2d_colors(c);
    for (auto c : program.memcpy.d2hColors)
        m->add_d2h_colors(c);
    for (const auto& f : program.sourceFiles)
        head.add_source_files(f);

    const auto tooLarge = [] {
        return ArtifactError("program could not be serialised (larger than 2 GiB?)");
    };
    std::string bytes;
    if (!head.AppendToString(&bytes))
        throw tooLarge();
    static_assert(pb::FabricProgram::kPeConfigsFieldNumber == 15 &&
                  pb::FabricProgram::kPeConfigOfFieldNumber == 16);
    const PeTable table = peTableOf(program);
    for (const auto& pe : table.distinct)
        appendLengthDelimited(bytes, 15, pe);
    if (!table.indices.empty()) // packed, as proto3 writes repeated scalars
        appendLengthDelimited(bytes, 16, table.indices);
    if (bytes.size() > size_t(INT32_MAX))
        throw tooLarge();
    return bytes;
}

namespace {

sim::PeConfig peFromProto(const pb::PeConfig& p, size_t classCount, const Reader& r) {
    sim::PeConfig pe;
    if (p.code_class() >= classCount)
        r.fail("a PE names code class " + std::to_string(p.code_class()) + " of " +
               std::to_string(classCount));
    pe.codeClass = p.code_class();
    pe.colors.reserve(size_t(p.colors_size()));
    for (const auto& c : p.colors()) {
        if (c.color() >= uint32_t(sim::kNumColors))
            r.fail("color " + std::to_string(c.color()) + " is not a routable color (0.." +
                   std::to_string(sim::kNumColors - 1) + ")");
        pe.colors.emplace_back(uint8_t(c.color()), fromProto(c, r));
    }
    return pe;
}

} // namespace

std::shared_ptr<sim::FabricProgram> parseProgram(const std::string& bytes,
                                                 const std::string& what) {
    Reader r(what);
    // An arena: a version 1 file holds one message per PE, which are freed at once.
    google::protobuf::Arena arena;
    auto& in = *google::protobuf::Arena::CreateMessage<pb::FabricProgram>(&arena);
    if (!in.ParseFromString(bytes))
        r.fail("not a Tessera program (protobuf parse failed)");
    const uint32_t version = in.format_version();
    if (version == 0)
        r.fail("format_version is missing");
    if (version < kProgramFileVersionOldest || version > kProgramFileVersion)
        r.fail("format_version " + std::to_string(version) + " is not one this build reads (" +
               std::to_string(kProgramFileVersionOldest) + " to " +
               std::to_string(kProgramFileVersion) + ")" +
               (version > kProgramFileVersion ? "; recompile with this cslc" : ""));
    auto out = std::make_shared<sim::FabricProgram>();
    out->arch = r.enumValue<sim::Arch>(in.arch(), uint32_t(sim::Arch::Wse3), "arch");
    out->fp16Format = r.enumValue<sim::Fp16Format>(in.fp16_format(),
                                                   uint32_t(sim::Fp16Format::Cb16), "fp16_format");
    out->fabricWidth = in.fabric_width();
    out->fabricHeight = in.fabric_height();
    out->offsetX = in.offset_x();
    out->offsetY = in.offset_y();
    out->width = in.width();
    out->height = in.height();
    for (const auto& c : in.classes())
        out->classes.push_back(fromProto(c, r));
    const uint64_t peCount = uint64_t(out->width) * out->height;
    const auto rectangle = [&] {
        return std::to_string(out->width) + "x" + std::to_string(out->height) + " rectangle";
    };
    if (version == 1) {
        if (in.pe_configs_size() != 0 || in.pe_config_of_size() != 0)
            r.fail("a format_version 1 file has version 2 PE tables");
        if (uint64_t(in.pes_size()) != peCount)
            r.fail(std::to_string(in.pes_size()) + " PE configurations for a " + rectangle());
        out->pes.reserve(size_t(in.pes_size()));
        for (const auto& p : in.pes())
            out->pes.push_back(peFromProto(p, out->classes.size(), r));
    } else {
        if (in.pes_size() != 0)
            r.fail("a format_version " + std::to_string(version) +
                   " file has per-PE configurations (field pes)");
        if (uint64_t(in.pe_config_of_size()) != peCount)
            r.fail(std::to_string(in.pe_config_of_size()) + " PE configuration indices for a " +
                   rectangle());
        std::vector<sim::PeConfig> distinct;
        distinct.reserve(size_t(in.pe_configs_size()));
        for (const auto& p : in.pe_configs())
            distinct.push_back(peFromProto(p, out->classes.size(), r));
        out->pes.reserve(size_t(peCount));
        const auto& indices = in.pe_config_of();
        for (int i = 0; i < indices.size(); ++i) {
            const uint32_t index = indices.Get(i);
            if (index >= distinct.size())
                r.fail("PE (" + std::to_string(uint32_t(i) % out->width) + "," +
                       std::to_string(uint32_t(i) / out->width) + ") names PE configuration " +
                       std::to_string(index) + " of " + std::to_string(distinct.size()));
            out->pes.push_back(distinct[index]);
        }
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
        s.scalar = h.scalar();
        for (auto t : h.inputs())
            s.inputs.push_back(r.enumValue<sim::ScalarType>(t, kLastType, "host_symbol.inputs"));
        s.inputNames.assign(h.input_names().begin(), h.input_names().end());
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
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw ArtifactError(path + ": cannot open for reading");
    // One read into a string of the file's size (a stringstream copied it twice).
    const std::streamoff size = in.tellg();
    if (size < 0)
        throw ArtifactError(path + ": read error");
    std::string bytes(size_t(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size))
        throw ArtifactError(path + ": read error");
    return bytes;
}

void writeTemporaryFile(const std::string& path, const std::string& bytes) {
    const std::string temp = path + ".tmp";
    // The reason (Permission denied, No space left on device, Is a directory) is what the
    // user acts on; a failed write leaves no half-written temporary behind.
    auto fail = [&](const char* what, int error) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw ArtifactError(path + ": " + what + ": " + std::strerror(error));
    };
    errno = 0;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
        fail("cannot open for writing", errno ? errno : EIO);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out.flush())
        fail("write error", errno ? errno : EIO);
    out.close();
    if (out.fail())
        fail("write error", errno ? errno : EIO);
}

void replaceWithTemporaryFile(const std::string& path) {
    std::error_code ec;
    std::filesystem::rename(path + ".tmp", path, ec);
    if (ec)
        throw ArtifactError(path + ": " + ec.message());
}

void writeWholeFile(const std::string& path, const std::string& bytes) {
    writeTemporaryFile(path, bytes);
    replaceWithTemporaryFile(path);
}

void writeProgramFile(const std::string& path, const sim::FabricProgram& program) {
    writeWholeFile(path, serializeProgram(program));
}

std::shared_ptr<sim::FabricProgram> readProgramFile(const std::string& path) {
    return parseProgram(readWholeFile(path), path);
}

} // namespace artifact
