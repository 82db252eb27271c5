// The compiler on large rectangles (issues 3, 5, 8): PEs that share a tile code share one
// entry and one code class whatever order the layout sets them in, and a compile can be
// cancelled from another thread while the layout's per-PE loops run.
#include "backend/artifact/program_file.h"
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <thread>

namespace {

using namespace csl_tests;

// Three kinds of tile (above, on or below the diagonal; met in a different order by
// column-major and row-major loops) plus memcpy params that differ per column;
// `outer`/`inner` choose whether the loops go column-major or row-major.
std::string gridLayout(const char* outer, const char* inner) {
    return std::string(R"(
param width: u16;
param height: u16;
const memcpy = @import_module("<memcpy/get_params>", .{ .width = width, .height = height });
layout {
  @set_rectangle(width, height);
  for (@range(u16, )") +
           outer + R"()) |)" + (outer[0] == 'w' ? "x" : "y") + R"(| {
    for (@range(u16, )" +
           inner + R"()) |)" + (inner[0] == 'w' ? "x" : "y") + R"(| {
      @set_tile_code(x, y, "pe.csl", .{
        .memcpy_params = memcpy.get_params(x),
        .above = x > y,
        .below = x < y,
      });
      if (x > 0) {
        @set_color_config(x, y, @get_color(1), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
      }
      if (x + 1 < width) {
        @set_color_config(x, y, @get_color(2), .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
      }
    }
  }
  @export_name("value", [*]u32, true);
}
)";
}

const char* kPe = R"(
param memcpy_params;
param above: bool;
param below: bool;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const marker: u32 = if (above) 7 else if (below) 1 else 2;
var value: [1]u32 = .{ marker };
var value_ptr: [*]u32 = &value;
comptime {
  @export_symbol(value_ptr, "value");
}
)";

} // namespace

class TestCslScaling : public QObject {
    Q_OBJECT
  private slots:
    // The same PEs set column by column or row by row give the same program, byte for
    // byte: code classes are numbered by their first PE in row-major order and built from
    // that PE's params, and each PE holds only the index of its tile code.
    void setOrderDoesNotChangeTheProgram() {
        const std::vector<std::pair<std::string, std::string>> size = {{"width", "9"},
                                                                       {"height", "7"}};
        auto byColumns =
            compileFiles({{"layout.csl", gridLayout("width", "height")}, {"pe.csl", kPe}},
                         sim::Arch::Wse2, size);
        QVERIFY2(byColumns.ok, allDiagnostics(byColumns).c_str());
        auto byRows = compileFiles({{"layout.csl", gridLayout("height", "width")}, {"pe.csl", kPe}},
                                   sim::Arch::Wse2, size);
        QVERIFY2(byRows.ok, allDiagnostics(byRows).c_str());
        const sim::FabricProgram& p = *byColumns.program;
        QCOMPARE(p.classes.size(), size_t(3));
        QCOMPARE(p.pes.size(), size_t(63));
        QCOMPARE(p.pes[0].codeClass, 0u);     // (0,0): on the diagonal
        QCOMPARE(p.pes[1].codeClass, 1u);     // (1,0): above, before any PE below in rows
        QCOMPARE(p.pes[9].codeClass, 2u);     // (0,1): below
        QCOMPARE(p.pes[9 + 1].codeClass, 0u); // (1,1)
        QCOMPARE(p.pes[62].codeClass, 1u);    // (8,6): above
        QCOMPARE(artifact::serializeProgram(p), artifact::serializeProgram(*byRows.program));
    }

    // A PE set twice is still an error that points at the first @set_tile_code.
    void secondTileCodeNamesTheFirst() {
        const char* layout = R"(
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{});
  @set_tile_code(1, 0, "pe.csl", .{});
  @set_tile_code(0, 0, "pe.csl", .{});
}
)";
        csl::CompileOptions o;
        o.layoutFile = "layout.csl";
        o.readFile = [layout](const std::string& f) -> std::optional<std::string> {
            if (f.find("layout.csl") != std::string::npos)
                return std::string(layout);
            return std::string("var x: u32 = 0;\n");
        };
        auto r = csl::compile(o);
        QVERIFY(!r.ok);
        QCOMPARE(r.diagnostics.size(), size_t(1));
        QVERIFY2(r.diagnostics[0].message == "PE (0, 0) already has code",
                 r.diagnostics[0].message.c_str());
        QCOMPARE(r.diagnostics[0].range.line, 6u);
        QCOMPARE(r.diagnostics[0].notes.size(), size_t(1));
        QCOMPARE(r.diagnostics[0].notes[0].range.line, 4u);
    }

    // CompileOptions::cancelled stops a compile that is deep in the layout's per-PE loops
    // of a 750x994 rectangle within a bounded time, with one "compile cancelled" error and
    // no program.
    void cancelStopsALargeLayout() {
        std::atomic<bool> cancel{false};
        auto running = std::async(std::launch::async, [&] {
            return compileFiles({{"layout.csl", gridLayout("width", "height")}, {"pe.csl", kPe}},
                                sim::Arch::Wse2, {{"width", "750"}, {"height", "994"}},
                                [&] { return cancel.load(); });
        });
        QVERIFY(running.wait_for(std::chrono::milliseconds(700)) == std::future_status::timeout);
        const auto cancelledAt = std::chrono::steady_clock::now();
        cancel = true;
        QVERIFY(running.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - cancelledAt)
                            .count();
        qInfo("the compiler stopped %lld ms after the cancel", (long long)ms);
        const csl::CompileResult r = running.get();
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY(!r.program);
        QVERIFY(!r.diagnostics.empty());
        QCOMPARE(r.diagnostics.back().message, std::string("compile cancelled"));
        QCOMPARE(r.diagnostics.back().severity, csl::Severity::Error);
        // Without a cancel the same hook lets a compile finish.
        auto done =
            compileFiles({{"layout.csl", gridLayout("width", "height")}, {"pe.csl", kPe}},
                         sim::Arch::Wse2, {{"width", "4"}, {"height", "3"}}, [] { return false; });
        QVERIFY2(done.ok, allDiagnostics(done).c_str());
        QVERIFY(!done.cancelled);
    }
};

QTEST_GUILESS_MAIN(TestCslScaling)
#include "tst_csl_scaling.moc"
