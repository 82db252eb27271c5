// Builtins (@name), DSDs and DSD operations, task binding, layout builtins and the
// built-in library modules.
#include "backend/csl/sema/analyzer_class.h"

#include "backend/csl/diag/spelling.h"
#include "backend/csl/lex/literals.h"

#include "backend/csl/lib/library.h"
#include "sim/dsd_math.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace csl::sema {

namespace {

struct DsdOpInfo {
    const char* name;
    sim::DsdOpKind kind;
    int operands; // including the destination
    char elem;    // scalar operand type: 's' f32, 'h' f16, 'i' i16, 'u' u32
    // The operand forms the Builtins page lists, one word per form and one letter per
    // operand: D a DSD or DSR; values i (i16/u16), w (i32/u32), e (an i16 exponent), f (f32),
    // h (@fp16()); pointers to one scalar F (*f32), H (*@fp16()), I (*i16/*u16), W (*i32/*u32).
    const char* forms;
};

const DsdOpInfo kDsdOps[] = {
    {"add16", sim::DsdOpKind::Add16, 3, 'i', "DDD DiD DDi"},
    {"addc16", sim::DsdOpKind::Addc16, 3, 'i', "DDD DiD DDi"},
    {"sub16", sim::DsdOpKind::Sub16, 3, 'i', "DDD DDi"},
    {"and16", sim::DsdOpKind::And16, 3, 'i', "DDD DiD DDi"},
    {"or16", sim::DsdOpKind::Or16, 3, 'i', "DDD DiD DDi"},
    {"xor16", sim::DsdOpKind::Xor16, 3, 'i', "DDD DiD DDi"},
    {"sll16", sim::DsdOpKind::Sll16, 3, 'i', "DDD DiD DDi"},
    {"slr16", sim::DsdOpKind::Slr16, 3, 'i', "DDD DiD DDi"},
    {"sar16", sim::DsdOpKind::Sar16, 3, 'i', "DDD DiD DDi"},
    {"mov16", sim::DsdOpKind::Mov16, 2, 'i', "DD ID Di"},
    {"mov32", sim::DsdOpKind::Mov32, 2, 'u', "DD WD Dw"},
    {"popcnt", sim::DsdOpKind::Popcnt, 2, 'i', "DD Di"},
    {"clz", sim::DsdOpKind::Clz, 2, 'i', "DD Di"},
    {"ctz", sim::DsdOpKind::Ctz, 2, 'i', "DD Di"},
    {"faddh", sim::DsdOpKind::Faddh, 3, 'h', "DDD DhD DDh HhD"},
    {"fsubh", sim::DsdOpKind::Fsubh, 3, 'h', "DDD DhD DDh HhD"},
    {"fmulh", sim::DsdOpKind::Fmulh, 3, 'h', "DDD DhD DDh HhD"},
    {"fmach", sim::DsdOpKind::Fmach, 4, 'h', "DDDh"},
    {"fnegh", sim::DsdOpKind::Fnegh, 2, 'h', "DD Dh"},
    {"fabsh", sim::DsdOpKind::Fabsh, 2, 'h', "DD Dh"},
    {"fmovh", sim::DsdOpKind::Fmovh, 2, 'h', "DD HD Dh"},
    {"fnormh", sim::DsdOpKind::Fnormh, 2, 'h', "Hh"},
    {"fscaleh", sim::DsdOpKind::Fscaleh, 3, 'h', "Hhe"},
    {"fmaxh", sim::DsdOpKind::Fmaxh, 3, 'h', "DDD DhD DDh HhD"},
    {"fadds", sim::DsdOpKind::Fadds, 3, 's', "DDD DfD DDf FfD"},
    {"fsubs", sim::DsdOpKind::Fsubs, 3, 's', "DDD DfD DDf FfD"},
    {"fmuls", sim::DsdOpKind::Fmuls, 3, 's', "DDD DfD DDf FfD"},
    {"fmacs", sim::DsdOpKind::Fmacs, 4, 's', "DDDf"},
    {"fnegs", sim::DsdOpKind::Fnegs, 2, 's', "DD Df"},
    {"fabss", sim::DsdOpKind::Fabss, 2, 's', "DD Df"},
    {"fmovs", sim::DsdOpKind::Fmovs, 2, 's', "DD FD Df"},
    {"fnorms", sim::DsdOpKind::Fnorms, 2, 's', "Ff"},
    {"fscales", sim::DsdOpKind::Fscales, 3, 's', "Ffe"},
    {"fmaxs", sim::DsdOpKind::Fmaxs, 3, 's', "DDD DfD DDf FfD"},
    {"faddhs", sim::DsdOpKind::Faddhs, 3, 's', "DDD DhD DDh FfD"},
    {"fmachs", sim::DsdOpKind::Fmachs, 4, 's', "DDDh"},
    {"fh2s", sim::DsdOpKind::Fh2s, 2, 'h', "DD Dh"},
    {"fs2h", sim::DsdOpKind::Fs2h, 2, 's', "DD Df"},
    {"fs2xp16", sim::DsdOpKind::Fs2xp16, 2, 's', "DD Df If"},
    {"xp162fs", sim::DsdOpKind::Xp162fs, 2, 'i', "DD Di"},
    {"fh2xp16", sim::DsdOpKind::Fh2xp16, 2, 'h', "DD Dh Ih"},
    {"xp162fh", sim::DsdOpKind::Xp162fh, 2, 'i', "DD Di"},
    {"dfilt", sim::DsdOpKind::Dfilt, 1, 'i', "D"},
};

// Every builtin the SDK documents (1.4 and 2.x); anything else is an unknown builtin.
const char* const kKnownBuiltins[] = {
    "activate",
    "allocate_fifo",
    "as",
    "assert",
    "bind_control_task",
    "bind_data_task",
    "bind_local_task",
    "bind_rotating_tasks",
    "bitcast",
    "block",
    "comptime_assert",
    "comptime_print",
    "concat_structs",
    "constants",
    "dimensions",
    "element_count",
    "element_type",
    "export_name",
    "export_symbol",
    "field",
    "fp16",
    "get_array",
    "get_color",
    "get_config",
    "get_control_task_id",
    "get_data_task_id",
    "get_dsd",
    "get_dsr",
    "get_filter_id",
    "get_input_queue",
    "get_int",
    "get_local_task_id",
    "get_output_queue",
    "get_rectangle",
    "get_string_from_byte",
    "get_symbol_id",
    "get_symbol_value",
    "get_tensor_ptr",
    "get_ut_id",
    "get_sr",
    "get_xdsr",
    "has_exported_tensors",
    "has_field",
    "import_comptime_value",
    "import_module",
    "increment_dsd_offset",
    "initialize_queue",
    "is_arch",
    "is_comptime",
    "is_same_type",
    "load_to_dsr",
    "load_to_dsr_xdsr",
    "load_to_dsr_xdsr_sr",
    "map",
    "param",
    "ptrcast",
    "queue_flush",
    "random16",
    "range",
    "range_start",
    "range_step",
    "range_stop",
    "rank",
    "rpc",
    "set_active_prng",
    "set_color_config",
    "set_config",
    "set_config_unchecked",
    "get_config_unchecked",
    "set_control_task_table",
    "set_dsd_base_addr",
    "set_dsd_length",
    "set_dsd_stride",
    "set_empty_queue_handler",
    "set_fifo_read_length",
    "set_fifo_write_length",
    "set_local_color_config",
    "set_rectangle",
    "set_teardown_handler",
    "set_tile_code",
    "strcat",
    "strlen",
    "type_of",
    "unblock",
    "zeros",
};

} // namespace

int Analyzer::stringIndex(const std::string& s) {
    auto& m = cls()->strings;
    auto it = m.find(s);
    if (it != m.end())
        return it->second;
    int i = int(cls()->cc.strings.size());
    cls()->cc.strings.push_back(s);
    m[s] = i;
    return i;
}

// A DSD's length field holds 15 bits, however the length is written (a tensor access of
// 65536 moved nothing).
uint32_t Analyzer::dsdExtent(const Value& extent, uint32_t node) {
    const int64_t e = asInt(extent, node, "extent");
    if (e < 0 || e > 0x7fff)
        fail(node, "DSD extent " + std::to_string(e) + " is out of range (0-32767)");
    return uint32_t(e);
}

// A setting that names a task itself (2.x), whose ID is known only after binding.
static bool isTask(const Value& v) {
    return v.k == VK::Fn && v.fn && v.fn->isTask;
}

static Value zeroOf(Analyzer& a, TypeP t, uint32_t node) {
    if (t->k == TK::Array) {
        TypeP sub =
            t->dims.size() > 1
                ? a.types.array(t->elem, std::vector<uint32_t>(t->dims.begin() + 1, t->dims.end()))
                : t->elem;
        Value z = zeroOf(a, sub, node);
        Value r = a.mkAgg({}, std::vector<Value>(t->dims[0], z));
        r.names.reset();
        r.type = t;
        return r;
    }
    if (t->k == TK::Struct) {
        std::vector<std::string> n;
        std::vector<Value> e;
        for (const FieldInfo& f : t->fields) {
            n.push_back(f.name);
            e.push_back(zeroOf(a, f.type, node));
            if (t->isUnion) // all zero bytes: the first field zero
                break;
        }
        Value r = a.mkAgg(n, e);
        r.type = t;
        return r;
    }
    if (t->k == TK::Float)
        return a.mkFloat(0, t);
    if (t->k == TK::Bool)
        return a.mkBool(false);
    if (t->k == TK::Int)
        return a.mkInt(0, t);
    if (t->k == TK::Enum) { // the enum value whose integer is 0 (a struct field of enum type)
        Value e;
        e.k = VK::EnumV;
        e.type = t;
        for (const FieldInfo& m : t->fields) {
            if (m.value == 0 && e.s.empty())
                e.s = m.name;
        }
        return e;
    }
    a.fail(node, "@zeros does not support type '" + typeName(t) + "'");
}

TypeP Analyzer::typeWithoutCode(uint32_t node) {
    int saveDepth = fr_->comptimeDepth;
    if (fr_->fn && !fr_->comptime)
        fr_->comptimeDepth = 0;
    sim::Function* fn = fr_->fn;
    const size_t codeSize = fn ? fn->code.size() : 0;
    Value v;
    ++typeOnly_;
    try {
        v = eval(node);
    } catch (...) {
        fr_->comptimeDepth = saveDepth;
        --typeOnly_;
        throw;
    }
    --typeOnly_;
    fr_->comptimeDepth = saveDepth;
    if (fn && fn->code.size() > codeSize) { // the code its evaluation emitted is dropped
        fn->code.resize(codeSize);
        fn->locs.resize(codeSize);
    }
    return v.type;
}

Value Analyzer::dsdToOperandReg(const Value& v, uint32_t node, uint16_t& dreg) {
    if (v.k == VK::RuntimeDsd) {
        dreg = v.reg;
        return v;
    }
    if (v.k != VK::Dsd)
        fail(node, "expected a DSD, found '" + typeName(v.type) + "'");
    if (!runtime())
        fail(node, "DSDs can only be used at runtime here");
    auto& dc = cls()->cc.dsdConstants;
    dc.push_back(v.dsd);
    dreg = newDsdReg();
    emit(sim::Op::DsdConst, sim::ScalarType::Void, dreg, kNoReg, kNoReg, int32_t(dc.size() - 1));
    Value r;
    r.k = VK::RuntimeDsd;
    r.reg = dreg;
    r.type = v.type;
    return r;
}

// @import_comptime_value's JSON (the SDK's Builtins page): numbers, booleans, strings, flat
// arrays (reshaped to a multi-dimensional array type) and objects whose keys are
// "name:type" (`"arr:[8]i16"`), which become a comptime_struct; null is an error.
namespace {
struct JsonReader {
    const std::string& s;
    size_t i = 0;
    int depth = 0; // arrays and objects open around the current value
    // A string from the opening quote at i (RFC 8259 section 7): escapes decoded to UTF-8
    // (they were kept as text, and a \" ended the string); "" in `problem` when well formed.
    std::string string(std::string& problem) {
        std::string out;
        ++i;
        while (i < s.size() && s[i] != '"') {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x20) {
                problem = "a control character inside a string";
                return out;
            }
            if (c != '\\') {
                out += char(c);
                ++i;
                continue;
            }
            if (i + 1 >= s.size()) {
                problem = "unterminated string";
                return out;
            }
            const char e = s[i + 1];
            i += 2;
            static const char kEscapes[] = "\"\\/bfnrt";
            static const char kDecoded[] = "\"\\/\b\f\n\r\t";
            if (const char* simple = std::strchr(kEscapes, e); simple && e != '\0') {
                out += kDecoded[simple - kEscapes];
                continue;
            }
            if (e != 'u') {
                problem = std::isgraph(static_cast<unsigned char>(e))
                              ? std::string("unknown escape '\\") + e + "'"
                              : std::string("a backslash that starts no escape");
                return out;
            }
            const auto hex4 = [&](uint32_t& v) {
                if (i + 4 > s.size())
                    return false;
                v = 0;
                for (int k = 0; k < 4; ++k) {
                    const char h = s[i + size_t(k)];
                    if (!std::isxdigit(static_cast<unsigned char>(h)))
                        return false;
                    v = v * 16 +
                        uint32_t(std::isdigit(static_cast<unsigned char>(h))
                                     ? h - '0'
                                     : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
                }
                i += 4;
                return true;
            };
            uint32_t cp = 0;
            if (!hex4(cp)) {
                problem = "'\\u' needs four hex digits";
                return out;
            }
            if (cp >= 0xdc00 && cp <= 0xdfff) {
                problem = "an unpaired UTF-16 surrogate";
                return out;
            }
            if (cp >= 0xd800 && cp < 0xdc00) { // a surrogate pair
                uint32_t low = 0;
                if (s.compare(i, 2, "\\u") != 0 || (i += 2, !hex4(low)) || low < 0xdc00 ||
                    low > 0xdfff) {
                    problem = "an unpaired UTF-16 surrogate";
                    return out;
                }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            }
            appendUtf8(out, cp);
        }
        if (i >= s.size())
            problem = "unterminated string";
        else
            ++i; // the closing quote
        return out;
    }
    void ws() {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
            ++i;
    }
    bool eat(char c) {
        ws();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
};
} // namespace

Value Analyzer::importJson(const std::string& text, TypeP t, const std::string& file,
                           uint32_t node) {
    JsonReader r{text};
    auto bad = [&](const std::string& what) -> Value {
        fail(node, "'" + file + "': " + what + " at byte " + std::to_string(r.i));
    };
    // A label's type: a scalar type name, optionally after "[N]" or "[N, M]".
    auto labelType = [&](const std::string& spec) -> TypeP {
        std::string rest = spec;
        std::vector<uint32_t> dims;
        if (!rest.empty() && rest[0] == '[') {
            const size_t close = rest.find(']');
            if (close == std::string::npos)
                bad("bad type '" + spec + "'");
            std::stringstream ds(rest.substr(1, close - 1));
            std::string d;
            while (std::getline(ds, d, ','))
                dims.push_back(uint32_t(std::strtoul(d.c_str(), nullptr, 10)));
            rest = rest.substr(close + 1);
        }
        const std::optional<Value> p = primitive(rest);
        if (!p || p->k != VK::Type)
            bad("unknown type '" + rest + "' in label '" + spec + "'");
        return dims.empty() ? p->tv : types.array(p->tv, dims);
    };
    // The recursion follows the nesting: a generated 10,000-deep file overflowed the stack.
    constexpr int kMaxJsonDepth = 256;
    std::function<Value(TypeP)> value = [&](TypeP want) -> Value {
        r.ws();
        if (r.i >= text.size())
            return bad("unexpected end");
        const char c = text[r.i];
        if ((c == '{' || c == '[') && r.depth >= kMaxJsonDepth)
            return bad("arrays and objects nested more than " + std::to_string(kMaxJsonDepth) +
                       " deep");
        NestingLevel level{r.depth};
        if (c == '{') {
            ++r.i;
            std::vector<std::string> names;
            std::vector<Value> elems;
            if (!r.eat('}')) {
                do {
                    r.ws();
                    if (r.i >= text.size() || text[r.i] != '"')
                        return bad("expected a \"name:type\" key");
                    const size_t keyAt = r.i;
                    std::string problem;
                    const std::string key = r.string(problem);
                    if (!problem.empty())
                        return bad(problem);
                    const size_t colon = key.find(':');
                    if (colon == std::string::npos)
                        return bad("key '" + key + "' needs the form \"name:type\"");
                    const std::string field = key.substr(0, colon);
                    if (field.empty() ||
                        std::find(names.begin(), names.end(), field) != names.end()) {
                        r.i = keyAt;
                        return bad(field.empty() ? "key '" + key + "' has no name"
                                                 : "the name '" + field + "' appears twice");
                    }
                    if (!r.eat(':'))
                        return bad("expected ':'");
                    names.push_back(field);
                    elems.push_back(value(labelType(key.substr(colon + 1))));
                } while (r.eat(','));
                if (!r.eat('}'))
                    return bad("expected '}'");
            }
            Value v = mkAgg(names, elems);
            return want && want->k != TK::CStruct ? coerce(v, want, node) : v;
        }
        if (c == '[') {
            ++r.i;
            std::vector<Value> elems;
            TypeP elemT = want && want->k == TK::Array ? want->elem : nullptr;
            if (!r.eat(']')) {
                do
                    elems.push_back(value(elemT));
                while (r.eat(','));
                if (!r.eat(']'))
                    return bad("expected ']'");
            }
            if (!want || want->k != TK::Array)
                return bad("an array needs an array type");
            // A flat JSON array fills a multi-dimensional array type row by row.
            std::function<Value(size_t, size_t&)> shape = [&](size_t dim, size_t& at) -> Value {
                std::vector<Value> part;
                for (uint32_t k = 0; k < want->dims[dim]; ++k) {
                    if (dim + 1 < want->dims.size()) {
                        part.push_back(shape(dim + 1, at));
                    } else {
                        if (at >= elems.size())
                            fail(node, "'" + file + "' has " + std::to_string(elems.size()) +
                                           " elements, '" + typeName(want) + "' needs more");
                        part.push_back(elems[at++]);
                    }
                }
                Value v = mkAgg({}, part);
                v.names.reset();
                return v;
            };
            size_t at = 0;
            Value v = shape(0, at);
            if (at != elems.size())
                fail(node, "'" + file + "' has " + std::to_string(elems.size()) + " elements, '" +
                               typeName(want) + "' has " + std::to_string(at));
            return coerce(v, want, node);
        }
        if (c == '"') {
            std::string problem;
            Value v = mkString(r.string(problem));
            if (!problem.empty())
                return bad(problem);
            return want ? coerce(v, want, node) : v;
        }
        if (text.compare(r.i, 4, "true") == 0 || text.compare(r.i, 5, "false") == 0) {
            const bool b = text[r.i] == 't';
            r.i += b ? 4 : 5;
            return want ? coerce(mkBool(b), want, node) : mkBool(b);
        }
        if (text.compare(r.i, 4, "null") == 0)
            return bad("null is not allowed");
        const size_t begin = r.i;
        while (r.i < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[r.i])) || text[r.i] == '-' ||
                text[r.i] == '+' || text[r.i] == '.' || text[r.i] == 'e' || text[r.i] == 'E'))
            ++r.i;
        if (r.i == begin)
            return bad("unexpected character");
        const std::string tok = text.substr(begin, r.i - begin);
        const bool fl = tok.find_first_of(".eE") != std::string::npos;
        if (fl)
            return want ? coerce(mkFloat(std::strtod(tok.c_str(), nullptr)), want, node)
                        : mkFloat(std::strtod(tok.c_str(), nullptr));
        // strtoll clamps at the i64 limits: a u64 past 2^63 keeps its bits, anything past
        // 64 bits is an error.
        errno = 0;
        const bool negative = tok[0] == '-';
        const uint64_t bits = negative ? uint64_t(std::strtoll(tok.c_str(), nullptr, 10))
                                       : std::strtoull(tok.c_str(), nullptr, 10);
        const bool u64Want = want && want->k == TK::Int && !want->isSigned && want->bits == 64;
        if (errno == ERANGE || (!negative && bits > uint64_t(INT64_MAX) && !u64Want))
            return bad("the number " + tok + " is out of range" +
                       (want ? " for type '" + typeName(want) + "'" : std::string()));
        Value v = u64Want ? mkInt(int64_t(bits), want) : mkInt(int64_t(bits));
        return want ? coerce(v, want, node) : v;
    };
    Value v = value(t);
    r.ws();
    if (r.i != text.size())
        bad("unexpected text after the value");
    return v;
}

