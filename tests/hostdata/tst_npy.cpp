// .npy reading and writing: headers of versions 1.0/2.0, every supported dtype, both byte
// orders, Fortran order, and errors that name the file and the shape.
#include "backend/hostdata/npy.h"

#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cstring>

using namespace hostdata;

namespace {

// A .npy file as numpy writes it, built by hand so the test does not trust writeNpy.
std::string npyFile(int major, const std::string& dict, const std::string& data) {
    std::string header = dict;
    const size_t preamble = major == 1 ? 10 : 12;
    header.append((64 - (preamble + header.size() + 1) % 64) % 64, ' ');
    header.push_back('\n');
    std::string out("\x93NUMPY", 6);
    out.push_back(char(major));
    out.push_back(0);
    const size_t n = header.size();
    out.push_back(char(n & 0xff));
    out.push_back(char((n >> 8) & 0xff));
    if (major != 1) {
        out.push_back(char((n >> 16) & 0xff));
        out.push_back(char((n >> 24) & 0xff));
    }
    return out + header + data;
}

template <typename T> std::string raw(std::initializer_list<T> values) {
    std::string bytes;
    for (T v : values) {
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        bytes.append(b, sizeof(T));
    }
    return bytes;
}

} // namespace

class TestNpy : public QObject {
    Q_OBJECT
  private slots:
    void readsFloat32Version1() {
        const auto a =
            parseNpy(npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                             raw<float>({1.5f, -2, 3, 4, 5, 6.25f})),
                     "a.npy");
        QCOMPARE(a.descr, std::string("<f4"));
        QCOMPARE(a.shape, (std::vector<size_t>{2, 3}));
        QCOMPARE(a.values, (std::vector<double>{1.5, -2, 3, 4, 5, 6.25}));
    }

    void readsVersion2Header() {
        const auto a =
            parseNpy(npyFile(2, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                             raw<int32_t>({-7, 0, 2147483647})),
                     "b.npy");
        QCOMPARE(a.shape, (std::vector<size_t>{3}));
        QCOMPARE(a.values, (std::vector<double>{-7, 0, 2147483647}));
    }

    void readsIntegerAndHalfTypes() {
        QCOMPARE(parseNpy(npyFile(1, "{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }",
                                  raw<uint16_t>({65535, 3})),
                          "u2.npy")
                     .values,
                 (std::vector<double>{65535, 3}));
        QCOMPARE(parseNpy(npyFile(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }",
                                  raw<int16_t>({-32768, 5})),
                          "i2.npy")
                     .values,
                 (std::vector<double>{-32768, 5}));
        QCOMPARE(parseNpy(npyFile(1, "{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }",
                                  raw<uint32_t>({4294967295u})),
                          "u4.npy")
                     .values,
                 (std::vector<double>{4294967295.0}));
        // f16: 1.0 = 0x3c00, -2.5 = 0xc100.
        QCOMPARE(parseNpy(npyFile(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
                                  raw<uint16_t>({0x3c00, 0xc100})),
                          "f2.npy")
                     .values,
                 (std::vector<double>{1.0, -2.5}));
        QCOMPARE(parseNpy(npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
                                  raw<double>({0.1})),
                          "f8.npy")
                     .values,
                 (std::vector<double>{0.1}));
        QCOMPARE(parseNpy(npyFile(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }",
                                  std::string("\x01\x00", 2)),
                          "b1.npy")
                     .values,
                 (std::vector<double>{1, 0}));
    }

    void readsBigEndian() {
        const auto a =
            parseNpy(npyFile(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }",
                             std::string("\x00\x00\x01\x02", 4)),
                     "be.npy");
        QCOMPARE(a.values, (std::vector<double>{258}));
    }

    void fortranOrderBecomesCOrder() {
        // The 2x3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column.
        const auto a =
            parseNpy(npyFile(1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }",
                             raw<int32_t>({1, 4, 2, 5, 3, 6})),
                     "f.npy");
        QCOMPARE(a.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
        // Rank 3: (2, 2, 2) with values equal to their C index.
        std::string data;
        for (int k = 0; k < 2; ++k)
            for (int j = 0; j < 2; ++j)
                for (int i = 0; i < 2; ++i)
                    data += raw<int32_t>({i * 4 + j * 2 + k});
        const auto b = parseNpy(
            npyFile(1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2, 2), }", data),
            "f3.npy");
        QCOMPARE(b.values, (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7}));
    }

    void errorsNameFileAndProblem() {
        auto message = [](const std::string& bytes) {
            try {
                parseNpy(bytes, "bad.npy");
            } catch (const Error& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        QVERIFY(message("hello").find("bad.npy: not a .npy file") != std::string::npos);
        const std::string shortData = message(npyFile(
            1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", raw<float>({1, 2})));
        QVERIFY2(shortData.find("bad.npy") != std::string::npos &&
                     shortData.find("(4,)") != std::string::npos &&
                     shortData.find("needs 16") != std::string::npos,
                 shortData.c_str());
        const std::string complexType = message(npyFile(
            1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", raw<float>({1, 2})));
        QVERIFY2(complexType.find("dtype '<c8' is not supported") != std::string::npos,
                 complexType.c_str());
        const std::string noShape =
            message(npyFile(1, "{'descr': '<f4', 'fortran_order': False, }", raw<float>({1})));
        QVERIFY2(noShape.find("no 'shape' entry") != std::string::npos, noShape.c_str());
        QVERIFY(message(npyFile(9, "{}", "")).find("version 9.0 is not supported") !=
                std::string::npos);
    }

    void writesAndReadsBackEveryType() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::vector<size_t> shape{2, 3, 2};
        const std::vector<double> values{0, 1, -2, 3, 4, -5, 6, 7, -8, 9, 10, -11};
        for (ElementType t :
             {ElementType::F32, ElementType::I32, ElementType::I16, ElementType::F16}) {
            const std::string path = dir.filePath("x.npy").toStdString();
            writeNpy(path, shape, values, t);
            const NpyArray a = readNpy(path);
            QCOMPARE(a.descr, npyDescr(t));
            QCOMPARE(a.shape, shape);
            QCOMPARE(a.values, values);
        }
        const std::string bytes = npyBytes({3}, {1, 2, 3}, ElementType::U16, "u.npy");
        // numpy's layout: the preamble (magic to '\n') fills 128 bytes here, then the data.
        QCOMPARE(bytes.size(), size_t(128 + 3 * 2));
        QCOMPARE(bytes[127], '\n');
        QCOMPARE(parseNpy(bytes, "u.npy").values, (std::vector<double>{1, 2, 3}));
    }

    void writeRefusesValuesThatDoNotFit() {
        try {
            npyBytes({2}, {1, -1}, ElementType::U32, "neg.npy");
            QFAIL("a negative value was written as u32");
        } catch (const Error& e) {
            const std::string m = e.what();
            QVERIFY2(m.find("neg.npy") != std::string::npos &&
                         m.find("index 1") != std::string::npos,
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, npyBytes({3}, {1, 2}, ElementType::F32, "n.npy"));
    }

    void missingFileNamesIt() {
        try {
            readNpy("/nonexistent/dir/data.npy");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).starts_with("/nonexistent/dir/data.npy: cannot open"));
        }
    }

    void shapeTextIsNumpys() {
        QCOMPARE(shapeText({}), std::string("()"));
        QCOMPARE(shapeText({5}), std::string("(5,)"));
        QCOMPARE(shapeText({2, 3, 4}), std::string("(2, 3, 4)"));
    }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "tst_npy.moc"
