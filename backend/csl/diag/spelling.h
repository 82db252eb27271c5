// "Did you mean ...?": the known name closest to a misspelt one, for diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csl {

// Edit distance: insertions, deletions and substitutions of single characters and swaps of
// two neighbouring ones.
size_t editDistance(std::string_view a, std::string_view b);

// The candidates nearest to `wrong`, if they are near misses: no edit in a name of one or
// two characters, one in a name of up to four, two in a longer one; another case of the same name
// (`ramp` for `RAMP`) is nearest of all. Empty when nothing is near or more than three are equally
// near.
std::vector<std::string> closestSpellings(std::string_view wrong,
                                          const std::vector<std::string_view>& candidates);

// "; did you mean 'x'?" (or "'x' or 'y'") for closestSpellings' answer, or nothing.
std::string didYouMean(std::string_view wrong, const std::vector<std::string_view>& candidates);

} // namespace csl
