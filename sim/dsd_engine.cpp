// The DSD engine: memory DSD ops run in bulk; fabric and FIFO ops move one element
// per wavelet as queues allow; async ops run on microthreads.
#include "sim/fabric_impl.h"

#include "sim/dsd_math.h"

#include <algorithm>
#include <cstring>

namespace sim {

namespace {

std::string str(uint64_t v) {
    return std::to_string(v);
}

bool isFabricOrFifo(const OpOperand& o) {
    return o.kind == DsdOperand::Kind::Dsd &&
           (o.dsd.kind == DsdKind::FabIn || o.dsd.kind == DsdKind::FabOut ||
            o.dsd.kind == DsdKind::Fifo);
}

// Element stride limits on SIMD width (SDK Appendix "SIMD Mode").
uint32_t strideLimit(int32_t strideElems) {
    const int32_t s = strideElems < 0 ? -strideElems : strideElems;
    if (s == 0 || s == 1)
        return 64;
    switch (s % 8) {
    case 0:
        return 1;
    case 1:
    case 7:
        return 2;
    case 4:
        return 4;
    default:
        return 64;
    }
}

// The address of element i of a mem4d or circular buffer DSD.
uint64_t memoryAddress(const Dsd& d, uint32_t i) {
    if (d.kind == DsdKind::CircBuf) {
        const uint32_t wrap = std::max<uint32_t>(1, d.extent[1]);
        return uint64_t(d.baseAddress) + uint64_t((d.extent[2] + i) % wrap) * d.strideBytes[0];
    }
    int64_t a = d.baseAddress;
    uint32_t rest = i;
    for (int k = 0; k < std::clamp<int>(d.rank, 1, 4); ++k) {
        const uint32_t e = std::max<uint32_t>(1, d.extent[size_t(k)]);
        a += int64_t(rest % e) * d.strideBytes[size_t(k)];
        rest /= e;
    }
    return uint64_t(a);
}

// A fabric operand whose 16-bit values share wavelets: two per wavelet in any SIMD mode
// (the DSDs page, "SIMD Mode": "In simd_32 mode, a single wavelet carries two 16-bit
// values").
bool packedFabric(const OpOperand& o, uint32_t bytes) {
    return bytes == 2 && o.kind == DsdOperand::Kind::Dsd && o.dsd.simdMode != 0 &&
           (o.dsd.kind == DsdKind::FabIn || o.dsd.kind == DsdKind::FabOut);
}

// The operand of an op whose DSD sets a SIMD mode (a fabric DSD, or a WSE-2 FIFO), or -1:
// 0 the destination, 1..3 the sources.
int simdOperand(const OpState& op) {
    const OpOperand* operands[4] = {&op.dst, &op.src[0], &op.src[1], &op.src[2]};
    for (int k = 0; k < 4; ++k)
        if (operands[k]->kind == DsdOperand::Kind::Dsd && operands[k]->dsd.simdMode != 0 &&
            (operands[k]->dsd.kind == DsdKind::FabIn || operands[k]->dsd.kind == DsdKind::FabOut ||
             operands[k]->dsd.kind == DsdKind::Fifo))
            return k;
    return -1;
}

// The values a SIMD-mode step of `mode` may move when `ready` values are ready (in queued
// wavelets or the room for them, or FIFO elements or room) and a 32-bit unit (a wavelet, or
// 32 bits of FIFO elements) holds `perUnit`; 0: it stalls. simd_32 moves one unit, simd_64
// two ("two wavelets must be ready, otherwise the DSD operation stalls"), simd_32_or_64 two
// or one ("proceeds ... as long as at least one wavelet is ready"). An op's last step needs
// only the values that remain.
uint32_t simdStepValues(uint8_t mode, uint32_t ready, uint32_t perUnit, uint32_t remaining) {
    const uint32_t one = std::min(perUnit, remaining);
    const uint32_t two = std::min(2 * perUnit, remaining);
    if (mode == kSimd64)
        return ready >= two ? two : 0;
    if (mode == kSimd32Or64)
        return ready >= two ? two : ready >= one ? one : 0;
    return ready >= one ? one : 0;
}

} // namespace

uint32_t dsdLength(const Dsd& d) {
    if (d.kind == DsdKind::Mem4d) {
        uint32_t n = 1;
        for (int i = 0; i < std::clamp<int>(d.rank, 1, 4); ++i)
            n *= d.extent[size_t(i)];
        return n;
    }
    return d.extent[0];
}

// WSE-3 fabric DSDs take their color from the queue. WSE-2 DSDs carry a color, but a
// queue rebound at run time (<tile_config>.input_queue_config / output_queue_config,
// SDK topic-16) carries its DSDs to the new color on both architectures.
int Fabric::Impl::fabinColor(const Pe& p, const Dsd& d) const {
    if (d.queue < kNumInputQueues && p.inputQueueColor[d.queue] >= 0 &&
        (arch == Arch::Wse3 || p.inputQueueColor[d.queue] != p.cls->inputQueueColor[d.queue]))
        return p.inputQueueColor[d.queue];
    return d.color % kNumColors;
}

std::string Fabric::Impl::queueBindingNote(const Pe& p, bool input, uint32_t queue) const {
    if (arch != Arch::Wse3)
        return {};
    const bool bound = input ? queue < kNumInputQueues && p.inputQueueColor[queue] >= 0
                             : queue < kNumOutputQueues && p.outputQueueColor[queue] >= 0;
    if (bound)
        return {};
    return std::string("; no @initialize_queue bound ") + (input ? "input" : "output") + " queue " +
           str(queue) + " to a color on this PE, and a WSE-3 queue takes its color only from that";
}

std::string Fabric::Impl::unboundSendsNote(const Pe& p) const {
    if (!p.unboundOutQSent)
        return {};
    std::string queues;
    for (uint32_t q = 0; q < kNumOutputQueues; ++q)
        if (p.unboundOutQSent >> q & 1)
            queues += (queues.empty() ? "" : ", ") + str(q);
    return "; output queue(s) " + queues +
           " of this PE sent wavelets while no @initialize_queue bound them to a color (a "
           "WSE-3 output queue takes its color only from that)";
}

int Fabric::Impl::faboutColor(const Pe& p, const Dsd& d) const {
    if (d.queue < kNumOutputQueues && p.outputQueueColor[d.queue] >= 0 &&
        (arch == Arch::Wse3 || p.outputQueueColor[d.queue] != p.cls->outputQueueColor[d.queue]))
        return p.outputQueueColor[d.queue];
    return d.color % kNumColors;
}

uint32_t Fabric::Impl::readOperand(Pe& p, const OpOperand& o, uint32_t bytes, uint32_t i,
                                   const SourceLoc& loc) {
    const uint32_t mask = bytes == 4 ? 0xffffffffu : 0xffffu;
    uint64_t addr = 0;
    switch (o.kind) {
    case DsdOperand::Kind::Scalar:
        return uint32_t(o.scalar) & mask;
    case DsdOperand::Kind::Pointer:
        addr = o.ptr;
        break;
    case DsdOperand::Kind::Dsd: {
        const Dsd& d = o.dsd;
        switch (d.kind) {
        case DsdKind::Mem1d:
            addr = uint64_t(int64_t(d.baseAddress) + int64_t(i) * d.strideBytes[0]);
            break;
        case DsdKind::Mem4d:
        case DsdKind::CircBuf:
            addr = memoryAddress(d, i);
            break;
        case DsdKind::FabIn: {
            const int c = fabinColor(p, d);
            auto& q = p.rampQ[size_t(c)];
            const uint32_t v = q.front().payload;
            popCeQueue(p, c);
            activateRouter(p);
            return v & mask;
        }
        case DsdKind::Fifo: {
            const FifoDesc& fd = p.cls->fifos[d.fifo];
            FifoState& fs = p.fifos[d.fifo];
            const uint32_t cap = fifoCapacity(fd);
            uint32_t v = 0;
            std::memcpy(&v, p.mem + fd.baseAddress + fs.head * fd.elementBytes,
                        std::min<uint32_t>(4, fd.elementBytes));
            fs.head = (fs.head + 1) % cap;
            --fs.count;
            return v & mask;
        }
        case DsdKind::FabOut:
            fault(p, &loc, "a fabout DSD is used as a source operand");
        }
        break;
    }
    case DsdOperand::Kind::None:
        return 0;
    }
    checkRange(p, addr, bytes, "DSD read", &loc);
    uint32_t v = 0;
    std::memcpy(&v, p.mem + addr, bytes);
    return v;
}

void Fabric::Impl::writeOperand(Pe& p, const OpOperand& o, uint32_t bytes, uint32_t i,
                                uint32_t value, const SourceLoc& loc) {
    uint64_t addr = 0;
    switch (o.kind) {
    case DsdOperand::Kind::Pointer:
        addr = o.ptr;
        break;
    case DsdOperand::Kind::Dsd: {
        const Dsd& d = o.dsd;
        switch (d.kind) {
        case DsdKind::Mem1d:
            addr = uint64_t(int64_t(d.baseAddress) + int64_t(i) * d.strideBytes[0]);
            break;
        case DsdKind::Mem4d:
        case DsdKind::CircBuf:
            addr = memoryAddress(d, i);
            break;
        case DsdKind::FabOut: {
            if (arch == Arch::Wse2 && d.queue > 5)
                fault(p, &loc, "output queue " + str(d.queue) + " does not exist on WSE-2 (0..5)");
            Wavelet w;
            w.color = uint8_t(faboutColor(p, d));
            if (arch == Arch::Wse3 && d.queue < kNumOutputQueues && p.outputQueueColor[d.queue] < 0)
                p.unboundOutQSent |= uint8_t(1u << d.queue);
            w.control = d.control;
            w.payload = value;
            if (bytes == 2 && d.waveletIndexOffset >= 0)
                w.payload = (value & 0xffff) | (uint32_t(o.waveletIndex) << 16);
            p.outQ[d.queue % kNumOutputQueues].push(w);
            p.outQBusy |= uint8_t(1u << (d.queue % kNumOutputQueues));
            activateRouter(p);
            return;
        }
        case DsdKind::Fifo: {
            const FifoDesc& fd = p.cls->fifos[d.fifo];
            FifoState& fs = p.fifos[d.fifo];
            const uint32_t cap = fifoCapacity(fd);
            std::memcpy(p.mem + fd.baseAddress + ((fs.head + fs.count) % cap) * fd.elementBytes,
                        &value, std::min<uint32_t>(4, fd.elementBytes));
            ++fs.count;
            return;
        }
        case DsdKind::FabIn:
            fault(p, &loc, "a fabin DSD is used as a destination operand");
        }
        break;
    }
    default:
        fault(p, &loc, "DSD operation has no destination");
    }
    checkRange(p, addr, bytes, "DSD write", &loc);
    std::memcpy(p.mem + addr, &value, bytes);
    if (!breakpoints.empty())
        noteWrite(p, uint32_t(addr), bytes);
}

namespace {

// Elements of a memory-only op whose src0 and src1 reads fall in conflicting SRAM banks
// (costs::readBanksConflict). Both sources must read SRAM: a mem1d DSD (its start and
// element stride) or a pointer (the same address every element). The bank of an address
// depends on it mod 8 bytes, so the pattern repeats every 8 elements.
uint32_t sourceBankConflicts(const OpState& op, const DsdOpShape& shape) {
    uint32_t address[2], step[2];
    for (int s = 0; s < 2; ++s) {
        const OpOperand& o = op.src[s];
        if (o.kind == DsdOperand::Kind::Pointer) {
            address[s] = o.ptr;
            step[s] = 0;
        } else if (o.kind == DsdOperand::Kind::Dsd && o.dsd.kind == DsdKind::Mem1d) {
            address[s] = o.dsd.baseAddress;
            step[s] = uint32_t(o.dsd.strideBytes[0] / int32_t(dsdElementBytes(o.dsd))) *
                      shape.srcBytes[s];
        } else {
            return 0;
        }
    }
    uint32_t inPeriod = 0, inRest = 0;
    const uint32_t rest = op.total % 8;
    for (uint32_t i = 0; i < 8; ++i)
        if (costs::readBanksConflict(address[0] + i * step[0], address[1] + i * step[1])) {
            ++inPeriod;
            inRest += i < rest;
        }
    return op.total / 8 * inPeriod + inRest;
}

} // namespace

uint32_t Fabric::Impl::memOpCost(const Pe& p, const OpState& op) const {
    const DsdOpDesc& desc = p.cls->dsdOps[op.opIndex];
    const DsdOpShape shape = dsdOpShape(desc.op);
    uint32_t width = costs::simdWidth(desc.op, arch);
    auto limit = [&](const OpOperand& o, uint32_t bytes) {
        if (o.kind == DsdOperand::Kind::Dsd && o.dsd.kind == DsdKind::Mem1d)
            width = std::min(width, strideLimit(o.dsd.strideBytes[0] / int32_t(bytes)));
    };
    limit(op.dst, shape.dstBytes);
    for (int s = 0; s < 3; ++s)
        limit(op.src[s], shape.srcBytes[s]);
    const uint32_t conflicts = sourceBankConflicts(op, shape);
    return costs::kDsdSetup + (op.total + width - 1) / width +
           (conflicts + width - 1) / width * costs::kBankConflictCycles;
}

namespace {

// Fills `out` when the operand is a scalar or a mem1d DSD all of whose n elements of
// `bytes` bytes lie inside SRAM.
bool linear(const OpOperand& o, uint32_t bytes, uint32_t n, LinearOperand& out) {
    if (o.kind == DsdOperand::Kind::None)
        return true;
    if (o.kind == DsdOperand::Kind::Scalar) {
        out.scalar = uint32_t(o.scalar) & (bytes == 4 ? 0xffffffffu : 0xffffu);
        return true;
    }
    if (o.kind != DsdOperand::Kind::Dsd || o.dsd.kind != DsdKind::Mem1d)
        return false;
    out.memory = true;
    out.base = o.dsd.baseAddress;
    out.stride = o.dsd.strideBytes[0];
    const int64_t last = out.base + int64_t(n - 1) * out.stride;
    const int64_t lo = std::min(out.base, last), hi = std::max(out.base, last);
    return lo >= 0 && hi + bytes <= int64_t(kPeMemoryBytes);
}

} // namespace

void Fabric::Impl::runMemoryOp(Pe& p, OpState& op) {
    const DsdOpDesc& desc = p.cls->dsdOps[op.opIndex];
    const DsdOpShape shape = dsdOpShape(desc.op);
    const uint32_t n = op.total - op.done;
    LinearOperand d, s[3];
    bool fast = n > 0 && breakpoints.empty() && shape.numSources <= 3 &&
                linear(op.dst, shape.dstBytes, n, d) && d.memory;
    for (int k = 0; k < shape.numSources && fast; ++k)
        fast = linear(op.src[k], shape.srcBytes[k], n, s[k]);
    if (fast) {
        // Same element order as the general loop below, without per-element dispatch
        // on operand kinds or bounds checks (the whole ranges were checked above).
        linearLoop(desc.op, p.mem, d, s, n, op.carry, prog->fp16Format == Fp16Format::Bf16);
        op.done = op.total;
        return;
    }
    for (uint32_t i = op.done; i < op.total; ++i) {
        const uint32_t a =
            shape.numSources > 0 ? readOperand(p, op.src[0], shape.srcBytes[0], i, op.loc) : 0;
        const uint32_t b =
            shape.numSources > 1 ? readOperand(p, op.src[1], shape.srcBytes[1], i, op.loc) : 0;
        const uint32_t c =
            shape.numSources > 2 ? readOperand(p, op.src[2], shape.srcBytes[2], i, op.loc) : 0;
        writeOperand(p, op.dst, shape.dstBytes, i,
                     dsdElement(desc.op, a, b, c, op.carry, prog->fp16Format == Fp16Format::Bf16),
                     op.loc);
    }
    op.done = op.total;
}

// Hardware DSD strides count elements of the operation's operand size, whichever type
// the DSD was built over (the SDK's blas libraries rebind an i16 DSD to f32 arrays and run
// @fmacs on it; fft-1d-2d runs @fmovs over f16 arrays, one complex number per element).
// Dsd strides are bytes of the element type the DSD was built over (Dsd::elementBytes),
// so each operand's strides become elements times the operand size. Program files without
// elementBytes: a 32-bit operand whose DSD has a stride that is not a multiple of 4 bytes
// can only have been built over 16-bit elements, so its strides double; other strides run
// as given.
void Fabric::Impl::scaleStridesToOperandSize(const DsdOpDesc& desc, OpState& op) {
    const DsdOpShape shape = dsdOpShape(desc.op);
    auto scale = [](OpOperand& o, uint32_t bytes) {
        if (bytes == 0 || o.kind != DsdOperand::Kind::Dsd ||
            (o.dsd.kind != DsdKind::Mem1d && o.dsd.kind != DsdKind::Mem4d &&
             o.dsd.kind != DsdKind::CircBuf))
            return;
        const int rank = o.dsd.kind == DsdKind::Mem4d ? std::clamp<int>(o.dsd.rank, 1, 4) : 1;
        if (o.dsd.elementBytes != 0) {
            if (o.dsd.elementBytes != bytes)
                for (int k = 0; k < rank; ++k)
                    o.dsd.strideBytes[size_t(k)] =
                        o.dsd.strideBytes[size_t(k)] / int32_t(o.dsd.elementBytes) * int32_t(bytes);
            o.dsd.elementBytes = uint8_t(bytes);
            return;
        }
        if (bytes != 4)
            return;
        bool halfWords = false;
        for (int k = 0; k < rank; ++k)
            halfWords = halfWords || o.dsd.strideBytes[size_t(k)] % 4 != 0;
        if (halfWords)
            for (int k = 0; k < rank; ++k)
                o.dsd.strideBytes[size_t(k)] *= 2;
    };
    scale(op.dst, shape.dstBytes);
    for (int s = 0; s < 3; ++s)
        scale(op.src[s], shape.srcBytes[s]);
}

bool Fabric::Impl::dsdExec(Pe& p, const DsdOpDesc& desc, uint32_t opIndex, const SourceLoc& loc) {
    const Frame& f = p.frames.back();
    const uint64_t* r = p.regs.data() + f.regBase;
    const Dsd* d = p.dsds.data() + f.dsdBase;
    OpState op;
    op.opIndex = opIndex;
    op.loc = loc;
    op.async = desc.async;
    auto resolve = [&](const DsdOperand& o, OpOperand& out) {
        out.kind = o.kind;
        switch (o.kind) {
        case DsdOperand::Kind::Dsd:
            out.dsd = d[o.reg];
            break;
        case DsdOperand::Kind::Scalar:
            out.scalar = r[o.reg];
            break;
        case DsdOperand::Kind::Pointer:
            out.ptr = uint32_t(r[o.reg]);
            break;
        case DsdOperand::Kind::None:
            break;
        }
    };
    resolve(desc.dst, op.dst);
    if (op.dst.kind == DsdOperand::Kind::Pointer && op.dst.ptr + 4 <= kPeMemoryBytes)
        std::memcpy(&op.dstBefore, p.mem + op.dst.ptr, 4);
    if (desc.resultReg != kNoReg) {
        p.regs[f.regBase + desc.resultReg] = 1;
        if (!desc.async)
            op.resultSlot = f.regBase + desc.resultReg;
    }
    resolve(desc.src0, op.src[0]);
    resolve(desc.src1, op.src[1]);
    resolve(desc.src2, op.src[2]);
    if (desc.indexReg != kNoReg) {
        // The DSDs page, "Explicit Index Offset": memory operands whose DSD has
        // wavelet_index_offset start `index` 16-bit words (the hardware's address unit)
        // further on; such a fabout sends `index` in every wavelet's upper half.
        const uint16_t index = uint16_t(r[desc.indexReg]);
        for (OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]}) {
            if (o->kind != DsdOperand::Kind::Dsd || o->dsd.waveletIndexOffset < 0)
                continue;
            if (o->dsd.kind == DsdKind::Mem1d || o->dsd.kind == DsdKind::Mem4d)
                o->dsd.baseAddress += 2 * uint32_t(index);
            else if (o->dsd.kind == DsdKind::FabOut)
                o->waveletIndex = index;
        }
    }
    scaleStridesToOperandSize(desc, op);
    if (op.dst.dsd.simdMode | op.src[0].dsd.simdMode | op.src[1].dsd.simdMode |
        op.src[2].dsd.simdMode) {
        const DsdOpShape shape = dsdOpShape(desc.op);
        op.simd = int8_t(simdOperand(op));
        op.packed = packedFabric(op.dst, shape.dstBytes) ? 1 : 0;
        for (int k = 0; k < shape.numSources; ++k)
            op.packed |= packedFabric(op.src[k], shape.srcBytes[k]) ? uint8_t(2u << k) : 0;
    }
    for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]}) {
        if (o->kind != DsdOperand::Kind::Dsd)
            continue;
        if (o->dsd.kind == DsdKind::Fifo && o->dsd.fifo >= p.cls->fifos.size())
            fault(p, &loc,
                  "DSD names FIFO " + str(o->dsd.fifo) + " of " + str(p.cls->fifos.size()));
    }
    // The element count, as the hardware takes it: the length of src0 when it is a DSD
    // with a non-zero length, else src1's, else dst's (SDK topic-16's `@mov32(mem extent
    // 15, fabin extent 2)` moves 2 wavelets; topic-13's `@fmovs(fabout extent 1, buf
    // extent n)` sends n). A memory DSD's length counts even when it is 0 (a remainder
    // loop's empty last chunk): the operation then moves nothing (session 19; it took the
    // next operand's length and wrote past the range). Dfilt's count is its dst's (control
    // wavelets to pass). A FIFO's length is its read or write length.
    applyFifoLengths(p, op);
    if (desc.op == DsdOpKind::Dfilt && op.dst.kind == DsdOperand::Kind::Dsd)
        op.total = dsdLength(op.dst.dsd);
    bool counted = op.total != 0;
    for (const OpOperand* o : {&op.src[0], &op.src[1], &op.src[2], &op.dst}) {
        if (counted || o->kind != DsdOperand::Kind::Dsd)
            continue;
        op.total = dsdLength(o->dsd);
        counted = op.total != 0 || o->dsd.kind == DsdKind::Mem1d || o->dsd.kind == DsdKind::Mem4d ||
                  o->dsd.kind == DsdKind::CircBuf;
    }
    // No operand gives a length (pointers, scalars and FIFOs whose read/write length was
    // never set, e.g. `@fadds(&sum, &sum, fifo)`): the FIFO moves up to its capacity,
    // ending early when it runs empty (or full). **Choice**; it used to move nothing, so
    // such a consumer never drained its FIFO.
    for (const OpOperand* o : {&op.src[0], &op.src[1], &op.src[2], &op.dst})
        if (!counted && o->kind == DsdOperand::Kind::Dsd && o->dsd.kind == DsdKind::Fifo &&
            o->dsd.fifo < p.cls->fifos.size()) {
            op.total = fifoCapacity(p.cls->fifos[o->dsd.fifo]);
            counted = true;
        }
    // No DSD operand at all (`@fs2xp16(&out, x)`, `@fnorms(&y, x)`: the Builtins page's
    // pointer and value forms): one element.
    bool anyDsd = false;
    for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
        anyDsd = anyDsd || o->kind == DsdOperand::Kind::Dsd;
    if (!anyDsd)
        op.total = 1;
    bool fabric = desc.op == DsdOpKind::Dfilt;
    for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
        fabric = fabric || isFabricOrFifo(*o);
    if (!desc.async) {
        if (!fabric) {
            runMemoryOp(p, op);
            const uint64_t start = p.mainReadyAt;
            const uint32_t cost = memOpCost(p, op);
            // A PE that never ran an async op has no microthread to share the datapath with
            // (one issued later starts after this op: DsdExec waits for the main thread).
            p.mainReadyAt +=
                cost +
                (p.uts.size() ? reserveMainDatapath(p, start + costs::kDsdSetup, start + cost) : 0);
            noteProgress(p.mainReadyAt);
            return true;
        }
        op.active = true;
        p.mainReadyAt += costs::kDsdSetup;
        p.mainOp = op;
        return true;
    }
    int ut = desc.microthread;
    if (desc.microthreadReg != kNoReg) {
        // A run-time ut_id: the SDK performs no range check, the simulator stops the run.
        ut = int(uint16_t(r[desc.microthreadReg]));
        if (ut >= 8)
            fault(p, &loc,
                  "microthread ID " + str(ut) +
                      " of this DSD operation is out of range "
                      "(WSE-3 has microthreads 0-7)");
    }
    if (ut < 0) {
        ut = 0;
        for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
            if (o->kind == DsdOperand::Kind::Dsd &&
                (o->dsd.kind == DsdKind::FabIn || o->dsd.kind == DsdKind::FabOut)) {
                ut = o->dsd.queue;
                break;
            }
    }
    OpState& slot = p.uts.slot(size_t(ut));
    if (slot.active) {
        p.mainWaitingUt = uint8_t(ut);
        return false;
    }
    // The microthread's priority: the op's (WSE-2 `.priority`, or copied by the compiler
    // from a comptime DSD), else its operands' DSDs' (WSE-3 fabin, FIFO), else low.
    int priority = desc.priority;
    for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
        if (priority < 0 && o->kind == DsdOperand::Kind::Dsd)
            priority = o->dsd.priority;
    op.rank = costs::microthreadRank(priority);
    op.active = true;
    op.readyAt = std::max(now, p.mainReadyAt);
    if (fabric)
        op.earliestFinish = op.readyAt + costs::kDsdSetup;
    slot = op;
    p.mainReadyAt += costs::kBuiltin;
    // The microthread starts in the issuing cycle, before the main thread can pick another
    // task: it reads memory operands now (as hardware does), so a task that rewrites the
    // source buffer right after cannot change what this op sends.
    if (slot.readyAt <= now && !(p.blockedUts >> ut & 1))
        advanceOp(p, slot, false);
    return true;
}

