// The analyzer class: comptime evaluation, layout evaluation, semantic checks and
// lowering in one walk. Every expression evaluates to a comptime Value or to a runtime
// register, so comptime code runs directly and runtime code is emitted as bytecode
// (Zig's Sema shape). Internal to backend/csl/sema.
#pragma once

#include "backend/csl/sema/analyzer.h"
#include "backend/csl/sema/analyzer_impl.h"
#include "sim/scalar.h"

#include <array>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <tuple>
#include <unordered_set>

namespace csl::sema {

using sim::kNoReg;
using NK = NodeKind;
using VK = Value::K;

// Comptime NaNs keep their sign and payload (a `@bitcast` sentinel, `math.NaN(f16)`): the
// payload rides in the top mantissa bits of the double, as IEEE widening puts it, and is
// read back by bit manipulation, never by a conversion that would quiet or drop it.
inline double nanFromBits(bool negative, uint64_t payload, int mantBits) {
    const uint64_t bits =
        (negative ? uint64_t(1) << 63 : 0) | uint64_t(0x7ff) << 52 | payload << (52 - mantBits);
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

inline uint64_t nanBits(double v, int mantBits, int expBits) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    uint64_t payload = (bits >> (52 - mantBits)) & ((uint64_t(1) << mantBits) - 1);
    if (!payload)
        payload = uint64_t(1) << (mantBits - 1); // a quiet NaN, never an infinity
    const uint64_t sign = bits >> 63;
    return sign << (mantBits + expBits) | ((uint64_t(1) << expBits) - 1) << mantBits | payload;
}

inline uint64_t floatBits(double v, TypeP t) {
    if (std::isnan(v))
        return t->bits == 32 ? nanBits(v, 23, 8) : t->bf16 ? nanBits(v, 7, 8) : nanBits(v, 10, 5);
    if (t->bits == 32)
        return sim::floatToBits(float(v));
    return t->bf16 ? sim::doubleToBf16(v) : sim::doubleToHalf(v);
}

// `v` rounded to the nearest value of float type `t` (cb16 is held like f16): a comptime
// value of type f16 is an f16 value, so `@as(f32, h)` and h + h see what the machine would.
// A NaN keeps its bits (nanBits).
inline double roundToFloatType(double v, TypeP t) {
    if (std::isnan(v))
        return v;
    if (t->bits == 32)
        return double(float(v));
    return t->bf16 ? sim::bf16ToDouble(sim::doubleToBf16(v))
                   : sim::halfToDouble(sim::doubleToHalf(v));
}

inline bool fitsInt(int64_t v, TypeP t) {
    if (t->bits == 0)
        return v == 0;
    if (t->bits >= 64)
        return t->isSigned || v >= 0;
    if (t->isSigned) {
        int64_t lo = -(int64_t(1) << (t->bits - 1)), hi = (int64_t(1) << (t->bits - 1)) - 1;
        return v >= lo && v <= hi;
    }
    return v >= 0 && (t->bits >= 63 || v <= (int64_t(1) << t->bits) - 1);
}

// N of an integer type name `uN` or `iN` (the Types page: N from 0 to 16777215, written
// without leading zeros), or -1 when `name` is no such name.
inline int arbitraryIntWidth(std::string_view name) {
    if (name.size() < 2 || name.size() > 9 || (name[0] != 'u' && name[0] != 'i') ||
        name.find_first_not_of("0123456789", 1) != std::string_view::npos ||
        (name[1] == '0' && name.size() > 2))
        return -1;
    const long width = std::stol(std::string(name.substr(1)));
    return width <= 16777215 ? int(width) : -1;
}

// The names of the language's scalar types (`f32`, `u16`, `u3`, `bool`, ...): Zig, whose
// grammar CSL follows, refuses a declaration that would shadow one; `const f32 = u16;`
// silently changed the type of every `f32` in the file.
// (Arbitrary-width names stay free: `const i2 = im * im;` and `u1`, `u2` of Box-Muller are
// common variable names.)
inline bool isPrimitiveTypeName(std::string_view name) {
    static const std::set<std::string_view> kNames = {"i8",
                                                      "i16",
                                                      "i32",
                                                      "i64",
                                                      "u8",
                                                      "u16",
                                                      "u32",
                                                      "u64",
                                                      "f16",
                                                      "f32",
                                                      "bf16",
                                                      "cb16",
                                                      "bool",
                                                      "void",
                                                      "type",
                                                      "comptime_int",
                                                      "comptime_float",
                                                      "comptime_string",
                                                      "anytype"};
    return kNames.count(name);
}

// The value of integer type `t` whose two's-complement bits are the low bits of `bits`.
inline int64_t wrapToWidth(uint64_t bits, TypeP t) {
    if (t->bits >= 64)
        return int64_t(bits);
    if (t->bits == 0)
        return 0;
    const uint64_t mask = (uint64_t(1) << t->bits) - 1;
    const uint64_t u = bits & mask;
    return t->isSigned && ((u >> (t->bits - 1)) & 1) ? int64_t(u | ~mask) : int64_t(u);
}

struct Flow {
    enum class K : uint8_t { Normal, Break, Continue, Return } k = K::Normal;
    std::string label;
    Value value;
};

// The struct or array value of a run-time labelled block or inlined call: registers that
// each `break`/`return` moves its value into. A single comptime-known value stays that value.
struct AggregateResult {
    std::optional<Value> regs;
    // A result too large for registers: the home every result is stored to (a MemAgg).
    std::optional<Value> memory;
    int count = 0;
    std::optional<Value> onlyComptime; // the value while it is the only one and comptime
};

struct LoopCtx {
    std::string label;
    bool isBlock = false; // a labelled block (break only)
    std::vector<size_t> breaks, continues;
    uint16_t resultReg = kNoReg;
    TypeP resultType = nullptr;
    size_t scopeDepth = 0;
    bool hasComptimeResult = false;
    Value comptimeResult;
    // A block without a result type whose every break carries the same comptime_int or
    // comptime_float keeps that comptime value (`const a = blk: { break :blk 1; };`).
    bool untypedLiteralBreaks = true;
    std::optional<Value> literalBreak;
    // The result type was defaulted to i32 from integer literal breaks (`intLiterals`, all
    // of them so far): a later run-time integer break they all fit in gives the type
    // instead (`blk: { if (c) break :blk 100; break :blk r; }` with r: u16 is a u16).
    bool resultTypeFromLiterals = false;
    std::vector<int64_t> intLiterals;
    // A block whose user gives no type takes its breaks' peer type, as an `if` does: a
    // break of a wider type (a u16 after a u8, an f32 after an f16, an i16 after a u8)
    // widens the result, and the moves of the earlier breaks (`resultMoves`) become
    // conversions.
    bool peerResultType = false;
    std::vector<size_t> resultMoves;
    AggregateResult aggregate;
    uint32_t valuelessBreak = 0; // a block's first `break :label;` without a value (node)
};

struct InlineCtx {
    std::vector<size_t> returns;
    AggregateResult aggregate;
    uint16_t resultReg = kNoReg;
    TypeP retType = nullptr;
    bool hasComptimeResult = false;
    Value comptimeResult;
    // Every scalar `return` so far gave this same comptime value: the call's result is that
    // comptime value (the SDK's Syntax page: an inline call's comptime-ness "can potentially
    // propagate all the way to the return value").
    std::optional<Value> sameComptimeReturn;
    bool scalarReturnsComptime = true;
};

// One block's local bindings by interned name (Analyzer::nameId), in declaration order. The
// names are kept apart from the (large) bindings so that a lookup scans 4 bytes per name.
struct Scope {
    std::vector<uint32_t> names;
    std::vector<Binding> bindings;
    void clear() {
        names.clear();
        bindings.clear();
    }
};

struct Frame {
    Module* mod = nullptr;
    sim::Function* fn = nullptr; // null: pure comptime execution
    FnDef* def = nullptr;
    bool comptime = false;
    std::vector<Scope> scopes; // innermost last
    // A deque: a break's value may be a labelled block, whose context is pushed while the
    // break holds a pointer to its own (a vector reallocated under it: a crash).
    std::deque<LoopCtx> loops;
    std::vector<InlineCtx> inlines;
    // An expansion's (callInline) locals too large for registers: temporaries of the calling
    // function, spare once the expansion ends.
    std::vector<Value> largeLocals;
    TypeP retType = nullptr;
    // A function returning a struct or array (passedByCopy): the register holding the
    // address of the caller's copy, which its returns fill.
    uint16_t resultCopyReg = kNoReg;
    std::set<std::string> addrTaken;
    int comptimeDepth = 0; // > 0 inside comptime blocks/expressions in a runtime fn
    // > 0 while lowering code that runs only under a run-time condition or repeatedly (a
    // branch of a run-time if/switch, a run-time loop, the right side of a run-time and/or):
    // a comptime variable declared outside it cannot be stored to there.
    int runtimeControlDepth = 0;
    // The statements of a module's top-level `comptime { ... }` block (not a function it
    // calls).
    bool topLevelComptimeBlock = false;
};

// Raises the frame's runtimeControlDepth for its lifetime.
struct RuntimeControl {
    Frame* f;
    explicit RuntimeControl(Frame* fr) : f(fr) { ++f->runtimeControlDepth; }
    ~RuntimeControl() { --f->runtimeControlDepth; }
    RuntimeControl(const RuntimeControl&) = delete;
    RuntimeControl& operator=(const RuntimeControl&) = delete;
};

// One more level of a nesting count (declarations resolving inside one another, JSON
// arrays and objects) for the scope's lifetime.
struct NestingLevel {
    int& depth;
    explicit NestingLevel(int& d) : depth(d) { ++depth; }
    ~NestingLevel() { --depth; }
    NestingLevel(const NestingLevel&) = delete;
    NestingLevel& operator=(const NestingLevel&) = delete;
};

// Puts back the current frame when a scope ends, on any exception too: an out-of-memory
// or file system error inside a call left a destroyed callee frame current, and the
// scopes unwound after it popped that frame's scopes (a crash in popScope).
struct FrameRestore {
    Frame*& current;
    Frame* saved;
    FrameRestore(Frame*& now, Frame* restoreTo) : current(now), saved(restoreTo) {}
    ~FrameRestore() { current = saved; }
    FrameRestore(const FrameRestore&) = delete;
    FrameRestore& operator=(const FrameRestore&) = delete;
};

// Sets a flag for a scope and puts its value back when the scope ends, on exceptions too.
struct FlagForScope {
    bool& flag;
    bool saved;
    FlagForScope(bool& f, bool value) : flag(f), saved(f) { flag = value; }
    ~FlagForScope() { flag = saved; }
    FlagForScope(const FlagForScope&) = delete;
    FlagForScope& operator=(const FlagForScope&) = delete;
};

// A comptime integer as a double. A u64 value is its bit pattern in an int64_t: those from
// 2^63 up read as negative unless taken as unsigned (`big >= 1` was false, `@as(f32, big)`
// negative). Past 53 bits the magnitude is rounded to odd (truncated, with the last kept bit
// set when any dropped bit was), so rounding the double on to f32 or f16 rounds the integer
// once: rounding to nearest twice made `@as(f32, 2^54 + 2^30 + 1)` 2^54 at comptime and
// 2^54 + 2^31 at run time.
inline double comptimeIntToDouble(const Value& v) {
    const bool negative = !isU64(v.type) && v.i < 0;
    uint64_t magnitude = negative ? 0 - uint64_t(v.i) : uint64_t(v.i);
    const int bits = magnitude ? 64 - __builtin_clzll(magnitude) : 0;
    if (bits > 53) {
        const int dropped = bits - 53;
        const bool inexact = (magnitude & ((uint64_t(1) << dropped) - 1)) != 0;
        magnitude = ((magnitude >> dropped) | uint64_t(inexact)) << dropped;
    }
    const double x = double(magnitude);
    return negative ? -x : x;
}

// Whether two comptime values are the same in every part (false for DSDs, ranges, runtime
// values and float NaNs), layout.cpp.
bool sameValue(const Value& a, const Value& b);

// Whether `v` and every part of it are comptime-known (an aggregate may hold run-time parts).
inline bool fullyComptime(const Value& v) {
    if (v.k != Value::K::Agg)
        return v.isComptime();
    return std::all_of(v.elems->begin(), v.elems->end(), fullyComptime);
}

// The member of enum type `t` whose value is `value`, as a comptime value; none if no member
// has it.
inline std::optional<Value> enumMemberOf(TypeP t, int64_t value) {
    for (const FieldInfo& m : t->fields) {
        if (m.value == value) {
            Value e;
            e.k = Value::K::EnumV;
            e.s = m.name;
            e.i = m.value;
            e.type = t;
            return e;
        }
    }
    return std::nullopt;
}

class Analyzer;
// The comptime value of type `t` whose bit pattern is `bits` (a scalar type), builtins.cpp.
Value valueFromBits(Analyzer& a, uint64_t bits, TypeP t, uint32_t node);
// Why a member the SDK's Libraries page lists for a library is refused (the page does not
// say enough to build it), or nothing (builtins.cpp).
std::optional<std::string> refusedLibraryMember(const std::string& modulePath,
                                                const std::string& member);

// Whether code from `start` can run off the end of `code`, leaving through the jumps `exits`,
// a return, or a jump before `start` (analyzer_stmt.cpp).
bool codeEndReachable(const std::vector<sim::Instr>& code, size_t start,
                      const std::vector<size_t>& exits);

class Analyzer {
  public:
    Analyzer(const CompileOptions& o, DiagnosticEngine& d) : opt_(o), diags_(d) {}
    CompileResult run();

