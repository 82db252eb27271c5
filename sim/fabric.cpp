#include "sim/fabric_impl.h"

#include "sim/coredump.h"
#include "sim/scalar.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <sys/mman.h>
#include <unordered_map>

namespace sim {

namespace {

// The port a wavelet sent towards d arrives at on the next PE.
constexpr Direction kOpposite[5] = {Direction::Ramp, Direction::South, Direction::North,
                                    Direction::West, Direction::East};

std::string str(uint64_t v) {
    return std::to_string(v);
}

// A wavelet landing in a CE queue, or room made in an output queue, can change what the
// PE's next visit does only when its main thread is idle (a task may become ready), an
// op waits for wavelets or room, or a host command may proceed. A running task with no
// waiting op is visited anyway when its work next needs the PE, and the picker looks at
// the queues once the task ends, so a visit in between would change nothing.
bool queueChangeMatters(const Pe& p) {
    if ((p.frames.empty() && !p.mainOp.active) || (p.mainOp.active && p.mainOp.waiting))
        return true;
    for (const OpState& ut : p.uts)
        if (ut.active && ut.waiting)
            return true;
    return !p.cmds.empty() && !p.cmdBlocked;
}

// Asks for transparent huge pages (THP mode "madvise") on the 2 MB blocks that lie
// wholly inside [begin, begin + bytes). Only a hint: without THP nothing changes.
void adviseHugePages(void* begin, size_t bytes) {
    constexpr uintptr_t kHugePage = uintptr_t(2) << 20;
    const uintptr_t start = (reinterpret_cast<uintptr_t>(begin) + kHugePage - 1) & ~(kHugePage - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(begin) + bytes) & ~(kHugePage - 1);
    if (end > start)
        ::madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
}

} // namespace

const char* directionName(Direction d) {
    switch (d) {
    case Direction::Ramp:
        return "RAMP";
    case Direction::North:
        return "NORTH";
    case Direction::South:
        return "SOUTH";
    case Direction::East:
        return "EAST";
    case Direction::West:
        return "WEST";
    }
    return "?";
}

// ---------------------------------------------------------------- load

Fabric::Impl::Impl(std::shared_ptr<const FabricProgram> program, FabricOptions options)
    : prog(std::move(program)), opt(std::move(options)), simprint(opt.simprintWindowBytes) {
    if (!prog)
        throw std::invalid_argument("Fabric: program is null");
    arch = prog->arch;
    width = prog->width;
    height = prog->height;
    validateProgram();
    memoryBytes = size_t(width) * height * kPeMemoryBytes;
    if (memoryBytes) {
        void* m = ::mmap(nullptr, memoryBytes, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED)
            throw std::runtime_error("Fabric: cannot reserve " + str(memoryBytes >> 20) +
                                     " MB of address space for PE memory");
        memory = static_cast<uint8_t*>(m);
    }
    for (const CodeClass& c : prog->classes) {
        uint64_t mask = 0;
        for (int t = 0; t < kNumTaskIds; ++t)
            if (c.tasks[size_t(t)].kind == TaskKind::Data ||
                c.tasks[size_t(t)].kind == TaskKind::Control)
                mask |= uint64_t(1) << t;
        queueTasks.push_back(mask);
    }
    // The Pe array is reserved first so that it can be given transparent huge pages
    // before its PEs are constructed (which commits all of it anyway): the stepping loop
    // visits PEs spread over the whole array, and with 4 KB pages a full wafer's 1.5 GB
    // made nearly every visit and router step a TLB miss.
    pes.reserve(size_t(width) * height);
    adviseHugePages(pes.data(), pes.capacity() * sizeof(Pe));
    pes.resize(size_t(width) * height);
    if (opt.threads > 1)
        pool = std::make_unique<WorkerPool>(std::min(opt.threads, 64u));
    for (uint32_t i = 0; i < pes.size(); ++i)
        loadPe(i);
    if (!opt.simLogPath.empty()) {
        simLog.open(opt.simLogPath, std::ios::out | std::ios::trunc);
        if (!simLog)
            throw std::runtime_error("Fabric: cannot write sim log " + opt.simLogPath);
        simLog << "@0 Architecture is: " << (arch == Arch::Wse2 ? "wse2" : "wse3") << "\n";
        simLog << "@0 dimX=" << prog->fabricWidth << ", dimY=" << prog->fabricHeight << "\n";
        simLog.flush();
    }
}

Fabric::Impl::~Impl() {
    if (simLog.is_open())
        flushLog(UINT64_MAX);
    if (memory)
        ::munmap(memory, memoryBytes);
}

void Fabric::Impl::logLine(uint64_t cycle, std::string line) {
    if (!logBuffer.empty() && cycle < logBuffer.back().first)
        logBufferSorted = false;
    logBuffer.emplace_back(cycle, std::move(line));
}

void Fabric::Impl::logLine(std::string line) {
    const uint64_t cycle =
        line.size() > 1 && line[0] == '@' ? std::strtoull(line.c_str() + 1, nullptr, 10) : now;
    logLine(cycle, std::move(line));
}

void Fabric::Impl::flushLog(uint64_t before) {
    if (logBuffer.empty())
        return;
    if (!logBufferSorted) {
        std::stable_sort(logBuffer.begin(), logBuffer.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        logBufferSorted = true;
    }
    size_t n = 0;
    for (; n < logBuffer.size() && logBuffer[n].first < before; ++n)
        simLog << logBuffer[n].second << '\n';
    if (n == 0)
        return;
    logBuffer.erase(logBuffer.begin(), logBuffer.begin() + std::ptrdiff_t(n));
    simLog.flush(); // the IDE's console tails simprint lines in it
}

void Fabric::Impl::validateProgram() const {
    const FabricProgram& p = *prog;
    auto bad = [](const std::string& what) { throw std::invalid_argument("Fabric: " + what); };
    if (p.pes.size() != size_t(p.width) * p.height)
        bad("program has " + str(p.pes.size()) + " PE entries for a " + str(p.width) + "x" +
            str(p.height) + " rectangle");
    for (size_t i = 0; i < p.pes.size(); ++i) {
        if (p.pes[i].codeClass >= p.classes.size())
            bad("PE(" + str(i % p.width) + "," + str(i / p.width) + ") uses code class " +
                str(p.pes[i].codeClass) + " of " + str(p.classes.size()));
        for (const auto& [color, cfg] : p.pes[i].colors) {
            const std::string pe = "PE(" + str(i % p.width) + "," + str(i / p.width) + ")";
            if (color >= kNumColors)
                bad(pe + " configures color " + str(color));
            bool switches = cfg.currentSwitchPosition != 0;
            for (const SwitchPosition& sp : cfg.switchPositions)
                switches = switches || sp.rx || sp.tx;
            static constexpr uint32_t kWse3SwitchColors =
                0x3ff | (1u << 12) | (1u << 13) | (1u << 16) | (1u << 17) | (1u << 20) | (1u << 21);
            if (p.arch == Arch::Wse3 && switches && !(kWse3SwitchColors >> color & 1))
                bad(pe + " configures switches on color " + str(color) +
                    "; WSE-3 supports switches only on colors 0-9, 12, 13, 16, 17, 20, 21");
            if (cfg.currentSwitchPosition > 3)
                bad(pe + " color " + str(color) + " starts at switch position " +
                    str(cfg.currentSwitchPosition));
        }
    }
    for (size_t c = 0; c < p.classes.size(); ++c) {
        const CodeClass& cls = p.classes[c];
        const std::string cname = "class " + str(c) + " (" + cls.file + ")";
        if (cls.memoryBytes > kPeMemoryBytes)
            bad(cname + " uses " + str(cls.memoryBytes) + " bytes of 48 KB SRAM");
        for (const DataInit& d : cls.data)
            if (uint64_t(d.address) + d.bytes.size() > kPeMemoryBytes)
                bad(cname + " initialises memory beyond 48 KB at " + str(d.address));
        auto checkFn = [&](int32_t f, const std::string& what) {
            if (f < -1 || f >= int32_t(cls.functions.size()))
                bad(cname + ": " + what + " names function " + str(uint64_t(int64_t(f))));
        };
        checkFn(cls.initFunction, "init function");
        for (int32_t f : cls.controlTable.functions)
            if (f >= 0)
                checkFn(f, "control task table entry");
        if (cls.controlTable.separate && cls.controlTable.stride == 0)
            bad(cname + ": control task table stride 0");
        for (const RotatingTasks& rt : cls.rotatingTasks) {
            if (rt.dataTask >= kNumTaskIds || cls.tasks[rt.dataTask].kind != TaskKind::Data)
                bad(cname + ": rotating tasks name data task " + str(rt.dataTask) +
                    ", which is not a data task");
            checkFn(rt.altFunction, "rotating alternate task");
        }
        for (int t = 0; t < kNumTaskIds; ++t) {
            if (p.arch == Arch::Wse2 && cls.tasks[t].kind == TaskKind::Data && t >= kNumColors)
                bad(cname + ": data task id " + str(uint64_t(t)) +
                    " is not a color (WSE-2 data task ids are the colors 0..23)");
            if (cls.tasks[t].kind == TaskKind::Data && p.arch == Arch::Wse3 &&
                cls.tasks[t].inputQueue >= kNumInputQueues)
                bad(cname + ": data task " + str(uint64_t(t)) + " names input queue " +
                    str(uint64_t(cls.tasks[t].inputQueue)));
            if (cls.tasks[t].kind != TaskKind::None) {
                checkFn(cls.tasks[t].function, "task " + str(t));
                if (cls.tasks[t].function < 0)
                    bad(cname + ": task " + str(t) + " is bound to no function");
            }
        }
        for (const ClassExport& e : cls.exports)
            if (e.isFunction)
                checkFn(e.function, "export " + e.name);
        for (const FifoDesc& f : cls.fifos)
            if (f.elementBytes == 0 || f.capacityBytes < f.elementBytes ||
                uint64_t(f.baseAddress) + f.capacityBytes > kPeMemoryBytes)
                bad(cname + ": FIFO at " + str(f.baseAddress) + " does not fit SRAM");
        for (size_t fi = 0; fi < cls.functions.size(); ++fi) {
            const Function& fn = cls.functions[fi];
            const std::string fname = cname + " function " + fn.name;
            if (fn.numParams > fn.numRegs)
                bad(fname + " has more parameters than registers");
            for (size_t k = 0; k < fn.code.size(); ++k) {
                const Instr& in = fn.code[k];
                const std::string at = fname + " instruction " + str(k) + ": ";
                auto reg = [&](uint16_t r, bool optional) {
                    if (r == kNoReg ? !optional : r >= fn.numRegs)
                        bad(at + "register " + str(r) + " outside " + str(fn.numRegs));
                };
                auto dreg = [&](uint16_t r) {
                    if (r >= fn.numDsdRegs)
                        bad(at + "DSD register " + str(r) + " outside " + str(fn.numDsdRegs));
                };
                auto target = [&]() {
                    if (in.imm < 0 || size_t(in.imm) > fn.code.size())
                        bad(at + "jump target " + str(uint64_t(int64_t(in.imm))));
                };
                switch (in.op) {
                case Op::Nop:
                    break;
                case Op::Imm:
                    reg(in.dst, false);
                    break;
                case Op::Const:
                    reg(in.dst, false);
                    if (in.imm < 0 || size_t(in.imm) >= cls.constants.size())
                        bad(at + "constant index " + str(uint64_t(int64_t(in.imm))));
                    break;
                case Op::Mov:
                case Op::Neg:
                case Op::BitNot:
                case Op::LogicalNot:
                case Op::Convert:
                case Op::Bitcast:
                    reg(in.dst, false), reg(in.a, false);
                    break;
                case Op::Load:
                    reg(in.dst, false), reg(in.a, true);
                    break;
                case Op::Store:
                    reg(in.a, true), reg(in.b, false);
                    break;
                case Op::Jump:
                    target();
                    break;
                case Op::JumpIf:
                case Op::JumpIfNot:
                    reg(in.a, false), target();
                    break;
                case Op::Call:
                    reg(in.dst, true);
                    checkFn(in.imm, "call");
                    if (in.imm < 0)
                        bad(at + "call of no function");
                    if (in.b && (in.a == kNoReg || uint32_t(in.a) + in.b > fn.numRegs))
                        bad(at + "call arguments outside the register file");
                    break;
                case Op::CallIndirect:
                    reg(in.dst, true), reg(in.a, false);
                    if (in.imm &&
                        (in.b == kNoReg || uint32_t(in.b) + uint32_t(in.imm) > fn.numRegs))
                        bad(at + "call arguments outside the register file");
                    break;
                case Op::Return:
                    reg(in.a, true);
                    break;
                case Op::Builtin:
                    reg(in.dst, true);
                    if (in.b && (in.a == kNoReg || uint32_t(in.a) + in.b > fn.numRegs))
                        bad(at + "builtin arguments outside the register file");
                    break;
                case Op::DsdConst:
                    dreg(in.dst);
                    if (in.imm < 0 || size_t(in.imm) >= cls.dsdConstants.size())
                        bad(at + "DSD constant " + str(uint64_t(int64_t(in.imm))));
                    break;
                case Op::DsdLoad:
                    dreg(in.dst), reg(in.a, true);
                    break;
                case Op::DsdStore:
                    dreg(in.b), reg(in.a, true);
                    break;
                case Op::DsdMov:
                    dreg(in.dst), dreg(in.a);
                    break;
                case Op::DsdSet:
                    dreg(in.dst), dreg(in.a), reg(in.b, false);
                    break;
                case Op::DsdGet:
                    reg(in.dst, false), dreg(in.a);
                    break;
                case Op::DsrRead:
                    dreg(in.dst);
                    break;
                case Op::DsrAdvance:
                    dreg(in.a);
                    break;
                case Op::DsdExec: {
                    if (in.imm < 0 || size_t(in.imm) >= cls.dsdOps.size())
                        bad(at + "DSD op " + str(uint64_t(int64_t(in.imm))));
                    const DsdOpDesc& d = cls.dsdOps[size_t(in.imm)];
                    for (const DsdOperand* o : {&d.dst, &d.src0, &d.src1, &d.src2}) {
                        if (o->kind == DsdOperand::Kind::Dsd)
                            dreg(o->reg);
                        else if (o->kind != DsdOperand::Kind::None)
                            reg(o->reg, false);
                    }
                    break;
                }
                default:
                    reg(in.dst, false), reg(in.a, false), reg(in.b, false);
                    break;
                }
            }
        }
    }
}

void Fabric::Impl::loadPe(uint32_t index) {
    Pe& p = pes[index];
    const PeConfig& cfg = prog->pes[index];
    p.x = index % width;
    p.y = index / width;
    p.classIndex = cfg.codeClass;
    p.cls = &prog->classes[cfg.codeClass];
    for (int q = 0; q < kNumInputQueues; ++q)
        p.inputQueueColor[size_t(q)] = p.cls->inputQueueColor[size_t(q)];
    for (int q = 0; q < kNumOutputQueues; ++q)
        p.outputQueueColor[size_t(q)] = p.cls->outputQueueColor[size_t(q)];
    p.mem = memory + size_t(index) * kPeMemoryBytes;
    for (const DataInit& d : p.cls->data)
        if (!d.bytes.empty())
            std::memcpy(p.mem + d.address, d.bytes.data(), d.bytes.size());
    p.colorIndex.fill(-1);
    for (const auto& [color, cc] : cfg.colors) {
        p.colorIndex[color] = int8_t(p.colors.size());
        p.colors.push_back(cc);
    }
    for (int c = 0; c < kNumColors; ++c) {
        uint32_t depth = costs::kImplicitQueueDepth;
        for (int q = 0; q < kNumInputQueues; ++q)
            if (p.cls->inputQueueColor[q] == c)
                depth = costs::inputQueueDepth(arch, q);
        p.rampQ[c].setCapacity(depth);
        p.routerBuf[c].setCapacity(5 * costs::kRouterBufferDepth); // one share per input link
    }
    for (int q = 0; q < kNumOutputQueues; ++q)
        p.outQ[q].setCapacity(costs::outputQueueDepth(arch, q));
    p.fifos.resize(p.cls->fifos.size());
    for (size_t i = 0; i < p.cls->rotatingTasks.size() && i < p.rotationCount.size(); ++i)
        p.rotationCount[i] = p.cls->rotatingTasks[i].init;
    for (int t = 0; t < kNumTaskIds; ++t)
        if (p.cls->tasks[t].initiallyBlocked)
            p.blocked |= uint64_t(1) << t;
    if (p.cls->initFunction >= 0) {
        callFunction(p, p.cls->initFunction, nullptr, 0, kNoReg);
        p.currentTask = kTaskInit;
        profileTaskStart(p, kProfileInitSlot, 0);
        schedule(p, 0);
    }
}

// ---------------------------------------------------------------- helpers

std::string Fabric::Impl::peName(const Pe& p) const {
    return "PE(" + str(p.x + prog->offsetX) + "," + str(p.y + prog->offsetY) + ")";
}

std::string sourcePlace(const FabricProgram& prog, const CodeClass& cls, const SourceLoc& loc) {
    const std::string& file =
        loc.file < prog.sourceFiles.size() ? prog.sourceFiles[loc.file] : cls.file;
    return file + ":" + std::to_string(loc.line);
}

std::string Fabric::Impl::where(const Pe& p, const SourceLoc* loc) const {
    std::string s = peName(p) + " at cycle " + str(now);
    if (loc && loc->line)
        s += ", " + sourcePlace(*prog, *p.cls, *loc);
    return s;
}

void Fabric::Impl::fault(const Pe& p, const SourceLoc* loc, const std::string& what) const {
    std::optional<SourceLoc> at;
    if (loc)
        at = *loc;
    throw PeFault(what + " (" + where(p, loc) + ")", at);
}

uint32_t Fabric::Impl::exportedDataAddress(const Pe& p, const ClassExport& e) {
    if (e.pointerAddress < 0)
        return e.address;
    uint16_t value = 0; // pointers are 16-bit byte addresses
    std::memcpy(&value, p.mem + e.pointerAddress, sizeof value);
    return value;
}

const ColorConfig* Fabric::Impl::colorConfig(const Pe& p, int color) const {
    const int8_t i = p.colorIndex[color];
    return i < 0 ? nullptr : &p.colors[size_t(i)];
}

Pe* Fabric::Impl::neighbour(const Pe& p, Direction d) {
    int x = int(p.x), y = int(p.y);
    switch (d) {
    case Direction::North:
        --y;
        break;
    case Direction::South:
        ++y;
        break;
    case Direction::East:
        ++x;
        break;
    case Direction::West:
        --x;
        break;
    case Direction::Ramp:
        break;
    }
    if (x < 0 || y < 0 || x >= int(width) || y >= int(height))
        return nullptr;
    return &pes[size_t(y) * width + size_t(x)];
}

// ---------------------------------------------------------------- scheduling

std::vector<uint32_t> Fabric::Impl::touchedSorted() {
    std::sort(touchedPes.begin(), touchedPes.end());
    return touchedPes;
}

void Fabric::Impl::schedule(Pe& p, uint64_t cycle) {
    touch(p);
    if (p.scheduledAt <= cycle)
        return;
    p.scheduledAt = cycle;
    enqueueVisit(cycle, peIndex(p));
}

void Fabric::Impl::enqueueVisit(uint64_t cycle, uint32_t index) {
    if (cycle >= now && cycle - now < kWheelCycles)
        wheel[cycle & (kWheelCycles - 1)].emplace_back(cycle, index);
    else
        farEvents.emplace(cycle, index);
}

void Fabric::Impl::activateRouter(Pe& p) {
    if (inPePhase) { // only a PE's own router is touched from its visit
        p.routerWanted = true;
        return;
    }
    if (!p.routerActive && routerHasWork(p)) {
        touch(p);
        p.routerActive = true;
        activeRouters.push_back(peIndex(p));
    }
}

void Fabric::Impl::wakeRouterAt(Pe& p, uint64_t cycle) {
    touch(p);
    if (cycle < p.routerWakeAt) {
        p.routerWakeAt = cycle;
        laterRouters.emplace_back(cycle, peIndex(p));
    }
}

void Fabric::Impl::reschedule(Pe& p) {
    const uint64_t next = nextVisit(p);
    if (next != UINT64_MAX)
        schedule(p, next);
}

uint64_t Fabric::Impl::nextVisit(const Pe& p) const {
    uint64_t next = UINT64_MAX;
    const bool mainBusy = !p.frames.empty() || p.mainOp.active;
    if (p.visitWanted)
        next = now + 1;
    if (p.mainOp.active) {
        if (!p.mainOp.waiting)
            next = std::min(next, p.mainReadyAt);
    } else if (!p.frames.empty()) {
        if (!p.mainWaiting)
            next = std::min(next, p.mainReadyAt);
    }
    for (size_t u = 0; u < p.uts.size(); ++u)
        if (const OpState& ut = p.uts.begin()[u];
            ut.active && !ut.waiting && !(p.blockedUts >> u & 1))
            next = std::min(next, ut.readyAt);
    if (!mainBusy) {
        bool work = pickTask(p) >= 0;
        if (work)
            next = std::min(next, p.mainReadyAt);
        // A command held by an earlier H2D stream gets its visit from wakeAfterH2DStream.
        if (!p.cmds.empty() && !p.cmdBlocked && !h2dStreamBefore(p.cmds.front().cmd->id)) {
            const Command& c = *p.cmds.front().cmd;
            if (c.kind == Command::Kind::Launch || c.kind == Command::Kind::CopyH2D ||
                c.kind == Command::Kind::CopyD2H ||
                (c.kind == Command::Kind::StreamH2D && !p.cmds.front().started))
                next = std::min(next, std::max(p.mainReadyAt, copyArrival(c)));
        }
    }
    if (!p.cmds.empty() && !p.cmdBlocked) {
        const PeCommand& pc = p.cmds.front();
        if (pc.cmd->kind == Command::Kind::StreamH2D && pc.started &&
            !p.rampQ[size_t(pc.cmd->req.color)].full())
            next = std::min(next, p.portReadyAt);
        if (pc.finished)
            next = std::min(next, now + 1);
    }
    // Work that ran ahead of the global cycle still ends in the future: visit the PE
    // then, so simulated time covers it (and the run's final cycle includes it).
    if (p.mainReadyAt > now)
        next = std::min(next, p.mainReadyAt);
    return next == UINT64_MAX ? UINT64_MAX : std::max(next, now + 1);
}

// The visit loop is bound by cache and TLB misses on the PEs it visits (game-of-life
// 100x100, docs/benchmarks.md): a visit touches the Pe's hot lines, its frame and register
// blocks and its own SRAM page. Prefetches issued a few PEs ahead overlap those misses;
// they only warm caches, so results do not change.
void Fabric::Impl::prefetchPe(const Pe& p) {
    const char* base = reinterpret_cast<const char*>(&p);
    for (size_t line = 0; line < 5; ++line) // through mainOp.active (machine.h)
        __builtin_prefetch(base + line * 64);
}

void Fabric::Impl::prefetchPeData(const Pe& p) {
    if (!p.frames.empty())
        __builtin_prefetch(&p.frames.back());
    __builtin_prefetch(p.regs.data());
}

void Fabric::Impl::prefetchRouterLines(const Pe& p) {
    prefetchPe(p);
    const char* queues = reinterpret_cast<const char*>(&p.outQ);
    for (size_t off = 0; off < sizeof(p.outQ); off += 64)
        __builtin_prefetch(queues + off);
    __builtin_prefetch(&p.colorIndex); // and the colors vector
}

void Fabric::Impl::prefetchRouter(const Pe& p) {
    __builtin_prefetch(p.colors.data());
    if (p.routerBusy) {
        const size_t color = size_t(std::countr_zero(p.routerBusy));
        __builtin_prefetch(&p.routerBuf[color]);
        __builtin_prefetch(&p.routerLinkCount[color]);
    }
    if (p.outQBusy)
        __builtin_prefetch(p.outQ[size_t(std::countr_zero(p.outQBusy))].storage());
}

void Fabric::Impl::visit(Pe& p) {
    serviceCommands(p);
    for (size_t u = 0; u < p.uts.size(); ++u)
        if (OpState& ut = p.uts.slot(u); ut.active && ut.readyAt <= now && !(p.blockedUts >> u & 1))
            advanceOp(p, ut, false);
    if (p.mainReadyAt <= now || p.mainOp.active)
        runMain(p);
    serviceCommands(p);
}

void Fabric::Impl::visitGuarded(Pe& p) {
    p.scheduledAt = UINT64_MAX;
    p.visitWanted = false;
    try {
        visit(p);
    } catch (const PeFault& f) {
        p.hasFault = true;
        p.faultMessage = f.what();
        p.faultLoc = f.loc;
    }
}

void Fabric::Impl::mergeVisit(Pe& p) {
    mergeShared(p);
    reschedule(p);
}

bool Fabric::Impl::hasSharedResults(const Pe& p) {
    return p.hasFault || !p.pendingSimprint.empty() || !p.pendingTrace.empty() || p.breakHere;
}

void Fabric::Impl::mergeShared(Pe& p) {
    if (p.hasFault) {
        p.hasFault = false;
        if (!faulted) {
            faulted = true;
            faultMessage = p.faultMessage;
            faultLoc = p.faultLoc;
            faultCycle = now;
        }
    }
    for (Pe::PendingSimprint& s : p.pendingSimprint) {
        // sim.log has the line as the SDK's simulator writes it, "@<cycle> <text>" (SDK
        // topic-13-simprint: a program that wants its coordinates prints them); the lines
        // kept for the IDE and the core dump name the PE.
        const std::string cycle = "@" + str(s.cycle);
        if (opt.simprintToLog && simLog.is_open())
            logLine(s.cycle, cycle + " " + s.text);
        simprint.append(cycle + " PE(" + str(p.x) + "," + str(p.y) + "): " + s.text);
    }
    p.pendingSimprint.clear();
    for (std::string& line : p.pendingTrace)
        logLine(std::move(line));
    p.pendingTrace.clear();
    if (p.breakHere) {
        p.breakHere = false;
        if (!breakHit) {
            breakHit = true;
            breakMessage = std::move(p.breakMessage);
            breakLoc = p.breakLoc;
        }
    }
    if (p.routerWanted) {
        p.routerWanted = false;
        activateRouter(p);
    }
}

void Fabric::Impl::sortUniquePes(std::vector<uint32_t>& list) {
    if (std::is_sorted(list.begin(), list.end())) { // mostly scheduled in PE order
        list.erase(std::unique(list.begin(), list.end()), list.end());
        return;
    }
    // A comparison sort costs about n log n; the bitmap n plus a scan of pes/64 words.
    if (list.size() < 64 || list.size() * 256 < pes.size()) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        return;
    }
    orderBits.resize((pes.size() + 63) / 64);
    for (uint32_t i : list)
        orderBits[i / 64] |= uint64_t(1) << (i % 64);
    list.clear();
    for (size_t w = 0; w < orderBits.size(); ++w) {
        for (uint64_t bits = orderBits[w]; bits; bits &= bits - 1)
            list.push_back(uint32_t(w * 64 + size_t(std::countr_zero(bits))));
        orderBits[w] = 0;
    }
}

bool Fabric::Impl::stepCycle() {
    // The first cycle to step: routers activated in the last stepped cycle move in the
    // next one, which is `now` itself after a run stopped at its limit (stepping in pieces
    // must give the same result as one run).
    const uint64_t first = nowStepped ? now + 1 : now;
    uint64_t next = activeRouters.empty() ? UINT64_MAX : first;
    // A router left waiting for a wavelet's hop counts from the next cycle on (as one
    // stepped every cycle until then would).
    std::erase_if(laterRouters,
                  [&](const Event& e) { return pes[e.second].routerWakeAt != e.first; });
    for (const Event& e : laterRouters)
        next = std::min(next, std::max(e.first, first));
    auto stale = [&](const Event& e) { return pes[e.second].scheduledAt != e.first; };
    // The first bucket from `now` on that holds a live entry; buckets passed over hold
    // only stale entries (every live entry is at or after `now`), so they are emptied.
    for (uint64_t c = now; c < next && c - now < kWheelCycles; ++c) {
        std::vector<Event>& bucket = wheel[c & (kWheelCycles - 1)];
        if (bucket.empty())
            continue;
        std::erase_if(bucket, stale);
        if (!bucket.empty()) {
            next = c;
            break;
        }
    }
    while (!farEvents.empty() && stale(farEvents.top()))
        farEvents.pop(); // stale entries of PEs rescheduled earlier
    if (!farEvents.empty())
        next = std::min(next, farEvents.top().first);
    if (next == UINT64_MAX)
        return false;
    if (next >= runLimit && runLimit != UINT64_MAX) {
        // Cycles before the limit are done; the limit cycle itself belongs to the next run.
        now = std::max(now, runLimit);
        nowStepped = false;
        return true;
    }
    now = next;
    nowStepped = true;
    if (!logBuffer.empty())
        flushLog(now); // lines of earlier cycles are final
    visitList.clear();
    std::erase_if(wheel[now & (kWheelCycles - 1)], [&](const Event& e) {
        if (e.first != now)
            return false;
        if (pes[e.second].scheduledAt == now)
            visitList.push_back(e.second);
        return true;
    });
    while (!farEvents.empty() && farEvents.top().first == now) {
        const uint32_t i = farEvents.top().second;
        farEvents.pop();
        if (pes[i].scheduledAt == now)
            visitList.push_back(i);
    }
    sortUniquePes(visitList);
    inPePhase = true;
    if (pool && visitList.size() >= opt.parallelMinPes) {
        // Each thread visits ranges of consecutive entries and also computes each PE's next
        // visit there, while its lines are in that core's cache. The serial merge after it
        // then reads only visitNext, in PE order, and touches a Pe only when its visit left
        // something for shared state (a simprint line, a fault, a router to activate...):
        // the same calls in the same order as mergeVisit after each visit (activeRouters
        // is sorted before its routers step, so only its contents count).
        const size_t n = visitList.size();
        visitNext.resize(n);
        const size_t chunk = std::clamp<size_t>(n / 64, 16, 256);
        pool->parallelFor(n, chunk, [&](size_t begin, size_t end) {
            for (size_t k = begin; k < end; ++k) {
                // The SRAM page needs no Pe line; Pe lines and what they point to only
                // within the range: another thread may be visiting the PEs beyond it.
                if (k + 8 < n)
                    __builtin_prefetch(memory + size_t(visitList[k + 8]) * kPeMemoryBytes);
                if (k + 4 < end)
                    prefetchPe(pes[visitList[k + 4]]);
                if (k + 2 < end)
                    prefetchPeData(pes[visitList[k + 2]]);
                Pe& p = pes[visitList[k]];
                visitGuarded(p);
                // A visited PE was scheduled (so touched) and nothing schedules it during
                // its visit (scheduledAt is UINT64_MAX): schedule() would only store this.
                const uint64_t next = nextVisit(p);
                if (next != UINT64_MAX)
                    p.scheduledAt = next;
                // Most visits of a busy fabric send: activateRouter's test of the PE's
                // own router here, so the merge does not fetch the Pe again for it.
                const bool activate = p.routerWanted && routerHasWork(p) && !p.routerActive;
                if (p.routerWanted) {
                    p.routerWanted = false;
                    p.routerActive = p.routerActive || activate;
                }
                visitNext[k] = {next, activate, hasSharedResults(p)};
            }
        });
        inPePhase = false;
        for (size_t k = 0; k < n; ++k) {
            const VisitNext& v = visitNext[k];
            if (v.shared)
                mergeShared(pes[visitList[k]]);
            if (v.activateRouter)
                activeRouters.push_back(visitList[k]); // activateRouter (the PE is touched)
            if (v.cycle != UINT64_MAX)
                enqueueVisit(v.cycle, visitList[k]);
        }
    } else {
        // One PE at a time in PE index order: each visit merges right after it, in the
        // same order as after a parallel phase (no visit reads what a merge writes), while
        // the PE's lines are still in the cache.
        const size_t n = visitList.size();
        for (size_t k = 0; k < n; ++k) {
            // The PE's SRAM page follows from its index, so its prefetch needs no line of
            // the Pe and can go further ahead: on a large fabric it is a TLB miss whose
            // page walk misses the cache too (each PE's page table entry has its own line).
            if (k + 8 < n)
                __builtin_prefetch(memory + size_t(visitList[k + 8]) * kPeMemoryBytes);
            if (k + 4 < n)
                prefetchPe(pes[visitList[k + 4]]);
            if (k + 2 < n)
                prefetchPeData(pes[visitList[k + 2]]);
            Pe& p = pes[visitList[k]];
            visitGuarded(p);
            inPePhase = false;
            mergeVisit(p);
            inPePhase = true;
        }
        inPePhase = false;
    }
    if (const CommandId finished = finishedH2DStream.exchange(0))
        wakeAfterH2DStream(finished);
    if (!activeRouters.empty() || !laterRouters.empty()) {
        std::vector<uint32_t>& routers = routerList; // reused: no allocation per cycle
        routers.clear();
        routers.swap(activeRouters);
        std::erase_if(laterRouters, [&](const Event& e) {
            if (e.first > now)
                return false;
            if (pes[e.second].routerWakeAt == e.first)
                routers.push_back(e.second);
            return true;
        });
        sortUniquePes(routers);
        for (size_t k = 0; k < routers.size(); ++k) {
            if (k + 4 < routers.size())
                prefetchRouterLines(pes[routers[k + 4]]);
            if (k + 2 < routers.size())
                prefetchRouter(pes[routers[k + 2]]);
            const uint32_t i = routers[k];
            Pe& p = pes[i];
            p.routerActive = false;
            p.routerWakeAt = UINT64_MAX;
            uint64_t again = UINT64_MAX;
            try {
                again = routerStep(p);
            } catch (const PeFault& f) {
                if (!faulted) {
                    faulted = true;
                    faultMessage = f.what();
                    faultCycle = now;
                }
            }
            if (again <= now + 1) {
                activateRouter(p);
            } else if (again != UINT64_MAX) {
                p.routerWakeAt = again;
                laterRouters.emplace_back(again, i);
            }
        }
    }
    return true;
}

RunResult Fabric::Impl::run(uint64_t maxCycles, CommandId waitFor, bool stepping) {
    stopRequested = false;
    breakHit = false;
    const uint64_t start = now;
    const uint64_t limit =
        maxCycles == UINT64_MAX || UINT64_MAX - now < maxCycles ? UINT64_MAX : now + maxCycles;
    // A cycle breakpoint inside this run (or exactly at its end) ends it as a breakpoint.
    uint64_t cycleBreak = UINT64_MAX;
    for (const Breakpoint& bp : breakpoints)
        if (bp.kind == Breakpoint::Kind::Cycle && bp.value > now)
            cycleBreak = std::min(cycleBreak, uint64_t(bp.value));
    const bool endsAtBreakpoint = cycleBreak <= limit;
    runLimit = std::min(cycleBreak, limit);
    RunResult r;
    auto finish = [&](RunStatus s, std::string msg) {
        runLimit = UINT64_MAX;
        r.status = s;
        r.cycle = now;
        r.message = std::move(msg);
        return r;
    };
    if (maxCycles == 0)
        return finish(RunStatus::CycleLimit, "stopped after 0 cycles");
    while (true) {
        if (faulted) {
            runLimit = UINT64_MAX;
            r.status = RunStatus::Fault;
            r.cycle = faultCycle;
            r.message = faultMessage;
            r.location = faultLoc;
            return r;
        }
        if (breakHit) {
            r.location = breakLoc;
            return finish(RunStatus::Breakpoint, breakMessage);
        }
        if (waitFor) {
            auto it = commands.find(waitFor);
            if (it == commands.end() || it->second->done)
                return finish(RunStatus::CommandDone,
                              "command " + str(waitFor) + " finished at cycle " + str(now));
        }
        if (stopRequested)
            return finish(RunStatus::Stopped, "stopped at cycle " + str(now));
        // After a cycle at least, so a caller that does not wait for the reader still
        // advances.
        if (!stepping && now > start && simprintHeld())
            return finish(RunStatus::Stopped,
                          "stopped at cycle " + str(now) + " for the simprint reader to catch up");
        if (now >= runLimit && now > start) {
            if (endsAtBreakpoint && now == cycleBreak)
                return finish(RunStatus::Breakpoint, "cycle breakpoint " + str(now));
            return finish(RunStatus::CycleLimit, "stopped after " + str(now - start) + " cycles");
        }
        if (pendingCommands && now > lastProgress && now - lastProgress > opt.idleCycleLimit) {
            // Scalar code whose loops keep changing registers is progress (a long
            // computation inside one task), folded in only here: it is noted per PE. So are
            // task starts and ends, when the PE's state changed since its last check.
            for (Pe& p : pes) {
                noteProgress(p.lastScalarProgress);
                if (p.lastTaskProgress > lastProgress) {
                    const uint64_t fingerprint = stateFingerprint(p);
                    p.tasksChangeNothing = fingerprint == p.taskStateFingerprint;
                    if (!p.tasksChangeNothing) {
                        p.taskStateFingerprint = fingerprint;
                        noteProgress(p.lastTaskProgress);
                    }
                }
                // Calls without a spinning loop around them: a recursion computing.
                if (p.lastCall > lastProgress && p.lastSpin <= lastProgress)
                    noteProgress(p.lastCall);
                // A loop whose registers stay the same may change the rest of the PE
                // (memory, the generator of `while (rare() == 0) {}` drawing numbers).
                if (p.lastSpin > lastProgress) {
                    const uint64_t fingerprint = stateFingerprint(p);
                    if (fingerprint != p.spinFingerprint) {
                        p.spinFingerprint = fingerprint;
                        noteProgress(p.lastSpin);
                    }
                }
            }
        }
        if (pendingCommands && now > lastProgress && now - lastProgress > opt.idleCycleLimit) {
            runLimit = UINT64_MAX;
            return waitReport(RunStatus::Hang, "no progress for " + str(now - lastProgress) +
                                                   " cycles while host commands are pending");
        }
        if (!stepCycle()) {
            runLimit = UINT64_MAX;
            // Nothing is scheduled. With a host command unfinished that is a hang; without
            // one, PEs that only wait for input (a microthread on a fabin, a blocked task)
            // are idle, as on hardware. A debugger step asked for progress, so it reports
            // such waiting PEs as a hang too.
            if (pendingCommands > 0)
                return waitReport(RunStatus::Hang, "no PE can make progress");
            RunResult idle = waitReport(RunStatus::Idle, "");
            if (stepping && !idle.waiting.empty())
                return waitReport(RunStatus::Hang, "no PE can make progress");
            return idle;
        }
    }
}

// ---------------------------------------------------------------- hang reports

// What the main thread runs, named by its entry and, when deeper, the function it is in:
// "launched go, in pull", "task 3 (recv)", "init setup". (The innermost function alone read
// as if the host had launched it.)
std::string Fabric::Impl::mainThreadWork(const Pe& p) const {
    const auto name = [&](int32_t f) { return p.cls->functions[size_t(f)].name; };
    const std::string entry = name(p.frames.front().func);
    std::string s = p.currentTask >= 0 ? "task " + str(uint64_t(p.currentTask)) + " (" + entry + ")"
                    : p.currentTask == kTaskLaunch ? "launched " + entry
                                                   : "init " + entry;
    if (p.frames.size() > 1)
        s += ", in " + name(p.frames.back().func);
    return s;
}

// Why nothing takes the wavelets at the head of a CE queue, when no blocked task explains
// it: a control wavelet whose entrypoint has no control task, or data that no data task
// (and no running operation) reads.
std::string Fabric::Impl::ceQueueConsumerNote(const Pe& p, int color, bool dataTask) const {
    const Wavelet& head = p.rampQ[size_t(color)].front();
    if (dataTask)
        return {};
    if (head.control && controlTaskFunction(p, color, head.payload) < 0)
        return "; the first is a control wavelet for entrypoint " +
               str(controlEntrypoint(head.payload)) +
               ", which no control task is bound to, and no data task takes the color";
    if (!head.control && colorClaimed(p, color))
        return "; a DSD operation that reads the color has not taken them";
    if (!head.control)
        return "; no data task is bound to the color and no DSD operation reads it";
    if (arch == Arch::Wse3 && channelBlockBit(p, color) < 0)
        return "; no input queue is bound to the color (@initialize_queue), so its control "
               "wavelets reach no task";
    if (channelBlocked(p, color))
        return arch == Arch::Wse2
                   ? "; the color is blocked: with no data task bound to it, its control "
                     "wavelets wait for @unblock of the color"
                   : "; input queue " + str(uint64_t(channelBlockBit(p, color))) +
                         " is blocked: with no data task bound to it, its control wavelets "
                         "wait for @unblock of the queue";
    return {};
}

// Wavelets the PE holds: in its router, its CE input queues and its output queues.
// An idle PE whose launch waits: the tasks wavelets could still start, and on which colors
// (the report named only the launch, leaving the developer to guess which neighbour never
// sent).
void Fabric::Impl::describeWaveletTasks(const Pe& p, std::vector<std::string>& parts) const {
    if (!p.frames.empty() || p.mainOp.active ||
        std::any_of(p.uts.begin(), p.uts.end(), [](const OpState& u) { return u.active; }))
        return;
    std::vector<std::string> waits;
    std::string control;
    for (int t = 0; t < kNumTaskIds; ++t) {
        const TaskBinding& b = p.cls->tasks[size_t(t)];
        if (b.kind == TaskKind::Control) {
            control += (control.empty() ? "" : ", ") + taskIdName(p, t);
            continue;
        }
        if (b.kind != TaskKind::Data)
            continue;
        const int c = dataTaskColor(p, t);
        if (c < 0 || !p.rampQ[size_t(c)].empty())
            continue;
        std::string s =
            "data task " + taskIdName(p, t) + " has no wavelet on color " + str(uint64_t(c));
        if (b.inputQueue >= 0)
            s += " (iq " + str(uint64_t(b.inputQueue)) + ")";
        if (p.blocked >> t & 1)
            s += " and is blocked";
        waits.push_back(s);
    }
    if (!control.empty())
        waits.push_back("control task(s) " + control +
                        " have no control wavelet on an unblocked channel");
    if (waits.empty())
        return;
    std::string s = "it waits for wavelets: ";
    for (size_t i = 0; i < waits.size() && i < 4; ++i)
        s += (i ? "; " : "") + waits[i];
    if (waits.size() > 4)
        s += "; and " + str(waits.size() - 4) + " more";
    parts.push_back(s);
}

// FNV-1a over the state. The timestamp counter is left out: code sees it only through the
// memory a timestamp writes, and a loop that reads it there changes memory.
uint64_t stateFingerprint(const Pe& p) {
    uint64_t h = 0xcbf29ce484222325ull;
    const auto mix = [&h](uint64_t v) { h = (h ^ v) * 0x100000001b3ull; };
    for (size_t i = 0; i < kPeMemoryBytes; i += 8) {
        uint64_t word;
        std::memcpy(&word, p.mem + i, 8);
        mix(word);
    }
    mix(p.activated);
    mix(p.blocked);
    mix(p.highPriority);
    mix(p.blockedUts);
    mix(p.lfsr);
    mix(p.activePrng);
    if (p.prngStates)
        for (uint32_t s : *p.prngStates)
            mix(s);
    mix(uint64_t(p.rotationCount[0]) << 16 | p.rotationCount[1]);
    for (const FifoState& q : p.fifos) {
        mix(uint64_t(q.head) | uint64_t(q.count) << 32);
        mix(uint64_t(q.readLength) | uint64_t(q.writeLength) << 16 | uint64_t(q.emptyEvent) << 32 |
            uint64_t(q.fullEvent) << 33);
    }
    if (p.configRegs) {
        // An unordered map's order depends on its history: summed, the same words give the
        // same value whatever the order of their writes.
        uint64_t words = 0;
        for (const auto& [address, value] : *p.configRegs)
            words += (uint64_t(address) << 16 | value) * 0x9e3779b97f4a7c15ull;
        mix(words);
    }
    return h;
}

// Whether color c's current routes lead from `start` back to it (through PEs whose rx takes
// each hop): wavelets there circulate for ever rather than wait for room. The loop's PEs
// from `start` on, or empty.
std::string Fabric::Impl::routeLoopThrough(const Pe& start, int c) const {
    std::unordered_map<const Pe*, const Pe*> parent{{&start, nullptr}};
    std::deque<const Pe*> todo{&start};
    while (!todo.empty()) {
        const Pe* q = todo.front();
        todo.pop_front();
        const ColorConfig* cfg = colorConfig(*q, c);
        if (!cfg)
            continue;
        uint8_t rx = 0, tx = 0;
        routeOf(*cfg, rx, tx);
        for (Direction d : {Direction::North, Direction::South, Direction::East, Direction::West}) {
            if (!(tx & dirBit(d)))
                continue;
            // neighbour() only looks the PE up; it is non-const for the routing loop's sake.
            const Pe* next = const_cast<Impl*>(this)->neighbour(*q, d);
            const ColorConfig* nextCfg = next ? colorConfig(*next, c) : nullptr;
            if (!nextCfg)
                continue;
            uint8_t nextRx = 0, nextTx = 0;
            routeOf(*nextCfg, nextRx, nextTx);
            if (!(nextRx & dirBit(kOpposite[size_t(d)])))
                continue;
            if (next == &start) {
                std::vector<const Pe*> loop;
                for (const Pe* at = q; at; at = parent.at(at))
                    loop.push_back(at);
                std::string names;
                for (auto it = loop.rbegin(); it != loop.rend(); ++it)
                    names += peName(**it) + " -> ";
                return names + peName(start);
            }
            if (parent.emplace(next, q).second)
                todo.push_back(next);
        }
    }
    return {};
}

void Fabric::Impl::describeWavelets(const Pe& p, std::vector<std::string>& parts) const {
    for (int c = 0; c < kNumColors; ++c) {
        if (!p.rampQ[size_t(c)].empty()) {
            std::string s = str(p.rampQ[size_t(c)].size()) + " wavelet(s) on color " +
                            str(uint64_t(c)) + " wait in the CE input queue";
            bool dataTask = false;
            for (int t = 0; t < kNumTaskIds; ++t) {
                if (p.cls->tasks[size_t(t)].kind != TaskKind::Data || dataTaskColor(p, t) != c)
                    continue;
                dataTask = true;
                if (p.blocked >> t & 1)
                    s += "; data task " + str(uint64_t(t)) + " is blocked";
            }
            s += ceQueueConsumerNote(p, c, dataTask);
            parts.push_back(s);
        }
        if (!p.routerBuf[size_t(c)].empty() && colorConfig(p, c) && colorConfig(p, c)->teardown) {
            parts.push_back(str(p.routerBuf[size_t(c)].size()) + " wavelet(s) on color " +
                            str(uint64_t(c)) +
                            " wait in the router: the color is in teardown mode and nothing "
                            "exits it (<tile_config>.teardown.exit)");
        } else if (!p.routerBuf[size_t(c)].empty()) {
            // Wavelets on links the current switch position does not select wait for a
            // switch command; the rest wait for room further on (backpressure).
            uint8_t rx = 0, tx = 0, position = 0;
            if (const ColorConfig* cfg = colorConfig(p, c)) {
                routeOf(*cfg, rx, tx);
                position = cfg->currentSwitchPosition;
            }
            uint32_t blocked = 0;
            for (Direction d : {Direction::Ramp, Direction::North, Direction::South,
                                Direction::East, Direction::West}) {
                const uint32_t n = p.routerLinkCount[size_t(c)][size_t(d)];
                if (n && !(rx & dirBit(d))) {
                    const ColorConfig* cfg = colorConfig(p, c);
                    parts.push_back(
                        str(n) + " wavelet(s) on color " + str(uint64_t(c)) + " from " +
                        directionName(d) +
                        (cfg && (rxOfAnyPosition(*cfg) & dirBit(d))
                             ? std::string(" wait for a switch position whose rx accepts ") +
                                   directionName(d) + " (current position " + str(position) + ")"
                             : std::string(" wait at port ") + directionName(d) +
                                   ": no rx of the color (routes or switch positions) accepts " +
                                   directionName(d) + "; nothing rewrote the color config" +
                                   (d == Direction::Ramp ? unboundSendsNote(p) : "")));
                    blocked += n;
                }
            }
            if (p.routerBuf[size_t(c)].size() > blocked) {
                const std::string loop = routeLoopThrough(p, c);
                parts.push_back(str(p.routerBuf[size_t(c)].size() - blocked) +
                                " wavelet(s) on color " + str(uint64_t(c)) +
                                (loop.empty() ? " stuck in the router (backpressure)"
                                              : " circulate in a loop of routes (" + loop +
                                                    "); the ring never drains"));
            }
        }
    }
    for (int q = 0; q < kNumOutputQueues; ++q)
        if (!p.outQ[size_t(q)].empty())
            parts.push_back(str(p.outQ[size_t(q)].size()) + " wavelet(s) stuck in output queue " +
                            str(uint64_t(q)) + " (color " + str(p.outQ[size_t(q)].front().color) +
                            ")");
}

std::string Fabric::Impl::describeWait(const Pe& p) const {
    std::vector<std::string> parts;
    auto opWait = [&](const OpState& op, const std::string& who) {
        const DsdOpDesc& d = p.cls->dsdOps[op.opIndex];
        std::string s =
            who + " " + dsdOpName(d.op) + " (" + str(op.done) + "/" + str(op.total) + " elements";
        if (op.loc.line)
            s += ", " + sourcePlace(*prog, *p.cls, op.loc);
        s += ")";
        // Only the operands that hold it up (a fabin with no wavelet, a full output queue,
        // an empty or full FIFO), as fabric_waits.cpp names them: naming every fabric
        // operand blamed the output queue of an op waiting for its FIFO to be filled.
        for (const OpOperand* o : {&op.src[0], &op.src[1], &op.src[2]}) {
            if (o->kind != DsdOperand::Kind::Dsd)
                continue;
            if (o->dsd.kind == DsdKind::FabIn) {
                const int c = fabinColor(p, o->dsd);
                if (p.rampQ[size_t(c)].empty())
                    s += " waits for wavelets on color " + str(uint64_t(c)) + " (iq " +
                         str(o->dsd.queue) + queueBindingNote(p, true, o->dsd.queue) + ")";
            } else if (o->dsd.kind == DsdKind::Fifo && o->dsd.fifo < p.fifos.size() &&
                       p.fifos[o->dsd.fifo].count == 0) {
                s += " waits for data in FIFO " + str(o->dsd.fifo) + " (empty)";
            }
        }
        if (op.dst.kind == DsdOperand::Kind::Dsd && op.dst.dsd.kind == DsdKind::FabOut &&
            p.outQ[op.dst.dsd.queue % kNumOutputQueues].full())
            s += " waits for room in output queue " + str(op.dst.dsd.queue) + " (color " +
                 str(uint64_t(faboutColor(p, op.dst.dsd))) + ")";
        if (op.dst.kind == DsdOperand::Kind::Dsd && op.dst.dsd.kind == DsdKind::Fifo &&
            op.dst.dsd.fifo < p.fifos.size() && fifoFull(p, op.dst.dsd.fifo))
            s += " waits for room in FIFO " + str(op.dst.dsd.fifo) + " (full)";
        if (op.dst.kind == DsdOperand::Kind::Dsd && op.dst.dsd.kind == DsdKind::FabIn)
            s += " waits for control wavelets on color " + str(uint64_t(fabinColor(p, op.dst.dsd)));
        parts.push_back(s);
    };
    // The main thread still executing code, not waiting for an op: a loop that changes
    // nothing (the idle-cycle limit ended the run). Where it loops is what the developer
    // needs; "never called unblock_cmd_stream" alone sent them to the wrong line.
    // Tasks that kept starting and ending after the last progress changed nothing (the
    // idle-cycle check compares the PE's fingerprint): a polling task whose condition
    // nothing will change.
    const uint64_t running =
        p.currentTask >= 0 && p.currentTask < kNumTaskIds ? uint64_t(1) << p.currentTask : 0;
    const uint64_t tasks = running | (p.activated & ~p.blocked);
    // Only when the idle-cycle check found its fingerprint unchanged, and not for a task
    // that waits in an operation (a receive nobody feeds is not polling).
    const bool tasksPoll = tasks && p.tasksChangeNothing && !p.mainOp.active && !p.mainWaiting &&
                           p.lastTaskProgress > lastProgress.load(std::memory_order_relaxed);
    if (tasksPoll) {
        std::string names = std::popcount(tasks) == 1 ? "task " : "tasks ";
        for (uint64_t rest = tasks; rest; rest &= rest - 1)
            names += (rest == tasks ? "" : ", ") + taskIdName(p, std::countr_zero(rest));
        parts.push_back(names + (std::popcount(tasks) == 1 ? " keeps" : " keep") +
                        " re-activating and changing nothing on this PE (memory, task "
                        "states): a polling task whose condition nothing will change");
    }
    const bool mainThreadLoops =
        !tasksPoll && !p.frames.empty() && !p.mainOp.active && !p.mainWaiting;
    if (mainThreadLoops) {
        const Frame& f = p.frames.back();
        const Function& fn = p.cls->functions[size_t(f.func)];
        std::string s = "main thread still runs " + fn.name;
        if (f.pc < fn.locs.size() && fn.locs[f.pc].line) {
            s += " at " + sourcePlace(*prog, *p.cls, fn.locs[f.pc]);
        }
        parts.push_back(s + " (a loop that changes nothing)");
    }
    if (!p.cmds.empty()) {
        const PeCommand& pc = p.cmds.front();
        const Command& c = *pc.cmd;
        switch (c.kind) {
        case Command::Kind::Launch:
            if (p.cmdBlocked && !mainThreadLoops) {
                parts.push_back("never called unblock_cmd_stream after " + c.function);
                if (!tasksPoll)
                    describeWaveletTasks(p, parts);
            }
            break;
        case Command::Kind::StreamH2D:
            if (!pc.started) {
                parts.push_back("memcpy_h2d streaming to color " + str(uint64_t(c.req.color)) +
                                " has not started: the memcpy kernel takes it on the main "
                                "thread, which a task holds (use an async op to read the "
                                "stream)");
                break;
            }
            parts.push_back("memcpy_h2d streaming to color " + str(uint64_t(c.req.color)) +
                            " delivered " + str(pc.progress) + "/" + str(c.req.elementsPerPe) +
                            " wavelets; the CE queue of color " + str(uint64_t(c.req.color)) +
                            " is full and nothing consumes it");
            break;
        default:
            parts.push_back("host command " + str(c.id) + " waits for the main thread");
            break;
        }
    }
    for (size_t i = 0; i < p.d2hStreams.size(); ++i)
        if (const PeCommand& pc = p.d2hStreams.at(i); !pc.finished)
            parts.push_back("memcpy_d2h streaming from color " + str(uint64_t(pc.cmd->req.color)) +
                            " received " + str(pc.progress) + "/" + str(pc.cmd->req.elementsPerPe) +
                            " wavelets");
    if (p.mainOp.active)
        opWait(p.mainOp, p.frames.empty() ? std::string("main thread")
                                          : mainThreadWork(p) + " on the main thread");
    if (p.mainWaiting && !p.frames.empty()) {
        const Frame& f = p.frames.back();
        const Function& fn = p.cls->functions[size_t(f.func)];
        const DsdOpDesc& d = p.cls->dsdOps[size_t(fn.code[f.pc].imm)];
        std::string op = dsdOpName(d.op);
        if (f.pc < fn.locs.size() && fn.locs[f.pc].line)
            op += " (" + sourcePlace(*prog, *p.cls, fn.locs[f.pc]) + ")";
        parts.push_back("main thread waits to start async " + op + " on busy microthread " +
                        str(uint64_t(p.mainWaitingUt)));
    }
    for (size_t u = 0; u < p.uts.size(); ++u)
        if (p.uts[u].active)
            opWait(p.uts[u],
                   "microthread " + str(u) +
                       ((p.blockedUts >> u & 1) ? " (blocked by @block of its ut_id)" : ""));
    // The DSDs page, "Task Activation on Pop and Push": a FIFO's push task runs on a push
    // only after a pop found the FIFO empty. A consumer waiting for its first push
    // activation is a common hang.
    for (size_t i = 0; i < p.fifos.size(); ++i) {
        const FifoState& fs = p.fifos[i];
        const FifoDesc& fd = p.cls->fifos[i];
        const auto idle = [&](int8_t t) { return t >= 0 && !(p.activated >> t & 1); };
        if (fs.count > 0 && !fs.emptyEvent && idle(fd.activatePush))
            parts.push_back("FIFO " + str(i) + " holds " + str(fs.count) +
                            " element(s); its .activate_push task " +
                            str(uint64_t(fd.activatePush)) +
                            " runs on a push only after a pop has found the FIFO empty");
    }
    // The Task IDs page: a task runs once it is activated and unblocked; an activated local
    // task that stays blocked is often the one step left (a forgotten '.unblock').
    for (uint64_t stuck = p.activated & p.blocked; stuck; stuck &= stuck - 1) {
        const int t = std::countr_zero(stuck);
        const TaskBinding& b = p.cls->tasks[size_t(t)];
        if (b.kind != TaskKind::Local)
            continue;
        parts.push_back("local task " + taskIdName(p, t) + " is activated but blocked");
    }
    describeWavelets(p, parts);
    std::string s;
    for (const std::string& part : parts)
        s += (s.empty() ? "" : "; ") + part;
    return s;
}

RunResult Fabric::Impl::waitReport(RunStatus status, const std::string& headline) {
    RunResult r;
    r.cycle = now;
    // Wavelets wait at a router that has no configuration for their color, in case the
    // program writes one (router registers). Now that nothing can change any more, the
    // color is unrouted there: a fault, as before such wavelets waited.
    for (uint32_t i : touchedSorted()) {
        const Pe& p = pes[i];
        for (uint32_t busy = p.routerBusy; busy; busy &= busy - 1) {
            const int c = std::countr_zero(busy);
            if (colorConfig(p, c))
                continue;
            const RouterEntry& e = p.routerBuf[size_t(c)].front();
            faulted = true;
            faultCycle = now;
            faultLoc.reset();
            faultMessage = "wavelet on unrouted color " + str(uint64_t(c)) + " arrived from " +
                           directionName(Direction(e.from)) + " at cycle " + str(e.readyAt) +
                           " and no configuration of the color at this PE accepted it (" +
                           where(p, nullptr) + ")" + edgeDropReport();
            r.status = RunStatus::Fault;
            r.message = faultMessage;
            return r;
        }
    }
    r.status = status;
    std::string detail;
    uint32_t listed = 0;
    for (uint32_t i : touchedSorted()) {
        const Pe& p = pes[i];
        std::string why = describeWait(p);
        if (why.empty())
            continue;
        WaitingPe w;
        w.x = p.x + prog->offsetX;
        w.y = p.y + prog->offsetY;
        w.reason = why;
        if (listed < 16)
            detail += "\n  " + peName(p) + " " + why;
        ++listed;
        if (r.waiting.size() < 10000)
            r.waiting.push_back(std::move(w));
    }
    if (listed > 16)
        detail += "\n  ... and " + str(listed - 16) + " more PEs";
    // Where data the waiting PEs never got may have gone. An idle fabric with nobody
    // waiting has finished, and drops do not fail a finished run.
    if (listed || status != RunStatus::Idle)
        detail += edgeDropReport();
    if (status == RunStatus::Idle) {
        r.message = "idle at cycle " + str(now);
        if (listed)
            r.message += "; " + str(listed) + " PE(s) wait for input" + detail;
        return r;
    }
    std::string pending;
    for (const auto& [id, c] : commands)
        if (!c->done)
            pending += (pending.empty() ? "" : ", ") + str(id);
    r.message = "hang at cycle " + str(now) + ": " + headline;
    if (!pending.empty())
        r.message += " (unfinished host commands: " + pending + ")";
    r.message += detail;
    return r;
}

// ---------------------------------------------------------------- routers

bool Fabric::Impl::deliverToHost(Pe& p, const Wavelet& w, uint64_t& retryAt) {
    for (PeCommand& pc : p.d2hStreams) {
        Command& c = *pc.cmd;
        if (c.req.color != w.color || pc.finished)
            continue;
        // The ROI's streams share the --channels I/O channels, as H2D streams do: one
        // element per laneCycles per PE leaves for the host.
        if (pc.portReadyAt > now) {
            retryAt = pc.portReadyAt;
            return false;
        }
        pc.portReadyAt = now + c.laneCycles;
        const MemcpyRequest& q = c.req;
        const uint32_t k = pc.progress;
        c.data[hostIndex(q, pc.roiX, pc.roiY, k)] = w.payload;
        if (++pc.progress == q.elementsPerPe) {
            pc.finished = true;
            if (c.remainingPes.fetch_sub(1) == 1) {
                c.done = true;
                pendingCommands.fetch_sub(1);
            }
        }
        noteProgress(now);
        while (!p.d2hStreams.empty() && p.d2hStreams.front().finished)
            p.d2hStreams.pop_front();
        return true;
    }
    return false;
}

void Fabric::Impl::dropAtEdge(const Pe& p, int color, Direction d) {
    const auto [it, first] = edgeDrops.try_emplace(edgeDropKey(peIndex(p), color, d));
    ++it->second.count;
    if (!first)
        return;
    it->second.firstCycle = now;
    // One line per PE, color and direction: a program that does this on purpose may do it
    // for every wavelet it sends.
    const std::string c = "C" + str(uint64_t(color));
    trace(p, "dropped wavelet " + c + ": it left the program rectangle going " + directionName(d) +
                 " (the PEs outside the rectangle are not simulated); later drops of " + c +
                 " going " + directionName(d) + " from here are counted, not logged");
}

std::string Fabric::Impl::edgeDropReport() const {
    constexpr size_t kListed = 16;
    std::string s;
    size_t entries = 0;
    uint64_t unlisted = 0;
    for (const auto& [key, drop] : edgeDrops) {
        if (entries++ >= kListed) {
            unlisted += drop.count;
            continue;
        }
        // Not "  PE(x,y) ...": the IDE reads such report lines as waiting PEs.
        s += "\n  " + str(drop.count) + " wavelet(s) on color " + str(key >> 8 & 0xff) +
             " left the program rectangle going " + directionName(Direction(key & 0xff)) +
             " from " + peName(pes[key >> 16]) + ", first at cycle " + str(drop.firstCycle);
    }
    if (entries > kListed)
        s += "\n  ... and " + str(unlisted) + " wavelet(s) from " + str(entries - kListed) +
             " more (PE, color, direction)";
    if (!s.empty())
        s += "\n  (wavelets that leave the program rectangle are dropped: the PEs outside it "
             "are not simulated)";
    return s;
}

void Fabric::Impl::checkBreakWavelet(const Pe& p, int color) {
    for (const Breakpoint& bp : breakpoints)
        if (bp.kind == Breakpoint::Kind::WaveletOnColor && bp.value == uint32_t(color) &&
            (bp.anyPe || (bp.x == p.x && bp.y == p.y)) && !breakHit) {
            breakHit = true; // router phase: sequential
            breakMessage = "wavelet on color " + str(uint64_t(color)) + " at " + peName(p) +
                           " (cycle " + str(now) + ")";
        }
}

int Fabric::Impl::arrivingColor(const Pe& n, int color, Direction travel) const {
    if (arch != Arch::Wse2)
        return color;
    const ColorConfig* c = colorConfig(n, color);
    if (!c)
        return color;
    const bool horizontal = travel == Direction::East || travel == Direction::West;
    if ((horizontal && c->colorSwapX) || (!horizontal && c->colorSwapY))
        return color ^ 1; // color swap: the low bit flips on arrival
    return color;
}

bool Fabric::Impl::filterPasses(Pe& p, int color, const ColorConfig& cfg, const Wavelet& w,
                                bool commit) {
    const FilterConfig& f = cfg.filter;
    if (f.kind == FilterConfig::Kind::Range) {
        if (w.control && !f.filterControl)
            return true;
        const uint32_t idx = w.payload >> 16;
        return idx >= f.minIdx && idx <= f.maxIdx;
    }
    const bool sparse = f.kind == FilterConfig::Kind::SparseCounter;
    // The Builtins page, sparse counter: "when limit2 is not specified and the active
    // counter reaches limit1 then no other wavelets are filtered [...]. The same is true
    // when no limit1 value is provided" (a spent filter has no limit1 left).
    if (sparse && !f.hasLimit1)
        return true;
    const size_t slot = size_t(p.colorIndex[size_t(color)]);
    if (p.filterCounters.size() < p.colors.size()) {
        p.filterCounters.resize(p.colors.size());
        for (size_t i = 0; i < p.colors.size(); ++i)
            p.filterCounters[i] = p.colors[i].filter.initCounter;
    }
    uint16_t& counter = p.filterCounters[slot];
    const bool counted = w.control ? f.countControl : f.countData;
    // Counter (and sparse counter, whose count_data, count_control and max_counter are
    // "identical"): passes while the counter is at most max_counter and wraps to 0 after
    // limit1, so `max_counter + 1` of every `limit1 + 1` wavelets pass (SDK
    // topic-16-queue-flush: "only accept [0,1] among size wavelets" is max_counter 1,
    // limit1 size-1; fft-1d-2d picks one brick per sender the same way). The Builtins
    // page, counter filter: a control wavelet is counted whenever count_control is set (it
    // left before counting unless filter_control was), and with filter_control passes
    // "only [...] when the value of the active counter is equal to max_counter" (it passed
    // at every value up to it, as data does).
    const bool pass = w.control && !f.filterControl ? true
                      : w.control                   ? counter == f.maxCounter
                                                    : counter <= f.maxCounter;
    if (commit && counted) {
        if (counter < f.limit1) {
            ++counter;
        } else {
            counter = 0;
            // Sparse: at limit1 "the limit2 value is copied to limit1 before the active
            // counter gets reset back to zero [...] limit2 is effectively disabled"; reaching
            // limit1 again (or with no limit2) disables the filter.
            if (sparse) {
                FilterConfig& live = p.colors[slot].filter;
                live.hasLimit1 = live.hasLimit2;
                live.limit1 = live.limit2;
                live.hasLimit2 = false;
            }
        }
    }
    return pass;
}

void Fabric::Impl::trace(const Pe& p, const std::string& text) {
    traceAt(p, now, text);
}

void Fabric::Impl::traceAt(const Pe& p, uint64_t cycle, const std::string& text) {
    if (!simLog.is_open())
        return;
    logLine(cycle, "@" + str(cycle) + " P" + str(p.x + prog->offsetX) + "." +
                       str(p.y + prog->offsetY) + " " + text);
}

void Fabric::Impl::routeOf(const ColorConfig& cfg, uint8_t& rx, uint8_t& tx) {
    // A switch position sets the rx or the tx it names and keeps the other side as the
    // positions before it left it (hardware: each position is an input or an output
    // switch), so positions 1..current apply in order on top of the base route.
    rx = cfg.rx;
    tx = cfg.tx;
    for (uint8_t k = 0; k < cfg.currentSwitchPosition && k < 3; ++k) {
        const SwitchPosition& sp = cfg.switchPositions[k];
        if (sp.rx)
            rx = sp.rx;
        if (sp.tx)
            tx = sp.tx;
    }
}

uint8_t Fabric::Impl::nextSwitchPosition(const ColorConfig& cfg) {
    const uint8_t pos = cfg.currentSwitchPosition;
    const uint8_t next = uint8_t(pos + 1);
    if (next > 3 || !(cfg.switchPositions[next - 1].rx | cfg.switchPositions[next - 1].tx))
        return cfg.ringMode ? 0 : pos;
    return next;
}

uint8_t Fabric::Impl::rxOfAnyPosition(const ColorConfig& cfg) {
    uint8_t rx = cfg.rx;
    for (const SwitchPosition& sp : cfg.switchPositions)
        rx |= sp.rx;
    return rx;
}

void Fabric::Impl::pushRouter(Pe& n, int color, const RouterEntry& e) {
    n.routerBuf[size_t(color)].push(e);
    ++n.routerLinkCount[size_t(color)][e.from];
    n.routerBusy |= 1u << color;
}

bool Fabric::Impl::linkFull(const Pe& n, int color, Direction from) const {
    return n.routerLinkCount[size_t(color)][size_t(from)] >= costs::kRouterBufferDepth;
}

uint64_t Fabric::Impl::routerStep(Pe& p) {
    const auto& d2h = prog->memcpy.d2hColors;
    // The next cycle this router has something to do: the next cycle after a move, else
    // when its first waiting wavelet becomes ready (hop latency). A step before then
    // changes nothing, so the router is not stepped in between; with stall tracing on it
    // is, as each such step writes a backpressure line.
    uint64_t again = UINT64_MAX;
    // Output queues feed the router through the RAMP port, one wavelet per queue per cycle.
    for (uint32_t busy = p.outQBusy; busy; busy &= busy - 1) {
        const int q = std::countr_zero(busy);
        auto& oq = p.outQ[size_t(q)];
        const Wavelet w = oq.front();
        if (std::find(d2h.begin(), d2h.end(), int8_t(w.color)) != d2h.end()) {
            uint64_t retryAt = UINT64_MAX;
            if (deliverToHost(p, w, retryAt)) {
                oq.pop();
                wake(p);
                again = now + 1;
            } else {
                again = std::min(again, retryAt);
            }
        } else {
            const ColorConfig* cfg = colorConfig(p, w.color);
            if (!cfg)
                fault(p, nullptr,
                      "wavelet sent on color " + str(w.color) + " through output queue " +
                          str(uint64_t(q)) + ", which is not routed at this PE (no color config)" +
                          unboundSendsNote(p));
            // What the PE's own CE sends swaps only when both axes swap (docs/simulator.md,
            // "Color swap": the SDK's color swapping section as public code reads it).
            Wavelet in = w;
            if (arch == Arch::Wse2 && cfg && cfg->colorSwapX && cfg->colorSwapY)
                in.color ^= 1;
            if (linkFull(p, in.color, Direction::Ramp))
                continue;
            pushRouter(p, in.color, {in, now + costs::kRampLatency, uint8_t(Direction::Ramp)});
            oq.pop();
            if (queueChangeMatters(p))
                wake(p);
            again = now + 1;
        }
        if (oq.empty())
            p.outQBusy &= uint8_t(~(1u << q));
        if (oq.empty() && (p.flushPending >> q & 1)) {
            p.flushPending &= uint8_t(~(1u << q));
            activateTask(p, kTeardownTaskId);
            wake(p);
        }
    }
    // A flushed input queue empties as the CE takes its wavelets (each take steps the router).
    for (uint32_t pending = p.flushPendingIn; pending; pending &= pending - 1) {
        const int q = std::countr_zero(pending);
        if (inputQueueEmpty(p, q)) {
            p.flushPendingIn &= uint8_t(~(1u << q));
            activateTask(p, kTeardownTaskId);
            wake(p);
        }
    }
    for (uint32_t busy = p.routerBusy; busy; busy &= busy - 1) {
        const int color = std::countr_zero(busy);
        auto& buf = p.routerBuf[size_t(color)];
        ColorConfig* cfg = p.colorIndex[size_t(color)] < 0
                               ? nullptr
                               : &p.colors[size_t(p.colorIndex[size_t(color)])];
        if (!cfg)
            continue; // unrouted here: its wavelets wait on their links (see waitReport)
        if (cfg->teardown)
            continue; // in teardown mode the color holds its wavelets until the PE exits it
        uint8_t rx = 0, tx = 0;
        routeOf(*cfg, rx, tx);
        // The oldest wavelet from a link the current switch position accepts moves. A
        // wavelet from a link it does not accept waits on its link (backpressure) until a
        // switch command or a configuration write selects that link; a configuration write
        // activates the router again.
        int pick = -1;
        uint8_t linksSeen = 0;
        for (uint32_t i = 0; i < buf.size() && pick < 0; ++i) {
            const RouterEntry& e = buf.at(i);
            const uint8_t link = dirBit(Direction(e.from));
            if (linksSeen & link)
                continue; // a link is a FIFO: only its oldest wavelet can move
            linksSeen |= link;
            if (e.readyAt > now) {
                again = std::min(again, opt.traceStalls ? now + 1 : e.readyAt);
                continue;
            }
            if (rx & link)
                pick = int(i);
        }
        if (pick < 0)
            continue;
        const RouterEntry& e = buf.at(uint32_t(pick));
        bool toCe =
            (tx & dirBit(Direction::Ramp)) && !(e.w.control && controlCeIgnore(e.w.payload));
        if (toCe && cfg->filter.kind != FilterConfig::Kind::None)
            toCe = filterPasses(p, color, *cfg, e.w, /*commit=*/false);
        // All-or-nothing multicast: forward only when every destination has room.
        if (toCe && p.rampQ[size_t(color)].full()) {
            if (opt.traceStalls)
                trace(p, "Backpressure on C" + str(uint64_t(color)) + " towards RAMP");
            continue;
        }
        bool room = true;
        int arriving[5] = {color, color, color, color, color};
        Pe* next[5];         // looked up once for the room check and the forwarding below
        uint8_t offEdge = 0; // directions out of the rectangle: dropped (dropAtEdge), never full
        for (Direction d : {Direction::North, Direction::South, Direction::East, Direction::West}) {
            if (!(tx & dirBit(d)))
                continue;
            Pe* n = neighbour(p, d);
            next[size_t(d)] = n;
            if (!n) {
                offEdge |= dirBit(d);
                continue;
            }
            arriving[size_t(d)] = arrivingColor(*n, color, d);
            if (linkFull(*n, arriving[size_t(d)], kOpposite[size_t(d)]))
                room = false;
        }
        if (!room) {
            if (opt.traceStalls)
                trace(p, "Backpressure on C" + str(uint64_t(color)));
            continue;
        }
        RouterEntry entry = e;
        buf.erase(uint32_t(pick));
        --p.routerLinkCount[size_t(color)][entry.from];
        again = now + 1;
        if (buf.empty())
            p.routerBusy &= ~(1u << color);
        // The link it came by has room again: its sender may go on.
        if (Direction(entry.from) != Direction::Ramp)
            if (Pe* feeder = neighbour(p, Direction(entry.from)))
                activateRouter(*feeder);
        ++p.stats.wavelets;
        noteProgress(now);
        if (cfg->filter.kind != FilterConfig::Kind::None)
            filterPasses(p, color, *cfg, entry.w, /*commit=*/true);
        if (!breakpoints.empty())
            checkBreakWavelet(p, color);
        if (opt.traceRouter) {
            std::string departing;
            for (Direction d :
                 {Direction::East, Direction::North, Direction::West, Direction::South})
                departing += (tx & dirBit(d)) ? directionName(d)[0] : '_';
            departing += toCe ? 'R' : '_';
            char data[16];
            std::snprintf(data, sizeof data, "0x%08x", entry.w.payload);
            trace(p, "wavelet C" + str(uint64_t(color)) + " ctrl=" + (entry.w.control ? "1" : "0") +
                         ", idx=" + str(entry.w.payload >> 16) + ", data=" + data +
                         " landing=" + directionName(Direction(entry.from))[0] + " departing=/" +
                         departing + "/");
        }
        if (toCe) {
            pushCeQueue(p, color, entry.w);
            if (queueChangeMatters(p))
                wake(p);
        }
        ControlOpcode opc = ControlOpcode::Nop;
        uint8_t advanceTo = cfg->currentSwitchPosition;
        if (entry.w.control) {
            opc = controlOpcode(entry.w.payload);
            if (opc == ControlOpcode::SwitchAdvance)
                advanceTo = nextSwitchPosition(*cfg);
            // Pop modes: this router consumes its command; routers further on see the next
            // one. An advance pops only when it moves the switch: at the last position of a
            // color without ring mode it passes on to the next router (cholesky's row
            // switches rely on this).
            const bool advanced =
                opc == ControlOpcode::SwitchAdvance && advanceTo != cfg->currentSwitchPosition;
            const auto pop = cfg->popMode;
            if (pop == ColorConfig::PopMode::AlwaysPop ||
                (pop == ColorConfig::PopMode::PopOnAdvance && advanced) ||
                (pop == ColorConfig::PopMode::PopOnAdvanceNop &&
                 (advanced || opc == ControlOpcode::Nop)))
                entry.w.payload = controlPop(entry.w.payload);
        }
        for (Direction d : {Direction::North, Direction::South, Direction::East, Direction::West}) {
            if (!(tx & dirBit(d)))
                continue;
            if (offEdge & dirBit(d)) {
                dropAtEdge(p, color, d);
                continue;
            }
            Pe* n = next[size_t(d)];
            const int c2 = arriving[size_t(d)];
            Wavelet w = entry.w;
            w.color = uint8_t(c2);
            const bool neighbourIdle = !n->routerBusy && !n->outQBusy && !n->flushPendingIn &&
                                       !n->routerActive && !opt.traceStalls;
            pushRouter(*n, c2, {w, now + costs::kHopLatency, uint8_t(kOpposite[size_t(d)])});
            if (neighbourIdle)
                wakeRouterAt(*n, now + costs::kHopLatency);
            else
                activateRouter(*n);
            if (opt.traceLanding)
                traceAt(*n, now + costs::kHopLatency,
                        "(hwtile) landing C" + str(uint64_t(c2)) + " from link " +
                            directionName(kOpposite[size_t(d)])[0]);
        }
        if (entry.w.control) {
            // Switch commands act on this router after the wavelet has been forwarded.
            if (opc == ControlOpcode::SwitchAdvance) {
                cfg->currentSwitchPosition = advanceTo;
            } else if (opc == ControlOpcode::SwitchReset) {
                cfg->currentSwitchPosition = 0;
            } else if (opc == ControlOpcode::Teardown) {
                cfg->teardown = true;
                activateTask(p, kTeardownTaskId);
                wake(p);
            }
        }
    }
    return again;
}

// ---------------------------------------------------------------- memcpy & launch

void Fabric::Impl::completeCommandOnPe(Pe& p, PeCommand& pc) {
    (void)p;
    pc.finished = true;
    Command& c = *pc.cmd;
    if (c.remainingPes.fetch_sub(1) == 1) {
        c.done = true;
        pendingCommands.fetch_sub(1);
        if (c.kind == Command::Kind::StreamH2D) {
            pendingH2DStreams.fetch_sub(1);
            CommandId seen = finishedH2DStream.load();
            while (seen < c.id && !finishedH2DStream.compare_exchange_weak(seen, c.id)) {
            }
        }
    }
    noteProgress(now);
}

bool Fabric::Impl::h2dStreamBefore(CommandId id) const {
    if (pendingH2DStreams.load() == 0)
        return false;
    if (const auto self = commands.find(id); self != commands.end() && self->second->req.ownChannel)
        return false;
    for (const auto& [earlier, c] : commands) {
        if (earlier >= id)
            return false;
        if (c->kind == Command::Kind::StreamH2D && !c->done && !c->req.ownChannel)
            return true;
    }
    return false;
}

// Sequential, after a PE phase in which H2D streams up to command `finished` ended. The
// commands issued after it waited for it: the host sends them now (a copy makes its trip
// from here), and the PEs of every unfinished command get a visit.
void Fabric::Impl::wakeAfterH2DStream(CommandId finished) {
    for (const auto& [id, c] : commands) {
        if (c->done)
            continue;
        if (id > finished)
            c->issuedAt = std::max(c->issuedAt, now);
        const MemcpyRequest& r = c->req;
        const bool box = c->kind != Command::Kind::Launch;
        const uint32_t x0 = box ? r.x : 0, y0 = box ? r.y : 0;
        const uint32_t w = box ? r.w : width, h = box ? r.h : height;
        for (uint32_t y = y0; y < y0 + h; ++y)
            for (uint32_t x = x0; x < x0 + w; ++x)
                schedule(pes[size_t(y) * width + x], now + 1);
    }
}

void Fabric::Impl::unblockCmdStream(Pe& p) {
    if (!p.cmdBlocked || p.cmds.empty())
        return;
    p.cmdBlocked = false;
    completeCommandOnPe(p, p.cmds.front());
    p.cmds.pop_front();
}

void Fabric::Impl::serviceCommands(Pe& p) {
    while (!p.cmds.empty() && !p.cmdBlocked) {
        PeCommand& pc = p.cmds.front();
        Command& c = *pc.cmd;
        if (pc.finished) {
            p.cmds.pop_front();
            continue;
        }
        if (c.kind == Command::Kind::Launch) {
            bool exported = false;
            for (const ClassExport& e : p.cls->exports)
                exported = exported || (e.isFunction && e.name == c.function);
            if (!exported) {
                completeCommandOnPe(p, pc);
                p.cmds.pop_front();
                continue;
            }
            return;
        }
        if (c.kind == Command::Kind::StreamH2D) {
            if (!pc.started)
                return; // startWork starts it when the main thread is free
            auto& q = p.rampQ[size_t(c.req.color)];
            while (pc.progress < c.req.elementsPerPe && p.portReadyAt <= now && !q.full()) {
                const MemcpyRequest& r = c.req;
                const uint32_t k = pc.progress;
                pushCeQueue(p, int(r.color),
                            {c.data[hostIndex(r, pc.roiX, pc.roiY, k)], uint8_t(r.color), false});
                ++pc.progress;
                // From now, not from when the element was due: a stream held up by a full
                // CE queue resumes at the channel's rate instead of bursting what it owes.
                p.portReadyAt = std::max(p.portReadyAt, now) + c.laneCycles;
                noteProgress(now);
            }
            if (pc.progress == c.req.elementsPerPe) {
                completeCommandOnPe(p, pc);
                p.cmds.pop_front();
                continue;
            }
            return;
        }
        if ((c.kind == Command::Kind::CopyH2D || c.kind == Command::Kind::CopyD2H) && pc.started &&
            p.mainReadyAt <= now) {
            completeCommandOnPe(p, pc);
            p.cmds.pop_front();
            continue;
        }
        return; // copies and launches wait for the main thread
    }
}

// ---------------------------------------------------------------- public API

Fabric::Fabric(std::shared_ptr<const FabricProgram> program, FabricOptions options)
    : impl_(std::make_unique<Impl>(std::move(program), std::move(options))) {}

Fabric::~Fabric() = default;

const FabricProgram& Fabric::program() const {
    return *impl_->prog;
}

CommandId Fabric::memcpy(const MemcpyRequest& request, std::vector<uint32_t> hostData) {
    Impl& m = *impl_;
    const MemcpyRequest& r = request;
    auto bad = [](const std::string& s) { throw std::invalid_argument("memcpy: " + s); };
    if (r.w == 0 || r.h == 0)
        bad("empty region " + str(r.w) + "x" + str(r.h));
    if (uint64_t(r.x) + r.w > m.width || uint64_t(r.y) + r.h > m.height)
        bad("region (" + str(r.x) + "," + str(r.y) + ") " + str(r.w) + "x" + str(r.h) +
            " exceeds the " + str(m.width) + "x" + str(m.height) + " program rectangle");
    if (r.elementsPerPe == 0)
        bad("elementsPerPe is 0");
    if (r.shape == MemcpyShape::Strided && (r.rowStride == 0 || r.colStride == 0))
        bad("stride of 0");
    if (!r.toDevice &&
        (r.shape == MemcpyShape::RowBroadcast || r.shape == MemcpyShape::ColBroadcast))
        bad("broadcast shapes only copy host to device");
    if (r.streaming && r.shape != MemcpyShape::Box)
        bad("streaming mode supports only a box region");
    auto cmd = std::make_shared<Command>();
    cmd->id = m.nextCommandId++;
    cmd->req = r;
    cmd->issuedAt = m.now;
    const uint32_t nx = r.shape == MemcpyShape::Strided ? 1 + (r.w - 1) / r.colStride : r.w;
    const uint32_t ny = r.shape == MemcpyShape::Strided ? 1 + (r.h - 1) / r.rowStride : r.h;
    size_t expected = size_t(nx) * ny * r.elementsPerPe;
    if (r.shape == MemcpyShape::RowBroadcast)
        expected = size_t(r.h) * r.elementsPerPe;
    if (r.shape == MemcpyShape::ColBroadcast)
        expected = size_t(r.w) * r.elementsPerPe;
    // The program's --channels I/O channels carry the host words of the whole ROI (they
    // enter at the fabric's edges and serve every row), so each PE gets an element every
    // ceil(streams / channels) lane cycles, streams being the host element streams: one
    // per PE, or one per row (column) for a row (column) broadcast, which the fabric
    // copies across the row (column).
    const uint32_t channels = std::max<uint32_t>(1, m.prog->memcpy.channels);
    uint64_t streams = uint64_t(nx) * ny;
    if (r.shape == MemcpyShape::RowBroadcast)
        streams = r.h;
    if (r.shape == MemcpyShape::ColBroadcast)
        streams = r.w;
    cmd->laneCycles =
        uint32_t(costs::kMemcpyCyclesPerWavelet * ((streams + channels - 1) / channels));
    std::vector<std::pair<uint32_t, uint32_t>> targets; // ROI coordinates of the PEs
    for (uint32_t y = 0; y < r.h; ++y)
        for (uint32_t x = 0; x < r.w; ++x)
            if (r.shape != MemcpyShape::Strided || (x % r.colStride == 0 && y % r.rowStride == 0))
                targets.emplace_back(x, y);
    if (r.streaming) {
        if (r.color < 0 || r.color >= kNumColors)
            bad("streaming color " + std::to_string(r.color) + " is not a color 0..23");
        cmd->kind = r.toDevice ? Command::Kind::StreamH2D : Command::Kind::StreamD2H;
        if (!r.toDevice) {
            const auto& d2h = m.prog->memcpy.d2hColors;
            if (std::find(d2h.begin(), d2h.end(), int8_t(r.color)) == d2h.end())
                bad("color " + std::to_string(r.color) +
                    " is not one of the program's MEMCPYD2H colors");
        }
    } else {
        cmd->kind = r.toDevice ? Command::Kind::CopyH2D : Command::Kind::CopyD2H;
        const uint32_t elemBytes = r.dataType == MemcpyDataType::Bits32 ? 4 : 2;
        for (auto [x, y] : targets) {
            const Pe& p = m.pes[size_t(r.y + y) * m.width + r.x + x];
            const ClassExport* e = nullptr;
            for (const ClassExport& ce : p.cls->exports)
                if (!ce.isFunction && ce.name == r.symbol)
                    e = &ce;
            if (!e)
                bad("symbol '" + r.symbol + "' is not exported by PE(" + str(r.x + x) + "," +
                    str(r.y + y) + ") (class " + p.cls->file + ")");
            const uint32_t address = Impl::exportedDataAddress(p, *e);
            if (uint64_t(address) + uint64_t(r.elementsPerPe) * elemBytes > kPeMemoryBytes)
                bad(str(r.elementsPerPe) + " elements of " + str(elemBytes) + " bytes at '" +
                    r.symbol + "' (address " + str(address) + ") exceed 48 KB on PE(" +
                    str(r.x + x) + "," + str(r.y + y) + ")");
        }
    }
    if (r.toDevice) {
        if (hostData.size() != expected)
            bad("host array has " + str(hostData.size()) + " words, the region needs " +
                str(expected));
        cmd->data = std::move(hostData);
    } else {
        cmd->data.assign(expected, 0);
    }
    cmd->remainingPes = uint32_t(targets.size());
    for (auto [x, y] : targets) {
        Pe& p = m.pes[size_t(r.y + y) * m.width + r.x + x];
        PeCommand pc;
        pc.cmd = cmd;
        pc.roiX = r.shape == MemcpyShape::Strided ? x / r.colStride : x;
        pc.roiY = r.shape == MemcpyShape::Strided ? y / r.rowStride : y;
        if (cmd->kind == Command::Kind::StreamD2H) {
            p.d2hStreams.push_back(pc);
            m.activateRouter(p); // wavelets may already wait in an output queue
        } else {
            p.cmds.push_back(pc);
        }
        m.schedule(p, m.now + 1);
    }
    ++m.pendingCommands;
    if (cmd->kind == Command::Kind::StreamH2D)
        ++m.pendingH2DStreams;
    m.noteProgress(m.now); // the idle-cycle limit counts from the newest command
    m.commands[cmd->id] = cmd;
    return cmd->id;
}

CommandId Fabric::launch(const std::string& function, std::vector<uint32_t> args) {
    Impl& m = *impl_;
    const HostSymbol* hs = nullptr;
    for (const HostSymbol& s : m.prog->hostSymbols)
        if (s.name == function)
            hs = &s;
    if (hs && hs->kind != HostSymbol::Kind::Func)
        throw std::invalid_argument("launch: '" + function + "' is a variable, not a function");
    bool anyExport = false;
    const Function* fn = nullptr;
    for (const CodeClass& c : m.prog->classes)
        for (const ClassExport& e : c.exports)
            if (e.isFunction && e.name == function) {
                anyExport = true;
                fn = &c.functions[size_t(e.function)];
            }
    if (!anyExport)
        throw std::invalid_argument("launch: no PE exports a function named '" + function + "'");
    const size_t want = hs ? hs->inputs.size() : fn->numParams;
    if (args.size() != want)
        throw std::invalid_argument("launch: '" + function + "' takes " + str(want) +
                                    " argument(s), got " + str(args.size()));
    auto cmd = std::make_shared<Command>();
    cmd->id = m.nextCommandId++;
    cmd->kind = Command::Kind::Launch;
    cmd->issuedAt = m.now; // it reaches the PEs after a copy's trip (kMemcpyCopyLatency)
    cmd->function = function;
    cmd->args = std::move(args);
    if (hs)
        cmd->argTypes = hs->inputs;
    cmd->remainingPes = uint32_t(m.pes.size());
    for (Pe& p : m.pes) {
        PeCommand pc;
        pc.cmd = cmd;
        pc.roiX = p.x;
        pc.roiY = p.y;
        p.cmds.push_back(pc);
        m.schedule(p, m.now + 1);
    }
    ++m.pendingCommands;
    m.noteProgress(m.now); // the idle-cycle limit counts from the newest command
    m.commands[cmd->id] = cmd;
    return cmd->id;
}

bool Fabric::isDone(CommandId id) const {
    auto it = impl_->commands.find(id);
    return it == impl_->commands.end() || it->second->done;
}

std::vector<uint32_t> Fabric::takeResult(CommandId id) {
    auto it = impl_->commands.find(id);
    if (it == impl_->commands.end())
        throw std::invalid_argument("takeResult: unknown or already taken command " + str(id));
    if (!it->second->done)
        throw std::invalid_argument("takeResult: command " + str(id) + " has not finished");
    std::vector<uint32_t> out = std::move(it->second->data);
    const bool d2h =
        it->second->kind == Command::Kind::CopyD2H || it->second->kind == Command::Kind::StreamD2H;
    impl_->commands.erase(it);
    return d2h ? out : std::vector<uint32_t>{};
}

RunResult Fabric::Impl::runAndLog(uint64_t maxCycles, CommandId waitFor, bool stepping) {
    RunResult r = run(maxCycles, waitFor, stepping);
    // What the run finished is written (the lines of cycles it stepped through), so a
    // reader of sim.log sees a run's simprint lines when it returns.
    if (simLog.is_open())
        flushLog(nowStepped ? now + 1 : now);
    return r;
}
RunResult Fabric::runUntilDone(CommandId id, uint64_t maxCycles) {
    return impl_->runAndLog(maxCycles, id, false);
}
RunResult Fabric::runUntilIdle(uint64_t maxCycles) {
    return impl_->runAndLog(maxCycles, 0, false);
}
RunResult Fabric::step(uint64_t cycles) {
    return impl_->runAndLog(cycles, 0, true);
}
void Fabric::requestStop() {
    impl_->stopRequested = true;
}

void Fabric::addBreakpoint(const Breakpoint& bp) {
    impl_->breakpoints.push_back(bp);
}
void Fabric::clearBreakpoints() {
    impl_->breakpoints.clear();
}

uint64_t Fabric::cycle() const {
    return impl_->now;
}
bool Fabric::cycleStepped() const {
    return impl_->nowStepped;
}
RunResult Fabric::runThrough(uint64_t cycle) {
    if (cycle < impl_->now || (cycle == impl_->now && impl_->nowStepped))
        throw std::invalid_argument("runThrough: cycle " + str(cycle) + " has run already (at " +
                                    str(impl_->now) + ")");
    RunResult r = impl_->runAndLog(cycle + 1 - impl_->now, 0, true);
    // A run stopped at its limit leaves the limit cycle to the next run (now = cycle + 1,
    // not stepped), which is the same point as `cycle` stepped.
    if (r.status == RunStatus::CycleLimit && impl_->now == cycle + 1 && !impl_->nowStepped) {
        impl_->now = cycle;
        impl_->nowStepped = true;
        r.cycle = cycle;
    }
    return r;
}

PeStats Fabric::stats(uint32_t x, uint32_t y) const {
    if (x >= impl_->width || y >= impl_->height)
        throw std::invalid_argument("stats: PE(" + str(x) + "," + str(y) +
                                    ") outside the rectangle");
    return impl_->pes[size_t(y) * impl_->width + x].stats;
}

std::vector<uint8_t> Fabric::readMemory(uint32_t x, uint32_t y, uint32_t address,
                                        uint32_t size) const {
    if (x >= impl_->width || y >= impl_->height)
        throw std::invalid_argument("readMemory: PE(" + str(x) + "," + str(y) +
                                    ") outside the rectangle");
    if (uint64_t(address) + size > kPeMemoryBytes)
        throw std::invalid_argument("readMemory: range " + str(address) + "+" + str(size) +
                                    " exceeds 48 KB");
    const uint8_t* mem = impl_->pes[size_t(y) * impl_->width + x].mem;
    return std::vector<uint8_t>(mem + address, mem + address + size);
}

std::string Fabric::simLogLine(const std::string& simprintLine) {
    const size_t space = simprintLine.find(' ');
    const size_t text = simprintLine.find("): ", space);
    if (space == std::string::npos || text == std::string::npos ||
        simprintLine.compare(space, 4, " PE(") != 0)
        return simprintLine;
    return simprintLine.substr(0, space + 1) + simprintLine.substr(text + 3);
}

std::vector<std::string> Fabric::simprintLines() const {
    return impl_->simprint.linesFrom(0, SIZE_MAX);
}

std::string Fabric::undeliveredWavelets() const {
    std::vector<uint32_t> order = impl_->touchedPes;
    std::sort(order.begin(), order.end());
    std::string report;
    uint32_t listed = 0;
    for (uint32_t i : order) {
        const Pe& p = impl_->pes[i];
        std::vector<std::string> parts;
        impl_->describeWavelets(p, parts);
        if (parts.empty())
            continue;
        if (listed++ == 16)
            continue;
        std::string line = impl_->peName(p) + " ";
        for (size_t k = 0; k < parts.size(); ++k)
            line += (k ? "; " : "") + parts[k];
        report += (report.empty() ? "" : "\n") + line;
    }
    if (listed > 16)
        report += "\n... and " + str(listed - 16) + " more PEs";
    return report;
}

void Fabric::dumpCore(const std::string& path) const {
    for (uint32_t i : impl_->touchedPes)
        foldTaskProfile(impl_->pes[i]);
    writeMachineCore(path, *impl_->prog, impl_->now, impl_->pes, impl_->simprint);
}

} // namespace sim
