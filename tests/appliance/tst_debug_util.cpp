// debug_util in C++ over a core dump of the fixture program.
#include "backend/artifact/artifact.h"
#include "backend/debug/debug_util.h"
#include "backend/debug/dump_inspect.h"
#include "fixture_program.h"
#include "sim/fabric.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

namespace {

// A w x h dump of the fixture program whose every SRAM byte is set (12 stored pages per
// PE, row-major in the file), cut after the pages of the first `intactPes` PEs: the PEs
// after them cannot be read.
std::shared_ptr<sim::FabricProgram> writeCutDump(const std::string& core, uint32_t w, uint32_t h,
                                                 uint32_t intactPes) {
    auto program = fixture::program(w, h);
    const sim::CoreHeader header = sim::coreHeaderOf(*program);
    std::vector<sim::CorePeRecord> pes(size_t(w) * h);
    for (uint32_t i = 0; i < pes.size(); ++i) {
        pes[i].x = i % w;
        pes[i].y = i / w;
    }
    std::vector<uint8_t> sram(sim::kPeMemoryBytes, 0x40);
    sim::writeCoreDump(core, header, pes, [&](uint32_t) { return sram.data(); });
    const sim::CoreDumpReader reader(core);
    std::filesystem::resize_file(core, reader.header().dataOffset +
                                           uint64_t(intactPes) * sim::kPeMemoryBytes);
    return program;
}

} // namespace

class TestDebugUtil : public QObject {
    Q_OBJECT
  private slots:
    void symbolsAtAbsoluteCoordinates() {
        QTemporaryDir tmp;
        const std::string out = tmp.path().toStdString() + "/out";
        auto program = fixture::program();
        artifact::writeArtifact(out, *program, {});
        sim::Fabric fabric(program);
        std::vector<uint32_t> words(32);
        for (uint32_t i = 0; i < 32; ++i) {
            float f = float(i);
            std::memcpy(&words[i], &f, 4);
        }
        sim::MemcpyRequest r;
        r.symbol = "buf";
        r.w = 2;
        r.elementsPerPe = 16;
        auto id = fabric.memcpy(r, words);
        fabric.runUntilDone(id);
        fabric.dumpCore(out + "/corefile.cs1");

        debug::DebugUtil dbg(out);
        QCOMPARE(dbg.header().offsetX, 4u);
        auto pe1 = dbg.get_symbol<float>(5, 1, "buf");
        QCOMPARE(pe1.size(), size_t(16));
        QCOMPARE(pe1[0], 16.0f);
        auto rect = dbg.get_symbol_rect<float>(4, 1, 2, 1, "buf");
        QCOMPARE(rect.size(), size_t(32));
        QCOMPARE(rect[31], 31.0f);
        QVERIFY_THROWS_EXCEPTION(debug::DebugError, dbg.get_symbol<float>(0, 0, "buf"));
        QVERIFY_THROWS_EXCEPTION(debug::DebugError, dbg.get_symbol<float>(4, 1, "nope"));
        QVERIFY_THROWS_EXCEPTION(debug::DebugError, dbg.read_trace(4, 1, "times"));
        QVERIFY_THROWS_EXCEPTION(debug::DebugError, debug::DebugUtil(out, out + "/missing.core"));

        // The dump of a program of the same size elsewhere on the fabric is refused, naming
        // both: it was read through this program's symbols.
        auto moved = fixture::program();
        moved->offsetX += 1;
        artifact::writeArtifact(tmp.path().toStdString() + "/moved", *moved, {});
        try {
            debug::DebugUtil other(tmp.path().toStdString() + "/moved", out + "/corefile.cs1");
            QFAIL("a dump of another program was accepted");
        } catch (const debug::DebugError& e) {
            QVERIFY2(std::string(e.what()).find("program at (4,1)") != std::string::npos, e.what());
        }
    }

