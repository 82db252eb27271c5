// Runs one file of the CSL test corpus. A corpus file holds one or more sources and the
// diagnostics they must produce:
//   // ARGS: --arch=wse3 --params=n:4 --memcpy      (cslc flags; optional)
//   // MODE: syntax                                  (front end only; default: compile)
//   // FILE: pe.csl                                   (starts another source file)
//   // CHECK-ERROR: [file:]line:col: message          (every error, exactly once)
//   // CHECK-WARNING: [file:]line:col: message
// The first section is the layout file, named after the corpus file. Lines are counted
// per section.
#pragma once

#include <string>
#include <vector>

namespace csl_tests {

struct CorpusResult {
    bool passed = false;
    std::string report;              // what differed
    std::vector<std::string> actual; // "file:line:col: message" per diagnostic
    bool ok = false;                 // the compile succeeded
};

CorpusResult runCorpusFile(const std::string& path);

// Rewrites the CHECK lines of a corpus file from the actual diagnostics.
void blessCorpusFile(const std::string& path, const CorpusResult& r);

} // namespace csl_tests