// A run-time count of elements of `elementBytes` bytes as an i32 count of bytes.
uint16_t Analyzer::elementsToBytes(const Value& elements, uint32_t elementBytes, uint32_t node) {
    const Value x = materialize(elements, node);
    const uint16_t wide = newReg(node);
    emit(sim::Op::Convert, sim::ScalarType::I32, wide, x.reg, kNoReg, int32_t(scalarOf(x.type)));
    const uint16_t bytes = newReg(node);
    emit(sim::Op::Mul, sim::ScalarType::I32, bytes, wide,
         toReg(mkInt(int64_t(elementBytes), types.i32), node), 0);
    return bytes;
}

// The DSDs page's `.simd_mode = .{ .simd_32 = true }` (or simd_64, simd_32_or_64; the enum
// literal `.simd_32` too) as sim::Dsd::simdMode, which the simulator models
// (docs/simulator.md, "Fabric SIMD mode"). `simd_max`, which no page we can read documents,
// is the widest mode, simd_64: SDK releases after 2.10 accept it where programs had simd_64
// (the WaferLLM port replaced one with the other), so it names the hardware's maximum.
static uint8_t simdModeOf(Analyzer& a, const Value& v, uint32_t node) {
    std::string mode = v.k == VK::EnumV ? v.s : "";
    if (v.k == VK::Agg && v.names && v.names->size() == 1 && a.asBool((*v.elems)[0], node))
        mode = (*v.names)[0];
    if (mode == "simd_32")
        return sim::kSimd32;
    if (mode == "simd_64" || mode == "simd_max")
        return sim::kSimd64;
    if (mode == "simd_32_or_64")
        return sim::kSimd32Or64;
    a.fail(node, "'.simd_mode' takes one of .{ .simd_32 = true }, .{ .simd_64 = true }, "
                 ".{ .simd_32_or_64 = true } and .{ .simd_max = true }");
}

// The DSDs page's microthread priority, `.priority = .{ .high = true }` (medium, low), as
// sim::DsdOpDesc::priority counts it: 0 high, 1 medium, 2 low.
static int8_t microthreadPriorityOf(Analyzer& a, const Value& v, uint32_t node) {
    std::string level = v.k == VK::EnumV ? v.s : "";
    if (v.k == VK::Agg && v.names && v.names->size() == 1 && a.asBool((*v.elems)[0], node))
        level = (*v.names)[0];
    if (level == "high" || level == "medium" || level == "low")
        return int8_t(level == "high" ? 0 : level == "medium" ? 1 : 2);
    a.fail(node, "'.priority' takes one of .{ .high = true }, .{ .medium = true } and "
                 ".{ .low = true }");
}

Value Analyzer::getDsd(uint32_t node) {
    auto args = L(node);
    if (args.size() != 2)
        fail(node, "@get_dsd expects 2 arguments (a DSD type and a configuration struct)");
    TypeP kt = evalType(args[0]);
    if (kt->k != TK::Dsd)
        fail(args[0], "expected a DSD type (mem1d_dsd, mem4d_dsd, circbuf_dsd, fabin_dsd, "
                      "fabout_dsd), found '" +
                          typeName(kt) + "'");
    Value cfg = eval(args[1]);
    if (cfg.k != VK::Agg || !cfg.names)
        fail(args[1], "expected a configuration struct for @get_dsd");
    if (kt->dk == sim::DsdKind::CircBuf)
        return getCircbufDsd(cfg, kt, args[1]);
    // The SDK's DSDs page: a `.tensor_access` may also be a plain struct of the access
    // properties (`.{ .base_address = &A, .stride = 2, .extent = 10 }`), which then count as
    // if given at the top level; no property may be given twice.
    {
        std::vector<std::string> names, origins;
        std::vector<Value> elems;
        for (size_t i = 0; i < cfg.names->size(); ++i) {
            const std::string& f = (*cfg.names)[i];
            const Value& v = (*cfg.elems)[i];
            if (f == "tensor_access" && v.k == VK::Agg && v.names && !v.field("$base")) {
                for (size_t k = 0; k < v.names->size(); ++k) {
                    const std::string& g = (*v.names)[k];
                    if (g != "base_address" && g != "offset" && g != "stride" && g != "extent")
                        fail(args[1], "unknown field '" + g + "' in '.tensor_access'");
                    names.push_back(g);
                    origins.push_back(f);
                    elems.push_back((*v.elems)[k]);
                }
            } else {
                names.push_back(f);
                origins.push_back(f);
                elems.push_back(v);
            }
        }
        for (size_t i = 0; i < names.size(); ++i) {
            const bool access = names[i] == "tensor_access";
            for (size_t k = 0; k < i; ++k) {
                const bool accessK = names[k] == "tensor_access";
                const bool overlap =
                    names[k] == names[i] ||
                    (access && (names[k] == "base_address" || names[k] == "offset" ||
                                names[k] == "stride" || names[k] == "extent")) ||
                    (accessK && (names[i] == "base_address" || names[i] == "offset" ||
                                 names[i] == "stride" || names[i] == "extent"));
                if (overlap)
                    fail(args[1], "DSD property '" + names[i] +
                                      "' is given twice (also through '." + origins[k] + "')");
            }
        }
        cfg = mkAgg(names, elems);
    }
    sim::Dsd d;
    d.kind = kt->dk;
    // Runtime fields are applied with DsdSet after loading the constant part.
    std::vector<std::pair<sim::DsdField, Value>> runtimeSets;
    std::optional<Value> comptimeOffset; // `.offset`, when comptime-known
    bool isMem = d.kind == sim::DsdKind::Mem1d || d.kind == sim::DsdKind::Mem4d;
    static const std::set<std::string> kMemFields = {
        "tensor_access", "base_address", "extent", "stride", "offset", "wavelet_index_offset"};
    static const std::set<std::string> kFabFields = {
        "fabric_color",      "extent",   "input_queue",          "output_queue", "control",
        "control_transform", "priority", "wavelet_index_offset", "simd_mode",    "zero",
        "advance_switch",    "order",    "index_offset"};
    uint32_t elemSize = 4;
    bool haveBase = false;
    bool overConst = false; // the base address is a pointer to const
    for (size_t i = 0; i < cfg.names->size(); ++i) {
        const std::string& f = (*cfg.names)[i];
        const Value& v = (*cfg.elems)[i];
        const FieldSiteScope fieldSite(*this, args[1], args[1], f, node);
        if (const auto& known = isMem ? kMemFields : kFabFields; !known.count(f))
            fail(args[1], "unknown field '" + f + "' for " + typeName(kt) +
                              didYouMean(f, {known.begin(), known.end()}));
        // A fabin reads from an input queue, a fabout writes to an output queue.
        if ((f == "output_queue" && d.kind == sim::DsdKind::FabIn) ||
            (f == "input_queue" && d.kind == sim::DsdKind::FabOut))
            fail(args[1], typeName(kt) + " has no field '" + f + "' (" +
                              (d.kind == sim::DsdKind::FabIn ? "it reads from an input queue"
                                                             : "it writes to an output queue") +
                              ")");
        if (f == "tensor_access") {
            if (!v.field("$base"))
                fail(args[1], "'.tensor_access' must be a tensor access expression |i|{n} -> A[i]");
            Value base = *v.field("$base");
            int rank = int(v.field("$rank")->i);
            if (d.kind == sim::DsdKind::Mem1d && rank != 1)
                fail(args[1], "mem1d_dsd needs a one-dimensional tensor access");
            d.rank = uint8_t(rank);
            for (int k = 0; k < rank; ++k) {
                // |i, j|{m, n} -> A[i, j] iterates like nested loops with i outermost: the
                // last index is the innermost dimension (sim::Dsd dimension 0). SDK
                // 25-pt-stencil's receive buffer |i, j|{senders, chunk} -> buffer[pos, i, j]
                // takes each sender's chunk in turn from one fabric stream.
                const std::string index = std::to_string(rank - 1 - k);
                d.strideBytes[size_t(k)] = int32_t(v.field("$stride" + index)->i);
                d.extent[size_t(k)] = dsdExtent(*v.field("$extent" + index), args[1]);
            }
            if (base.isComptime())
                d.baseAddress = uint32_t(base.i);
            else
                runtimeSets.push_back({sim::DsdField::BaseAddress, base});
            overConst = base.type->k == TK::Ptr && base.type->isConst;
            haveBase = true;
            failUnlessDsdElement(v.field("$elem")->tv, args[1]);
            elemSize = sizeOf(v.field("$elem")->tv);
        } else if (f == "base_address") {
            if (v.type->k != TK::Ptr)
                fail(args[1],
                     "'.base_address' must be a pointer, found '" + typeName(v.type) + "'");
            failUnlessDsdElement(pointeeElem(v.type), args[1]);
            elemSize = sizeOf(pointeeElem(v.type));
            if (v.isComptime())
                d.baseAddress = uint32_t(v.i);
            else
                runtimeSets.push_back({sim::DsdField::BaseAddress, v});
            overConst = v.type->isConst;
            haveBase = true;
            d.strideBytes[0] = int32_t(elemSize);
        } else if (f == "extent" && v.k == VK::Agg && isMem) {
            // A tuple, outermost dimension first (the DSDs page: "stride values are read left
            // to right, but the access values are read right to left").
            const size_t rank = v.elems ? v.elems->size() : 0;
            if (rank < 1 || rank > 4 || (d.kind == sim::DsdKind::Mem1d && rank != 1))
                fail(args[1],
                     "'.extent' of " + typeName(kt) + " takes " +
                         (d.kind == sim::DsdKind::Mem1d ? "one extent" : "1 to 4 extents"));
            d.rank = uint8_t(rank);
            for (size_t k = 0; k < rank; ++k) {
                d.extent[k] = dsdExtent((*v.elems)[rank - 1 - k], args[1]);
            }
        } else if (f == "extent") {
            if (v.isComptime()) {
                d.extent[0] = dsdExtent(v, args[1]);
            } else {
                // The DSDs page: "extent, any expression of type u16" (an i16 or u32 was
                // cut to the field's width).
                runtimeSets.push_back({sim::DsdField::Length, coerce(v, types.u16, args[1])});
            }
        } else if (f == "fabric_color") {
            d.color = uint8_t(handleId(coerce(v, types.handle(HandleKind::Color), args[1]),
                                       HandleKind::Color, args[1], "'.fabric_color'"));
        } else if (f == "input_queue") {
            d.queue = uint8_t(handleId(v, HandleKind::InputQueue, args[1], "'.input_queue'"));
            if (cls()) {
                if (int8_t c = cls()->cc.inputQueueColor[d.queue]; c >= 0 && !wse3())
                    d.color = d.color ? d.color : uint8_t(c);
            }
        } else if (f == "output_queue") {
            d.queue = uint8_t(handleId(v, HandleKind::OutputQueue, args[1], "'.output_queue'"));
        } else if (f == "control") {
            // The DSDs page: fabout vectors "may contain the following additional fields:
            // control, wavelet_index_offset".
            if (d.kind == sim::DsdKind::FabIn)
                fail(args[1], "fabin_dsd has no field 'control' (fabout DSDs have it)");
            d.control = asBool(v, args[1]);
        } else if (f == "control_transform") {
            d.controlTransform = asBool(v, args[1]);
            if (d.controlTransform)
                warn(args[1],
                     "'.control_transform' is not modelled by the simulator: the DSD "
                     "moves wavelets as if it were false (docs/simulator.md, Not modelled)");
        } else if (f == "advance_switch") {
            d.advanceSwitch = asBool(v, args[1]);
            if (d.advanceSwitch)
                warn(args[1],
                     "'.advance_switch' is not modelled by the simulator: the DSD "
                     "moves wavelets as if it were false (docs/simulator.md, Not modelled)");
        } else if (f == "zero") {
            // The DSDs page: "only one of first_source or second_source can be used".
            if (v.k == VK::Agg && v.field("first_source") && v.field("second_source") &&
                asBool(*v.field("first_source"), args[1]) &&
                asBool(*v.field("second_source"), args[1]))
                fail(args[1], "'.zero' resets only one of first_source and second_source");
            warn(args[1], "'.zero' is not modelled by the simulator and has no effect "
                          "(docs/simulator.md, Not modelled)");
        } else if (f == "wavelet_index_offset") {
            // The DSDs page, "Explicit Index Offset": "a comptime-known boolean expression" on
            // memory and fabout DSDs; a fabin has none.
            if (d.kind == sim::DsdKind::FabIn)
                fail(args[1], "fabin_dsd has no field 'wavelet_index_offset' (memory and "
                              "fabout DSDs have it)");
            if (v.k != VK::Bool)
                fail(args[1],
                     std::string("'.wavelet_index_offset' of a ") + (isMem ? "memory" : "fabout") +
                         " DSD expects a comptime-known bool, found '" + typeName(v.type) + "'");
            d.waveletIndexOffset = v.i ? 0 : -1;
        } else if (f == "simd_mode") {
            d.simdMode = simdModeOf(*this, v, args[1]);
        } else if (f == "priority") {
            // The DSDs page, "Microthread Priority": on WSE-3 "the priority needs to be
            // specified in the DSDs"; async ops on the DSD take it (DsdOpDesc::priority). On
            // WSE-2 the operation takes it.
            if (!wse3())
                failOnThisArch(args[1], "'.priority' of a " + typeName(kt) +
                                            " is only available on wse3 (on wse2 the "
                                            "operation takes it)");
            d.priority = microthreadPriorityOf(*this, v, args[1]);
        }
    }
    // The DSDs page lists `stride` and `offset` as optional, not `extent` (a mem1d_dsd
    // without one moved nothing).
    if (d.kind == sim::DsdKind::Mem1d && !cfg.field("tensor_access") && !cfg.field("extent"))
        fail(args[1], "mem1d_dsd needs '.extent' (or '.tensor_access')");
    // A multi-dimensional memory DSD given by its properties: without '.stride' the access
    // is contiguous (every stride 1); a stride tuple lists, innermost dimension first, how
    // much the address moves at each step of that dimension after the inner ones reset (the
    // DSDs page's `.stride = .{1, -2}` for `A[2*i + j]`). sim::Dsd keeps each dimension's
    // own step: step_k = stride_k + sum over inner j of (extent_j - 1) * step_j.
    if (isMem && haveBase && !cfg.field("tensor_access") && d.rank > 1) {
        const Value* st = cfg.field("stride");
        if (st && (st->k != VK::Agg || st->elems->size() != d.rank))
            fail(args[1], "'.stride' of a " + std::to_string(d.rank) +
                              "-dimensional DSD must be a tuple of " + std::to_string(d.rank) +
                              " strides");
        int64_t inner = 0;
        for (size_t k = 0; k < d.rank; ++k) {
            const int64_t delta = st ? asInt((*st->elems)[k], args[1], "stride") : 1;
            const int64_t step = delta + inner;
            d.strideBytes[k] = int32_t(step * int64_t(elemSize));
            inner += (int64_t(d.extent[k]) - 1) * step;
        }
    }
    for (size_t i = 0; i < cfg.names->size(); ++i) {
        const std::string& f = (*cfg.names)[i];
        const Value& v = (*cfg.elems)[i];
        if (f == "stride" && d.rank > 1 && !cfg.field("tensor_access")) {
            // done above
        } else if (f == "stride" && !v.isComptime()) {
            // The DSDs page's run-time mem1d properties: `.stride = @as(i8, stride)`.
            if (d.kind != sim::DsdKind::Mem1d)
                fail(args[1], "a run-time '.stride' needs a mem1d_dsd");
            runtimeSets.push_back({sim::DsdField::ElementStride, coerce(v, types.i8, args[1])});
        } else if (f == "stride") {
            if (v.k == VK::Agg && v.elems->size() != 1)
                fail(args[1], "'.stride' of a one-dimensional DSD takes one stride");
            // The DSDs page: a mem1d `stride` is "any expression of type i8".
            const Value& stride = v.k == VK::Agg ? (*v.elems)[0] : v;
            d.strideBytes[0] =
                int32_t(asInt(coerce(stride, types.i8, args[1]), args[1], "stride") * elemSize);
        } else if (f == "offset" && !v.isComptime()) {
            // The DSDs page: `.offset` is "any expression of type i16", as a run-time
            // `.extent` or `.stride` may be.
            runtimeSets.push_back({sim::DsdField::OffsetBytes, v});
        } else if (f == "offset") {
            // "any expression of type i16"
            const Value offset = coerce(v, types.i16, args[1]);
            d.baseAddress += uint32_t(asInt(offset, args[1], "offset") * int64_t(elemSize));
            comptimeOffset = offset;
        }
    }
    // A run-time base address replaces the constant one, and any offset counts from it: the
    // base goes first, then the offsets (a comptime offset was lost under a run-time base).
    const auto runtimeBase =
        std::stable_partition(runtimeSets.begin(), runtimeSets.end(), [](const auto& set) {
            return set.first == sim::DsdField::BaseAddress;
        });
    if (runtimeBase != runtimeSets.begin() && comptimeOffset)
        runtimeSets.push_back({sim::DsdField::OffsetBytes, *comptimeOffset});
    if (isMem && !haveBase)
        fail(args[1], typeName(kt) + " needs '.tensor_access' or '.base_address'");
    if (isMem)
        d.elementBytes = uint8_t(elemSize);
    if (d.kind == sim::DsdKind::FabOut && !wse3() && !cfg.field("fabric_color"))
        failOnThisArch(args[1], "fabout_dsd needs '.fabric_color' on wse2");
    if ((d.kind == sim::DsdKind::FabIn || d.kind == sim::DsdKind::FabOut) && !cfg.field("extent"))
        fail(args[1], typeName(kt) + " needs '.extent'");
    // On WSE-3 the queue gives a fabric DSD its color; one it names itself is compared with
    // the queue's when the class is done (a WSE-2 program moved over kept sending on the
    // queue's color with no word).
    if (wse3() && cls() && !checkingUnusedCode_ && cfg.field("fabric_color") &&
        (d.kind == sim::DsdKind::FabIn || d.kind == sim::DsdKind::FabOut))
        cls()->namedFabricColors.push_back(
            {d.kind == sim::DsdKind::FabIn, int(d.queue), int(d.color), fr_->mod, args[1]});

    Value r;
    r.k = VK::Dsd;
    r.dsd = d;
    r.type = kt;
    r.readOnlyMemory = overConst;
    if (runtimeSets.empty())
        return r;
    if (!runtime())
        fail(args[1], "DSD fields must be comptime-known here");
    uint16_t dr;
    dsdToOperandReg(r, node, dr);
    for (auto& [field, v] : runtimeSets) {
        Value x = v;
        if (field == sim::DsdField::Length)
            x = coerce(x.type->k == TK::Int ? x : materialize(x, node), x.type, node);
        const uint16_t xr = field == sim::DsdField::OffsetBytes
                                ? elementsToBytes(coerce(x, types.i16, args[1]), elemSize, node)
                                : toReg(x, node);
        emit(sim::Op::DsdSet, sim::ScalarType::Void, dr, dr, xr, int32_t(field));
    }
    Value rr;
    rr.k = VK::RuntimeDsd;
    rr.reg = dr;
    rr.type = kt;
    rr.readOnlyMemory = overConst;
    return rr;
}

// The one action of an `.on_control` setting (terminate, activate or unblock), checked as the
// DSDs page gives it: "The terminate action requires a boolean expression", one action.
const std::string& Analyzer::onControlAction(const Value& v, uint32_t node) {
    if (v.k != VK::Agg || !v.names || v.names->empty())
        fail(node, "'.on_control' expects .{ .terminate/.activate/.unblock = ... }");
    if (v.names->size() > 1)
        fail(node, "'.on_control' takes one action, found " + std::to_string(v.names->size()));
    const std::string& action = (*v.names)[0];
    if (action == "terminate" && !asBool((*v.elems)[0], node))
        fail(node, "'.on_control' '.terminate' must be true (leave '.on_control' out for no "
                   "action)");
    if (action != "terminate" && action != "activate" && action != "unblock")
        fail(node, "unknown '.on_control' action '" + action +
                       "'; expected terminate, activate or unblock");
    return action;
}

// The ID an `.activate`, `.unblock` or `.on_control` setting names when it does not name a
// task itself, checked alike for operations and @load_to_dsr: a local task ID to activate, or
// an ID or channel to unblock that is not a control task's.
int8_t Analyzer::taskSettingId(const Value& v, bool activate, const std::string& what,
                               uint32_t node) {
    if (activate)
        return int8_t(handleId(v, HandleKind::LocalTaskId, node, what.c_str()));
    if (v.k != VK::Handle)
        fail(node, what + " expects a task ID or a task");
    // The DSDs page lists what '.unblock' takes (a color or input queue, a data or local task
    // ID, a task); a ut_id names a microthread, not the task of the same number.
    if (v.type->hk == HandleKind::UtId)
        fail(node, what + " expects a task ID or a task, found 'ut_id' (a microthread is "
                          "unblocked with @unblock)");
    failUnlessTaskHandle(v, what, node);
    failIfControlTaskUnblocked(v, what, node);
    return int8_t(v.i);
}

