#include "backend/csl/compiler.h"

#include "backend/csl/diag/diagnostics.h"
#include "backend/csl/parse/ast.h"
#include "backend/csl/sema/analyzer.h"

namespace csl {

std::vector<Diagnostic> checkSyntax(const std::string& file, const std::string& text) {
    DiagnosticEngine diags;
    uint16_t id = diags.addFile(file, text);
    parse(diags, id);
    return diags.take();
}

CompileResult compile(const CompileOptions& options) {
    return sema::compileProgram(options);
}

} // namespace csl
