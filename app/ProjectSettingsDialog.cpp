#include "app/ProjectSettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tessera {

namespace {
QSpinBox* spinBox(QWidget* parent, const char* name, int minimum, int maximum, int value) {
    auto* box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}
} // namespace

ProjectSettingsDialog::ProjectSettingsDialog(const Project& project, QWidget* parent)
    : QDialog(parent), m_project(project) {
    setWindowTitle(tr("Compile Settings — %1").arg(project.name()));
    const CompileSettings compile = project.compile();

    m_layout = new QComboBox(this);
    m_layout->setObjectName(QStringLiteral("layoutFile"));
    m_layout->setEditable(true);
    QDirIterator it(project.rootDir(), {QStringLiteral("*.csl")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList cslFiles;
    while (it.hasNext())
        cslFiles << QDir(project.rootDir()).relativeFilePath(it.next());
    cslFiles.sort();
    m_layout->addItems(cslFiles);
    m_layout->setCurrentText(project.layoutFile());

    m_arch = new QComboBox(this);
    m_arch->setObjectName(QStringLiteral("arch"));
    m_arch->addItem(QStringLiteral("WSE-2"), QStringLiteral("wse2"));
    m_arch->addItem(QStringLiteral("WSE-3"), QStringLiteral("wse3"));
    m_arch->setCurrentIndex(compile.arch == QLatin1String("wse3") ? 1 : 0);

    m_fabricWidth = spinBox(this, "fabricWidth", 1, 100000, compile.fabricWidth);
    m_fabricHeight = spinBox(this, "fabricHeight", 1, 100000, compile.fabricHeight);
    m_offsetX = spinBox(this, "offsetX", 0, 100000, compile.fabricOffsetX);
    m_offsetY = spinBox(this, "offsetY", 0, 100000, compile.fabricOffsetY);
    m_memcpy = new QCheckBox(tr("Use memcpy (--memcpy)"), this);
    m_memcpy->setObjectName(QStringLiteral("memcpy"));
    m_memcpy->setChecked(compile.memcpy);
    m_channels = spinBox(this, "channels", 1, 16, compile.channels);

    QStringList params;
    for (const auto& [name, value] : compile.params)
        params << name + QLatin1Char(':') + value;
    m_params = new QLineEdit(params.join(QLatin1Char(',')), this);
    m_params->setObjectName(QStringLiteral("params"));
    m_params->setPlaceholderText(tr("name:value,name:value"));
    const FlagFields flags = takeFlagFields(compile.extraArgs);
    m_colors = new QLineEdit(flags.colors, this);
    m_colors->setObjectName(QStringLiteral("colors"));
    m_colors->setPlaceholderText(tr("name:id,name:id (ids 0 to 23)"));
    m_westBuf = spinBox(this, "westBuffer", 0, 10000, flags.westBuf);
    m_eastBuf = spinBox(this, "eastBuffer", 0, 10000, flags.eastBuf);
    m_output = new QLineEdit(compile.outputDir, this);
    m_output->setObjectName(QStringLiteral("output"));
    m_extraArgs = new QLineEdit(flags.rest.join(QLatin1Char(' ')), this);
    m_extraArgs->setObjectName(QStringLiteral("extraArgs"));
    m_extraArgs->setPlaceholderText(tr("further cslc flags, e.g. --verbose"));

    auto* dims = new QHBoxLayout;
    dims->addWidget(m_fabricWidth);
    dims->addWidget(new QLabel(QStringLiteral("×"), this));
    dims->addWidget(m_fabricHeight);
    auto* offsets = new QHBoxLayout;
    offsets->addWidget(m_offsetX);
    offsets->addWidget(new QLabel(QStringLiteral(","), this));
    offsets->addWidget(m_offsetY);

    auto* form = new QFormLayout;
    form->addRow(tr("Layout file:"), m_layout);
    form->addRow(tr("Architecture:"), m_arch);
    form->addRow(tr("Fabric size (width × height):"), dims);
    form->addRow(tr("Fabric offsets (x, y):"), offsets);
    form->addRow(QString(), m_memcpy);
    form->addRow(tr("memcpy channels:"), m_channels);
    form->addRow(tr("Parameters (--params):"), m_params);
    form->addRow(tr("Colors (--colors):"), m_colors);
    auto* buffers = new QHBoxLayout;
    buffers->addWidget(new QLabel(tr("west"), this));
    buffers->addWidget(m_westBuf);
    buffers->addWidget(new QLabel(tr("east"), this));
    buffers->addWidget(m_eastBuf);
    form->addRow(tr("memcpy buffer widths (--width-west-buf, --width-east-buf):"), buffers);
    form->addRow(tr("Output folder (-o):"), m_output);
    form->addRow(tr("Extra arguments:"), m_extraArgs);

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("error"));
    m_errorLabel->setWordWrap(true);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x20, 0x20));
    m_errorLabel->setPalette(errorPalette);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Command:"), this));
    layout->addWidget(m_preview);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);

    for (QSpinBox* box :
         {m_fabricWidth, m_fabricHeight, m_offsetX, m_offsetY, m_channels, m_westBuf, m_eastBuf})
        connect(box, &QSpinBox::valueChanged, this, &ProjectSettingsDialog::update);
    for (QLineEdit* edit : {m_params, m_colors, m_output, m_extraArgs})
        connect(edit, &QLineEdit::textChanged, this, &ProjectSettingsDialog::update);
    connect(m_layout, &QComboBox::currentTextChanged, this, &ProjectSettingsDialog::update);
    connect(m_arch, &QComboBox::currentIndexChanged, this, &ProjectSettingsDialog::update);
    connect(m_memcpy, &QCheckBox::toggled, this, [this](bool on) {
        m_channels->setEnabled(on);
        update();
    });
    m_channels->setEnabled(compile.memcpy);
    update();
}

