// The only client file that includes grpcpp.
#include "backend/client/client.h"

#include "tessera/appliance.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace tessera::client {
namespace pb = tessera::appliance;
namespace fs = std::filesystem;

constexpr uint32_t kProtocolVersion = 1;
constexpr const char* kClientVersion = "tessera-cpp 0.1.0";

ClientError::ClientError(int code, const std::string& details)
    : std::runtime_error(details), code_(code), details_(details) {}

namespace {

void check(const grpc::Status& s) {
    if (!s.ok())
        throw ClientError(int(s.error_code()), s.error_message());
}

std::optional<ClientError> toError(const grpc::Status& s) {
    if (s.ok())
        return std::nullopt;
    return ClientError(int(s.error_code()), s.error_message());
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw ClientError(int(grpc::StatusCode::NOT_FOUND), p.string() + ": cannot open");
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

// Paths coming back from the appliance are written only below `root`.
fs::path inside(const fs::path& root, const std::string& rel, const char* what) {
    fs::path p(rel);
    bool bad = rel.empty() || p.is_absolute();
    for (const auto& part : p)
        bad = bad || part == "..";
    if (bad)
        throw ClientError(int(grpc::StatusCode::PERMISSION_DENIED),
                          std::string(what) + " '" + rel + "' would leave " + root.string());
    return root / p;
}

void collect(const fs::path& root, google::protobuf::RepeatedPtrField<pb::FileEntry>* out) {
    const fs::path real = fs::canonical(root);
    for (const auto& e : fs::recursive_directory_iterator(real)) {
        if (!e.is_regular_file())
            continue;
        const fs::path target = fs::canonical(e.path());
        auto [r, t] = std::mismatch(real.begin(), real.end(), target.begin(), target.end());
        if (r != real.end())
            throw ClientError(int(grpc::StatusCode::PERMISSION_DENIED),
                              e.path().string() + " is a symlink leading outside " + root.string());
        auto* f = out->Add();
        f->set_path(fs::relative(e.path(), real).generic_string());
        f->set_data(readFile(target));
        f->set_executable((fs::status(target).permissions() & fs::perms::owner_exec) !=
                          fs::perms::none);
    }
}

// A POSIX shared memory object this client creates (0600) for the memcpy words when the
// appliance is on this machine; it grows to the largest copy and is unlinked with its
// runtime. The appliance maps it by name (MemcpyRequest.shm_name).
class SharedSegment {
  public:
    SharedSegment() {
        static std::atomic<unsigned> counter{0};
        name_ = "/tessera-shm-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter.fetch_add(1)) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
        fd_ = ::shm_open(name_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    }
    ~SharedSegment() {
        if (data_)
            ::munmap(data_, size_);
        if (fd_ >= 0) {
            ::close(fd_);
            ::shm_unlink(name_.c_str());
        }
    }
    SharedSegment(const SharedSegment&) = delete;
    SharedSegment& operator=(const SharedSegment&) = delete;

    // At least `bytes` mapped bytes, or nullptr when shared memory is unavailable.
    char* reserve(size_t bytes) {
        if (fd_ < 0)
            return nullptr;
        if (bytes > size_) {
            if (data_)
                ::munmap(data_, size_);
            data_ = nullptr;
            size_ = 0;
            if (::ftruncate(fd_, off_t(bytes)) != 0)
                return nullptr;
            void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
            if (p == MAP_FAILED)
                return nullptr;
            data_ = p;
            size_ = bytes;
        }
        return static_cast<char*>(data_);
    }
    const std::string& name() const { return name_; }

  private:
    std::string name_;
    int fd_ = -1;
    void* data_ = nullptr;
    size_t size_ = 0;
};

// The appliance refused our shared memory (another machine's namespace, an old server):
// such errors name shm_name, and the copy is retried with the words in the message.
bool sharedMemoryRefused(const ClientError& e) {
    return e.details().find("shm_name") != std::string::npos;
}

} // namespace

// ---- Connection ---------------------------------------------------------------------

struct Connection::Impl {
    std::shared_ptr<grpc::Channel> channel;
    std::string token;
    std::string serverVersion;
    std::unique_ptr<pb::Runtime::Stub> runtime;
    std::unique_ptr<pb::Debug::Stub> debug;
    std::unique_ptr<pb::Launcher::Stub> launcher;
    std::unique_ptr<pb::Compile::Stub> compile;
    std::atomic<bool> sharesMachine{false}; // a unix socket: memcpy may use shared memory

    void prepare(grpc::ClientContext& ctx) const {
        if (!token.empty())
            ctx.AddMetadata("authorization", "Bearer " + token);
    }
};

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::~Connection() = default;

std::shared_ptr<Connection> Connection::fromChannel(std::shared_ptr<grpc::Channel> channel,
                                                    ConnectOptions options) {
    auto impl = std::make_unique<Impl>();
    impl->channel = std::move(channel);
    impl->token = options.token;
    impl->runtime = pb::Runtime::NewStub(impl->channel);
    impl->debug = pb::Debug::NewStub(impl->channel);
    impl->launcher = pb::Launcher::NewStub(impl->channel);
    impl->compile = pb::Compile::NewStub(impl->channel);
    auto version = pb::Version::NewStub(impl->channel);
    grpc::ClientContext ctx;
    impl->prepare(ctx);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    pb::HandshakeRequest req;
    req.set_protocol_version(kProtocolVersion);
    req.set_client_version(kClientVersion);
    req.set_disable_version_check(options.disableVersionCheck);
    pb::HandshakeReply reply;
    check(version->Handshake(&ctx, req, &reply));
    impl->serverVersion = reply.server_version();
    return std::shared_ptr<Connection>(new Connection(std::move(impl)));
}

std::shared_ptr<Connection> Connection::connect(const std::string& address,
                                                ConnectOptions options) {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    args.SetMaxSendMessageSize(-1);
    auto connection =
        fromChannel(grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args),
                    std::move(options));
    const char* off = std::getenv("TESSERA_NO_SHM");
    connection->impl_->sharesMachine =
        address.rfind("unix:", 0) == 0 && !(off && *off && std::string(off) != "0");
    return connection;
}

const std::string& Connection::serverVersion() const {
    return impl_->serverVersion;
}

// ---- SdkRuntime ---------------------------------------------------------------------

struct SdkRuntime::Impl {
    std::shared_ptr<Connection> connection;
    std::string session;
    std::mutex mutex;
    struct PendingD2H {
        std::span<uint32_t> dest;
        bool streaming = false;
    };
    std::map<uint64_t, PendingD2H> pending; // D2H buffers not yet filled
    std::unique_ptr<SharedSegment> shm;     // while the appliance accepts it
    std::mutex shmMutex;                    // one copy at a time uses shm

