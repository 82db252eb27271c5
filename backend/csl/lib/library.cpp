#include "backend/csl/lib/library.h"

#include "backend/csl/sema/analyzer_class.h"

#include <cstring>

namespace csl::lib {

// <empty> and <directions> are small enough to be written in CSL.
static const char* kEmptySource = "// <empty>: a module with no members.\n";
static const char* kDirectionsSource = R"(// <directions>: helpers over direction values.
fn flip(d: direction) direction {
  if (d == NORTH) return SOUTH;
  if (d == SOUTH) return NORTH;
  if (d == EAST) return WEST;
  if (d == WEST) return EAST;
  return RAMP;
}
)";

static const LibraryInfo kLibraries[] = {
    {"memcpy/get_params", nullptr},
    {"memcpy/memcpy", nullptr},
    {"memcpy_multi/get_params", nullptr},
    {"memcpy_multi/memcpy", nullptr},
    {"layout", nullptr},
    {"time", nullptr},
    {"timer", nullptr},
    {"debug", nullptr},
    {"simprint", nullptr},
    {"math", nullptr},
    {"random", nullptr},
    {"control", nullptr},
    {"tile_config", nullptr},
    {"directions", kDirectionsSource},
    {"dsd_ops", nullptr},
    {"malloc", nullptr},
    {"complex", nullptr},
    {"empty", kEmptySource},
    {"collectives_2d/params", nullptr},
    {"collectives_2d/pe", nullptr},
    {"memcpy/memcpy_switches", nullptr},
    {"kernels/tally/layout", nullptr},
    {"kernels/tally/pe", nullptr},
    {"kernels/fft/layout", nullptr},
    {"kernels/fft/pe", nullptr},
    {"message_passing", nullptr},
};

const LibraryInfo* findLibrary(const std::string& name) {
    for (const LibraryInfo& l : kLibraries) {
        if (name == l.name)
            return &l;
    }
    return nullptr;
}

sema::Value parseParamValue(sema::Analyzer& a, const std::string& text, const sema::Type* t,
                            uint32_t node) {
    const char* s = text.c_str();
    char* end = nullptr;
    bool isFloat = text.find('.') != std::string::npos ||
                   (text.find_first_of("eE") != std::string::npos &&
                    text.rfind("0x", 0) != 0);
    sema::Value v;
    if (isFloat) {
        double d = std::strtod(s, &end);
        v = a.mkFloat(d);
    } else {
        long long x = std::strtoll(s, &end, 0);
        v = a.mkInt(x);
    }
    if (!end || *end != '\0' || text.empty())
        a.fail(a.fr_ ? a.fr_->mod : nullptr, node,
               "invalid value '" + text + "' for a --params entry");
    if (t)
        return a.coerce(v, t, node);
    return v;
}

}  // namespace csl::lib
