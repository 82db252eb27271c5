#include "backend/appliance/runtime_session.h"

#include "backend/appliance/error.h"
#include "sim/scalar.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <future>

namespace appliance {
namespace {

std::string describe(const LaunchValue& v) {
    if (std::holds_alternative<double>(v)) {
        // %g: std::to_string printed 1e39 as 40 digits and 1e-9 as 0.000000.
        char text[32];
        std::snprintf(text, sizeof text, "%.9g", std::get<double>(v));
        return std::string("float ") + text;
    }
    if (std::holds_alternative<bool>(v))
        return std::string("bool ") + (std::get<bool>(v) ? "True" : "False");
    return "int " + std::to_string(std::get<int64_t>(v));
}

uint32_t packArgument(const std::string& symbol, size_t index, sim::ScalarType type,
                      const LaunchValue& v) {
    auto fail = [&](const std::string& why) -> uint32_t {
        throw Error(Code::InvalidArgument, "launch('" + symbol + "'): argument " +
                                               std::to_string(index) + " (" + describe(v) + ") " +
                                               why + " for parameter type " + sim::typeName(type));
    };
    const bool isFloatArg = std::holds_alternative<double>(v);
    const double asDouble = isFloatArg                        ? std::get<double>(v)
                            : std::holds_alternative<bool>(v) ? double(std::get<bool>(v))
                                                              : double(std::get<int64_t>(v));
    auto integerIn = [&](int64_t lo, int64_t hi) -> int64_t {
        if (isFloatArg)
            fail("is a float, not an integer,");
        int64_t i =
            std::holds_alternative<bool>(v) ? int64_t(std::get<bool>(v)) : std::get<int64_t>(v);
        if (i < lo || i > hi)
            fail("is out of range");
        return i;
    };
    // A finite value too large for the parameter's float type would arrive as infinity;
    // refused as an out-of-range integer is (an explicit inf or nan passes as itself).
    auto finiteIn = [&](uint32_t bits, uint32_t exponentMask) -> uint32_t {
        if (std::isfinite(asDouble) && (bits & exponentMask) == exponentMask)
            fail("is out of range");
        return bits;
    };
    switch (type) {
    case sim::ScalarType::F32:
        return finiteIn(std::bit_cast<uint32_t>(float(asDouble)), 0x7f800000u);
    case sim::ScalarType::F16:
        return finiteIn(sim::doubleToHalf(asDouble), 0x7c00u);
    case sim::ScalarType::BF16:
        return finiteIn(sim::doubleToBf16(asDouble), 0x7f80u);
    case sim::ScalarType::Bool:
        return uint32_t(integerIn(0, 1));
    case sim::ScalarType::I8:
        return uint32_t(integerIn(-128, 127)) & 0xffu;
    case sim::ScalarType::U8:
        return uint32_t(integerIn(0, 255));
    case sim::ScalarType::I16:
        return uint32_t(integerIn(-32768, 32767)) & 0xffffu;
    case sim::ScalarType::U16:
        return uint32_t(integerIn(0, 65535));
    case sim::ScalarType::I32:
        return uint32_t(integerIn(INT32_MIN, INT32_MAX));
    case sim::ScalarType::U32:
        return uint32_t(integerIn(0, UINT32_MAX));
    default:
        return fail("cannot be passed");
    }
}

const char* runStatusName(sim::RunStatus s) {
    switch (s) {
    case sim::RunStatus::Idle:
        return "idle";
    case sim::RunStatus::CommandDone:
        return "command-done";
    case sim::RunStatus::CycleLimit:
        return "cycle-limit";
    case sim::RunStatus::Breakpoint:
        return "breakpoint";
    case sim::RunStatus::Hang:
        return "hang";
    case sim::RunStatus::Fault:
        return "fault";
    case sim::RunStatus::Stopped:
        return "paused";
    }
    return "?";
}

} // namespace

RuntimeSession::RuntimeSession(std::shared_ptr<const sim::FabricProgram> program,
                               SessionOptions options)
    : program_(std::move(program)), options_(std::move(options)) {
    frame_.width = program_->width;
    frame_.height = program_->height;
    frame_.status = "opened";
    touch();
    thread_ = std::thread([this] { threadMain(); });
}

void RuntimeSession::close() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        paused_ = false;
        for (sim::Fabric* replay : replays_)
            replay->requestStop();
    }
    if (auto* f = liveFabric_.load())
        f->requestStop();
    wake_.notify_all();
    frameChanged_.notify_all();
}

