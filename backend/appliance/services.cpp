// gRPC service implementations (callback API). The only appliance file that includes
// grpcpp besides server.cpp: the logic lives in RuntimeSession, Workspace and
// runShellCommand; this file moves messages and maps appliance::Error to statuses.
#include "backend/appliance/services.h"

#include "backend/appliance/command_runner.h"
#include "backend/appliance/error.h"
#include "backend/appliance/shared_memory.h"
#include "backend/artifact/artifact.h"
#include "backend/artifact/cslc_args.h"
#include "backend/csl/compiler.h"
#include "backend/csl/layout_spec.h"

#include <algorithm>
#include <grpcpp/grpcpp.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace appliance {
namespace pb = tessera::appliance;

grpc::Status toStatus(const Error& e) {
    grpc::StatusCode code = grpc::StatusCode::INTERNAL;
    switch (e.code()) {
    case Code::InvalidArgument:
        code = grpc::StatusCode::INVALID_ARGUMENT;
        break;
    case Code::NotFound:
        code = grpc::StatusCode::NOT_FOUND;
        break;
    case Code::FailedPrecondition:
        code = grpc::StatusCode::FAILED_PRECONDITION;
        break;
    case Code::OutOfRange:
        code = grpc::StatusCode::OUT_OF_RANGE;
        break;
    case Code::ResourceExhausted:
        code = grpc::StatusCode::RESOURCE_EXHAUSTED;
        break;
    case Code::PermissionDenied:
        code = grpc::StatusCode::PERMISSION_DENIED;
        break;
    case Code::Unauthenticated:
        code = grpc::StatusCode::UNAUTHENTICATED;
        break;
    case Code::Aborted:
        code = grpc::StatusCode::ABORTED;
        break;
    case Code::Cancelled:
        code = grpc::StatusCode::CANCELLED;
        break;
    case Code::DeadlineExceeded:
        code = grpc::StatusCode::DEADLINE_EXCEEDED;
        break;
    case Code::Unavailable:
        code = grpc::StatusCode::UNAVAILABLE;
        break;
    case Code::Internal:
        code = grpc::StatusCode::INTERNAL;
        break;
    }
    return grpc::Status(code, fitStatusMessage(e.what()));
}

// Status messages travel in metadata, which peers cap (8 KiB by default): a long hang
// report keeps the whole lines that fit (its headline, the PEs listed first and their
// "... and N more PEs") and says how much is left out.
std::string fitStatusMessage(const std::string& message) {
    constexpr size_t kMaxMessage = 6000;
    if (message.size() <= kMaxMessage)
        return message;
    const size_t lastBreak = message.rfind('\n', kMaxMessage - 80);
    const size_t cut =
        lastBreak == std::string::npos || lastBreak == 0 ? kMaxMessage - 80 : lastBreak;
    const size_t omittedLines =
        size_t(std::count(message.begin() + long(cut), message.end(), '\n')) +
        (message.back() == '\n' ? 0 : 1);
    return message.substr(0, cut) + "\n  ... (" + std::to_string(omittedLines) + " more lines, " +
           std::to_string(message.size() - cut) + " characters not shown)";
}

namespace {

// What a handler answers when the appliance shuts down under it.
Error shuttingDown(const std::string& call) {
    return Error(Code::Unavailable, call + ": the appliance is shutting down");
}

// Set by a reactor's OnDone. The handler thread waits for it after finishing its call, so
// a shutdown, which joins the threads before it shuts the gRPC server down, finds the call
// complete and its status delivered (not cut off as "Transport closed"). Once the
// appliance is stopping the wait gives up after 500 ms: a client that stopped reading.
class CallDone {
  public:
    void set() {
        std::lock_guard lock(mutex_);
        done_ = true;
        changed_.notify_all();
    }
    void wait(const OwnedThreads& threads) {
        using Clock = std::chrono::steady_clock;
        std::unique_lock lock(mutex_);
        std::optional<Clock::time_point> giveUpAt;
        while (!done_) {
            changed_.wait_for(lock, std::chrono::milliseconds(50));
            if (threads.stopping() && !giveUpAt)
                giveUpAt = Clock::now() + std::chrono::milliseconds(500);
            if (giveUpAt && Clock::now() >= *giveUpAt)
                return;
        }
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool done_ = false;
};

// A large result (a core file, a trace log) streamed in 1 MiB pieces, at least one so an
// empty one still arrives; first() is the first message, for what rides on it (a header).
// `what` names the call in the status of a client that went away.
template <typename Chunk> class ChunkedWriter : public grpc::ServerWriteReactor<Chunk> {
  public:
    explicit ChunkedWriter(std::string what) : what_(std::move(what)) {}
    std::shared_ptr<CallDone> done() const { return done_; }
    Chunk& first() { return chunk_; }
    void start(std::string data) {
        data_ = std::move(data);
        next();
    }
    void fail(const grpc::Status& status) { this->Finish(status); }
    void OnWriteDone(bool ok) override {
        if (!ok) {
            this->Finish(grpc::Status(grpc::StatusCode::CANCELLED, what_ + ": client went away"));
            return;
        }
        chunk_.Clear();
        if (offset_ >= data_.size()) {
            this->Finish(grpc::Status::OK);
            return;
        }
        next();
    }
    void OnDone() override {
        done_->set();
        delete this;
    }

  private:
    void next() {
        const size_t n = std::min<size_t>(data_.size() - offset_, 1u << 20);
        chunk_.set_data(data_.substr(offset_, n));
        offset_ += n;
        this->StartWrite(&chunk_);
    }
    const std::string what_;
    std::string data_;
    size_t offset_ = 0;
    Chunk chunk_;
    std::shared_ptr<CallDone> done_ = std::make_shared<CallDone>();
};

// Runs body and turns what it throws into a status.
template <typename F> grpc::Status guarded(F&& body) {
    try {
        body();
        return grpc::Status::OK;
    } catch (const Error& e) {
        return toStatus(e);
    } catch (const artifact::ArtifactError& e) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, e.what());
    } catch (const std::exception& e) {
        return grpc::Status(grpc::StatusCode::INTERNAL, e.what());
    }
}

