#include "app/ExamplesGallery.h"

#include "app/FabricSnapshotBuilder.h"
#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/Project.h"
#include "app/SimController.h"
#include "backend/artifact/cslc_args.h"
#include "backend/csl/compiler.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/fabric/FabricPalette.h"
#include "widgets/fabric/FabricRenderer.h"

#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QVBoxLayout>

namespace tessera {

namespace {

constexpr int NameRole = Qt::UserRole + 1;

QString examplePath(const QString& name) {
    return QStringLiteral(":/examples/") + name;
}

// Markdown emphasis and code marks out; lines of a paragraph joined.
QString plainParagraph(const QStringList& lines) {
    QString text = lines.join(QLatin1Char(' ')).simplified();
    text.remove(QStringLiteral("**"));
    text.remove(QLatin1Char('`'));
    return text;
}

// The first paragraph after the heading, and the first paragraph of "## Fabric".
ExampleInfo parseReadme(const QString& name, const QString& markdown) {
    ExampleInfo info;
    info.name = name;
    info.title = name;
    QStringList intro, fabric, paragraph;
    QString section;
    auto flush = [&] {
        if (!paragraph.isEmpty()) {
            if (section.isEmpty() && intro.isEmpty())
                intro = paragraph;
            else if (section == QLatin1String("Fabric") && fabric.isEmpty())
                fabric = paragraph;
        }
        paragraph.clear();
    };
    for (const QString& raw : markdown.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1String("# "))) {
            flush();
            info.title = line.mid(2).trimmed();
        } else if (line.startsWith(QLatin1String("## "))) {
            flush();
            section = line.mid(3).trimmed();
        } else if (line.isEmpty() || line.startsWith(QLatin1Char('-'))) {
            flush();
        } else {
            paragraph << line;
        }
    }
    flush();
    info.description = plainParagraph(intro);
    if (!fabric.isEmpty())
        info.description += QStringLiteral("\n\n") + plainParagraph(fabric);
    return info;
}

QImage placeholder(QSize size, const QString& text) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor::fromRgb(fabric_palette::Background));
    QPainter p(&image);
    p.setPen(QColor(0xb0, 0xb0, 0xb8));
    p.drawText(image.rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, text);
    return image;
}

// Unsaved buffers of the open project: saved, discarded or the switch cancelled.
bool saveOrDiscard(MainWindow* window, QString* error) {
    bool modified = false;
    for (EditorPane* pane : window->panes())
        modified = modified || pane->editor()->isModified();
    if (!modified)
        return true;
    const auto answer = QMessageBox::question(
        window, ExamplesGallery::tr("Open Example"),
        ExamplesGallery::tr("Save the changes of the open project before opening the example?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return window->saveAll(error);
    if (answer == QMessageBox::Discard)
        return true;
    *error = ExamplesGallery::tr("Cancelled.");
    return false;
}

} // namespace

// ---- thumbnails ---------------------------------------------------------------------

ExampleThumbnails::ExampleThumbnails(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(1);
}

ExampleThumbnails::~ExampleThumbnails() {
    m_pool.clear();
    m_pool.waitForDone();
}

QString ExampleThumbnails::cacheDir() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(QStringLiteral("example-thumbnails"));
}

QString ExampleThumbnails::cacheKey(const QString& name) {
    // Keyed by the example's bytes, so an edited example gets a new thumbnail.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    QStringList files;
    for (QDirIterator it(examplePath(name), QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();)
        files << it.next();
    files.sort();
    for (const QString& file : std::as_const(files)) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly)) {
            hash.addData(file.toUtf8());
            hash.addData(f.readAll());
        }
    }
    hash.addData(QByteArray::number(kSize.width()) + 'x' + QByteArray::number(kSize.height()));
    return name + QLatin1Char('-') + QString::fromLatin1(hash.result().toHex().left(16));
}

