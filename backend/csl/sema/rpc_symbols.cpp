// The SDK's "Builtins for Supporting Remote Procedure Calls (RPC)" that read the symbols a
// tile advertises with @export_symbol:
// - @get_symbol_id(symbol): comptime or runtime, not in the layout; the symbol's unique
//   integer identifier, the id out_rpc.json gives the name it is exported under (our ids
//   are the order of the layout's @export_name calls). A comptime_int.
// - @get_symbol_value(type, id): runtime only; a copy of the value of the advertised symbol
//   with identifier `id`, among the symbols advertised with type `type` (there must be at
//   least one); an id of no such symbol is undefined behaviour (we return zero).
// - @get_tensor_ptr(id): runtime only; the value of the exported tensor pointer with
//   identifier `id` bit-cast to [*]u16 (read when called: a var pointer may be re-pointed).
// - @has_exported_tensors(): comptime, not in the layout; whether the tile exports at least
//   one tensor pointer (the page also keeps it out of top-level comptime blocks; we allow
//   it there).
// - @rpc(data_task_id): in a top-level comptime block, at most once per tile code; the RPC
//   server through which the host calls exported functions. Our launch calls them
//   directly, so it only reserves its task ID (no other task may be bound to it).
// The two runtime builtins call a dispatch function per class (per type for
// @get_symbol_value) whose body, a chain of id comparisons, is written when the class is
// complete, so exports that come after the call are included. Comptime answers given
// before a later @export_symbol are checked then.
#include "backend/csl/sema/analyzer_class.h"

#include <algorithm>

