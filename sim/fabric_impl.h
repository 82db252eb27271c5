// Fabric::Impl: the stepping loop, routers, memcpy, interpreter and DSD engine share
// this state. Internal to sim/ (fabric.cpp, interpreter.cpp, dsd_engine.cpp).
#pragma once

#include "sim/dsd_math.h"
#include "sim/fabric.h"
#include "sim/machine.h"
#include "sim/simprint_window.h"
#include "sim/worker_pool.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <fstream>
#include <map>
#include <queue>

namespace sim {

struct Fabric::Impl {
    Impl(std::shared_ptr<const FabricProgram> program, FabricOptions options);
    ~Impl();

    std::shared_ptr<const FabricProgram> prog;
    FabricOptions opt;
    Arch arch = Arch::Wse2;
    uint32_t width = 0, height = 0;
    std::vector<Pe> pes;
    // Per code class: bit t is set when task id t is bound as a data or control task
    // (pickTask tests those only while wavelets are queued).
    std::vector<uint64_t> queueTasks;
    uint8_t* memory = nullptr; // width*height*48 KB, MAP_NORESERVE: pages commit on write
    size_t memoryBytes = 0;

    uint64_t now = 0;
    // False when a run stopped at its cycle limit: `now` is then the limit, a cycle not
    // stepped yet, so routers due "next cycle" step at `now` itself.
    bool nowStepped = true;
    uint64_t runLimit = UINT64_MAX; // no instruction starts at or after this cycle
    // Scheduled PE visits (cycle, PE index). An entry is stale when the PE was
    // rescheduled since (its scheduledAt differs). Visits within kWheelCycles of `now`
    // (almost all: the next cycle, or the end of run-ahead scalar code) go into the
    // bucket of their cycle, later ones into a heap; a heap alone cost a sixth of the
    // run time of compiled game-of-life.
    using Event = std::pair<uint64_t, uint32_t>;
    static constexpr uint64_t kWheelCycles = 256; // a power of two, > kRunAhead
    std::array<std::vector<Event>, kWheelCycles> wheel;
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> farEvents;
    std::vector<uint32_t> activeRouters;
    std::vector<uint32_t> visitList;
    // Per visitList entry of a parallel PE phase: the PE's next visit (UINT64_MAX: none),
    // whether its router joins activeRouters and whether its visit left other results
    // for mergeShared.
    struct VisitNext {
        uint64_t cycle;
        bool activateRouter; // routerActive was set: the PE goes on activeRouters
        bool shared;
    };
    std::vector<VisitNext> visitNext;
    std::vector<uint32_t> routerList; // the routers stepped this cycle
    // Routers whose next step is due at a later cycle (cycle, PE index); an entry is
    // stale when the router was stepped since (its routerWakeAt differs).
    std::vector<Event> laterRouters;
    // Puts a list of PE indices in increasing order without duplicates. Long lists (a
    // large share of the fabric busy in one cycle) go through orderBits, one bit per PE,
    // which costs a scan of the bitmap instead of a comparison sort; it is all zero
    // between calls.
    void sortUniquePes(std::vector<uint32_t>& list);
    std::vector<uint64_t> orderBits;
    std::vector<uint32_t> touchedPes; // PEs that ever had work, in first-touch order
    void touch(Pe& p) {
        if (!p.touched) {
            p.touched = true;
            touchedPes.push_back(peIndex(p));
        }
    }
    std::vector<uint32_t> touchedSorted();

    CommandId nextCommandId = 1;
    std::map<CommandId, std::shared_ptr<Command>> commands;
    std::atomic<uint32_t> pendingCommands{0};
    // memcpy commands are serialized behind a streaming H2D: no later launch, copy or H2D
    // stream starts on any PE before it is done (the SDK: "The host triggers D2H only if
    // H2D is done"). D2H streams are not held (see deliverToHost).
    std::atomic<uint32_t> pendingH2DStreams{0};
    // The newest H2D stream that finished in this cycle's PE phase (0: none); acted on
    // after the phase.
    std::atomic<CommandId> finishedH2DStream{0};
    bool h2dStreamBefore(CommandId id) const;
    void wakeAfterH2DStream(CommandId finished);
    bool inPePhase = false; // PE visits may run on several threads: no shared writes
    std::unique_ptr<WorkerPool> pool;

    std::vector<Breakpoint> breakpoints;
    bool breakHit = false;
    std::string breakMessage;
    std::optional<SourceLoc> breakLoc;
    std::atomic<bool> stopRequested{false};

    bool faulted = false;
    std::string faultMessage;
    std::optional<SourceLoc> faultLoc;
    uint64_t faultCycle = 0;

