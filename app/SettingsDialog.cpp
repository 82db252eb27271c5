#include "app/SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tessera {

SettingsDialog::SettingsDialog(AppSettings& settings, QWidget* parent)
    : QDialog(parent), m_settings(settings) {
    setWindowTitle(tr("Settings"));
    const QFont font = settings.editorFont();
    m_font = new QFontComboBox(this);
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(font);
    m_fontSize = new QSpinBox(this);
    m_fontSize->setRange(6, 72);
    m_fontSize->setValue(font.pointSize() > 0 ? font.pointSize() : 10);
    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Light"), int(Theme::Light));
    m_theme->addItem(tr("Dark"), int(Theme::Dark));
    m_theme->setCurrentIndex(settings.theme() == Theme::Dark ? 1 : 0);
    m_language = new QComboBox(this);
    m_language->addItem(tr("System default"), QString());
    // Each language is named in itself, so it can be found whatever the UI language is.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("日本語"), QStringLiteral("ja"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language())));

    auto* form = new QFormLayout;
    form->addRow(tr("Editor font:"), m_font);
    form->addRow(tr("Font size:"), m_fontSize);
    form->addRow(tr("Theme:"), m_theme);
    form->addRow(tr("Language:"), m_language);
    auto* note = new QLabel(tr("A new language takes effect when Tessera is restarted."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

bool SettingsDialog::apply() {
    QFont font = m_font->currentFont();
    font.setPointSize(m_fontSize->value());
    m_settings.setEditorFont(font);
    m_settings.setTheme(Theme(m_theme->currentData().toInt()));
    const QString language = m_language->currentData().toString();
    const bool languageChanged = language != m_settings.language();
    m_settings.setLanguage(language);
    return languageChanged;
}

} // namespace tessera
