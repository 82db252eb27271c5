// The German and Japanese translations are compiled in and used by the window.

#include "app/MainWindow.h"
#include "app/Translations.h"

#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>

class TestTranslations : public QObject {
    Q_OBJECT

    static QStringList menuTitles() {
        tessera::MainWindow window;
        QStringList titles;
        for (QAction* action : window.menuBar()->actions())
            titles << action->text();
        return titles;
    }

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    }

    void shippedLanguages() {
        QCOMPARE(tessera::availableLanguages(),
                 (QStringList{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("ja")}));
    }

    void german() {
        QCOMPARE(tessera::installTranslations(QStringLiteral("de")).language(), QLocale::German);
        QCOMPARE(menuTitles(), (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                                            QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")}));
        QCOMPARE(QCoreApplication::translate("tessera::EditorPane", "Reload"),
                 QStringLiteral("Neu laden"));
    }

    void japanese() {
        QCOMPARE(tessera::installTranslations(QStringLiteral("ja")).language(), QLocale::Japanese);
        QCOMPARE(menuTitles().value(0), QStringLiteral("ファイル(&F)"));
        QCOMPARE(QCoreApplication::translate("tessera::EditorPane", "Reload"),
                 QStringLiteral("再読み込み"));
    }

    void everyStringIsTranslated() {
        // Both .ts files are complete: no message left unfinished.
        for (const char* language : {"de", "ja"}) {
            QFile ts(QStringLiteral(TESSERA_SOURCE_DIR "/translations/tessera_%1.ts")
                         .arg(QLatin1String(language)));
            QVERIFY(ts.open(QIODevice::ReadOnly));
            const QByteArray text = ts.readAll();
            QVERIFY2(text.count("<message") > 100, language);
            QVERIFY2(!text.contains("type=\"unfinished\""), language);
        }
    }

    void englishIsTheSource() {
        tessera::installTranslations(QStringLiteral("en"));
        QCOMPARE(menuTitles().value(0), QStringLiteral("&File"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
