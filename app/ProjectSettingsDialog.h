#pragma once

#include "app/Project.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tessera {

// Edits what tessera.json remembers about compiling: the layout file and the cslc
// settings. Shows the resulting cslc command line as it changes.
class ProjectSettingsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ProjectSettingsDialog(const Project& project, QWidget* parent = nullptr);

    // The project with the dialog's values; valid when isValid().
    Project project() const;
    bool isValid() const { return m_error.isEmpty(); }
    QString errorText() const { return m_error; }
    QString commandPreview() const;

    // "name:value,name:value" as cslc's --params takes it; nullopt and an error naming
    // the bad entry otherwise.
    static std::optional<QList<QPair<QString, QString>>> parseParams(const QString& text,
                                                                     QString* error);
    // "name:id,name:id" as cslc's --colors takes it (ids 0..23, each name once); nullopt
    // and an error naming the bad entry otherwise.
    static std::optional<QList<QPair<QString, QString>>> parseColors(const QString& text,
                                                                     QString* error);
    // Colors and buffer widths are cslc flags kept among the extra arguments (so they
    // round-trip through tessera.json and commands scripts as written); these take them
    // out of / put them back into such a list.
    struct FlagFields {
        QString colors;               // --colors value, "" when absent
        int westBuf = 0, eastBuf = 0; // --width-west-buf / --width-east-buf, 0 when absent
        QStringList rest;             // the other extra arguments, in order
    };
    static FlagFields takeFlagFields(const QStringList& extraArgs);
    static QStringList withFlagFields(const FlagFields& fields);

  private:
    void update();

    Project m_project;
    QString m_error;
    QComboBox* m_layout = nullptr;
    QComboBox* m_arch = nullptr;
    QSpinBox* m_fabricWidth = nullptr;
    QSpinBox* m_fabricHeight = nullptr;
    QSpinBox* m_offsetX = nullptr;
    QSpinBox* m_offsetY = nullptr;
    QCheckBox* m_memcpy = nullptr;
    QSpinBox* m_channels = nullptr;
    QLineEdit* m_params = nullptr;
    QLineEdit* m_colors = nullptr;
    QSpinBox* m_westBuf = nullptr;
    QSpinBox* m_eastBuf = nullptr;
    QLineEdit* m_output = nullptr;
    QLineEdit* m_extraArgs = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace tessera
