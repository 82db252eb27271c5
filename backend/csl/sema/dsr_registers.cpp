// Extended DSRs: @get_xdsr and the user-chosen DSRs of @allocate_fifo. The compiler models
// DSRs itself (builtins.cpp) and gives every FIFO its own state, so the registers a FIFO is
// given are checked as the SDK documents and otherwise need no lowering.
#include "backend/csl/sema/analyzer_class.h"

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
