// RuntimeSession::withFabric: read-only access to the fabric for the Debug service's
// analysis requests (wait states, simprint lines) and core dumps, served on the session
// thread like the other debug requests so they work while a run is in progress.
#include "backend/appliance/error.h"
#include "backend/appliance/runtime_session.h"

#include <fstream>
#include <future>
#include <optional>
#include <sstream>

namespace appliance {

void RuntimeSession::withFabric(const std::function<void(const sim::Fabric&)>& fn) {
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
            std::ifstream in(path, std::ios::binary);
            std::ostringstream data;
            data << in.rdbuf();
            bytes = std::move(data).str();
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