    // Used by the library implementations.
    TypeTable types;
    const CompileOptions& opt_;
    DiagnosticEngine& diags_;
    bool wse3() const { return opt_.arch == sim::Arch::Wse3; }

  public:
    std::deque<Module> modules_;
    std::deque<ClassCtx> classes_;
    std::map<std::string, std::shared_ptr<Ast>> asts_; // by resolved path
    std::map<std::string, uint16_t> fileIds_;
    Frame* fr_ = nullptr;
    // A frame of module `m`, current while this lives: for evaluating m's comptime code from
    // wherever the analysis is (a comptime block, a linkname of another module), or, given
    // `fn`, for emitting code into fn (the class's init function, which runs at load time).
    class ModuleFrame {
      public:
        ModuleFrame(Analyzer& analyzer, Module* m, sim::Function* fn = nullptr)
            : a_(analyzer), saved_(analyzer.fr_) {
            frame_.mod = m;
            frame_.fn = fn;
            frame_.comptime = fn == nullptr;
            frame_.scopes.emplace_back();
            a_.fr_ = &frame_;
        }
        ~ModuleFrame() { a_.fr_ = saved_; }
        ModuleFrame(const ModuleFrame&) = delete;
        ModuleFrame& operator=(const ModuleFrame&) = delete;

