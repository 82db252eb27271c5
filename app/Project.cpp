#include "app/Project.h"

#include "app/CommandsScript.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

namespace tessera {

namespace {

// Line and column (1-based) of a byte offset, for JSON parse errors.
QPair<int, int> lineAndColumn(const QByteArray& text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

struct Reader {
    QString fileName;
    QString error;

    bool fail(const QString& key, const QString& expected) {
        error = Project::tr("%1: \"%2\" must be %3.").arg(fileName, key, expected);
        return false;
    }

    bool string(const QJsonObject& object, const QString& key, const QString& path, QString& out) {
        if (!object.contains(key))
            return true;
        if (!object[key].isString())
            return fail(path, Project::tr("a string"));
        out = object[key].toString();
        return true;
    }

    bool positiveInt(const QJsonValue& value, int& out) {
        if (!value.isDouble())
            return false;
        const double number = value.toDouble();
        if (number < 0 || number > 100000 || number != int(number))
            return false;
        out = int(number);
        return true;
    }

    bool pair(const QJsonObject& object, const QString& key, const QString& path, int& first,
              int& second) {
        if (!object.contains(key))
            return true;
        const QJsonArray array = object[key].toArray();
        if (!object[key].isArray() || array.size() != 2 || !positiveInt(array[0], first) ||
            !positiveInt(array[1], second))
            return fail(path, Project::tr("an array of two non-negative integers, e.g. [8, 3]"));
        return true;
    }

    bool stringList(const QJsonObject& object, const QString& key, const QString& path,
                    QStringList& out) {
        if (!object.contains(key))
            return true;
        if (!object[key].isArray())
            return fail(path, Project::tr("an array of strings"));
        out.clear();
        for (const QJsonValue& value : object[key].toArray()) {
            if (!value.isString())
                return fail(path, Project::tr("an array of strings"));
            out << value.toString();
        }
        return true;
    }
};

bool isRelativeInside(const QString& path) {
    return !path.isEmpty() && QDir::isRelativePath(path) &&
           !QDir::cleanPath(path).startsWith(QLatin1String(".."));
}

// The .csl file that declares the layout block, when a folder has no project file.
QString guessLayoutFile(const QDir& dir) {
    if (dir.exists(QStringLiteral("layout.csl")))
        return QStringLiteral("layout.csl");
    static const QRegularExpression layoutBlock(QStringLiteral("^\\s*layout\\s*\\{"),
                                                QRegularExpression::MultilineOption);
    for (const QString& name : dir.entryList({QStringLiteral("*.csl")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly) &&
            layoutBlock.match(QString::fromUtf8(file.readAll())).hasMatch())
            return name;
    }
    return QStringLiteral("layout.csl");
}

} // namespace

std::optional<Project> Project::parse(const QByteArray& json, const QString& fileName,
                                      QString* error) {
    auto failWith = [&](const QString& message) -> std::optional<Project> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        return failWith(tr("%1:%2:%3: not valid JSON: %4")
                            .arg(fileName)
                            .arg(line)
                            .arg(column)
                            .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return failWith(tr("%1: the project file must hold a JSON object.").arg(fileName));

    QJsonObject root = document.object();
    Reader reader{fileName, {}};
    Project project;
    if (root.contains(QStringLiteral("version"))) {
        int version = 0;
        if (!reader.positiveInt(root[QStringLiteral("version")], version))
            return failWith(tr("%1: \"version\" must be a positive integer.").arg(fileName));
        if (version > FormatVersion)
            return failWith(tr("%1: project format version %2 is newer than this Tessera "
                               "understands (%3).")
                                .arg(fileName)
                                .arg(version)
                                .arg(FormatVersion));
    }
    if (!reader.string(root, QStringLiteral("name"), QStringLiteral("name"), project.m_name) ||
        !reader.string(root, QStringLiteral("layout"), QStringLiteral("layout"),
                       project.m_layoutFile) ||
        !reader.stringList(root, QStringLiteral("openFiles"), QStringLiteral("openFiles"),
                           project.m_openFiles))
        return failWith(reader.error);
    if (!isRelativeInside(project.m_layoutFile))
        return failWith(tr("%1: \"layout\" must be a path inside the project folder, not \"%2\".")
                            .arg(fileName, project.m_layoutFile));

    if (root.contains(QStringLiteral("compile"))) {
        if (!root[QStringLiteral("compile")].isObject())
            return failWith(tr("%1: \"compile\" must be an object.").arg(fileName));
        QJsonObject compile = root[QStringLiteral("compile")].toObject();
        CompileSettings& settings = project.m_compile;
        if (!reader.string(compile, QStringLiteral("arch"), QStringLiteral("compile.arch"),
                           settings.arch) ||
            !reader.pair(compile, QStringLiteral("fabricDims"),
                         QStringLiteral("compile.fabricDims"), settings.fabricWidth,
                         settings.fabricHeight) ||
            !reader.pair(compile, QStringLiteral("fabricOffsets"),
                         QStringLiteral("compile.fabricOffsets"), settings.fabricOffsetX,
                         settings.fabricOffsetY) ||
            !reader.string(compile, QStringLiteral("output"), QStringLiteral("compile.output"),
                           settings.outputDir) ||
            !reader.stringList(compile, QStringLiteral("extraArgs"),
                               QStringLiteral("compile.extraArgs"), settings.extraArgs))
            return failWith(reader.error);
        if (settings.arch != QLatin1String("wse2") && settings.arch != QLatin1String("wse3"))
            return failWith(tr("%1: \"compile.arch\" must be \"wse2\" or \"wse3\", not \"%2\".")
                                .arg(fileName, settings.arch));
        if (compile.contains(QStringLiteral("memcpy"))) {
            if (!compile[QStringLiteral("memcpy")].isBool())
                return failWith(tr("%1: \"compile.memcpy\" must be true or false.").arg(fileName));
            settings.memcpy = compile[QStringLiteral("memcpy")].toBool();
        }
        if (compile.contains(QStringLiteral("channels")) &&
            (!reader.positiveInt(compile[QStringLiteral("channels")], settings.channels) ||
             settings.channels < 1 || settings.channels > 16))
            return failWith(
                tr("%1: \"compile.channels\" must be an integer from 1 to 16.").arg(fileName));
        if (compile.contains(QStringLiteral("params"))) {
            if (!compile[QStringLiteral("params")].isObject())
                return failWith(
                    tr("%1: \"compile.params\" must be an object of name: value.").arg(fileName));
            const QJsonObject params = compile[QStringLiteral("params")].toObject();
            for (auto it = params.begin(); it != params.end(); ++it) {
                if (it.value().isDouble())
                    settings.params.append(
                        {it.key(), QString::number(it.value().toDouble(), 'g', 17)});
                else if (it.value().isString())
                    settings.params.append({it.key(), it.value().toString()});
                else
                    return failWith(tr("%1: \"compile.params.%2\" must be a number or a string.")
                                        .arg(fileName, it.key()));
            }
        }
        for (const char* known : {"arch", "fabricDims", "fabricOffsets", "memcpy", "channels",
                                  "params", "output", "extraArgs"})
            compile.remove(QLatin1String(known));
        project.m_unknownCompile = compile;
    }
    for (const char* known : {"version", "name", "layout", "compile", "openFiles"})
        root.remove(QLatin1String(known));
    project.m_unknown = root;
    return project;
}

std::optional<Project> Project::open(const QString& folderOrFile, QString* error) {
    const QFileInfo info(folderOrFile);
    if (!info.exists()) {
        if (error)
            *error = tr("%1 does not exist.").arg(QDir::toNativeSeparators(folderOrFile));
        return std::nullopt;
    }
    const QString rootDir = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    const QString file = QDir(rootDir).filePath(QLatin1String(FileName));
    std::optional<Project> project;
    if (QFileInfo::exists(file)) {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Cannot read %1: %2")
                             .arg(QDir::toNativeSeparators(file), input.errorString());
            return std::nullopt;
        }
        project = parse(input.readAll(), QDir::toNativeSeparators(file), error);
        if (!project)
            return std::nullopt;
    } else {
        project = Project();
        project->m_layoutFile = guessLayoutFile(QDir(rootDir));
        // An SDK-style folder says how it is compiled in its commands script: without its
        // params, fabric and colors the IDE build would fail where the script succeeds.
        if (const auto script =
                findCommandsScript(QDir(rootDir), &project->m_commandsScriptProblem)) {
            project->m_layoutFile = script->layoutFile;
            project->m_compile = script->compile;
        }
    }
    project->m_rootDir = rootDir;
    if (project->m_name.isEmpty())
        project->m_name = QFileInfo(rootDir).fileName();
    return project;
}

QString Project::filePath() const {
    return QDir(m_rootDir).filePath(QLatin1String(FileName));
}

bool Project::hasFile() const {
    return QFileInfo::exists(filePath());
}

QString Project::layoutFilePath() const {
    return QDir(m_rootDir).filePath(m_layoutFile);
}

QByteArray Project::toJson() const {
    QJsonObject root = m_unknown;
    root[QStringLiteral("version")] = FormatVersion;
    root[QStringLiteral("name")] = m_name;
    root[QStringLiteral("layout")] = m_layoutFile;
    QJsonObject compile = m_unknownCompile;
    compile[QStringLiteral("arch")] = m_compile.arch;
    compile[QStringLiteral("fabricDims")] =
        QJsonArray{m_compile.fabricWidth, m_compile.fabricHeight};
    compile[QStringLiteral("fabricOffsets")] =
        QJsonArray{m_compile.fabricOffsetX, m_compile.fabricOffsetY};
    compile[QStringLiteral("memcpy")] = m_compile.memcpy;
    compile[QStringLiteral("channels")] = m_compile.channels;
    QJsonObject params;
    for (const auto& [name, value] : m_compile.params)
        params[name] = value;
    compile[QStringLiteral("params")] = params;
    compile[QStringLiteral("output")] = m_compile.outputDir;
    compile[QStringLiteral("extraArgs")] = QJsonArray::fromStringList(m_compile.extraArgs);
    root[QStringLiteral("compile")] = compile;
    root[QStringLiteral("openFiles")] = QJsonArray::fromStringList(m_openFiles);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool Project::save(QString* error) const {
    QSaveFile file(filePath());
    const QByteArray bytes = toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(filePath()), file.errorString());
        return false;
    }
    return true;
}

QStringList Project::compileArguments() const {
    QStringList args = cslcArguments();
    args.removeOne(m_layoutFile);
    return args;
}

QStringList Project::cslcArguments() const {
    QStringList args;
    args << QStringLiteral("--arch=%1").arg(m_compile.arch) << m_layoutFile
         << QStringLiteral("--fabric-dims=%1,%2")
                .arg(m_compile.fabricWidth)
                .arg(m_compile.fabricHeight)
         << QStringLiteral("--fabric-offsets=%1,%2")
                .arg(m_compile.fabricOffsetX)
                .arg(m_compile.fabricOffsetY);
    if (!m_compile.params.isEmpty()) {
        QStringList params;
        for (const auto& [name, value] : m_compile.params)
            params << name + QLatin1Char(':') + value;
        args << QStringLiteral("--params=%1").arg(params.join(QLatin1Char(',')));
    }
    args << QStringLiteral("-o") << m_compile.outputDir;
    if (m_compile.memcpy)
        args << QStringLiteral("--memcpy")
             << QStringLiteral("--channels=%1").arg(m_compile.channels);
    args << m_compile.extraArgs;
    return args;
}

} // namespace tessera
