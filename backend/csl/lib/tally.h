// CSL sources of <kernels/tally/layout> and <kernels/tally/pe> (lib/tally.cpp).
#pragma once

namespace csl::lib {

extern const char* const kTallyLayoutSource;
extern const char* const kTallyPeSource;

} // namespace csl::lib
