// A small cslc-compatible driver for tests and scripts/compile-sdk-examples: it accepts
// the SDK's cslc flags, runs the compiler library and prints clang-style diagnostics.
// `--syntax-only f.csl...` runs only the front end on each file.
#include "backend/csl/compiler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lineOf(const csl::Diagnostic& d) {
    if (d.range.file.empty() || d.range.line == 0)
        return {};
    std::ifstream in(d.range.file);
    std::string line;
    for (uint32_t i = 0; i < d.range.line && std::getline(in, line); ++i) {
    }
    return line;
}

void splitPairs(const std::string& v, std::vector<std::pair<std::string, std::string>>& out) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ',')) {
        auto c = item.find(':');
        if (c == std::string::npos)
            out.emplace_back(item, "");
        else
            out.emplace_back(item.substr(0, c), item.substr(c + 1));
    }
}

bool parseDims(const std::string& v, uint32_t& a, uint32_t& b) {
    return std::sscanf(v.c_str(), "%u,%u", &a, &b) == 2;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "--syntax-only") {
        int bad = 0;
        for (size_t i = 1; i < args.size(); ++i) {
            auto diags = csl::checkSyntax(args[i], readAll(args[i]));
            for (auto& d : diags)
                std::cerr << csl::formatDiagnostic(d, lineOf(d));
            bad += std::any_of(diags.begin(), diags.end(), [](const csl::Diagnostic& d) {
                return d.severity == csl::Severity::Error;
            });
        }
        return bad ? 1 : 0;
    }
    csl::CompileOptions o;
    bool timing = false;
    bool dump = false;
    int repeat = 1;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string a = args[i];
        std::string val;
        auto eq = a.find('=');
        auto takeValue = [&]() -> std::string {
            if (eq != std::string::npos)
                return a.substr(eq + 1);
            if (i + 1 < args.size())
                return args[++i];
            return {};
        };
        std::string key = eq == std::string::npos ? a : a.substr(0, eq);
        if (key == "--arch") {
            val = takeValue();
            o.arch = val == "wse3" ? sim::Arch::Wse3 : sim::Arch::Wse2;
        } else if (key == "--fabric-dims") {
            parseDims(takeValue(), o.fabricWidth, o.fabricHeight);
        } else if (key == "--fabric-offsets") {
            parseDims(takeValue(), o.offsetX, o.offsetY);
            o.fabricOffsetsGiven = true;
        } else if (key == "--params") {
            splitPairs(takeValue(), o.params);
        } else if (key == "--colors") {
            splitPairs(takeValue(), o.colors);
        } else if (key == "--memcpy") {
            o.memcpy = true;
        } else if (key == "--channels") {
            o.channels = uint32_t(std::stoul(takeValue()));
        } else if (key == "--width-west-buf") {
            o.widthWestBuf = uint32_t(std::stoul(takeValue()));
        } else if (key == "--width-east-buf") {
            o.widthEastBuf = uint32_t(std::stoul(takeValue()));
        } else if (key == "--fp16-format") {
            o.fp16Format = takeValue();
        } else if (key == "--import-path") {
            o.importPaths.push_back(takeValue());
        } else if (key == "-o" || key == "--max-inlined-iterations" || key == "--max-parallelism") {
            takeValue();
        } else if (key == "--timing") {
            timing = true;
        } else if (key == "--repeat") {
            repeat = std::max(1, std::stoi(takeValue()));
            timing = true;
        } else if (key == "--dump") {
            dump = true;
        } else if (key == "--verbose") {
            o.verbose = true;
        } else if (key == "--link-section-start-address-bytes") {
            // ".sec1:40960,.sec2:40980" (quotes already removed by the shell)
            std::vector<std::pair<std::string, std::string>> pairs;
            splitPairs(takeValue(), pairs);
            for (const auto& [sec, addr] : pairs)
                o.linkSectionStartBytes.emplace_back(sec, uint32_t(std::stoul(addr, nullptr, 0)));
        } else if (key == "--comptime-func-depth-limit") {
            o.comptimeFuncDepthLimit = uint32_t(std::stoul(takeValue()));
        } else if (key == "--max-comptime-steps") {
            o.maxComptimeSteps = std::stoull(takeValue()); // CompileOptions::maxComptimeSteps
        } else if (!a.empty() && a[0] == '-') {
            // Other cslc flags (-g0, --output-json, --out-routes) do not affect the program.
        } else {
            o.layoutFile = a;
        }
    }
    csl::CompileResult r;
    double best = 1e300, total = 0;
    for (int i = 0; i < repeat; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        r = csl::compile(o);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count();
        best = std::min(best, ms);
        total += ms;
    }
    for (auto& d : r.diagnostics)
        std::cerr << csl::formatDiagnostic(d, lineOf(d));
    if (timing)
        std::cout << "compile time: " << best << " ms (best of " << repeat << ", mean "
                  << total / repeat << " ms)\n";
    if (r.ok && o.verbose && r.program) {
        const auto& p = *r.program;
        std::cout << "rectangle " << p.width << "x" << p.height << ", classes " << p.classes.size()
                  << ", host symbols " << p.hostSymbols.size() << "\n";
        for (const auto& c : p.classes)
            std::cout << "  class " << c.file << " [" << c.paramsKey << "] functions "
                      << c.functions.size() << " memory " << c.memoryBytes << " bytes\n";
    }
    if (r.ok && dump && r.program) {
        for (const auto& c : r.program->classes) {
            std::cout << "class " << c.file << "\n";
            for (const auto& s : c.symbols)
                std::cout << "  symbol " << s.name << " @" << s.address << " size " << s.sizeBytes
                          << "\n";
            for (const auto& e : c.exports)
                std::cout << "  export " << e.name << (e.isFunction ? " fn " : " @")
                          << (e.isFunction ? e.function : int(e.address)) << "\n";
            for (size_t t = 0; t < c.tasks.size(); ++t) {
                if (c.tasks[t].kind != sim::TaskKind::None)
                    std::cout << "  task " << t << " kind " << int(c.tasks[t].kind) << " fn "
                              << c.tasks[t].function << "\n";
            }
            for (size_t f = 0; f < c.functions.size(); ++f) {
                const auto& fn = c.functions[f];
                std::cout << "  fn " << f << " " << fn.name << " params " << fn.numParams
                          << " regs " << fn.numRegs << " dsdregs " << fn.numDsdRegs << "\n";
                for (size_t i = 0; i < fn.code.size(); ++i) {
                    const auto& in = fn.code[i];
                    std::cout << "    " << i << ": op" << int(in.op) << " t" << int(in.type) << " d"
                              << in.dst << " a" << in.a << " b" << in.b << " imm " << in.imm
                              << "  ; line " << fn.locs[i].line << "\n";
                }
            }
        }
    }
    return r.ok ? 0 : 1;
}
