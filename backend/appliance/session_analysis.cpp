// RuntimeSession::withFabric: read-only access to the fabric for the Debug service's
// analysis requests (wait states, simprint lines) and core dumps, served on the session
// thread like the other debug requests so they work while a run is in progress; and
// simprint(), which also moves a following reader's hold on the simprint window.
#include "backend/appliance/error.h"
#include "backend/appliance/runtime_session.h"

#include <algorithm>
#include <fstream>
#include <future>
#include <optional>

namespace appliance {

void RuntimeSession::withFabric(const std::function<void(const sim::Fabric&)>& fn) {
    onSessionThread(fn);
}

SimprintPage RuntimeSession::simprint(uint64_t first, size_t maxLines, size_t maxBytes,
                                      bool simLogForm, bool follow) {
    SimprintPage page;
    onSessionThread([&](sim::Fabric& fabric) {
        page.totalLines = fabric.simprintLineCount();
        page.windowBytes = options_.simprintWindowBytes;
        page.firstLine = std::clamp<uint64_t>(first, fabric.simprintFirstLine(), page.totalLines);
        page.lines = fabric.simprintLinesFrom(size_t(page.firstLine), maxLines, maxBytes);
        if (follow)
            fabric.holdSimprintFrom(size_t(page.firstLine + page.lines.size()));
    });
    if (simLogForm)
        for (std::string& line : page.lines)
            line = sim::Fabric::simLogLine(line);
    return page;
}

void RuntimeSession::onSessionThread(const std::function<void(sim::Fabric&)>& fn) {
    auto done = std::make_shared<std::promise<std::optional<Failure>>>();
    auto result = done->get_future();
    {
        std::lock_guard lock(mutex_);
        if (closing_)
            throw Error(Code::Unavailable, "the session is closing");
        debugQueue_.push_back([this, fn, done] {
            if (isClosing()) {
                done->set_value(Failure{Code::Unavailable, "the session is closing"});
                return;
            }
            if (!fabric_) {
                done->set_value(Failure{Code::FailedPrecondition,
                                        "the program is not loaded: call load() first"});
                return;
            }
            try {
                fn(*fabric_);
                done->set_value(std::nullopt);
            } catch (const Error& e) {
                done->set_value(Failure{e.code(), e.what()});
            } catch (const std::exception& e) {
                done->set_value(Failure{Code::Internal, e.what()});
            }
        });
    }
    if (auto* f = liveFabric_.load(); f && inRun_.load())
        f->requestStop(); // a running chunk returns, serves the request, goes on
    wake_.notify_all();
    if (const auto failure = result.get())
        throw Error(failure->code, failure->message);
}

std::string RuntimeSession::dumpCore() {
    std::string bytes;
    try {
        withFabric([&](const sim::Fabric& fabric) {
            // On the session thread, so two dumps never share the file.
            const auto path = options_.workspace / "corefile.cs1";
            fabric.dumpCore(path.string());
            // Read at its size: a stream's doubling buffer held up to twice a dump that
            // carries a full simprint window.
            std::ifstream in(path, std::ios::binary);
            bytes.resize(size_t(std::filesystem::file_size(path)));
            if (!in.read(bytes.data(), std::streamsize(bytes.size())))
                throw Error(Code::Internal, "cannot read the core dump " + path.string());
            in.close();
            std::filesystem::remove(path);
        });
    } catch (const Error& e) {
        throw Error(e.code(), std::string("dump_core: ") + e.what());
    } catch (const std::exception& e) {
        throw Error(Code::Internal, std::string("dump_core: ") + e.what());
    }
    return bytes;
}

} // namespace appliance