// @load_to_dsr and @load_to_dsr_xdsr_sr: DSD `d` is stored in DSR `dsr`'s slot, with the
// configuration `cfg` (.save_address, .async, ...) that operations through the DSR apply.
void Analyzer::loadToDsr(const std::string& name, const Value& dsr, const Value& d,
                         const Value& cfg, std::span<const uint32_t> args, uint32_t node) {
    if (dsr.k != VK::Handle || !isDsrHandle(dsr.type->hk))
        fail(args[0], name + " expects a DSR from @get_dsr, found '" + typeName(dsr.type) + "'");
    if (!runtime())
        fail(node, name + " is a runtime operation (in a top-level comptime block of tile code it "
                          "loads the DSR at program start)");
    // The DSRs page, @load_to_dsr: "A DSD of type fabin_dsd cannot be loaded to a dsr_dest
    // DSR", "A DSD of type fabout_dsd cannot be loaded to a dsr_src0 or dsr_src1", "FIFO
    // DSRs are not permitted", asynchronous settings only for fabric DSDs, save_address
    // only for memory DSDs.
    const HandleKind hk = dsr.type->hk;
    const sim::DsdKind dk = d.type->dk;
    const bool fabric = dk == sim::DsdKind::FabIn || dk == sim::DsdKind::FabOut;
    if (hk == HandleKind::DsrFifoDest || hk == HandleKind::DsrFifoSrc1)
        fail(args[0], name + " does not take a FIFO DSR (" + typeName(dsr.type) + ")");
    if (dk == sim::DsdKind::FabIn && hk == HandleKind::DsrDest)
        fail(args[0], "a fabin_dsd cannot be loaded to a dsr_dest");
    if (hk == HandleKind::DsrDest)
        failIfReadOnlyDestination(d, "the DSD loaded to a dsr_dest", args[1]);
    if (dk == sim::DsdKind::FabOut && (hk == HandleKind::DsrSrc0 || hk == HandleKind::DsrSrc1))
        fail(args[0], "a fabout_dsd cannot be loaded to a " + typeName(dsr.type));
    // On WSE-2 a fabin_dsd names its color itself (.fabric_color), and @initialize_queue
    // is optional; the rule checked at the end of the class is WSE-3's.
    if (wse3() && fabric && d.k == VK::Dsd)
        cls()->fabricDsrLoads.push_back(
            {dk == sim::DsdKind::FabIn, int(d.dsd.queue), fr_->mod, args[1]});
    if (cfg.k == VK::Agg && cfg.names) {
        for (const char* async : {"async", "activate", "unblock", "on_control"})
            if (cfg.field(async) && !fabric)
                fail(args.back(), "'." + std::string(async) + "' in " + name +
                                      " is only for fabric DSDs, found " + typeName(d.type));
        if (cfg.field("save_address") && fabric)
            fail(args.back(), "'.save_address' in " + name + " is only for memory DSDs, found " +
                                  typeName(d.type));
    }
    const uint32_t cfgNode = args.back();
    for (size_t i = 0; cfg.k == VK::Agg && cfg.names && i < cfg.names->size(); ++i) {
        static const std::set<std::string> kFields = {"async",        "activate",    "unblock",
                                                      "save_address", "single_step", "ut_id",
                                                      "priority",     "on_control"};
        if (const std::string& f = (*cfg.names)[i]; !kFields.count(f))
            fail(cfgNode, "unknown field '" + f + "' in " + name + " configuration" +
                              didYouMean(f, {kFields.begin(), kFields.end()}));
    }
    // The DSDs page: "All of the following configuration settings are directly applicable to
    // DSRs when using the @load_to_dsr builtin", so they follow an operation's rules (a data
    // task ID to activate, two on_control actions, activate with unblock were accepted).
    if (cfg.k == VK::Agg && cfg.names) {
        if (cfg.field("activate") && cfg.field("unblock"))
            fail(cfgNode, name + " takes at most one of '.activate' and '.unblock'");
        if (const Value* task = cfg.field("activate"); task && !isTask(*task))
            taskSettingId(*task, true, "'.activate'", cfgNode);
        if (const Value* task = cfg.field("unblock"); task && !isTask(*task))
            taskSettingId(*task, false, "'.unblock'", cfgNode);
        if (const Value* onControl = cfg.field("on_control")) {
            const std::string& action = onControlAction(*onControl, cfgNode);
            const Value& task = (*onControl->elems)[0];
            if (action != "terminate" && !isTask(task))
                taskSettingId(task, action == "activate", "'.on_control' '." + action + "'",
                              cfgNode);
        }
    }
    uint16_t dr;
    dsdToOperandReg(d, node, dr);
    // `.save_address` travels with the DSR (sim::Dsd::saveAddress), so every operation on it,
    // in any function or task, moves it on.
    const Value* save = cfg.k == VK::Agg ? cfg.field("save_address") : nullptr;
    const uint16_t flag = toReg(mkInt(save && asBool(*save, cfgNode) ? 1 : 0, types.u16), node);
    const uint16_t flagged = newDsdReg();
    emit(sim::Op::DsdSet, sim::ScalarType::Void, flagged, dr, flag,
         int32_t(sim::DsdField::SaveAddress));
    emit(sim::Op::DsdStore, sim::ScalarType::Void, kNoReg, kNoReg, flagged,
         int32_t(dsrSlot(dsr, node)));
    // A load in a function nothing uses never happens: it sets nothing for the operations.
    if (!checkingUnusedCode_) {
        cls()->dsrConfig[dsrKey(dsr)] = cfg;
        cls()->dsrLoads[dsrKey(dsr)].push_back({cfg, fr_->mod, cfgNode, dk});
    }
}

static std::string ignoredOwnSettingMessage(const std::string& field, const std::string& opName) {
    return "'." + field + "' of @" + opName +
           " is ignored: an operation through a DSR takes it from the DSR's @load_to_dsr (the "
           "DSDs page)";
}

// The Microthread IDs page: an operation takes `.ut_id` from its own configuration or from
// "the .ut_id setting of the @load_to_dsr's configuration struct of explicit DSR operands",
// destination first; the other settings of a load travel with the DSR too. An operation
// compiled before every load of its DSR (one in a module's comptime block, or in a function
// lowered later) gets them here, when all of the class's loads are known. A setting the loads
// of a DSR disagree on cannot be applied statically: a warning says so.
void Analyzer::applyLateDsrConfigs(ClassCtx& c) {
    for (const ClassCtx::LateDsrConfig& late : c.lateDsrConfigs) {
        if (late.op >= c.cc.dsdOps.size())
            continue;
        sim::DsdOpDesc& op = c.cc.dsdOps[late.op];
        std::set<std::string> settled = late.ownFields;
        size_t utOperand = late.utOperand;
        auto apply = [&](const std::string& f, const Value& v) {
            if (f == "ut_id" && v.k == VK::Handle && v.type->hk == HandleKind::UtId)
                op.microthread = int8_t(v.i);
            else if (f == "async" && v.k == VK::Bool)
                op.async = v.i != 0;
            else if ((f == "activate" || f == "unblock") && v.k == VK::Fn && v.fn)
                activateFixups_.emplace_back(&c, late.op, v.fn, late.node, late.mod,
                                             f == "activate" ? TaskField::Activate
                                                             : TaskField::Unblock);
            else if (f == "activate" && v.k == VK::Handle)
                op.activateTask = int8_t(v.i);
            else if (f == "unblock" && v.k == VK::Handle)
                op.unblockTask = int8_t(v.i);
            else if (f == "priority") {
                ModuleFrame frame(*this, late.mod);
                try {
                    op.priority = microthreadPriorityOf(*this, v, late.node);
                } catch (SemaError&) {
                }
            }
        };
        // Own settings set aside for a DSR no load had named yet stand when its loads turn
        // out to be memory ones, which cannot carry them (the DSDs page's rule is for a DSR
        // loaded with a fabric DSD).
        const bool fabricLoaded = std::any_of(late.dsrs.begin(), late.dsrs.end(), [&](auto& use) {
            const auto loads = c.dsrLoads.find(use.dsr);
            return loads != c.dsrLoads.end() &&
                   std::any_of(loads->second.begin(), loads->second.end(),
                               [](const ClassCtx::DsrLoad& l) { return l.fabric(); });
        });
        const bool ownStands = late.ownSetAsideForUnloadedDsr && !fabricLoaded;
        if (ownStands) {
            for (const auto& [field, v] : late.ignoredOwn) {
                apply(field, v);
                settled.insert(field);
            }
        }
        // The own settings some DSR's loads give alike (no warning for those), once each.
        std::set<std::string> givenAlike;
        for (const ClassCtx::DsrOperandUse& use : late.dsrs) {
            // An operand loaded before the operation gave its settings then; one before it
            // in the order still wins over a later operand's.
            if (!use.late) {
                settled.insert(use.fromLoad.begin(), use.fromLoad.end());
                continue;
            }
            const auto loads = c.dsrLoads.find(use.dsr);
            if (loads == c.dsrLoads.end())
                continue;
            for (const std::string field : {"ut_id", "async", "activate", "unblock", "priority"}) {
                if (field == "ut_id" ? use.operand >= utOperand : settled.count(field) != 0)
                    continue;
                std::optional<Value> agreed;
                bool disagree = false;
                for (const ClassCtx::DsrLoad& load : loads->second) {
                    const Value* v = load.cfg.k == VK::Agg ? load.cfg.field(field) : nullptr;
                    if (!v)
                        continue;
                    disagree = disagree || (agreed && !sameValue(*agreed, *v));
                    agreed = *v;
                }
                const auto ignored =
                    std::find_if(late.ignoredOwn.begin(), late.ignoredOwn.end(),
                                 [&](const auto& own) { return own.first == field; });
                if (ignored != late.ignoredOwn.end() && agreed &&
                    sameValue(*agreed, ignored->second))
                    givenAlike.insert(field);
                if (!agreed)
                    continue;
                settled.insert(field);
                if (field == "ut_id")
                    utOperand = use.operand;
                if (disagree) {
                    diags_.warning(late.mod->fileId, late.mod->ast->beginOffset(late.node),
                                   late.mod->ast->endOffset(late.node),
                                   std::string("the loads of this operation's DSR give different "
                                               "'.") +
                                       field +
                                       "' settings and are compiled after it, so it takes "
                                       "none (give the setting in the operation itself)");
                    continue;
                }
                apply(field, *agreed);
            }
        }
        for (const auto& own : late.ignoredOwn)
            if (!ownStands && !givenAlike.count(own.first))
                diags_.warning(late.mod->fileId, late.mod->ast->beginOffset(late.node),
                               late.mod->ast->endOffset(late.node),
                               ignoredOwnSettingMessage(own.first, late.opName));
    }
}

Analyzer::DsrFabricOperand Analyzer::dsrFabricOperand(const std::vector<Value>& vals) {
    bool unloadedDsr = false, fabricDsd = false;
    for (const Value& v : vals) {
        if (v.k == VK::Handle && isDsrHandle(v.type->hk)) {
            const auto loads = cls()->dsrLoads.find(dsrKey(v));
            if (loads == cls()->dsrLoads.end())
                unloadedDsr = true;
            else if (std::any_of(loads->second.begin(), loads->second.end(),
                                 [](const ClassCtx::DsrLoad& l) { return l.fabric(); }))
                return DsrFabricOperand::Loaded;
        } else if (v.type->k == TK::Dsd) {
            fabricDsd = fabricDsd || v.type->dk == sim::DsdKind::FabIn ||
                        v.type->dk == sim::DsdKind::FabOut || v.type->dk == sim::DsdKind::Fifo;
        }
    }
    return unloadedDsr && !fabricDsd ? DsrFabricOperand::Unloaded : DsrFabricOperand::None;
}

uint32_t Analyzer::dsrSlot(const Value& dsr, uint32_t node) {
    ClassCtx* c = cls();
    auto it = c->dsrSlots.find(dsrKey(dsr));
    if (it != c->dsrSlots.end())
        return it->second;
    uint32_t a = allocate(sim::kDsdStorageBytes, 4,
                          std::string("$") + handleName(dsr.type->hk) + "." + std::to_string(dsr.i),
                          types.u8, node);
    c->dsrSlots[dsrKey(dsr)] = a;
    return a;
}

// A scalar source operand `slot` (1: the first source) of a DSD operation, as the operation
// reads it: an f32 or f16 where the operation reads floats of that size (`@faddhs` adds an
// f16 to an f32), else a 16- or 32-bit integer (`@fscaleh`'s exponent is an i16). A
// comptime integer takes the signed type if its value fits, else the unsigned one, so
// `@xor16(d, s, 0xffff)` and `@mov32(d, -7)` both mean their bits. A run-time float of the
// other size is converted where that widens it and an error where it would narrow it.
static Value scalarOperand(Analyzer& a, const DsdOpInfo& info, const sim::DsdOpShape& shape,
                           size_t slot, const Value& v, uint32_t node) {
    using K = sim::DsdOpKind;
    const bool exponent = (info.kind == K::Fscaleh || info.kind == K::Fscales) && slot == 2;
    const uint32_t bits = shape.srcBytes[slot - 1] * 8u;
    // The Builtins page: the 16-bit float operands are `fp16_value`s, of type @fp16().
    if ((info.elem == 'h' || info.elem == 's') && !exponent)
        return a.coerce(v, bits == 32 ? a.types.f32 : a.fp16Type(), node);
    // (A u64 from 2^63 up is held as its bit pattern, a negative number.)
    if (v.k == VK::Int && !(isU64(v.type) && v.i < 0)) {
        if (fitsInt(v.i, a.types.intType(int(bits), true)))
            return a.mkInt(v.i, a.types.intType(int(bits), true));
        if (fitsInt(v.i, a.types.intType(int(bits), false)))
            return a.mkInt(v.i, a.types.intType(int(bits), false));
    }
    if (v.k == VK::Int)
        a.fail(node, "value " +
                         (isU64(v.type) ? std::to_string(uint64_t(v.i)) : std::to_string(v.i)) +
                         " of operand " + std::to_string(slot + 1) + " of @" + info.name +
                         " does not fit in " + std::to_string(bits) + " bits");
    if (v.type->k == TK::Float || v.type->k == TK::CFloat)
        a.fail(node, "operand " + std::to_string(slot + 1) + " of @" + info.name +
                         " is an integer of " + std::to_string(bits) + " bits, found '" +
                         typeName(v.type) + "'");
    return v;
}

// How an operand of a DSD operation is written: 'D' a DSD or DSR, 'V' a number or bool,
// 'P' a pointer; '?' anything else (reported where the operand is lowered).
static char operandShape(const Value& v) {
    if (v.type->k == TK::Dsd || (v.k == VK::Handle && isDsrHandle(v.type->hk)))
        return 'D';
    if (v.type->k == TK::Ptr)
        return 'P';
    if (isNumeric(v.type) || v.type->k == TK::Bool)
        return 'V';
    return '?';
}

static char formLetterShape(char letter) {
    if (letter == 'D')
        return 'D';
    return std::islower(static_cast<unsigned char>(letter)) ? 'V' : 'P';
}

// The type a form letter's value or pointee has ("i16/u16" for either).
static std::string formLetterType(Analyzer& a, char letter) {
    switch (std::tolower(static_cast<unsigned char>(letter))) {
    case 'i':
        return "i16/u16";
    case 'w':
        return "i32/u32";
    case 'e':
        return "i16";
    case 'f':
        return "f32";
    default:
        return typeName(a.fp16Type());
    }
}

static std::string formLetterName(Analyzer& a, char letter) {
    if (letter == 'D')
        return "DSD";
    if (formLetterShape(letter) == 'V')
        return formLetterType(a, letter) + " value";
    std::string pointer = "*" + formLetterType(a, letter);
    if (const size_t slash = pointer.find('/'); slash != std::string::npos)
        pointer.insert(slash + 1, "*");
    return pointer;
}

// Whether scalar type `t` is what a value or pointer of form letter `letter` holds. Run-time
// values coerce as assignments do: a narrower integer widens (an i8 into an i16 slot, an i16
// into @mov32's i32), as does an f16 into an f32 slot; a wider one, a bool or a number of
// the other kind does not.
static bool fitsFormLetter(Analyzer& a, char letter, TypeP t, bool pointee) {
    const bool isInt = t->k == TK::Int;
    const bool isFloat = t->k == TK::Float;
    switch (letter) {
    case 'i':
        return isInt && (pointee ? t->bits == 16 : t->bits <= 16);
    case 'w':
        return isInt && (pointee ? t->bits == 32 : t->bits <= 32);
    case 'e':
        return isInt && (t->isSigned ? t->bits <= 16 : t->bits < 16);
    case 'f':
        return isFloat && (pointee ? t->bits == 32 : true);
    case 'h':
        return t == a.fp16Type();
    case 'F':
        return fitsFormLetter(a, 'f', t, true);
    case 'H':
        return fitsFormLetter(a, 'h', t, true);
    case 'I':
        return fitsFormLetter(a, 'i', t, true);
    case 'W':
        return fitsFormLetter(a, 'w', t, true);
    default:
        return true;
    }
}

// Whether an operand written with shape `shape` ('D', 'V', 'P') fills slot `slot` of a form
// with `letter`. A source slot that takes a value also takes a pointer to one, read when
// the operation starts (or per element when it names the pointer destination's variable):
// SDK-NOTES has sources "DSDs, DSRs, scalars or pointers", which programs of ours use.
static bool shapeFillsSlot(char shape, char letter, size_t slot) {
    const char wanted = formLetterShape(letter);
    return shape == wanted || (slot > 0 && wanted == 'V' && shape == 'P');
}

// The Builtins page lists each DSD operation's operand forms. The list is not the whole
// machine (its SIMD table gives @fscales and @fnorms widths, which only DSD forms have), so
// another form is a warning that lists them, not an error; but a run-time value or a pointer
// of another type than the form's slot takes is an error (`@fadds(&an_i32, ...)` wrote f32
// bits into it, an i32 in a 16-bit slot lost its high bits, an f32 as @fscales's exponent
// through the destination's own variable was read as an i16), and so is a DSD as the scalar
// factor of @fmacs, @fmach or @fmachs (it was read as a third DSD source). In an unlisted
// form each operand is checked against the slot of a listed form that takes its shape there.
static void checkDsdOperandForm(Analyzer& a, const DsdOpInfo& info, const std::vector<Value>& vals,
                                const std::vector<uint32_t>& argNodes, uint32_t node) {
    std::string written;
    for (const Value& v : vals) {
        if (operandShape(v) == '?')
            return;
        written += operandShape(v);
    }
    std::vector<std::string_view> forms;
    for (std::string_view all = info.forms; !all.empty();) {
        const size_t end = std::min(all.find(' '), all.size());
        forms.push_back(all.substr(0, end));
        all.remove_prefix(std::min(end + 1, all.size()));
    }
    const auto fills = [&](std::string_view form) {
        for (size_t i = 0; i < form.size(); ++i)
            if (form.size() != written.size() || !shapeFillsSlot(written[i], form[i], i))
                return false;
        return form.size() == written.size();
    };
    std::string letters;
    if (const auto listedForm = std::find_if(forms.begin(), forms.end(), fills);
        listedForm != forms.end()) {
        letters = *listedForm;
    } else {
        const bool fmac = info.kind == sim::DsdOpKind::Fmacs ||
                          info.kind == sim::DsdOpKind::Fmach || info.kind == sim::DsdOpKind::Fmachs;
        if (fmac && written.size() == 4 && written[3] == 'D')
            a.fail(argNodes[3], "operand 4 of @" + std::string(info.name) +
                                    " is its scalar factor (an " +
                                    formLetterName(a, forms.front()[3]) + "), found a DSD");
        std::string actual, listed;
        for (char shape : written)
            actual += std::string(actual.empty() ? "" : ", ") + (shape == 'D'   ? "DSD"
                                                                 : shape == 'V' ? "value"
                                                                                : "pointer");
        for (std::string_view form : forms) {
            std::string names;
            for (char letter : form)
                names += (names.empty() ? "" : ", ") + formLetterName(a, letter);
            listed += (listed.empty() ? "(" : ", (") + names + ")";
        }
        a.warn(node, "@" + std::string(info.name) + " (" + actual +
                         ") is not a form the Builtins page lists: " + listed);
        for (size_t i = 0; i < written.size(); ++i) {
            char letter = '?';
            for (std::string_view form : forms)
                if (letter == '?' && form.size() == written.size() &&
                    shapeFillsSlot(written[i], form[i], i))
                    letter = form[i];
            letters += letter;
        }
    }
    for (size_t i = 0; i < vals.size(); ++i) {
        const char letter = letters[i];
        const Value& v = vals[i];
        const std::string operand =
            "operand " + std::to_string(i + 1) + " of @" + std::string(info.name);
        if (letter == 'D' || letter == '?')
            continue;
        if (v.type->k == TK::Ptr) {
            const TypeP target = v.type->elem;
            const bool writes = formLetterShape(letter) == 'P';
            const uint32_t bytes =
                letter == 'F' || letter == 'W' || letter == 'f' || letter == 'w' ? 4u : 2u;
            // Pointers to arrays and of the wrong width are reported where they are lowered.
            if (!v.type->many && isRuntimeScalar(target) && sizeOf(target) == bytes &&
                !fitsFormLetter(a, letter, target, true))
                a.fail(argNodes[i], operand + (writes ? " writes " : " reads ") +
                                        formLetterType(a, letter) + " values, found a '" +
                                        typeName(v.type) + "'");
            continue;
        }
        if (v.isComptime() && v.type->k != TK::Bool)
            continue; // literals are fitted to the slot by scalarOperand
        if (fitsFormLetter(a, letter, v.type, false))
            continue;
        const std::string expected = formLetterName(a, letter);
        const bool vowelSound = std::string_view("aefiou").find(expected[0]) != std::string::npos;
        a.fail(argNodes[i], operand + (vowelSound ? " is an " : " is a ") + expected + ", found '" +
                                typeName(v.type) + "'");
    }
}

