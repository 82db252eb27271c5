// Measures semantic live diagnostics: the time from the last keystroke to the editor marks
// of an error only the project compile finds (an undeclared identifier in a comptime
// block appended to a tile file), through a real MainWindow. Prints, per program, the
// median and worst keystroke-to-marks time, its ratio to the debounce, the compile alone
// (of the text with the error, and of the clean text typed back) and the largest gap of a
// 5 ms GUI timer while it ran (the GUI thread never waits).
//   live_latency [runs] [EXAMPLE | CORPUS.csl]...   (QT_QPA_PLATFORM=offscreen headless)
// EXAMPLE is a bundled example (resources/examples); CORPUS.csl a tests/csl/corpus file,
// split into its files (// FILE:) and compiled with its // ARGS: flags.
#include "app/IdeWorkbench.h"
#include "app/LiveDiagnostics.h"
#include "app/MainWindow.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorDiagnostics.h"
#include "widgets/EditorPane.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace tessera;

namespace {

// Runs the event loop until `done` holds (checked on every GUI change and every 5 ms).
bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// A corpus file as a project folder: the first section is layout.csl.
QString corpusProject(const QString& path, const QString& dir, QString* error) {
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + in.errorString();
        return {};
    }
    QString name = QStringLiteral("layout.csl");
    QString text;
    QJsonObject compile{{QStringLiteral("memcpy"), false}};
    auto flush = [&] {
        QFile out(dir + QLatin1Char('/') + name);
        if (out.open(QIODevice::WriteOnly))
            out.write(text.toUtf8());
        text.clear();
    };
    for (const QString& line : QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("// FILE: "))) {
            flush();
            name = line.mid(9).trimmed();
            continue;
        }
        if (line.startsWith(QLatin1String("// ARGS: ")) && line.contains(QLatin1String("wse3")))
            compile.insert(QStringLiteral("arch"), QStringLiteral("wse3"));
        text += line + QLatin1Char('\n');
    }
    flush();
    QJsonObject project{{QStringLiteral("version"), 1},
                        {QStringLiteral("layout"), QStringLiteral("layout.csl")},
                        {QStringLiteral("compile"), compile}};
    QFile json(dir + QStringLiteral("/tessera.json"));
    if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(project).toJson()) < 0) {
        *error = json.fileName() + QStringLiteral(": ") + json.errorString();
        return {};
    }
    return dir;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 7;
    if (!args.isEmpty() && args.first().toInt() > 0)
        runs = args.takeFirst().toInt();
    if (args.isEmpty())
        args << QStringLiteral("gemv-single-pe");
    const QString probeLine = QStringLiteral("comptime { const probe: i16 = latency_probe; }");
    std::printf("%-30s %6s %10s %10s %6s %10s %10s %8s\n", "program", "lines", "marks_med",
                "marks_max", "ratio", "compile", "clean", "gui_gap");
    for (const QString& target : std::as_const(args)) {
        QTemporaryDir tmp;
        QString error;
        const QString root = target.endsWith(QLatin1String(".csl"))
                                 ? corpusProject(target, tmp.path(), &error)
                                 : MainWindow::copyExample(target, tmp.path(), &error);
        MainWindow window;
        if (root.isEmpty() || !window.openProject(root, &error)) {
            std::fprintf(stderr, "live_latency: %s: %s\n", qPrintable(target), qPrintable(error));
            return 2;
        }
        IdeWorkbench* bench = window.workbench();
        auto* live = bench->findChild<LiveDiagnostics*>();
        // Type in the largest .csl file of the project (a tile file in every example).
        QFileInfoList files =
            QDir(root).entryInfoList({QStringLiteral("*.csl")}, QDir::Files, QDir::Size);
        int lines = 0;
        for (const QFileInfo& f : files) {
            QFile file(f.absoluteFilePath());
            if (file.open(QIODevice::ReadOnly))
                lines += int(file.readAll().count('\n'));
        }
        EditorPane* pane = window.openFile(files.first().absoluteFilePath(), &error);
        if (!pane) {
            std::fprintf(stderr, "live_latency: %s\n", qPrintable(error));
            return 2;
        }
        const QString good = pane->editor()->text();
        qint64 compileMs = 0;
        int compiles = 0;
        QObject::connect(live, &LiveDiagnostics::compileFinished, [&](qint64 ms) {
            compileMs = ms;
            ++compiles;
        });
        auto marked = [&] {
            const auto& items = bench->editorDiagnostics(pane)->diagnostics();
            return std::any_of(items.cbegin(), items.cend(), [](const DiagnosticItem& d) {
                return d.message.contains(QLatin1String("latency_probe"));
            });
        };
        auto settle = [&] {
            const int before = compiles;
            pane->editor()->setText(good);
            return waitUntil([&] { return compiles > before && !live->isCompiling(); }, 300000);
        };
        if (!settle()) { // warm-up: libraries parsed once, caches filled
            std::fprintf(stderr, "live_latency: %s: no live compile\n", qPrintable(target));
            return 1;
        }
        std::vector<double> marks, compilesMs, cleanMs;
        double worstGap = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer clock;
            clock.start();
            qint64 lastTick = 0;
            QTimer probe;
            probe.setInterval(5);
            QObject::connect(&probe, &QTimer::timeout, [&] {
                const qint64 now = clock.nsecsElapsed();
                worstGap = std::max(worstGap, double(now - lastTick) / 1e6);
                lastTick = now;
            });
            probe.start();
            pane->editor()->append(QLatin1Char('\n') + probeLine + QLatin1Char('\n'));
            if (!waitUntil(marked, 300000)) {
                std::fprintf(stderr, "live_latency: %s: the error was never marked\n",
                             qPrintable(target));
                return 1;
            }
            marks.push_back(double(clock.nsecsElapsed()) / 1e6);
            probe.stop();
            compilesMs.push_back(double(compileMs));
            if (!settle())
                return 1;
            cleanMs.push_back(double(compileMs));
        }
        const double med = median(marks);
        std::printf("%-30s %6d %8.0fms %8.0fms %6.2f %8.0fms %8.0fms %6.0fms\n",
                    qPrintable(QFileInfo(target).fileName()), lines, med,
                    *std::max_element(marks.begin(), marks.end()),
                    med / IdeWorkbench::LiveCheckDelayMs, median(compilesMs), median(cleanMs),
                    worstGap);
        for (EditorPane* p : window.panes())
            p->editor()->setModified(false);
    }
    std::printf("debounce %d ms (a coarse timer: may fire 5%% early); marks = keystroke to editor "
                "marks (median of %d); ratio = marks / debounce; compile = csl::compile of the "
                "text with the error, clean = of the fixed text (medians); gui_gap = largest gap "
                "of a 5 ms GUI timer\n",
                IdeWorkbench::LiveCheckDelayMs, runs);
    return 0;
}
