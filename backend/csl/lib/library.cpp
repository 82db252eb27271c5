#include "backend/csl/lib/library.h"

#include "backend/csl/sema/analyzer_class.h"

#include <cstring>

namespace csl::lib {

// <empty> and <directions> are small enough to be written in CSL.
static const char* kEmptySource = "// <empty>: a module with no members.\n";
static const char* kDirectionsSource = R"(// <directions>: helpers over direction values.
fn flip(d: direction) direction {
  if (d == NORTH) return SOUTH;
  if (d == SOUTH) return NORTH;
  if (d == EAST) return WEST;
  if (d == WEST) return EAST;
  return RAMP;
}
)";

// <math>: square roots by a bit-level first guess and Newton steps (exact to f32
// rounding after four steps); generic forms convert through f32.
static const char* kMathSource = R"(// <math>
fn sqrt_f32(x: f32) f32 {
  if (x <= 0.0) return 0.0;
  var y = @bitcast(f32, 0x1fbd1df5 + (@bitcast(u32, x) >> 1));
  for (@range(u16, 4)) |i| {
    y = 0.5 * (y + x / y);
  }
  return y;
}
fn invsqrt_f32(x: f32) f32 { return 1.0 / sqrt_f32(x); }
fn sqrt_f16(x: f16) f16 { return @as(f16, sqrt_f32(@as(f32, x))); }
fn abs_f32(x: f32) f32 { if (x < 0.0) return -x; return x; }
fn abs_f16(x: f16) f16 { if (x < 0.0) return -x; return x; }
fn sqrt(x: anytype) @type_of(x) { return @as(@type_of(x), sqrt_f32(@as(f32, x))); }
fn invsqrt(x: anytype) @type_of(x) { return @as(@type_of(x), invsqrt_f32(@as(f32, x))); }
fn inv(x: anytype) @type_of(x) { return @as(@type_of(x), 1.0 / @as(f32, x)); }
fn abs(x: anytype) @type_of(x) { if (x < 0) return -x; return x; }
const POSITIVE_INF_f32 = @bitcast(f32, @as(u32, 0x7f800000));
const NEGATIVE_INF_f32 = @bitcast(f32, @as(u32, 0xff800000));
const POSITIVE_INF_f16 = @bitcast(f16, @as(u16, 0x7c00));
const NEGATIVE_INF_f16 = @bitcast(f16, @as(u16, 0xfc00));
fn fmax_f32(a: f32, b: f32) f32 { if (a > b) return a; return b; }
fn fmin_f32(a: f32, b: f32) f32 { if (a < b) return a; return b; }
)";

static const LibraryInfo kLibraries[] = {
    {"memcpy/get_params", nullptr},
    {"memcpy/memcpy", nullptr},
    {"memcpy_multi/get_params", nullptr},
    {"memcpy_multi/memcpy", nullptr},
    {"layout", nullptr},
    {"time", nullptr},
    {"timer", nullptr},
    {"debug", nullptr},
    {"simprint", nullptr},
    {"math", kMathSource},
    {"random", nullptr},
    {"control", nullptr},
    {"tile_config", nullptr},
    {"directions", kDirectionsSource},
    {"dsd_ops", nullptr},
    {"malloc", nullptr},
    {"complex", nullptr},
    {"empty", kEmptySource},
    {"collectives_2d/params", nullptr},
    {"collectives_2d/pe", nullptr},
    {"memcpy/memcpy_switches", nullptr},
    {"kernels/tally/layout", nullptr},
    {"kernels/tally/pe", nullptr},
    {"kernels/fft/layout", nullptr},
    {"kernels/fft/pe", nullptr},
    {"message_passing", nullptr},
};

const LibraryInfo* findLibrary(const std::string& name) {
    for (const LibraryInfo& l : kLibraries) {
        if (name == l.name)
            return &l;
    }
    return nullptr;
}

sema::Value parseParamValue(sema::Analyzer& a, const std::string& text, const sema::Type* t,
                            uint32_t node) {
    const char* s = text.c_str();
    char* end = nullptr;
    bool isFloat = text.find('.') != std::string::npos ||
                   (text.find_first_of("eE") != std::string::npos &&
                    text.rfind("0x", 0) != 0);
    sema::Value v;
    if (isFloat) {
        double d = std::strtod(s, &end);
        v = a.mkFloat(d);
    } else {
        long long x = std::strtoll(s, &end, 0);
        v = a.mkInt(x);
    }
    if (!end || *end != '\0' || text.empty())
        a.fail(a.fr_ ? a.fr_->mod : nullptr, node,
               "invalid value '" + text + "' for a --params entry");
    if (t)
        return a.coerce(v, t, node);
    return v;
}

}  // namespace csl::lib
