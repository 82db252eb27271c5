// Wall-clock budgets of waits in tests, scaled for slow builds. ctest sets
// TESSERA_TEST_TIME_FACTOR (cmake/TesseraTests.cmake): unset (1) in an optimised build, 5 in
// a sanitizer build, where the same work takes several times longer; set it yourself when
// running a sanitizer build's test by hand. Scale a budget ("this should happen within
// N ms"), never a check that something does NOT happen within a time.
#pragma once

#include <QtGlobal>

#include <algorithm>

namespace tessera_test {

inline int timeFactor() {
    static const int factor = std::max(1, qEnvironmentVariableIntValue("TESSERA_TEST_TIME_FACTOR"));
    return factor;
}

// `ms` of an optimised build, in this build.
inline int scaledMs(int ms) {
    return ms * timeFactor();
}

} // namespace tessera_test
