// Internal state of the simulated machine (not part of the public API). Fabric::Impl
// in fabric.cpp owns one Machine; the interpreter and the DSD engine work on its PEs.
#pragma once

#include "sim/costs.h"
#include "sim/fabric.h"
#include "sim/program.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace sim {

struct Wavelet {
    uint32_t payload = 0;
    uint8_t color = 0;
    bool control = false;
};

// Bounded FIFO whose storage is allocated on first use and grown as it fills (up to the
// capacity), so idle PEs stay small and a queue that never holds more than a few
// wavelets never commits room for all of them: a router's per-color buffer has room for
// 20 (4 per input link), and full-wafer game-of-life first touched 3.8 KB of such
// buffers per PE in its first generation when each was allocated whole.
template <typename T> class Ring {
  public:
    void setCapacity(uint32_t capacity) { cap_ = uint16_t(capacity); }
    uint32_t capacity() const { return cap_; }
    uint32_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    bool full() const { return n_ >= cap_; }
    uint32_t space() const { return cap_ > n_ ? cap_ - n_ : 0; }
    void push(const T& v) {
        if (n_ == room_)
            grow();
        buf_[(head_ + n_) % room_] = v;
        ++n_;
    }
    T& front() { return buf_[head_]; }
    const T& front() const { return buf_[head_]; }
    const T* storage() const { return buf_.get(); } // for prefetching (null before a push)
    const T& at(uint32_t i) const { return buf_[(head_ + i) % room_]; }
    void pop() {
        head_ = uint16_t((head_ + 1) % room_);
        --n_;
    }
    // Removes the element at position i (0 = front), keeping the order of the rest.
    void erase(uint32_t i) {
        for (uint32_t k = i; k + 1 < n_; ++k)
            buf_[(head_ + k) % room_] = std::move(buf_[(head_ + k + 1) % room_]);
        --n_;
    }

  private:
    static constexpr uint32_t kFirstRoom = 4;
    // Room for twice as many (at least kFirstRoom, at most the capacity), the elements
    // moved to the front in order.
    void grow() {
        const uint32_t room = std::min<uint32_t>(std::max<uint32_t>(cap_, 1),
                                                 std::max<uint32_t>(kFirstRoom, 2u * room_));
        auto buf = std::make_unique<T[]>(room);
        for (uint32_t k = 0; k < n_; ++k)
            buf[k] = std::move(buf_[(head_ + k) % room_]);
        buf_ = std::move(buf);
        head_ = 0;
        room_ = uint16_t(room);
    }
    std::unique_ptr<T[]> buf_;
    uint16_t head_ = 0, n_ = 0, cap_ = 0, room_ = 0; // room_: elements buf_ holds
};

struct RouterEntry {
    Wavelet w;
    uint64_t readyAt = 0;
    uint8_t from = 0; // Direction it arrived from
};

// A fault raised while executing a PE; caught by the stepping loop.
struct PeFault : std::runtime_error {
    PeFault(const std::string& what, std::optional<SourceLoc> where)
        : std::runtime_error(what), loc(where) {}
    std::optional<SourceLoc> loc;
};

struct Command {
    enum class Kind : uint8_t { Launch, CopyH2D, CopyD2H, StreamH2D, StreamD2H };
    CommandId id = 0;
    Kind kind = Kind::Launch;
    MemcpyRequest req;
    std::vector<uint32_t> data; // host words (H2D) or results (D2H)
    std::string function;       // Launch
    std::vector<uint32_t> args; // Launch
    std::vector<ScalarType> argTypes;
    std::atomic<uint32_t> remainingPes{0}; // PEs finish it concurrently in the PE phase
    std::atomic<bool> done{false};
    uint32_t laneCycles = 1; // cycles per element per PE (the ROI shares the channels)
    uint64_t issuedAt = 0;   // cycle the host issued it
};

struct PeCommand {
    std::shared_ptr<Command> cmd;
    uint32_t roiX = 0, roiY = 0; // this PE inside the ROI
    uint32_t progress = 0;       // elements moved (streaming)
    bool started = false;
    bool finished = false;    // finished on this PE (D2H streaming may finish before it is front)
    uint64_t portReadyAt = 0; // D2H streaming: the cycle its next element may leave for the host
};

