#include "backend/appliance/appliance.h"

#include "backend/appliance/error.h"
#include "backend/appliance/services.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <thread>

#include <sys/stat.h>

namespace appliance {
namespace fs = std::filesystem;

// ---- Core -------------------------------------------------------------------------

Core::Core(ApplianceOptions options) : options_(std::move(options)) {
    if (options_.idleTimeoutSeconds == 0)
        return;
    // Checks a few times per timeout, at most every 5 s.
    const auto period = std::chrono::milliseconds(
        std::clamp<uint64_t>(uint64_t(options_.idleTimeoutSeconds) * 250, 100, 5000));
    reaper_ = std::thread([this, period] {
        std::unique_lock lock(reaperMutex_);
        while (!reaperWake_.wait_for(lock, period, [this] { return reaperQuit_; })) {
            lock.unlock();
            reapIdle();
            lock.lock();
        }
    });
}

bool OwnedThreads::start(std::function<void()> body, std::function<void()> onStop) {
    std::lock_guard lock(mutex_);
    if (stopping_.load())
        return false;
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->ended->load()) {
            it->thread.join(); // at most the last instructions of its body are left
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
    auto ended = std::make_shared<std::atomic<bool>>(false);
    entries_.push_back({std::thread([body = std::move(body), ended] {
                            body();
                            ended->store(true);
                        }),
                        ended, std::move(onStop)});
    return true;
}

void OwnedThreads::requestStop() {
    std::vector<std::function<void()>> stops;
    {
        std::lock_guard lock(mutex_);
        if (stopping_.exchange(true))
            return;
        for (const auto& e : entries_)
            if (e.onStop && !e.ended->load())
                stops.push_back(e.onStop);
    }
    for (const auto& stop : stops) // outside the lock: a stop function may take others
        stop();
}

void OwnedThreads::stopAll() {
    requestStop();
    std::list<Entry> joining;
    {
        std::lock_guard lock(mutex_);
        joining.swap(entries_);
    }
    for (auto& e : joining)
        e.thread.join();
}

unsigned OwnedThreads::running() const {
    std::lock_guard lock(mutex_);
    unsigned n = 0;
    for (const auto& e : entries_)
        n += e.ended->load() ? 0 : 1;
    return n;
}

void Core::stopHandlers() {
    handlerThreads.requestStop();
    std::vector<std::shared_ptr<RuntimeSession>> open;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, s] : sessions_)
            open.push_back(s);
    }
    for (const auto& s : open)
        s->close();
    handlerThreads.stopAll();
}

Core::~Core() {
    stopHandlers();
    if (reaper_.joinable()) {
        {
            std::lock_guard lock(reaperMutex_);
            reaperQuit_ = true;
        }
        reaperWake_.notify_all();
        reaper_.join();
    }
    std::lock_guard lock(mutex_);
    sessions_.clear();
    jobs_.clear();
}

void Core::log(const std::string& message) const {
    if (options_.log)
        options_.log(message);
    else
        std::fprintf(stderr, "tessera-appliance: %s\n", message.c_str());
}

namespace {
std::string describe(const Core::ClientInfo& c) {
    std::string out = c.label.empty() ? std::string("unnamed client") : "'" + c.label + "'";
    if (c.pid)
        out += " pid " + std::to_string(c.pid);
    return out;
}
} // namespace

int Core::reapIdle() {
    const auto timeout = std::chrono::seconds(options_.idleTimeoutSeconds);
    std::vector<std::pair<std::string, std::string>> sessions, jobs; // id, description
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, s] : sessions_)
            if (s->idleFor(timeout))
                sessions.emplace_back(id, describe(sessionMeta_[id].client));
        const auto now = std::chrono::steady_clock::now().time_since_epoch();
        for (const auto& [id, j] : jobs_)
            if (j->commandsRunning.load() == 0 &&
                now - std::chrono::steady_clock::duration(j->lastUse.load()) >= timeout)
                jobs.emplace_back(id, j->cmaddr);
    }
    int closed = 0;
    for (const auto& [id, who] : sessions) {
        try {
            closeSession(id);
            log("closed session " + id + " of " + who + ": idle for more than " +
                std::to_string(options_.idleTimeoutSeconds) + " s");
            ++closed;
        } catch (const Error&) {
            // closed by its client meanwhile
        }
    }
    for (const auto& [id, addr] : jobs) {
        try {
            closeJob(id);
            log("closed job " + id + " (" + addr + "): idle for more than " +
                std::to_string(options_.idleTimeoutSeconds) + " s");
            ++closed;
        } catch (const Error&) {
        }
    }
    return closed;
}

