// Shared state behind the services (sessions, jobs, options) and the factory that
// builds the service objects. Included by services.cpp and server.cpp only.
#pragma once

#include "backend/appliance/appliance.h"
#include "backend/appliance/runtime_session.h"
#include "backend/appliance/workspace.h"

#include "tessera/appliance.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace appliance {

class Error;
grpc::Status toStatus(const Error& e);

class Core {
  public:
    explicit Core(ApplianceOptions options);
    ~Core();
    const ApplianceOptions& options() const { return options_; }

    // Throws Error(Unauthenticated) when a token is configured and the call lacks it.
    void authorize(const grpc::CallbackServerContext& ctx) const;

    std::string openSession(std::shared_ptr<const sim::FabricProgram> program, unsigned threads,
                            bool trace);
    std::shared_ptr<RuntimeSession> session(const std::string& id) const;
    bool hasSession(const std::string& id) const;
    void closeSession(const std::string& id);

    struct Job {
        std::string id;
        std::unique_ptr<Workspace> workspace;
        std::string cmaddr;
        std::unique_ptr<grpc::Server> server; // this job's own address (unix socket)
        std::vector<std::unique_ptr<grpc::Service>> services;
        ~Job();
    };
    std::shared_ptr<Job> createJob();
    std::shared_ptr<Job> job(const std::string& id) const;
    void closeJob(const std::string& id);

    // Compiles in progress (limited by maxJobs); shared with the compile threads.
    std::shared_ptr<std::atomic<unsigned>> activeCompiles =
        std::make_shared<std::atomic<unsigned>>(0);

    // Set by the server: gives each job its own listening address.
    std::function<void(Job&)> attachJobServer;

  private:
    ApplianceOptions options_;
    std::unique_ptr<Workspace> sessionsRoot_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<RuntimeSession>> sessions_;
    std::map<std::string, std::unique_ptr<Workspace>> sessionWorkspaces_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    uint64_t nextId_ = 1;
};

std::vector<std::unique_ptr<grpc::Service>> makeServices(Core& core);

} // namespace appliance
