// Project: tessera.json round trip, defaults for a folder without one, clear errors for
// malformed files, and the cslc command line.

#include "app/Project.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using tessera::CompileSettings;
using tessera::Project;

namespace {
void writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestProject : public QObject {
    Q_OBJECT

  private slots:
    void roundTrip() {
        QTemporaryDir dir;
        writeAll(dir.filePath(QStringLiteral("tessera.json")), R"({
  "version": 1,
  "name": "demo",
  "layout": "src/top.csl",
  "compile": {"arch": "wse3", "fabricDims": [11, 5], "fabricOffsets": [4, 1],
              "memcpy": true, "channels": 2, "params": {"M": 6, "name": "x"},
              "output": "build-out", "extraArgs": ["--verbose"], "futureFlag": 7},
  "openFiles": ["src/top.csl", "run.py"],
  "runScript": {"path": "run.py"}
})");
        QString error;
        std::optional<Project> project = Project::open(dir.path(), &error);
        QVERIFY2(project, qPrintable(error));
        QCOMPARE(project->name(), QStringLiteral("demo"));
        QCOMPARE(project->layoutFile(), QStringLiteral("src/top.csl"));
        QCOMPARE(project->layoutFilePath(), dir.filePath(QStringLiteral("src/top.csl")));
        const CompileSettings compile = project->compile();
        QCOMPARE(compile.arch, QStringLiteral("wse3"));
        QCOMPARE(compile.fabricWidth, 11);
        QCOMPARE(compile.fabricHeight, 5);
        QCOMPARE(compile.channels, 2);
        QCOMPARE(compile.params.size(), 2);
        QCOMPARE(compile.params[0].first, QStringLiteral("M"));
        QCOMPARE(compile.params[0].second, QStringLiteral("6"));
        QCOMPARE(project->openFiles(),
                 (QStringList{QStringLiteral("src/top.csl"), QStringLiteral("run.py")}));

        // Save, read back: same settings, and keys this version does not know survive.
        project->setLayoutFile(QStringLiteral("layout.csl"));
        QVERIFY2(project->save(&error), qPrintable(error));
        std::optional<Project> again =
            Project::open(dir.filePath(QStringLiteral("tessera.json")), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->layoutFile(), QStringLiteral("layout.csl"));
        QVERIFY(again->compile() == compile);
        QCOMPARE(again->toJson(), project->toJson());
        const QJsonObject saved = QJsonDocument::fromJson(readAll(project->filePath())).object();
        QCOMPARE(saved[QStringLiteral("runScript")].toObject()[QStringLiteral("path")].toString(),
                 QStringLiteral("run.py"));
        QCOMPARE(saved[QStringLiteral("compile")].toObject()[QStringLiteral("futureFlag")].toInt(),
                 7);
    }

    void folderWithoutProjectFile() {
        QTemporaryDir dir;
        writeAll(dir.filePath(QStringLiteral("pe.csl")), "fn f() void {}\n");
        writeAll(dir.filePath(QStringLiteral("top.csl")),
                 "const x = 1;\nlayout {\n  @set_rectangle(1, 1);\n}\n");
        QString error;
        std::optional<Project> project = Project::open(dir.path(), &error);
        QVERIFY2(project, qPrintable(error));
        QCOMPARE(project->layoutFile(), QStringLiteral("top.csl"));
        QCOMPARE(project->name(), QFileInfo(dir.path()).fileName());
        QVERIFY(!project->hasFile()); // nothing is written until the project is saved
    }