void Core::closeAbandonedSession(const std::string& id, const std::string& why) {
    std::string who;
    {
        std::lock_guard lock(mutex_);
        auto it = sessionMeta_.find(id);
        if (it == sessionMeta_.end())
            return; // closed already
        who = describe(it->second.client);
    }
    try {
        closeSession(id);
        log("closed session " + id + " of " + who + ": " + why);
    } catch (const Error&) {
    }
}

std::vector<Core::SessionListing> Core::listSessions() const {
    std::lock_guard lock(mutex_);
    std::vector<SessionListing> out;
    for (const auto& [id, s] : sessions_) {
        const auto& meta = sessionMeta_.at(id);
        out.push_back({id, meta.client, meta.openedUnixMs, s});
    }
    std::sort(out.begin(), out.end(), [](const SessionListing& a, const SessionListing& b) {
        return a.openedUnixMs != b.openedUnixMs
                   ? a.openedUnixMs < b.openedUnixMs
                   : std::stoull(a.id.substr(1)) < std::stoull(b.id.substr(1));
    });
    return out;
}

Core::Job::~Job() {
    if (server)
        server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

void Core::authorize(const grpc::CallbackServerContext& ctx) const {
    if (options_.token.empty())
        return;
    const auto& md = ctx.client_metadata();
    auto it = md.find(kAuthorizationKey);
    if (it == md.end())
        throw Error(Code::Unauthenticated,
                    "this appliance requires a token (authorization metadata missing)");
    std::string given(it->second.data(), it->second.size());
    if (given != "Bearer " + options_.token)
        throw Error(Code::Unauthenticated, "the token does not match this appliance's");
}

std::string Core::openSession(std::shared_ptr<const sim::FabricProgram> program, unsigned threads,
                              bool trace, ClientInfo client) {
    std::lock_guard lock(mutex_);
    if (sessions_.size() >= options_.maxSessions)
        throw Error(Code::ResourceExhausted,
                    "open: this appliance already hosts " + std::to_string(sessions_.size()) +
                        " sessions (limit " + std::to_string(options_.maxSessions) + ")");
    if (threads > 64)
        throw Error(Code::InvalidArgument,
                    "simfab_numthreads " + std::to_string(threads) + " exceeds 64");
    auto workspace = std::make_unique<Workspace>(options_.workRoot / "sessions", "session");
    SessionOptions o;
    o.workspace = workspace->root();
    o.threads =
        sessionSimThreads(threads, options_.simThreads, std::thread::hardware_concurrency());
    o.trace = trace;
    o.hostRecordLimitBytes = options_.hostRecordLimitBytes;
    o.traceLogLimitBytes = options_.traceLogLimitBytes;
    o.simprintWindowBytes = options_.simprintWindowBytes;
    o.simprintHoldTimeout = std::chrono::milliseconds(options_.simprintHoldTimeoutMs);
    const std::string id = "s" + std::to_string(nextId_++);
    sessions_[id] = std::make_shared<RuntimeSession>(std::move(program), o);
    sessionWorkspaces_[id] = std::move(workspace);
    sessionMeta_[id] = {std::move(client),
                        uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count())};
    return id;
}

std::shared_ptr<RuntimeSession> Core::session(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id);
    if (it == sessions_.end())
        throw Error(Code::NotFound, "session_id '" + id + "' is not an open session");
    it->second->touch();
    return it->second;
}

bool Core::hasSession(const std::string& id) const {
    std::lock_guard lock(mutex_);
    return sessions_.count(id) != 0;
}

