#include "backend/debug/debug_util.h"

#include "backend/artifact/program_file.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>

namespace debug {

namespace {

double halfToDouble(uint16_t h) {
    const int exponent = (h >> 10) & 0x1f;
    const int mantissa = h & 0x3ff;
    double v;
    if (exponent == 0)
        v = std::ldexp(mantissa, -24);
    else if (exponent == 31)
        v = mantissa ? NAN : INFINITY;
    else
        v = std::ldexp(mantissa + 1024, exponent - 25);
    return (h & 0x8000) ? -v : v;
}

} // namespace

std::vector<TraceValue> decodeTrace(const std::vector<uint16_t>& words, const std::string& key) {
    std::vector<TraceValue> out;
    size_t i = 0;
    auto need = [&](size_t k) {
        if (i + k > words.size())
            throw DebugError("trace '" + key + "': entry at word " + std::to_string(i - 1) +
                             " is cut off");
    };
    while (i < words.size()) {
        const uint16_t tag = words[i++];
        const char code = char(tag & 0xff);
        const uint32_t high = tag >> 8;
        switch (code) {
        case '?':
            out.emplace_back(high != 0);
            break;
        case 'b':
            out.emplace_back(int64_t(int8_t(high)));
            break;
        case 'B':
            out.emplace_back(uint64_t(high));
            break;
        case 'h':
            need(1);
            out.emplace_back(int64_t(int16_t(words[i++])));
            break;
        case 'H':
            need(1);
            out.emplace_back(uint64_t(words[i++]));
            break;
        case 'e':
            need(1);
            out.emplace_back(halfToDouble(words[i++]));
            break;
        case 'i':
        case 'I':
        case 'f': {
            need(2);
            const uint32_t v = uint32_t(words[i]) | uint32_t(words[i + 1]) << 16;
            i += 2;
            if (code == 'i')
                out.emplace_back(int64_t(int32_t(v)));
            else if (code == 'I')
                out.emplace_back(uint64_t(v));
            else
                out.emplace_back(double(std::bit_cast<float>(v)));
            break;
        }
        case 't':
            need(3);
            out.emplace_back(uint64_t(words[i]) | uint64_t(words[i + 1]) << 16 |
                             uint64_t(words[i + 2]) << 32);
            i += 3;
            break;
        case 's': {
            const size_t n = (high + 1) / 2;
            need(n);
            std::string s;
            for (size_t k = 0; k < high; ++k)
                s += char((words[i + k / 2] >> (8 * (k % 2))) & 0xff);
            out.emplace_back(std::move(s));
            i += n;
            break;
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%04x", tag);
            throw DebugError("trace '" + key + "': unknown entry tag 0x" + hex + " at word " +
                             std::to_string(i - 1));
        }
        }
    }
    return out;
}

DebugUtil::DebugUtil(const std::string& bindir, const std::string& corePath) {
    try {
        program_ = artifact::readProgramFile(
            (std::filesystem::path(bindir) / "bin" / "out_program.pb").string());
    } catch (const artifact::ArtifactError& e) {
        throw DebugError(e.what());
    }
    const std::string core =
        corePath.empty() ? (std::filesystem::path(bindir) / "corefile.cs1").string() : corePath;
    // As Python's debug_util decides: SdkLayout compiles at a fabric offset the script never
    // chose, so its PEs are named as place() and read_symbol name them.
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::path(bindir) / "sdklayout.json", ec))
        coordinates_ = Coordinates::Layout;
    open(core, "program in " + bindir);
}

DebugUtil::DebugUtil(std::shared_ptr<const sim::FabricProgram> program, const std::string& corePath,
                     Coordinates coordinates)
    : program_(std::move(program)), coordinates_(coordinates) {
    if (!program_)
        throw DebugError(corePath + ": no program to read the dump with");
    open(corePath, "program");
}

