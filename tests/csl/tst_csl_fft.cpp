// <kernels/fft> (backend/csl/lib/fft.cpp): a layout of our own imports
// <kernels/fft/fft3d_layout> as SDK benchmark fft-3d does, the host side follows fft-3d's
// data layout (pencils interleaved on each PE, twiddle factors from the host), the program
// runs on sim::Fabric and every result element is checked against a direct 3D DFT computed
// here in double precision.
#include "backend/csl/compiler.h"
#include "sim/fabric.h"

#include <QTest>

#include <cmath>
#include <complex>
#include <cstring>
#include <numbers>
#include <vector>

namespace {

using cd = std::complex<double>;

const char* kLayout = R"(
param N: u16;
param T: u16;
param FP: i16;
param WIDTH: i16 = N / T;
const memcpy = @import_module("<memcpy/get_params>", .{ .width = WIDTH, .height = WIDTH });
const fft = @import_module("<kernels/fft/fft3d_layout>", .{ .width = WIDTH, .memcpy = memcpy });
layout {
  @set_rectangle(WIDTH, WIDTH);
  fft.FFT_kernel(WIDTH, N, if (FP == 0) f16 else f32);
}
)";

struct Case {
    int n = 8;
    int t = 4;
    bool f16 = false;
    sim::Arch arch = sim::Arch::Wse3;
};

std::shared_ptr<sim::FabricProgram> build(const Case& c, std::string* diags) {
    csl::CompileOptions o;
    o.layoutFile = "layout.csl";
    o.arch = c.arch;
    o.memcpy = true;
    o.params = {{"N", std::to_string(c.n)}, {"T", std::to_string(c.t)}, {"FP", c.f16 ? "0" : "1"}};
    o.readFile = [](const std::string& f) -> std::optional<std::string> {
        if (f == "layout.csl" || f == "./layout.csl")
            return std::string(kLayout);
        return std::nullopt;
    };
    auto r = csl::compile(o);
    for (const auto& d : r.diagnostics)
        *diags += csl::formatDiagnostic(d);
    return r.ok ? r.program : nullptr;
}

uint32_t f32Bits(double v) {
    float f = float(v);
    uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
}
double fromF32Bits(uint32_t b) {
    float f;
    std::memcpy(&f, &b, 4);
    return f;
}
// IEEE half precision, round to nearest even (normal and subnormal numbers, no NaN input).
uint32_t f16Bits(double v) {
    const uint32_t sign = v < 0 ? 0x8000 : 0;
    double a = std::fabs(v);
    if (a == 0)
        return sign;
    int e;
    std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1)
    int exp = e - 1 + 15;
    if (exp <= 0) // subnormal: units of 2^-24
        return sign | uint32_t(std::nearbyint(a * std::ldexp(1.0, 24)));
    uint32_t mant = uint32_t(std::nearbyint((a / std::ldexp(1.0, e - 1) - 1.0) * 1024.0));
    if (mant == 1024) {
        mant = 0;
        ++exp;
    }
    return sign | uint32_t(exp) << 10 | mant;
}
double fromF16Bits(uint32_t b) {
    const int exp = int(b >> 10 & 31);
    const int mant = int(b & 1023);
    const double v = exp == 0 ? std::ldexp(mant, -24) : std::ldexp(1024 + mant, exp - 25);
    return (b & 0x8000) ? -v : v;
}

