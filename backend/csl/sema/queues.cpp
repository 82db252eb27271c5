// WSE-3 queue reuse: @queue_flush, @set_empty_queue_handler, the internal library
// <tessera/queues> that <tile_config>'s queue_flush part is written on, and the built-in
// <tile_config> parts output_queue_config and input_queue_config.
//
// The flush state of the queues is a u16 bit mask in SRAM ($queue_flush): bit q for output
// queue q, bit 8 + q for input queue q. @queue_flush(q) sets q's bit before asking the
// simulator to activate the teardown task once q is empty, queue_flush.exit(q) clears it,
// and the teardown task calls the handler of every queue whose bit is set and which is
// empty (the SDK's "queue flush status" registers, queue_flush.iq_status/oq_status, read the
// same: a teardown task run by a TEARDOWN wavelet while a flushed queue still drains must
// not take that queue for flushed).
#include "backend/csl/sema/analyzer_class.h"

namespace csl::sema {

namespace {

bool isInputQueue(const Value& q) {
    return q.type->k == TK::Handle && q.type->hk == HandleKind::InputQueue;
}

void requireQueue(Analyzer& a, const Value& q, uint32_t node, const char* what) {
    if (q.type->k != TK::Handle ||
        (q.type->hk != HandleKind::InputQueue && q.type->hk != HandleKind::OutputQueue))
        a.fail(node, std::string(what) + " expects an input_queue or output_queue, found '" +
                         typeName(q.type) + "'");
}

// The bit of queue q in the flush state word.
int flushBitOf(int queue, bool input) {
    return input ? 8 + queue : queue;
}

} // namespace

uint32_t Analyzer::queueFlushFlagsAddr(uint32_t node) {
    ClassCtx* c = cls();
    if (c->queueFlushAddr == kNoQueueFlushAddr)
        c->queueFlushAddr = allocate(2, 2, "$queue_flush", types.u16, node);
    return c->queueFlushAddr;
}

uint16_t Analyzer::queueFlushBit(int queue, uint32_t node) {
    uint16_t flags = newReg(node);
    emit(sim::Op::Load, sim::ScalarType::U16, flags, kNoReg, kNoReg,
         int32_t(queueFlushFlagsAddr(node)));
    uint16_t bit = newReg(node);
    emit(sim::Op::Imm, sim::ScalarType::U16, bit, kNoReg, kNoReg, 1 << queue);
    uint16_t r = newReg(node);
    emit(sim::Op::BitAnd, sim::ScalarType::U16, r, flags, bit, 0);
    return r;
}

void Analyzer::setQueueFlushBit(int queue, bool on, uint32_t node) {
    uint32_t addr = queueFlushFlagsAddr(node);
    uint16_t flags = newReg(node);
    emit(sim::Op::Load, sim::ScalarType::U16, flags, kNoReg, kNoReg, int32_t(addr));
    uint16_t mask = newReg(node);
    emit(sim::Op::Imm, sim::ScalarType::U16, mask, kNoReg, kNoReg,
         on ? (1 << queue) : (~(1 << queue) & 0xffff));
    uint16_t r = newReg(node);
    emit(on ? sim::Op::BitOr : sim::Op::BitAnd, sim::ScalarType::U16, r, flags, mask, 0);
    emit(sim::Op::Store, sim::ScalarType::U16, kNoReg, kNoReg, r, int32_t(addr));
}

int32_t Analyzer::teardownFunction(uint32_t node) {
    ClassCtx* c = cls();
    sim::TaskBinding& tb = c->cc.tasks[size_t(sim::kTeardownTaskId)];
    if (c->teardownFn < 0) {
        if (tb.kind != sim::TaskKind::None)
            fail(node, "the teardown task ID " + std::to_string(sim::kTeardownTaskId) +
                           " is already bound to '" + c->taskNames[size_t(sim::kTeardownTaskId)] +
                           "'");
        c->funcs.emplace_back();
        c->funcs.back().name = "$teardown";
        c->teardownFn = int32_t(c->funcs.size() - 1);
        c->fnOfIndex.push_back(nullptr);
        tb.kind = sim::TaskKind::Local;
        tb.function = c->teardownFn;
        // Named in words: messages say a task ID "is already bound to '<name>'".
        c->taskNames[size_t(sim::kTeardownTaskId)] =
            "the teardown task that @set_teardown_handler and @set_empty_queue_handler use";
    }
    return c->teardownFn;
}

Value Analyzer::setEmptyQueueHandler(std::span<const uint32_t> args, uint32_t node) {
    if (args.size() != 2)
        fail(node,
             "@set_empty_queue_handler expects 2 arguments, found " + std::to_string(args.size()));
    ClassCtx* c = cls();
    if (!c)
        fail(node, "@set_empty_queue_handler is only allowed in tile code");
    if (!wse3())
        failOnThisArch(node, "@set_empty_queue_handler is only available on wse3");
    failUnlessTopLevelComptime("@set_empty_queue_handler", node);
    Value f = evalComptime(args[0], nullptr, "empty queue handler");
    if (f.k != VK::Fn || !f.fn)
        fail(args[0],
             "@set_empty_queue_handler expects a function, found '" + typeName(f.type) + "'");
    if (f.fn->isTask)
        fail(args[0], "'" + f.fn->name + "' is a task; an empty queue handler is a function");
    TypeP ft = fnType(f.fn);
    if (!ft->params.empty() || ft->ret->k != TK::Void)
        fail(args[0], "an empty queue handler takes no parameters and returns void");
    Value q = evalComptime(args[1], nullptr, "queue");
    requireQueue(*this, q, args[1], "@set_empty_queue_handler");
    const bool input = isInputQueue(q);
    int queue = handleId(q, input ? HandleKind::InputQueue : HandleKind::OutputQueue, args[1],
                         "@set_empty_queue_handler");
    if (c->emptyQueueHandlers.count(flushBitOf(queue, input)))
        fail(node, std::string(input ? "input" : "output") + " queue " + std::to_string(queue) +
                       " already has an empty queue handler");
    c->emptyQueueHandlers.insert(flushBitOf(queue, input));
    int32_t handler = lowerFunction(f.fn, args[0]);
    int32_t td = teardownFunction(node);
    // if (queue_flush state of `queue`) handler();
    ModuleFrame teardown(*this, fr_->mod, &c->funcs[size_t(td)]);
    setLoc(node);
    const uint16_t requested = queueFlushBit(flushBitOf(queue, input), node);
    const uint16_t which = toReg(mkInt(input ? 0 : 1, types.u16), node);
    const uint16_t status = newReg(node);
    emit(sim::Op::Builtin, sim::ScalarType::U16, status, which, 1,
         int32_t(sim::BuiltinId::QueueStatus));
    const uint16_t emptyBit = toReg(mkInt(1 << queue, types.u16), node);
    const uint16_t empty = newReg(node);
    emit(sim::Op::BitAnd, sim::ScalarType::U16, empty, status, emptyBit, 0);
    const size_t skipWhileDraining =
        emit(sim::Op::JumpIfNot, sim::ScalarType::U16, kNoReg, empty, kNoReg, 0);
    size_t skip = emit(sim::Op::JumpIfNot, sim::ScalarType::U16, kNoReg, requested, kNoReg, 0);
    emit(sim::Op::Call, sim::ScalarType::Void, kNoReg, kNoReg, 0, handler);
    patch(skip, here());
    patch(skipWhileDraining, here());
    return mkVoid();
}

Value Analyzer::queueFlush(std::span<const uint32_t> args, uint32_t node) {
    if (args.size() != 1)
        fail(node, "@queue_flush expects 1 argument, found " + std::to_string(args.size()));
    if (!wse3())
        failOnThisArch(node, "@queue_flush is only available on wse3");
    Value q = eval(args[0]);
    requireQueue(*this, q, args[0], "@queue_flush");
    const bool input = isInputQueue(q);
    int id = handleId(q, input ? HandleKind::InputQueue : HandleKind::OutputQueue, args[0],
                      "@queue_flush");
    if (!runtime())
        fail(node, "@queue_flush is a runtime operation");
    setQueueFlushBit(flushBitOf(id, input), true, node);
    // (queue, 1 for an input queue): the simulator activates the teardown task once the
    // queue is empty, at once when it already is.
    uint16_t base = newRegs(2);
    emit(sim::Op::Imm, sim::ScalarType::U16, base, kNoReg, kNoReg, id);
    emit(sim::Op::Imm, sim::ScalarType::U16, uint16_t(base + 1), kNoReg, kNoReg, input ? 1 : 0);
    setLoc(node);
    emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, 2,
         int32_t(sim::BuiltinId::QueueFlush));
    return mkVoid();
}

