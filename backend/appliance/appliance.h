// The appliance: Version, Compile, Launcher, Runtime and Debug services over gRPC.
//
// Embedded (the default for the IDE, C++ hosts and tests): no listening port; talk to
// it through inProcessChannel(). Daemon (tessera-appliance --listen): a unix socket
// (mode 0600) or HOST:PORT; TCP off loopback requires a token. One process hosts many
// jobs and sessions. This header keeps grpcpp out of its includers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace appliance {

inline constexpr uint32_t kProtocolVersion = 1;
inline constexpr const char* kServerVersion = "tessera-appliance 0.1.0";
// Metadata key carrying "Bearer <token>".
inline constexpr const char* kAuthorizationKey = "authorization";

struct ApplianceOptions {
    std::filesystem::path workRoot; // job and session workspaces; empty = a fresh temp dir
    std::string token;              // when set, every call must carry it
    uint64_t maxUploadBytes = 1ull << 30;
    unsigned maxJobs = 16;
    unsigned maxSessions = 32;
    unsigned commandTimeoutSeconds = 900;
    std::filesystem::path toolsBinDir; // put first on PATH for launcher commands
    // Simulator threads for a session whose client asks for none (simfab_numthreads
    // unset): the SDK's default of 5. Every session gets at most one per core, since more
    // only wait for each other; small fabrics step on one thread whatever the number.
    unsigned simThreads = 5;
    // Sessions and jobs no client used for this long are closed (0 = never): a client
    // that disconnected without closing them, or forgot them. A session counts as used
    // while a host command runs or a Frames stream watches it; a job while a command runs.
    unsigned idleTimeoutSeconds = 0;
    // Per session: the host commands' data kept for Debug.Trace (SessionOptions).
    size_t hostRecordLimitBytes = size_t(64) << 20;
    uint64_t traceLogLimitBytes = uint64_t(256) << 20; // Debug.Trace's sim.log
    // Per session: the newest simprint lines kept in memory for Debug.Simprint (clients
    // stream sim.log from them). $TESSERA_SIMPRINT_WINDOW_BYTES, when set, overrides it
    // at start (tests use a small window; at least 1024).
    size_t simprintWindowBytes = size_t(64) << 20;
    // How long a run waits for a client streaming sim.log (Debug.Simprint, follow) to fetch
    // lines before they leave the window (SessionOptions::simprintHoldTimeout).
    unsigned simprintHoldTimeoutMs = 10'000;
    // Where the appliance says what it did on its own (reaping); empty = stderr.
    std::function<void(const std::string&)> log;
};

class Appliance {
  public:
    static std::unique_ptr<Appliance> startEmbedded(ApplianceOptions options);
    // address: "unix:/path" or "HOST:PORT". Throws std::runtime_error when it cannot
    // listen or when the address is unsafe (TCP off loopback without a token).
    static std::unique_ptr<Appliance> startListening(ApplianceOptions options,
                                                     const std::string& address);
    ~Appliance();
    Appliance(const Appliance&) = delete;
    Appliance& operator=(const Appliance&) = delete;

    std::shared_ptr<grpc::Channel> inProcessChannel();
    const std::string& address() const; // empty for embedded
    const std::filesystem::path& workRoot() const;
    void wait();     // until shutdown()
    void shutdown(); // thread-safe

    struct Impl;

  private:
    explicit Appliance(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The simulator threads a session gets: the client's simfab_numthreads, or the appliance's
// default when it asks for none (0), at most one per core of `cores`.
unsigned sessionSimThreads(unsigned requested, unsigned applianceDefault, unsigned cores);

// Refuses an address that would expose the appliance: returns why, or empty.
std::string listenAddressProblem(const std::string& address, bool haveToken);

} // namespace appliance