// Streams what `produce(session, firstMessage)` returns (setting what rides on the first
// message) from a handler thread: producing may wait for the session thread, so never on a
// gRPC thread; the appliance joins the thread, and a shutdown closes the session, so the
// wait ends. `what` names the call in errors.
template <typename Chunk, typename Produce>
grpc::ServerWriteReactor<Chunk>* streamFromSession(Core& core, grpc::CallbackServerContext* ctx,
                                                   const std::string& sessionId,
                                                   const std::string& what, Produce produce) {
    auto* writer = new ChunkedWriter<Chunk>(what); // owned by gRPC until OnDone
    std::shared_ptr<RuntimeSession> session;
    const auto status = guarded([&] {
        core.authorize(*ctx);
        session = core.session(sessionId);
    });
    if (!status.ok()) {
        writer->fail(status);
        return writer;
    }
    auto* threads = &core.handlerThreads;
    const bool started = threads->start([session, writer, threads, produce, done = writer->done()] {
        std::string data;
        const auto st = guarded([&] { data = produce(*session, writer->first()); });
        if (st.ok())
            writer->start(std::move(data));
        else
            writer->fail(st);
        done->wait(*threads);
    });
    if (!started)
        writer->fail(toStatus(shuttingDown(what)));
    return writer;
}

std::vector<UploadFile> toUploads(const google::protobuf::RepeatedPtrField<pb::FileEntry>& files,
                                  uint64_t limit, const std::string& argument) {
    std::vector<UploadFile> out;
    uint64_t total = 0;
    for (const auto& f : files) {
        total += f.data().size();
        if (total > limit)
            throw Error(Code::ResourceExhausted, argument + ": upload exceeds the limit of " +
                                                     std::to_string(limit) + " bytes");
        out.push_back({f.path(), f.data(), f.executable()});
    }
    return out;
}

// A compiled path as the client knows it: relative to the uploaded code directory when
// it lies inside (the workspace copy is private to the appliance and gone after the
// compile), else unchanged (library sources).
std::string codeRelative(const std::string& path, const std::filesystem::path& codeDir) {
    const auto relative = std::filesystem::path(path).lexically_normal().lexically_relative(
        codeDir.lexically_normal());
    if (relative.empty() || *relative.begin() == "..")
        return path;
    return relative.string();
}

void addFiles(const std::vector<UploadFile>& files,
              google::protobuf::RepeatedPtrField<pb::FileEntry>* out) {
    for (const auto& f : files) {
        auto* e = out->Add();
        e->set_path(f.path);
        e->set_data(f.data);
        e->set_executable(f.executable);
    }
}

void fillFrame(const Frame& f, pb::Frame* out) {
    out->set_cycle(f.cycle);
    out->set_width(f.width);
    out->set_height(f.height);
    out->set_status(f.status);
    out->set_message(f.message);
    for (const auto& s : f.pes) {
        auto* p = out->add_pes();
        p->set_instructions(s.instructions);
        p->set_wavelets(s.wavelets);
        p->set_stall_cycles(s.stallCycles);
        p->set_task_activations(s.taskActivations);
    }
    for (const FrameMemcpy& copy : f.memcpy) {
        const sim::MemcpyRequest& r = copy.request;
        auto* m = out->add_memcpy();
        m->set_to_device(r.toDevice);
        m->set_streaming(r.streaming);
        m->set_symbol(r.symbol);
        m->set_color(r.color);
        m->set_x(r.x);
        m->set_y(r.y);
        m->set_w(r.w);
        m->set_h(r.h);
        m->set_elements_per_pe(r.elementsPerPe);
        m->set_done(copy.done);
    }
}

// A Debug.Simprint reply stops before its text passes this: a page of long lines stays far
// below any message size limit.
constexpr size_t kSimprintReplyBytes = size_t(4) << 20;
// Debug.WaitStates and Debug.Simprint answer at most this many entries by default.
constexpr size_t kDefaultAnalysisLimit = 10000;

void fillWait(const sim::PeWait& w, pb::PeWait* out) {
    out->set_x(w.x);
    out->set_y(w.y);
    // PeWait::Kind and PeWaitKind list the kinds in the same order.
    static_assert(int(sim::PeWait::Kind::Wavelets) == pb::WAIT_WAVELETS &&
                  int(sim::PeWait::Kind::QueueRoom) == pb::WAIT_QUEUE_ROOM &&
                  int(sim::PeWait::Kind::CeQueue) == pb::WAIT_CE_QUEUE &&
                  int(sim::PeWait::Kind::HostCommand) == pb::WAIT_HOST_COMMAND);
    out->set_kind(pb::PeWaitKind(int(w.kind)));
    out->set_color(w.color);
    out->set_queue(w.queue);
    out->set_task(w.task);
    out->set_waiter(w.waiter);
    out->set_has_holder(w.hasHolder);
    out->set_holder_x(w.holderX);
    out->set_holder_y(w.holderY);
    out->set_holder(w.holder);
    out->set_reason(w.reason);
    out->set_since(w.since);
}

void fillTask(TaskState t, pb::TaskReply* out) {
    out->set_task_id(t.id);
    out->set_done(t.done);
    out->set_data(reinterpret_cast<const char*>(t.words.data()), t.words.size() * 4);
}

// ---------------------------------------------------------------------------------
class VersionService final : public pb::Version::CallbackService {
  public:
    explicit VersionService(Core& core) : core_(core) {}
    grpc::ServerUnaryReactor* Handshake(grpc::CallbackServerContext* ctx,
                                        const pb::HandshakeRequest* req,
                                        pb::HandshakeReply* reply) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            reply->set_protocol_version(kProtocolVersion);
            reply->set_server_version(kServerVersion);
            if (req->protocol_version() != kProtocolVersion && !req->disable_version_check())
                throw Error(Code::FailedPrecondition,
                            "version mismatch: client " + req->client_version() +
                                " speaks protocol " + std::to_string(req->protocol_version()) +
                                ", server " + kServerVersion + " speaks protocol " +
                                std::to_string(kProtocolVersion) +
                                " (use matching builds, or disable_version_check=True)");
        }));
        return r;
    }

  private:
    Core& core_;
};

// ---------------------------------------------------------------------------------
class RuntimeService final : public pb::Runtime::CallbackService {
  public:
    explicit RuntimeService(Core& core) : core_(core) {}