    // The shared segment with room for `bytes`, or nullptr: use the message instead.
    SharedSegment* segment(size_t bytes) {
        if (!c().sharesMachine || bytes < kSharedMemoryMinBytes)
            return nullptr;
        if (!shm)
            shm = std::make_unique<SharedSegment>();
        if (!shm->reserve(bytes)) {
            c().sharesMachine = false;
            shm.reset();
            return nullptr;
        }
        return shm.get();
    }
    void refuseSharedMemory() {
        c().sharesMachine = false;
        shm.reset();
    }
    // Below this, the message is as fast and needs no mapping.
    static constexpr size_t kSharedMemoryMinBytes = 256 * 1024;

    Connection::Impl& c() { return connection->impl(); }

    template <typename Req, typename Reply, typename Fn> Reply unary(Fn fn, const Req& req) {
        grpc::ClientContext ctx;
        c().prepare(ctx);
        Reply reply;
        check(((*c().runtime).*fn)(&ctx, req, &reply));
        return reply;
    }
    pb::SessionRef ref() const {
        pb::SessionRef r;
        r.set_session_id(session);
        return r;
    }
    Task finish(const pb::TaskReply& reply) {
        if (!reply.done())
            return Task{reply.task_id()};
        // The earlier copies are filled first, as the SDK's in-order commands write them:
        // when two D2H copies target the same buffer, the later one's words stay.
        settleBefore(reply.task_id());
        {
            std::lock_guard lock(mutex);
            auto it = pending.find(reply.task_id());
            if (it != pending.end()) {
                const size_t n = std::min(it->second.dest.size() * 4, reply.data().size());
                std::memcpy(it->second.dest.data(), reply.data().data(), n);
                pending.erase(it);
            }
        }
        return Task{reply.task_id()};
    }
    // The SDK runs commands in order: once a task is done, every nonblocking copy-mode D2H
    // issued before it has its data in its buffer too (a program may wait only for its
    // last command). Streaming D2H copies end when the kernel sends, which may take
    // commands issued later, so they are left to their own wait.
    void settleBefore(uint64_t taskId) {
        for (;;) {
            std::optional<uint64_t> earlier;
            {
                std::lock_guard lock(mutex);
                for (const auto& [id, p] : pending)
                    if (id < taskId && !p.streaming) {
                        earlier = id;
                        break;
                    }
            }
            if (!earlier)
                return;
            task(*earlier, true);
        }
    }
    pb::TaskReply task(uint64_t id, bool wait) {
        pb::TaskRequest r;
        r.set_session_id(session);
        r.set_task_id(id);
        r.set_wait(wait);
        auto reply = unary<pb::TaskRequest, pb::TaskReply>(&pb::Runtime::Stub::Task, r);
        finish(reply);
        return reply;
    }
    pb::MemcpyRequest memcpyRequest(bool toDevice, uint32_t target, int px, int py, int w, int h,
                                    int elem, bool streaming, MemcpyDataType dt, MemcpyOrder order,
                                    bool nonblock) {
        pb::MemcpyRequest r;
        r.set_session_id(session);
        r.set_to_device(toDevice);
        r.set_target(target);
        r.set_streaming(streaming);
        r.set_px(px);
        r.set_py(py);
        r.set_w(w);
        r.set_h(h);
        r.set_elem_per_pe(elem);
        r.set_data_type(dt == MemcpyDataType::MEMCPY_16BIT ? tessera::sdk::MEMCPY_16BIT
                                                           : tessera::sdk::MEMCPY_32BIT);
        r.set_order(order == MemcpyOrder::COL_MAJOR ? tessera::sdk::COL_MAJOR
                                                    : tessera::sdk::ROW_MAJOR);
        r.set_nonblock(nonblock);
        r.set_row_stride(1);
        r.set_col_stride(1);
        return r;
    }
    // Waits for the nonblocking copy-mode D2H copies still pending into the bytes an H2D
    // is about to read: commands run in order, so the H2D sends what those copies bring.
    // Streaming ones are left alone: they end when the kernel sends, maybe after this H2D.
    void settlePendingInto(const void* data, size_t bytes) {
        const auto* lo = static_cast<const char*>(data);
        std::optional<uint64_t> last;
        {
            std::lock_guard lock(mutex);
            for (const auto& [id, p] : pending) {
                const auto* begin = reinterpret_cast<const char*>(p.dest.data());
                if (!p.streaming && begin < lo + bytes && lo < begin + p.dest.size_bytes())
                    last = id;
            }
        }
        if (last)
            task(*last, true);
    }
    Task h2d(pb::MemcpyRequest r, const void* data, size_t count, const char* dtype) {
        r.set_host_dtype(dtype);
        r.set_host_elements(int64_t(count));
        settlePendingInto(data, count * 4);
        std::unique_lock shmLock(shmMutex);
        if (auto* seg = segment(count * 4)) {
            std::memcpy(seg->reserve(count * 4), data, count * 4);
            r.set_shm_name(seg->name());
            try {
                return finish(
                    unary<pb::MemcpyRequest, pb::TaskReply>(&pb::Runtime::Stub::Memcpy, r));
            } catch (const ClientError& e) {
                if (!sharedMemoryRefused(e))
                    throw;
                refuseSharedMemory();
                r.clear_shm_name();
            }
        }
        r.set_data(static_cast<const char*>(data), count * 4);
        return finish(unary<pb::MemcpyRequest, pb::TaskReply>(&pb::Runtime::Stub::Memcpy, r));
    }
    Task d2h(pb::MemcpyRequest r, std::span<uint32_t> dest, const char* dtype) {
        r.set_host_dtype(dtype);
        r.set_host_elements(int64_t(dest.size()));
        // A nonblocking copy finishes later and brings its words in a Task reply.
        std::unique_lock shmLock(shmMutex);
        if (!r.nonblock()) {
            if (auto* seg = segment(dest.size() * 4)) {
                r.set_shm_name(seg->name());
                try {
                    auto reply =
                        unary<pb::MemcpyRequest, pb::TaskReply>(&pb::Runtime::Stub::Memcpy, r);
                    if (reply.data_in_shm()) {
                        settleBefore(reply.task_id()); // earlier copies first, as in finish()
                        std::memcpy(dest.data(), seg->reserve(dest.size() * 4), dest.size() * 4);
                        return Task{reply.task_id()};
                    }
                    {
                        std::lock_guard lock(mutex);
                        pending[reply.task_id()] = {dest, r.streaming()};
                    }
                    return finish(reply);
                } catch (const ClientError& e) {
                    if (!sharedMemoryRefused(e))
                        throw;
                    refuseSharedMemory();
                    r.clear_shm_name();
                }
            }
        }
        auto reply = unary<pb::MemcpyRequest, pb::TaskReply>(&pb::Runtime::Stub::Memcpy, r);
        {
            std::lock_guard lock(mutex);
            pending[reply.task_id()] = {dest, r.streaming()};
        }
        return finish(reply);
    }
    static pb::LaunchRequest launchRequest(const std::string& session, const std::string& symbol,
                                           const std::vector<LaunchArg>& args, bool nonblock) {
        pb::LaunchRequest r;
        r.set_session_id(session);
        r.set_symbol(symbol);
        r.set_nonblock(nonblock);
        for (const auto& a : args) {
            auto* arg = r.add_args();
            std::visit(
                [arg](auto v) {
                    using T = decltype(v);
                    if constexpr (std::is_same_v<T, bool>)
                        arg->set_b(v);
                    else if constexpr (std::is_floating_point_v<T>)
                        arg->set_f(double(v));
                    else
                        arg->set_i(int64_t(v));
                },
                a);
        }
        return r;
    }
};

SdkRuntime::SdkRuntime(const std::string& bindir, std::shared_ptr<Connection> connection,
                       RuntimeOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->connection = std::move(connection);
    const fs::path program = fs::path(bindir) / "bin" / "out_program.pb";
    if (!fs::exists(program))
        throw ClientError(int(grpc::StatusCode::NOT_FOUND),
                          program.string() + ": missing; compile with Tessera's cslc -o " + bindir);
    pb::OpenRequest req;
    req.set_program(readFile(program));
    req.set_suppress_simfab_trace(options.suppressSimfabTrace);
    req.set_simfab_numthreads(options.simfabNumthreads);
    req.set_client_label("C++ SdkRuntime " + fs::path(bindir).filename().string());
    req.set_client_pid(uint32_t(::getpid()));
    impl_->session =
        impl_->unary<pb::OpenRequest, pb::OpenReply>(&pb::Runtime::Stub::Open, req).session_id();
}

SdkRuntime::~SdkRuntime() {
    grpc::ClientContext ctx;
    impl_->c().prepare(ctx);
    pb::Empty e;
    impl_->c().runtime->Close(&ctx, impl_->ref(), &e); // best effort: the server may be gone
}

const std::string& SdkRuntime::sessionId() const {
    return impl_->session;
}

void SdkRuntime::load() {
    impl_->unary<pb::SessionRef, pb::Empty>(&pb::Runtime::Stub::Load, impl_->ref());
}

void SdkRuntime::run() {
    impl_->unary<pb::SessionRef, pb::Empty>(&pb::Runtime::Stub::Start, impl_->ref());
}

uint64_t SdkRuntime::stop() {
    auto reply =
        impl_->unary<pb::SessionRef, pb::StopReply>(&pb::Runtime::Stub::Stop, impl_->ref());
    std::vector<uint64_t> pending;
    {
        std::lock_guard lock(impl_->mutex);
        for (const auto& [id, span] : impl_->pending)
            pending.push_back(id);
    }
    for (auto id : pending)
        impl_->task(id, true);
    return reply.cycle();
}

uint32_t SdkRuntime::get_id(const std::string& name) {
    pb::GetIdRequest r;
    r.set_session_id(impl_->session);
    r.set_name(name);
    return impl_->unary<pb::GetIdRequest, pb::GetIdReply>(&pb::Runtime::Stub::GetId, r).id();
}

Task SdkRuntime::launch(const std::string& symbol, const std::vector<LaunchArg>& args,
                        bool nonblock) {
    return impl_->finish(impl_->unary<pb::LaunchRequest, pb::TaskReply>(
        &pb::Runtime::Stub::Launch, Impl::launchRequest(impl_->session, symbol, args, nonblock)));
}

Task SdkRuntime::call(const std::string& symbol, const std::vector<uint32_t>& args, bool nonblock) {
    pb::CallRequest r;
    r.set_session_id(impl_->session);
    r.set_symbol(symbol);
    r.set_nonblock(nonblock);
    for (auto a : args)
        r.add_args(a);
    return impl_->finish(impl_->unary<pb::CallRequest, pb::TaskReply>(&pb::Runtime::Stub::Call, r));
}

Task SdkRuntime::memcpy_h2d(uint32_t dest, std::span<const float> src, int px, int py, int w, int h,
                            int elem, bool streaming, MemcpyDataType dt, MemcpyOrder order,
                            bool nonblock) {
    return impl_->h2d(
        impl_->memcpyRequest(true, dest, px, py, w, h, elem, streaming, dt, order, nonblock),
        src.data(), src.size(), "float32");
}

Task SdkRuntime::memcpy_h2d(uint32_t dest, std::span<const uint32_t> src, int px, int py, int w,
                            int h, int elem, bool streaming, MemcpyDataType dt, MemcpyOrder order,
                            bool nonblock) {
    return impl_->h2d(
        impl_->memcpyRequest(true, dest, px, py, w, h, elem, streaming, dt, order, nonblock),
        src.data(), src.size(), "uint32");
}

Task SdkRuntime::memcpy_h2d_rowbcast(uint32_t dest, std::span<const uint32_t> src, int px, int py,
                                     int w, int h, int elem, MemcpyDataType dt, bool nonblock) {
    auto r = impl_->memcpyRequest(true, dest, px, py, w, h, elem, false, dt, MemcpyOrder::ROW_MAJOR,
                                  nonblock);
    r.set_shape(pb::ROW_BROADCAST);
    return impl_->h2d(r, src.data(), src.size(), "uint32");
}

Task SdkRuntime::memcpy_h2d_colbcast(uint32_t dest, std::span<const uint32_t> src, int px, int py,
                                     int w, int h, int elem, MemcpyDataType dt, bool nonblock) {
    auto r = impl_->memcpyRequest(true, dest, px, py, w, h, elem, false, dt, MemcpyOrder::ROW_MAJOR,
                                  nonblock);
    r.set_shape(pb::COL_BROADCAST);
    return impl_->h2d(r, src.data(), src.size(), "uint32");
}

Task SdkRuntime::memcpy_h2d_stride(uint32_t dest, std::span<const uint32_t> src, int px, int py,
                                   int w, int h, int elem, int rowStride, int colStride,
                                   MemcpyDataType dt, bool nonblock) {
    auto r = impl_->memcpyRequest(true, dest, px, py, w, h, elem, false, dt, MemcpyOrder::ROW_MAJOR,
                                  nonblock);
    r.set_shape(pb::STRIDED);
    r.set_row_stride(rowStride);
    r.set_col_stride(colStride);
    return impl_->h2d(r, src.data(), src.size(), "uint32");
}

Task SdkRuntime::memcpy_d2h(std::span<float> dest, uint32_t src, int px, int py, int w, int h,
                            int elem, bool streaming, MemcpyDataType dt, MemcpyOrder order,
                            bool nonblock) {
    return impl_->d2h(
        impl_->memcpyRequest(false, src, px, py, w, h, elem, streaming, dt, order, nonblock),
        std::span<uint32_t>(reinterpret_cast<uint32_t*>(dest.data()), dest.size()), "float32");
}

Task SdkRuntime::memcpy_d2h(std::span<uint32_t> dest, uint32_t src, int px, int py, int w, int h,
                            int elem, bool streaming, MemcpyDataType dt, MemcpyOrder order,
                            bool nonblock) {
    return impl_->d2h(
        impl_->memcpyRequest(false, src, px, py, w, h, elem, streaming, dt, order, nonblock), dest,
        "uint32");
}

bool SdkRuntime::is_task_done(Task task) {
    return impl_->task(task.id, false).done();
}

void SdkRuntime::task_wait(Task task) {
    impl_->task(task.id, true);
}

namespace {

// Writes a stream's chunk bytes to path.partial and renames it to path once the stream
// ended well, so a call that fails leaves no truncated file under the name a reader opens.
// `what` names the call in errors; onChunk sees every chunk before its bytes are written.
template <typename Chunk, typename OnChunk>
void streamToFile(grpc::ClientContext& ctx, grpc::ClientReaderInterface<Chunk>& reader,
                  const std::string& path, const std::string& what, OnChunk onChunk) {
    const std::string partial = path + ".partial";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) {
        ctx.TryCancel();
        reader.Finish();
        throw ClientError(int(grpc::StatusCode::INVALID_ARGUMENT), what + ": cannot write " + path);
    }
    Chunk chunk;
    while (reader.Read(&chunk)) {
        onChunk(chunk);
        out.write(chunk.data().data(), std::streamsize(chunk.data().size()));
    }
    out.close();
    const grpc::Status status = reader.Finish();
    std::error_code ignored;
    if (!status.ok()) {
        fs::remove(partial, ignored);
        check(status);
    }
    if (!out) {
        fs::remove(partial, ignored);
        throw ClientError(int(grpc::StatusCode::INTERNAL), what + ": cannot write " + path);
    }
    fs::rename(partial, path);
}

// Runtime.DumpCore of any session by id.
void dumpCoreOf(Connection::Impl& c, const std::string& sessionId, const std::string& corefile) {
    grpc::ClientContext ctx;
    c.prepare(ctx);
    pb::SessionRef ref;
    ref.set_session_id(sessionId);
    auto reader = c.runtime->DumpCore(&ctx, ref);
    streamToFile(ctx, *reader, corefile, "dump_core", [](const pb::Bytes&) {});
}

} // namespace

