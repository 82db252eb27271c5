// The appliance services through the raw gRPC stubs against the in-process server:
// the happy path of the Runtime service, and bad requests with their exact statuses.
#include "backend/appliance/appliance.h"
#include "backend/appliance/services.h"
#include "backend/artifact/program_file.h"
#include "fixture_program.h"
#include "sim/trace_log.h"
#include "tests/test_time.h"

#include "tessera/appliance.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

namespace pb = tessera::appliance;

namespace {

std::string floatsToBytes(const std::vector<float>& v) {
    std::string s(v.size() * 4, '\0');
    std::memcpy(s.data(), v.data(), s.size());
    return s;
}

std::vector<float> bytesToFloats(const std::string& s) {
    std::vector<float> v(s.size() / 4);
    std::memcpy(v.data(), s.data(), v.size() * 4);
    return v;
}

// A one-PE program whose chatter(n: u32) prints n lines "<i> " + 80 'y'.
std::shared_ptr<sim::FabricProgram> chatterProgram() {
    using sim::Op;
    using T = sim::ScalarType;
    constexpr uint16_t N = sim::kNoReg;
    auto program = fixture::program(1, 1);
    sim::CodeClass& c = program->classes.at(0);
    c.strings = {" " + std::string(80, 'y') + "\n"};
    // r0 = n, r1 = i, r2 = 1, r3..r5 = the value's arguments, r6 = string, r7 = 0, r8 = i < n
    c.functions.push_back(fixture::function(
        "chatter", {T::U32},
        {fixture::instr(Op::Imm, T::U32, 1, N, N, 0), fixture::instr(Op::Imm, T::U32, 2, N, N, 1),
         fixture::instr(Op::Imm, T::U32, 7, N, N, 0),
         fixture::instr(Op::Add, T::U32, 3, 1, 7, 0), // 3: loop
         fixture::instr(Op::Imm, T::U8, 4, N, N, int32_t(T::U32)),
         fixture::instr(Op::Imm, T::U8, 5, N, N, 'd'),
         fixture::instr(Op::Builtin, T::Void, N, 3, 3, int32_t(sim::BuiltinId::SimprintValue)),
         fixture::instr(Op::Imm, T::U16, 6, N, N, 0),
         fixture::instr(Op::Builtin, T::Void, N, 6, 1, int32_t(sim::BuiltinId::SimprintString)),
         fixture::instr(Op::Add, T::U32, 1, 1, 2, 0), fixture::instr(Op::CmpLt, T::U32, 8, 1, 0, 0),
         fixture::instr(Op::JumpIf, T::Void, N, 8, N, 3)},
        9));
    c.exports.push_back({"chatter", true, 0, int32_t(c.functions.size() - 1)});
    program->hostSymbols.push_back(
        {5, "chatter", sim::HostSymbol::Kind::Func, T::Void, false, {T::U32}});
    return program;
}

// The i of a chatter line ("@cycle PE(0,0): <i> yyy" or "@cycle <i> yyy"), or -1.
int64_t chatterIndex(const std::string& line) {
    const size_t colon = line.find("): ");
    const size_t at = colon == std::string::npos ? line.find(' ') + 1 : colon + 3;
    return line.size() > at && std::isdigit(static_cast<unsigned char>(line[at]))
               ? int64_t(std::stoll(line.substr(at)))
               : -1;
}

#define EXPECT_STATUS(expr, code, text)                                                            \
    do {                                                                                           \
        grpc::Status st_ = (expr);                                                                 \
        QVERIFY2(st_.error_code() == (code),                                                       \
                 qPrintable(QString("got %1: %2")                                                  \
                                .arg(int(st_.error_code()))                                        \
                                .arg(QString::fromStdString(st_.error_message()))));               \
        QVERIFY2(st_.error_message().find(text) != std::string::npos,                              \
                 st_.error_message().c_str());                                                     \
    } while (0)

#define EXPECT_OK(expr)                                                                            \
    do {                                                                                           \
        grpc::Status st_ = (expr);                                                                 \
        QVERIFY2(st_.ok(), st_.error_message().c_str());                                           \
    } while (0)

// An appliance of its own for the shutdown tests, with a work directory that outlives it.
struct PrivateAppliance {
    QTemporaryDir work;
    std::unique_ptr<appliance::Appliance> server;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<pb::Runtime::Stub> runtime;
    std::unique_ptr<pb::Debug::Stub> debug;
    std::unique_ptr<pb::Launcher::Stub> launcher;

    explicit PrivateAppliance(appliance::ApplianceOptions o = {}) {
        o.workRoot = work.path().toStdString();
        server = appliance::Appliance::startEmbedded(o);
        channel = server->inProcessChannel();
        runtime = pb::Runtime::NewStub(channel);
        debug = pb::Debug::NewStub(channel);
        launcher = pb::Launcher::NewStub(channel);
    }

    // A running session of the fixture program whose init function never returns (a
    // jump to itself; no host command waits, so no hang report ends it): every step of
    // this session simulates for as long as it may.
    std::string spinningSession() {
        auto program = fixture::program();
        sim::CodeClass& c = program->classes.at(0);
        c.functions.push_back(
            fixture::function("spin", {},
                              {fixture::instr(sim::Op::Jump, sim::ScalarType::Void, sim::kNoReg,
                                              sim::kNoReg, sim::kNoReg, 0)},
                              1));
        c.initFunction = int32_t(c.functions.size() - 1);
        return openRunning(*program);
    }

    // A session of `program`, loaded and started.
    std::string openRunning(const sim::FabricProgram& program) {
        grpc::ClientContext openCtx;
        pb::OpenRequest open;
        open.set_program(artifact::serializeProgram(program));
        pb::OpenReply opened;
        if (!runtime->Open(&openCtx, open, &opened).ok())
            qFatal("open failed");
        pb::SessionRef ref;
        ref.set_session_id(opened.session_id());
        for (auto call : {&pb::Runtime::Stub::Load, &pb::Runtime::Stub::Start}) {
            grpc::ClientContext ctx;
            pb::Empty e;
            if (!(runtime.get()->*call)(&ctx, ref, &e).ok())
                qFatal("load/start failed");
        }
        return opened.session_id();
    }
    grpc::Status launchU32(const std::string& id, const std::string& symbol, int64_t value) {
        grpc::ClientContext ctx;
        pb::LaunchRequest r;
        r.set_session_id(id);
        r.set_symbol(symbol);
        r.add_args()->set_i(value);
        pb::TaskReply reply;
        return runtime->Launch(&ctx, r, &reply);
    }
    pb::SimprintReply simprint(const std::string& id, uint64_t first, bool simLogForm, bool follow,
                               uint32_t maxLines = 0) {
        grpc::ClientContext ctx;
        pb::SimprintRequest r;
        r.set_session_id(id);
        r.set_first_line(first);
        r.set_max_lines(maxLines);
        r.set_sim_log_form(simLogForm);
        r.set_follow(follow);
        pb::SimprintReply reply;
        if (!debug->Simprint(&ctx, r, &reply).ok())
            qFatal("Debug.Simprint failed");
        return reply;
    }

    // A call that runs on its own thread until it ends; status() waits for it.
    class PendingCall {
      public:
        explicit PendingCall(std::function<grpc::Status()> call)
            : result_(std::async(std::launch::async, std::move(call)).share()) {}
        bool ended() const {
            return result_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
        }
        // The server has sent the status when shutdown returns, but the client's thread
        // still has to take it in (seen: 1 in 5 Frames streams not yet ended at once).
        bool endsSoon() const {
            return result_.wait_for(std::chrono::milliseconds(tessera_test::scaledMs(2000))) ==
                   std::future_status::ready;
        }
        grpc::Status status() const { return result_.get(); }

      private:
        std::shared_future<grpc::Status> result_;
    };

    PendingCall longStep(const std::string& id) {
        return PendingCall([this, id] {
            grpc::ClientContext ctx;
            pb::StepRequest r;
            r.set_session_id(id);
            r.set_cycles(uint64_t(1) << 40); // hours of simulated spinning
            pb::Frame frame;
            return debug->Step(&ctx, r, &frame);
        });
    }

    // Shuts down on another thread and returns how long that took. A shutdown that waits
    // for a handler nobody ends would hang the whole suite: after 20 s this aborts it.
    qint64 timedShutdown() {
        QElapsedTimer t;
        t.start();
        auto done = std::async(std::launch::async, [this] { server->shutdown(); });
        if (done.wait_for(std::chrono::seconds(20)) != std::future_status::ready)
            qFatal("Appliance::shutdown still waits for a handler after 20 s");
        return t.elapsed();
    }
};

#define EXPECT_ENDED_WITH(call, code, text)                                                        \
    do {                                                                                           \
        QVERIFY2((call).endsSoon(), "the call outlived the appliance's shutdown");                 \
        EXPECT_STATUS((call).status(), code, text);                                                \
    } while (0)

} // namespace

class TestAppliance : public QObject {
    Q_OBJECT

    std::unique_ptr<appliance::Appliance> server_;
    std::shared_ptr<grpc::Channel> channel_;
    std::unique_ptr<pb::Runtime::Stub> runtime_;
    std::unique_ptr<pb::Launcher::Stub> launcher_;
    std::unique_ptr<pb::Compile::Stub> compile_;
    std::unique_ptr<pb::Version::Stub> version_;
    std::unique_ptr<pb::Debug::Stub> debug_;