// What @block, @unblock and a DSD operation's '.unblock' take: a task ID, or on WSE-2 a
// color and on WSE-3 an input queue (whose data task it is).
// The DSDs page: "For unblock, the associated task must be bound as a data or local task"
// (a control task runs when its channel is unblocked: unblock that).
void Analyzer::failIfControlTaskUnblocked(const Value& id, const std::string& what, uint32_t node) {
    if (id.type && id.type->k == TK::Handle && id.type->hk == HandleKind::ControlTaskId)
        fail(node, what + " takes a data or local task ID, found a control_task_id (" +
                       (what == "@block" ? "block" : "unblock") +
                       " the color or input queue that carries its wavelets)");
}

void Analyzer::failUnlessTaskHandle(const Value& id, const std::string& what, uint32_t node) {
    if (id.type->k != TK::Handle)
        fail(node, what + " expects a task ID, found '" + typeName(id.type) + "'");
    const HandleKind hk = id.type->hk;
    if (hk == HandleKind::Color && wse3())
        failOnThisArch(node, what + " of a color is only available on wse2; use an input queue");
    if (hk == HandleKind::InputQueue && !wse3())
        failOnThisArch(node, what + " of an input queue is only available on wse3");
    if (hk != HandleKind::Color && hk != HandleKind::InputQueue && hk != HandleKind::DataTaskId &&
        hk != HandleKind::LocalTaskId && hk != HandleKind::ControlTaskId && hk != HandleKind::UtId)
        fail(node, what + " expects a task ID, found '" + typeName(id.type) + "'");
}

// A comptime-known local task ID that @activate or an operation's '.activate' wakes: it
// must be bound when the class is done (checked where run-time roots reach the code).
void Analyzer::noteActivation(int id, uint32_t node) {
    if (cls())
        cls()->activations.push_back(
            {fr_->mod, node, id, runtime() && fr_->def ? fr_->def->index : -1});
}

// Arithmetic and conversions interpret their elements (negating or adding the halves of
// 32-bit words is a slip); moves and bitwise operations only carry bits, and programs move
// f16 pairs as 32-bit words (the SDK's FFT sends complex f16 values with @fmovs) or 32-bit
// words as 16-bit halves.
static bool computesOnElements(sim::DsdOpKind k) {
    using K = sim::DsdOpKind;
    switch (k) {
    case K::Add16:
    case K::Addc16:
    case K::Sub16:
    case K::Sll16:
    case K::Slr16:
    case K::Sar16:
    case K::Popcnt:
    case K::Clz:
    case K::Ctz:
    case K::Fnegh:
    case K::Fabsh:
    case K::Fnegs:
    case K::Fabss:
    case K::Faddh:
    case K::Fsubh:
    case K::Fmulh:
    case K::Fmach:
    case K::Fnormh:
    case K::Fscaleh:
    case K::Fmaxh:
    case K::Fadds:
    case K::Fsubs:
    case K::Fmuls:
    case K::Fmacs:
    case K::Fnorms:
    case K::Fscales:
    case K::Fmaxs:
    case K::Faddhs:
    case K::Fmachs:
    case K::Fh2s:
    case K::Fs2h:
    case K::Fs2xp16:
    case K::Xp162fs:
    case K::Fh2xp16:
    case K::Xp162fh:
        return true;
    default:
        return false;
    }
}

// The DSD operations page gives each operand's element type: arithmetic over a memory DSD
// of elements of another size reads them as halves or pairs (an f16 array read by an f32
// operand). A DSD moved onto another array (@set_dsd_base_addr) is checked against the
// array it now starts in.
void Analyzer::failIfElementWidthDiffers(const sim::Dsd& d, uint32_t operandBytes,
                                         const std::string& operand, uint32_t node) {
    if (d.kind != sim::DsdKind::Mem1d && d.kind != sim::DsdKind::Mem4d)
        return;
    for (const sim::Symbol& s : cls()->cc.symbols) {
        if (d.baseAddress < s.address || d.baseAddress >= s.address + s.sizeBytes)
            continue;
        const uint32_t held = sim::byteSize(s.elementType);
        if ((held == 2 || held == 4) && held != operandBytes)
            fail(node, operand + " reads " + std::to_string(operandBytes * 8) +
                           "-bit elements, but '" + s.name + "' holds " +
                           sim::typeName(s.elementType) + " (" + std::to_string(held * 8) +
                           "-bit) elements");
        return;
    }
}

// A DSD operation's destination (`what`) may not be a DSD over a const or a parameter: the
// write through it would change what the program treats as constant (a folded `cg[2]` kept
// its old value while `cg[i]` read the new one).
void Analyzer::failIfReadOnlyDestination(const Value& dsd, const std::string& what, uint32_t node) {
    if (dsd.k != VK::Dsd && dsd.k != VK::RuntimeDsd)
        return;
    bool readOnly = dsd.readOnlyMemory;
    if (dsd.k == VK::Dsd &&
        (dsd.dsd.kind == sim::DsdKind::Mem1d || dsd.dsd.kind == sim::DsdKind::Mem4d))
        for (const auto& [begin, end] : cls()->readOnly)
            readOnly = readOnly || (dsd.dsd.baseAddress >= begin && dsd.dsd.baseAddress < end);
    if (readOnly)
        fail(node, what + " is a DSD over a const or a parameter; DSD operations cannot write "
                          "into it (copy it into a 'var')");
}

// A comptime-known fabric DSD that an operation uses on WSE-3: its queue must give it a
// color (checked when the class is done). Code the class never runs uses nothing.
void Analyzer::noteFabricQueueUse(const Value& v, uint32_t node) {
    if (v.k != VK::Dsd || !wse3() || !cls() || checkingUnusedCode_ ||
        (v.dsd.kind != sim::DsdKind::FabIn && v.dsd.kind != sim::DsdKind::FabOut))
        return;
    const bool input = v.dsd.kind == sim::DsdKind::FabIn;
    cls()->fabricQueueUses.try_emplace(
        {input, int(v.dsd.queue)},
        ClassCtx::QueueUse{fr_->mod, node,
                           input ? "this fabin_dsd operand" : "this fabout_dsd operand"});
}

Value Analyzer::dsdOp(const std::string& name, uint32_t node) {
    const DsdOpInfo* info = nullptr;
    for (const DsdOpInfo& i : kDsdOps) {
        if (name == i.name)
            info = &i;
    }
    auto args = L(node);
    if (!runtime())
        fail(node, "@" + name + " is a runtime operation and cannot run at comptime");
    size_t n = args.size();
    std::vector<Value> vals;
    for (uint32_t a : args)
        vals.push_back(eval(a));
    Value cfg;
    // The configuration struct is the last argument; '.{}' is an empty one.
    if (n > 0 && vals.back().k == VK::Agg &&
        (vals.back().names || !vals.back().elems || vals.back().elems->empty())) {
        cfg = vals.back();
        vals.pop_back();
        --n;
    }
    if (int(n) != info->operands)
        fail(node, "@" + name + " expects " + std::to_string(info->operands) + " operands, found " +
                       std::to_string(n));
    std::vector<uint32_t> argNodes(args.begin(), args.end());
    checkDsdOperandForm(*this, *info, vals, argNodes, node);
    if (info->kind == sim::DsdOpKind::Dfilt) {
        // "The first argument to @dfilt must be a fabin_dsd or a DSR representing an 'async'
        // fabin_dsd", a dsr_src1.
        const Value& filtered = vals[0];
        const bool fabin = filtered.type->k == TK::Dsd && filtered.type->dk == sim::DsdKind::FabIn;
        const bool src1 = filtered.k == VK::Handle && filtered.type->hk == HandleKind::DsrSrc1;
        if (!fabin && !src1)
            fail(argNodes[0], "@dfilt takes a fabin_dsd, or a dsr_src1 loaded with one, found '" +
                                  typeName(filtered.type) + "'");
    }
    // The Builtins page's `@faddhs(dest_dsd, fp16_value, src_dsd1)`: with the 16-bit operand a
    // scalar first, the DSD is the 32-bit one; the sum is the same with them swapped. (Not
    // `@faddhs(f32_pointer, f32_value, src_dsd1)`, whose DSD is the 16-bit operand.)
    auto isDsdOrDsr = [](const Value& v) {
        return v.type->k == TK::Dsd || (v.k == VK::Handle && isDsrHandle(v.type->hk));
    };
    const bool halfScalar = n == 3 && (vals[1].type->k == TK::CFloat ||
                                       (vals[1].type->k == TK::Float && vals[1].type->bits == 16));
    bool sourcesSwapped = false;
    if (info->kind == sim::DsdOpKind::Faddhs && halfScalar && isDsdOrDsr(vals[0]) &&
        isDsdOrDsr(vals[2])) {
        std::swap(vals[1], vals[2]);
        std::swap(argNodes[1], argNodes[2]);
        sourcesSwapped = true;
    }
    sim::DsdOpDesc op;
    op.op = info->kind;
    // The DSDs page: "if using a DSR in an asynchronous operation, the .activate and
    // .unblock fields *must* be specified in the @load_to_dsr call that loads a fabric DSD to
    // the DSR ... it is not necessary to specify activate or unblock in the DSD operation",
    // and "the DSR *must* be marked as asynchronous when a DSD is loaded to it": an operation
    // whose fabric operand is a DSR takes these from the DSR's load, and its own are ignored
    // (a third-party stencil left them out of its loads on purpose, and the operations' own
    // made a task run twice). An operation whose DSRs hold memory DSDs, whose loads cannot
    // carry these settings, keeps its own (a third-party GEMM receives from a fabin DSD into
    // a memory DSR with `.async` and `.activate` on the operation). A DSR no load compiled so
    // far names counts as the fabric operand unless the operation has a fabric DSD of its own.
    std::vector<std::pair<std::string, Value>> ignoredOwn;
    const DsrFabricOperand dsrFabric = dsrFabricOperand(vals);
    if (cfg.k == VK::Agg && cfg.names && dsrFabric != DsrFabricOperand::None) {
        std::vector<std::string> names;
        std::vector<Value> elems;
        for (size_t k = 0; k < cfg.names->size(); ++k) {
            const std::string& f = (*cfg.names)[k];
            if (f == "async" || f == "activate" || f == "unblock" || f == "on_control") {
                ignoredOwn.emplace_back(f, (*cfg.elems)[k]);
                continue;
            }
            names.push_back(f);
            elems.push_back((*cfg.elems)[k]);
        }
        const TypeP cfgType = cfg.type;
        cfg = mkAgg(std::move(names), std::move(elems));
        cfg.type = cfgType;
    }
    // The operation's own settings, and its DSR operands that no @load_to_dsr compiled so far
    // has loaded: their settings are applied when the class is done (applyLateDsrConfigs).
    std::set<std::string> ownFields;
    if (cfg.k == VK::Agg && cfg.names)
        ownFields.insert(cfg.names->begin(), cfg.names->end());
    std::vector<ClassCtx::DsrOperandUse> dsrUses;
    bool anyFabric = false;
    sim::DsdOperand* slots[] = {&op.dst, &op.src0, &op.src1, &op.src2};
    bool viaDsr = false;
    // DSR operands (slot, DSD register, operand bytes): after the operation each DSR moves
    // past what it covered when it was loaded with `.save_address = true`.
    struct DsrOperand {
        uint32_t slot;
        uint16_t dsd;
        uint32_t operandBytes;
    };
    std::vector<DsrOperand> dsrOperands;
    const sim::DsdOpShape shape = sim::dsdOpShape(info->kind);
    // `@fmaxs(&m, m, v)`: a source that names the variable the destination points to reads
    // it per element, as the destination is written, so the operation reduces (m becomes
    // the max of m and all of v). SDK 25-pt-stencil's min/max rely on this; a register
    // copy of m taken before the operation would leave m = max(m, last element).
    auto variableName = [&](uint32_t arg) -> std::string_view {
        while (N(arg).kind == NK::Grouped)
            arg = N(arg).a;
        return N(arg).kind == NK::Ident ? ast().tokText(N(arg).tok) : std::string_view();
    };
    // The Microthread IDs page: of the operands with a '.ut_id' (a DSR's from its load, a DSD
    // operand's from the operation's configuration) the hardware takes the destination's, else
    // the first source's, else the second's.
    const bool ownUt = cfg.k == VK::Agg && cfg.names && cfg.field("ut_id");
    // The operation keeps its own unless a DSR before its first DSD operand gives one.
    std::optional<Value> loadUt;
    size_t utOperand = SIZE_MAX;
    int fabricInputs = 0;
    int fifoSources = 0;
    std::string_view destVariable;
    if (n > 1 && N(args[0]).kind == NK::Unary &&
        ast().tokens.tokens[N(args[0]).tok].kind == Tok::Amp)
        destVariable = variableName(N(args[0]).a);
    for (size_t i = 0; i < n; ++i) {
        Value& v = vals[i];
        sim::DsdOperand& o = *slots[i];
        if (i > 0 && !destVariable.empty() && op.dst.kind == sim::DsdOperand::Kind::Pointer &&
            variableName(argNodes[i]) == destVariable) {
            o = op.dst;
            continue;
        }
        if (v.k == VK::Handle && isDsrHandle(v.type->hk)) {
            // The DSRs page: a dsr_dest "can only be used to store a destination operand", a
            // dsr_src1 "can be only be used to store a source operand"; a dsr_src0 is either.
            const HandleKind hk = v.type->hk;
            if (i == 0 && info->kind != sim::DsdOpKind::Dfilt &&
                (hk == HandleKind::DsrSrc1 || hk == HandleKind::DsrFifoSrc1))
                fail(argNodes[i], "a " + typeName(v.type) +
                                      " holds a source operand; it cannot be "
                                      "the destination of @" +
                                      name);
            if (i > 0 && (hk == HandleKind::DsrDest || hk == HandleKind::DsrFifoDest))
                fail(argNodes[i], "a " + typeName(v.type) +
                                      " holds a destination operand; it "
                                      "cannot be a source of @" +
                                      name);
            // A DSR operand: load the DSD it holds; its @load_to_dsr configuration applies.
            viaDsr = true;
            uint16_t d = newDsdReg();
            emit(sim::Op::DsrRead, sim::ScalarType::Void, d, kNoReg, kNoReg,
                 int32_t(dsrSlot(v, argNodes[i])));
            o.kind = sim::DsdOperand::Kind::Dsd;
            o.reg = d;
            dsrOperands.push_back(
                {dsrSlot(v, argNodes[i]), d, i == 0 ? shape.dstBytes : shape.srcBytes[i - 1]});
            auto cfgIt = cls()->dsrConfig.find(dsrKey(v));
            ClassCtx::DsrOperandUse& use = dsrUses.emplace_back();
            use.dsr = dsrKey(v);
            use.operand = i;
            use.late = cfgIt == cls()->dsrConfig.end();
            if (!use.late && cfgIt->second.k == VK::Agg && cfgIt->second.names)
                use.fromLoad.insert(cfgIt->second.names->begin(), cfgIt->second.names->end());
            if (cfgIt != cls()->dsrConfig.end() && cfgIt->second.k == VK::Agg) {
                if (cfgIt->second.names)
                    if (const Value* load = cfgIt->second.field("ut_id");
                        load && utOperand == SIZE_MAX) {
                        loadUt = *load;
                        utOperand = i;
                    }
                if (cfg.k != VK::Agg || !cfg.names)
                    cfg = mkAgg({}, {});
                std::vector<std::string> names = *cfg.names; // shared, immutable
                std::vector<Value> elems = *cfg.elems;
                for (size_t k = 0; k < cfgIt->second.names->size(); ++k) {
                    const std::string& f = (*cfgIt->second.names)[k];
                    if (f == "save_address" || f == "single_step" || f == "ut_id" || cfg.field(f))
                        continue;
                    names.push_back(f);
                    elems.push_back((*cfgIt->second.elems)[k]);
                }
                const TypeP cfgType = cfg.type;
                cfg = mkAgg(std::move(names), std::move(elems));
                cfg.type = cfgType;
            }
            continue;
        }
        if (v.type->k == TK::Dsd) {
            if (ownUt && utOperand == SIZE_MAX)
                utOperand = i;
            // The DSDs page: "Circular buffer DSDs cannot be used as operands to DSD
            // operations directly."
            if (v.type->dk == sim::DsdKind::CircBuf)
                fail(argNodes[i], "a circbuf_dsd cannot be an operand of @" + name +
                                      ": load it to a DSR with @load_to_dsr_xdsr and pass the DSR");
            if (v.k == VK::Dsd && computesOnElements(info->kind))
                failIfElementWidthDiffers(v.dsd, i == 0 ? shape.dstBytes : shape.srcBytes[i - 1],
                                          "operand " + std::to_string(i + 1) + " of @" + name,
                                          argNodes[i]);
            if (i == 0)
                failIfReadOnlyDestination(v, "the destination of @" + name, argNodes[i]);
            noteFabricQueueUse(v, argNodes[i]);
            uint16_t d;
            dsdToOperandReg(v, argNodes[i], d);
            o.kind = sim::DsdOperand::Kind::Dsd;
            o.reg = d;
            anyFabric = anyFabric || v.type->dk == sim::DsdKind::FabIn ||
                        v.type->dk == sim::DsdKind::FabOut || v.type->dk == sim::DsdKind::Fifo;
            // The DSDs page: "On WSE-3, it is illegal for a DSD operation to have multiple
            // arguments that are fabric inputs."
            if (v.type->dk == sim::DsdKind::FabIn && wse3() && ++fabricInputs > 1)
                fail(argNodes[i], "@" + name +
                                      " has more than one fabin_dsd operand, which WSE-3 "
                                      "does not allow");
            // @dfilt's one operand is the fabin DSD whose data wavelets it drops.
            if (i == 0 && v.type->dk == sim::DsdKind::FabIn && name != "dfilt")
                fail(argNodes[i], "a fabin_dsd cannot be the destination of @" + name);
            if (i > 0 && v.type->dk == sim::DsdKind::FabOut)
                fail(argNodes[i], "a fabout_dsd cannot be a source of @" + name);
            // The DSDs page, FIFOs: with more than one source operand "at most one operand may
            // be a FIFO DSD, and the FIFO DSD operand must not be the first (left-most) source
            // operand".
            if (i > 0 && v.type->dk == sim::DsdKind::Fifo && n > 2) {
                if ((sourcesSwapped ? 3 - i : i) == 1)
                    fail(argNodes[i], "a FIFO cannot be the first source of @" + name +
                                          ", which has more than one source");
                if (++fifoSources > 1)
                    fail(argNodes[i], "@" + name + " has more than one FIFO source");
            }
        } else if (v.type->k == TK::Ptr) {
            // The operand is the scalar at the address, read or written at the operation's
            // width: a pointer to an array stored every element into its first, and one to
            // a narrower scalar overwrote the next variable.
            const uint32_t bytes = i == 0 ? shape.dstBytes : shape.srcBytes[i - 1];
            const TypeP target = v.type->elem;
            if (v.type->many || !isRuntimeScalar(target))
                fail(argNodes[i], "operand " + std::to_string(i + 1) + " of @" + name + " is a '" +
                                      typeName(v.type) +
                                      "'; a pointer operand points to one scalar");
            if (sizeOf(target) != bytes)
                fail(argNodes[i], "operand " + std::to_string(i + 1) + " of @" + name +
                                      (i == 0 ? " writes " : " reads ") +
                                      std::to_string(bytes * 8) + "-bit values through a '" +
                                      typeName(v.type) + "'");
            if (i == 0 && v.type->isConst)
                fail(argNodes[i], "the destination of @" + name + " points to const ('" +
                                      typeName(v.type) + "')");
            o.kind = sim::DsdOperand::Kind::Pointer;
            o.reg = toReg(v, argNodes[i]);
        } else if (i == 0) {
            fail(args[0], "the destination of @" + name + " must be a DSD or a pointer, found '" +
                              typeName(v.type) + "'");
        } else if (isNumeric(v.type) || v.type->k == TK::Bool) {
            o.kind = sim::DsdOperand::Kind::Scalar;
            o.reg = toReg(scalarOperand(*this, *info, shape, i, v, argNodes[i]), argNodes[i]);
        } else {
            fail(argNodes[i], "invalid operand of type '" + typeName(v.type) + "' for @" + name);
        }
    }
    if (loadUt) {
        std::vector<std::string> names;
        std::vector<Value> elems;
        for (size_t k = 0; k < cfg.names->size(); ++k) {
            if ((*cfg.names)[k] != "ut_id") {
                names.push_back((*cfg.names)[k]);
                elems.push_back((*cfg.elems)[k]);
            }
        }
        names.push_back("ut_id");
        elems.push_back(*loadUt);
        const TypeP cfgType = cfg.type;
        cfg = mkAgg(std::move(names), std::move(elems));
        cfg.type = cfgType;
    }
    // An own setting the DSR's load does not give alike is worth a word; with a DSR no load
    // compiled so far names, it waits for the class's loads (applyLateDsrConfigs).
    const bool lateDsr = std::any_of(dsrUses.begin(), dsrUses.end(),
                                     [](const ClassCtx::DsrOperandUse& u) { return u.late; });
    std::vector<std::pair<std::string, Value>> ignoredUntilLoads;
    for (auto& [f, v] : ignoredOwn) {
        const Value* fromLoad = cfg.k == VK::Agg && cfg.names ? cfg.field(f) : nullptr;
        if (!fromLoad && lateDsr)
            ignoredUntilLoads.emplace_back(f, std::move(v));
        else if (!fromLoad || !sameValue(*fromLoad, v))
            warn(node, ignoredOwnSettingMessage(f, name));
    }
    // The DSDs page: "At most one of activate or unblock may be specified".
    if (cfg.k == VK::Agg && cfg.names && cfg.field("activate") && cfg.field("unblock"))
        fail(node, "@" + name + " takes at most one of '.activate' and '.unblock'");
    if (cfg.k == VK::Agg && cfg.names) {
        for (size_t i = 0; i < cfg.names->size(); ++i) {
            const std::string& f = (*cfg.names)[i];
            const Value& v = (*cfg.elems)[i];
            const FieldSiteScope fieldSite(*this, args.back(), args.back(), f, node);
            if (f == "async") {
                op.async = asBool(v, node);
            } else if (f == "activate" || f == "unblock") {
                const bool activate = f == "activate";
                if (isTask(v))
                    // 2.x: the task itself; its local task ID is known after binding.
                    activateFixups_.emplace_back(
                        cls(), cls()->cc.dsdOps.size(), v.fn, node, fr_->mod,
                        activate ? TaskField::Activate : TaskField::Unblock);
                else
                    (activate ? op.activateTask : op.unblockTask) =
                        taskSettingId(v, activate, "'." + f + "'", node);
            } else if (f == "on_control") {
                const std::string& k = onControlAction(v, node);
                const Value& target = (*v.elems)[0];
                if (k == "terminate") {
                    op.onControl = sim::DsdOpDesc::OnControl::Terminate;
                } else {
                    op.onControl = k == "activate" ? sim::DsdOpDesc::OnControl::Activate
                                                   : sim::DsdOpDesc::OnControl::Unblock;
                    if (isTask(target))
                        activateFixups_.emplace_back(cls(), cls()->cc.dsdOps.size(), target.fn,
                                                     node, fr_->mod, TaskField::OnControl);
                    else
                        op.onControlTask = taskSettingId(target, k == "activate",
                                                         "'.on_control' '." + k + "'", node);
                }
            } else if (f == "priority") {
                // The DSDs page, "Microthread Priority": "On WSE-3, the priority needs to be
                // specified in the DSDs" (or FIFOs); an operation's own is WSE-2's.
                if (wse3() && ownFields.count("priority"))
                    failOnThisArch(node, "'.priority' of a DSD operation is only available on "
                                         "wse2 (on wse3 the fabin_dsd or FIFO takes it)");
                // "Valid choices for priority are high, medium, and low" (one of them).
                if (v.k == VK::Agg && v.names && v.names->size() > 1)
                    fail(node, "'.priority' takes one of high, medium or low, found " +
                                   std::to_string(v.names->size()));
                std::string level = v.k == VK::EnumV ? v.s
                                    : (v.k == VK::Agg && v.names && !v.names->empty())
                                        ? (*v.names)[0]
                                        : "";
                if (level.empty())
                    op.priority = int8_t(asInt(v, node, "priority"));
                else if (level == "high" || level == "medium" || level == "low")
                    op.priority = int8_t(level == "high" ? 0 : level == "medium" ? 1 : 2);
                else
                    fail(node, "unknown priority '" + level + "'; expected high, medium or low");
            } else if (f == "ut_id") {
                if (!wse3())
                    failOnThisArch(node, "'.ut_id' is only available on wse3");
                // The WSE-3 builtins page: a ut_id may come from @get_ut_id of a run-time u16.
                if (v.k == VK::Runtime && v.type->k == TK::Handle && v.type->hk == HandleKind::UtId)
                    op.microthreadReg = v.reg;
                else
                    op.microthread = int8_t(handleId(v, HandleKind::UtId, node, "'.ut_id'"));
            } else if (f == "index") {
                if (!isNumeric(v.type) || (!v.isComptime() && v.type->k != TK::Int))
                    fail(node, "'.index' expects an integer, found '" + typeName(v.type) + "'");
                // The DSDs page, "Explicit Index Offset": a fabout's wavelets carry the index
                // in their high 16 bits, which a 32-bit operation's values fill.
                if (shape.dstBytes == 4 && vals[0].k == VK::Dsd &&
                    vals[0].dsd.kind == sim::DsdKind::FabOut && vals[0].dsd.waveletIndexOffset >= 0)
                    fail(node, "'.index' cannot stamp the wavelets of @" + name +
                                   ": its 32-bit values fill them (the index goes in the high "
                                   "16 bits of a 16-bit operation's wavelets)");
                op.indexReg = toReg(coerce(v, types.u16, node), node);
            } else if (f == "ut_priority" || f == "fifo") {
                // accepted; the simulator derives these
            } else {
                fail(args.back(),
                     "unknown field '" + f + "' in DSD operation configuration" +
                         didYouMean(f, {"async", "activate", "unblock", "on_control", "priority",
                                        "ut_id", "index", "ut_priority", "fifo"}));
            }
        }
    }
    // A comptime DSD's `.priority` (a WSE-3 fabin, a FIFO) travels in the op, which the
    // program file carries (sim::Dsd::priority is the run-time fallback).
    for (const Value& v : vals)
        if (op.priority < 0 && v.k == VK::Dsd && v.dsd.priority >= 0)
            op.priority = v.dsd.priority;
    if (op.async && !anyFabric && !viaDsr)
        fail(node, "'.async' requires a fabric or FIFO DSD operand");
    bool hasActivate = op.activateTask >= 0 || cfg.field("activate");
    bool hasUnblock = op.unblockTask >= 0 || cfg.field("unblock");
    if ((hasActivate || hasUnblock) && !op.async)
        fail(node, "'.activate' and '.unblock' require '.async = true'");
    // The DSDs page: "The completion of an asynchronous DSD operation can also be triggered
    // by control wavelets".
    if (cfg.field("on_control") && !op.async)
        fail(node, "'.on_control' requires '.async = true'");
    // The Builtins page, @dfilt: "the configuration struct is required, and the async
    // configuration must be true. @dfilt does not support the on_control or index
    // configurations."
    if (info->kind == sim::DsdOpKind::Dfilt) {
        if (!op.async)
            fail(node, "@dfilt needs its configuration with '.async = true'");
        for (const char* unsupported : {"on_control", "index"})
            if (cfg.field(unsupported))
                fail(node, std::string("@dfilt does not take '.") + unsupported + "'");
    }
    // The DSDs page, FIFOs: an operation "returns false" when a FIFO's test_or_suspend
    // action ends it early, true otherwise.
    op.resultReg = newReg(node);
    auto& ops = cls()->cc.dsdOps;
    ops.push_back(op);
    if (lateDsr)
        cls()->lateDsrConfigs.push_back({ops.size() - 1, std::move(dsrUses), std::move(ownFields),
                                         utOperand, std::move(ignoredUntilLoads),
                                         dsrFabric == DsrFabricOperand::Unloaded, name, fr_->mod,
                                         node});
    if (op.activateTask >= 0) // a task ID; a task given by value is resolved at class end
        noteActivation(op.activateTask, node);
    setLoc(node);
    emit(sim::Op::DsdExec, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(ops.size() - 1));
    for (const auto& [slot, d, operandBytes] : dsrOperands) {
        emit(sim::Op::DsrAdvance, scalarOf(types.intType(int(operandBytes * 8), false)), kNoReg, d,
             kNoReg, int32_t(slot));
    }
    return mkRuntime(op.resultReg, types.boolT);
}