    // Wavelets routed out of the program rectangle. The PEs outside it are not simulated,
    // so such a wavelet is dropped; SDK programs do that on purpose (a bottom row that
    // forwards a control color SOUTH like every other row), so it is no fault, but data
    // lost this way must not vanish without a word: each (PE, color, direction) gets one
    // sim.log line and is named in hang and idle reports. Key: edgeDropKey. Written only
    // in the router phase, which is sequential.
    struct EdgeDrop {
        uint64_t count = 0;
        uint64_t firstCycle = 0;
    };
    std::map<uint64_t, EdgeDrop> edgeDrops; // in PE index order
    static uint64_t edgeDropKey(uint32_t peIndex, int color, Direction d) {
        return uint64_t(peIndex) << 16 | uint64_t(color) << 8 | uint64_t(d);
    }
    void dropAtEdge(const Pe& p, int color, Direction d);
    std::string edgeDropReport() const; // lines for waitReport, empty without drops

    // The newest simprint lines, up to opt.simprintWindowBytes (an endless printing loop
    // that kept every line grew the appliance by 70 MB/s until it ran out of memory).
    SimprintWindow simprint;
    // Where holdSimprintFrom's reader stands, as simprint.byteOffsetOf; UINT64_MAX = none.
    uint64_t simprintHoldOffset = UINT64_MAX;
    bool simprintHeld() const {
        return simprintHoldOffset != UINT64_MAX &&
               simprint.bytesAppended() - simprintHoldOffset >= simprint.capacity() / 2;
    }
    std::ofstream simLog;
    // sim.log lines not written yet, with their cycles: a PE's scalar code runs up to 64
    // cycles ahead, so its lines come before other PEs' lines of earlier cycles. Lines
    // of cycles before `now` are final and written in cycle order (flushLog).
    std::vector<std::pair<uint64_t, std::string>> logBuffer;
    bool logBufferSorted = true;
    void logLine(uint64_t cycle, std::string line);
    void logLine(std::string line); // a line that starts with "@<cycle> "
    void flushLog(uint64_t before);
    // Latest cycle up to which something is known to progress (a task, a wavelet, a
    // command, a DSD op, a copy in flight). Only ever raised, so concurrent PE visits
    // leave the same value in any order.
    std::atomic<uint64_t> lastProgress{0};
    void noteProgress(uint64_t cycle) {
        uint64_t cur = lastProgress.load(std::memory_order_relaxed);
        while (cur < cycle &&
               !lastProgress.compare_exchange_weak(cur, cycle, std::memory_order_relaxed)) {
        }
    }

    // Load and validation.
    void validateProgram() const;
    void loadPe(uint32_t index);

    // Scheduling.
    void schedule(Pe& p, uint64_t cycle);
    void enqueueVisit(uint64_t cycle, uint32_t index); // schedule() without the Pe
    // During the PE phase (visits may run on several threads) a visit must not touch the
    // shared visit queue: its own next visit (nextVisit) picks the wish up instead.
    void wake(Pe& p) {
        if (inPePhase)
            p.visitWanted = true;
        else
            schedule(p, now + 1);
    }
    void activateRouter(Pe& p);
    // A router without wavelets (buffered or in output queues) and no input queue flush
    // to watch would do nothing in its step.
    static bool routerHasWork(const Pe& p) {
        return p.routerBusy || p.outQBusy || p.flushPendingIn;
    }
    // Router phase: step p's router at `cycle` (> now), unless it is due earlier. For a
    // router that held nothing when a wavelet started its hop to it: stepped in the next
    // cycle it would only find that wavelet still on its way.
    void wakeRouterAt(Pe& p, uint64_t cycle);
    void reschedule(Pe& p);
    uint64_t nextVisit(const Pe& p) const; // reschedule's cycle, UINT64_MAX for none
    bool stepCycle(); // advances to the next event; false when nothing can progress
    // waitFor 0: until idle. stepping: a debugger step (waiting PEs are a hang).
    RunResult run(uint64_t maxCycles, CommandId waitFor, bool stepping);
    RunResult runAndLog(uint64_t maxCycles, CommandId waitFor, bool stepping); // then flushLog
    // Hang: headline plus who waits for what. Idle: the PEs that wait for input, if any.
    RunResult waitReport(RunStatus status, const std::string& headline);
    std::string describeWait(const Pe& p) const;
    void describeWavelets(const Pe& p, std::vector<std::string>& parts) const;
    std::string routeLoopThrough(const Pe& start, int color) const;
    uint32_t peIndex(const Pe& p) const { return p.y * width + p.x; }
    std::string peName(const Pe& p) const; // "PE(fx,fy)" in fabric coordinates
    std::string where(const Pe& p, const SourceLoc* loc) const;

