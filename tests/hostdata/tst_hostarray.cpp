// Element types, memcpy words and the ROW_MAJOR / COL_MAJOR block orders.
#include "backend/hostdata/hostarray.h"

#include <QTest>

#include <bit>

using namespace hostdata;

class TestHostArray : public QObject {
    Q_OBJECT
  private slots:
    void parsesTypeNames() {
        QCOMPARE(parseType("f32"), std::optional(ElementType::F32));
        QCOMPARE(parseType("[*]u16"), std::optional(ElementType::U16));
        QCOMPARE(parseType("i16"), std::optional(ElementType::I16));
        QVERIFY(!parseType("f64"));
        QVERIFY(!parseType("[*]bool"));
        QCOMPARE(typeBits(ElementType::F16), 16);
        QCOMPARE(typeBits(ElementType::U32), 32);
    }

    void wordsRoundTrip() {
        QCOMPARE(toWords({1.5}, ElementType::F32, "x")[0], std::bit_cast<uint32_t>(1.5f));
        QCOMPARE(toWords({-1}, ElementType::I32, "x")[0], 0xffffffffu);
        // 16-bit data is zero-extended into the word.
        QCOMPARE(toWords({-1}, ElementType::I16, "x")[0], 0xffffu);
        QCOMPARE(toWords({1.0}, ElementType::F16, "x")[0], 0x3c00u);
        const std::vector<double> values{-3, 0, 7};
        for (ElementType t :
             {ElementType::F32, ElementType::I32, ElementType::I16, ElementType::F16})
            QCOMPARE(fromWords(toWords(values, t, "x"), t), values);
        // Only the low 16 bits count for 16-bit types.
        QCOMPARE(fromWords({0xabcd0005u}, ElementType::U16), std::vector<double>{5});
    }

    void halfRounding() {
        QCOMPARE(halfFromDouble(65504), uint16_t(0x7bff));
        QCOMPARE(halfFromDouble(1e6), uint16_t(0x7c00)); // inf
        QCOMPARE(halfFromDouble(-0.0), uint16_t(0x8000));
        QCOMPARE(halfFromDouble(std::ldexp(1.0, -24)), uint16_t(0x0001)); // smallest subnormal
        QCOMPARE(doubleFromHalf(0x0001), std::ldexp(1.0, -24));
        QCOMPARE(halfFromDouble(1.0 + std::ldexp(1.0, -11)), uint16_t(0x3c00)); // tie to even
    }

    void refusesWhatDoesNotFit() {
        try {
            toWords({1, 70000}, ElementType::U16, "y.csv");
            QFAIL("no error");
        } catch (const Error& e) {
            const QString m = QString::fromUtf8(e.what());
            QVERIFY2(m.startsWith(QLatin1String("y.csv: value 70000")) &&
                         m.contains(QLatin1String("index 1")) &&
                         m.contains(QLatin1String("out of range for u16")),
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, toWords({0.5}, ElementType::I32, "z"));
    }

    void colMajorIsFortranOrder() {
        const Block b{3, 2, 2}; // w=3, h=2, elements=2
        std::vector<double> logical(b.size());
        for (size_t i = 0; i < logical.size(); ++i)
            logical[i] = double(i);
        const std::vector<double> wire = logicalToColMajor(logical, b);
        // wire[y + x*h + k*h*w] = logical[(y*w + x)*elements + k]
        QCOMPARE(wire[1 + 2 * 2 + 1 * 6], logical[(1 * 3 + 2) * 2 + 1]);
        QCOMPARE(wire[0 + 1 * 2 + 0 * 6], logical[(0 * 3 + 1) * 2 + 0]);
        QCOMPARE(colMajorToLogical(wire, b), logical);
        QVERIFY(wire != logical);
        QVERIFY_THROWS_EXCEPTION(Error, logicalToColMajor({1, 2}, b));
    }

    void hostBlockOfEachCopyShape() {
        auto block = [](CopyShape shape, int w, int h, int n, int rs = 1, int cs = 1) {
            const Block b = hostBlock({shape, w, h, n, rs, cs});
            return std::vector<int>{b.w, b.h, b.elements};
        };
        QCOMPARE(block(CopyShape::Box, 4, 3, 5), (std::vector<int>{4, 3, 5}));
        QCOMPARE(block(CopyShape::RowBroadcast, 4, 3, 5), (std::vector<int>{1, 3, 5}));
        QCOMPARE(block(CopyShape::ColBroadcast, 4, 3, 5), (std::vector<int>{4, 1, 5}));
        // Columns 0, 2 of 4 and rows 0, 2 of 3; a stride past the ROI keeps its corner.
        QCOMPARE(block(CopyShape::Strided, 4, 3, 2, 2, 2), (std::vector<int>{2, 2, 2}));
        QCOMPARE(block(CopyShape::Strided, 5, 3, 1, 9, 2), (std::vector<int>{3, 1, 1}));
        // A column broadcast's COL_MAJOR wire order puts the column index fastest.
        const Block col = hostBlock({CopyShape::ColBroadcast, 3, 2, 2});
        QCOMPARE(logicalToColMajor({10, 11, 20, 21, 30, 31}, col),
                 (std::vector<double>{10, 20, 30, 11, 21, 31}));
        try {
            hostBlock({CopyShape::Strided, 4, 3, 2, 0, 1});
            QFAIL("a zero stride was accepted");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("memcpy: row_stride must be positive, got 0"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, hostBlock({CopyShape::RowBroadcast, 4, 0, 1}));
    }
};

QTEST_APPLESS_MAIN(TestHostArray)
#include "tst_hostarray.moc"
