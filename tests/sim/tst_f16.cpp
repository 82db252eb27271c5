// IEEE binary16 / bfloat16 conversion and arithmetic rounding (round to nearest even).
#include "sim/dsd_math.h"
#include "sim/scalar.h"

#include <QTest>

#include <cmath>
#include <limits>

class TestF16 : public QObject {
    Q_OBJECT
  private slots:
    void exactValuesRoundTrip() {
        for (uint32_t bits = 0; bits < 0x10000; ++bits) {
            const uint16_t h = uint16_t(bits);
            const double d = sim::halfToDouble(h);
            if (std::isnan(d))
                continue;
            QCOMPARE(sim::doubleToHalf(d), h);
        }
    }

    void knownEncodings() {
        QCOMPARE(sim::doubleToHalf(1.0), uint16_t(0x3c00));
        QCOMPARE(sim::doubleToHalf(-2.0), uint16_t(0xc000));
        QCOMPARE(sim::doubleToHalf(65504.0), uint16_t(0x7bff));
        QCOMPARE(sim::doubleToHalf(std::ldexp(1.0, -24)), uint16_t(0x0001)); // smallest subnormal
        QCOMPARE(sim::doubleToHalf(std::ldexp(1.0, -14)), uint16_t(0x0400)); // smallest normal
        QCOMPARE(sim::doubleToHalf(-0.0), uint16_t(0x8000));
        QCOMPARE(sim::doubleToHalf(std::numeric_limits<double>::quiet_NaN()), uint16_t(0x7e00));
        QCOMPARE(sim::doubleToBf16(1.0), uint16_t(0x3f80));
        QCOMPARE(sim::doubleToBf16(-3.0), uint16_t(0xc040));
    }

    void tiesRoundToEven() {
        // 1 + 2^-11 is halfway between 1 and 1+2^-10: even mantissa (1.0) wins.
        QCOMPARE(sim::doubleToHalf(1.0 + std::ldexp(1.0, -11)), uint16_t(0x3c00));
        // 1 + 3*2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even).
        QCOMPARE(sim::doubleToHalf(1.0 + 3 * std::ldexp(1.0, -11)), uint16_t(0x3c02));
        // Slightly above halfway rounds up.
        QCOMPARE(sim::doubleToHalf(1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -30)),
                 uint16_t(0x3c01));
        // Halfway in the subnormal range: 2^-25 ties to 0, 3*2^-25 ties to 2*2^-24.
        QCOMPARE(sim::doubleToHalf(std::ldexp(1.0, -25)), uint16_t(0x0000));
        QCOMPARE(sim::doubleToHalf(3 * std::ldexp(1.0, -25)), uint16_t(0x0002));
        // bf16: 1 + 2^-8 ties to 1.0; 1 + 3*2^-8 ties up to 1 + 2^-6.
        QCOMPARE(sim::doubleToBf16(1.0 + std::ldexp(1.0, -8)), uint16_t(0x3f80));
        QCOMPARE(sim::doubleToBf16(1.0 + 3 * std::ldexp(1.0, -8)), uint16_t(0x3f82));
    }

    void fusedMultiplyAddRoundsOnce() {
        // bf16 @fmach: 1.5 x 1.0078125 = 1.51171875 is a tie of bf16; -2^-100 added to it
        // puts the exact sum below the tie, so it rounds down to 0x3fc1. The sum in double
        // lost the addend and rounded the tie to even, 0x3fc2.
        uint32_t carry = 0;
        QCOMPARE(sim::dsdElement(sim::DsdOpKind::Fmach, 0x8d80, 0x3fc0, 0x3f81, carry, true),
                 0x3fc1u);
        QCOMPARE(sim::dsdElement(sim::DsdOpKind::Fmach, 0x0d80, 0x3fc0, 0x3f81, carry, true),
                 0x3fc2u);
    }

    void overflowGoesToInfinity() {
        QCOMPARE(sim::doubleToHalf(65520.0), uint16_t(0x7c00)); // halfway to 2^16 -> inf
        QCOMPARE(sim::doubleToHalf(65519.0), uint16_t(0x7bff));
        QCOMPARE(sim::doubleToHalf(-1e10), uint16_t(0xfc00));
    }

    void conversions() {
        using sim::ScalarType;
        // f32 -> i16 truncates toward zero; saturates; NaN -> 0.
        const uint64_t m108 = sim::floatToBits(-10.8f);
        QCOMPARE(int16_t(sim::convertScalar(m108, ScalarType::F32, ScalarType::I16)), int16_t(-10));
        QCOMPARE(
            int16_t(sim::convertScalar(sim::floatToBits(1e9f), ScalarType::F32, ScalarType::I16)),
            int16_t(32767));
        QCOMPARE(
            sim::convertScalar(sim::floatToBits(std::nanf("")), ScalarType::F32, ScalarType::U16),
            uint64_t(0));
        QCOMPARE(
            sim::convertScalar(sim::floatToBits(std::nanf("")), ScalarType::F32, ScalarType::Bool),
            uint64_t(1));
        // f16 -> f32 exact; u16 -> f16 rounds (2049 -> 2048).
        QCOMPARE(sim::convertScalar(0x3555, ScalarType::F16, ScalarType::F32),
                 uint64_t(sim::floatToBits(float(sim::halfToDouble(0x3555)))));
        QCOMPARE(sim::convertScalar(2049, ScalarType::U16, ScalarType::F16),
                 uint64_t(sim::doubleToHalf(2048.0)));
        // Integer narrowing wraps; sign extension on widening.
        QCOMPARE(sim::convertScalar(0x1ff, ScalarType::U16, ScalarType::U8), uint64_t(0xff));
        QCOMPARE(int64_t(sim::convertScalar(0xff, ScalarType::I8, ScalarType::I32)), int64_t(-1));
    }

    void nanConversionsKeepSignAndPayload() {
        // A NaN keeps its sign and the top of its payload and comes out quiet, as the
        // comptime conversions give it (IEEE 754 6.2.3); it used to become the default NaN.
        using sim::ScalarType;
        QCOMPARE(sim::convertScalar(0xfe01, ScalarType::F16, ScalarType::F32),
                 uint64_t(0xffc02000)); // -qNaN, payload 1 moved up 13 bits
        QCOMPARE(sim::convertScalar(0x7c01, ScalarType::F16, ScalarType::F32),
                 uint64_t(0x7fc02000)); // a signalling NaN is quieted
        QCOMPARE(sim::convertScalar(0xffc02fff, ScalarType::F32, ScalarType::F16),
                 uint64_t(0xfe01)); // the low 13 payload bits are dropped
        QCOMPARE(sim::convertScalar(0x7f800001, ScalarType::F32, ScalarType::BF16),
                 uint64_t(0x7fc0)); // a payload below bf16's bits leaves the quiet NaN
        QCOMPARE(sim::convertScalar(0xff81, ScalarType::BF16, ScalarType::F16),
                 uint64_t(0xfe08)); // bf16 payload 1 moved up 3 bits
        QCOMPARE(sim::convertScalar(0x7c00, ScalarType::F16, ScalarType::F32),
                 uint64_t(0x7f800000)); // infinity is not a NaN
    }
};

QTEST_GUILESS_MAIN(TestF16)
#include "tst_f16.moc"
