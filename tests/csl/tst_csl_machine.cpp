// The machine as the SDK documents it (issue #4): small original CSL programs that exercise
// one machine feature each (DSD operation families, DSD mutators and DSRs, fabric DSDs with
// async completion, control wavelets, FIFOs, switches, filters, teardown, microthreads,
// multicast routes, scalar arithmetic), compiled by backend/csl and run on the simulator
// at WSE-2 and WSE-3. Each row reads symbols straight from PE memory after the run and
// compares every element with values computed here independently (C++ arithmetic, or
// f16 bit patterns worked out with Python's struct 'e' format, noted where used).
#include "sim/costs.h"
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// One symbol of one PE after the run: its first words.size() elements of `bytes` bytes.
struct Expect {
    uint32_t x = 0, y = 0;
    std::string symbol;
    uint32_t bytes = 4;
    std::vector<uint32_t> words;
    double relTol = 0; // f32 words: relative tolerance (0 = bit-exact)
};

struct MachineProgram {
    std::string name;
    std::map<std::string, std::string> files; // layout.csl and the tile files
    bool wse2 = true, wse3 = true;
    std::vector<Expect> expect;
    std::vector<std::string> simprint = {}; // each must appear in some simprint line
};

std::vector<uint32_t> f32Bits(const std::vector<float>& v) {
    std::vector<uint32_t> out;
    for (float f : v) {
        uint32_t b;
        std::memcpy(&b, &f, 4);
        out.push_back(b);
    }
    return out;
}

std::vector<uint32_t> u16Bits(const std::vector<int>& v) {
    std::vector<uint32_t> out;
    for (int x : v)
        out.push_back(uint32_t(x) & 0xffff);
    return out;
}

Expect f32At(uint32_t x, uint32_t y, const char* sym, const std::vector<float>& v) {
    return {x, y, sym, 4, f32Bits(v)};
}
Expect u16At(uint32_t x, uint32_t y, const char* sym, const std::vector<int>& v) {
    return {x, y, sym, 2, u16Bits(v)};
}
Expect u32At(uint32_t x, uint32_t y, const char* sym, const std::vector<uint32_t>& v) {
    return {x, y, sym, 4, v};
}

// A 1x1 rectangle running "pe.csl", which exports the host-callable `main`.
const std::string kOnePeLayout = onePeLayoutExporting("  @export_name(\"main\", fn()void);\n");

std::map<std::string, std::string> onePe(const std::string& pe) {
    return {{"layout.csl", kOnePeLayout}, {"pe.csl", pe}};
}

// A width x height rectangle whose PE (0,0) runs send.csl and every other PE recv.csl
// (params memcpy_params and color c), exporting the host-callable `main`; `colors` declares
// the colors and `routes` holds the @set_color_config lines.
std::string sendRecvLayout(uint32_t width, uint32_t height, const std::string& colors,
                           const std::string& routes) {
    const std::string w = std::to_string(width), h = std::to_string(height);
    std::string layout =
        "\nconst memcpy = @import_module(\"<memcpy/get_params>\", .{ .width = " + w +
        ", .height = " + h + " });\n" + colors + "layout {\n  @set_rectangle(" + w + ", " + h +
        ");\n";
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x)
            layout += "  @set_tile_code(" + std::to_string(x) + ", " + std::to_string(y) + ", \"" +
                      (x == 0 && y == 0 ? "send" : "recv") +
                      ".csl\", .{ .memcpy_params = memcpy.get_params(" + std::to_string(x) +
                      "), .c = c });\n";
    return layout + routes + "  @export_name(\"main\", fn()void);\n}\n";
}

// A 1xN row of sendRecvLayout with its tile files.
std::map<std::string, std::string> row(uint32_t width, const std::string& colors,
                                       const std::string& routes, const std::string& send,
                                       const std::string& recv) {
    return {{"layout.csl", sendRecvLayout(width, 1, colors, routes)},
            {"send.csl", send},
            {"recv.csl", recv}};
}

const char* kColor3 = "const c: color = @get_color(3);\n";

// Color c from PE (0,0) east to PE (1,0).
const std::string kEastRoute =
    R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
)";

// Two PEs: send.csl streams to recv.csl east of it on color 3.
std::map<std::string, std::string> eastPair(const std::string& send, const std::string& recv) {
    return row(2, kColor3, kEastRoute, send, recv);
}

// A tile that sends its array a (`count` elements) on color c through output queue `queue`
// with `move`, a statement of fabout DSD `out` and mem1d DSD `d` over a; main runs `fill`
// first. `array` is the rest of a's declaration, `outFields` adds fields to `out` and
// `decls` declares the tile's params other than memcpy_params.
struct Sender {
    uint32_t count;
    std::string array;
    std::string move = "@fmovs(out, d)";
    std::string fill = "";
    uint32_t queue = 2;
    std::string outFields = "";
    std::string decls = kColorParam;
};

std::string sender(const Sender& s) {
    const std::string n = std::to_string(s.count);
    return memcpyTile(
        s.decls,
        "\nvar a" + s.array + ";\nconst oq = @get_output_queue(" + std::to_string(s.queue) +
            ");\nconst out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = " + n +
            ", .output_queue = oq" + s.outFields + " });\nfn main() void {\n" + s.fill +
            "  const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{" + n + "} -> a[i] });\n  " +
            s.move + ";\n  sys_mod.unblock_cmd_stream();\n}\n",
        wse3Queues({{"oq", "c"}}));
}

// A tile that sends single u32 wavelets on color c, data ones through `out` and control
// ones through `outc` (<control> imported as ctrl), as `mainBody`, the statements of main
// before it unblocks the command stream, says.
std::string controlSender(const std::string& mainBody) {
    return memcpyTile(kColorParam,
                      "\n"
                      R"(const ctrl = @import_module("<control>");
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq });
const outc = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq, .control = true });
fn main() void {)" + mainBody +
                          R"(  sys_mod.unblock_cmd_stream();
}
)",
                      wse3Queues({{"oq", "c"}}));
}

