// The semantic phase: evaluates the layout at comptime, instantiates one code class per
// (tile file, params), checks it and lowers it to sim::FabricProgram.
#pragma once

#include "backend/csl/compiler.h"

namespace csl::sema {

CompileResult compileProgram(const CompileOptions& options);

} // namespace csl::sema
