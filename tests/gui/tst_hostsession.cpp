// The interactive host session (issue 6), driven through the main window like a user: build
// the bundled saxpy-row example (a 4×1 row, 6 f32 per PE, exported x, y and saxpy(f32)),
// open Run > Host Session…, Load, copy x from a .npy file the test writes byte by byte
// and y from a typed expression (COL_MAJOR, so the order conversion is exercised),
// launch saxpy(2.5) from the argument form, copy y back into the table and check
// y = 2.5·x + y, save it as .npy and CSV and read both back. Bad input (an argument that
// is no number or out of range, a .npy of the wrong shape, a CSV with a word in it, an
// expression with a typo) is reported naming the argument, file, line and column. Then
// streaming-io: values from a CSV file streamed on a color, running sums streamed back.
// Then the H2D copy shapes on a 4×3 grid: a row broadcast, a column broadcast and a strided
// copy each write x, a D2H of the whole grid shows exactly the PEs and values the SDK's
// definition of the call gives, and a stride of 0 is refused naming the field.
// With TESSERA_SCREENSHOT_DIR set, saves host-session.png and host-session-shapes.png there.
#include "app/HostSessionActions.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "backend/hostdata/csv.h"
#include "backend/hostdata/npy.h"
#include "example_window.h"
#include "widgets/hostsession/HostBlockModel.h"
#include "widgets/hostsession/HostCopyForm.h"
#include "widgets/hostsession/HostSessionPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace tessera;

