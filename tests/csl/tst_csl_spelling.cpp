// csl::closestSpellings / didYouMean: the "did you mean" of compiler diagnostics and cslc's
// flags.
#include "backend/csl/diag/spelling.h"

#include <QtTest>

namespace {

class TstCslSpelling : public QObject {
    Q_OBJECT
  private slots:
    void editDistanceCountsSingleCharacterEdits() {
        QCOMPARE(csl::editDistance("fmac", "fmacs"), size_t(1));
        QCOMPARE(csl::editDistance("extents", "extent"), size_t(1));
        QCOMPARE(csl::editDistance("secnd", "second"), size_t(1));
        QCOMPARE(csl::editDistance("gevm", "gemv"), size_t(1));
        QCOMPARE(csl::editDistance("abc", "abc"), size_t(0));
        QCOMPARE(csl::editDistance("", "abc"), size_t(3));
    }
    void hints_data() {
        QTest::addColumn<QString>("wrong");
        QTest::addColumn<QStringList>("candidates");
        QTest::addColumn<QString>("hint");
        const QStringList fields = {"async", "activate", "unblock", "ut_id", "priority"};
        QTest::newRow("one edit") << "asynk" << fields << "; did you mean 'async'?";
        QTest::newRow("two edits in a long name")
            << "activte_" << fields << "; did you mean 'activate'?";
        QTest::newRow("three edits are too many") << "acktivatte_" << fields << "";
        QTest::newRow("another case is nearest")
            << "ramp" << QStringList{"RAMP", "amp", "rams"} << "; did you mean 'RAMP'?";
        QTest::newRow("ties are all named, sorted")
            << "@fmac" << QStringList{"@fmacs", "@fmach", "@map"}
            << "; did you mean '@fmach' or '@fmacs'?";
        QTest::newRow("more than three ties say nothing")
            << "pos" << QStringList{"pos1", "pos2", "pos3", "pos4"} << "";
        QTest::newRow("short names need the same letters") << "y" << QStringList{"f", "x"} << "";
        QTest::newRow("the name itself is no hint") << "tx" << QStringList{"tx"} << "";
        QTest::newRow("nothing near") << "colour_config" << fields << "";
    }
    void hints() {
        QFETCH(QString, wrong);
        QFETCH(QStringList, candidates);
        QFETCH(QString, hint);
        std::vector<std::string> owned;
        for (const QString& c : candidates)
            owned.push_back(c.toStdString());
        const std::vector<std::string_view> views(owned.begin(), owned.end());
        QCOMPARE(QString::fromStdString(csl::didYouMean(wrong.toStdString(), views)), hint);
    }
};

} // namespace

QTEST_APPLESS_MAIN(TstCslSpelling)
#include "tst_csl_spelling.moc"