void SdkRuntime::dump_core(const std::string& corefile) {
    dumpCoreOf(impl_->c(), impl_->session, corefile);
}

std::vector<uint8_t> SdkRuntime::read_symbol(uint32_t x, uint32_t y, const std::string& name) {
    pb::ReadSymbolRequest r;
    r.set_session_id(impl_->session);
    r.set_x(x);
    r.set_y(y);
    r.set_name(name);
    auto bytes =
        impl_->unary<pb::ReadSymbolRequest, pb::Bytes>(&pb::Runtime::Stub::ReadSymbol, r).data();
    return {bytes.begin(), bytes.end()};
}

namespace {
// State of one async unary call: lives until its callback ran.
template <typename Req, typename Reply> struct AsyncCall {
    grpc::ClientContext ctx;
    Req request;
    Reply reply;
};
} // namespace

void SdkRuntime::launch_async(const std::string& symbol, const std::vector<LaunchArg>& args,
                              Done done) {
    auto call = std::make_shared<AsyncCall<pb::LaunchRequest, pb::TaskReply>>();
    impl_->c().prepare(call->ctx);
    call->request = Impl::launchRequest(impl_->session, symbol, args, false);
    impl_->c().runtime->async()->Launch(&call->ctx, &call->request, &call->reply,
                                        [call, done](grpc::Status s) { done(toError(s)); });
}

