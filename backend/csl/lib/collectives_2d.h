// CSL sources of <collectives_2d/params> (layout side) and <collectives_2d/pe> (PE side),
// registered in library.cpp's table.
#pragma once

namespace csl::lib {

extern const char* const kCollectives2dParamsSource;
extern const char* const kCollectives2dPeSource;

} // namespace csl::lib