const std::string kF32Ops = memcpyTile("", R"(
var a = [8]f32 { 1.5, -2.0, 3.25, 4.0, -5.5, 6.0, 7.75, -8.0 };
var b = [8]f32 { 0.5, 0.25, -1.0, 2.0, 3.0, -4.0, 0.125, 10.0 };
var r = @zeros([64]f32);
var s: f32 = 3.0;
fn main() void {
  const da = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> a[i] });
  const db = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> b[i] });
  var dr = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> r[i] });
  @fadds(dr, da, db);                       // r[0..8]
  dr = @increment_dsd_offset(dr, 8, f32);
  @fsubs(dr, da, db);                       // r[8..16]
  dr = @increment_dsd_offset(dr, 8, f32);
  @fmuls(dr, da, s);                        // r[16..24]  a*3
  dr = @increment_dsd_offset(dr, 8, f32);
  @fmacs(dr, da, db, 2.0);                  // r[24..32] a + b*2
  dr = @increment_dsd_offset(dr, 8, f32);
  @fnegs(dr, da);                           // r[32..40]
  dr = @increment_dsd_offset(dr, 8, f32);
  @fmaxs(dr, da, db);                       // r[40..48]
  dr = @increment_dsd_offset(dr, 8, f32);
  @fabss(dr, da);                           // r[48..56]
  // stride 2, length 4: r[56..60] = a[0],a[2],a[4],a[6] ; r[60..64] reversed via neg stride? 
  const ev = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[2*i] });
  const d56 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[56 + i] });
  @fmovs(d56, ev);
  const rev = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> b[7 - i] });
  const d60 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[60 + i] });
  @fmovs(d60, rev);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kF16Ops = memcpyTile("", R"(
var a = [4]f16 { 1.5, -2.0, 3.25, 1000.0 };
var b = [4]f16 { 0.5, 0.25, -1.0, 2.0 };
var af = [4]f32 { 1.0, 2.0, 3.0, 4.0 };
var h = @zeros([24]f16);
var f = @zeros([16]f32);
var xi = [4]i16 { -3, 7, 100, -32768 };
var xo = @zeros([8]i16);
fn main() void {
  const da = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  const db = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> b[i] });
  const daf = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> af[i] });
  var dh = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> h[i] });
  @faddh(dh, da, db);   dh = @increment_dsd_offset(dh, 4, f16);   // h0..3
  @fsubh(dh, da, db);   dh = @increment_dsd_offset(dh, 4, f16);   // h4..7
  @fmulh(dh, da, db);   dh = @increment_dsd_offset(dh, 4, f16);   // h8..11
  @fmach(dh, da, db, @as(f16, 3.0)); dh = @increment_dsd_offset(dh, 4, f16); // h12..15 a+b*3
  @fnegh(dh, da); dh = @increment_dsd_offset(dh, 4, f16);          // h16..19
  @fs2h(dh, daf);                                                  // h20..23
  var df = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> f[i] });
  @fh2s(df, da); df = @increment_dsd_offset(df, 4, f32);           // f0..3
  @faddhs(df, daf, db); df = @increment_dsd_offset(df, 4, f32);    // f4..7 af + b
  @fmachs(df, daf, da, @as(f16, 0.5)); df = @increment_dsd_offset(df, 4, f32);  // f8..11 af + a/2
  const dxi = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> xi[i] });
  @xp162fs(df, dxi);                                              // f12..15
  const dxo = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> xo[i] });
  @fs2xp16(dxo, daf);
  const dxo2 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> xo[4+i] });
  @fh2xp16(dxo2, da);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kIntOps = memcpyTile("", R"(
var a = [4]u16 { 1, 0xffff, 0x8000, 12345 };
var b = [4]u16 { 2, 2, 0x8000, 54321 };
var ai = [4]i16 { -5, 100, -32768, 7 };
var w = [4]u32 { 0xdeadbeef, 1, 2, 0x12345678 };
var r = @zeros([40]u16);
var r32 = @zeros([4]u32);
fn main() void {
  const da = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  const db = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> b[i] });
  const dai = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> ai[i] });
  var dr = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[i] });
  @add16(dr, da, db); dr = @increment_dsd_offset(dr, 4, u16);   // 0
  @sub16(dr, da, db); dr = @increment_dsd_offset(dr, 4, u16);   // 4
  @and16(dr, da, db); dr = @increment_dsd_offset(dr, 4, u16);   // 8
  @or16(dr, da, db); dr = @increment_dsd_offset(dr, 4, u16);    // 12
  @xor16(dr, da, db); dr = @increment_dsd_offset(dr, 4, u16);   // 16
  @sll16(dr, da, 3); dr = @increment_dsd_offset(dr, 4, u16);    // 20
  @slr16(dr, da, 3); dr = @increment_dsd_offset(dr, 4, u16);    // 24
  @sar16(dr, dai, 2); dr = @increment_dsd_offset(dr, 4, u16);   // 28
  @mov16(dr, @as(u16, 77)); dr = @increment_dsd_offset(dr, 4, u16); // 32
  @add16(dr, da, @as(u16, 10));                                  // 36
  const dw = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> w[3 - i] });
  const dr32 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r32[i] });
  @mov32(dr32, dw);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kOps2 = memcpyTile("", R"(
var h = [4]f16 { 1.5, -2.0, 0.0, 6.0 };
var g = [4]f16 { 2.0, -3.0, -1.0, 5.0 };
var f = [4]f32 { 1.5, -24.0, 0.75, 1000.0 };
var sc = [4]i16 { 1, 2, -1, 3 };
var oh = @zeros([12]f16);
var of = @zeros([12]f32);
var u = [4]u16 { 0xffff, 0x0001, 0x8000, 0x7fff };
var v = [4]u16 { 0x0001, 0x0000, 0x8000, 0x0001 };
var ou = @zeros([4]u16);
var cube = @zeros([2,3,4]f32);
var src24: [24]f32;
var xi = [4]i16 { -3, 7, 100, -32768 };
fn main() void {
  const dh = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> h[i] });
  const dg = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> g[i] });
  const df = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> f[i] });
  const dsc = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> sc[i] });
  var oh4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> oh[i] });
  var of4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> of[i] });
  @fmaxh(oh4, dh, dg); oh4 = @increment_dsd_offset(oh4, 4, f16);
  @fabsh(oh4, dg); oh4 = @increment_dsd_offset(oh4, 4, f16);
  const dxi = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> xi[i] });
  @xp162fh(oh4, dxi);
  // @fscales and @fnorms take a pointer destination and scalars only (the Builtins page).
  for (@range(u16, 4)) |i| {
    @fscales(&of[i], f[i], sc[i]);
    @fnorms(&of[4 + i], f[i]);
  }
  of4 = @increment_dsd_offset(of4, 8, f32);
  @fmovs(of4, 7.5);
  const du = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> u[i] });
  const dv = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> v[i] });
  const dou = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> ou[i] });
  @addc16(dou, du, dv);
  for (@range(u16, 24)) |i| { src24[i] = @as(f32, i); }
  // 3-D: cube[i,j,k] = src24[k*6 + j*2 + i]? use |i,j,k|{2,3,4} -> cube[i,j,k] from a permuted src
  const c3 = @get_dsd(mem4d_dsd, .{ .tensor_access = |i,j,k|{2,3,4} -> cube[i,j,k] });
  const s3 = @get_dsd(mem4d_dsd, .{ .tensor_access = |i,j,k|{2,3,4} -> src24[k*6 + j*2 + i] });
  @fmovs(c3, s3);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kMutators = memcpyTile("", R"(
const math = @import_module("<math>");
var a = [12]f32 { 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0 };
var b = [12]f32 { 100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 106.0, 107.0, 108.0, 109.0, 110.0, 111.0 };
var r = @zeros([40]f32);
var m = @zeros([3,4]f32);
var k: i16 = 3;
fn sq(x: f32) f32 { return x * x + 1.0; }
fn addmul(x: f32, y: f32) f32 { return x + 2.0 * y; }
fn main() void {
  var d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  var o = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[i] });
  // base addr switch to b, stride 3, length 3
  d = @set_dsd_base_addr(d, &b);
  d = @set_dsd_stride(d, 3);
  d = @set_dsd_length(d, 3);
  o = @set_dsd_length(o, 3);
  @fmovs(o, d);                       // r0..2 = b0,b3,b6
  // runtime length
  var n: u16 = @as(u16, k) + 1;       // 4
  var o2 = @set_dsd_length(@increment_dsd_offset(o, 4, f32), n);
  var d2 = @set_dsd_length(@set_dsd_stride(@set_dsd_base_addr(d, &a), 2), n);
  d2 = @increment_dsd_offset(d2, 1, f32);
  @fmovs(o2, d2);                     // r4..7 = a1,a3,a5,a7
  // @map with a user function (r8..11 = a^2+1 for a0..3)
  const a4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  const b4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> b[i] });
  const r8 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[8 + i] });
  const r12 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[12 + i] });
  @map(sq, a4, r8);
  @map(addmul, a4, b4, r12);          // a + 2b
  // @map with math fn
  const r16 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[16 + i] });
  @map(math.sqrt_f32, a4, r16);
  // mem4d: 3x4 matrix m[i,j] = a[i*4+j] transposed? write m via |i,j|{4,3} -> m[j,i] from a
  const mt = @get_dsd(mem4d_dsd, .{ .tensor_access = |i,j|{4,3} -> m[j,i] });
  const a12 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{12} -> a[i] });
  @fmovs(mt, a12);                    // m[j,i] = a[i*3+j]
  // a pointer destination accumulates: dot(a0..3, b0..3) into r[20]
  var acc: f32 = 0.0;
  var products = @zeros([4]f32);
  const p4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> products[i] });
  @fmuls(p4, a4, b4);
  @fadds(&acc, acc, p4);
  r[20] = acc;
  // negative stride via set_dsd_stride(-1) from a[11]
  var neg = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[11 - i] });
  const r24 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[24 + i] });
  @fmovs(r24, neg);                   // 11,10,9,8
  neg = @set_dsd_stride(neg, -2);
  const r28 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[28 + i] });
  @fmovs(r28, neg);                   // 11,9,7,5
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kDsr = memcpyTile("", R"(
var a = [8]f32 { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
var b = [4]f32 { 10.0, 20.0, 30.0, 40.0 };
var r = @zeros([16]f32);
const dd = @get_dsr(dsr_dest, 1);
const ds0 = @get_dsr(dsr_src0, 1);
const ds1 = @get_dsr(dsr_src1, 1);
fn main() void {
  const a4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  const b4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> b[i] });
  const r4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[i] });
  @load_to_dsr(dd, r4);
  @load_to_dsr(ds0, a4);
  @load_to_dsr(ds1, b4);
  @fadds(dd, ds0, ds1);                 // r0..3 = a0..3 + b
  @load_to_dsr(dd, r4, .{ .save_address = true });
  @load_to_dsr(ds0, a4, .{ .save_address = true });
  @fmovs(dd, ds0);                       // r0..3 = a0..3 (overwrites), advances both
  @fmuls(dd, ds0, ds1);                  // r4..7 = a4..7 * b
  @fmovs(dd, ds1);                       // r8..11 = b
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kMisc = memcpyTile("", R"(
const math = @import_module("<math>");
const tm = @import_module("<time>");
const prt = @import_module("<simprint>");
var rnd = @zeros([4]u16);
var mf = @zeros([16]f32);
var ts = @zeros([6]u16);
var a = [4]f32 { 1.0, 4.0, 9.0, 16.0 };
var r = @zeros([8]f32);
var xs = [5]u16 { 1, 2, 3, 4, 5 };
var pc = @zeros([12]u16);
var bits = [4]u16 { 0x00f0, 0x8000, 0x0001, 0 };
fn main() void {
  rnd[0] = @random16(); rnd[1] = @random16(); rnd[2] = @random16(); rnd[3] = @random16();
  mf[0] = math.sqrt_f32(2.0);
  mf[1] = math.exp_f32(1.0);
  mf[2] = math.log_f32(10.0);
  mf[3] = math.sin_f32(0.5);
  mf[4] = math.cos_f32(0.5);
  mf[5] = math.tanh_f32(0.5);
  mf[6] = math.abs_f32(-3.5);
  mf[7] = math.fmax_f32(2.0, 3.0);
  mf[8] = math.floor_f32(-2.5);
  mf[9] = math.ceil_f32(-2.5);
  mf[10] = math.pow_f32(2.0, 10.0);
  mf[11] = math.invsqrt_f32(4.0);
  tm.enable_tsc();
  tm.get_timestamp(@ptrcast(*[3]u16, &ts[0]));
  var q: u16 = 0;
  while (q < 10) : (q += 1) { r[7] += 1.0; }
  tm.get_timestamp(@ptrcast(*[3]u16, &ts[3]));
  const ab = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  const rb = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[i] });
  @map(math.sqrt_f32, ab, rb);
  const bb = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> bits[i] });
  var pd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> pc[i] });
  @popcnt(pd, bb); pd = @increment_dsd_offset(pd, 4, u16);
  @clz(pd, bb); pd = @increment_dsd_offset(pd, 4, u16);
  @ctz(pd, bb);
  prt.print_string("hello ");
  prt.print_u16_decimal(1234);
  prt.print_string(" ");
  prt.print_f32(2.5);
  prt.print_string("\n");
  prt.fmt("x={d} y={X} z={f}\n", .{ @as(u16, 7), @as(u32, 255), @as(f32, 0.5) });
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kScalar = memcpyTile("", R"(
var ri = @zeros([16]i32);
var ru = @zeros([16]u32);
var rf = @zeros([8]f32);
var rh = @zeros([4]f16);
var a: i32 = -7;
var b: i32 = 2;
var ua: u32 = 0xfffffff0;
var s16: i16 = -32768;
var u16v: u16 = 65535;
var fv: f32 = -2.75;
var hv: f16 = 0.1;
var hw: f16 = 0.2;
var u8v: u8 = 250;
var i8v: i8 = -128;
fn main() void {
  ri[0] = a / b;          // -3 (trunc)
  ri[1] = a % b;          // -1
  ri[2] = @as(i32, s16) - 1;
  ri[3] = a >> 1;         // -4 arithmetic
  ri[4] = @as(i32, fv);   // -2
  ri[5] = @as(i32, @as(i16, u16v)); // wrap? -1 
  ri[6] = @as(i32, s16 - 1);        // wrap i16 -> 32767
  ri[7] = @as(i32, i8v - 1);        // 127
  ri[8] = @as(i32, u8v + 10);       // 4
  ri[9] = a * b * 1000000;          // -14000000
  ru[0] = ua + 0x20;                // wrap 0x10
  ru[1] = ua >> 4;
  ru[2] = ua << 4;
  ru[3] = @as(u32, u16v) * @as(u32, u16v);
  ru[4] = @bitcast(u32, fv);
  ru[5] = @as(u32, @bitcast(u16, hv));
  ru[6] = @as(u32, u16v + 1);
  ru[7] = ~ua;
  ru[8] = @as(u32, @as(u16, 70000 - 65536 + @as(u32, 0)));
  rf[0] = @as(f32, a) / 3.0;
  rf[1] = @as(f32, hv);
  rf[2] = @as(f32, hv + hw);     // f16 add
  rf[3] = @as(f32, hv * hw);
  rf[4] = @as(f32, ua);
  rf[5] = fv * fv - 1.0;
  rh[0] = hv + hw;
  rh[1] = @as(f16, fv);
  rh[2] = @as(f16, 65520.0 * @as(f32, 1.0));
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kNegLiteral = memcpyTile("", R"(
var x: i16 = -32768;
const y = [2]i16 { -32768, 5 };
var z = [2]i16 { -32767 - 1, 5 };
fn main() void { sys_mod.unblock_cmd_stream(); }
)");

// PE 0 of a row: sends `values` (six f32 literals) on color c with one async fabout op
// whose completion task sets done = 1; `comptime` runs before the task is bound.
std::string asyncSender(const std::string& values, const std::string& comptime = "") {
    return memcpyTile(kColorParam, "\nvar a = [6]f32 { " + values + R"( };
var done: u16 = 0;
const oq = @get_output_queue(2);
const done_id = @get_local_task_id(10);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 6, .output_queue = oq });
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{6} -> a[i] });
task done_task() void { done = 1; }
fn main() void {
  @fmovs(out, src, .{ .async = true, .activate = done_task });
  sys_mod.unblock_cmd_stream();
}
)",
                      comptime + "  @bind_local_task(done_task, done_id);\n" +
                          wse3Queues({{"oq", "c"}}));
}

// PE 1 of a row: receives six f32 on color c into r with one async fabin op whose
// completion task sets done = 7 and adds 0.5 to each; `comptime` runs before the bind.
std::string asyncReceiver(const std::string& comptime = "") {
    return memcpyTile(kColorParam, R"(
var r = @zeros([6]f32);
var done: u16 = 0;
const iq = @get_input_queue(2);
const done_id = @get_local_task_id(11);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 6, .input_queue = iq });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{6} -> r[i] });
task done_task() void { done = 7; @fadds(dst, dst, 0.5); }
fn main() void {
  @fmovs(dst, in, .{ .async = true, .activate = done_task });
  sys_mod.unblock_cmd_stream();
}
)",
                      comptime + "  @bind_local_task(done_task, done_id);\n" +
                          wse3Queues({{"iq", "c"}}));
}