void SdkRuntime::stop_async(Done done) {
    auto call = std::make_shared<AsyncCall<pb::SessionRef, pb::StopReply>>();
    impl_->c().prepare(call->ctx);
    call->request = impl_->ref();
    Impl* impl = impl_.get();
    // The pending D2H buffers are filled by the synchronous task calls after Stop; do
    // them on a helper thread so the gRPC callback thread is not blocked.
    impl_->c().runtime->async()->Stop(&call->ctx, &call->request, &call->reply,
                                      [call, done, impl](grpc::Status s) {
                                          if (!s.ok()) {
                                              done(toError(s));
                                              return;
                                          }
                                          std::thread([impl, done] {
                                              try {
                                                  std::vector<uint64_t> ids;
                                                  {
                                                      std::lock_guard lock(impl->mutex);
                                                      for (const auto& [id, span] : impl->pending)
                                                          ids.push_back(id);
                                                  }
                                                  for (auto id : ids)
                                                      impl->task(id, true);
                                                  done(std::nullopt);
                                              } catch (const ClientError& e) {
                                                  done(e);
                                              }
                                          }).detach();
                                      });
}

// ---- SdkCompiler ----------------------------------------------------------------------

SdkCompiler::SdkCompiler(std::shared_ptr<Connection> connection)
    : connection_(std::move(connection)) {}

