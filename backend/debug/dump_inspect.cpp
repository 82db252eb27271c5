#include "backend/debug/dump_inspect.h"

#include "sim/scalar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace debug {

std::string functionName(const sim::CodeClass& cls, int32_t function) {
    if (function < 0 || size_t(function) >= cls.functions.size())
        return "?";
    return cls.functions[size_t(function)].name;
}

std::optional<sim::SourceLoc> sourceOf(const sim::CodeClass& cls, int32_t function, uint32_t pc) {
    if (function < 0 || size_t(function) >= cls.functions.size())
        return std::nullopt;
    const sim::Function& fn = cls.functions[size_t(function)];
    if (fn.locs.empty())
        return std::nullopt;
    const sim::SourceLoc loc = fn.locs[std::min<size_t>(pc, fn.locs.size() - 1)];
    if (loc.line == 0)
        return std::nullopt;
    return loc;
}

std::vector<TaskRow> taskRows(const DebugUtil& dump, uint32_t x, uint32_t y) {
    const sim::CorePeRecord rec = dump.core().pe(x, y);
    const sim::CodeClass& cls = dump.classAt(x, y);
    const sim::CorePeDetails details = dump.core().details(x, y);
    std::vector<TaskRow> rows;
    auto profile = [&](TaskRow& row) {
        for (const sim::CoreTaskProfile& t : details.tasks)
            if (t.task == row.id) {
                row.activations = t.activations;
                row.cycles = t.cycles;
                row.minCycles = t.minCycles;
                row.maxCycles = t.maxCycles;
            }
    };
    for (int id = 0; id < sim::kNumTaskIds; ++id) {
        const sim::TaskBinding& b = cls.tasks[size_t(id)];
        const bool activated = (rec.activatedTasks >> id) & 1u;
        const bool blocked = (rec.blockedTasks >> id) & 1u;
        // An unbound id's block bit is a channel's state (control wavelets wait on it),
        // not a task's.
        if (b.kind == sim::TaskKind::None && !activated)
            continue;
        TaskRow row;
        row.id = id;
        row.kind = b.kind;
        row.bound = b.kind != sim::TaskKind::None;
        row.function = row.bound ? functionName(cls, b.function) : std::string();
        if (b.kind == sim::TaskKind::Data) {
            row.color = b.inputQueue >= 0 ? -1 : b.color;
            row.inputQueue = b.inputQueue;
        }
        row.activated = activated;
        row.blocked = blocked;
        row.highPriority = details.threads && ((details.threads->highPriorityTasks >> id) & 1u);
        row.running = rec.currentTask == id && rec.frameDepth > 0;
        profile(row);
        rows.push_back(row);
    }
    for (int pseudo : {-3, -2}) {
        TaskRow row;
        row.id = pseudo;
        row.running = rec.currentTask == pseudo && rec.frameDepth > 0;
        profile(row);
        if (!row.running && row.activations == 0)
            continue;
        if (pseudo == -3)
            row.function = functionName(cls, cls.initFunction);
        else if (row.running && !details.frames.empty())
            row.function = functionName(cls, details.frames.front().function);
        else if (row.running)
            row.function = functionName(cls, rec.function);
        rows.push_back(row);
    }
    return rows;
}

std::vector<FrameRow> frameRows(const DebugUtil& dump, uint32_t x, uint32_t y) {
    const sim::CorePeRecord rec = dump.core().pe(x, y);
    const sim::CodeClass& cls = dump.classAt(x, y);
    const sim::CorePeDetails details = dump.core().details(x, y);
    std::vector<FrameRow> rows;
    if (!details.frames.empty()) {
        for (size_t i = 0; i < details.frames.size(); ++i) {
            const sim::CoreFrame& f = details.frames[i];
            const bool innermost = i + 1 == details.frames.size();
            const uint32_t at = innermost || f.pc == 0 ? f.pc : f.pc - 1;
            rows.push_back({f.function, f.pc, sourceOf(cls, f.function, at)});
        }
    } else if (rec.function >= 0) {
        rows.push_back({rec.function, rec.pc, sourceOf(cls, rec.function, rec.pc)});
    }
    return rows;
}

double elementValue(sim::ScalarType type, const uint8_t* bytes) {
    uint64_t raw = 0;
    std::memcpy(&raw, bytes, sim::byteSize(type));
    return sim::toDouble(sim::normalise(raw, type), type);
}

std::string formatElement(sim::ScalarType type, const uint8_t* bytes) {
    const double v = elementValue(type, bytes);
    char text[48];
    if (sim::isFloat(type))
        std::snprintf(text, sizeof text, "%.7g", v);
    else if (type == sim::ScalarType::Bool)
        return v != 0 ? "true" : "false";
    else if (sim::isSigned(type))
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(v));
    else {
        uint64_t raw = 0;
        std::memcpy(&raw, bytes, sim::byteSize(type));
        std::snprintf(text, sizeof text, "%llu", static_cast<unsigned long long>(raw));
    }
    return text;
}

const sim::Symbol* symbolAt(const sim::CodeClass& cls, uint32_t address) {
    const sim::Symbol* best = nullptr;
    for (const sim::Symbol& s : cls.symbols)
        if (s.sizeBytes > 0 && address >= s.address && address - s.address < s.sizeBytes &&
            (!best || s.sizeBytes < best->sizeBytes))
            best = &s;
    return best;
}