RuntimeSession::~RuntimeSession() {
    {
        std::lock_guard lock(mutex_);
        quitting_ = true;
        closing_ = true;
        paused_ = false;
    }
    if (auto* f = liveFabric_.load())
        f->requestStop();
    wake_.notify_all();
    thread_.join();
}

void RuntimeSession::post(std::function<void()> fn) {
    commandsInFlight_.fetch_add(1);
    touch();
    {
        std::lock_guard lock(mutex_);
        queue_.push_back([this, fn = std::move(fn)] {
            fn();
            touch();
            commandsInFlight_.fetch_sub(1);
        });
    }
    wake_.notify_all();
}

bool RuntimeSession::isClosing() const {
    std::lock_guard lock(mutex_);
    return closing_;
}

void RuntimeSession::touch() {
    lastUse_.store(std::chrono::steady_clock::now().time_since_epoch().count());
}

std::chrono::steady_clock::duration RuntimeSession::idleTime() const {
    return std::chrono::steady_clock::now().time_since_epoch() -
           std::chrono::steady_clock::duration(lastUse_.load());
}

bool RuntimeSession::idleFor(std::chrono::steady_clock::duration idle) const {
    if (commandsInFlight_.load() > 0)
        return false;
    {
        std::lock_guard lock(mutex_);
        if (frameWatchers_ > 0)
            return false;
    }
    return idleTime() >= idle;
}

const char* RuntimeSession::stateName() const {
    switch (state_.load()) {
    case State::Opened:
        return "opened";
    case State::Loaded:
        return "loaded";
    case State::Running:
        return "running";
    case State::Stopped:
        return "stopped";
    }
    return "?";
}

void RuntimeSession::threadMain() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return quitting_ || !queue_.empty() || !debugQueue_.empty(); });
        serveDebugRequests(lock);
        if (quitting_ && queue_.empty())
            return;
        if (queue_.empty())
            continue;
        auto fn = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        fn(); // closures report their own errors
        lock.lock();
    }
}

void RuntimeSession::serveDebugRequests(std::unique_lock<std::mutex>& lock) {
    while (!debugQueue_.empty()) {
        auto fn = std::move(debugQueue_.front());
        debugQueue_.pop_front();
        lock.unlock();
        fn();
        lock.lock();
    }
}

void RuntimeSession::requireFabric(const char* what) const {
    if (!fabric_)
        throw Error(Code::FailedPrecondition, std::string(what) + ": call load() first");
}

void RuntimeSession::requireRunning(const char* what) const {
    switch (state_) {
    case State::Opened:
        throw Error(Code::FailedPrecondition, std::string(what) + ": call load() and run() first");
    case State::Loaded:
        throw Error(Code::FailedPrecondition, std::string(what) + ": call run() first");
    case State::Stopped:
        throw Error(Code::FailedPrecondition, std::string(what) + ": the runtime was stopped");
    case State::Running:
        if (!aborted_.empty())
            throw Error(Code::FailedPrecondition, std::string(what) +
                                                      ": no further command runs (stop() ends the "
                                                      "session) after the " +
                                                      aborted_);
        break;
    }
}

void RuntimeSession::load() {
    if (state_ != State::Opened)
        throw Error(Code::FailedPrecondition, "load: the program is already loaded");
    sim::FabricOptions o;
    o.threads = options_.threads;
    o.simLogPath = (options_.workspace / "sim.log").string();
    o.simprintWindowBytes = options_.simprintWindowBytes;
    o.traceLanding = o.traceInstructions = o.traceStalls = options_.trace;
    try {
        fabric_ = std::make_unique<sim::Fabric>(program_, o);
        liveFabric_.store(fabric_.get());
    } catch (const std::exception& e) {
        throw Error(Code::InvalidArgument, std::string("load: ") + e.what());
    }
    state_ = State::Loaded;
}

