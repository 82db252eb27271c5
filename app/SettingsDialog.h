#pragma once

#include "app/AppSettings.h"

#include <QDialog>

class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace tessera {

// Preferences: editor font and size, light or dark theme, UI language.
class SettingsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit SettingsDialog(AppSettings& settings, QWidget* parent = nullptr);

    // Writes the choices to the settings; returns true when the language changed (which
    // takes effect at the next start).
    bool apply();

  private:
    AppSettings& m_settings;
    QFontComboBox* m_font = nullptr;
    QSpinBox* m_fontSize = nullptr;
    QComboBox* m_theme = nullptr;
    QComboBox* m_language = nullptr;
};

} // namespace tessera
