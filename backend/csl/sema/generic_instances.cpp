// Generic functions (comptime or anytype parameters) are expanded at each call, so one that
// calls itself at run time would expand for ever. A generic function that calls itself by
// name is called at run time through instances instead: one run-time function per set of
// comptime arguments and anytype types, whose comptime parameters are bound to their values
// and take no register. `fn sum(comptime T: type, n: u32) T` then recurses on n with a stack
// frame, like any function that calls itself, and `fn pow(comptime n: u16, x: f32) f32`
// recursing on n becomes one function per n.
#include "backend/csl/sema/analyzer_class.h"

#include <sstream>

namespace csl::sema {

namespace {

// Whether sameValue tells comptime argument v from every other: DSDs never compare equal.
bool identifiable(const Value& v) {
    if (v.k == VK::Agg)
        return !v.elems || std::all_of(v.elems->begin(), v.elems->end(), identifiable);
    return v.k != VK::Dsd && v.k != VK::RuntimeDsd && v.k != VK::Dsr && v.k != VK::Range;
}

bool sameInstance(const FnDef& instance, const std::vector<std::optional<Value>>& fixed,
                  const std::vector<TypeP>& anyTypes) {
    for (size_t i = 0; i < fixed.size(); ++i) {
        const std::optional<Value>& mine = instance.instanceComptime[i];
        if (mine.has_value() != fixed[i].has_value() || instance.instanceTypes[i] != anyTypes[i] ||
            (mine && !sameValue(*mine, *fixed[i])))
            return false;
    }
    return true;
}

} // namespace

FnDef* Analyzer::genericInstance(FnDef* f, const std::vector<Value>& args) {
    if (f->isInline || f->isTask || f->instanceOf || !callsItselfByName(f))
        return nullptr;
    const Ast& a = *f->mod->ast;
    const auto params = a.list(f->node);
    if (params.size() != args.size())
        return nullptr;
    std::ostringstream shown;
    std::vector<std::optional<Value>> fixed(params.size());
    std::vector<TypeP> anyTypes(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        const Node& pn = a.nodes[params[i]];
        const bool anyType = a.nodes[pn.a].kind == NK::AnyType;
        const Value& v = args[i];
        const std::string name(a.tokText(pn.tok));
        if ((pn.flags & 1) || (anyType && isComptimeOnly(v.type))) {
            if (!v.isComptime())
                return nullptr; // the expansion reports it
            if (!identifiable(v)) {
                f->expandedForRecursionBecause =
                    "its comptime parameter '" + name + "' is a '" + typeName(v.type) + "'";
                return nullptr;
            }
            fixed[i] = v;
            shown << (shown.tellp() ? ", " : "") << name << " = " << show(v);
        } else if (anyType) {
            if (!isRuntimeScalar(v.type) && !passedByCopy(v.type)) {
                f->expandedForRecursionBecause =
                    "its anytype parameter '" + name + "' is a '" + typeName(v.type) + "'";
                return nullptr;
            }
            anyTypes[i] = v.type;
            shown << (shown.tellp() ? ", " : "") << name << ": " << typeName(v.type);
        }
    }
    // Instances by their comptime arguments' identity (sameValue: a float's bits, a
    // function's definition, a module instance, a type), not by how they print.
    for (const auto& [instance, usable] : f->instances) {
        if (!sameInstance(*instance, fixed, anyTypes))
            continue;
        if (usable)
            f->expandedForRecursionBecause.clear();
        return usable ? instance : nullptr;
    }
    FnDef& instance = f->mod->instances.emplace_back();
    instance.mod = f->mod;
    instance.node = f->node;
    instance.name = f->name + "(" + shown.str() + ")";
    instance.instanceOf = f;
    instance.instanceComptime = std::move(fixed);
    instance.instanceTypes = std::move(anyTypes);
    // Only parameters and a result that a run-time call carries: else f stays expanded.
    const TypeP ft = fnType(&instance);
    auto carried = [](TypeP t) { return isRuntimeScalar(t) || passedByCopy(t); };
    const auto uncarried = std::find_if_not(ft->params.begin(), ft->params.end(), carried);
    const bool usable =
        uncarried == ft->params.end() && (ft->ret->k == TK::Void || carried(ft->ret));
    f->instances.emplace_back(&instance, usable);
    if (!usable) {
        f->expandedForRecursionBecause =
            "a run-time call cannot carry its '" +
            typeName(uncarried != ft->params.end() ? *uncarried : ft->ret) + "'";
        return nullptr;
    }
    f->expandedForRecursionBecause.clear();
    return &instance;
}

bool Analyzer::bindInstanceComptime(const FnDef* instance, size_t i, uint32_t paramNode) {
    if (!instance->instanceComptime[i])
        return false;
    Binding b;
    b.k = Binding::K::Val;
    b.val = *instance->instanceComptime[i];
    // As the expansion binds it: in the parameter's type (`comptime k: f16` of a 0.1).
    if (const uint32_t typeNode = N(paramNode).a; N(typeNode).kind != NK::AnyType)
        b.val = coerce(b.val, evalType(typeNode), paramNode);
    b.type = b.val.type;
    bind(tokId(N(paramNode).tok), std::move(b));
    return true;
}

Value Analyzer::callInstance(FnDef* instance, const std::vector<Value>& args,
                             const std::vector<uint32_t>& argNodes, uint32_t node) {
    std::vector<Value> runtimeArgs;
    std::vector<uint32_t> runtimeNodes;
    for (size_t i = 0; i < args.size(); ++i) {
        if (instance->instanceComptime[i])
            continue;
        runtimeArgs.push_back(args[i]);
        runtimeNodes.push_back(argNodes[i]);
    }
    // Each new instance is lowered inside the call that asked for it: comptime arguments
    // that change at every level (`grow(n + 1, x - 1)`) would nest without end.
    FnDef* generic = instance->instanceOf;
    if (instance->index >= 0)
        return callLowered(instance, runtimeArgs, runtimeNodes, node);
    if (generic->instancesInProgress >= callDepthLimit())
        fail(node, "instances of '" + generic->name + "' nested too deeply (more than " +
                       std::to_string(callDepthLimit()) + "; this one is '" + instance->name +
                       "'): each call gives it other comptime arguments or anytype types, so "
                       "its recursion must end on a comptime-known condition");
    ++generic->instancesInProgress;
    struct Done {
        FnDef* f;
        ~Done() { --f->instancesInProgress; }
    } done{generic};
    return callLowered(instance, runtimeArgs, runtimeNodes, node);
}

} // namespace csl::sema