void RuntimeSession::start() {
    if (state_ == State::Opened)
        throw Error(Code::FailedPrecondition, "run: call load() first");
    if (state_ == State::Running)
        throw Error(Code::FailedPrecondition, "run: the runtime is already running (second run())");
    if (state_ == State::Stopped)
        throw Error(Code::FailedPrecondition, "run: the runtime was stopped");
    state_ = State::Running;
}

RuntimeSession::StopResult RuntimeSession::stop() {
    if (state_ == State::Stopped)
        throw Error(Code::FailedPrecondition, "stop: the runtime was already stopped");
    // As the SDK's stop(): it ends a run, so a runtime never run() has nothing to stop.
    // After a hang or fault it only ends the session: the pending commands cannot finish.
    if (state_ == State::Running && !aborted_.empty()) {
        state_ = State::Stopped;
        return {fabric_->cycle(), fabric_->simprintLineCount(), {}};
    }
    requireRunning("stop");
    // Every pending nonblocking command first, so D2H results exist; then the work the
    // PEs still have, until the fabric is idle but for at most stopSettleCycles: the
    // SDK's stop() drains the command queue, and returns while a kernel that never goes
    // idle (a task that re-activates itself to poll memory the host writes) runs on.
    for (auto& [id, t] : tasks_)
        if (!t.done && !fabric_->isDone(t.command))
            runUntil(t.command);
    runUntil(std::nullopt, fabric_->cycle() + options_.stopSettleCycles);
    for (auto& [id, t] : tasks_)
        if (!t.done && fabric_->isDone(t.command)) {
            t.done = true;
            if (t.producesData)
                t.words = fabric_->takeResult(t.command);
        }
    StopResult result;
    result.cycle = fabric_->cycle();
    result.simprintLines = fabric_->simprintLineCount();
    result.undelivered = fabric_->undeliveredWavelets();
    state_ = State::Stopped;
    return result;
}

uint32_t RuntimeSession::getId(const std::string& name) const {
    for (const auto& s : program_->hostSymbols)
        if (s.name == name)
            return s.id;
    std::string known;
    for (const auto& s : program_->hostSymbols)
        known += (known.empty() ? "" : ", ") + s.name;
    throw Error(Code::NotFound, "get_id: unknown symbol '" + name +
                                    "' (exported: " + (known.empty() ? "none" : known) + ")");
}

const sim::HostSymbol& RuntimeSession::hostSymbol(const std::string& name, const char* what) const {
    for (const auto& s : program_->hostSymbols)
        if (s.name == name)
            return s;
    throw Error(Code::NotFound, std::string(what) + ": unknown symbol '" + name + "'");
}

std::vector<FrameMemcpy> RuntimeSession::shownCopies() {
    // The last few done copies stay (a view shows what just happened), older ones go.
    constexpr size_t kShownDoneCopies = 4;
    std::vector<FrameMemcpy> pending, done;
    std::vector<std::pair<sim::CommandId, sim::MemcpyRequest>> kept;
    for (auto it = shownCopies_.rbegin(); it != shownCopies_.rend(); ++it) {
        const bool finished = fabric_->isDone(it->first);
        if (finished && done.size() == kShownDoneCopies)
            continue;
        (finished ? done : pending).push_back({it->second, finished});
        kept.push_back(*it);
    }
    shownCopies_.assign(kept.rbegin(), kept.rend());
    std::vector<FrameMemcpy> out(pending.rbegin(), pending.rend());
    out.insert(out.end(), done.rbegin(), done.rend());
    return out;
}

