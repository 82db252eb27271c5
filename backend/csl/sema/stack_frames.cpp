// Stack frames for recursive functions: a function that calls itself by name (directly or
// through other functions of its file) keeps its memory locals in a frame on a stack that
// grows down from the top of PE memory, so each activation has its own. Other functions
// keep them at fixed addresses, which is cheaper and lets DSDs over them be comptime-known.
#include "backend/csl/sema/analyzer_class.h"

#include <functional>

namespace csl::sema {

namespace {

// The top-level functions of a file that lie on a cycle of calls by name (a call `f(...)`
// of another top-level function of the same file, or of a `const` naming one), by
// declaration node. Calls through
// pointers or into other modules are not seen: checkRecursion refuses cycles through
// functions that keep static homes.
std::set<uint32_t> functionsCallingThemselvesByName(const Ast& a) {
    std::map<std::string_view, uint32_t> byName;
    for (uint32_t d : a.list(a.root))
        if (a.nodes[d].kind == NK::FnDecl && a.nodes[d].b)
            byName.emplace(a.tokText(a.nodes[d].tok), d);
    // `const alias = f;` names f too.
    for (uint32_t d : a.list(a.root)) {
        const Node& n = a.nodes[d];
        if (n.kind == NK::VarDecl && n.b && a.nodes[n.b].kind == NK::Ident)
            if (const auto f = byName.find(a.tokText(a.nodes[n.b].tok)); f != byName.end())
                byName.emplace(a.tokText(n.tok), f->second);
    }
    std::map<uint32_t, std::set<uint32_t>> calls;
    for (const auto& [name, decl] : byName) {
        if (calls.count(decl))
            continue; // an alias of a function already scanned
        std::set<uint32_t>& callees = calls[decl];
        forEachNode(a, a.nodes[decl].b, [&](uint32_t node) {
            const Node& n = a.nodes[node];
            if (n.kind != NK::Call || !n.a || a.nodes[n.a].kind != NK::Ident)
                return;
            if (const auto it = byName.find(a.tokText(a.nodes[n.a].tok)); it != byName.end())
                callees.insert(it->second);
        });
    }
    std::set<uint32_t> recursive;
    for (const auto& [decl, callees] : calls) {
        std::set<uint32_t> seen;
        std::vector<uint32_t> pending(callees.begin(), callees.end());
        while (!pending.empty() && !recursive.count(decl)) {
            const uint32_t at = pending.back();
            pending.pop_back();
            if (at == decl)
                recursive.insert(decl);
            else if (seen.insert(at).second)
                pending.insert(pending.end(), calls[at].begin(), calls[at].end());
        }
    }
    return recursive;
}

uint32_t alignedUp(uint32_t n, uint32_t align) {
    return (n + align - 1) / align * align;
}

// Frames keep the stack pointer aligned for any scalar.
constexpr uint32_t kFrameAlign = 8;

} // namespace

bool Analyzer::callsItselfByName(const FnDef* f) {
    const Ast* a = f->mod->ast.get();
    if (!a)
        return false;
    auto it = recursiveFnNodes_.find(a);
    if (it == recursiveFnNodes_.end())
        it = recursiveFnNodes_.emplace(a, functionsCallingThemselvesByName(*a)).first;
    return it->second.count(f->node) > 0;
}

// The frame's entry: depth' = depth + size, checked against the memory above the program's
// data, stored, and the frame pointer = top of memory - depth'. Its size and the limit are
// set once they are known (closeStackFrame, setStackLimits).
void Analyzer::openStackFrame(FnDef* f, uint32_t node) {
    ClassCtx& c = *f->mod->cls;
    if (!c.stackDepthAddr)
        c.stackDepthAddr = allocate(4, 4, "$stack.depth", types.u32, node);
    StackFrame& frame = f->stackFrame.emplace();
    frame.depthOnEntry = newReg(node);
    emit(sim::Op::Load, sim::ScalarType::U32, frame.depthOnEntry, kNoReg, kNoReg,
         int32_t(*c.stackDepthAddr));
    const uint16_t size = newReg(node);
    frame.sizeInstruction = emit(sim::Op::Imm, sim::ScalarType::U32, size, kNoReg, kNoReg, 0);
    // CheckStack takes its two arguments in consecutive registers.
    const uint16_t depth = newRegs(2);
    const uint16_t limit = uint16_t(depth + 1);
    emit(sim::Op::Add, sim::ScalarType::U32, depth, frame.depthOnEntry, size, 0);
    c.stackLimitInstructions.emplace_back(
        f->index, emit(sim::Op::Imm, sim::ScalarType::U32, limit, kNoReg, kNoReg, 0));
    emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, depth, 2,
         int32_t(sim::BuiltinId::CheckStack));
    emit(sim::Op::Store, sim::ScalarType::U32, kNoReg, kNoReg, depth, int32_t(*c.stackDepthAddr));
    const uint16_t top = newReg(node);
    emit(sim::Op::Imm, sim::ScalarType::U32, top, kNoReg, kNoReg, int32_t(sim::kPeMemoryBytes));
    frame.framePointer = newReg(node);
    emit(sim::Op::Sub, sim::ScalarType::U32, frame.framePointer, top, depth, 0);
}

