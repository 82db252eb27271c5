// The session's host-command record and its traced replay (Debug.Trace): the IDE's timeline
// of a session another client drives (an attached run.py, whose H2D data only the
// appliance has). The simulator is deterministic, so the host commands issued at the same
// cycles on a fresh Fabric give the session's run, now with tracing on.
#include "backend/appliance/runtime_session.h"

#include "sim/trace_log.h"
#include "sim/trace_run.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

namespace appliance {
namespace {

std::string sizeText(size_t bytes) {
    if (bytes % (size_t(1) << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

// Runs the replay to `target` in chunks of `chunk` cycles, calling `between` after each
// (it throws to end the replay), or until it stops before: a fault (`stopped` says which),
// or no PE can make progress (then the session's time did not move either).
void advance(sim::Fabric& fabric, uint64_t target, uint64_t chunk, std::string& stopped,
             const std::function<void()>& between) {
    while (fabric.cycle() < target) {
        const sim::RunResult r = fabric.step(std::min(chunk, target - fabric.cycle()));
        if (r.status == sim::RunStatus::Fault) {
            stopped = r.message;
            return;
        }
        if (r.status != sim::RunStatus::CycleLimit && r.status != sim::RunStatus::Stopped)
            return; // idle or waiting: time does not move without work
        between();
    }
}

// Instructions executed so far by each PE of the rectangle, row by row.
std::vector<uint64_t> instructionsPerPe(const sim::Fabric& fabric, const sim::FabricProgram& p) {
    std::vector<uint64_t> out;
    out.reserve(size_t(p.width) * p.height);
    for (uint32_t y = 0; y < p.height; ++y)
        for (uint32_t x = 0; x < p.width; ++x)
            out.push_back(fabric.stats(x, y).instructions);
    return out;
}

} // namespace

bool RuntimeSession::recordKeeps(size_t dataBytes) const {
    return hostRecordDropped_.empty() && hostRecordBytes_ + dataBytes + sizeof(HostCommandRecord) <=
                                             options_.hostRecordLimitBytes;
}

void RuntimeSession::record(HostCommandRecord command, size_t dataBytes) {
    if (!hostRecordDropped_.empty())
        return;
    const size_t bytes = dataBytes + command.function.size() + sizeof command;
    if (hostRecordBytes_ + bytes > options_.hostRecordLimitBytes) {
        hostRecordDropped_ =
            "the host commands' data passed " + sizeText(options_.hostRecordLimitBytes) +
            " at cycle " + std::to_string(command.cycle) + " (" +
            (command.isMemcpy ? std::string(command.memcpy.toDevice ? "memcpy_h2d" : "memcpy_d2h")
                              : "launch('" + command.function + "')") +
            ", command " + std::to_string(hostRecord_.size() + 1) +
            "), so the appliance stopped recording them";
        hostRecord_.clear();
        hostRecord_.shrink_to_fit();
        hostRecordBytes_ = 0;
        return;
    }
    hostRecordBytes_ += bytes;
    hostRecord_.push_back(std::move(command));
}

void RuntimeSession::noteRun(const sim::RunResult& r) {
    // sim sets the run's limit to a cycle breakpoint inside it (sim/fabric.cpp); other
    // breakpoints, a command done, idle or a stop end a run before its limit.
    lastRunBounded_ =
        r.status == sim::RunStatus::CycleLimit ||
        (r.status == sim::RunStatus::Breakpoint && r.message.starts_with("cycle breakpoint"));
}

TraceOutcome RuntimeSession::trace(const TraceOptions& options) {
    const sim::FabricProgram& p = *program_;
    const bool region = options.regionWidth > 0 && options.regionHeight > 0;
    if (region && (uint64_t(options.regionX) + options.regionWidth > p.fabricWidth ||
                   uint64_t(options.regionY) + options.regionHeight > p.fabricHeight))
        throw Error(Code::OutOfRange, "trace: region (x=" + std::to_string(options.regionX) +
                                          ", y=" + std::to_string(options.regionY) +
                                          ", w=" + std::to_string(options.regionWidth) +
                                          ", h=" + std::to_string(options.regionHeight) +
                                          ") lies outside the " + std::to_string(p.fabricWidth) +
                                          "x" + std::to_string(p.fabricHeight) + " fabric");

    // The record and the session's counters, taken together between run chunks.
    std::vector<HostCommandRecord> commands;
    std::string dropped;
    TraceOutcome out;
    std::vector<uint64_t> sessionInstructions;
    bool lastRunBounded = false;
    withFabric([&](const sim::Fabric& fabric) {
        dropped = hostRecordDropped_;
        out.sessionCycle = fabric.cycle();
        lastRunBounded = lastRunBounded_;
        if (!dropped.empty())
            return;
        const uint64_t until = options.upToCycle ? options.upToCycle : out.sessionCycle;
        for (const HostCommandRecord& c : hostRecord_)
            if (c.cycle <= until)
                commands.push_back(c);
        if (until == out.sessionCycle)
            sessionInstructions = instructionsPerPe(fabric, p);
    });
    if (!dropped.empty())
        throw Error(Code::FailedPrecondition, "trace: cannot replay this session: " + dropped);
    const uint64_t target = options.upToCycle ? options.upToCycle : out.sessionCycle;
    if (target > out.sessionCycle)
        throw Error(Code::OutOfRange, "trace: up_to_cycle " + std::to_string(target) +
                                          " lies beyond the session's cycle " +
                                          std::to_string(out.sessionCycle));

    const auto logPath = options_.workspace / ("trace-" + std::to_string(++traceSerial_) + ".log");
    sim::FabricOptions o;
    try {
        o = sim::tracingOptions(logPath.string());
    } catch (const std::runtime_error& e) {
        throw Error(Code::Internal, std::string("trace: ") + e.what());
    }
    o.threads = options_.threads;
    std::error_code ignored;
    // Between chunks: a closing session (the appliance's shutdown) ends the replay, and so
    // does a log past the limit (the log is held in memory while it streams).
    auto between = [&](const sim::Fabric& fabric) {
        if (isClosing()) {
            std::filesystem::remove(logPath, ignored);
            throw Error(Code::Unavailable, "trace: the session is closing (replayed to cycle " +
                                               std::to_string(fabric.cycle()) + ")");
        }
        const auto bytes = std::filesystem::file_size(logPath, ignored);
        if (!ignored && bytes > options_.traceLogLimitBytes) {
            std::filesystem::remove(logPath, ignored);
            throw Error(Code::ResourceExhausted,
                        "trace: the log passed " + sizeText(options_.traceLogLimitBytes) +
                            " at cycle " + std::to_string(fabric.cycle()) + " of " +
                            std::to_string(target) + "; trace an earlier cycle");
        }
    };
    {
        sim::Fabric fabric(program_, o);
        // close() stops the replay within a cycle instead of after its chunk.
        class ReplayRegistration {
          public:
            ReplayRegistration(RuntimeSession& session, sim::Fabric& fabric)
                : session_(session), fabric_(fabric) {
                std::lock_guard lock(session_.mutex_);
                session_.replays_.push_back(&fabric_);
                if (session_.closing_)
                    fabric_.requestStop();
            }
            ~ReplayRegistration() {
                std::lock_guard lock(session_.mutex_);
                std::erase(session_.replays_, &fabric_);
            }
            ReplayRegistration(const ReplayRegistration&) = delete;
            ReplayRegistration& operator=(const ReplayRegistration&) = delete;

          private:
            RuntimeSession& session_;
            sim::Fabric& fabric_;
        } registration(*this, fabric);
        const auto check = [&] { between(fabric); };
        for (const HostCommandRecord& c : commands) {
            advance(fabric, c.cycle, options_.chunkCycles, out.stopped, check);
            // The session issued it after running cycle c.cycle itself (its command ended
            // there): so does the replay, or the command starts a cycle early.
            if (out.stopped.empty() && c.cycleStepped && fabric.cycle() == c.cycle &&
                !fabric.cycleStepped()) {
                const sim::RunResult r = fabric.runThrough(c.cycle);
                if (r.status == sim::RunStatus::Fault)
                    out.stopped = r.message;
            }
            if (!out.stopped.empty())
                break;
            if (c.isMemcpy)
                fabric.memcpy(c.memcpy, c.words);
            else
                fabric.launch(c.function, c.words);
            ++out.commands;
        }
        if (out.stopped.empty())
            advance(fabric, target, options_.chunkCycles, out.stopped, check);
        out.cycle = fabric.cycle();
        out.instructions = instructionsPerPe(fabric, p);
    } // the Fabric closes (flushes) the log here

    std::ifstream in(logPath);
    if (!in) {
        std::filesystem::remove(logPath, ignored);
        throw Error(Code::Internal, "trace: cannot read " + logPath.string());
    }
    auto inside = [&](uint32_t x, uint32_t y) {
        return x >= options.regionX && x - options.regionX < options.regionWidth &&
               y >= options.regionY && y - options.regionY < options.regionHeight;
    };
    std::ostringstream log;
    if (!region)
        log << in.rdbuf();
    std::string line;
    while (region && std::getline(in, line)) {
        sim::ParsedTraceLine parsed;
        bool trace = false;
        try {
            trace = sim::parseTraceLine(line, parsed);
        } catch (const std::exception&) {
            trace = false; // not a line the reader knows: kept as it is
        }
        if (trace && !inside(parsed.x, parsed.y) &&
            !(parsed.hasSender && inside(parsed.senderX, parsed.senderY)))
            continue;
        log << line << '\n';
    }
    in.close();
    std::filesystem::remove(logPath, ignored);
    out.log = std::move(log).str();

    if (!sessionInstructions.empty() && out.stopped.empty()) {
        if (out.cycle != out.sessionCycle)
            throw Error(Code::Internal, "trace: the replay stopped at cycle " +
                                            std::to_string(out.cycle) + ", the session is at " +
                                            std::to_string(out.sessionCycle));
        // A PE's scalar code may run ahead of the global cycle up to the limit of the run
        // that executes it: the session's last run (a host command's, up to a chunk ahead)
        // may have counted instructions past its cycle that the replay, stepped exactly to
        // that cycle, has not run yet. More in the replay, or fewer after a run bounded at
        // this cycle (a debugger step), is a divergence.
        size_t behind = 0;
        for (size_t i = 0; i < sessionInstructions.size(); ++i) {
            if (out.instructions[i] < sessionInstructions[i] && !lastRunBounded) {
                ++behind;
                continue;
            }
            if (sessionInstructions[i] != out.instructions[i])
                throw Error(Code::Internal, "trace: the replay diverged from the session: PE(" +
                                                std::to_string(p.offsetX + i % p.width) + "," +
                                                std::to_string(p.offsetY + i / p.width) + ") ran " +
                                                std::to_string(out.instructions[i]) +
                                                " instructions, the session " +
                                                std::to_string(sessionInstructions[i]) +
                                                " (cycle " + std::to_string(out.cycle) + ")");
        }
        if (behind) {
            out.countersNote = std::to_string(behind) +
                               " PE(s) of the session ran instructions ahead of its cycle in "
                               "its last run; step the session to compare every counter";
            return out;
        }
        out.countersChecked = true;
    }
    return out;
}

} // namespace appliance
