// Internal structures of the analyzer (shared by the analyzer's .cpp files only).
#pragma once

#include "backend/csl/diag/diagnostics.h"
#include "backend/csl/parse/ast.h"
#include "backend/csl/sema/types.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace csl::sema {

struct SemaError {}; // thrown after a diagnostic to abandon the current item

// The key of a DSR handle in ClassCtx's DSR maps.
inline int dsrKey(const Value& dsr) {
    return int(dsr.type->hk) * 256 + int(dsr.i);
}

inline bool isDsrHandle(HandleKind k) {
    return k == HandleKind::DsrDest || k == HandleKind::DsrSrc0 || k == HandleKind::DsrSrc1 ||
           k == HandleKind::DsrFifoDest || k == HandleKind::DsrFifoSrc1;
}

struct ClassCtx;

struct Decl {
    std::string name;
    uint32_t node = 0;
    enum class State : uint8_t { Unresolved, InProgress, Done } state = State::Unresolved;
    bool isVar = false, isParam = false, isFn = false;
    Value value;             // const/param/fn: the comptime value; var: initial value
    TypeP type = nullptr;    // var type
    bool hasStorage = false; // a var (or materialised const) in SRAM
    uint32_t address = 0;
    bool dsdVar = false; // a var of DSD type, stored in SRAM
    bool failed = false; // its declaration had an error (already reported)
    // Named by code that is compiled (not only by a function nothing uses): the SDK's
    // compiler analyses such declarations only, so the tile file's check keeps errors of
    // the others as warnings.
    bool referenced = false;
    // A const struct type while its fields are evaluated: what its own name gives there.
    Type* incompleteType = nullptr;
};

// Where a function's local lives in SRAM: at a fixed address (base 0xffff, no register), or
// at `offset` from the frame pointer register `base` of a function with a stack frame.
struct MemoryHome {
    uint16_t base = 0xffff;
    uint32_t offset = 0;
};

// A recursive function's stack frame: its memory locals are addressed from a frame pointer,
// so each activation has its own (static homes are overwritten by a nested call). The stack
// grows down from the top of PE memory; `$stack.depth` holds the bytes in use.
struct StackFrame {
    uint16_t framePointer = 0xffff;
    uint16_t depthOnEntry = 0xffff; // the register holding $stack.depth as the call found it
    uint32_t bytes = 0;             // the frame's size so far
    size_t sizeInstruction = 0;     // the Imm of the frame's size, set when the body is done
};

struct FnDef {
    Module* mod = nullptr;
    uint32_t node = 0;
    std::string name;
    bool isTask = false, isInline = false, generic = false;
    std::string genericBecause; // why a generic function is expanded at each call
    // Expanded only because it takes or returns a struct or array by value: a call stands
    // for a run-time call, so scalar arguments and the result are run-time values there
    // (an argument of 74 to a u8 `b * b` wraps at run time instead of failing to fold).
    bool expandedAsCall = false;
    TypeP type = nullptr; // non-generic functions
    int32_t index = -1;   // index in the class's functions once lowered
    std::vector<int32_t> callees;
    // The function types it calls through pointers, and whether its own address is used (a
    // function pointer value): checkRecursion follows such calls to such functions.
    std::vector<TypeP> pointerCallTypes;
    bool usedAsValue = false;
    // Lowered only because the tile file is checked whole, not for any run-time use: its
    // calls count for recursion only when run-time code reaches it.
    bool loweredForChecking = false;
    // Comptime code has called it: the tile file's check does not lower it as run-time code
    // (run-time calls still do).
    bool calledAtComptime = false;
    // The static copies its calls pass structs and arrays in (passedByCopy): one per type
    // and argument position, and one per result type, shared by all its call sites. A copy
    // is written after every argument of its call is evaluated and read only while that
    // call runs, and the callee's own calls use the callee's copies.
    std::map<std::pair<TypeP, size_t>, std::optional<MemoryHome>> argumentCopies;
    std::map<TypeP, std::optional<MemoryHome>> resultCopies;
    // Set for a function that calls itself by name, directly or through other functions of
    // its file (the only recursion known before its body is lowered).
    std::optional<StackFrame> stackFrame;
    // How many of its locals (variables, copies) it keeps at fixed addresses: a call cycle
    // through it would overwrite them (checkRecursion).
    uint32_t staticHomes = 0;
    // A generic function that calls itself by name is called at run time through instances
    // (generic_instances.cpp), by their comptime arguments and anytype types. An instance
    // has `instanceOf` set, and per parameter its comptime value (bound, no register) or,
    // for an anytype one, its run-time type.
    std::vector<std::pair<FnDef*, bool>> instances; // with whether a run-time call carries it
    int instancesInProgress = 0; // instances being lowered, nested (callInstance)
    // Why it calls itself by name yet stays expanded (no instance could be made).
    std::string expandedForRecursionBecause;
    FnDef* instanceOf = nullptr;
    // Fixed homes of large temporaries (memory_aggregates.cpp) its code no longer uses, by
    // (size, alignment): a later temporary of its own takes one instead of new memory.
    std::multimap<std::pair<uint32_t, uint32_t>, uint32_t> spareTemporaries;
    std::vector<std::optional<Value>> instanceComptime;
    std::vector<TypeP> instanceTypes;
};

