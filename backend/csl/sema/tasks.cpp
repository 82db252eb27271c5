// Task bindings: @bind_data_task, @bind_local_task, @bind_control_task, and the WSE-3
// builtins @set_control_task_table and @bind_rotating_tasks (docs/csl.md, docs/simulator.md
// "Control task tables" and "Rotating tasks").
#include "backend/csl/sema/analyzer_class.h"

#include <set>

namespace csl::sema {

// Binds task `f` to `id` (a `want` handle). A WSE-3 control task is placed when the class is
// done (placeControlTasks); `controlQueue` >= 0 puts it in that input queue's control table
// (@bind_rotating_tasks' alternate task).
void Analyzer::bindTask(const std::string& name, HandleKind want, const Value& f, const Value& id,
                        std::span<const uint32_t> args, uint32_t node, int controlQueue) {
    if (f.k != VK::Fn || !f.fn)
        fail(args[0], "@" + name + " expects a task, found '" + typeName(f.type) + "'");
    if (!f.fn->isTask)
        fail(args[0], "'" + f.fn->name + "' is a function, not a task");
    int tid = handleId(id, want, args[1], ("@" + name).c_str());
    ClassCtx* c = cls();
    if (!c)
        fail(node, "@" + name + " is only allowed in tile code");
    // The Builtins page: the binding "must appear in a top-level comptime block".
    failUnlessTopLevelComptime("@" + name, node);
    // What memcpy reserves (SDK-NOTES, from the SDK's memcpy documentation): local task IDs
    // 27, 28 and 30, control task IDs 33-37 and, on WSE-2, the data tasks of colors 21-23;
    // WSE-2 tasks of every kind share one table, so there a control task may not take
    // memcpy's local task entries either. WSE-3 input queues are not checked: the SDK's own
    // sdklayout-05-gemv, compiled with memcpy for its host streams, binds a data task to
    // input queue 0. (The task ID maps of the SDK's examples also mark local task IDs 21-23;
    // our own programs use them with memcpy and memcpy's documentation binds nothing there.)
    if (opt_.memcpy) {
        const bool memcpyLocal = tid == 27 || tid == 28 || tid == 30;
        const bool reserved = want == HandleKind::LocalTaskId ? memcpyLocal
                              : want == HandleKind::ControlTaskId
                                  ? (tid >= 33 && tid <= 37) || (!wse3() && memcpyLocal)
                                  : !wse3() && tid >= 21;
        if (reserved)
            fail(args[1],
                 std::string(want == HandleKind::LocalTaskId     ? "local task ID "
                             : want == HandleKind::ControlTaskId ? "control task ID "
                                                                 : "the data task ID of color ") +
                     std::to_string(tid) + " is reserved by memcpy");
    }
    TypeP ft = fnType(f.fn);
    if (want == HandleKind::DataTaskId && ft->params.size() > 2)
        fail(args[0], "a data task takes at most 2 parameters (the wavelet payload)");
    // The Task IDs page: "A data task must have at least one input argument".
    if (want == HandleKind::DataTaskId && ft->params.empty())
        fail(args[0], "a data task takes at least one parameter (the wavelet payload)");
    if (want == HandleKind::LocalTaskId && !ft->params.empty())
        fail(args[0], "a local task takes no parameters");
    // The Task IDs page: a wavelet's 32 bits are "split evenly across the task arguments";
    // a control wavelet carries 16 bits of data.
    uint32_t paramBits = 0;
    std::string paramTypes;
    for (TypeP p : ft->params) {
        paramBits += sizeOf(p) * 8;
        paramTypes += (paramTypes.empty() ? "" : ", ") + typeName(p);
    }
    if (want == HandleKind::DataTaskId &&
        (paramBits > 32 || (ft->params.size() == 2 && paramBits != 32)))
        fail(args[0], "data task '" + f.fn->name + "' takes " + std::to_string(paramBits) +
                          " bits of parameters (" + paramTypes +
                          "); a wavelet carries 32: use one 32- or 16-bit parameter or two "
                          "16-bit ones");
    if (want == HandleKind::ControlTaskId && (ft->params.size() > 1 || paramBits > 16))
        fail(args[0], "control task '" + f.fn->name + "' takes " + paramTypes +
                          "; a control wavelet carries 16 bits of data: use at most one 16-bit "
                          "parameter");
    for (TypeP p : ft->params) {
        failUnlessAbiSized(p, args[0], "task '" + f.fn->name + "'");
        if (sizeOf(p) == 8)
            fail(args[0], "task parameters of type '" + typeName(p) + "' are not allowed");
    }
    // WSE-3 control tasks go to a table only known when the class is done: shared with the
    // other tasks, or separate after @set_control_task_table, which may come later.
    if (want == HandleKind::ControlTaskId && wse3()) {
        for (const ClassCtx::ControlBind& b : c->controlBinds)
            if (b.id == tid && b.queue == controlQueue)
                fail(node, "control task ID " + std::to_string(tid) + " is already bound to '" +
                               b.name + "'");
        c->controlBinds.push_back(
            {tid, controlQueue, lowerFunction(f.fn, args[0]), f.fn->name, fr_->mod, node});
        return;
    }
    sim::TaskBinding& tb = c->cc.tasks[size_t(tid)];
    if (tb.kind != sim::TaskKind::None)
        fail(node, "task ID " + std::to_string(tid) + " is already bound to '" +
                       c->taskNames[size_t(tid)] + "'");
    tb.function = lowerFunction(f.fn, args[0]);
    c->taskNames[size_t(tid)] = f.fn->name;
    if (want == HandleKind::DataTaskId) {
        tb.kind = sim::TaskKind::Data;
        if (wse3()) {
            c->fabricQueueUses.try_emplace({true, tid},
                                           ClassCtx::QueueUse{fr_->mod, node, "this data task"});
            tb.inputQueue = int8_t(tid);
            int8_t col = c->cc.inputQueueColor[size_t(tid)];
            tb.color = uint8_t(col >= 0 ? col : 0);
        } else {
            tb.color = uint8_t(tid);
        }
    } else {
        tb.kind = want == HandleKind::LocalTaskId ? sim::TaskKind::Local : sim::TaskKind::Control;
    }
}

// The class of a WSE-3 task-table builtin `name`, which must be in a tile's top-level
// comptime block.
ClassCtx* Analyzer::wse3TileComptime(const char* name, uint32_t node) {
    ClassCtx* c = cls();
    if (!c)
        fail(node, std::string(name) + " is only allowed in tile code");
    if (!wse3())
        failOnThisArch(node, std::string(name) + " is only available on wse3");
    failUnlessTopLevelComptime(name, node);
    return c;
}

// The WSE-3 builtins page: "Create a separate control task table", `.instructions` in {2, 4,
// 8} (default 4; it sizes hardware entries, which the simulator has no use for) and `.stride`
// in [1, 7] (default 1), "at most once during the evaluation of a top-level comptime block".
Value Analyzer::setControlTaskTable(std::span<const uint32_t> args, uint32_t node) {
    const char* name = "@set_control_task_table";
    if (args.size() > 1)
        fail(node,
             std::string(name) + " expects 0 or 1 arguments, found " + std::to_string(args.size()));
    ClassCtx* c = wse3TileComptime(name, node);
    if (c->cc.controlTable.separate)
        fail(node, std::string(name) + " can be called at most once");
    const Value cfg =
        args.empty() ? mkAgg({}, {}) : evalComptime(args[0], nullptr, "configuration");
    int64_t stride = 1;
    for (size_t i = 0; cfg.names && i < cfg.names->size(); ++i) {
        const std::string& field = (*cfg.names)[i];
        const int64_t v = asInt((*cfg.elems)[i], args[0], field.c_str());
        if (field == "instructions") {
            if (v != 2 && v != 4 && v != 8)
                fail(args[0], "'.instructions' of " + std::string(name) +
                                  " must be 2, 4 or 8, found " + std::to_string(v));
        } else if (field == "stride") {
            if (v < 1 || v > 7)
                fail(args[0], "'.stride' of " + std::string(name) + " must be in [1, 7], found " +
                                  std::to_string(v));
            stride = v;
        } else {
            fail(args[0], "unknown field '" + field + "' in " + name +
                              " configuration (it takes .instructions and .stride)");
        }
    }
    c->cc.controlTable.separate = true;
    c->cc.controlTable.stride = uint8_t(stride);
    return mkVoid();
}

// @bind_rotating_tasks(main, alt, data_task_id, .{ .limit, .init }) (WSE-3): main is bound
// to the data task ID, alt to control task ID 0 of that input queue's control table, and
// the simulator runs alt instead of main at every start where the counter equals limit.
Value Analyzer::bindRotatingTasks(std::span<const uint32_t> args, uint32_t node) {
    const char* name = "@bind_rotating_tasks";
    if (args.size() != 4)
        fail(node,
             std::string(name) + " expects 4 arguments, found " + std::to_string(args.size()));
    ClassCtx* c = wse3TileComptime(name, node);
    if (c->cc.rotatingTasks.size() >= 2)
        fail(node, "WSE-3 supports two pairs of rotating tasks: " + std::string(name) +
                       " can be called at most twice");
    const Value main = evalComptime(args[0], nullptr, "task");
    const Value alt = evalComptime(args[1], nullptr, "task");
    const Value id = evalComptime(args[2], nullptr, "data task ID");
    const Value cfg = evalComptime(args[3], nullptr, "configuration");
    int64_t limit = -1, init = 0;
    for (size_t i = 0; cfg.names && i < cfg.names->size(); ++i) {
        const std::string& field = (*cfg.names)[i];
        const int64_t v = asInt((*cfg.elems)[i], args[3], field.c_str());
        if (v < 0 || v > 0xffff)
            fail(args[3], "'." + field + "' of " + name + " must be in [0, 65535], found " +
                              std::to_string(v));
        if (field == "limit")
            limit = v;
        else if (field == "init")
            init = v;
        else
            fail(args[3], "unknown field '" + field + "' in " + name +
                              " configuration (it takes .limit and .init)");
    }
    if (limit < 0)
        fail(args[3], std::string(name) + " needs '.limit'");
    if (init > limit)
        fail(args[3], "'.init' (" + std::to_string(init) + ") of " + name +
                          " may not exceed '.limit' (" + std::to_string(limit) + ")");
    const std::vector<uint32_t> mainArgs = {args[0], args[2]};
    bindTask("bind_rotating_tasks", HandleKind::DataTaskId, main, id, mainArgs, node);
    const int queue = int(id.i);
    const std::vector<uint32_t> altArgs = {args[1], args[2]};
    bindTask("bind_rotating_tasks", HandleKind::ControlTaskId, alt,
             mkHandle(HandleKind::ControlTaskId, 0), altArgs, node, queue);
    c->cc.rotatingTasks.push_back(
        {uint8_t(queue), c->controlBinds.back().function, uint16_t(limit), uint16_t(init)});
    return mkVoid();
}

// Places the WSE-3 control tasks of class `c` in the shared task table or, after
// @set_control_task_table, in the separate one at their queue's table.
void Analyzer::placeControlTasks(ClassCtx& c) {
    sim::ControlTaskTable& table = c.cc.controlTable;
    for (const ClassCtx::ControlBind& b : c.controlBinds) {
        auto error = [&](const std::string& msg) {
            if (b.mod->ast)
                diags_.error(b.mod->fileId, b.mod->ast->beginOffset(b.node),
                             b.mod->ast->endOffset(b.node), msg);
        };
        if (table.separate) {
            const uint32_t tableIndex = b.queue >= 0 ? table.queueTable[size_t(b.queue)] : 0;
            const size_t entry = (tableIndex * table.stride + uint32_t(b.id)) % sim::kNumTaskIds;
            if (table.functions[entry] >= 0 && table.functions[entry] != b.function)
                error("entry " + std::to_string(entry) +
                      " of the control task table is bound twice (control task ID " +
                      std::to_string(b.id) + ", '" + b.name + "')");
            table.functions[entry] = b.function;
            continue;
        }
        sim::TaskBinding& tb = c.cc.tasks[size_t(b.id)];
        if (tb.kind != sim::TaskKind::None) {
            error("task ID " + std::to_string(b.id) + " is already bound to '" +
                  c.taskNames[size_t(b.id)] + "'" +
                  (c.cc.rotatingTasks.empty()
                       ? ""
                       : " (@bind_rotating_tasks binds its alternate task to control task ID "
                         "0: call @set_control_task_table to give control tasks their own "
                         "table)"));
            continue;
        }
        tb.kind = sim::TaskKind::Control;
        tb.function = b.function;
        c.taskNames[size_t(b.id)] = b.name;
    }
}

} // namespace csl::sema