std::optional<std::string> refusedLibraryMember(const std::string& modulePath,
                                                const std::string& member) {
    const auto refused = [&](const char* reason) {
        return "'" + member + "' of module '" + modulePath +
               "' is not supported by this compiler yet: " + reason;
    };
    if (modulePath == "<math>" && (member == "sig" || member == "sig_f16" || member == "sig_f32"))
        return refused("the Libraries page lists it with no description (a sigmoid, or a "
                       "significand)");
    if (modulePath == "<time>" && member == "get_perf_cntr")
        return refused("the SDK says the two performance counters start with the TSC and are "
                       "never reset, but not what they count");
    return std::nullopt;
}

static uint64_t bitsOf(Analyzer& a, const Value& v, uint32_t node) {
    if (v.k == VK::Float)
        return floatBits(v.f, v.type->k == TK::CFloat ? a.types.f32 : v.type);
    if (v.k == VK::Int || v.k == VK::Handle || v.k == VK::Bool || v.k == VK::Ptr ||
        v.k == VK::EnumV)
        return uint64_t(v.i);
    a.fail(node, "@bitcast of a value of type '" + typeName(v.type) + "' is not supported");
}

Value valueFromBits(Analyzer& a, uint64_t bits, TypeP t, uint32_t node) {
    switch (t->k) {
    case TK::Int:
        return a.mkInt(wrapToWidth(bits, t), t);
    case TK::Float: {
        // NaNs keep sign and payload (nanFromBits); an f16 NaN became an infinity, and an
        // f32 signaling NaN was quieted by the conversion to double.
        const int mantBits = t->bits == 32 ? 23 : t->bf16 ? 7 : 10;
        const int expBits = t->bits == 32 || t->bf16 ? 8 : 5;
        const uint64_t expField = (bits >> mantBits) & ((uint64_t(1) << expBits) - 1);
        const uint64_t payload = bits & ((uint64_t(1) << mantBits) - 1);
        if (expField == (uint64_t(1) << expBits) - 1 && payload)
            return a.mkFloat(nanFromBits((bits >> (mantBits + expBits)) & 1, payload, mantBits), t);
        if (t->bits == 32) {
            uint32_t b = uint32_t(bits);
            float f;
            std::memcpy(&f, &b, 4);
            return a.mkFloat(f, t);
        }
        const uint16_t h = uint16_t(bits);
        return a.mkFloat(t->bf16 ? sim::bf16ToDouble(h) : sim::halfToDouble(h), t);
    }
    case TK::Handle:
        return a.mkHandle(t->hk, int64_t(bits & 0xffff));
    case TK::Bool:
        return a.mkBool(bits & 1);
    default:
        a.fail(node, "@bitcast to '" + typeName(t) + "' is not supported");
    }
}

Value Analyzer::integerToEnum(const Value& v, TypeP enumType, uint32_t node, uint32_t argNode) {
    // An enum literal (`.send`) or undefined takes the enum type as any coercion does.
    if ((v.k == VK::EnumV && v.type->k != TK::Enum) || v.k == VK::Undef)
        return coerce(v, enumType, argNode);
    // The SDK's Types page: an enum converts to and from any numeric type, but not directly
    // to another enum type ("casting via a numeric type" does that).
    if (v.type->k == TK::Enum)
        fail(node, "@as cannot convert enum '" + typeName(v.type) + "' to another enum type '" +
                       typeName(enumType) + "'; convert it to an integer first");
    const bool fromFloat = v.type->k == TK::Float || v.type->k == TK::CFloat;
    if (!isIntLike(v.type) && !fromFloat && v.type->k != TK::Bool)
        fail(node, "@as cannot convert '" + typeName(v.type) + "' to enum '" + typeName(enumType) +
                       "'; the operand must be a number");
    if (!v.isComptime()) {
        // The enum is its tag integer at run time: a conversion to the tag type (a float
        // rounds towards zero, as @as to an integer does).
        uint16_t r = newReg(node);
        emit(sim::Op::Convert, scalarOf(enumType), r, v.reg, kNoReg, int32_t(scalarOf(v.type)));
        return mkRuntime(r, enumType);
    }
    const int64_t value = v.k == VK::Float ? int64_t(std::trunc(v.f)) : v.i;
    if (std::optional<Value> member = enumMemberOf(enumType, value))
        return *member;
    fail(argNode,
         "enum '" + typeName(enumType) + "' has no member with value " + std::to_string(value));
}

// One hash lookup, not a compare with every DSD op name: a full-wafer layout calls
// builtins millions of times (issue 3).
static bool isDsdOpName(std::string_view name) {
    static const std::unordered_set<std::string_view> kDsdOpNames = [] {
        std::unordered_set<std::string_view> names;
        for (const DsdOpInfo& i : kDsdOps)
            names.insert(i.name);
        return names;
    }();
    return kDsdOpNames.count(name) > 0;
}

// A DSD operation's bool result (FIFO actions) is a value where one is used; as the branch
// of an 'if' or a 'switch' prong beside statements it is dropped, so `if (c) @fmovs(d, s);`
// stays a statement.
bool Analyzer::isDsdOpCall(uint32_t node) const {
    return N(node).kind == NK::BuiltinCall &&
           isDsdOpName(std::string_view(tokStr(N(node).tok)).substr(1));
}

