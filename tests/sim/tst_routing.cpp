// Routers and wavelets: point-to-point and multicast routes, hop latency, fabin/fabout
// DSDs (sync and async with .activate), backpressure, unrouted colors.
#include "program_builder.h"

#include <QTemporaryDir>
#include <QTest>

#include <cctype>
#include <fstream>
#include <iterator>

using namespace simtest;
using sim::dirBit;
using sim::Direction;
using sim::DsdKind;
using sim::DsdOperand;
using sim::RunStatus;

namespace {

constexpr uint32_t kBuf = 512;

sim::Dsd mem1d(uint32_t base, uint32_t n, int32_t strideBytes = 4) {
    sim::Dsd d;
    d.kind = DsdKind::Mem1d;
    d.baseAddress = base;
    d.extent[0] = n;
    d.strideBytes[0] = strideBytes;
    return d;
}

sim::Dsd fab(DsdKind k, uint8_t color, uint8_t queue, uint32_t n) {
    sim::Dsd d;
    d.kind = k;
    d.color = color;
    d.queue = queue;
    d.extent[0] = n;
    return d;
}

// Class 0 (sender): init sends n words of buf on color 1 via fabout (oq 1).
// Class 1 (receiver): init runs fadds(buf, buf, fabin) either sync or async; an async
// op activates local task 10, which stores a marker at 0.
// The pipeline receiver's op made `op` of its fabin alone into buf.
void receiveByMove(sim::CodeClass& recv, sim::DsdOpKind op) {
    recv.dsdOps[0].op = op;
    recv.dsdOps[0].src0 = {DsdOperand::Kind::Dsd, 1};
    recv.dsdOps[0].src1 = {};
}

std::shared_ptr<sim::FabricProgram> pipeline(uint32_t n, bool asyncRecv, uint32_t width = 2) {
    sim::CodeClass send;
    sim::DataInit init;
    init.address = kBuf;
    for (uint32_t i = 0; i < n; ++i) {
        const float v = float(i) + 1.0f;
        const uint8_t* b = reinterpret_cast<const uint8_t*>(&v);
        init.bytes.insert(init.bytes.end(), b, b + 4);
    }
    send.data.push_back(init);
    send.dsdConstants = {fab(DsdKind::FabOut, 1, 1, n), mem1d(kBuf, n)};
    sim::DsdOpDesc mov;
    mov.op = sim::DsdOpKind::Fmovs;
    mov.dst = {DsdOperand::Kind::Dsd, 0};
    mov.src0 = {DsdOperand::Kind::Dsd, 1};
    send.dsdOps.push_back(mov);
    FnBuilder s("send", 0, 1, 2);
    s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    s.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
    s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    s.ret();
    send.functions.push_back(s.build());
    send.initFunction = 0;

    sim::CodeClass recv;
    recv.data.push_back(init); // buf starts with the same values: result = 2x
    recv.dsdConstants = {mem1d(kBuf, n), fab(DsdKind::FabIn, 1, 2, n)};
    recv.inputQueueColor[2] = 1;
    sim::DsdOpDesc add;
    add.op = sim::DsdOpKind::Fadds;
    add.dst = {DsdOperand::Kind::Dsd, 0};
    add.src0 = {DsdOperand::Kind::Dsd, 0};
    add.src1 = {DsdOperand::Kind::Dsd, 1};
    add.async = asyncRecv;
    add.activateTask = asyncRecv ? 10 : -1;
    recv.dsdOps.push_back(add);
    FnBuilder r("recv", 0, 1, 2);
    r.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    r.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
    r.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    r.ret();
    recv.functions.push_back(r.build());
    FnBuilder done("done", 0, 2);
    done.imm(0, ScalarType::U16, 0).imm(1, ScalarType::U32, 0x600d);
    done.store(ScalarType::U32, 0, 0, 1).ret();
    recv.functions.push_back(done.build());
    recv.tasks[10].kind = sim::TaskKind::Local;
    recv.tasks[10].function = 1;
    recv.initFunction = 0;

    auto p = makeProgram(send, width, 1);
    p->classes.push_back(recv);
    for (uint32_t x = 0; x < width; ++x) {
        sim::PeConfig& pc = p->pes[x];
        pc.codeClass = x == width - 1 ? 1 : 0;
        if (x == 0)
            pc.colors.push_back({1, route(dirBit(Direction::Ramp), dirBit(Direction::East))});
        else if (x == width - 1)
            pc.colors.push_back({1, route(dirBit(Direction::West), dirBit(Direction::Ramp))});
        else
            pc.colors.push_back({1, route(dirBit(Direction::West), dirBit(Direction::East))});
    }
    p->classes.push_back(sim::CodeClass{}); // class 2: PEs that only route
    for (uint32_t x = 1; x + 1 < width; ++x)
        p->pes[x].codeClass = 2;
    return p;
}

// Two senders converge on one collector: x=0 sends `west` on color 1 eastwards, x=2
// sends `east` westwards and then (if `advance`) a SWITCH_ADV control wavelet with
// ce_ignore. The collector x=1 accepts EAST at switch position 0 and WEST at position
// 1, and moves west.size() + east.size() words from its fabin into buf with mov32.
std::shared_ptr<sim::FabricProgram> converging(const std::vector<uint32_t>& west,
                                               const std::vector<uint32_t>& east, bool advance) {
    auto sender = [](const std::vector<uint32_t>& values, bool sendAdvance) {
        sim::CodeClass c;
        sim::DataInit init;
        init.address = kBuf;
        for (uint32_t v : values)
            for (int b = 0; b < 4; ++b)
                init.bytes.push_back(uint8_t(v >> (8 * b)));
        c.data.push_back(init);
        sim::Dsd ctrl = fab(DsdKind::FabOut, 1, 1, 1);
        ctrl.control = true;
        c.dsdConstants = {fab(DsdKind::FabOut, 1, 1, uint32_t(values.size())),
                          mem1d(kBuf, uint32_t(values.size())), ctrl};
        sim::DsdOpDesc data, marker;
        data.op = marker.op = sim::DsdOpKind::Mov32;
        data.dst = {DsdOperand::Kind::Dsd, 0};
        data.src0 = {DsdOperand::Kind::Dsd, 1};
        marker.dst = {DsdOperand::Kind::Dsd, 2};
        marker.src0 = {DsdOperand::Kind::Scalar, 0};
        c.dsdOps = {data, marker};
        FnBuilder s("send", 0, 1, 3);
        for (int i = 0; i < 3; ++i)
            s.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        if (sendAdvance) {
            s.imm(
                0, ScalarType::U32,
                int32_t(sim::encodeControlPayload(sim::ControlOpcode::SwitchAdvance, true, 0, 0)));
            s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        }
        s.ret();
        c.functions.push_back(s.build());
        c.initFunction = 0;
        return c;
    };
    const uint32_t total = uint32_t(west.size() + east.size());
    sim::CodeClass collect;
    collect.dsdConstants = {mem1d(kBuf, total), fab(DsdKind::FabIn, 1, 2, total)};
    collect.inputQueueColor[2] = 1;
    sim::DsdOpDesc mov;
    mov.op = sim::DsdOpKind::Mov32;
    mov.dst = {DsdOperand::Kind::Dsd, 0};
    mov.src0 = {DsdOperand::Kind::Dsd, 1};
    collect.dsdOps.push_back(mov);
    FnBuilder r("collect", 0, 1, 2);
    r.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    r.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
    r.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    r.ret();
    collect.functions.push_back(r.build());
    collect.initFunction = 0;

    auto p = makeProgram(sender(west, false), 3, 1);
    p->classes.push_back(collect);
    p->classes.push_back(sender(east, advance));
    p->pes[0].colors.push_back({1, route(dirBit(Direction::Ramp), dirBit(Direction::East))});
    p->pes[1].codeClass = 1;
    sim::ColorConfig sw = route(dirBit(Direction::East), dirBit(Direction::Ramp));
    sw.switchPositions[0] = {dirBit(Direction::West), 0};
    p->pes[1].colors.push_back({1, sw});
    p->pes[2].codeClass = 2;
    p->pes[2].colors.push_back({1, route(dirBit(Direction::Ramp), dirBit(Direction::West))});
    return p;
}

std::vector<uint32_t> readU32(const sim::Fabric& f, uint32_t x, uint32_t addr, uint32_t n) {
    auto b = f.readMemory(x, 0, addr, 4 * n);
    std::vector<uint32_t> v(n);
    std::memcpy(v.data(), b.data(), 4 * n);
    return v;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

float readF32(const sim::Fabric& f, uint32_t x, uint32_t addr) {
    auto b = f.readMemory(x, 0, addr, 4);
    float v;
    std::memcpy(&v, b.data(), 4);
    return v;
}

} // namespace

class TestRouting : public QObject {
    Q_OBJECT
  private slots:
    void syncFabinReceivesAll() {
        const uint32_t n = 64;
        sim::Fabric f(pipeline(n, false));
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        for (uint32_t i = 0; i < n; ++i)
            QCOMPARE(readF32(f, 1, kBuf + 4 * i), 2.0f * (float(i) + 1.0f));
        QCOMPARE(f.stats(0, 0).wavelets, uint64_t(n));
        QCOMPARE(f.stats(1, 0).wavelets, uint64_t(n));
        // Roughly one wavelet per cycle after setup and the hop.
        QVERIFY(f.cycle() >= n);
        QVERIFY(f.cycle() < 4 * n + 100);
    }