    // Per-PE work.
    void visit(Pe& p);
    void prefetchPe(const Pe& p);
    void prefetchPeData(const Pe& p);
    void prefetchRouterLines(const Pe& p); // a few routers ahead: the Pe's router lines
    void prefetchRouter(const Pe& p);      // then what those lines point to
    void visitGuarded(Pe& p);
    void mergeVisit(Pe& p);                    // mergeShared, then reschedule
    static bool hasSharedResults(const Pe& p); // mergeShared has more to do than routerWanted
    void mergeShared(Pe& p); // what a visit left for shared state (faults, output, routers)
    void setBreak(Pe& p, std::string message, std::optional<SourceLoc> loc = std::nullopt);
    void serviceCommands(Pe& p);
    bool startWork(Pe& p);
    static uint64_t copyArrival(const Command& c) { return c.issuedAt + costs::kMemcpyCopyLatency; }
    void runMain(Pe& p);
    void execute(Pe& p, const Instr& in, const SourceLoc& loc);
    bool executeLocal(Pe& p, const Instr& in, const SourceLoc& loc, Frame& f, uint32_t& cost);
    bool runLocal(Pe& p, Frame& f, const Function& fn, uint64_t quantumEnd);
    void builtin(Pe& p, const Instr& in, const SourceLoc& loc);
    void callFunction(Pe& p, int32_t func, const uint64_t* args, uint32_t nargs, uint16_t retDst);
    void startTask(Pe& p, int task);
    int pickTask(const Pe& p) const;
    bool taskHighPriority(const Pe& p, int task) const;
    void describeWaveletTasks(const Pe& p, std::vector<std::string>& parts) const;
    // Task ids that may be ready (activated or with wavelets queued, and unblocked);
    // taskReady decides for each.
    uint64_t taskCandidates(const Pe& p) const;
    bool taskReady(const Pe& p, int task) const;
    int dataTaskColor(const Pe& p, int task) const;
    // The task-id bit that blocks the CE channel of `color` (-1: none), and whether it is set.
    int channelBlockBit(const Pe& p, int color) const;
    bool channelBlocked(const Pe& p, int color) const;
    // WSE-3 @queue_flush of an input queue: no wavelet of its color waits for the CE.
    bool inputQueueEmpty(const Pe& p, int queue) const;
    void activateTask(Pe& p, int task);
    void completeCommandOnPe(Pe& p, PeCommand& pc);
    void unblockCmdStream(Pe& p);
    [[noreturn]] void fault(const Pe& p, const SourceLoc* loc, const std::string& what) const;
    // Where a copy of an exported variable reads or writes on this PE now: through an
    // exported var pointer, its value at this moment.
    static uint32_t exportedDataAddress(const Pe& p, const ClassExport& e);
    void emitSimprint(Pe& p);

    // Memory.
    void checkRange(const Pe& p, uint64_t address, uint32_t size, const char* what,
                    const SourceLoc* loc) const;
    uint64_t loadScalar(const Pe& p, uint64_t address, ScalarType t, const SourceLoc* loc) const;
    void storeScalar(Pe& p, uint64_t address, ScalarType t, uint64_t value, const SourceLoc* loc);
    void noteWrite(Pe& p, uint32_t address, uint32_t size);

