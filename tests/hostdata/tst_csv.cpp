// CSV numbers: separators, comments, errors naming file:line:column, and export.
#include "backend/hostdata/csv.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hostdata;

class TestCsv : public QObject {
    Q_OBJECT
  private slots:
    void readsRowsAndSeparators() {
        const CsvNumbers n = parseCsv("# x, y\n1, 2.5,-3\n\n4;5e2\t6\n7 8\r\n", "a.csv");
        QCOMPARE(n.values, (std::vector<double>{1, 2.5, -3, 4, 500, 6, 7, 8}));
        QCOMPARE(n.rows, size_t(3));
        QCOMPARE(n.columns, size_t(3));
        QCOMPARE(parseCsv("+4", "p.csv").values, (std::vector<double>{4}));
    }

    void errorsNameLineAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word") << "1,2\n3,abc,4\n"
                              << "data.csv:2:3: 'abc' is not a number";
        QTest::newRow("empty field") << "1,,2\n"
                                     << "data.csv:1:3: empty field";
        QTest::newRow("trailing comma") << "1,2,\n"
                                        << "data.csv:1:5: empty field";
        QTest::newRow("leading comma") << "\n ,1\n"
                                       << "data.csv:2:2: empty field";
        QTest::newRow("junk after number") << "1.5x\n"
                                           << "data.csv:1:1: '1.5x' is not a number";
    }
    void errorsNameLineAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        try {
            parseCsv(text.toStdString(), "data.csv");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected), e.what());
        }
    }

    void writesAndReadsBack() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("out.csv").toStdString();
        const std::vector<double> values{0.1, -2, 3e-7, 4, 5};
        writeCsv(path, values, 2);
        QCOMPARE(csvText(values, 2), std::string("0.1,-2\n3e-07,4\n5\n"));
        const CsvNumbers back = readCsv(path);
        QCOMPARE(back.values, values);
        QCOMPARE(back.rows, size_t(3));
    }

    void unwritablePathNamesIt() {
        try {
            writeCsv("/nonexistent/dir/out.csv", {1}, 1);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).starts_with("/nonexistent/dir/out.csv: cannot write"),
                     e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestCsv)
#include "tst_csv.moc"