void RuntimeSession::publishFrame(const sim::RunResult& result) {
    Frame f;
    f.cycle = result.cycle;
    f.width = program_->width;
    f.height = program_->height;
    f.status = runStatusName(result.status);
    f.message = result.message;
    bool watched;
    {
        std::lock_guard lock(mutex_);
        watched = frameWatchers_ > 0;
    }
    if (watched && fabric_) {
        f.pes.reserve(size_t(f.width) * f.height);
        for (uint32_t y = 0; y < f.height; ++y)
            for (uint32_t x = 0; x < f.width; ++x)
                f.pes.push_back(fabric_->stats(x, y));
    }
    if (fabric_)
        f.memcpy = shownCopies();
    {
        std::lock_guard lock(mutex_);
        frame_ = std::move(f);
        ++frameSerial_;
        chunkUnpublished_ = false;
    }
    frameChanged_.notify_all();
}

void RuntimeSession::runUntil(std::optional<sim::CommandId> command, uint64_t limit) {
    while (fabric_->cycle() < limit) {
        {
            std::unique_lock lock(mutex_);
            serveDebugRequests(lock);
            waitForSimprintReader(lock);
            while (paused_ && !closing_) {
                wake_.wait(lock, [&] { return !paused_ || closing_ || !debugQueue_.empty(); });
                serveDebugRequests(lock);
            }
            if (closing_)
                throw Error(Code::Cancelled, "the session is closing");
            chunkUnpublished_ = true;
        }
        inRun_.store(true);
        const uint64_t chunk = std::min(options_.chunkCycles, limit - fabric_->cycle());
        sim::RunResult r =
            command ? fabric_->runUntilDone(*command, chunk) : fabric_->runUntilIdle(chunk);
        inRun_.store(false);
        noteRun(r);
        publishFrame(r);
        switch (r.status) {
        case sim::RunStatus::CommandDone:
        case sim::RunStatus::Idle:
            if (!command || fabric_->isDone(*command))
                return;
            break;
        case sim::RunStatus::CycleLimit:
        case sim::RunStatus::Stopped:
            break; // pause (if requested) is handled above
        case sim::RunStatus::Breakpoint: {
            std::lock_guard lock(mutex_);
            paused_ = true;
            break;
        }
        case sim::RunStatus::Hang:
        case sim::RunStatus::Fault: {
            std::string message = "simulation stopped at cycle " + std::to_string(r.cycle) + " (" +
                                  runStatusName(r.status) + "): " + r.message;
            aborted_ = message;
            // The waits the simulator's message does not list already, as many as it lists
            // (a 16x16 deadlock appended 240 lines after its "... and N more PEs").
            size_t unlisted = 0;
            for (const auto& w : r.waiting) {
                if (r.message.find(w.reason) != std::string::npos)
                    continue;
                if (++unlisted <= 16)
                    message += "\n  PE(" + std::to_string(w.x) + "," + std::to_string(w.y) +
                               "): " + w.reason;
            }
            if (unlisted > 16)
                message += "\n  ... and " + std::to_string(unlisted - 16) + " more waits";
            throw Error(Code::Aborted, message);
        }
        }
    }
}

void RuntimeSession::waitForSimprintReader(std::unique_lock<std::mutex>& lock) {
    if (!fabric_ || !fabric_->simprintHeld())
        return;
    const auto deadline = std::chrono::steady_clock::now() + options_.simprintHoldTimeout;
    while (fabric_->simprintHeld() && !paused_ && !closing_) {
        if (!wake_.wait_until(lock, deadline,
                              [&] { return paused_ || closing_ || !debugQueue_.empty(); })) {
            fabric_->holdSimprintFrom(SIZE_MAX);
            return;
        }
        serveDebugRequests(lock);
    }
}

TaskState RuntimeSession::snapshot(uint64_t taskId) {
    auto& t = tasks_.at(taskId);
    if (!t.done && fabric_->isDone(t.command)) {
        t.done = true;
        if (t.producesData)
            t.words = fabric_->takeResult(t.command);
    }
    // Results are handed over once: the client keeps them, the session does not.
    TaskState state{taskId, t.done, {}};
    if (t.done)
        state.words = std::move(t.words);
    return state;
}

TaskState RuntimeSession::issue(sim::CommandId command, bool nonblock, bool producesData) {
    const uint64_t id = nextTaskId_++;
    tasks_[id] = {command, producesData, false, {}};
    if (!nonblock)
        runUntil(command);
    return snapshot(id);
}

