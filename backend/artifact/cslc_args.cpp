#include "backend/artifact/cslc_args.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "backend/csl/diag/spelling.h"

namespace artifact {
namespace {

struct FlagSpec {
    const char* name;
    bool takesValue;
};

// Every flag cslc knows. --max-parallelism is accepted for compatibility with SDK command
// lines; it changes nothing in Tessera's output.
constexpr FlagSpec kFlags[] = {
    {"--arch", true},
    {"--fabric-dims", true},
    {"--fabric-offsets", true},
    {"--params", true},
    {"--colors", true},
    {"--memcpy", false},
    {"--channels", true},
    {"--width-west-buf", true},
    {"--width-east-buf", true},
    {"--fp16-format", true},
    {"--import-path", true},
    {"--max-inlined-iterations", true},
    {"--comptime-func-depth-limit", true},
    {"-o", true},
    {"--output-json", false},
    {"-g0", false},
    {"--warnings-as-errors", false},
    {"--verbose", false},
    {"--out-routes", false},
    {"--max-parallelism", true},
    {"--link-section-start-address-bytes", true},
    {"--help", false},
    {"-h", false},
    {"--version", false},
};

[[noreturn]] void unknownFlag(const std::string& flag) {
    std::vector<std::string_view> names;
    for (const auto& f : kFlags)
        names.push_back(f.name);
    const std::string hint = csl::didYouMean(flag, names);
    throw UsageError("unknown flag '" + flag + "'" +
                     (hint.empty() ? "; run cslc --help for the list of flags" : hint));
}

uint32_t parseUnsigned(const std::string& flag, const std::string& text) {
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw UsageError(flag + ": '" + text + "' is not a non-negative integer");
    return value;
}

// Fabric sizes, offsets and memcpy buffer widths above this are no wafer's (a CS-3 is
// 762x1176) and only risk 32-bit wrap-around in the geometry checks: offsets of 4294967290
// on an 11-wide fabric passed "x + width + 3 <= dims" and compiled.
constexpr uint32_t kMaxFabricExtent = 1'000'000;

uint32_t parseExtent(const std::string& flag, const std::string& text) {
    const uint32_t value = parseUnsigned(flag, text);
    if (value > kMaxFabricExtent)
        throw UsageError(flag + ": " + text + " is more than " + std::to_string(kMaxFabricExtent) +
                         " PEs");
    return value;
}

std::pair<uint32_t, uint32_t> parsePair(const std::string& flag, const std::string& text) {
    auto comma = text.find(',');
    // "11" and "11,3,4" (and "11," from a shell-split "11, 3") are the wrong shape, not a
    // bad number: saying "'3,4' is not a non-negative integer" pointed at the wrong part.
    if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos ||
        comma == 0 || comma + 1 == text.size())
        throw UsageError(flag + ": expected two integers 'A,B', got '" + text + "'");
    return {parseExtent(flag, text.substr(0, comma)), parseExtent(flag, text.substr(comma + 1))};
}

bool isIdentifier(const std::string& s) {
    if (s.empty() || !(std::isalpha(uint8_t(s[0])) || s[0] == '_'))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isalnum(uint8_t(c)) || c == '_'; });
}

// A linksection name as CSL writes it: ".name", with letters, digits, '_' and '.'.
bool isSectionName(const std::string& s) {
    return s.size() > 1 && s[0] == '.' && std::all_of(s.begin() + 1, s.end(), [](char c) {
               return std::isalnum(uint8_t(c)) || c == '_' || c == '.';
           });
}

void parseNameValueList(const std::string& flag, const std::string& text,
                        std::vector<std::pair<std::string, std::string>>& out,
                        bool (*validName)(const std::string&) = isIdentifier) {
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string item =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto colon = item.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == item.size())
            throw UsageError(flag + ": expected 'name:value' entries separated by commas, got '" +
                             item + "'");
        std::string name = item.substr(0, colon);
        if (!validName(name))
            throw UsageError(flag + ": '" + name + "' is not a valid name");
        std::string value = item.substr(colon + 1);
        // The same name twice with different values (in one flag or in repeated flags) is a
        // mistake the compile would hide: only one of the values would be used.
        for (const auto& [seenName, seenValue] : out)
            if (seenName == name && seenValue != value)
                throw UsageError(flag + ": '" + name + "' is given twice, as " + seenValue +
                                 " and as " + value);
        out.emplace_back(name, std::move(value));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
}

} // namespace