      private:
        Analyzer& a_;
        Frame* saved_;
        Frame frame_;
    };
    Module* layout_ = nullptr;
    sim::SourceLoc loc_;
    // " (near file:line)" of the code last lowered, for errors that carry no node.
    std::string whereNow() const {
        if (loc_.line == 0 || loc_.file >= diags_.fileCount())
            return {};
        return " (near " + diags_.file(loc_.file).path + ":" + std::to_string(loc_.line) + ")";
    }
    uint64_t comptimeSteps_ = 0;
    // Comptime evaluation is bounded so that a loop that never ends is an error at its
    // line, not a hang. A layout legitimately does work per PE (@set_tile_code and
    // @set_color_config in loops over the rectangle), so the budget grows with the
    // rectangle once @set_rectangle has run: a full wafer (745,500 PEs) gets 3 G steps.
    static constexpr uint64_t kComptimeStepBase = 50'000'000;
    static constexpr uint64_t kComptimeStepsPerPe = 4'000;
    // Each code class (and the layout before them) has its own budget: one shared by the
    // whole compile refused a valid 64x48 layout whose PEs each build a small comptime table.
    // A caller's budget (CompileOptions::maxComptimeSteps) covers the whole compile.
    uint64_t stepBudgetStart_ = 0;
    uint64_t comptimeStepBudget() const {
        return kComptimeStepBase + kComptimeStepsPerPe * uint64_t(width_) * height_;
    }
    uint64_t comptimeStepLimit() const {
        if (opt_.maxComptimeSteps)
            return opt_.maxComptimeSteps;
        return stepBudgetStart_ + comptimeStepBudget();
    }
    [[noreturn]] void stepLimitExceeded(uint32_t node);
    // The comptime loops running (module, loop node), innermost last: a caller's step budget
    // (CompileOptions::maxComptimeSteps) is reported at the loop that used it up.
    std::vector<std::pair<Module*, uint32_t>> comptimeLoops_;
    struct ComptimeLoop {
        Analyzer& a;
        ComptimeLoop(Analyzer& an, uint32_t node) : a(an) {
            a.comptimeLoops_.emplace_back(a.fr_->mod, node);
        }
        ~ComptimeLoop() { a.comptimeLoops_.pop_back(); }
        ComptimeLoop(const ComptimeLoop&) = delete;
        ComptimeLoop& operator=(const ComptimeLoop&) = delete;
    };
    // CompileOptions::cancelled: throws CompileCancelled when set (layout.cpp). eval() polls
    // it every 65,536 steps, the per-PE loops once per row of PEs.
    struct CompileCancelled {};
    void pollCancelled() const;
    int callDepth_ = 0;
    int declDepth_ = 0;                   // declarations being resolved, one inside another
    const Decl* resolvingDecl_ = nullptr; // resolveDecl's declaration and its module
    Module* resolvingDeclMod_ = nullptr;
    // Modules each declaration's initializer imported so far (the second and later ones of
    // one initializer get numbered symbol prefixes).
    std::map<const Decl*, int> importsByDecl_;
    // diagnostics().size() when noteInstanceSource last noted an error.
    size_t instanceNotedAt_ = 0;
    // Comptime calls of functions returning `type`, by function and arguments: calling
    // `pair(i32, u16)` twice gives the same type (the SDK's Types page asserts
    // `@is_same_type(@type_of(my_pair), pair(i32, comptime_string))`).
    std::map<FnDef*, std::vector<std::pair<std::vector<Value>, Value>>> typeFnResults_;
    // The calls being evaluated, innermost last: an error inside a library module's code
    // gets a note naming the innermost call from a user's file (issue 3).
    struct CallSite {
        Module* mod = nullptr;
        uint32_t node = 0;
    };
    std::vector<CallSite> callSites_;
    struct CallSiteScope {
        Analyzer& a;
        CallSiteScope(Analyzer& an, Module* m, uint32_t node) : a(an) {
            a.callSites_.push_back({m, node});
        }
        ~CallSiteScope() { a.callSites_.pop_back(); }
        CallSiteScope(const CallSiteScope&) = delete;
        CallSiteScope& operator=(const CallSiteScope&) = delete;
    };
    static bool isLibraryModule(const Module* m) {
        return m && !m->path.empty() && m->path[0] == '<';
    }

    // Layout results.
    bool rectSet_ = false;
    // The layout file is also a PE program (`@set_tile_code(x, y)` with no file, the
    // Builtins page): its comptime blocks and variables are the PE's, not the layout's.
    bool layoutIsTileCode_ = false;
    bool negatingLiteral_ = false; // evaluating the integer literal under a unary '-'
    void enterCall(const FnDef* f, const char* kind, uint32_t node);
    int callDepthLimit() const {
        return int(opt_.comptimeFuncDepthLimit ? opt_.comptimeFuncDepthLimit
                                               : kDefaultCallDepthLimit);
    }
    std::string readError_; // why readSource last failed

    uint32_t width_ = 0, height_ = 0;
    // The layout's distinct tile codes: a file with params, told apart by paramsKey. A PE
    // keeps only the index of its tile code, not a copy of the params (a full wafer has
    // 745,500 PEs and a handful of tile codes; the copies took 5.8 GB, issue 3).
    struct TileCode {
        std::string file;
        Value params;      // those of the first PE (y-major) that has it: its code class is built
        uint32_t node = 0; // its @set_tile_code call, in `mod`
        Module* mod = nullptr;
        size_t firstPe = 0;
    };
    std::vector<TileCode> tileCodes_;
    std::unordered_map<std::string, uint32_t> tileCodeIndex_; // file + "|" + paramsKey
    // The last tile codes set, with the params they were set with: a PE whose params are
    // identical to one of them (sameValue) has its tile code without building paramsKey
    // (issue 3: neighbouring PEs of a layout loop mostly repeat a few params structs).
    struct RecentTile {
        std::string file;
        Value params;
        uint32_t index = UINT32_MAX;
    };
    std::array<RecentTile, 8> recentTiles_;
    size_t recentTileNext_ = 0;
    // The last color configurations decoded, by the (immutable, shared) elements of the struct
    // they came from: a constant literal (Module::constLiterals) decodes once.
    struct RecentColorConfig {
        std::shared_ptr<const std::vector<Value>> elems;
        std::shared_ptr<const std::vector<std::string>> names;
        sim::ColorConfig cfg;
    };
    std::array<RecentColorConfig, 16> recentColorConfigs_;
    size_t recentColorConfigNext_ = 0;
    static constexpr uint32_t kNoTile = UINT32_MAX;
    std::vector<uint32_t> tiles_;     // per PE (y * width + x): index in tileCodes_
    std::vector<uint32_t> tileNodes_; // per PE: its @set_tile_code call, for "already has code"
    struct ColorCfg {
        uint32_t x, y;
        int color;
        sim::ColorConfig cfg;
    };
    std::vector<ColorCfg> colorCfgs_;
    std::vector<uint32_t> configuredColors_; // per PE of the rectangle: bit c = color c configured
    std::vector<sim::HostSymbol> hostSymbols_;
    std::vector<TypeP> hostSymbolTypes_;
    sim::MemcpyConfig memcpyCfg_;
    std::map<std::string, std::string> paramValues_;