bool Fabric::Impl::handleFifoStall(Pe& p, OpState& op) {
    int fifo = -1;
    bool full = false;
    for (const OpOperand* o : {&op.src[0], &op.src[1], &op.src[2]})
        if (fifo < 0 && o->kind == DsdOperand::Kind::Dsd && o->dsd.kind == DsdKind::Fifo &&
            o->dsd.fifo < p.fifos.size() && p.fifos[o->dsd.fifo].count == 0)
            fifo = o->dsd.fifo;
    if (fifo < 0 && op.dst.kind == DsdOperand::Kind::Dsd && op.dst.dsd.kind == DsdKind::Fifo &&
        op.dst.dsd.fifo < p.fifos.size() && fifoFull(p, op.dst.dsd.fifo)) {
        fifo = op.dst.dsd.fifo;
        full = true;
    }
    if (fifo < 0)
        return false;
    const FifoDesc& fd = p.cls->fifos[size_t(fifo)];
    const FifoAction action = full ? fd.fullAction : fd.emptyAction;
    if (action == FifoAction::Fault)
        fault(p, &op.loc,
              std::string(dsdOpName(p.cls->dsdOps[op.opIndex].op)) + " " +
                  (full ? "wrote to full" : "read from empty") + " FIFO " + str(uint64_t(fifo)) +
                  " after " + str(op.done) + " of " + str(op.total) + " elements, and its ." +
                  (full ? "full_action" : "empty_action") + " is .fault");
    const bool ends =
        action == FifoAction::Terminate || (action == FifoAction::TestOrSuspend && !op.async);
    if (!ends)
        return false;
    // "If the destination operand is a pointer to a scalar, any data popped from the FIFO
    // during the operation will be discarded, and the value stored at the pointer will remain
    // unchanged."
    if (!full && op.dst.kind == DsdOperand::Kind::Pointer && op.dst.ptr + 4 <= kPeMemoryBytes)
        std::memcpy(p.mem + op.dst.ptr, &op.dstBefore,
                    dsdOpShape(p.cls->dsdOps[op.opIndex].op).dstBytes);
    if (op.resultSlot != UINT32_MAX && action == FifoAction::TestOrSuspend)
        p.regs[op.resultSlot] = 0;
    op.done = op.total;
    finishOp(p, op);
    return true;
}