TaskState RuntimeSession::launch(const std::string& symbol, const std::vector<LaunchValue>& args,
                                 bool nonblock) {
    requireRunning("launch");
    const auto& s = hostSymbol(symbol, "launch");
    if (s.kind != sim::HostSymbol::Kind::Func)
        throw Error(Code::InvalidArgument,
                    "launch: symbol '" + symbol + "' is a variable, not a function");
    if (args.size() != s.inputs.size())
        throw Error(Code::InvalidArgument, "launch('" + symbol + "'): takes " +
                                               std::to_string(s.inputs.size()) +
                                               " argument(s), got " + std::to_string(args.size()));
    std::vector<uint32_t> words;
    for (size_t i = 0; i < args.size(); ++i)
        words.push_back(packArgument(symbol, i, s.inputs[i], args[i]));
    sim::CommandId cmd;
    try {
        const size_t dataBytes = words.size() * 4;
        HostCommandRecord issued{fabric_->cycle(),       false, symbol, words, {},
                                 fabric_->cycleStepped()};
        cmd = fabric_->launch(symbol, std::move(words));
        record(std::move(issued), dataBytes);
    } catch (const std::invalid_argument& e) {
        throw Error(Code::InvalidArgument, std::string("launch: ") + e.what());
    }
    return issue(cmd, nonblock, false);
}

TaskState RuntimeSession::call(const std::string& symbol, const std::vector<uint32_t>& args,
                               bool nonblock) {
    requireRunning("call");
    const auto& s = hostSymbol(symbol, "call");
    if (s.kind != sim::HostSymbol::Kind::Func)
        throw Error(Code::InvalidArgument,
                    "call: symbol '" + symbol + "' is a variable, not a function");
    if (args.size() != s.inputs.size())
        throw Error(Code::InvalidArgument, "call('" + symbol + "'): takes " +
                                               std::to_string(s.inputs.size()) + " word(s), got " +
                                               std::to_string(args.size()));
    sim::CommandId cmd;
    try {
        cmd = fabric_->launch(symbol, args);
        record({fabric_->cycle(), false, symbol, args, {}, fabric_->cycleStepped()},
               args.size() * 4);
    } catch (const std::invalid_argument& e) {
        throw Error(Code::InvalidArgument, std::string("call: ") + e.what());
    }
    return issue(cmd, nonblock, false);
}