  public:
    // ---- diagnostics -------------------------------------------------------------
    [[noreturn]] void fail(Module* m, uint32_t node, const std::string& msg) {
        const CallSite* caller = nullptr;
        for (auto it = callSites_.rbegin(); isLibraryModule(m) && it != callSites_.rend(); ++it) {
            if (!isLibraryModule(it->mod) && it->mod && it->mod->ast && it->node) {
                caller = &*it;
                break;
            }
        }
        // No user call led here (a library's declarations or comptime blocks): the user's
        // @import_module of the library (or of the library that imported it).
        const Module* importer = nullptr;
        uint32_t importNode = 0;
        for (const Module* lib = m; !caller && isLibraryModule(lib) && lib->importer;
             lib = lib->importer) {
            if (!isLibraryModule(lib->importer) && lib->importer->ast && lib->importNode) {
                importer = lib->importer;
                importNode = lib->importNode;
                break;
            }
        }
        if (m && m->ast && node && caller)
            diags_.errorWithNote(m->fileId, m->ast->beginOffset(node), m->ast->endOffset(node), msg,
                                 caller->mod->fileId, caller->mod->ast->beginOffset(caller->node),
                                 caller->mod->ast->endOffset(caller->node), "called from here");
        else if (m && m->ast && node && importer)
            diags_.errorWithNote(m->fileId, m->ast->beginOffset(node), m->ast->endOffset(node), msg,
                                 importer->fileId, importer->ast->beginOffset(importNode),
                                 importer->ast->endOffset(importNode), "imported from here");
        else if (m && m->ast && node)
            diags_.error(m->fileId, m->ast->beginOffset(node), m->ast->endOffset(node), msg);
        else
            diags_.errorNoLoc(msg);
        throw SemaError{};
    }
    [[noreturn]] void fail(uint32_t node, const std::string& msg) {
        if (node && fieldSite_.structNode && fr_->mod == fieldSite_.mod &&
            (node == fieldSite_.configNode || node == fieldSite_.callNode))
            if (const uint32_t value = fieldValueNode(fieldSite_.structNode, fieldSite_.field))
                node = value;
        fail(fr_->mod, node, msg);
    }
    // While set, errors reported in module `mod` at `configNode` (a configuration struct
    // argument) or `callNode` (the call taking it) are put at the value of `field` where the
    // struct `structNode` is written (fieldValueNode), if it is. FieldSiteScope sets it for a
    // scope; the value is looked up only when an error comes.
    struct FieldSite {
        const Module* mod = nullptr;
        uint32_t configNode = 0, callNode = 0, structNode = 0;
        std::string_view field;
    };
    FieldSite fieldSite_;
    uint32_t fieldValueNode(uint32_t structNode, std::string_view field);
    struct FieldSiteScope {
        Analyzer& a;
        FieldSite saved;
        FieldSiteScope(Analyzer& an, uint32_t configNode, uint32_t structNode,
                       std::string_view field, uint32_t callNode = 0)
            : a(an), saved(an.fieldSite_) {
            if (structNode)
                a.fieldSite_ = {a.fr_->mod, configNode, callNode, structNode, field};
        }
        ~FieldSiteScope() { a.fieldSite_ = saved; }
    };
    void note(Module* m, uint32_t node, const std::string& msg) {
        if (m && m->ast && node)
            diags_.note(m->fileId, m->ast->beginOffset(node), m->ast->endOffset(node), msg);
    }
    void warn(uint32_t node, const std::string& msg) {
        Module* m = fr_->mod;
        if (m && m->ast && node)
            diags_.warning(m->fileId, m->ast->beginOffset(node), m->ast->endOffset(node), msg);
    }
    void print(uint32_t node, const std::string& msg) {
        Module* m = fr_->mod;
        if (m && m->ast && node)
            diags_.print(m->fileId, m->ast->beginOffset(node), m->ast->endOffset(node), msg);
    }
    const Ast& ast() const { return *fr_->mod->ast; }
    const Node& N(uint32_t n) const { return fr_->mod->ast->nodes[n]; }
    std::string tokStr(uint32_t t) const { return std::string(fr_->mod->ast->tokText(t)); }
    // Interned identifiers: scopes and declaration lookups compare 32-bit ids instead of
    // strings, and an identifier token is interned once per module (issue 3: a full-wafer
    // layout looks names up tens of millions of times). Ids start at 1.
    uint32_t nameId(std::string_view name) {
        if (auto it = nameIds_.find(name); it != nameIds_.end())
            return it->second;
        auto it = nameIds_.emplace(std::string(name), uint32_t(names_.size() + 1)).first;
        names_.push_back(&it->first);
        return it->second;
    }
    const std::string& nameOf(uint32_t id) const { return *names_[id - 1]; }
    uint32_t tokId(uint32_t t) {
        Module* m = fr_->mod;
        if (m->tokIds.empty())
            m->tokIds.resize(m->ast->tokens.tokens.size());
        uint32_t& id = m->tokIds[t];
        if (!id)
            id = nameId(m->ast->tokText(t));
        return id;
    }
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> nameIds_;
    std::vector<const std::string*> names_; // by id - 1; keys of nameIds_ (stable)
    // primitive() by interned name: 0 = not asked yet, 1 = no primitive, 2 = primValues_.
    std::vector<uint8_t> primState_;
    std::vector<Value> primValues_;
    const Value* primitiveById(uint32_t id);
    std::span<const uint32_t> L(uint32_t n) const { return fr_->mod->ast->list(n); }
    static const Node& N2(Module* m, uint32_t n) { return m->ast->nodes[n]; }

    // ---- emission ----------------------------------------------------------------
    bool runtime() const { return fr_->fn && !fr_->comptime && fr_->comptimeDepth == 0; }
    ClassCtx* cls() const { return fr_->mod->cls; }
    void setLoc(uint32_t node) {
        if (!node || !fr_->mod->ast)
            return;
        auto [l, c] = diags_.file(fr_->mod->fileId).lineCol(ast().beginOffset(node));
        loc_ = {fr_->mod->fileId, l, uint16_t(std::min<uint32_t>(c, 0xffff))};
    }
    size_t emit(sim::Op op, sim::ScalarType t, uint16_t dst, uint16_t a, uint16_t b, int32_t imm) {
        sim::Function& f = *fr_->fn;
        f.code.push_back({op, t, dst, a, b, imm});
        f.locs.push_back(loc_);
        return f.code.size() - 1;
    }
    size_t here() const { return fr_->fn->code.size(); }
    void patch(size_t at, size_t target) { fr_->fn->code[at].imm = int32_t(target); }
    uint16_t newReg(uint32_t node = 0) {
        sim::Function& f = *fr_->fn;
        if (f.numRegs >= 0xfff0)
            fail(node, "function '" + f.name + "' needs too many registers");
        return f.numRegs++;
    }
    uint16_t newRegs(uint16_t n) {
        sim::Function& f = *fr_->fn;
        uint16_t r = f.numRegs;
        f.numRegs = uint16_t(f.numRegs + n);
        return r;
    }
    uint16_t newDsdReg() { return fr_->fn->numDsdRegs++; }

    // ---- values ------------------------------------------------------------------
    Value mkInt(int64_t v, TypeP t = nullptr) {
        Value x;
        x.k = VK::Int;
        x.i = v;
        x.type = t ? t : types.cintT;
        return x;
    }
    Value mkFloat(double v, TypeP t = nullptr) {
        Value x;
        x.k = VK::Float;
        x.f = t && t->k == TK::Float ? roundToFloatType(v, t) : v;
        x.type = t ? t : types.cfloatT;
        return x;
    }
    Value mkBool(bool b) {
        Value x;
        x.k = VK::Bool;
        x.i = b;
        x.type = types.boolT;
        return x;
    }
    Value mkType(TypeP t) {
        Value x;
        x.k = VK::Type;
        x.tv = t;
        x.type = types.typeT;
        return x;
    }
    Value mkString(std::string s) {
        Value x;
        x.k = VK::String;
        x.s = std::move(s);
        x.type = types.stringT;
        return x;
    }
    Value mkHandle(HandleKind hk, int64_t v) {
        Value x;
        x.k = VK::Handle;
        x.i = v;
        x.type = types.handle(hk);
        return x;
    }
    Value mkVoid() {
        Value x;
        x.type = types.voidT;
        return x;
    }
    Value mkRuntime(uint16_t reg, TypeP t) {
        Value x;
        x.k = VK::Runtime;
        x.reg = reg;
        x.type = t;
        return x;
    }
    Value mkAgg(std::vector<std::string> names, std::vector<Value> elems) {
        Value x;
        x.k = VK::Agg;
        x.type = types.cstructT;
        x.names = std::make_shared<std::vector<std::string>>(std::move(names));
        x.elems = std::make_shared<std::vector<Value>>(std::move(elems));
        return x;
    }
    // An `undefined` array or struct as an aggregate of undefined elements, so a comptime
    // variable declared `= undefined` can be filled element by element.
    Value undefinedAggregate(TypeP t) {
        std::vector<Value> elems;
        std::vector<std::string> names;
        auto undef = [&](TypeP et) {
            Value u;
            u.k = VK::Undef;
            u.type = et;
            return (et->k == TK::Array || et->k == TK::Struct) ? undefinedAggregate(et) : u;
        };
        if (t->k == TK::Array) {
            TypeP sub = t->dims.size() > 1
                            ? types.array(t->elem,
                                          std::vector<uint32_t>(t->dims.begin() + 1, t->dims.end()))
                            : t->elem;
            for (uint32_t i = 0; !t->dims.empty() && i < t->dims[0]; ++i)
                elems.push_back(undef(sub));
        } else if (!t->isUnion) { // an undefined union has no active field
            for (const FieldInfo& f : t->fields) {
                names.push_back(f.name);
                elems.push_back(undef(f.type));
            }
        }
        Value x = mkAgg(std::move(names), std::move(elems));
        if (t->k == TK::Array)
            x.names.reset();
        x.type = t;
        return x;
    }
    Value mkPtr(int64_t addr, TypeP ptrType) {
        Value x;
        x.k = VK::Ptr;
        x.i = addr;
        x.type = ptrType;
        return x;
    }