    std::string open() {
        grpc::ClientContext ctx;
        pb::OpenRequest req;
        req.set_program(artifact::serializeProgram(*fixture::program()));
        pb::OpenReply reply;
        auto st = runtime_->Open(&ctx, req, &reply);
        if (!st.ok())
            qFatal("open failed: %s", st.error_message().c_str());
        return reply.session_id();
    }
    grpc::Status sessionCall(grpc::Status (pb::Runtime::Stub::*fn)(grpc::ClientContext*,
                                                                   const pb::SessionRef&,
                                                                   pb::Empty*),
                             const std::string& id) {
        grpc::ClientContext ctx;
        pb::SessionRef ref;
        ref.set_session_id(id);
        pb::Empty e;
        return (runtime_.get()->*fn)(&ctx, ref, &e);
    }
    std::string openRunning() {
        auto id = open();
        if (!sessionCall(&pb::Runtime::Stub::Load, id).ok() ||
            !sessionCall(&pb::Runtime::Stub::Start, id).ok())
            qFatal("load/start failed");
        return id;
    }
    pb::MemcpyRequest h2dBuf(const std::string& id, const std::vector<float>& data) {
        pb::MemcpyRequest r;
        r.set_session_id(id);
        r.set_to_device(true);
        r.set_target(0);
        r.set_px(0);
        r.set_py(0);
        r.set_w(2);
        r.set_h(1);
        r.set_elem_per_pe(16);
        r.set_data(floatsToBytes(data));
        r.set_host_dtype("float32");
        r.set_host_elements(int64_t(data.size()));
        return r;
    }
    pb::MemcpyRequest d2hBuf(const std::string& id) {
        pb::MemcpyRequest r;
        r.set_session_id(id);
        r.set_to_device(false);
        r.set_target(0);
        r.set_w(2);
        r.set_h(1);
        r.set_elem_per_pe(16);
        r.set_host_dtype("float32");
        r.set_host_elements(32);
        return r;
    }
    grpc::Status memcpy(const pb::MemcpyRequest& r, pb::TaskReply* reply = nullptr) {
        grpc::ClientContext ctx;
        pb::TaskReply local;
        return runtime_->Memcpy(&ctx, r, reply ? reply : &local);
    }
    grpc::Status launch(const std::string& id, const std::string& symbol,
                        std::vector<pb::LaunchArg> args, bool nonblock = false,
                        pb::TaskReply* reply = nullptr) {
        grpc::ClientContext ctx;
        pb::LaunchRequest r;
        r.set_session_id(id);
        r.set_symbol(symbol);
        r.set_nonblock(nonblock);
        for (auto& a : args)
            *r.add_args() = a;
        pb::TaskReply local;
        return runtime_->Launch(&ctx, r, reply ? reply : &local);
    }
    static pb::LaunchArg f(double v) {
        pb::LaunchArg a;
        a.set_f(v);
        return a;
    }
    static pb::LaunchArg i(int64_t v) {
        pb::LaunchArg a;
        a.set_i(v);
        return a;
    }
    // A full-wafer game of life (750x994 PEs): tens of seconds of compiling.
    static pb::CompileRequest fullWaferCompile() {
        pb::CompileRequest big;
        big.set_layout("layout.csl");
        big.set_args("--arch=wse2 --fabric-dims=757,996 --fabric-offsets=4,1 "
                     "--params=width:750,height:994 --memcpy --channels=1 -o out");
        for (const char* name : {"layout.csl", "cell.csl"}) {
            std::ifstream in(std::string(TESSERA_SOURCE_DIR) + "/resources/examples/game-of-life/" +
                             name);
            std::ostringstream text;
            text << in.rdbuf();
            auto* f = big.add_code_files();
            f->set_path(name);
            f->set_data(text.str());
        }
        return big;
    }
    std::vector<float> inputs() {
        std::vector<float> v(32);
        for (size_t k = 0; k < v.size(); ++k)
            v[k] = float(k);
        return v;
    }

  private slots:
    void initTestCase() {
        appliance::ApplianceOptions o;
        o.commandTimeoutSeconds = 5;
        server_ = appliance::Appliance::startEmbedded(o);
        channel_ = server_->inProcessChannel();
        runtime_ = pb::Runtime::NewStub(channel_);
        launcher_ = pb::Launcher::NewStub(channel_);
        compile_ = pb::Compile::NewStub(channel_);
        version_ = pb::Version::NewStub(channel_);
        debug_ = pb::Debug::NewStub(channel_);
    }
    void cleanupTestCase() {
        runtime_.reset();
        channel_.reset();
        server_.reset();
    }

    void blockingRoundTrip() {
        auto id = openRunning();
        EXPECT_OK(memcpy(h2dBuf(id, inputs())));
        EXPECT_OK(launch(id, "add_to_all", {f(1.5)}));
        pb::TaskReply reply;
        EXPECT_OK(memcpy(d2hBuf(id), &reply));
        QVERIFY(reply.done());
        auto out = bytesToFloats(reply.data());
        QCOMPARE(out.size(), size_t(32));
        for (size_t k = 0; k < out.size(); ++k)
            QCOMPARE(out[k], float(k) + 1.5f);
        // read_symbol sees the same bytes at PE (1,0).
        grpc::ClientContext ctx;
        pb::ReadSymbolRequest rs;
        rs.set_session_id(id);
        rs.set_x(1);
        rs.set_name("buf");
        pb::Bytes bytes;
        EXPECT_OK(runtime_->ReadSymbol(&ctx, rs, &bytes));
        QCOMPARE(bytesToFloats(bytes.data()).at(0), 17.5f);
    }

    void nonblockingWorkIsFlushedByStop() {
        auto id = openRunning();
        auto h2d = h2dBuf(id, inputs());
        h2d.set_nonblock(true);
        EXPECT_OK(memcpy(h2d));
        EXPECT_OK(launch(id, "add_to_all", {f(2)}, true));
        auto d2h = d2hBuf(id);
        d2h.set_nonblock(true);
        pb::TaskReply task;
        EXPECT_OK(memcpy(d2h, &task));
        QVERIFY(!task.done());
        grpc::ClientContext ctx;
        pb::SessionRef ref;
        ref.set_session_id(id);
        pb::StopReply stop;
        EXPECT_OK(runtime_->Stop(&ctx, ref, &stop));
        QVERIFY(stop.cycle() > 0);
        grpc::ClientContext ctx2;
        pb::TaskRequest tr;
        tr.set_session_id(id);
        tr.set_task_id(task.task_id());
        pb::TaskReply done;
        EXPECT_OK(runtime_->Task(&ctx2, tr, &done));
        QVERIFY(done.done());
        QCOMPARE(bytesToFloats(done.data()).at(31), 33.0f);
    }

    void taskWaitAndColMajor() {
        auto id = openRunning();
        auto h2d = h2dBuf(id, inputs());
        h2d.set_order(tessera::sdk::COL_MAJOR);
        EXPECT_OK(memcpy(h2d));
        pb::TaskReply launched;
        EXPECT_OK(launch(id, "noop", {}, true, &launched));
        grpc::ClientContext ctx;
        pb::TaskRequest tr;
        tr.set_session_id(id);
        tr.set_task_id(launched.task_id());
        tr.set_wait(true);
        pb::TaskReply done;
        EXPECT_OK(runtime_->Task(&ctx, tr, &done));
        QVERIFY(done.done());
        pb::TaskReply back;
        EXPECT_OK(memcpy(d2hBuf(id), &back)); // row-major read of a column-major write
        auto out = bytesToFloats(back.data());
        // COL_MAJOR with h=1: flat[x + k*w]; PE x=1 element 0 is input 1.
        QCOMPARE(out.at(16), 1.0f);
        QCOMPARE(out.at(1), 2.0f);
    }