void DebugUtil::open(const std::string& core, const std::string& programName) {
    if (!std::filesystem::exists(core))
        throw DebugError(core + ": no core dump; stop() the run first or name the core file");
    try {
        core_ = std::make_unique<sim::CoreDumpReader>(core);
    } catch (const std::exception& e) {
        throw DebugError(e.what());
    }
    const auto& h = core_->header();
    if (h.width != program_->width || h.height != program_->height)
        throw DebugError(core + ": a " + std::to_string(h.width) + "x" + std::to_string(h.height) +
                         " dump does not belong to the " + std::to_string(program_->width) + "x" +
                         std::to_string(program_->height) + " " + programName);
    // A dump of another program of the same size would be read through this one's symbols.
    const auto pair = [](uint32_t a, uint32_t b) {
        return std::to_string(a) + "," + std::to_string(b);
    };
    const sim::CoreHeader want = sim::coreHeaderOf(*program_);
    if (h.arch != want.arch || h.offsetX != want.offsetX || h.offsetY != want.offsetY ||
        h.fabricWidth != want.fabricWidth || h.fabricHeight != want.fabricHeight)
        throw DebugError(
            core + ": the dump's " + (h.arch ? "wse3" : "wse2") + " program at (" +
            pair(h.offsetX, h.offsetY) + ") of a " + pair(h.fabricWidth, h.fabricHeight) +
            " fabric is not the " + programName + ", " + (want.arch ? "wse3" : "wse2") + " at (" +
            pair(want.offsetX, want.offsetY) + ") of " + pair(want.fabricWidth, want.fabricHeight));
    // A class index beyond the program's classes would make every later lookup throw
    // (and views call classAt without expecting that), so it is refused here. This reads
    // one field of each PE record, i.e. the pages of the PE table, never SRAM or chunks.
    for (uint32_t y = 0; y < h.height; ++y)
        for (uint32_t x = 0; x < h.width; ++x)
            if (const uint32_t cls = core_->codeClass(x, y); cls >= program_->classes.size())
                throw DebugError(core + ": PE(" + std::to_string(x) + "," + std::to_string(y) +
                                 ") has code class " + std::to_string(cls) + ", the " +
                                 programName + " has " + std::to_string(program_->classes.size()));
}

const sim::CodeClass& DebugUtil::classAt(uint32_t x, uint32_t y) const {
    return program_->classes.at(core_->codeClass(x, y));
}

DebugUtil::~DebugUtil() = default;

const sim::CoreHeader& DebugUtil::header() const {
    return core_->header();
}

uint32_t DebugUtil::originX() const {
    return coordinates_ == Coordinates::Layout ? 0 : core_->header().offsetX;
}

uint32_t DebugUtil::originY() const {
    return coordinates_ == Coordinates::Layout ? 0 : core_->header().offsetY;
}

std::pair<uint32_t, uint32_t> DebugUtil::local(uint32_t px, uint32_t py) const {
    const auto& h = core_->header();
    const uint32_t ox = originX(), oy = originY();
    if (px < ox || py < oy || px - ox >= h.width || py - oy >= h.height)
        throw DebugError(
            "PE (" + std::to_string(px) + "," + std::to_string(py) +
            ") is outside the program rectangle at (" + std::to_string(ox) + "," +
            std::to_string(oy) + ") of " + std::to_string(h.width) + "x" +
            std::to_string(h.height) +
            (coordinates_ == Coordinates::Layout
                 ? " (layout coordinates of this SdkLayout program, as place() and read_symbol "
                   "take them)"
                 : " (coordinates are absolute: the rectangle's (0,0) is fabric (" +
                       std::to_string(ox) + "," + std::to_string(oy) + "))"));
    return {px - ox, py - oy};
}

namespace {

const sim::Symbol* symbolOf(const sim::CodeClass& cls, const std::string& name) {
    for (const auto& s : cls.symbols)
        if (s.name == name)
            return &s;
    return nullptr;
}

} // namespace

const sim::Symbol* DebugUtil::findSymbol(uint32_t x, uint32_t y, const std::string& name) const {
    return symbolOf(classAt(x, y), name);
}

void DebugUtil::throwNoSymbol(uint32_t px, uint32_t py, uint32_t x, uint32_t y,
                              const std::string& symbol) const {
    throw DebugError("PE (" + std::to_string(px) + "," + std::to_string(py) + ") runs " +
                     classAt(x, y).file + ", which has no symbol '" + symbol + "'");
}

std::vector<uint8_t> DebugUtil::symbolBytes(uint32_t px, uint32_t py,
                                            const std::string& symbol) const {
    auto [x, y] = local(px, py);
    const sim::Symbol* s = findSymbol(x, y, symbol);
    if (!s)
        throwNoSymbol(px, py, x, y, symbol);
    return core_->readSram(x, y, s->address, s->sizeBytes);
}

