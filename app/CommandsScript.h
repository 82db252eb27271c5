#pragma once

#include "app/Project.h"

#include <QDir>
#include <QString>
#include <QStringList>

#include <optional>

namespace tessera {

// What a commands_wse2.sh-style script says about a project: the cslc line (layout file
// and flags) and the host command.
struct CommandsScript {
    QString layoutFile;
    CompileSettings compile;
    QString hostCommand; // e.g. "cs_python run.py --name out"; empty when absent
    // The host command's script and its own arguments, without the --name and --cmaddr
    // the IDE gives it (e.g. "run.py" and {"--iters", "10"}); empty script when absent.
    QString hostScript;
    QStringList hostArgs;
};

// Reads the first cslc command of a shell script (backslash continuations joined, flags
// checked with cslc's own parser). nullopt with an error naming the line and flag.
std::optional<CommandsScript> importCommandsScript(const QString& script, QString* error);

// The first commands script of `dir` that names a cslc command, in the order the SDK
// examples are run (commands_wse2.sh, commands_wse3.sh, commands.sh). When none does,
// `problem` says why the first one failed.
std::optional<CommandsScript> findCommandsScript(const QDir& dir, QString* problem);

// A bash script that compiles the project as cslc and runs its run.py.
QString exportCommandsScript(const Project& project);

} // namespace tessera