// WSE-2: PE 1 polls <tile_config>'s input_queue_status until its queue holds wavelets,
// then receives them. The queue is named only by the fabin DSD, with its color: it holds
// that color's wavelets before any receive binds it (the poll spun for ever before).
const std::string kPollingRecv = memcpyTile(kColorParam, R"(
const iqs = @import_module("<tile_config>").input_queue_status;
var r = @zeros([6]f32);
const iq = @get_input_queue(2);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 6, .input_queue = iq });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{6} -> r[i] });
fn main() void {
  while (iqs.is_empty(iqs.get(), iq)) {}
  @fmovs(dst, in);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kAsyncSend = asyncSender("1.0, 2.0, 3.0, 4.0, 5.0, 6.0");
const std::string kAsyncRecv = asyncReceiver();

// @map over fabric DSDs (SDK topic-10: "a mix of input DSDs of various kinds (mem1d_dsd and
// fabin_dsd)"): PE 0 maps a squaring callback from memory to a fabout DSD, PE 1 maps a
// callback from that fabin DSD and a memory DSD to memory. Fabric operands used to be
// walked as memory at address 0 (sends went nowhere, receives hung).
const std::string kMapSend = memcpyTile(kColorParam, R"(
var a = [6]f32 { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 6, .output_queue = oq });
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{6} -> a[i] });
fn square(x: f32) f32 { return x * x; }
fn main() void {
  @map(square, src, out);
  sys_mod.unblock_cmd_stream();
}
)",
                                        wse3Queues({{"oq", "c"}}));
const std::string kMapRecv = memcpyTile(kColorParam, R"(
var r = @zeros([6]f32);
var w = [6]f32 { 10.0, 20.0, 30.0, 40.0, 50.0, 60.0 };
const iq = @get_input_queue(2);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 6, .input_queue = iq });
const wd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{6} -> w[i] });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{6} -> r[i] });
fn plus(x: f32, y: f32) f32 { return x + y; }
fn main() void {
  @map(plus, in, wd, dst);
  sys_mod.unblock_cmd_stream();
}
)",
                                        wse3Queues({{"iq", "c"}}));

const std::string kUtRecv = memcpyTile(kColorParam, R"(
var r = @zeros([6]f32);
var done: u16 = 0;
const iq = @get_input_queue(2);
const ut = @get_ut_id(5);
const in3 = @get_dsd(fabin_dsd, .{ .extent = 3, .input_queue = iq });
task done_task() void { done += 1; }
fn main() void {
  const d1 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> r[i] });
  const d2 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> r[5 - i] });
  @fmovs(d1, in3, .{ .async = true, .ut_id = ut, .activate = done_task });
  @fmovs(d2, in3, .{ .async = true, .ut_id = ut, .activate = done_task });
  sys_mod.unblock_cmd_stream();
}
)",
                                       R"(  @bind_local_task(done_task, @get_local_task_id(11));
  @initialize_queue(iq, .{ .color = c });
)");

const std::string kIndexSend = memcpyTile(R"(param c: color;
const k: color = @get_color(6);
)",
                                          R"(
const ctrl = @import_module("<control>");
var a = [3]u16 { 0x1111, 0x2222, 0x3333 };
var cw = @zeros([2]u32);
const oq = @get_output_queue(2);
const oq2 = @get_output_queue(3);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 3, .output_queue = oq, .wavelet_index_offset = true });
const kout = @get_dsd(fabout_dsd, .{ .fabric_color = k, .extent = 2, .output_queue = oq2, .control = true });
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> a[i] });
const csrc = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> cw[i] });
fn main() void {
  cw[0] = ctrl.encode_control_task_payload_with_data(@get_control_task_id(40), 0xbeef);
  cw[1] = ctrl.encode_control_task_payload_with_data(@get_control_task_id(41), 0x0042);
  @mov16(out, src, .{ .async = true, .index = 5 });
  @mov32(kout, csrc, .{ .async = true });
  sys_mod.unblock_cmd_stream();
}
)",
                                          wse3Queues({{"oq", "c"}, {"oq2", "k"}}));

const std::string kIndexRecv = memcpyTile(R"(param c: color;
const k: color = @get_color(6);
)",
                                          R"(
var lo = @zeros([4]u16);
var hi = @zeros([4]u16);
var n: u16 = 0;
var cdata = @zeros([2]u16);
const iq = @get_input_queue(2);
const iqk = @get_input_queue(3);
task recv(l: u16, h: u16) void { lo[n] = l; hi[n] = h; n += 1; }
task ct40(d: u16) void { cdata[0] = d; }
task ct41(d: u16) void { cdata[1] = d; }
fn main() void { sys_mod.unblock_cmd_stream(); }
)",
                                          R"(  @bind_control_task(ct40, @get_control_task_id(40));
  @bind_control_task(ct41, @get_control_task_id(41));
  if (@is_arch("wse3")) {
    @initialize_queue(iq, .{ .color = c });
    @initialize_queue(iqk, .{ .color = k });
    @bind_data_task(recv, @get_data_task_id(iq));
    // The control-only channel starts blocked (the Task IDs page, "Control Tasks").
    @unblock(iqk);
  } else {
    @bind_data_task(recv, @get_data_task_id(c));
    @unblock(k);
  }
)");

const std::string kFifoSend =
    sender({.count = 20,
            .array = ": [20]f32",
            .move = "@fmovs(out, d, .{ .async = true })",
            .fill = "  for (@range(u16, 20)) |i| { a[i] = @as(f32, i) * 1.5; }\n",
            .queue = 1});

const std::string kFifoMid = memcpyTile(R"(param cin: color;
param cout: color;
)",
                                        R"(
var buf = @zeros([4]f32);
const fifo = @allocate_fifo(buf);
const iq = @get_input_queue(2);
const oq = @get_output_queue(3);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = cin, .extent = 20, .input_queue = iq });
const out = @get_dsd(fabout_dsd, .{ .fabric_color = cout, .extent = 20, .output_queue = oq });
fn main() void {
  @fmovs(fifo, in, .{ .async = true });
  @fadds(out, 100.0, fifo, .{ .async = true });
  sys_mod.unblock_cmd_stream();
}
)",
                                        wse3Queues({{"iq", "cin"}, {"oq", "cout"}}));

const std::string kFifoRecv = memcpyTile(kColorParam, R"(
var r = @zeros([20]f32);
const iq = @get_input_queue(4);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 20, .input_queue = iq });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{20} -> r[i] });
fn main() void {
  @fmovs(dst, in, .{ .async = true });
  sys_mod.unblock_cmd_stream();
}
)",
                                         wse3Queues({{"iq", "c"}}));

const std::string kSwitchSend = memcpyTile(kColorParam, R"(
const ctrl = @import_module("<control>");
var a = [6]u32 { 11, 12, 21, 22, 31, 32 };
var adv: u32 = 0;
const oq = @get_output_queue(2);
const out2 = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 2, .output_queue = oq });
const outc = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq, .control = true });
fn main() void {
  adv = ctrl.encode_single_payload(ctrl.opcode.SWITCH_ADV, true, {}, 0);
  var d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> a[i] });
  @mov32(out2, d);
  @mov32(outc, adv);
  d = @increment_dsd_offset(d, 2, u32);
  @mov32(out2, d);
  @mov32(outc, adv);
  d = @increment_dsd_offset(d, 2, u32);
  @mov32(out2, d);
  sys_mod.unblock_cmd_stream();
}
)",
                                           wse3Queues({{"oq", "c"}}));

const std::string kSwitchRecv = memcpyTile(kColorParam, R"(
var got = @zeros([8]u32);
var n: u16 = 0;
const iq = @get_input_queue(2);
task recv(v: u32) void { got[n] = v; n += 1; }
fn main() void { sys_mod.unblock_cmd_stream(); }
)",
                                           dataTask("recv", "iq", "c"));

const std::string kFilterSend =
    sender({.count = 8,
            .array = " = [8]u16 { 100, 101, 102, 103, 104, 105, 106, 107 }",
            // One wavelet per op, each stamped with its position by `.index`.
            .move = "var e = @set_dsd_length(d, 1);\n  const one = @set_dsd_length(out, 1);\n"
                    "  for (@range(u16, 8)) |i| {\n"
                    "    @mov16(one, e, .{ .index = i });\n"
                    "    e = @increment_dsd_offset(e, 1, u16);\n  }",
            .outFields = ", .wavelet_index_offset = true"});

const std::string kFilterRecv = memcpyTile(kColorParam, R"(
var got = @zeros([8]u16);
var idx = @zeros([8]u16);
var n: u16 = 0;
const iq = @get_input_queue(2);
task recv(v: u16, i: u16) void { got[n] = v; idx[n] = i; n += 1; }
fn main() void { sys_mod.unblock_cmd_stream(); }
)",
                                           dataTask("recv", "iq", "c"));

const std::string kMcSend =
    sender({.count = 5, .array = " = [5]f32 { 1.0, 2.0, 4.0, 8.0, 16.0 }", .queue = 0});

const std::string kMcRecv = memcpyTile(kColorParam, R"(
var sum: f32 = 0.0;
var n: u16 = 0;
var tmp = [2]f32 { 3.0, 4.0 };
var tmp2 = @zeros([4]f32);
const d = @allocate_fifo(tmp2);
const iq = @get_input_queue(3);
task recv(v: f32) void { sum = sum * 2.0 + v; n += 1; }
fn main() void {
  const s = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> tmp[i] });
  if (@is_arch("wse3")) {
    @fmovs(d, s, .{ .async = true, .unblock = recv });
  } else {
    @fmovs(d, s);
    @unblock(c);
  }
  sys_mod.unblock_cmd_stream();
}
)",
                                       dataTask("recv", "iq", "c", Blocked::Yes));

const std::string kCtlSend = memcpyTile(kColorParam, R"(
var a: [40]f32;
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 40, .output_queue = oq });
const outc = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq, .control = true });
fn main() void {
  for (@range(u16, 40)) |i| { a[i] = @as(f32, i) + 0.5; }
  const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{40} -> a[i] });
  @fmovs(out, d);
  @mov32(outc, @as(u32, 0));
  sys_mod.unblock_cmd_stream();
}
)",
                                        wse3Queues({{"oq", "c"}}));

const std::string kCtlRecv =
    memcpyTile(kColorParam, R"(
var r = @zeros([100]f32);
var done: u16 = 0;
var slow: f32 = 0.0;
const iq = @get_input_queue(2);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 100, .input_queue = iq });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{100} -> r[i] });
task fin() void { done = 5; }
fn main() void {
  // delay so the sender hits backpressure
  var k: u16 = 0;
  while (k < 200) : (k += 1) { slow += 1.0; }
  @fmovs(dst, in, .{ .async = true, .on_control = .{ .terminate = true }, .activate = fin });
  sys_mod.unblock_cmd_stream();
}
)",
               "  @bind_local_task(fin, @get_local_task_id(12));\n" + wse3Queues({{"iq", "c"}}));

// A control wavelet in the middle of a stream: '.on_control = .{ .activate = task }' (the
// task itself, resolved once the class's bindings are known) pops it, runs the task and
// goes on with the data behind it.
const std::string kCtlMidSend = memcpyTile(kColorParam, R"(
var a: [40]f32;
const oq = @get_output_queue(2);
const half = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 20, .output_queue = oq });
const outc = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq, .control = true });
fn main() void {
  for (@range(u16, 40)) |i| { a[i] = @as(f32, i) * 2.0; }
  @fmovs(half, @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{20} -> a[i] }));
  @mov32(outc, @as(u32, 0));
  sys_mod.unblock_cmd_stream();
}
)",
                                           wse3Queues({{"oq", "c"}}));

const std::string kCtlMidRecv = memcpyTile(kColorParam, R"(
var r = @zeros([40]f32);
var marks: u16 = 0;
var done: u16 = 0;
const iq = @get_input_queue(2);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 40, .input_queue = iq });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{40} -> r[i] });
task mark() void { marks += 1; }
task fin() void { done = 7; }
fn main() void {
  @fmovs(dst, in, .{ .async = true, .on_control = .{ .activate = mark }, .activate = fin });
  sys_mod.unblock_cmd_stream();
}
)",
                                           "  @bind_local_task(mark, @get_local_task_id(11));\n"
                                           "  @bind_local_task(fin, @get_local_task_id(12));\n" +
                                               wse3Queues({{"iq", "c"}}));