// The host commands a PE has not finished, oldest first: a ring that grows as needed
// (24 bytes in the Pe's hot lines, where a std::deque took 80, a cache line more per visit).
class CommandQueue {
  public:
    bool empty() const { return n_ == 0; }
    size_t size() const { return n_; }
    PeCommand& front() { return buf_[head_]; }
    const PeCommand& front() const { return buf_[head_]; }
    const PeCommand& at(size_t i) const { return buf_[(head_ + i) % room_]; }
    void push_back(PeCommand c) {
        if (n_ == room_)
            grow();
        buf_[(head_ + n_) % room_] = std::move(c);
        ++n_;
    }
    void pop_front() {
        buf_[head_] = PeCommand{}; // releases the command
        head_ = (head_ + 1) % room_;
        --n_;
    }
    class iterator {
      public:
        iterator(CommandQueue& q, uint32_t i) : q_(&q), i_(i) {}
        PeCommand& operator*() const { return q_->buf_[(q_->head_ + i_) % q_->room_]; }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        bool operator!=(const iterator& o) const { return i_ != o.i_; }

      private:
        CommandQueue* q_;
        uint32_t i_;
    };
    iterator begin() { return {*this, 0}; }
    iterator end() { return {*this, n_}; }

  private:
    void grow() {
        const uint32_t room = std::max<uint32_t>(2, 2 * room_);
        auto buf = std::make_unique<PeCommand[]>(room);
        for (uint32_t k = 0; k < n_; ++k)
            buf[k] = std::move(buf_[(head_ + k) % room_]);
        buf_ = std::move(buf);
        head_ = 0;
        room_ = room;
    }
    std::unique_ptr<PeCommand[]> buf_;
    uint32_t head_ = 0, n_ = 0, room_ = 0;
};

struct Frame {
    int32_t func = -1;
    uint32_t pc = 0;
    uint32_t regBase = 0;
    uint32_t dsdBase = 0;
    uint16_t retDst = kNoReg;
    // Which call this is (Pe::calls when it began): spin samples at a loop head compare it,
    // as a loop in the leaves of a recursion runs in a new activation at each sample.
    uint32_t activation = 0;
};

struct OpOperand {
    DsdOperand::Kind kind = DsdOperand::Kind::None;
    // A fabric operand in SIMD mode whose 16-bit values share wavelets (Dsd::simdMode): the
    // high half of a fabin's last popped wavelet, still to be read, or a fabout's low half
    // waiting for its high half (heldValues 1). Beside `kind`, in its padding.
    uint8_t heldValues = 0;
    uint16_t held = 0;
    Dsd dsd;
    uint64_t scalar = 0;
    uint32_t ptr = 0;
    // A fabout whose DSD has wavelet_index_offset: the op's `.index` (0 without one), which
    // every wavelet it sends carries in its upper half.
    uint16_t waveletIndex = 0;
};

// A DSD operation in progress on the main thread (synchronous fabric/FIFO op) or on
// a microthread (async op).
struct OpState {
    bool active = false;
    bool waiting = false; // cannot progress until an external event
    // The datapath (docs/simulator.md "Datapath"): a microthread's rank (costs::
    // microthreadRank of its priority). Fabric SIMD mode, found once when the op is issued:
    // the operand whose DSD sets it (0 dst, 1..3 the sources; -1 none) and the packed fabric
    // operands (bit 0 dst, bit 1 + s source s). In the padding before opIndex.
    uint8_t rank = 0;
    int8_t simd = -1;
    uint8_t packed = 0;
    uint32_t opIndex = 0;
    OpOperand dst, src[3];
    uint32_t total = 0, done = 0;
    uint32_t carry = 0;
    // The cycles a microthread's last steps held the datapath, up to datapathUntil (below).
    uint32_t datapathCycles = 0;
    uint64_t readyAt = 0;
    uint64_t waitingSince = 0;
    // A microthread's fabric op completes (.activate/.unblock) no sooner than kDsdSetup
    // after it was issued, as a synchronous one costs the main thread (0: no such bound).
    uint64_t earliestFinish = 0;
    SourceLoc loc;
    bool async = false;
    // A synchronous op's DsdOpDesc::resultReg as an index into Pe::regs (UINT32_MAX: none),
    // and the scalar its pointer destination held at the start: an op that ends on an
    // empty FIFO leaves that scalar unchanged (FIFO actions, docs/simulator.md).
    uint32_t resultSlot = UINT32_MAX;
    uint32_t dstBefore = 0;
    uint64_t datapathUntil = 0;
    uint64_t datapathFrom() const { return datapathUntil - datapathCycles; }
};

