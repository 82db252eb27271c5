// Shared state behind the services (sessions, jobs, options) and the factory that
// builds the service objects. Included by services.cpp and server.cpp only.
#pragma once

#include "backend/appliance/appliance.h"
#include "backend/appliance/runtime_session.h"
#include "backend/appliance/workspace.h"

#include "tessera/appliance.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace appliance {

class Error;
grpc::Status toStatus(const Error& e);

// The compile threads of every Compile call (the server's and each job's). They read the
// compiler's function-local static tables, so they must end before those are destroyed at
// exit: the appliance owns and joins them instead of detaching them. Cancelling makes the
// compiler return within about 50 ms, so stopping is bounded.
class CompileThreads {
  public:
    CompileThreads() = default;
    CompileThreads(const CompileThreads&) = delete;
    CompileThreads& operator=(const CompileThreads&) = delete;
    ~CompileThreads() { stopAll(); }

    // Runs body on a new thread; body should stop early once stopping() is true. Returns
    // false (and runs nothing) after stopAll(). Joins threads that have already ended.
    bool start(std::function<void()> body);
    // True once stopAll() began: compiles poll it next to their call's own cancel flag.
    bool stopping() const { return stopping_.load(); }
    // Refuses new compiles, makes running ones stop and waits for their threads.
    void stopAll();
    unsigned running() const; // threads started and not yet joined or ended

  private:
    struct Entry {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> ended;
    };
    mutable std::mutex mutex_;
    std::list<Entry> entries_;
    std::atomic<bool> stopping_{false};
};

class Core {
  public:
    explicit Core(ApplianceOptions options);
    ~Core();
    const ApplianceOptions& options() const { return options_; }

    // Throws Error(Unauthenticated) when a token is configured and the call lacks it.
    void authorize(const grpc::CallbackServerContext& ctx) const;

    struct ClientInfo {
        std::string label; // OpenRequest.client_label
        uint32_t pid = 0;
        std::string peer; // gRPC peer address
    };
    std::string openSession(std::shared_ptr<const sim::FabricProgram> program, unsigned threads,
                            bool trace, ClientInfo client);
    struct SessionListing {
        std::string id;
        ClientInfo client;
        uint64_t openedUnixMs = 0;
        std::shared_ptr<RuntimeSession> session;
    };
    std::vector<SessionListing> listSessions() const; // oldest first
    // Closes the session because its client went away (Runtime.Hold ended); logs it.
    void closeAbandonedSession(const std::string& id, const std::string& why);
    std::shared_ptr<RuntimeSession> session(const std::string& id) const;
    bool hasSession(const std::string& id) const;
    void closeSession(const std::string& id);

    struct Job {
        std::string id;
        std::unique_ptr<Workspace> workspace;
        std::string cmaddr;
        std::unique_ptr<grpc::Server> server; // this job's own address (unix socket)
        std::vector<std::unique_ptr<grpc::Service>> services;
        std::atomic<int> commandsRunning{0};
        std::atomic<int64_t> lastUse{0}; // steady_clock ticks
        ~Job();
    };
    std::shared_ptr<Job> createJob();
    std::shared_ptr<Job> job(const std::string& id) const; // counts as use of the job
    void closeJob(const std::string& id);

    // Compiles in progress (limited by maxJobs); shared with the compile threads.
    std::shared_ptr<std::atomic<unsigned>> activeCompiles =
        std::make_shared<std::atomic<unsigned>>(0);
    // Stopped first by Appliance::shutdown (so gRPC's shutdown finds the calls finished)
    // and again, at the latest, by ~Core.
    CompileThreads compileThreads;

    // Set by the server: gives each job its own listening address.
    std::function<void(Job&)> attachJobServer;

    // Closes sessions and jobs idle past options().idleTimeoutSeconds; returns how many.
    // Runs on its own thread every few seconds when the timeout is set.
    int reapIdle();
    void log(const std::string& message) const;

  private:
    ApplianceOptions options_;
    std::unique_ptr<Workspace> sessionsRoot_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<RuntimeSession>> sessions_;
    std::map<std::string, std::unique_ptr<Workspace>> sessionWorkspaces_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    struct SessionMeta {
        ClientInfo client;
        uint64_t openedUnixMs = 0;
    };
    std::map<std::string, SessionMeta> sessionMeta_;
    uint64_t nextId_ = 1;

    std::mutex reaperMutex_;
    std::condition_variable reaperWake_;
    bool reaperQuit_ = false;
    std::thread reaper_;
};

std::vector<std::unique_ptr<grpc::Service>> makeServices(Core& core);

} // namespace appliance