BuildInfo buildInfoOf(const CslcCommand& cmd, const csl::CompileResult& result) {
    BuildInfo info;
    info.params = result.paramValues;
    for (const auto& [name, value] : cmd.options.colors)
        info.colors[name] = value;
    info.fp16Format = cmd.options.fp16Format;
    info.cslcArgs = cmd.args;
    return info;
}

CslcCommand parseCslcArgs(const std::vector<std::string>& args) {
    CslcCommand cmd;
    cmd.args = args;
    std::optional<std::string> layout;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.empty() || arg[0] != '-' || arg == "-") {
            if (layout)
                throw UsageError("more than one layout file: '" + *layout + "' and '" + arg + "'");
            layout = arg;
            continue;
        }
        std::string flag = arg;
        std::optional<std::string> value;
        if (auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
            flag = arg.substr(0, eq);
            value = arg.substr(eq + 1);
        } else if (arg.rfind("-o", 0) == 0 && arg.size() > 2) {
            flag = "-o"; // -oDIR and -o=DIR (both appear in SDK scripts)
            value = arg.substr(arg[2] == '=' ? 3 : 2);
        }
        const FlagSpec* spec = nullptr;
        for (const auto& f : kFlags)
            if (flag == f.name)
                spec = &f;
        if (!spec)
            unknownFlag(flag);
        if (spec->takesValue && !value) {
            if (i + 1 >= args.size())
                throw UsageError(flag + " needs a value");
            value = args[++i];
        } else if (!spec->takesValue && value && flag != "--output-json") {
            throw UsageError(flag + " takes no value");
        }
        auto& o = cmd.options;
        if (flag == "--arch") {
            if (*value == "wse2")
                o.arch = sim::Arch::Wse2;
            else if (*value == "wse3")
                o.arch = sim::Arch::Wse3;
            else
                throw UsageError("--arch: '" + *value + "' is not wse2 or wse3");
        } else if (flag == "--fabric-dims") {
            std::tie(o.fabricWidth, o.fabricHeight) = parsePair(flag, *value);
            if (o.fabricWidth == 0 || o.fabricHeight == 0)
                throw UsageError("--fabric-dims: width and height must be positive");
        } else if (flag == "--fabric-offsets") {
            std::tie(o.offsetX, o.offsetY) = parsePair(flag, *value);
            o.fabricOffsetsGiven = true;
        } else if (flag == "--params") {
            parseNameValueList(flag, *value, o.params);
        } else if (flag == "--colors") {
            parseNameValueList(flag, *value, o.colors);
        } else if (flag == "--memcpy") {
            o.memcpy = true;
        } else if (flag == "--channels") {
            o.channels = parseUnsigned(flag, *value);
            if (o.channels == 0)
                throw UsageError("--channels: 0 selects the SDK's legacy CSELFRunner, which "
                                 "Tessera does not provide; use 1..16");
            if (o.channels > 16)
                throw UsageError("--channels: " + *value + " is more than 16");
        } else if (flag == "--width-west-buf") {
            o.widthWestBuf = parseExtent(flag, *value);
        } else if (flag == "--width-east-buf") {
            o.widthEastBuf = parseExtent(flag, *value);
        } else if (flag == "--fp16-format") {
            if (*value != "f16" && *value != "bf16" && *value != "cb16")
                throw UsageError("--fp16-format: '" + *value + "' is not f16, bf16 or cb16");
            o.fp16Format = *value;
        } else if (flag == "--import-path") {
            o.importPaths.push_back(*value);
        } else if (flag == "--max-inlined-iterations") {
            o.maxInlinedIterations = parseUnsigned(flag, *value);
        } else if (flag == "--comptime-func-depth-limit") {
            o.comptimeFuncDepthLimit = parseUnsigned(flag, *value);
            if (o.comptimeFuncDepthLimit == 0 || o.comptimeFuncDepthLimit > csl::kMaxCallDepthLimit)
                throw UsageError("--comptime-func-depth-limit: " + *value + " is outside 1.." +
                                 std::to_string(csl::kMaxCallDepthLimit));
        } else if (flag == "--max-parallelism") {
            parseUnsigned(flag, *value);
        } else if (flag == "--link-section-start-address-bytes") {
            std::vector<std::pair<std::string, std::string>> sections;
            parseNameValueList(flag, *value, sections, isSectionName);
            for (const auto& [section, address] : sections)
                o.linkSectionStartBytes.emplace_back(section, parseUnsigned(flag, address));
        } else if (flag == "-o") {
            if (value->empty())
                throw UsageError("-o: the output directory name is empty");
            cmd.outDir = *value;
        } else if (flag == "--output-json") {
            if (value && value->empty())
                throw UsageError("--output-json=: the file name is empty");
            cmd.outputJsonPath = value.value_or("");
        } else if (flag == "--out-routes") {
            cmd.outRoutes = true;
        } else if (flag == "-g0") {
            cmd.debugInfo = false;
        } else if (flag == "--warnings-as-errors") {
            o.warningsAsErrors = true;
        } else if (flag == "--verbose") {
            o.verbose = true;
        } else if (flag == "--help" || flag == "-h") {
            cmd.help = true;
        } else if (flag == "--version") {
            cmd.version = true;
        }
    }
    if (!layout && !cmd.help && !cmd.version)
        throw UsageError("no layout file given (usage: cslc [flags] layout.csl)");
    // One param from both flags: the --colors value silently won.
    for (const auto& [name, value] : cmd.options.params)
        for (const auto& [colorName, color] : cmd.options.colors)
            if (name == colorName)
                throw UsageError("'" + name + "' is given twice, as --params " + name + ":" +
                                 value + " and as --colors " + name + ":" + color);
    if (layout)
        cmd.options.layoutFile = *layout;
    return cmd;
}

