#pragma once

#include "app/Project.h"

#include <QString>

#include <optional>

namespace tessera {

// What a commands_wse2.sh-style script says about a project: the cslc line (layout file
// and flags) and the host command.
struct CommandsScript {
    QString layoutFile;
    CompileSettings compile;
    QString hostCommand; // e.g. "cs_python run.py --name out"; empty when absent
};

// Reads the first cslc command of a shell script (backslash continuations joined, flags
// checked with cslc's own parser). nullopt with an error naming the line and flag.
std::optional<CommandsScript> importCommandsScript(const QString& script, QString* error);

// A bash script that compiles the project as cslc and runs its run.py.
QString exportCommandsScript(const Project& project);

} // namespace tessera