void Core::closeSession(const std::string& id) {
    std::shared_ptr<RuntimeSession> doomed;
    std::unique_ptr<Workspace> workspace;
    {
        std::lock_guard lock(mutex_);
        auto it = sessions_.find(id);
        if (it == sessions_.end())
            throw Error(Code::NotFound, "session_id '" + id + "' is not an open session");
        doomed = std::move(it->second);
        sessions_.erase(it);
        workspace = std::move(sessionWorkspaces_[id]);
        sessionWorkspaces_.erase(id);
        sessionMeta_.erase(id);
    }
    // Ends the run in progress and the frame streams of attached debuggers (each sends the
    // final frame first); the last of them to let go joins the session thread.
    doomed->close();
    doomed.reset(); // joins the session thread outside the lock, unless a stream still ends
}

std::shared_ptr<Core::Job> Core::createJob() {
    auto job = std::make_shared<Job>();
    {
        std::lock_guard lock(mutex_);
        if (jobs_.size() >= options_.maxJobs)
            throw Error(Code::ResourceExhausted,
                        "this appliance already runs " + std::to_string(jobs_.size()) +
                            " jobs (limit " + std::to_string(options_.maxJobs) + ")");
        job->id = "j" + std::to_string(nextId_++);
        job->lastUse = std::chrono::steady_clock::now().time_since_epoch().count();
        jobs_[job->id] = job;
    }
    job->workspace = std::make_unique<Workspace>(options_.workRoot / "jobs", "job");
    if (attachJobServer)
        attachJobServer(*job);
    return job;
}

std::shared_ptr<Core::Job> Core::job(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end())
        throw Error(Code::NotFound, "job_id '" + id + "' is not an open job");
    it->second->lastUse = std::chrono::steady_clock::now().time_since_epoch().count();
    return it->second;
}

void Core::closeJob(const std::string& id) {
    std::shared_ptr<Job> doomed;
    {
        std::lock_guard lock(mutex_);
        auto it = jobs_.find(id);
        if (it == jobs_.end())
            throw Error(Code::NotFound, "job_id '" + id + "' is not an open job");
        doomed = std::move(it->second);
        jobs_.erase(it);
    }
}

// ---- Appliance ----------------------------------------------------------------------

unsigned sessionSimThreads(unsigned requested, unsigned applianceDefault, unsigned cores) {
    return std::clamp(requested ? requested : applianceDefault, 1u, std::max(1u, cores));
}

std::string listenAddressProblem(const std::string& address, bool haveToken) {
    if (address.rfind("unix:", 0) == 0) {
        if (address.size() <= 5)
            return "unix: needs a socket path";
        return {};
    }
    auto colon = address.rfind(':');
    if (colon == std::string::npos || colon + 1 == address.size())
        return "'" + address + "' is neither unix:PATH nor HOST:PORT";
    std::string host = address.substr(0, colon);
    const bool loopback = host.rfind("127.", 0) == 0 || host == "localhost" || host == "[::1]";
    if (!loopback && !haveToken)
        return "refusing to listen on " + address +
               " without a token: pass --token (or listen on unix:PATH or 127.0.0.1)";
    return {};
}

struct Appliance::Impl {
    std::unique_ptr<Core> core;
    std::vector<std::unique_ptr<grpc::Service>> services;
    std::unique_ptr<grpc::Server> server;
    std::string address;
    fs::path ownedWorkRoot; // removed at shutdown when we created it
    std::mutex mutex;
    bool down = false;

    static std::unique_ptr<grpc::Server>
    build(std::vector<std::unique_ptr<grpc::Service>>& services, const ApplianceOptions& options,
          const std::string& address) {
        grpc::ServerBuilder builder;
        if (!address.empty())
            builder.AddListeningPort(address, grpc::InsecureServerCredentials());
        const int limit = int(std::min<uint64_t>(options.maxUploadBytes + (1u << 20), INT32_MAX));
        builder.SetMaxReceiveMessageSize(limit);
        builder.SetMaxSendMessageSize(INT32_MAX);
        for (auto& s : services)
            builder.RegisterService(s.get());
        return builder.BuildAndStart();
    }
};