void Fabric::Impl::finishOp(Pe& p, OpState& op) {
    const DsdOpDesc& desc = p.cls->dsdOps[op.opIndex];
    op.active = false;
    op.waiting = false;
    noteProgress(now);
    if (desc.activateTask >= 0)
        activateTask(p, desc.activateTask);
    if (desc.unblockTask >= 0)
        p.blocked &= ~(uint64_t(1) << desc.unblockTask);
}

void Fabric::Impl::advanceOp(Pe& p, OpState& op, bool onMain) {
    uint64_t& readyAt = onMain ? p.mainReadyAt : op.readyAt;
    if (readyAt > now)
        return;
    if (op.done >= op.total) {
        finishOp(p, op);
        return;
    }
    const DsdOpDesc& desc = p.cls->dsdOps[op.opIndex];
    const DsdOpShape shape = dsdOpShape(desc.op);
    bool fabric = desc.op == DsdOpKind::Dfilt;
    for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
        fabric = fabric || isFabricOrFifo(*o);
    if (!fabric) { // async memory op: all elements now, completion after its cost
        runMemoryOp(p, op);
        readyAt = now + memOpCost(p, op);
        return;
    }
    uint32_t progressed = 0;
    uint64_t cycles = 0; // datapath cycles of the elements (and control wavelets) moved
    bool terminated = false;
    if (desc.op == DsdOpKind::Dfilt) {
        // Drop data wavelets until `extent` control wavelets have passed.
        const int color = fabinColor(p, op.dst.dsd);
        auto& q = p.rampQ[size_t(color)];
        while (!q.empty() && op.done < op.total) {
            if (q.front().control)
                ++op.done;
            popCeQueue(p, color);
            ++progressed;
            ++cycles;
        }
        if (progressed)
            activateRouter(p);
    } else {
        // FIFO read/write lengths count down per element only for FIFO operands: look
        // for them once per op, not per element.
        bool fifoOperand = false;
        for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1], &op.src[2]})
            fifoOperand =
                fifoOperand || (o->kind == DsdOperand::Kind::Dsd && o->dsd.kind == DsdKind::Fifo);
        // Steps (docs/simulator.md "Fabric SIMD mode"): without a SIMD mode each element is a
        // step; with one, a step moves the values of one or two wavelets (32 or 64 bits of
        // FIFO elements) of the operand that sets it. A step takes ceil(values / width)
        // cycles of kSimdStepCycles.
        const int simd = op.simd;
        const bool packedDst = op.packed & 1;
        const uint32_t packedSrc = op.packed >> 1; // bit s: source s is a packed fabin
        uint32_t stepLeft = 0;
        uint64_t stepCycles = 0; // the current step's, counted when its first element moves
        // The datapath (docs/simulator.md "Datapath"): during the element cycles of the
        // main thread's memory DSD op, a microthread it ties (having reserved first) does
        // not step, and the microthreads it outranks take one cycle in kLowDatapathShare
        // (together: one that finds another's share running waits for its end). A burst
        // before those cycles stops at their start, one in them at their end.
        uint64_t cycleCap = UINT64_MAX;
        if (!onMain && p.mainRank >= op.rank && now < p.mainDatapathUntil) {
            if (now < p.mainDatapathFrom) {
                cycleCap = p.mainDatapathFrom - now;
            } else if (p.mainRank == op.rank || now < p.lowShareFrom) {
                readyAt = p.mainRank == op.rank ? p.mainDatapathUntil : p.lowShareFrom;
                return;
            } else { // holdDatapath paces the burst
                cycleCap = std::max<uint64_t>(1, (p.mainDatapathUntil - now) /
                                                     (costs::kLowDatapathShare - 1));
            }
        }
        // The element loop, instantiated without the step bookkeeping for the common op
        // (no SIMD mode, not capped by the main thread's datapath hold), which the DSD-heavy
        // benchmarks run per element.
        auto elementLoop = [&]<bool kSteps>() {
            while (op.done < op.total) {
                if (kSteps && stepLeft == 0) {
                    if (cycles >= cycleCap)
                        break;
                    if (simd < 0) {
                        stepLeft = 1;
                        stepCycles = costs::kSimdStepCycles;
                    } else {
                        const uint32_t values = simdStep(p, op, simd, shape);
                        if (values == 0)
                            break;
                        const uint32_t width =
                            std::max<uint32_t>(1, costs::simdWidth(desc.op, arch));
                        stepLeft = values;
                        stepCycles = (values + width - 1) / width * costs::kSimdStepCycles;
                    }
                }
                // Room and data for one more element?
                bool ok = true;
                bool handledControl = false;
                for (int s = 0; s < shape.numSources && ok; ++s) {
                    const OpOperand& o = op.src[s];
                    if (o.kind != DsdOperand::Kind::Dsd)
                        continue;
                    if (kSteps && o.dsd.kind == DsdKind::FabIn && o.heldValues) {
                        // the rest of a SIMD-mode wavelet already popped
                    } else if (o.dsd.kind == DsdKind::FabIn) {
                        const int color = fabinColor(p, o.dsd);
                        auto& q = p.rampQ[size_t(color)];
                        if (q.empty()) {
                            ok = false;
                        } else if (q.front().control &&
                                   desc.onControl != DsdOpDesc::OnControl::None) {
                            popCeQueue(p, color);
                            activateRouter(p);
                            ++progressed;
                            ++cycles;
                            handledControl = true;
                            // The DSDs page, "Dynamic Completion Based on Control Wavelets":
                            // each form ends the operation ("will terminate and task 'mytask'
                            // will be activated / unblocked"); activate and unblock went on
                            // waiting for data.
                            terminated = true;
                            if (desc.onControl != DsdOpDesc::OnControl::Terminate &&
                                desc.onControlTask >= 0) {
                                if (desc.onControl == DsdOpDesc::OnControl::Activate)
                                    activateTask(p, desc.onControlTask);
                                else
                                    p.blocked &= ~(uint64_t(1) << desc.onControlTask);
                            }
                            ok = false;
                        }
                    } else if (o.dsd.kind == DsdKind::Fifo) {
                        FifoState& fifo = p.fifos[o.dsd.fifo];
                        ok = fifo.count > 0;
                        fifo.emptyEvent = fifo.emptyEvent || !ok;
                    }
                }
                if (terminated)
                    break;
                if (ok && op.dst.kind == DsdOperand::Kind::Dsd) {
                    // A SIMD-mode fabout sends a wavelet every second 16-bit value (and with the
                    // op's last one): only those need room.
                    if (op.dst.dsd.kind == DsdKind::FabOut)
                        ok = (kSteps && packedDst && op.dst.heldValues == 0 &&
                              op.done + 1 < op.total) ||
                             !p.outQ[op.dst.dsd.queue % kNumOutputQueues].full();
                    else if (op.dst.dsd.kind == DsdKind::Fifo) {
                        ok = !fifoFull(p, op.dst.dsd.fifo);
                        p.fifos[op.dst.dsd.fifo].fullEvent |= !ok;
                    }
                }
                if (!ok) {
                    if (handledControl && !terminated)
                        continue; // a control wavelet was consumed; look again
                    break;
                }
                const uint32_t i = op.done;
                // A SIMD-mode fabin gives a wavelet's low half, then its high half (**choice**:
                // the earlier value in the low half, as two u16 words lie in a u32).
                auto source = [&](int s) -> uint32_t {
                    OpOperand& o = op.src[s];
                    if (!kSteps || !(packedSrc >> s & 1))
                        return readOperand(p, o, shape.srcBytes[s], i, op.loc);
                    if (o.heldValues) {
                        o.heldValues = 0;
                        return o.held;
                    }
                    const uint32_t wavelet = readOperand(p, o, 4, i, op.loc);
                    o.held = uint16_t(wavelet >> 16);
                    o.heldValues = 1;
                    return wavelet & 0xffff;
                };
                const uint32_t a = shape.numSources > 0 ? source(0) : 0;
                const uint32_t b = shape.numSources > 1 ? source(1) : 0;
                const uint32_t c = shape.numSources > 2 ? source(2) : 0;
                const uint32_t value =
                    dsdElement(desc.op, a, b, c, op.carry, prog->fp16Format == Fp16Format::Bf16);
                if (!kSteps || !packedDst) {
                    writeOperand(p, op.dst, shape.dstBytes, i, value, op.loc);
                } else if (op.dst.heldValues == 0 && op.done + 1 < op.total) {
                    op.dst.held = uint16_t(value);
                    op.dst.heldValues = 1;
                } else {
                    const uint32_t payload =
                        op.dst.heldValues ? op.dst.held | value << 16 : value & 0xffff;
                    op.dst.heldValues = 0;
                    writeOperand(p, op.dst, 4, i, payload, op.loc);
                }
                if (kSteps) {
                    cycles += stepCycles;
                    stepCycles = 0;
                    --stepLeft;
                } else {
                    cycles += costs::kSimdStepCycles;
                }
                ++op.done;
                ++progressed;
                if (fifoOperand && countFifoLengths(p, op))
                    op.done = op.total; // a FIFO's read or write length ran out
            }
        };
        if (simd < 0 && !packedDst && !packedSrc && cycleCap == UINT64_MAX)
            elementLoop.template operator()<false>();
        else
            elementLoop.template operator()<true>();
        // FIFO activations: a push that ends an empty event wakes the .activate_push task,
        // a pop that ends a full event the .activate_pop task.
        for (const OpOperand* o : {&op.dst, &op.src[0], &op.src[1]})
            if (progressed && o->kind == DsdOperand::Kind::Dsd && o->dsd.kind == DsdKind::Fifo) {
                const FifoDesc& fd = p.cls->fifos[o->dsd.fifo];
                FifoState& fifo = p.fifos[o->dsd.fifo];
                const bool push = o == &op.dst;
                bool& event = push ? fifo.emptyEvent : fifo.fullEvent;
                const bool ended = push ? fifo.count > 0 : !fifoFull(p, o->dsd.fifo);
                if (!event || !ended)
                    continue;
                event = false;
                if (const int8_t t = push ? fd.activatePush : fd.activatePop; t >= 0)
                    activateTask(p, t);
            }
    }
    if (terminated)
        op.done = op.total;
    if (progressed == 0) {
        // An op held up by an empty source FIFO or a full destination FIFO does what that
        // FIFO's .empty_action / .full_action says (SDK 2.10 DSD page): test_or_suspend ends
        // a synchronous op with result false (also when its other operand is a fabric DSD, a
        // FIFO -> fabout drain in the task the pushes activate) and holds an asynchronous
        // one; terminate ends either with result true; suspend holds either; fault stops the
        // run. An op held up by the fabric alone keeps waiting.
        if (handleFifoStall(p, op))
            return;
        if (!op.waiting) {
            op.waiting = true;
            op.waitingSince = now;
            if (opt.traceStalls && simLog.is_open())
                p.pendingTrace.push_back("@" + str(now) + " P" + str(p.x + prog->offsetX) + "." +
                                         str(p.y + prog->offsetY) + ": " + dsdOpName(desc.op) +
                                         " stalled at element " + str(op.done) + "/" +
                                         str(op.total) + " (waiting for wavelets or queue room)");
        }
        return;
    }
    if (op.waiting) {
        p.stats.stallCycles += now - op.waitingSince;
        op.waiting = false;
    }
    noteProgress(now);
    readyAt = now + cycles * costs::kFabricElementCycles;
    if (!onMain)
        holdDatapath(p, op, cycles);
    if (op.done >= op.total)
        readyAt = std::max(readyAt, op.earliestFinish);
    // The main thread's op moved its last element: nothing outside the PE can change it
    // any more, so it completes now instead of in a visit at readyAt. Its .activate /
    // .unblock only set task bits that nothing reads before the main thread is idle (see
    // runsAhead in interpreter.cpp), and the main thread still continues at readyAt. With
    // breakpoints or an instruction trace the visit at readyAt stays (where a run stops).
    if (onMain && op.done >= op.total && desc.activateTask < kNumTaskIds && breakpoints.empty() &&
        !(opt.traceInstructions && simLog.is_open())) {
        finishOp(p, op);
        noteProgress(readyAt);
    }
}