const std::string kTeardownLayout =
    sendRecvLayout(3, 1, kColor3,
                   kEastRoute + "  @set_color_config(2, 0, c, .{ .routes = .{ .rx = .{WEST}, "
                                ".tx = .{RAMP} } });\n");

const std::string kTeardownSend =
    memcpyTile(kColorParam, R"(
const tile = @import_module("<tile_config>");
const ctrl = @import_module("<control>");
var a = [5]u32 { 1, 2, 3, 40, 50 };
var tdw: u32 = 0;
const oq = @get_output_queue(2);
const out3 = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 3, .output_queue = oq });
const out2 = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 2, .output_queue = oq });
const outc = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq, .control = true });
fn main() void {
  tdw = ctrl.encode_single_payload(ctrl.opcode.TEARDOWN, true, {}, 0);
  const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> a[i] });
  @mov32(out3, d);
  @mov32(outc, tdw);
  const d2 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> a[3 + i] });
  @mov32(out2, d2);
  sys_mod.unblock_cmd_stream();
}
fn on_td() void { tile.teardown.exit(c); }
)",
               "  @set_teardown_handler(on_td, c);\n" + wse3Queues({{"oq", "c"}}));

const std::string kTeardownRecv =
    memcpyTile(kColorParam, R"(
const tile = @import_module("<tile_config>");
var sum: u32 = 0;
var td_count: u16 = 0;
const iq = @get_input_queue(2);
task recv(v: u32) void { sum += v; }
// Teardown: from now on this PE forwards the color to its east neighbour.
fn on_td() void {
  td_count += 1;
  tile.color_config.reset_routes(c, .{ .rx = WEST, .tx = EAST });
  tile.teardown.exit(c);
}
fn main() void { sys_mod.unblock_cmd_stream(); }
)",
               "  @set_teardown_handler(on_td, c);\n" + dataTask("recv", "iq", "c"));

// Color c has no configuration in the layout: each PE's main() gives it its route at run
// time with <tile_config>'s reset_routes, as the router's registers exist for every color
// (a fault named the color; third-party WaferLLM kernels set their reduce colors up so).
const std::string kRuntimeRouteSend = memcpyTile(kColorParam, R"(
const tile = @import_module("<tile_config>");
var a = [3]u32 { 7, 8, 9 };
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 3, .output_queue = oq });
fn main() void {
  tile.color_config.reset_routes(c, .{ .rx = RAMP, .tx = EAST });
  @mov32(out, @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> a[i] }));
  sys_mod.unblock_cmd_stream();
}
)",
                                                 wse3Queues({{"oq", "c"}}));

const std::string kRuntimeRouteRecv = memcpyTile(kColorParam, R"(
const tile = @import_module("<tile_config>");
var sum: u32 = 0;
const iq = @get_input_queue(2);
task recv(v: u32) void { sum += v; }
fn main() void {
  tile.color_config.reset_routes(c, .{ .rx = WEST, .tx = RAMP });
  sys_mod.unblock_cmd_stream();
}
)",
                                                 dataTask("recv", "iq", "c"));

const std::string kSwitchResetLayout = sendRecvLayout(
    3, 2, "const c: color = @get_color(8);\n",
    R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} },
                                .switches = .{ .pos1 = .{ .tx = EAST }, .pos2 = .{ .tx = SOUTH } } });
  @set_color_config(2, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @set_color_config(1, 1, c, .{ .routes = .{ .rx = .{NORTH}, .tx = .{RAMP} } });
)");

const std::string kSwitchResetSend = controlSender(R"(
  const adv = ctrl.encode_single_payload(ctrl.opcode.SWITCH_ADV, true, {}, 0);
  const rst = ctrl.encode_single_payload(ctrl.opcode.SWITCH_RST, true, {}, 0);
  @mov32(out, @as(u32, 1));
  @mov32(outc, adv);
  @mov32(out, @as(u32, 2));
  @mov32(outc, adv);
  @mov32(out, @as(u32, 3));
  @mov32(outc, adv);
  @mov32(out, @as(u32, 4));
  @mov32(outc, rst);
  @mov32(out, @as(u32, 5));
)");

const std::string kPopLayout = sendRecvLayout(
    4, 1, "const c: color = @get_color(12);\n",
    R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{EAST} },
                                .switches = .{ .pos1 = .{ .tx = RAMP }, .pop_mode = .{ .always_pop = true } } });
  @set_color_config(2, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} },
                                .switches = .{ .pos1 = .{ .tx = EAST } } });
  @set_color_config(3, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
)");

const std::string kPopSend = controlSender(R"(
  const x = ctrl.encode_payload(2, .{ ctrl.opcode.SWITCH_ADV, ctrl.opcode.NOP }, .{ true, true }, true, {});
  @mov32(out, @as(u32, 1));
  @mov32(outc, x);
  @mov32(out, @as(u32, 2));
  @mov32(outc, ctrl.encode_single_payload(ctrl.opcode.SWITCH_RST, true, {}, 0));
  @mov32(out, @as(u32, 3));
)");

const std::string kDebugTrace = memcpyTile("", R"(
const trace = @import_module("<debug>", .{ .key = "tk", .buffer_size = 32 });
const tm = @import_module("<time>");
var t0 = @zeros([3]u16);
var t1 = @zeros([3]u16);
fn main() void {
  trace.trace_u16(0x1234);
  trace.trace_i8(-2);
  trace.trace_f32(1.5);
  trace.trace_bool(true);
  trace.trace_string("ab");
  tm.enable_tsc();
  tm.reset_tsc_counter();
  tm.get_timestamp(&t0);
  tm.get_timestamp(&t1);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kArgsSend = sender({.count = 3,
                                      .array = " = [3]u32 { 0xfffe8001, 0x40003c00, 0xbf800000 }",
                                      .move = "@mov32(out, d)"});

const std::string kArgsRecv = memcpyTile(kColorParam, R"(
var ri = @zeros([4]i32);
var rf = @zeros([4]f32);
var n: u16 = 0;
const iq = @get_input_queue(2);
task recv(a: i16, b: i16) void {
  if (n == 0) { ri[0] = @as(i32, a); ri[1] = @as(i32, b); }
  if (n == 1) { rf[0] = @as(f32, @bitcast(f16, a)); rf[1] = @as(f32, @bitcast(f16, b)); }
  if (n == 2) { ri[2] = @as(i32, a); ri[3] = @as(i32, b); }
  n += 1;
}
fn main() void { sys_mod.unblock_cmd_stream(); }
)",
                                         dataTask("recv", "iq", "c"));

const std::string kOps3 = memcpyTile("", R"(
var a = [12]f32 { 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0 };
var r = @zeros([24]f32);
var mat = @zeros([3,4]f32);
var x: f32 = 2.5;
var hh = @zeros([8]f16);
fn lerp(p: f32, q: f32, t: f32) f32 { return p + (q - p) * t; }
fn main() void {
  const d4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  var o = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[i] });
  @fsubs(o, 10.0, d4);  o = @increment_dsd_offset(o, 4, f32);     // r0..3 = 10 - a
  @fmuls(o, &x, d4);    o = @increment_dsd_offset(o, 4, f32);     // r4..7 = 2.5 a
  const bd = @get_dsd(mem1d_dsd, .{ .base_address = &a, .extent = 4, .stride = 2, .offset = 1 });
  @fmovs(o, bd);        o = @increment_dsd_offset(o, 4, f32);     // r8..11 = 1,3,5,7
  const b2 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[4 + i] });
  const o4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> r[12 + i] });
  @map(lerp, d4, b2, 0.25, o4);                                     // r12..15 = a + (a4-a)*.25 = a+1
  // mem4d with offset: row 1 of mat from a[0..4], using increment_dsd_offset on a mem4d
  var m2 = @get_dsd(mem4d_dsd, .{ .tensor_access = |i,j|{1,4} -> mat[i, j] });
  m2 = @increment_dsd_offset(m2, 4, f32);
  @fmovs(m2, d4);
  // f32 -> f16 with a strided destination
  const hs = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> hh[2*i + 1] });
  @fs2h(hs, d4);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kNarrowMemory = memcpyTile("", R"(
var b = [5]u8 { 250, 1, 2, 3, 255 };
var s = [3]i8 { -128, 127, -1 };
var flags = [3]bool { true, false, true };
var big: u64 = 0xffffffff;
var sbig: i64 = -5;
const P = struct { x: u8, y: u16, z: f32 };
var ps = [2]P { .{ .x = 1, .y = 2, .z = 3.0 }, .{ .x = 4, .y = 5, .z = 6.0 } };
var out = @zeros([12]u32);
fn main() void {
  b[1] = b[0] + b[4];            // wraps: 249
  s[2] = s[0] - 1;                // wraps: 127
  flags[1] = flags[0] and flags[2];
  big = big * 3 + 7;             // 0x2fffffffa + ... = 3*0xffffffff+7 = 0x300000004
  sbig = sbig * 1000000000;      // -5e9
  ps[1].x += ps[0].x;
  ps[0].z = ps[1].z * 2.0;
  out[0] = @as(u32, b[1]);
  out[1] = @as(u32, b[2]) + @as(u32, b[3]);
  out[2] = @bitcast(u32, @as(i32, s[2]));
  out[3] = if (flags[1]) 1 else 0;
  out[4] = @as(u32, big >> 32);
  out[5] = @as(u32, big & 0xffffffff);
  out[6] = @as(u32, @bitcast(u64, sbig) >> 32);
  out[7] = @as(u32, @bitcast(u64, sbig) & 0xffffffff);
  out[8] = @as(u32, ps[1].x);
  out[9] = @bitcast(u32, ps[0].z);
  out[10] = @as(u32, ps[1].y);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kTaskChain = memcpyTile("", R"(
var order = @zeros([8]u16);
var n: u16 = 0;
const t1 = @get_local_task_id(9);
const t2 = @get_local_task_id(10);
const t3 = @get_local_task_id(11);
task a() void { order[n] = 1; n += 1; @activate(t2); @activate(t3); }
task b() void { order[n] = 2; n += 1; if (n < 6) { @activate(t1); } }
task cc() void { order[n] = 3; n += 1; @unblock(t3); }
fn main() void {
  @activate(t1);
  sys_mod.unblock_cmd_stream();
}
)",
                                          R"(  @bind_local_task(a, t1);
  @bind_local_task(b, t2);
  @bind_local_task(cc, t3);
  @block(t3);
)");

const std::string kDfiltSend = memcpyTile(kColorParam, R"(
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq });
const outc = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq, .control = true });
fn main() void {
  @mov32(out, @as(u32, 1));
  @mov32(out, @as(u32, 2));
  @mov32(outc, @as(u32, 0));
  @mov32(out, @as(u32, 3));
  @mov32(out, @as(u32, 4));
  sys_mod.unblock_cmd_stream();
}
)",
                                          wse3Queues({{"oq", "c"}}));

const std::string kDfiltRecv = memcpyTile(kColorParam, R"(
var r = @zeros([4]u32);
const iq = @get_input_queue(2);
const in1 = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 1, .input_queue = iq });
const in2 = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 2, .input_queue = iq });
fn main() void {
  @dfilt(in1, .{ .async = true });
  const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> r[i] });
  @mov32(dst, in2);
  sys_mod.unblock_cmd_stream();
}
)",
                                          wse3Queues({{"iq", "c"}}));