    grpc::ServerUnaryReactor* Open(grpc::CallbackServerContext* ctx, const pb::OpenRequest* req,
                                   pb::OpenReply* reply) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            if (req->program().empty())
                throw Error(Code::InvalidArgument,
                            "open: program is empty (send the artifact's program file)");
            auto program = artifact::parseProgram(req->program(), "open: program");
            const auto& p = *program;
            std::string id = core_.openSession(
                std::move(program), req->simfab_numthreads(), !req->suppress_simfab_trace(),
                {req->client_label(), req->client_pid(), ctx->peer()});
            reply->set_session_id(id);
            reply->set_fabric_width(p.fabricWidth);
            reply->set_fabric_height(p.fabricHeight);
            reply->set_offset_x(p.offsetX);
            reply->set_offset_y(p.offsetY);
            reply->set_width(p.width);
            reply->set_height(p.height);
        }));
        return r;
    }

    // Open until the client goes away (or cancels); then its session is closed.
    class HoldReactor : public grpc::ServerWriteReactor<pb::Empty> {
      public:
        HoldReactor(Core& core, std::string id) : core_(core), id_(std::move(id)) {}
        void OnCancel() override {
            core_.closeAbandonedSession(id_, "its client went away (Hold call ended)");
            Finish(grpc::Status(grpc::StatusCode::CANCELLED, "hold: the client went away"));
        }
        void OnDone() override { delete this; }

      private:
        Core& core_;
        std::string id_;
    };
    grpc::ServerWriteReactor<pb::Empty>* Hold(grpc::CallbackServerContext* ctx,
                                              const pb::SessionRef* req) override {
        auto* h = new HoldReactor(core_, req->session_id());
        auto status = guarded([&] {
            core_.authorize(*ctx);
            core_.session(req->session_id());
        });
        if (!status.ok())
            h->Finish(status);
        return h;
    }

    grpc::ServerUnaryReactor* Load(grpc::CallbackServerContext* ctx, const pb::SessionRef* req,
                                   pb::Empty*) override {
        return onSession(ctx, req->session_id(), [](RuntimeSession& s) { s.load(); });
    }
    grpc::ServerUnaryReactor* Start(grpc::CallbackServerContext* ctx, const pb::SessionRef* req,
                                    pb::Empty*) override {
        return onSession(ctx, req->session_id(), [](RuntimeSession& s) { s.start(); });
    }
    grpc::ServerUnaryReactor* Stop(grpc::CallbackServerContext* ctx, const pb::SessionRef* req,
                                   pb::StopReply* reply) override {
        return onSession(ctx, req->session_id(), [reply](RuntimeSession& s) {
            auto result = s.stop();
            reply->set_cycle(result.cycle);
            reply->set_simprint_lines(result.simprintLines);
            reply->set_undelivered(result.undelivered);
        });
    }
    grpc::ServerUnaryReactor* Close(grpc::CallbackServerContext* ctx, const pb::SessionRef* req,
                                    pb::Empty*) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            core_.closeSession(req->session_id());
        }));
        return r;
    }
    grpc::ServerUnaryReactor* GetId(grpc::CallbackServerContext* ctx, const pb::GetIdRequest* req,
                                    pb::GetIdReply* reply) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            auto session = core_.session(req->session_id());
            reply->set_id(session->getId(req->name()));
        }));
        return r;
    }
    grpc::ServerUnaryReactor* Launch(grpc::CallbackServerContext* ctx, const pb::LaunchRequest* req,
                                     pb::TaskReply* reply) override {
        return onSession(ctx, req->session_id(), [req, reply](RuntimeSession& s) {
            std::vector<LaunchValue> args;
            for (const auto& a : req->args()) {
                switch (a.value_case()) {
                case pb::LaunchArg::kF:
                    args.emplace_back(a.f());
                    break;
                case pb::LaunchArg::kI:
                    args.emplace_back(a.i());
                    break;
                case pb::LaunchArg::kB:
                    args.emplace_back(a.b());
                    break;
                case pb::LaunchArg::VALUE_NOT_SET:
                    throw Error(Code::InvalidArgument,
                                "launch('" + req->symbol() + "'): argument " +
                                    std::to_string(args.size()) + " has no value");
                }
            }
            fillTask(s.launch(req->symbol(), args, req->nonblock()), reply);
        });
    }
    grpc::ServerUnaryReactor* Call(grpc::CallbackServerContext* ctx, const pb::CallRequest* req,
                                   pb::TaskReply* reply) override {
        return onSession(ctx, req->session_id(), [req, reply](RuntimeSession& s) {
            std::vector<uint32_t> args(req->args().begin(), req->args().end());
            fillTask(s.call(req->symbol(), args, req->nonblock()), reply);
        });
    }
    grpc::ServerUnaryReactor* Memcpy(grpc::CallbackServerContext* ctx, const pb::MemcpyRequest* req,
                                     pb::TaskReply* reply) override {
        // Shared memory is only for clients on this machine (a name means nothing elsewhere).
        const std::string peer = ctx->peer();
        const bool sharesMachine = peerSharesMachine(peer);
        return onSession(
            ctx, req->session_id(), [req, reply, sharesMachine, peer](RuntimeSession& s) {
                MemcpyArgs a;
                a.toDevice = req->to_device();
                a.target = req->target();
                a.streaming = req->streaming();
                a.ownChannel = req->own_channel();
                a.px = req->px();
                a.py = req->py();
                a.w = req->w();
                a.h = req->h();
                a.elemPerPe = req->elem_per_pe();
                const std::string what = a.toDevice ? "memcpy_h2d" : "memcpy_d2h";
                // Open proto3 enums carry any number: one that is not a value is an error
                // naming the argument, not a 32-bit ROW_MAJOR copy.
                if (!tessera::sdk::MemcpyDataType_IsValid(req->data_type()))
                    throw Error(
                        Code::InvalidArgument,
                        what + ": data_type " + std::to_string(req->data_type()) +
                            " is not a MemcpyDataType (MEMCPY_32BIT = 0, MEMCPY_16BIT = 1)");
                if (!tessera::sdk::MemcpyOrder_IsValid(req->order()))
                    throw Error(Code::InvalidArgument,
                                what + ": order " + std::to_string(req->order()) +
                                    " is not a MemcpyOrder (ROW_MAJOR = 0, COL_MAJOR = 1)");
                a.bits16 = req->data_type() == tessera::sdk::MEMCPY_16BIT;
                a.colMajor = req->order() == tessera::sdk::COL_MAJOR;
                switch (req->shape()) {
                case pb::BOX:
                    a.shape = sim::MemcpyShape::Box;
                    break;
                case pb::ROW_BROADCAST:
                    a.shape = sim::MemcpyShape::RowBroadcast;
                    break;
                case pb::COL_BROADCAST:
                    a.shape = sim::MemcpyShape::ColBroadcast;
                    break;
                case pb::STRIDED:
                    a.shape = sim::MemcpyShape::Strided;
                    break;
                default:
                    throw Error(Code::InvalidArgument,
                                "memcpy: unknown shape " + std::to_string(req->shape()));
                }
                a.rowStride = req->row_stride();
                a.colStride = req->col_stride();
                a.data = req->data();
                a.hostDtype = req->host_dtype();
                a.hostElements = req->host_elements();
                a.nonblock = req->nonblock();
                if (req->shm_name().empty()) {
                    fillTask(s.memcpy(a), reply);
                    return;
                }
                if (!sharesMachine)
                    throw Error(Code::FailedPrecondition,
                                what + ": shm_name needs a unix-socket connection (this client, " +
                                    peer + ", may not share the appliance's machine); send the " +
                                    "words in data");
                if (!req->data().empty())
                    throw Error(Code::InvalidArgument, what + ": give data or shm_name, not both");
                if (a.hostElements < 0 || a.hostElements > (int64_t(1) << 40))
                    throw Error(Code::InvalidArgument, what + ": host_elements " +
                                                           std::to_string(a.hostElements) +
                                                           " is out of range");
                if (a.toDevice) {
                    SharedMemoryMapping in(req->shm_name(), size_t(a.hostElements) * 4, false,
                                           what);
                    a.data = in.bytes();
                    fillTask(s.memcpy(a), reply);
                    return;
                }
                TaskState t = s.memcpy(a);
                if (t.done) {
                    // Nonblocking copies that finish later return their words in data (Task).
                    SharedMemoryMapping out(req->shm_name(), t.words.size() * 4, true, what);
                    std::memcpy(out.data(), t.words.data(), t.words.size() * 4);
                    t.words.clear();
                    reply->set_data_in_shm(true);
                }
                fillTask(std::move(t), reply);
            });
    }
    grpc::ServerUnaryReactor* Task(grpc::CallbackServerContext* ctx, const pb::TaskRequest* req,
                                   pb::TaskReply* reply) override {
        return onSession(ctx, req->session_id(), [req, reply](RuntimeSession& s) {
            fillTask(s.task(req->task_id(), req->wait()), reply);
        });
    }
    grpc::ServerUnaryReactor* ReadSymbol(grpc::CallbackServerContext* ctx,
                                         const pb::ReadSymbolRequest* req,
                                         pb::Bytes* reply) override {
        return onSession(ctx, req->session_id(), [req, reply](RuntimeSession& s) {
            reply->set_data(s.readSymbol(req->x(), req->y(), req->name()));
        });
    }

    grpc::ServerWriteReactor<pb::Bytes>* DumpCore(grpc::CallbackServerContext* ctx,
                                                  const pb::SessionRef* req) override {
        // Not queued behind host commands: the session may be another client's (an attached
        // run.py), busy in a command or paused.
        return streamFromSession<pb::Bytes>(
            core_, ctx, req->session_id(), "dump_core",
            [](RuntimeSession& session, pb::Bytes&) { return session.dumpCore(); });
    }

  private:
    template <typename F>
    grpc::ServerUnaryReactor* onSession(grpc::CallbackServerContext* ctx, const std::string& id,
                                        F body) {
        auto* r = ctx->DefaultReactor();
        std::shared_ptr<RuntimeSession> session;
        auto status = guarded([&] {
            core_.authorize(*ctx);
            session = core_.session(id);
        });
        if (!status.ok()) {
            r->Finish(status);
            return r;
        }
        RuntimeSession* s = session.get(); // outlives its queue: ~RuntimeSession drains it
        s->post([s, r, body] { r->Finish(guarded([&] { body(*s); })); });
        return r;
    }

    Core& core_;
};

