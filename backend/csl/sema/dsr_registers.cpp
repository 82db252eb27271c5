// Extended DSRs and stride registers: @get_xdsr, @get_sr, @load_to_dsr_xdsr_sr and the
// user-chosen DSRs of @allocate_fifo. The compiler models
// DSRs itself (builtins.cpp) and gives every FIFO its own state, so the registers a FIFO is
// given are checked as the SDK documents and otherwise need no lowering.
#include "backend/csl/sema/analyzer_class.h"

#include <map>
#include <set>

namespace csl::sema {

Value Analyzer::getXdsr(std::span<const uint32_t> args, uint32_t node) {
    if (args.size() != 1)
        fail(node, "@get_xdsr expects 1 argument, found " + std::to_string(args.size()));
    ClassCtx* c = cls();
    if (!c)
        fail(node, "@get_xdsr is only allowed in tile code");
    int64_t id = asInt(evalComptime(args[0], nullptr, "XDSR ID"), args[0], "XDSR ID");
    if (id < 0 || id > 63)
        fail(args[0], "XDSR ID " + std::to_string(id) + " is out of range (0-63)");
    if (!c->xdsrIds.insert(int(id)).second)
        fail(args[0], "XDSR ID " + std::to_string(id) + " is already used by another @get_xdsr");
    return mkHandle(HandleKind::Xdsr, id);
}

// The DSRs page (SDK 2.10): "Create a Stride Register (SR) identifier value"; the number of
// SRs is not given, so IDs are checked against the same 0..63 as XDSRs.
Value Analyzer::getSr(std::span<const uint32_t> args, uint32_t node) {
    if (args.size() != 1)
        fail(node, "@get_sr expects 1 argument, found " + std::to_string(args.size()));
    if (!cls())
        fail(node, "@get_sr is only allowed in tile code");
    int64_t id = asInt(evalComptime(args[0], nullptr, "SR ID"), args[0], "SR ID");
    if (id < 0 || id > 63)
        fail(args[0], "SR ID " + std::to_string(id) + " is out of range (0-63)");
    return mkHandle(HandleKind::Sr, id);
}

// @load_to_dsr_xdsr_sr(dsr, xdsr, .{sr...}, mem4d_dsd[, config]): the DSRs page's way to load a
// mem4d DSD. A comptime-known DSD needs exactly one SR per dimension after the first, less
// the second when the first has stride one; a run-time one always three. The DSD is loaded
// as @load_to_dsr loads it: the simulator holds strides in the DSD itself.
Value Analyzer::loadToDsrXdsrSr(std::span<const uint32_t> args, uint32_t node) {
    const char* name = "@load_to_dsr_xdsr_sr";
    if (args.size() < 4 || args.size() > 5)
        fail(node,
             std::string(name) + " expects 4 or 5 arguments, found " + std::to_string(args.size()));
    const Value dsr = eval(args[0]);
    const Value xdsr = evalComptime(args[1], nullptr, "XDSR");
    if (xdsr.k != VK::Handle || xdsr.type->hk != HandleKind::Xdsr)
        fail(args[1], std::string(name) + " expects an xdsr from @get_xdsr, found '" +
                          typeName(xdsr.type) + "'");
    const Value srs = evalComptime(args[2], nullptr, "SR tuple");
    if (srs.k != VK::Agg || srs.names)
        fail(args[2], std::string(name) + " expects a tuple of SRs, e.g. .{sr1, sr2}");
    for (const Value& sr : *srs.elems) {
        if (sr.k != VK::Handle || sr.type->hk != HandleKind::Sr)
            fail(args[2], std::string(name) + " expects a tuple of SRs from @get_sr, found '" +
                              typeName(sr.type) + "'");
    }
    const Value d = eval(args[3]);
    if (d.type->k != TK::Dsd || d.type->dk != sim::DsdKind::Mem4d)
        fail(args[3], std::string(name) + " loads a mem4d_dsd, found '" + typeName(d.type) + "'");
    size_t needed = 3;
    if (d.k == VK::Dsd) {
        const int rank = d.dsd.rank;
        const bool unitInnerStride = d.dsd.strideBytes[0] == int32_t(d.dsd.elementBytes);
        needed = size_t(std::max(0, rank - 1 - (rank >= 2 && unitInnerStride ? 1 : 0)));
    }
    if (srs.elems->size() != needed)
        fail(args[2], std::string(name) + " of this DSD needs " + std::to_string(needed) + " SR" +
                          (needed == 1 ? "" : "s") + ", found " +
                          std::to_string(srs.elems->size()));
    loadToDsr(name, dsr, d, args.size() > 4 ? eval(args[4]) : mkVoid(), args, node);
    return mkVoid();
}

// The fields of @allocate_fifo's configuration the DSDs page documents, and its FIFO full
// and empty actions (SDK 2.10), which `fd` takes.
void Analyzer::checkFifoConfig(const Value& cfg, uint32_t node, sim::FifoDesc& fd) {
    if (cfg.k != VK::Agg || !cfg.names)
        return;
    static const std::set<std::string> kFields = {"activate_push", "activate_pop", "priority",
                                                  "dest",          "src",          "xdsr",
                                                  "empty_action",  "full_action",  "simd_mode"};
    for (size_t i = 0; i < cfg.names->size(); ++i) {
        const std::string& field = (*cfg.names)[i];
        if (!kFields.count(field))
            fail(node, "unknown field '" + field + "' in @allocate_fifo configuration");
        // The DSDs page: "On WSE-2, but not WSE-3, simd_mode may also be set on FIFOs".
        if (field == "simd_mode" && wse3())
            failOnThisArch(node, "'.simd_mode' cannot be set on a FIFO on WSE-3");
        if (field != "empty_action" && field != "full_action")
            continue;
        const Value& action = (*cfg.elems)[i];
        if (action.k != VK::Agg || !action.names || action.names->size() != 1)
            fail(node, "'." + field +
                           "' expects one of .{ .test_or_suspend = true }, "
                           ".{ .terminate = true }, .{ .suspend = true } or .{ .fault = true }");
        const std::string& kind = (*action.names)[0];
        static const std::map<std::string, sim::FifoAction> kActions = {
            {"test_or_suspend", sim::FifoAction::TestOrSuspend},
            {"terminate", sim::FifoAction::Terminate},
            {"suspend", sim::FifoAction::Suspend},
            {"fault", sim::FifoAction::Fault}};
        const auto it = kActions.find(kind);
        if (it == kActions.end())
            fail(node, "unknown FIFO action '" + kind + "' in '." + field + "'");
        if (!wse3() && (field == "full_action" || kind == "suspend" || kind == "fault"))
            failOnThisArch(node, "'." + field + " = ." + kind + "' is not supported on WSE-2");
        (field == "empty_action" ? fd.emptyAction : fd.fullAction) = it->second;
    }
}

void Analyzer::checkFifoRegisters(const Value& cfg, uint32_t node) {
    const Value* dest = cfg.field("dest");
    const Value* src = cfg.field("src");
    const Value* xdsr = cfg.field("xdsr");
    if (!dest && !src && !xdsr)
        return;
    if (!dest || !src || !xdsr)
        fail(node, "@allocate_fifo needs '.dest', '.src' and '.xdsr' together (or none of them)");
    auto is = [](const Value* v, HandleKind k) {
        return v->k == VK::Handle && v->type->k == TK::Handle && v->type->hk == k;
    };
    if (!is(dest, HandleKind::DsrDest))
        fail(node,
             "'.dest' of @allocate_fifo must be a dsr_dest, found '" + typeName(dest->type) + "'");
    if (!is(src, HandleKind::DsrSrc1))
        fail(node,
             "'.src' of @allocate_fifo must be a dsr_src1, found '" + typeName(src->type) + "'");
    if (!is(xdsr, HandleKind::Xdsr))
        fail(node,
             "'.xdsr' of @allocate_fifo must be an xdsr, found '" + typeName(xdsr->type) + "'");
    if (dest->i != src->i)
        fail(node, "the DSR IDs of '.dest' (" + std::to_string(dest->i) + ") and '.src' (" +
                       std::to_string(src->i) + ") of @allocate_fifo must match");
}

} // namespace csl::sema