Value Analyzer::queuesLibCall(const std::string& fn, const std::vector<Value>& args,
                              const std::vector<uint32_t>& argNodes, uint32_t node) {
    if (!runtime())
        fail(node, "'" + fn + "' must be called at runtime");
    auto need = [&](size_t k) {
        if (args.size() != k)
            fail(node, "'" + fn + "' expects " + std::to_string(k) + " arguments, found " +
                           std::to_string(args.size()));
    };
    if (fn == "flush_flags") {
        // The whole flush state word: output queues in bits 0..7, input queues in 8..15.
        need(0);
        uint16_t r = newReg(node);
        emit(sim::Op::Load, sim::ScalarType::U16, r, kNoReg, kNoReg,
             int32_t(queueFlushFlagsAddr(node)));
        return mkRuntime(r, types.u16);
    }
    if (fn == "flush_active" || fn == "flush_exit") {
        need(1);
        requireQueue(*this, args[0], argNodes[0],
                     fn == "flush_exit" ? "queue_flush.exit" : "queue_flush.is_active");
        const bool input = isInputQueue(args[0]);
        int q = handleId(args[0], input ? HandleKind::InputQueue : HandleKind::OutputQueue,
                         argNodes[0], fn.c_str());
        if (fn == "flush_exit") {
            setQueueFlushBit(flushBitOf(q, input), false, node);
            return mkVoid();
        }
        uint16_t bit = queueFlushBit(flushBitOf(q, input), node);
        uint16_t zero = toReg(mkInt(0, types.u16), node);
        uint16_t r = newReg(node);
        emit(sim::Op::CmpNe, sim::ScalarType::U16, r, bit, zero, 0);
        return mkRuntime(r, types.boolT);
    }
    // <tile_config>: encode_output_queue(queue_id, color_id) and
    // encode_input_queue(queue_id, color_id, filter_enable); ids are integers of any type
    // (comptime ones are range-checked), filter_enable says that the color has a filter (our
    // router applies a color's filter wherever the color is delivered).
    bool input = fn == "encode_input_queue";
    need(input ? 3 : 2);
    int numQueues = input ? sim::kNumInputQueues : (wse3() ? 8 : 6);
    std::vector<uint16_t> regs;
    for (size_t i = 0; i < args.size(); ++i) {
        const Value& v = args[i];
        if (i == 2) {
            regs.push_back(toReg(coerce(v, types.boolT, argNodes[i]), argNodes[i]));
            continue;
        }
        const char* what = i == 0 ? "queue id" : "color id";
        if (v.isComptime()) {
            int64_t x = asInt(v, argNodes[i], what);
            int limit = i == 0 ? numQueues : sim::kNumColors;
            if (x < 0 || x >= limit)
                fail(argNodes[i],
                     std::string(i == 0 ? (input ? "input queue " : "output queue ") : "color ") +
                         std::to_string(x) + " is outside 0.." + std::to_string(limit - 1));
            regs.push_back(toReg(mkInt(x, types.u16), argNodes[i]));
        } else if (v.type->k == TK::Int) {
            uint16_t r = newReg(argNodes[i]);
            emit(sim::Op::Convert, sim::ScalarType::U16, r, v.reg, kNoReg,
                 int32_t(scalarOf(v.type)));
            regs.push_back(r);
        } else {
            fail(argNodes[i], std::string("'") + fn + "' expects an integer " + what + ", found '" +
                                  typeName(v.type) + "'");
        }
    }
    uint16_t base = newRegs(uint16_t(regs.size()));
    for (size_t i = 0; i < regs.size(); ++i)
        emit(sim::Op::Mov, sim::ScalarType::U32, uint16_t(base + i), regs[i], kNoReg, 0);
    setLoc(node);
    emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, uint16_t(regs.size()),
         int32_t(input ? sim::BuiltinId::InputQueueConfigSet
                       : sim::BuiltinId::OutputQueueConfigSet));
    return mkVoid();
}

} // namespace csl::sema