Value Analyzer::builtin(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    std::string name = tokStr(n.tok).substr(1);
    auto args = L(node);
    auto need = [&](size_t lo, size_t hi) {
        if (args.size() < lo || args.size() > hi) {
            std::string cnt =
                lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
            fail(node, "@" + name + " expects " + cnt + " argument" + (hi == 1 ? "" : "s") +
                           ", found " + std::to_string(args.size()));
        }
    };
    auto arg = [&](size_t i, TypeP t = nullptr) { return eval(args[i], t); };
    auto carg = [&](size_t i, const char* what) { return evalComptime(args[i], nullptr, what); };

    if (isDsdOpName(name))
        return dsdOp(name, node);
    // ---- layout-only builtins ----
    if (name == "set_rectangle" || name == "set_tile_code" || name == "set_color_config" ||
        name == "export_name" || name == "get_rectangle") {
        Value r;
        layoutBuiltin(name, node, r);
        return r;
    }
    if (name == "as") {
        need(2, 2);
        // `@as(x, f32)`: the type comes first (h-diag8: "cannot read a runtime variable in a
        // comptime context").
        if (N(args[1]).kind == NK::Ident && isPrimitiveTypeName(tokStr(N(args[1]).tok)))
            fail(node, "@as takes the type first: @as(" + tokStr(N(args[1]).tok) + ", ...)");
        TypeP t = evalType(args[0]);
        Value v = arg(1);
        if (sameType(v.type, t) && (t->k == TK::Array || t->k == TK::Struct))
            return v;
        if (t->k == TK::Enum && !sameType(v.type, t))
            return integerToEnum(v, t, node, args[1]);
        // The SDK's Builtins page: integer-to-bool and float-to-bool are "(unordered,
        // not-equals) comparisons with zero", so -0.0 is false and a NaN is true.
        if (t->k == TK::Bool && v.type->k != TK::Bool) {
            if (!isNumeric(v.type))
                fail(node, "@as cannot convert '" + typeName(v.type) + "' to 'bool'");
            if (v.isComptime())
                return mkBool(v.k == VK::Float ? v.f != 0.0 || std::isnan(v.f) : v.i != 0);
            return binop(Tok::BangEq, v, mkInt(0), node, nullptr);
        }
        // The Builtins page: @as converts between numeric and boolean types; an address
        // made from an integer is a @bitcast.
        if ((t->k == TK::Ptr) != (v.type->k == TK::Ptr))
            fail(node, "@as cannot convert '" + typeName(v.type) + "' to '" + typeName(t) +
                           "'; @as converts numbers and bools (an address from an integer is "
                           "a @bitcast)");
        // The integer inside a color, task ID or queue is @get_int's.
        if (v.type->k == TK::Handle && t->k != TK::Handle)
            fail(node, "@as cannot convert '" + typeName(v.type) + "' to '" + typeName(t) +
                           "'; the integer inside a " + typeName(v.type) + " is @get_int's");
        if (v.isComptime()) {
            if (t->k == TK::Float || t->k == TK::CFloat) {
                if (v.k == VK::Bool) // as a run-time bool converts: 0.0 or 1.0
                    return mkFloat(v.i ? 1.0 : 0.0, t);
                // An enum value converts as its integer value, as @as(u16, e) does.
                if (v.k == VK::Int || v.k == VK::EnumV || v.k == VK::Float) {
                    const double x = v.k == VK::Float ? v.f : comptimeIntToDouble(v);
                    // The Types page: a comptime number converts to a float type, and "an
                    // error is emitted if this is not possible" (as coercion says).
                    if ((v.type->k == TK::CFloat || v.type->k == TK::CInt) && t->k == TK::Float &&
                        std::isfinite(x) && !std::isfinite(roundToFloatType(x, t)))
                        fail(args[1], "value " + show(v) + " does not fit in type '" + typeName(t) +
                                          "' (it would round to infinity)");
                    return mkFloat(x, t);
                }
            } else if (t->k == TK::Int || t->k == TK::CInt) {
                if (v.k == VK::Float)
                    return floatToInt(v.f, t, args[1]);
                // A u64 from 2^63 up: coerce keeps its bits into a u64 and checks its
                // unsigned value against any other type.
                if (isU64(v.type) && v.i < 0)
                    return coerce(v, t, args[1]);
                // (An enum(u64) value from 2^63 up is a u64 bit pattern.)
                if (v.k == VK::EnumV && v.type->k == TK::Enum && isU64(v.type->tag) && v.i < 0)
                    return coerce(mkInt(v.i, types.u64), t, args[1]);
                if (v.k == VK::Int || v.k == VK::Bool || v.k == VK::Handle || v.k == VK::EnumV)
                    return coerce(mkInt(v.i), t, args[1]);
            }
            return coerce(v, t, args[1]);
        }
        if (!isRuntimeScalar(t) || !isRuntimeScalar(v.type))
            fail(node, "@as cannot convert '" + typeName(v.type) + "' to '" + typeName(t) + "'");
        uint16_t r = newReg(node);
        emit(sim::Op::Convert, scalarOf(t), r, v.reg, kNoReg, int32_t(scalarOf(v.type)));
        wrapToType(r, t, node);
        return mkRuntime(r, t);
    }
    if (name == "bitcast") {
        need(2, 2);
        TypeP t = evalType(args[0]);
        Value v = arg(1);
        if (t->k == TK::Ptr) {
            if (v.type->k != TK::Ptr && !isIntLike(v.type))
                fail(args[1], "@bitcast to a pointer needs a pointer or integer");
            Value r = v.isComptime() ? mkPtr(v.i, t) : v;
            r.type = t;
            return r;
        }
        TypeP vt = v.type;
        if ((t->k == TK::Struct && t->packed) || (vt->k == TK::Struct && vt->packed))
            return bitcastPacked(t, v, node);
        if (!isRuntimeScalar(t))
            fail(args[0], "@bitcast target must be a scalar type, found '" + typeName(t) + "'");
        if (v.isComptime() && (vt->k == TK::CInt || vt->k == TK::CFloat))
            fail(args[1],
                 "@bitcast needs an operand of a fixed-size type, found '" + typeName(vt) + "'");
        const auto bitSize = [](TypeP x) { return x->k == TK::Int ? x->bits : sizeOf(x) * 8; };
        if (isRuntimeScalar(vt) && bitSize(vt) != bitSize(t))
            fail(node, "@bitcast size mismatch: '" + typeName(vt) + "' has " +
                           std::to_string(bitSize(vt)) + " bits, '" + typeName(t) + "' has " +
                           std::to_string(bitSize(t)));
        if (v.isComptime())
            return valueFromBits(*this, bitsOf(*this, v, args[1]), t, node);
        uint16_t r = newReg(node);
        emit(sim::Op::Bitcast, scalarOf(t), r, v.reg, kNoReg, 0);
        wrapToType(r, t, node);
        return mkRuntime(r, t);
    }
    if (name == "ptrcast") {
        need(2, 2);
        TypeP t = evalType(args[0]);
        Value v = arg(1);
        if (t->k != TK::Ptr)
            fail(args[0], "@ptrcast target must be a pointer type, found '" + typeName(t) + "'");
        if (v.type->k != TK::Ptr)
            fail(args[1], "@ptrcast operand must be a pointer, found '" + typeName(v.type) + "'");
        Value r = v;
        r.type = t;
        return r;
    }
    if (name == "type_of") {
        need(1, 1);
        // Only the type matters, so a runtime operand is fine even in a type position.
        // The SDK: "No code is generated for the input expression; as such, this expression
        // will not have run-time effects".
        return mkType(typeWithoutCode(args[0]));
    }
    if (name == "is_same_type") {
        need(2, 2);
        return mkBool(sameType(evalType(args[0]), evalType(args[1])));
    }
    if (name == "is_comptime") {
        need(0, 0);
        return mkBool(!runtime());
    }
    if (name == "is_arch") {
        need(1, 1);
        std::string a = asString(carg(0, "architecture"), args[0], "@is_arch");
        if (a != "wse2" && a != "wse3")
            fail(args[0], "unknown architecture '" + a + "'; expected \"wse2\" or \"wse3\"");
        return mkBool((a == "wse3") == wse3());
    }
    if (name == "comptime_assert") {
        need(1, 2);
        Value c = carg(0, "@comptime_assert condition");
        if (!asBool(c, args[0])) {
            std::string msg = args.size() > 1 ? asString(carg(1, "message"), args[1], "message")
                                              : "comptime assertion failed";
            fail(node, args.size() > 1 ? "comptime assertion failed: " + msg : msg);
        }
        return mkVoid();
    }
    if (name == "comptime_print") {
        std::string out;
        for (size_t i = 0; i < args.size(); ++i) {
            Value v = carg(i, "@comptime_print argument");
            out += (i ? " " : "") + (v.k == VK::String ? v.s : show(v, false));
        }
        // The Builtins page: it prints "whenever the compiler evaluates such builtin" (it
        // printed only with --verbose, as a warning).
        if (!repeatingUnrolledBody_)
            print(node, "comptime_print: " + out);
        return mkVoid();
    }
    if (name == "assert") {
        need(1, 1);
        Value c = arg(0);
        if (c.type->k != TK::Bool)
            fail(args[0], "expected type 'bool', found '" + typeName(c.type) + "'");
        if (c.isComptime()) {
            if (!c.i && !runtime())
                fail(node, "assertion failed");
            if (!runtime())
                return mkVoid();
        }
        uint16_t r = toReg(c, args[0]);
        emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, r, 1,
             int32_t(sim::BuiltinId::Assert));
        return mkVoid();
    }
    if (name == "concat_structs") {
        need(2, 2);
        Value a = carg(0, "@concat_structs argument"), b = carg(1, "@concat_structs argument");
        if (a.k != VK::Agg || b.k != VK::Agg)
            fail(node, "@concat_structs expects two structs");
        // The Builtins page: concatenating "a struct with named fields and a struct with
        // nameless fields ... results in an error". An empty struct goes with either.
        const auto nameless = [](const Value& s) {
            return !s.hasNamedFields() && !s.elems->empty();
        };
        if ((a.hasNamedFields() && nameless(b)) || (nameless(a) && b.hasNamedFields()))
            fail(node, "@concat_structs cannot concatenate a struct with named fields and a "
                       "struct with nameless fields (a tuple)");
        std::vector<std::string> names;
        std::vector<Value> elems;
        for (const Value* s : {&a, &b}) {
            for (size_t i = 0; i < s->elems->size(); ++i) {
                std::string fname = s->names ? (*s->names)[i] : std::to_string(names.size());
                for (const std::string& prev : names) {
                    if (prev == fname)
                        fail(node, "@concat_structs: duplicate field '" + fname + "'");
                }
                names.push_back(fname);
                elems.push_back((*s->elems)[i]);
            }
        }
        return mkAgg(names, elems);
    }
    if (name == "field") {
        need(2, 2);
        Value s = arg(0);
        std::string f = asString(carg(1, "field name"), args[1], "@field");
        return evalFieldOf(s, f, node, args[0]);
    }
    if (name == "has_field") {
        need(2, 2);
        // Only the argument's type matters (the SDK: evaluated at compile time, "no
        // run-time effects"), so a struct variable in memory is not read, and a struct a
        // call returns is not computed (the call ran). Comptime values (types, anonymous
        // structs, unions with their active field) are looked at as they are.
        std::string f = asString(carg(1, "field name"), args[1], "@has_field");
        if (const TypeP t = typeWithoutCode(args[0]); t && t->k == TK::Struct && !t->isUnion)
            return mkBool(std::any_of(t->fields.begin(), t->fields.end(),
                                      [&](const FieldInfo& fi) { return fi.name == f; }));
        const Place p = place(args[0]);
        TypeP st = p.type;
        if (p.k == Place::K::Value && p.value.k == VK::Type)
            st = p.value.tv;
        else if (p.k == Place::K::Value && p.value.k == VK::Agg && p.value.type &&
                 p.value.type->isUnion)
            st = p.value.type; // a union value holds its active field only
        else if (p.k == Place::K::Value && p.value.k == VK::Agg)
            return mkBool(p.value.field(f) != nullptr);
        if (!st || st->k != TK::Struct)
            fail(args[0], "@has_field expects a struct, found '" + typeName(p.type) + "'");
        for (const FieldInfo& fi : st->fields) {
            if (fi.name == f)
                return mkBool(true);
        }
        return mkBool(false);
    }
    if (name == "zeros" || name == "constants") {
        need(name == "zeros" ? 1 : 2, name == "zeros" ? 1 : 2);
        TypeP t = evalType(args[0]);
        if (name == "zeros")
            return zeroOf(*this, t, node);
        if (t->k != TK::Array)
            fail(args[0], "@constants expects an array type, found '" + typeName(t) + "'");
        Value v = coerce(carg(1, "@constants value"), t->elem, args[1]);
        std::function<Value(size_t)> build = [&](size_t dim) -> Value {
            std::vector<Value> e;
            for (uint32_t i = 0; i < t->dims[dim]; ++i)
                e.push_back(dim + 1 < t->dims.size() ? build(dim + 1) : v);
            Value r = mkAgg({}, e);
            r.names.reset();
            r.type = dim == 0
                         ? t
                         : types.array(t->elem, std::vector<uint32_t>(t->dims.begin() + long(dim),
                                                                      t->dims.end()));
            return r;
        };
        return build(0);
    }
    if (name == "dimensions" || name == "element_count" || name == "element_type" ||
        name == "rank") {
        need(1, 1);
        TypeP t = evalType(args[0]);
        if (t->k != TK::Array)
            fail(args[0], "@" + name + " expects an array type, found '" + typeName(t) + "'");
        if (name == "element_type")
            return mkType(t->elem);
        // Result types as the SDK's Builtins page gives them: @rank a u16, @element_count a
        // u32, @dimensions an array of u32.
        if (name == "rank")
            return mkInt(int64_t(t->dims.size()), types.u16);
        if (name == "element_count")
            return mkInt(elementCount(t), types.u32);
        std::vector<Value> e;
        for (uint32_t d : t->dims)
            e.push_back(mkInt(d, types.u32));
        Value r = mkAgg({}, e);
        r.names.reset();
        // "Returns a 1D array" of u32, indexable at run time (it was a tuple).
        r.type = types.array(types.u32, {uint32_t(t->dims.size())});
        return r;
    }
    if (name == "range") {
        need(2, 4);
        TypeP t = evalType(args[0]);
        // comptime_int too (the SDK's Builtins page: `@range(comptime_int, 4)`), for
        // comptime-known bounds.
        if (t->k != TK::Int && t->k != TK::CInt)
            fail(args[0],
                 "@range element type must be an integer type, found '" + typeName(t) + "'");
        Value start = mkInt(0, t), stop, step = mkInt(1, t);
        if (args.size() == 2) {
            stop = arg(1, t);
        } else {
            start = arg(1, t);
            stop = arg(2, t);
            if (args.size() == 4)
                step = arg(3, t);
        }
        for (Value* v : {&start, &stop, &step}) {
            if (!isIntLike(v->type))
                fail(node, "@range bounds must be integers, found '" + typeName(v->type) + "'");
            if (t->k == TK::CInt && !v->isComptime())
                fail(node, "a range of 'comptime_int' needs comptime-known bounds");
            if (v->isComptime())
                *v = coerce(*v, t, node);
            else if (!sameType(v->type, t))
                *v = coerce(*v, t, node);
        }
        Value r;
        r.k = VK::Range;
        r.type = types.rangeT;
        r.tv = t;
        r.elems = std::make_shared<std::vector<Value>>(std::vector<Value>{start, stop, step});
        return r;
    }
    if (name == "range_start" || name == "range_stop" || name == "range_step") {
        need(1, 1);
        Value r = arg(0);
        if (r.k != VK::Range)
            fail(args[0], "@" + name + " expects a range");
        return (*r.elems)[name == "range_start" ? 0 : name == "range_stop" ? 1 : 2];
    }
    if (name == "strcat") {
        // As arrays are: a string doubled in a comptime loop reached 2^40 bytes in 40
        // steps and ended the compiler with std::bad_alloc.
        constexpr size_t kMaxComptimeString = size_t(16) << 20;
        std::string s;
        for (size_t i = 0; i < args.size(); ++i) {
            s += asString(carg(i, "@strcat argument"), args[i], "@strcat");
            if (s.size() > kMaxComptimeString)
                fail(node, "@strcat: the string would have more than " +
                               std::to_string(kMaxComptimeString) + " bytes");
        }
        return mkString(s);
    }
    if (name == "strlen") {
        need(1, 1);
        return mkInt(int64_t(asString(carg(0, "@strlen argument"), args[0], "@strlen").size()));
    }
    if (name == "get_array") {
        need(1, 1);
        std::string s = asString(carg(0, "@get_array argument"), args[0], "@get_array");
        std::vector<Value> e;
        for (char c : s)
            e.push_back(mkInt(static_cast<unsigned char>(c), types.u8));
        Value r = mkAgg({}, e);
        r.names.reset();
        r.type = types.array(types.u8, {uint32_t(s.size())});
        return r;
    }
    if (name == "get_string_from_byte") {
        need(1, 1);
        const int64_t byte = asInt(carg(0, "byte"), args[0], "byte");
        // The Builtins page: "a non-negative integer that fits in one byte".
        if (byte < 0 || byte > 255)
            fail(args[0], "value " + std::to_string(byte) + " does not fit in a byte (0..255)");
        return mkString(std::string(1, char(byte)));
    }
    if (name == "get_int") {
        need(1, 1);
        Value v = arg(0);
        // The Builtins page: an integer is returned unchanged, an enum gives its tag type's
        // integer, the IDs, colors and queues a u16.
        if (v.k == VK::Int)
            return v;
        if (v.k == VK::Handle)
            return mkInt(v.i, types.u16);
        if (v.k == VK::EnumV)
            return mkInt(v.i, v.type->k == TK::Enum && v.type->tag ? v.type->tag : nullptr);
        if (!v.isComptime() && v.type->k == TK::Int)
            return v;
        if (!v.isComptime() && v.type->k == TK::Enum)
            return mkRuntime(v.reg, v.type->tag ? v.type->tag : types.u16);
        if (!v.isComptime() && v.type->k == TK::Handle)
            return mkRuntime(v.reg, types.u16);
        fail(args[0],
             "@get_int expects a color, ID, queue or enum value, found '" + typeName(v.type) + "'");
    }
    if (name == "fp16") {
        need(0, 0);
        return mkType(fp16Type());
    }
    if (name == "import_module") {
        need(1, 2);
        // The Modules page: a module value "must always be assigned to a const global
        // variable".
        if (runtime())
            fail(node, "@import_module must be assigned to a const at file scope, not used in a "
                       "function");
        std::string spec = asString(carg(0, "module path"), args[0], "@import_module");
        Value params = args.size() > 1 ? carg(1, "module parameters") : mkVoid();
        Module* cur = fr_->mod;
        // The symbol prefix is the name of the const the module is bound to (the SDK's
        // Modules page: "its symbol name in the resulting binary will be
        // basename.importedname"), also when the import is chosen by an `if` on
        // @is_arch, a block, a switch or a function returning the module: they gave the
        // module no prefix, so its globals clashed with the importer's. A second import in
        // one initializer (a tuple of modules) is numbered.
        std::string prefix = cur->prefix;
        if (resolvingDecl_ && N(resolvingDecl_->node).kind == NK::VarDecl) {
            const int earlier = importsByDecl_[resolvingDecl_]++;
            prefix = resolvingDeclMod_->prefix + resolvingDecl_->name +
                     (earlier ? "." + std::to_string(earlier) : std::string()) + ".";
        }
        if (spec == "<debug>") {
            const Value* key = params.field("key");
            if (!key || key->k != VK::String)
                fail(args.size() > 1 ? args[1] : node, "<debug> needs a '.key' string");
            prefix = "$$csl_debug." + key->s + ".";
            // debug_util.read_trace finds a trace by its key: two instances with one key
            // would share its symbols, and one trace would hide the other.
            if (cur->cls && !cur->cls->debugKeys.insert(key->s).second)
                fail(args.size() > 1 ? args[1] : node,
                     "a <debug> instance with key '" + key->s +
                         "' is already imported on this PE; give each its own key");
        }
        Module* m = loadModule(spec, cur->dir, params, cur, args[0], cur->cls, prefix);
        if (m->lib.empty() && !m->isLayout)
            m->prefix = prefix;
        Value v;
        v.k = VK::Module;
        v.mod = m;
        v.type = types.moduleT;
        return v;
    }
    if (name == "import_comptime_value") {
        need(2, 2);
        TypeP t = evalType(args[0]);
        std::string file = asString(carg(1, "file name"), args[1], "@import_comptime_value");
        const std::string path =
            (std::filesystem::path(fr_->mod->dir) / file).lexically_normal().string();
        const std::optional<std::string> text = readSource(path);
        if (!text)
            fail(args[1], "cannot read file '" + file + "': " + readError_);
        return importJson(*text, t, file, args[1]);
    }
    if (name == "set_active_prng") {
        need(1, 1);
        if (!runtime())
            fail(node, "@set_active_prng cannot be evaluated at comptime");
        const Value id = coerce(arg(0, types.u16), types.u16, args[0]);
        const uint16_t base = newRegs(1);
        emit(sim::Op::Mov, sim::ScalarType::U16, base, toReg(id, args[0]), kNoReg, 0);
        setLoc(node);
        emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, 1,
             int32_t(sim::BuiltinId::SetActivePrng));
        return mkVoid();
    }
    if (name == "random16") {
        need(0, 0);
        if (!runtime())
            fail(node, "@random16 is a runtime operation");
        uint16_t r = newReg(node);
        emit(sim::Op::Builtin, sim::ScalarType::U16, r, kNoReg, 0,
             int32_t(sim::BuiltinId::Random16));
        return mkRuntime(r, types.u16);
    }
    // ---- IDs, colors and queues ----
    // The Builtins pages: an ID is "a comptime-known expression of any unsigned integer
    // type, or a runtime expression of type u16" (SDK programs pass i16 params too): an
    // f32 color was its bits' low half (3.0 gave color 0), `true` queue 1.
    const auto failUnlessUnsignedId = [&](const Value& v, uint32_t at) {
        if (!v.isComptime() && !sameType(v.type, types.u16))
            fail(at,
                 "a run-time ID for @" + name + " must be a u16, found '" + typeName(v.type) + "'");
        if (v.type->k != TK::CInt && v.type->k != TK::Int)
            fail(at, "@" + name + " expects an integer, found '" + typeName(v.type) + "'");
    };
    if (name == "get_color") {
        need(1, 1);
        Value v = arg(0);
        failUnlessUnsignedId(v, args[0]);
        if (!v.isComptime())
            return mkRuntime(v.reg, types.handle(HandleKind::Color));
        int64_t c = asInt(v, args[0], "color");
        // The Builtins page: a comptime id "must be within the range of valid routable
        // colors" (the Task IDs page: 0 to 23).
        if (c < 0 || c > 23)
            fail(args[0], "color " + std::to_string(c) + " is not a routable color (0-23)");
        return mkHandle(HandleKind::Color, c);
    }
    if (name == "get_data_task_id") {
        need(1, 1);
        Value v = carg(0, "@get_data_task_id argument");
        if (wse3()) {
            if (v.k == VK::Handle && v.type->hk == HandleKind::Color)
                failOnThisArch(args[0],
                               "on wse3 a data task ID comes from an input queue, not a color");
            return mkHandle(HandleKind::DataTaskId,
                            handleId(v, HandleKind::InputQueue, args[0], "@get_data_task_id"));
        }
        int c = handleId(v, HandleKind::Color, args[0], "@get_data_task_id");
        if (c > 23)
            fail(args[0],
                 "data task ID must be a routable color (0-23), found " + std::to_string(c));
        return mkHandle(HandleKind::DataTaskId, c);
    }
    Value taskOrUtId; // evaluated once, for the run-time and the comptime form
    if (name == "get_local_task_id" || name == "get_control_task_id" || name == "get_ut_id") {
        // The Builtins pages: the ID is "a comptime-known expression of any unsigned integer
        // type, or a runtime expression of type u16"; a run-time one is checked when used.
        need(1, 1);
        taskOrUtId = runtime() ? arg(0) : carg(0, "ID");
        failUnlessUnsignedId(taskOrUtId, args[0]);
        if (!taskOrUtId.isComptime()) {
            if (!sameType(taskOrUtId.type, types.u16))
                fail(args[0], "a run-time ID for @" + name + " must be a u16, found '" +
                                  typeName(taskOrUtId.type) + "'");
            if (name == "get_ut_id" && !wse3())
                failOnThisArch(node, "@get_ut_id is only available on wse3");
            const HandleKind kind = name == "get_local_task_id"     ? HandleKind::LocalTaskId
                                    : name == "get_control_task_id" ? HandleKind::ControlTaskId
                                                                    : HandleKind::UtId;
            return mkRuntime(taskOrUtId.reg, types.handle(kind));
        }
    }
    if (name == "get_local_task_id" || name == "get_control_task_id") {
        const int64_t id = asInt(taskOrUtId, args[0], "task ID");
        const bool local = name == "get_local_task_id";
        const HandleKind kind = local ? HandleKind::LocalTaskId : HandleKind::ControlTaskId;
        failUnlessIdInRange(kind, local ? "local task ID" : "control task ID", id, args[0]);
        return mkHandle(kind, id);
    }
    if (name == "get_input_queue" || name == "get_output_queue" || name == "get_ut_id") {
        need(1, 1);
        const Value id = name == "get_ut_id" ? taskOrUtId : carg(0, "queue ID");
        failUnlessUnsignedId(id, args[0]);
        const int64_t q = asInt(id, args[0], "queue ID");
        const bool out = name == "get_output_queue";
        if (name == "get_ut_id" && !wse3())
            failOnThisArch(node, "@get_ut_id is only available on wse3");
        const HandleKind kind = name == "get_ut_id" ? HandleKind::UtId
                                : out               ? HandleKind::OutputQueue
                                                    : HandleKind::InputQueue;
        failUnlessIdInRange(kind,
                            name == "get_ut_id" ? "microthread"
                            : out               ? "output queue"
                                                : "input queue",
                            q, args[0]);
        return mkHandle(kind, q);
    }
    if (name == "get_filter_id") {
        need(1, 1);
        return mkHandle(HandleKind::Filter, asInt(carg(0, "filter ID"), args[0], "filter ID"));
    }
    if (name == "initialize_queue") {
        need(1, 2);
        Value q = carg(0, "queue");
        Value cfg = args.size() > 1 ? carg(1, "queue configuration") : mkAgg({}, {});
        if (q.k != VK::Handle ||
            (q.type->hk != HandleKind::InputQueue && q.type->hk != HandleKind::OutputQueue))
            fail(args[0], "@initialize_queue expects an input_queue or output_queue, found '" +
                              typeName(q.type) + "'");
        if (!cls())
            fail(node, "@initialize_queue is only allowed in tile code");
        // A load-time configuration: in run-time code it took effect even in a branch never
        // taken.
        failUnlessTopLevelComptime("@initialize_queue", node);
        // The Builtins page, @initialize_queue: "can only be called at most once per queue";
        // WSE-2 input queues and all WSE-3 queues need the configuration, a WSE-2 output
        // queue takes none; ctrl_table_id is WSE-3 only and for input queues.
        const bool input = q.type->hk == HandleKind::InputQueue;
        if (!cls()->initializedQueues.insert({input, int(q.i)}).second)
            fail(node, std::string(input ? "input" : "output") + " queue " + std::to_string(q.i) +
                           " is initialized twice");
        if (args.size() < 2 && (wse3() || input))
            fail(node, std::string("@initialize_queue of ") + (input ? "an input" : "an output") +
                           " queue needs its configuration (.{ .color = ... })");
        // (The SDK's programs pass an empty `.{}` there.)
        if (args.size() > 1 && !wse3() && !input && cfg.names && !cfg.names->empty())
            failOnThisArch(args[1],
                           "@initialize_queue of an output queue takes no configuration on wse2");
        if (cfg.field("ctrl_table_id") && (!wse3() || !input))
            failOnThisArch(args[1], "'.ctrl_table_id' is only for input queues on wse3");
        // The Builtins page: a WSE-2 input queue's config has "fields color (required) and
        // priority (optional)"; on WSE-3 it "must have the color field".
        if (args.size() > 1 && (input || wse3()) && !cfg.field("color"))
            fail(args[1], "@initialize_queue's configuration needs '.color'");
        for (size_t i = 0; cfg.names && i < cfg.names->size(); ++i) {
            const std::string& f = (*cfg.names)[i];
            if (f == "color") {
                int c = handleId(coerce((*cfg.elems)[i], types.handle(HandleKind::Color), args[1]),
                                 HandleKind::Color, args[1], "'.color'");
                auto& tbl = q.type->hk == HandleKind::InputQueue ? cls()->cc.inputQueueColor
                                                                 : cls()->cc.outputQueueColor;
                // A color's wavelets reach the CE through one input queue; with two, the
                // simulator dealt them to both queues' tasks in turn.
                for (size_t other = 0; input && other < tbl.size(); ++other)
                    if (int64_t(other) != q.i && tbl[other] == c)
                        fail(args[1], "input queue " + std::to_string(other) +
                                          " already takes color " + std::to_string(c) +
                                          "; a color reaches the CE through one input queue");
                tbl[size_t(q.i)] = int8_t(c);
            } else if (f == "priority" && wse3()) {
                failOnThisArch(args[1], "'.priority' of a queue is only available on wse2");
            } else if (f == "ctrl_table_id") {
                const int64_t t = asInt((*cfg.elems)[i], args[1], "ctrl_table_id");
                if (t < 0 || t >= sim::kNumTaskIds)
                    fail(args[1],
                         "'.ctrl_table_id' must be in [0, 63], found " + std::to_string(t));
                cls()->cc.controlTable.queueTable[size_t(q.i)] = uint8_t(t);
            } else if (f != "priority") {
                fail(args[1], "unknown field '" + f + "' in queue configuration");
            }
        }
        return mkVoid();
    }
    if (name == "bind_data_task" || name == "bind_local_task" || name == "bind_control_task") {
        need(2, 2);
        const HandleKind want = name == "bind_data_task"    ? HandleKind::DataTaskId
                                : name == "bind_local_task" ? HandleKind::LocalTaskId
                                                            : HandleKind::ControlTaskId;
        bindTask(name, want, carg(0, "task"), carg(1, "task ID"), args, node);
        return mkVoid();
    }
    if (name == "bind_rotating_tasks")
        return bindRotatingTasks(args, node);
    if (name == "set_control_task_table")
        return setControlTaskTable(args, node);
    if (name == "set_teardown_handler") {
        need(2, 2);
        ClassCtx* c = cls();
        if (!c)
            fail(node, "@set_teardown_handler is only allowed in tile code");
        failUnlessTopLevelComptime("@set_teardown_handler", node);
        Value f = carg(0, "teardown handler");
        if (f.k != VK::Fn || !f.fn)
            fail(args[0],
                 "@set_teardown_handler expects a function, found '" + typeName(f.type) + "'");
        if (f.fn->isTask)
            fail(args[0], "'" + f.fn->name + "' is a task; a teardown handler is a function");
        TypeP ft = fnType(f.fn);
        if (!ft->params.empty() || ft->ret->k != TK::Void)
            fail(args[0], "a teardown handler takes no parameters and returns void");
        int col = handleId(carg(1, "color"), HandleKind::Color, args[1], "@set_teardown_handler");
        if (col > 23)
            fail(args[1], "color " + std::to_string(col) +
                              " is not a routable color (0-23); a teardown handler needs one");
        if (c->teardownColors.count(col))
            fail(node, "color " + std::to_string(col) + " already has a teardown handler");
        int32_t handler = lowerFunction(f.fn, args[0]);
        teardownFunction(node);
        c->teardownColors.insert(col);
        // if (color is in teardown) handler();
        ModuleFrame teardown(*this, fr_->mod, &c->funcs[size_t(c->teardownFn)]);
        setLoc(node);
        uint16_t base = newRegs(2);
        emit(sim::Op::Imm, sim::ScalarType::U16, base, kNoReg, kNoReg, col);
        emit(sim::Op::Imm, sim::ScalarType::U16, uint16_t(base + 1), kNoReg, kNoReg,
             int32_t(sim::ColorConfigField::Teardown));
        uint16_t active = newReg(node);
        emit(sim::Op::Builtin, sim::ScalarType::U16, active, base, 2,
             int32_t(sim::BuiltinId::ColorConfigGet));
        size_t skip = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, active, kNoReg, 0);
        emit(sim::Op::Call, sim::ScalarType::Void, kNoReg, kNoReg, 0, handler);
        patch(skip, here());
        return mkVoid();
    }
    if (name == "activate" || name == "block" || name == "unblock") {
        need(1, 1);
        Value id = arg(0);
        // The Builtins page, @activate: "id is an expression of type local_task_id that is
        // bound to a local task".
        if (name == "activate" &&
            (id.type->k != TK::Handle || id.type->hk != HandleKind::LocalTaskId))
            fail(args[0], "@activate expects a local_task_id, found '" + typeName(id.type) + "'");
        failUnlessTaskHandle(id, "@" + name, args[0]);
        // The Builtins page: @block and @unblock take a color, data_task_id or local_task_id
        // (WSE-3: input_queue, data_task_id, local_task_id or ut_id), not a control task.
        if (name != "activate")
            failIfControlTaskUnblocked(id, "@" + name, args[0]);
        const bool microthread = id.type->hk == HandleKind::UtId;
        sim::BuiltinId b =
            name == "activate" ? sim::BuiltinId::Activate
            : name == "block"
                ? (microthread ? sim::BuiltinId::BlockMicrothread : sim::BuiltinId::Block)
                : (microthread ? sim::BuiltinId::UnblockMicrothread : sim::BuiltinId::Unblock);
        if (name == "activate" && id.isComptime())
            noteActivation(int(id.i), args[0]);
        if (!runtime()) {
            if (!cls())
                fail(node, "@" + name + " is only allowed in tile code");
            // The Task IDs page: "during the evaluation of a top-level comptime block or at
            // runtime"; one inside a function set the load-time state.
            if (inFunctionBody())
                fail(node, "@" + name +
                               " must be called in a top-level comptime block or at "
                               "run time, not in a comptime block inside a function");
            const int tid = int(id.i);
            if (name == "block" && !microthread) {
                cls()->blockedIds.insert(tid);
                cls()->unblockedIds.erase(tid);
            } else if (name == "unblock" && !microthread) {
                cls()->blockedIds.erase(tid);
                cls()->unblockedIds.insert(tid);
            } else {
                // Activations and microthread block states at load time: done by the
                // class's init function.
                ModuleFrame init(*this, fr_->mod, &initFunction());
                uint16_t r = toReg(mkInt(tid, types.u16), node);
                emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, r, 1, int32_t(b));
            }
            return mkVoid();
        }
        uint16_t r = id.isComptime() ? toReg(mkInt(id.i, types.u16), node) : id.reg;
        emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, r, 1, int32_t(b));
        return mkVoid();
    }
    if (name == "queue_flush")
        return queueFlush(args, node);
    if (name == "set_empty_queue_handler")
        return setEmptyQueueHandler(args, node);
    // ---- DSDs ----
    if (name == "get_dsd")
        return getDsd(node);
    if (name == "increment_dsd_offset" || name == "set_dsd_base_addr" || name == "set_dsd_length" ||
        name == "set_dsd_stride") {
        bool inc = name == "increment_dsd_offset";
        need(inc ? 3 : 2, inc ? 3 : 2);
        Value d = arg(0);
        if (d.type->k != TK::Dsd)
            fail(args[0], "@" + name + " expects a DSD, found '" + typeName(d.type) + "'");
        // The DSDs page: @set_dsd_length takes "any DSD type except mem4d_dsd", @set_dsd_stride
        // a mem1d_dsd, and the other two memory DSDs.
        const sim::DsdKind dk = d.type->dk;
        const bool memory = dk == sim::DsdKind::Mem1d || dk == sim::DsdKind::Mem4d;
        if ((name == "set_dsd_length" && dk == sim::DsdKind::Mem4d) ||
            (name == "set_dsd_stride" && dk != sim::DsdKind::Mem1d) ||
            ((inc || name == "set_dsd_base_addr") && !memory))
            fail(args[0], "@" + name + " does not take a " + typeName(d.type));
        Value v;
        if (name == "set_dsd_base_addr") {
            // An array names its first element, as in C.
            Place p = place(args[1]);
            if (p.k == Place::K::Mem && p.type->k == TK::Array)
                v = addrValue(p, args[1]);
            else
                v = load(p, args[1]);
        } else {
            v = arg(1);
        }
        int64_t scale = 1;
        if (inc) {
            TypeP et = evalType(args[2]);
            // The DSDs page: "an ABI-compatible numeric type (u16, i16, i16, i32, f16, or f32)".
            if (!((isAbiSizedInt(et)) || et->k == TK::Float))
                fail(args[2], "@increment_dsd_offset's element type must be a 16- or 32-bit "
                              "integer or float type, found '" +
                                  typeName(et) + "'");
            scale = sizeOf(et);
        }
        sim::DsdField field = inc                           ? sim::DsdField::OffsetBytes
                              : name == "set_dsd_base_addr" ? sim::DsdField::BaseAddress
                              : name == "set_dsd_length"    ? sim::DsdField::Length
                                                            : sim::DsdField::ElementStride;
        if (field == sim::DsdField::BaseAddress && v.type->k != TK::Ptr)
            fail(args[1], "@set_dsd_base_addr expects a pointer, found '" + typeName(v.type) + "'");
        // The DSDs page gives the fields' types: the extent a u16 (at most 32767, as
        // @get_dsd's .extent), the stride an i8, the offset an i16 (in elements). A float or
        // bool was used as its bits and a comptime 70000 ran past the end of SRAM.
        const TypeP fieldType = field == sim::DsdField::Length          ? types.u16
                                : field == sim::DsdField::OffsetBytes   ? types.i16
                                : field == sim::DsdField::ElementStride ? types.intType(8, true)
                                                                        : nullptr;
        if (fieldType && (v.type->k == TK::Bool || !isIntLike(v.type) || v.type->k == TK::Enum))
            fail(args[1], "@" + name + " expects an integer, found '" + typeName(v.type) + "'");
        if (fieldType && v.isComptime()) {
            const int64_t x = asInt(v, args[1], "value");
            const int64_t hi =
                field == sim::DsdField::Length ? 32767 : (int64_t(1) << (fieldType->bits - 1)) - 1;
            const int64_t lo = field == sim::DsdField::Length ? 0 : -hi - 1;
            if (x < lo || x > hi || (isU64(v.type) && x < 0))
                fail(args[1], "@" + name + ": " + std::to_string(x) + " is out of range (" +
                                  std::to_string(lo) + "-" + std::to_string(hi) + ")");
        }
        // A new base address decides alone whether the DSD is over read-only memory.
        const bool readOnlyAfter =
            field == sim::DsdField::BaseAddress ? v.type->isConst : d.readOnlyMemory;
        if (d.isComptime() && v.isComptime()) {
            Value r = d;
            r.readOnlyMemory = readOnlyAfter;
            int64_t x = asInt(v, args[1], "value");
            switch (field) {
            case sim::DsdField::OffsetBytes:
                r.dsd.baseAddress = uint32_t(int64_t(r.dsd.baseAddress) + x * scale);
                break;
            case sim::DsdField::BaseAddress:
                r.dsd.baseAddress = uint32_t(x);
                break;
            case sim::DsdField::Length:
                r.dsd.extent[0] = uint32_t(x);
                break;
            default:
                // The stride counts elements of the type the DSD was built over; its sign is
                // the new stride's (the old one's sign was kept: -2 over a reversed DSD
                // walked forwards, past the array).
                r.dsd.strideBytes[0] = int32_t(x) * int32_t(sim::dsdElementBytes(r.dsd));
                break;
            }
            return r;
        }
        if (!runtime())
            fail(node, "@" + name + " with runtime values must run at runtime");
        uint16_t src;
        dsdToOperandReg(d, args[0], src);
        Value x = v;
        if (x.type->k == TK::Ptr)
            x = x.isComptime() ? mkInt(x.i, types.u16) : mkRuntime(x.reg, types.u16);
        x = materialize(x, args[1]);
        // A run-time value is taken at the field's width, as the hardware's DSD fields
        // hold it (a u32 length of 65538 was used whole).
        if (fieldType && field != sim::DsdField::ElementStride && !sameType(x.type, fieldType)) {
            const uint16_t r = newReg(args[1]);
            emit(sim::Op::Convert, scalarOf(fieldType), r, x.reg, kNoReg,
                 int32_t(scalarOf(x.type)));
            x = mkRuntime(r, fieldType);
        }
        const uint16_t xr = scale != 1 ? elementsToBytes(x, uint32_t(scale), node) : x.reg;
        uint16_t dst = newDsdReg();
        emit(sim::Op::DsdSet, sim::ScalarType::Void, dst, src, xr, int32_t(field));
        Value r;
        r.k = VK::RuntimeDsd;
        r.reg = dst;
        r.type = d.type;
        r.readOnlyMemory = readOnlyAfter;
        return r;
    }
    if (name == "allocate_fifo") {
        need(1, 2);
        if (!cls())
            fail(node, "@allocate_fifo is only allowed in tile code");
        // The DSDs page: "a global array or pointer to a global array" (`&buf`, or a const
        // holding it, were refused).
        const bool addressTaken =
            N(args[0]).kind == NK::Unary && ast().tokens.tokens[N(args[0]).tok].kind == Tok::Amp;
        Value p = addressTaken ? eval(args[0]) : addressOf(args[0]);
        if (!addressTaken && p.type->k == TK::Ptr && p.type->elem->k == TK::Ptr &&
            !p.type->elem->many && p.type->elem->elem->k == TK::Array)
            p = eval(args[0]);
        if (p.type->k != TK::Ptr || p.type->elem->k != TK::Array)
            fail(args[0],
                 "@allocate_fifo expects an array or a pointer to one, found '" +
                     typeName(p.type->k == TK::Ptr && !addressTaken ? p.type->elem : p.type) + "'");
        if (!p.isComptime())
            fail(args[0], "@allocate_fifo needs an array with a fixed address");
        // The DSDs page: the array "must be marked as var and its element type must be an
        // ABI-compatible numeric type".
        if (p.type->isConst)
            fail(args[0], "@allocate_fifo needs a 'var' array, found a const one");
        const TypeP fifoElem = pointeeElem(p.type);
        if (!isAbiSizedInt(fifoElem) && fifoElem->k != TK::Float)
            fail(args[0], "a FIFO holds elements of 16- or 32-bit integer or float types, found '" +
                              typeName(fifoElem) + "'");
        sim::FifoDesc fd;
        fd.baseAddress = uint32_t(p.i);
        fd.capacityBytes = sizeOf(p.type->elem);
        fd.elementBytes = sizeOf(pointeeElem(p.type));
        if (args.size() > 1) {
            Value cfg = carg(1, "FIFO configuration");
            checkFifoConfig(cfg, args[1], fd);
            checkFifoRegisters(cfg, args[1]);
            // The DSDs page: "a local_task_id or comptime-known task name".
            const auto activation = [&](const char* field, TaskField which, int8_t& id) {
                const Value* a = cfg.field(field);
                if (!a)
                    return;
                if (isTask(*a))
                    activateFixups_.emplace_back(cls(), cls()->cc.fifos.size(), a->fn, args[1],
                                                 fr_->mod, which);
                else
                    id = int8_t(handleId(*a, HandleKind::LocalTaskId, args[1],
                                         which == TaskField::FifoPush ? "'.activate_push'"
                                                                      : "'.activate_pop'"));
            };
            activation("activate_push", TaskField::FifoPush, fd.activatePush);
            activation("activate_pop", TaskField::FifoPop, fd.activatePop);
        }
        cls()->cc.fifos.push_back(fd);
        Value r;
        r.k = VK::Dsd;
        r.dsd.kind = sim::DsdKind::Fifo;
        r.dsd.fifo = uint16_t(cls()->cc.fifos.size() - 1);
        r.dsd.baseAddress = fd.baseAddress;
        r.dsd.extent[0] = fd.capacityBytes / std::max<uint32_t>(fd.elementBytes, 1);
        // The FIFO's `.simd_mode` (WSE-2) and `.priority` go with its DSD, as a fabric DSD's
        // do (docs/simulator.md, "Fabric SIMD mode" and "Datapath").
        if (args.size() > 1) {
            const Value cfg = carg(1, "FIFO configuration");
            if (const Value* mode = cfg.k == VK::Agg ? cfg.field("simd_mode") : nullptr)
                r.dsd.simdMode = simdModeOf(*this, *mode, args[1]);
            if (const Value* level = cfg.k == VK::Agg ? cfg.field("priority") : nullptr)
                r.dsd.priority = microthreadPriorityOf(*this, *level, args[1]);
        }
        r.type = types.dsd(sim::DsdKind::Fifo);
        return r;
    }
    if (name == "export_symbol") {
        need(1, 2);
        if (runtime())
            fail(node, "@export_symbol must be used in a comptime block");
        ClassCtx* c = cls();
        if (!c)
            fail(node, "@export_symbol is only allowed in tile code");
        std::string ename;
        if (args.size() > 1)
            ename = asString(carg(1, "symbol name"), args[1], "@export_symbol");
        else if (N(args[0]).kind == NK::Ident)
            ename = tokStr(N(args[0]).tok);
        else
            fail(args[0], "@export_symbol of an expression needs a name");
        for (const sim::ClassExport& e : c->cc.exports) {
            if (e.name == ename)
                failExportedTwice(ename, node);
        }
        c->exportSites[ename] = {fr_->mod, node};
        sim::ClassExport ex;
        ex.name = ename;
        Place p = place(args[0]);
        if (p.k == Place::K::Value && p.value.k == VK::Fn && p.value.fn) {
            // The RPC page: @export_symbol takes a global variable or a function; a task is
            // activated, never called.
            if (p.value.fn->isTask)
                fail(args[0], "'" + p.value.fn->name +
                                  "' is a task; only functions and global variables can be "
                                  "exported");
            TypeP ft = fnType(p.value.fn);
            if (ft->params.size() > 15)
                fail(args[0], "exported function '" + ename + "' has more than 15 parameters");
            for (TypeP pt : ft->params) {
                if (pt->k == TK::Array || pt->k == TK::Struct || pt->k == TK::Enum)
                    fail(args[0], "exported function '" + ename + "' has a parameter of type '" +
                                      typeName(pt) + "'; only scalars are allowed");
                failUnlessAbiSized(pt, args[0], "exported function '" + ename + "'");
            }
            ex.isFunction = true;
            ex.function = lowerFunction(p.value.fn, args[0]);
        } else if (p.k == Place::K::Mem) {
            // The declaration exported: `name`, or `module.name` (a pointer declared in an
            // imported module was exported as the pointer's own bytes).
            Decl* d = nullptr;
            if (N(args[0]).kind == NK::Ident) {
                d = findDecl(fr_->mod, tokStr(N(args[0]).tok));
            } else if (N(args[0]).kind == NK::Field) {
                const Place base = place(N(args[0]).a);
                if (base.k == Place::K::Value && base.value.k == VK::Module && base.value.mod)
                    d = findDecl(base.value.mod, tokStr(N(args[0]).tok));
            }
            if (d && d->type && d->type->k == TK::Ptr && d->value.k == VK::Ptr) {
                ex.address = uint32_t(d->value.i);
                // The host's copies follow a var pointer to wherever it points then.
                if (d->isVar)
                    ex.pointerAddress = int32_t(p.addrImm);
            } else {
                ex.address = uint32_t(p.addrImm);
            }
        } else if (p.k == Place::K::Value && p.value.k == VK::Ptr) {
            ex.address = uint32_t(p.value.i);
        } else if (p.k == Place::K::Value && p.decl && isRuntimeScalar(p.type)) {
            // A global const scalar, exported from its read-only storage: the RPC page's
            // symbols are "immutable" or not, and the host may only read this one (it was
            // refused).
            const auto declared =
                std::find_if(hostSymbols_.begin(), hostSymbols_.end(),
                             [&](const sim::HostSymbol& h) { return h.name == ename; });
            if (declared != hostSymbols_.end() && declared->mutableFromHost)
                fail(args[0], "'" + ename +
                                  "' is a const, but @export_name declares it mutable from the "
                                  "host; declare it with 'false' or export a variable");
            p = storedConst(p, args[0]);
            ex.address = uint32_t(p.addrImm);
        } else {
            fail(args[0], "@export_symbol expects a function, a pointer or a variable, found '" +
                              typeName(p.type) + "'");
        }
        recordRpcExport(ename, p, args[0]);
        c->cc.exports.push_back(ex);
        return mkVoid();
    }
    if (name == "set_local_color_config") {
        need(2, 2);
        if (!cls())
            fail(node, "@set_local_color_config is only allowed in tile code");
        failUnlessTopLevelComptime("@set_local_color_config", node,
                                   " (routes change at run time through <tile_config>)");
        Value col = coerce(carg(0, "color"), types.handle(HandleKind::Color), args[0]);
        failUnlessConfigurableColor(int(col.i), args[0]);
        for (const auto& [color, earlier] : cls()->localColors)
            if (color == int(col.i))
                fail(node, "color " + std::to_string(col.i) +
                               " is configured twice by @set_local_color_config in this tile");
        const sim::ColorConfig cfg = colorConfig(carg(1, "color configuration"), args[1]);
        failUnlessSwitchable(int(col.i), cfg, args[0]);
        cls()->localColors.push_back({int(col.i), cfg});
        return mkVoid();
    }
    if (name == "param") {
        fail(node, "@param is not supported; declare a 'param' instead");
    }
    if (name == "get_dsr") {
        need(2, 2);
        TypeP t = evalType(args[0]);
        if (t->k != TK::Handle || !isDsrHandle(t->hk))
            fail(args[0], "@get_dsr expects dsr_dest, dsr_src0, dsr_src1, dsr_fifo_dest or "
                          "dsr_fifo_src1, found '" +
                              typeName(t) + "'");
        const Value idv = carg(1, "DSR ID");
        if (idv.k == VK::Handle && isDsrHandle(idv.type->hk)) {
            // The DSRs page's FIFO form: "if fifo_dsr_type is dsr_fifo_src1 ... non_fifo_dsr
            // must have type dsr_src1" (and dsr_fifo_dest over a dsr_dest).
            if (t->hk != HandleKind::DsrFifoDest && t->hk != HandleKind::DsrFifoSrc1)
                fail(args[1], "@get_dsr of type '" + typeName(t) +
                                  "' takes an integer ID; only dsr_fifo_dest and dsr_fifo_src1 "
                                  "take a DSR");
            const HandleKind over =
                t->hk == HandleKind::DsrFifoDest ? HandleKind::DsrDest : HandleKind::DsrSrc1;
            if (idv.type->hk != over)
                fail(args[1], "@get_dsr(" + typeName(t) + ", ...) needs a DSR of type '" +
                                  handleName(over) + "', found '" + typeName(idv.type) + "'");
            return mkHandle(t->hk, idv.i);
        }
        int64_t id = asInt(idv, args[1], "DSR ID");
        if (id < 0 || id > 63)
            fail(args[1], "DSR ID " + std::to_string(id) + " is out of range (0-63)");
        return mkHandle(t->hk, id);
    }
    if (name == "get_xdsr")
        return getXdsr(args, node);
    if (name == "load_to_dsr") {
        need(2, 3);
        Value dsr = arg(0);
        Value d = arg(1);
        if (d.type->k != TK::Dsd)
            fail(args[1], "@load_to_dsr expects a DSD, found '" + typeName(d.type) + "'");
        if (d.type->dk == sim::DsdKind::CircBuf)
            fail(args[1], "a circbuf_dsd is loaded with @load_to_dsr_xdsr, which also takes "
                          "an XDSR");
        const Value cfg = args.size() > 2 ? arg(2) : mkVoid();
        // In a top-level comptime block of tile code (or a function it calls) the DSR holds
        // the DSD from the start: loaded by the class's init function, before any task runs
        // (SDK-compiled programs load their DSRs so once).
        std::optional<ModuleFrame> atLoad;
        if (!runtime() && cls() && !inFunctionBody())
            atLoad.emplace(*this, fr_->mod, &initFunction());
        loadToDsr("@load_to_dsr", dsr, d, cfg, args, node);
        return mkVoid();
    }
    if (name == "get_sr")
        return getSr(args, node);
    if (name == "load_to_dsr_xdsr_sr")
        return loadToDsrXdsrSr(args, node);
    if (name == "load_to_dsr_xdsr")
        return loadToDsrXdsr(args, node);
    if (name == "map")
        return mapBuiltin(node);
    if (name == "get_config" || name == "set_config" || name == "get_config_unchecked" ||
        name == "set_config_unchecked")
        return configRegisterBuiltin(name, args, node);
    if (name == "set_fifo_read_length" || name == "set_fifo_write_length")
        return fifoLengthBuiltin(name, args, node);
    if (name == "get_symbol_id" || name == "get_symbol_value" || name == "get_tensor_ptr" ||
        name == "has_exported_tensors" || name == "rpc")
        return rpcBuiltin(name, args, node);
    (void)expected;
    for (const char* k : kKnownBuiltins) {
        if (name == k)
            fail(node, "builtin '@" + name + "' is not supported by this compiler yet");
    }
    std::vector<std::string> spelled;
    for (const char* k : kKnownBuiltins)
        spelled.push_back(std::string("@") + k);
    for (const DsdOpInfo& op : kDsdOps)
        spelled.push_back(std::string("@") + op.name);
    fail(node, "unknown builtin '@" + name + "'" +
                   didYouMean("@" + name, {spelled.begin(), spelled.end()}));
}

