#include "app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace tessera {

QStringList availableLanguages() {
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("ja")};
}

QLocale installTranslations(const QString& language) {
    static std::unique_ptr<QTranslator> qtTranslator;
    static std::unique_ptr<QTranslator> appTranslator;
    for (auto* translator : {qtTranslator.get(), appTranslator.get()})
        if (translator)
            QCoreApplication::removeTranslator(translator);
    qtTranslator = std::make_unique<QTranslator>();
    appTranslator = std::make_unique<QTranslator>();

    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    // qt_add_translations embeds the .qm files under ":/i18n".
    // A language without a translation shows the English texts, which still need the
    // English plural forms ("1 line", "2 lines").
    if (appTranslator->load(locale, QStringLiteral("tessera"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")) ||
        appTranslator->load(QLocale(QLocale::English), QStringLiteral("tessera"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(appTranslator.get());
    // Qt's own strings (standard dialog buttons), when the system has them installed.
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator.get());
    return locale;
}

} // namespace tessera