// numpy's fftn/ifftn with norm 0 = backward, 1 = ortho, 2 = forward; index [(y N + x) N + z].
std::vector<cd> referenceDft(const std::vector<cd>& in, int n, bool inverse, int norm) {
    const double sign = inverse ? 1.0 : -1.0;
    std::vector<cd> w(static_cast<size_t>(n));
    for (int k = 0; k < n; ++k)
        w[size_t(k)] = std::polar(1.0, sign * 2 * std::numbers::pi * k / n);
    // Separable: one axis at a time.
    std::vector<cd> a = in, b(in.size());
    const int strides[3] = {1, n, n * n}; // z, x, y
    for (int axis = 0; axis < 3; ++axis) {
        const int s = strides[axis];
        for (size_t i = 0; i < a.size(); ++i) {
            const int pos = int(i) / s % n;
            const size_t base = i - size_t(pos * s);
            cd sum = 0;
            for (int j = 0; j < n; ++j)
                sum += a[base + size_t(j * s)] * w[size_t(pos * j % n)];
            b[i] = sum;
        }
        std::swap(a, b);
    }
    const double volume = double(n) * n * n;
    const double scale = norm == 1                                           ? 1 / std::sqrt(volume)
                         : (norm == 0 && inverse) || (norm == 2 && !inverse) ? 1 / volume
                                                                             : 1.0;
    for (cd& v : a)
        v *= scale;
    return a;
}

} // namespace

class TestCslFft : public QObject {
    Q_OBJECT
  private slots:
    void compilesAndRejects() {
        std::string diags;
        Case bad;
        bad.n = 12; // not a power of two
        bad.t = 6;
        QVERIFY(!build(bad, &diags));
        QVERIFY2(diags.find("N must be a power of two") != std::string::npos, diags.c_str());
    }