std::optional<QList<QPair<QString, QString>>>
ProjectSettingsDialog::parseParams(const QString& text, QString* error) {
    static const QRegularExpression entry(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*):(\\S+)$"));
    QList<QPair<QString, QString>> params;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = entry.match(part.trimmed());
        if (!match.hasMatch()) {
            if (error)
                *error = tr("Parameter \"%1\" must look like name:value.").arg(part.trimmed());
            return std::nullopt;
        }
        params.append({match.captured(1), match.captured(2)});
    }
    std::sort(params.begin(), params.end());
    return params;
}

std::optional<QList<QPair<QString, QString>>>
ProjectSettingsDialog::parseColors(const QString& text, QString* error) {
    static const QRegularExpression entry(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*):([0-9]+)$"));
    QList<QPair<QString, QString>> colors;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = entry.match(part.trimmed());
        if (!match.hasMatch()) {
            if (error)
                *error = tr("Color \"%1\" must look like name:id.").arg(part.trimmed());
            return std::nullopt;
        }
        const int id = match.captured(2).toInt();
        if (id > 23) {
            if (error)
                *error = tr("Color \"%1\": id %2 is outside 0 to 23.")
                             .arg(match.captured(1))
                             .arg(match.captured(2));
            return std::nullopt;
        }
        for (const auto& [name, value] : colors)
            if (name == match.captured(1)) {
                if (error)
                    *error = tr("Color \"%1\" is given twice.").arg(name);
                return std::nullopt;
            }
        colors.append({match.captured(1), QString::number(id)});
    }
    return colors;
}

ProjectSettingsDialog::FlagFields ProjectSettingsDialog::takeFlagFields(const QStringList& args) {
    FlagFields f;
    auto value = [&](int& i, const QString& flag, QString* out) {
        const QString& a = args.at(i);
        if (a.startsWith(flag + QLatin1Char('='))) {
            *out = a.mid(flag.size() + 1);
            return true;
        }
        if (a == flag && i + 1 < args.size()) {
            *out = args.at(++i);
            return true;
        }
        return false;
    };
    for (int i = 0; i < args.size(); ++i) {
        QString v;
        bool ok = false;
        if (value(i, QStringLiteral("--colors"), &v)) {
            // cslc accepts --colors more than once; the dialog shows them as one list.
            f.colors = f.colors.isEmpty() ? v : f.colors + QLatin1Char(',') + v;
            continue;
        }
        const int before = i;
        if (value(i, QStringLiteral("--width-west-buf"), &v) && (f.westBuf = v.toInt(&ok), ok))
            continue;
        i = before;
        if (value(i, QStringLiteral("--width-east-buf"), &v) && (f.eastBuf = v.toInt(&ok), ok))
            continue;
        i = before;
        f.rest << args.at(i); // malformed buffer flags stay visible as written
    }
    return f;
}

QStringList ProjectSettingsDialog::withFlagFields(const FlagFields& f) {
    QStringList args;
    if (!f.colors.trimmed().isEmpty())
        args << QStringLiteral("--colors=") + f.colors.trimmed().remove(QLatin1Char(' '));
    if (f.westBuf > 0)
        args << QStringLiteral("--width-west-buf=%1").arg(f.westBuf);
    if (f.eastBuf > 0)
        args << QStringLiteral("--width-east-buf=%1").arg(f.eastBuf);
    return args + f.rest;
}

Project ProjectSettingsDialog::project() const {
    Project result = m_project;
    result.setLayoutFile(m_layout->currentText().trimmed());
    CompileSettings compile = result.compile();
    compile.arch = m_arch->currentData().toString();
    compile.fabricWidth = m_fabricWidth->value();
    compile.fabricHeight = m_fabricHeight->value();
    compile.fabricOffsetX = m_offsetX->value();
    compile.fabricOffsetY = m_offsetY->value();
    compile.memcpy = m_memcpy->isChecked();
    compile.channels = m_channels->value();
    compile.params = parseParams(m_params->text(), nullptr).value_or(compile.params);
    compile.outputDir = m_output->text().trimmed();
    FlagFields flags;
    flags.colors = m_colors->text();
    flags.westBuf = m_westBuf->value();
    flags.eastBuf = m_eastBuf->value();
    // Flags typed into the extra arguments join the fields rather than repeat them.
    const FlagFields typed = takeFlagFields(QProcess::splitCommand(m_extraArgs->text()));
    if (!typed.colors.isEmpty())
        flags.colors =
            flags.colors.isEmpty() ? typed.colors : flags.colors + QLatin1Char(',') + typed.colors;
    flags.westBuf = typed.westBuf ? typed.westBuf : flags.westBuf;
    flags.eastBuf = typed.eastBuf ? typed.eastBuf : flags.eastBuf;
    flags.rest = typed.rest;
    compile.extraArgs = withFlagFields(flags);
    result.setCompile(compile);
    return result;
}

QString ProjectSettingsDialog::commandPreview() const {
    return m_preview->text();
}

void ProjectSettingsDialog::update() {
    m_error.clear();
    const QString layout = m_layout->currentText().trimmed();
    if (layout.isEmpty() || !QDir::isRelativePath(layout) || layout.startsWith(QLatin1String("..")))
        m_error = tr("The layout file must be a .csl file inside the project folder.");
    else if (m_output->text().trimmed().isEmpty())
        m_error = tr("The output folder must not be empty.");
    else if (parseParams(m_params->text(), &m_error))
        parseColors(m_colors->text(), &m_error);
    m_preview->setText(QStringLiteral("cslc ") + project().cslcArguments().join(QLatin1Char(' ')));
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_error.isEmpty());
}

} // namespace tessera
