#include "backend/csl/compiler.h"

#include "backend/csl/diag/diagnostics.h"
#include "backend/csl/parse/ast.h"

namespace csl {

std::vector<Diagnostic> checkSyntax(const std::string& file, const std::string& text) {
    DiagnosticEngine diags;
    uint16_t id = diags.addFile(file, text);
    parse(diags, id);
    return diags.take();
}

CompileResult compile(const CompileOptions&) {
    CompileResult r;
    r.diagnostics.push_back({Severity::Error, {}, "code generation is not available yet", {}});
    return r;
}

}  // namespace csl
