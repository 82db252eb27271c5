#include "corpus_runner.h"

#include "backend/artifact/cslc_args.h"
#include "backend/csl/compiler.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace csl_tests {

namespace {

struct Parsed {
    std::vector<std::pair<std::string, std::string>> files; // name, text
    std::vector<std::string> args;
    bool syntaxOnly = false;
    bool checksNotes = false; // notes are compared only in files that expect some
    std::vector<std::string> expected;
};

std::string baseName(const std::string& p) {
    auto s = p.find_last_of('/');
    return s == std::string::npos ? p : p.substr(s + 1);
}

Parsed parseCorpus(const std::string& path) {
    Parsed p;
    std::ifstream in(path);
    std::string line;
    std::string name = baseName(path);
    std::string text;
    while (std::getline(in, line)) {
        if (line.rfind("// FILE: ", 0) == 0) {
            p.files.emplace_back(name, text);
            name = line.substr(9);
            text.clear();
            continue;
        }
        if (line.rfind("// ARGS: ", 0) == 0) {
            std::istringstream ss(line.substr(9));
            std::string a;
            while (ss >> a)
                p.args.push_back(a);
        } else if (line.rfind("// MODE: syntax", 0) == 0) {
            p.syntaxOnly = true;
        } else if (line.rfind("// CHECK-ERROR: ", 0) == 0) {
            p.expected.push_back("error: " + line.substr(16));
        } else if (line.rfind("// CHECK-WARNING: ", 0) == 0) {
            p.expected.push_back("warning: " + line.substr(18));
        } else if (line.rfind("// CHECK-NOTE: ", 0) == 0) {
            p.expected.push_back("note: " + line.substr(15));
            p.checksNotes = true;
        }
        text += line + "\n";
    }
    p.files.emplace_back(name, text);
    return p;
}

} // namespace

CorpusResult runCorpusFile(const std::string& path) {
    Parsed p = parseCorpus(path);
    CorpusResult r;
    std::vector<csl::Diagnostic> diags;
    const std::string layoutName = p.files.front().first;
    if (p.syntaxOnly) {
        for (auto& [n, t] : p.files) {
            auto d = csl::checkSyntax(n, t);
            diags.insert(diags.end(), d.begin(), d.end());
        }
        r.ok = diags.empty();
    } else {
        // cslc's own command-line parser, so a corpus file's ARGS mean what they mean to cslc.
        std::vector<std::string> args{layoutName};
        args.insert(args.end(), p.args.begin(), p.args.end());
        csl::CompileOptions o = artifact::parseCslcArgs(args).options;
        o.layoutFile = layoutName;
        std::map<std::string, std::string> files(p.files.begin(), p.files.end());
        o.readFile = [files](const std::string& f) -> std::optional<std::string> {
            std::string key = f.rfind("./", 0) == 0 ? f.substr(2) : f;
            auto it = files.find(key);
            if (it == files.end())
                return std::nullopt;
            return it->second;
        };
        csl::CompileResult cr = csl::compile(o);
        diags = cr.diagnostics;
        r.ok = cr.ok;
    }
    if (p.checksNotes) {
        std::vector<csl::Diagnostic> withNotes;
        for (const csl::Diagnostic& d : diags) {
            withNotes.push_back(d);
            withNotes.insert(withNotes.end(), d.notes.begin(), d.notes.end());
        }
        diags = std::move(withNotes);
    }
    for (const csl::Diagnostic& d : diags) {
        std::string where;
        if (!d.range.file.empty()) {
            if (d.range.file != layoutName)
                where = d.range.file + ":";
            where += std::to_string(d.range.line) + ":" + std::to_string(d.range.column) + ": ";
        }
        const char* kind = d.severity == csl::Severity::Error     ? "error: "
                           : d.severity == csl::Severity::Warning ? "warning: "
                                                                  : "note: ";
        r.actual.push_back(kind + where + d.message);
    }
    std::vector<std::string> a = r.actual, e = p.expected;
    std::sort(a.begin(), a.end());
    std::sort(e.begin(), e.end());
    r.passed = a == e;
    if (!r.passed) {
        r.report = "expected:\n";
        for (auto& x : p.expected)
            r.report += "  " + x + "\n";
        r.report += "actual:\n";
        for (auto& x : r.actual)
            r.report += "  " + x + "\n";
    }
    return r;
}

void blessCorpusFile(const std::string& path, const CorpusResult& r) {
    std::ifstream in(path);
    std::string line, out;
    while (std::getline(in, line)) {
        if (line.rfind("// CHECK-ERROR: ", 0) == 0 || line.rfind("// CHECK-WARNING: ", 0) == 0 ||
            line.rfind("// CHECK-NOTE: ", 0) == 0)
            continue;
        out += line + "\n";
    }
    // r.actual holds "error: ...", "warning: ..." or "note: ...".
    for (const std::string& d : r.actual) {
        const size_t colon = d.find(": ");
        std::string kind = d.substr(0, colon);
        std::transform(kind.begin(), kind.end(), kind.begin(), ::toupper);
        out += "// CHECK-" + kind + ": " + d.substr(colon + 2) + "\n";
    }
    std::ofstream(path) << out;
}

} // namespace csl_tests
