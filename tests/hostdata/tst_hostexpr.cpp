// The typed-expression language of the host session: functions, arithmetic, lists and
// errors that name the column.
#include "backend/hostdata/hostexpr.h"

#include <QTest>

#include <cmath>

using namespace hostdata;
using Values = std::vector<double>;

class TestHostExpr : public QObject {
    Q_OBJECT
  private slots:
    void evaluates_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Values>("expected");
        QTest::newRow("number") << "2.5" << Values{2.5};
        QTest::newRow("arange stop") << "arange(4)" << Values{0, 1, 2, 3};
        QTest::newRow("arange start stop") << "arange(2, 5)" << Values{2, 3, 4};
        QTest::newRow("arange step") << "arange(0, 1, 0.25)" << Values{0, 0.25, 0.5, 0.75};
        QTest::newRow("arange down") << "arange(3, 0, -1)" << Values{3, 2, 1};
        QTest::newRow("arange empty") << "arange(5, 1)" << Values{};
        QTest::newRow("zeros") << "zeros(3)" << Values{0, 0, 0};
        QTest::newRow("ones times") << "ones(3)*2.5" << Values{2.5, 2.5, 2.5};
        QTest::newRow("full") << "full(2, -7)" << Values{-7, -7};
        QTest::newRow("linspace") << "linspace(0, 1, 5)" << Values{0, 0.25, 0.5, 0.75, 1};
        QTest::newRow("linspace one") << "linspace(3, 9, 1)" << Values{3};
        QTest::newRow("list") << "[1, 2, 3]" << Values{1, 2, 3};
        QTest::newRow("empty list") << "[]" << Values{};
        QTest::newRow("list concatenates") << "[zeros(2), 5, arange(2)]" << Values{0, 0, 5, 0, 1};
        QTest::newRow("precedence") << "1 + 2 * 3" << Values{7};
        QTest::newRow("parentheses") << "(1 + 2) * 3" << Values{9};
        QTest::newRow("unary minus") << "-arange(3) - 1" << Values{-1, -2, -3};
        QTest::newRow("array with array") << "arange(3) * [2, 4, 6] / 2" << Values{0, 2, 6};
        QTest::newRow("repeat") << "repeat([1, 2], 2)" << Values{1, 1, 2, 2};
        QTest::newRow("tile") << "tile([1, 2], 2)" << Values{1, 2, 1, 2};
        QTest::newRow("exponent") << "1e3 + .5" << Values{1000.5};
        QTest::newRow("spaces") << "  arange ( 0 , 2 )  " << Values{0, 1};
    }
    void evaluates() {
        QFETCH(QString, text);
        QFETCH(Values, expected);
        QCOMPARE(evaluateExpression(text.toStdString()), expected);
    }

    void knowsPi() {
        const Values v = evaluateExpression("pi * 2");
        QCOMPARE(v.size(), size_t(1));
        QVERIFY(std::abs(v[0] - 6.283185307179586) < 1e-15);
    }

    void errorsNameTheColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty") << "" << 1 << "empty expression";
        QTest::newRow("unknown name") << "1 + arnge(3)" << 5 << "unknown name 'arnge'";
        QTest::newRow("unclosed call") << "zeros(3" << 8 << "expected ')'";
        QTest::newRow("unclosed list") << "[1, 2" << 6 << "expected ']'";
        QTest::newRow("trailing junk") << "arange(3) 4" << 11 << "unexpected '4'";
        QTest::newRow("length mismatch") << "arange(3) + arange(4)" << 11 << "same length";
        QTest::newRow("array as count") << "zeros([1, 2])" << 7 << "must be a number";
        QTest::newRow("fraction count") << "ones(2.5)" << 6 << "whole number";
        QTest::newRow("negative count") << "ones(-1)" << 6 << "whole number";
        QTest::newRow("zero step") << "arange(0, 4, 0)" << 14 << "step must not be 0";
        QTest::newRow("arity") << "linspace(0, 1)" << 1 << "takes 3 argument(s), got 2";
        QTest::newRow("too large") << "zeros(1e9)" << 7 << "at most";
        QTest::newRow("stray symbol") << "1 + $" << 5 << "unexpected '$'";
        QTest::newRow("missing operand") << "2 *" << 4 << "found the end";
    }
    void errorsNameTheColumn() {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, words);
        try {
            evaluateExpression(text.toStdString());
            QFAIL("no error");
        } catch (const ExprError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(words), e.what());
            QCOMPARE(int(e.column()), column);
            QVERIFY(
                QString::fromUtf8(e.what()).startsWith(QStringLiteral("column %1: ").arg(column)));
        }
    }
};

QTEST_APPLESS_MAIN(TestHostExpr)
#include "tst_hostexpr.moc"