    // `withInternalFields` false leaves out the fields named with a '$' (a tensor access's
    // own), which a user's @comptime_print has no use for.
    std::string show(const Value& v, bool withInternalFields = true);
    void showTo(std::string& out, const Value& v, bool withInternalFields = true);
    void failIfUndefined(const Value& v, uint32_t node, const char* what, Tok op = Tok::Eof);
    Value typeOnlyStandIn(const Value& v);
    void failIfOtherFp16Format(TypeP t, uint32_t node);
    void failIfFunctionTypedVar(TypeP t, uint32_t node);
    // Type function calls being evaluated: the struct each returns, made before its fields
    // (returnedStruct, evalStructType), for a field's pointer back to it.
    struct TypeCallInProgress {
        FnDef* f = nullptr;
        std::vector<Value> args;
        uint32_t returnedStruct = 0;
        Type* type = nullptr;
    };
    std::vector<TypeCallInProgress> typeCallsInProgress_;
    uint32_t returnedStruct(const FnDef* f);
    TypeP numericPeerType(std::span<const uint32_t> nodes);
    // The type two fixed-width numbers widen to in peer type resolution, or null.
    TypeP widenedPeerType(TypeP a, TypeP b);
    // Branches (if, switch prongs, a labelled block's breaks) meet in the type both coerce
    // to: widenedPeerType's, or a signed type that holds every value of an unsigned one (u8
    // with i16 is i16, whichever comes first; binary operators still refuse the pair).
    TypeP branchPeerType(TypeP a, TypeP b);
    void widenBlockResult(LoopCtx& block, TypeP breakType);
    void failUnlessCaseMatches(const Value& input, const Value& item, uint32_t node);
    bool isBranchFreeValue(uint32_t e);
    void failIfOpaque(TypeP t, uint32_t node);
    void failUnlessTopLevelComptime(const std::string& what, uint32_t node,
                                    const std::string& hint = "");
    // Lowering a function's body (a comptime block there included), not a comptime call.
    bool inFunctionBody() const { return fr_->def && fr_->fn; }
    int64_t asInt(const Value& v, uint32_t node, const char* what);
    bool asBool(const Value& v, uint32_t node);
    TypeP asType(const Value& v, uint32_t node);
    std::string asString(const Value& v, uint32_t node, const char* what);
    int handleId(const Value& v, HandleKind hk, uint32_t node, const char* what);

    // Materialises a value into a register of its (runtime) type.
    uint16_t toReg(const Value& v, uint32_t node);
    // Brings register `reg`, just computed in the container of integer type `t`, back to
    // `t`'s own width when `t` is an arbitrary-width type (u3 + u3 wraps like u8 + u8).
    void wrapToType(uint16_t reg, TypeP t, uint32_t node);
    // The Types page: non-ABI-sized integers (all but 16 and 32 bits) "cannot be used in
    // export or extern declarations or as task parameters". `what` names the user.
    void failUnlessAbiSized(TypeP t, uint32_t node, const std::string& what);
    void failIfFifoAllocation(uint32_t init, const std::string& declaration);
    void noteParamSource(const Module& m, const Decl& d);
    void noteInstanceSource(const Module& m, const Decl& d);
    [[noreturn]] void failExportedTwice(const std::string& name, uint32_t node);
    void failUnlessConfigurableColor(int color, uint32_t node);
    void failUnlessSwitchable(int color, const sim::ColorConfig& cfg, uint32_t node);
    uint32_t dsdExtent(const Value& extent, uint32_t node);
    // The IDs a handle of this kind may hold on the architecture (nullopt: not an ID), as the
    // @get_* builtins and integers taken as IDs check them.
    std::optional<std::pair<int, int>> handleIdRange(HandleKind kind) const;
    void failUnlessIdInRange(HandleKind kind, const std::string& what, int64_t id, uint32_t node);
    // The Storage Classes page's type restrictions for export declarations.
    void failUnlessExportCompatible(TypeP t, uint32_t node, const std::string& what);
    // DSD elements are machine words: "DSD builtins may require ABI-sized types".
    void failUnlessDsdElement(TypeP elem, uint32_t node);
    void failIfElementWidthDiffers(const sim::Dsd& d, uint32_t operandBytes,
                                   const std::string& operand, uint32_t node);
    void failIfReadOnlyDestination(const Value& dsd, const std::string& what, uint32_t node);
    void applyLateDsrConfigs(ClassCtx& c);
    void failIfControlTaskUnblocked(const Value& id, const std::string& what, uint32_t node);
    void failUnlessTaskHandle(const Value& id, const std::string& what, uint32_t node);
    const std::string& onControlAction(const Value& v, uint32_t node);
    int8_t taskSettingId(const Value& v, bool activate, const std::string& what, uint32_t node);
    std::vector<std::pair<std::string, int>> memcpyStreamColors(const Module& getParams);
    void failIfMemcpyStreamColor(int color, uint32_t node);
    void checkMemcpyParams(const Module& getParams);
    // The streams of every <memcpy/get_params> import so far (checkMemcpyParams): a
    // route check per color config must not scan every module of every class.
    std::vector<std::pair<std::string, int>> memcpyStreams_;
    void
    failUnlessAffine(uint32_t node, std::span<const uint32_t> caps,
                     const std::vector<Value>& extents, int64_t base,
                     const std::vector<int64_t>& strides,
                     const std::function<Value(const std::array<int64_t, 4>&, TypeP&)>& addrAt);
    [[noreturn]] void failAddressOf(uint32_t node, const Place& p);
    void warnIfTensorAccessLeavesArray(
        uint32_t node, std::span<const uint32_t> caps, const std::vector<Value>& extents,
        const Place& array,
        const std::function<Value(const std::array<int64_t, 4>&, TypeP&)>& addrAt);
    void noteActivation(int id, uint32_t node);
    Value coerce(const Value& v, TypeP to, uint32_t node, const char* context = nullptr);
    bool canCoerce(const Value& v, TypeP to);
    Value materialize(const Value& v, uint32_t node); // comptime -> runtime register
    // A run-time aggregate's comptime number and bool parts in registers too (pointers,
    // handles and the like stay comptime-known): a `const` struct with a run-time field is a
    // run-time value as a whole, so `@as(u16, s.b)` of its literal -5 keeps the low bits.
    Value materializeNumbers(const Value& v, uint32_t node);

