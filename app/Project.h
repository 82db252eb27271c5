#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace tessera {

// How cslc is invoked for a project (the flags of the SDK's commands_*.sh scripts).
struct CompileSettings {
    QString arch = QStringLiteral("wse2");
    int fabricWidth = 8;
    int fabricHeight = 3;
    int fabricOffsetX = 4;
    int fabricOffsetY = 1;
    bool memcpy = true;
    int channels = 1;
    QList<QPair<QString, QString>> params; // --params name:value, sorted by name
    QString outputDir = QStringLiteral("out");
    QStringList extraArgs;

    bool operator==(const CompileSettings&) const = default;
};

// A CSL project: a folder plus the small JSON file (tessera.json) that remembers its
// layout file and compile settings. Keys this version does not know are kept and written
// back, so an older Tessera never drops what a newer one stored.
class Project {
    Q_DECLARE_TR_FUNCTIONS(Project)
  public:
    static constexpr const char* FileName = "tessera.json";
    static constexpr int FormatVersion = 1;

    // Opens a project folder (or its tessera.json). A folder without a project file gives
    // a project with defaults (layout.csl, or the only .csl file with a layout block; the
    // layout and cslc flags of commands_wse2.sh, commands_wse3.sh or commands.sh when the
    // folder has one), which is written only when saved. A malformed file gives nullopt and an
    // error that names the file, line and column or key.
    static std::optional<Project> open(const QString& folderOrFile, QString* error);
    // Parses project-file bytes; `fileName` is used in error messages only.
    static std::optional<Project> parse(const QByteArray& json, const QString& fileName,
                                        QString* error);

    // Writes tessera.json atomically (QSaveFile).
    bool save(QString* error) const;
    QByteArray toJson() const;

    QString rootDir() const { return m_rootDir; }
    QString filePath() const;
    bool hasFile() const;
    QString name() const { return m_name; }
    void setName(const QString& name) { m_name = name; }

    // Relative to rootDir().
    QString layoutFile() const { return m_layoutFile; }
    void setLayoutFile(const QString& relativePath) { m_layoutFile = relativePath; }
    QString layoutFilePath() const;

    // Why a folder without tessera.json got the default compile settings although it has
    // a commands script ("commands_wse2.sh: line 4: ..."); empty otherwise.
    QString commandsScriptProblem() const { return m_commandsScriptProblem; }

    CompileSettings compile() const { return m_compile; }
    void setCompile(const CompileSettings& settings) { m_compile = settings; }

    // Files open in the editor when the project was last closed, relative to rootDir().
    QStringList openFiles() const { return m_openFiles; }
    void setOpenFiles(const QStringList& files) { m_openFiles = files; }

    // The cslc command line for this project, run from rootDir().
    QStringList cslcArguments() const;
    // The same without the layout file, as SdkCompiler.compile takes them beside it.
    QStringList compileArguments() const;

  private:
    QString m_rootDir;
    QString m_name;
    QString m_layoutFile = QStringLiteral("layout.csl");
    CompileSettings m_compile;
    QStringList m_openFiles;
    QJsonObject m_unknown;        // top-level keys this version does not know
    QJsonObject m_unknownCompile; // keys inside "compile" this version does not know
    QString m_commandsScriptProblem;
};

} // namespace tessera