QImage ExampleThumbnails::thumbnail(const QString& name) {
    if (const auto it = m_images.constFind(name); it != m_images.constEnd())
        return *it;
    const QString key = cacheKey(name);
    const QString cached = QDir(cacheDir()).filePath(key + QStringLiteral(".png"));
    QImage image(cached);
    if (!image.isNull()) {
        m_images.insert(name, image);
        return image;
    }
    if (m_pending.contains(name))
        return {};
    m_pending.insert(name);
    QPointer<ExampleThumbnails> self(this);
    m_pool.start([self, name, cached] {
        QString error;
        const QImage rendered = render(name, kSize, &error);
        if (!rendered.isNull()) {
            QDir().mkpath(QFileInfo(cached).absolutePath());
            rendered.save(cached); // a cache: a failed write only costs a render next time
        }
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, name, rendered, error] {
                if (!self)
                    return;
                self->m_pending.remove(name);
                if (rendered.isNull()) {
                    emit self->thumbnailFailed(name, error);
                    return;
                }
                self->m_images.insert(name, rendered);
                emit self->thumbnailReady(name, rendered);
            },
            Qt::QueuedConnection);
    });
    return {};
}

QImage ExampleThumbnails::render(const QString& name, QSize size, QString* error) {
    QTemporaryDir work;
    if (!work.isValid()) {
        *error = tr("Cannot create a temporary folder: %1").arg(work.errorString());
        return {};
    }
    const QString folder = work.filePath(name);
    if (!ExamplesGallery::copyExampleTo(name, folder, false, error))
        return {};
    const std::optional<Project> project = Project::open(folder, error);
    if (!project)
        return {};
    csl::CompileResult result;
    try {
        std::vector<std::string> args;
        for (const QString& arg : project->cslcArguments())
            args.push_back(arg.toStdString());
        artifact::CslcCommand command = artifact::parseCslcArgs(args);
        command.options.layoutFile = project->layoutFilePath().toStdString();
        result = csl::compile(command.options);
    } catch (const std::exception& e) {
        *error = tr("%1: cannot compile: %2").arg(name, QString::fromStdString(e.what()));
        return {};
    }
    if (!result.ok || !result.program) {
        const std::string first = result.diagnostics.empty()
                                      ? std::string()
                                      : csl::formatDiagnostic(result.diagnostics[0]);
        *error = tr("%1 does not compile: %2").arg(name, QString::fromStdString(first));
        return {};
    }
    auto snapshot = std::make_shared<const FabricSnapshot>(snapshotFromProgram(*result.program));
    FabricRenderer renderer;
    renderer.setSnapshot(snapshot);
    FabricViewport viewport;
    viewport.setWidgetSize(size);
    viewport.setFabricSize(snapshot->fabricSize);
    viewport.fitFabric();
    // Too small for route segments, routes would only tint every PE of a busy program
    // (all of game-of-life turns white): show the code classes alone.
    if (viewport.scale() < FabricRenderer::kRouteSegmentScale) {
        FabricLayerState layers;
        layers.routeColors = 0;
        renderer.setLayers(layers);
    }
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor::fromRgb(fabric_palette::Background));
    QPainter painter(&image);
    renderer.paint(painter, viewport, {});
    return image;
}

// ---- the gallery ---------------------------------------------------------------------

QList<ExampleInfo> ExamplesGallery::examples() {
    QList<ExampleInfo> out;
    for (const QString& name : MainWindow::bundledExamples())
        out << example(name);
    return out;
}

ExampleInfo ExamplesGallery::example(const QString& name) {
    QFile readme(examplePath(name) + QStringLiteral("/README.md"));
    if (!readme.open(QIODevice::ReadOnly))
        return {name, name, {}};
    return parseReadme(name, QString::fromUtf8(readme.readAll()));
}

QString ExamplesGallery::defaultFolder(const QString& name) {
    return QDir(QDir::homePath()).filePath(QStringLiteral("TesseraProjects/") + name);
}

