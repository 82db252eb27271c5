// cslc's command line, shared by the cslc tool and the appliance's Compile service
// (which receives the same flags as one string).
#pragma once

#include "backend/artifact/artifact.h"
#include "backend/csl/compiler.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace artifact {

// A bad command line; the message names the flag and, for unknown flags, a hint.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct CslcCommand {
    csl::CompileOptions options;
    std::string outDir = "out";
    // --output-json[=PATH] (the SDK 2.10 compiler page): also write the resolved parameters
    // (out.json's content) to PATH, by default the output directory's name + ".json".
    std::optional<std::string> outputJsonPath;
    bool debugInfo = true;  // -g0 turns source locations off
    bool outRoutes = false; // --out-routes: print each PE's color routes
    bool help = false;
    bool version = false;
    std::vector<std::string> args; // as given, for out.json
};

// args excludes the program name. Throws UsageError.
CslcCommand parseCslcArgs(const std::vector<std::string>& args);

// What out.json records of a compile: its layout params, the --colors and fp16 format of
// `cmd` and its command line.
BuildInfo buildInfoOf(const CslcCommand& cmd, const csl::CompileResult& result);

// Splits an argument string the way a POSIX shell would for plain words, single and
// double quotes and backslash escapes (no expansion). Throws UsageError on an
// unterminated quote.
std::vector<std::string> splitArgs(const std::string& text);

std::string cslcUsage();

} // namespace artifact
