// The harness of tst_csl_language and tst_csl_language2: one PE whose compute() leaves u32
// words in `y`, compiled for an architecture, launched, and its words compared.
#pragma once

#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <map>
#include <string>
#include <vector>

namespace csl_tests {

// One PE exporting `y: [*]u32` and `compute: fn()void`.
inline const std::string kLanguageLayout = onePeLayout(true, "fn()void", "u32");

// Cycles a program's compute() and the copy of y may take.
constexpr uint64_t kLanguageMaxCycles = 10'000'000;

// A PE program: `decls` at the top level, `body` inside compute(), which the host launches.
inline std::string program(const std::string& decls, const std::string& body) {
    return R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([24]u32);
const y_ptr: [*]u32 = &y;
)" + decls +
           "\nfn compute() void {\n" + body + R"(
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
}

struct LanguageCase {
    const char* name;
    std::string pe;
    std::vector<uint32_t> expected; // y[0..n-1]
    std::map<std::string, std::string> moreFiles = {};
    // --fp16-format: run-time bf16 or cb16 variables need theirs (the Types page).
    const char* fp16Format = "f16";
};

// Rows "<case>/<arch>" with columns index and arch, for checkLanguageCase.
inline void addLanguageCaseRows(const std::vector<LanguageCase>& cases) {
    std::vector<std::string> names;
    for (const LanguageCase& c : cases)
        names.push_back(c.name);
    addIndexedArchRows(names, "/");
}

// Compiles `c` for `arch`, launches compute() and compares every word of y.
inline void checkLanguageCase(const LanguageCase& c, sim::Arch arch) {
    std::map<std::string, std::string> files = c.moreFiles;
    files["layout.csl"] = kLanguageLayout;
    files["pe.csl"] = c.pe;
    const csl::CompileResult r = compileFiles(files, arch, {}, {}, c.fp16Format);
    QVERIFY2(r.ok, allDiagnostics(r).c_str());
    std::string error;
    const std::vector<uint32_t> y = launchAndReadWords(
        r.program, "compute", {}, "y", uint32_t(c.expected.size()), kLanguageMaxCycles, &error);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(y.size(), c.expected.size());
    for (size_t k = 0; k < y.size(); ++k) {
        if (y[k] != c.expected[k])
            QFAIL(qPrintable(QStringLiteral("y[%1] = 0x%2, expected 0x%3")
                                 .arg(k)
                                 .arg(y[k], 0, 16)
                                 .arg(c.expected[k], 0, 16)));
    }
}

} // namespace csl_tests
