#include "app/AppSettings.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace tessera {

namespace {
const QString EditorFontKey = QStringLiteral("editor/font");
const QString EditorFontSizeKey = QStringLiteral("editor/fontSize");
const QString ThemeKey = QStringLiteral("ui/theme");
const QString LanguageKey = QStringLiteral("ui/language");
const QString RecentKey = QStringLiteral("projects/recent");
const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
} // namespace

QFont AppSettings::editorFont() const {
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QString family = m_settings.value(EditorFontKey).toString();
    if (!family.isEmpty())
        font.setFamily(family);
    const int size = m_settings.value(EditorFontSizeKey, 0).toInt();
    if (size >= 6 && size <= 72)
        font.setPointSize(size);
    return font;
}

void AppSettings::setEditorFont(const QFont& font) {
    m_settings.setValue(EditorFontKey, font.family());
    m_settings.setValue(EditorFontSizeKey, font.pointSize());
}

Theme AppSettings::theme() const {
    return m_settings.value(ThemeKey).toString() == QLatin1String("dark") ? Theme::Dark
                                                                          : Theme::Light;
}

void AppSettings::setTheme(Theme theme) {
    m_settings.setValue(ThemeKey,
                        theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light"));
}

QString AppSettings::language() const {
    return m_settings.value(LanguageKey).toString();
}

void AppSettings::setLanguage(const QString& code) {
    m_settings.setValue(LanguageKey, code);
}

QStringList AppSettings::recentProjects() const {
    QStringList existing;
    for (const QString& folder : m_settings.value(RecentKey).toStringList())
        if (QFileInfo(folder).isDir())
            existing << folder;
    return existing;
}

void AppSettings::addRecentProject(const QString& folder) {
    const QString path = QDir(folder).absolutePath();
    QStringList list = m_settings.value(RecentKey).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > MaxRecentProjects)
        list.removeLast();
    m_settings.setValue(RecentKey, list);
}

void AppSettings::removeRecentProject(const QString& folder) {
    QStringList list = m_settings.value(RecentKey).toStringList();
    list.removeAll(QDir(folder).absolutePath());
    m_settings.setValue(RecentKey, list);
}

QByteArray AppSettings::windowGeometry() const {
    return m_settings.value(GeometryKey).toByteArray();
}
QByteArray AppSettings::windowState() const {
    return m_settings.value(StateKey).toByteArray();
}

void AppSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state) {
    m_settings.setValue(GeometryKey, geometry);
    m_settings.setValue(StateKey, state);
}

void applyTheme(Theme theme) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (theme == Theme::Light) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QPalette dark;
    const QColor window(0x2b, 0x2f, 0x36);
    const QColor base(0x23, 0x27, 0x2e);
    const QColor text(0xdc, 0xdf, 0xe4);
    const QColor disabled(0x7f, 0x84, 0x8e);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::AlternateBase, window);
    dark.setColor(QPalette::ToolTipBase, base);
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::PlaceholderText, disabled);
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::Button, window);
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::BrightText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x61, 0xaf, 0xef));
    dark.setColor(QPalette::Highlight, QColor(0x3e, 0x6b, 0xb0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Mid, QColor(0x1d, 0x20, 0x25));
    dark.setColor(QPalette::Dark, QColor(0x1b, 0x1e, 0x23));
    dark.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x48));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, disabled);
    QApplication::setPalette(dark);
}

} // namespace tessera
