// backend/csl/layout_spec.h: what an SdkLayout adds to a compiled program (stream channel
// colors, set_symbol_all data per PE), on a two-PE program written for this test.
#include "backend/csl/layout_spec.h"

#include <QTest>

#include <cstring>
#include <map>

namespace {

const std::map<std::string, std::string> kFiles = {
    {"layout.csl", R"(layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{});
  @set_tile_code(1, 0, "pe.csl", .{});
})"},
    {"pe.csl", R"(export var w = [3]u32{7, 8, 9};
export var h: [2]u16;
)"},
};

csl::CompileResult compileTwoPes() {
    csl::CompileOptions o;
    o.layoutFile = "layout.csl";
    o.readFile = [](const std::string& f) -> std::optional<std::string> {
        auto it = kFiles.find(f.rfind("./", 0) == 0 ? f.substr(2) : f);
        return it == kFiles.end() ? std::nullopt : std::optional(it->second);
    };
    return csl::compile(o);
}

std::vector<uint8_t> words(std::initializer_list<uint32_t> v) {
    std::vector<uint8_t> b(v.size() * 4);
    std::memcpy(b.data(), std::data(v), b.size());
    return b;
}

// The initial bytes of a symbol on one PE, as the simulator would load them.
std::vector<uint8_t> initial(const sim::FabricProgram& p, uint32_t x, const std::string& name) {
    const sim::CodeClass& c = p.classes[p.pes[x].codeClass];
    for (const sim::Symbol& s : c.symbols)
        if (s.name == name) {
            std::vector<uint8_t> mem(s.sizeBytes, 0);
            for (const sim::DataInit& d : c.data)
                for (size_t i = 0; i < d.bytes.size(); ++i)
                    if (d.address + i >= s.address && d.address + i < s.address + s.sizeBytes)
                        mem[d.address + i - s.address] = d.bytes[i];
            return mem;
        }
    return {};
}

std::string errors(const csl::CompileResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        s += d.message + "\n";
    return s;
}

} // namespace

class TstLayoutSpec : public QObject {
    Q_OBJECT
  private slots:
    void symbolDataGivesThePeItsOwnClass() {
        auto r = compileTwoPes();
        QVERIFY2(r.ok, errors(r).c_str());
        QCOMPARE(r.program->pes[0].codeClass, r.program->pes[1].codeClass);
        const size_t classes = r.program->classes.size();
        csl::LayoutSpec spec;
        spec.symbolInits.push_back({1, 0, "w", 4, words({1, 2, 3})});
        csl::applyLayoutSpec(r, spec);
        QVERIFY2(r.ok, errors(r).c_str());
        QCOMPARE(r.program->classes.size(), classes + 1);
        QCOMPARE(r.program->pes[1].codeClass, uint32_t(classes));
        QCOMPARE(initial(*r.program, 1, "w"), words({1, 2, 3}));
        QCOMPARE(initial(*r.program, 0, "w"), words({7, 8, 9})); // PE 0 keeps the code's value
        QVERIFY(!r.program->memcpy.enabled);                     // no streams: no channel
    }

    void streamColorsBecomeTheMemcpyChannel() {
        auto r = compileTwoPes();
        csl::LayoutSpec spec;
        spec.streamH2dColors = {5, -1, -1, -1};
        spec.streamD2hColors = {6, 7, -1, -1};
        csl::applyLayoutSpec(r, spec);
        QVERIFY(r.ok);
        QVERIFY(r.program->memcpy.enabled);
        QCOMPARE(int(r.program->memcpy.h2dColors[0]), 5);
        QCOMPARE(int(r.program->memcpy.d2hColors[1]), 7);
    }

    void badEntriesAreErrorsNamingThePe() {
        auto r = compileTwoPes();
        csl::LayoutSpec spec;
        spec.symbolInits.push_back({0, 0, "h", 4, words({1})});       // u16 symbol, u32 data
        spec.symbolInits.push_back({0, 0, "nope", 4, words({1})});    // unknown symbol
        spec.symbolInits.push_back({2, 0, "w", 4, words({1, 2, 3})}); // outside 2x1
        csl::applyLayoutSpec(r, spec);
        QVERIFY(!r.ok);
        const std::string e = errors(r);
        QVERIFY2(e.find("set_symbol_all('h') at PE (0, 0): the symbol has 2 elements of 2 bytes "
                        "(u16), the data 1 of 4 bytes") != std::string::npos,
                 e.c_str());
        QVERIFY2(e.find("set_symbol_all('nope') at PE (0, 0): pe.csl has no symbol 'nope'") !=
                     std::string::npos,
                 e.c_str());
        QVERIFY2(e.find("set_symbol_all('w') at PE (2, 0): outside the 2x1 program rectangle") !=
                     std::string::npos,
                 e.c_str());
    }
};

QTEST_GUILESS_MAIN(TstLayoutSpec)
#include "tst_layout_spec.moc"