const std::string kMapTypes = memcpyTile("", R"(
var h = [4]f16 { 0.5, 1.5, -2.0, 4.0 };
var u = [4]u16 { 1, 2, 3, 65535 };
var s = [4]i16 { -1, -2, 3, 4 };
var of = @zeros([4]f32);
var ou = @zeros([4]u32);
var oh = @zeros([4]f16);
var acc: f32 = 0.0;
fn widen(x: f16, k: u16) f32 { return @as(f32, x) * @as(f32, k); }
fn mix(a: u16, b: i16) u32 { return @as(u32, a) * 2 + @bitcast(u32, @as(i32, b)); }
fn half(x: f16) f16 { return x * 0.5; }
fn main() void {
  const dh = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> h[i] });
  const du = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> u[i] });
  const ds = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> s[i] });
  const dof = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> of[i] });
  const dou = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> ou[i] });
  const doh = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> oh[i] });
  @map(widen, dh, du, dof);
  @map(mix, du, ds, dou);
  @map(half, dh, doh);
  sys_mod.unblock_cmd_stream();
}
)");

const char* kHaloLayout = R"(
param width: u16 = 6;
const memcpy = @import_module("<memcpy/get_params>", .{ .width = width, .height = 1 });
layout {
  @set_rectangle(width, 1);
  for (@range(u16, width)) |x| {
    const even = x % 2 == 0;
    const send_e: color = if (even) @get_color(0) else @get_color(1);
    const recv_w: color = if (even) @get_color(1) else @get_color(0);   // from the west neighbour
    const send_w: color = if (even) @get_color(2) else @get_color(3);
    const recv_e: color = if (even) @get_color(3) else @get_color(2);   // from the east neighbour
    @set_tile_code(x, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(x),
        .send_e = send_e, .recv_w = recv_w, .send_w = send_w, .recv_e = recv_e,
        .has_w = x > 0, .has_e = x < width - 1, .me = x });
    if (x < width - 1) {
      @set_color_config(x, 0, send_e, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
      @set_color_config(x, 0, recv_e, .{ .routes = .{ .rx = .{EAST}, .tx = .{RAMP} } });
    }
    if (x > 0) {
      @set_color_config(x, 0, send_w, .{ .routes = .{ .rx = .{RAMP}, .tx = .{WEST} } });
      @set_color_config(x, 0, recv_w, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
    }
  }
  @export_name("main", fn()void);
}
)";

const std::string kHaloPe = memcpyTile(R"(param send_e: color;
param recv_w: color;
param send_w: color;
param recv_e: color;
param has_w: bool;
param has_e: bool;
param me: u16;
)",
                                       R"(
var v: f32 = 0.0;
var result: f32 = 0.0;
var got: u16 = 0;
const expected: u16 = (if (has_w) 1 else 0) + (if (has_e) 1 else 0);
const oq_e = @get_output_queue(2);
const oq_w = @get_output_queue(3);
const iq_w = @get_input_queue(2);
const iq_e = @get_input_queue(3);
const out_e = @get_dsd(fabout_dsd, .{ .fabric_color = send_e, .extent = 1, .output_queue = oq_e });
const out_w = @get_dsd(fabout_dsd, .{ .fabric_color = send_w, .extent = 1, .output_queue = oq_w });
task from_w(x: f32) void { result += x; got += 1; }
task from_e(x: f32) void { result += 10.0 * x; got += 1; }
fn main() void {
  v = @as(f32, me) + 1.0;
  if (has_e) @fmovs(out_e, v, .{ .async = true });
  if (has_w) @fmovs(out_w, v, .{ .async = true });
  sys_mod.unblock_cmd_stream();
}
)",
                                       R"(  if (@is_arch("wse3")) {
    if (has_e) { @initialize_queue(oq_e, .{ .color = send_e }); @initialize_queue(iq_e, .{ .color = recv_e }); @bind_data_task(from_e, @get_data_task_id(iq_e)); }
    if (has_w) { @initialize_queue(oq_w, .{ .color = send_w }); @initialize_queue(iq_w, .{ .color = recv_w }); @bind_data_task(from_w, @get_data_task_id(iq_w)); }
  } else {
    if (has_e) @bind_data_task(from_e, @get_data_task_id(recv_e));
    if (has_w) @bind_data_task(from_w, @get_data_task_id(recv_w));
  }
)");

const char* kTwoInLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 3, .height = 1 });
const c: color = @get_color(3);
const d: color = @get_color(4);
layout {
  @set_rectangle(3, 1);
  @set_tile_code(0, 0, "send.csl", .{ .memcpy_params = memcpy.get_params(0), .c = c, .base = 1.0 });
  @set_tile_code(2, 0, "send.csl", .{ .memcpy_params = memcpy.get_params(2), .c = d, .base = 100.0 });
  @set_tile_code(1, 0, "recv.csl", .{ .memcpy_params = memcpy.get_params(1), .c = c, .d = d });
  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(2, 0, d, .{ .routes = .{ .rx = .{RAMP}, .tx = .{WEST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} }, .switches = .{ .current_switch_pos = 0 } });
  @set_color_config(1, 0, d, .{ .routes = .{ .rx = .{EAST}, .tx = .{RAMP} } });
  @export_name("main", fn()void);
}
)";

const std::string kTwoInSend =
    sender({.count = 5,
            .array = " = @zeros([5]f32)",
            .move = "@fmovs(out, d, .{ .async = true })",
            .fill = "  for (@range(u16, 5)) |i| { a[i] = base * @as(f32, i + 1); }\n",
            .decls = "param c: color;\nparam base: f32;\n"});

const std::string kTwoInRecv = memcpyTile(R"(param c: color;
param d: color;
)",
                                          R"(
var r = @zeros([5]f32);
var m = @zeros([5]f32);
const iq1 = @get_input_queue(2);
const iq2 = @get_input_queue(3);
const in1 = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 5, .input_queue = iq1 });
const in2 = @get_dsd(fabin_dsd, .{ .fabric_color = d, .extent = 5, .input_queue = iq2 });
fn main() void {
  const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{5} -> r[i] });
  @fmuls(dst, in1, in2);             // r = in1 * in2
  sys_mod.unblock_cmd_stream();
}
)",
                                          wse3Queues({{"iq1", "c"}, {"iq2", "d"}}));

const std::string kMathEdges = memcpyTile("", R"(
const math = @import_module("<math>");
var o = @zeros([7]f32);
var t = @zeros([2]f32);
fn main() void {
  o[0] = @as(f32, math.sqrt_f16(@as(f16, 2.0)));
  o[1] = @as(f32, math.exp_f16(@as(f16, 1.0)));
  o[2] = math.sqrt_f32(-1.0);
  o[3] = math.sqrt_f32(math.POSITIVE_INF_f32);
  o[4] = math.sqrt_f32(0.0);
  o[5] = math.log_f32(0.0);
  o[6] = math.exp_f32(100.0);
  t[0] = math.sqrt_f32(1.0e-40);
  t[1] = math.sqrt_f32(3.0e38);
  sys_mod.unblock_cmd_stream();
}
)");

const std::string kFifoDrainSend = asyncSender("1.0, 2.0, 4.0, 8.0, 16.0, 32.0");

const std::string kFifoDrainRecv = memcpyTile(kColorParam, R"(
var buf = @zeros([4]f32);
var acc: f32 = 0.0;
var runs: u16 = 0;
var done: u16 = 0;
const consume_id = @get_local_task_id(12);
const fifo = @allocate_fifo(buf, .{ .activate_push = consume_id });
const iq = @get_input_queue(2);
const in = @get_dsd(fabin_dsd, .{ .fabric_color = c, .extent = 6, .input_queue = iq });
task consume() void {
  runs += 1;
  @fadds(&acc, &acc, fifo);   // pops what the FIFO holds, ends early when it is empty
}
task fin() void { done = 1; }
fn main() void {
  @fmovs(fifo, in, .{ .async = true, .activate = fin });
  // Its first pop finds the FIFO empty; that empty event makes the next push activate it.
  @activate(consume_id);
  sys_mod.unblock_cmd_stream();
}
)",
                                              R"(  @bind_local_task(consume, consume_id);
  @bind_local_task(fin, @get_local_task_id(13));
)" + wse3Queues({{"iq", "c"}}));

const std::string kHalfOps = memcpyTile("", R"(
var a = [4]f16 { 3.0, -0.375, 1000.0, 0.0 };
var k = [4]i16 { 1, -2, 3, 5 };
var o = @zeros([12]f16);
fn main() void {
  const da = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  const dk = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> k[i] });
  var d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> o[i] });
  @fmovh(d, da); d = @increment_dsd_offset(d, 4, f16);
  for (@range(u16, 4)) |i| { @fscaleh(&o[4 + i], a[i], k[i]); }
  d = @increment_dsd_offset(d, 4, f16);
  @faddh(d, da, @as(f16, 0.5));
  sys_mod.unblock_cmd_stream();
}
)");

// Two async ops filling FIFOs on microthreads `utA` and `utB` (ut_id expressions after
// `prelude`). An async op needs a fabric or FIFO operand on both architectures (the DSDs page).
std::string utMemory(const std::string& prelude, const std::string& utA, const std::string& utB) {
    return memcpyTile(
        "",
        R"(
var a = [4]f32 { 1.0, 2.0, 3.0, 4.0 };
var b = @zeros([8]f32);
var c = @zeros([8]f32);
const fb = @allocate_fifo(b);
const fc = @allocate_fifo(c);
var order = @zeros([4]u16);
var n: u16 = 0;
task t1() void { order[n] = 1; n += 1; }
task t2() void { order[n] = 2; n += 1; }
fn main() void {
  const da = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
)" + prelude +
            "  @fmuls(fb, da, 2.0, .{ .async = true, .ut_id = " + utA +
            ", .activate = t1 });\n  @fadds(fc, da, 10.0, .{ .async = true, .ut_id = " + utB +
            R"(, .activate = t2 });
  sys_mod.unblock_cmd_stream();
}
)",
        R"(  @bind_local_task(t1, @get_local_task_id(10));
  @bind_local_task(t2, @get_local_task_id(11));
)");
}

// WSE-3 @block of a ut_id pauses that microthread's op, and names no task: the op issued on
// blocked microthread 3 has not run when main reads its result, and runs after @unblock
// (it ran at issue, and @block blocked task id 3, before session 12).
const std::string kBlockedMicrothread =
    memcpyTile("", R"(
var a = [4]u32 { 1, 2, 3, 4 };
var b = @zeros([8]u32);
const fb = @allocate_fifo(b);
var seen = @zeros([2]u32);
task done() void { seen[1] = b[3]; }
fn main() void {
  const da = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });
  @mov32(fb, da, .{ .async = true, .ut_id = @get_ut_id(3), .activate = done });
  seen[0] = b[3];
  @unblock(@get_ut_id(3));
  sys_mod.unblock_cmd_stream();
}
)",
               R"(  @bind_local_task(done, @get_local_task_id(12));
  @block(@get_ut_id(3));
)");

// The routes of the row's color c set from tile code instead of the layout.
const std::string kLocalConfigSend = asyncSender(
    "1.0, 2.0, 3.0, 4.0, 5.0, 6.0",
    "  @set_local_color_config(c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });\n");
const std::string kLocalConfigRecv = asyncReceiver(
    "  @set_local_color_config(c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });\n");

// No routes in the layout: the tile code sets them.
const std::string kLocalConfigLayout = sendRecvLayout(2, 1, kColor3, "");

// The 3-PE FIFO pipeline: PE 0 streams 20 values, PE 1 pushes them into a 4-entry FIFO with
// one async op and pops them out with another (+100), PE 2 stores them.
std::map<std::string, std::string> fifoPipeline() {
    const char* layout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 3, .height = 1 });
