#include "backend/csl/layout_spec.h"

#include <algorithm>

namespace csl {

namespace {

std::string at(const LayoutSymbolInit& s) {
    return "layout: set_symbol_all('" + s.symbol + "') at PE (" + std::to_string(s.x) + ", " +
           std::to_string(s.y) + ")";
}

} // namespace

void applyLayoutSpec(CompileResult& result, const LayoutSpec& spec) {
    if (!result.ok || !result.program)
        return;
    sim::FabricProgram& program = *result.program;
    auto fail = [&](const std::string& message) {
        Diagnostic d;
        d.severity = Severity::Error;
        d.message = message;
        result.diagnostics.push_back(std::move(d));
        result.ok = false;
    };
    const bool streams = std::any_of(spec.streamH2dColors.begin(), spec.streamH2dColors.end(),
                                     [](int8_t c) { return c >= 0; }) ||
                         std::any_of(spec.streamD2hColors.begin(), spec.streamD2hColors.end(),
                                     [](int8_t c) { return c >= 0; });
    for (int8_t c : spec.streamH2dColors)
        if (c >= sim::kNumColors)
            fail("layout: stream channel color " + std::to_string(c) + " is not a color 0..23");
    for (int8_t c : spec.streamD2hColors)
        if (c >= sim::kNumColors)
            fail("layout: stream channel color " + std::to_string(c) + " is not a color 0..23");
    if (streams) {
        program.memcpy.enabled = true;
        program.memcpy.h2dColors = spec.streamH2dColors;
        program.memcpy.d2hColors = spec.streamD2hColors;
    }
    for (const LayoutSymbolInit& s : spec.symbolInits) {
        if (s.x >= program.width || s.y >= program.height) {
            fail(at(s) + ": outside the " + std::to_string(program.width) + "x" +
                 std::to_string(program.height) + " program rectangle");
            continue;
        }
        sim::PeConfig& pe = program.pes[size_t(s.y) * program.width + s.x];
        const sim::CodeClass& cls = program.classes[pe.codeClass];
        auto sym = std::find_if(cls.symbols.begin(), cls.symbols.end(),
                                [&](const sim::Symbol& y) { return y.name == s.symbol; });
        if (sym == cls.symbols.end()) {
            fail(at(s) + ": " + cls.file + " has no symbol '" + s.symbol + "'");
            continue;
        }
        const uint32_t elementBytes = sim::byteSize(sym->elementType);
        if (elementBytes != s.elementBytes || sym->sizeBytes != s.bytes.size()) {
            fail(at(s) + ": the symbol has " + std::to_string(sym->elementCount) + " elements of " +
                 std::to_string(elementBytes) + " bytes (" + sim::typeName(sym->elementType) +
                 "), the data " + std::to_string(s.bytes.size() / std::max(1u, s.elementBytes)) +
                 " of " + std::to_string(s.elementBytes) + " bytes");
            continue;
        }
        // A copy of the class for this PE alone: PEs that share code share initial data.
        sim::CodeClass copy = cls;
        copy.paramsKey +=
            " +" + s.symbol + "@(" + std::to_string(s.x) + "," + std::to_string(s.y) + ")";
        // Initial data that overlaps the symbol gets the new bytes too, so the result does not
        // depend on the order in which the simulator applies the entries.
        const uint32_t begin = sym->address, end = sym->address + sym->sizeBytes;
        for (sim::DataInit& d : copy.data)
            for (uint32_t a = std::max(begin, d.address);
                 a < std::min<uint64_t>(end, uint64_t(d.address) + d.bytes.size()); ++a)
                d.bytes[a - d.address] = s.bytes[a - begin];
        copy.data.push_back({sym->address, s.bytes});
        program.classes.push_back(std::move(copy));
        pe.codeClass = uint32_t(program.classes.size() - 1);
    }
}

} // namespace csl