// ---- library modules ------------------------------------------------------------------

Value Analyzer::libMember(Module* lib, const std::string& name, uint32_t node) {
    if (!lib)
        fail(node, "no member named '" + name + "'");
    const std::string& l = lib->lib;
    auto fnv = [&](const char* n) {
        Value v;
        v.k = VK::Fn;
        v.fn = nullptr;
        v.s = n;
        v.mod = lib;
        v.type = types.anyT;
        return v;
    };
    static const std::map<std::string, std::set<std::string>> kFns = {
        {"memcpy/get_params", {"get_params"}},
        {"memcpy/memcpy",
         {"unblock_cmd_stream", "get_streaming_fabout_dsd", "get_streaming_fabin_dsd"}},
        {"layout", {"get_x_coord", "get_y_coord"}},
        {"time", {"enable_tsc", "disable_tsc", "get_timestamp", "reset_tsc_counter"}},
        {"simprint",
         {"print_string", "print_u16_decimal", "print_u16_hex", "print_u16_binary",
          "print_u32_decimal", "print_u32_hex", "print_u32_binary", "print_i16", "print_i32",
          "print_f16", "print_f32", "print_newline", "fmt", "fmt_no_nl", "fmt_with_coords"}},
        {"tessera/random", {"random16", "random23", "seed"}},
        {"tessera/router", {"get", "set", "queue_status"}},
        {"tessera/tasks", {"set_priority", "set_main_thread_priority"}},
        {"tessera/queues", {"flush_active", "flush_exit", "flush_flags"}},
        {"tile_config/output_queue_config", {"encode_output_queue"}},
        {"tile_config/input_queue_config", {"encode_input_queue"}},
    };
    // The Libraries for WSE-3 page: <message_passing> and <tile_config>'s queue_flush are
    // "only supported for WSE-3" (the SDK's WSE-2 programs call input_queue_config too).
    if (!wse3() &&
        (l == "message_passing" || (l == "tessera/queues" && name.rfind("flush_", 0) == 0)))
        failOnThisArch(node, (l == "message_passing" ? "'" + name + "' of <message_passing>"
                                                     : std::string("<tile_config/queue_flush>")) +
                                 " is only available on wse3");
    auto it = kFns.find(l);
    if (it != kFns.end() && it->second.count(name))
        return fnv(name.c_str());
    if (l == "time" && name == "tsc_size_words")
        return mkInt(3);
    if (l == "message_passing")
        fail(node,
             "'" + name +
                 "' of module '<message_passing>' is not supported by this compiler "
                 "yet: the SDK does not document how a message reaches an arbitrary (col, row) "
                 "over colors 14..18 nor the header a receiving data task sees");
    if (const std::optional<std::string> why = refusedLibraryMember(lib->path, name))
        fail(node, *why);
    if (l == "memcpy/memcpy" || l == "memcpy/get_params") {
        if (const Value* v = lib->libParams.field(name)) {
            if (v->k == VK::Undef)
                fail(node, "'" + name + "' was not passed to <memcpy/get_params>");
            return *v;
        }
        if (name.rfind("MEMCPYH2D_", 0) == 0 || name.rfind("MEMCPYD2H_", 0) == 0)
            fail(node, "'" + name + "' was not passed to <memcpy/get_params>");
    }
    std::vector<std::string_view> members = lib->declNames();
    if (it != kFns.end())
        members.insert(members.end(), it->second.begin(), it->second.end());
    if (lib->libParams.names)
        members.insert(members.end(), lib->libParams.names->begin(), lib->libParams.names->end());
    fail(node, "module '" + lib->path + "' has no member named '" + name + "'" +
                   (it == kFns.end() && l != "memcpy/memcpy" && l != "memcpy/get_params"
                        ? " (this library is not supported by this compiler yet)"
                        : didYouMean(name, members)));
}