const c1: color = @get_color(1);
const c2: color = @get_color(2);
layout {
  @set_rectangle(3, 1);
  @set_tile_code(0, 0, "send.csl", .{ .memcpy_params = memcpy.get_params(0), .c = c1 });
  @set_tile_code(1, 0, "mid.csl", .{ .memcpy_params = memcpy.get_params(1), .cin = c1, .cout = c2 });
  @set_tile_code(2, 0, "recv.csl", .{ .memcpy_params = memcpy.get_params(2), .c = c2 });
  @set_color_config(0, 0, c1, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c1, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @set_color_config(1, 0, c2, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(2, 0, c2, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @export_name("main", fn()void);
}
)";
    return {{"layout.csl", layout},
            {"send.csl", kFifoSend},
            {"mid.csl", kFifoMid},
            {"recv.csl", kFifoRecv}};
}

// 2x2: PE(0,0) multicasts EAST and SOUTH; PE(1,0) delivers to its CE and forwards SOUTH.
std::map<std::string, std::string> multicastSquare() {
    return {
        {"layout.csl",
         sendRecvLayout(
             2, 2, "const c: color = @get_color(9);\n",
             R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST, SOUTH} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP, SOUTH} } });
  @set_color_config(0, 1, c, .{ .routes = .{ .rx = .{NORTH}, .tx = .{RAMP} } });
  @set_color_config(1, 1, c, .{ .routes = .{ .rx = .{NORTH}, .tx = .{RAMP} } });
)")},
        {"send.csl", kMcSend},
        {"recv.csl", kMcRecv}};
}

