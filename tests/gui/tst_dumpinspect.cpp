// backend/debug's dump_inspect over core dumps of version 2 (task profile, queue contents,
// frames, DSD registers, simprint chunks) from the grid-reduce example and a traced
// program; version 1 files still read; compare two dumps; symbol grids.
#include "backend/debug/dump_inspect.h"
#include "dump_fixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

class TestDumpInspect : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_out = m_dir.filePath(QStringLiteral("out"));
        m_program = dumpfixture::buildGridReduce(m_out);
        dumpfixture::runGridReduce(m_program, m_out + QStringLiteral("/corefile.cs1"), 1.5f);
        dumpfixture::runGridReduce(m_program, m_dir.filePath(QStringLiteral("alpha2.core")), 2.0f);
        dumpfixture::runGridReduce(m_program, m_dir.filePath(QStringLiteral("paused.core")), 1.5f,
                                   150);
    }

    void taskProfileOfAFinishedRun() {
        debug::DebugUtil dump(m_out.toStdString());
        QCOMPARE(dump.header().version, sim::kCoreVersion);
        // PE (0,0) is the root: every task of the reduction ran on it exactly once.
        const auto rows = debug::taskRows(dump, 0, 0);
        QVERIFY(!rows.empty());
        uint64_t total = 0;
        bool sawLaunch = false;
        for (const debug::TaskRow& t : rows) {
            QVERIFY2(!t.running, t.function.c_str());
            if (t.id == -2) {
                sawLaunch = true;
                QCOMPARE(t.activations, uint64_t(1));
                QVERIFY(t.function.empty()); // which function a finished launch ran is not kept
            }
            if (t.activations) {
                QVERIFY(t.minCycles <= t.maxCycles);
                QVERIFY(t.cycles >= t.maxCycles);
                QVERIFY(t.id == -2 || !t.function.empty());
            }
            total += t.activations;
        }
        QVERIFY(sawLaunch);
        // The per-task counters add up to the PE's activation count.
        QCOMPARE(total, dump.core().pe(0, 0).taskActivations);
        const sim::CorePeDetails details = dump.core().details(0, 0);
        QVERIFY(details.frames.empty()); // idle at the end
        QVERIFY(details.queued.empty());
    }

    void pausedRunHasFramesAndQueues() {
        debug::DebugUtil dump(m_program,
                              m_dir.filePath(QStringLiteral("paused.core")).toStdString());
        bool running = false;
        for (uint32_t y = 0; y < 4; ++y)
            for (uint32_t x = 0; x < 4; ++x) {
                const sim::CorePeRecord rec = dump.core().pe(x, y);
                const sim::CorePeDetails d = dump.core().details(x, y);
                QCOMPARE(d.frames.size(), size_t(rec.frameDepth));
                if (rec.frameDepth) {
                    running = true;
                    const auto frames = debug::frameRows(dump, x, y);
                    QCOMPARE(frames.back().function, rec.function);
                    QVERIFY(frames.back().loc.has_value());
                    QVERIFY(frames.back().loc->line > 0);
                }
                uint32_t fill = 0;
                for (uint16_t n : rec.inputQueueWavelets)
                    fill += n;
                for (uint16_t n : rec.outputQueueWavelets)
                    fill += n;
                for (uint16_t n : rec.routerWavelets)
                    fill += n;
                QCOMPARE(uint32_t(d.queued.size()), fill);
            }
        QVERIFY(running);
    }

    void symbolGridAndTypedValues() {
        debug::DebugUtil dump(m_out.toStdString());
        const auto grid = debug::symbolGrid(dump, "u", 3);
        QCOMPARE(grid.size(), size_t(16));
        for (double v : grid)
            QCOMPARE(v, 4.0 / 16.0);
        const auto partial = debug::symbolGrid(dump, "partial", 0);
        // alpha reaches every PE: each partial is 1.5 * sum((i/16)^2, i=1..16).
        double dot = 0;
        for (int i = 1; i <= 16; ++i)
            dot += (i / 16.0) * (i / 16.0);
        QVERIFY(std::abs(partial[5] - 1.5 * dot) < 1e-4);
        QVERIFY(std::isnan(debug::symbolGrid(dump, "u", 16)[0])); // past the end
        const auto names = debug::numericSymbols(dump.program());
        QVERIFY(std::find(names.begin(), names.end(), "partial") != names.end());
        const uint8_t half[2] = {0x00, 0x3c};
        QCOMPARE(debug::formatElement(sim::ScalarType::F16, half), std::string("1"));
        const uint8_t minusOne[4] = {0xff, 0xff, 0xff, 0xff};
        QCOMPARE(debug::formatElement(sim::ScalarType::I32, minusOne), std::string("-1"));
        QCOMPARE(debug::formatElement(sim::ScalarType::U32, minusOne), std::string("4294967295"));
    }

    void compareTwoDumps() {
        debug::DebugUtil a(m_out.toStdString());
        debug::DebugUtil b(m_program, m_dir.filePath(QStringLiteral("alpha2.core")).toStdString());
        // Only the root has alpha; every PE's partial differs (alpha is broadcast).
        const auto root = debug::compareSymbols(a, b, 0, 0);
        QVERIFY(!root.empty());
        bool alpha = false, partial = false;
        for (const auto& d : root) {
            alpha = alpha || d.symbol == "alpha";
            if (d.symbol == "partial") {
                partial = true;
                QCOMPARE(d.firstElement, 0u);
                QCOMPARE(d.differingElements, 1u);
                QVERIFY(d.valueA != d.valueB);
            }
        }
        QVERIFY(alpha);
        QVERIFY(partial);
        QVERIFY(debug::compareSymbols(a, a, 2, 2).empty());
    }

    void traceAndSimprint() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        auto program = dumpfixture::buildTracer(dir.filePath(QStringLiteral("code")), out);
        dumpfixture::runTracer(program, out + QStringLiteral("/corefile.cs1"));
        debug::DebugUtil dump(out.toStdString());
        const auto keys = debug::traceKeys(dump.classAt(0, 0));
        QCOMPARE(keys, std::vector<std::string>{"steps"});
        const sim::CoreHeader& h = dump.header();
        const auto entries = dump.read_trace(h.offsetX, h.offsetY, "steps");
        QCOMPARE(entries.size(), size_t(5));
        QCOMPARE(std::get<std::string>(entries[0]), std::string("start"));
        QCOMPARE(std::get<double>(entries[4]), 2.5);
        const sim::CorePeDetails d = dump.core().details(0, 0);
        QCOMPARE(d.simprint.size(), size_t(1));
        QVERIFY2(d.simprint[0].find("counter is 21") != std::string::npos, d.simprint[0].c_str());
        QVERIFY(d.simprint[0].rfind("@", 0) == 0); // keeps its cycle stamp
        QCOMPARE(d.simprintPartial, std::string("done"));
    }

    // A version 1 file (no chunks, 208-byte records) still opens; details are empty.
    void readsVersion1() {
        const std::string v2 = (m_out + QStringLiteral("/corefile.cs1")).toStdString();
        sim::CoreDumpReader reader(v2);
        sim::CoreHeader h = reader.header();
        h.version = 1;
        h.peRecordBytes = sim::kCorePeRecordBytesV1;
        h.peTableOffset = sizeof(sim::CoreHeader);
        h.dataOffset =
            (h.peTableOffset + uint64_t(h.peCount) * h.peRecordBytes + 4095) / 4096 * 4096;
        std::vector<sim::CorePeRecord> recs;
        std::vector<std::vector<uint8_t>> pages;
        uint64_t offset = h.dataOffset;
        for (uint32_t i = 0; i < h.peCount; ++i) {
            sim::CorePeRecord r = reader.pe(i % h.width, i / h.width);
            r.sramOffset = offset;
            for (uint32_t p = 0; p < sim::kCorePagesPerPe; ++p)
                if (r.sramPageMask & (1u << p)) {
                    pages.push_back(reader.readSram(r.x, r.y, p * 4096, 4096));
                    offset += 4096;
                }
            recs.push_back(r);
        }
        const std::string v1 = m_dir.filePath(QStringLiteral("v1.core")).toStdString();
        {
            std::ofstream out(v1, std::ios::binary);
            out.write(reinterpret_cast<const char*>(&h), sizeof h);
            for (const sim::CorePeRecord& r : recs)
                out.write(reinterpret_cast<const char*>(&r), sim::kCorePeRecordBytesV1);
            out.write(std::string(h.dataOffset - uint64_t(out.tellp()), '\0').data(),
                      std::streamsize(h.dataOffset - uint64_t(out.tellp())));
            for (const auto& page : pages)
                out.write(reinterpret_cast<const char*>(page.data()), 4096);
        }
        debug::DebugUtil old(m_program, v1);
        QCOMPARE(old.header().version, 1u);
        QCOMPARE(old.core().pe(3, 3).instructions, reader.pe(3, 3).instructions);
        QCOMPARE(old.core().pe(3, 3).extBytes, 0u);
        QVERIFY(old.core().details(3, 3).tasks.empty());
        QCOMPARE(old.get_symbol<float>(4, 1, "u"),
                 debug::DebugUtil(m_out.toStdString()).get_symbol<float>(4, 1, "u"));
        // Task rows still come from the program's bindings, without counters.
        for (const debug::TaskRow& t : debug::taskRows(old, 0, 0))
            QCOMPARE(t.activations, uint64_t(0));
    }

    void rejectsCorruptChunks() {
        const std::string good = (m_out + QStringLiteral("/corefile.cs1")).toStdString();
        std::ifstream in(good, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), {}};
        sim::CorePeRecord rec;
        std::memcpy(&rec, bytes.data() + sizeof(sim::CoreHeader), sizeof rec);
        QVERIFY(rec.extBytes > 0);
        // A chunk that claims more bytes than its PE's list holds.
        const uint32_t huge = 1u << 30;
        std::memcpy(bytes.data() + rec.extOffset + 4, &huge, 4);
        const std::string bad = m_dir.filePath(QStringLiteral("badchunk.core")).toStdString();
        std::ofstream(bad, std::ios::binary) << bytes;
        sim::CoreDumpReader reader(bad);
        try {
            reader.details(0, 0);
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("PE(0,0)") != std::string::npos, e.what());
        }
    }

  private:
    QTemporaryDir m_dir;
    QString m_out;
    std::shared_ptr<sim::FabricProgram> m_program;
};

QTEST_GUILESS_MAIN(TestDumpInspect)
#include "tst_dumpinspect.moc"