struct Module {
    std::string path; // as shown in diagnostics
    std::string dir;  // directory for relative imports
    std::string lib;  // built-in library name ("memcpy/memcpy"), empty for CSL files
    // A `<library>` module, built in or written in CSL (its path is the `<name>`).
    bool isLibrary() const { return !lib.empty() || (!path.empty() && path.front() == '<'); }
    // The module whose @import_module made this one, and that call's node (0 for the
    // layout): a library's error names the user's import when no user call led to it.
    Module* importer = nullptr;
    uint32_t importNode = 0;
    std::shared_ptr<Ast> ast;
    uint16_t fileId = 0;
    std::map<std::string, Decl> decls;
    std::vector<std::string> declOrder;
    // The names of decls, as "did you mean" takes them.
    std::vector<std::string_view> declNames() const { return {declOrder.begin(), declOrder.end()}; }
    // decls by interned name (Analyzer::nameId), filled by indexDecls: scope misses end in
    // a module lookup, which a full-wafer layout does millions of times (issue 3).
    std::unordered_map<uint32_t, Decl*> declById;
    // Interned name of each token of ast (0: not interned yet), see Analyzer::tokId.
    std::vector<uint32_t> tokIds;
    // Field names of the named struct literals (by node) evaluated in this module.
    std::unordered_map<uint32_t, std::shared_ptr<const std::vector<std::string>>> initNames;
    // Struct and tuple literals made only of literals and primitive names (a color config
    // `.{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } }`) evaluate to the same value every
    // time: at comptime it is evaluated once and then copied, counting the same steps
    // (issue 3). By node; std::nullopt: the literal is not constant.
    struct ConstLiteral {
        Value value;
        uint64_t steps = 0; // evaluation steps its evaluation took
    };
    std::unordered_map<uint32_t, std::optional<ConstLiteral>> constLiterals;
    std::map<std::string, Value> params;
    Value libParams;    // the struct a library module was imported with
    std::string prefix; // symbol prefix ("sys_mod.")
    ClassCtx* cls = nullptr;
    std::deque<FnDef> fns;
    std::deque<FnDef> instances; // of its generic functions (FnDef::instances)
    std::map<uint32_t, FnDef*> fnByNode;
    bool isLayout = false;
    std::map<std::string, Value> libState; // per-instance values of built-in libraries
    std::vector<Value> memcpyColumnParams; // <memcpy/get_params>: get_params(x) by column x
};

constexpr uint32_t kNoQueueFlushAddr = UINT32_MAX; // $queue_flush not allocated yet
// How deep module instances may nest (layout -> tile file -> module -> ...): far past any
// real program, short of the C++ stack a self-importing module would exhaust.
constexpr size_t kMaxImportDepth = 48;