std::vector<uint8_t> DebugUtil::symbolRectBytes(uint32_t px, uint32_t py, uint32_t w, uint32_t h,
                                                const std::string& symbol,
                                                size_t elementBytes) const {
    if (w == 0 || h == 0)
        return {};
    const auto& header = core_->header();
    const uint32_t ox = originX(), oy = originY();
    const bool inside = px >= ox && py >= oy && uint64_t(px) - ox + w <= header.width &&
                        uint64_t(py) - oy + h <= header.height;
    if (!inside) {
        // Some PE lies outside: the error is that of the first PE at fault, columns
        // outermost (outside the rectangle, or a class without the symbol).
        for (uint32_t dx = 0; dx < w; ++dx)
            for (uint32_t dy = 0; dy < h; ++dy) {
                const auto [x, y] = local(px + dx, py + dy);
                if (!findSymbol(x, y, symbol))
                    throwNoSymbol(px + dx, py + dy, x, y, symbol);
            }
    }
    const uint32_t x0 = px - ox, y0 = py - oy;
    // The symbol is looked up once per code class. The dump stores PE records and SRAM
    // pages in row-major order, so both passes walk the rectangle row by row (the file
    // sequentially: the kernel maps neighbouring pages with each fault) and place each
    // PE's bytes at its column-major position in the result.
    const size_t classCount = program_->classes.size();
    std::vector<const sim::Symbol*> symbolOfClass(classCount);
    std::vector<bool> looked(classCount);
    std::vector<const sim::Symbol*> symbolOfPe(size_t(w) * h); // column-major
    size_t firstFault = symbolOfPe.size();
    for (uint32_t dy = 0; dy < h; ++dy)
        for (uint32_t dx = 0; dx < w; ++dx) {
            const uint32_t cls = core_->codeClass(x0 + dx, y0 + dy); // < classCount: open()
            if (!looked[cls]) {
                symbolOfClass[cls] = symbolOf(program_->classes[cls], symbol);
                looked[cls] = true;
            }
            const size_t at = size_t(dx) * h + dy;
            symbolOfPe[at] = symbolOfClass[cls];
            if (!symbolOfPe[at])
                firstFault = std::min(firstFault, at);
        }
    if (firstFault < symbolOfPe.size()) {
        const uint32_t dx = uint32_t(firstFault / h), dy = uint32_t(firstFault % h);
        throwNoSymbol(px + dx, py + dy, x0 + dx, y0 + dy, symbol);
    }
    // Each PE contributes its symbol's size rounded down to whole elements.
    const auto contribution = [&](const sim::Symbol* s) {
        return s->sizeBytes / elementBytes * elementBytes;
    };
    std::vector<size_t> offsetOfPe(symbolOfPe.size());
    size_t total = 0;
    for (size_t i = 0; i < symbolOfPe.size(); ++i) {
        offsetOfPe[i] = total;
        total += contribution(symbolOfPe[i]);
    }
    std::vector<uint8_t> out(total);
    for (uint32_t dy = 0; dy < h; ++dy)
        for (uint32_t dx = 0; dx < w; ++dx) {
            const size_t at = size_t(dx) * h + dy;
            const sim::Symbol* s = symbolOfPe[at];
            try {
                core_->readSramInto(x0 + dx, y0 + dy, s->address, uint32_t(contribution(s)),
                                    out.data() + offsetOfPe[at]);
            } catch (const std::exception& e) { // a damaged dump: name the PE
                throw DebugError("PE (" + std::to_string(px + dx) + "," + std::to_string(py + dy) +
                                 "), symbol '" + symbol + "': " + e.what());
            }
        }
    return out;
}

std::vector<TraceValue> DebugUtil::read_trace(uint32_t px, uint32_t py,
                                              const std::string& key) const {
    auto [x, y] = local(px, py);
    for (const std::string& prefix : {"$$csl_debug." + key + ".", key + ".tr.", key + "."}) {
        const sim::Symbol* buffer = findSymbol(x, y, prefix + "buffer");
        const sim::Symbol* index = findSymbol(x, y, prefix + "buffer_index");
        if (!buffer || !index)
            continue;
        auto bytes = core_->readSram(x, y, buffer->address, buffer->sizeBytes);
        auto countBytes =
            core_->readSram(x, y, index->address, std::min<uint32_t>(index->sizeBytes, 8));
        uint64_t count = 0;
        for (size_t k = 0; k < countBytes.size(); ++k)
            count |= uint64_t(countBytes[k]) << (8 * k);
        std::vector<uint16_t> words(std::min<uint64_t>(count, bytes.size() / 2));
        if (!words.empty()) // an empty trace: data() may be null, which memcpy must not get
            std::memcpy(words.data(), bytes.data(), words.size() * 2);
        return decodeTrace(words, key);
    }
    throw DebugError("PE (" + std::to_string(px) + "," + std::to_string(py) +
                     ") has no <debug> trace buffer for key '" + key + "'");
}

} // namespace debug