    void asyncOpActivatesTask() {
        sim::Fabric f(pipeline(16, true));
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        auto m = f.readMemory(1, 0, 0, 4);
        QCOMPARE(int(m[0]) | int(m[1]) << 8, 0x600d);
        QCOMPARE(readF32(f, 1, kBuf + 4 * 15), 32.0f);
    }

    void hopLatencyGrowsWithDistance() {
        uint64_t prev = 0;
        for (uint32_t width : {2u, 6u, 12u}) {
            auto prog = pipeline(1, false, width);
            sim::Fabric f(prog);
            QVERIFY(f.runUntilIdle().status == RunStatus::Idle);
            QCOMPARE(readF32(f, width - 1, kBuf), 2.0f);
            if (prev)
                QVERIFY(f.cycle() > prev);
            prev = f.cycle();
        }
    }

    void multicastReachesEveryRamp() {
        // Sender at x=0 sends 4 wavelets; x=1 takes them (RAMP) and forwards EAST; x=2 takes them.
        auto p = pipeline(4, false, 3);
        p->pes[1].colors[0].second =
            route(dirBit(Direction::West), dirBit(Direction::Ramp) | dirBit(Direction::East));
        p->pes[1].codeClass = 1;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf + 12), 8.0f);
        QCOMPARE(readF32(f, 2, kBuf + 12), 8.0f);
    }

    void backpressureStallsSenderWithoutLoss() {
        // Receiver waits in a long scalar loop before it starts reading; the sender
        // fills queues and stalls, and no wavelet is lost.
        const uint32_t n = 40;
        auto p = pipeline(n, false);
        sim::Function& recvFn = p->classes[1].functions[0];
        std::vector<Instr> delay = {ins(Op::Imm, ScalarType::U32, 0, kNoReg, kNoReg, 0),
                                    ins(Op::Imm, ScalarType::U32, 1, kNoReg, kNoReg, 1),
                                    ins(Op::Add, ScalarType::U32, 0, 0, 1),
                                    ins(Op::Imm, ScalarType::U32, 2, kNoReg, kNoReg, 300),
                                    ins(Op::CmpLt, ScalarType::U32, 2, 0, 2),
                                    ins(Op::JumpIf, ScalarType::Void, kNoReg, 2, kNoReg, 2)};
        recvFn.numRegs = 3;
        recvFn.code.insert(recvFn.code.begin(), delay.begin(), delay.end());
        recvFn.locs.insert(recvFn.locs.begin(), delay.size(), sim::SourceLoc{});
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        for (uint32_t i = 0; i < n; ++i)
            QCOMPARE(readF32(f, 1, kBuf + 4 * i), 2.0f * (float(i) + 1.0f));
        QVERIFY(f.stats(0, 0).stallCycles > 100);
    }

    void unroutedColorFaults() {
        auto p = pipeline(2, false);
        p->pes[1].colors.clear();
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Fault);
        QVERIFY2(r.message.find("unrouted color 1") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("PE(5,1)") != std::string::npos, r.message.c_str());
    }

    void wrongRxDirectionWaits() {
        // No rx of the color accepts WEST: the wavelets wait at that port (a configuration
        // write could still accept them; tst_router_input) and the idle report says so.
        auto p = pipeline(2, false);
        p->pes[1].colors[0].second = route(dirBit(Direction::North), dirBit(Direction::Ramp));
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Idle);
        QVERIFY2(r.message.find("2 wavelet(s) on color 1 from WEST wait at port WEST: no rx of "
                                "the color") != std::string::npos,
                 r.message.c_str());
        // What a host's stop() reports as never delivered: the same wavelets, by PE.
        const std::string undelivered = f.undeliveredWavelets();
        QVERIFY2(undelivered.rfind("PE(5,1) 2 wavelet(s) on color 1 from WEST wait at port WEST",
                                   0) == 0,
                 undelivered.c_str());
        QCOMPARE(undelivered.find('\n'), std::string::npos);
    }

    void deliveredRunLeavesNothingUndelivered() {
        auto p = pipeline(2, false);
        sim::Fabric f(p);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(f.undeliveredWavelets(), std::string());
    }

    void leavingTheRectangleIsDropped() {
        // The receiver at the east edge also forwards EAST, out of the rectangle, as SDK code
        // does on purpose (da-luce/cs5220_hw4's bottom row forwards its control color SOUTH
        // like every row). The PEs outside are not simulated: the copies are dropped, the
        // run ends as it would without them, and sim.log says so once per PE, color and
        // direction.
        QTemporaryDir dir;
        sim::FabricOptions o;
        o.simLogPath = (dir.path() + "/sim.log").toStdString();
        const uint32_t n = 6;
        auto p = pipeline(n, false);
        p->pes[1].colors[0].second =
            route(dirBit(Direction::West), dirBit(Direction::Ramp) | dirBit(Direction::East));
        sim::Fabric f(p, o);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(r.message, "idle at cycle " + std::to_string(f.cycle()));
        for (uint32_t i = 0; i < n; ++i)
            QCOMPARE(readF32(f, 1, kBuf + 4 * i), 2.0f * (float(i) + 1.0f));
        QCOMPARE(f.stats(1, 0).wavelets, uint64_t(n));
        QCOMPARE(f.undeliveredWavelets(), std::string());
        const std::string log = readFile(o.simLogPath);
        const std::string line = " P5.1 dropped wavelet C1: it left the program rectangle going "
                                 "EAST (the PEs outside the rectangle are not simulated)";
        const size_t at = log.find(line);
        QVERIFY2(at != std::string::npos, log.c_str());
        QCOMPARE(log.find(line, at + 1), std::string::npos);
        const size_t start = log.rfind('\n', at) + 1;
        QVERIFY2(log[start] == '@' && std::isdigit(static_cast<unsigned char>(log[start + 1])),
                 log.c_str());
    }

    void dataThatLeftTheRectangleIsNamedWhenTheRunHangs() {
        // The sender routes WEST instead of EAST: its 4 wavelets leave the rectangle and the
        // receiver, launched by the host, waits for ever. The hang report names the PE the
        // receiver waits on and where the data went.
        auto p = pipeline(4, false);
        p->pes[0].colors[0].second = route(dirBit(Direction::Ramp), dirBit(Direction::West));
        sim::CodeClass& recv = p->classes[1];
        recv.initFunction = -1;
        sim::Function& go = recv.functions[0];
        go.code.insert(go.code.end() - 1, ins(Op::Builtin, ScalarType::Void, kNoReg, kNoReg, 0,
                                              int32_t(sim::BuiltinId::UnblockCmdStream)));
        go.locs.push_back(sim::SourceLoc{});
        recv.exports.push_back(exportFn("go", 0));
        sim::Fabric f(p);
        const auto r = f.runUntilDone(f.launch("go", {}));
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("\n  PE(5,1) never called unblock_cmd_stream after go; launched "
                                "recv on the main thread @fadds (0/4 elements") !=
                     std::string::npos,
                 r.message.c_str());
        const std::string drop = "\n  4 wavelet(s) on color 1 left the program rectangle going "
                                 "WEST from PE(4,1), first at cycle ";
        const size_t at = r.message.find(drop);
        QVERIFY2(at != std::string::npos, r.message.c_str());
        QVERIFY2(std::isdigit(static_cast<unsigned char>(r.message[at + drop.size()])),
                 r.message.c_str());
        QVERIFY2(r.message.find("\n  (wavelets that leave the program rectangle are dropped: the "
                                "PEs outside it are not simulated)") != std::string::npos,
                 r.message.c_str());
        // The sender does not wait: only the receiver is a waiting PE (the IDE rings each).
        QCOMPARE(r.waiting.size(), size_t(1));
        QCOMPARE(r.waiting[0].x, 5u);
    }

    void idleReportNamesDropsOnlyWhenSomeoneWaits() {
        // Without a host command the waiting receiver makes the run idle; its report names
        // the drop too. Seventeen senders' drops: sixteen are listed, the rest summed.
        const uint32_t width = 18;
        auto p = pipeline(3, false, width);
        for (uint32_t x = 0; x + 1 < width; ++x) {
            p->pes[x].codeClass = 0;
            p->pes[x].colors[0].second = route(dirBit(Direction::Ramp), dirBit(Direction::North));
        }
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Idle);
        QVERIFY2(r.message.find("; 1 PE(s) wait for input\n  PE(21,1) ") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("\n  3 wavelet(s) on color 1 left the program rectangle going "
                                "NORTH from PE(4,1), first at cycle ") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("going NORTH from PE(19,1),") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("PE(20,1),") == std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("\n  ... and 3 wavelet(s) from 1 more (PE, color, direction)") !=
                     std::string::npos,
                 r.message.c_str());

        // All senders, nobody waiting: the run has finished and its report is plain.
        auto senders = pipeline(3, false, 2);
        senders->pes[1].codeClass = 0;
        for (sim::PeConfig& pc : senders->pes)
            pc.colors[0].second = route(dirBit(Direction::Ramp), dirBit(Direction::North));
        sim::Fabric g(senders);
        const auto done = g.runUntilIdle();
        QCOMPARE(done.status, RunStatus::Idle);
        QCOMPARE(done.message, "idle at cycle " + std::to_string(g.cycle()));
    }

    void unconfiguredSendStillFaults() {
        // What stays a fault: a PE that sends on a color its own router does not configure.
        auto p = pipeline(2, false);
        p->pes[0].colors.clear();
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Fault);
        QVERIFY2(r.message.find("wavelet sent on color 1 through output queue 1, which is not "
                                "routed at this PE") != std::string::npos,
                 r.message.c_str());
    }

    void colorSwapFlipsLowBitOnWse2() {
        // Sender at x=0 sends on color 2; x=1 swaps colors arriving horizontally, so
        // the wavelets continue as color 3 (routed to its RAMP, read by a fabin on 3).
        auto p = pipeline(4, false);
        p->pes[0].colors[0].first = 2;
        p->classes[0].dsdConstants[0].color = 2;
        sim::ColorConfig swapIn = route(dirBit(Direction::West), dirBit(Direction::Ramp));
        swapIn.colorSwapX = true;
        p->pes[1].colors = {{2, swapIn},
                            {3, route(dirBit(Direction::West), dirBit(Direction::Ramp))}};
        p->classes[1].dsdConstants[1].color = 3;
        p->classes[1].inputQueueColor[2] = 3;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf + 12), 8.0f);
    }

    // What a PE's own CE sends on a color whose config sets both color_swap_x and
    // color_swap_y continues as the partner color, routed by the partner's config at the
    // same router (da-luce/cs5220_hw4's top row sends a column broadcast so). x=0 sends on 2;
    // only color 3 leaves it eastwards and only 3 reaches x=1's fabin.
    void rampInputSwapsWithBothAxes() {
        auto p = pipeline(4, false);
        p->classes[0].dsdConstants[0].color = 2;
        sim::ColorConfig send = route(dirBit(Direction::Ramp), dirBit(Direction::East));
        send.colorSwapX = send.colorSwapY = true;
        p->pes[0].colors = {{2, send},
                            {3, route(dirBit(Direction::Ramp), dirBit(Direction::East))}};
        p->pes[1].colors = {{3, route(dirBit(Direction::West), dirBit(Direction::Ramp))}};
        p->classes[1].dsdConstants[1].color = 3;
        p->classes[1].inputQueueColor[2] = 3;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf + 12), 8.0f);
    }

    // One axis is not enough for the RAMP (SDK topic-14-color-swap's first PE sets only
    // color_swap_x and its own CE receives what it sends unswapped).
    void rampInputNeedsBothAxes() {
        auto p = pipeline(4, false);
        p->classes[0].dsdConstants[0].color = 2;
        for (const bool x : {true, false}) {
            sim::ColorConfig send = route(dirBit(Direction::Ramp), dirBit(Direction::East));
            (x ? send.colorSwapX : send.colorSwapY) = true;
            p->pes[0].colors = {{2, send}};
            p->pes[1].colors = {{2, route(dirBit(Direction::West), dirBit(Direction::Ramp))}};
            p->classes[1].dsdConstants[1].color = 2;
            p->classes[1].inputQueueColor[2] = 2;
            sim::Fabric f(p);
            const auto r = f.runUntilIdle();
            QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
            QCOMPARE(readF32(f, 1, kBuf + 12), 8.0f);
        }
    }

    void rangeFilterKeepsIndexWindow() {
        // Wavelets with their index in the upper half (packed by the sender, as SDK
        // topic-08 does): the receiver's range filter passes indices 2..5 to its CE only.
        auto p = pipeline(8, false);
        sim::CodeClass& send = p->classes[0];
        send.dsdOps[0].op = sim::DsdOpKind::Mov32;
        send.data[0].bytes.clear();
        for (uint32_t i = 0; i < 8; ++i) {
            const uint32_t word = i << 16 | (0x100 + i);
            const uint8_t* b = reinterpret_cast<const uint8_t*>(&word);
            send.data[0].bytes.insert(send.data[0].bytes.end(), b, b + 4);
        }
        sim::ColorConfig in = route(dirBit(Direction::West), dirBit(Direction::Ramp));
        in.filter.kind = sim::FilterConfig::Kind::Range;
        in.filter.minIdx = 2;
        in.filter.maxIdx = 5;
        p->pes[1].colors[0].second = in;
        sim::CodeClass& recv = p->classes[1];
        receiveByMove(recv, sim::DsdOpKind::Mov16); // buf16[i] = fabin
        recv.dsdConstants[0].strideBytes[0] = 2;
        recv.dsdConstants[0].extent[0] = 4;
        recv.dsdConstants[1].extent[0] = 4;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        auto m = f.readMemory(1, 0, kBuf, 8);
        std::vector<uint16_t> got(4);
        std::memcpy(got.data(), m.data(), 8);
        QCOMPARE(got, (std::vector<uint16_t>{0x102, 0x103, 0x104, 0x105}));
    }

    void faboutSendsTheOpIndexInEveryWavelet() {
        // The DSDs page, "Explicit Index Offset": a fabout with wavelet_index_offset sends
        // the op's `.index` in the upper half of every wavelet; it used to count up from 0.
        auto p = pipeline(4, false);
        sim::CodeClass& send = p->classes[0];
        send.dsdOps[0].op = sim::DsdOpKind::Mov16;
        send.dsdOps[0].indexReg = 2;
        send.dsdConstants[0].waveletIndexOffset = 0;
        send.dsdConstants[1].strideBytes[0] = 2;
        FnBuilder s("send", 0, 3, 2);
        s.imm(2, ScalarType::U16, 0x1234);
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        s.ret();
        send.functions[0] = s.build();
        sim::CodeClass& recv = p->classes[1];
        receiveByMove(recv, sim::DsdOpKind::Mov32); // buf[i] = whole wavelet
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        auto m = f.readMemory(1, 0, kBuf, 16);
        std::vector<uint32_t> got(4);
        std::memcpy(got.data(), m.data(), 16);
        for (uint32_t word : got)
            QCOMPARE(word >> 16, 0x1234u);
    }

    void counterFilterPassesFirstTwoOfEachGroup() {
        // max_counter 1, limit1 3: counters 0..1 pass, the counter wraps after 3, so
        // elements 0, 1, 4, 5 of 8 reach the receiver (SDK topic-16's "accept [0,1] among
        // size wavelets").
        auto p = pipeline(8, false);
        sim::ColorConfig in = route(dirBit(Direction::West), dirBit(Direction::Ramp));
        in.filter.kind = sim::FilterConfig::Kind::Counter;
        in.filter.countData = true;
        in.filter.maxCounter = 1;
        in.filter.limit1 = 3;
        p->pes[1].colors[0].second = in;
        p->classes[1].dsdConstants[0].extent[0] = 4;
        p->classes[1].dsdConstants[1].extent[0] = 4;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf), 2.0f);       // 1 + element 0 (1.0)
        QCOMPARE(readF32(f, 1, kBuf + 4), 4.0f);   // 2 + element 1 (2.0)
        QCOMPARE(readF32(f, 1, kBuf + 8), 8.0f);   // 3 + element 4 (5.0)
        QCOMPARE(readF32(f, 1, kBuf + 12), 10.0f); // 4 + element 5 (6.0)
    }

    void controlWaveletAdvancesSwitch() {
        // x=1 forwards color 1 to its RAMP at position 0 and EAST at position 1; a
        // control wavelet (SWITCH_ADV, ce_ignore) after 2 data wavelets flips it, so
        // the next 2 data wavelets reach x=2.
        auto p = pipeline(1, false, 3);
        sim::CodeClass& send = p->classes[0];
        sim::Dsd ctrl = send.dsdConstants[0];
        ctrl.control = true;
        ctrl.extent[0] = 1;
        send.dsdConstants[0].extent[0] = 2;
        send.dsdConstants[1].extent[0] = 2;
        send.dsdConstants.push_back(ctrl);
        sim::DsdOpDesc sendCtrl;
        sendCtrl.op = sim::DsdOpKind::Mov32;
        sendCtrl.dst = {DsdOperand::Kind::Dsd, 0};
        sendCtrl.src0 = {DsdOperand::Kind::Scalar, 0};
        send.dsdOps.push_back(sendCtrl);
        FnBuilder s("send", 0, 1, 2);
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 2));
        s.imm(0, ScalarType::U32,
              int32_t(sim::encodeControlPayload(sim::ControlOpcode::SwitchAdvance, true, 0, 0)));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        s.ret();
        send.functions[0] = s.build();
        // buf holds 1, 2, ... ; receivers add 2 elements.
        send.data[0].bytes.resize(8);
        sim::ColorConfig sw = route(dirBit(Direction::West), dirBit(Direction::Ramp));
        sw.switchPositions[0] = {dirBit(Direction::West), dirBit(Direction::East)};
        p->pes[1].codeClass = 1;
        p->pes[1].colors[0].second = sw;
        p->classes[1].dsdConstants[0].extent[0] = 2;
        p->classes[1].dsdConstants[1].extent[0] = 2;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf), 2.0f);
        QCOMPARE(readF32(f, 2, kBuf), 2.0f);
        QCOMPARE(f.stats(1, 0).wavelets, uint64_t(5));
    }

    void memorySourceLengthCountsOverFaboutExtent() {
        // @fmovs(fabout with extent 1, buf with extent 4) sends 4 wavelets: the memory
        // operand's length is the op's length (SDK topic-13's sender relies on it).
        auto p = pipeline(4, false);
        p->classes[0].dsdConstants[0].extent[0] = 1;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle && r.waiting.empty(), r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf + 12), 8.0f); // 4 + element 3 (4.0)
    }

    void waveletsWaitForTheirSwitchPosition() {
        // The west sender's wavelets reach the collector while its switch still selects
        // EAST: they wait on the west link (backpressure) instead of faulting, and move
        // once the east sender's SWITCH_ADV has passed. 6 west words are more than one
        // link holds, so the west sender itself is held back too.
        const std::vector<uint32_t> west = {1, 2, 3, 4, 5, 6}, east = {10, 20};
        sim::Fabric f(converging(west, east, true));
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QVERIFY2(r.waiting.empty(), r.message.c_str());
        QCOMPARE(readU32(f, 1, kBuf, 8), (std::vector<uint32_t>{10, 20, 1, 2, 3, 4, 5, 6}));
    }

    void waveletsWithoutTheirSwitchCommandWait() {
        // Without the SWITCH_ADV the west wavelets wait forever: an idle run (no host
        // command waits) whose report says what they wait for.
        sim::Fabric f(converging({1, 2}, {10, 20}, false));
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QVERIFY2(r.message.find("2 wavelet(s) on color 1 from WEST wait for a switch position "
                                "whose rx accepts WEST (current position 0)") != std::string::npos,
                 r.message.c_str());
        QCOMPARE(readU32(f, 1, kBuf, 2), (std::vector<uint32_t>{10, 20}));
    }

    void multiCommandControlPopsPerRouter() {
        // x=0 sends [NOP, SWITCH_ADV] (both ce_ignore) then 2 data wavelets. x=1 pops
        // every command (always_pop), so x=2 executes SWITCH_ADV: it switches from
        // forwarding EAST to delivering to its RAMP, where the receiver waits.
        static_assert(sim::controlOpcode(sim::controlPop(sim::encodeControlPayload(
                          sim::ControlOpcode::SwitchAdvance, true, 0, 0))) ==
                      sim::ControlOpcode::Nop);
        auto p = pipeline(2, false, 4);
        sim::CodeClass& send = p->classes[0];
        sim::Dsd ctrl = send.dsdConstants[0];
        ctrl.control = true;
        ctrl.extent[0] = 1;
        send.dsdConstants.push_back(ctrl);
        sim::DsdOpDesc sendCtrl;
        sendCtrl.op = sim::DsdOpKind::Mov32;
        sendCtrl.dst = {DsdOperand::Kind::Dsd, 0};
        sendCtrl.src0 = {DsdOperand::Kind::Scalar, 0};
        send.dsdOps.push_back(sendCtrl);
        const sim::ControlCommand cmds[2] = {{sim::ControlOpcode::Nop, true},
                                             {sim::ControlOpcode::SwitchAdvance, true}};
        FnBuilder s("send", 0, 1, 2);
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 2));
        s.imm(0, ScalarType::U32, int32_t(sim::encodeControlCommands(cmds, 2)));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        s.ret();
        send.functions[0] = s.build();
        p->pes[1].colors[0].second.popMode = sim::ColorConfig::PopMode::AlwaysPop;
        sim::ColorConfig sw = route(dirBit(Direction::West), dirBit(Direction::East));
        sw.switchPositions[0] = {dirBit(Direction::West), dirBit(Direction::Ramp)};
        p->pes[2].codeClass = 1;
        p->pes[2].colors[0].second = sw;
        p->pes[3].codeClass = 2; // routes only: a wavelet reaching it would never be read
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 2, kBuf + 4), 4.0f);
    }

    void controlWaveletsUseTheHardwareLayout() {
        // cholesky builds (ADV + no CE, NOP + no CE) as (5 << 22) | (4 << 25); the
        // allreduce library's teardown word (TEARDOWN + no CE, then 7 NOPs + no CE,
        // entrypoint 31) is 0x9df9249; <control>'s single payload puts data in bits 15..0.
        constexpr uint32_t cholesky = (5u << 22) | (4u << 25);
        QCOMPARE(sim::controlOpcode(cholesky), sim::ControlOpcode::SwitchAdvance);
        QVERIFY(sim::controlCeIgnore(cholesky));
        QCOMPARE(sim::controlOpcode(sim::controlPop(cholesky)), sim::ControlOpcode::Nop);
        QVERIFY(sim::controlCeIgnore(sim::controlPop(cholesky)));
        QVERIFY(!sim::controlCeIgnore(sim::controlPop(sim::controlPop(cholesky))));
        sim::ControlCommand td[8];
        for (auto& c : td)
            c.ceIgnore = true;
        td[0].op = sim::ControlOpcode::Teardown;
        QCOMPARE(sim::encodeControlCommands(td, 8, 31), uint32_t(0x9df9249));
        const uint32_t single =
            sim::encodeControlPayload(sim::ControlOpcode::SwitchAdvance, false, 40, 0x1234);
        QCOMPARE(single, (1u << 22) | (40u << 16) | 0x1234u);
        QCOMPARE(sim::controlEntrypoint(single), uint8_t(40));
        // Command 2 straddles bits 29..28 and bit 0.
        QCOMPARE(sim::controlOpcode(sim::controlPop(sim::controlPop(3u << 28))),
                 sim::ControlOpcode::Teardown);
        QVERIFY(sim::controlCeIgnore(sim::controlPop(sim::controlPop(1u))));
        // Popped past its eighth command, a wavelet holds only NOPs that no CE takes.
        uint32_t exhausted =
            sim::encodeControlPayload(sim::ControlOpcode::SwitchAdvance, false, 0, 0);
        for (int k = 0; k < 8; ++k)
            exhausted = sim::controlPop(exhausted);
        QCOMPARE(sim::controlOpcode(exhausted), sim::ControlOpcode::Nop);
        QVERIFY(sim::controlCeIgnore(exhausted));
    }

    void advanceAtLastPositionPassesOn() {
        // x=0 sends one SWITCH_ADV (ce_ignore) then 2 data wavelets. x=1 pops on advance
        // but already sits at its last position without ring mode: the advance does
        // nothing there and is not popped, so x=2 executes it and switches from
        // forwarding EAST to delivering to its RAMP (cholesky's row switches).
        auto p = pipeline(2, false, 4);
        sim::CodeClass& send = p->classes[0];
        sim::Dsd ctrl = send.dsdConstants[0];
        ctrl.control = true;
        ctrl.extent[0] = 1;
        send.dsdConstants.push_back(ctrl);
        sim::DsdOpDesc sendCtrl;
        sendCtrl.op = sim::DsdOpKind::Mov32;
        sendCtrl.dst = {DsdOperand::Kind::Dsd, 0};
        sendCtrl.src0 = {DsdOperand::Kind::Scalar, 0};
        send.dsdOps.push_back(sendCtrl);
        FnBuilder s("send", 0, 1, 2);
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 2));
        s.imm(0, ScalarType::U32,
              int32_t(sim::encodeControlPayload(sim::ControlOpcode::SwitchAdvance, true, 0, 0)));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        s.ret();
        send.functions[0] = s.build();
        sim::ColorConfig& last = p->pes[1].colors[0].second;
        last.popMode = sim::ColorConfig::PopMode::PopOnAdvance;
        last.switchPositions[0] = {0, dirBit(Direction::East)};
        last.currentSwitchPosition = 1;
        sim::ColorConfig sw = route(dirBit(Direction::West), dirBit(Direction::East));
        sw.switchPositions[0] = {0, dirBit(Direction::Ramp)};
        sw.popMode = sim::ColorConfig::PopMode::PopOnAdvance;
        p->pes[2].codeClass = 1;
        p->pes[2].colors[0].second = sw;
        p->pes[3].codeClass = 2; // routes only: a wavelet reaching it would never be read
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 2, kBuf + 4), 4.0f);
    }

    void switchPositionsApplyInOrder() {
        // x=1 starts at position 2 of pos1 = {tx RAMP}, pos2 = {rx WEST}: position 2 keeps
        // the tx of position 1 (each position switches one side), so the data reaches
        // x=1's CE instead of going on EAST as the base route would send it.
        auto p = pipeline(2, false, 3);
        sim::ColorConfig sw = route(dirBit(Direction::West), dirBit(Direction::East));
        sw.switchPositions[0] = {0, dirBit(Direction::Ramp)};
        sw.switchPositions[1] = {dirBit(Direction::West), 0};
        sw.currentSwitchPosition = 2;
        p->pes[1].codeClass = 1;
        p->pes[1].colors[0].second = sw;
        p->pes[2].codeClass = 2; // routes only
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf + 4), 4.0f);
    }

    void wse3SwitchColorsAreChecked() {
        auto p = pipeline(1, false);
        p->arch = sim::Arch::Wse3;
        p->pes[1].colors[0].first = 11;
        p->pes[1].colors[0].second.switchPositions[0] = {dirBit(Direction::West),
                                                         dirBit(Direction::East)};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sim::Fabric f(p));
    }

    void elementCountComesFromSourceFirst() {
        // The receiver's async mov32 has an 8-element memory dst and a fabin src0 of
        // extent 3: the count is src0's, as the hardware takes src0's length first, so
        // the op ends after the 3 wavelets the sender sends and activates task 10.
        auto p = pipeline(3, true);
        sim::CodeClass& recv = p->classes[1];
        recv.dsdConstants[0].extent[0] = 8;
        sim::DsdOpDesc& move = recv.dsdOps[0];
        move.op = sim::DsdOpKind::Mov32;
        move.src0 = {DsdOperand::Kind::Dsd, 1};
        move.src1 = {};
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(readF32(f, 1, kBuf + 8), 3.0f);
        auto done = f.readMemory(1, 0, 0, 4);
        uint32_t marker = 0;
        std::memcpy(&marker, done.data(), 4);
        QCOMPARE(marker, uint32_t(0x600d));
    }

    void onControlTerminatesAsyncReceive() {
        // The receiver's async fadds over 100 elements has .on_control = terminate and
        // .activate = 10: the sender sends 3 data wavelets then a control wavelet, so
        // the op ends after 3 elements and task 10 runs.
        auto p = pipeline(3, true);
        p->classes[1].dsdConstants[0].extent[0] = 100;
        p->classes[1].dsdConstants[1].extent[0] = 100;
        p->classes[1].dsdOps[0].onControl = sim::DsdOpDesc::OnControl::Terminate;
        sim::CodeClass& send = p->classes[0];
        sim::Dsd ctrl = send.dsdConstants[0];
        ctrl.control = true;
        ctrl.extent[0] = 1;
        send.dsdConstants.push_back(ctrl);
        sim::DsdOpDesc sendCtrl;
        sendCtrl.op = sim::DsdOpKind::Mov32;
        sendCtrl.dst = {DsdOperand::Kind::Dsd, 0};
        sendCtrl.src0 = {DsdOperand::Kind::Scalar, 0};
        send.dsdOps.push_back(sendCtrl);
        sim::Function& s = send.functions[0];
        s.code.insert(
            s.code.end() - 1,
            {ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 2),
             ins(Op::Imm, ScalarType::U32, 0, kNoReg, kNoReg,
                 int32_t(sim::encodeControlPayload(sim::ControlOpcode::Nop, false, 0, 0))),
             ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1)});
        s.locs.resize(s.code.size());
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        auto m = f.readMemory(1, 0, 0, 4);
        QCOMPARE(int(m[0]) | int(m[1]) << 8, 0x600d);
        QCOMPARE(readF32(f, 1, kBuf + 8), 6.0f);
        QCOMPARE(readF32(f, 1, kBuf + 12), 0.0f); // never written: the op ended at 3
    }

    void teardownWaveletActivatesTask29() {
        // A TEARDOWN command (ce_ignore) passing the receiver's router activates its
        // teardown task 29, which writes a marker.
        auto p = pipeline(1, false);
        sim::CodeClass& send = p->classes[0];
        send.dsdConstants[0].control = true;
        send.dsdOps[0].op = sim::DsdOpKind::Mov32;
        send.dsdOps[0].src0 = {DsdOperand::Kind::Scalar, 0};
        sim::Function& s = send.functions[0];
        s.numRegs = 1;
        s.code.insert(
            s.code.begin(),
            ins(Op::Imm, ScalarType::U32, 0, kNoReg, kNoReg,
                int32_t(sim::encodeControlPayload(sim::ControlOpcode::Teardown, true, 0, 0))));
        s.locs.resize(s.code.size());
        sim::CodeClass& recv = p->classes[1];
        recv.initFunction = -1;
        recv.tasks[29].kind = sim::TaskKind::Local;
        recv.tasks[29].function = 1;
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        auto m = f.readMemory(1, 0, 0, 4);
        QCOMPARE(int(m[0]) | int(m[1]) << 8, 0x600d);
    }

    void receiverWithoutConsumerIsIdleUnlessStepped() {
        // No host command waits, so a sender stuck on backpressure is idle (it waits
        // for a consumer, as on hardware); the result still names who waits. A debugger
        // step asked for progress that cannot happen: that is a hang.
        auto p = pipeline(30, false);
        p->classes[1].initFunction = -1; // nobody reads color 1
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Idle);
        QVERIFY2(r.message.find("color 1") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("PE(4,1) init send on the main thread @fmovs") != std::string::npos,
                 r.message.c_str());
        QCOMPARE(r.waiting.size(), size_t(2));
        const auto stepped = f.step(100);
        QCOMPARE(stepped.status, RunStatus::Hang);
        QVERIFY2(stepped.message.find("no PE can make progress") != std::string::npos,
                 stepped.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