// ---------------------------------------------------------------------------------
class DebugService final : public pb::Debug::CallbackService {
  public:
    explicit DebugService(Core& core) : core_(core) {}

    grpc::ServerUnaryReactor* ListSessions(grpc::CallbackServerContext* ctx, const pb::Empty*,
                                           pb::ListSessionsReply* reply) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            for (const auto& l : core_.listSessions()) {
                auto* info = reply->add_sessions();
                info->set_session_id(l.id);
                info->set_client_label(l.client.label);
                info->set_client_pid(l.client.pid);
                info->set_state(l.session->stateName());
                info->set_opened_unix_ms(l.openedUnixMs);
                info->set_cycle(l.session->latestFrame().cycle);
                const auto& p = l.session->program();
                auto* g = info->mutable_geometry();
                g->set_session_id(l.id);
                g->set_fabric_width(p.fabricWidth);
                g->set_fabric_height(p.fabricHeight);
                g->set_offset_x(p.offsetX);
                g->set_offset_y(p.offsetY);
                g->set_width(p.width);
                g->set_height(p.height);
            }
        }));
        return r;
    }

    grpc::ServerUnaryReactor* Pause(grpc::CallbackServerContext* ctx, const pb::SessionRef* req,
                                    pb::Frame* reply) override {
        return now(ctx, req->session_id(),
                   [reply](RuntimeSession& s) { fillFrame(s.pause(), reply); });
    }
    grpc::ServerUnaryReactor* Resume(grpc::CallbackServerContext* ctx, const pb::SessionRef* req,
                                     pb::Frame* reply) override {
        return now(ctx, req->session_id(),
                   [reply](RuntimeSession& s) { fillFrame(s.resume(), reply); });
    }
    grpc::ServerUnaryReactor* Step(grpc::CallbackServerContext* ctx, const pb::StepRequest* req,
                                   pb::Frame* reply) override {
        return now(ctx, req->session_id(),
                   [req, reply](RuntimeSession& s) { fillFrame(s.step(req->cycles()), reply); });
    }
    grpc::ServerUnaryReactor* SetBreakpoints(grpc::CallbackServerContext* ctx,
                                             const pb::BreakpointsRequest* req,
                                             pb::Empty*) override {
        return now(ctx, req->session_id(), [req](RuntimeSession& s) {
            std::vector<sim::Breakpoint> bps;
            for (const auto& b : req->breakpoints()) {
                sim::Breakpoint bp{};
                if (b.kind() == "task")
                    bp.kind = sim::Breakpoint::Kind::TaskActivation;
                else if (b.kind() == "line")
                    bp.kind = sim::Breakpoint::Kind::SourceLine;
                else if (b.kind() == "cycle")
                    bp.kind = sim::Breakpoint::Kind::Cycle;
                else if (b.kind() == "color")
                    bp.kind = sim::Breakpoint::Kind::WaveletOnColor;
                else if (b.kind() == "symbol")
                    bp.kind = sim::Breakpoint::Kind::SymbolWrite;
                else
                    throw Error(Code::InvalidArgument,
                                "breakpoint kind '" + b.kind() +
                                    "' is not task, line, cycle, color or symbol");
                const auto& p = s.program();
                if (!b.any_pe() && bp.kind != sim::Breakpoint::Kind::Cycle &&
                    (b.x() >= p.width || b.y() >= p.height))
                    throw Error(Code::OutOfRange, "breakpoint PE (" + std::to_string(b.x()) + "," +
                                                      std::to_string(b.y()) +
                                                      ") lies outside the program rectangle");
                bp.x = b.x();
                bp.y = b.y();
                bp.anyPe = b.any_pe();
                bp.value = b.value();
                bp.file = uint16_t(b.file());
                bp.symbol = b.symbol();
                bps.push_back(bp);
            }
            s.setBreakpoints(bps);
        });
    }

    // Streams the latest frame at most every interval_ms; a thread per stream (owned by
    // the appliance, which ends and joins it on shutdown) waits for new frames so no gRPC
    // thread blocks.
    class FrameWriter : public grpc::ServerWriteReactor<pb::Frame> {
      public:
        FrameWriter(std::shared_ptr<RuntimeSession> session, uint32_t intervalMs,
                    uint32_t maxFrames, OwnedThreads& threads)
            : state_(std::make_shared<State>()) {
            state_->session = std::move(session);
            const uint64_t startSerial = state_->session->addFrameWatcher(1);
            const auto interval = std::chrono::milliseconds(intervalMs ? intervalMs : 33);
            const bool started = threads.start(
                [state = state_, this, interval, maxFrames, startSerial, &threads, done = done_] {
                    uint64_t serial = startSerial;
                    uint32_t sent = 0;
                    const auto ended = [&] { return state->cancelled || state->stopping; };
                    for (;;) {
                        auto frame = state->session->waitFrame(
                            serial, std::chrono::milliseconds(500), &serial);
                        // A closed session's stream ends, with OK, after its final frame:
                        // the debugger sees the last cycles before it learns of the close.
                        const auto final = state->session->finalFrame(std::chrono::seconds(1));
                        if (final)
                            frame = *final;
                        {
                            std::unique_lock lock(state->mutex);
                            if (ended())
                                break;
                            state->message.Clear();
                            fillFrame(frame, &state->message);
                            state->writing = true;
                        }
                        StartWrite(&state->message);
                        std::unique_lock lock(state->mutex);
                        state->changed.wait(lock, [&] { return !state->writing || ended(); });
                        if (ended() || final || (maxFrames && ++sent >= maxFrames))
                            break;
                        state->changed.wait_for(lock, interval, ended);
                    }
                    state->session->addFrameWatcher(-1);
                    bool stopping;
                    {
                        std::lock_guard lock(state->mutex);
                        stopping = state->stopping;
                    }
                    Finish(stopping ? toStatus(shuttingDown("frames")) : grpc::Status::OK);
                    done->wait(threads);
                },
                [state = state_] {
                    std::lock_guard lock(state->mutex);
                    state->stopping = true;
                    state->changed.notify_all();
                });
            if (!started) {
                state_->session->addFrameWatcher(-1);
                Finish(toStatus(shuttingDown("frames")));
            }
        }
        void OnWriteDone(bool ok) override {
            std::lock_guard lock(state_->mutex);
            state_->writing = false;
            state_->cancelled = state_->cancelled || !ok;
            state_->changed.notify_all();
        }
        void OnCancel() override {
            std::lock_guard lock(state_->mutex);
            state_->cancelled = true;
            state_->changed.notify_all();
        }
        void OnDone() override {
            done_->set();
            delete this;
        }

      private:
        struct State {
            std::shared_ptr<RuntimeSession> session;
            std::mutex mutex;
            std::condition_variable changed;
            bool writing = false;
            bool cancelled = false;
            bool stopping = false; // the appliance is shutting down
            pb::Frame message;
        };
        std::shared_ptr<State> state_;
        std::shared_ptr<CallDone> done_ = std::make_shared<CallDone>();
    };

    class FailedWriter : public grpc::ServerWriteReactor<pb::Frame> {
      public:
        explicit FailedWriter(const grpc::Status& s) { Finish(s); }
        void OnDone() override { delete this; }
    };

    grpc::ServerWriteReactor<pb::Frame>* Frames(grpc::CallbackServerContext* ctx,
                                                const pb::FramesRequest* req) override {
        std::shared_ptr<RuntimeSession> session;
        auto status = guarded([&] {
            core_.authorize(*ctx);
            session = core_.session(req->session_id());
        });
        if (!status.ok())
            return new FailedWriter(status);
        return new FrameWriter(std::move(session), req->interval_ms(), req->max_frames(),
                               core_.handlerThreads);
    }

    // Analysis requests (issue 7): the wait states of every PE and new simprint lines.
    grpc::ServerUnaryReactor* WaitStates(grpc::CallbackServerContext* ctx,
                                         const pb::WaitStatesRequest* req,
                                         pb::WaitStatesReply* reply) override {
        return now(ctx, req->session_id(), [req, reply](RuntimeSession& s) {
            const size_t limit = req->max_entries() ? req->max_entries() : kDefaultAnalysisLimit;
            s.withFabric([&](const sim::Fabric& fabric) {
                reply->set_cycle(fabric.cycle());
                const std::vector<sim::PeWait> waits = fabric.waitStates(limit + 1);
                reply->set_truncated(waits.size() > limit);
                for (size_t i = 0; i < waits.size() && i < limit; ++i)
                    fillWait(waits[i], reply->add_waits());
            });
        });
    }
    grpc::ServerUnaryReactor* Simprint(grpc::CallbackServerContext* ctx,
                                       const pb::SimprintRequest* req,
                                       pb::SimprintReply* reply) override {
        return now(ctx, req->session_id(), [req, reply](RuntimeSession& s) {
            const size_t limit = req->max_lines() ? req->max_lines() : kDefaultAnalysisLimit;
            SimprintPage page = s.simprint(req->first_line(), limit, kSimprintReplyBytes,
                                           req->sim_log_form(), req->follow());
            reply->set_first_line(page.firstLine);
            reply->set_total_lines(page.totalLines);
            reply->set_window_bytes(page.windowBytes);
            for (std::string& line : page.lines)
                reply->add_lines(std::move(line));
        });
    }

    // Debug.Trace: the replay runs on a handler thread (the session goes on meanwhile); the
    // header rides on the first piece of the log.
    grpc::ServerWriteReactor<pb::TraceChunk>* Trace(grpc::CallbackServerContext* ctx,
                                                    const pb::TraceRequest* req) override {
        TraceOptions options;
        options.upToCycle = req->up_to_cycle();
        options.regionX = req->region_x();
        options.regionY = req->region_y();
        options.regionWidth = req->region_width();
        options.regionHeight = req->region_height();
        return streamFromSession<pb::TraceChunk>(
            core_, ctx, req->session_id(), "trace",
            [options](RuntimeSession& session, pb::TraceChunk& first) {
                TraceOutcome outcome = session.trace(options);
                auto* h = first.mutable_header();
                h->set_cycle(outcome.cycle);
                h->set_session_cycle(outcome.sessionCycle);
                h->set_commands(uint32_t(outcome.commands));
                h->set_stopped(outcome.stopped);
                h->set_counters_checked(outcome.countersChecked);
                h->set_counters_note(outcome.countersNote);
                h->set_width(session.program().width);
                h->set_height(session.program().height);
                for (uint64_t n : outcome.instructions)
                    h->add_instructions(n);
                h->set_log_bytes(outcome.log.size());
                return std::move(outcome.log);
            });
    }

  private:
    // Debug calls act at once (they must work while the session thread is busy).
    template <typename F>
    grpc::ServerUnaryReactor* now(grpc::CallbackServerContext* ctx, const std::string& id, F body) {
        auto* r = ctx->DefaultReactor();
        if (id.empty() || !core_.hasSession(id)) {
            r->Finish(guarded([&] {
                core_.authorize(*ctx);
                core_.session(id);
            }));
            return r;
        }
        // step() and setBreakpoints() wait for the session thread: not on a gRPC thread.
        // The appliance joins this thread; a shutdown closes the session, so it ends.
        auto* waiting = new WaitingReactor(); // owned by gRPC until OnDone
        auto* threads = &core_.handlerThreads;
        const bool started =
            threads->start([this, ctx, waiting, id, body, threads, done = waiting->done()] {
                waiting->Finish(guarded([&] {
                    core_.authorize(*ctx);
                    body(*core_.session(id));
                }));
                done->wait(*threads);
            });
        if (!started)
            waiting->Finish(toStatus(shuttingDown("debug")));
        return waiting;
    }

    // A unary call answered from a handler thread, which waits for OnDone (CallDone).
    class WaitingReactor : public grpc::ServerUnaryReactor {
      public:
        std::shared_ptr<CallDone> done() const { return done_; }
        void OnDone() override {
            done_->set();
            delete this;
        }

      private:
        std::shared_ptr<CallDone> done_ = std::make_shared<CallDone>();
    };

    Core& core_;
};

