// Circular buffers (SDK 2.10 DSD page, "Circular Buffers"): `circbuf_dsd` values and
// @load_to_dsr_xdsr, the only way an operation can use one (through the DSR it was loaded to).
// The simulator's DSD kind is sim::DsdKind::CircBuf; docs/simulator.md "Circular buffers".
#include "backend/csl/sema/analyzer_class.h"

#include <set>

namespace csl::sema {

namespace {
constexpr const char* kLoadName = "@load_to_dsr_xdsr";
}

// .base_address (a comptime pointer: the buffer's start and first head), .extent (elements one
// operation processes) and .wraparound (elements from the start to the wrap; it defaults to
// the size of the array the pointer points to and may not exceed it).
Value Analyzer::getCircbufDsd(const Value& cfg, TypeP kt, uint32_t cfgNode) {
    static const std::set<std::string> kFields = {"base_address", "extent", "wraparound"};
    for (const std::string& f : *cfg.names)
        if (!kFields.count(f))
            fail(cfgNode, "unknown field '" + f +
                              "' for circbuf_dsd (it takes .base_address, .extent and "
                              ".wraparound)");
    const Value* base = cfg.field("base_address");
    if (!base)
        fail(cfgNode, "circbuf_dsd needs '.base_address'");
    if (base->type->k != TK::Ptr)
        fail(cfgNode, "'.base_address' must be a pointer, found '" + typeName(base->type) + "'");
    if (!base->isComptime())
        fail(cfgNode, "'.base_address' of a circbuf_dsd must be comptime-known");
    const Value* extent = cfg.field("extent");
    if (!extent)
        fail(cfgNode, "circbuf_dsd needs '.extent'");
    if (!extent->isComptime())
        fail(cfgNode, "'.extent' of a circbuf_dsd must be comptime-known");
    const int64_t length = asInt(*extent, cfgNode, "extent");
    if (length < 0 || length > 0x7fff)
        fail(cfgNode, "DSD extent " + std::to_string(length) + " is out of range (0-32767)");
    const TypeP elem = pointeeElem(base->type);
    failUnlessDsdElement(elem, cfgNode);
    const uint32_t elemSize = sizeOf(elem);
    const TypeP pointee = base->type->elem;
    const bool toArray = pointee->k == TK::Array;
    const int64_t arrayElements = toArray ? int64_t(sizeOf(pointee) / std::max(1u, elemSize)) : 0;
    int64_t wrap = arrayElements;
    if (const Value* w = cfg.field("wraparound")) {
        if (!w->isComptime())
            fail(cfgNode, "'.wraparound' of a circbuf_dsd must be comptime-known");
        wrap = asInt(coerce(*w, types.u16, cfgNode), cfgNode, "wraparound");
        if (toArray && wrap > arrayElements)
            fail(cfgNode, "wraparound " + std::to_string(wrap) +
                              " exceeds the size of the underlying buffer (" +
                              std::to_string(arrayElements) + " elements)");
    } else if (!toArray) {
        fail(cfgNode, "circbuf_dsd needs '.wraparound': '.base_address' points to a single '" +
                          typeName(pointee) + "', not to an array");
    }
    if (wrap < 1)
        fail(cfgNode, "the wraparound of a circbuf_dsd must be at least 1 element");
    if (uint64_t(base->i) + uint64_t(wrap) * elemSize > sim::kPeMemoryBytes)
        fail(cfgNode, "the circular buffer of " + std::to_string(wrap) +
                          " elements at .base_address does not fit in the PE's memory");
    Value r;
    r.k = VK::Dsd;
    r.type = kt;
    r.dsd.kind = sim::DsdKind::CircBuf;
    r.dsd.baseAddress = uint32_t(base->i);
    r.dsd.extent[0] = uint32_t(length);
    r.dsd.extent[1] = uint32_t(wrap);
    r.dsd.strideBytes[0] = int32_t(elemSize);
    r.dsd.elementBytes = uint8_t(elemSize);
    return r;
}

// @load_to_dsr_xdsr(dsr, xdsr, circbuf_dsd[, .{ .save_address | .single_step }]), at run time
// or in a top-level comptime block, where the DSR's SRAM slot starts out holding the DSD.
Value Analyzer::loadToDsrXdsr(std::span<const uint32_t> args, uint32_t node) {
    if (args.size() < 3 || args.size() > 4)
        fail(node, std::string(kLoadName) + " expects 3 or 4 arguments, found " +
                       std::to_string(args.size()));
    if (!cls())
        fail(node, std::string(kLoadName) + " is only allowed in tile code");
    const Value dsr = evalComptime(args[0], nullptr, "DSR");
    const Value xdsr = evalComptime(args[1], nullptr, "XDSR");
    if (xdsr.k != VK::Handle || xdsr.type->hk != HandleKind::Xdsr)
        fail(args[1], std::string(kLoadName) + " expects an xdsr from @get_xdsr, found '" +
                          typeName(xdsr.type) + "'");
    const Value d = eval(args[2]);
    if (d.type->k != TK::Dsd || d.type->dk != sim::DsdKind::CircBuf)
        fail(args[2],
             std::string(kLoadName) + " loads a circbuf_dsd, found '" + typeName(d.type) + "'");
    const Value cfg = args.size() > 3 ? evalComptime(args[3], nullptr, "configuration") : mkVoid();
    if (cfg.k == VK::Agg && cfg.names)
        for (const std::string& f : *cfg.names)
            if (f != "save_address" && f != "single_step")
                fail(args[3], "unknown field '" + f + "' in " + kLoadName +
                                  " configuration (it takes .save_address or .single_step)");
    if (runtime()) {
        loadToDsr(kLoadName, dsr, d, cfg, args, node);
    } else {
        if (dsr.k != VK::Handle || !isDsrHandle(dsr.type->hk))
            fail(args[0], std::string(kLoadName) + " expects a DSR from @get_dsr, found '" +
                              typeName(dsr.type) + "'");
        sim::Dsd loaded = d.dsd;
        const Value* save = cfg.k == VK::Agg ? cfg.field("save_address") : nullptr;
        loaded.saveAddress = save && asBool(*save, args[3]);
        sim::DataInit init;
        init.address = dsrSlot(dsr, node);
        init.bytes.resize(sim::kDsdStorageBytes);
        sim::packDsd(loaded, init.bytes.data());
        cls()->cc.data.push_back(std::move(init));
        cls()->dsrConfig[dsrKey(dsr)] = cfg;
    }
    return mkVoid();
}

} // namespace csl::sema