TaskState RuntimeSession::memcpy(const MemcpyArgs& a) {
    const std::string what = a.toDevice ? "memcpy_h2d" : "memcpy_d2h";
    const char* whatC = what.c_str();
    requireRunning(whatC);
    const auto& p = *program_;
    auto bad = [&](Code code, const std::string& message) {
        return Error(code, what + ": " + message);
    };
    if (!p.memcpy.enabled)
        throw bad(Code::FailedPrecondition, "the program was compiled without --memcpy");
    if (a.ownChannel && !(a.streaming && a.toDevice))
        throw bad(Code::InvalidArgument,
                  "own_channel is for streaming host-to-device copies (SdkLayout input streams)");
    sim::MemcpyRequest r;
    r.toDevice = a.toDevice;
    r.streaming = a.streaming;
    r.ownChannel = a.ownChannel;
    if (a.streaming) {
        const auto& colors = a.toDevice ? p.memcpy.h2dColors : p.memcpy.d2hColors;
        std::string list;
        bool found = false;
        for (auto c : colors)
            if (c >= 0) {
                list += (list.empty() ? "" : ", ") + std::to_string(c);
                found = found || uint32_t(c) == a.target;
            }
        if (!found)
            throw bad(Code::InvalidArgument, "color " + std::to_string(a.target) +
                                                 " is not a streaming color of this program (" +
                                                 (a.toDevice ? "MEMCPYH2D" : "MEMCPYD2H") +
                                                 " colors: " + (list.empty() ? "none" : list) +
                                                 "); use streaming=False for a symbol id");
        r.color = int(a.target);
    } else {
        const sim::HostSymbol* s = nullptr;
        for (const auto& h : p.hostSymbols)
            if (h.id == a.target)
                s = &h;
        if (!s)
            throw bad(Code::NotFound, "no exported symbol has id " + std::to_string(a.target) +
                                          " (get ids with get_id)");
        if (s->kind != sim::HostSymbol::Kind::Var)
            throw bad(Code::InvalidArgument,
                      "symbol '" + s->name + "' is a function, not a variable");
        if (a.toDevice && !s->mutableFromHost)
            throw bad(Code::InvalidArgument,
                      "symbol '" + s->name +
                          "' is exported immutable; export it mutable to write it");
        r.symbol = s->name;
    }
    if (a.elemPerPe <= 0)
        throw bad(Code::InvalidArgument,
                  "elem_per_pe must be positive, got " + std::to_string(a.elemPerPe));
    if (a.w <= 0 || a.h <= 0)
        throw bad(Code::InvalidArgument, "ROI width and height must be positive, got w=" +
                                             std::to_string(a.w) + " h=" + std::to_string(a.h));
    if (a.px < 0 || a.py < 0 || a.px + a.w > int64_t(p.width) || a.py + a.h > int64_t(p.height))
        throw bad(Code::OutOfRange,
                  "ROI (px=" + std::to_string(a.px) + ", py=" + std::to_string(a.py) +
                      ", w=" + std::to_string(a.w) + ", h=" + std::to_string(a.h) +
                      ") lies outside the " + std::to_string(p.width) + "x" +
                      std::to_string(p.height) + " program rectangle");
    if (!a.toDevice && a.shape != sim::MemcpyShape::Box)
        throw bad(Code::InvalidArgument, "broadcast and strided copies are host-to-device only");
    if (a.shape == sim::MemcpyShape::Strided && (a.rowStride <= 0 || a.colStride <= 0))
        throw bad(Code::InvalidArgument, "row_stride and col_stride must be positive");
    int64_t expected = a.elemPerPe;
    switch (a.shape) {
    case sim::MemcpyShape::Box:
        expected *= a.w * a.h;
        break;
    case sim::MemcpyShape::RowBroadcast:
        expected *= a.h;
        break;
    case sim::MemcpyShape::ColBroadcast:
        expected *= a.w;
        break;
    case sim::MemcpyShape::Strided:
        expected *= (1 + (a.w - 1) / a.colStride) * (1 + (a.h - 1) / a.rowStride);
        break;
    }
    const char* arrayName = a.toDevice ? "src" : "dest";
    if (a.hostDtype != "float32" && a.hostDtype != "int32" && a.hostDtype != "uint32")
        throw bad(Code::InvalidArgument, std::string(arrayName) + " array has dtype " +
                                             (a.hostDtype.empty() ? "?" : a.hostDtype) +
                                             "; memcpy needs a 32-bit array (float32, int32 or "
                                             "uint32; 16-bit data zero-extended into uint32)");
    if (a.hostElements != expected)
        throw bad(Code::InvalidArgument, std::string(arrayName) + " array has " +
                                             std::to_string(a.hostElements) +
                                             " elements, expected " + std::to_string(expected));
    if (a.toDevice && int64_t(a.data.size()) != expected * 4)
        throw bad(Code::InvalidArgument, "data carries " + std::to_string(a.data.size()) +
                                             " bytes, expected " + std::to_string(expected * 4));
    r.x = uint32_t(a.px);
    r.y = uint32_t(a.py);
    r.w = uint32_t(a.w);
    r.h = uint32_t(a.h);
    r.elementsPerPe = uint32_t(a.elemPerPe);
    r.dataType = a.bits16 ? sim::MemcpyDataType::Bits16 : sim::MemcpyDataType::Bits32;
    r.order = a.colMajor ? sim::MemcpyOrder::ColMajor : sim::MemcpyOrder::RowMajor;
    r.shape = a.shape;
    // A stride at least as wide as the region selects its first row or column alone, the
    // same copy as the region's own extent: a stride past 32 bits was cut to its low bits.
    r.rowStride = uint32_t(std::min<int64_t>(a.rowStride, std::max<int64_t>(a.h, 1)));
    r.colStride = uint32_t(std::min<int64_t>(a.colStride, std::max<int64_t>(a.w, 1)));
    std::vector<uint32_t> words;
    if (a.toDevice) {
        words.resize(size_t(expected));
        std::memcpy(words.data(), a.data.data(), a.data.size());
    }
    sim::CommandId cmd;
    try {
        HostCommandRecord issued{fabric_->cycle(), true, {}, {}, r, fabric_->cycleStepped()};
        const size_t dataBytes = words.size() * 4;
        if (recordKeeps(dataBytes))
            issued.words = words; // the H2D data, for trace()
        cmd = fabric_->memcpy(r, std::move(words));
        record(std::move(issued), dataBytes);
        // A view shows a handful; a script with thousands of nonblocking copies in flight
        // must not make every frame walk them all.
        if (shownCopies_.size() < kShownCopiesLimit)
            shownCopies_.emplace_back(cmd, r);
    } catch (const std::invalid_argument& e) {
        throw bad(Code::InvalidArgument, e.what());
    }
    return issue(cmd, a.nonblock, !a.toDevice);
}

