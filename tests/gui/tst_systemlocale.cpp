// With no language chosen in Settings, the UI follows the system locale. ctest runs this
// program with LC_ALL=de_DE.UTF-8 (see CMakeLists.txt).

#include "app/MainWindow.h"
#include "app/Translations.h"

#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>

class TestSystemLocale : public QObject {
    Q_OBJECT

  private slots:
    void followsLocaleUnlessOverridden() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("tst_systemlocale"));
        if (QLocale::system().language() != QLocale::German)
            QSKIP("run through ctest, which sets LC_ALL=de_DE.UTF-8");
        QCOMPARE(tessera::installTranslations(QString()).language(), QLocale::German);
        {
            tessera::MainWindow window;
            QCOMPARE(window.menuBar()->actions().value(0)->text(), QStringLiteral("&Datei"));
        }
        // The setting wins over the locale.
        QCOMPARE(tessera::installTranslations(QStringLiteral("ja")).language(), QLocale::Japanese);
        tessera::MainWindow window;
        QCOMPARE(window.menuBar()->actions().value(0)->text(), QStringLiteral("ファイル(&F)"));
    }
};

QTEST_MAIN(TestSystemLocale)
#include "tst_systemlocale.moc"
