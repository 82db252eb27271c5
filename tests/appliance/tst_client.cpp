// The C++ client (backend/client) against the in-process appliance and a unix-socket
// daemon, with the fixture program written as an out/ directory.
#include "backend/appliance/appliance.h"
#include "backend/artifact/artifact.h"
#include "backend/client/client.h"
#include "fixture_program.h"
#include "sim/coredump.h"

#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <numeric>
#include <optional>

#include <stdlib.h>
#include <unistd.h>

using namespace tessera::client;

namespace {

// Loads and runs the fixture program; its `buf` (16 f32 on each of the 2 PEs) then holds
// 0, 1, ..., 31.
uint32_t fillBufWithIndices(SdkRuntime& rt) {
    rt.load();
    rt.run();
    const uint32_t buf = rt.get_id("buf");
    std::vector<float> in(32);
    std::iota(in.begin(), in.end(), 0.0f);
    rt.memcpy_h2d(buf, std::span<const float>(in), 0, 0, 2, 1, 16);
    return buf;
}

} // namespace

class TestClient : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string out_;
    std::unique_ptr<appliance::Appliance> server_;
    std::shared_ptr<Connection> conn_;

  private slots:
    void initTestCase() {
        out_ = tmp_.path().toStdString() + "/out";
        artifact::writeArtifact(out_, *fixture::program(), {});
        server_ = appliance::Appliance::startEmbedded({});
        conn_ = Connection::fromChannel(server_->inProcessChannel());
        QVERIFY(conn_->serverVersion().find("tessera-appliance") != std::string::npos);
    }
    void cleanupTestCase() {
        conn_.reset();
        server_.reset();
    }

    void roundTripAndStopFlush() {
        SdkRuntime rt(out_, conn_);
        const uint32_t buf = fillBufWithIndices(rt);
        rt.launch("add_to_all", {1.0f});
        std::vector<float> out(32);
        rt.memcpy_d2h(std::span<float>(out), buf, 0, 0, 2, 1, 16);
        QCOMPARE(out[5], 6.0f);
        // Nonblocking: the buffer is filled by stop().
        rt.launch("add_to_all", {2.0}, true);
        std::vector<uint32_t> raw(32);
        Task t = rt.memcpy_d2h(std::span<uint32_t>(raw), buf, 0, 0, 2, 1, 16, false,
                               MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        QVERIFY(t.id > 0);
        QVERIFY(rt.stop() > 0);
        float last;
        std::memcpy(&last, &raw[31], 4);
        QCOMPARE(last, 34.0f);
        auto sym = rt.read_symbol(0, 0, "buf");
        QCOMPARE(sym.size(), size_t(64));
        const std::string core = tmp_.path().toStdString() + "/corefile.cs1";
        rt.dump_core(core);
        QVERIFY(std::filesystem::file_size(core) > 0);
    }

    // The SDK runs commands in order, so a script may wait only for its last command:
    // every nonblocking D2H issued before it then has its data in its buffer.
    void nonblockingD2hFilledByALaterWait() {
        SdkRuntime rt(out_, conn_);
        const uint32_t buf = fillBufWithIndices(rt);
        std::vector<float> west(16), east(16);
        rt.memcpy_d2h(std::span<float>(west), buf, 0, 0, 1, 1, 16, false,
                      MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        rt.memcpy_d2h(std::span<float>(east), buf, 1, 0, 1, 1, 16, false,
                      MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        rt.task_wait(rt.launch("add_to_all", {1.0f}, true));
        QCOMPARE(west[3], 3.0f);
        QCOMPARE(east[3], 19.0f);
        // A blocking command settles the earlier ones too.
        std::vector<float> again(16), now(16);
        rt.memcpy_d2h(std::span<float>(again), buf, 0, 0, 1, 1, 16, false,
                      MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        rt.memcpy_d2h(std::span<float>(now), buf, 1, 0, 1, 1, 16);
        QCOMPARE(again[3], 4.0f);
        QCOMPARE(now[3], 20.0f);
        rt.stop();
    }

    // Two nonblocking D2H copies into one buffer: once the later one is waited for, the
    // buffer holds its words (the earlier copy was filled last, over them, before).
    void aLaterCopyIntoTheSameBufferWins() {
        SdkRuntime rt(out_, conn_);
        const uint32_t buf = fillBufWithIndices(rt);
        std::vector<float> same(16);
        rt.memcpy_d2h(std::span<float>(same), buf, 0, 0, 1, 1, 16, false,
                      MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        rt.launch("add_to_all", {1.0f}, true);
        Task last = rt.memcpy_d2h(std::span<float>(same), buf, 0, 0, 1, 1, 16, false,
                                  MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        rt.task_wait(last);
        QCOMPARE(same[3], 4.0f);
        rt.stop();
    }

    // An H2D from the buffer a pending nonblocking D2H fills sends what that D2H brings
    // (commands run in order); it sent the buffer's old contents before.
    void anH2dSendsWhatAnEarlierNonblockingD2hBrings() {
        SdkRuntime rt(out_, conn_);
        const uint32_t buf = fillBufWithIndices(rt);
        std::vector<float> east(16);
        rt.memcpy_d2h(std::span<float>(east), buf, 1, 0, 1, 1, 16, false,
                      MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        rt.memcpy_h2d(buf, std::span<const float>(east), 0, 0, 1, 1, 16, false,
                      MemcpyDataType::MEMCPY_32BIT, MemcpyOrder::ROW_MAJOR, true);
        std::vector<float> west(16);
        rt.memcpy_d2h(std::span<float>(west), buf, 0, 0, 1, 1, 16);
        QCOMPARE(west[3], 19.0f);
        rt.stop();
    }

    void errorsCarryStatusAndArgument() {
        SdkRuntime rt(out_, conn_);
        try {
            rt.launch("noop");
            QFAIL("expected ClientError");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 9); // FAILED_PRECONDITION
            QVERIFY2(e.details().find("launch: call load() and run() first") != std::string::npos,
                     e.what());
        }
        rt.load();
        rt.run();
        try {
            std::vector<uint32_t> small(3);
            rt.memcpy_h2d(rt.get_id("buf"), std::span<const uint32_t>(small), 0, 0, 2, 1, 16);
            QFAIL("expected ClientError");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 3); // INVALID_ARGUMENT
            QVERIFY2(e.details().find("src array has 3 elements, expected 32") != std::string::npos,
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(ClientError,
                                 SdkRuntime(tmp_.path().toStdString() + "/missing", conn_));
    }

    void broadcastAndStride() {
        SdkRuntime rt(out_, conn_);
        rt.load();
        rt.run();
        const uint32_t buf = rt.get_id("buf");
        std::vector<uint32_t> row(16, 7); // h=1 rows of 16
        rt.memcpy_h2d_rowbcast(buf, std::span<const uint32_t>(row), 0, 0, 2, 1, 16);
        std::vector<uint32_t> out(32);
        rt.memcpy_d2h(std::span<uint32_t>(out), buf, 0, 0, 2, 1, 16);
        QCOMPARE(out[0], 7u);
        QCOMPARE(out[31], 7u);
        std::vector<uint32_t> cols(32, 9); // w=2 columns of 16
        rt.memcpy_h2d_colbcast(buf, std::span<const uint32_t>(cols), 0, 0, 2, 1, 16);
        rt.memcpy_d2h(std::span<uint32_t>(out), buf, 0, 0, 2, 1, 16);
        QCOMPARE(out[17], 9u);
        std::vector<uint32_t> strided(16, 5); // col stride 2 over w=2: only PE 0
        rt.memcpy_h2d_stride(buf, std::span<const uint32_t>(strided), 0, 0, 2, 1, 16, 1, 2);
        rt.memcpy_d2h(std::span<uint32_t>(out), buf, 0, 0, 2, 1, 16);
        QCOMPARE(out[0], 5u);
        QCOMPARE(out[16], 9u);
        rt.stop();
    }

    void asyncLaunchAndDebug() {
        SdkRuntime rt(out_, conn_);
        rt.load();
        rt.run();
        std::promise<std::optional<ClientError>> done;
        rt.launch_async("noop", {}, [&](std::optional<ClientError> e) { done.set_value(e); });
        auto result = done.get_future().get();
        QVERIFY(!result.has_value());
        std::promise<std::optional<ClientError>> bad;
        rt.launch_async("nope", {}, [&](std::optional<ClientError> e) { bad.set_value(e); });
        auto badResult = bad.get_future().get();
        QVERIFY(badResult.has_value());
        QCOMPARE(badResult->code(), 5); // NOT_FOUND

        DebugSession debug(conn_, rt.sessionId());
        std::mutex m;
        std::condition_variable cv;
        std::vector<Frame> frames;
        {
            auto sub = debug.subscribe(10, [&](const Frame& f) {
                std::lock_guard lock(m);
                frames.push_back(f);
                cv.notify_all();
            });
            debug.step(5);
            std::unique_lock lock(m);
            QVERIFY(cv.wait_for(lock, std::chrono::seconds(5), [&] { return !frames.empty(); }));
        }
        QCOMPARE(frames.front().width, 2u);
        QCOMPARE(frames.front().pes.size(), size_t(2));
        debug.resume();
        std::promise<std::optional<ClientError>> stopped;
        rt.stop_async([&](std::optional<ClientError> e) { stopped.set_value(e); });
        QVERIFY(!stopped.get_future().get().has_value());
        try {
            debug.setBreakpoints({{"nonsense", 0, 0, false, 0, 0, {}}});
            QFAIL("expected ClientError");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 3);
        }
    }

    // Frames carry the session's host copies for the fabric view's memcpy regions: pending
    // ones and the last four done ones, in rectangle coordinates.
    void framesShowHostCopies() {
        SdkRuntime rt(out_, conn_);
        rt.load();
        rt.run();
        const uint32_t buf = rt.get_id("buf");
        std::vector<float> out(16);
        rt.memcpy_d2h(std::span<float>(out), buf, 1, 0, 1, 1, 16);
        DebugSession debug(conn_, rt.sessionId());
        Frame f = debug.pause();
        QCOMPARE(f.memcpy.size(), size_t(1));
        QVERIFY(!f.memcpy[0].toDevice && f.memcpy[0].done && !f.memcpy[0].streaming);
        QCOMPARE(f.memcpy[0].symbol, std::string("buf"));
        QCOMPARE(f.memcpy[0].x, 1u);
        QCOMPARE(f.memcpy[0].w, 1u);
        QCOMPARE(f.memcpy[0].elementsPerPe, 16u);
        debug.resume();
        const std::vector<float> in(32, 2.0f);
        for (int k = 0; k < 5; ++k)
            rt.memcpy_h2d(buf, std::span<const float>(in), 0, 0, 2, 1, 16);
        f = debug.pause();
        QCOMPARE(f.memcpy.size(), size_t(4));
        for (const FrameMemcpy& copy : f.memcpy)
            QVERIFY(copy.toDevice && copy.done && copy.w == 2);
        debug.resume();
        rt.stop();
    }

    void breakpointPausesHostCommandsUntilResume() {
        SdkRuntime rt(out_, conn_);
        rt.load();
        rt.run();
        rt.launch("noop"); // time starts moving
        DebugSession debug(conn_, rt.sessionId());
        const uint64_t now = debug.pause().cycle;
        debug.resume();
        debug.setBreakpoints({{"cycle", 0, 0, false, uint32_t(now + 10), 0, {}}});
        auto waiter = std::async(std::launch::async, [&] {
            Task t = rt.launch("add_to_all", {1.0f}, true);
            rt.task_wait(t);
        });
        // The breakpoint stops the run: task_wait does not return until resume().
        QVERIFY(waiter.wait_for(std::chrono::milliseconds(500)) == std::future_status::timeout);
        Frame f = debug.pause();
        QCOMPARE(f.status, std::string("breakpoint"));
        debug.setBreakpoints({});
        debug.resume();
        QVERIFY(waiter.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        waiter.get();
        rt.stop();
    }

    // Over a unix socket, large copies go through shared memory; the results match the
    // message path (TESSERA_NO_SHM=1) and the segment is gone with the runtime.
    void sharedMemoryOverUnixSocket() {
        const std::string dir = tmp_.path().toStdString() + "/big";
        artifact::writeArtifact(dir, *fixture::program(8, 8, 2048), {});
        const std::string sock = tmp_.path().toStdString() + "/shm.sock";
        auto daemon = appliance::Appliance::startListening({}, "unix:" + sock);
        auto segments = [] {
            int n = 0;
            const std::string prefix = "tessera-shm-" + std::to_string(::getpid()) + "-";
            for (const auto& e : std::filesystem::directory_iterator("/dev/shm"))
                n += e.path().filename().string().rfind(prefix, 0) == 0;
            return n;
        };
        std::vector<float> in(size_t(8) * 8 * 2048);
        std::iota(in.begin(), in.end(), 0.0f);
        std::vector<std::vector<float>> results;
        for (const char* noShm : {"0", "1"}) {
            ::setenv("TESSERA_NO_SHM", noShm, 1);
            auto conn = Connection::connect("unix:" + sock);
            {
                SdkRuntime rt(dir, conn);
                rt.load();
                rt.run();
                const uint32_t buf = rt.get_id("buf");
                rt.memcpy_h2d(buf, std::span<const float>(in), 0, 0, 8, 8, 2048);
                QCOMPARE(segments(), std::string(noShm) == "0" ? 1 : 0);
                rt.launch("add_to_all", {0.5f});
                std::vector<float> out(in.size());
                rt.memcpy_d2h(std::span<float>(out), buf, 0, 0, 8, 8, 2048);
                results.push_back(out);
            }
            QCOMPARE(segments(), 0);
        }
        ::unsetenv("TESSERA_NO_SHM");
        QCOMPARE(results[0].back(), in.back() + 0.5f);
        QVERIFY(results[0] == results[1]);
    }

    // A debugger finds a host program's session by its pid and attaches to it.
    void listSessionsAndAttach() {
        SdkRuntime rt(out_, conn_);
        rt.load();
        rt.run();
        std::optional<SessionInfo> mine;
        for (const auto& s : listSessions(conn_))
            if (s.clientPid == uint32_t(::getpid()) && s.clientLabel == "C++ SdkRuntime out")
                mine = s;
        QVERIFY(mine);
        QCOMPARE(mine->state, std::string("running"));
        QCOMPARE(mine->width, 2u);
        QCOMPARE(mine->offsetX, 4u);
        DebugSession debug(conn_, mine->sessionId);
        debug.pause();
        rt.launch("noop", {}, true);
        const Frame stepped = debug.step(5);
        QVERIFY(stepped.cycle >= 5);
        debug.resume();
        rt.stop();
    }

    // A debugger following a script's session sees the session's final frame, then learns
    // that it closed: the frame stream ends with OK instead of repeating the last frame.
    void frameStreamEndsWithFinalFrameWhenSessionCloses() {
        auto rt = std::make_unique<SdkRuntime>(out_, conn_);
        rt->load();
        rt->run();
        DebugSession debug(conn_, rt->sessionId());
        std::mutex m;
        std::condition_variable arrived;
        std::vector<Frame> frames;
        std::promise<void> closed;
        auto sub = debug.subscribe(
            10,
            [&](const Frame& f) {
                std::lock_guard lock(m);
                frames.push_back(f);
                arrived.notify_all();
            },
            [&] { closed.set_value(); });
        {
            // The stream is open once its first frame is here (a Frames call that reached
            // the appliance after the close would fail with NOT_FOUND instead).
            std::unique_lock lock(m);
            QVERIFY(
                arrived.wait_for(lock, std::chrono::seconds(10), [&] { return !frames.empty(); }));
        }
        rt->launch("add_to_all", {1.0f});
        const uint64_t finalCycle = rt->stop();
        QVERIFY(finalCycle > 0);
        rt.reset(); // closes the session
        QCOMPARE(closed.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
        std::lock_guard lock(m);
        QVERIFY(!frames.empty());
        QCOMPARE(frames.back().cycle, finalCycle);
        QCOMPARE(frames.back().pes.size(), size_t(2));
    }

    // A debugger attached to another client's session (issue 5) dumps it by the session's
    // id while the owner's host command waits at a pause; the command goes on after resume.
    void attachedSessionDumpsByIdWhilePaused() {
        auto scriptConnection = Connection::fromChannel(server_->inProcessChannel());
        SdkRuntime rt(out_, scriptConnection);
        rt.load();
        rt.run();
        const uint32_t buf = rt.get_id("buf");
        const std::vector<float> in(32, 2.5f);
        rt.memcpy_h2d(buf, std::span<const float>(in), 0, 0, 2, 1, 16);
        std::optional<SessionInfo> found;
        for (const auto& s : listSessions(conn_))
            if (s.sessionId == rt.sessionId())
                found = s;
        QVERIFY(found);
        DebugSession debug(conn_, found->sessionId);
        debug.pause();
        auto command = std::async(std::launch::async, [&] { rt.launch("add_to_all", {1.0f}); });
        QVERIFY(command.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
        const std::string core = tmp_.path().toStdString() + "/attached.cs1";
        auto dump = std::async(std::launch::async, [&] { debug.dumpCore(core); });
        const bool dumped = dump.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
        const bool commandHeld =
            command.wait_for(std::chrono::seconds(0)) == std::future_status::timeout;
        debug.resume(); // before any check can fail: the futures wait in their destructors
        QVERIFY2(dumped, "the dump waited for the paused host command");
        dump.get();
        QVERIFY(commandHeld);
        QVERIFY(command.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
        command.get();
        {
            sim::CoreDumpReader reader(core);
            QCOMPARE(reader.header().width, 2u);
            const std::vector<uint8_t> word = reader.readSram(1, 0, 0, 4);
            float value;
            std::memcpy(&value, word.data(), 4);
            QCOMPARE(value, 2.5f); // taken before add_to_all ran
        }
        QVERIFY(!std::filesystem::exists(core + ".partial"));
        // An unknown id is NOT_FOUND and leaves no file behind.
        verifyUnknownSessionWritesNothing(
            tmp_.path().toStdString() + "/ghost.cs1",
            [](DebugSession& ghost, const std::string& path) { ghost.dumpCore(path); });
        rt.stop();
    }

    // DebugSession::trace on another client's session: the H2D data, launch and D2H are
    // replayed by the appliance; the log file is the session's run, and an unknown id
    // leaves no file behind.
    void traceOfAnotherClientsSession() {
        auto scriptConnection = Connection::fromChannel(server_->inProcessChannel());
        SdkRuntime rt(out_, scriptConnection);
        rt.load();
        rt.run();
        const uint32_t buf = rt.get_id("buf");
        const std::vector<float> in(32, 2.5f);
        rt.memcpy_h2d(buf, std::span<const float>(in), 0, 0, 2, 1, 16);
        rt.launch("add_to_all", {1.0f});
        DebugSession debug(conn_, rt.sessionId());
        const std::string log = tmp_.path().toStdString() + "/trace.log";
        // After the blocking launch a PE's code may have run ahead of the session's cycle:
        // the counters are compared only when none did.
        const TraceResult afterLaunch = debug.trace(log);
        QVERIFY2(afterLaunch.countersChecked || !afterLaunch.countersNote.empty(),
                 "neither compared nor said why");
        // A debugger step ends at its cycle: every counter is compared.
        debug.pause();
        debug.step(3);
        const TraceResult traced = debug.trace(log);
        debug.resume();
        QVERIFY(traced.countersChecked);
        QCOMPARE(traced.commands, 2u);
        QCOMPARE(traced.cycle, traced.sessionCycle);
        QCOMPARE(traced.width, 2u);
        QCOMPARE(traced.instructions.size(), size_t(2));
        QVERIFY(traced.instructions[1] > 0);
        QVERIFY(std::filesystem::file_size(log) > 0);
        QVERIFY(!std::filesystem::exists(log + ".partial"));
        verifyUnknownSessionWritesNothing(
            tmp_.path().toStdString() + "/ghost.log",
            [](DebugSession& ghost, const std::string& path) { ghost.trace(path); });
        rt.stop();
    }

    // Cancel Build (issue 5): a CompileCancellation used from another thread ends a
    // full-wafer compile with CANCELLED and writes nothing to outdir; one cancelled before
    // the call starts fails at once.
    void compileCancelledFromAnotherThread() {
        namespace fs = std::filesystem;
        const fs::path code = tmp_.path().toStdString() + "/life";
        fs::create_directories(code);
        for (const char* name : {"layout.csl", "cell.csl"})
            fs::copy_file(fs::path(TESSERA_SOURCE_DIR) / "resources/examples/game-of-life" / name,
                          code / name);
        const fs::path outdir = tmp_.path().toStdString() + "/life-build";
        fs::create_directories(outdir);
        const std::string args = "--arch=wse2 --fabric-dims=757,996 --fabric-offsets=4,1 "
                                 "--params=width:750,height:994 --memcpy --channels=1 -o out";
        SdkCompiler compiler(conn_);
        auto cancellation = std::make_shared<CompileCancellation>();
        auto build = std::async(std::launch::async, [&] {
            compiler.compile(code.string(), "layout.csl", args, outdir.string(), {}, cancellation);
        });
        QVERIFY(build.wait_for(std::chrono::milliseconds(800)) == std::future_status::timeout);
        const auto cancelledAt = std::chrono::steady_clock::now();
        cancellation->cancel();
        QVERIFY(build.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - cancelledAt)
                            .count();
        qInfo("SdkCompiler::compile returned %lld ms after cancel()", (long long)ms);
        try {
            build.get();
            QFAIL("expected ClientError(CANCELLED)");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 1); // CANCELLED
            QCOMPARE(e.details(), std::string("compile: cancelled"));
        }
        QVERIFY(cancellation->isCancelled());
        QVERIFY(fs::is_empty(outdir));

        auto early = std::make_shared<CompileCancellation>();
        early->cancel();
        try {
            compiler.compile(code.string(), "layout.csl", args, outdir.string(), {}, early);
            QFAIL("expected ClientError(CANCELLED)");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 1);
        }
        QVERIFY(fs::is_empty(outdir));
    }

    void launcherOverDaemonSocket() {
        const std::string sock = tmp_.path().toStdString() + "/appliance.sock";
        appliance::ApplianceOptions o;
        o.token = "t0ken";
        auto daemon = appliance::Appliance::startListening(o, "unix:" + sock);
        QVERIFY_THROWS_EXCEPTION(ClientError, Connection::connect("unix:" + sock));
        auto conn = Connection::connect("unix:" + sock, {"t0ken", false});
        SdkLauncher launcher(out_, conn);
        const std::string script = tmp_.path().toStdString() + "/hello.sh";
        {
            std::ofstream f(script);
            f << "echo staged-$1\n";
        }
        launcher.stage(script);
        QCOMPARE(launcher.run("sh hello.sh ok && ls out/bin"),
                 std::string("staged-ok\nout_program.pb\nout_rpc.json\n"));
        QVERIFY(launcher.run("echo %CMADDR%").find(launcher.cmaddr()) == 0);
        launcher.download_artifact("out/out.json", tmp_.path().toStdString() + "/copy.json");
        QVERIFY(std::filesystem::file_size(tmp_.path().toStdString() + "/copy.json") > 0);
        try {
            launcher.download_artifact("/etc/passwd", tmp_.path().toStdString() + "/x");
            QFAIL("expected ClientError");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 7); // PERMISSION_DENIED
        }
        try {
            launcher.run("echo failing; exit 2");
            QFAIL("expected ClientError");
        } catch (const ClientError& e) {
            QVERIFY(e.details().find("exited with 2") != std::string::npos);
        }
    }

  private:
    // `write` (a dump or a trace into `path`) for a session id the appliance does not
    // know: NOT_FOUND, and neither the file nor its .partial is left behind.
    void verifyUnknownSessionWritesNothing(
        const std::string& path,
        const std::function<void(DebugSession&, const std::string&)>& write) {
        DebugSession ghost(conn_, "s-no-such-session");
        try {
            write(ghost, path);
            QFAIL("expected ClientError");
        } catch (const ClientError& e) {
            QCOMPARE(e.code(), 5); // NOT_FOUND
        }
        QVERIFY(!std::filesystem::exists(path));
        QVERIFY(!std::filesystem::exists(path + ".partial"));
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