// The values the next step of an op in SIMD mode moves (docs/simulator.md "Fabric SIMD
// mode"), from what the operand that sets the mode has ready; 0: the op stalls.
uint32_t Fabric::Impl::simdStep(Pe& p, OpState& op, int simd, const DsdOpShape& shape) {
    OpOperand& so = simd == 0 ? op.dst : op.src[simd - 1];
    const uint32_t bytes = simd == 0 ? shape.dstBytes : shape.srcBytes[simd - 1];
    const uint32_t remaining = op.total - op.done;
    if (so.heldValues) // the high half of a fabin's wavelet, or a fabout's pending one
        return 1;
    if (so.dsd.kind == DsdKind::Fifo) {
        const FifoDesc& fd = p.cls->fifos[so.dsd.fifo];
        FifoState& fs = p.fifos[so.dsd.fifo];
        const uint32_t perUnit = std::max<uint32_t>(1, 4 / std::max<uint32_t>(1, fd.elementBytes));
        const uint32_t ready = simd == 0 ? fifoCapacity(fd) - fs.count : fs.count;
        const uint32_t values = simdStepValues(so.dsd.simdMode, ready, perUnit, remaining);
        // "Sufficient data" (space) is the step's: the FIFO's event waits for it (the DSDs
        // page, "Task Activation on Pop and Push").
        if (values == 0)
            (simd == 0 ? fs.fullEvent : fs.emptyEvent) = true;
        return values;
    }
    const uint32_t perUnit = packedFabric(so, bytes) ? 2 : 1;
    const uint32_t units = so.dsd.kind == DsdKind::FabIn
                               ? p.rampQ[size_t(fabinColor(p, so.dsd))].size()
                               : p.outQ[so.dsd.queue % kNumOutputQueues].space();
    return simdStepValues(so.dsd.simdMode, units * perUnit, perUnit, remaining);
}

