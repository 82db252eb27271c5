// CSL sources of <kernels/fft/fft3d_layout> and <kernels/fft/fft3d_pe> (lib/fft.cpp).
#pragma once

namespace csl::lib {

extern const char* const kFft3dLayoutSource;
extern const char* const kFft3dPeSource;
extern const char* const kFft3dLineSource;

} // namespace csl::lib