bool ExamplesGallery::copyExampleTo(const QString& name, const QString& folder, bool replace,
                                    QString* error) {
    const QString source = examplePath(name);
    if (name.isEmpty() || !QFileInfo(source).isDir()) {
        *error = tr("There is no bundled example named \"%1\".").arg(name);
        return false;
    }
    const QDir target(folder);
    if (target.exists() && !target.isEmpty() && !replace) {
        *error = tr("%1 already exists and is not empty.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    for (QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString from = it.next();
        const QString to = target.filePath(QDir(source).relativeFilePath(from));
        if (!QDir().mkpath(QFileInfo(to).absolutePath()) ||
            (QFileInfo::exists(to) && !QFile::remove(to)) || !QFile::copy(from, to)) {
            *error = tr("Cannot copy the example to %1.").arg(QDir::toNativeSeparators(to));
            return false;
        }
        // Resource files come out read-only; scripts must stay runnable.
        QFile::Permissions permissions =
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
        if (to.endsWith(QLatin1String(".sh")) || to.endsWith(QLatin1String(".py")))
            permissions |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
        QFile::setPermissions(to, permissions);
    }
    return true;
}

bool ExamplesGallery::openBuildAndRun(MainWindow* window, const QString& name,
                                      const QString& folder, ExistingFolder existing,
                                      QString* error) {
    const QDir target(folder);
    const bool occupied = target.exists() && !target.isEmpty();
    if (occupied && existing == ExistingFolder::Ask) {
        QMessageBox box(
            QMessageBox::Question, tr("Open Example"),
            tr("%1 already exists and holds files.").arg(QDir::toNativeSeparators(folder)),
            QMessageBox::NoButton, window);
        box.setInformativeText(tr("Replace the example's files in it (your other files stay), "
                                  "or open the folder as it is?"));
        QPushButton* replace = box.addButton(tr("Replace Files"), QMessageBox::DestructiveRole);
        QPushButton* asIs = box.addButton(tr("Open As It Is"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != replace && box.clickedButton() != asIs) {
            *error = tr("Cancelled.");
            return false;
        }
        existing =
            box.clickedButton() == replace ? ExistingFolder::Replace : ExistingFolder::OpenAsIs;
    }
    if (existing == ExistingFolder::Ask && !saveOrDiscard(window, error))
        return false;
    if (!occupied || existing != ExistingFolder::OpenAsIs) {
        if (!copyExampleTo(name, folder, existing == ExistingFolder::Replace, error))
            return false;
    }
    if (!window->openProject(folder, error))
        return false;
    IdeWorkbench* bench = window->workbench();
    SimController* controller = bench->controller();
    // Run the example once this build has finished well; any other build (the user
    // pressing Build again) replaces the pending run.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection =
        connect(controller, &SimController::buildFinished, bench, [window, connection](bool ok) {
            QObject::disconnect(*connection);
            if (ok)
                runExample(window);
        });
    bench->build();
    return true;
}

QString ExamplesGallery::hostScriptOf(const MainWindow* window) {
    if (!window->project())
        return {};
    const QString script = QDir(window->project()->rootDir()).filePath(kHostScript);
    return QFileInfo(script).isFile() ? script : QString();
}

void ExamplesGallery::runExample(MainWindow* window) {
    IdeWorkbench* bench = window->workbench();
    SimController* controller = bench->controller();
    if (!hostScriptOf(window).isEmpty()) {
        // Held: the IDE attaches before the script's first host command runs, so the fabric
        // shows the whole run, however short; then it runs at full speed.
        bench->runHostScript(SimController::ScriptStart::HeldThenRun);
        return;
    }
    // No host script: launch the exported function without arguments and let it run.
    if (controller->launchableFunctions().isEmpty()) {
        window->statusBar()->showMessage(
            tr("%1 has neither run.py nor a function without arguments to launch.")
                .arg(window->project()->name()));
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(controller, &SimController::stateChanged, bench,
                          [controller, connection](SimController::State state) {
                              if (state == SimController::State::Running)
                                  return;
                              QObject::disconnect(*connection);
                              if (state == SimController::State::Paused)
                                  controller->resume(); // the session opens paused at entry
                          });
    bench->startSession();
}

ExamplesGallery::ExamplesGallery(MainWindow* window)
    : QDialog(window), m_window(window), m_thumbnails(new ExampleThumbnails(this)),
      m_list(new QListWidget(this)), m_title(new QLabel(this)), m_description(new QLabel(this)),
      m_preview(new QLabel(this)), m_folder(new QLineEdit(this)),
      m_open(new QPushButton(tr("&Open, Build and Run"), this)) {
    setObjectName(QStringLiteral("examplesGallery"));
    setWindowTitle(tr("Examples"));
    m_list->setObjectName(QStringLiteral("examplesList"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(ExampleThumbnails::kSize / 2);
    m_list->setGridSize(QSize(ExampleThumbnails::kSize.width() / 2 + 24,
                              ExampleThumbnails::kSize.height() / 2 + 40));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setWordWrap(true);
    m_list->setMinimumWidth(3 * (ExampleThumbnails::kSize.width() / 2 + 24) + 24);
    for (const ExampleInfo& info : examples()) {
        auto* item = new QListWidgetItem(info.title, m_list);
        item->setData(NameRole, info.name);
        item->setToolTip(info.description);
        const QImage image = m_thumbnails->thumbnail(info.name);
        item->setIcon(QPixmap::fromImage(
            image.isNull() ? placeholder(ExampleThumbnails::kSize, tr("Compiling…")) : image));
    }
    connect(m_thumbnails, &ExampleThumbnails::thumbnailReady, this,
            [this](const QString& name, const QImage& image) {
                for (int row = 0; row < m_list->count(); ++row)
                    if (m_list->item(row)->data(NameRole).toString() == name)
                        m_list->item(row)->setIcon(QPixmap::fromImage(image));
                if (name == currentName())
                    showCurrent();
            });
    connect(m_thumbnails, &ExampleThumbnails::thumbnailFailed, this,
            [this](const QString& name, const QString& error) {
                const QImage image = placeholder(ExampleThumbnails::kSize, error);
                for (int row = 0; row < m_list->count(); ++row)
                    if (m_list->item(row)->data(NameRole).toString() == name)
                        m_list->item(row)->setIcon(QPixmap::fromImage(image));
            });

    m_title->setObjectName(QStringLiteral("exampleTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_description->setObjectName(QStringLiteral("exampleDescription"));
    m_description->setWordWrap(true);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setFixedSize(ExampleThumbnails::kSize);
    m_folder->setObjectName(QStringLiteral("exampleFolder"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    m_open->setObjectName(QStringLiteral("openExampleButton"));
    m_open->setDefault(true);
    m_open->setToolTip(tr("Copy the example to the folder, open it, build it and run run.py"));

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(new QLabel(tr("Copy to:"), this));
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* details = new QVBoxLayout;
    details->addWidget(m_title);
    details->addWidget(m_preview);
    details->addWidget(m_description, 1);
    details->addLayout(folderRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_open, QDialogButtonBox::AcceptRole);
    details->addWidget(buttons);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_list, 3);
    layout->addLayout(details, 2);
    resize(1000, 560);

    connect(m_list, &QListWidget::currentRowChanged, this, &ExamplesGallery::showCurrent);
    connect(m_list, &QListWidget::itemActivated, this, &ExamplesGallery::openCurrent);
    connect(m_open, &QPushButton::clicked, this, &ExamplesGallery::openCurrent);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString parent = QFileDialog::getExistingDirectory(
            this, tr("Copy the Example Into"), QFileInfo(m_folder->text()).absolutePath());
        if (!parent.isEmpty())
            m_folder->setText(QDir(parent).filePath(currentName()));
    });
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

QString ExamplesGallery::currentName() const {
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(NameRole).toString() : QString();
}

void ExamplesGallery::selectExample(const QString& name) {
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(NameRole).toString() == name)
            m_list->setCurrentRow(row);
}

void ExamplesGallery::showCurrent() {
    const QString name = currentName();
    const ExampleInfo info = example(name);
    m_title->setText(info.title);
    m_description->setText(info.description);
    const QImage image = m_thumbnails->thumbnail(name);
    m_preview->setPixmap(QPixmap::fromImage(
        image.isNull() ? placeholder(ExampleThumbnails::kSize, tr("Compiling…")) : image));
    m_folder->setText(QDir::toNativeSeparators(defaultFolder(name)));
    m_open->setEnabled(!name.isEmpty());
}

void ExamplesGallery::openCurrent() {
    const QString name = currentName();
    if (name.isEmpty())
        return;
    QString error;
    if (!openBuildAndRun(m_window, name, QDir::fromNativeSeparators(m_folder->text().trimmed()),
                         ExistingFolder::Ask, &error)) {
        if (error != tr("Cancelled."))
            QMessageBox::warning(this, tr("Open Example"), error);
        return;
    }
    accept();
}

} // namespace tessera