    // ---- modules and declarations ---------------------------------------------------
    Module* loadModule(const std::string& spec, const std::string& fromDir, const Value& params,
                       Module* importer, uint32_t node, ClassCtx* cls, const std::string& prefix);
    std::shared_ptr<Ast> loadAst(const std::string& path, const std::string& shownPath,
                                 uint16_t& fileId);
    void indexDecls(Module* m);
    Value resolveDecl(Module* m, Decl& d, uint32_t useNode);
    Value bindExtern(Module* m, Decl& d, TypeP t);
    bool lookup(uint32_t nameId, Binding** b, Value& out, uint32_t node);
    Value identValue(uint32_t node);
    std::optional<Value> primitive(const std::string& name);
    // Every name an identifier here could mean: locals, the module's declarations and the
    // primitives (for "did you mean").
    std::vector<std::string_view> namesInScope() const;
    FnDef* exportedFunctionFor(Module* m, const Decl& d, FnDef* externDef);
    void claimSymbol(const Module& m, const std::string& symbol, bool linked, const Decl& d);
    Decl* findDecl(Module* m, const std::string& name) {
        auto it = m->decls.find(name);
        return it == m->decls.end() ? nullptr : &it->second;
    }
    // Code lowered only to check the tile file (a function nothing uses) references nothing.
    bool checkingUnusedCode_ = false;
    // Analysing the second or a later unrolled copy of a run-time loop's body.
    bool repeatingUnrolledBody_ = false;
    bool inLayoutBlock_ = false; // evaluating the layout file's layout block
    // A declaration or function the tile file's check resolved or lowered, with its
    // diagnostics [first, last).
    struct UnusedCheck {
        const Decl* decl;
        Module* mod;
        size_t first, last;
    };
    void demoteArchErrorsOfUnusedCode(const ClassCtx& c, const std::vector<UnusedCheck>& checks,
                                      size_t classFirstDiagnostic);
    // The diagnostics (by index) that are errors only on the architecture compiled for.
    std::set<size_t> archErrors_;
    // An error only because of the architecture compiled for (a WSE-3 builtin on WSE-2): in a
    // declaration or function nothing uses (the other architecture's code) the tile file's
    // check keeps it a warning, as the SDK's cslc does not analyse such code.
    [[noreturn]] void failOnThisArch(uint32_t node, const std::string& message) {
        const size_t index = diags_.diagnostics().size();
        try {
            fail(node, message);
        } catch (SemaError&) {
            if (diags_.diagnostics().size() > index)
                archErrors_.insert(index);
            throw;
        }
    }
    void noteReference(Decl& d) const {
        if (!checkingUnusedCode_)
            d.referenced = true;
    }
    static Decl* findDecl(Module* m, uint32_t nameId) {
        auto it = m->declById.find(nameId);
        return it == m->declById.end() ? nullptr : it->second;
    }
    uint32_t allocate(uint32_t size, uint32_t align, const std::string& symbol, TypeP type,
                      uint32_t node);
    void writeInit(uint32_t addr, const Value& v, TypeP t, uint32_t node);
    uint32_t constStorageOf(const Value& v, uint32_t node);
    uint32_t readOnlyStorage(const Value& v, TypeP t, uint32_t node);
    Place readOnlyCopy(const Value& v, TypeP t, uint32_t node);
    void storeAt(uint32_t addr, TypeP t, const Value& v, uint32_t node);
    // Stack frames of recursive functions (stack_frames.cpp).
    std::map<const Ast*, std::set<uint32_t>> recursiveFnNodes_;
    bool callsItselfByName(const FnDef* f);
    void openStackFrame(FnDef* f, uint32_t node);
    void closeStackFrame(FnDef* f);
    void setStackLimits(ClassCtx& c);
    // Memory for a local of the function being lowered: in its stack frame if it has one,
    // else at a fixed address.
    MemoryHome localHome(uint32_t size, uint32_t align, const std::string& symbol, TypeP t,
                         uint32_t node);
    static Place homePlace(const MemoryHome& home, TypeP t);
    // Aggregates too large for registers (memory_aggregates.cpp): a snapshot of `from` in a
    // home of its own, the place of such a snapshot, and a copy of src's bytes to dst
    // (an error naming both types unless they are the same).
    Value memoryAggregate(const Place& from, uint32_t node);
    static Value memoryAggregateAt(const MemoryHome& home, TypeP t);
    static Place memoryAggregatePlace(const Value& v, bool mut);
    void copyMemory(const Place& dst, const Place& src, uint32_t node);
    // The place of identifier `node` when it names such an aggregate in memory, so that
    // `a = b;` and `return b;` copy from it directly.
    std::optional<Place> largeVariable(uint32_t node);
    // The place of a large result's home (made at the first result of type t).
    Place memoryResultPlace(std::optional<Value>& home, TypeP t, uint32_t node);
    // A home for a large temporary of type t (a spare one of the function's if it has one),
    // and the giving back of a temporary the code has used up (a call's argument copy after
    // the call, an assigned value after the assignment).
    MemoryHome temporaryHome(TypeP t, const std::string& what, uint32_t node);
    void releaseTemporary(const Value& v);
    // A return, which first gives back the function's stack frame if it has one.
    void emitReturn(sim::ScalarType type, uint16_t value);
    void encodeValue(std::vector<uint8_t>& out, size_t at, const Value& v, TypeP t, uint32_t node);
    void ensureStorage(Module* m, Decl& d, uint32_t node);

    // ---- packed structs with bit fields (packed.cpp) ---------------------------------
    // Lays out packed struct `t`'s field `fi` after the fields before it (`bits` so far).
    void layOutPackedField(Type* t, FieldInfo& fi, uint32_t& bits, uint32_t node);
    void finishPackedLayout(Type* t, uint32_t bits, uint32_t node);
    // The place of field `f` of the struct at place `base` in memory.
    Place memberPlace(const Place& base, const FieldInfo& f);
    Value loadBitField(const Place& p, uint32_t node);
    void storeBitField(const Place& p, const Value& v, uint32_t node);
    // A value of type `t` from `t`'s bits at `bitOffset` of register `container` (of
    // unsigned integer type `ct`), and the reverse: `v`'s bits put into `container`.
    Value extractBits(uint16_t container, TypeP ct, uint32_t bitOffset, TypeP t, uint32_t node);
    void insertBits(uint16_t container, TypeP ct, uint32_t bitOffset, TypeP t, const Value& v,
                    uint32_t node);
    // A comptime value's bits as packed in memory (scalars, enums, packed structs).
    uint64_t packedBitsOf(const Value& v, TypeP t, uint32_t node);
    // @bitcast where the target or the operand is a packed struct (of the same bit count).
    Value bitcastPacked(TypeP t, const Value& v, uint32_t node);
    Value valueFromPackedBits(uint64_t bits, TypeP t, uint32_t node);

    // ---- unions (unions.cpp) --------------------------------------------------------
    Value coerceToUnion(const Value& v, TypeP to, uint32_t node);
    // Union value `u` with field `f` active: itself, or its bytes read as `f` (extern and
    // packed unions; a bare union's inactive field is an error at comptime).
    Value unionAs(const Value& u, const FieldInfo& f, uint32_t node);
    static const FieldInfo* unionField(TypeP u, const std::string& name);
    // The field a union value read as a whole from memory is carried in.
    const FieldInfo& wholeUnionField(TypeP u, uint32_t node);
    Value decodeValue(const std::vector<uint8_t>& bytes, size_t at, TypeP t, uint32_t node);