TaskState RuntimeSession::task(uint64_t id, bool wait) {
    auto it = tasks_.find(id);
    if (it == tasks_.end())
        throw Error(Code::NotFound, "task: no task with id " + std::to_string(id));
    if (!it->second.done && state_ == State::Running) {
        requireRunning(wait ? "task_wait" : "is_task_done");
        if (wait)
            runUntil(it->second.command);
        else {
            // is_task_done polls: let the device make some progress between polls.
            {
                std::unique_lock lock(mutex_);
                waitForSimprintReader(lock);
            }
            sim::RunResult r = fabric_->runUntilDone(it->second.command, options_.chunkCycles);
            noteRun(r);
            publishFrame(r);
            if (hangPollsSinceTask_ != nextTaskId_) {
                hangPollsSinceTask_ = nextTaskId_;
                hangPolls_ = 0;
            }
            // A fault is final; a hang may end with the script's next command (a D2H it
            // has not issued yet), so a poll only says "not done" until polling alone
            // clearly cannot help.
            if (r.status == sim::RunStatus::Fault ||
                (r.status == sim::RunStatus::Hang && ++hangPolls_ > kHangPollsBeforeReport))
                runUntil(it->second.command); // raises the error with the full report
        }
    }
    return snapshot(id);
}

std::string RuntimeSession::readSymbol(uint32_t x, uint32_t y, const std::string& name) const {
    requireFabric("read_symbol");
    const auto& p = *program_;
    if (x >= p.width || y >= p.height)
        throw Error(Code::OutOfRange, "read_symbol: PE (" + std::to_string(x) + "," +
                                          std::to_string(y) + ") lies outside the " +
                                          std::to_string(p.width) + "x" + std::to_string(p.height) +
                                          " program rectangle");
    const auto& cls = p.classes.at(p.pes.at(size_t(y) * p.width + x).codeClass);
    for (const auto& s : cls.symbols)
        if (s.name == name) {
            auto bytes = fabric_->readMemory(x, y, s.address, s.sizeBytes);
            return std::string(bytes.begin(), bytes.end());
        }
    throw Error(Code::NotFound, "read_symbol: PE (" + std::to_string(x) + "," + std::to_string(y) +
                                    ") runs " + cls.file + ", which has no symbol '" + name + "'");
}

Frame RuntimeSession::latestFrame() const {
    std::lock_guard lock(mutex_);
    return frame_;
}

Frame RuntimeSession::waitFrame(uint64_t afterSerial, std::chrono::milliseconds timeout,
                                uint64_t* serial) const {
    std::unique_lock lock(mutex_);
    frameChanged_.wait_for(lock, timeout, [&] { return frameSerial_ > afterSerial || closing_; });
    *serial = frameSerial_;
    return frame_;
}

std::optional<Frame> RuntimeSession::finalFrame(std::chrono::milliseconds settle) const {
    std::unique_lock lock(mutex_);
    if (!closing_)
        return std::nullopt;
    frameChanged_.wait_for(lock, settle, [&] { return !chunkUnpublished_; });
    return frame_;
}