namespace {

fs::path freshTempRoot() {
    const char* tmp = std::getenv("TMPDIR");
    fs::path base = tmp && *tmp ? tmp : "/tmp";
    std::random_device rd;
    for (int i = 0; i < 16; ++i) {
        fs::path p = base / ("tessera-appliance-" + std::to_string(rd()));
        if (::mkdir(p.c_str(), 0700) == 0)
            return p;
    }
    throw std::runtime_error("cannot create a work directory under " + base.string());
}

// $TESSERA_SIMPRINT_WINDOW_BYTES, or `fallback` when unset. A malformed value stops the
// start: a test that meant a small window must not run with the default one unnoticed.
size_t simprintWindowBytes(size_t fallback) {
    const char* text = std::getenv("TESSERA_SIMPRINT_WINDOW_BYTES");
    if (!text || !*text)
        return fallback;
    char* end = nullptr;
    errno = 0;
    const unsigned long long bytes = std::strtoull(text, &end, 10);
    if (*end || errno || bytes < 1024 || bytes > SIZE_MAX || *text == '-')
        throw std::runtime_error(std::string("TESSERA_SIMPRINT_WINDOW_BYTES='") + text +
                                 "': expected a number of bytes, at least 1024");
    return size_t(bytes);
}

std::unique_ptr<Appliance::Impl> makeImpl(ApplianceOptions options, const std::string& address) {
    options.simprintWindowBytes = simprintWindowBytes(options.simprintWindowBytes);
    auto impl = std::make_unique<Appliance::Impl>();
    if (options.workRoot.empty()) {
        options.workRoot = freshTempRoot();
        impl->ownedWorkRoot = options.workRoot;
    }
    impl->core = std::make_unique<Core>(options);
    impl->services = makeServices(*impl->core);
    Core* core = impl->core.get();
    core->attachJobServer = [core](Core::Job& job) {
        // Each job gets its own simulated system address: a unix socket in its workspace.
        const auto socket = job.workspace->root() / "cm.sock";
        job.cmaddr = "unix:" + socket.string();
        job.services = makeServices(*core);
        job.server = Appliance::Impl::build(job.services, core->options(), job.cmaddr);
        if (!job.server)
            throw Error(Code::Internal, "cannot listen on " + job.cmaddr);
        ::chmod(socket.c_str(), 0600);
    };
    const mode_t oldMask = ::umask(0077); // the unix socket is created 0600
    impl->server = Appliance::Impl::build(impl->services, options, address);
    ::umask(oldMask);
    if (!impl->server)
        throw std::runtime_error("cannot listen on " +
                                 (address.empty() ? std::string("(in-process)") : address));
    if (address.rfind("unix:", 0) == 0)
        ::chmod(address.substr(5).c_str(), 0600);
    impl->address = address;
    return impl;
}

} // namespace

Appliance::Appliance(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Appliance::~Appliance() {
    shutdown();
}

std::unique_ptr<Appliance> Appliance::startEmbedded(ApplianceOptions options) {
    return std::unique_ptr<Appliance>(new Appliance(makeImpl(std::move(options), {})));
}

std::unique_ptr<Appliance> Appliance::startListening(ApplianceOptions options,
                                                     const std::string& address) {
    if (auto problem = listenAddressProblem(address, !options.token.empty()); !problem.empty())
        throw std::runtime_error(problem);
    return std::unique_ptr<Appliance>(new Appliance(makeImpl(std::move(options), address)));
}

std::shared_ptr<grpc::Channel> Appliance::inProcessChannel() {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    args.SetMaxSendMessageSize(-1);
    return impl_->server->InProcessChannel(args);
}

const std::string& Appliance::address() const {
    return impl_->address;
}

const fs::path& Appliance::workRoot() const {
    return impl_->core->options().workRoot;
}

void Appliance::wait() {
    impl_->server->Wait();
}

void Appliance::shutdown() {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->down)
            return;
        impl_->down = true;
    }
    // Handler threads first (compiles, streams, commands, debug calls): they must end
    // before the Core and the services they use (and compiles before the compiler's
    // statics), and each answers its call (UNAVAILABLE) before gRPC's shutdown cancels
    // what is left.
    impl_->core->stopHandlers();
    impl_->server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    impl_->core.reset();
    if (!impl_->ownedWorkRoot.empty()) {
        std::error_code ec;
        fs::remove_all(impl_->ownedWorkRoot, ec);
    }
}

} // namespace appliance
