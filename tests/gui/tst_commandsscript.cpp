// Import and export of commands_wse2.sh-style scripts (project settings from a cslc line).
#include "app/CommandsScript.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestCommandsScript : public QObject {
    Q_OBJECT
  private slots:
    void importsTheCslcLine() {
        QString error;
        const auto s = importCommandsScript(
            QStringLiteral("#!/usr/bin/env bash\n"
                           "set -e\n"
                           "# cslc --arch=wse3 comment.csl\n"
                           "cslc --arch=wse3 ./layout.csl --fabric-dims=11,5 \\\n"
                           "  --fabric-offsets=4,1 --params=width:3,height:2 \\\n"
                           "  --colors=c:3 -o out2 --memcpy --channels=2\n"
                           "cs_python run.py --name out2\n"),
            &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->layoutFile, QStringLiteral("layout.csl"));
        QCOMPARE(s->compile.arch, QStringLiteral("wse3"));
        QCOMPARE(s->compile.fabricWidth, 11);
        QCOMPARE(s->compile.fabricHeight, 5);
        QCOMPARE(s->compile.fabricOffsetX, 4);
        QCOMPARE(s->compile.fabricOffsetY, 1);
        QCOMPARE(s->compile.params.size(), 2);
        QCOMPARE(s->compile.params.first(),
                 qMakePair(QStringLiteral("height"), QStringLiteral("2")));
        QVERIFY(s->compile.memcpy);
        QCOMPARE(s->compile.channels, 2);
        QCOMPARE(s->compile.outputDir, QStringLiteral("out2"));
        QCOMPARE(s->compile.extraArgs, QStringList{QStringLiteral("--colors=c:3")});
        QCOMPARE(s->hostCommand, QStringLiteral("cs_python run.py --name out2"));
        QCOMPARE(s->hostScript, QStringLiteral("run.py"));
        QVERIFY(s->hostArgs.isEmpty());
    }

    // The host command's own arguments are kept for Run (game-of-life's --iters 10); the
    // --name and --cmaddr the IDE gives are not, in either spelling.
    void hostCommandArguments_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("after --name") << "cs_python run.py --name out --iters 10"
                                      << "run.py" << QStringList{"--iters", "10"};
        QTest::newRow("before and =") << "cs_python ./host/run.py --verbose --name=out "
                                         "--cmaddr 1.2.3.4:9000 --size 'a b'"
                                      << "host/run.py" << QStringList{"--verbose", "--size", "a b"};
        QTest::newRow("none") << "cs_python run.py --name out"
                              << "run.py" << QStringList{};
        // bash would refuse the line too: Run falls back to run.py without arguments.
        QTest::newRow("unbalanced quote") << "cs_python run.py --name out --label 'open"
                                          << "" << QStringList{};
    }
    void hostCommandArguments() {
        QFETCH(QString, line);
        QFETCH(QString, script);
        QFETCH(QStringList, args);
        QString error;
        const auto s =
            importCommandsScript(QStringLiteral("cslc ./layout.csl --fabric-dims=8,3 -o out\n") +
                                     line + QLatin1Char('\n'),
                                 &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->hostScript, script);
        QCOMPARE(s->hostArgs, args);
    }

    void badScriptsNameTheProblem() {
        QString error;
        QVERIFY(!importCommandsScript(QStringLiteral("echo hi\n"), &error));
        QVERIFY(error.contains(QStringLiteral("no cslc")));
        QVERIFY(
            !importCommandsScript(QStringLiteral("\ncslc layout.csl --fabric-dimz=3,3\n"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("line 2:")) &&
                     error.contains(QStringLiteral("--fabric-dimz")),
                 qPrintable(error));
        QVERIFY(!importCommandsScript(QStringLiteral("cslc --memcpy --channels=1\n"), &error));
        QVERIFY(error.contains(QStringLiteral(".csl")));
    }

    void exportRoundTrips() {
        QTemporaryDir dir;
        QString error;
        auto project = Project::open(dir.path(), &error);
        QVERIFY2(project, qPrintable(error));
        CompileSettings c = project->compile();
        c.params = {{QStringLiteral("n"), QStringLiteral("4")}};
        c.extraArgs = {QStringLiteral("--width-west-buf=2")};
        project->setCompile(c);
        const QString script = exportCommandsScript(*project);
        QVERIFY(script.contains(QStringLiteral("cs_python run.py --name out")));
        const auto back = importCommandsScript(script, &error);
        QVERIFY2(back, qPrintable(error + script));
        QCOMPARE(back->layoutFile, project->layoutFile());
        QCOMPARE(back->compile, c);
    }
};

QTEST_MAIN(TestCommandsScript)
#include "tst_commandsscript.moc"