uint64_t RuntimeSession::addFrameWatcher(int delta) {
    std::lock_guard lock(mutex_);
    frameWatchers_ += delta;
    if (delta > 0) {
        // The newest frame may predate the watcher and lack per-PE stats: refresh it on
        // the session thread (idle or between chunks).
        debugQueue_.push_back([this] {
            if (!fabric_)
                return;
            sim::RunResult now;
            now.cycle = fabric_->cycle();
            now.status = sim::RunStatus::Idle;
            publishFrame(now);
        });
        wake_.notify_all();
    }
    return frameSerial_;
}

Frame RuntimeSession::pause() {
    {
        std::lock_guard lock(mutex_);
        paused_ = true;
    }
    if (auto* f = liveFabric_.load(); f && inRun_.load())
        f->requestStop();
    return latestFrame();
}

Frame RuntimeSession::resume() {
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
    }
    wake_.notify_all();
    return latestFrame();
}

Frame RuntimeSession::step(uint64_t cycles) {
    if (cycles == 0)
        throw Error(Code::InvalidArgument, "step: cycles must be positive");
    struct Outcome {
        std::optional<Failure> failure;
        Frame frame;
    };
    auto done = std::make_shared<std::promise<Outcome>>();
    auto result = done->get_future();
    {
        std::lock_guard lock(mutex_);
        if (closing_)
            throw Error(Code::Unavailable, "step: the session is closing");
        paused_ = true;
        debugQueue_.push_back([this, cycles, done] {
            if (!fabric_) {
                done->set_value({Failure{Code::FailedPrecondition, "step: call load() first"}, {}});
                return;
            }
            if (isClosing()) {
                done->set_value({Failure{Code::Unavailable, "step: the session is closing"}, {}});
                return;
            }
            // A stop requested for an earlier run may still be pending: it ends the first
            // step early, so step again for the rest (unless close() asked for the stop).
            const uint64_t target = fabric_->cycle() + cycles;
            sim::RunResult r = fabric_->step(cycles);
            if (r.status == sim::RunStatus::Stopped && fabric_->cycle() < target && !isClosing())
                r = fabric_->step(target - fabric_->cycle());
            noteRun(r);
            publishFrame(r);
            if (isClosing() && fabric_->cycle() < target) {
                done->set_value(
                    {Failure{Code::Unavailable, "step: the session is closing (stopped at cycle " +
                                                    std::to_string(fabric_->cycle()) + ")"},
                     {}});
                return;
            }
            done->set_value({std::nullopt, latestFrame()});
        });
    }
    if (auto* f = liveFabric_.load(); f && inRun_.load())
        f->requestStop();
    wake_.notify_all();
    Outcome outcome = result.get();
    if (outcome.failure)
        throw Error(outcome.failure->code, outcome.failure->message);
    return std::move(outcome.frame);
}

void RuntimeSession::setBreakpoints(const std::vector<sim::Breakpoint>& breakpoints) {
    auto done = std::make_shared<std::promise<std::optional<Failure>>>();
    auto result = done->get_future();
    {
        std::lock_guard lock(mutex_);
        if (closing_)
            throw Error(Code::Unavailable, "breakpoints: the session is closing");
        debugQueue_.push_back([this, breakpoints, done] {
            if (isClosing()) {
                done->set_value(Failure{Code::Unavailable, "breakpoints: the session is closing"});
                return;
            }
            if (!fabric_) {
                done->set_value(
                    Failure{Code::FailedPrecondition, "breakpoints: call load() first"});
                return;
            }
            fabric_->clearBreakpoints();
            for (const auto& b : breakpoints)
                fabric_->addBreakpoint(b);
            done->set_value(std::nullopt);
        });
    }
    if (auto* f = liveFabric_.load())
        f->requestStop(); // a running chunk returns, serves the request, goes on
    wake_.notify_all();
    if (const auto failure = result.get())
        throw Error(failure->code, failure->message);
}

} // namespace appliance