// The 8 microthreads of a PE, allocated on the first async op so idle PEs stay small.
class Microthreads {
  public:
    OpState* begin() { return slots_ ? slots_->data() : nullptr; }
    OpState* end() { return slots_ ? slots_->data() + 8 : nullptr; }
    const OpState* begin() const { return slots_ ? slots_->data() : nullptr; }
    const OpState* end() const { return slots_ ? slots_->data() + 8 : nullptr; }
    size_t size() const { return slots_ ? 8 : 0; }
    OpState& slot(size_t i) {
        if (!slots_)
            slots_ = std::make_unique<std::array<OpState, 8>>();
        return (*slots_)[i % 8];
    }
    const OpState& operator[](size_t i) const { return (*slots_)[i]; }

  private:
    std::unique_ptr<std::array<OpState, 8>> slots_;
};

struct FifoState {
    uint32_t head = 0, count = 0;
    // @set_fifo_read_length / @set_fifo_write_length (fifo_length.cpp): the length an op
    // reading from / writing to the FIFO sees; zero at start, as the SDK documents.
    uint16_t readLength = 0, writeLength = 0;
    // The DSDs page, "Task Activation on Pop and Push": a pop that found the FIFO empty (a
    // push that found it full) raises an event that the next push (pop) ends, activating
    // the FIFO's .activate_push (.activate_pop) task; pushes and pops without one do not.
    bool emptyEvent = false, fullEvent = false;
};

constexpr int kTaskLaunch = -2;
// pickTask's value for a task of a separate control task table: this plus the CE queue's color.
constexpr int kSeparateControlTask = 1000;
constexpr int kTaskInit = -3;

// Per-task profile counters, written to core dumps (docs/coredump.md). Slots 0..63 are
// task ids; the two extra slots count launched functions and the init function.
struct TaskProfile {
    int slot = 0; // task id or kProfile*Slot
    uint64_t activations = 0;
    uint64_t cycles = 0; // from the task's start to its return, stalls included
    uint64_t minCycles = UINT64_MAX, maxCycles = 0;
};
constexpr int kProfileLaunchSlot = kNumTaskIds;
constexpr int kProfileInitSlot = kNumTaskIds + 1;
constexpr int kProfileSlots = kNumTaskIds + 2;
constexpr int kProfilePending = 6; // ended tasks a PE notes before folding them in
// The slots whose tasks a PE's main thread ever finished, in first-end order (core dumps
// sort them by slot). One aligned block: the vector's header and the table of slots 0..39
// share the cache line that a task end reads besides its entry.
struct alignas(64) ProfileStore {
    std::vector<TaskProfile> entries;
    std::array<uint8_t, kProfileSlots> entryOf{}; // slot -> index in entries + 1; 0: none
};