std::vector<MachineProgram> programs() {
    std::vector<MachineProgram> t;
    {
        // @fadds @fsubs @fmuls (scalar) @fmacs @fnegs @fmaxs @fabss, a stride-2 source and
        // a reversed source (negative stride).
        const float a[8] = {1.5f, -2.0f, 3.25f, 4.0f, -5.5f, 6.0f, 7.75f, -8.0f};
        const float b[8] = {0.5f, 0.25f, -1.0f, 2.0f, 3.0f, -4.0f, 0.125f, 10.0f};
        std::vector<float> r;
        for (int i = 0; i < 8; ++i)
            r.push_back(a[i] + b[i]);
        for (int i = 0; i < 8; ++i)
            r.push_back(a[i] - b[i]);
        for (int i = 0; i < 8; ++i)
            r.push_back(a[i] * 3.0f);
        for (int i = 0; i < 8; ++i)
            r.push_back(a[i] + b[i] * 2.0f);
        for (int i = 0; i < 8; ++i)
            r.push_back(-a[i]);
        for (int i = 0; i < 8; ++i)
            r.push_back(std::max(a[i], b[i]));
        for (int i = 0; i < 8; ++i)
            r.push_back(std::fabs(a[i]));
        for (int i = 0; i < 4; ++i)
            r.push_back(a[2 * i]);
        for (int i = 0; i < 4; ++i)
            r.push_back(b[7 - i]);
        t.push_back({"f32 ops", onePe(kF32Ops), true, true, {f32At(0, 0, "r", r)}});
    }
    {
        // f16, mixed f16/f32 and conversions. f16 bit patterns from Python's struct 'e'.
        const float af[4] = {1, 2, 3, 4}, ah[4] = {1.5f, -2, 3.25f, 1000},
                    bh[4] = {0.5f, 0.25f, -1, 2};
        std::vector<float> f;
        for (float x : ah)
            f.push_back(x); // fh2s
        for (int i = 0; i < 4; ++i)
            f.push_back(af[i] + bh[i]); // faddhs
        for (int i = 0; i < 4; ++i)
            f.push_back(af[i] + ah[i] * 0.5f); // fmachs
        for (float x : {-3.0f, 7.0f, 100.0f, -32768.0f})
            f.push_back(x); // xp162fs
        t.push_back(
            {"f16 and mixed ops",
             onePe(kF16Ops),
             true,
             true,
             {u16At(0, 0, "h", {0x4000, 0xbf00, 0x4080, 0x63d4, 0x3c00, 0xc080, 0x4440, 0x63cc,
                                0x3a00, 0xb800, 0xc280, 0x67d0, 0x4200, 0xbd00, 0x3400, 0x63dc,
                                0xbe00, 0x4000, 0xc280, 0xe3d0, 0x3c00, 0x4000, 0x4200, 0x4400}),
              f32At(0, 0, "f", f),
              // fs2xp16 of 1..4; fh2xp16 rounds 1.5 to even 2 and 3.25 to 3
              u16At(0, 0, "xo", {1, 2, 3, 4, 2, -2, 3, 1000})}});
    }
    {
        const uint16_t a[4] = {1, 0xffff, 0x8000, 12345}, b[4] = {2, 2, 0x8000, 54321};
        const int16_t ai[4] = {-5, 100, -32768, 7};
        std::vector<int> r;
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] + b[i]);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] - b[i]);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] & b[i]);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] | b[i]);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] ^ b[i]);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] << 3);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] >> 3);
        for (int i = 0; i < 4; ++i)
            r.push_back(ai[i] >> 2);
        for (int i = 0; i < 4; ++i)
            r.push_back(77);
        for (int i = 0; i < 4; ++i)
            r.push_back(a[i] + 10);
        t.push_back({"integer ops",
                     onePe(kIntOps),
                     true,
                     true,
                     {u16At(0, 0, "r", r),
                      u32At(0, 0, "r32", {0x12345678, 2, 1, 0xdeadbeef})}}); // w reversed
    }
    {
        const uint16_t u[4] = {0xffff, 1, 0x8000, 0x7fff}, v[4] = {1, 0, 0x8000, 1};
        std::vector<int> carry;
        uint32_t c = 0;
        for (int i = 0; i < 4; ++i) { // carry chained from element to element
            const uint32_t s = uint32_t(u[i]) + v[i] + c;
            carry.push_back(int(s & 0xffff));
            c = s >> 16;
        }
        std::vector<float> cube(24);
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 4; ++k)
                    cube[size_t(i * 12 + j * 4 + k)] = float(k * 6 + j * 2 + i);
        t.push_back(
            {"fmaxh fabsh xp162fh fscales fnorms addc16 mem4d",
             onePe(kOps2),
             true,
             true,
             {u16At(0, 0, "oh",
                    {0x4000, 0xc000, 0x0000, 0x4600,   // fmaxh
                     0x4000, 0x4200, 0x3c00, 0x4500,   // fabsh
                     0xc200, 0x4700, 0x5640, 0xf800}), // xp162fh
              f32At(0, 0, "of",
                    {3, -96, 0.375f, 8000, 1.5f, -1.5f, 1.5f, 1.953125f, 7.5f, 7.5f, 7.5f, 7.5f}),
              u16At(0, 0, "ou", carry), f32At(0, 0, "cube", cube)}});
    }
    {
        std::vector<float> m(12);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 3; ++j)
                m[size_t(j * 4 + i)] = float(i * 3 + j);
        // <math>.sqrt_f32 (Newton steps in f32) may be 1 ulp from the correctly rounded
        // root (sqrt(3) is), hence the tolerance; every other element is exact.
        Expect r = f32At(0, 0, "r",
                         {100,
                          103,
                          106,
                          0,
                          1,
                          3,
                          5,
                          7,
                          1,
                          2,
                          5,
                          10,
                          200,
                          203,
                          206,
                          209,
                          0,
                          1,
                          std::sqrt(2.0f),
                          std::sqrt(3.0f),
                          0 * 100 + 1 * 101 + 2 * 102 + 3 * 103,
                          0,
                          0,
                          0,
                          11,
                          10,
                          9,
                          8,
                          11,
                          9,
                          7,
                          5});
        r.relTol = 2e-7;
        t.push_back({"DSD mutators, @map, mem4d transpose, negative stride",
                     onePe(kMutators),
                     true,
                     true,
                     {r, f32At(0, 0, "m", m)}});
    }
    t.push_back({"DSRs with save_address",
                 onePe(kDsr),
                 true,
                 true,
                 {f32At(0, 0, "r", {1, 2, 3, 4, 50, 120, 210, 320, 10, 20, 30, 40, 0})}});
    {
        MachineProgram p{"popcnt clz ctz, <math>, @map over <math>, <simprint>",
                         onePe(kMisc),
                         true,
                         true,
                         {u16At(0, 0, "pc", {4, 1, 1, 0, 8, 0, 15, 16, 4, 15, 0, 16}),
                          f32At(0, 0, "r", {1, 2, 3, 4, 0, 0, 0, 10})}};
        Expect m = f32At(0, 0, "mf",
                         {std::sqrt(2.0f), std::exp(1.0f), std::log(10.0f), std::sin(0.5f),
                          std::cos(0.5f), std::tanh(0.5f), 3.5f, 3, -3, -2, 1024, 0.5f});
        m.relTol = 1e-6;
        p.expect.push_back(m);
        // @random16: the documented 23-bit LFSR x^23 + x^18 + 1 seeded with 0xdeadbeef, 128
        // steps per draw; these are the low 16 bits of a Python model shifting left with
        // feedback bit22 ^ bit17.
        p.expect.push_back(u16At(0, 0, "rnd", {0xc532, 0x39a4, 0x1c26, 0x3721}));
        p.simprint = {"hello 1234 2.5", "x=7 y=000000FF z=0.5"};
        t.push_back(p);
    }
    t.push_back(
        {"scalar integer and float arithmetic",
         onePe(kScalar),
         true,
         true,
         {u32At(0, 0, "ri",
                {uint32_t(-3), uint32_t(-1), uint32_t(-32769), uint32_t(-4), uint32_t(-2),
                 uint32_t(-1), 32767, 127, 4, uint32_t(-14000000)}),
          u32At(0, 0, "ru",
                {0x10, 0x0fffffff, 0xffffff00, 0xfffe0001, 0xc0300000, 0x2e66, 0, 0xf, 0x1170}),
          // f16: 0.1 = 0.0999755859375, 0.1 + 0.2 = 0.2998046875 (a tie, to even), product
          // 0.019989013671875
          f32At(0, 0, "rf",
                {-7.0f / 3.0f, 0.0999755859375f, 0.2998046875f, 0.019989013671875f, 4294967296.0f,
                 6.5625f}),
          u16At(0, 0, "rh", {0x34cc, 0xc180, 0x7c00})}});
    t.push_back({"minimum signed literal",
                 onePe(kNegLiteral),
                 true,
                 true,
                 {u16At(0, 0, "x", {-32768}), u16At(0, 0, "z", {-32768, 5})}});
    t.push_back({"async fabout/fabin with .activate",
                 eastPair(kAsyncSend, kAsyncRecv),
                 true,
                 true,
                 {u16At(0, 0, "done", {1}), u16At(1, 0, "done", {7}),
                  f32At(1, 0, "r", {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f})}});
    t.push_back({"@map from memory to a fabout DSD and from a fabin DSD to memory",
                 eastPair(kMapSend, kMapRecv),
                 true,
                 true,
                 {f32At(1, 0, "r", {11, 24, 39, 56, 75, 96})}});
    t.push_back({"WSE-2 queue status of a fabin DSD's queue before its first receive",
                 eastPair(kAsyncSend, kPollingRecv),
                 true,
                 false,
                 {f32At(1, 0, "r", {1, 2, 3, 4, 5, 6})}});
    t.push_back({"WSE-3 microthread ut_id shared by two async ops",
                 eastPair(kAsyncSend, kUtRecv),
                 false,
                 true,
                 {f32At(1, 0, "r", {1, 2, 3, 6, 5, 4})}});
    t.push_back(
        {"16-bit wavelet index, data task (lo, hi), control tasks, multicast",
         row(3, "const c: color = @get_color(4);\nconst k: color = @get_color(6);\n",
             R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP, EAST} } });
  @set_color_config(2, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @set_color_config(0, 0, k, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, k, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
)",
             kIndexSend, kIndexRecv),
         true,
         true,
         {u16At(1, 0, "lo", {0x1111, 0x2222, 0x3333, 0}),
          u16At(2, 0, "lo", {0x1111, 0x2222, 0x3333, 0}), u16At(1, 0, "hi", {5, 5, 5, 0}),
          u16At(2, 0, "hi", {5, 5, 5, 0}), u16At(1, 0, "cdata", {0xbeef, 0x42}),
          u16At(2, 0, "cdata", {0, 0})}});
    {
        std::vector<float> r;
        for (int i = 0; i < 20; ++i)
            r.push_back(float(i) * 1.5f + 100.0f);
        t.push_back(
            {"FIFO between two async ops", fifoPipeline(), true, true, {f32At(2, 0, "r", r)}});
    }
    t.push_back(
        {"switch advance by control wavelets (ring mode)",
         row(3, "const c: color = @get_color(5);\n",
             R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} },
                                .switches = .{ .pos1 = .{ .tx = EAST }, .pos2 = .{ .tx = RAMP }, .ring_mode = true } });
  @set_color_config(2, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
)",
             kSwitchSend, kSwitchRecv),
         true,
         true,
         {u32At(1, 0, "got", {11, 12, 31, 32, 0}), u32At(2, 0, "got", {21, 22, 0}),
          u16At(1, 0, "n", {4}), u16At(2, 0, "n", {2})}});
    t.push_back(
        {"range and counter filters",
         row(3, "const c: color = @get_color(7);\n",
             R"(  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP, EAST} },
                                .filter = .{ .kind = .{ .range = true }, .min_idx = 2, .max_idx = 5 } });
  @set_color_config(2, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} },
                                .filter = .{ .kind = .{ .counter = true }, .count_data = true, .init_counter = 0, .max_counter = 1, .limit1 = 3 } });
)",
             kFilterSend, kFilterRecv),
         true,
         true,
         {u16At(1, 0, "idx", {2, 3, 4, 5, 0}), u16At(1, 0, "got", {102, 103, 104, 105, 0}),
          u16At(2, 0, "idx", {0, 1, 4, 5, 0}), u16At(2, 0, "got", {100, 101, 104, 105, 0})}});
    {
        // Each receiver folds sum = 2*sum + v over 1, 2, 4, 8, 16 in arrival order.
        float s = 0;
        for (float v : {1.0f, 2.0f, 4.0f, 8.0f, 16.0f})
            s = s * 2 + v;
        MachineProgram p{"2x2 multicast to a data task blocked until unblocked",
                         multicastSquare(),
                         true,
                         true,
                         {}};
        for (auto [x, y] : {std::pair{1u, 0u}, {0u, 1u}, {1u, 1u}}) {
            p.expect.push_back(f32At(x, y, "sum", {s}));
            p.expect.push_back(u16At(x, y, "n", {5}));
        }
        t.push_back(p);
    }
    {
        std::vector<float> r;
        for (int i = 0; i < 40; ++i)
            r.push_back(float(i) + 0.5f);
        r.push_back(0);
        t.push_back({"backpressure and .on_control terminate",
                     eastPair(kCtlSend, kCtlRecv),
                     true,
                     true,
                     {f32At(1, 0, "r", r), u16At(1, 0, "done", {5})}});
    }
    {
        // The DSDs page: with `.on_control = .{ .activate = t }` the operation "will
        // terminate and task 't' will be activated": it ends at the control wavelet, 20 of
        // its 40 elements written (it went on waiting for more).
        std::vector<float> r;
        for (int i = 0; i < 40; ++i)
            r.push_back(i < 20 ? float(i) * 2.0f : 0.0f);
        t.push_back({"a control wavelet mid-stream ends the op and runs the .on_control task",
                     eastPair(kCtlMidSend, kCtlMidRecv),
                     true,
                     true,
                     {f32At(1, 0, "r", r), u16At(1, 0, "marks", {1}), u16At(1, 0, "done", {7})}});
    }
    // Teardown mode holds the color's wavelets at each router the TEARDOWN command reached
    // until its PE exits teardown: PE 1's handler reroutes the color EAST first, so the
    // two wavelets sent after the command reach PE 2 (without the hold they reached PE 1).
    t.push_back({"teardown holds the color until the handler rerouted it",
                 {{"layout.csl", kTeardownLayout},
                  {"send.csl", kTeardownSend},
                  {"recv.csl", kTeardownRecv}},
                 true,
                 true,
                 {u32At(1, 0, "sum", {1 + 2 + 3}), u16At(1, 0, "td_count", {1}),
                  u32At(2, 0, "sum", {40 + 50}), u16At(2, 0, "td_count", {0})}});
    t.push_back({"routes set at run time on a color the layout leaves out",
                 row(2, kColor3, "", kRuntimeRouteSend, kRuntimeRouteRecv),
                 true,
                 true,
                 {u32At(1, 0, "sum", {7 + 8 + 9})}});
    t.push_back(
        {"switch positions 0-2 advanced and reset by control wavelets (3x2)",
         {{"layout.csl", kSwitchResetLayout},
          {"send.csl", kSwitchResetSend},
          {"recv.csl", kSwitchRecv}},
         true,
         true,
         {u32At(1, 0, "got", {1, 5, 0}), u32At(2, 0, "got", {2, 0}), u32At(1, 1, "got", {3, 4, 0}),
          u32At(0, 1, "got", {0}), u32At(2, 1, "got", {0})}});
    // [SWITCH_ADV, NOP]: PE 1 (always_pop) executes the advance and pops it, so PE 2 executes
    // the NOP and stays at position 0; the reset is executed (and dropped) at PE 1.
    t.push_back(
        {"always_pop passes the next command on",
         {{"layout.csl", kPopLayout}, {"send.csl", kPopSend}, {"recv.csl", kSwitchRecv}},
         true,
         true,
         {u32At(1, 0, "got", {2, 0}), u32At(2, 0, "got", {1, 3, 0}), u32At(3, 0, "got", {0})}});
    // Entries: a tag word whose low byte is the struct code ('H' 0x48, 'b' 0x62, 'f' 0x66,
    // '?' 0x3f, 's' 0x73), one-byte values and string lengths in its high byte, then the value
    // words little-endian; <time> after reset_tsc_counter counts from 0.
    t.push_back({"<debug> trace buffer and <time>",
                 onePe(kDebugTrace),
                 true,
                 true,
                 {u16At(0, 0, "$$csl_debug.tk.buffer",
                        {0x48, 0x1234, 0xfe62, 0x66, 0x0000, 0x3fc0, 0x013f, 0x0273, 0x6261}),
                  u16At(0, 0, "$$csl_debug.tk.buffer_index", {9})}});
    t.push_back({"data task (i16, i16) halves of 32-bit wavelets",
                 eastPair(kArgsSend, kArgsRecv),
                 true,
                 true,
                 {u32At(1, 0, "ri", {uint32_t(-32767), uint32_t(-2), 0, uint32_t(int16_t(0xbf80))}),
                  f32At(1, 0, "rf", {1.0f, 2.0f})}});
    t.push_back(
        {"scalar and pointer sources, base_address/stride/offset, @map with a scalar, mem4d offset",
         onePe(kOps3),
         true,
         true,
         {f32At(0, 0, "r", {10, 9, 8, 7, 0, 2.5f, 5, 7.5f, 1, 3, 5, 7, 1, 2, 3, 4}),
          f32At(0, 0, "mat", {0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0}),
          u16At(0, 0, "hh", {0, 0, 0, 0x3c00, 0, 0x4000, 0, 0x4200})}});
    t.push_back(
        {"u8 i8 bool u64 i64 and struct arrays in SRAM",
         onePe(kNarrowMemory),
         true,
         true,
         {u32At(0, 0, "out", {249, 5, 127, 1, 3, 4, 0xfffffffe, 0xd5fa0e00, 5, 0x41400000, 5})}});
    t.push_back({"local task activation chain and a blocked task",
                 onePe(kTaskChain),
                 true,
                 true,
                 {u16At(0, 0, "order", {1, 2, 1, 2, 1, 2, 0}), u16At(0, 0, "n", {6})}});
    // @dfilt drops data wavelets until its fabin's extent (1) of control wavelets passed: 1 and
    // 2 are dropped with the control wavelet, 3 and 4 reach the next operation.
    t.push_back(
        {"@dfilt", eastPair(kDfiltSend, kDfiltRecv), true, true, {u32At(1, 0, "r", {3, 4, 0})}});
    // The Builtins page: @dfilt's operand may be "a DSR that contains a fabin_DSD", a
    // dsr_src1 loaded with `.async` (it was "a dsr_src1 holds a source operand").
    std::string dfiltThroughDsr = kDfiltRecv;
    dfiltThroughDsr.replace(dfiltThroughDsr.find("  @dfilt(in1, .{ .async = true });"),
                            std::string("  @dfilt(in1, .{ .async = true });").size(),
                            "  const filter = @get_dsr(dsr_src1, 2);\n"
                            "  @load_to_dsr(filter, in1, .{ .async = true });\n"
                            "  @dfilt(filter, .{ .async = true });");
    t.push_back({"@dfilt through a dsr_src1",
                 eastPair(kDfiltSend, dfiltThroughDsr),
                 true,
                 true,
                 {u32At(1, 0, "r", {3, 4, 0})}});
    t.push_back({"@map over f16, u16 and i16 with conversions",
                 onePe(kMapTypes),
                 true,
                 true,
                 {f32At(0, 0, "of", {0.5f, 3.0f, -6.0f, 262140.0f}),
                  u32At(0, 0, "ou", {1, 2, 9, 0x20002}), // 2a + b with b sign-extended, wrapping
                  u16At(0, 0, "oh", {0x3400, 0x3a00, 0xbc00, 0x4000})}});
    {
        // A 6-PE row with checkerboard colors set per PE in a layout loop: each PE sends
        // x + 1 both ways; PE x keeps (west value) + 10 * (east value).
        MachineProgram p{"neighbour exchange on checkerboard colors",
                         {{"layout.csl", kHaloLayout}, {"pe.csl", kHaloPe}},
                         true,
                         true,
                         {}};
        for (uint32_t x = 0; x < 6; ++x) {
            const float west = x > 0 ? float(x) : 0.0f, east = x < 5 ? float(x + 2) : 0.0f;
            p.expect.push_back(f32At(x, 0, "result", {west + 10.0f * east}));
            p.expect.push_back(u16At(x, 0, "got", {(x > 0) + (x < 5)}));
        }
        t.push_back(p);
    }
    // WSE-2 only: the DSDs page, "On WSE-3, it is illegal for a DSD operation to have multiple
    // arguments that are fabric inputs" (tst_csl_builtins2 two_fabric_inputs).
    t.push_back({"@fmuls with two fabin sources from opposite sides",
                 {{"layout.csl", kTwoInLayout}, {"send.csl", kTwoInSend}, {"recv.csl", kTwoInRecv}},
                 true,
                 false,
                 {f32At(1, 0, "r", {1 * 100, 2 * 200, 3 * 300, 4 * 400, 5 * 500})}});
    {
        // <math> at the edges: f16 forms round the f32 result (sqrt 2 -> 1.4140625, e ->
        // 2.71875); sqrt of a negative is NaN, of +inf +inf, of 0 0; log(0) = -inf;
        // exp(100) overflows to +inf; sqrt of the subnormal 1e-40 (9.99994610e-41 as f32)
        // and of 3e38 within a few ulps.
        Expect edges = f32At(0, 0, "t", {9.99997305e-21f, 1.7320508e19f});
        edges.relTol = 1e-6;
        t.push_back(
            {"<math> special values and subnormal sqrt",
             onePe(kMathEdges),
             true,
             true,
             {u32At(0, 0, "o",
                    {0x3fb50000, 0x402e0000, 0x7fc00000, 0x7f800000, 0, 0xff800000, 0x7f800000}),
              edges}});
    }
    // A FIFO filled by an async fabin op (capacity 4 of 6 wavelets) and drained by the task
    // its pushes activate (after main's activation of it found the FIFO empty), with `@fadds(&acc,
    // &acc, fifo)`: no operand has a length, so the op pops what the FIFO holds (up to its
    // capacity) and ends when it is empty. Before, it moved nothing and the fabin op waited on the
    // full FIFO for ever. The first drain pops a full FIFO (4 values) and ends at its length; a
    // later one that ends on the empty FIFO leaves acc as it was ("any data popped from the FIFO
    // during the operation will be discarded", the DSD page's FIFO actions).
    t.push_back({"FIFO activate_push consumer drains with a pointer accumulator",
                 eastPair(kFifoDrainSend, kFifoDrainRecv),
                 true,
                 true,
                 {f32At(1, 0, "acc", {1 + 2 + 4 + 8}), u16At(1, 0, "done", {1})}});
    // f16 bit patterns from Python's struct 'e': 3, -0.375, 1000, 0 moved; scaled by
    // 2^{1,-2,3,5}; plus 0.5 (1000.5 is exact in f16).
    t.push_back({"@fmovh @fscaleh @faddh with an f16 scalar",
                 onePe(kHalfOps),
                 true,
                 true,
                 {u16At(0, 0, "o",
                        {0x4200, 0xb600, 0x63d0, 0x0000, 0x4600, 0xae00, 0x6fd0, 0x0000, 0x4300,
                         0x3000, 0x63d1, 0x3800})}});
    t.push_back({"WSE-3 async ops into FIFOs on explicit microthreads",
                 onePe(utMemory("", "@get_ut_id(4)", "@get_ut_id(5)")),
                 false,
                 true,
                 {f32At(0, 0, "b", {2, 4, 6, 8}), f32At(0, 0, "c", {11, 12, 13, 14}),
                  u16At(0, 0, "n", {2})}});
    // The WSE-3 builtins page: @get_ut_id of a run-time u16 (session 8; refused before).
    t.push_back({"WSE-3 async ops into FIFOs on run-time microthread IDs",
                 onePe(utMemory("  var k: u16 = 4;\n  const ut_a = @get_ut_id(k);\n"
                                "  const ut_b = @get_ut_id(k + 1);\n",
                                "ut_a", "ut_b")),
                 false,
                 true,
                 {f32At(0, 0, "b", {2, 4, 6, 8}), f32At(0, 0, "c", {11, 12, 13, 14}),
                  u16At(0, 0, "n", {2})}});
    t.push_back({"WSE-3 @block of a microthread pauses its op",
                 onePe(kBlockedMicrothread),
                 false,
                 true,
                 {u32At(0, 0, "b", {1, 2, 3, 4}), u32At(0, 0, "seen", {0, 4})}});
    t.push_back({"routes from @set_local_color_config in tile code",
                 {{"layout.csl", kLocalConfigLayout},
                  {"send.csl", kLocalConfigSend},
                  {"recv.csl", kLocalConfigRecv}},
                 true,
                 true,
                 {f32At(1, 0, "r", {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f})}});
    return t;
}