namespace {

constexpr int Width = 4;    // saxpy-row's PEs
constexpr int Elements = 6; // its slice
constexpr int Count = Width * Elements;
constexpr float A = 2.5f;

float xValue(int i) {
    return float(i) * 0.5f - 3.0f; // multiples of 0.5: a·x + y is exact in f32
}
float yValue(int i) {
    return float(2 * i); // the expression arange(0, 24) * 2
}

// A version 1.0 .npy of little-endian f32 in C order, written without hostdata's writer.
// copiesEachShape's program: saxpy-row's PE code on a 4×3 rectangle, 2 elements per PE.
constexpr int GridWidth = 4, GridHeight = 3, GridElements = 2;
const char GridLayout[] = R"(const width: i16 = 4;
const height: i16 = 3;
const slice: i16 = 2;

const memcpy = @import_module("<memcpy/get_params>", .{ .width = width, .height = height });

layout {
  @set_rectangle(width, height);
  for (@range(i16, width)) |px| {
    for (@range(i16, height)) |py| {
      @set_tile_code(px, py, "pe_program.csl", .{
        .memcpy_params = memcpy.get_params(px),
        .slice = slice,
      });
    }
  }
  @export_name("x", [*]f32, true);
  @export_name("y", [*]f32, true);
  @export_name("saxpy", fn(f32)void);
}
)";

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool writeNpyByHand(const QString& path, const QByteArray& shape, const std::vector<float>& v) {
    QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    while ((10 + header.size() + 1) % 64 != 0)
        header.append(' ');
    header.append('\n');
    QByteArray bytes("\x93NUMPY\x01\x00", 8);
    bytes.append(char(header.size() & 0xff));
    bytes.append(char(header.size() >> 8));
    bytes.append(header);
    bytes.append(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * sizeof(float)));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestHostSession : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        openExampleWithPanel(QStringLiteral("saxpy-row"), m_tmp, &m_root);
        if (QTest::currentTestFailed())
            return;
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!m_panel->button(QStringLiteral("load"))->isEnabled()); // nothing built yet
        buildProject();
    }

    void menuShowsTheDock() {
        QVERIFY(!m_actions->dock()->isVisible());
        bool inRunMenu = false;
        for (QAction* top : m_window->menuBar()->actions())
            if (top->menu() && top->menu()->actions().contains(m_actions->showAction()))
                inRunMenu =
                    top->text() == QCoreApplication::translate("tessera::IdeWorkbench", "&Run");
        QVERIFY(inRunMenu);
        m_actions->showAction()->trigger();
        QTRY_VERIFY(m_actions->dock()->isVisible());
    }

    void loadReadsTheExports() {
        QVERIFY(m_panel->button(QStringLiteral("load"))->isEnabled());
        QVERIFY(!m_panel->button(QStringLiteral("h2d"))->isEnabled());
        QVERIFY(run([this] { m_panel->button(QStringLiteral("load"))->click(); }, "load"));
        QVERIFY(m_panel->isLoaded());
        QVERIFY(m_panel->button(QStringLiteral("h2d"))->isEnabled());
        // From out_rpc.json: x and y are writable f32 arrays, saxpy takes one f32.
        auto* target = m_panel->h2dForm()->findChild<QComboBox*>(QStringLiteral("target"));
        QCOMPARE(target->count(), 2);
        QCOMPARE(target->itemData(0).toString(), QStringLiteral("x"));
        QCOMPARE(target->itemData(1).toString(), QStringLiteral("y"));
        auto* signature = m_panel->findChild<QLabel*>(QStringLiteral("signature"));
        QCOMPARE(signature->text(), QStringLiteral("fn saxpy(a: f32) void"));
        QVERIFY(m_panel->findChild<QLineEdit*>(QStringLiteral("argument_a")));
        // The ROI defaults to the whole 4×1 rectangle.
        QCOMPARE(m_panel->h2dForm()->findChild<QSpinBox*>(QStringLiteral("w"))->value(), Width);
        // The IDE's debugger follows the panel's session.
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->isAttached(), 10000);
    }

    void copiesXFromNpyAndYFromExpression() {
        std::vector<float> x(Count);
        for (int i = 0; i < Count; ++i)
            x[size_t(i)] = xValue(i);
        const QString xPath = m_tmp.filePath(QStringLiteral("x.npy"));
        QVERIFY(writeNpyByHand(xPath, "(1, 4, 6)", x));
        HostCopyForm* form = m_panel->h2dForm();
        QVERIFY(form->selectTarget(QStringLiteral("x")));
        form->setRoi(0, 0, Width, 1);
        form->setElements(Elements);
        m_panel->setH2dSource(HostCopyRequest::Source::NpyFile, xPath);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));

        QVERIFY(form->selectTarget(QStringLiteral("y")));
        form->setColMajor(true);
        m_panel->setH2dSource(HostCopyRequest::Source::Expression,
                              QStringLiteral("arange(0, 24) * 2"));
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));
        form->setColMajor(false);
    }

    void badInputNamesWhatIsWrong() {
        // A .npy whose shape does not fit the ROI: the file and both shapes are named.
        const QString wrong = m_tmp.filePath(QStringLiteral("wrong.npy"));
        QVERIFY(writeNpyByHand(wrong, "(2, 3)", std::vector<float>(6, 1.0f)));
        m_panel->setH2dSource(HostCopyRequest::Source::NpyFile, wrong);
        QString error;
        QVERIFY(!run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d", &error));
        QVERIFY2(error.contains(wrong) && error.contains(QLatin1String("shape (2, 3)")) &&
                     error.contains(QLatin1String("expected (1, 4, 6)")),
                 qPrintable(error));
        // A CSV with a word in it: file:line:column.
        const QString csv = m_tmp.filePath(QStringLiteral("bad.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1,2,3\n4,five,6\n");
        f.close();
        m_panel->setH2dSource(HostCopyRequest::Source::CsvFile, csv);
        QVERIFY(!run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d", &error));
        QVERIFY2(error.contains(csv + QStringLiteral(":2:3: 'five' is not a number")),
                 qPrintable(error));
        // An expression with a typo: the column.
        m_panel->setH2dSource(HostCopyRequest::Source::Expression, QStringLiteral("arnge(24)"));
        QVERIFY(!run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d", &error));
        QVERIFY2(error.contains(QLatin1String("column 1: unknown name 'arnge'")),
                 qPrintable(error));
        // A 16-bit data type with an f32 element type is refused before anything is sent.
        QSignalSpy requested(m_panel, &HostSessionPanel::h2dRequested);
        auto* bits = m_panel->h2dForm()->findChild<QComboBox*>(QStringLiteral("dataType"));
        bits->setCurrentIndex(bits->findData(16));
        m_panel->button(QStringLiteral("h2d"))->click();
        QCOMPARE(requested.count(), 0);
        QVERIFY2(m_panel->logText().contains(QLatin1String("MEMCPY_16BIT does not fit element "
                                                           "type f32")),
                 qPrintable(m_panel->logText()));
        bits->setCurrentIndex(bits->findData(32));
        // Launch arguments: not a number, and an empty field, name the argument.
        QSignalSpy launches(m_panel, &HostSessionPanel::launchRequested);
        QVERIFY(m_panel->setLaunch(QStringLiteral("saxpy"), {QStringLiteral("2.5x")}));
        m_panel->button(QStringLiteral("launch"))->click();
        QVERIFY(m_panel->setLaunch(QStringLiteral("saxpy"), {QString()}));
        m_panel->button(QStringLiteral("launch"))->click();
        QCOMPARE(launches.count(), 0);
        QVERIFY2(m_panel->logText().contains(
                     QLatin1String("Argument a (f32) of saxpy '2.5x' is not a number.")),
                 qPrintable(m_panel->logText()));
        QVERIFY(m_panel->logText().contains(QLatin1String("Argument a (f32) of saxpy is empty.")));
    }

    void argumentTypesAreChecked() {
        QString why;
        QCOMPARE(
            HostSessionPanel::parseArgument(QStringLiteral("65535"), QStringLiteral("u16"), &why),
            std::optional<QVariant>(QVariant(qlonglong(65535))));
        QVERIFY(
            !HostSessionPanel::parseArgument(QStringLiteral("65536"), QStringLiteral("u16"), &why));
        QCOMPARE(why, QStringLiteral("65536 is out of range 0…65535"));
        QVERIFY(
            !HostSessionPanel::parseArgument(QStringLiteral("-1"), QStringLiteral("u32"), &why));
        QVERIFY(
            !HostSessionPanel::parseArgument(QStringLiteral("1.5"), QStringLiteral("i16"), &why));
        QCOMPARE(why, QStringLiteral("'1.5' is not an integer"));
        QCOMPARE(
            HostSessionPanel::parseArgument(QStringLiteral("-32768"), QStringLiteral("i16"), &why),
            std::optional<QVariant>(QVariant(qlonglong(-32768))));
        QCOMPARE(
            HostSessionPanel::parseArgument(QStringLiteral("true"), QStringLiteral("bool"), &why),
            std::optional<QVariant>(QVariant(true)));
        QVERIFY(
            !HostSessionPanel::parseArgument(QStringLiteral("yes"), QStringLiteral("bool"), &why));
        QVERIFY(
            !HostSessionPanel::parseArgument(QStringLiteral("1e39"), QStringLiteral("f32"), &why));
        QCOMPARE(
            HostSessionPanel::parseArgument(QStringLiteral("-0.25"), QStringLiteral("f32"), &why),
            std::optional<QVariant>(QVariant(-0.25)));
    }

    void launchesWithTheArgument() {
        QVERIFY(m_panel->setLaunch(QStringLiteral("saxpy"), {QStringLiteral("2.5")}));
        QVERIFY(run([this] { m_panel->button(QStringLiteral("launch"))->click(); }, "launch"));
        QVERIFY(m_panel->logText().contains(QLatin1String("launch saxpy(2.5) finished")));
    }

    void readsYIntoTheTable() {
        HostCopyForm* form = m_panel->d2hForm();
        QVERIFY(form->selectTarget(QStringLiteral("y")));
        form->setRoi(0, 0, Width, 1);
        form->setElements(Elements);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("d2h"))->click(); }, "d2h"));
        HostBlockModel* model = m_panel->resultModel();
        QCOMPARE(model->rowCount(), Width); // rows = PEs
        QCOMPARE(model->columnCount(), Elements);
        QCOMPARE(model->headerData(2, Qt::Vertical).toString(), QStringLiteral("PE (2, 0)"));
        for (int pe = 0; pe < Width; ++pe)
            for (int k = 0; k < Elements; ++k) {
                const int i = pe * Elements + k;
                const float expected = A * xValue(i) + yValue(i);
                QCOMPARE(model->data(model->index(pe, k), HostBlockModel::ValueRole).toDouble(),
                         double(expected));
            }
        QCOMPARE(model->data(model->index(1, 0)).toString(),
                 QString::number(double(A * xValue(6) + yValue(6))));
        // Transposed: one row per element.
        m_panel->findChild<QComboBox*>(QStringLiteral("rows"))->setCurrentIndex(1);
        QCOMPARE(model->rowCount(), Elements);
        QCOMPARE(model->columnCount(), Width);
        QCOMPARE(model->data(model->index(5, 3), HostBlockModel::ValueRole).toDouble(),
                 double(A * xValue(23) + yValue(23)));
        m_panel->findChild<QComboBox*>(QStringLiteral("rows"))->setCurrentIndex(0);
    }

    void savesNpyAndCsv() {
        const QString npy = m_tmp.filePath(QStringLiteral("y_out.npy"));
        QString error;
        QVERIFY2(m_panel->saveResultNpy(npy, &error), qPrintable(error));
        const hostdata::NpyArray back = hostdata::readNpy(npy.toStdString());
        QCOMPARE(back.descr, std::string("<f4"));
        QCOMPARE(back.shape, (std::vector<size_t>{1, size_t(Width), size_t(Elements)}));
        for (int i = 0; i < Count; ++i)
            QCOMPARE(back.values[size_t(i)], double(A * xValue(i) + yValue(i)));
        const QString csv = m_tmp.filePath(QStringLiteral("y_out.csv"));
        QVERIFY2(m_panel->saveResultCsv(csv, &error), qPrintable(error));
        const hostdata::CsvNumbers rows = hostdata::readCsv(csv.toStdString());
        QCOMPARE(rows.rows, size_t(Width)); // one line per PE
        QCOMPARE(rows.columns, size_t(Elements));
        QCOMPARE(rows.values, back.values);
        // Saving where nothing can be written names the file.
        QVERIFY(!m_panel->saveResultNpy(QStringLiteral("/nonexistent/dir/y.npy"), &error));
        QVERIFY2(error.startsWith(QLatin1String("/nonexistent/dir/y.npy")), qPrintable(error));
    }

    void colMajorSubRectangle() {
        // PEs 1 and 2 only, COL_MAJOR on the wire: the table still shows them PE by PE.
        HostCopyForm* form = m_panel->d2hForm();
        form->setRoi(1, 0, 2, 1);
        form->setColMajor(true);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("d2h"))->click(); }, "d2h"));
        form->setColMajor(false);
        HostBlockModel* model = m_panel->resultModel();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->headerData(0, Qt::Vertical).toString(), QStringLiteral("PE (1, 0)"));
        for (int pe = 0; pe < 2; ++pe)
            for (int k = 0; k < Elements; ++k) {
                const int i = (pe + 1) * Elements + k;
                QCOMPARE(model->data(model->index(pe, k), HostBlockModel::ValueRole).toDouble(),
                         double(A * xValue(i) + yValue(i)));
            }
        // x reads back as the .npy wrote it.
        QVERIFY(form->selectTarget(QStringLiteral("x")));
        form->setRoi(0, 0, Width, 1);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("d2h"))->click(); }, "d2h"));
        QCOMPARE(model->data(model->index(0, 1), HostBlockModel::ValueRole).toDouble(),
                 double(xValue(1)));
    }

    void screenshot() {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("TESSERA_SCREENSHOT_DIR is not set");
        // The launch tab and y's values after saxpy(2.5), as the user sees them.
        HostCopyForm* form = m_panel->d2hForm();
        QVERIFY(form->selectTarget(QStringLiteral("y")));
        QVERIFY(run([this] { m_panel->button(QStringLiteral("d2h"))->click(); }, "d2h"));
        // One refused argument, so the log shows how errors look.
        QVERIFY(m_panel->setLaunch(QStringLiteral("saxpy"), {QStringLiteral("two")}));
        m_panel->button(QStringLiteral("launch"))->click();
        QVERIFY(m_panel->setLaunch(QStringLiteral("saxpy"), {QStringLiteral("2.5")}));
        m_panel->tabs()->setCurrentIndex(1);
        m_actions->dock()->setFloating(true);
        // Twice: the first resize may be clamped by the docked (side by side) layout's
        // minimum, which the narrower size then replaces.
        for (int i = 0; i < 2; ++i) {
            m_actions->dock()->resize(860, 620);
            QTest::qWait(100);
        }
        QVERIFY(m_actions->dock()->grab().save(dir + QStringLiteral("/host-session.png")));
        m_actions->dock()->setFloating(false);
    }

    void unloadCloses() {
        QVERIFY(run([this] { m_panel->button(QStringLiteral("unload"))->click(); }, "unload"));
        QVERIFY(!m_panel->isLoaded());
        QVERIFY(!m_panel->button(QStringLiteral("d2h"))->isEnabled());
        QVERIFY(m_panel->button(QStringLiteral("load"))->isEnabled());
        // The debugger notices the session is gone and lets go of it.
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isAttached(), 10000);
    }

    void streamsThroughColors() {
        // streaming-io: each PE of a 4×1 row sums the 24 values streamed to it on color 4
        // and streams the running sums back on color 5. The data comes from a CSV file.
        m_tester.reset();
        m_window.reset();
        QString root;
        openExampleWithPanel(QStringLiteral("streaming-io"), m_streamTmp, &root);
        if (QTest::currentTestFailed())
            return;
        buildAndLoad();
        if (QTest::currentTestFailed())
            return;
        constexpr int Samples = 24;
        auto sample = [](int pe, int k) { return (pe * Samples + k) % 7 - 3; };
        const QString csv = m_streamTmp.filePath(QStringLiteral("stream.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int pe = 0; pe < Width; ++pe) {
            QStringList line;
            for (int k = 0; k < Samples; ++k)
                line << QString::number(sample(pe, k));
            f.write(line.join(QLatin1Char(',')).toUtf8() + '\n');
        }
        f.close();
        HostCopyForm* h2d = m_panel->h2dForm();
        QVERIFY(h2d->selectTarget(QStringLiteral("4")));
        h2d->setRoi(0, 0, Width, 1);
        h2d->setElements(Samples);
        m_panel->setH2dSource(HostCopyRequest::Source::CsvFile, csv);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));
        HostCopyForm* d2h = m_panel->d2hForm();
        QVERIFY(d2h->selectTarget(QStringLiteral("5")));
        QVERIFY(!d2h->selectTarget(QStringLiteral("4"))); // not a device-to-host color
        d2h->setRoi(0, 0, Width, 1);
        d2h->setElements(Samples);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("d2h"))->click(); }, "d2h"));
        HostBlockModel* model = m_panel->resultModel();
        QCOMPARE(model->rowCount(), Width);
        QCOMPARE(model->columnCount(), Samples);
        for (int pe = 0; pe < Width; ++pe) {
            double sum = 0;
            for (int k = 0; k < Samples; ++k) {
                sum += sample(pe, k);
                QCOMPARE(model->data(model->index(pe, k), HostBlockModel::ValueRole).toDouble(),
                         sum);
            }
        }
    }

    void copiesEachShape() {
        // A 4×3 grid with 2 f32 of x per PE (saxpy-row's program, rectangle changed). Each
        // H2D shape writes x over a field of -1 from a different data source; a D2H of the
        // whole grid then shows exactly the PEs the shape reached and the values they got,
        // computed here from the SDK's definition of each call.
        m_tester.reset();
        m_window.reset();
        QString root;
        QString error = examplewindow::copyExample(QStringLiteral("saxpy-row"), m_gridTmp, &root);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(writeFile(root + QStringLiteral("/layout.csl"), GridLayout));
        QFile project(root + QStringLiteral("/tessera.json"));
        QVERIFY(project.open(QIODevice::ReadOnly));
        QByteArray json = project.readAll();
        project.close();
        QVERIFY(json.contains("\"fabricDims\": [11, 3]"));
        json.replace("\"fabricDims\": [11, 3]", "\"fabricDims\": [11, 5]");
        QVERIFY(writeFile(project.fileName(), json));
        error = examplewindow::openWindow(root, &m_window, QSize(1400, 900));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        takePanel();
        if (QTest::currentTestFailed())
            return;
        buildAndLoad();
        if (QTest::currentTestFailed())
            return;

        HostCopyForm* form = m_panel->h2dForm();
        auto* order = form->findChild<QComboBox*>(QStringLiteral("order"));
        auto* rowStride = form->findChild<QSpinBox*>(QStringLiteral("rowStride"));
        QVERIFY(form->selectTarget(QStringLiteral("x")));
        QVERIFY(rowStride->isHidden()); // strides only for a strided copy

        // Row broadcast over columns 1..3, from an expression: PE (px, py) gets row py's block.
        const std::vector<double> rows{10, 11, 20, 21, 30, 31};
        fillX(-1);
        if (QTest::currentTestFailed())
            return;
        form->setShape(hostdata::CopyShape::RowBroadcast);
        form->setRoi(1, 0, 3, GridHeight);
        QVERIFY(rowStride->isHidden());
        QVERIFY(!order->isEnabled()); // the broadcast and strided calls take no order
        QVERIFY2(form->hostArrayText().startsWith(QLatin1String("Host array (3, 1, 2): 6 values")),
                 qPrintable(form->hostArrayText()));
        m_panel->setH2dSource(HostCopyRequest::Source::Expression,
                              QStringLiteral("[10, 11, 20, 21, 30, 31]"));
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));
        QVERIFY(m_panel->logText().contains(QStringLiteral("memcpy_h2d_rowbcast x (1, 0) 3×3")));
        compareX([&](int px, int py, int k) {
            return px >= 1 ? rows[size_t(py * GridElements + k)] : -1.0;
        });
        if (QTest::currentTestFailed())
            return;
        // A count that fits the ROI but not the shape names the call and its host array.
        m_panel->setH2dSource(HostCopyRequest::Source::Expression, QStringLiteral("arange(18)"));
        QVERIFY(!run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d", &error));
        QVERIFY2(error.contains(QLatin1String("the expression gives 18 values, "
                                              "memcpy_h2d_rowbcast needs 6 (its host array "
                                              "(3, 1, 2))")),
                 qPrintable(error));

        // Column broadcast over rows 1..2, from a .npy of shape (w, elements), the SDK's
        // A[w][l]: PE (px, py) gets column px's block.
        std::vector<float> columns;
        for (int px = 0; px < GridWidth; ++px)
            for (int k = 0; k < GridElements; ++k)
                columns.push_back(float(100 + 10 * px + k));
        const QString columnsPath = m_gridTmp.filePath(QStringLiteral("columns.npy"));
        QVERIFY(writeNpyByHand(columnsPath, "(4, 2)", columns));
        fillX(-1);
        if (QTest::currentTestFailed())
            return;
        form->setShape(hostdata::CopyShape::ColBroadcast);
        form->setRoi(0, 1, GridWidth, 2);
        QVERIFY(form->hostArrayText().startsWith(QLatin1String("Host array (1, 4, 2): 8 values")));
        m_panel->setH2dSource(HostCopyRequest::Source::NpyFile, columnsPath);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));
        compareX([&](int px, int py, int k) {
            return py >= 1 ? double(columns[size_t(px * GridElements + k)]) : -1.0;
        });
        if (QTest::currentTestFailed())
            return;

        // Strided over the whole grid, every 2nd row and 3rd column: PEs (0, 0), (3, 0),
        // (0, 2), (3, 2) get the (2, 2, 2) array from a CSV file, row by row.
        const QString csv = m_gridTmp.filePath(QStringLiteral("strided.csv"));
        QVERIFY(writeFile(csv, "1, 2\n3, 4\n5, 6\n7, 8\n"));
        fillX(-1);
        if (QTest::currentTestFailed())
            return;
        form->setShape(hostdata::CopyShape::Strided);
        QVERIFY(!rowStride->isHidden());
        form->setRoi(0, 0, GridWidth, GridHeight);
        form->setStrides(2, 3);
        QVERIFY2(form->hostArrayText().startsWith(QLatin1String("Host array (2, 2, 2): 8 values")),
                 qPrintable(form->hostArrayText()));
        m_panel->setH2dSource(HostCopyRequest::Source::CsvFile, csv);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));
        QVERIFY(m_panel->logText().contains(
            QStringLiteral("memcpy_h2d_stride x (0, 0) 4×3 × 2 f32, strided (row 2, column 3)")));
        compareX([](int px, int py, int k) {
            if (py % 2 != 0 || px % 3 != 0)
                return -1.0;
            const int block = (py / 2) * 2 + px / 3; // row-major over the 2×2 reached PEs
            return double(1 + block * GridElements + k);
        });
        if (QTest::currentTestFailed())
            return;

        // A stride of 0 is refused before anything is sent, naming the field and argument.
        QSignalSpy requested(m_panel, &HostSessionPanel::h2dRequested);
        form->setStrides(0, 3);
        QVERIFY2(form->hostArrayText().contains(
                     QLatin1String("Row stride: memcpy: row_stride must be positive")),
                 qPrintable(form->hostArrayText()));
        m_panel->button(QStringLiteral("h2d"))->click();
        form->setStrides(2, 0);
        m_panel->button(QStringLiteral("h2d"))->click();
        QCOMPARE(requested.count(), 0);
        QVERIFY2(m_panel->logText().contains(QLatin1String(
                     "Copy to device: Row stride: memcpy: row_stride must be positive, got 0.")),
                 qPrintable(m_panel->logText()));
        QVERIFY2(m_panel->logText().contains(QLatin1String(
                     "Copy to device: Column stride: memcpy: col_stride must be positive, "
                     "got 0.")),
                 qPrintable(m_panel->logText()));
        form->setStrides(1, 1);
        form->setShape(hostdata::CopyShape::Box);
        QVERIFY(order->isEnabled());
        QVERIFY(rowStride->isHidden());
    }

    void shapesScreenshot() {
        const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("TESSERA_SCREENSHOT_DIR is not set");
        if (!m_panel->isLoaded())
            QSKIP("copiesEachShape did not load the grid");
        // The Copy to Device tab with each shape, two by two, as a floating dock shows it.
        m_panel->tabs()->setCurrentIndex(0);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_actions->showAction()->trigger();
        m_actions->dock()->setFloating(true);
        for (int i = 0; i < 2; ++i) {
            m_actions->dock()->resize(760, 720);
            QTest::qWait(100);
        }
        HostCopyForm* form = m_panel->h2dForm();
        struct Shot {
            hostdata::CopyShape shape;
            int x, y, w, h;
            QString source;
        };
        const Shot shots[] = {
            {hostdata::CopyShape::Box, 0, 0, GridWidth, GridHeight, QStringLiteral("arange(24)")},
            {hostdata::CopyShape::RowBroadcast, 1, 0, 3, GridHeight,
             QStringLiteral("[10, 11, 20, 21, 30, 31]")},
            {hostdata::CopyShape::ColBroadcast, 0, 1, GridWidth, 2, QStringLiteral("columns.npy")},
            {hostdata::CopyShape::Strided, 0, 0, GridWidth, GridHeight,
             QStringLiteral("strided.csv")}};
        QList<QImage> images;
        for (const Shot& shot : shots) {
            form->setShape(shot.shape);
            form->setRoi(shot.x, shot.y, shot.w, shot.h);
            form->setStrides(2, 3);
            m_panel->setH2dSource(
                shot.shape == hostdata::CopyShape::ColBroadcast ? HostCopyRequest::Source::NpyFile
                : shot.shape == hostdata::CopyShape::Strided    ? HostCopyRequest::Source::CsvFile
                                                             : HostCopyRequest::Source::Expression,
                shot.source);
            QTest::qWait(50);
            images << m_panel->tabs()->grab().toImage();
        }
        QSize cell;
        for (const QImage& image : std::as_const(images))
            cell = cell.expandedTo(image.size());
        QImage sheet(cell.width() * 2 + 12, cell.height() * 2 + 12, QImage::Format_RGB32);
        sheet.fill(m_panel->palette().color(QPalette::Mid));
        QPainter painter(&sheet);
        for (int i = 0; i < images.size(); ++i)
            painter.drawImage(4 + (i % 2) * (cell.width() + 4), 4 + (i / 2) * (cell.height() + 4),
                              images.at(i));
        painter.end();
        QVERIFY(sheet.save(dir + QStringLiteral("/host-session-shapes.png")));
        form->setShape(hostdata::CopyShape::Box);
        m_actions->dock()->setFloating(false);
    }

    void cleanupTestCase() {
        m_tester.reset();
        m_window.reset();
    }

  private:
    // Opens `example` (copied into `tmp`) in a new window and takes the controller, the host
    // session panel and a model tester over its results from it.
    void openExampleWithPanel(const QString& example, const QTemporaryDir& tmp, QString* root) {
        const QString error =
            examplewindow::openExample(example, tmp, root, &m_window, QSize(1400, 900));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        takePanel();
    }

    void takePanel() {
        m_controller = m_window->workbench()->controller();
        m_actions = m_window->findChild<HostSessionActions*>();
        QVERIFY(m_actions);
        m_panel = m_actions->panel();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_panel->resultModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    // The grid of copiesEachShape: x over every PE is `value` (a box copy of a fill).
    void fillX(double value) {
        HostCopyForm* form = m_panel->h2dForm();
        form->setShape(hostdata::CopyShape::Box);
        form->setRoi(0, 0, GridWidth, GridHeight);
        form->setElements(GridElements);
        m_panel->setH2dSource(
            HostCopyRequest::Source::Expression,
            QStringLiteral("full(%1, %2)").arg(GridWidth * GridHeight * GridElements).arg(value));
        QVERIFY(run([this] { m_panel->button(QStringLiteral("h2d"))->click(); }, "h2d"));
    }

    // Reads x of the whole grid back (D2H) and compares every value with expected(px, py, k).
    void compareX(const std::function<double(int, int, int)>& expected) {
        HostCopyForm* form = m_panel->d2hForm();
        QVERIFY(form->selectTarget(QStringLiteral("x")));
        form->setRoi(0, 0, GridWidth, GridHeight);
        form->setElements(GridElements);
        QVERIFY(run([this] { m_panel->button(QStringLiteral("d2h"))->click(); }, "d2h"));
        HostBlockModel* model = m_panel->resultModel();
        QCOMPARE(model->rowCount(), GridWidth * GridHeight);
        for (int py = 0; py < GridHeight; ++py)
            for (int px = 0; px < GridWidth; ++px)
                for (int k = 0; k < GridElements; ++k) {
                    const double got =
                        model->data(model->index(py * GridWidth + px, k), HostBlockModel::ValueRole)
                            .toDouble();
                    QVERIFY2(got == expected(px, py, k),
                             qPrintable(QStringLiteral("PE (%1, %2) x[%3] = %4, expected %5")
                                            .arg(px)
                                            .arg(py)
                                            .arg(k)
                                            .arg(got)
                                            .arg(expected(px, py, k))));
                }
    }

    // Builds the open project; the build must finish and succeed.
    void buildProject() {
        QSignalSpy built(m_controller, &SimController::buildFinished);
        m_window->workbench()->build();
        QVERIFY(built.wait(120000));
        QVERIFY2(built.first().first().toBool(), qPrintable(built.first().at(1).toString()));
    }

    // Builds the open project and loads it into the panel's host session.
    void buildAndLoad() {
        buildProject();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(run([this] { m_panel->button(QStringLiteral("load"))->click(); }, "load"));
    }

    // Clicks (through `act`) and waits for the operation's reply; false (and *error) when
    // it failed or did not come.
    bool run(const std::function<void()>& act, const char* operation, QString* error = nullptr) {
        QSignalSpy finished(m_actions, &HostSessionActions::operationFinished);
        act();
        if (!finished.wait(60000)) {
            qWarning("%s: no reply; log:\n%s", operation, qPrintable(m_panel->logText()));
            return false;
        }
        const QList<QVariant> reply = finished.first();
        if (reply.at(0).toString() != QLatin1String(operation)) {
            qWarning("expected %s, got %s", operation, qPrintable(reply.at(0).toString()));
            return false;
        }
        const QString message = reply.at(1).toString();
        if (error)
            *error = message;
        else if (!message.isEmpty())
            qWarning("%s failed: %s", operation, qPrintable(message));
        return message.isEmpty();
    }

    QTemporaryDir m_tmp;
    QTemporaryDir m_streamTmp; // streaming-io's copy
    QTemporaryDir m_gridTmp;   // copiesEachShape's grid
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    SimController* m_controller = nullptr;
    HostSessionActions* m_actions = nullptr;
    HostSessionPanel* m_panel = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestHostSession)
#include "tst_hostsession.moc"