// Cache-line aligned, so the lines a visit touches are the same for every PE.
struct alignas(64) Pe {
    // What a visit of a busy PE, its merge and its router step read comes first, packed:
    // with thousands of busy PEs per cycle a visit costs mostly a cache miss per line of
    // this struct it touches (game-of-life 100x100, docs/benchmarks.md). The first 5
    // lines end with mainOp's state flags (offset 312), which every visit reads.
    uint64_t scheduledAt = UINT64_MAX;
    uint64_t mainReadyAt = 0;
    const CodeClass* cls = nullptr;
    uint8_t* mem = nullptr;
    uint64_t activated = 0, blocked = 0;
    // WSE-3 @block of a ut_id: bit u pauses microthread u's op (BlockMicrothread).
    uint8_t blockedUts = 0;
    // The main thread's rank on the datapath (<tile_config>.main_thread_priority,
    // SetMainThreadPriority; docs/simulator.md "Datapath"), in the padding here.
    uint8_t mainRank = costs::kDefaultMainThreadRank;
    int currentTask = -1;
    int lastPicked = kNumTaskIds - 1;
    uint32_t x = 0, y = 0;
    uint32_t classIndex = 0;
    uint32_t routerBusy = 0;   // colors with buffered wavelets
    uint32_t ceQueueBusy = 0;  // colors whose CE queue (rampQ) holds wavelets
    uint8_t outQBusy = 0;      // output queues holding wavelets
    bool mainWaiting = false;  // stalled on a busy microthread
    uint8_t mainWaitingUt = 0; // that microthread, for hang reports
    bool resumeFromBreakpoint = false;
    bool cmdBlocked = false;
    bool touched = false; // ever scheduled or routed: end-of-run scans visit only these
    bool routerActive = false;
    // Effects of one visit on shared state, merged in PE order after the PE phase so
    // that results do not depend on the number of threads (details at the end).
    bool routerWanted = false;
    bool visitWanted = false; // wake() during the PE phase: visit again next cycle
    bool hasFault = false;
    bool breakHere = false;
    uint64_t routerWakeAt = UINT64_MAX; // a step due at this later cycle (laterRouters)
    Microthreads uts;
    std::vector<Frame> frames;
    std::vector<uint64_t> regs;
    CommandQueue cmds;
    // Streaming D2H commands, in issue order: they take the wavelets the PE sends on their
    // color whenever they come, beside the command sequence (the SDK's separate D2H
    // stream), so they never hold a later command back.
    CommandQueue d2hStreams;
    // Finished simprint lines of this visit, merged in PE order after the phase.
    struct PendingSimprint {
        uint64_t cycle;
        std::string text;
    };
    std::vector<PendingSimprint> pendingSimprint;
    std::vector<std::string> pendingTrace; // sim.log trace lines of one visit
    PeStats stats;
    int profileSlot = -1; // profile slot of the task running on the main thread (-1: none)
    uint64_t profileStart = 0;
    // Task profile (core dump), created when the first task ends: only the slots that
    // ran. A full array of all kProfileSlots (2 KB) per PE made the first generation of a
    // full wafer commit 1.5 GB. Ended tasks are noted in these hot lines first and folded
    // into the store kProfilePending at a time (foldTaskProfile; Fabric::dumpCore folds
    // every PE's before writing): the store's lines are cache misses on a large fabric.
    std::unique_ptr<ProfileStore> profile;
    uint8_t profilePendingCount = 0;
    std::array<uint8_t, kProfilePending> profilePendingSlot{};
    std::array<uint32_t, kProfilePending> profilePendingCycles{};
    OpState mainOp;

    // Main thread.
    std::vector<Dsd> dsds;
    uint32_t lastLine = 0;
    // Long scalar loops (docs/simulator.md "Hangs"): every kSpinSampleEdges-th taken
    // backward jump compares the frame's registers with the previous sample. A change is
    // progress of the scalar code (lastScalarProgress). The same registers at the same loop
    // head (lastSpin) may still be a loop that changes the PE's other state (memory, the
    // random generators: `while (rare() == 0) {}` drawing numbers), so the idle-cycle
    // check compares the PE's stateFingerprint with spinFingerprint, taken when the
    // registers first stayed the same or at its previous check; unchanged, the loop changes
    // nothing.
    uint32_t backEdges = 0;
    uint32_t spinSamplePc = UINT32_MAX;
    uint32_t spinSampleActivation = 0;
    uint32_t calls = 0; // calls begun, numbering Frame::activation
    std::vector<uint64_t> spinSample;
    uint64_t lastScalarProgress = 0;
    uint64_t lastSpin = 0;
    uint64_t spinFingerprint = 0;
    // The main thread's latest call: a recursion with no loop (fib(24), 75,000 calls) has no
    // back edge to sample, so calls are progress while no loop head of the PE spins.
    uint64_t lastCall = 0;
    // Task starts and ends are progress only when they change something: a task that
    // re-activates itself and changes nothing is a polling loop nothing ends. They are
    // noted here, and the idle-cycle check counts them only when the PE's stateFingerprint
    // changed since its last check (Fabric::Impl).
    uint64_t lastTaskProgress = 0;
    uint64_t taskStateFingerprint = 0;
    bool tasksChangeNothing = false; // the last check found the fingerprint unchanged