    void badRuntimeRequests() {
        using C = grpc::StatusCode;
        const auto id = openRunning();
        const auto opened = open();
        {
            grpc::ClientContext ctx;
            pb::GetIdRequest r;
            r.set_session_id(id);
            r.set_name("nope");
            pb::GetIdReply reply;
            EXPECT_STATUS(runtime_->GetId(&ctx, r, &reply), C::NOT_FOUND, "unknown symbol 'nope'");
        }
        EXPECT_STATUS(sessionCall(&pb::Runtime::Stub::Load, "s999"), C::NOT_FOUND,
                      "session_id 's999'");
        EXPECT_STATUS(sessionCall(&pb::Runtime::Stub::Start, opened), C::FAILED_PRECONDITION,
                      "call load() first");
        EXPECT_STATUS(memcpy(h2dBuf(opened, inputs())), C::FAILED_PRECONDITION,
                      "memcpy_h2d: call load()");
        EXPECT_STATUS(sessionCall(&pb::Runtime::Stub::Start, id), C::FAILED_PRECONDITION,
                      "second run()");
        EXPECT_STATUS(sessionCall(&pb::Runtime::Stub::Load, id), C::FAILED_PRECONDITION,
                      "already loaded");
        {
            auto r = h2dBuf(id, inputs());
            r.set_px(1); // 1 + 2 > 2
            EXPECT_STATUS(memcpy(r), C::OUT_OF_RANGE,
                          "ROI (px=1, py=0, w=2, h=1) lies outside the 2x1");
            r.set_px(-1);
            EXPECT_STATUS(memcpy(r), C::OUT_OF_RANGE, "ROI (px=-1");
        }
        {
            auto r = h2dBuf(id, inputs());
            r.set_w(0);
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "width and height must be positive");
        }
        {
            auto r = h2dBuf(id, inputs());
            r.set_elem_per_pe(0);
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "elem_per_pe must be positive");
        }
        {
            auto r = h2dBuf(id, std::vector<float>(30));
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "src array has 30 elements, expected 32");
        }
        {
            auto r = h2dBuf(id, inputs());
            r.set_host_dtype("float64");
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "src array has dtype float64");
        }
        {
            auto d = d2hBuf(id);
            d.set_host_dtype("int16");
            EXPECT_STATUS(memcpy(d), C::INVALID_ARGUMENT, "dest array has dtype int16");
        }
        {
            // Open proto3 enums: a number that is no value is refused, not read as 32-bit
            // ROW_MAJOR.
            auto r = h2dBuf(id, inputs());
            r.set_data_type(tessera::sdk::MemcpyDataType(7));
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT,
                          "memcpy_h2d: data_type 7 is not a MemcpyDataType");
            auto d = d2hBuf(id);
            d.set_order(tessera::sdk::MemcpyOrder(3));
            EXPECT_STATUS(memcpy(d), C::INVALID_ARGUMENT,
                          "memcpy_d2h: order 3 is not a MemcpyOrder");
        }
        {
            auto r = h2dBuf(id, inputs());
            r.set_data(r.data().substr(4));
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "data carries 124 bytes, expected 128");
        }
        {
            auto r = h2dBuf(id, inputs());
            r.set_target(42);
            EXPECT_STATUS(memcpy(r), C::NOT_FOUND, "no exported symbol has id 42");
            r.set_target(2);
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "symbol 'add_to_all' is a function");
            r.set_target(1);
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT, "symbol 'ro' is exported immutable");
        }
        {
            auto r = h2dBuf(id, inputs());
            r.set_streaming(true);
            r.set_target(5);
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT,
                          "color 5 is not a streaming color of this program (MEMCPYH2D colors: 2)");
        }
        {
            auto d = d2hBuf(id);
            d.set_shape(pb::ROW_BROADCAST);
            EXPECT_STATUS(memcpy(d), C::INVALID_ARGUMENT, "host-to-device only");
            d.set_shape(pb::BOX);
            d.set_own_channel(true);
            EXPECT_STATUS(memcpy(d), C::INVALID_ARGUMENT,
                          "own_channel is for streaming host-to-device copies");
            auto r = h2dBuf(id, inputs());
            r.set_own_channel(true);
            EXPECT_STATUS(memcpy(r), C::INVALID_ARGUMENT,
                          "own_channel is for streaming host-to-device copies");
        }
        EXPECT_STATUS(launch(id, "nope", {}), C::NOT_FOUND, "launch: unknown symbol 'nope'");
        EXPECT_STATUS(launch(id, "buf", {}), C::INVALID_ARGUMENT, "'buf' is a variable");
        EXPECT_STATUS(launch(id, "add_to_all", {}), C::INVALID_ARGUMENT,
                      "takes 1 argument(s), got 0");
        EXPECT_STATUS(launch(id, "take_u16", {f(1.5)}), C::INVALID_ARGUMENT,
                      "argument 0 (float 1.5");
        EXPECT_STATUS(launch(id, "take_u16", {i(70000)}), C::INVALID_ARGUMENT,
                      "out of range for parameter type u16");
        // A finite float past f32's range would arrive as inf: refused like 70000 for a u16.
        EXPECT_STATUS(launch(id, "add_to_all", {f(1e39)}), C::INVALID_ARGUMENT,
                      "argument 0 (float 1e+39) is out of range for parameter type f32");
        {
            grpc::ClientContext ctx;
            pb::CallRequest r;
            r.set_session_id(id);
            r.set_symbol("add_to_all");
            pb::TaskReply reply;
            EXPECT_STATUS(runtime_->Call(&ctx, r, &reply), C::INVALID_ARGUMENT,
                          "call('add_to_all'): takes 1 word(s)");
        }
        {
            grpc::ClientContext ctx;
            pb::TaskRequest r;
            r.set_session_id(id);
            r.set_task_id(12345);
            pb::TaskReply reply;
            EXPECT_STATUS(runtime_->Task(&ctx, r, &reply), C::NOT_FOUND, "no task with id 12345");
        }
        {
            grpc::ClientContext ctx;
            pb::ReadSymbolRequest r;
            r.set_session_id(id);
            r.set_x(5);
            r.set_name("buf");
            pb::Bytes reply;
            EXPECT_STATUS(runtime_->ReadSymbol(&ctx, r, &reply), C::OUT_OF_RANGE,
                          "PE (5,0) lies outside");
        }
        {
            grpc::ClientContext ctx;
            pb::ReadSymbolRequest r;
            r.set_session_id(id);
            r.set_name("zzz");
            pb::Bytes reply;
            EXPECT_STATUS(runtime_->ReadSymbol(&ctx, r, &reply), C::NOT_FOUND, "no symbol 'zzz'");
        }
        {
            grpc::ClientContext ctx;
            pb::OpenRequest r;
            r.set_program("not a program");
            pb::OpenReply reply;
            EXPECT_STATUS(runtime_->Open(&ctx, r, &reply), C::INVALID_ARGUMENT,
                          "open: program: invalid program file");
        }
        {
            grpc::ClientContext ctx;
            pb::OpenRequest r;
            pb::OpenReply reply;
            EXPECT_STATUS(runtime_->Open(&ctx, r, &reply), C::INVALID_ARGUMENT, "program is empty");
        }
        // After stop every command is refused.
        {
            grpc::ClientContext ctx;
            pb::SessionRef ref;
            ref.set_session_id(id);
            pb::StopReply stop;
            EXPECT_OK(runtime_->Stop(&ctx, ref, &stop));
        }
        EXPECT_STATUS(memcpy(h2dBuf(id, inputs())), C::FAILED_PRECONDITION,
                      "memcpy_h2d: the runtime was stopped");
        EXPECT_STATUS(launch(id, "noop", {}), C::FAILED_PRECONDITION,
                      "launch: the runtime was stopped");
        {
            grpc::ClientContext ctx;
            pb::SessionRef ref;
            ref.set_session_id(id);
            pb::StopReply stop;
            EXPECT_STATUS(runtime_->Stop(&ctx, ref, &stop), C::FAILED_PRECONDITION,
                          "already stopped");
        }
        EXPECT_OK(sessionCall(&pb::Runtime::Stub::Close, id));
        EXPECT_STATUS(sessionCall(&pb::Runtime::Stub::Close, id), C::NOT_FOUND,
                      "not an open session");
    }

    void versionHandshake() {
        pb::HandshakeRequest r;
        r.set_protocol_version(appliance::kProtocolVersion + 1);
        r.set_client_version("test 9");
        pb::HandshakeReply reply;
        {
            grpc::ClientContext ctx;
            EXPECT_STATUS(version_->Handshake(&ctx, r, &reply),
                          grpc::StatusCode::FAILED_PRECONDITION,
                          "version mismatch: client test 9 speaks protocol 2");
        }
        r.set_disable_version_check(true);
        grpc::ClientContext ctx;
        EXPECT_OK(version_->Handshake(&ctx, r, &reply));
        QCOMPARE(reply.protocol_version(), appliance::kProtocolVersion);
    }

    void launcherPathsStayInside() {
        using C = grpc::StatusCode;
        pb::JobReply job;
        {
            grpc::ClientContext ctx;
            pb::CreateJobRequest r;
            r.set_artifact_name("out");
            auto* f = r.add_artifact_files();
            f->set_path("out.json");
            f->set_data("{}");
            EXPECT_OK(launcher_->CreateJob(&ctx, r, &job));
            QVERIFY(job.cmaddr().rfind("unix:", 0) == 0);
        }
        auto stage = [&](const std::string& path) {
            grpc::ClientContext ctx;
            pb::StageRequest r;
            r.set_job_id(job.job_id());
            auto* f = r.add_files();
            f->set_path(path);
            f->set_data("x");
            pb::Empty e;
            return launcher_->Stage(&ctx, r, &e);
        };
        auto download = [&](const std::string& path, pb::FileEntry* out = nullptr) {
            grpc::ClientContext ctx;
            pb::DownloadRequest r;
            r.set_job_id(job.job_id());
            r.set_path(path);
            pb::FileEntry local;
            return launcher_->Download(&ctx, r, out ? out : &local);
        };
        auto run = [&](const std::string& cmd, pb::RunCommandReply* out, unsigned timeout = 0) {
            grpc::ClientContext ctx;
            pb::RunCommandRequest r;
            r.set_job_id(job.job_id());
            r.set_command(cmd);
            r.set_timeout_seconds(timeout);
            return launcher_->RunCommand(&ctx, r, out);
        };
        EXPECT_STATUS(stage("../escape.txt"), C::PERMISSION_DENIED,
                      "stage path '../escape.txt' contains '..'");
        EXPECT_STATUS(stage("/etc/passwd"), C::PERMISSION_DENIED,
                      "stage path '/etc/passwd' is absolute");
        EXPECT_STATUS(stage("a/../../b"), C::PERMISSION_DENIED, "contains '..'");
        EXPECT_STATUS(stage(""), C::INVALID_ARGUMENT, "is empty");
        EXPECT_OK(stage("data/input.bin"));
        pb::FileEntry got;
        EXPECT_OK(download("out/out.json", &got));
        QCOMPARE(got.data(), std::string("{}"));
        EXPECT_STATUS(download("../../etc/passwd"), C::PERMISSION_DENIED, "download path");
        EXPECT_STATUS(download("missing.txt"), C::NOT_FOUND, "does not exist");
        // A symlink planted by a command must not lead a download or an upload out.
        pb::RunCommandReply out;
        EXPECT_OK(run("ln -s /etc escape && ln -s /etc/hostname host && echo %CMADDR%", &out));
        QCOMPARE(out.exit_code(), 0);
        QCOMPARE(out.output(), job.cmaddr() + "\n");
        EXPECT_STATUS(download("escape/hostname"), C::PERMISSION_DENIED, "through a symlink");
        EXPECT_STATUS(download("host"), C::PERMISSION_DENIED, "through a symlink");
        EXPECT_STATUS(stage("escape/owned.txt"), C::PERMISSION_DENIED, "through a symlink");
        EXPECT_OK(run("cat data/input.bin; exit 3", &out));
        QCOMPARE(out.exit_code(), 3);
        QCOMPARE(out.output(), std::string("x"));
        EXPECT_STATUS(run("sleep 30 & sleep 30", &out, 1), C::DEADLINE_EXCEEDED,
                      "exceeded 1 s and was killed");
        EXPECT_STATUS(run("", &out), C::INVALID_ARGUMENT, "command is empty");
        {
            // A client that gives up (deadline) cancels the call: the command's process
            // group is killed, so the marker is never written.
            grpc::ClientContext ctx;
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
            pb::RunCommandRequest r;
            r.set_job_id(job.job_id());
            r.set_command("sleep 2 && touch marker");
            EXPECT_STATUS(launcher_->RunCommand(&ctx, r, &out), C::DEADLINE_EXCEEDED, "");
            std::this_thread::sleep_for(std::chrono::seconds(3));
            EXPECT_STATUS(download("marker"), C::NOT_FOUND, "does not exist");
        }
        {
            grpc::ClientContext ctx;
            pb::JobRef ref;
            ref.set_job_id(job.job_id());
            pb::Empty e;
            EXPECT_OK(launcher_->CloseJob(&ctx, ref, &e));
        }
        EXPECT_STATUS(stage("a.txt"), C::NOT_FOUND, "job_id");
    }

    void compileRequestsAreChecked() {
        using C = grpc::StatusCode;
        auto compile = [&](pb::CompileRequest r) {
            grpc::ClientContext ctx;
            auto reader = compile_->Compile(&ctx, r);
            pb::CompileEvent e;
            while (reader->Read(&e)) {
            }
            return reader->Finish();
        };
        pb::CompileRequest r;
        r.set_layout("layout.csl");
        auto* f = r.add_code_files();
        f->set_path("layout.csl");
        f->set_data("layout {}");
        r.set_args("--arch=wse2 --chanels=1");
        EXPECT_STATUS(compile(r), C::INVALID_ARGUMENT,
                      "args: unknown flag '--chanels'; did you mean '--channels'?");
        r.set_args("-o ../../out");
        EXPECT_STATUS(compile(r), C::PERMISSION_DENIED, "args: -o '../../out' contains '..'");
        r.set_args("-o out");
        r.set_layout("");
        EXPECT_STATUS(compile(r), C::INVALID_ARGUMENT, "layout is empty");
        r.set_layout("layout.csl");
        r.add_code_files()->set_path("../evil.csl");
        EXPECT_STATUS(compile(r), C::PERMISSION_DENIED, "code_files entry '../evil.csl'");
        r.mutable_code_files()->RemoveLast();
        r.set_resource_cpu(-1);
        EXPECT_STATUS(compile(r), C::INVALID_ARGUMENT, "resource_cpu");
    }

    // Source paths in what Compile returns are relative to the uploaded code directory:
    // the program's source map (which run-time faults, hangs and line breakpoints name)
    // and the diagnostics, never the appliance's private workspace copy.
    void compiledPathsAreRelativeToCode() {
        const auto run = [&](const pb::CompileRequest& r, std::vector<pb::CompileEvent>* out) {
            grpc::ClientContext ctx;
            auto reader = compile_->Compile(&ctx, r);
            pb::CompileEvent e;
            while (reader->Read(&e))
                out->push_back(e);
            return reader->Finish();
        };
        pb::CompileRequest r;
        r.set_layout("layout.csl");
        r.set_args("--arch=wse2 -o out");
        auto* layout = r.add_code_files();
        layout->set_path("layout.csl");
        layout->set_data("layout {\n  @set_rectangle(1, 1);\n"
                         "  @set_tile_code(0, 0, \"kernels/pe.csl\", .{});\n}\n");
        auto* pe = r.add_code_files();
        pe->set_path("kernels/pe.csl");
        pe->set_data("var counter: i16 = 0;\nfn bump() void {\n  counter += 1;\n}\n");
        std::vector<pb::CompileEvent> events;
        EXPECT_OK(run(r, &events));
        QVERIFY(!events.empty() && events.back().has_done());
        QVERIFY(events.back().done().ok());
        std::shared_ptr<sim::FabricProgram> program;
        for (const auto& f : events.back().done().artifact_files())
            if (f.path() == "bin/out_program.pb")
                program = artifact::parseProgram(f.data(), f.path());
        QVERIFY(program);
        QCOMPARE(program->sourceFiles.size(), size_t(2));
        QCOMPARE(program->sourceFiles[0], std::string("layout.csl"));
        QCOMPARE(program->sourceFiles[1], std::string("kernels/pe.csl"));

        // A diagnostic in the tile file names it the same way, in its formatted text too.
        pe->set_data("var counter: i16 = 0;\nfn bump() void {\n  counter += undefined_name;\n}\n");
        events.clear();
        EXPECT_OK(run(r, &events));
        QVERIFY(!events.empty() && events.back().has_done());
        QVERIFY(!events.back().done().ok());
        QVERIFY(events.front().has_diagnostic());
        const auto& d = events.front().diagnostic();
        QCOMPARE(d.file(), std::string("kernels/pe.csl"));
        QCOMPARE(d.line(), 3u);
        QVERIFY2(d.formatted().rfind("kernels/pe.csl:3:", 0) == 0, d.formatted().c_str());
    }

    // Cancelling a compile stops the compiler (issue 5), not only the call: a full-wafer
    // game of life (750x994 PEs, tens of seconds of compiling) is cancelled once it runs;
    // the appliance's only job slot (maxJobs 1) is free again within a bounded time, and
    // the compile workspace, where the artifact would have been written, is gone.
    void compileCancelStopsTheCompiler() {
        using C = grpc::StatusCode;
        QTemporaryDir work;
        appliance::ApplianceOptions o;
        o.maxJobs = 1;
        o.workRoot = work.path().toStdString();
        auto server = appliance::Appliance::startEmbedded(o);
        auto compile = pb::Compile::NewStub(server->inProcessChannel());
        const pb::CompileRequest big = fullWaferCompile();
        // A compile that fails at once: it says whether the job slot is taken.
        pb::CompileRequest probe;
        probe.set_layout("layout.csl");
        probe.set_args("-o out");
        probe.add_code_files()->set_path("layout.csl");
        probe.mutable_code_files(0)->set_data("layout {}");
        const auto probeStatus = [&] {
            grpc::ClientContext ctx;
            auto reader = compile->Compile(&ctx, probe);
            pb::CompileEvent e;
            while (reader->Read(&e)) {
            }
            return reader->Finish();
        };
        grpc::ClientContext ctx;
        auto reader = compile->Compile(&ctx, big);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_STATUS(probeStatus(), C::RESOURCE_EXHAUSTED, "1 compiles are already running");
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // well into the layout
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        ctx.TryCancel();
        pb::CompileEvent e;
        while (reader->Read(&e)) {
        }
        EXPECT_STATUS(reader->Finish(), C::CANCELLED, "");
        const qint64 callEndedMs = sinceCancel.elapsed();
        grpc::Status after = probeStatus();
        while (after.error_code() == C::RESOURCE_EXHAUSTED && sinceCancel.elapsed() < 60000) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            after = probeStatus();
        }
        const qint64 stoppedMs = sinceCancel.elapsed();
        qInfo("compile cancel: the call ended after %lld ms, the compiler stopped after %lld ms",
              callEndedMs, stoppedMs);
        EXPECT_OK(after); // the probe compiled (with its error in the events)
        // Bounded: the compiler polls every 65,536 comptime steps (milliseconds); the bound
        // leaves room for a machine shared by many builds.
        QVERIFY2(stoppedMs < 3000, qPrintable(QString::number(stoppedMs)));
        const auto compileRoot = std::filesystem::path(work.path().toStdString()) / "compile";
        QVERIFY(std::filesystem::is_empty(compileRoot));
    }

    // The appliance owns its compile threads (they read the compiler's static tables, which
    // are destroyed at exit): shutting it down while a long compile runs cancels the
    // compile and waits for its thread, promptly. The thread's end is observable here
    // because the thread removes its compile workspace last: a detached thread still had
    // it when shutdown() returned.
    void shutdownStopsARunningCompile() {
        QTemporaryDir work;
        appliance::ApplianceOptions o;
        o.workRoot = work.path().toStdString();
        auto server = appliance::Appliance::startEmbedded(o);
        auto compile = pb::Compile::NewStub(server->inProcessChannel());
        grpc::ClientContext ctx;
        auto reader = compile->Compile(&ctx, fullWaferCompile());
        // The compile has begun once its workspace exists.
        const auto compileRoot = std::filesystem::path(work.path().toStdString()) / "compile";
        const auto compileWorkspaceExists = [&] {
            std::error_code ec;
            return std::filesystem::exists(compileRoot, ec) &&
                   !std::filesystem::is_empty(compileRoot, ec);
        };
        QElapsedTimer starting;
        starting.start();
        while (!compileWorkspaceExists() && starting.elapsed() < 10000)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // well into the layout
        QVERIFY2(compileWorkspaceExists(), "the compile ended before the shutdown");
        QElapsedTimer shutdown;
        shutdown.start();
        server->shutdown();
        const qint64 shutdownMs = shutdown.elapsed();
        const bool workspaceGone = !compileWorkspaceExists();
        qInfo("shutdown during a compile took %lld ms", shutdownMs);
        QVERIFY2(workspaceGone, "the compile thread outlived the appliance's shutdown");
        // Bounded: cancelling stops the compiler within ~50 ms (hundreds under TSan); the
        // bound leaves room for a machine shared by many builds.
        QVERIFY2(shutdownMs < 3000, qPrintable(QString::number(shutdownMs)));
        pb::CompileEvent e;
        while (reader->Read(&e)) {
        }
        const auto status = reader->Finish();
        QVERIFY2(!status.ok(), status.error_message().c_str());
    }

    // Handler threads (Step and SetBreakpoints, DumpCore, Frames, RunCommand) belong to the
    // appliance: shutdown ends and joins them, and their calls end with UNAVAILABLE. They
    // were detached: a shutdown during a long step waited for the step (hours here), and a
    // stream or a command held it until gRPC's 2 s grace ran out, then ended CANCELLED.
    void shutdownEndsALongStep() {
        PrivateAppliance a;
        const auto id = a.spinningSession();
        auto step = a.longStep(id);
        // On an early return the calls are still blocked: end them before they are destroyed.
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QVERIFY2(!step.ended(), step.ended() ? step.status().error_message().c_str() : "");
        const qint64 ms = a.timedShutdown();
        qInfo("shutdown during a step took %lld ms", ms);
        QVERIFY2(ms < 1900, qPrintable(QString::number(ms)));
        EXPECT_ENDED_WITH(step, grpc::StatusCode::UNAVAILABLE, "step: the session is closing");
    }

    void shutdownEndsBreakpointsAndDumpBehindAStep() {
        PrivateAppliance a;
        const auto id = a.spinningSession();
        auto step = a.longStep(id);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        // Both wait for the session thread, which is busy stepping.
        PrivateAppliance::PendingCall breakpoints([&] {
            grpc::ClientContext ctx;
            pb::BreakpointsRequest r;
            r.set_session_id(id);
            auto* b = r.add_breakpoints();
            b->set_kind("cycle");
            b->set_value(4000000000u);
            pb::Empty e;
            return a.debug->SetBreakpoints(&ctx, r, &e);
        });
        PrivateAppliance::PendingCall dump([&] {
            grpc::ClientContext ctx;
            pb::SessionRef ref;
            ref.set_session_id(id);
            auto reader = a.runtime->DumpCore(&ctx, ref);
            pb::Bytes chunk;
            while (reader->Read(&chunk)) {
            }
            return reader->Finish();
        });
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        for (const auto* call : {&step, &breakpoints, &dump})
            QVERIFY2(!call->ended(), call->ended() ? call->status().error_message().c_str() : "");
        const qint64 ms = a.timedShutdown();
        qInfo("shutdown during a step, a breakpoint request and a dump took %lld ms", ms);
        QVERIFY2(ms < 1900, qPrintable(QString::number(ms)));
        EXPECT_ENDED_WITH(step, grpc::StatusCode::UNAVAILABLE, "step: the session is closing");
        EXPECT_ENDED_WITH(breakpoints, grpc::StatusCode::UNAVAILABLE,
                          "breakpoints: the session is closing");
        // A stream finished just before the server shuts down may reach the in-process client
        // as "Transport closed" (also UNAVAILABLE; seen under TSan) instead of our message.
        EXPECT_ENDED_WITH(dump, grpc::StatusCode::UNAVAILABLE, "");
    }

    void shutdownEndsAFramesStream() {
        PrivateAppliance a;
        const auto id = a.spinningSession();
        std::promise<void> firstFrame;
        PrivateAppliance::PendingCall frames([&] {
            grpc::ClientContext ctx;
            pb::FramesRequest r;
            r.set_session_id(id);
            r.set_interval_ms(10);
            auto reader = a.debug->Frames(&ctx, r);
            pb::Frame frame;
            bool first = true;
            while (reader->Read(&frame))
                if (std::exchange(first, false))
                    firstFrame.set_value();
            return reader->Finish();
        });
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        QVERIFY(firstFrame.get_future().wait_for(std::chrono::seconds(10)) ==
                std::future_status::ready);
        const qint64 ms = a.timedShutdown();
        qInfo("shutdown during a Frames stream took %lld ms", ms);
        QVERIFY2(ms < 1900, qPrintable(QString::number(ms)));
        EXPECT_ENDED_WITH(frames, grpc::StatusCode::UNAVAILABLE,
                          "frames: the appliance is shutting down");
    }

    void shutdownEndsARunningCommand() {
        PrivateAppliance a;
        QTemporaryDir outside;
        const std::string pidFile = outside.path().toStdString() + "/pid";
        pb::JobReply job;
        {
            grpc::ClientContext ctx;
            pb::CreateJobRequest r;
            r.set_artifact_name("out");
            auto* f = r.add_artifact_files();
            f->set_path("out.json");
            f->set_data("{}");
            EXPECT_OK(a.launcher->CreateJob(&ctx, r, &job));
        }
        PrivateAppliance::PendingCall command([&] {
            grpc::ClientContext ctx;
            pb::RunCommandRequest r;
            r.set_job_id(job.job_id());
            r.set_command("echo $$ > '" + pidFile + "'; exec sleep 60");
            pb::RunCommandReply reply;
            return a.launcher->RunCommand(&ctx, r, &reply);
        });
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QVERIFY2(!command.ended(), "the command ended before the shutdown");
        pid_t pid = 0;
        std::ifstream(pidFile) >> pid;
        QVERIFY(pid > 0);
        const qint64 ms = a.timedShutdown();
        qInfo("shutdown during a command took %lld ms", ms);
        QVERIFY2(ms < 1900, qPrintable(QString::number(ms)));
        // The command's thread killed and reaped it before shutdown returned.
        QVERIFY2(::kill(pid, 0) != 0 && errno == ESRCH, "the command outlived the shutdown");
        EXPECT_ENDED_WITH(command, grpc::StatusCode::UNAVAILABLE, "");
    }

    void debugStepAndFrames() {
        auto id = openRunning();
        grpc::ClientContext ctx;
        pb::StepRequest r;
        r.set_session_id(id);
        r.set_cycles(10);
        pb::Frame frame;
        EXPECT_OK(debug_->Step(&ctx, r, &frame));
        // An idle fabric does not advance time: the step ends at once and says why.
        QVERIFY2(frame.status() == "idle" || frame.status() == "cycle-limit",
                 frame.status().c_str());
        grpc::ClientContext ctx2;
        pb::SessionRef ref;
        ref.set_session_id(id);
        EXPECT_OK(debug_->Resume(&ctx2, ref, &frame));
        EXPECT_OK(launch(id, "noop", {}));
        grpc::ClientContext ctx3;
        r.set_cycles(0);
        EXPECT_STATUS(debug_->Step(&ctx3, r, &frame), grpc::StatusCode::INVALID_ARGUMENT,
                      "cycles must be positive");
        grpc::ClientContext ctx4;
        pb::FramesRequest fr;
        fr.set_session_id(id);
        fr.set_max_frames(1);
        auto reader = debug_->Frames(&ctx4, fr);
        QVERIFY(reader->Read(&frame));
        QCOMPARE(frame.width(), 2u);
        QCOMPARE(frame.pes_size(), 2);
        QVERIFY(frame.pes(0).instructions() > 0);
        EXPECT_OK(reader->Finish());
    }

    // Debug.Trace replays the session's host commands (H2D words, launch, D2H) on a fresh
    // traced fabric: the log's instructions per PE and the reply's counters are the
    // session's own at its cycle.
    static grpc::Status readTrace(pb::Debug::Stub& debug, const pb::TraceRequest& req,
                                  pb::TraceHeader* header, std::string* log) {
        grpc::ClientContext ctx;
        auto reader = debug.Trace(&ctx, req);
        pb::TraceChunk chunk;
        bool first = true;
        while (reader->Read(&chunk)) {
            if (first)
                *header = chunk.header();
            first = false;
            log->append(chunk.data());
        }
        return reader->Finish();
    }

    void traceReplaysTheSession() {
        auto id = openRunning();
        EXPECT_OK(memcpy(h2dBuf(id, inputs())));
        EXPECT_OK(launch(id, "add_to_all", {f(1.5)}));
        EXPECT_OK(memcpy(d2hBuf(id)));
        grpc::ClientContext fctx;
        pb::FramesRequest fr;
        fr.set_session_id(id);
        fr.set_max_frames(1);
        pb::Frame frame;
        {
            auto reader = debug_->Frames(&fctx, fr);
            QVERIFY(reader->Read(&frame));
            // The first frame may predate the watcher (no per-PE stats): wait for one with.
            while (frame.pes_size() == 0 && reader->Read(&frame)) {
            }
            reader->Finish();
        }
        if (frame.pes_size() == 0) {
            grpc::ClientContext again;
            fr.set_max_frames(2);
            auto reader = debug_->Frames(&again, fr);
            while (reader->Read(&frame) && frame.pes_size() == 0) {
            }
            reader->Finish();
        }
        QCOMPARE(frame.pes_size(), 2);
        QVERIFY(frame.pes(0).instructions() > 0);

        pb::TraceRequest req;
        req.set_session_id(id);
        pb::TraceHeader header;
        std::string log;
        EXPECT_OK(readTrace(*debug_, req, &header, &log));
        QCOMPARE(header.session_cycle(), frame.cycle());
        QCOMPARE(header.cycle(), frame.cycle());
        QVERIFY(header.counters_checked());
        QCOMPARE(header.commands(), 3u); // h2d, launch, d2h
        QCOMPARE(header.stopped(), std::string());
        QCOMPARE(header.log_bytes(), uint64_t(log.size()));
        QCOMPARE(header.instructions_size(), 2);
        for (int k = 0; k < 2; ++k)
            QCOMPARE(header.instructions(k), frame.pes(k).instructions());

        // The log itself, read as the IDE's timeline reads it: each PE's instruction lines
        // are the session's counter.
        QTemporaryDir dir;
        const std::string path = dir.filePath("trace.log").toStdString();
        {
            std::ofstream out(path, std::ios::binary);
            out << log;
        }
        sim::TraceLog trace(path);
        const auto program = fixture::program();
        const auto& p = *program;
        for (uint32_t x = 0; x < 2; ++x)
            QCOMPARE(trace.lanes(p.offsetX + x, p.offsetY).instructions,
                     frame.pes(int(x)).instructions());

        // A region of one PE keeps that PE's lines (and landings it sent) only.
        req.set_region_x(p.offsetX + 1);
        req.set_region_y(p.offsetY);
        req.set_region_width(1);
        req.set_region_height(1);
        std::string regionLog;
        EXPECT_OK(readTrace(*debug_, req, &header, &regionLog));
        QVERIFY(regionLog.size() < log.size());
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out << regionLog;
        }
        sim::TraceLog region(path);
        QCOMPARE(region.lanes(p.offsetX + 1, p.offsetY).instructions, frame.pes(1).instructions());
        QCOMPARE(region.lanes(p.offsetX, p.offsetY).instructions, uint64_t(0));

        // An earlier cycle: the log stops there, the counters are not compared.
        pb::TraceRequest early;
        early.set_session_id(id);
        early.set_up_to_cycle(frame.cycle() / 2);
        std::string earlyLog;
        EXPECT_OK(readTrace(*debug_, early, &header, &earlyLog));
        QCOMPARE(header.cycle(), frame.cycle() / 2);
        QVERIFY(!header.counters_checked());
        QVERIFY(header.instructions(0) < frame.pes(0).instructions());

        // Bad requests.
        pb::TraceRequest bad;
        bad.set_session_id("nope");
        std::string ignored;
        EXPECT_STATUS(readTrace(*debug_, bad, &header, &ignored), grpc::StatusCode::NOT_FOUND,
                      "nope");
        bad.set_session_id(id);
        bad.set_up_to_cycle(frame.cycle() + 1000);
        EXPECT_STATUS(readTrace(*debug_, bad, &header, &ignored), grpc::StatusCode::OUT_OF_RANGE,
                      "trace: up_to_cycle " + std::to_string(frame.cycle() + 1000) +
                          " lies beyond the session's cycle " + std::to_string(frame.cycle()));
        bad.set_up_to_cycle(0);
        bad.set_region_x(p.fabricWidth - 1);
        bad.set_region_width(2);
        bad.set_region_height(1);
        EXPECT_STATUS(readTrace(*debug_, bad, &header, &ignored), grpc::StatusCode::OUT_OF_RANGE,
                      "trace: region (x=" + std::to_string(p.fabricWidth - 1) +
                          ", y=0, w=2, h=1) lies outside the " + std::to_string(p.fabricWidth) +
                          "x" + std::to_string(p.fabricHeight) + " fabric");
    }

    // The record is bounded: past the limit it is dropped and Trace says why.
    void traceRecordIsBounded() {
        QTemporaryDir work;
        appliance::ApplianceOptions o;
        o.workRoot = work.path().toStdString();
        o.hostRecordLimitBytes = 300; // one 128-byte H2D fits, a second does not
        auto server = appliance::Appliance::startEmbedded(o);
        auto channel = server->inProcessChannel();
        auto runtime = pb::Runtime::NewStub(channel);
        auto debug = pb::Debug::NewStub(channel);
        auto call = [&](auto fn, const std::string& id) {
            grpc::ClientContext ctx;
            pb::SessionRef ref;
            ref.set_session_id(id);
            pb::Empty e;
            return (runtime.get()->*fn)(&ctx, ref, &e);
        };
        grpc::ClientContext octx;
        pb::OpenRequest open;
        open.set_program(artifact::serializeProgram(*fixture::program()));
        pb::OpenReply opened;
        EXPECT_OK(runtime->Open(&octx, open, &opened));
        const std::string id = opened.session_id();
        EXPECT_OK(call(&pb::Runtime::Stub::Load, id));
        EXPECT_OK(call(&pb::Runtime::Stub::Start, id));
        pb::TaskReply reply;
        {
            grpc::ClientContext ctx;
            EXPECT_OK(runtime->Memcpy(&ctx, h2dBuf(id, inputs()), &reply));
        }
        pb::TraceRequest req;
        req.set_session_id(id);
        pb::TraceHeader header;
        std::string log;
        EXPECT_OK(readTrace(*debug, req, &header, &log));
        QCOMPARE(header.commands(), 1u);
        QVERIFY(header.counters_checked());
        {
            grpc::ClientContext ctx;
            EXPECT_OK(runtime->Memcpy(&ctx, h2dBuf(id, inputs()), &reply));
        }
        EXPECT_STATUS(readTrace(*debug, req, &header, &log), grpc::StatusCode::FAILED_PRECONDITION,
                      "trace: cannot replay this session: the host commands' data passed 300 bytes "
                      "at cycle ");
        EXPECT_STATUS(readTrace(*debug, req, &header, &log), grpc::StatusCode::FAILED_PRECONDITION,
                      "(memcpy_h2d, command 2), so the appliance stopped recording them");
        runtime.reset();
        debug.reset();
        channel.reset();
        server->shutdown();
    }

    // A trace whose log passes the limit ends between replay chunks with the reason; the
    // session is unharmed.
    void traceLogIsBounded() {
        appliance::ApplianceOptions o;
        o.traceLogLimitBytes = 1 << 20;
        PrivateAppliance a(o);
        const auto id = a.spinningSession();
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        {
            grpc::ClientContext ctx;
            pb::StepRequest r;
            r.set_session_id(id);
            r.set_cycles(300000); // a spinning PE: one instruction line per cycle
            pb::Frame frame;
            EXPECT_OK(a.debug->Step(&ctx, r, &frame));
            QCOMPARE(frame.cycle(), uint64_t(300000));
        }
        pb::TraceRequest req;
        req.set_session_id(id);
        pb::TraceHeader header;
        std::string log;
        EXPECT_STATUS(readTrace(*a.debug, req, &header, &log), grpc::StatusCode::RESOURCE_EXHAUSTED,
                      "trace: the log passed 1 MiB at cycle 200000 of 300000; trace an earlier "
                      "cycle");
        // An earlier cycle fits.
        req.set_up_to_cycle(10000);
        log.clear();
        EXPECT_OK(readTrace(*a.debug, req, &header, &log));
        QCOMPARE(header.cycle(), uint64_t(10000));
        QVERIFY(log.size() < (1u << 20));
    }

    // The session keeps a window of its newest simprint lines (16 KiB here): a client that
    // follows them (Debug.Simprint, follow) gets every one of 5000 lines (~450 KB), in
    // order and without a gap, since the run waits for it; a reader that does not follow
    // finds the early lines released and the memory they take bounded by the window; Stop
    // no longer carries the lines, only their count.
    void simprintWindowStreamsEveryLineToAFollower() {
        appliance::ApplianceOptions o;
        o.simprintWindowBytes = 16 << 10;
        PrivateAppliance a(o);
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        const std::string id = a.openRunning(*chatterProgram());
        // A follower holds the window from its first fetch on: before the first command.
        QCOMPARE(a.simprint(id, 0, true, true).lines_size(), 0);
        std::atomic<bool> launched{false};
        std::vector<std::string> followed;
        bool gap = false;
        std::thread follower([&] {
            while (true) {
                const bool last = launched.load();
                pb::SimprintReply page = a.simprint(id, followed.size(), true, true);
                gap = gap || page.first_line() != followed.size();
                followed.insert(followed.end(), page.lines().begin(), page.lines().end());
                if (last && followed.size() >= page.total_lines())
                    return;
                if (page.lines().empty())
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
        constexpr int64_t kLines = 5000;
        const grpc::Status launch = a.launchU32(id, "chatter", kLines);
        launched = true;
        follower.join();
        EXPECT_OK(launch);
        QVERIFY(!gap);
        QCOMPARE(int64_t(followed.size()), kLines);
        for (int64_t i = 0; i < kLines; ++i)
            QCOMPARE(chatterIndex(followed[size_t(i)]), i);
        QVERIFY2(followed[0].rfind("@", 0) == 0 && followed[0].find("PE(") == std::string::npos,
                 followed[0].c_str()); // sim.log's form

        const pb::SimprintReply window = a.simprint(id, 0, false, false, 100000);
        QCOMPARE(window.window_bytes(), uint64_t(16 << 10));
        QCOMPARE(window.total_lines(), uint64_t(kLines));
        QVERIFY(window.first_line() > 0);
        QCOMPARE(window.first_line() + window.lines_size(), uint64_t(kLines));
        size_t bytes = 0;
        for (const std::string& line : window.lines())
            bytes += line.size() + 4;
        QVERIFY2(bytes <= (16u << 10), qPrintable(QString::number(bytes)));
        QCOMPARE(chatterIndex(window.lines(0)), int64_t(window.first_line()));

        grpc::ClientContext ctx;
        pb::SessionRef ref;
        ref.set_session_id(id);
        pb::StopReply stopped;
        EXPECT_OK(a.runtime->Stop(&ctx, ref, &stopped));
        QCOMPARE(stopped.simprint_lines(), uint64_t(kLines));
        QCOMPARE(stopped.simprint_size(), 0);
    }

    // A follower that stops fetching holds the run only for simprintHoldTimeoutMs; then the
    // lines it did not fetch go, and its next fetch sees where they were.
    void simprintHoldEndsWhenTheFollowerStops() {
        appliance::ApplianceOptions o;
        o.simprintWindowBytes = 16 << 10;
        o.simprintHoldTimeoutMs = 300;
        PrivateAppliance a(o);
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        const std::string id = a.openRunning(*chatterProgram());
        QCOMPARE(a.simprint(id, 0, true, true).lines_size(), 0); // holds from line 0
        QElapsedTimer t;
        t.start();
        EXPECT_OK(a.launchU32(id, "chatter", 5000));
        QVERIFY2(t.elapsed() >= 250, qPrintable(QString::number(t.elapsed())));
        const pb::SimprintReply page = a.simprint(id, 0, true, true);
        QVERIFY(page.first_line() > 0);
        QCOMPARE(chatterIndex(page.lines(0)), int64_t(page.first_line()));
    }

    // A shutdown ends a trace between replay chunks.
    void shutdownEndsATrace() {
        appliance::ApplianceOptions o;
        o.traceLogLimitBytes = uint64_t(512) << 20;
        PrivateAppliance a(o);
        const auto id = a.spinningSession();
        {
            grpc::ClientContext ctx;
            pb::StepRequest r;
            r.set_session_id(id);
            r.set_cycles(20'000'000);
            pb::Frame frame;
            EXPECT_OK(a.debug->Step(&ctx, r, &frame));
        }
        PrivateAppliance::PendingCall trace([&a, id] {
            pb::TraceRequest req;
            req.set_session_id(id);
            pb::TraceHeader header;
            std::string log;
            return readTrace(*a.debug, req, &header, &log);
        });
        const auto endCalls = qScopeGuard([&] { a.timedShutdown(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QVERIFY2(!trace.ended(), trace.ended() ? trace.status().error_message().c_str() : "");
        const qint64 ms = a.timedShutdown();
        qInfo("shutdown during a trace took %lld ms", ms);
        QVERIFY2(ms < 1900, qPrintable(QString::number(ms)));
        EXPECT_ENDED_WITH(trace, grpc::StatusCode::UNAVAILABLE,
                          "trace: the session is closing (replayed to cycle ");
    }

    void tokenAndLimits() {
        appliance::ApplianceOptions o;
        o.token = "sesame";
        o.maxJobs = 1;
        o.maxUploadBytes = 16;
        auto guarded = appliance::Appliance::startEmbedded(o);
        auto channel = guarded->inProcessChannel();
        auto version = pb::Version::NewStub(channel);
        auto launcher = pb::Launcher::NewStub(channel);
        pb::HandshakeRequest hr;
        hr.set_protocol_version(appliance::kProtocolVersion);
        pb::HandshakeReply reply;
        {
            grpc::ClientContext ctx;
            EXPECT_STATUS(version->Handshake(&ctx, hr, &reply), grpc::StatusCode::UNAUTHENTICATED,
                          "requires a token");
        }
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("authorization", "Bearer wrong");
            EXPECT_STATUS(version->Handshake(&ctx, hr, &reply), grpc::StatusCode::UNAUTHENTICATED,
                          "does not match");
        }
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("authorization", "Bearer sesame");
            EXPECT_OK(version->Handshake(&ctx, hr, &reply));
        }
        pb::CreateJobRequest jr;
        jr.set_artifact_name("out");
        jr.add_artifact_files()->set_path("a");
        pb::JobReply job;
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("authorization", "Bearer sesame");
            EXPECT_OK(launcher->CreateJob(&ctx, jr, &job));
        }
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("authorization", "Bearer sesame");
            EXPECT_STATUS(launcher->CreateJob(&ctx, jr, &job), grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "jobs (limit 1)");
        }
        jr.mutable_artifact_files(0)->set_data(std::string(64, 'x'));
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("authorization", "Bearer sesame");
            EXPECT_STATUS(launcher->CreateJob(&ctx, jr, &job), grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "artifact_files: upload exceeds the limit of 16 bytes");
        }
    }

    // A script that sets no simfab_numthreads gets the SDK's default of 5 threads, and no
    // session more threads than cores (oversubscribed workers only wait for each other).
    void sessionThreadsFollowTheSdkDefaultUpToTheCores() {
        QCOMPARE(appliance::ApplianceOptions{}.simThreads, 5u);
        QCOMPARE(appliance::sessionSimThreads(0, 5, 8), 5u);
        QCOMPARE(appliance::sessionSimThreads(0, 5, 2), 2u);
        QCOMPARE(appliance::sessionSimThreads(3, 5, 8), 3u);
        QCOMPARE(appliance::sessionSimThreads(64, 5, 2), 2u);
        QCOMPARE(appliance::sessionSimThreads(1, 5, 2), 1u);
        QCOMPARE(appliance::sessionSimThreads(0, 5, 0), 1u); // cores unknown
    }

    void listenAddressSafety() {
        QVERIFY(appliance::listenAddressProblem("unix:/tmp/x.sock", false).empty());
        QVERIFY(appliance::listenAddressProblem("127.0.0.1:9000", false).empty());
        QVERIFY(appliance::listenAddressProblem("0.0.0.0:9000", false).find("without a token") !=
                std::string::npos);
        QVERIFY(appliance::listenAddressProblem("0.0.0.0:9000", true).empty());
        QVERIFY(!appliance::listenAddressProblem("nonsense", false).empty());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 appliance::Appliance::startListening({}, "0.0.0.0:19999"));
        // A daemon's unix socket is private to its user.
        QTemporaryDir dir;
        const std::string sock = dir.path().toStdString() + "/a.sock";
        auto daemon = appliance::Appliance::startListening({}, "unix:" + sock);
        auto perms = std::filesystem::status(sock).permissions();
        QCOMPARE(perms & std::filesystem::perms::all,
                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }

    // Memcpy words through a POSIX shared memory object (shm_name) instead of the message.
    void sharedMemoryMemcpy() {
        // Only a unix-socket peer shares the machine for sure; the in-process channel's
        // peer is "unknown" to gRPC and is refused like TCP.
        {
            auto id = openRunning();
            auto h2d = h2dBuf(id, inputs());
            h2d.clear_data();
            h2d.set_shm_name("/tessera-shm-x");
            EXPECT_STATUS(memcpy(h2d), grpc::StatusCode::FAILED_PRECONDITION,
                          "memcpy_h2d: shm_name needs a unix-socket connection");
        }
        QTemporaryDir dir;
        const std::string sock = dir.path().toStdString() + "/a.sock";
        auto daemon = appliance::Appliance::startListening({}, "unix:" + sock);
        grpc::ChannelArguments args;
        auto saved =
            std::exchange(runtime_, pb::Runtime::NewStub(grpc::CreateCustomChannel(
                                        "unix:" + sock, grpc::InsecureChannelCredentials(), args)));
        auto restore = qScopeGuard([&] { runtime_ = std::move(saved); });
        auto id = openRunning();
        const std::string name = "/tessera-shm-test-" + std::to_string(::getpid());
        int fd = ::shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        QVERIFY(fd >= 0);
        QCOMPARE(::ftruncate(fd, 32 * 4), 0);
        void* map = ::mmap(nullptr, 32 * 4, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        QVERIFY(map != MAP_FAILED);
        const auto in = inputs();
        std::memcpy(map, in.data(), 32 * 4);
        auto h2d = h2dBuf(id, in);
        h2d.clear_data();
        h2d.set_shm_name(name);
        EXPECT_OK(memcpy(h2d));
        EXPECT_OK(launch(id, "add_to_all", {f(1.0)}));
        std::memset(map, 0, 32 * 4);
        auto d2h = d2hBuf(id);
        d2h.set_shm_name(name);
        pb::TaskReply reply;
        EXPECT_OK(memcpy(d2h, &reply));
        QVERIFY(reply.data_in_shm());
        QVERIFY(reply.data().empty());
        std::vector<float> out(32);
        std::memcpy(out.data(), map, 32 * 4);
        QCOMPARE(out[0], 1.0f);
        QCOMPARE(out[31], 32.0f);

        // Bad requests name shm_name and what is wrong.
        auto bad = d2hBuf(id);
        bad.set_shm_name("/etc/passwd");
        EXPECT_STATUS(memcpy(bad), grpc::StatusCode::INVALID_ARGUMENT,
                      "memcpy_d2h: shm_name '/etc/passwd' is not a shared memory name");
        bad.set_shm_name("/tessera-shm-missing-object");
        EXPECT_STATUS(memcpy(bad), grpc::StatusCode::NOT_FOUND,
                      "shm_name '/tessera-shm-missing-object': cannot open the shared memory");
        QCOMPARE(::ftruncate(fd, 16), 0);
        bad.set_shm_name(name);
        EXPECT_STATUS(memcpy(bad), grpc::StatusCode::INVALID_ARGUMENT,
                      "holds 16 bytes, the copy needs 128");
        auto both = h2dBuf(id, in);
        both.set_shm_name(name);
        EXPECT_STATUS(memcpy(both), grpc::StatusCode::INVALID_ARGUMENT,
                      "memcpy_h2d: give data or shm_name, not both");
        ::munmap(map, 32 * 4);
        ::close(fd);
        ::shm_unlink(name.c_str());
    }

    // ListSessions shows who opened each session, its state and geometry.
    void listSessionsNamesClients() {
        grpc::ClientContext ctx;
        pb::OpenRequest req;
        req.set_program(artifact::serializeProgram(*fixture::program()));
        req.set_client_label("cs_python run.py");
        req.set_client_pid(4242);
        pb::OpenReply opened;
        EXPECT_OK(runtime_->Open(&ctx, req, &opened));
        auto find = [&](const std::string& id) -> std::optional<pb::SessionInfo> {
            grpc::ClientContext c;
            pb::ListSessionsReply list;
            if (!debug_->ListSessions(&c, pb::Empty(), &list).ok())
                return std::nullopt;
            for (const auto& s : list.sessions())
                if (s.session_id() == id)
                    return s;
            return std::nullopt;
        };
        auto info = find(opened.session_id());
        QVERIFY(info);
        QCOMPARE(info->client_label(), std::string("cs_python run.py"));
        QCOMPARE(info->client_pid(), 4242u);
        QCOMPARE(info->state(), std::string("opened"));
        QCOMPARE(info->geometry().width(), 2u);
        QCOMPARE(info->geometry().session_id(), opened.session_id());
        QVERIFY(info->opened_unix_ms() > 0);
        EXPECT_OK(sessionCall(&pb::Runtime::Stub::Load, opened.session_id()));
        EXPECT_OK(sessionCall(&pb::Runtime::Stub::Start, opened.session_id()));
        QCOMPARE(find(opened.session_id())->state(), std::string("running"));
        EXPECT_OK(sessionCall(&pb::Runtime::Stub::Close, opened.session_id()));
        QVERIFY(!find(opened.session_id()));
    }

    // A session whose Hold call ends (client gone) is closed, and the appliance says so.
    void holdClosesSessionWhenClientGoes() {
        std::mutex m;
        std::vector<std::string> logged;
        appliance::ApplianceOptions o;
        o.log = [&](const std::string& line) {
            std::lock_guard lock(m);
            logged.push_back(line);
        };
        auto server = appliance::Appliance::startEmbedded(o);
        auto channel = server->inProcessChannel();
        auto runtime = pb::Runtime::NewStub(channel);
        grpc::ClientContext openCtx;
        pb::OpenRequest req;
        req.set_program(artifact::serializeProgram(*fixture::program()));
        req.set_client_label("script.py");
        pb::OpenReply opened;
        EXPECT_OK(runtime->Open(&openCtx, req, &opened));
        pb::SessionRef ref;
        ref.set_session_id(opened.session_id());
        {
            grpc::ClientContext holdCtx;
            auto hold = runtime->Hold(&holdCtx, ref);
            // The session is used normally while held.
            grpc::ClientContext loadCtx;
            pb::Empty e;
            EXPECT_OK(runtime->Load(&loadCtx, ref, &e));
            holdCtx.TryCancel();
            pb::Empty ignored;
            QVERIFY(!hold->Read(&ignored));
        }
        auto debug = pb::Debug::NewStub(channel);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                grpc::ClientContext c;
                pb::ListSessionsReply list;
                return debug->ListSessions(&c, pb::Empty(), &list).ok() &&
                       list.sessions_size() == 0;
            }(),
            5000);
        auto loggedLines = [&] {
            std::lock_guard lock(m);
            return logged;
        };
        QTRY_COMPARE_WITH_TIMEOUT(loggedLines().size(), size_t(1), 5000);
        QVERIFY2(loggedLines()[0].find("closed session " + opened.session_id() +
                                       " of 'script.py': its client went away") !=
                     std::string::npos,
                 loggedLines()[0].c_str());
        // Holding an unknown session is refused.
        grpc::ClientContext badCtx;
        ref.set_session_id("nope");
        auto bad = runtime->Hold(&badCtx, ref);
        pb::Empty ignored;
        QVERIFY(!bad->Read(&ignored));
        EXPECT_STATUS(bad->Finish(), grpc::StatusCode::NOT_FOUND, "session_id 'nope'");
    }

    // Sessions and jobs nobody used for idleTimeoutSeconds are closed and logged; a
    // session watched by a Frames stream stays.
    void idleSessionsAndJobsAreReaped() {
        std::mutex m;
        std::vector<std::string> logged;
        appliance::ApplianceOptions o;
        o.idleTimeoutSeconds = 1;
        o.log = [&](const std::string& line) {
            std::lock_guard lock(m);
            logged.push_back(line);
        };
        auto server = appliance::Appliance::startEmbedded(o);
        auto channel = server->inProcessChannel();
        auto runtime = pb::Runtime::NewStub(channel);
        auto launcher = pb::Launcher::NewStub(channel);
        auto debug = pb::Debug::NewStub(channel);
        auto openOne = [&] {
            grpc::ClientContext c;
            pb::OpenRequest req;
            req.set_program(artifact::serializeProgram(*fixture::program()));
            req.set_client_label("idle.py");
            req.set_client_pid(77);
            pb::OpenReply opened;
            runtime->Open(&c, req, &opened);
            return opened.session_id();
        };
        const auto idle = openOne();
        const auto watched = openOne();
        QVERIFY(!idle.empty() && !watched.empty());
        grpc::ClientContext framesCtx;
        pb::FramesRequest fr;
        fr.set_session_id(watched);
        fr.set_interval_ms(100);
        auto frames = debug->Frames(&framesCtx, fr);
        pb::Frame frame;
        QVERIFY(frames->Read(&frame));
        grpc::ClientContext jobCtx;
        pb::CreateJobRequest jr;
        jr.set_artifact_name("out");
        pb::JobReply job;
        EXPECT_OK(launcher->CreateJob(&jobCtx, jr, &job));
        auto sessions = [&] {
            grpc::ClientContext c;
            pb::ListSessionsReply list;
            debug->ListSessions(&c, pb::Empty(), &list);
            std::vector<std::string> ids;
            for (const auto& s : list.sessions())
                ids.push_back(s.session_id());
            return ids;
        };
        QTRY_COMPARE_WITH_TIMEOUT(sessions(), std::vector<std::string>{watched}, 8000);
        auto saw = [&](const std::string& text) {
            std::lock_guard lock(m);
            for (const auto& line : logged)
                if (line.find(text) != std::string::npos)
                    return true;
            return false;
        };
        // Asking about the job would count as using it: watch the log instead.
        QTRY_VERIFY_WITH_TIMEOUT(saw("closed job " + job.job_id()), 8000);
        QVERIFY(saw("closed session " + idle + " of 'idle.py' pid 77: idle for more than 1 s"));
        grpc::ClientContext closeCtx;
        pb::JobRef ref;
        ref.set_job_id(job.job_id());
        pb::Empty e;
        EXPECT_STATUS(launcher->CloseJob(&closeCtx, ref, &e), grpc::StatusCode::NOT_FOUND,
                      "is not an open job");
        QCOMPARE(sessions(), std::vector<std::string>{watched});
        framesCtx.TryCancel();
        while (frames->Read(&frame)) {
        }
    }

    // A hang report over the status message's size keeps the whole lines that fit and says
    // how much is left out; it was cut mid-line.
    void longStatusMessagesAreCutBetweenLines() {
        std::string report = "hang at cycle 9: no PE can make progress";
        for (int i = 0; i < 200; ++i)
            report += "\n  PE(" + std::to_string(i) + ",1) waits for wavelets on color 3 (iq 2)";
        const std::string cut = appliance::fitStatusMessage(report);
        QVERIFY(cut.size() <= 6000);
        QVERIFY(cut.starts_with("hang at cycle 9"));
        const size_t gap = cut.find("\n  ... (");
        QVERIFY2(gap != std::string::npos && cut.substr(0, gap).ends_with("(iq 2)"), cut.c_str());
        QVERIFY2(cut.ends_with("more lines, " + std::to_string(report.size() - gap) +
                               " characters not shown)"),
                 cut.c_str());
        // One long line, no line break to cut at: cut in the line, still within the size.
        QVERIFY(appliance::fitStatusMessage(std::string(10000, 'x')).size() <= 6000);
        QCOMPARE(appliance::fitStatusMessage("short"), std::string("short"));
    }
};

QTEST_GUILESS_MAIN(TestAppliance)
#include "tst_appliance.moc"