    // ---- evaluation ----------------------------------------------------------------
    Value eval(uint32_t node, TypeP expected = nullptr);
    Value evalComptime(uint32_t node, TypeP expected = nullptr, const char* why = nullptr);
    bool inferredLength(uint32_t node);
    uint32_t declAlign(Module* m, const Decl& d, TypeP t);
    uint32_t declaredAlign(uint32_t alignNode, TypeP t);
    uint32_t allocateDecl(Module* m, const Decl& d, TypeP t, uint32_t node);
    uint32_t allocateInSection(uint32_t size, uint32_t align, const std::string& symbol, TypeP type,
                               uint32_t node, const std::string& section, uint32_t start);
    void addSymbol(uint32_t address, uint32_t size, const std::string& symbol, TypeP type);
    std::string declSymbol(Module* m, const Decl& d);
    TypeP evalType(uint32_t node);
    Value evalBinary(uint32_t node, TypeP expected);
    // The type of expression `node`, evaluated with the code it emits dropped (@type_of).
    TypeP typeWithoutCode(uint32_t node);
    Value shortCircuit(Tok op, const Value& a, uint32_t leftNode, uint32_t rightNode,
                       uint32_t node);
    Value evalUnary(uint32_t node, TypeP expected);
    Value evalIf(uint32_t node, TypeP expected);
    Value evalSwitch(uint32_t node, TypeP expected);
    Value evalBlockExpr(uint32_t node, TypeP expected);
    Value evalInit(uint32_t node, TypeP expected);
    Value evalInitUncached(uint32_t node, TypeP expected);
    bool constantLiteral(uint32_t node); // see Module::constLiterals
    bool constantOperand(uint32_t node);
    Value evalCall(uint32_t node, TypeP expected);
    Value evalField(uint32_t node);
    Value evalIndex(uint32_t node);
    Value evalStructType(uint32_t node, Type* into = nullptr);
    Value floatToInt(double f, TypeP to, uint32_t node);
    Place storedConst(const Place& declared, uint32_t node);
    Value evalEnumType(uint32_t node);
    Value evalTensorAccess(uint32_t node);
    Value coerceLiteral(const Value& v, TypeP expected, uint32_t node);
    Value evalFieldOf(const Value& base, const std::string& field, uint32_t node,
                      uint32_t baseNode);
    Value addrValue(const Place& p, uint32_t node);
    Place fieldPlace(Place base, const std::string& fname, uint32_t node, uint32_t baseNode);
    [[noreturn]] void failUndeclared(uint32_t node, const std::string& name);
    Value aggregateRegs(TypeP t, uint32_t node);
    // Moves struct or array `v` into `result`'s registers (false: `v`'s type has parts with
    // no run-time form, so it can only be a comptime result), and the block's final value.
    bool addAggregateResult(AggregateResult& result, const Value& v, uint32_t node);
    static std::optional<Value> aggregateResultValue(const AggregateResult& result);
    bool isPlainBlock(uint32_t node) const;
    // Whether the run-time code of a block from `start` falls through to the function's
    // current end (codeEndReachable).
    bool blockEndReachable(size_t start, const std::vector<size_t>& exits) const;
    Value importJson(const std::string& text, TypeP t, const std::string& file, uint32_t node);
    void moveAggregate(const Value& dst, const Value& v, uint32_t node);
    // A break/continue/return met inside an expression-position block at comptime.
    std::optional<Flow> pendingFlow_;
    // The latest `if` whose condition was comptime-known and the branch it took (0: none),
    // so that run-time code after `if (comptime_cond) return x;` is not analysed when the
    // branch ends in a jump (Zig's Sema stops at a noreturn; generic code relies on it).
    uint32_t comptimeIfNode_ = 0, comptimeIfBranch_ = 0;
    // Inside @type_of's operand at comptime: variables in memory or registers are not read,
    // only typed, so `@type_of(count)` of a run-time global works there too.
    int typeOnly_ = 0;
    bool endsInJump(uint32_t block) const;
    bool divertsUnconditionally(uint32_t stmt) const;
    // While evaluating a tensor access: indices probe past the extent (no bounds checks)
    // and comptime arrays get SRAM homes so the DSD can address them.
    bool tensorAccessMode_ = false;
    // Run-time statements abandoned after an error (reported, at the statement or where a
    // declaration it uses failed): a block or inline call that then has no result fails too,
    // rather than giving 'void' to its user.
    size_t abandonedStatements_ = 0;
    // DSD operations whose '.activate', '.unblock' or '.on_control' names a task function;
    // resolved once the class's task bindings are known.
    // Where a task named by its function goes once binding gives it an ID: a field of
    // dsdOps[index], or (FifoPush/FifoPop) of fifos[index].
    enum class TaskField : uint8_t { Activate, Unblock, OnControl, FifoPush, FifoPop };
    std::vector<std::tuple<ClassCtx*, size_t, FnDef*, uint32_t, Module*, TaskField>>
        activateFixups_;
    Value load(const Place& p, uint32_t node);
    Place place(uint32_t node);
    Place placeOf(uint32_t node); // place() before a large aggregate value becomes memory
    // `indices`: the index expressions' values when the caller evaluated them already (they
    // may call functions: evaluated twice, `xs[next() % 3]` called next() twice).
    Place indexPlace(Place base, uint32_t node, const std::vector<Value>* indices = nullptr);
    void store(const Place& p, const Value& v, uint32_t node);
    Value addressOf(uint32_t node);
    // `&v` of a struct or array value (no variable holds it): a read-only copy's address.
    Value aggregateValueAddress(const Value& v, uint32_t node);
    Value binop(Tok op, Value a, Value b, uint32_t node, TypeP expected);
    Value foldBinary(Tok op, const Value& a, const Value& b, TypeP t, uint32_t node);

    // ---- statements ----------------------------------------------------------------
    Flow execBlock(uint32_t node);
    Flow execStmt(uint32_t node);
    Flow execStmts(std::span<const uint32_t> stmts);
    void declareLocal(uint32_t node);
    Flow execAssign(uint32_t node);
    Flow execWhile(uint32_t node);
    Flow execFor(uint32_t node);
    // Runs one pass of a loop's body under its break/continue context, with its continues
    // patched to here; the context tells the caller the breaks to patch.
    LoopCtx loopBody(const std::string& label, const std::function<void()>& body);
    Flow execReturn(uint32_t node);
    Flow execBreak(uint32_t node, bool isBreak);
    // Scopes are recycled with their capacity: a layout loop body opens one per PE.
    std::vector<Scope> scopePool_;
    void pushScope() {
        if (scopePool_.empty()) {
            fr_->scopes.emplace_back();
            return;
        }
        fr_->scopes.push_back(std::move(scopePool_.back()));
        scopePool_.pop_back();
    }
    void popScope() {
        Scope& s = fr_->scopes.back();
        s.clear();
        if (scopePool_.size() < 64)
            scopePool_.push_back(std::move(s));
        fr_->scopes.pop_back();
    }
    void bind(uint32_t nameId, Binding b) {
        if (boundLocally_.size() <= nameId)
            boundLocally_.resize(nameId + 1, 0);
        boundLocally_[nameId] = 1;
        fr_->scopes.back().names.push_back(nameId);
        fr_->scopes.back().bindings.push_back(std::move(b));
    }
    // Names ever bound in a scope: lookups of the others (module declarations, primitives)
    // skip the scan of the scopes.
    std::vector<uint8_t> boundLocally_;
    void bind(const std::string& name, Binding b) { bind(nameId(name), std::move(b)); }