namespace csl::sema {

namespace {

// Which symbol a place names: a function, a variable's address, a module-level const, or
// a constant pointer value.
std::pair<int, uint64_t> rpcSymbolKey(const Place& p) {
    if (p.k == Place::K::Value && p.value.k == VK::Fn && p.value.fn)
        return {1, uint64_t(reinterpret_cast<uintptr_t>(p.value.fn))};
    if (p.k == Place::K::Mem && p.addrReg == kNoReg)
        return {2, uint64_t(p.addrImm)};
    if (p.k == Place::K::Value && p.decl)
        return {3, uint64_t(reinterpret_cast<uintptr_t>(p.decl))};
    if (p.k == Place::K::Value && p.value.k == VK::Ptr)
        return {4, uint64_t(p.value.i)};
    return {0, 0};
}

// Calls `f(args)` for each '@export_symbol(identifier, ...)' in `a`, in source order, until
// it returns true.
template <typename F> void forEachExportCall(const Ast& a, F f) {
    for (uint32_t i = 0; i < a.nodes.size(); ++i) {
        const Node& n = a.nodes[i];
        if (n.kind != NK::BuiltinCall || a.tokText(n.tok) != "@export_symbol")
            continue;
        const auto l = a.list(i);
        if (!l.empty() && a.nodes[l[0]].kind == NK::Ident && f(l))
            return;
    }
}

bool isTensorPointer(const ClassCtx::RpcExport& e) {
    return e.type && e.type->k == TK::Ptr;
}

} // namespace

void Analyzer::recordRpcExport(const std::string& name, const Place& p, uint32_t node) {
    ClassCtx* c = cls();
    ClassCtx::RpcExport e;
    e.name = name;
    e.key = rpcSymbolKey(p);
    e.type = p.k == Place::K::Value && p.value.k == VK::Fn ? nullptr : p.type;
    if (p.k == Place::K::Mem) {
        e.inMemory = true;
        e.address = uint32_t(p.addrImm);
    } else if (p.k == Place::K::Value && p.value.k == VK::Ptr) {
        e.value = p.value.i;
    } else if (e.type) {
        fail(node, "@export_symbol of '" + name + "' has no storage to advertise");
    }
    // The RPC page: the name must have been declared with @export_name "that has the same
    // name, type and mutability". Scalars must match exactly; a pointer must point at the
    // same element type (a '[*]f32' read by the host as u32 words would be garbage; whether
    // the pointer is const is the @export_name's mutability flag); a function must take the
    // same parameter types. Only variables can be exported, so a scalar is always mutable.
    if (std::none_of(hostSymbols_.begin(), hostSymbols_.end(),
                     [&](const sim::HostSymbol& h) { return h.name == name; }))
        fail(node, "symbol '" + name +
                       "' is exported here but not declared with @export_name in "
                       "the layout");
    const TypeP exported =
        p.k == Place::K::Value && p.value.k == VK::Fn && p.value.fn ? fnType(p.value.fn) : p.type;
    for (size_t i = 0; i < hostSymbols_.size() && i < hostSymbolTypes_.size(); ++i) {
        const TypeP ht = hostSymbolTypes_[i];
        if (hostSymbols_[i].name != name)
            continue;
        bool same = exported && sameType(exported, ht);
        if (!same && exported && ht->k == TK::Ptr && exported->k == TK::Ptr)
            same = sameType(exported->elem, ht->elem) ||
                   (exported->elem->k == TK::Array && sameType(exported->elem->elem, ht->elem));
        if (!same && exported && ht->k == TK::Fn && exported->k == TK::Fn &&
            ht->params.size() == exported->params.size())
            same = std::equal(ht->params.begin(), ht->params.end(), exported->params.begin(),
                              [](TypeP a, TypeP b) { return sameType(a, b); }) &&
                   sameType(ht->ret, exported->ret);
        // A pointer to const data the host may write: the device's reads folded at compile
        // time and those at run time then disagree.
        if (same && exported && exported->k == TK::Ptr && exported->isConst &&
            hostSymbols_[i].mutableFromHost)
            fail(node, "symbol '" + name + "' is a pointer to const ('" + typeName(exported) +
                           "'), but @export_name declares it mutable from the host; declare it "
                           "with 'false' or export a pointer to a variable");
        if (!same)
            fail(node, "symbol '" + name + "' is declared with @export_name as '" + typeName(ht) +
                           "', but the symbol exported under that name is " +
                           (exported ? "of type '" + typeName(exported) + "'" : "not a variable"));
    }
    c->rpcExports.push_back(std::move(e));
}

Value Analyzer::rpcBuiltin(const std::string& name, std::span<const uint32_t> args, uint32_t node) {
    const size_t want = name == "has_exported_tensors" ? 0 : name == "get_symbol_value" ? 2 : 1;
    if (args.size() != want)
        fail(node, "@" + name + " expects " + std::to_string(want) + " argument" +
                       (want == 1 ? "" : "s") + ", found " + std::to_string(args.size()));
    ClassCtx* c = cls();
    if (!c)
        fail(node, "@" + name + " is not allowed in the layout; it " +
                       (name == "rpc" ? "serves" : "reads") +
                       " the symbols a tile exports with @export_symbol");
    if (name == "rpc") {
        // The RPC server that dispatches host calls to the exported functions (SDK 0.7-1.0
        // programs bind it to memcpy's LAUNCH color). The host's launch reaches exported
        // functions through it; the simulator calls them directly, so the server needs no
        // code, only its task ID kept free.
        if (runtime() || fr_->fn || fr_->def)
            fail(node, "@rpc can only be called in a top-level comptime block");
        const Value id = evalComptime(args[0], nullptr, "task ID");
        const int tid = handleId(id, HandleKind::DataTaskId, args[0], "@rpc");
        if (c->rpcTaskId >= 0)
            fail(node, "@rpc is called twice in this tile code; a PE has at most one RPC server");
        if (c->cc.tasks[size_t(tid)].kind != sim::TaskKind::None)
            fail(args[0], "task ID " + std::to_string(tid) + " is already bound to '" +
                              c->taskNames[size_t(tid)] +
                              "'; no other task may be bound to the @rpc server's task ID");
        c->rpcTaskId = tid;
        c->rpcMod = fr_->mod;
        c->rpcNode = args[0];
        return mkVoid();
    }
    if (name == "has_exported_tensors") {
        // The Builtins page: it "cannot be called from a top-level comptime block or a
        // layout block" (its answer would depend on where the block's exports stand).
        if (fr_->topLevelComptimeBlock)
            fail(node, "@has_exported_tensors cannot be called from a top-level comptime block; "
                       "call it where its answer is used (a function, or a declaration's value)");
        bool any = std::any_of(c->rpcExports.begin(), c->rpcExports.end(), isTensorPointer);
        // Exports this module makes later count too: pointer-typed globals it exports.
        Module* m = fr_->mod;
        forEachExportCall(ast(), [&](std::span<const uint32_t> l) {
            Decl* d = findDecl(m, std::string(m->ast->tokText(m->ast->nodes[l[0]].tok)));
            if (!d || d->isFn || d->state == Decl::State::InProgress)
                return false;
            resolveDecl(m, *d, l[0]);
            const TypeP t = d->type ? d->type : d->value.type;
            any = t && t->k == TK::Ptr;
            return any;
        });
        ClassCtx::RpcAnswer a;
        a.mod = fr_->mod;
        a.node = node;
        a.hasTensors = any;
        c->rpcAnswers.push_back(a);
        return mkBool(any);
    }
    if (name == "get_symbol_id") {
        const Place p = place(args[0]);
        const auto key = rpcSymbolKey(p);
        std::string ename;
        for (const ClassCtx::RpcExport& e : c->rpcExports) {
            if (key.first != 0 && e.key == key) {
                ename = e.name;
                break;
            }
        }
        const std::string written =
            N(args[0]).kind == NK::Ident ? tokStr(N(args[0]).tok) : std::string("the symbol");
        const bool pending = ename.empty();
        if (pending) {
            // Not exported yet (code is lowered when a comptime block binds or exports it):
            // the name comes from this module's '@export_symbol(symbol[, name])' calls,
            // found by spelling; that the symbol is exported under it is checked when the
            // class is complete.
            if (N(args[0]).kind != NK::Ident || key.first == 0)
                fail(args[0], "@get_symbol_id expects a symbol advertised with @export_symbol");
            ename = written;
            forEachExportCall(ast(), [&](std::span<const uint32_t> l) {
                if (ast().tokText(N(l[0]).tok) != written)
                    return false;
                if (l.size() > 1) {
                    const Value v = evalComptime(l[1], nullptr, "symbol name");
                    if (v.k == VK::String)
                        ename = v.s;
                }
                return true;
            });
        }
        for (const sim::HostSymbol& h : hostSymbols_) {
            if (h.name != ename)
                continue;
            if (pending) {
                ClassCtx::RpcAnswer a;
                a.mod = fr_->mod;
                a.node = args[0];
                a.key = key;
                a.name = ename;
                a.isSymbolId = true;
                c->rpcAnswers.push_back(a);
            }
            return mkInt(h.id);
        }
        fail(args[0], "'" + written +
                          "' is not advertised: @get_symbol_id needs a symbol "
                          "exported with @export_symbol under a name the layout "
                          "declares with @export_name");
    }
    // @get_symbol_value(type, id) and @get_tensor_ptr(id): a call to the class's dispatch
    // function for that type.
    if (!runtime())
        fail(node, "@" + name + " can only be called at runtime");
    TypeP type = nullptr;
    TypeP result = types.ptr(types.u16, true, false);
    if (name == "get_symbol_value") {
        type = evalType(args[0]);
        if (!isRuntimeScalar(type) || type->k == TK::Fn)
            fail(args[0], "@get_symbol_value expects the type of an advertised variable, found '" +
                              typeName(type) + "'");
        result = type;
    }
    const uint32_t idNode = args[want - 1];
    Value id = eval(idNode);
    if (!isIntLike(id.type))
        fail(idNode, "@" + name + " expects an integer symbol identifier, found '" +
                         typeName(id.type) + "'");
    uint16_t idReg;
    if (id.isComptime()) {
        idReg = toReg(mkInt(id.i, types.u32), idNode);
    } else {
        const uint16_t r = toReg(id, idNode);
        idReg = newReg(idNode);
        emit(sim::Op::Convert, sim::ScalarType::U32, idReg, r, kNoReg, int32_t(scalarOf(id.type)));
    }
    auto it = std::find_if(c->rpcDispatch.begin(), c->rpcDispatch.end(),
                           [&](const ClassCtx::RpcDispatch& d) {
                               return type ? d.type && sameType(d.type, type) : !d.type;
                           });
    if (it == c->rpcDispatch.end()) {
        c->funcs.emplace_back();
        sim::Function& f = c->funcs.back();
        f.name = type ? "$get_symbol_value." + typeName(type) : "$get_tensor_ptr";
        f.numParams = 1;
        f.paramTypes = {sim::ScalarType::U32};
        f.numRegs = 1;
        f.returnType = scalarOf(result);
        c->fnOfIndex.push_back(nullptr);
        c->rpcDispatch.push_back({type, int32_t(c->funcs.size() - 1), fr_->mod, node});
        it = c->rpcDispatch.end() - 1;
    }
    const uint16_t arg = newRegs(1);
    emit(sim::Op::Mov, sim::ScalarType::U32, arg, idReg, kNoReg, 0);
    setLoc(node);
    const uint16_t dst = newReg(node);
    emit(sim::Op::Call, scalarOf(result), dst, arg, 1, it->function);
    return mkRuntime(dst, result);
}

void Analyzer::finishRpcSymbols(ClassCtx& c, Module* m) {
    auto report = [&](Module* mod, uint32_t node, const std::string& msg) {
        diags_.error(mod->fileId, mod->ast->beginOffset(node), mod->ast->endOffset(node), msg);
    };
    const bool anyTensor = std::any_of(c.rpcExports.begin(), c.rpcExports.end(), isTensorPointer);
    for (const ClassCtx::RpcAnswer& a : c.rpcAnswers) {
        if (!a.isSymbolId) {
            if (a.hasTensors != anyTensor)
                report(a.mod, a.node,
                       "@has_exported_tensors() was evaluated here as false, before the "
                       "@export_symbol of a tensor pointer; export the pointers before code "
                       "that uses this builtin is bound or exported");
            continue;
        }
        bool exported = false, underName = false;
        for (const ClassCtx::RpcExport& e : c.rpcExports) {
            if (e.key == a.key) {
                exported = true;
                underName = e.name == a.name;
                break;
            }
        }
        if (!exported)
            report(a.mod, a.node,
                   "'" + a.name +
                       "' is not advertised: @get_symbol_id needs a symbol exported "
                       "with @export_symbol");
        else if (!underName)
            report(a.mod, a.node,
                   "@get_symbol_id was evaluated before the symbol's @export_symbol, which does "
                   "not advertise it as '" +
                       a.name + "'; export it before code that uses its id is bound or exported");
    }
    if (c.rpcTaskId >= 0 && c.cc.tasks[size_t(c.rpcTaskId)].kind != sim::TaskKind::None)
        report(c.rpcMod, c.rpcNode,
               "task ID " + std::to_string(c.rpcTaskId) + " of this @rpc server is bound to '" +
                   c.taskNames[size_t(c.rpcTaskId)] +
                   "'; no other task may be bound to the @rpc server's task ID");
    Frame* save = fr_;
    for (const ClassCtx::RpcDispatch& d : c.rpcDispatch) {
        Frame f;
        f.mod = m;
        f.fn = &c.funcs[size_t(d.function)];
        fr_ = &f;
        const sim::ScalarType rt = f.fn->returnType;
        bool any = false;
        // The first export of a symbol gives its id (a symbol may be advertised under
        // several names; each name has its own id and returns the same value).
        for (const ClassCtx::RpcExport& e : c.rpcExports) {
            if (!e.type || (d.type ? !sameType(e.type, d.type) : !isTensorPointer(e)))
                continue;
            auto h = std::find_if(hostSymbols_.begin(), hostSymbols_.end(),
                                  [&](const sim::HostSymbol& s) { return s.name == e.name; });
            if (h == hostSymbols_.end())
                continue; // reported by the class's export check
            any = true;
            const uint16_t k = newReg();
            emit(sim::Op::Imm, sim::ScalarType::U32, k, kNoReg, kNoReg, int32_t(h->id));
            const uint16_t eq = newReg();
            emit(sim::Op::CmpEq, sim::ScalarType::U32, eq, 0, k, 0);
            const size_t skip =
                emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, eq, kNoReg, 0);
            const uint16_t v = newReg();
            if (e.inMemory)
                emit(sim::Op::Load, rt, v, kNoReg, kNoReg, int32_t(e.address));
            else
                emit(sim::Op::Imm, rt, v, kNoReg, kNoReg, int32_t(e.value));
            emit(sim::Op::Return, rt, kNoReg, v, kNoReg, 0);
            patch(skip, here());
        }
        if (!any && d.type)
            report(d.mod, d.node,
                   "@get_symbol_value(" + typeName(d.type) +
                       ", ...): no symbol is advertised with type '" + typeName(d.type) +
                       "' (there has to be at least one)");
        const uint16_t zero = newReg();
        emit(sim::Op::Imm, rt, zero, kNoReg, kNoReg, 0);
        emit(sim::Op::Return, rt, kNoReg, zero, kNoReg, 0);
    }
    fr_ = save;
}

} // namespace csl::sema
