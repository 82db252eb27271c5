// SimControls on its own (offscreen): the cycle label states a rate only when one was
// measured; a paused or finished session showed "0 cycles/s", which reads as a stall.
#include "widgets/SimControls.h"

#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace tessera;

class TestSimControls : public QObject {
    Q_OBJECT

  private slots:
    void cycleLabelShowsARateOnlyWhileMeasured() {
        SimControls controls;
        QCOMPARE(controls.cycleText(), QStringLiteral("Cycle 0"));
        controls.setCycle(1200, 3456.4);
        QCOMPARE(controls.cycleText(), QStringLiteral("Cycle %1 · %2 cycles/s")
                                           .arg(QLocale().toString(1200))
                                           .arg(QLocale().toString(3456)));
        controls.setCycle(1250, 0);
        QCOMPARE(controls.cycleText(), QStringLiteral("Cycle %1").arg(QLocale().toString(1250)));
    }

    // The empty breakpoint list says how to fill it; the hint is no breakpoint (Remove
    // with it current changes nothing) and goes when one is added.
    void emptyBreakpointListShowsAHint() {
        SimControls controls;
        auto* list = controls.findChild<QListWidget*>();
        QVERIFY(list);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(QStringLiteral("Add")));
        QCOMPARE(list->item(0)->flags(), Qt::NoItemFlags);
        list->setCurrentRow(0);
        QSignalSpy changed(&controls, &SimControls::breakpointsChanged);
        clickButton(controls, QStringLiteral("Remove"));
        QCOMPARE(changed.count(), 0);
        clickButton(controls, QStringLiteral("Add"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("cycle 0"));
        QVERIFY(list->item(0)->flags() & Qt::ItemIsSelectable);
    }

  private:
    static void clickButton(SimControls& controls, const QString& text) {
        for (QPushButton* button : controls.findChildren<QPushButton*>())
            if (button->text() == text) {
                button->click();
                return;
            }
        QFAIL(qPrintable(text));
    }
};

QTEST_MAIN(TestSimControls)
#include "tst_simcontrols.moc"