    std::array<Ring<Wavelet>, kNumOutputQueues> outQ;
    std::array<Ring<Wavelet>, kNumColors> rampQ;
    uint8_t flushPending = 0;   // @queue_flush bits per output queue
    uint8_t flushPendingIn = 0; // @queue_flush bits per input queue (WSE-3)
    // Queue-to-color bindings: the class's @initialize_queue colors, rebound at run time
    // by <tile_config>'s input_queue_config / output_queue_config (WSE-3 queue reuse).
    std::array<int8_t, kNumInputQueues> inputQueueColor{};
    std::array<int8_t, kNumOutputQueues> outputQueueColor{};
    // WSE-3 output queues that sent a wavelet while no color was bound to them (bit q):
    // the hang report names them next to the wavelets they left stuck at RAMP.
    uint8_t unboundOutQSent = 0;
    // @set_config registers that no modelled machine state backs: they read back what
    // was written (created on first use).
    std::unique_ptr<std::unordered_map<uint16_t, uint16_t>> configRegs;

    std::vector<FifoState> fifos;

    uint64_t portReadyAt = 0;
    // The main thread's last work was a host command (a launch, a copy): the tasks ready
    // then (tasksOwed) each go before the next command (startWork).
    bool lastWorkWasCommand = false;
    uint64_t tasksOwed = 0;
    // <tile_config>.task_priority: bit t set = task id t (or, for the tasks wavelets start,
    // the channel bit channelBlockBit gives) is HIGH; the picker takes ready HIGH tasks
    // before LOW ones (SetTaskPriority).
    uint64_t highPriority = 0;
    // The element cycles of the main thread's last memory DSD op, on the datapath it shares
    // with the microthreads (docs/simulator.md "Datapath").
    uint64_t mainDatapathFrom = 0, mainDatapathUntil = 0;
    // The first cycle of that op's element cycles at which a microthread it outranks may
    // take its next share of the datapath (costs::kLowDatapathShare).
    uint64_t lowShareFrom = 0;

    // Router.
    std::array<int8_t, kNumColors> colorIndex{};
    std::vector<ColorConfig> colors;
    std::vector<uint16_t> filterCounters; // parallel to colors, created on first use
    // Wavelets a router holds, per color in arrival order. Each input link (N, S, E, W,
    // and RAMP from the output queues) has its own kRouterBufferDepth slots per color
    // (routerLinkCount), so a link whose wavelets wait for a switch position exerts
    // backpressure on that link only.
    std::array<Ring<RouterEntry>, kNumColors> routerBuf;
    std::array<std::array<uint8_t, 5>, kNumColors> routerLinkCount{};

    static constexpr uint32_t kInitialLfsr = 0xdeadbeefu & 0x7fffffu;
    uint32_t lfsr = kInitialLfsr; // 23-bit state of the active generator (@random16)
    // @set_active_prng: the states of the other generators, made on the first switch.
    // @bind_rotating_tasks: each pair's counter (CodeClass::rotatingTasks order).
    std::array<uint16_t, 2> rotationCount{};
    uint8_t activePrng = 0;
    std::unique_ptr<std::array<uint32_t, kNumPrngs>> prngStates;
    bool tscEnabled = false;
    uint64_t tscBase = 0;
    uint64_t tscStopped = 0; // the counter's value while disable_tsc stops it
    // A disable or a reset gave the stopped counter its value: the next enable continues
    // from tscStopped (before either, the first enable counts from cycle 0).
    bool tscHeld = false;
    std::string simprintLine;