Value Analyzer::libCall(Module* lib, const std::string& fn, std::vector<Value> args,
                        std::vector<uint32_t> argNodes, uint32_t node) {
    const std::string& l = lib->lib;
    auto need = [&](size_t k) {
        if (args.size() != k)
            fail(node, "'" + fn + "' expects " + std::to_string(k) + " argument" +
                           (k == 1 ? "" : "s") + ", found " + std::to_string(args.size()));
    };
    auto callBuiltin = [&](sim::BuiltinId id, std::vector<uint16_t> regs, TypeP ret) -> Value {
        if (!runtime())
            fail(node, "'" + fn + "' must be called at runtime");
        uint16_t base = regs.empty() ? kNoReg : newRegs(uint16_t(regs.size()));
        for (size_t i = 0; i < regs.size(); ++i)
            emit(sim::Op::Mov, sim::ScalarType::U32, uint16_t(base + i), regs[i], kNoReg, 0);
        setLoc(node);
        uint16_t dst = ret ? newReg(node) : kNoReg;
        emit(sim::Op::Builtin, ret ? scalarOf(ret) : sim::ScalarType::Void, dst, base,
             uint16_t(regs.size()), int32_t(id));
        return ret ? mkRuntime(dst, ret) : mkVoid();
    };
    if (l == "memcpy/get_params" && fn == "get_params") {
        need(1);
        int64_t x = asInt(args[0], argNodes[0], "column");
        const Value* w = lib->libParams.field("width");
        if (!w)
            fail(node, "<memcpy/get_params> needs '.width'");
        if (x < 0 || x >= w->i)
            fail(argNodes[0], "column " + std::to_string(x) + " is outside the memcpy width " +
                                  std::to_string(w->i));
        // The same for every PE of a column: built once per column (issue 3).
        if (size_t(x) < lib->memcpyColumnParams.size() &&
            lib->memcpyColumnParams[size_t(x)].k == VK::Agg)
            return lib->memcpyColumnParams[size_t(x)];
        const Value& p = lib->libParams;
        std::vector<std::string> names = *p.names;
        std::vector<Value> elems = *p.elems;
        // Streaming IDs that were not given exist but are undefined: passing them along is
        // fine, using one is an error.
        for (const char* dir : {"MEMCPYH2D_", "MEMCPYD2H_"}) {
            for (int k = 1; k <= 4; ++k) {
                std::string f = dir + std::to_string(k);
                if (!p.field(f)) {
                    Value u;
                    u.k = VK::Undef;
                    u.type = types.undefT;
                    names.push_back(f);
                    elems.push_back(u);
                }
            }
        }
        names.push_back("$memcpy_column");
        elems.push_back(mkInt(x));
        if (lib->memcpyColumnParams.size() <= size_t(x))
            lib->memcpyColumnParams.resize(size_t(x) + 1);
        return lib->memcpyColumnParams[size_t(x)] = mkAgg(std::move(names), std::move(elems));
    }
    if (l == "memcpy/memcpy" &&
        (fn == "get_streaming_fabout_dsd" || fn == "get_streaming_fabin_dsd")) {
        need(3);
        bool out = fn == "get_streaming_fabout_dsd";
        Value r;
        r.k = VK::Dsd;
        r.dsd.kind = out ? sim::DsdKind::FabOut : sim::DsdKind::FabIn;
        r.dsd.color =
            uint8_t(handleId(coerce(args[0], types.handle(HandleKind::Color), argNodes[0]),
                             HandleKind::Color, argNodes[0], "color"));
        r.dsd.extent[0] = dsdExtent(args[1], argNodes[1]);
        r.dsd.queue = uint8_t(handleId(
            args[2], out ? HandleKind::OutputQueue : HandleKind::InputQueue, argNodes[2], "queue"));
        r.type = types.dsd(r.dsd.kind);
        return r;
    }
    if (l == "memcpy/memcpy" && fn == "unblock_cmd_stream") {
        need(0);
        return callBuiltin(sim::BuiltinId::UnblockCmdStream, {}, nullptr);
    }
    if (l == "layout") {
        need(0);
        return callBuiltin(fn == "get_x_coord" ? sim::BuiltinId::CoordX : sim::BuiltinId::CoordY,
                           {}, types.u16);
    }
    if (l == "time") {
        if (fn == "get_timestamp") {
            need(1);
            // The stamp is three 16-bit words: a pointer to anything else was written past
            // its end (the word after a *[2]u16), or into a const.
            const TypeP pt = args[0].type;
            if (pt->k != TK::Ptr || pt->many || pt->elem->k != TK::Array ||
                pt->elem->dims != std::vector<uint32_t>{3} || pt->elem->elem->k != TK::Int ||
                pt->elem->elem->bits != 16 || pt->isConst)
                fail(argNodes[0], "get_timestamp expects a pointer to a var [3]u16, found '" +
                                      typeName(pt) + "'");
            return callBuiltin(sim::BuiltinId::Timestamp, {toReg(args[0], argNodes[0])}, nullptr);
        }
        need(0);
        return callBuiltin(fn == "enable_tsc"    ? sim::BuiltinId::EnableTsc
                           : fn == "disable_tsc" ? sim::BuiltinId::DisableTsc
                                                 : sim::BuiltinId::ResetTsc,
                           {}, nullptr);
    }
    if (l == "tessera/queues" || l == "tile_config/output_queue_config" ||
        l == "tile_config/input_queue_config")
        return queuesLibCall(fn, args, argNodes, node);
    if (l == "simprint") {
        // .enable = false turns every print of this instance off.
        if (const Value* enable = lib->libParams.field("enable"); enable && !asBool(*enable, node))
            return mkVoid();
        if (fn.rfind("fmt", 0) == 0)
            return simprintFmt(fn, args, argNodes, node);
    }
    if (l == "simprint") {
        if (fn == "print_string" || fn == "print_newline") {
            need(fn == "print_string" ? 1 : 0);
            std::string s =
                fn == "print_newline" ? "\n" : asString(args.at(0), argNodes.at(0), "print_string");
            // The Libraries page: "if the string contains a zero (NUL) byte, the output will be
            // truncated at the NUL".
            s.resize(std::min(s.size(), s.find('\0')));
            uint16_t r = toReg(mkInt(stringIndex(s), types.u16), node);
            return callBuiltin(sim::BuiltinId::SimprintString, {r}, nullptr);
        }
        need(1);
        TypeP t = fn.find("u16") != std::string::npos   ? types.u16
                  : fn.find("u32") != std::string::npos ? types.u32
                  : fn == "print_i16"                   ? types.i16
                  : fn == "print_i32"                   ? types.i32
                  : fn == "print_f16"                   ? fp16Type()
                                                        : types.f32;
        char fmt = fn.find("hex") != std::string::npos      ? 'X'
                   : fn.find("binary") != std::string::npos ? 'b'
                   : t->k == TK::Float                      ? 'f'
                                                            : 'd';
        Value v = coerce(args[0], t, argNodes[0]);
        uint16_t vr = toReg(v, argNodes[0]);
        uint16_t tr = toReg(mkInt(int(scalarOf(t)), types.u16), node);
        uint16_t fr = toReg(mkInt(fmt, types.u16), node);
        return callBuiltin(sim::BuiltinId::SimprintValue, {vr, tr, fr}, nullptr);
    }
    if (l == "tessera/router" && fn == "queue_status") {
        // queue_status(0 input / 1 output): sim::BuiltinId::QueueStatus, for
        // <tile_config>.input_queue_status / output_queue_status.
        need(1);
        return callBuiltin(sim::BuiltinId::QueueStatus,
                           {toReg(coerce(args[0], types.u16, argNodes[0]), argNodes[0])},
                           types.u16);
    }
    if (l == "tessera/tasks" && fn == "set_main_thread_priority") {
        // set_main_thread_priority(level): sim::BuiltinId::SetMainThreadPriority, for
        // <tile_config>.main_thread_priority; at load when called in a comptime block.
        need(1);
        std::optional<ModuleFrame> atLoad;
        if (!runtime()) {
            if (!cls())
                fail(node, "'update_main_thread_priority' of <tile_config> is only allowed in "
                           "tile code");
            atLoad.emplace(*this, fr_->mod, &initFunction());
        }
        return callBuiltin(sim::BuiltinId::SetMainThreadPriority,
                           {toReg(coerce(args[0], types.u16, argNodes[0]), argNodes[0])}, nullptr);
    }
    if (l == "tessera/tasks") {
        // set_priority(id, high): sim::BuiltinId::SetTaskPriority, for <tile_config>'s
        // task_priority. In a comptime block it takes effect at load, from the class's init
        // function (as @activate there does).
        need(2);
        std::optional<ModuleFrame> atLoad;
        if (!runtime()) {
            if (!cls())
                fail(node,
                     "'" + fn + "' of <tile_config>.task_priority is only allowed in tile code");
            atLoad.emplace(*this, fr_->mod, &initFunction());
        }
        uint16_t id = toReg(coerce(args[0], types.u16, argNodes[0]), argNodes[0]);
        uint16_t high = toReg(coerce(args[1], types.boolT, argNodes[1]), argNodes[1]);
        return callBuiltin(sim::BuiltinId::SetTaskPriority, {id, high}, nullptr);
    }
    if (l == "tessera/router") {
        // get(color, field) / set(color, field, value): this PE's router configuration of a
        // color (sim::ColorConfigField), the ground <tile_config> is written on.
        need(fn == "get" ? 2 : 3);
        std::vector<uint16_t> regs;
        for (size_t i = 0; i < args.size(); ++i)
            regs.push_back(toReg(coerce(args[i], types.u16, argNodes[i]), argNodes[i]));
        return callBuiltin(fn == "get" ? sim::BuiltinId::ColorConfigGet
                                       : sim::BuiltinId::ColorConfigSet,
                           regs, fn == "get" ? types.u16 : nullptr);
    }
    if (l == "tessera/random") {
        // The PE generator (the one @random16 steps): random16 returns 16 bits of the new
        // state, random23 the whole 23-bit state, the finer fraction <random>.random_f32 uses;
        // seed(state) sets the state (<random>.set_global_prng_seed).
        if (fn == "seed") {
            need(1);
            return callBuiltin(sim::BuiltinId::RandomSeed,
                               {toReg(coerce(args[0], types.u32, argNodes[0]), argNodes[0])},
                               nullptr);
        }
        need(0);
        return fn == "random16" ? callBuiltin(sim::BuiltinId::Random16, {}, types.u16)
                                : callBuiltin(sim::BuiltinId::Random23, {}, types.u32);
    }
    fail(node, "'" + fn + "' of module '" + lib->path + "' is not supported by this compiler yet");
}

} // namespace csl::sema
