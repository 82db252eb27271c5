// The main thread of a PE: the task picker, host commands that need the CE (launch,
// copy-mode memcpy), and the register bytecode interpreter with its builtins.
#include "sim/fabric_impl.h"

#include "sim/scalar.h"
#include "sim/simprint_format.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace sim {

namespace {

std::string str(uint64_t v) {
    return std::to_string(v);
}

// Scalar instructions run ahead of the global cycle by at most this many cycles;
// instructions that touch anything outside the PE's registers and SRAM wait for it.
constexpr uint64_t kRunAhead = 64;

// How many calls may be in progress on a PE.
constexpr uint64_t kMaxCallDepth = 4096;

const char* opName(Op op) {
    static constexpr const char* names[] = {
        "NOP",      "IMM",   "CONST", "MOV",    "ADD",    "SUB",     "MUL",    "DIV",   "REM",
        "MIN",      "MAX",   "NEG",   "NOT",    "LNOT",   "AND",     "OR",     "XOR",   "SHL",
        "SHR",      "CMPEQ", "CMPNE", "CMPLT",  "CMPLE",  "CMPGT",   "CMPGE",  "CVT",   "BITCAST",
        "LD",       "ST",    "JMP",   "JNZ",    "JZ",     "CALL",    "CALLI",  "RET",   "BUILTIN",
        "DSDCONST", "DSDLD", "DSDST", "DSDMOV", "DSDSET", "DSDEXEC", "DSDGET", "DSRRD", "DSRADV"};
    const size_t i = size_t(op);
    return i < sizeof names / sizeof names[0] ? names[i] : "?";
}

bool interacts(const Instr& in) {
    return in.op == Op::Builtin || in.op == Op::DsdExec;
}

// @activate, @block and @unblock change only this PE's task bits, which nothing reads
// while the main thread runs a task (the picker runs when it is idle). Other writers
// are microthreads finishing ops, whose unblock could race a @block, and the router's
// teardown/flush activations, which commute with them. So with no microthread active
// (none can start before the main thread's next DSD op, which waits for its cycle) they
// run ahead with the scalar code and leave the same bits as at their own cycle. A bad
// task id faults, naming the cycle: such a call waits for its cycle.
bool runsAhead(const Instr& in, const uint64_t* r, const Microthreads& uts) {
    if (in.op != Op::Builtin || in.b < 1 || r[in.a] >= uint64_t(kNumTaskIds))
        return false;
    const BuiltinId id = BuiltinId(in.imm);
    if (id != BuiltinId::Activate && id != BuiltinId::Block && id != BuiltinId::Unblock)
        return false;
    return std::none_of(uts.begin(), uts.end(), [](const OpState& ut) { return ut.active; });
}

// A taken backward jump (a loop's back edge). Every kSpinSampleEdges-th one samples the
// frame's registers: different from the previous sample (or another loop head) is
// progress. The same values at the same loop head are a loop that changes nothing (a
// spin), whose cycles count towards the idle-cycle limit like cycles where nothing runs,
// unless it changes the PE's other state: the first such sample of a run takes the PE's
// fingerprint, which the idle-cycle check compares (a loop drawing random numbers until a
// rare value keeps the same registers for millions of cycles).
constexpr uint32_t kSpinSampleEdges = 64;

void noteBackEdge(Pe& p, const Frame& f, uint16_t numRegs) {
    if (++p.backEdges % kSpinSampleEdges != 0)
        return;
    const uint64_t* r = p.regs.data() + f.regBase;
    if (p.spinSamplePc == f.pc && p.spinSampleActivation == f.activation &&
        p.spinSample.size() == numRegs && std::equal(r, r + numRegs, p.spinSample.begin())) {
        if (p.lastSpin <= p.lastScalarProgress)
            p.spinFingerprint = stateFingerprint(p);
        p.lastSpin = p.mainReadyAt;
        return;
    }
    p.spinSample.assign(r, r + numRegs);
    p.spinSamplePc = f.pc;
    p.spinSampleActivation = f.activation;
    p.lastScalarProgress = p.mainReadyAt;
}

// The byte address a load or store reaches. A PE's addresses are 16 bits: pointer
// arithmetic wraps, so `p[i]` with a u16 index of 65535 is the word before `p` (the SDK's
// spmv-hypersparse walks an index down past 0 and relies on it); it faulted at 131,076.
uint64_t accessAddress(const Instr& in, const uint64_t* r) {
    return ((in.a == kNoReg ? 0 : r[in.a]) + uint64_t(int64_t(in.imm))) & 0xffff;
}

// A load or store above SRAM reaches a memory-mapped register (the WSE-2 router's), so
// it must happen at the PE's own cycle, like a builtin.
bool reachesRegisters(const Instr& in, const uint64_t* r) {
    return (in.op == Op::Load || in.op == Op::Store) && accessAddress(in, r) >= kPeMemoryBytes;
}

// DsdField::AdvanceIfSaved: a DSR loaded with save_address moves past the elements of
// `operandBytes` bytes an operation covered. The DSRs page: it updates "the DSR's base
// address for the outermost (slowest-varying) dimension ... to point one position past the
// end of the range covered" (mem1d: extent[0] element strides; mem4d: its last dimension's
// extent times that dimension's stride; it moved by the innermost one until session 19);
// circbuf: its head moves extent[0] elements, wrapping.
void advanceIfSaved(Dsd& v, uint64_t operandBytes) {
    if (v.saveAddress && v.kind == DsdKind::CircBuf) {
        v.extent[2] = (v.extent[2] + v.extent[0]) % std::max<uint32_t>(1, v.extent[1]);
    } else if (v.saveAddress && (v.kind == DsdKind::Mem1d || v.kind == DsdKind::Mem4d)) {
        const size_t outer =
            v.kind == DsdKind::Mem4d ? size_t(std::clamp<int>(v.rank, 1, 4) - 1) : 0;
        v.baseAddress +=
            uint32_t(int64_t(v.extent[outer]) *
                     (v.strideBytes[outer] / int32_t(dsdElementBytes(v))) * int64_t(operandBytes));
    }
}

uint64_t floatBits(double v, ScalarType t) {
    return fromDouble(v, t);
}

} // namespace

size_t hostIndex(const MemcpyRequest& r, uint32_t rx, uint32_t ry, uint32_t k) {
    const size_t l = r.elementsPerPe;
    switch (r.shape) {
    case MemcpyShape::RowBroadcast:
        return r.order == MemcpyOrder::RowMajor ? ry * l + k : ry + size_t(k) * r.h;
    case MemcpyShape::ColBroadcast:
        return r.order == MemcpyOrder::RowMajor ? rx * l + k : rx + size_t(k) * r.w;
    default:
        break;
    }
    const size_t nx = r.shape == MemcpyShape::Strided ? 1 + (r.w - 1) / r.colStride : r.w;
    const size_t ny = r.shape == MemcpyShape::Strided ? 1 + (r.h - 1) / r.rowStride : r.h;
    return r.order == MemcpyOrder::RowMajor ? (ry * nx + rx) * l + k : ry + rx * ny + k * ny * nx;
}

// ---------------------------------------------------------------- memory