    // What the hasFault and breakHere flags above report.
    std::string faultMessage;
    std::optional<SourceLoc> faultLoc;
    std::string breakMessage;
    std::optional<SourceLoc> breakLoc;
};

// What code running on the PE can change that it can read back later (memory, task
// masks, random generators, FIFO and configuration register state), hashed: a loop or a
// re-activated task that leaves it unchanged runs the same way for ever.
uint64_t stateFingerprint(const Pe& p);

// "12 (poll)": a task id and the function bound to it, as reports name tasks.
inline std::string taskIdName(const Pe& p, int task) {
    const TaskBinding& b = p.cls->tasks[size_t(task)];
    std::string s = std::to_string(task);
    if (b.function >= 0 && size_t(b.function) < p.cls->functions.size())
        s += " (" + p.cls->functions[size_t(b.function)].name + ")";
    return s;
}

// CE queues change only through these two, which keep Pe::ceQueueBusy in step: the task
// picker of an idle PE then tests one word instead of 24 queue headers (6 cache lines).
inline void pushCeQueue(Pe& p, int color, const Wavelet& w) {
    p.rampQ[size_t(color)].push(w);
    p.ceQueueBusy |= uint32_t(1) << color;
}
inline void popCeQueue(Pe& p, int color) {
    auto& q = p.rampQ[size_t(color)];
    q.pop();
    if (q.empty())
        p.ceQueueBusy &= ~(uint32_t(1) << color);
}

// The main thread starts a task (slot: task id or kProfile*Slot) at `cycle`.
inline void profileTaskStart(Pe& p, int slot, uint64_t cycle) {
    p.profileSlot = slot;
    p.profileStart = cycle;
}
// Adds one run of `took` cycles of the task in `slot` to the PE's profile store.
inline void addTaskProfile(Pe& p, int slot, uint64_t took) {
    if (!p.profile) {
        p.profile = std::make_unique<ProfileStore>();
        p.profile->entries.reserve(8);
    }
    ProfileStore& store = *p.profile;
    uint8_t& entry = store.entryOf[size_t(slot)];
    if (!entry) {
        store.entries.push_back(TaskProfile{});
        store.entries.back().slot = slot;
        entry = uint8_t(store.entries.size());
    }
    TaskProfile& t = store.entries[size_t(entry - 1)];
    ++t.activations;
    t.cycles += took;
    t.minCycles = std::min(t.minCycles, took);
    t.maxCycles = std::max(t.maxCycles, took);
}
// Folds the ended tasks noted in the Pe into its profile store (sums, minima and maxima
// do not depend on the order).
inline void foldTaskProfile(Pe& p) {
    for (uint32_t i = 0; i < p.profilePendingCount; ++i)
        addTaskProfile(p, p.profilePendingSlot[i], p.profilePendingCycles[i]);
    p.profilePendingCount = 0;
}
// The main thread's task returns; it ends at `cycle`.
inline void profileTaskEnd(Pe& p, uint64_t cycle) {
    if (p.profileSlot < 0)
        return;
    const uint64_t took = cycle > p.profileStart ? cycle - p.profileStart : 0;
    if (took > UINT32_MAX) {
        addTaskProfile(p, p.profileSlot, took);
    } else {
        if (p.profilePendingCount == kProfilePending)
            foldTaskProfile(p);
        p.profilePendingSlot[p.profilePendingCount] = uint8_t(p.profileSlot);
        p.profilePendingCycles[p.profilePendingCount] = uint32_t(took);
        ++p.profilePendingCount;
    }
    p.profileSlot = -1;
}

// A color's configuration at the PE, made (routing nothing) if the layout gave none: the
// router's registers exist for every color, so a route set up at run time (<tile_config>'s
// reset_routes, a register write) on a color the layout left out needs no layout entry.
inline ColorConfig& colorConfigOf(Pe& p, int color) {
    if (p.colorIndex[size_t(color)] < 0) {
        p.colorIndex[size_t(color)] = int8_t(p.colors.size());
        p.colors.emplace_back();
        if (!p.filterCounters.empty())
            p.filterCounters.push_back(0);
    }
    return p.colors[size_t(p.colorIndex[size_t(color)])];
}

} // namespace sim