struct ClassCtx {
    sim::CodeClass cc;
    std::vector<Module*> modules; // the modules loaded for this class, in load order
    std::set<std::pair<bool, int>> initializedQueues; // @initialize_queue: (input?, queue)
    // A fabric DSD whose queue must have an @initialize_queue (checked when the class is
    // done): its queue (input for a fabin_dsd, output for a fabout_dsd), module and node.
    struct FabricQueueDsd {
        bool input;
        int queue;
        Module* mod;
        uint32_t node;
    };
    // Fabric DSDs loaded to DSRs (the DSRs page).
    std::vector<FabricQueueDsd> fabricDsrLoads;
    // A top-level comptime block of the class stopped at an error (its later binds never ran).
    bool comptimeBlockStopped = false;
    // WSE-3 fabric DSDs that name a `.fabric_color`: their queue and that color, checked
    // against the queue's @initialize_queue color when the class is done.
    struct NamedFabricColor {
        bool input;
        int queue;
        int color;
        Module* mod;
        uint32_t node;
    };
    std::vector<NamedFabricColor> namedFabricColors;
    // Where each @export_symbol of the class is, for the notes of an export made twice.
    struct ExportSite {
        Module* mod;
        uint32_t node;
    };
    std::map<std::string, ExportSite> exportSites;
    std::set<std::string> debugKeys; // the keys of this class's <debug> instances
    // @activate calls with a comptime-known local task ID: checked to be bound when the
    // class is done (the Builtins page: "bound to a local task").
    struct Activation {
        Module* mod;
        uint32_t node;
        int id;
        int32_t function; // the lowered function it is in (-1: load time)
    };
    std::vector<Activation> activations;
    // WSE-3 control task bindings, placed when the class is done (placeControlTasks).
    struct ControlBind {
        int id;
        int queue; // >= 0: control task ID `id` of that input queue's table (rotating tasks)
        int32_t function;
        std::string name;
        Module* mod;
        uint32_t node;
    };
    std::vector<ControlBind> controlBinds;
    // WSE-3 fabric DSDs that operations use and data tasks, by queue (input?, queue), where
    // first: a queue
    // with no @initialize_queue gives them no color (checked when the class is done).
    struct QueueUse {
        Module* mod;
        uint32_t node;
        std::string what; // "this fabin_dsd operand", "this data task", ...
    };
    std::map<std::pair<bool, int>, QueueUse> fabricQueueUses;
    std::map<uint16_t, uint16_t> comptimeConfig; // @set_config in comptime blocks: address -> value
    std::deque<sim::Function> funcs;             // stable while lowering; moved into cc at the end
    uint32_t nextAddress = 0;
    // --link-section-start-address-bytes: the next free address of each placed link section
    // and the byte ranges [begin, end) its globals hold (other allocations skip them).
    std::map<std::string, uint32_t> sectionNext;
    std::vector<std::pair<uint32_t, uint32_t>> fixedRanges;
    uint32_t fixedEnd = 0;
    std::vector<FnDef*> fnOfIndex;
    int32_t initFn = -1;
    // @set_teardown_handler: a synthesized local task on the teardown task ID that calls the
    // handler of every color that is in teardown mode.
    int32_t teardownFn = -1;
    std::set<int> teardownColors;
    // @set_empty_queue_handler: output queues with a handler; the teardown task calls a
    // queue's handler while its flush state ($queue_flush, queues.cpp) is set.
    std::set<int> emptyQueueHandlers;
    uint32_t queueFlushAddr = kNoQueueFlushAddr;
    // `$stack.depth`, once a function with a stack frame is lowered, and the Imm of each
    // frame's stack limit (function, instruction), set when the class's memory is known.
    std::optional<uint32_t> stackDepthAddr;
    std::unordered_map<std::string, size_t> symbolNameUses; // addSymbol's unique names
    std::vector<std::pair<int32_t, size_t>> stackLimitInstructions;
    std::map<std::string, int> strings;
    std::set<int> xdsrIds; // @get_xdsr: each identifier once per code class
    // Symbol names of global variables and functions: the declaration that claimed each,
    // its module, and whether it is export or extern (Analyzer::claimSymbol).
    struct SymbolClaim {
        const Decl* decl;
        const Module* mod;
        bool linked;
    };
    std::map<std::string, SymbolClaim> declSymbols;
    std::set<int> blockedIds, unblockedIds;
    // DSRs are modelled as SRAM slots holding a DSD; the configuration given to the
    // latest @load_to_dsr of a DSR (in emission order) applies to operations using it.
    std::map<int, uint32_t> dsrSlots;
    uint32_t mapScratchAddr = UINT32_MAX; // @map's word for fabric elements (mapScratchWord)
    std::map<int, Value> dsrConfig;       // @block/@unblock at comptime
    // Every @load_to_dsr configuration of each DSR (dsrConfig keeps the latest compiled), and
    // the operations through a DSR compiled before any load of it: their settings from the
    // DSR (.ut_id, .async, .activate, .unblock, .priority) are set when the class is done
    // (applyLateDsrConfigs), as a load in a module's comptime block or in a function lowered
    // later is compiled after them.
    struct DsrLoad {
        Value cfg;
        Module* mod = nullptr;
        uint32_t node = 0;
        sim::DsdKind kind = sim::DsdKind::Mem1d; // the kind of DSD it loads
        bool fabric() const { return kind == sim::DsdKind::FabIn || kind == sim::DsdKind::FabOut; }
    };
    std::map<int, std::vector<DsrLoad>> dsrLoads;
    struct DsrOperandUse {
        int dsr = 0;
        size_t operand = 0;             // its position: 0 the destination, then the sources
        bool late = false;              // no load of it was compiled before the operation
        std::set<std::string> fromLoad; // else: the settings its latest load gave it
    };
    struct LateDsrConfig {
        size_t op = 0;
        std::vector<DsrOperandUse> dsrs; // the operation's DSR operands, destination first
        std::set<std::string> ownFields;
        // The operand whose '.ut_id' the operation took when it was compiled (SIZE_MAX: none
        // or only its own without a DSD operand); a DSR before it in the order may give one.
        size_t utOperand = SIZE_MAX;
        // Its own asynchronous settings, ignored; a warning if the loads give others.
        std::vector<std::pair<std::string, Value>> ignoredOwn;
        // Set aside only because a DSR no load had named yet might hold its fabric DSD.
        bool ownSetAsideForUnloadedDsr = false;
        std::string opName;
        Module* mod = nullptr;
        uint32_t node = 0;
    };
    std::vector<LateDsrConfig> lateDsrConfigs;
    std::vector<std::pair<int, sim::ColorConfig>> localColors; // @set_local_color_config
    std::vector<std::string> taskNames = std::vector<std::string>(sim::kNumTaskIds);
    // Comptime aggregates without a declaration of their own (a function's local `const`
    // array or struct) given read-only storage when their address is taken or they are
    // indexed at run time: one copy per value, keyed by its shared elements (kept alive).
    std::map<const void*, std::pair<std::shared_ptr<const std::vector<Value>>, uint32_t>>
        constStorage;
    // The storage of consts (declared ones and constStorage's), as [begin, end) byte
    // ranges: a DSD operation's destination must not lie in them (the folded reads of the
    // const and those from memory then disagreed).
    std::vector<std::pair<uint32_t, uint32_t>> readOnly;
    uint32_t readOnlyCopies = 0; // "$const.N" storage made so far (readOnlyStorage)
    // The RPC builtins (rpc_symbols.cpp): every @export_symbol of the class, the dispatch
    // functions @get_symbol_value (one per type) and @get_tensor_ptr call, whose bodies are
    // written once all exports are known, and comptime answers given before that point.
    struct RpcExport {
        std::string name;
        std::pair<int, uint64_t> key; // which symbol (rpcSymbolKey)
        TypeP type = nullptr;
        bool inMemory = false; // a variable at `address`, else the constant `value`
        uint32_t address = 0;
        int64_t value = 0;
    };
    std::vector<RpcExport> rpcExports;
    struct RpcDispatch {
        TypeP type = nullptr; // @get_symbol_value's type; null for @get_tensor_ptr
        int32_t function = -1;
        Module* mod = nullptr; // the first call, for errors
        uint32_t node = 0;
    };
    std::vector<RpcDispatch> rpcDispatch;
    struct RpcAnswer {
        Module* mod = nullptr;
        uint32_t node = 0;
        std::pair<int, uint64_t> key; // @get_symbol_id: the symbol, named `name`
        std::string name;
        bool hasTensors = false; // @has_exported_tensors: the answer given
        bool isSymbolId = false;
    };
    std::vector<RpcAnswer> rpcAnswers;
    // @rpc: the data task ID of the class's RPC server (-1: none) and the call, for errors.
    int rpcTaskId = -1;
    Module* rpcMod = nullptr;
    uint32_t rpcNode = 0;
};

