// memcpy infrastructure: launch, copy-mode H2D/D2H in both orders and both widths,
// broadcast and strided shapes, streaming both ways, command ordering.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::BuiltinId;
using sim::RunStatus;

namespace {

constexpr uint32_t kA = 1024; // exported array "A"
constexpr uint32_t kY = 2048; // exported array "y"

// compute(): y[i] = 2 * A[i] + x for i < n (f32), then unblock_cmd_stream.
sim::CodeClass gemvLikeClass(uint32_t n) {
    sim::CodeClass cls;
    FnBuilder b("compute", 1, 10);
    b.paramTypes({ScalarType::F32});
    b.imm(1, ScalarType::U16, 0); // i
    b.imm(2, ScalarType::U16, int32_t(n));
    b.imm(3, ScalarType::U16, 4);
    b.imm(4, ScalarType::U16, 1);
    b.imm(9, ScalarType::F32, int32_t(f32bits(2.0f)));
    const int loop = b.here();
    b.op(Op::Mul, ScalarType::U16, 5, 1, 3);
    b.load(6, ScalarType::F32, 5, int32_t(kA));
    b.op(Op::Mul, ScalarType::F32, 6, 6, 9);
    b.op(Op::Add, ScalarType::F32, 6, 6, 0);
    b.store(ScalarType::F32, 5, int32_t(kY), 6);
    b.op(Op::Add, ScalarType::U16, 1, 1, 4);
    b.op(Op::CmpLt, ScalarType::U16, 7, 1, 2);
    b.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 7, kNoReg, loop));
    b.builtin(BuiltinId::UnblockCmdStream);
    b.ret();
    cls.functions.push_back(b.build());
    cls.exports.push_back(exportFn("compute", 0));
    cls.exports.push_back(exportVar("A", kA));
    cls.exports.push_back(exportVar("y", kY));
    return cls;
}

std::shared_ptr<sim::FabricProgram> gemvProgram(uint32_t w, uint32_t h, uint32_t n) {
    auto p = makeProgram(gemvLikeClass(n), w, h);
    sim::HostSymbol f;
    f.name = "compute";
    f.kind = sim::HostSymbol::Kind::Func;
    f.inputs = {ScalarType::F32};
    p->hostSymbols.push_back(f);
    return p;
}

sim::MemcpyRequest copy(bool toDevice, const char* sym, uint32_t w, uint32_t h, uint32_t l,
                        sim::MemcpyOrder order = sim::MemcpyOrder::RowMajor,
                        sim::MemcpyDataType dt = sim::MemcpyDataType::Bits32) {
    sim::MemcpyRequest r;
    r.toDevice = toDevice;
    r.symbol = sym;
    r.w = w;
    r.h = h;
    r.elementsPerPe = l;
    r.order = order;
    r.dataType = dt;
    return r;
}

// A class whose data tasks on `colors` take a u32 wavelet and do nothing with it.
sim::CodeClass takingDataTasks(std::initializer_list<int> colors) {
    sim::CodeClass cls;
    FnBuilder t("take", 1, 1);
    t.paramTypes({ScalarType::U32});
    t.ret();
    cls.functions.push_back(t.build());
    for (const int color : colors) {
        cls.tasks[size_t(color)].kind = sim::TaskKind::Data;
        cls.tasks[size_t(color)].function = 0;
        cls.tasks[size_t(color)].color = uint8_t(color);
    }
    return cls;
}

} // namespace

class TestMemcpy : public QObject {
    Q_OBJECT
  private slots:
    void launchAndCopyEndToEnd() {
        const uint32_t n = 8;
        sim::Fabric f(gemvProgram(1, 1, n));
        std::vector<uint32_t> a(n);
        for (uint32_t i = 0; i < n; ++i)
            a[i] = uint32_t(f32bits(float(i)));
        const auto h2d = f.memcpy(copy(true, "A", 1, 1, n), a);
        const auto run = f.launch("compute", {uint32_t(f32bits(0.5f))});
        const auto d2h = f.memcpy(copy(false, "y", 1, 1, n));
        const auto r = f.runUntilDone(d2h);
        QCOMPARE(r.status, RunStatus::CommandDone);
        QVERIFY(f.isDone(h2d) && f.isDone(run));
        const auto y = f.takeResult(d2h);
        QCOMPARE(y.size(), size_t(n));
        for (uint32_t i = 0; i < n; ++i)
            QCOMPARE(bitsf32(y[i]), 2.0f * float(i) + 0.5f);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QVERIFY(f.cycle() > 100);
    }