// The datapath (docs/simulator.md "Datapath"): the main thread's memory DSD op, whose
// element cycles would be [from, until), gets only the cycles that no microthread of its
// rank or higher holds: it waits through each such hold it meets, so its elements end later
// by those cycles. A microthread it outranks whose burst holds cycles the op now runs in
// shares them: the burst's cycles there take kLowDatapathShare times as long, up to the
// share of the op's element cycles, and the op ends later by them. Returns the cycles the
// op is delayed.
uint64_t Fabric::Impl::reserveMainDatapath(Pe& p, uint64_t from, uint64_t until) {
    uint64_t t = from, left = until - from;
    for (;;) {
        // The earliest hold still ahead of t by a microthread that keeps the datapath.
        uint64_t holdFrom = UINT64_MAX, holdUntil = 0;
        for (const OpState& ut : p.uts)
            if (ut.rank >= p.mainRank && ut.datapathUntil > t &&
                std::max(ut.datapathFrom(), t) < holdFrom) {
                holdFrom = std::max(ut.datapathFrom(), t);
                holdUntil = ut.datapathUntil;
            }
        if (holdFrom >= t + left)
            break;
        left -= holdFrom - t;
        t = holdUntil;
    }
    uint64_t end = t + left;
    const uint64_t share = costs::kLowDatapathShare;
    uint64_t budget = until - from; // the op's element cycles the shares still run beside
    p.lowShareFrom = from;
    for (OpState& ut : p.uts)
        if (ut.active && ut.rank < p.mainRank && ut.datapathUntil > from &&
            ut.datapathFrom() < end && budget) {
            const uint64_t start = std::max(from, ut.datapathFrom());
            const uint64_t shared = std::min(std::min(end, ut.datapathUntil) - start,
                                             (budget + share - 2) / (share - 1));
            const uint64_t later = shared * (share - 1);
            ut.datapathUntil += later;
            ut.datapathCycles += uint32_t(later);
            ut.readyAt += later;
            budget -= std::min(budget, later);
            end += shared;
            p.lowShareFrom = std::max(p.lowShareFrom, start + shared * share);
        }
    p.mainDatapathFrom = from;
    p.mainDatapathUntil = end;
    return end - until;
}

