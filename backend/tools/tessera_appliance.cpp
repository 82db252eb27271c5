// tessera-appliance: the appliance services as a daemon.
//   tessera-appliance --listen unix:PATH | HOST:PORT [--token T | --token-file F]
//                     [--work-dir D] [--max-jobs N] [--max-sessions N] [--threads N]
//                     [--idle-timeout SECONDS] [--exit-on-stdin-eof]
#include "backend/appliance/appliance.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <malloc.h>
#include <poll.h>
#include <unistd.h>

namespace {

int usage(const std::string& problem) {
    std::cerr
        << "tessera-appliance: " << problem << "\n"
        << "usage: tessera-appliance --listen unix:PATH|HOST:PORT [--token T|--token-file F]\n"
           "       [--work-dir D] [--max-jobs N] [--max-sessions N] [--threads N]\n"
           "       [--tools-bin DIR] [--idle-timeout SECONDS] [--exit-on-stdin-eof]\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    appliance::ApplianceOptions options;
    std::string listen;
    bool exitOnStdinEof = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--listen")
                listen = value();
            else if (a == "--token")
                options.token = value();
            else if (a == "--token-file") {
                std::ifstream in(value());
                std::getline(in, options.token);
                if (options.token.empty())
                    return usage("--token-file: empty or unreadable");
            } else if (a == "--work-dir")
                options.workRoot = value();
            else if (a == "--max-jobs")
                options.maxJobs = unsigned(std::stoul(value()));
            else if (a == "--max-sessions")
                options.maxSessions = unsigned(std::stoul(value()));
            else if (a == "--threads")
                options.simThreads = unsigned(std::stoul(value()));
            else if (a == "--tools-bin")
                options.toolsBinDir = value();
            else if (a == "--idle-timeout") {
                // Sessions and jobs unused this long are closed and logged; 0 = never.
                const std::string v = value();
                if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos ||
                    v.size() > 9)
                    return usage("--idle-timeout: '" + v + "' is not a number of seconds");
                options.idleTimeoutSeconds = unsigned(std::stoul(v));
            } else if (a == "--exit-on-stdin-eof")
                exitOnStdinEof = true;
            else if (a == "--help" || a == "-h")
                return usage("runs the Tessera appliance services");
            else
                return usage("unknown argument '" + a + "'");
        } catch (const std::exception& e) {
            return usage(e.what());
        }
    }
    if (listen.empty())
        return usage("--listen is required");
    if (options.toolsBinDir.empty()) {
        // The tools live beside this executable (build/<preset>/bin).
        char self[4096];
        ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0)
            options.toolsBinDir = std::filesystem::path(std::string(self, size_t(n))).parent_path();
    }

    // memcpy moves buffers of many megabytes per call: keep freed ones in the heap for
    // reuse instead of returning them to the kernel (each fresh mapping costs a page
    // fault per 4 KiB).
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr); // before any thread starts

    std::unique_ptr<appliance::Appliance> server;
    try {
        server = appliance::Appliance::startListening(options, listen);
    } catch (const std::exception& e) {
        std::cerr << "tessera-appliance: " << e.what() << "\n";
        return 1;
    }
    std::cout << "tessera-appliance listening on " << listen << std::endl;

    // The signal and stdin threads are detached and may wake after main has destroyed the
    // server (a SIGTERM and stdin EOF arrive together when the parent exits): they reach
    // it only through this guard, which main clears first (ASan: heap-use-after-free).
    static std::mutex liveServerMutex;
    static appliance::Appliance* liveServer = nullptr;
    liveServer = server.get();
    auto requestShutdown = [] {
        std::lock_guard lock(liveServerMutex);
        if (liveServer)
            liveServer->shutdown();
    };
    std::thread signalWaiter([signals, requestShutdown] {
        int sig = 0;
        sigwait(&signals, &sig);
        requestShutdown();
    });
    signalWaiter.detach();
    if (exitOnStdinEof) {
        // The parent holds our stdin open; when it exits, so do we.
        std::thread([requestShutdown] {
            char buf[256];
            while (::read(0, buf, sizeof buf) > 0) {
            }
            requestShutdown();
        }).detach();
    }
    server->wait();
    {
        std::lock_guard lock(liveServerMutex);
        liveServer = nullptr;
    }
    server->shutdown();
    // Everything is done: calls answered, sessions closed, the work root removed. Destroying
    // the gRPC server now runs grpc_shutdown, which joins gRPC's executor thread and so can
    // wait out its ~10 s poll (1 run in 10 of two parallel cs_python runs took 10.7 s
    // instead of 0.8 s); the process exits here instead, as the OS reclaims the rest.
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(0);
}