class TestCslMachine : public QObject {
    Q_OBJECT

  private slots:
    void runs_data() {
        const auto all = programs();
        std::vector<std::string> names;
        for (const MachineProgram& p : all)
            names.push_back(p.name);
        addIndexedArchRows(names, " ", [&](size_t i, sim::Arch arch) {
            return arch == sim::Arch::Wse2 ? all[i].wse2 : all[i].wse3;
        });
    }
    void runs() {
        QFETCH(int, index);
        QFETCH(int, arch);
        const MachineProgram p = programs()[size_t(index)];
        const csl::CompileResult r = compileFiles(p.files, sim::Arch(arch));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        auto run = fabric.runUntilDone(fabric.launch("main", {}), 1'000'000);
        QVERIFY2(run.status == sim::RunStatus::CommandDone, run.message.c_str());
        run = fabric.runUntilIdle(1'000'000);
        QVERIFY2(run.status == sim::RunStatus::Idle, run.message.c_str());
        const sim::FabricProgram& prog = *r.program;
        for (const Expect& e : p.expect) {
            const sim::CodeClass& cls = prog.classes[prog.pes[e.y * prog.width + e.x].codeClass];
            const sim::Symbol* sym = nullptr;
            for (const sim::Symbol& s : cls.symbols)
                if (s.name == e.symbol)
                    sym = &s;
            QVERIFY2(sym, ("no symbol " + e.symbol).c_str());
            const auto mem =
                fabric.readMemory(e.x, e.y, sym->address, uint32_t(e.words.size()) * e.bytes);
            for (size_t i = 0; i < e.words.size(); ++i) {
                uint32_t got = 0;
                std::memcpy(&got, mem.data() + i * e.bytes, e.bytes);
                const std::string where = "PE(" + std::to_string(e.x) + "," + std::to_string(e.y) +
                                          ") " + e.symbol + "[" + std::to_string(i) + "]";
                if (e.relTol > 0) {
                    const float g = asFloat(got), w = asFloat(e.words[i]);
                    QVERIFY2(
                        std::fabs(g - w) <= e.relTol * std::fabs(w),
                        (where + ": " + std::to_string(g) + " vs " + std::to_string(w)).c_str());
                } else {
                    QVERIFY2(got == e.words[i],
                             (where + ": got 0x" + QString::number(got, 16).toStdString() +
                              ", expected 0x" + QString::number(e.words[i], 16).toStdString())
                                 .c_str());
                }
            }
        }
        const auto lines = fabric.simprintLines();
        for (const std::string& want : p.simprint) {
            bool found = false;
            for (const std::string& l : lines)
                found = found || l.find(want) != std::string::npos;
            QVERIFY2(found, ("no simprint line with: " + want).c_str());
        }
    }

    // Fabric DSD settings the simulator does not model compile with a warning naming them
    // (they used to be accepted silently).
    // A run-time ut_id is not range-checked by the SDK ("no runtime checks are performed");
    // the simulator stops the run at the op instead of using another microthread.
    // A microthread's fabric operation completes (its .activate) no sooner than kDsdSetup
    // cycles after it is issued, as a synchronous one costs the main thread; the sender
    // stamps the issue and the task's start with <time>. (The bound was added for the
    // SDK's fft-1d-2d with Nz = 16, whose two sentinel sends completed within one task's
    // run so that their activations of one task merged and the benchmark hung; this small
    // program's task starts late enough without it too, so it guards the bound only.)
    void asyncFabricOpCompletesAfterSetup() {
        const std::string send = memcpyTile(
            kColorParam, R"(
const time = @import_module("<time>");
var issued = @zeros([3]u16);
var started = @zeros([3]u16);
var one = [1]f32 { 1.0 };
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq });
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> one[i] });
task done_task() void { time.get_timestamp(&started); }
fn main() void {
  time.enable_tsc();
  time.get_timestamp(&issued);
  @fmovs(out, src, .{ .async = true, .activate = done_task });
  sys_mod.unblock_cmd_stream();
}
)",
            "  @bind_local_task(done_task, @get_local_task_id(10));\n" + wse3Queues({{"oq", "c"}}));
        std::string recv = kAsyncRecv;
        for (size_t at; (at = recv.find("extent = 6")) != std::string::npos;)
            recv.replace(at, 10, "extent = 1");
        for (const sim::Arch arch : {sim::Arch::Wse2, sim::Arch::Wse3}) {
            const csl::CompileResult r = compileFiles(eastPair(send, recv), arch);
            QVERIFY2(r.ok, allDiagnostics(r).c_str());
            sim::Fabric fabric(r.program);
            const sim::RunResult run = fabric.runUntilDone(fabric.launch("main", {}), 1'000'000);
            QVERIFY2(run.status == sim::RunStatus::CommandDone, run.message.c_str());
            QCOMPARE(fabric.runUntilIdle(1'000'000).status, sim::RunStatus::Idle);
            const sim::CodeClass& cls = r.program->classes[r.program->pes[0].codeClass];
            const auto stamp = [&](const std::string& symbol) {
                uint64_t value = 0;
                for (const sim::Symbol& sym : cls.symbols)
                    if (sym.name == symbol) {
                        const auto bytes = fabric.readMemory(0, 0, sym.address, 6);
                        for (int k = 5; k >= 0; --k)
                            value = value << 8 | bytes[size_t(k)];
                    }
                return value;
            };
            const uint64_t issued = stamp("issued"), started = stamp("started");
            QVERIFY2(started >= issued + sim::costs::kDsdSetup,
                     (std::to_string(issued) + " -> " + std::to_string(started)).c_str());
        }
    }
    void runtimeMicrothreadOutOfRangeFaults() {
        const csl::CompileResult r =
            compileFiles(onePe(utMemory("  var k: u16 = 8;\n  const ut_a = @get_ut_id(k);\n",
                                        "ut_a", "@get_ut_id(5)")),
                         sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        const sim::RunResult run = fabric.runUntilDone(fabric.launch("main", {}), 1'000'000);
        QCOMPARE(run.status, sim::RunStatus::Fault);
        QVERIFY2(run.message.find("microthread ID 8") != std::string::npos, run.message.c_str());
        QVERIFY2(run.message.find("pe.csl") != std::string::npos, run.message.c_str());
    }
    // An op left on a microthread that @block paused and nothing unblocks: the PE waits for
    // input, as one whose op waits for wavelets, and the report says why it does not move.
    void pausedMicrothreadIsNamedInTheHang() {
        std::string pe = kBlockedMicrothread;
        pe.replace(pe.find("  @unblock(@get_ut_id(3));\n"), 28, "");
        const csl::CompileResult r = compileFiles(onePe(pe), sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        QCOMPARE(fabric.runUntilDone(fabric.launch("main", {}), 1'000'000).status,
                 sim::RunStatus::CommandDone);
        const sim::RunResult run = fabric.runUntilIdle(1'000'000);
        QCOMPARE(run.status, sim::RunStatus::Idle);
        QVERIFY2(run.message.find("microthread 3 (blocked by @block of its ut_id) @mov32") !=
                     std::string::npos,
                 run.message.c_str());
    }
    void unmodelledFabricSettingsWarn() {
        // (`.simd_mode` is modelled since session 16: docs/simulator.md, "Fabric SIMD mode".)
        for (const char* setting :
             {".advance_switch = true", ".control_transform = true", ".zero = .first_source"}) {
            std::string send = kAsyncSend;
            const std::string from = ".output_queue = oq });";
            const auto at = send.find(from);
            QVERIFY(at != std::string::npos);
            send.replace(at, from.size(), std::string(".output_queue = oq, ") + setting + " });");
            const auto r = compileFiles(eastPair(send.c_str(), kAsyncRecv), sim::Arch::Wse2);
            QVERIFY2(r.ok, allDiagnostics(r).c_str());
            const std::string field =
                std::string(setting).substr(0, std::string(setting).find(' '));
            QVERIFY2(allDiagnostics(r).find("'" + field + "' is not modelled by the simulator") !=
                         std::string::npos,
                     allDiagnostics(r).c_str());
        }
    }

    // A memory-only async op is an error on both architectures: the DSDs page makes an
    // operation asynchronous only with a fabric operand or an async DSR (WSE-3 took it and ran
    // it on a microthread until session 22). With `.unblock = task` it used to crash the
    // compiler (the op's pending task fixup outlived the failed op).
    void asyncMemoryOpIsAnError() {
        std::string pe = kMcRecv;
        const std::string from = "    @fmovs(d, s, .{ .async = true, .unblock = recv });";
        const auto at = pe.find(from);
        QVERIFY(at != std::string::npos);
        pe.replace(at, from.size(),
                   "    const m = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> tmp[i] });\n"
                   "    @fmovs(m, s, .{ .async = true, .unblock = recv });");
        const std::string onWse3Only = "@is_arch(\"wse3\")";
        pe.replace(pe.find(onWse3Only), onWse3Only.size(), "true");
        auto files = multicastSquare();
        files["recv.csl"] = pe;
        for (const sim::Arch arch : {sim::Arch::Wse2, sim::Arch::Wse3}) {
            const auto bad = compileFiles(files, arch);
            QVERIFY(!bad.ok);
            QVERIFY2(allDiagnostics(bad).find("'.async' requires a fabric or FIFO DSD operand") !=
                         std::string::npos,
                     allDiagnostics(bad).c_str());
        }
    }
};

} // namespace

QTEST_GUILESS_MAIN(TestCslMachine)
#include "tst_csl_machine.moc"