const sim::Symbol* findSymbol(const sim::CodeClass& cls, const std::string& name) {
    for (const sim::Symbol& s : cls.symbols)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::vector<std::string> traceKeys(const sim::CodeClass& cls) {
    std::vector<std::string> keys;
    const std::string suffix = ".buffer";
    for (const sim::Symbol& s : cls.symbols) {
        const std::string& n = s.name;
        if (n.size() <= suffix.size() || n.compare(n.size() - suffix.size(), suffix.size(), suffix))
            continue;
        const std::string prefix = n.substr(0, n.size() - suffix.size());
        if (!findSymbol(cls, prefix + ".buffer_index"))
            continue;
        std::string key = prefix;
        if (key.rfind("$$csl_debug.", 0) == 0)
            key = key.substr(12);
        else if (key.size() > 3 && key.compare(key.size() - 3, 3, ".tr") == 0)
            key = key.substr(0, key.size() - 3);
        keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

std::vector<std::string> numericSymbols(const sim::FabricProgram& program) {
    std::set<std::string> names;
    for (const sim::CodeClass& cls : program.classes)
        for (const sim::Symbol& s : cls.symbols)
            if (s.elementCount > 0 && s.elementType != sim::ScalarType::Void &&
                s.name.rfind("$$", 0) != 0)
                names.insert(s.name);
    return {names.begin(), names.end()};
}

std::string GridFaults::message() const {
    if (count == 0)
        return {};
    std::string out = std::to_string(count) + (count == 1 ? " PE" : " PEs") + " could not be read";
    for (size_t i = 0; i < first.size(); ++i)
        out += (i == 0 ? ": PE (" : "; PE (") + std::to_string(first[i].x) + "," +
               std::to_string(first[i].y) + "): " + first[i].error;
    if (count > first.size())
        out += "; and " + std::to_string(count - first.size()) + " more";
    return out;
}

std::vector<double> symbolGrid(const DebugUtil& dump, const std::string& symbol, uint32_t element,
                               GridFaults* faults) {
    const sim::CoreHeader& h = dump.header();
    std::vector<double> values(size_t(h.width) * h.height, std::nan(""));
    // Symbol lookups per class, not per PE.
    std::vector<const sim::Symbol*> byClass(dump.program().classes.size());
    for (size_t c = 0; c < byClass.size(); ++c)
        byClass[c] = findSymbol(dump.program().classes[c], symbol);
    GridFaults found;
    for (uint32_t y = 0; y < h.height; ++y)
        for (uint32_t x = 0; x < h.width; ++x) {
            // The class index was checked when the dump was opened.
            const sim::Symbol* s = byClass[dump.core().codeClass(x, y)];
            if (!s || element >= s->elementCount)
                continue;
            const uint32_t size = sim::byteSize(s->elementType);
            uint8_t bytes[8];
            try {
                dump.core().readSramInto(x, y, s->address + element * size, size, bytes);
            } catch (const std::exception& e) {
                if (found.count++ < GridFaults::kListed)
                    found.first.push_back({x, y, e.what()});
                continue;
            }
            values[size_t(y) * h.width + x] = elementValue(s->elementType, bytes);
        }
    if (faults)
        *faults = std::move(found);
    else if (found.count)
        throw DebugError(dump.core().path() + ": symbol '" + symbol + "' element " +
                         std::to_string(element) + ": " + found.message() +
                         " (rectangle coordinates)");
    return values;
}

void checkComparable(const DebugUtil& a, const DebugUtil& b) {
    const sim::CoreHeader& ha = a.header();
    const sim::CoreHeader& hb = b.header();
    if (ha.width != hb.width || ha.height != hb.height)
        throw DebugError(a.core().path() + " (" + std::to_string(ha.width) + "x" +
                         std::to_string(ha.height) + ") and " + b.core().path() + " (" +
                         std::to_string(hb.width) + "x" + std::to_string(hb.height) +
                         ") are dumps of different rectangles");
}

std::vector<SymbolDifference> compareSymbols(const DebugUtil& a, const DebugUtil& b, uint32_t x,
                                             uint32_t y) {
    checkComparable(a, b);
    std::vector<SymbolDifference> out;
    const sim::CodeClass& ca = a.classAt(x, y);
    const sim::CodeClass& cb = b.classAt(x, y);
    for (const sim::Symbol& s : ca.symbols) {
        if (s.sizeBytes == 0)
            continue;
        const sim::Symbol* t = findSymbol(cb, s.name);
        SymbolDifference d;
        d.x = x;
        d.y = y;
        d.symbol = s.name;
        d.type = s.elementType;
        d.elements = s.elementCount;
        const auto bytesA = a.core().readSram(x, y, s.address, s.sizeBytes);
        if (!t || t->sizeBytes != s.sizeBytes || t->elementType != s.elementType) {
            d.differingElements = s.elementCount;
            d.valueA = s.elementCount ? formatElement(s.elementType, bytesA.data()) : "";
            d.valueB = t ? "(another type or size)" : "(no such symbol)";
            out.push_back(d);
            continue;
        }
        const auto bytesB = b.core().readSram(x, y, t->address, t->sizeBytes);
        if (bytesA == bytesB)
            continue;
        const uint32_t size = std::max<uint32_t>(1, sim::byteSize(s.elementType));
        const uint32_t count = std::max<uint32_t>(1, s.sizeBytes / size);
        bool first = true;
        for (uint32_t e = 0; e < count; ++e) {
            if (std::memcmp(bytesA.data() + e * size, bytesB.data() + e * size, size) == 0)
                continue;
            ++d.differingElements;
            if (first) {
                first = false;
                d.firstElement = e;
                d.valueA = formatElement(s.elementType, bytesA.data() + e * size);
                d.valueB = formatElement(s.elementType, bytesB.data() + e * size);
            }
        }
        out.push_back(d);
    }
    return out;
}

} // namespace debug