    void folderWithCommandsScriptCompilesLikeIt() {
        // An SDK-style folder (no tessera.json) builds with its script's params, fabric and
        // colors: with the defaults (8x3, no params) its layout does not compile.
        QString error;
        std::optional<Project> project = Project::open(
            QStringLiteral(TESSERA_SOURCE_DIR "/tests/examples/wide-grid-reduce"), &error);
        QVERIFY2(project, qPrintable(error));
        QVERIFY(!project->hasFile());
        QCOMPARE(project->layoutFile(), QStringLiteral("layout.csl"));
        const QStringList args = project->cslcArguments();
        QVERIFY2(args.contains(QStringLiteral("--fabric-dims=39,18")), qPrintable(args.join(' ')));
        QVERIFY2(args.contains(QStringLiteral("--params=height:16,n:12,width:32")),
                 qPrintable(args.join(' ')));
        QVERIFY2(
            args.contains(QStringLiteral("--colors=row_even:1,row_odd:2,col_even:3,col_odd:4")),
            qPrintable(args.join(' ')));

        QTemporaryDir dir;
        writeAll(dir.filePath(QStringLiteral("top.csl")), "layout {\n}\n");
        writeAll(dir.filePath(QStringLiteral("commands_wse3.sh")),
                 "#!/usr/bin/env bash\nset -e\ncslc --arch=wse3 ./top.csl \\\n"
                 "  --fabric-dims=12,5 --fabric-offsets=4,1 --params=k:3 -o built\n"
                 "cs_python run.py --name built\n");
        project = Project::open(dir.path(), &error);
        QVERIFY2(project, qPrintable(error));
        QCOMPARE(project->layoutFile(), QStringLiteral("top.csl"));
        QCOMPARE(project->compile().arch, QStringLiteral("wse3"));
        QCOMPARE(project->compile().fabricWidth, 12);
        QCOMPARE(project->compile().fabricHeight, 5);
        QCOMPARE(project->compile().outputDir, QStringLiteral("built"));
        QVERIFY(!project->compile().memcpy);

        // A script without a usable cslc line leaves the defaults.
        QVERIFY(project->commandsScriptProblem().isEmpty());
        writeAll(dir.filePath(QStringLiteral("commands_wse3.sh")), "cs_python run.py\n");
        project = Project::open(dir.path(), &error);
        QVERIFY2(project, qPrintable(error));
        QCOMPARE(project->compile(), CompileSettings{});
        QCOMPARE(project->commandsScriptProblem(),
                 QStringLiteral("commands_wse3.sh: no cslc command in the script"));
        // A flag cslc refuses: the problem names the script and its line.
        writeAll(dir.filePath(QStringLiteral("commands_wse2.sh")),
                 "set -e\n\ncslc ./top.csl --fabric-dims=12,5 --no-such-flag -o out\n");
        project = Project::open(dir.path(), &error);
        QVERIFY2(project, qPrintable(error));
        QVERIFY2(project->commandsScriptProblem().startsWith(
                     QStringLiteral("commands_wse2.sh: line 3: ")),
                 qPrintable(project->commandsScriptProblem()));
    }

    void malformedFiles_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray(
                                       "{\n  \"layout\": \"layout.csl\",\n  \"compile\": {,}\n}\n")
                                << QStringLiteral("tessera.json:3:");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("JSON object");
        QTest::newRow("layout type")
            << QByteArray(R"({"layout": 3})") << QStringLiteral("\"layout\"");
        QTest::newRow("layout escapes") << QByteArray(R"({"layout": "../other/layout.csl"})")
                                        << QStringLiteral("inside the project folder");
        QTest::newRow("dims") << QByteArray(R"({"compile": {"fabricDims": [8]}})")
                              << QStringLiteral("compile.fabricDims");
        QTest::newRow("arch") << QByteArray(R"({"compile": {"arch": "wse9"}})")
                              << QStringLiteral("compile.arch");
        QTest::newRow("channels") << QByteArray(R"({"compile": {"channels": 40}})")
                                  << QStringLiteral("compile.channels");
        QTest::newRow("param") << QByteArray(R"({"compile": {"params": {"M": [1]}}})")
                               << QStringLiteral("compile.params.M");
        QTest::newRow("future version")
            << QByteArray(R"({"version": 99})") << QStringLiteral("newer");
    }

    void malformedFiles() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tessera.json"));
        writeAll(path, json);
        QString error;
        QVERIFY(!Project::open(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("tessera.json")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(readAll(path), json); // nothing overwritten
    }

    void missingFolder() {
        QString error;
        QVERIFY(!Project::open(QStringLiteral("/nonexistent/tessera-project"), &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/tessera-project")), qPrintable(error));
    }

    void cslcArgumentsMatchTheExampleScript() {
        QString error;
        std::optional<Project> project = Project::open(
            QStringLiteral(TESSERA_SOURCE_DIR "/resources/examples/gemv-single-pe"), &error);
        QVERIFY2(project, qPrintable(error));
        QCOMPARE(project->cslcArguments(),
                 (QStringList{"--arch=wse2", "layout.csl", "--fabric-dims=8,3",
                              "--fabric-offsets=4,1", "-o", "out", "--memcpy", "--channels=1"}));
        // The same flags the bundled commands_wse2.sh passes.
        const QString script = QString::fromUtf8(readAll(QStringLiteral(
            TESSERA_SOURCE_DIR "/resources/examples/gemv-single-pe/commands_wse2.sh")));
        for (const QString& arg : project->cslcArguments())
            QVERIFY2(script.contains(arg), qPrintable(arg));

        CompileSettings settings = project->compile();
        settings.params = {{QStringLiteral("M"), QStringLiteral("4")},
                           {QStringLiteral("N"), QStringLiteral("6")}};
        settings.memcpy = false;
        project->setCompile(settings);
        QVERIFY(project->cslcArguments().contains(QStringLiteral("--params=M:4,N:6")));
        QVERIFY(!project->cslcArguments().contains(QStringLiteral("--memcpy")));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
