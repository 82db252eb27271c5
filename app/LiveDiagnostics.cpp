#include "app/LiveDiagnostics.h"

#include "app/MainWindow.h"
#include "backend/artifact/cslc_args.h"
#include "backend/csl/compiler.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"
#include "widgets/models/DiagnosticsModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QThreadPool>

#include <set>
#include <string>
#include <unordered_map>

namespace tessera {

struct LiveDiagnostics::Outcome {
    QString rootDir;
    QHash<QString, quint64> revisions; // of the open buffers, when they were read
    QHash<QString, QList<DiagnosticItem>> byFile;
    QSet<QString> filesRead;
    qint64 milliseconds = 0;
    bool compiled = false; // false: the cslc settings do not parse (Build reports that)
};

namespace {

DiagnosticItem::Severity toSeverity(csl::Severity s) {
    return s == csl::Severity::Error     ? DiagnosticItem::Severity::Error
           : s == csl::Severity::Warning ? DiagnosticItem::Severity::Warning
                                         : DiagnosticItem::Severity::Note;
}

// Compiler paths are absolute (the layout file is given absolute) or a library module's
// name ("<memcpy/memcpy>"), which stays as it is.
QString itemFile(const std::string& file, const QDir& root) {
    const QString name = QString::fromStdString(file);
    if (name.startsWith(QLatin1Char('<')))
        return name;
    return QDir::cleanPath(root.absoluteFilePath(name));
}

void addItem(const csl::Diagnostic& d, const QDir& root,
             QHash<QString, QList<DiagnosticItem>>& byFile) {
    if (d.range.file.empty())
        return; // no position (e.g. "cannot read file"): the Build's log shows those
    DiagnosticItem item;
    item.severity = toSeverity(d.severity);
    item.file = itemFile(d.range.file, root);
    item.line = int(d.range.line);
    item.column = int(d.range.column);
    item.message = QString::fromStdString(d.message);
    byFile[item.file].append(item);
    for (const csl::Diagnostic& note : d.notes)
        addItem(note, root, byFile);
}

} // namespace

LiveDiagnostics::LiveDiagnostics(MainWindow* window, DiagnosticsModel* model, QThreadPool* pool,
                                 QObject* parent)
    : QObject(parent), m_window(window), m_model(model), m_pool(pool) {}

void LiveDiagnostics::textSettled() {
    if (m_running) {
        m_pending = true; // runs again, with the newest text, when this one ends
        return;
    }
    start();
}

void LiveDiagnostics::start() {
    const auto& project = m_window->project();
    if (!project)
        return;
    // Snapshot on the GUI thread: the worker never touches a widget.
    auto outcome = std::make_shared<Outcome>();
    outcome->rootDir = project->rootDir();
    std::unordered_map<std::string, std::string> buffers;
    for (EditorPane* pane : m_window->panes()) {
        if (pane->filePath().isEmpty())
            continue;
        const QString file = QDir::cleanPath(pane->filePath());
        buffers[file.toStdString()] = pane->editor()->text().toStdString();
        outcome->revisions.insert(file, m_model->documentRevision(file));
    }
    std::vector<std::string> args;
    for (const QString& a : project->cslcArguments())
        args.push_back(a.toStdString());

    m_running = true;
    emit compileStarted();
    m_pool->start([this, outcome, buffers = std::move(buffers), args = std::move(args)] {
        QElapsedTimer clock;
        clock.start();
        const QDir root(outcome->rootDir);
        std::set<std::string> read;
        try {
            artifact::CslcCommand cmd = artifact::parseCslcArgs(args);
            cmd.options.layoutFile =
                QDir::cleanPath(
                    root.absoluteFilePath(QString::fromStdString(cmd.options.layoutFile)))
                    .toStdString();
            for (std::string& path : cmd.options.importPaths)
                path = QDir::cleanPath(root.absoluteFilePath(QString::fromStdString(path)))
                           .toStdString();
            cmd.options.readFile = [&](const std::string& path) -> std::optional<std::string> {
                const std::string key = QDir::cleanPath(QString::fromStdString(path)).toStdString();
                read.insert(key);
                const auto it = buffers.find(key);
                if (it == buffers.end())
                    return std::nullopt; // not open: the compiler reads the saved file
                return it->second;
            };
            // Only the diagnostics are used: no artifact is written.
            const csl::CompileResult result = csl::compile(cmd.options);
            for (const csl::Diagnostic& d : result.diagnostics)
                addItem(d, root, outcome->byFile);
            outcome->compiled = true;
        } catch (const std::exception&) {
            // A cslc setting that does not parse; Build names it in the compile log.
        }
        for (const std::string& path : read)
            outcome->filesRead.insert(QString::fromStdString(path));
        outcome->milliseconds = clock.elapsed();
        QMetaObject::invokeMethod(
            this, [this, outcome] { apply(*outcome); }, Qt::QueuedConnection);
    });
}

void LiveDiagnostics::apply(const Outcome& outcome) {
    m_running = false;
    const auto& project = m_window->project();
    if (outcome.compiled && project && project->rootDir() == outcome.rootDir) {
        QSet<QString> files = m_reported;
        files.unite(outcome.filesRead);
        for (auto it = outcome.byFile.cbegin(); it != outcome.byFile.cend(); ++it)
            files.insert(it.key());
        QSet<QString> openNow;
        for (EditorPane* pane : m_window->panes())
            openNow.insert(QDir::cleanPath(pane->filePath()));
        m_reported.clear();
        for (const QString& file : std::as_const(files)) {
            quint64 revision = 0;
            if (outcome.revisions.contains(file))
                revision = outcome.revisions.value(file);
            else if (openNow.contains(file))
                continue; // opened since the compile read it from disk; its own check follows
            else
                revision = m_model->documentRevision(file);
            const QList<DiagnosticItem> items = outcome.byFile.value(file);
            // A stale batch (text changed since) is refused by the model.
            if (m_model->setFileDiagnostics(file, revision, items) && !items.isEmpty())
                m_reported.insert(file);
        }
        emit compileFinished(outcome.milliseconds);
    }
    if (m_pending) {
        m_pending = false;
        start();
    }
}

} // namespace tessera