void CompileCancellation::cancel() {
    // Under the lock: detach() (the call's end, before its context dies) waits for it.
    // ClientContext::TryCancel is thread-safe and does not block.
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (cancelCall_)
        cancelCall_();
}

bool CompileCancellation::isCancelled() const {
    std::lock_guard lock(mutex_);
    return cancelled_;
}

bool CompileCancellation::attach(std::function<void()> cancelCall) {
    std::lock_guard lock(mutex_);
    cancelCall_ = std::move(cancelCall);
    return !cancelled_;
}

void CompileCancellation::detach() {
    std::lock_guard lock(mutex_);
    cancelCall_ = nullptr;
}

std::string SdkCompiler::compile(const std::string& codedir, const std::string& layout,
                                 const std::string& args, const std::string& outdir,
                                 const std::function<void(const Diagnostic&)>& onDiagnostic,
                                 std::shared_ptr<CompileCancellation> cancellation) {
    const auto cancelledError = [] {
        return ClientError(int(grpc::StatusCode::CANCELLED), "compile: cancelled");
    };
    pb::CompileRequest req;
    if (!fs::is_directory(codedir))
        throw ClientError(int(grpc::StatusCode::NOT_FOUND),
                          "codedir '" + codedir + "' is not a directory");
    collect(codedir, req.mutable_code_files());
    req.set_layout(layout);
    req.set_args(args);
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    if (cancellation && !cancellation->attach([&ctx] { ctx.TryCancel(); }))
        throw cancelledError();
    // Detached on every way out: the context dies with this call.
    struct Detach {
        CompileCancellation* c;
        ~Detach() {
            if (c)
                c->detach();
        }
    } detach{cancellation.get()};
    auto reader = connection_->impl().compile->Compile(&ctx, req);
    pb::CompileEvent event;
    std::optional<pb::CompileDone> done;
    size_t errors = 0;
    while (reader->Read(&event)) {
        if (event.has_diagnostic()) {
            const auto& d = event.diagnostic();
            errors += d.severity() == "error";
            if (onDiagnostic)
                onDiagnostic(
                    {d.severity(), d.file(), d.message(), d.formatted(), d.line(), d.column()});
        } else if (event.has_done()) {
            done = event.done();
        }
    }
    const grpc::Status status = reader->Finish();
    // A cancel that raced with the end of the compile still writes nothing.
    if (cancellation && cancellation->isCancelled())
        throw cancelledError();
    check(status);
    if (!done || !done->ok())
        throw ClientError(int(grpc::StatusCode::FAILED_PRECONDITION),
                          "compile failed with " + std::to_string(errors) + " error(s)");
    const fs::path target = inside(outdir, done->artifact_name(), "artifact name");
    for (const auto& f : done->artifact_files()) {
        const fs::path p = inside(target, f.path(), "artifact file");
        fs::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(f.data().data(), std::streamsize(f.data().size()));
    }
    return target.string();
}