std::vector<std::string> splitArgs(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    bool inWord = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\'' || c == '"') {
            size_t close = i + 1;
            for (; close < text.size() && text[close] != c; ++close) {
                if (c == '"' && text[close] == '\\' && close + 1 < text.size())
                    cur += text[++close];
                else
                    cur += text[close];
            }
            if (close >= text.size())
                throw UsageError(std::string("unterminated ") + c + " quote in argument string");
            i = close;
            inWord = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            cur += text[++i];
            inWord = true;
        } else if (std::isspace(uint8_t(c))) {
            if (inWord)
                out.push_back(std::move(cur));
            cur.clear();
            inWord = false;
        } else {
            cur += c;
            inWord = true;
        }
    }
    if (inWord)
        out.push_back(std::move(cur));
    return out;
}

std::string cslcUsage() {
    return "usage: cslc [flags] LAYOUT.csl\n"
           "  --arch=wse2|wse3            target architecture (default wse2)\n"
           "  --fabric-dims=W,H           simulated fabric size\n"
           "  --fabric-offsets=X,Y        north-west corner of the program rectangle\n"
           "  --params=name:v[,name:v]    layout params (repeatable)\n"
           "  --colors=name:c[,name:c]    color params (repeatable)\n"
           "  --memcpy --channels=N       memcpy infrastructure with N (1..16) channels\n"
           "  --width-west-buf=N --width-east-buf=N\n"
           "  --fp16-format=f16|bf16|cb16 --import-path=DIR --max-inlined-iterations=N\n"
           "  -o DIR                      output directory (default out)\n"
           "  --output-json[=PATH]        also write the resolved params (out.json) to PATH\n"
           "                              (default: the output directory's name + .json)\n"
           "  --comptime-func-depth-limit=N  how deeply comptime/inline calls nest (1..256)\n"
           "  -g0 --warnings-as-errors --verbose --version --help\n"
           "  --link-section-start-address-bytes=.sec:BYTES[,.sec:BYTES]\n"
           "                              place linksection(\".sec\") globals from BYTES\n"
           "  --out-routes                print each PE's color routes\n"
           "  --max-parallelism=N         accepted for SDK compatibility, no effect\n";
}

} // namespace artifact
