// The file-based corpus: every tests/csl/corpus/*.csl file must produce exactly the
// diagnostics its CHECK lines list (none for a positive case).
// TESSERA_CSL_BLESS=1 rewrites the CHECK lines from the actual output (review the diff).
#include "corpus_runner.h"

#include <QDir>
#include <QTest>

class TstCslCorpus : public QObject {
    Q_OBJECT
  private slots:
    void corpus_data() {
        QTest::addColumn<QString>("path");
        QDir dir(QStringLiteral(TESSERA_SOURCE_DIR "/tests/csl/corpus"));
        const auto files = dir.entryList({QStringLiteral("*.csl")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 100, "the corpus should hold at least 100 cases");
        for (const QString& f : files)
            QTest::newRow(f.toUtf8().constData()) << dir.filePath(f);
    }
    void corpus() {
        QFETCH(QString, path);
        auto r = csl_tests::runCorpusFile(path.toStdString());
        if (!r.passed && qEnvironmentVariableIntValue("TESSERA_CSL_BLESS") == 1) {
            csl_tests::blessCorpusFile(path.toStdString(), r);
            QSKIP("blessed");
        }
        QVERIFY2(r.passed, r.report.c_str());
    }
    void negativeCount() {
        QDir dir(QStringLiteral(TESSERA_SOURCE_DIR "/tests/csl/corpus"));
        int negatives = 0;
        for (const QString& f : dir.entryList({QStringLiteral("*.csl")}, QDir::Files)) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            if (file.readAll().contains("// CHECK-ERROR: "))
                ++negatives;
        }
        QVERIFY2(negatives >= 100,
                 qPrintable(QStringLiteral("only %1 negative cases").arg(negatives)));
    }
};

QTEST_GUILESS_MAIN(TstCslCorpus)
#include "tst_csl_corpus.moc"