// A microthread's op held the datapath for `cycles` from now: one that outranks the main
// thread delays the main thread's memory op whose element cycles it overlaps. One the op
// outranks that stepped in those cycles took its share of them (advanceOp capped the burst
// to end in them): its steps take kLowDatapathShare cycles each, and the op ends later by
// the cycles it took. (A Dfilt neither shares nor pauses: it drops wavelets.)
void Fabric::Impl::holdDatapath(Pe& p, OpState& op, uint64_t cycles) {
    if (op.rank < p.mainRank && now >= p.mainDatapathFrom && now < p.mainDatapathUntil &&
        p.cls->dsdOps[op.opIndex].op != DsdOpKind::Dfilt) {
        const uint64_t held = cycles * costs::kLowDatapathShare;
        op.datapathCycles = uint32_t(held);
        op.datapathUntil = now + held;
        op.readyAt = now + held * costs::kFabricElementCycles;
        p.lowShareFrom = op.datapathUntil;
        p.mainDatapathUntil += cycles;
        p.mainReadyAt += cycles;
        return;
    }
    op.datapathCycles = uint32_t(cycles);
    op.datapathUntil = now + cycles;
    if (op.rank <= p.mainRank || op.datapathUntil <= p.mainDatapathFrom ||
        now >= p.mainDatapathUntil)
        return;
    const uint64_t overlap =
        std::min(op.datapathUntil, p.mainDatapathUntil) - std::max(now, p.mainDatapathFrom);
    p.mainDatapathUntil += overlap;
    p.mainReadyAt += overlap;
}

} // namespace sim