namespace {
// Fixed-size copies compile to one move; a memcpy of a run-time size is a libc call,
// which was the largest single cost of scalar-heavy compiled code (game-of-life).
uint64_t readBytes(const uint8_t* from, uint32_t n) {
    switch (n) {
    case 1:
        return *from;
    case 2: {
        uint16_t v;
        std::memcpy(&v, from, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        std::memcpy(&v, from, 4);
        return v;
    }
    default: {
        uint64_t v = 0;
        std::memcpy(&v, from, n);
        return v;
    }
    }
}

// byteSize of each scalar type, at least 1 (a void access moves one byte), as a table:
// loads and stores are among the most frequent instructions.
constexpr size_t kNumScalarTypes = size_t(ScalarType::F32) + 1;
const std::array<uint8_t, kNumScalarTypes> kAccessBytes = [] {
    std::array<uint8_t, kNumScalarTypes> bytes{};
    for (size_t t = 0; t < kNumScalarTypes; ++t)
        bytes[t] = uint8_t(std::max<uint32_t>(1, byteSize(ScalarType(t))));
    return bytes;
}();
uint32_t accessBytes(ScalarType t) {
    return size_t(t) < kNumScalarTypes ? kAccessBytes[size_t(t)]
                                       : std::max<uint32_t>(1, byteSize(t));
}

void writeBytes(uint8_t* to, uint64_t value, uint32_t n) {
    switch (n) {
    case 1:
        *to = uint8_t(value);
        return;
    case 2: {
        const uint16_t v = uint16_t(value);
        std::memcpy(to, &v, 2);
        return;
    }
    case 4: {
        const uint32_t v = uint32_t(value);
        std::memcpy(to, &v, 4);
        return;
    }
    default:
        std::memcpy(to, &value, n);
    }
}
} // namespace

void Fabric::Impl::checkRange(const Pe& p, uint64_t address, uint32_t size, const char* what,
                              const SourceLoc* loc) const {
    if (address + size <= kPeMemoryBytes && address < kPeMemoryBytes)
        return;
    checkMappedAccess(p, address, size, what, loc); // names a WSE-2 router register
    fault(p, loc,
          std::string("out-of-bounds ") + what + " of " + str(size) + " bytes at address " +
              str(address) + " (SRAM is 49152 bytes)");
}

uint64_t Fabric::Impl::loadScalar(const Pe& p, uint64_t address, ScalarType t,
                                  const SourceLoc* loc) const {
    const uint32_t n = accessBytes(t);
    if (address + n > kPeMemoryBytes || address >= kPeMemoryBytes) [[unlikely]]
        return normalise(loadMapped(p, address, n, loc), t);
    return normalise(readBytes(p.mem + address, n), t);
}

void Fabric::Impl::storeScalar(Pe& p, uint64_t address, ScalarType t, uint64_t value,
                               const SourceLoc* loc) {
    const uint32_t n = accessBytes(t);
    if (address + n > kPeMemoryBytes || address >= kPeMemoryBytes) [[unlikely]] {
        storeMapped(p, address, n, value, loc);
        return;
    }
    writeBytes(p.mem + address, value, n);
    if (!breakpoints.empty())
        noteWrite(p, uint32_t(address), n);
}

void Fabric::Impl::setBreak(Pe& p, std::string message, std::optional<SourceLoc> loc) {
    if (p.breakHere)
        return;
    p.breakHere = true;
    p.breakMessage = std::move(message);
    p.breakLoc = loc;
}

void Fabric::Impl::noteWrite(Pe& p, uint32_t address, uint32_t size) {
    for (const Breakpoint& bp : breakpoints) {
        if (bp.kind != Breakpoint::Kind::SymbolWrite || p.breakHere ||
            !(bp.anyPe || (bp.x == p.x && bp.y == p.y)))
            continue;
        for (const Symbol& s : p.cls->symbols)
            if (s.name == bp.symbol && address < s.address + s.sizeBytes &&
                s.address < address + size) {
                setBreak(p, "write to " + s.name + " on " + peName(p) + " at cycle " + str(now));
            }
    }
}

// ---------------------------------------------------------------- tasks

int Fabric::Impl::dataTaskColor(const Pe& p, int task) const {
    const TaskBinding& b = p.cls->tasks[size_t(task)];
    if (arch == Arch::Wse2) // the data task id is the color
        return task < kNumColors ? task : -1;
    if (b.inputQueue >= 0 && b.inputQueue < kNumInputQueues)
        return p.inputQueueColor[size_t(b.inputQueue)];
    return b.color < kNumColors ? b.color : -1;
}

bool Fabric::Impl::inputQueueEmpty(const Pe& p, int queue) const {
    const int c = p.inputQueueColor[size_t(queue)];
    return c < 0 || c >= kNumColors || p.rampQ[size_t(c)].empty();
}

bool Fabric::Impl::colorClaimed(const Pe& p, int color) const {
    auto reads = [&](const OpState& op) {
        if (!op.active)
            return false;
        for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
            if (o->kind == DsdOperand::Kind::Dsd && o->dsd.kind == DsdKind::FabIn &&
                fabinColor(p, o->dsd) == color)
                return true;
        return false;
    };
    if (reads(p.mainOp))
        return true;
    for (const OpState& ut : p.uts)
        if (reads(ut))
            return true;
    return false;
}

// The entry of the separate control task table (@set_control_task_table) that a control
// wavelet with `payload` at the CE queue of `color` starts: its entrypoint offset by the
// table of the input queue bound to the color (docs/simulator.md, "Control task tables").
int Fabric::Impl::controlTableEntry(const Pe& p, int color, uint32_t payload) const {
    const ControlTaskTable& t = p.cls->controlTable;
    uint32_t table = 0;
    for (int q = 0; q < kNumInputQueues; ++q)
        if (p.inputQueueColor[size_t(q)] == color)
            table = t.queueTable[size_t(q)];
    return int((table * t.stride + controlEntrypoint(payload)) % kNumTaskIds);
}

// The function a control wavelet with `payload` at the CE queue of `color` starts (-1: it
// starts none and is data for whatever reads the queue).
int32_t Fabric::Impl::controlTaskFunction(const Pe& p, int color, uint32_t payload) const {
    if (p.cls->controlTable.separate)
        return p.cls->controlTable.functions[size_t(controlTableEntry(p, color, payload))];
    const TaskBinding& b = p.cls->tasks[controlEntrypoint(payload)];
    return b.kind == TaskKind::Control ? b.function : -1;
}

bool Fabric::Impl::taskReady(const Pe& p, int task) const {
    const TaskBinding& b = p.cls->tasks[size_t(task)];
    if (b.kind == TaskKind::None || (p.blocked >> task & 1))
        return false;
    if (b.kind == TaskKind::Local)
        return p.activated >> task & 1;
    if (b.kind == TaskKind::Data) {
        const int c = dataTaskColor(p, task);
        if (c < 0 || p.rampQ[size_t(c)].empty())
            return false;
        const Wavelet& w = p.rampQ[size_t(c)].front();
        if (w.control && controlTaskFunction(p, c, w.payload) >= 0)
            return false;
        return !colorClaimed(p, c);
    }
    // Control task: a control wavelet carrying this entrypoint heads the CE queue of an
    // unblocked channel.
    for (uint32_t busy = p.ceQueueBusy; busy; busy &= busy - 1) {
        const int c = std::countr_zero(busy);
        const auto& q = p.rampQ[size_t(c)];
        if (q.front().control && controlEntrypoint(q.front().payload) == task &&
            !channelBlocked(p, c) && !colorClaimed(p, c))
            return true;
    }
    return false;
}

// The Task IDs page, "Control Tasks": a control task runs only when "the communication
// channel that is used to receive the aforementioned control wavelet is unblocked", and the
// Builtins page's @block of a color (WSE-2) or input queue (WSE-3) stops control wavelets on
// it too. The channel's block bit is the color's task id on WSE-2 and the bound input
// queue's on WSE-3.
int Fabric::Impl::channelBlockBit(const Pe& p, int color) const {
    if (arch == Arch::Wse2)
        return color;
    for (int q = 0; q < kNumInputQueues; ++q)
        if (p.inputQueueColor[size_t(q)] == color)
            return q;
    return -1;
}

// A WSE-3 color that no input queue takes is no channel at all: its control wavelets, as
// its data, reach no task.
bool Fabric::Impl::channelBlocked(const Pe& p, int color) const {
    const int bit = channelBlockBit(p, color);
    return bit < 0 || (p.blocked >> bit & 1);
}

int Fabric::Impl::pickTask(const Pe& p) const {
    // A separate control task table's tasks are not task ids: a control wavelet heading a
    // CE queue starts its entry's task first (kSeparateControlTask + the color).
    if (p.cls->controlTable.separate) {
        for (uint32_t busy = p.ceQueueBusy; busy; busy &= busy - 1) {
            const int c = std::countr_zero(busy);
            const Wavelet& w = p.rampQ[size_t(c)].front();
            if (w.control && controlTaskFunction(p, c, w.payload) >= 0 && !channelBlocked(p, c) &&
                !colorClaimed(p, c))
                return kSeparateControlTask + c;
        }
    }
    // Only unblocked task ids can be ready: test just those (taskReady still checks each),
    // in round-robin order, HIGH-priority ones first.
    const uint64_t candidates = taskCandidates(p);
    if (!candidates)
        return -1;
    const int first = (p.lastPicked + 1) % kNumTaskIds;
    auto pickAmong = [&](uint64_t ids, bool onlyHigh) {
        for (uint64_t rest = std::rotr(ids, first); rest; rest &= rest - 1) {
            const int t = (first + std::countr_zero(rest)) % kNumTaskIds;
            if ((!onlyHigh || taskHighPriority(p, t)) && taskReady(p, t))
                return t;
        }
        return -1;
    };
    if (p.highPriority) {
        if (const int t = pickAmong(candidates, true); t >= 0)
            return t;
    }
    return pickAmong(candidates, false);
}

// A data or local task has its own id's priority; a control task the priority of a
// channel whose CE queue it heads (the Libraries page: the priority of "tasks activated by
// wavelets, including tasks bound to a control_task_id", is that of the color on WSE-2,
// the input queue on WSE-3).
bool Fabric::Impl::taskHighPriority(const Pe& p, int task) const {
    if (p.cls->tasks[size_t(task)].kind != TaskKind::Control)
        return p.highPriority >> task & 1;
    for (uint32_t busy = p.ceQueueBusy; busy; busy &= busy - 1) {
        const int c = std::countr_zero(busy);
        const Wavelet& w = p.rampQ[size_t(c)].front();
        const int bit = channelBlockBit(p, c);
        if (w.control && controlEntrypoint(w.payload) == task && bit >= 0 &&
            (p.highPriority >> bit & 1))
            return true;
    }
    return false;
}

uint64_t Fabric::Impl::taskCandidates(const Pe& p) const {
    // Activated ones, and data and control tasks when wavelets are queued.
    uint64_t candidates = p.activated & ~p.blocked;
    const uint64_t waveletTasks = queueTasks[p.classIndex] & ~p.blocked;
    if ((waveletTasks & ~candidates) && p.ceQueueBusy)
        candidates |= waveletTasks;
    return candidates;
}

void Fabric::Impl::activateTask(Pe& p, int task) {
    if (task < 0 || task >= kNumTaskIds)
        fault(p, nullptr, "activation of task id " + std::to_string(task) + " outside 0..63");
    p.activated |= uint64_t(1) << task;
}

void Fabric::Impl::callFunction(Pe& p, int32_t func, const uint64_t* argsIn, uint32_t nargs,
                                uint16_t retDst) {
    const Function& fn = p.cls->functions[size_t(func)];
    // Recursion is legal CSL; a chain this deep is a runaway one (each level would need at
    // least a return address and saved registers of the 48 KB of PE memory).
    if (p.frames.size() >= kMaxCallDepth)
        fault(p, nullptr,
              "call stack overflow: " + str(kMaxCallDepth) + " calls in progress, the last to '" +
                  fn.name + "' (runaway recursion?)");
    // The arguments are the caller's registers, which growing the register file below moves:
    // copied first (on the stack for the usual few; every one of them, however many).
    uint64_t fewArgs[32];
    std::vector<uint64_t> manyArgs;
    uint64_t* args = fewArgs;
    if (nargs > std::size(fewArgs)) {
        manyArgs.assign(argsIn, argsIn + nargs);
        args = manyArgs.data();
    } else {
        std::copy(argsIn, argsIn + nargs, fewArgs);
    }
    Frame f;
    f.func = func;
    f.retDst = retDst;
    f.activation = ++p.calls;
    if (!p.frames.empty()) {
        const Frame& top = p.frames.back();
        const Function& tf = p.cls->functions[size_t(top.func)];
        f.regBase = top.regBase + tf.numRegs;
        f.dsdBase = top.dsdBase + tf.numDsdRegs;
    }
    if (p.regs.size() < f.regBase + fn.numRegs)
        p.regs.resize(f.regBase + fn.numRegs);
    if (p.dsds.size() < f.dsdBase + fn.numDsdRegs)
        p.dsds.resize(f.dsdBase + fn.numDsdRegs);
    std::fill(p.regs.begin() + f.regBase, p.regs.begin() + f.regBase + fn.numRegs, 0);
    for (uint32_t i = 0; i < std::min<uint32_t>(nargs, fn.numParams); ++i)
        p.regs[f.regBase + i] =
            i < fn.paramTypes.size() ? normalise(args[i], fn.paramTypes[i]) : args[i];
    p.frames.push_back(f);
}

void Fabric::Impl::startTask(Pe& p, int task) {
    if (task >= kSeparateControlTask) {
        const int color = task - kSeparateControlTask;
        auto& q = p.rampQ[size_t(color)];
        const uint32_t payload = q.front().payload;
        const int entry = controlTableEntry(p, color, payload);
        const int32_t function = p.cls->controlTable.functions[size_t(entry)];
        const uint64_t data = payload & 0xffff;
        popCeQueue(p, color);
        activateRouter(p);
        runTask(p, entry, function, &data, p.cls->functions[size_t(function)].numParams ? 1 : 0);
        return;
    }
    const TaskBinding& b = p.cls->tasks[size_t(task)];
    if (b.kind == TaskKind::Data) {
        // @bind_rotating_tasks: every `limit`-th start of main is a start of alt instead,
        // which leaves the wavelet for main.
        const auto& rotating = p.cls->rotatingTasks;
        for (size_t i = 0; i < rotating.size() && i < p.rotationCount.size(); ++i) {
            if (rotating[i].dataTask != task)
                continue;
            if (p.rotationCount[i] == rotating[i].limit) {
                p.rotationCount[i] = 0;
                p.lastPicked = task;
                runTask(p, task, rotating[i].altFunction, nullptr, 0);
                return;
            }
            ++p.rotationCount[i];
        }
    }
    const Function& fn = p.cls->functions[size_t(b.function)];
    uint64_t args[2] = {0, 0};
    uint32_t nargs = 0;
    if (b.kind == TaskKind::Local) {
        p.activated &= ~(uint64_t(1) << task);
    } else if (b.kind == TaskKind::Data) {
        const int color = dataTaskColor(p, task);
        const uint32_t payload = p.rampQ[size_t(color)].front().payload;
        popCeQueue(p, color);
        activateRouter(p);
        if (fn.numParams >= 2) {
            args[0] = payload & 0xffff;
            args[1] = payload >> 16;
            nargs = 2;
        } else {
            args[0] = payload;
            nargs = fn.numParams;
        }
    } else {
        for (uint32_t busy = p.ceQueueBusy; busy; busy &= busy - 1) {
            const int c = std::countr_zero(busy);
            auto& q = p.rampQ[size_t(c)];
            if (q.front().control && controlEntrypoint(q.front().payload) == task) {
                args[0] = q.front().payload & 0xffff;
                nargs = fn.numParams ? 1 : 0;
                popCeQueue(p, c);
                activateRouter(p);
                break;
            }
        }
    }
    p.lastPicked = task;
    runTask(p, task, b.function, args, nargs);
}

// Starts `function` as task `task` (its id for profiles, reports and breakpoints) on the
// main thread.
void Fabric::Impl::runTask(Pe& p, int task, int32_t function, const uint64_t* args,
                           uint32_t nargs) {
    callFunction(p, function, args, nargs, kNoReg);
    p.currentTask = task;
    profileTaskStart(p, task, p.mainReadyAt);
    p.mainReadyAt += costs::kTaskStart;
    ++p.stats.taskActivations;
    p.lastTaskProgress = now;
    for (const Breakpoint& bp : breakpoints)
        if (bp.kind == Breakpoint::Kind::TaskActivation && bp.value == uint32_t(task) &&
            (bp.anyPe || (bp.x == p.x && bp.y == p.y))) {
            setBreak(p, "task " + str(uint64_t(task)) + " activated on " + peName(p) +
                            " at cycle " + str(now));
        }
}

bool Fabric::Impl::startWork(Pe& p) {
    if (p.mainReadyAt < now)
        p.mainReadyAt = now;
    // Host commands and tasks take turns: the tasks ready when a host command ends each
    // run before the next command (then commands go first again; a task that re-activates
    // itself cannot hold them off). Commands always went first, so a task that became
    // ready during a launch waited through every back-to-back launch after it.
    if (p.lastWorkWasCommand) {
        p.lastWorkWasCommand = false;
        p.tasksOwed = 0;
        for (uint64_t rest = taskCandidates(p); rest; rest &= rest - 1)
            if (const int t = std::countr_zero(rest); taskReady(p, t))
                p.tasksOwed |= uint64_t(1) << t;
    }
    const int taskFirst = p.tasksOwed ? pickTask(p) : -1;
    if (taskFirst < 0 && !p.cmds.empty() && !p.cmdBlocked && !p.cmds.front().started &&
        !h2dStreamBefore(p.cmds.front().cmd->id)) {
        PeCommand& pc = p.cmds.front();
        Command& c = *pc.cmd;
        if (c.kind == Command::Kind::StreamH2D && now >= copyArrival(c)) {
            // The command reaches the PE after the same trip as a copy, and the memcpy
            // kernel takes it on the CE between tasks (a task that holds the main thread,
            // e.g. in a synchronous fabin op, keeps it out: the SDK's pipeline-01); the
            // data then flows without the main thread (serviceCommands).
            pc.started = true;
            p.portReadyAt = std::max(p.portReadyAt, now) + costs::kMemcpyCommandSetup;
            noteProgress(now);
        } else if (c.kind == Command::Kind::Launch && now >= copyArrival(c)) {
            int32_t func = -1;
            for (const ClassExport& e : p.cls->exports)
                if (e.isFunction && e.name == c.function)
                    func = e.function;
            std::vector<uint64_t> args(c.args.size());
            const Function& fn = p.cls->functions[size_t(func)];
            for (size_t i = 0; i < args.size(); ++i) {
                const ScalarType t = i < c.argTypes.size()      ? c.argTypes[i]
                                     : i < fn.paramTypes.size() ? fn.paramTypes[i]
                                                                : ScalarType::U32;
                args[i] = normalise(c.args[i], t);
            }
            pc.started = true;
            p.cmdBlocked = true;
            callFunction(p, func, args.data(), uint32_t(args.size()), kNoReg);
            p.currentTask = kTaskLaunch;
            profileTaskStart(p, kProfileLaunchSlot, p.mainReadyAt);
            p.mainReadyAt += costs::kLaunchSetup;
            ++p.stats.taskActivations;
            noteProgress(now);
            p.lastWorkWasCommand = true;
            return true;
        }
        if ((c.kind == Command::Kind::CopyH2D || c.kind == Command::Kind::CopyD2H) &&
            now >= copyArrival(c)) {
            const MemcpyRequest& r = c.req;
            uint32_t address = 0;
            for (const ClassExport& e : p.cls->exports)
                if (!e.isFunction && e.name == r.symbol)
                    address = exportedDataAddress(p, e);
            const uint32_t bytes = r.dataType == MemcpyDataType::Bits32 ? 4 : 2;
            if (uint64_t(address) + uint64_t(r.elementsPerPe) * bytes > kPeMemoryBytes)
                fault(p, nullptr,
                      "memcpy of " + str(r.elementsPerPe) + " elements at '" + r.symbol +
                          "': its pointer holds address " + str(address) + ", past the PE's 48 KB");
            const bool h2d = c.kind == Command::Kind::CopyH2D;
            if (r.order == MemcpyOrder::RowMajor && bytes == 4) {
                // Row-major: this PE's elements are contiguous host words (every shape),
                // and 32-bit elements are those words' bytes: one block copy.
                uint32_t* host = c.data.data() + hostIndex(r, pc.roiX, pc.roiY, 0);
                const size_t n = size_t(r.elementsPerPe) * 4;
                if (h2d)
                    std::memcpy(p.mem + address, host, n);
                else
                    std::memcpy(host, p.mem + address, n);
            } else {
                for (uint32_t k = 0; k < r.elementsPerPe; ++k) {
                    const size_t idx = hostIndex(r, pc.roiX, pc.roiY, k);
                    uint8_t* at = p.mem + address + size_t(k) * bytes;
                    if (h2d) {
                        std::memcpy(at, &c.data[idx], bytes);
                    } else {
                        uint32_t v = 0;
                        std::memcpy(&v, at, bytes);
                        c.data[idx] = v;
                    }
                }
            }
            if (h2d && !breakpoints.empty())
                noteWrite(p, address, r.elementsPerPe * bytes);
            // The copy occupies the PE until mainReadyAt; serviceCommands finishes the
            // command then.
            p.mainReadyAt += costs::kMemcpyCommandSetup + uint64_t(r.elementsPerPe) * c.laneCycles;
            pc.started = true;
            noteProgress(p.mainReadyAt);
            p.lastWorkWasCommand = true;
            return true;
        }
    }
    const int t = taskFirst >= 0 ? taskFirst : pickTask(p);
    if (t < 0)
        return false;
    if (t < kNumTaskIds)
        p.tasksOwed &= ~(uint64_t(1) << t);
    startTask(p, t);
    return true;
}

// ---------------------------------------------------------------- interpreter

void Fabric::Impl::runMain(Pe& p) {
    const uint64_t quantumEnd = std::min(now + kRunAhead, runLimit);
    if (!p.mainOp.active && p.mainReadyAt < now)
        p.mainReadyAt = now;
    p.mainWaiting = false;
    // Without breakpoints or an instruction trace, runs of local instructions take the
    // short path (runLocal); it makes the same checks in the same order.
    const bool plain = breakpoints.empty() && !(opt.traceInstructions && simLog.is_open());
    while (!p.breakHere) {
        if (p.mainOp.active) {
            if (p.mainReadyAt > now)
                return;
            advanceOp(p, p.mainOp, true);
            if (p.mainOp.active)
                return;
            continue;
        }
        if (p.frames.empty()) {
            if (p.mainReadyAt > now || now >= runLimit)
                return;
            if (!startWork(p))
                return;
            continue;
        }
        if (p.mainReadyAt > now && (p.mainReadyAt >= quantumEnd))
            return;
        Frame& f = p.frames.back();
        const Function& fn = p.cls->functions[size_t(f.func)];
        static const SourceLoc noLoc{};
        if (f.pc >= fn.code.size()) {
            // Falling off the end of a function returns void.
            Instr ret;
            ret.op = Op::Return;
            execute(p, ret, noLoc);
            continue;
        }
        if (plain && runLocal(p, f, fn, quantumEnd))
            continue;
        const Instr& in = fn.code[f.pc];
        if (p.mainReadyAt > now) {
            const uint64_t* r = p.regs.data() + f.regBase;
            if ((interacts(in) && !(plain && runsAhead(in, r, p.uts))) || reachesRegisters(in, r))
                return;
        }
        if (p.mainReadyAt >= runLimit)
            return;
        const SourceLoc& loc = f.pc < fn.locs.size() ? fn.locs[f.pc] : noLoc;
        if (!breakpoints.empty() && loc.line != p.lastLine) {
            p.lastLine = loc.line;
            if (!p.resumeFromBreakpoint) {
                for (const Breakpoint& bp : breakpoints)
                    if (bp.kind == Breakpoint::Kind::SourceLine && bp.value == loc.line &&
                        bp.file == loc.file && (bp.anyPe || (bp.x == p.x && bp.y == p.y))) {
                        setBreak(p,
                                 "line " + str(loc.line) + " reached on " + peName(p) +
                                     " at cycle " + str(std::max(now, p.mainReadyAt)),
                                 loc);
                        p.resumeFromBreakpoint = true;
                        p.lastLine = 0;
                        return;
                    }
            }
        }
        p.resumeFromBreakpoint = false;
        execute(p, in, loc);
        if (p.mainWaiting)
            return;
    }
}

namespace {

uint64_t binary(Op op, ScalarType t, uint64_t a, uint64_t b, bool& divByZero) {
    if (isFloat(t)) {
        if (t == ScalarType::F32) {
            const float x = bitsToFloat(uint32_t(a)), y = bitsToFloat(uint32_t(b));
            switch (op) {
            case Op::Add:
                return floatToBits(x + y);
            case Op::Sub:
                return floatToBits(x - y);
            case Op::Mul:
                return floatToBits(x * y);
            case Op::Div:
                return floatToBits(x / y);
            case Op::Rem:
                return floatToBits(std::fmod(x, y));
            case Op::Min:
                return floatToBits(std::fmin(x, y));
            case Op::Max:
                return floatToBits(std::fmax(x, y));
            default:
                return 0;
            }
        }
        const double x = toDouble(a, t), y = toDouble(b, t);
        switch (op) {
        case Op::Add:
            return floatBits(x + y, t);
        case Op::Sub:
            return floatBits(x - y, t);
        case Op::Mul:
            return floatBits(x * y, t);
        case Op::Div:
            return floatBits(x / y, t);
        case Op::Rem:
            return floatBits(std::fmod(x, y), t);
        case Op::Min:
            return floatBits(std::fmin(x, y), t);
        case Op::Max:
            return floatBits(std::fmax(x, y), t);
        default:
            return 0;
        }
    }
    const bool s = isSigned(t);
    const int64_t sa = int64_t(a), sb = int64_t(b);
    switch (op) {
    case Op::Add:
        return normalise(a + b, t);
    case Op::Sub:
        return normalise(a - b, t);
    case Op::Mul:
        return normalise(a * b, t);
    case Op::Div:
    case Op::Rem:
        if (b == 0) {
            divByZero = true;
            return 0;
        }
        if (s) {
            if (sb == -1) // INT_MIN / -1 wraps instead of trapping
                return normalise(op == Op::Div ? uint64_t(0) - a : 0, t);
            return normalise(uint64_t(op == Op::Div ? sa / sb : sa % sb), t);
        }
        return normalise(op == Op::Div ? a / b : a % b, t);
    case Op::Min:
        return s ? uint64_t(std::min(sa, sb)) : std::min(a, b);
    case Op::Max:
        return s ? uint64_t(std::max(sa, sb)) : std::max(a, b);
    default:
        return 0;
    }
}

bool compare(Op op, ScalarType t, uint64_t a, uint64_t b) {
    if (isFloat(t)) {
        const double x = toDouble(a, t), y = toDouble(b, t);
        switch (op) {
        case Op::CmpEq:
            return x == y;
        case Op::CmpNe:
            return x != y;
        case Op::CmpLt:
            return x < y;
        case Op::CmpLe:
            return x <= y;
        case Op::CmpGt:
            return x > y;
        default:
            return x >= y;
        }
    }
    if (isSigned(t)) {
        const int64_t x = int64_t(a), y = int64_t(b);
        switch (op) {
        case Op::CmpEq:
            return x == y;
        case Op::CmpNe:
            return x != y;
        case Op::CmpLt:
            return x < y;
        case Op::CmpLe:
            return x <= y;
        case Op::CmpGt:
            return x > y;
        default:
            return x >= y;
        }
    }
    switch (op) {
    case Op::CmpEq:
        return a == b;
    case Op::CmpNe:
        return a != b;
    case Op::CmpLt:
        return a < b;
    case Op::CmpLe:
        return a <= b;
    case Op::CmpGt:
        return a > b;
    default:
        return a >= b;
    }
}

} // namespace

// The instructions that touch only the PE's registers, DSD registers and SRAM (not
// calls, returns, builtins or DSD operations): runLocal runs them back to back. Returns
// false for the others. `cost` starts at kScalarOp.
[[gnu::always_inline]] inline bool
Fabric::Impl::executeLocal(Pe& p, const Instr& in, const SourceLoc& loc, Frame& f, uint32_t& cost) {
    uint64_t* r = p.regs.data() + f.regBase;
    Dsd* d = p.dsds.data() + f.dsdBase;
    switch (in.op) {
    case Op::Nop:
        break;
    case Op::Imm:
        r[in.dst] = normalise(uint64_t(int64_t(in.imm)), in.type);
        break;
    case Op::Const:
        r[in.dst] = p.cls->constants[size_t(in.imm)];
        break;
    case Op::Mov:
        r[in.dst] = r[in.a];
        break;
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Rem:
    case Op::Min:
    case Op::Max: {
        bool divByZero = false;
        const uint64_t v = binary(in.op, in.type, r[in.a], r[in.b], divByZero);
        if (divByZero)
            fault(p, &loc, "integer division by zero");
        r[in.dst] = v;
        if (in.op == Op::Div || in.op == Op::Rem)
            cost = costs::kDivide;
        break;
    }
    case Op::Neg:
        if (isFloat(in.type))
            r[in.dst] = r[in.a] ^ (in.type == ScalarType::F32 ? 0x80000000u : 0x8000u);
        else
            r[in.dst] = normalise(uint64_t(0) - r[in.a], in.type);
        break;
    case Op::BitNot:
        r[in.dst] = normalise(~r[in.a], in.type);
        break;
    case Op::LogicalNot:
        r[in.dst] = r[in.a] == 0 ? 1 : 0;
        break;
    case Op::BitAnd:
        r[in.dst] = normalise(r[in.a] & r[in.b], in.type);
        break;
    case Op::BitOr:
        r[in.dst] = normalise(r[in.a] | r[in.b], in.type);
        break;
    case Op::BitXor:
        r[in.dst] = normalise(r[in.a] ^ r[in.b], in.type);
        break;
    case Op::Shl:
    case Op::Shr: {
        const uint32_t bits = std::max<uint32_t>(8, byteSize(in.type) * 8);
        const uint64_t amount = r[in.b];
        const uint64_t v = normalise(r[in.a], in.type); // operand read as `type`
        if (in.op == Op::Shl) {
            r[in.dst] = amount >= bits ? 0 : normalise(v << amount, in.type);
        } else if (isSigned(in.type)) {
            r[in.dst] = normalise(uint64_t(int64_t(v) >> std::min<uint64_t>(amount, 63)), in.type);
        } else {
            r[in.dst] = amount >= bits ? 0 : normalise(v >> amount, in.type);
        }
        break;
    }
    case Op::CmpEq:
    case Op::CmpNe:
    case Op::CmpLt:
    case Op::CmpLe:
    case Op::CmpGt:
    case Op::CmpGe:
        r[in.dst] = compare(in.op, in.type, r[in.a], r[in.b]) ? 1 : 0;
        break;
    case Op::Convert:
        r[in.dst] = convertScalar(r[in.a], ScalarType(in.imm), in.type);
        break;
    case Op::Bitcast:
        r[in.dst] = normalise(r[in.a], in.type);
        break;
    case Op::Load: {
        // SRAM accesses inline; loadScalar and storeScalar also handle the rest.
        const uint64_t addr = accessAddress(in, r);
        const uint32_t n = accessBytes(in.type);
        if (addr < kPeMemoryBytes && addr + n <= kPeMemoryBytes) [[likely]]
            r[in.dst] = normalise(readBytes(p.mem + addr, n), in.type);
        else
            r[in.dst] = loadScalar(p, addr, in.type, &loc);
        cost = costs::kLoadStore;
        break;
    }
    case Op::Store: {
        const uint64_t addr = accessAddress(in, r);
        const uint32_t n = accessBytes(in.type);
        if (addr < kPeMemoryBytes && addr + n <= kPeMemoryBytes && breakpoints.empty()) [[likely]]
            writeBytes(p.mem + addr, r[in.b], n);
        else
            storeScalar(p, addr, in.type, r[in.b], &loc);
        cost = costs::kLoadStore;
        break;
    }
    case Op::Jump:
    case Op::JumpIf:
    case Op::JumpIfNot:
        if (in.op == Op::Jump || (r[in.a] != 0) == (in.op == Op::JumpIf)) {
            const bool backward = uint32_t(in.imm) < f.pc; // f.pc is already past the jump
            f.pc = uint32_t(in.imm);
            cost = costs::kBranchTaken;
            if (backward)
                noteBackEdge(p, f, p.cls->functions[size_t(f.func)].numRegs);
        }
        break;
    case Op::DsdConst:
        d[in.dst] = p.cls->dsdConstants[size_t(in.imm)];
        cost = costs::kDsdRegOp;
        break;
    case Op::DsdLoad: {
        const uint64_t addr = (in.a == kNoReg ? 0 : r[in.a]) + uint64_t(int64_t(in.imm));
        checkRange(p, addr, kDsdStorageBytes, "DSD load", &loc);
        d[in.dst] = unpackDsd(p.mem + addr);
        cost = costs::kDsdMemOp;
        break;
    }
    case Op::DsdStore: {
        const uint64_t addr = (in.a == kNoReg ? 0 : r[in.a]) + uint64_t(int64_t(in.imm));
        checkRange(p, addr, kDsdStorageBytes, "DSD store", &loc);
        packDsd(d[in.b], p.mem + addr);
        cost = costs::kDsdMemOp;
        break;
    }
    case Op::DsdMov:
        d[in.dst] = d[in.a];
        cost = costs::kDsdRegOp;
        break;
    case Op::DsdSet: {
        Dsd v = d[in.a];
        const uint64_t x = r[in.b];
        switch (DsdField(in.imm)) {
        case DsdField::BaseAddress:
            v.baseAddress = uint32_t(x);
            break;
        case DsdField::Length:
        case DsdField::FifoReadLength:
        case DsdField::FifoWriteLength:
            v.extent[0] = uint32_t(x);
            break;
        case DsdField::Stride:
            v.strideBytes[0] = int32_t(x);
            break;
        case DsdField::ElementStride:
            v.strideBytes[0] = int32_t(x) * int32_t(v.elementBytes ? v.elementBytes : 4);
            break;
        case DsdField::OffsetBytes:
            v.baseAddress += uint32_t(x);
            break;
        case DsdField::CircularHead:
            v.extent[2] = uint32_t(x % std::max<uint32_t>(1, v.extent[1]));
            break;
        case DsdField::SaveAddress:
            v.saveAddress = x != 0;
            break;
        case DsdField::AdvanceIfSaved:
            advanceIfSaved(v, x);
            break;
        }
        d[in.dst] = v;
        cost = costs::kDsdRegOp;
        break;
    }
    case Op::DsrRead:
        checkRange(p, uint64_t(int64_t(in.imm)), kDsdStorageBytes, "DSR read", &loc);
        d[in.dst] = unpackDsd(p.mem + in.imm);
        cost = costs::kDsrOperand;
        break;
    case Op::DsrAdvance: {
        checkRange(p, uint64_t(int64_t(in.imm)), kDsdStorageBytes, "DSR advance", &loc);
        Dsd v = d[in.a];
        advanceIfSaved(v, byteSize(in.type));
        packDsd(v, p.mem + in.imm);
        cost = costs::kDsrOperand;
        break;
    }
    case Op::DsdGet: {
        const Dsd& v = d[in.a];
        uint32_t x = 0;
        switch (DsdField(in.imm)) {
        case DsdField::BaseAddress:
            x = v.baseAddress;
            break;
        case DsdField::Length:
        case DsdField::FifoReadLength:
        case DsdField::FifoWriteLength:
            x = v.extent[0];
            break;
        case DsdField::Stride:
            x = uint32_t(v.strideBytes[0]);
            break;
        case DsdField::ElementStride:
            x = uint32_t(v.strideBytes[0] / int32_t(dsdElementBytes(v)));
            break;
        case DsdField::OffsetBytes:
            break;
        case DsdField::CircularHead:
            x = v.extent[2];
            break;
        case DsdField::SaveAddress:
            x = v.saveAddress;
            break;
        case DsdField::AdvanceIfSaved:
            break;
        }
        r[in.dst] = x;
        cost = costs::kDsdRegOp;
        break;
    }
    default:
        return false;
    }
    return true;
}

void Fabric::Impl::execute(Pe& p, const Instr& in, const SourceLoc& loc) {
    Frame& f = p.frames.back();
    const uint32_t pc = f.pc;
    uint64_t* r = p.regs.data() + f.regBase;
    uint32_t cost = costs::kScalarOp;
    ++f.pc;
    ++p.stats.instructions;
    if (opt.traceInstructions && simLog.is_open()) {
        char pcText[16];
        std::snprintf(pcText, sizeof pcText, "0x%04x", pc);
        std::string task = p.currentTask >= 0             ? "T" + str(uint64_t(p.currentTask))
                           : p.currentTask == kTaskLaunch ? "Tlaunch"
                                                          : "Tinit";
        p.pendingTrace.push_back(
            "@" + str(std::max(now, p.mainReadyAt)) + " P" + str(p.x + prog->offsetX) + "." +
            str(p.y + prog->offsetY) + ": [EX OP] ^ " + pcText + ": " + task + " " + opName(in.op) +
            (in.op == Op::DsdExec ? std::string(" ") + dsdOpName(p.cls->dsdOps[size_t(in.imm)].op)
                                  : std::string()) +
            " " + p.cls->functions[size_t(f.func)].name);
    }
    if (executeLocal(p, in, loc, f, cost)) {
        p.mainReadyAt += cost;
        return;
    }
    switch (in.op) {
    case Op::Call:
    case Op::CallIndirect: {
        int32_t target = in.imm;
        uint32_t nargs = in.b;
        const uint64_t* args = nargs ? r + in.a : nullptr;
        if (in.op == Op::CallIndirect) {
            if (r[in.a] >= p.cls->functions.size())
                fault(p, &loc,
                      "indirect call to function " + str(r[in.a]) + " of " +
                          str(p.cls->functions.size()));
            target = int32_t(r[in.a]);
            nargs = uint32_t(in.imm);
            args = nargs ? r + in.b : nullptr;
        }
        callFunction(p, target, args, nargs, in.dst);
        p.lastCall = p.mainReadyAt;
        cost = costs::kCall;
        break;
    }
    case Op::Return: {
        const uint64_t value = in.a == kNoReg ? 0 : r[in.a];
        const ScalarType rt = p.cls->functions[size_t(f.func)].returnType;
        const uint16_t retDst = f.retDst;
        p.frames.pop_back();
        cost = costs::kReturn;
        if (p.frames.empty()) {
            if (p.currentTask >= 0)
                p.lastTaskProgress = now;
            else
                noteProgress(now);
            p.currentTask = -1;
            cost += costs::kTaskEnd;
            profileTaskEnd(p, p.mainReadyAt + cost);
        } else if (retDst != kNoReg) {
            p.regs[p.frames.back().regBase + retDst] = normalise(value, rt);
        }
        break;
    }
    case Op::Builtin:
        builtin(p, in, loc);
        cost = costs::kBuiltin;
        break;
    case Op::DsdExec:
        if (!dsdExec(p, p.cls->dsdOps[size_t(in.imm)], uint32_t(in.imm), loc)) {
            // Not accepted (its microthread is busy): retry this instruction later.
            p.frames.back().pc = pc;
            --p.stats.instructions;
            p.mainWaiting = true;
            return;
        }
        return; // dsdExec accounts its own time
    default:
        break;
    }
    p.mainReadyAt += cost;
}

// Runs the local instructions (executeLocal) of frame f from its pc while the checks of
// runMain let them run; true when it ran at least one. It stops before any other
// instruction, the end of the code, and wherever runMain would return, and leaves those
// to runMain.
bool Fabric::Impl::runLocal(Pe& p, Frame& f, const Function& fn, uint64_t quantumEnd) {
    static constexpr uint64_t kNotLocal =
        uint64_t(1) << unsigned(Op::Call) | uint64_t(1) << unsigned(Op::CallIndirect) |
        uint64_t(1) << unsigned(Op::Return) | uint64_t(1) << unsigned(Op::Builtin) |
        uint64_t(1) << unsigned(Op::DsdExec);
    static_assert(unsigned(Op::DsrAdvance) < 64);
    static const SourceLoc noLoc{};
    const Instr* code = fn.code.data();
    const size_t size = fn.code.size();
    const SourceLoc* locs = fn.locs.data();
    const size_t numLocs = fn.locs.size();
    bool ran = false;
    while (true) {
        const uint32_t pc = f.pc;
        if (pc >= size)
            return ran;
        const Instr& in = code[pc];
        if (kNotLocal >> unsigned(in.op) & 1)
            return ran;
        const uint64_t readyAt = p.mainReadyAt;
        if (readyAt > now &&
            (readyAt >= quantumEnd || reachesRegisters(in, p.regs.data() + f.regBase)))
            return ran;
        if (readyAt >= runLimit)
            return ran;
        p.resumeFromBreakpoint = false;
        uint32_t cost = costs::kScalarOp;
        f.pc = pc + 1;
        ++p.stats.instructions;
        executeLocal(p, in, pc < numLocs ? locs[pc] : noLoc, f, cost);
        p.mainReadyAt += cost;
        ran = true;
    }
}

// The Libraries page (<simprint>): a PE's buffer "will be flushed ... when the buffer is
// full or a "\n" newline character is produced" (a full buffer was kept growing).
void Fabric::Impl::emitSimprint(Pe& p) {
    size_t nl;
    while ((nl = p.simprintLine.find('\n')) != std::string::npos) {
        p.pendingSimprint.push_back({std::max(now, p.mainReadyAt), p.simprintLine.substr(0, nl)});
        p.simprintLine.erase(0, nl + 1);
    }
    while (p.simprintLine.size() >= costs::kSimprintBufferBytes) {
        p.pendingSimprint.push_back(
            {std::max(now, p.mainReadyAt), p.simprintLine.substr(0, costs::kSimprintBufferBytes)});
        p.simprintLine.erase(0, costs::kSimprintBufferBytes);
    }
}

void Fabric::Impl::builtin(Pe& p, const Instr& in, const SourceLoc& loc) {
    const uint64_t* r = p.regs.data() + p.frames.back().regBase;
    auto arg = [&](uint32_t i) -> uint64_t {
        if (i >= in.b)
            fault(p, &loc, "builtin " + str(uint64_t(in.imm)) + " needs argument " + str(i + 1));
        return r[in.a + i];
    };
    uint64_t result = 0;
    auto taskArg = [&]() {
        const uint64_t t = arg(0);
        if (t >= uint64_t(kNumTaskIds))
            fault(p, &loc, "task id " + str(t) + " outside 0..63");
        return int(t);
    };
    switch (BuiltinId(in.imm)) {
    case BuiltinId::Activate:
        activateTask(p, taskArg());
        break;
    case BuiltinId::Block:
        p.blocked |= uint64_t(1) << taskArg();
        break;
    case BuiltinId::Unblock:
        p.blocked &= ~(uint64_t(1) << taskArg());
        break;
    case BuiltinId::SetTaskPriority: {
        const uint64_t bit = uint64_t(1) << taskArg();
        p.highPriority = arg(1) ? p.highPriority | bit : p.highPriority & ~bit;
        break;
    }
    case BuiltinId::SetMainThreadPriority: {
        // <tile_config>.main_thread_priority (docs/simulator.md "Datapath"). **Choice:** it
        // takes effect at once (the Libraries page: "may take a few clock cycles").
        const uint64_t level = arg(0);
        if (level > 3)
            fault(p, &loc,
                  "main thread priority level " + str(level) +
                      " is out of range (0 MEDIUM_LOW, 1 MEDIUM, 2 MEDIUM_HIGH, 3 HIGH)");
        p.mainRank = costs::mainThreadRank(uint32_t(level));
        break;
    }
    case BuiltinId::BlockMicrothread:
    case BuiltinId::UnblockMicrothread: {
        const uint64_t ut = arg(0);
        if (ut >= 8)
            fault(p, &loc,
                  "microthread ID " + str(ut) + " is out of range (WSE-3 has microthreads 0-7)");
        if (BuiltinId(in.imm) == BuiltinId::BlockMicrothread) {
            p.blockedUts |= uint8_t(1u << ut);
        } else {
            p.blockedUts &= uint8_t(~(1u << ut));
            p.visitWanted = true; // its op goes on from the next cycle
        }
        break;
    }
    case BuiltinId::UnblockCmdStream:
        unblockCmdStream(p);
        break;
    case BuiltinId::Assert:
        if (arg(0) == 0)
            fault(p, &loc, "@assert failed");
        break;
    case BuiltinId::CheckRangeStep:
        if (arg(0) == 0)
            fault(p, &loc,
                  "the step of this @range is 0 (the Builtins page: step != 0 is required)");
        break;
    case BuiltinId::CheckStack:
        if (arg(0) > arg(1))
            fault(p, &loc,
                  "stack overflow entering '" +
                      p.cls->functions[size_t(p.frames.back().func)].name +
                      "': the frames of the recursive calls in progress need " + str(arg(0)) +
                      " bytes, and " + str(arg(1)) +
                      " bytes of PE memory are free above the program's data (" +
                      str(p.frames.size()) + " calls deep)");
        break;
    case BuiltinId::Random16:
    case BuiltinId::Random23: {
        // Fibonacci LFSR x^23 + x^18 + 1. The SDK (Builtins, @random16): "The LFSR state
        // is advanced 128 iterations after every use". Each call advances 128 steps and
        // returns the low 16 bits of the new state (Random16) or all of it (Random23); see
        // docs/simulator.md for why the value is read after the steps.
        uint32_t s = p.lfsr;
        for (int i = 0; i < 128; ++i) {
            const uint32_t bit = ((s >> 22) ^ (s >> 17)) & 1;
            s = ((s << 1) | bit) & 0x7fffff;
        }
        p.lfsr = s;
        result = BuiltinId(in.imm) == BuiltinId::Random16 ? s & 0xffff : s;
        break;
    }
    case BuiltinId::RandomSeed:
        p.lfsr = uint32_t(arg(0)) & 0x7fffffu; // the state bits, as machine.h's initial value
        break;
    case BuiltinId::SetActivePrng: {
        const uint8_t id = uint8_t(uint16_t(arg(0)) % kNumPrngs);
        if (id != p.activePrng) {
            if (!p.prngStates) {
                p.prngStates = std::make_unique<std::array<uint32_t, kNumPrngs>>();
                p.prngStates->fill(Pe::kInitialLfsr);
            }
            (*p.prngStates)[p.activePrng] = p.lfsr;
            p.activePrng = id;
            p.lfsr = (*p.prngStates)[id];
        }
        break;
    }
    case BuiltinId::SimprintString: {
        const uint64_t i = arg(0);
        if (i >= p.cls->strings.size())
            fault(p, &loc, "simprint string " + str(i) + " of " + str(p.cls->strings.size()));
        p.simprintLine += p.cls->strings[size_t(i)];
        emitSimprint(p);
        break;
    }
    case BuiltinId::SimprintValue: {
        const ScalarType t = ScalarType(arg(1));
        p.simprintLine += formatSimprintValue(normalise(arg(0), t), t, char(arg(2)));
        break;
    }
    case BuiltinId::Timestamp: {
        const uint64_t addr = arg(0);
        checkRange(p, addr, 6, "timestamp store", &loc);
        const uint64_t t = p.tscEnabled ? std::max(now, p.mainReadyAt) - p.tscBase : p.tscStopped;
        for (int i = 0; i < 3; ++i) {
            const uint16_t w = uint16_t(t >> (16 * i));
            std::memcpy(p.mem + addr + 2 * i, &w, 2);
        }
        if (!breakpoints.empty())
            noteWrite(p, uint32_t(addr), 6);
        break;
    }
    case BuiltinId::EnableTsc:
        // The first enable counts from cycle 0; after a disable or a reset it goes on from
        // the stopped counter's value.
        if (!p.tscEnabled) {
            p.tscEnabled = true;
            p.tscBase = p.tscHeld ? std::max(now, p.mainReadyAt) - p.tscStopped : 0;
        }
        break;
    case BuiltinId::DisableTsc:
        if (p.tscEnabled) {
            p.tscStopped = std::max(now, p.mainReadyAt) - p.tscBase;
            p.tscEnabled = false;
            p.tscHeld = true;
        }
        break;
    case BuiltinId::ResetTsc:
        // The counter reads 0 from here, running or stopped (a reset of a stopped counter
        // was lost: the next enable went on from the old value).
        if (p.tscEnabled) {
            p.tscBase = std::max(now, p.mainReadyAt);
        } else {
            p.tscStopped = 0;
            p.tscHeld = true;
        }
        break;
    case BuiltinId::CoordX:
        result = p.x;
        break;
    case BuiltinId::CoordY:
        result = p.y;
        break;
    case BuiltinId::QueueFlush: {
        const uint64_t q = arg(0);
        const bool input = in.b > 1 && arg(1) != 0;
        if (q >= uint64_t(input ? kNumInputQueues : kNumOutputQueues))
            fault(p, &loc,
                  std::string("@queue_flush of ") + (input ? "input" : "output") + " queue " +
                      str(q));
        if (input ? inputQueueEmpty(p, int(q)) : p.outQ[size_t(q)].empty())
            activateTask(p, kTeardownTaskId);
        else if (input)
            p.flushPendingIn |= uint8_t(1u << q);
        else
            p.flushPending |= uint8_t(1u << q);
        break;
    }
    case BuiltinId::ColorConfigGet:
    case BuiltinId::ColorConfigSet: {
        const uint64_t color = arg(0);
        if (color >= uint64_t(kNumColors))
            fault(p, &loc,
                  "color " + str(color) + " outside 0.." + str(kNumColors - 1) + " (tile_config)");
        // A color the layout did not configure here reads as routing nothing (not in
        // teardown), and a write gives it its configuration (colorConfigOf).
        if (BuiltinId(in.imm) == BuiltinId::ColorConfigGet && p.colorIndex[size_t(color)] < 0) {
            result = 0;
            break;
        }
        ColorConfig& cfg = colorConfigOf(p, int(color));
        const uint64_t field = arg(1);
        uint8_t* slot = nullptr;
        switch (ColorConfigField(field)) {
        case ColorConfigField::Rx:
            slot = &cfg.rx;
            break;
        case ColorConfigField::Tx:
            slot = &cfg.tx;
            break;
        case ColorConfigField::Switch1Rx:
        case ColorConfigField::Switch2Rx:
        case ColorConfigField::Switch3Rx:
            slot = &cfg.switchPositions[(field - uint64_t(ColorConfigField::Switch1Rx)) / 2].rx;
            break;
        case ColorConfigField::Switch1Tx:
        case ColorConfigField::Switch2Tx:
        case ColorConfigField::Switch3Tx:
            slot = &cfg.switchPositions[(field - uint64_t(ColorConfigField::Switch1Tx)) / 2].tx;
            break;
        case ColorConfigField::CurrentSwitchPosition:
            slot = &cfg.currentSwitchPosition;
            break;
        case ColorConfigField::Teardown:
        case ColorConfigField::RingMode:
        case ColorConfigField::PopMode:
            break;
        default:
            fault(p, &loc, "color config field " + str(field));
        }
        const ColorConfigField f = ColorConfigField(field);
        if (BuiltinId(in.imm) == BuiltinId::ColorConfigGet) {
            result = slot                              ? *slot
                     : f == ColorConfigField::RingMode ? uint64_t(cfg.ringMode)
                     : f == ColorConfigField::PopMode  ? uint64_t(cfg.popMode)
                                                       : uint64_t(cfg.teardown);
            break;
        }
        const uint64_t v = arg(2);
        const bool switchSetting = f == ColorConfigField::CurrentSwitchPosition ||
                                   f == ColorConfigField::RingMode ||
                                   f == ColorConfigField::PopMode ||
                                   (field >= uint64_t(ColorConfigField::Switch1Rx) &&
                                    field <= uint64_t(ColorConfigField::Switch3Tx));
        if (switchSetting && v != 0 && !colorHasSwitches(arch, int(color)))
            fault(p, &loc,
                  "color " + str(color) +
                      " has no switch on wse3 (switches: colors 0-9, "
                      "12, 13, 16, 17, 20 and 21)");
        if (f == ColorConfigField::CurrentSwitchPosition && v > 3)
            fault(p, &loc, "switch position " + str(v) + " outside 0..3");
        if (f == ColorConfigField::PopMode && v > uint64_t(ColorConfig::PopMode::PopOnAdvanceNop))
            fault(p, &loc, "pop mode " + str(v) + " outside 0..3");
        if (slot)
            *slot = uint8_t(v);
        else if (f == ColorConfigField::RingMode)
            cfg.ringMode = v != 0;
        else if (f == ColorConfigField::PopMode)
            cfg.popMode = ColorConfig::PopMode(v);
        else
            cfg.teardown = v != 0;
        // Wavelets may wait for the new route.
        if (p.routerBusy >> color & 1)
            activateRouter(p);
        break;
    }
    case BuiltinId::InputQueueConfigSet:
    case BuiltinId::OutputQueueConfigSet: {
        // Filters apply whenever a color configures one, so filter_enable (the third
        // argument of the input form) needs no state here.
        const bool input = BuiltinId(in.imm) == BuiltinId::InputQueueConfigSet;
        const uint64_t q = arg(0), color = arg(1);
        if (q >= uint64_t(input ? kNumInputQueues : kNumOutputQueues))
            fault(p, &loc,
                  std::string(input ? "input" : "output") + " queue " + str(q) + " outside 0.." +
                      str(uint64_t((input ? kNumInputQueues : kNumOutputQueues) - 1)));
        if (color >= uint64_t(kNumColors))
            fault(p, &loc,
                  "queue " + str(q) + " bound to color " + str(color) +
                      ", which is not a routable color (0.." + str(uint64_t(kNumColors - 1)) + ")");
        (input ? p.inputQueueColor[size_t(q)] : p.outputQueueColor[size_t(q)]) = int8_t(color);
        if (input)
            wake(p); // a data task of the new color may be ready
        break;
    }
    case BuiltinId::ConfigGet:
    case BuiltinId::ConfigSet: {
        const uint64_t address = arg(0);
        if (address > 0xffff)
            fault(p, &loc, "configuration register address " + str(address) + " outside 0..0xffff");
        if (!p.configRegs)
            p.configRegs = std::make_unique<std::unordered_map<uint16_t, uint16_t>>();
        if (BuiltinId(in.imm) == BuiltinId::ConfigGet) {
            const auto it = p.configRegs->find(uint16_t(address));
            result = it == p.configRegs->end() ? 0 : it->second;
            result = modelledConfigRead(p, address, uint16_t(result));
        } else {
            (*p.configRegs)[uint16_t(address)] = uint16_t(arg(1));
            modelledConfigWrite(p, address, uint16_t(arg(1)), loc);
        }
        break;
    }
    case BuiltinId::SetFifoReadLength:
    case BuiltinId::SetFifoWriteLength:
        setFifoLength(p, arg(0), arg(1), BuiltinId(in.imm) == BuiltinId::SetFifoReadLength, loc);
        break;
    case BuiltinId::QueueStatus: {
        const bool output = arg(0) != 0;
        uint64_t empty = 0, full = 0;
        for (int q = 0; q < (output ? kNumOutputQueues : kNumInputQueues); ++q) {
            bool isEmpty, isFull;
            if (output) {
                isEmpty = p.outQ[size_t(q)].empty();
                isFull = p.outQ[size_t(q)].full();
            } else {
                const int c = p.inputQueueColor[size_t(q)];
                isEmpty = inputQueueEmpty(p, q);
                isFull = c >= 0 && c < kNumColors && p.rampQ[size_t(c)].full();
            }
            empty |= uint64_t(isEmpty) << q;
            full |= uint64_t(isFull) << q;
        }
        result = empty | full << 8;
        break;
    }
    case BuiltinId::FifoPush:
    default:
        fault(p, &loc, "builtin " + str(uint64_t(in.imm)) + " is not supported by the simulator");
    }
    if (in.dst != kNoReg)
        p.regs[p.frames.back().regBase + in.dst] = result;
}

} // namespace sim
