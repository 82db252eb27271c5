#include "backend/csl/diag/spelling.h"

#include <algorithm>
#include <cctype>

namespace csl {

size_t editDistance(std::string_view a, std::string_view b) {
    // Optimal string alignment: a swap of two neighbouring letters (`gevm` for `gemv`) is one
    // edit, as a typist makes it.
    std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

namespace {

bool equalIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::vector<std::string> closestSpellings(std::string_view wrong,
                                          const std::vector<std::string_view>& candidates) {
    constexpr size_t kMostShown = 3;
    // One or two letters are too short to guess from: only another case of them counts.
    const size_t allowed = wrong.size() <= 2 ? 0 : wrong.size() <= 4 ? 1 : 2;
    std::vector<std::string> best;
    size_t bestDistance = allowed + 1;
    for (std::string_view c : candidates) {
        if (c == wrong || c.empty())
            continue;
        const size_t d = equalIgnoringCase(c, wrong) ? 0 : editDistance(wrong, c);
        if (d > allowed)
            continue;
        if (d < bestDistance) {
            bestDistance = d;
            best.clear();
        }
        if (d == bestDistance && std::find(best.begin(), best.end(), c) == best.end())
            best.emplace_back(c);
    }
    if (best.size() > kMostShown)
        return {};
    std::sort(best.begin(), best.end());
    return best;
}

std::string didYouMean(std::string_view wrong, const std::vector<std::string_view>& candidates) {
    const std::vector<std::string> best = closestSpellings(wrong, candidates);
    if (best.empty())
        return {};
    std::string text = "; did you mean ";
    for (size_t i = 0; i < best.size(); ++i) {
        if (i > 0)
            text += i + 1 == best.size() ? " or " : ", ";
        text += "'" + best[i] + "'";
    }
    return text + "?";
}

} // namespace csl