// ---- SdkLauncher ----------------------------------------------------------------------

SdkLauncher::SdkLauncher(const std::string& artifactPath, std::shared_ptr<Connection> connection)
    : connection_(std::move(connection)) {
    pb::CreateJobRequest req;
    req.set_artifact_name(fs::path(artifactPath).lexically_normal().filename().string());
    if (req.artifact_name().empty())
        req.set_artifact_name(
            fs::path(artifactPath).lexically_normal().parent_path().filename().string());
    req.set_simulator(true);
    collect(artifactPath, req.mutable_artifact_files());
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::JobReply reply;
    check(connection_->impl().launcher->CreateJob(&ctx, req, &reply));
    job_ = reply.job_id();
    cmaddr_ = reply.cmaddr();
}

SdkLauncher::~SdkLauncher() {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::JobRef ref;
    ref.set_job_id(job_);
    pb::Empty e;
    connection_->impl().launcher->CloseJob(&ctx, ref, &e); // best effort
}

void SdkLauncher::stage(const std::string& path) {
    pb::StageRequest req;
    req.set_job_id(job_);
    const fs::path p(path);
    const std::string name = p.lexically_normal().filename().string();
    if (fs::is_directory(p)) {
        collect(p, req.mutable_files());
        for (auto& f : *req.mutable_files())
            f.set_path(name + "/" + f.path());
    } else {
        auto* f = req.add_files();
        f->set_path(name);
        f->set_data(readFile(p));
        f->set_executable((fs::status(p).permissions() & fs::perms::owner_exec) != fs::perms::none);
    }
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::Empty e;
    check(connection_->impl().launcher->Stage(&ctx, req, &e));
}

