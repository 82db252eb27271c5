#include "app/SymbolNavigator.h"

#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "widgets/EditorPane.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace tessera {

namespace {

QString kindName(csl::SymbolKind kind) {
    switch (kind) {
    case csl::SymbolKind::Function:
        return SymbolNavigator::tr("function");
    case csl::SymbolKind::Task:
        return SymbolNavigator::tr("task");
    case csl::SymbolKind::Param:
        return SymbolNavigator::tr("param");
    case csl::SymbolKind::Constant:
        return SymbolNavigator::tr("constant");
    case csl::SymbolKind::Variable:
        return SymbolNavigator::tr("variable");
    case csl::SymbolKind::Module:
        return SymbolNavigator::tr("module");
    case csl::SymbolKind::Parameter:
        return SymbolNavigator::tr("parameter");
    case csl::SymbolKind::Field:
        return SymbolNavigator::tr("field");
    case csl::SymbolKind::EnumMember:
        return SymbolNavigator::tr("enum member");
    }
    return {};
}

CslSymbolInfo infoOf(const csl::SymbolDecl& d) {
    CslSymbolInfo info;
    info.name = QString::fromStdString(d.name);
    info.kind = kindName(d.kind);
    info.signature = QString::fromStdString(d.signature);
    info.doc = QString::fromStdString(d.doc);
    // Library modules written in CSL live in the compiler, not in a file to open.
    if (!d.file.empty() && d.file.front() != '<') {
        info.file = QString::fromStdString(d.file);
        info.line = int(d.line);
        info.column = int(d.column);
    } else if (!d.file.empty()) {
        info.doc = info.doc.isEmpty()
                       ? SymbolNavigator::tr("From %1.").arg(QString::fromStdString(d.file))
                       : info.doc;
    }
    return info;
}

} // namespace

SymbolNavigator::SymbolNavigator(MainWindow* window, IdeWorkbench* bench)
    : QObject(bench), m_window(window), m_bench(bench) {
    setObjectName(QStringLiteral("symbolNavigator"));
}

const SymbolNavigator::Docs& SymbolNavigator::docs() {
    static const Docs loaded = [] {
        Docs d;
        QFile file(QStringLiteral(":/csl/builtin_docs.txt"));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return d;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            // "@name: text", "<module>: text" or "<module> member(args) result: text": the
            // key ends at the first ": " outside parentheses.
            int colon = -1;
            for (int i = 0, depth = 0; i + 1 < line.size() && colon < 0; ++i) {
                if (line[i] == QLatin1Char('('))
                    ++depth;
                else if (line[i] == QLatin1Char(')'))
                    --depth;
                else if (depth == 0 && line[i] == QLatin1Char(':') &&
                         line[i + 1] == QLatin1Char(' '))
                    colon = i;
            }
            if (colon < 0)
                continue;
            const QString key = line.left(colon).trimmed();
            const QString text = line.mid(colon + 2).trimmed();
            if (key.startsWith(QLatin1Char('@'))) {
                d.builtins.insert(key, text);
            } else if (key.startsWith(QLatin1Char('<'))) {
                const int space = key.indexOf(QLatin1Char(' '));
                if (space < 0) {
                    d.library.insert(key, {key, text});
                } else {
                    const QString signature = key.mid(space + 1);
                    const QString member = signature.section(QLatin1Char('('), 0, 0);
                    d.library.insert(key.left(space) + QLatin1Char(' ') + member,
                                     {signature, text});
                }
            }
        }
        return d;
    }();
    return loaded;
}

void SymbolNavigator::attach(EditorPane* pane) {
    CslEditor* editor = pane->editor();
    editor->setBuiltinDocs(docs().builtins);
    editor->setSymbolResolver([this, pane](const QString& qualifier, const QString& word,
                                           int offset) -> std::optional<CslSymbolInfo> {
        return resolve(pane->filePath(), qualifier, word, offset);
    });
    connect(editor, &QsciScintilla::textChanged, this, &SymbolNavigator::invalidate);
    connect(editor, &CslEditor::definitionRequested, m_bench, &IdeWorkbench::jumpTo);
}

const csl::SymbolIndex& SymbolNavigator::index() {
    const QString root = m_window->project() ? m_window->project()->rootDir() : QString();
    if (!m_dirty && root == m_indexedRoot)
        return m_index;
    m_index = {};
    m_indexedRoot = root;
    m_dirty = false;
    // Unsaved buffers win over the files on disk.
    QHash<QString, QString> buffers;
    std::vector<std::string> files;
    for (EditorPane* pane : m_window->panes()) {
        if (pane->filePath().endsWith(QLatin1String(".csl"))) {
            buffers.insert(pane->filePath(), pane->editor()->text());
            files.push_back(pane->filePath().toStdString());
        }
    }
    if (!root.isEmpty()) {
        for (QDirIterator it(root, {QStringLiteral("*.csl")}, QDir::Files,
                             QDirIterator::Subdirectories);
             it.hasNext();) {
            const QString path = it.next();
            // Compile output and hidden folders hold no sources of the project.
            const QString relative = QDir(root).relativeFilePath(path);
            if (relative.startsWith(QLatin1Char('.')) || relative.contains(QLatin1String("/.")))
                continue;
            files.push_back(path.toStdString());
        }
    }
    m_index.addFiles(files, [&buffers](const std::string& path) -> std::optional<std::string> {
        const auto it = buffers.constFind(QString::fromStdString(path));
        if (it == buffers.constEnd())
            return std::nullopt;
        return it->toStdString();
    });
    return m_index;
}

std::optional<CslSymbolInfo> SymbolNavigator::libraryMember(const QString& module,
                                                            const QString& member) const {
    const auto& library = docs().library;
    const auto it =
        library.constFind(member.isEmpty() ? module : module + QLatin1Char(' ') + member);
    if (it == library.constEnd())
        return std::nullopt;
    CslSymbolInfo info;
    info.name = member.isEmpty() ? module : member;
    info.kind = member.isEmpty() ? tr("module") : tr("member of %1").arg(module);
    info.signature = it->first;
    info.doc = it->second;
    return info;
}

std::optional<CslSymbolInfo> SymbolNavigator::resolve(const QString& file, const QString& qualifier,
                                                      const QString& word, int offset) {
    if (file.isEmpty())
        return std::nullopt;
    const csl::SymbolIndex& idx = index();
    const std::string path = file.toStdString();
    if (!qualifier.isEmpty()) {
        if (const csl::SymbolDecl* d =
                idx.resolveMember(qualifier.toStdString(), word.toStdString(), path))
            return infoOf(*d);
        if (const csl::ModuleImport* imp = idx.importOf(qualifier.toStdString(), path);
            imp && imp->library)
            return libraryMember(QString::fromStdString(imp->spec), word);
        return std::nullopt;
    }
    const csl::SymbolDecl* d = idx.resolve(word.toStdString(), path, uint32_t(std::max(0, offset)));
    if (!d)
        return std::nullopt;
    CslSymbolInfo info = infoOf(*d);
    // A module constant: say what the module is.
    if (d->kind == csl::SymbolKind::Module && info.doc.isEmpty())
        if (const csl::ModuleImport* imp = idx.importOf(d->name, d->file); imp && imp->library)
            if (const auto module = libraryMember(QString::fromStdString(imp->spec), {}))
                info.doc = module->doc;
    return info;
}

} // namespace tessera