// ---------------------------------------------------------------------------------
class LauncherService final : public pb::Launcher::CallbackService {
  public:
    explicit LauncherService(Core& core) : core_(core) {}

    grpc::ServerUnaryReactor* CreateJob(grpc::CallbackServerContext* ctx,
                                        const pb::CreateJobRequest* req,
                                        pb::JobReply* reply) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            if (req->artifact_name().empty())
                throw Error(Code::InvalidArgument, "artifact_name is empty");
            if (auto problem = relativePathProblem(req->artifact_name()); !problem.empty())
                throw Error(Code::PermissionDenied,
                            "artifact_name '" + req->artifact_name() + "' " + problem);
            auto files =
                toUploads(req->artifact_files(), core_.options().maxUploadBytes, "artifact_files");
            auto job = core_.createJob();
            job->workspace->writeFiles(files, req->artifact_name(), "artifact file");
            reply->set_job_id(job->id);
            reply->set_cmaddr(job->cmaddr);
        }));
        return r;
    }
    grpc::ServerUnaryReactor* Stage(grpc::CallbackServerContext* ctx, const pb::StageRequest* req,
                                    pb::Empty*) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            auto job = core_.job(req->job_id());
            auto files = toUploads(req->files(), core_.options().maxUploadBytes, "stage");
            job->workspace->writeFiles(files, "", "stage path");
        }));
        return r;
    }
    grpc::ServerUnaryReactor* Download(grpc::CallbackServerContext* ctx,
                                       const pb::DownloadRequest* req,
                                       pb::FileEntry* reply) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            auto job = core_.job(req->job_id());
            reply->set_path(req->path());
            reply->set_data(job->workspace->readFile(req->path(), "download path"));
        }));
        return r;
    }
    grpc::ServerUnaryReactor* CloseJob(grpc::CallbackServerContext* ctx, const pb::JobRef* req,
                                       pb::Empty*) override {
        auto* r = ctx->DefaultReactor();
        r->Finish(guarded([&] {
            core_.authorize(*ctx);
            core_.closeJob(req->job_id());
        }));
        return r;
    }

    // Commands run on their own thread; a client cancel kills the process group.
    class CommandReactor : public grpc::ServerUnaryReactor {
      public:
        CommandReactor() : cancel_(std::make_shared<std::atomic<bool>>(false)) {}
        std::shared_ptr<std::atomic<bool>> cancelFlag() { return cancel_; }
        std::shared_ptr<CallDone> done() const { return done_; }
        void OnCancel() override { cancel_->store(true); }
        void OnDone() override {
            done_->set();
            delete this;
        }

      private:
        std::shared_ptr<std::atomic<bool>> cancel_;
        std::shared_ptr<CallDone> done_ = std::make_shared<CallDone>();
    };

    grpc::ServerUnaryReactor* RunCommand(grpc::CallbackServerContext* ctx,
                                         const pb::RunCommandRequest* req,
                                         pb::RunCommandReply* reply) override {
        auto* r = new CommandReactor();
        std::shared_ptr<Core::Job> job;
        auto status = guarded([&] {
            core_.authorize(*ctx);
            job = core_.job(req->job_id());
            if (req->command().empty())
                throw Error(Code::InvalidArgument, "run: command is empty");
        });
        if (!status.ok()) {
            r->Finish(status);
            return r;
        }
        std::string command = req->command();
        for (size_t at; (at = command.find("%CMADDR%")) != std::string::npos;)
            command.replace(at, 8, job->cmaddr);
        const unsigned timeout =
            req->timeout_seconds()
                ? std::min(req->timeout_seconds(), core_.options().commandTimeoutSeconds)
                : core_.options().commandTimeoutSeconds;
        std::vector<std::pair<std::string, std::string>> env;
        const char* path = std::getenv("PATH");
        std::string bin = core_.options().toolsBinDir.string();
        env.emplace_back("PATH", bin.empty() ? std::string(path ? path : "/usr/bin:/bin")
                                             : bin + ":" + (path ? path : "/usr/bin:/bin"));
        env.emplace_back("TESSERA_APPLIANCE", job->cmaddr);
        auto cancel = r->cancelFlag();
        auto* threads = &core_.handlerThreads; // joins this thread; a shutdown cancels it
        job->commandsRunning.fetch_add(1);
        const bool started = threads->start(
            [r, reply, job, command, env, timeout, cancel, threads, done = r->done()] {
                struct Running {
                    Core::Job& job;
                    ~Running() {
                        job.lastUse = std::chrono::steady_clock::now().time_since_epoch().count();
                        job.commandsRunning.fetch_sub(1);
                    }
                } running{*job};
                r->Finish(guarded([&] {
                    auto result = runShellCommand(command, job->workspace->root(), env,
                                                  std::chrono::seconds(timeout), *cancel);
                    if (result.cancelled && threads->stopping())
                        throw Error(Code::Unavailable, "run: the appliance is shutting down; the "
                                                       "command's process group was killed");
                    if (result.cancelled)
                        throw Error(Code::Cancelled,
                                    "run: cancelled; the command's process group was killed");
                    if (result.timedOut)
                        throw Error(Code::DeadlineExceeded,
                                    "run: '" + command + "' exceeded " + std::to_string(timeout) +
                                        " s and was killed; output so far:\n" + result.output);
                    reply->set_exit_code(result.exitCode);
                    reply->set_output(result.output);
                }));
                done->wait(*threads);
            },
            [cancel] { cancel->store(true); });
        if (!started) {
            job->commandsRunning.fetch_sub(1);
            r->Finish(toStatus(shuttingDown("run")));
        }
        return r;
    }

  private:
    Core& core_;
};