std::string SdkLauncher::run(const std::string& command, unsigned timeoutSeconds) {
    pb::RunCommandRequest req;
    req.set_job_id(job_);
    req.set_command(command);
    req.set_timeout_seconds(timeoutSeconds);
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::RunCommandReply reply;
    check(connection_->impl().launcher->RunCommand(&ctx, req, &reply));
    if (reply.exit_code() != 0)
        throw ClientError(int(grpc::StatusCode::ABORTED), "'" + command + "' exited with " +
                                                              std::to_string(reply.exit_code()) +
                                                              ":\n" + reply.output());
    return reply.output();
}

void SdkLauncher::download_artifact(const std::string& name, const std::string& outPath) {
    pb::DownloadRequest req;
    req.set_job_id(job_);
    req.set_path(name);
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::FileEntry reply;
    check(connection_->impl().launcher->Download(&ctx, req, &reply));
    std::ofstream out(outPath, std::ios::binary | std::ios::trunc);
    if (!out)
        throw ClientError(int(grpc::StatusCode::INVALID_ARGUMENT),
                          "download_artifact: cannot write " + outPath);
    out.write(reply.data().data(), std::streamsize(reply.data().size()));
}

// ---- DebugSession -----------------------------------------------------------------------

namespace {
Frame toFrame(const pb::Frame& f) {
    Frame out;
    out.cycle = f.cycle();
    out.width = f.width();
    out.height = f.height();
    out.status = f.status();
    out.message = f.message();
    for (const auto& p : f.pes())
        out.pes.push_back({p.instructions(), p.wavelets(), p.stall_cycles(), p.task_activations()});
    for (const auto& m : f.memcpy())
        out.memcpy.push_back({m.to_device(), m.streaming(), m.symbol(), m.color(), m.x(), m.y(),
                              m.w(), m.h(), m.elements_per_pe(), m.done()});
    return out;
}
} // namespace

struct FrameSubscription::Impl {
    grpc::ClientContext ctx;
    std::thread reader;
};

