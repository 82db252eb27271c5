// The German and Japanese translations are compiled in and used by the window.

#include "app/MainWindow.h"
#include "app/Translations.h"

#include <QMenuBar>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

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
                                            QStringLiteral("&Projekt"), QStringLiteral("&Ansicht"),
                                            QStringLiteral("B&uild"), QStringLiteral("Aus&führen"),
                                            QStringLiteral("&Hilfe")}));
        QCOMPARE(QCoreApplication::translate("tessera::EditorPane", "Reload"),
                 QStringLiteral("Neu laden"));
    }

    void japanese() {
        QCOMPARE(tessera::installTranslations(QStringLiteral("ja")).language(), QLocale::Japanese);
        QCOMPARE(menuTitles().value(0), QStringLiteral("ファイル(&F)"));
        QCOMPARE(QCoreApplication::translate("tessera::EditorPane", "Reload"),
                 QStringLiteral("再読み込み"));
    }

    void shellStringsAreTranslated() {
        // Every message of the IDE shell (app/ and the editor widgets) has a finished
        // translation. Views other engineers add are translated when they land.
        const QStringList shellContexts{"AutosaveStore",
                                        "Project",
                                        "main",
                                        "tessera::CslEditor",
                                        "tessera::CslLexer",
                                        "tessera::EditorPane",
                                        "tessera::FindReplaceBar",
                                        "tessera::MainWindow",
                                        "tessera::ProjectTreeModel",
                                        "tessera::SettingsDialog",
                                        "tessera::ProjectSettingsDialog"};
        for (const char* language : {"de", "ja"}) {
            QFile ts(QStringLiteral(TESSERA_SOURCE_DIR "/translations/tessera_%1.ts")
                         .arg(QLatin1String(language)));
            QVERIFY(ts.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&ts);
            QString context;
            QString source;
            int checked = 0;
            while (!xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == QLatin1String("name"))
                    context = xml.readElementText();
                else if (xml.name() == QLatin1String("source"))
                    source = xml.readElementText();
                else if (xml.name() == QLatin1String("translation") &&
                         shellContexts.contains(context)) {
                    const bool unfinished = xml.attributes().value(QLatin1String("type")) ==
                                            QLatin1String("unfinished");
                    QVERIFY2(!unfinished,
                             qPrintable(QStringLiteral("%1: %2 / %3")
                                            .arg(QLatin1String(language), context, source)));
                    ++checked;
                }
            }
            QVERIFY(!xml.hasError());
            QVERIFY2(checked > 100, language);
        }
    }

    void englishIsTheSource() {
        tessera::installTranslations(QStringLiteral("en"));
        QCOMPARE(menuTitles().value(0), QStringLiteral("&File"));
    }

    // English carries only plural forms: "1 line", "2 lines", never "line(s)"; a language
    // without a translation (French) shows the same English texts.
    void englishPluralForms_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("fr") << QStringLiteral("fr");
    }
    void englishPluralForms() {
        QFETCH(QString, language);
        tessera::installTranslations(language);
        const auto lines = [](int n) {
            return QCoreApplication::translate("tessera::SimprintConsole", "%n line(s)", nullptr,
                                               n);
        };
        QCOMPARE(lines(1), QStringLiteral("1 line"));
        QCOMPARE(lines(3), QStringLiteral("3 lines"));
        QCOMPARE(
            QCoreApplication::translate("tessera::FindReplaceBar", "%n replacement(s)", nullptr, 1),
            QStringLiteral("1 replacement"));
        QCOMPARE(menuTitles().value(0), QStringLiteral("&File"));
    }

    // Every plural message of the IDE (those lupdate put in the German file) has both English
    // forms filled in.
    void everyPluralMessageHasEnglishForms() {
        const auto pluralSources = [](const QString& language, int* filledForms) {
            QFile ts(
                QStringLiteral(TESSERA_SOURCE_DIR "/translations/tessera_%1.ts").arg(language));
            if (!ts.open(QIODevice::ReadOnly))
                return QSet<QString>{QStringLiteral("<cannot open %1>").arg(ts.fileName())};
            QXmlStreamReader xml(&ts);
            QSet<QString> sources;
            bool plural = false;
            while (!xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == QLatin1String("message"))
                    plural =
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                else if (xml.name() == QLatin1String("source") && plural)
                    sources.insert(xml.readElementText());
                else if (xml.name() == QLatin1String("numerusform") && filledForms) {
                    const QString text = xml.readElementText();
                    if (!text.isEmpty() && !text.contains(QLatin1String("(s)")))
                        ++*filledForms;
                }
            }
            return sources;
        };
        int filled = 0;
        const QSet<QString> english = pluralSources(QStringLiteral("en"), &filled);
        QCOMPARE(english, pluralSources(QStringLiteral("de"), nullptr));
        QCOMPARE(filled, 2 * int(english.size()));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