// ---------------------------------------------------------------------------------
class CompileService final : public pb::Compile::CallbackService {
  public:
    explicit CompileService(Core& core) : core_(core) {}

    // Events are produced on a compile thread and written one at a time.
    class EventWriter : public grpc::ServerWriteReactor<pb::CompileEvent> {
      public:
        void deliver(std::vector<pb::CompileEvent> events, grpc::Status final) {
            std::lock_guard<std::recursive_mutex> lock(mutex_);
            if (finished_)
                return;
            events_ = std::move(events);
            final_ = std::move(final);
            next();
        }
        void OnWriteDone(bool ok) override {
            std::lock_guard<std::recursive_mutex> lock(mutex_);
            if (!ok) {
                cancelled_->store(true);
                finishLocked(
                    grpc::Status(grpc::StatusCode::CANCELLED, "compile: client went away"));
                return;
            }
            next();
        }
        void OnCancel() override {
            // The compile thread polls the flag (CompileOptions::cancelled) and stops.
            cancelled_->store(true);
            std::lock_guard<std::recursive_mutex> lock(mutex_);
            finishLocked(
                grpc::Status(grpc::StatusCode::CANCELLED, "compile: cancelled by the client"));
        }
        void OnDone() override {
            // The compile thread may still hold a pointer: it checks alive_ first. The local
            // copy keeps the mutex alive until the lock is released, since delete this drops
            // alive_ (found by TSan: unlock of a freed mutex when ours was the last owner).
            const auto alive = alive_;
            std::lock_guard lock(alive->first);
            alive->second = false;
            delete this;
        }
        std::shared_ptr<std::pair<std::mutex, bool>> alive() { return alive_; }
        std::shared_ptr<std::atomic<bool>> cancelledFlag() { return cancelled_; }
        void finishNow(const grpc::Status& s) {
            std::lock_guard<std::recursive_mutex> lock(mutex_);
            finishLocked(s);
        }

