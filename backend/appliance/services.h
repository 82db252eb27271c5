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
// `message` cut to what a status message can carry (fitStatusMessage in services.cpp).
std::string fitStatusMessage(const std::string& message);

// The threads of every handler that must not block a gRPC thread: compiles, DumpCore,
// Frames streams, the Debug calls that wait for a session thread (Step, SetBreakpoints,
// Pause, Resume, WaitStates, Simprint) and Launcher commands, of the server and of each
// job. The appliance owns and joins them instead of detaching them: a detached handler
// could outlive the Core and the services it points to (and compile threads read the
// compiler's function-local static tables, destroyed at exit). Stopping is bounded:
// compiles poll stopping(), each thread may give a stop function (cancel its command,
// end its stream), and Core::stopHandlers closes the sessions the others wait for.
class OwnedThreads {
  public:
    OwnedThreads() = default;
    OwnedThreads(const OwnedThreads&) = delete;
    OwnedThreads& operator=(const OwnedThreads&) = delete;
    ~OwnedThreads() { stopAll(); }

    // Runs body on a new thread; onStop (optional) is called once from requestStop() while
    // body runs, to make it end soon. Returns false (and runs nothing) once stopping.
    // Joins threads that have already ended.
    bool start(std::function<void()> body, std::function<void()> onStop = {});
    // True once requestStop() began: compiles poll it next to their call's own cancel flag.
    bool stopping() const { return stopping_.load(); }
    // Refuses new threads and calls the stop functions of the running ones.
    void requestStop();
    // requestStop(), then waits for every thread.
    void stopAll();
    unsigned running() const; // threads started and not yet joined or ended

  private:
    struct Entry {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> ended;
        std::function<void()> onStop;
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
    // Stopped by stopHandlers: first by Appliance::shutdown (so gRPC's shutdown finds the
    // calls finished) and again, at the latest, by ~Core.
    OwnedThreads handlerThreads;
    // Ends every handler thread: refuses new ones, cancels commands and streams, closes
    // the sessions (a step, a run or a debug request waiting for one ends with an error)
    // and joins the threads.
    void stopHandlers();

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
