// The artifact's program file: a sim::FabricProgram serialised with protobuf
// (backend/proto/tessera/program.proto), versioned by kProgramFileVersion.
#pragma once

#include "sim/program.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace artifact {

// The program file's format_version. 2: the PE configurations as a table of distinct
// ones plus a packed index per PE (a full wafer reads in milliseconds instead of over a
// second). Version 1 (one message per PE) is still read; any other version is refused
// with an error naming the found and the readable versions.
inline constexpr uint32_t kProgramFileVersion = 2;
inline constexpr uint32_t kProgramFileVersionOldest = 1;

// Every read or write failure; the message names the file and what is wrong.
class ArtifactError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

std::string serializeProgram(const sim::FabricProgram& program);
// `what` names the source in error messages (a file path, "upload").
std::shared_ptr<sim::FabricProgram> parseProgram(const std::string& bytes, const std::string& what);

void writeProgramFile(const std::string& path, const sim::FabricProgram& program);
std::shared_ptr<sim::FabricProgram> readProgramFile(const std::string& path);

// Whole-file helpers shared by the artifact code (atomic write: temp file + rename).
std::string readWholeFile(const std::string& path);
void writeWholeFile(const std::string& path, const std::string& bytes);
// The two halves of writeWholeFile, for writing several files all or nothing: bytes go to
// path + ".tmp" (removed again if the write fails), then the rename replaces path.
void writeTemporaryFile(const std::string& path, const std::string& bytes);
void replaceWithTemporaryFile(const std::string& path);

} // namespace artifact
