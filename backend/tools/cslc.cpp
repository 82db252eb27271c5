// cslc: compiles a CSL layout into an SDK-shaped out/ directory.
#include "backend/artifact/artifact.h"
#include "backend/artifact/cslc_args.h"
#include "backend/csl/compiler.h"

#include <fstream>
#include <iostream>
#include <map>

namespace {

std::string sourceLine(const std::string& file, uint32_t line,
                       std::map<std::string, std::vector<std::string>>& cache) {
    if (line == 0 || file.empty())
        return {};
    auto it = cache.find(file);
    if (it == cache.end()) {
        std::vector<std::string> lines;
        std::ifstream in(file);
        for (std::string l; std::getline(in, l);)
            lines.push_back(l);
        it = cache.emplace(file, std::move(lines)).first;
    }
    return line <= it->second.size() ? it->second[line - 1] : std::string();
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    artifact::CslcCommand cmd;
    try {
        cmd = artifact::parseCslcArgs(args);
    } catch (const artifact::UsageError& e) {
        std::cerr << "cslc: error: " << e.what() << "\n";
        return 2;
    }
    if (cmd.help) {
        std::cout << artifact::cslcUsage();
        return 0;
    }
    if (cmd.version) {
        std::cout << "cslc (Tessera) 0.1.0\n";
        return 0;
    }
    csl::CompileResult result = csl::compile(cmd.options);
    std::map<std::string, std::vector<std::string>> cache;
    size_t errors = 0;
    for (const auto& d : result.diagnostics) {
        errors += d.severity == csl::Severity::Error;
        // Each note follows with its own source line (formatDiagnostic of `d` itself would
        // print its notes first without one, so every note appeared twice).
        csl::Diagnostic head = d;
        head.notes.clear();
        std::cerr << csl::formatDiagnostic(head, sourceLine(d.range.file, d.range.line, cache));
        for (const auto& n : d.notes)
            std::cerr << csl::formatDiagnostic(n, sourceLine(n.range.file, n.range.line, cache));
    }
    if (!result.ok || !result.program) {
        std::cerr << "cslc: "
                  << (errors ? std::to_string(errors) + " error(s)" : "compilation failed")
                  << "; no output written\n";
        return 1;
    }
    if (!cmd.debugInfo)
        for (auto& c : result.program->classes)
            for (auto& f : c.functions)
                f.locs.clear();
    const artifact::BuildInfo info = artifact::buildInfoOf(cmd, result);
    // --output-json is written with the artifact, so a path that cannot be written leaves
    // no output directory behind, as every other refusal does.
    std::vector<artifact::ExtraFile> extra;
    if (cmd.outputJsonPath)
        extra.push_back({cmd.outputJsonPath->empty() ? cmd.outDir + ".json" : *cmd.outputJsonPath,
                         artifact::outJsonText(*result.program, info), "--output-json"});
    try {
        artifact::writeArtifact(cmd.outDir, *result.program, info, extra);
    } catch (const artifact::ArtifactError& e) {
        std::cerr << "cslc: error: " << e.what() << "\n";
        return 1;
    }
    if (cmd.outRoutes)
        std::cout << artifact::routesText(*result.program);
    if (cmd.options.verbose)
        std::cerr << "cslc: wrote " << cmd.outDir << "/" << artifact::kOutJson << ", "
                  << artifact::kRpcJson << ", " << artifact::kProgramFile << "\n";
    return 0;
}