    void copyAfterLaunchSeesWaveletsInFlight() {
        // A launched function sends one wavelet east and unblocks at once; the host's
        // next command copies the receiver's result. The copy travels to the PE first
        // (kMemcpyCopyLatency), so the wavelet in flight lands and its data task runs
        // before the copy reads memory (SDK topic-06 relies on this).
        sim::CodeClass send;
        sim::Dsd out;
        out.kind = sim::DsdKind::FabOut;
        out.color = 1;
        out.queue = 2;
        out.extent[0] = 1;
        send.dsdConstants = {out};
        sim::DsdOpDesc mov;
        mov.op = sim::DsdOpKind::Mov32;
        mov.dst = {sim::DsdOperand::Kind::Dsd, 0};
        mov.src0 = {sim::DsdOperand::Kind::Scalar, 0};
        send.dsdOps = {mov};
        FnBuilder go("go", 0, 1, 1);
        go.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0))
            .imm(0, ScalarType::U32, 7);
        go.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        go.builtin(BuiltinId::UnblockCmdStream).ret();
        send.functions.push_back(go.build());
        send.exports.push_back(exportFn("go", 0));
        sim::CodeClass recv;
        FnBuilder unblock("go", 0, 1);
        unblock.builtin(BuiltinId::UnblockCmdStream).ret();
        recv.functions.push_back(unblock.build());
        FnBuilder store("on_data", 1, 2);
        store.imm(1, ScalarType::U32, 64).store(ScalarType::U32, 1, 0, 0).ret();
        recv.functions.push_back(store.build());
        recv.tasks[1].kind = sim::TaskKind::Data;
        recv.tasks[1].function = 1;
        recv.exports = {exportFn("go", 0), exportVar("result", 64)};
        auto p = makeProgram(send, 2, 1);
        p->classes.push_back(recv);
        p->pes[1].codeClass = 1;
        p->pes[0].colors.push_back(
            {1, route(sim::dirBit(sim::Direction::Ramp), sim::dirBit(sim::Direction::East))});
        p->pes[1].colors.push_back(
            {1, route(sim::dirBit(sim::Direction::West), sim::dirBit(sim::Direction::Ramp))});
        sim::Fabric f(p);
        const auto launched = f.launch("go", {});
        QCOMPARE(f.runUntilDone(launched).status, RunStatus::CommandDone);
        sim::MemcpyRequest r;
        r.toDevice = false;
        r.symbol = "result";
        r.x = 1;
        const auto copy = f.memcpy(r);
        QCOMPARE(f.runUntilDone(copy).status, RunStatus::CommandDone);
        QCOMPARE(f.takeResult(copy), std::vector<uint32_t>{7});
    }

    void rowAndColumnMajorOrders() {
        const uint32_t w = 3, h = 2, l = 2;
        for (auto order : {sim::MemcpyOrder::RowMajor, sim::MemcpyOrder::ColMajor}) {
            sim::Fabric f(gemvProgram(w, h, l));
            std::vector<uint32_t> host(w * h * l);
            for (uint32_t i = 0; i < host.size(); ++i)
                host[i] = 1000 + i;
            f.memcpy(copy(true, "A", w, h, l, order), host);
            const auto back = f.memcpy(copy(false, "A", w, h, l, order));
            QCOMPARE(f.runUntilDone(back).status, RunStatus::CommandDone);
            QCOMPARE(f.takeResult(back), host);
            // PE (x=2, y=1), element k=1 holds the documented host index.
            auto mem = f.readMemory(2, 1, kA + 4, 4);
            uint32_t v;
            std::memcpy(&v, mem.data(), 4);
            const uint32_t idx =
                order == sim::MemcpyOrder::RowMajor ? (1 * w + 2) * l + 1 : 1 + 2 * h + 1 * h * w;
            QCOMPARE(v, 1000 + idx);
        }
    }

    void sixteenBitCopiesUseLowHalves() {
        sim::Fabric f(gemvProgram(2, 1, 4));
        std::vector<uint32_t> host = {0xaaaa0001, 0x2, 0x3, 0xffff, 5, 6, 7, 8};
        f.memcpy(copy(true, "A", 2, 1, 4, sim::MemcpyOrder::RowMajor, sim::MemcpyDataType::Bits16),
                 host);
        const auto back = f.memcpy(
            copy(false, "A", 2, 1, 4, sim::MemcpyOrder::RowMajor, sim::MemcpyDataType::Bits16));
        QCOMPARE(f.runUntilDone(back).status, RunStatus::CommandDone);
        const auto got = f.takeResult(back);
        QCOMPARE(got[0], 1u); // zero-extended low half
        QCOMPARE(got[3], 0xffffu);
        QCOMPARE(got[7], 8u);
        auto mem = f.readMemory(0, 0, kA, 8); // packed u16 on the device
        QCOMPARE(int(mem[2]), 2);
        QCOMPARE(int(mem[4]), 3);
    }

    void broadcastAndStridedShapes() {
        sim::Fabric f(gemvProgram(4, 2, 1));
        auto rb = copy(true, "A", 4, 2, 1);
        rb.shape = sim::MemcpyShape::RowBroadcast;
        f.memcpy(rb, {10, 20});
        auto cb = copy(true, "y", 4, 2, 1);
        cb.shape = sim::MemcpyShape::ColBroadcast;
        f.memcpy(cb, {1, 2, 3, 4});
        auto st = copy(false, "A", 4, 2, 1);
        st.shape = sim::MemcpyShape::Strided;
        st.colStride = 2;
        st.rowStride = 1;
        const auto id = f.memcpy(st);
        QCOMPARE(f.runUntilDone(id).status, RunStatus::CommandDone);
        QCOMPARE(f.takeResult(id), (std::vector<uint32_t>{10, 10, 20, 20}));
        auto mem = f.readMemory(3, 1, kY, 4);
        QCOMPARE(int(mem[0]), 4);
    }

    void moreChannelsCopyFaster() {
        uint64_t cycles[2] = {0, 0};
        int k = 0;
        for (uint32_t channels : {1u, 4u}) {
            auto prog = gemvProgram(4, 1, 64);
            prog->memcpy.channels = channels;
            sim::Fabric f(prog);
            const auto id = f.memcpy(copy(true, "A", 4, 1, 64), std::vector<uint32_t>(256, 1));
            QCOMPARE(f.runUntilDone(id).status, RunStatus::CommandDone);
            cycles[k++] = f.cycle();
        }
        QVERIFY2(cycles[1] + 64 * 3 <= cycles[0],
                 (std::to_string(cycles[0]) + " vs " + std::to_string(cycles[1])).c_str());
    }

    // The --channels I/O channels serve the whole program, not each row of the ROI: a
    // copy to 8 times the PEs moves 8 times the host words through one channel (the
    // SDK's bandwidth-test: "the maximum bandwidth of a single channel is around 7Gbps";
    // a 4x8 ROI copied as fast as a 4x1 one was 8 channels' worth).
    void tallerRoisShareTheChannels() {
        uint64_t cycles[2] = {0, 0};
        int k = 0;
        for (uint32_t h : {1u, 8u}) {
            sim::Fabric f(gemvProgram(4, 8, 64));
            const auto id =
                f.memcpy(copy(true, "A", 4, h, 64), std::vector<uint32_t>(4 * h * 64, 1));
            QCOMPARE(f.runUntilDone(id).status, RunStatus::CommandDone);
            cycles[k++] = f.cycle();
        }
        // The 4x1 copy: 1000 cycles of trip, 40 of setup, 64 x 4 of data.
        QVERIFY2(cycles[1] >= cycles[0] + 7 * 64 * 4,
                 (std::to_string(cycles[0]) + " vs " + std::to_string(cycles[1])).c_str());
    }

    // A row broadcast sends each row's elements once and the fabric copies them across
    // the row (the SDK's row-col-broadcast: a plain copy "wastes host bandwidth by 3x" on
    // a width-3 ROI); it used to cost as much as the full copy.
    void broadcastsMoveFewerHostWords() {
        uint64_t cycles[3] = {0, 0, 0};
        for (int k = 0; k < 3; ++k) {
            sim::Fabric f(gemvProgram(4, 2, 64));
            auto r = copy(true, "A", 4, 2, 64);
            size_t words = 4 * 2 * 64;
            if (k == 1) {
                r.shape = sim::MemcpyShape::RowBroadcast;
                words = 2 * 64;
            } else if (k == 2) {
                r.shape = sim::MemcpyShape::ColBroadcast;
                words = 4 * 64;
            }
            const auto id = f.memcpy(r, std::vector<uint32_t>(words, 1));
            QCOMPARE(f.runUntilDone(id).status, RunStatus::CommandDone);
            cycles[k] = f.cycle();
        }
        QVERIFY2(cycles[2] + 4 * 64 <= cycles[0] && cycles[1] + 2 * 64 <= cycles[2],
                 (std::to_string(cycles[0]) + ", row " + std::to_string(cycles[1]) + ", col " +
                  std::to_string(cycles[2]))
                     .c_str());
    }

    void badRequestsAreRejected() {
        sim::Fabric f(gemvProgram(2, 2, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.memcpy(copy(true, "nope", 1, 1, 1), {1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 f.memcpy(copy(true, "A", 3, 1, 1), {1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.memcpy(copy(true, "A", 1, 1, 2), {1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.memcpy(copy(true, "A", 1, 1, 20000),
                                                                 std::vector<uint32_t>(20000)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.launch("compute", {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.launch("missing", {}));
    }

    void launchWithoutUnblockIsReportedAsHang() {
        sim::CodeClass cls;
        FnBuilder b("init_and_compute", 0, 1);
        b.ret();
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("init_and_compute", 0));
        cls.exports.push_back(exportVar("y", 64));
        sim::Fabric f(makeProgram(cls, 2, 1));
        f.launch("init_and_compute", {});
        const auto d2h = f.memcpy(copy(false, "y", 2, 1, 1));
        const auto r = f.runUntilDone(d2h);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("PE(4,1) never called unblock_cmd_stream after init_and_compute") !=
                     std::string::npos,
                 r.message.c_str());
        QCOMPARE(r.waiting.size(), size_t(2));
        QCOMPARE(r.waiting[1].x, 5u);
        QCOMPARE(r.waiting[1].y, 1u);
    }

    // Data task on color 3 (WSE-2: task id 3): doubles the payload and sends it on color 5
    // (a MEMCPYD2H color) through output queue 2 with a fabout mov32. The D2H stream
    // collects beside the command sequence, so issuing it before the H2D works too: it
    // used to hold the H2D behind it (a hang at cycle 1).
    void streamingH2DFeedsDataTaskAndD2HCollects_data() {
        QTest::addColumn<bool>("d2hFirst");
        QTest::newRow("h2d issued first") << false;
        QTest::newRow("d2h issued first") << true;
    }
    void streamingH2DFeedsDataTaskAndD2HCollects() {
        QFETCH(bool, d2hFirst);
        sim::CodeClass cls;
        FnBuilder t("recv", 1, 3, 1);
        t.paramTypes({ScalarType::U32});
        t.op(Op::Add, ScalarType::U32, 1, 0, 0);
        t.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        t.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        t.ret();
        cls.functions.push_back(t.build());
        sim::Dsd out;
        out.kind = sim::DsdKind::FabOut;
        out.color = 5;
        out.queue = 2;
        out.extent[0] = 1;
        cls.dsdConstants.push_back(out);
        sim::DsdOpDesc mov;
        mov.op = sim::DsdOpKind::Mov32;
        mov.dst = {sim::DsdOperand::Kind::Dsd, 0};
        mov.src0 = {sim::DsdOperand::Kind::Scalar, 1};
        cls.dsdOps.push_back(mov);
        cls.tasks[3].kind = sim::TaskKind::Data;
        cls.tasks[3].function = 0;
        cls.tasks[3].color = 3;
        auto prog = makeProgram(cls, 2, 1);
        prog->memcpy.enabled = true;
        prog->memcpy.h2dColors[0] = 3;
        prog->memcpy.d2hColors[0] = 5;
        sim::Fabric f(prog);
        const uint32_t n = 20;
        std::vector<uint32_t> in(2 * n);
        for (uint32_t i = 0; i < in.size(); ++i)
            in[i] = i + 1;
        sim::MemcpyRequest h2d;
        h2d.streaming = true;
        h2d.color = 3;
        h2d.w = 2;
        h2d.elementsPerPe = n;
        sim::MemcpyRequest d2h = h2d;
        d2h.toDevice = false;
        d2h.color = 5;
        sim::CommandId id;
        if (d2hFirst) {
            id = f.memcpy(d2h);
            f.memcpy(h2d, in);
        } else {
            f.memcpy(h2d, in);
            id = f.memcpy(d2h);
        }
        const auto r = f.runUntilDone(id);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        const auto out2 = f.takeResult(id);
        for (uint32_t i = 0; i < in.size(); ++i)
            QCOMPARE(out2[i], 2 * in[i]);
        QCOMPARE(f.stats(1, 0).taskActivations, uint64_t(n));
    }

    // A streaming H2D starts only when the PE's main thread is free: the memcpy kernel runs
    // on the PE's CE to take the command. The SDK's pipeline-01 tutorial: "The kernel stalls
    // if a blocking instruction @add16(outDsd, inDsd, 1) is used ... @add16 repeatedly
    // querying data from input queue 1, which is still empty"; an async op works. Here a
    // task started at load reads the stream's color synchronously (a hang that names the
    // stream) or asynchronously (done).
    void streamNeedsAFreeMainThread() {
        for (const bool async : {false, true}) {
            sim::CodeClass cls;
            FnBuilder init("init", 0, 1);
            init.imm(0, ScalarType::U16, 10).builtin(BuiltinId::Activate, 0, 1).ret();
            cls.functions.push_back(init.build());
            FnBuilder take("take", 0, 1, 2);
            take.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
            take.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
            take.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
            take.ret();
            cls.functions.push_back(take.build());
            sim::Dsd mem;
            mem.baseAddress = kA;
            mem.extent[0] = 4;
            mem.strideBytes[0] = 4;
            mem.elementBytes = 4;
            sim::Dsd in;
            in.kind = sim::DsdKind::FabIn;
            in.color = 2;
            in.queue = 2;
            in.extent[0] = 4;
            cls.dsdConstants = {mem, in};
            sim::DsdOpDesc mov;
            mov.op = sim::DsdOpKind::Mov32;
            mov.dst = {sim::DsdOperand::Kind::Dsd, 0};
            mov.src0 = {sim::DsdOperand::Kind::Dsd, 1};
            mov.async = async;
            cls.dsdOps.push_back(mov);
            cls.tasks[10].kind = sim::TaskKind::Local;
            cls.tasks[10].function = 1;
            cls.initFunction = 0;
            auto prog = makeProgram(cls);
            prog->memcpy.enabled = true;
            prog->memcpy.h2dColors[0] = 2;
            sim::Fabric f(prog);
            sim::MemcpyRequest h2d;
            h2d.streaming = true;
            h2d.color = 2;
            h2d.elementsPerPe = 4;
            const auto id = f.memcpy(h2d, {5, 6, 7, 8});
            const auto r = f.runUntilDone(id);
            if (async) {
                QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
                f.runUntilIdle();
                const auto mem = f.readMemory(0, 0, kA, 16);
                std::vector<uint32_t> got(4);
                std::memcpy(got.data(), mem.data(), 16);
                QCOMPARE(got, (std::vector<uint32_t>{5, 6, 7, 8}));
            } else {
                QCOMPARE(r.status, RunStatus::Hang);
                QVERIFY2(r.message.find("memcpy_h2d streaming to color 2 has not started") !=
                             std::string::npos,
                         r.message.c_str());
            }
        }
    }

    // memcpy commands are serialized: a copy issued after an H2D stream waits until the
    // stream is done, also on PEs outside the stream's region (the SDK's pipeline-01:
    // "The host triggers D2H only if H2D is done"; SDK topic-14 reads a sum that the
    // streamed values build up on other PEs). Here PE 0 never takes its stream (its data
    // task stays blocked), so the copy from PE 1 must not finish either; it used to.
    void copiesWaitForAnEarlierStream() {
        sim::CodeClass cls = takingDataTasks({2});
        cls.tasks[2].initiallyBlocked = true;
        cls.exports.push_back(exportVar("A", kA));
        auto prog = makeProgram(cls, 2, 1);
        prog->memcpy.enabled = true;
        prog->memcpy.h2dColors[0] = 2;
        sim::Fabric f(prog);
        sim::MemcpyRequest h2d;
        h2d.streaming = true;
        h2d.color = 2;
        h2d.elementsPerPe = 20;
        f.memcpy(h2d, std::vector<uint32_t>(20, 7));
        auto back = copy(false, "A", 1, 1, 1);
        back.x = 1;
        const auto id = f.memcpy(back);
        const auto r = f.runUntilDone(id);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("memcpy_h2d streaming to color 2") != std::string::npos,
                 r.message.c_str());
    }

    // SdkLayout streams each have an I/O channel of their own: a stream to PE 1 runs while
    // one to PE 0, whose data task is blocked, is unfinished (sdklayout-04's add2vec with 64
    // elements hung when the two sends were serialized as memcpy's are).
    void ownChannelStreamsRunTogether_data() {
        QTest::addColumn<bool>("ownChannel");
        QTest::newRow("memcpy streams") << false;
        QTest::newRow("own channels") << true;
    }
    void ownChannelStreamsRunTogether() {
        QFETCH(bool, ownChannel);
        sim::CodeClass cls = takingDataTasks({2, 3});
        cls.tasks[2].initiallyBlocked = true;
        auto prog = makeProgram(cls, 2, 1);
        prog->memcpy.enabled = true;
        prog->memcpy.h2dColors[0] = 2;
        prog->memcpy.h2dColors[1] = 3;
        sim::Fabric f(prog);
        sim::MemcpyRequest held;
        held.streaming = true;
        held.color = 2;
        held.elementsPerPe = 20;
        held.ownChannel = ownChannel;
        f.memcpy(held, std::vector<uint32_t>(20, 7));
        sim::MemcpyRequest taken = held;
        taken.color = 3;
        taken.x = 1;
        const auto r = f.runUntilDone(f.memcpy(taken, std::vector<uint32_t>(20, 8)));
        QCOMPARE(r.status, ownChannel ? RunStatus::CommandDone : RunStatus::Hang);
    }

    void streamingWithoutConsumerHangs() {
        sim::CodeClass cls;
        FnBuilder t("noop", 0, 1);
        t.ret();
        cls.functions.push_back(t.build());
        auto prog = makeProgram(cls, 1, 1);
        prog->memcpy.h2dColors[0] = 2;
        sim::Fabric f(prog);
        sim::MemcpyRequest h2d;
        h2d.streaming = true;
        h2d.color = 2;
        h2d.elementsPerPe = 50;
        const auto id = f.memcpy(h2d, std::vector<uint32_t>(50, 1));
        const auto r = f.runUntilDone(id);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("memcpy_h2d streaming to color 2") != std::string::npos,
                 r.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestMemcpy)
#include "tst_memcpy.moc"
