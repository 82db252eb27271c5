#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace tessera {

// Language codes with a translation shipped in the binary (English is the source).
QStringList availableLanguages();

// Installs Qt's and Tessera's translators for `language` ("" follows the system locale),
// replacing ones installed before. Returns the locale the UI now uses.
QLocale installTranslations(const QString& language);

} // namespace tessera
