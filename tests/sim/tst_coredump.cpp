// Core dumps: written by Fabric::dumpCore, read back lazily with CoreDumpReader.
#include "program_builder.h"

#include "sim/coredump.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace simtest;

class TestCoreDump : public QObject {
    Q_OBJECT
  private slots:
    void roundTripsStateAndMemory() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/core.tsr").toStdString();
        sim::Fabric f(makeRowPipeline(4, 3, 16, 2));
        QCOMPARE(f.runUntilIdle().status, sim::RunStatus::Idle);
        f.dumpCore(path);
        sim::CoreDumpReader core(path);
        const sim::CoreHeader& h = core.header();
        QCOMPARE(h.version, sim::kCoreVersion);
        QCOMPARE(h.width, 4u);
        QCOMPARE(h.height, 3u);
        QCOMPARE(h.offsetX, 4u);
        QCOMPARE(h.cycle, f.cycle());
        for (uint32_t y = 0; y < 3; ++y)
            for (uint32_t x = 0; x < 4; ++x) {
                QCOMPARE(core.readSram(x, y, 0, sim::kPeMemoryBytes),
                         f.readMemory(x, y, 0, sim::kPeMemoryBytes));
                const sim::CorePeRecord& r = core.pe(x, y);
                QCOMPARE(r.x, x);
                QCOMPARE(r.instructions, f.stats(x, y).instructions);
                QCOMPARE(r.wavelets, f.stats(x, y).wavelets);
                QCOMPARE(r.function, -1); // idle at the end
            }
        // Only non-zero pages are stored: 12 PEs with a few KB each, far below 12 x 48 KB.
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        QVERIFY(in.tellg() < std::streamoff(12 * 16 * 1024));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, core.pe(4, 0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, core.readSram(0, 0, 49000, 200));
    }

    void capturesWaitingState() {
        // A receiver that never gets its data: the dump shows the stuck main thread.
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/hang.tsr").toStdString();
        auto p = makeRowPipeline(2, 1, 4, 0);
        auto& send = p->classes[0].functions[0].code;
        for (Instr& i : send)
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop); // the sender never sends
        sim::Fabric f(p);
        QCOMPARE(f.runUntilIdle().status, sim::RunStatus::Idle); // waits for input
        f.dumpCore(path);
        sim::CoreDumpReader core(path);
        const sim::CorePeRecord& r = core.pe(1, 0);
        QCOMPARE(r.currentTask, -3); // the init function
        QVERIFY(r.function >= 0);
        QCOMPARE(r.frameDepth, 1u);
    }

    // Task priorities and microthreads paused by @block(ut_id) are part of the PE's state
    // (the THRD chunk); a PE with neither writes none.
    void recordsPrioritiesAndPausedMicrothreads() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/threads.tsr").toStdString();
        sim::CodeClass cls;
        FnBuilder init("init", 0, 2);
        init.imm(1, ScalarType::U16, 1);
        init.imm(0, ScalarType::U16, 12).builtin(sim::BuiltinId::SetTaskPriority, 0, 2);
        init.imm(0, ScalarType::U16, 40).builtin(sim::BuiltinId::SetTaskPriority, 0, 2);
        init.imm(0, ScalarType::U16, 3).builtin(sim::BuiltinId::BlockMicrothread, 0, 1);
        init.ret();
        cls.functions.push_back(init.build());
        cls.initFunction = 0;
        sim::CodeClass plain;
        plain.functions.push_back(FnBuilder("init", 0, 1).ret().build());
        plain.initFunction = 0;
        auto prog = makeProgram(cls, 2, 1, sim::Arch::Wse3);
        prog->classes.push_back(plain);
        prog->pes[1].codeClass = 1;
        sim::Fabric f(prog);
        QCOMPARE(f.runUntilIdle().status, sim::RunStatus::Idle);
        f.dumpCore(path);
        sim::CoreDumpReader core(path);
        const sim::CorePeDetails d = core.details(0, 0);
        QVERIFY(d.threads.has_value());
        QCOMPARE(d.threads->highPriorityTasks, (uint64_t(1) << 12) | (uint64_t(1) << 40));
        QCOMPARE(d.threads->blockedMicrothreads, uint8_t(1u << 3));
        QVERIFY(!core.details(1, 0).threads.has_value());
    }

    // FIFO fill and pending push/pop events (the FIFO chunk) read back as written.
    void fifoStateRoundTrips() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/fifo.tsr").toStdString();
        sim::CoreHeader h;
        h.width = 1;
        h.height = 1;
        std::vector<sim::CorePeRecord> pes(1);
        sim::CorePeDetails d;
        d.fifos = {{0, 3, 5, 0, 0, 0, 1, {}}, {2, 0, 0, 4, 6, 1, 0, {}}};
        const auto chunks = sim::encodeCoreChunks(d);
        sim::writeCoreDump(
            path, h, pes, [](uint32_t) { return nullptr; }, [&](uint32_t) { return chunks; });
        const sim::CorePeDetails back = sim::CoreDumpReader(path).details(0, 0);
        QCOMPARE(back.fifos.size(), size_t(2));
        QCOMPARE(back.fifos[0].count, 5u);
        QCOMPARE(back.fifos[0].fullEvent, uint8_t(1));
        QCOMPARE(back.fifos[1].index, 2u);
        QCOMPARE(back.fifos[1].writeLength, uint16_t(6));
        QCOMPARE(back.fifos[1].emptyEvent, uint8_t(1));
        QVERIFY(!back.threads.has_value());
    }

    void rejectsForeignFiles() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/bogus").toStdString();
        {
            std::ofstream out(path);
            out << std::string(200, 'x');
        }
        try {
            sim::CoreDumpReader core(path);
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("bad magic") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, sim::CoreDumpReader(path + ".missing"));
    }

    // The reader decodes a PE only when asked: a dump cut short after PE 0's chunk list
    // still opens, every PE whose bytes are there reads in full, and only a query that
    // reaches the missing bytes fails, naming the file and the PE.
    void readsOnlyTheTouchedPe() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/cut.tsr").toStdString();
        sim::CoreHeader h;
        h.width = 3;
        h.height = 1;
        std::vector<sim::CorePeRecord> pes(3);
        for (uint32_t i = 0; i < 3; ++i) {
            pes[i].x = i;
            pes[i].codeClass = 7 + i;
        }
        std::vector<std::vector<uint8_t>> sram(3, std::vector<uint8_t>(sim::kPeMemoryBytes));
        for (uint32_t i = 0; i < 3; ++i) {
            sram[i][5] = uint8_t(i + 1);            // page 0
            sram[i][3 * 4096 + 2] = uint8_t(i + 9); // page 3
        }
        sim::CorePeDetails d0;
        d0.simprint = {"@1 zero"};
        sim::CorePeDetails d2;
        d2.tasks = {{4, 0, 1, 10, 10, 10}};
        d2.simprintPartial = "two";
        const auto c0 = sim::encodeCoreChunks(d0), c2 = sim::encodeCoreChunks(d2);
        sim::writeCoreDump(
            path, h, pes, [&](uint32_t i) { return sram[i].data(); },
            [&](uint32_t i) { return i == 0   ? c0
                                     : i == 2 ? c2
                                              : std::vector<uint8_t>{}; });
        {
            sim::CoreDumpReader whole(path);
            QCOMPARE(whole.details(2, 0).simprintPartial, std::string("two"));
            QCOMPARE(whole.codeClass(1, 0), 8u);
            // readSramInto fills zeros for pages that are not stored, like readSram.
            std::vector<uint8_t> into(sim::kPeMemoryBytes, 0xee);
            whole.readSramInto(1, 0, 0, sim::kPeMemoryBytes, into.data());
            QCOMPARE(into, sram[1]);
            QCOMPARE(
                whole.readSram(1, 0, 4090, 4096 + 20),
                std::vector<uint8_t>(sram[1].begin() + 4090, sram[1].begin() + 4090 + 4096 + 20));
        }
        // Cut the file in the middle of PE 2's chunk list.
        const auto size = std::filesystem::file_size(path);
        std::filesystem::resize_file(path, size - c2.size() / 2);
        sim::CoreDumpReader core(path);
        for (uint32_t i = 0; i < 3; ++i) {
            QCOMPARE(core.readSram(i, 0, 0, sim::kPeMemoryBytes), sram[i]);
            QCOMPARE(core.codeClass(i, 0), 7 + i);
        }
        QCOMPARE(core.details(0, 0).simprint, std::vector<std::string>{"@1 zero"});
        QVERIFY(core.details(1, 0).tasks.empty());
        try {
            (void)core.details(2, 0);
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find(path + ": PE(2,0)") == 0, e.what());
        }
        // Cut into PE 2's SRAM pages: PEs 0 and 1 still read.
        std::filesystem::resize_file(path, size - c0.size() - c2.size() - 100);
        sim::CoreDumpReader cut(path);
        QCOMPARE(cut.readSram(1, 0, 0, sim::kPeMemoryBytes), sram[1]);
        QCOMPARE(cut.readSram(2, 0, 0, 8),
                 std::vector<uint8_t>(sram[2].begin(), sram[2].begin() + 8));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, cut.readSram(2, 0, 4 * 4096 - 8, 8));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, cut.codeClass(3, 0));
    }

    // Offsets near 2^64 must not wrap past the size checks, and a PE table at an odd
    // offset is refused rather than read misaligned (found by tests/fuzz/fuzz_coredump).
    void rejectsCorruptOffsets() {
        QTemporaryDir dir;
        const std::string good = (dir.path() + "/good.tsr").toStdString();
        sim::Fabric f(makeRowPipeline(2, 1, 16, 2));
        QCOMPARE(f.runUntilIdle().status, sim::RunStatus::Idle);
        f.dumpCore(good);
        auto patched = [&](size_t at, uint64_t value, const char* name) {
            std::ifstream in(good, std::ios::binary);
            std::string bytes{std::istreambuf_iterator<char>(in), {}};
            std::memcpy(bytes.data() + at, &value, sizeof value);
            const std::string path = (dir.path() + "/").toStdString() + name;
            std::ofstream(path, std::ios::binary) << bytes;
            return path;
        };
        const size_t peTableOffsetField = offsetof(sim::CoreHeader, peTableOffset);
        for (uint64_t bad : {~uint64_t(0) - 7, uint64_t(73)}) {
            try {
                sim::CoreDumpReader core(patched(peTableOffsetField, bad, "table"));
                QFAIL("expected an error");
            } catch (const std::runtime_error& e) {
                QVERIFY2(std::string(e.what()).find("corrupt") != std::string::npos, e.what());
            }
        }
        const size_t pe0 = sizeof(sim::CoreHeader);
        const std::string wraps =
            patched(pe0 + offsetof(sim::CorePeRecord, sramOffset), ~uint64_t(0) - 4095, "sram");
        sim::CoreDumpReader core(wraps);
        QVERIFY(core.pe(0, 0).sramPageMask & 1u);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, core.readSram(0, 0, 0, 64));
    }
};

QTEST_GUILESS_MAIN(TestCoreDump)
#include "tst_coredump.moc"