void Analyzer::closeStackFrame(FnDef* f) {
    sim::Function& fn = f->mod->cls->funcs[size_t(f->index)];
    fn.code[f->stackFrame->sizeInstruction].imm =
        int32_t(alignedUp(f->stackFrame->bytes, kFrameAlign));
}

void Analyzer::setStackLimits(ClassCtx& c) {
    const uint32_t free =
        c.cc.memoryBytes < sim::kPeMemoryBytes ? sim::kPeMemoryBytes - c.cc.memoryBytes : 0;
    for (const auto& [function, instruction] : c.stackLimitInstructions) {
        c.funcs[size_t(function)].code[instruction].imm = int32_t(free);
        // A frame that does not fit even once would fault at the first call.
        const FnDef* f = c.fnOfIndex[size_t(function)];
        const uint32_t bytes = alignedUp(f->stackFrame->bytes, kFrameAlign);
        if (bytes > free && f->mod->ast)
            diags_.error(f->mod->fileId, f->mod->ast->beginOffset(f->node),
                         f->mod->ast->endOffset(f->node),
                         "recursive function '" + f->name + "' needs a stack frame of " +
                             std::to_string(bytes) + " bytes, but only " + std::to_string(free) +
                             " bytes of PE memory are free above the program's data");
    }
}

MemoryHome Analyzer::localHome(uint32_t size, uint32_t align, const std::string& symbol, TypeP t,
                               uint32_t node) {
    FnDef* owner = fr_->def;
    if (owner && owner->stackFrame) {
        StackFrame& frame = *owner->stackFrame;
        const uint32_t offset = alignedUp(frame.bytes, std::max<uint32_t>(align, 2));
        frame.bytes = offset + std::max<uint32_t>(size, 1);
        return {frame.framePointer, offset};
    }
    if (owner)
        ++owner->staticHomes;
    return {kNoReg, allocate(size, align, symbol, t, node)};
}

Place Analyzer::homePlace(const MemoryHome& home, TypeP t) {
    Place p;
    p.k = Place::K::Mem;
    p.type = t;
    p.addrReg = home.base;
    p.addrImm = home.offset;
    p.mut = true;
    return p;
}

void Analyzer::emitReturn(sim::ScalarType type, uint16_t value) {
    if (fr_->def && fr_->def->stackFrame)
        emit(sim::Op::Store, sim::ScalarType::U32, kNoReg, kNoReg,
             fr_->def->stackFrame->depthOnEntry, int32_t(*fr_->def->mod->cls->stackDepthAddr));
    emit(sim::Op::Return, type, kNoReg, value, kNoReg, 0);
}

} // namespace csl::sema