    void matchesReferenceDft_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("t");
        QTest::addColumn<bool>("half");
        QTest::addColumn<int>("arch");
        QTest::addColumn<QString>("function");
        QTest::addColumn<int>("norm");
        QTest::addColumn<bool>("inverse");
        QTest::addColumn<double>("tolerance");
        const int w3 = int(sim::Arch::Wse3), w2 = int(sim::Arch::Wse2);
        QTest::newRow("c2c f32 forward backward-norm 2x2 wse3")
            << 8 << 4 << false << w3 << "csfftExecC2C" << 0 << false << 1e-4;
        QTest::newRow("c2c f32 inverse ortho 4x4 wse3")
            << 16 << 4 << false << w3 << "csfftExecC2C" << 1 << true << 1e-4;
        QTest::newRow("r2c f32 forward ortho 4x4 wse3")
            << 16 << 4 << false << w3 << "csfftExecR2C" << 1 << false << 1e-4;
        QTest::newRow("c2r f32 inverse forward-norm 2x2 wse2")
            << 8 << 4 << false << w2 << "csfftExecC2R" << 2 << true << 1e-4;
        QTest::newRow("c2c f16 forward 4x4 wse3")
            << 16 << 4 << true << w3 << "csfftExecC2C" << 0 << false << 1e-2;
        // 16 PEs per line: blocks queue up behind each other in the all-to-all, so a send
        // direction changed too early would misroute them (it did with one scatter per root).
        QTest::newRow("c2c f32 inverse 16x16 wse3")
            << 32 << 2 << false << w3 << "csfftExecC2C" << 0 << true << 1e-4;
        QTest::newRow("c2c f16 inverse 1x1 wse2")
            << 8 << 8 << true << w2 << "csfftExecC2C" << 0 << true << 1e-2;
    }
    void matchesReferenceDft() {
        QFETCH(int, n);
        QFETCH(int, t);
        QFETCH(bool, half);
        QFETCH(int, arch);
        QFETCH(QString, function);
        QFETCH(int, norm);
        QFETCH(bool, inverse);
        QFETCH(double, tolerance);
        const bool real = function != "csfftExecC2C";
        Case c{n, t, half, sim::Arch(arch)};
        std::string diags;
        auto prog = build(c, &diags);
        QVERIFY2(prog, diags.c_str());
        const uint32_t w = uint32_t(n / t);
        const size_t local = size_t(2) * size_t(t * t * n); // tensor elements per PE
        auto bits = [&](double v) { return half ? f16Bits(v) : f32Bits(v); };
        auto value = [&](uint32_t b) { return half ? fromF16Bits(b) : fromF32Bits(b); };

        // Input: deterministic values in [-1, 1), rounded to the tensor type.
        std::vector<cd> input(size_t(n) * n * n);
        uint32_t seed = 12345;
        auto next = [&] {
            seed = seed * 1664525u + 1013904223u;
            return value(bits(double(seed >> 8) / double(1u << 23) - 1.0));
        };
        for (cd& v : input) {
            const double re = next();
            const double im = next();
            v = cd(re, real ? 0.0 : im);
        }
        // fft-3d's host layout: PE (x / T, y / T), offset z T T + (y % T) T + x % T.
        std::vector<uint32_t> host(size_t(w) * w * local);
        auto slot = [&](int x, int y, int z) {
            const size_t pe = size_t(y / t) * w + size_t(x / t);
            return pe * local + 2 * size_t(z * t * t + (y % t) * t + x % t);
        };
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x)
                for (int z = 0; z < n; ++z) {
                    const cd v = input[size_t((y * n + x) * n + z)];
                    host[slot(x, y, z)] = bits(v.real());
                    // R2C/C2R ignore the imaginary parts: give them garbage to prove it.
                    host[slot(x, y, z) + 1] = bits(real ? 0.75 : v.imag());
                }
        std::vector<uint32_t> twiddles(size_t(w) * w * size_t(n));
        for (size_t pe = 0; pe < size_t(w) * w; ++pe)
            for (int k = 0; k < n / 2; ++k) {
                const double a = 2 * std::numbers::pi * k / n;
                twiddles[pe * size_t(n) + 2 * size_t(k)] = bits(std::cos(a));
                twiddles[pe * size_t(n) + 2 * size_t(k) + 1] = bits(std::sin(a));
            }

        sim::Fabric fabric(prog);
        auto copy = [&](const char* symbol, uint32_t perPe, std::vector<uint32_t> data,
                        sim::MemcpyDataType type) {
            sim::MemcpyRequest req;
            req.toDevice = data.size() > 0;
            req.symbol = symbol;
            req.w = w;
            req.h = w;
            req.elementsPerPe = perPe;
            req.dataType = type;
            auto id = req.toDevice ? fabric.memcpy(req, data) : fabric.memcpy(req);
            auto r = fabric.runUntilDone(id, 100'000'000);
            if (r.status != sim::RunStatus::CommandDone)
                qWarning("%s", r.message.c_str());
            return fabric.takeResult(id);
        };
        const auto dtype = half ? sim::MemcpyDataType::Bits16 : sim::MemcpyDataType::Bits32;
        copy("twiddle_array", uint32_t(n), twiddles, dtype);
        copy("X", uint32_t(local), host, dtype);
        std::vector<uint32_t> args = {uint32_t(norm)};
        if (!real)
            args.push_back(inverse ? 1u : 0u);
        auto r = fabric.runUntilDone(fabric.launch(function.toStdString(), args), 500'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        const std::vector<uint32_t> out = copy("X", uint32_t(local), {}, dtype);
        QCOMPARE(out.size(), host.size());
        const std::vector<uint32_t> cycles = copy("fft_time", 2, {}, sim::MemcpyDataType::Bits32);
        QVERIFY(cycles[0] > 0); // a transform takes time on every PE

        const std::vector<cd> want = referenceDft(input, n, inverse, norm);
        double scale = 0;
        for (const cd& v : want)
            scale = std::max(scale, std::abs(v));
        double worst = 0;
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x)
                for (int z = 0; z < n; ++z) {
                    const size_t s = slot(x, y, z);
                    const cd got(value(out[s]), value(out[s + 1]));
                    worst = std::max(worst, std::abs(got - want[size_t((y * n + x) * n + z)]));
                }
        // Error relative to the largest output magnitude.
        QVERIFY2(worst <= tolerance * scale,
                 qPrintable(QString("worst error %1, largest value %2").arg(worst).arg(scale)));
    }
};

QTEST_GUILESS_MAIN(TestCslFft)
#include "tst_csl_fft.moc"