      private:
        void next() {
            if (finished_)
                return;
            if (index_ < events_.size()) {
                StartWrite(&events_[index_++]);
                return;
            }
            finishLocked(final_);
        }
        void finishLocked(const grpc::Status& s) {
            if (finished_)
                return;
            finished_ = true;
            Finish(s);
        }
        std::recursive_mutex mutex_;
        std::vector<pb::CompileEvent> events_;
        size_t index_ = 0;
        grpc::Status final_;
        bool finished_ = false;
        std::shared_ptr<std::pair<std::mutex, bool>> alive_ =
            std::make_shared<std::pair<std::mutex, bool>>();
        // Set when the call is cancelled (client cancel, deadline, disconnect); shared with
        // the compile thread, which may outlive this reactor by a few milliseconds.
        std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
        friend class CompileService;
    };

    grpc::ServerWriteReactor<pb::CompileEvent>* Compile(grpc::CallbackServerContext* ctx,
                                                        const pb::CompileRequest* req) override {
        auto* w = new EventWriter();
        w->alive_->second = true;
        // A compile needs only a private workspace (no job address); the compile thread
        // owns it, so nothing there touches the Core, which may go away first.
        std::shared_ptr<Workspace> workspace;
        std::shared_ptr<std::atomic<unsigned>> counted; // set once this compile counts
        std::string layout = req->layout();
        std::vector<std::string> args;
        csl::LayoutSpec layoutSpec; // SdkLayout's additions (empty for a plain compile)
        auto status = guarded([&] {
            core_.authorize(*ctx);
            const auto& spec = req->layout_spec();
            for (auto [from, to] :
                 {std::pair{&spec.stream_h2d_colors(), &layoutSpec.streamH2dColors},
                  std::pair{&spec.stream_d2h_colors(), &layoutSpec.streamD2hColors}}) {
                if (from->size() > int(to->size()))
                    throw Error(Code::InvalidArgument, "layout_spec: more than 4 stream colors");
                for (int i = 0; i < from->size(); ++i)
                    (*to)[size_t(i)] = int8_t(std::clamp(from->Get(i), -1, 127));
            }
            for (const auto& s : spec.symbol_inits())
                layoutSpec.symbolInits.push_back({s.x(),
                                                  s.y(),
                                                  s.symbol(),
                                                  s.element_bytes(),
                                                  {s.data().begin(), s.data().end()}});
            if (req->resource_cpu() < 0)
                throw Error(Code::InvalidArgument, "resource_cpu must not be negative");
            if (req->resource_mem() < 0)
                throw Error(Code::InvalidArgument, "resource_mem must not be negative");
            if (layout.empty())
                throw Error(Code::InvalidArgument,
                            "layout is empty (name the layout file in the code directory)");
            try {
                args = artifact::splitArgs(req->args());
                auto cmd = artifact::parseCslcArgs([&] {
                    auto all = args;
                    all.push_back(layout);
                    return all;
                }());
                if (auto problem = relativePathProblem(cmd.outDir); !problem.empty())
                    throw Error(Code::PermissionDenied,
                                "args: -o '" + cmd.outDir + "' " + problem +
                                    "; the output stays in the job workspace");
            } catch (const artifact::UsageError& e) {
                throw Error(Code::InvalidArgument, std::string("args: ") + e.what());
            }
            auto files = toUploads(req->code_files(), core_.options().maxUploadBytes, "code_files");
            if (core_.activeCompiles->fetch_add(1) >= core_.options().maxJobs) {
                core_.activeCompiles->fetch_sub(1);
                throw Error(Code::ResourceExhausted,
                            "compile: " + std::to_string(core_.options().maxJobs) +
                                " compiles are already running (the job limit)");
            }
            counted = core_.activeCompiles;
            workspace =
                std::make_shared<Workspace>(core_.options().workRoot / "compile", "compile");
            workspace->writeFiles(files, "code", "code_files entry");
            workspace->resolve("code/" + layout, "layout");
        });
        if (!status.ok()) {
            if (counted)
                counted->fetch_sub(1);
            w->finishNow(status);
            return w;
        }
        auto alive = w->alive();
        auto cancelled = w->cancelledFlag();
        auto* threads = &core_.handlerThreads; // joins this thread before it goes away
        const bool started = threads->start(
            [w, alive, cancelled, threads, workspace, layout, args, counted, layoutSpec]() mutable {
                std::vector<pb::CompileEvent> events;
                auto st = guarded([&] {
                    auto all = args;
                    all.push_back(layout);
                    auto cmd = artifact::parseCslcArgs(all);
                    const auto codeDir = workspace->root() / "code";
                    cmd.options.layoutFile = (codeDir / layout).string();
                    for (auto& p : cmd.options.importPaths)
                        p = workspace->resolve("code/" + p, "--import-path").string();
                    cmd.options.cancelled = [cancelled, threads] {
                        return cancelled->load() || threads->stopping();
                    };
                    auto result = csl::compile(cmd.options);
                    // A cancelled compile writes no artifact; the workspace goes with this
                    // thread, so nothing of it is left behind.
                    if (threads->stopping())
                        throw shuttingDown("compile");
                    if (result.cancelled || cancelled->load())
                        throw Error(Code::Cancelled, "compile: cancelled by the client");
                    csl::applyLayoutSpec(result, layoutSpec);
                    for (const auto& d : result.diagnostics) {
                        pb::CompileEvent e;
                        auto* diag = e.mutable_diagnostic();
                        diag->set_severity(d.severity == csl::Severity::Error     ? "error"
                                           : d.severity == csl::Severity::Warning ? "warning"
                                                                                  : "note");
                        csl::Diagnostic shown = d;
                        shown.range.file = codeRelative(d.range.file, codeDir);
                        for (auto& note : shown.notes)
                            note.range.file = codeRelative(note.range.file, codeDir);
                        diag->set_file(shown.range.file);
                        diag->set_line(d.range.line);
                        diag->set_column(d.range.column);
                        diag->set_message(d.message);
                        diag->set_formatted(csl::formatDiagnostic(shown));
                        events.push_back(std::move(e));
                    }
                    pb::CompileEvent done;
                    done.mutable_done()->set_ok(result.ok);
                    done.mutable_done()->set_artifact_name(cmd.outDir);
                    if (result.ok) {
                        // The source map names the client's files, so run-time reports (faults,
                        // hangs, breakpoints) point at them and not at this workspace.
                        for (auto& file : result.program->sourceFiles)
                            file = codeRelative(file, codeDir);
                        const artifact::BuildInfo info = artifact::buildInfoOf(cmd, result);
                        const auto outRel = "code/" + cmd.outDir;
                        artifact::writeArtifact(workspace->resolve(outRel, "-o").string(),
                                                *result.program, info);
                        addFiles(workspace->collect(outRel, "-o"),
                                 done.mutable_done()->mutable_artifact_files());
                    }
                    events.push_back(std::move(done));
                });
                // The workspace (and any artifact in it) is gone before the job slot is free
                // and before the client hears the end.
                workspace.reset();
                counted->fetch_sub(1);
                std::lock_guard lock(alive->first);
                if (alive->second)
                    w->deliver(std::move(events), st);
            });
        if (!started) {
            workspace.reset();
            counted->fetch_sub(1);
            w->finishNow(toStatus(shuttingDown("compile")));
        }
        return w;
    }

  private:
    Core& core_;
};

} // namespace

std::vector<std::unique_ptr<grpc::Service>> makeServices(Core& core) {
    std::vector<std::unique_ptr<grpc::Service>> out;
    out.push_back(std::make_unique<VersionService>(core));
    out.push_back(std::make_unique<RuntimeService>(core));
    out.push_back(std::make_unique<DebugService>(core));
    out.push_back(std::make_unique<LauncherService>(core));
    out.push_back(std::make_unique<CompileService>(core));
    return out;
}

} // namespace appliance
