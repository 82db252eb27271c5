#include "widgets/hostsession/HostSessionPanel.h"

#include "backend/hostdata/csv.h"
#include "backend/hostdata/npy.h"
#include "widgets/hostsession/HostBlockModel.h"
#include "widgets/hostsession/HostCopyForm.h"

#include <QBoxLayout>
#include <QColor>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

#include <cmath>

namespace tessera {

namespace {

QPushButton* namedButton(const QString& text, const QString& name, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

struct IntegerRange {
    qint64 lo, hi;
};

std::optional<IntegerRange> integerRange(const QString& type) {
    if (type == QLatin1String("i8"))
        return IntegerRange{-128, 127};
    if (type == QLatin1String("u8"))
        return IntegerRange{0, 255};
    if (type == QLatin1String("i16"))
        return IntegerRange{-32768, 32767};
    if (type == QLatin1String("u16"))
        return IntegerRange{0, 65535};
    if (type == QLatin1String("i32"))
        return IntegerRange{-2147483648LL, 2147483647LL};
    if (type == QLatin1String("u32"))
        return IntegerRange{0, 4294967295LL};
    return std::nullopt;
}

} // namespace

HostSessionPanel::HostSessionPanel(QWidget* parent)
    : QWidget(parent), m_status(new QLabel(this)),
      m_load(namedButton(tr("&Load"), QStringLiteral("load"), this)),
      m_unload(namedButton(tr("&Unload"), QStringLiteral("unload"), this)),
      m_tabs(new QTabWidget(this)), m_model(new HostBlockModel(this)) {
    setObjectName(QStringLiteral("hostSessionPanel"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_load->setToolTip(tr("Open a session on the built artifact: load and run, as "
                          "SdkRuntime.load() and run() do"));
    m_unload->setToolTip(tr("Stop the session (SdkRuntime.stop()) and close it"));

    auto* header = new QHBoxLayout;
    header->addWidget(m_status, 1);
    header->addWidget(m_load);
    header->addWidget(m_unload);
    m_tabs->setObjectName(QStringLiteral("hostSessionTabs"));
    m_tabs->addTab(createH2dTab(), tr("Copy to Device"));
    m_tabs->addTab(createLaunchTab(), tr("Launch"));
    m_tabs->addTab(createD2hTab(), tr("Copy from Device"));
    // The forms keep their natural height; the table and the log share the rest.
    m_tabs->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setPlaceholderText(tr("What the session did appears here."));
    m_log->setMinimumHeight(m_log->fontMetrics().lineSpacing() * 3);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createResults());
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    m_body = new QBoxLayout(QBoxLayout::TopToBottom);
    m_body->addWidget(m_tabs, 0, Qt::AlignTop);
    m_body->addWidget(splitter, 1);
    layout->addLayout(m_body, 1);

    connect(m_load, &QPushButton::clicked, this, &HostSessionPanel::loadRequested);
    connect(m_unload, &QPushButton::clicked, this, &HostSessionPanel::unloadRequested);
    setUnloaded({});
}

QWidget* HostSessionPanel::createH2dTab() {
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    m_h2dForm = new HostCopyForm(HostCopyForm::Direction::ToDevice, tab);
    m_h2dForm->setObjectName(QStringLiteral("h2dForm"));
    layout->addWidget(m_h2dForm);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Data:"), tab));
    m_source = new QComboBox(tab);
    m_source->setObjectName(QStringLiteral("source"));
    m_source->addItem(tr("Expression"), int(HostCopyRequest::Source::Expression));
    m_source->addItem(tr(".npy file"), int(HostCopyRequest::Source::NpyFile));
    m_source->addItem(tr("CSV file"), int(HostCopyRequest::Source::CsvFile));
    row->addWidget(m_source);
    m_sourceText = new QLineEdit(tab);
    m_sourceText->setObjectName(QStringLiteral("sourceText"));
    m_sourceText->setClearButtonEnabled(true);
    row->addWidget(m_sourceText, 1);
    m_browse = namedButton(tr("Browse…"), QStringLiteral("browse"), tab);
    row->addWidget(m_browse);
    layout->addLayout(row);
    m_h2d = namedButton(tr("Copy to Device"), QStringLiteral("h2d"), tab);
    layout->addWidget(m_h2d, 0, Qt::AlignRight);
    layout->addStretch(1);
    connect(m_source, &QComboBox::currentIndexChanged, this, &HostSessionPanel::sourceChanged);
    connect(m_h2dForm, &HostCopyForm::changed, this, &HostSessionPanel::sourceChanged);
    connect(m_browse, &QPushButton::clicked, this, &HostSessionPanel::browseSource);
    connect(m_h2d, &QPushButton::clicked, this, &HostSessionPanel::requestH2d);
    connect(m_sourceText, &QLineEdit::returnPressed, this, &HostSessionPanel::requestH2d);
    sourceChanged();
    return tab;
}

QWidget* HostSessionPanel::createLaunchTab() {
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Function:"), tab));
    m_function = new QComboBox(tab);
    m_function->setObjectName(QStringLiteral("function"));
    row->addWidget(m_function, 1);
    layout->addLayout(row);
    m_signature = new QLabel(tab);
    m_signature->setObjectName(QStringLiteral("signature"));
    layout->addWidget(m_signature);
    m_arguments = new QFormLayout;
    layout->addLayout(m_arguments);
    m_launch = namedButton(tr("Launch"), QStringLiteral("launch"), tab);
    m_launch->setToolTip(tr("SdkRuntime.launch(function, arguments…): runs until the function "
                            "hands the command stream back"));
    layout->addWidget(m_launch, 0, Qt::AlignRight);
    layout->addStretch(1);
    connect(m_function, &QComboBox::currentIndexChanged, this, &HostSessionPanel::functionChanged);
    connect(m_launch, &QPushButton::clicked, this, &HostSessionPanel::requestLaunch);
    return tab;
}

QWidget* HostSessionPanel::createD2hTab() {
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    m_d2hForm = new HostCopyForm(HostCopyForm::Direction::FromDevice, tab);
    m_d2hForm->setObjectName(QStringLiteral("d2hForm"));
    layout->addWidget(m_d2hForm);
    m_d2h = namedButton(tr("Copy from Device"), QStringLiteral("d2h"), tab);
    layout->addWidget(m_d2h, 0, Qt::AlignRight);
    layout->addStretch(1);
    connect(m_d2h, &QPushButton::clicked, this, &HostSessionPanel::requestD2h);
    return tab;
}

QWidget* HostSessionPanel::createResults() {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_resultLabel = new QLabel(tr("No data read yet."), box);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    row->addWidget(m_resultLabel, 1);
    m_rows = new QComboBox(box);
    m_rows->setObjectName(QStringLiteral("rows"));
    m_rows->addItem(tr("Rows: PEs"), int(HostBlockModel::Rows::Pes));
    m_rows->addItem(tr("Rows: elements"), int(HostBlockModel::Rows::Elements));
    row->addWidget(m_rows);
    layout->addLayout(row);
    m_table = new QTableView(box);
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setDefaultSectionSize(
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("-0.000000000")) + 8);
    layout->addWidget(m_table, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_saveNpy = namedButton(tr("Save as .npy…"), QStringLiteral("saveNpy"), box);
    m_saveCsv = namedButton(tr("Save as CSV…"), QStringLiteral("saveCsv"), box);
    buttons->addWidget(m_saveNpy);
    buttons->addWidget(m_saveCsv);
    layout->addLayout(buttons);
    connect(m_rows, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setRows(HostBlockModel::Rows(m_rows->currentData().toInt())); });
    connect(m_saveNpy, &QPushButton::clicked, this, [this] { saveAs(true); });
    connect(m_saveCsv, &QPushButton::clicked, this, [this] { saveAs(false); });
    return box;
}

void HostSessionPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // Wide and low, as docked at the bottom: the forms beside the table, not above it.
    const bool wide = width() >= WideWidth && width() > 2 * height();
    m_body->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

QPushButton* HostSessionPanel::button(const QString& name) const {
    return findChild<QPushButton*>(name);
}

void HostSessionPanel::setArtifact(const QString& artifactDir) {
    m_artifact = artifactDir;
    if (!m_loaded)
        setUnloaded({});
    else if (!artifactDir.isEmpty() && artifactDir == m_info.artifactDir)
        report(tr("The project was rebuilt: Unload and Load to use the new artifact."));
    updateButtons();
}

void HostSessionPanel::setLoaded(const HostProgramInfo& info) {
    m_info = info;
    m_loaded = true;
    m_h2dForm->setProgram(info);
    m_d2hForm->setProgram(info);
    m_function->clear();
    for (const HostSymbolInfo& s : info.symbols)
        if (s.function)
            m_function->addItem(s.name, s.name);
    functionChanged();
    int variables = 0, functions = 0;
    for (const HostSymbolInfo& s : info.symbols)
        (s.function ? functions : variables)++;
    m_status->setText(tr("Loaded %1: %2×%3 PEs, %4 variables, %5 functions.")
                          .arg(QDir::toNativeSeparators(info.artifactDir))
                          .arg(info.width)
                          .arg(info.height)
                          .arg(variables)
                          .arg(functions));
    updateButtons();
}

void HostSessionPanel::setUnloaded(const QString& message) {
    m_loaded = false;
    m_busy.clear();
    m_status->setText(m_artifact.isEmpty()
                          ? tr("Build the project, then Load its artifact to drive it from here.")
                          : tr("Not loaded. Load opens a session on %1.")
                                .arg(QDir::toNativeSeparators(m_artifact)));
    if (!message.isEmpty())
        report(message);
    updateButtons();
}

void HostSessionPanel::setBusy(const QString& what) {
    m_busy = what;
    updateButtons();
}

void HostSessionPanel::updateButtons() {
    const bool idle = m_busy.isEmpty();
    m_load->setEnabled(idle && !m_loaded && !m_artifact.isEmpty());
    m_unload->setEnabled(idle && m_loaded);
    m_h2d->setEnabled(idle && m_loaded);
    m_launch->setEnabled(idle && m_loaded && m_function->count() > 0);
    m_d2h->setEnabled(idle && m_loaded);
    const bool data = m_model->block() != nullptr;
    m_saveNpy->setEnabled(data);
    m_saveCsv->setEnabled(data);
    setCursor(idle ? Qt::ArrowCursor : Qt::BusyCursor);
}

void HostSessionPanel::report(const QString& text, bool error) {
    const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    if (!error) {
        m_log->appendPlainText(QStringLiteral("%1  %2").arg(stamp, text));
        return;
    }
    // Errors in the editor's error red (EditorDiagnostics); logText() keeps the words.
    const QColor colour(0xd0, 0x20, 0x20);
    m_log->appendHtml(
        QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(colour.name(), tr("%1  error: %2").arg(stamp, text).toHtmlEscaped()));
}

QString HostSessionPanel::logText() const {
    return m_log->toPlainText();
}

void HostSessionPanel::sourceChanged() {
    const auto source = HostCopyRequest::Source(m_source->currentData().toInt());
    m_browse->setVisible(source != HostCopyRequest::Source::Expression);
    // The examples give as many values as the copy's host array holds.
    const QString count = QString::number(m_h2dForm->hostValueCount().value_or(24));
    m_sourceText->setPlaceholderText(
        source == HostCopyRequest::Source::Expression
            ? tr("arange(0, %1), ones(%1)*2.5, linspace(0, 1, %1), [1, 2, 3]").arg(count)
        : source == HostCopyRequest::Source::NpyFile ? tr("path of a .npy file")
                                                     : tr("path of a CSV file"));
}

void HostSessionPanel::setH2dSource(HostCopyRequest::Source source, const QString& text) {
    m_source->setCurrentIndex(m_source->findData(int(source)));
    m_sourceText->setText(text);
}

void HostSessionPanel::browseSource() {
    const bool npy = HostCopyRequest::Source(m_source->currentData().toInt()) ==
                     HostCopyRequest::Source::NpyFile;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Data to Copy to the Device"), QFileInfo(m_sourceText->text()).path(),
        npy ? tr("NumPy arrays (*.npy);;All files (*)")
            : tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        m_sourceText->setText(path);
}

void HostSessionPanel::functionChanged() {
    while (m_arguments->rowCount() > 0)
        m_arguments->removeRow(0);
    m_argumentFields.clear();
    const QString name = m_function->currentData().toString();
    m_signature->clear();
    if (m_function->count() == 0) {
        m_signature->setText(m_loaded ? tr("The program exports no function.") : QString());
        return;
    }
    for (const HostSymbolInfo& s : std::as_const(m_info.symbols)) {
        if (!s.function || s.name != name)
            continue;
        QStringList parameters;
        for (const HostArgument& a : s.inputs) {
            parameters << QStringLiteral("%1: %2").arg(a.name, a.type);
            auto* field = new QLineEdit(this);
            field->setObjectName(QStringLiteral("argument_") + a.name);
            field->setPlaceholderText(
                a.type == QLatin1String("bool")
                    ? tr("true or false")
                    : (integerRange(a.type) ? tr("an integer (%1)") : tr("a number (%1)"))
                          .arg(a.type));
            connect(field, &QLineEdit::returnPressed, this, &HostSessionPanel::requestLaunch);
            m_arguments->addRow(QStringLiteral("%1 (%2):").arg(a.name, a.type), field);
            m_argumentFields << field;
        }
        m_signature->setText(QStringLiteral("fn %1(%2) %3")
                                 .arg(s.name, parameters.join(QStringLiteral(", ")), s.type));
    }
}

bool HostSessionPanel::setLaunch(const QString& function, const QStringList& arguments) {
    const int i = m_function->findData(function);
    if (i < 0)
        return false;
    m_function->setCurrentIndex(i);
    if (arguments.size() != m_argumentFields.size())
        return false;
    for (int k = 0; k < arguments.size(); ++k)
        m_argumentFields.at(k)->setText(arguments.at(k));
    return true;
}

std::optional<QVariant> HostSessionPanel::parseArgument(const QString& text, const QString& type,
                                                        QString* why) {
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *why = tr("is empty");
        return std::nullopt;
    }
    const QLocale c = QLocale::c();
    if (type == QLatin1String("bool")) {
        if (t.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || t == QLatin1String("1"))
            return QVariant(true);
        if (t.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 || t == QLatin1String("0"))
            return QVariant(false);
        *why = tr("'%1' is not true, false, 1 or 0").arg(t);
        return std::nullopt;
    }
    if (const auto range = integerRange(type)) {
        bool ok = false;
        const qlonglong v = c.toLongLong(t, &ok);
        if (!ok) {
            *why = tr("'%1' is not an integer").arg(t);
            return std::nullopt;
        }
        if (v < range->lo || v > range->hi) {
            *why = tr("%1 is out of range %2…%3").arg(v).arg(range->lo).arg(range->hi);
            return std::nullopt;
        }
        return QVariant(v);
    }
    if (type == QLatin1String("f32") || type == QLatin1String("f16") ||
        type == QLatin1String("bf16")) {
        bool ok = false;
        const double v = c.toDouble(t, &ok);
        if (!ok) {
            *why = tr("'%1' is not a number").arg(t);
            return std::nullopt;
        }
        const double limit = type == QLatin1String("f16") ? 65504.0 : 3.4028234663852886e38;
        if (std::isfinite(v) && std::abs(v) > limit) {
            *why = tr("%1 is too large for %2").arg(t, type);
            return std::nullopt;
        }
        return QVariant(v);
    }
    *why = tr("has type %1, which the host session cannot pass").arg(type);
    return std::nullopt;
}

std::optional<QVariantList> HostSessionPanel::launchArguments(QString* error) const {
    const QString name = m_function->currentData().toString();
    if (name.isEmpty()) {
        *error = tr("The program exports no function to launch.");
        return std::nullopt;
    }
    for (const HostSymbolInfo& s : m_info.symbols) {
        if (!s.function || s.name != name)
            continue;
        QVariantList values;
        for (int i = 0; i < s.inputs.size(); ++i) {
            QString why;
            const auto value = parseArgument(
                m_argumentFields.value(i) ? m_argumentFields.at(i)->text() : QString(),
                s.inputs.at(i).type, &why);
            if (!value) {
                *error = tr("Argument %1 (%2) of %3 %4.")
                             .arg(s.inputs.at(i).name, s.inputs.at(i).type, name, why);
                return std::nullopt;
            }
            values << *value;
        }
        return values;
    }
    *error = tr("%1 is not an exported function.").arg(name);
    return std::nullopt;
}

std::optional<HostCopyRequest> HostSessionPanel::h2dRequest(QString* error) const {
    auto r = m_h2dForm->request(error);
    if (!r)
        return std::nullopt;
    r->source = HostCopyRequest::Source(m_source->currentData().toInt());
    r->sourceText = r->source == HostCopyRequest::Source::Expression
                        ? m_sourceText->text()
                        : m_sourceText->text().trimmed();
    if (r->sourceText.trimmed().isEmpty()) {
        *error =
            r->source == HostCopyRequest::Source::Expression
                ? tr("Type an expression for the data, e.g. arange(0, %1).").arg(r->block().size())
                : tr("Choose the file that holds the data.");
        return std::nullopt;
    }
    return r;
}

std::optional<HostCopyRequest> HostSessionPanel::d2hRequest(QString* error) const {
    return m_d2hForm->request(error);
}

void HostSessionPanel::requestH2d() {
    if (!m_h2d->isEnabled())
        return;
    QString error;
    if (const auto r = h2dRequest(&error))
        emit h2dRequested(*r);
    else
        report(tr("Copy to device: %1").arg(error), true);
}

void HostSessionPanel::requestLaunch() {
    if (!m_launch->isEnabled())
        return;
    QString error;
    if (const auto args = launchArguments(&error))
        emit launchRequested(m_function->currentData().toString(), *args);
    else
        report(tr("Launch: %1").arg(error), true);
}

void HostSessionPanel::requestD2h() {
    if (!m_d2h->isEnabled())
        return;
    QString error;
    if (const auto r = d2hRequest(&error))
        emit d2hRequested(*r);
    else
        report(tr("Copy from device: %1").arg(error), true);
}

void HostSessionPanel::showResult(HostBlockPtr block) {
    const HostCopyRequest& r = block->request;
    m_resultLabel->setText(tr("%1: %2 values").arg(r.describe()).arg(block->values.size()));
    m_model->setBlock(std::move(block));
    updateButtons();
}

bool HostSessionPanel::saveResultNpy(const QString& path, QString* error) const {
    const HostBlockPtr block = m_model->block();
    if (!block) {
        *error = tr("No data has been read yet.");
        return false;
    }
    const HostCopyRequest& r = block->request;
    try {
        hostdata::writeNpy(path.toStdString(), {size_t(r.h), size_t(r.w), size_t(r.elements)},
                           block->values, r.type);
    } catch (const hostdata::Error& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool HostSessionPanel::saveResultCsv(const QString& path, QString* error) const {
    const HostBlockPtr block = m_model->block();
    if (!block) {
        *error = tr("No data has been read yet.");
        return false;
    }
    try {
        hostdata::writeCsv(path.toStdString(), block->values, size_t(block->request.elements));
    } catch (const hostdata::Error& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void HostSessionPanel::saveAs(bool npy) {
    const HostBlockPtr block = m_model->block();
    if (!block)
        return;
    const QString suggested =
        QFileInfo(m_info.artifactDir)
            .dir()
            .filePath((block->request.streaming
                           ? QStringLiteral("color%1").arg(block->request.color)
                           : block->request.symbol) +
                      (npy ? QStringLiteral(".npy") : QStringLiteral(".csv")));
    const QString path =
        QFileDialog::getSaveFileName(this, npy ? tr("Save as .npy") : tr("Save as CSV"), suggested,
                                     npy ? tr("NumPy arrays (*.npy)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (npy ? saveResultNpy(path, &error) : saveResultCsv(path, &error))
        report(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    else
        report(error, true);
}

} // namespace tessera
