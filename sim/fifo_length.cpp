// FIFO read and write lengths (@set_fifo_read_length / @set_fifo_write_length). The SDK's
// DSD page: the builtins "update the length field of a FIFO that is associated with a read
// or write operation respectively", in place; "FIFOs are always initialized with
// read/write length zero"; a synchronous op that meets an empty (full) FIFO ends and "the
// length of the FIFO will be updated to the remaining length". So a FIFO operand's length
// is the length the op sees for it (read length as a source, write length as the
// destination), and it counts down by one per element moved through the FIFO.
#include "sim/fabric_impl.h"

namespace sim {

void Fabric::Impl::setFifoLength(Pe& p, uint64_t fifo, uint64_t length, bool read,
                                 const SourceLoc& loc) {
    if (fifo >= p.fifos.size())
        fault(p, &loc,
              std::string(read ? "@set_fifo_read_length" : "@set_fifo_write_length") +
                  " names FIFO " + std::to_string(fifo) + " of " + std::to_string(p.fifos.size()));
    (read ? p.fifos[fifo].readLength : p.fifos[fifo].writeLength) = uint16_t(length);
}

// The element count rule (dsdExec: the first operand with a non-zero length) then sees a
// FIFO's current length instead of its capacity. A zero length, the state of a FIFO whose
// lengths the program never sets (SDK pipeline-02-fifo, topic-09-fifos), leaves the count
// to the other operands.
void Fabric::Impl::applyFifoLengths(const Pe& p, OpState& op) const {
    auto apply = [&](OpOperand& o, bool read) {
        if (o.kind == DsdOperand::Kind::Dsd && o.dsd.kind == DsdKind::Fifo &&
            o.dsd.fifo < p.fifos.size()) {
            const FifoState& fs = p.fifos[o.dsd.fifo];
            o.dsd.extent[0] = read ? fs.readLength : fs.writeLength;
        }
    };
    apply(op.dst, false);
    for (OpOperand& s : op.src)
        apply(s, true);
}

// After one element: every non-zero FIFO length of the op's FIFO operands counts down.
// True when one of them reached zero: that operand's length ran out, so the op ends (as
// an operation ends when any operand's length runs out). A length that was already zero
// does not limit the op.
bool Fabric::Impl::countFifoLengths(Pe& p, const OpState& op) {
    bool ranOut = false;
    auto count = [&](const OpOperand& o, bool read) {
        if (o.kind != DsdOperand::Kind::Dsd || o.dsd.kind != DsdKind::Fifo)
            return;
        FifoState& fs = p.fifos[o.dsd.fifo];
        uint16_t& length = read ? fs.readLength : fs.writeLength;
        if (length != 0 && --length == 0)
            ranOut = true;
    };
    count(op.dst, false);
    for (const OpOperand& s : op.src)
        count(s, true);
    return ranOut;
}

} // namespace sim