    // An SdkLayout program's directory holds sdklayout.json; its PEs are named in layout
    // coordinates, as Python's debug_util, place() and read_symbol name them
    // (docs/host-api.md, "Coordinates"; tests/examples dbg-sdklayout-coords). The C++
    // DebugUtil the IDE's core view uses took fabric coordinates for them too.
    void sdkLayoutProgramsTakeLayoutCoordinates() {
        QTemporaryDir tmp;
        const std::string out = tmp.path().toStdString() + "/out";
        auto program = fixture::program(); // 2x1 at fabric offset (4,1)
        artifact::writeArtifact(out, *program, {});
        sim::Fabric fabric(program);
        std::vector<uint32_t> words(32);
        for (uint32_t i = 0; i < 32; ++i) {
            float f = float(i);
            std::memcpy(&words[i], &f, 4);
        }
        sim::MemcpyRequest r;
        r.symbol = "buf";
        r.w = 2;
        r.elementsPerPe = 16;
        fabric.runUntilDone(fabric.memcpy(r, words));
        fabric.dumpCore(out + "/corefile.cs1");
        {
            debug::DebugUtil cslc(out);
            QCOMPARE(cslc.coordinates(), debug::Coordinates::Fabric);
            QCOMPARE(cslc.originX(), 4u);
            QCOMPARE(cslc.originY(), 1u);
            QCOMPARE(cslc.get_symbol<float>(5, 1, "buf").at(0), 16.0f);
            try {
                cslc.get_symbol<float>(1, 0, "buf");
                QFAIL("rectangle coordinates were taken for a cslc program");
            } catch (const debug::DebugError& e) {
                QVERIFY2(std::string(e.what()).find("coordinates are absolute: the rectangle's "
                                                    "(0,0) is fabric (4,1)") != std::string::npos,
                         e.what());
            }
        }
        std::ofstream(out + "/sdklayout.json") << "{}\n";
        debug::DebugUtil layout(out);
        QCOMPARE(layout.coordinates(), debug::Coordinates::Layout);
        QCOMPARE(layout.originX(), 0u);
        QCOMPARE(layout.originY(), 0u);
        QCOMPARE(layout.header().offsetX, 4u); // the core's own header is unchanged
        QCOMPARE(layout.get_symbol<float>(1, 0, "buf").at(0), 16.0f);
        QCOMPARE(layout.get_symbol<float>(0, 0, "buf").at(15), 15.0f);
        const auto rect = layout.get_symbol_rect<float>(0, 0, 2, 1, "buf");
        QCOMPARE(rect.size(), size_t(32));
        QCOMPARE(rect[31], 31.0f);
        try {
            layout.get_symbol<float>(5, 1, "buf");
            QFAIL("fabric coordinates were taken for an SdkLayout program");
        } catch (const debug::DebugError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("PE (5,1) is outside the program rectangle at (0,0) of 2x1 "
                                 "(layout coordinates of this SdkLayout program, as place() and "
                                 "read_symbol take them)"));
        }
        QVERIFY_THROWS_EXCEPTION(debug::DebugError,
                                 layout.get_symbol_rect<float>(4, 1, 2, 1, "buf"));
        try {
            layout.read_trace(0, 0, "times");
            QFAIL("a trace without a buffer was read");
        } catch (const debug::DebugError& e) { // the PE is found: only the buffer is missing
            QVERIFY2(std::string(e.what()).find("no <debug> trace buffer") != std::string::npos,
                     e.what());
        }
        // The IDE's constructor from a loaded program says which coordinates it takes.
        debug::DebugUtil loaded(layout.programPtr(), out + "/corefile.cs1",
                                debug::Coordinates::Layout);
        QCOMPARE(loaded.get_symbol<float>(1, 0, "buf").at(0), 16.0f);
        debug::DebugUtil fabricOnes(layout.programPtr(), out + "/corefile.cs1");
        QCOMPARE(fabricOnes.get_symbol<float>(5, 1, "buf").at(0), 16.0f);
    }

    // get_symbol_rect looks the symbol up once per class and copies each PE's bytes
    // straight from the dump: it must give exactly the concatenation of get_symbol over
    // the rectangle, columns outermost, with classes of different symbol addresses and
    // sizes, and fail naming the first PE at fault.
    void symbolRectMatchesPerPeReads() {
        QTemporaryDir tmp;
        const std::string core = tmp.path().toStdString() + "/core";
        auto program = fixture::program(3, 2);
        sim::CodeClass moved = program->classes[0]; // buf: 3 floats at 1000, other symbols first
        moved.symbols = {{"a", 0, 8, sim::ScalarType::U32, 2},
                         {"ro", 64, 16, sim::ScalarType::F32, 4},
                         {"buf", 1000, 12, sim::ScalarType::F32, 3}};
        sim::CodeClass without = program->classes[0]; // no buf
        without.symbols = {{"ro", 64, 16, sim::ScalarType::F32, 4}};
        program->classes.push_back(moved);
        program->classes.push_back(without);
        const std::vector<uint32_t> classOf{0, 1, 0, 1, 1, 0};
        const sim::CoreHeader h = sim::coreHeaderOf(*program);
        std::vector<sim::CorePeRecord> pes(6);
        for (uint32_t i = 0; i < 6; ++i) {
            pes[i].x = i % 3;
            pes[i].y = i / 3;
            pes[i].codeClass = classOf[i];
        }
        std::vector<std::vector<uint8_t>> sram(6, std::vector<uint8_t>(sim::kPeMemoryBytes));
        for (uint32_t i = 0; i < 6; ++i)
            for (size_t b = 0; b < sram[i].size(); ++b)
                sram[i][b] = uint8_t(i * 31 + b * 7 + 1);
        sim::writeCoreDump(core, h, pes, [&](uint32_t i) { return sram[i].data(); });
        auto write = [&](uint32_t pe, uint32_t cls) {
            pes[pe].codeClass = cls;
            sim::writeCoreDump(core, h, pes, [&](uint32_t i) { return sram[i].data(); });
        };

        auto perPe = [](const debug::DebugUtil& d, uint32_t px, uint32_t py, uint32_t w,
                        uint32_t hh, auto zero) {
            std::vector<decltype(zero)> all;
            for (uint32_t dx = 0; dx < w; ++dx)
                for (uint32_t dy = 0; dy < hh; ++dy) {
                    auto v = d.get_symbol<decltype(zero)>(px + dx, py + dy, "buf");
                    all.insert(all.end(), v.begin(), v.end());
                }
            return all;
        };
        {
            debug::DebugUtil dbg(program, core);
            const auto all = dbg.get_symbol_rect<uint32_t>(4, 1, 3, 2, "buf");
            QCOMPARE(all.size(), size_t(3 * 16 + 3 * 3));
            QCOMPARE(all, perPe(dbg, 4, 1, 3, 2, uint32_t()));
            // 8-byte elements: the 12-byte buf of class 1 gives one element, as get_symbol.
            QCOMPARE(dbg.get_symbol_rect<double>(4, 1, 3, 2, "buf"),
                     perPe(dbg, 4, 1, 3, 2, double()));
            QCOMPARE(dbg.get_symbol_rect<uint16_t>(5, 2, 2, 1, "buf"),
                     perPe(dbg, 5, 2, 2, 1, uint16_t()));
            QVERIFY(dbg.get_symbol_rect<float>(4, 1, 0, 2, "buf").empty());
            try {
                (void)dbg.get_symbol_rect<float>(5, 1, 3, 1, "buf"); // x 5..7, 7 is outside
                QFAIL("expected an error");
            } catch (const debug::DebugError& e) {
                QVERIFY2(std::string(e.what()).find("PE (7,1) is outside") == 0, e.what());
            }
        }
        write(4, 2); // PE (1,1), i.e. (5,2), runs the class without buf
        debug::DebugUtil dbg(program, core);
        try {
            (void)dbg.get_symbol_rect<float>(4, 1, 3, 2, "buf");
            QFAIL("expected an error");
        } catch (const debug::DebugError& e) {
            QVERIFY2(
                std::string(e.what()).find("PE (5,2) runs pe.csl, which has no symbol 'buf'") == 0,
                e.what());
        }
        QCOMPARE(dbg.get_symbol_rect<uint32_t>(4, 1, 1, 2, "buf"),
                 perPe(dbg, 4, 1, 1, 2, uint32_t()));
    }

    // The first PE at fault is the first in column order even though the rectangle is read
    // row by row: (1,1) comes before (2,0).
    void symbolRectNamesTheFirstFaultInColumnOrder() {
        QTemporaryDir tmp;
        const std::string core = tmp.path().toStdString() + "/core";
        auto program = fixture::program(3, 2);
        sim::CodeClass without = program->classes[0];
        without.symbols.clear();
        program->classes.push_back(without);
        const sim::CoreHeader h = sim::coreHeaderOf(*program);
        std::vector<sim::CorePeRecord> pes(6);
        for (uint32_t i = 0; i < 6; ++i) {
            pes[i].x = i % 3;
            pes[i].y = i / 3;
            pes[i].codeClass = (i == 2 || i == 4) ? 1 : 0; // (2,0) and (1,1)
        }
        std::vector<uint8_t> sram(sim::kPeMemoryBytes, 1);
        sim::writeCoreDump(core, h, pes, [&](uint32_t) { return sram.data(); });
        debug::DebugUtil dbg(program, core);
        try {
            (void)dbg.get_symbol_rect<float>(4, 1, 3, 2, "buf");
            QFAIL("expected an error");
        } catch (const debug::DebugError& e) {
            QVERIFY2(std::string(e.what()).find("PE (5,2) runs pe.csl") == 0, e.what());
        }
    }

    // A dump cut short: get_symbol_rect names the first PE it cannot read; symbolGrid
    // reads every PE it can and names every one it cannot (the first 16, and how many).
    void damagedDumpNamesTheUnreadablePes() {
        QTemporaryDir tmp;
        const std::string core = tmp.path().toStdString() + "/core";
        {
            auto program = writeCutDump(core, 3, 2, 4); // (1,1) and (2,1) are cut off
            debug::DebugUtil dbg(program, core);
            QCOMPARE(dbg.get_symbol_rect<uint32_t>(4, 1, 3, 1, "buf").size(), size_t(48));
            try {
                (void)dbg.get_symbol_rect<uint32_t>(4, 1, 3, 2, "buf");
                QFAIL("expected an error");
            } catch (const debug::DebugError& e) {
                QVERIFY2(std::string(e.what()).find("PE (5,2), symbol 'buf': ") == 0, e.what());
                QVERIFY2(std::string(e.what()).find("truncated") != std::string::npos, e.what());
            }
            debug::GridFaults faults;
            const auto grid = debug::symbolGrid(dbg, "buf", 0, &faults);
            QCOMPARE(faults.count, size_t(2));
            QCOMPARE(faults.first.size(), size_t(2));
            QCOMPARE(faults.first[0].x, 1u);
            QCOMPARE(faults.first[0].y, 1u);
            QCOMPARE(faults.first[1].x, 2u);
            for (size_t i = 0; i < 4; ++i)
                QVERIFY(!std::isnan(grid[i]));
            QVERIFY(std::isnan(grid[4]) && std::isnan(grid[5]));
            QVERIFY2(faults.message().find("2 PEs could not be read: PE (1,1): ") == 0,
                     faults.message().c_str());
            QVERIFY2(faults.message().find("; PE (2,1): ") != std::string::npos,
                     faults.message().c_str());
            try {
                (void)debug::symbolGrid(dbg, "buf", 0);
                QFAIL("expected an error");
            } catch (const debug::DebugError& e) {
                const std::string expected =
                    core + ": symbol 'buf' element 0: 2 PEs could not be read: PE (1,1): ";
                QVERIFY2(std::string(e.what()).find(expected) == 0, e.what());
                QVERIFY2(std::string(e.what()).find("(rectangle coordinates)") != std::string::npos,
                         e.what());
            }
        }
        auto program = writeCutDump(core, 10, 4, 19); // 21 PEs cut off
        debug::DebugUtil dbg(program, core);
        debug::GridFaults faults;
        (void)debug::symbolGrid(dbg, "buf", 2, &faults);
        QCOMPARE(faults.count, size_t(21));
        QCOMPARE(faults.first.size(), debug::GridFaults::kListed);
        QCOMPARE(faults.first[0].x, 9u); // PE 19
        QCOMPARE(faults.first[0].y, 1u);
        QVERIFY2(faults.message().find("21 PEs could not be read: PE (9,1): ") == 0,
                 faults.message().c_str());
        const std::string message = faults.message(), tail = "; and 5 more";
        QVERIFY2(message.size() > tail.size() &&
                     message.compare(message.size() - tail.size(), tail.size(), tail) == 0,
                 message.c_str());
    }

    void decodeTrace() {
        std::vector<uint16_t> words{uint16_t(0x0100 | '?'),
                                    uint16_t(0xff00 | 'b'),
                                    'H',
                                    513,
                                    'f',
                                    0x0000,
                                    0x3fc0,
                                    't',
                                    1,
                                    2,
                                    3,
                                    uint16_t(0x0300 | 's'),
                                    uint16_t('h' | 'i' << 8),
                                    '!',
                                    'e',
                                    0x3c00};
        auto v = debug::decodeTrace(words, "k");
        QCOMPARE(v.size(), size_t(7));
        QCOMPARE(std::get<bool>(v[0]), true);
        QCOMPARE(std::get<int64_t>(v[1]), int64_t(-1));
        QCOMPARE(std::get<uint64_t>(v[2]), uint64_t(513));
        QCOMPARE(std::get<double>(v[3]), 1.5);
        QCOMPARE(std::get<uint64_t>(v[4]), uint64_t(1) | 2ull << 16 | 3ull << 32);
        QCOMPARE(std::get<std::string>(v[5]), std::string("hi!"));
        QCOMPARE(std::get<double>(v[6]), 1.0);
        QVERIFY_THROWS_EXCEPTION(debug::DebugError, debug::decodeTrace({'I', 1}, "k"));
        QVERIFY_THROWS_EXCEPTION(debug::DebugError, debug::decodeTrace({'z'}, "k"));
    }
};

QTEST_GUILESS_MAIN(TestDebugUtil)
#include "tst_debug_util.moc"