    // DSD engine.
    bool dsdExec(Pe& p, const DsdOpDesc& desc, uint32_t opIndex, const SourceLoc& loc);
    void scaleStridesToOperandSize(const DsdOpDesc& desc, OpState& op); // Dsd::elementBytes
    void advanceOp(Pe& p, OpState& op, bool onMain);
    void finishOp(Pe& p, OpState& op);
    uint32_t memOpCost(const Pe& p, const OpState& op) const;
    uint64_t reserveMainDatapath(Pe& p, uint64_t from, uint64_t until);
    uint32_t simdStep(Pe& p, OpState& op, int simd, const DsdOpShape& shape);
    void holdDatapath(Pe& p, OpState& op, uint64_t cycles);
    // FIFO read/write lengths (fifo_length.cpp).
    void setFifoLength(Pe& p, uint64_t fifo, uint64_t length, bool read, const SourceLoc& loc);
    void applyFifoLengths(const Pe& p, OpState& op) const;
    bool countFifoLengths(Pe& p, const OpState& op);
    int controlTableEntry(const Pe& p, int color, uint32_t payload) const;
    int32_t controlTaskFunction(const Pe& p, int color, uint32_t payload) const;
    void runTask(Pe& p, int task, int32_t function, const uint64_t* args, uint32_t nargs);
    // An op that cannot progress because of a FIFO: applies that FIFO's full/empty action;
    // true when the op ended.
    bool handleFifoStall(Pe& p, OpState& op);
    // A FIFO's room in elements, and whether p's FIFO `fifo` has no room left.
    static uint32_t fifoCapacity(const FifoDesc& fd) {
        return fd.capacityBytes / std::max<uint32_t>(1, fd.elementBytes);
    }
    static bool fifoFull(const Pe& p, uint32_t fifo) {
        return p.fifos[fifo].count >= fifoCapacity(p.cls->fifos[fifo]);
    }
    int fabinColor(const Pe& p, const Dsd& d) const;
    int faboutColor(const Pe& p, const Dsd& d) const;
    // For hang reports: on WSE-3, "; no @initialize_queue bound input queue 2 ..." when the
    // queue a fabric DSD names has no color on this PE (the op then uses the DSD's own
    // color field, 0 when the program gave none); empty otherwise.
    std::string queueBindingNote(const Pe& p, bool input, uint32_t queue) const;
    std::string ceQueueConsumerNote(const Pe& p, int color, bool dataTask) const;
    std::string mainThreadWork(const Pe& p) const;
    // "; output queue(s) 2 sent them ..." when WSE-3 output queues of p sent wavelets with
    // no color bound (they leave on the DSD's color field, usually 0); empty otherwise.
    std::string unboundSendsNote(const Pe& p) const;
    // Configuration registers that stand for modelled state (config_registers.cpp): the
    // value a ConfigGet returns given the stored word, and a ConfigSet's effect.
    uint16_t modelledConfigRead(const Pe& p, uint64_t address, uint16_t stored) const;
    void modelledConfigWrite(Pe& p, uint64_t address, uint16_t value, const SourceLoc& loc);
    // WSE-2 memory-mapped router registers (word 0x7f20 + color, 0x7f40 + color): the color
    // a register word configures (-1: none; switchConfig tells which register), its value,
    // a write's effect, and loads and stores above SRAM (which fault unless they are 16-bit
    // accesses of such a register).
    int routerRegisterColor(uint64_t word, bool& switchConfig) const;
    uint16_t routerRegisterRead(const Pe& p, int color, bool switchConfig, uint16_t stored) const;
    void routerRegisterWrite(Pe& p, int color, bool switchConfig, uint16_t value);
    uint64_t loadMapped(const Pe& p, uint64_t address, uint32_t size, const SourceLoc* loc) const;
    void storeMapped(Pe& p, uint64_t address, uint32_t size, uint64_t value, const SourceLoc* loc);
    void checkMappedAccess(const Pe& p, uint64_t address, uint32_t size, const char* what,
                           const SourceLoc* loc) const;
    void runMemoryOp(Pe& p, OpState& op);
    bool colorClaimed(const Pe& p, int color) const; // an active op reads this color
    uint32_t readOperand(Pe& p, const OpOperand& o, uint32_t bytes, uint32_t i,
                         const SourceLoc& loc);
    void writeOperand(Pe& p, const OpOperand& o, uint32_t bytes, uint32_t i, uint32_t value,
                      const SourceLoc& loc);

    // Routers.
    uint64_t routerStep(Pe& p); // the cycle to step it again (UINT64_MAX: when activated)
    static void routeOf(const ColorConfig& cfg, uint8_t& rx, uint8_t& tx); // current position
    static uint8_t rxOfAnyPosition(const ColorConfig& cfg);
    static uint8_t nextSwitchPosition(const ColorConfig& cfg); // where SWITCH_ADV leads
    void pushRouter(Pe& n, int color, const RouterEntry& e);
    bool linkFull(const Pe& n, int color, Direction from) const;
    bool deliverToHost(Pe& p, const Wavelet& w, uint64_t& retryAt);
    Pe* neighbour(const Pe& p, Direction d);
    const ColorConfig* colorConfig(const Pe& p, int color) const;
    void checkBreakWavelet(const Pe& p, int color);
    int arrivingColor(const Pe& n, int color, Direction travel) const;
    bool filterPasses(Pe& p, int color, const ColorConfig& cfg, const Wavelet& w, bool commit);
    // sim.log trace lines (router phase: written directly, in PE order).
    void trace(const Pe& p, const std::string& text);
    void traceAt(const Pe& p, uint64_t cycle, const std::string& text);
};

size_t hostIndex(const MemcpyRequest& r, uint32_t rx, uint32_t ry, uint32_t k);
uint32_t dsdLength(const Dsd& d);
// "file:line" of a source location of class `cls` (its tile file when the location names none).
std::string sourcePlace(const FabricProgram& prog, const CodeClass& cls, const SourceLoc& loc);
const char* directionName(Direction d);

} // namespace sim