FrameSubscription::FrameSubscription(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FrameSubscription::~FrameSubscription() {
    impl_->ctx.TryCancel();
    impl_->reader.join();
}

std::vector<SessionInfo> listSessions(const std::shared_ptr<Connection>& connection) {
    grpc::ClientContext ctx;
    connection->impl().prepare(ctx);
    pb::ListSessionsReply reply;
    check(connection->impl().debug->ListSessions(&ctx, pb::Empty(), &reply));
    std::vector<SessionInfo> out;
    for (const auto& s : reply.sessions()) {
        const auto& g = s.geometry();
        out.push_back({s.session_id(), s.client_label(), s.client_pid(), s.state(),
                       s.opened_unix_ms(), s.cycle(), g.fabric_width(), g.fabric_height(),
                       g.offset_x(), g.offset_y(), g.width(), g.height()});
    }
    return out;
}

DebugSession::DebugSession(std::shared_ptr<Connection> connection, std::string sessionId)
    : connection_(std::move(connection)), session_(std::move(sessionId)) {}

void DebugSession::dumpCore(const std::string& corefile) {
    dumpCoreOf(connection_->impl(), session_, corefile);
}

Frame DebugSession::pause() {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::SessionRef ref;
    ref.set_session_id(session_);
    pb::Frame f;
    check(connection_->impl().debug->Pause(&ctx, ref, &f));
    return toFrame(f);
}

Frame DebugSession::resume() {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::SessionRef ref;
    ref.set_session_id(session_);
    pb::Frame f;
    check(connection_->impl().debug->Resume(&ctx, ref, &f));
    return toFrame(f);
}

Frame DebugSession::step(uint64_t cycles) {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::StepRequest req;
    req.set_session_id(session_);
    req.set_cycles(cycles);
    pb::Frame f;
    check(connection_->impl().debug->Step(&ctx, req, &f));
    return toFrame(f);
}

WaitStates DebugSession::waitStates(uint32_t maxEntries) {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::WaitStatesRequest req;
    req.set_session_id(session_);
    req.set_max_entries(maxEntries);
    pb::WaitStatesReply reply;
    check(connection_->impl().debug->WaitStates(&ctx, req, &reply));
    WaitStates out;
    out.cycle = reply.cycle();
    out.truncated = reply.truncated();
    out.waits.reserve(size_t(reply.waits_size()));
    for (const auto& w : reply.waits()) {
        PeWait p;
        p.x = w.x();
        p.y = w.y();
        p.kind = WaitKind(int(w.kind()));
        p.color = w.color();
        p.queue = w.queue();
        p.task = w.task();
        p.waiter = w.waiter();
        p.hasHolder = w.has_holder();
        p.holderX = w.holder_x();
        p.holderY = w.holder_y();
        p.holder = w.holder();
        p.reason = w.reason();
        p.since = w.since();
        out.waits.push_back(std::move(p));
    }
    return out;
}

SimprintLines DebugSession::simprint(uint64_t firstLine, uint32_t maxLines) {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::SimprintRequest req;
    req.set_session_id(session_);
    req.set_first_line(firstLine);
    req.set_max_lines(maxLines);
    pb::SimprintReply reply;
    check(connection_->impl().debug->Simprint(&ctx, req, &reply));
    SimprintLines out;
    out.firstLine = reply.first_line();
    out.totalLines = reply.total_lines();
    out.windowBytes = reply.window_bytes();
    out.lines.assign(reply.lines().begin(), reply.lines().end());
    return out;
}

TraceResult DebugSession::trace(const std::string& logPath, uint64_t upToCycle,
                                const TraceRegion& region) {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::TraceRequest req;
    req.set_session_id(session_);
    req.set_up_to_cycle(upToCycle);
    req.set_region_x(region.x);
    req.set_region_y(region.y);
    req.set_region_width(region.width);
    req.set_region_height(region.height);
    auto reader = connection_->impl().debug->Trace(&ctx, req);
    TraceResult result;
    bool first = true;
    streamToFile(ctx, *reader, logPath, "trace", [&](const pb::TraceChunk& chunk) {
        if (!std::exchange(first, false))
            return;
        const pb::TraceHeader& h = chunk.header();
        result.cycle = h.cycle();
        result.sessionCycle = h.session_cycle();
        result.commands = h.commands();
        result.stopped = h.stopped();
        result.countersChecked = h.counters_checked();
        result.countersNote = h.counters_note();
        result.width = h.width();
        result.height = h.height();
        result.instructions.assign(h.instructions().begin(), h.instructions().end());
    });
    return result;
}

void DebugSession::setBreakpoints(const std::vector<BreakpointSpec>& breakpoints) {
    grpc::ClientContext ctx;
    connection_->impl().prepare(ctx);
    pb::BreakpointsRequest req;
    req.set_session_id(session_);
    for (const auto& b : breakpoints) {
        auto* s = req.add_breakpoints();
        s->set_kind(b.kind);
        s->set_x(b.x);
        s->set_y(b.y);
        s->set_any_pe(b.anyPe);
        s->set_value(b.value);
        s->set_file(b.file);
        s->set_symbol(b.symbol);
    }
    pb::Empty e;
    check(connection_->impl().debug->SetBreakpoints(&ctx, req, &e));
}

std::unique_ptr<FrameSubscription>
DebugSession::subscribe(uint32_t intervalMs, std::function<void(const Frame&)> onFrame,
                        std::function<void()> onClosed) {
    auto impl = std::make_unique<FrameSubscription::Impl>();
    connection_->impl().prepare(impl->ctx);
    pb::FramesRequest req;
    req.set_session_id(session_);
    req.set_interval_ms(intervalMs);
    auto* ctx = &impl->ctx;
    auto* stub = connection_->impl().debug.get();
    auto keepAlive = connection_;
    impl->reader = std::thread(
        [ctx, stub, req, onFrame = std::move(onFrame), onClosed = std::move(onClosed), keepAlive] {
            auto reader = stub->Frames(ctx, req);
            pb::Frame f;
            while (reader->Read(&f))
                onFrame(toFrame(f));
            // OK only when the appliance ended the stream: the session closed (a cancel by
            // our destructor or a lost connection is an error status).
            if (reader->Finish().ok() && onClosed)
                onClosed();
        });
    return std::make_unique<FrameSubscription>(std::move(impl));
}

} // namespace tessera::client