struct Binding {
    enum class K : uint8_t { Val, Reg, Mem, DsdReg, DsdMem } k = K::Val;
    Value val;
    TypeP type = nullptr;
    // Reg/DsdReg: the register. Mem: the register holding the base address (a struct or array
    // parameter: the address of the caller's copy), or 0xffff for `addr` alone.
    uint16_t reg = 0xffff;
    uint32_t addr = 0;
    bool mut = false;
    bool parameter = false; // a function's parameter kept in memory
    bool poisoned = false;  // its declaration failed; uses stay silent
    int controlDepth = 0;   // comptime var: the frame's runtimeControlDepth where declared
    // A comptime var declared with no type and an anonymous struct initializer: its type is
    // that anonymous struct type, which later values must match (the Types page).
    bool anonStructTyped = false;
};

// Where a value lives, for assignment, address-of and indexing.
struct Place {
    enum class K : uint8_t { Slot, Reg, Mem, DsdReg, DsdMem, Value } k = K::Value;
    TypeP type = nullptr;
    Value* slot = nullptr;
    uint16_t reg = 0xffff;
    uint16_t addrReg = 0xffff; // runtime base address (kNoReg: addrImm alone)
    int64_t addrImm = 0;
    bool mut = false;
    Value value;          // K::Value: a comptime value (e.g. a const array) being indexed
    Decl* decl = nullptr; // K::Value of a module-level const: can be given storage
    Module* declMod = nullptr;
    int slotControlDepth = -1;        // K::Slot of a comptime var: its Binding::controlDepth
    bool slotAnonStructTyped = false; // K::Slot: Binding::anonStructTyped
    bool packedField = false;         // a field of a packed struct, whose address may not be taken
    // A bit field of a packed struct (packed.cpp): `bitWidth` bits from bit `bitOffset` of
    // the unsigned integer `container` stored at the address.
    TypeP container = nullptr;
    uint32_t bitOffset = 0, bitWidth = 0;
};

} // namespace csl::sema
