// The compile output directory in the SDK's shape:
//   out/out.json             params (as strings) plus fabric and arch facts
//   out/bin/out_rpc.json     exported symbols and functions (rpc_symbols)
//   out/bin/out_program.pb   the program file (program_file.h)
#pragma once

#include "backend/artifact/program_file.h"
#include "sim/program.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace artifact {

inline constexpr const char* kOutJson = "out.json";
inline constexpr const char* kRpcJson = "bin/out_rpc.json";
inline constexpr const char* kProgramFile = "bin/out_program.pb";

// What out.json records besides what the program itself holds.
struct BuildInfo {
    std::map<std::string, std::string> params; // every layout param, as strings
    std::map<std::string, std::string> colors; // --colors values, as strings
    std::string fp16Format = "f16";
    std::vector<std::string> cslcArgs; // the command line that produced it
};

struct RpcInput {
    std::string name;
    std::string type;
};

struct RpcSymbol {
    uint32_t id = 0;
    std::string name;
    std::string type; // Var: "[*]f32" or "i16"; Func: its return type, "void" or "u16"
    std::string kind; // "Var" | "Func"
    bool immutable = false;
    std::vector<RpcInput> inputs;
};

struct Artifact {
    std::string dir;
    std::shared_ptr<const sim::FabricProgram> program;
    BuildInfo info;
    std::vector<RpcSymbol> rpcSymbols;
};

// The rpc_symbols entries a program advertises (from FabricProgram::hostSymbols).
std::vector<RpcSymbol> rpcSymbolsOf(const sim::FabricProgram& program);

std::string outJsonText(const sim::FabricProgram& program, const BuildInfo& info);
// cslc --out-routes: "PE(x,y) color c: rx {WEST} tx {RAMP,EAST}" per configured color of
// each PE of the rectangle, with switch positions, ring mode and filters when set.
std::string routesText(const sim::FabricProgram& program);
std::string rpcJsonText(const std::vector<RpcSymbol>& symbols);
std::vector<RpcSymbol> parseRpcJson(const std::string& text, const std::string& what);

// A file written together with the artifact (cslc --output-json): put in place only when
// every file was written.
struct ExtraFile {
    std::string path;
    std::string bytes;
    std::string what; // prefixes the error when it cannot be written, e.g. "--output-json"
};

// Creates dir and dir/bin as needed and writes the three files and `extra`; throws
// ArtifactError. All are written beside their targets first and put in place only when all
// were written, so a failure leaves no new file behind, nor a directory it created.
void writeArtifact(const std::string& dir, const sim::FabricProgram& program, const BuildInfo& info,
                   const std::vector<ExtraFile>& extra = {});
// Reads all three files back; throws ArtifactError naming the file at fault.
Artifact loadArtifact(const std::string& dir);

} // namespace artifact
