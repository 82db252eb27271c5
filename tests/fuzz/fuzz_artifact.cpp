// libFuzzer target for the artifact readers. The first byte picks the reader:
//   'P' the program file (protobuf) from bytes and from disk,
//   'R' bin/out_rpc.json, 'O' out.json (through loadArtifact, the other two files valid);
// anything else feeds the rest to all three. A parsed program is re-serialised and its
// rpc symbols derived, as cslc and the appliance do, and it is loaded into the simulator.
#include "backend/artifact/artifact.h"
#include "backend/artifact/program_file.h"
#include "fuzz_fixture.h"
#include "sim/fabric.h"

#include <google/protobuf/stubs/logging.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Dir {
    fs::path path =
        fs::temp_directory_path() / ("tessera-fuzz-artifact-" + std::to_string(getpid()));
    Dir() {
        // Program files with invalid UTF-8 in string fields are rejected by the parser; its
        // log line per rejection would drown libFuzzer's output.
        google::protobuf::SetLogHandler(nullptr);
        artifact::writeArtifact(path.string(), *fuzzfix::program(), {});
    }
    ~Dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

const Dir& dir() {
    static const Dir d;
    return d;
}

void program(const std::string& bytes) {
    try {
        auto p = artifact::parseProgram(bytes, "fuzz");
        (void)artifact::rpcSymbolsOf(*p);
        (void)artifact::outJsonText(*p, {});
        auto again = artifact::parseProgram(artifact::serializeProgram(*p), "fuzz round trip");
        (void)again;
        // What the appliance's Load does with an uploaded program: the simulator must
        // refuse it with an exception or run it, never crash (small rectangles only, a
        // bounded number of cycles).
        if (uint64_t(p->width) * p->height <= 64) {
            try {
                sim::Fabric fabric(p);
                (void)fabric.runUntilIdle(5000);
            } catch (const std::exception&) {
            }
        }
    } catch (const artifact::ArtifactError&) {
    }
}

// Replaces one file of the valid artifact, loads it, then restores the file.
void load(const char* file, const std::string& bytes) {
    const fs::path path = dir().path / file;
    const std::string good = artifact::readWholeFile(path.string());
    artifact::writeWholeFile(path.string(), bytes);
    try {
        (void)artifact::loadArtifact(dir().path.string());
    } catch (const artifact::ArtifactError&) {
    }
    artifact::writeWholeFile(path.string(), good);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    const char which = char(data[0]);
    if (which == 'P' || (which != 'R' && which != 'O')) {
        program(rest);
        load(artifact::kProgramFile, rest);
    }
    if (which == 'R' || (which != 'P' && which != 'O')) {
        try {
            (void)artifact::parseRpcJson(rest, "fuzz");
        } catch (const artifact::ArtifactError&) {
        }
        load(artifact::kRpcJson, rest);
    }
    if (which == 'O' || (which != 'P' && which != 'R'))
        load(artifact::kOutJson, rest);
    return 0;
}
