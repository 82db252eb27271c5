// Fabric::waitStates and the incremental simprint accessors: what the IDE's stall table
// and simprint console read at a pause. Kept apart from fabric.cpp's hang report, which
// words the same state as one sentence per PE; here each wait is one structured entry
// and names the PE that holds it.
#include "sim/fabric_impl.h"

#include <algorithm>

namespace sim {
namespace {

std::string num(uint64_t v) {
    return std::to_string(v);
}

constexpr Direction kLinks[] = {Direction::North, Direction::South, Direction::East,
                                Direction::West};

// The PE that holds what another PE waits for, and what it does.
struct Holder {
    const Pe* pe = nullptr;
    std::string what;
};

constexpr Direction kOpposite[5] = {Direction::Ramp, Direction::South, Direction::North,
                                    Direction::West, Direction::East};

} // namespace

std::vector<PeWait> Fabric::waitStates(size_t maxEntries) const {
    Impl& f = *impl_;
    const FabricProgram& prog = *f.prog;
    const uint32_t maxSteps = f.width + f.height;
    // Follows `color` against its routes from `start` to the PE that should deliver its
    // wavelets: the nearest router upstream that holds wavelets of the color, or else the
    // PE that sends the color from its own output queue (rx includes the ramp).
    auto upstream = [&](const Pe& start, int color) -> Holder {
        const Pe* cur = &start;
        for (uint32_t steps = 0; steps <= maxSteps; ++steps) {
            const ColorConfig* cfg = f.colorConfig(*cur, color);
            if (!cfg)
                return {};
            if (cur != &start && !cur->routerBuf[size_t(color)].empty())
                return {cur, "its router holds " + num(cur->routerBuf[size_t(color)].size()) +
                                 " wavelet(s) of color " + num(uint64_t(color)) +
                                 " that have not moved on"};
            uint8_t rx = 0, tx = 0;
            Impl::routeOf(*cfg, rx, tx);
            if (cur != &start && (rx & dirBit(Direction::Ramp)))
                return {cur, "sends color " + num(uint64_t(color)) +
                                 " and has not delivered the wavelets"};
            const Pe* next = nullptr;
            for (Direction d : kLinks)
                if (rx & dirBit(d)) {
                    next = f.neighbour(*cur, d);
                    break;
                }
            if (!next)
                return cur == &start ? Holder{}
                                     : Holder{cur, "forwards color " + num(uint64_t(color)) +
                                                       " from the edge of the program rectangle "
                                                       "(memcpy or host)"};
            cur = next;
        }
        return {};
    };
    // Follows `color` along its routes from `start` to the consumer whose input has no
    // room: the first PE that takes the color into its CE (tx includes the ramp).
    auto downstream = [&](const Pe& start, int color) -> Holder {
        const Pe* cur = &start;
        for (uint32_t steps = 0; steps <= maxSteps; ++steps) {
            const ColorConfig* cfg = f.colorConfig(*cur, color);
            if (!cfg)
                return {};
            uint8_t rx = 0, tx = 0;
            Impl::routeOf(*cfg, rx, tx);
            if (cur != &start && (tx & dirBit(Direction::Ramp))) {
                const auto& q = cur->rampQ[size_t(color)];
                return {cur, "consumes color " + num(uint64_t(color)) +
                                 "; its CE input queue holds " + num(q.size()) + "/" +
                                 num(q.capacity()) + " wavelet(s)"};
            }
            const Pe* next = nullptr;
            for (Direction d : kLinks)
                if (tx & dirBit(d)) {
                    next = f.neighbour(*cur, d);
                    break;
                }
            if (!next)
                return {};
            cur = next;
        }
        return {};
    };
    std::vector<PeWait> out;

    for (uint32_t index : f.touchedSorted()) {
        if (out.size() >= maxEntries)
            break;
        const Pe& p = f.pes[index];
        auto add = [&](PeWait w, const Holder& holder = {}) {
            if (out.size() >= maxEntries)
                return;
            w.x = p.x + prog.offsetX;
            w.y = p.y + prog.offsetY;
            if (holder.pe) {
                w.hasHolder = true;
                w.holderX = holder.pe->x + prog.offsetX;
                w.holderY = holder.pe->y + prog.offsetY;
                w.holder = holder.what;
            }
            out.push_back(std::move(w));
        };
        auto taskName = [&](int task) { return "task " + taskIdName(p, task); };
        auto opWaits = [&](const OpState& op, const std::string& who, int task) {
            if (!op.active || !op.waiting)
                return;
            const DsdOpDesc& d = p.cls->dsdOps[op.opIndex];
            const std::string what =
                std::string(dsdOpName(d.op)) + " (" + num(op.done) + "/" + num(op.total) +
                " elements" + (op.loc.line ? ", " + sourcePlace(prog, *p.cls, op.loc) : "") + ")";
            bool named = false;
            for (const OpOperand* o : {&op.src[0], &op.src[1], &op.src[2]})
                if (o->kind == DsdOperand::Kind::Dsd && o->dsd.kind == DsdKind::FabIn) {
                    const int c = f.fabinColor(p, o->dsd);
                    if (!p.rampQ[size_t(c)].empty())
                        continue;
                    PeWait w;
                    w.kind = PeWait::Kind::Wavelets;
                    w.color = c;
                    w.queue = o->dsd.queue;
                    w.task = task;
                    w.waiter = who;
                    w.since = op.waitingSince;
                    w.reason = who + " " + what + " waits for wavelets on color " +
                               num(uint64_t(c)) + " (input queue " + num(o->dsd.queue) +
                               f.queueBindingNote(p, true, o->dsd.queue) + ")";
                    add(std::move(w), upstream(p, c));
                    named = true;
                }
            if (op.dst.kind == DsdOperand::Kind::Dsd && op.dst.dsd.kind == DsdKind::FabOut &&
                p.outQ[op.dst.dsd.queue % kNumOutputQueues].full()) {
                const int c = f.faboutColor(p, op.dst.dsd);
                PeWait w;
                w.kind = PeWait::Kind::QueueRoom;
                w.color = c;
                w.queue = op.dst.dsd.queue;
                w.task = task;
                w.waiter = who;
                w.since = op.waitingSince;
                w.reason = who + " " + what + " waits for room in output queue " +
                           num(op.dst.dsd.queue) + " (color " + num(uint64_t(c)) + ")";
                add(std::move(w), downstream(p, c));
                named = true;
            }
            if (op.dst.kind == DsdOperand::Kind::Dsd && op.dst.dsd.kind == DsdKind::FabIn) {
                const int c = f.fabinColor(p, op.dst.dsd);
                PeWait w;
                w.kind = PeWait::Kind::ControlWavelets;
                w.color = c;
                w.queue = op.dst.dsd.queue;
                w.task = task;
                w.waiter = who;
                w.since = op.waitingSince;
                w.reason =
                    who + " " + what + " waits for control wavelets on color " + num(uint64_t(c));
                add(std::move(w), upstream(p, c));
                named = true;
            }
            if (!named) {
                PeWait w;
                w.kind = PeWait::Kind::Fifo;
                w.task = task;
                w.waiter = who;
                w.since = op.waitingSince;
                w.reason = who + " " + what + " waits on a FIFO";
                add(std::move(w));
            }
        };

        if (!p.cmds.empty()) {
            const PeCommand& pc = p.cmds.front();
            const Command& c = *pc.cmd;
            if (c.kind == Command::Kind::Launch && p.cmdBlocked) {
                PeWait w;
                w.kind = PeWait::Kind::CommandStream;
                w.waiter = "host command stream";
                w.reason = "the host command stream waits: " + c.function +
                           " has not called unblock_cmd_stream";
                add(std::move(w));
            } else if (c.kind == Command::Kind::StreamH2D && !pc.started) {
                PeWait w;
                w.kind = PeWait::Kind::HostCommand;
                w.color = c.req.color;
                w.waiter = "memcpy_h2d";
                w.reason = "memcpy_h2d streaming to color " + num(uint64_t(c.req.color)) +
                           " has not started: it arrives after a copy's trip and the memcpy "
                           "kernel takes it between tasks, when the main thread is free";
                add(std::move(w));
            } else if (c.kind == Command::Kind::StreamH2D && pc.started) {
                PeWait w;
                w.kind = PeWait::Kind::HostCommand;
                w.color = c.req.color;
                w.waiter = "memcpy_h2d";
                w.reason = "memcpy_h2d streaming to color " + num(uint64_t(c.req.color)) +
                           " delivered " + num(pc.progress) + "/" + num(c.req.elementsPerPe) +
                           " wavelets";
                add(std::move(w));
            }
        }
        for (size_t i = 0; i < p.d2hStreams.size(); ++i) {
            const PeCommand& pc = p.d2hStreams.at(i);
            if (pc.finished)
                continue;
            PeWait w;
            w.kind = PeWait::Kind::HostCommand;
            w.color = pc.cmd->req.color;
            w.waiter = "memcpy_d2h";
            w.reason = "memcpy_d2h streaming from color " + num(uint64_t(pc.cmd->req.color)) +
                       " received " + num(pc.progress) + "/" + num(pc.cmd->req.elementsPerPe) +
                       " wavelets";
            add(std::move(w));
        }
        if (p.mainOp.active)
            opWaits(p.mainOp, p.frames.empty() ? std::string("main thread") : f.mainThreadWork(p),
                    p.currentTask >= 0 ? p.currentTask : -1);
        if (p.mainWaiting) {
            PeWait w;
            w.kind = PeWait::Kind::Microthread;
            w.task = p.currentTask >= 0 ? p.currentTask : -1;
            w.waiter = p.currentTask >= 0 ? taskName(p.currentTask) : "main thread";
            w.reason = w.waiter + " waits to start an async operation on a busy microthread";
            add(std::move(w));
        }
        for (size_t u = 0; u < p.uts.size(); ++u) {
            opWaits(p.uts[u], "microthread " + num(u), -1);
            if (p.uts[u].active && (p.blockedUts >> u & 1)) {
                PeWait w;
                w.kind = PeWait::Kind::Microthread;
                w.waiter = "microthread " + num(u);
                w.reason = "microthread " + num(u) + " " +
                           dsdOpName(p.cls->dsdOps[p.uts[u].opIndex].op) +
                           " is paused: the microthread is blocked (@block of its ut_id) and "
                           "nothing unblocks it";
                add(std::move(w));
            }
        }
        for (int c = 0; c < kNumColors; ++c) {
            const auto& q = p.rampQ[size_t(c)];
            bool dataTask = false;
            if (!q.empty())
                for (int t = 0; t < kNumTaskIds; ++t)
                    if (p.cls->tasks[size_t(t)].kind == TaskKind::Data &&
                        f.dataTaskColor(p, t) == c) {
                        dataTask = true;
                        if (!(p.blocked >> t & 1))
                            continue;
                        PeWait w;
                        w.kind = PeWait::Kind::CeQueue;
                        w.color = c;
                        w.task = t;
                        w.waiter = taskName(t);
                        w.reason = num(q.size()) + " wavelet(s) on color " + num(uint64_t(c)) +
                                   " wait in the CE input queue; data " + taskName(t) +
                                   " is blocked";
                        add(std::move(w));
                    }
            if (!q.empty() && !dataTask && q.front().control && f.channelBlocked(p, c) &&
                f.controlTaskFunction(p, c, q.front().payload) >= 0) {
                PeWait w;
                w.kind = PeWait::Kind::CeQueue;
                w.color = c;
                w.waiter = "control wavelets";
                w.reason = num(q.size()) + " wavelet(s) on color " + num(uint64_t(c)) +
                           " wait in the CE input queue: " +
                           (f.channelBlockBit(p, c) < 0
                                ? std::string("no input queue is bound to the color "
                                              "(@initialize_queue)")
                                : std::string("no data task is bound to the ") +
                                      (f.arch == Arch::Wse2 ? "color" : "input queue") +
                                      ", so its control tasks wait for an @unblock");
                add(std::move(w));
            }
            const auto& buf = p.routerBuf[size_t(c)];
            if (buf.empty())
                continue;
            uint8_t rx = 0, tx = 0;
            if (const ColorConfig* cfg = f.colorConfig(p, c))
                Fabric::Impl::routeOf(*cfg, rx, tx);
            uint32_t onSwitch = 0;
            for (Direction d : {Direction::Ramp, Direction::North, Direction::South,
                                Direction::East, Direction::West}) {
                const uint32_t n = p.routerLinkCount[size_t(c)][size_t(d)];
                if (n && !(rx & dirBit(d)))
                    onSwitch += n;
            }
            if (onSwitch) {
                PeWait w;
                w.kind = PeWait::Kind::RouterSwitch;
                w.color = c;
                w.waiter = "router";
                w.reason = num(onSwitch) + " wavelet(s) on color " + num(uint64_t(c)) +
                           " wait for a switch position that accepts their link";
                add(std::move(w));
            }
            // Wavelets the current position accepts wait only when the next hop is full;
            // while they move (a busy link) they are not a stall.
            const uint32_t moving = buf.size() - onSwitch;
            bool full = false;
            if (moving && (tx & dirBit(Direction::Ramp)) && p.rampQ[size_t(c)].full())
                full = true;
            for (Direction d : kLinks)
                if (moving && (tx & dirBit(d)))
                    if (const Pe* n = f.neighbour(p, d)) {
                        if (f.linkFull(*n, c, kOpposite[size_t(d)]))
                            full = true;
                    }
            if (full) {
                PeWait w;
                w.kind = PeWait::Kind::Backpressure;
                w.color = c;
                w.waiter = "router";
                w.reason = num(moving) + " wavelet(s) on color " + num(uint64_t(c)) +
                           " wait in the router for room further on (backpressure)";
                add(std::move(w), downstream(p, c));
            }
        }
        for (int q = 0; q < kNumOutputQueues; ++q) {
            const auto& oq = p.outQ[size_t(q)];
            if (oq.empty())
                continue;
            const int c = oq.front().color;
            if (c >= kNumColors || !f.linkFull(p, c, Direction::Ramp))
                continue; // moving into the router this cycle
            PeWait w;
            w.kind = PeWait::Kind::OutputQueue;
            w.color = c;
            w.queue = q;
            w.waiter = "output queue " + num(uint64_t(q));
            w.reason = num(oq.size()) + " wavelet(s) wait in output queue " + num(uint64_t(q)) +
                       " (color " + num(uint64_t(c)) + ") for room in the router";
            add(std::move(w), downstream(p, c));
        }
    }
    return out;
}

size_t Fabric::simprintLineCount() const {
    return size_t(impl_->simprint.endLine());
}

size_t Fabric::simprintFirstLine() const {
    return size_t(impl_->simprint.firstLine());
}

std::vector<std::string> Fabric::simprintLinesFrom(size_t first, size_t maxLines,
                                                   size_t maxBytes) const {
    return impl_->simprint.linesFrom(first, maxLines, maxBytes);
}

void Fabric::holdSimprintFrom(size_t line) {
    impl_->simprintHoldOffset = line == SIZE_MAX ? UINT64_MAX : impl_->simprint.byteOffsetOf(line);
}

bool Fabric::simprintHeld() const {
    return impl_->simprintHeld();
}

} // namespace sim
