// debug_util in C++ over a core dump of the fixture program.
#include "backend/artifact/artifact.h"
#include "backend/debug/debug_util.h"
#include "fixture_program.h"
#include "sim/fabric.h"

#include <QTemporaryDir>
#include <QTest>

#include <numeric>

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