    // ---- functions -------------------------------------------------------------------
    FnDef* fnDef(Module* m, uint32_t node);
    TypeP fnType(FnDef* f);
    int32_t lowerFunction(FnDef* f, uint32_t useNode);
    Value callFunction(FnDef* f, std::vector<Value> args, std::vector<uint32_t> argNodes,
                       uint32_t node, TypeP expected);
    Value callComptime(FnDef* f, std::vector<Value> args, uint32_t node);
    Value callRuntime(FnDef* f, std::vector<Value> args, std::vector<uint32_t> argNodes,
                      uint32_t node);
    // A run-time call of f as a function of its own (lowered once).
    Value callLowered(FnDef* f, std::span<const Value> args, std::span<const uint32_t> argNodes,
                      uint32_t node);
    Value evalCallIndirect(const Value& callee, std::span<const uint32_t> argNodes, uint32_t node);
    // The registers of a run-time call to a function of type ft: scalar arguments by value,
    // struct and array arguments (passedByCopy) as the address of a copy the caller makes,
    // then the address of the copy a struct or array result is written to.
    struct CallRegisters {
        uint16_t first = kNoReg;
        uint16_t count = 0;
        std::optional<MemoryHome> resultCopy;
    };
    CallRegisters callArguments(TypeP ft, std::span<const Value> args,
                                std::span<const uint32_t> argNodes, uint32_t node);
    // The register of a call's scalar result, or kNoReg (void, or a result copy).
    uint16_t callResultRegister(TypeP ft, const CallRegisters& regs, uint32_t node);
    // The value of a call to a function of type ft: its result register `dst`, or what it
    // wrote to the result copy.
    Value callResult(TypeP ft, uint16_t dst, const CallRegisters& regs, uint32_t node);
    uint32_t mapScratchWord(TypeP elem, uint32_t node);
    void moveOneWavelet(TypeP elem, uint32_t scratch, uint16_t fabric, bool receive, uint32_t node);
    Value mapBuiltin(uint32_t node);
    sim::DsdKind mapDsrContents(const Value& dsr, bool input, uint32_t node);
    // Run-time recursion of generic functions (generic_instances.cpp): the instance of f
    // for these arguments when f calls itself by name and the instance can be a run-time
    // function (else nullptr: f is expanded at the call), binding an instance's comptime
    // parameter i (false for a run-time one), and a call of an instance.
    FnDef* genericInstance(FnDef* f, const std::vector<Value>& args);
    bool bindInstanceComptime(const FnDef* instance, size_t i, uint32_t paramNode);
    Value callInstance(FnDef* instance, const std::vector<Value>& args,
                       const std::vector<uint32_t>& argNodes, uint32_t node);
    Value callInline(FnDef* f, std::vector<Value> args, std::vector<uint32_t> argNodes,
                     uint32_t node);
    void collectAddrTaken(Module* m, uint32_t node, std::set<std::string>& out);
    void checkRecursion(ClassCtx& c);
    // By function index: reached from run-time roots (functions not lowered only to check
    // the tile file) through calls.
    std::vector<bool> reachableFunctions(const ClassCtx& c) const;
    sim::Function& initFunction();

    // ---- builtins (builtins.cpp) -----------------------------------------------------
    Value builtin(uint32_t node, TypeP expected);
    Value dsdOp(const std::string& name, uint32_t node);
    void moveDsdInto(uint16_t dsd, const Value& v, uint32_t node); // analyzer_eval.cpp
    bool isDsdOpCall(uint32_t node) const;
    // The type of @fp16(): the run-time 16-bit float format (--fp16-format).
    TypeP fp16Type() const {
        return opt_.fp16Format == "bf16"   ? types.bf16
               : opt_.fp16Format == "cb16" ? types.cb16
                                           : types.f16;
    }
    void noteFabricQueueUse(const Value& v, uint32_t node);
    // @as(E, v) for an enum type E: v an integer (comptime: a member's value) or
    // another enum's value.
    Value integerToEnum(const Value& v, TypeP enumType, uint32_t node, uint32_t argNode);
    uint32_t dsrSlot(const Value& dsr, uint32_t node);
    // Whether a DSD operation with operands `vals` reaches the fabric through a DSR, whose
    // @load_to_dsr then gives its asynchronous settings (dsdOp): one loaded with a fabric DSD
    // so far, or one no load has named yet while the operation has no fabric DSD of its own.
    enum class DsrFabricOperand { None, Loaded, Unloaded };
    DsrFabricOperand dsrFabricOperand(const std::vector<Value>& vals);
    Value getDsd(uint32_t node);
    uint16_t elementsToBytes(const Value& elements, uint32_t elementBytes, uint32_t node);
    Value dsdToOperandReg(const Value& v, uint32_t node, uint16_t& dreg);
    int stringIndex(const std::string& s);
    std::array<uint32_t, 4> fabricGeometry() const; // fabric width, height, offset x, y
    void checkFabricHoldsRectangle();
    void layoutBuiltin(const std::string& name, uint32_t node, Value& result);
    sim::ColorConfig colorConfig(const Value& cfg, uint32_t node);
    Value libCall(Module* lib, const std::string& fn, std::vector<Value> args,
                  std::vector<uint32_t> argNodes, uint32_t node);
    Value libMember(Module* lib, const std::string& name, uint32_t node);

    // ---- queue reuse (queues.cpp) and simprint formats (simprint_fmt.cpp) --------------
    uint32_t queueFlushFlagsAddr(uint32_t node);
    uint16_t queueFlushBit(int queue, uint32_t node); // nonzero while the flush state is set
    void setQueueFlushBit(int queue, bool on, uint32_t node);
    int32_t teardownFunction(uint32_t node); // creates $teardown (task 29)
    Value setEmptyQueueHandler(std::span<const uint32_t> args, uint32_t node);
    Value queueFlush(std::span<const uint32_t> args, uint32_t node);
    Value queuesLibCall(const std::string& fn, const std::vector<Value>& args,
                        const std::vector<uint32_t>& argNodes, uint32_t node);
    Value getXdsr(std::span<const uint32_t> args, uint32_t node);      // dsr_registers.cpp
    Value getCircbufDsd(const Value& cfg, TypeP kt, uint32_t cfgNode); // circbuf.cpp
    void bindTask(const std::string& name, HandleKind want, const Value& f, const Value& id,
                  std::span<const uint32_t> args, uint32_t node,
                  int controlQueue = -1);                                     // tasks.cpp
    ClassCtx* wse3TileComptime(const char* name, uint32_t node);              // tasks.cpp
    Value setControlTaskTable(std::span<const uint32_t> args, uint32_t node); // tasks.cpp
    Value bindRotatingTasks(std::span<const uint32_t> args, uint32_t node);   // tasks.cpp
    void placeControlTasks(ClassCtx& c);                                      // tasks.cpp
    Value loadToDsrXdsr(std::span<const uint32_t> args, uint32_t node);       // circbuf.cpp
    Value getSr(std::span<const uint32_t> args, uint32_t node);               // dsr_registers.cpp
    void checkFifoConfig(const Value& cfg, uint32_t node, sim::FifoDesc& fd); // dsr_registers.cpp
    Value loadToDsrXdsrSr(std::span<const uint32_t> args, uint32_t node);     // dsr_registers.cpp
    void loadToDsr(const std::string& name, const Value& dsr, const Value& d, const Value& cfg,
                   std::span<const uint32_t> args, uint32_t node); // builtins.cpp
    void checkFifoRegisters(const Value& cfg, uint32_t node);
    Value comptimeConfigRegister(const std::string& name, std::span<const uint32_t> args,
                                 uint32_t node); // config_registers.cpp
    Value configRegisterBuiltin(const std::string& name, std::span<const uint32_t> args,
                                uint32_t node); // config_registers.cpp
    Value fifoLengthBuiltin(const std::string& name, std::span<const uint32_t> args,
                            uint32_t node); // fifo_lengths.cpp
    // rpc_symbols.cpp: @get_symbol_id, @get_symbol_value, @get_tensor_ptr,
    // @has_exported_tensors over the class's @export_symbol calls.
    Value rpcBuiltin(const std::string& name, std::span<const uint32_t> args, uint32_t node);
    void recordRpcExport(const std::string& name, const Place& p, uint32_t node);
    void finishRpcSymbols(ClassCtx& c, Module* m);
    Value simprintFmt(const std::string& fn, const std::vector<Value>& args,
                      const std::vector<uint32_t>& argNodes, uint32_t node);

    // ---- driver ------------------------------------------------------------------------
    void evalLayout();
    void buildClass(const TileCode& t, ClassCtx& c);
    void runComptimeBlocks(Module* m);
    void checkLayout();
    // A source file's text (CompileOptions::readFile first), or nullopt with readError_.
    std::optional<std::string> readSource(const std::string& path);
    Value layoutParams(uint32_t node);
    bool givenOnCommandLine(const std::string& name) const;
    std::string paramsKey(const Value& params);
};

} // namespace csl::sema
