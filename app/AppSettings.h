#pragma once

#include <QFont>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace tessera {

enum class Theme { Light, Dark };

// Typed access to the user's preferences (QSettings, so tests isolate them with
// QStandardPaths::setTestModeEnabled).
class AppSettings {
  public:
    static constexpr int MaxRecentProjects = 8;

    QFont editorFont() const;
    void setEditorFont(const QFont& font);

    Theme theme() const;
    void setTheme(Theme theme);

    // "" follows the system locale; otherwise a language code such as "de" or "ja".
    QString language() const;
    void setLanguage(const QString& code);

    // Most recent first; folders that no longer exist are dropped on read.
    QStringList recentProjects() const;
    void addRecentProject(const QString& folder);
    void removeRecentProject(const QString& folder);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

    void sync() { m_settings.sync(); }

  private:
    QSettings m_settings;
};

// Applies the light or dark palette to the whole application (Fusion style, so both
// look the same on every platform).
void applyTheme(Theme theme);

} // namespace tessera
