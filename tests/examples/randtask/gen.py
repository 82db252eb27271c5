#!/usr/bin/env python3
"""randtask: differential random testing of task graphs.

Writes cases/<id>/{layout.csl, pe_<x>.csl, case.json, compile_wse2.sh, compile_wse3.sh}
for fixed seeds; run.py (one checker for every case) reads case.json. Each case is a row
of 1..6 PEs; every PE runs a random graph of local tasks ("nodes") that activate, block
and unblock each other through join counters (the last member activates or unblocks;
"join_all" members each activate a blocked node, merging), loops that re-activate
themselves, and links from other PEs over random colors:
  wtt   a data task (WSE-2: bound to the color; WSE-3: to an input queue), u32/f32/two u16
        parameters; its channel opened by start, by a node, or by the completion of an
        earlier send (`.unblock` of the data task ID or its queue/color); "throttled" ones
        block their own ID after every wavelet and a tick task reopens it; some are
        multicast: the first receiver forwards the color to a second one further on;
  ctrl  one control wavelet (<control> payload) to a control task;
  async an async fabin -> memory op (@fmovs/@fadds/@mov32) issued by start or a node;
  fifo  an async fabin -> FIFO op, the FIFO popped by the node its completion gates;
        some FIFOs have an .activate_push task (start pops the empty FIFO first, so the
        first push activates it once) that is one more join member of that node.
Sends are async fabout ops (chunked ones re-run their task from each chunk's completion);
every completion (.activate/.unblock) gates a node. Half the PEs keep task IDs, gating
modes and WSE-3 microthread IDs in run-time tables. Every node runs exactly `reps` times
whatever order the picker uses (all waits point to lower ranks, so no cycle), so the final
values are deterministic; the model below computes them, and run.py also checks that each
PE's run log respects the graph.

Hang cases take a graph and break it (an unblock nobody performs, a sender that never
sends, a channel never opened); run.py checks that the launch fails with a report naming
the PE and the task or the color/queue it waits on.

Usage: python3 gen.py                                   (rewrites cases/)
       python3 gen.py --seeds 100-199 [--big] --out DIR  (a sweep of run cases)
"""
import json
import os
import random
import shutil

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MOD = 65521
OUT = os.path.join(HERE, "cases")
BIG = False  # --big: sweeps with more links, longer streams and loops

# (seed, kind): "run" is a normal case; "hang-unblock", "hang-send-<kind>" and
# "hang-gate-<kind>" are broken ones (see make_case).
CASES = [
    (2, "run"), (116, "run"), (52, "run"), (329, "run"),
    (13, "hang-unblock"), (34, "hang-gate-wtt"), (3, "hang-send-wtt"), (23, "hang-send-ctrl"),
]


def mix(v, x):
    return (v * 3 + x % MOD) % MOD


class Link:
    def __init__(self, lid, src_pe, dst_pe, color, m, dtype, send_op, recv_kind, recv_op):
        self.lid, self.src_pe, self.dst_pe, self.color, self.m = lid, src_pe, dst_pe, color, m
        self.dtype = dtype          # "f32" | "u32"
        self.send_op = send_op      # "fmovs" | "fadds" | "mov32"
        self.recv_kind = recv_kind  # "wtt" | "async"
        self.recv_op = recv_op      # wtt: "u32"|"f32" param; async: "fmovs"|"fadds"|"mov32"
        self.sender = None          # node that issues the send
        self.send_done = None       # (mode, node) completion of the send
        self.recv_issuer = None     # async: node index or "start"
        self.recv_done = None       # async: (mode, node)
        self.wtt_target = None      # wtt: node whose join counts the arrival
        self.kbuf = None            # fadds send: constant addend
        self.rkbuf = None           # fadds receive: constant addend
        self.oq = self.iq = None
        self.fifo_cap = None        # fifo: the FIFO's buffer length (more than m)
        self.ctl_id = None          # ctrl: the control task ID
        self.chunk = None           # chunked: words per send op (m = chunk * runs)
        self.gate = "start"         # wtt/ctrl: who opens the channel: "start", a node, or
                                    # ("send", M): the completion of link M's send
        self.gate_form = "chan"     # wtt: @unblock of the queue/color or of the data task ID
        self.close_form = "chan"    # wtt: the same for the data task's closing @block
        self.op_gate_form = "dtid"  # wtt opened by a send's completion: .unblock of the data
                                    # task ID or ("chan") of the input queue / color
        self.done_rank = None       # rank the link's completions must come after
        self.tick = None            # wtt: the tick task ID of a throttled data task
        self.push = None            # fifo: the FIFO's .activate_push task ID
        self.dst2 = None            # wtt: a second receiver (multicast), further on
        self.proxy = False          # the second receiver's view of a multicast link
        self.send_ut = self.recv_ut = None


class Node:
    def __init__(self, pe, idx, rank, tid, seed, reps):
        self.pe, self.idx, self.rank, self.tid, self.seed, self.reps = pe, idx, rank, tid, seed, reps
        self.preds = []       # same-PE node indices
        self.wtt = []         # link ids whose arrival counts in the join
        self.act = None       # "start" | "join" | "join_all" | ("op", desc)
        self.unb = None       # None | "join" | ("op", desc)
        self.reads = []       # link ids whose received buffer feeds the value
        self.sends = []       # link ids sent at the end of the final run
        self.recvs = []       # link ids whose async receive is issued at the end
        self.selfblock = False
        self.table = False    # the PE's gating runs through run-time tables
        self.chunked = None   # link sent in one chunk per run
        self.gates = []       # data/control links whose channel this node opens
        self.push = []        # FIFO links whose push task counts in the join

    @property
    def joins(self):
        return len(self.preds) + len(self.wtt) + len(self.push)


def rand_f32(rng, n):
    mant = rng.uniform(1.0, 2.0, size=n)
    exp = rng.integers(-6, 10, size=n)
    sign = rng.choice([-1.0, 1.0], size=n)
    return (sign * mant * np.power(2.0, exp)).astype(np.float32)


def build(seed):
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    P = rng.randint(1, 6)
    counts = [rng.randint(3, 6) for _ in range(P)]
    order = [p for p in range(P) for _ in range(counts[p])]
    rng.shuffle(order)
    nodes = {p: [] for p in range(P)}
    tids = {p: rng.sample([t for t in range(10, 27) if t not in (21, 22, 23)], 14) for p in range(P)}
    all_nodes = []
    for rank, p in enumerate(order):
        k = len(nodes[p])
        reps = rng.choice([1, 1, 1, 2, 3] + ([4, 5] if BIG else [])) if rng.random() < 0.4 else 1
        n = Node(p, k, rank, tids[p][k], rng.randrange(MOD), reps)
        cands = list(range(k))
        n.preds = sorted(rng.sample(cands, min(len(cands), rng.choice([0, 1, 1, 2, 2, 3]))))
        nodes[p].append(n)
        all_nodes.append(n)

    # Links: a sender node s on PE a, data to PE b, consumed by a node ranked after s.
    colors = rng.sample(range(1, 10), 9)
    endpoints = {p: 0 for p in range(P)}
    links = []
    if P > 1:
        for _ in range(rng.randint(1, min(9, 3 * P) if BIG else min(6, 2 * P))):
            a = rng.randrange(P)
            b = rng.choice([q for q in range(P) if q != a])
            cap = 5 if BIG else 4
            if endpoints[a] >= cap or endpoints[b] >= cap or not colors:
                continue
            senders = [s for s in nodes[a] if any(r.rank > s.rank for r in nodes[b])]
            if not senders:
                continue
            s = rng.choice(senders)
            dtype = rng.choice(["f32", "f32", "u32"])
            send_op = "mov32" if dtype == "u32" else rng.choice(["fmovs", "fadds"])
            recv_kind = rng.choice(["wtt", "async", "fifo", "ctrl"])
            m = rng.randint(1, 40 if BIG else 24)
            if recv_kind == "ctrl":
                dtype, send_op, recv_op, m = "u32", "ctrl", "u16", 1
            elif recv_kind == "wtt":
                recv_op = rng.choice(["u32", "pair"] if dtype == "u32" else ["u32", "f32", "pair"])
            else:
                recv_op = "mov32" if dtype == "u32" else rng.choice(["fmovs", "fadds"])
            L = Link(len(links), a, b, colors.pop(), m, dtype, send_op, recv_kind, recv_op)
            L.sender = s.idx
            s.sends.append(L.lid)
            if s.reps > 1 and s.chunked is None and recv_kind != "ctrl" and rng.random() < 0.7:
                # A chunked send: each run of s sends one chunk, and the chunk's
                # completion (not @activate) runs s again; the last chunk's completion
                # is the link's.
                s.chunked = L.lid
                L.chunk = L.m
                L.m = L.m * s.reps
            if recv_kind == "fifo":
                L.fifo_cap = L.m + rng.randint(1, 4)
            if send_op == "fadds":
                L.kbuf = rand_f32(nrng, L.m)
            if recv_op == "fadds":
                L.rkbuf = rand_f32(nrng, L.m)
            endpoints[a] += 1
            endpoints[b] += 1
            links.append(L)
            later = [r for r in nodes[b] if r.rank > s.rank]
            if recv_kind in ("wtt", "ctrl"):
                r = rng.choice(later)
                r.wtt.append(L.lid)
                r.reads.append(L.lid)
                L.wtt_target = r.idx
            # async receive targets are chosen with the gating below

    # Gating modes.
    for n in all_nodes:
        if n.joins > 0:
            n.act = rng.choice(["start", "join", "join", "join_all", "opslot"])
            if n.act in ("start", "join_all", "opslot"):
                n.unb = "join"
            else:
                n.unb = rng.choice([None, None, "opslot"])
        else:
            n.act = rng.choice(["start", "start", "opslot"])
            n.unb = rng.choice([None, None, "opslot"])
        n.selfblock = rng.random() < 0.3

    def free_slot(r, min_rank):
        slots = [s for s in ("act", "unb") if getattr(r, s) == "opslot"]
        return slots if r.rank > min_rank else []

    def take_slot(p, min_rank, desc):
        cands = [(r, s) for r in nodes[p] for s in free_slot(r, min_rank)]
        if not cands:
            # A fresh node gated only by this completion.
            k = len(nodes[p])
            r = Node(p, k, len(all_nodes) + 1000, tids[p][k], rng.randrange(MOD), 1)
            r.act = "opslot"
            nodes[p].append(r)
            all_nodes.append(r)
            cands = [(r, "act")]
        r, s = rng.choice(cands)
        setattr(r, s, ("op", desc))
        return ("activate" if s == "act" else "unblock", r.idx)

    for L in links:
        a_s = nodes[L.src_pe][L.sender]
        min_rank = a_s.rank
        # A chunked sender runs again only when its chunk's send completes, which may
        # need the receiver to take the data: whatever opens the receive side must then
        # rank before the sender.
        limit = a_s.rank if L.chunk else 1 << 30
        if L.recv_kind in ("async", "fifo"):
            # The issuer: start or a node of the receiving PE. The send may complete only
            # when the receive runs, so both completion targets rank after the issuer
            # and the sender: every wait then points to a lower rank (no cycle).
            issuers = ["start"] + [q.idx for q in nodes[L.dst_pe] if q.rank < limit]
            iss = rng.choice(issuers)
            if iss != "start":
                min_rank = max(min_rank, nodes[L.dst_pe][iss].rank)
            L.recv_issuer = iss
        if L.recv_kind in ("wtt", "ctrl") and rng.random() < 0.5:
            # The channel stays blocked until a node of the receiving PE ranked before
            # the consumer opens it, or (wtt) until the completion of an earlier send
            # from that PE unblocks the data task's ID; L's send may complete only after.
            target = nodes[L.dst_pe][L.wtt_target]
            openers = [q for q in nodes[L.dst_pe] if q.rank < min(target.rank, limit)]
            sends = [M for M in links[:L.lid] if M.src_pe == L.dst_pe and M.done_rank < min(target.rank, limit)
                     and M.send_done[0] != "unblock_dt"]
            if L.recv_kind == "wtt" and sends and rng.random() < 0.5:
                M = rng.choice(sends)
                kind_, r2 = M.send_done
                r2 = nodes[M.src_pe][r2]
                # Give the node's slot back: start activates it / it is never blocked.
                if kind_ == "activate":
                    r2.act = "start"
                else:
                    r2.unb = None
                M.send_done = ("unblock_dt", L.lid)
                L.op_gate_form = "chan" if rng.random() < 0.5 else "dtid"
                L.gate = ("send", M.lid)
                min_rank = max(min_rank, M.done_rank)
            elif openers:
                q = rng.choice(openers)
                L.gate = q.idx
                q.gates.append(L.lid)
                min_rank = max(min_rank, q.rank)
        if L.recv_kind == "wtt":
            L.gate_form = rng.choice(["chan", "dtid"])
            L.close_form = rng.choice(["chan", "dtid"])
        L.done_rank = min_rank
        L.send_done = take_slot(L.src_pe, min_rank, ("send", L.lid))
        if L.recv_kind in ("async", "fifo"):
            L.recv_done = take_slot(L.dst_pe, min_rank, ("recv", L.lid))
            r = nodes[L.dst_pe][L.recv_done[1]]
            r.reads.append(L.lid)
            if iss != "start":
                nodes[L.dst_pe][iss].recvs.append(L.lid)
    # Unused op slots: the start function activates, the node is never blocked.
    for n in all_nodes:
        if n.act == "opslot":
            n.act = "start"
        if n.unb == "opslot":
            n.unb = None

    # Queues and microthreads per PE (WSE-2: the microthread is the queue, so input and
    # output queue numbers differ on a PE; WSE-3: explicit distinct ut_ids).
    for p in range(P):
        qs = rng.sample(range(1, 6), 5)
        q3 = rng.sample(range(2, 8), 6)
        uts = rng.sample(range(1, 8), 7)
        for L in links:
            if L.src_pe == p:
                L.oq = (qs.pop(), q3.pop())
                L.send_ut = uts.pop()
            if L.dst_pe == p:
                L.iq = (qs.pop(), q3.pop())
                if L.recv_kind in ("async", "fifo"):
                    L.recv_ut = uts.pop()
    ctl_ids = rng.sample(range(40, 61), 21)
    for L in links:
        if L.recv_kind == "ctrl":
            L.ctl_id = ctl_ids.pop()
    # Throttled data tasks: the data task blocks its own ID after each wavelet and
    # activates a tick task that unblocks it (one tick per wavelet); IDs 12 and 13 of the
    # PE's pool are kept for ticks (nodes use at most the first 12).
    for p in range(P):
        assert len(nodes[p]) <= 12, f"seed {seed}: PE {p} has {len(nodes[p])} nodes"
        spare = [tids[p][12], tids[p][13]]
        for L in links:
            if L.dst_pe == p and L.recv_kind == "wtt" and spare and rng.random() < 0.4:
                L.tick = spare.pop()
            # FIFO push activation: start pops the empty FIFO (an empty event), so the
            # first push of the launch activates the push task once; the push task is
            # one more join member of the node that pops, which must have a join role.
            r = nodes[p][L.recv_done[1]] if L.dst_pe == p and L.recv_kind == "fifo" else None
            if r is not None and spare and (r.act in ("join", "join_all") or r.unb == "join") \
                    and rng.random() < 0.6:
                L.push = spare.pop()
                r.push.append(L.lid)
    # Half of the PEs keep their task IDs and gating modes in run-time tables (signals
    # and start's block/unblock/activate index arrays of local_task_id).
    for p in range(P):
        table = rng.random() < 0.5
        for n in nodes[p]:
            n.table = table
    # Multicast: a data-task link whose color the first receiver also forwards to a PE
    # further on, where a second data task takes the same stream (its channel opened by
    # start; its consumer must already wait on a join, which gets one more member).
    for L in list(links):
        if L.recv_kind != "wtt" or P < 3 or rng.random() < 0.5:
            continue
        step = 1 if L.dst_pe > L.src_pe else -1
        beyond = list(range(L.dst_pe + step, P if step > 0 else -1, step))
        if not beyond:
            continue
        c = rng.choice(beyond)
        used = sum(1 for M in links if c in (M.src_pe, M.dst_pe))
        s = nodes[L.src_pe][L.sender]
        targets = [r for r in nodes[c] if r.rank > s.rank
                   and (r.act in ("join", "join_all") or r.unb == "join")]
        if used >= 5 or not targets:
            continue
        r = rng.choice(targets)
        V = Link(L.lid, None, c, L.color, L.m, L.dtype, L.send_op, "wtt", L.recv_op)
        V.proxy = True
        V.wtt_target = r.idx
        V.close_form = L.close_form
        V.gate_form = L.gate_form
        taken2 = {M.oq[0] for M in links if M.src_pe == c} | {M.iq[0] for M in links if M.dst_pe == c}
        taken3 = {M.iq[1] for M in links if M.dst_pe == c}
        V.iq = (rng.choice([q for q in range(1, 6) if q not in taken2]),
                rng.choice([q for q in range(2, 8) if q not in taken3]))
        r.wtt.append(L.lid)
        r.reads.append(L.lid)
        L.dst2 = c
        links.append(V)
    return P, nodes, links


def model(P, nodes, links, launch):
    """Final values per node and received buffers per link for one launch."""
    val = {}
    rbuf = {}
    done = set()
    pending = [n for p in range(P) for n in nodes[p]]
    # Evaluate in dependency order (nodes whose inputs are known).
    while pending:
        progressed = False
        for n in list(pending):
            ready = all((n.pe, j) in val for j in n.preds) and all(l in rbuf for l in n.reads)
            for L in links:
                if L.recv_done and L.recv_done[1] == n.idx and L.dst_pe == n.pe and L.recv_issuer != "start":
                    ready = ready and (n.pe, L.recv_issuer) in val
            if not ready:
                continue
            v = (n.seed + launch * 17) % MOD
            for j in n.preds:
                v = mix(v, val[(n.pe, j)])
            for l in n.reads:
                h = 0
                for w in rbuf[l]:
                    h = mix(h, int(w))
                v = mix(v, h)
            v = mix(v, n.reps)
            val[(n.pe, n.idx)] = v
            v0 = (n.seed + launch * 17) % MOD
            for l in n.sends:
                L = links[l]
                i = np.arange(L.m)
                v = v0 if L.chunk else val[(n.pe, n.idx)]
                if L.recv_kind == "ctrl":
                    data = np.array([v & 0xffff], dtype=np.uint32)
                elif L.dtype == "u32":
                    data = (v * 7 + i * 13).astype(np.uint32)
                else:
                    data = ((v + i).astype(np.float32) * np.float32(0.375)).astype(np.float32)
                    if L.send_op == "fadds":
                        data = (data + L.kbuf).astype(np.float32)
                    if L.recv_kind in ("async", "fifo") and L.recv_op == "fadds":
                        data = (data + L.rkbuf).astype(np.float32)
                    data = data.view(np.uint32)
                rbuf[l] = data
            pending.remove(n)
            progressed = True
        assert progressed, "cyclic graph"
    return val, rbuf


def f32lit(x):
    x = np.float32(x)
    return f"@bitcast(f32, @as(u32, 0x{int(x.view(np.uint32)):08x}))"


def layout_pe(P, nodes, links, p, R):
    """Offsets in the PE's result array."""
    N = len(nodes[p])
    logcap = sum(n.reps for n in nodes[p])
    off = {"val": 0, "runs": N, "log": 2 * N, "rbuf": {}, "dt": {}}
    at = 2 * N + logcap
    for L in links:
        if L.dst_pe == p:
            off["rbuf"][L.lid] = at
            at += L.m
    for L in links:
        if L.dst_pe == p and (L.recv_kind in ("wtt", "ctrl") or L.push):
            off["dt"][L.lid] = at
            at += 1
    off["launch"] = at
    at += 1
    off["size"] = at
    off["logcap"] = logcap
    return off


def rbuf_f32(L):
    """Whether the receiver keeps link L's words in an f32 array."""
    if L.dtype != "f32":
        return False
    return L.recv_kind in ("async", "fifo") or (L.recv_kind == "wtt" and L.recv_op == "f32")


def emit_pe(P, nodes, links, p, R, off, mutation):
    N = len(nodes[p])
    out = []
    w = out.append
    w(f"// randtask PE {p}: {N} local tasks; generated by gen.py, do not edit.")
    w("param memcpy_params;")
    w('const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);')
    w('const ctrl = @import_module("<control>");')
    w("")
    w(f"var res = @zeros([{R}]u32);")
    w("var res_ptr: [*]u32 = &res;")
    w(f"var val = @zeros([{N}]u32);")
    w(f"var runs = @zeros([{N}]u32);")
    w(f"var join = @zeros([{N}]u16);")
    w(f"var log = @zeros([{off['logcap']}]u32);")
    w("var pos: u16 = 0;")
    w("var done: u16 = 0;")
    w("var launch_no: u32 = 0;")
    if nodes[p][0].table:
        w("var ut_ids = [8]u16{ 0, 1, 2, 3, 4, 5, 6, 7 };")
    for n in nodes[p]:
        w(f"const t{n.idx}: local_task_id = @get_local_task_id({n.tid});")
    mine_in = [L for L in links if L.dst_pe == p]
    mine_out = [L for L in links if L.src_pe == p]
    for L in mine_out:
        oq2, oq3 = L.oq
        w(f"const oq{L.lid} = @get_output_queue(if (@is_arch(\"wse3\")) {oq3} else {oq2});")
        ty = "u32" if L.dtype == "u32" else "f32"
        w(f"var sbuf{L.lid} = @zeros([{L.m}]{ty});")
        w(f"const sdsd{L.lid} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{L.m}}} -> sbuf{L.lid}[i] }});")
        if L.kbuf is not None:
            vals = ", ".join(f32lit(x) for x in L.kbuf)
            w(f"var kbuf{L.lid} = [{L.m}]f32{{ {vals} }};")
            w(f"const kdsd{L.lid} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{L.m}}} -> kbuf{L.lid}[i] }});")
        extra = ", .control = true" if L.recv_kind == "ctrl" else ""
        ext = L.chunk or L.m
        if L.chunk:
            w(f"const cdsd{L.lid} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{ext}}} -> sbuf{L.lid}[i] }});")
            if L.kbuf is not None:
                w(f"const ckdsd{L.lid} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{ext}}} -> kbuf{L.lid}[i] }});")
        w(f"const out{L.lid} = @get_dsd(fabout_dsd, if (@is_arch(\"wse3\")) .{{ .extent = {ext}, .output_queue = oq{L.lid}{extra} }}")
        w(f"    else .{{ .extent = {ext}, .output_queue = oq{L.lid}, .fabric_color = @get_color({L.color}){extra} }});")
    for L in mine_in:
        iq2, iq3 = L.iq
        w(f"const iq{L.lid} = @get_input_queue(if (@is_arch(\"wse3\")) {iq3} else {iq2});")
        ty = "f32" if rbuf_f32(L) else "u32"
        w(f"var rbuf{L.lid} = @zeros([{L.m}]{ty});")
        if L.recv_kind in ("wtt", "ctrl"):
            w(f"var cnt{L.lid}: u16 = 0;")
            w(f"var dt{L.lid}: u32 = 0;")
            if L.tick:
                w(f"const tick{L.lid}_id: local_task_id = @get_local_task_id({L.tick});")
        else:
            w(f"const rdsd{L.lid} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{L.m}}} -> rbuf{L.lid}[i] }});")
            if L.rkbuf is not None:
                vals = ", ".join(f32lit(x) for x in L.rkbuf)
                w(f"var rk{L.lid} = [{L.m}]f32{{ {vals} }};")
                w(f"const rkdsd{L.lid} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{L.m}}} -> rk{L.lid}[i] }});")
            w(f"const in{L.lid} = @get_dsd(fabin_dsd, if (@is_arch(\"wse3\")) .{{ .extent = {L.m}, .input_queue = iq{L.lid} }}")
            w(f"    else .{{ .extent = {L.m}, .input_queue = iq{L.lid}, .fabric_color = @get_color({L.color}) }});")
            if L.recv_kind == "fifo":
                w(f"var fbuf{L.lid} = @zeros([{L.fifo_cap}]{ty});")
                if L.push:
                    w(f"const push{L.lid}_id: local_task_id = @get_local_task_id({L.push});")
                    w(f"const fifo{L.lid} = @allocate_fifo(fbuf{L.lid}, .{{ .activate_push = push{L.lid}_id }});")
                    w(f"var probe{L.lid} = @zeros([1]{ty});")
                    w(f"const probe{L.lid}_dsd = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{1}} -> probe{L.lid}[i] }});")
                    w(f"var dt{L.lid}: u32 = 0;")
                else:
                    w(f"const fifo{L.lid} = @allocate_fifo(fbuf{L.lid});")
        if L.recv_kind == "ctrl":
            w(f"const ctl{L.lid}_id: control_task_id = @get_control_task_id({L.ctl_id});")
        if L.recv_kind == "wtt":
            w(f"const dt{L.lid}_id: data_task_id = if (@is_arch(\"wse3\")) @get_data_task_id(iq{L.lid}) else @get_data_task_id(@get_color({L.color}));")
    w("")
    w(f"fn mix(v: u32, x: u32) u32 {{ return (v * 3 + x % {MOD}) % {MOD}; }}")
    w("")
    w("fn finish_one() void {")
    w("  done += 1;")
    w(f"  if (done == {N}) {{")
    w(f"    for (@range(u16, {N})) |k| {{ res[{off['val']} + k] = val[k]; res[{off['runs']} + k] = runs[k]; }}")
    w(f"    for (@range(u16, {off['logcap']})) |k| {{ res[{off['log']} + k] = log[k]; }}")
    for L in mine_in:
        conv = f"@bitcast(u32, rbuf{L.lid}[k])" if rbuf_f32(L) else f"rbuf{L.lid}[k]"
        w(f"    for (@range(u16, {L.m})) |k| {{ res[{off['rbuf'][L.lid]} + k] = {conv}; }}")
        if L.recv_kind in ("wtt", "ctrl") or L.push:
            w(f"    res[{off['dt'][L.lid]}] = dt{L.lid};")
    w(f"    res[{off['launch']}] = launch_no;")
    w("    sys_mod.unblock_cmd_stream();")
    w("  }")
    w("}")
    w("")

    def completion(done_, arch):
        mode, r = done_
        if mode == "unblock_dt":
            # The data task's ID, or (op_gate_form "chan") its queue / color.
            if links[r].op_gate_form == "chan":
                return f".unblock = iq{r}" if arch == "wse3" else f".unblock = @get_color({links[r].color})"
            return f".unblock = dt{r}_id"
        return f".{mode} = t{r}"

    def async_op(op, args, done_, ut, ind):
        c = completion(done_, "wse3")
        c2 = completion(done_, "wse2")
        # Table PEs take the microthread ID from memory at run time (a u16, unchecked).
        utv = f"ut_ids[{ut}]" if nodes[p][0].table else str(ut)
        return [f"{ind}if (@is_arch(\"wse3\")) {op}({args}, .{{ .async = true, {c}, .ut_id = @get_ut_id({utv}) }})",
                f"{ind}else {op}({args}, .{{ .async = true, {c2} }});"]

    def issue_send(L, ind, chunk_of=None, done_=None):
        done_ = done_ or L.send_done
        if mutation.get("drop_send") == L.lid:
            # Broken on purpose: the send never happens; its completion is done by hand.
            mode, r = done_
            target = f"dt{r}_id" if mode == "unblock_dt" else f"t{r}"
            mode = "unblock" if mode == "unblock_dt" else mode
            return [f"{ind}// hang case: link {L.lid} is never sent", f"{ind}@{mode}({target});"]
        op = {"fmovs": "@fmovs", "fadds": "@fadds", "mov32": "@mov32", "ctrl": "@mov32"}[L.send_op]
        if L.chunk:
            ty = "u32" if L.dtype == "u32" else "f32"
            at = f"@as(i16, (runs[{chunk_of}] - 1) * {L.chunk})"
            args = f"out{L.lid}, @increment_dsd_offset(cdsd{L.lid}, {at}, {ty})"
            if L.send_op == "fadds":
                args += f", @increment_dsd_offset(ckdsd{L.lid}, {at}, f32)"
        else:
            args = f"out{L.lid}, sdsd{L.lid}" + (f", kdsd{L.lid}" if L.send_op == "fadds" else "")
        return async_op(op, args, done_, L.send_ut, ind)

    def fill(L, v, ind):
        l = L.lid
        if L.recv_kind == "ctrl":
            return [f"{ind}sbuf{l}[0] = ctrl.encode_single_payload(ctrl.opcode.NOP, false, @get_control_task_id({L.ctl_id}), @as(u16, {v} & 0xffff));"]
        if L.dtype == "u32":
            return [f"{ind}for (@range(u16, {L.m})) |i| {{ sbuf{l}[i] = {v} * 7 + @as(u32, i) * 13; }}"]
        return [f"{ind}for (@range(u16, {L.m})) |i| {{ sbuf{l}[i] = @as(f32, {v} + @as(u32, i)) * 0.375; }}"]

    def issue_recv(L, ind):
        dst = f"rdsd{L.lid}" if L.recv_kind == "async" else f"fifo{L.lid}"
        args = f"{dst}, in{L.lid}" + (f", rkdsd{L.lid}" if L.recv_op == "fadds" else "")
        op = {"fmovs": "@fmovs", "fadds": "@fadds", "mov32": "@mov32"}[L.recv_op]
        return async_op(op, args, L.recv_done, L.recv_ut, ind)

    def gate(L, on):
        verb = "@unblock" if on else "@block"
        if (L.gate_form if on else L.close_form) == "dtid":
            return f"{verb}(dt{L.lid}_id);"
        return f"if (@is_arch(\"wse3\")) {verb}(iq{L.lid}) else {verb}(@get_color({L.color}));"

    table = nodes[p][0].table

    def signal(r, ind):
        """Code run when one of r's join members is done."""
        if table:
            return [f"{ind}signal({r.idx});"]
        s = [f"{ind}join[{r.idx}] -= 1;"]
        if r.act == "join_all":
            s.append(f"{ind}@activate(t{r.idx});")
        inner = []
        if r.act == "join":
            inner.append(f"@activate(t{r.idx});")
        if r.unb == "join" and not (mutation.get("drop_unblock") == (p, r.idx)):
            inner.append(f"@unblock(t{r.idx});")
        if inner:
            s.append(f"{ind}if (join[{r.idx}] == 0) {{ {' '.join(inner)} }}")
        return s

    if table:
        def bools(f):
            return ", ".join("true" if f(n) else "false" for n in nodes[p])
        w(f"const tids = [{N}]local_task_id{{ {', '.join(f't{n.idx}' for n in nodes[p])} }};")
        w(f"const act_mode = [{N}]u16{{ {', '.join({'join': '1', 'join_all': '2'}.get(n.act if isinstance(n.act, str) else '', '0') for n in nodes[p])} }};")
        w(f"const unb_join = [{N}]bool{{ {bools(lambda n: n.unb == 'join' and mutation.get('drop_unblock') != (p, n.idx))} }};")
        w(f"const blocked0 = [{N}]bool{{ {bools(lambda n: n.unb is not None)} }};")
        w(f"const start_act = [{N}]bool{{ {bools(lambda n: n.act == 'start')} }};")
        w(f"const joins0 = [{N}]u16{{ {', '.join(str(n.joins) for n in nodes[p])} }};")
        w("")
        w("fn signal(r: u16) void {")
        w("  join[r] -= 1;")
        w("  if (act_mode[r] == 2) @activate(tids[r]);")
        w("  if (join[r] == 0) {")
        w("    if (act_mode[r] == 1) @activate(tids[r]);")
        w("    if (unb_join[r]) @unblock(tids[r]);")
        w("  }")
        w("}")
        w("")
    for n in nodes[p]:
        w(f"task node{n.idx}() void {{")
        w(f"  runs[{n.idx}] += 1;")
        w(f"  log[pos] = {n.idx};")
        w("  pos += 1;")
        w(f"  const v0: u32 = ({n.seed} + launch_no * 17) % {MOD};")
        if n.chunked is not None:
            L = links[n.chunked]
            w(f"  if (runs[{n.idx}] == 1) {{")
            out.extend(fill(L, "v0", "    "))
            w("  }")
            w(f"  if (runs[{n.idx}] < {n.reps}) {{")
            w(f"    // chunk runs - 1; its completion runs this task again")
            out.extend(issue_send(L, "    ", n.idx, ("activate", n.idx)))
            w("    return;")
            w("  }")
        elif n.reps > 1:
            w(f"  if (runs[{n.idx}] < {n.reps}) {{ @activate(t{n.idx}); return; }}")
        for L in mine_in:
            if L.recv_kind == "fifo" and L.recv_done[1] == n.idx:
                # The producer filled the FIFO (its completion gates this task): pop it.
                op = "@mov32" if L.dtype == "u32" else "@fmovs"
                w(f"  {op}(rdsd{L.lid}, fifo{L.lid});")
        w("  var v: u32 = v0;")
        for j in n.preds:
            w(f"  v = mix(v, val[{j}]);")
        for l in n.reads:
            L = links[l]
            conv = f"@bitcast(u32, rbuf{l}[i])" if rbuf_f32(L) else f"rbuf{l}[i]"
            w("  {")
            w("    var h: u32 = 0;")
            w(f"    for (@range(u16, {L.m})) |i| {{ h = mix(h, {conv}); }}")
            w("    v = mix(v, h);")
            w("  }")
        w(f"  v = mix(v, {n.reps});")
        w(f"  val[{n.idx}] = v;")
        for l in n.sends:
            L = links[l]
            if l == n.chunked:
                out.extend(issue_send(L, "  ", n.idx))
            else:
                out.extend(fill(L, "v", "  "))
                out.extend(issue_send(L, "  "))
        for l in n.gates:
            w(f"  {gate(links[l], True)}")
        for l in n.recvs:
            out.extend(issue_recv(links[l], "  "))
        for r in nodes[p]:
            if n.idx in r.preds:
                out.extend(signal(r, "  "))
        if n.selfblock:
            w(f"  @block(t{n.idx});")
        w("  finish_one();")
        w("}")
        w("")

    for L in mine_in:
        if L.push:
            r = nodes[p][L.recv_done[1]]
            w(f"task push{L.lid}() void {{")
            w(f"  dt{L.lid} += 1;")
            out.extend(signal(r, "  "))
            w("}")
            w("")
    for L in mine_in:
        if L.recv_kind not in ("wtt", "ctrl"):
            continue
        r = nodes[p][L.wtt_target]
        if L.recv_kind == "ctrl":
            w(f"task ctl{L.lid}(d: u16) void {{")
            w(f"  rbuf{L.lid}[0] = @as(u32, d);")
        elif L.recv_op == "pair":
            w(f"task recv{L.lid}(lo: u16, hi: u16) void {{")
            w(f"  rbuf{L.lid}[cnt{L.lid}] = @as(u32, lo) | (@as(u32, hi) << 16);")
        else:
            ty = "f32" if rbuf_f32(L) else "u32"
            w(f"task recv{L.lid}(x: {ty}) void {{")
            w(f"  rbuf{L.lid}[cnt{L.lid}] = x;")
        w(f"  cnt{L.lid} += 1;")
        w(f"  dt{L.lid} += 1;")
        if L.tick:
            # Throttled: closed after every wavelet; the tick reopens it or signals.
            w(f"  {gate(L, False)}")
            w(f"  @activate(tick{L.lid}_id);")
            w("}")
            w("")
            w(f"task tick{L.lid}() void {{")
            w(f"  dt{L.lid} += 0x10000;")
            w(f"  if (cnt{L.lid} == {L.m}) {{")
            out.extend(signal(r, "    "))
            w("  } else {")
            w(f"    {gate(L, True)}")
            w("  }")
            w("}")
            w("")
            continue
        w(f"  if (cnt{L.lid} == {L.m}) {{")
        w(f"    {gate(L, False)}")
        out.extend(signal(r, "    "))
        w("  }")
        w("}")
        w("")
    w("fn start() void {")
    for L in mine_in:
        if L.push:
            # An empty event: the FIFO's first push of this launch activates push{L}.
            op = "@mov32" if L.dtype == "u32" else "@fmovs"
            w(f"  {op}(probe{L.lid}_dsd, fifo{L.lid});")
            w(f"  dt{L.lid} = 0;")
    w("  launch_no += 1;")
    w("  done = 0;")
    w("  pos = 0;")
    if table:
        w(f"  for (@range(u16, {N})) |k| {{")
        w("    runs[k] = 0;")
        w("    join[k] = joins0[k];")
        w("    if (blocked0[k]) @block(tids[k]) else @unblock(tids[k]);")
        w("  }")
    else:
        for n in nodes[p]:
            w(f"  runs[{n.idx}] = 0;")
            w(f"  join[{n.idx}] = {n.joins};")
        for n in nodes[p]:
            if n.unb is not None:
                w(f"  @block(t{n.idx});")
            else:
                w(f"  @unblock(t{n.idx});")
    for L in mine_in:
        if L.recv_kind in ("wtt", "ctrl"):
            w(f"  dt{L.lid} = 0;")
            w(f"  cnt{L.lid} = 0;")
            if mutation.get("drop_gate") == L.lid:
                w(f"  // hang case: link {L.lid}'s channel stays blocked")
            elif L.gate == "start":
                w(f"  {gate(L, True)}")
    if table:
        w(f"  for (@range(u16, {N})) |k| {{ if (start_act[k]) @activate(tids[k]); }}")
    else:
        for n in nodes[p]:
            if n.act == "start":
                w(f"  @activate(t{n.idx});")
    for L in mine_in:
        if L.recv_kind in ("async", "fifo") and L.recv_issuer == "start":
            out.extend(issue_recv(L, "  "))
    w("}")
    w("")
    w("comptime {")
    for n in nodes[p]:
        w(f"  @bind_local_task(node{n.idx}, t{n.idx});")
    for L in mine_out:
        w(f"  @initialize_queue(oq{L.lid}, if (@is_arch(\"wse3\")) .{{ .color = @get_color({L.color}) }} else .{{}});")
    for L in mine_in:
        if L.push:
            w(f"  @bind_local_task(push{L.lid}, push{L.lid}_id);")
        if L.recv_kind in ("wtt", "ctrl"):
            if L.tick:
                w(f"  @bind_local_task(tick{L.lid}, tick{L.lid}_id);")
            if L.recv_kind == "wtt":
                w(f"  if (@is_arch(\"wse3\")) @bind_data_task(recv{L.lid}, @get_data_task_id(iq{L.lid}))")
                w(f"  else @bind_data_task(recv{L.lid}, @get_data_task_id(@get_color({L.color})));")
            else:
                w(f"  @bind_control_task(ctl{L.lid}, ctl{L.lid}_id);")
            w(f"  if (@is_arch(\"wse3\")) @initialize_queue(iq{L.lid}, .{{ .color = @get_color({L.color}) }});")
            w(f"  {gate(L, False)}")
        else:
            w(f"  if (@is_arch(\"wse3\")) @initialize_queue(iq{L.lid}, .{{ .color = @get_color({L.color}) }});")
    w('  @export_symbol(res_ptr, "res");')
    w("  @export_symbol(start);")
    w("}")
    return "\n".join(out) + "\n"


def emit_layout(P, links):
    out = []
    w = out.append
    w("// randtask layout: generated by gen.py, do not edit.")
    w(f'const memcpy = @import_module("<memcpy/get_params>", .{{ .width = {P}, .height = 1 }});')
    w("")
    w("layout {")
    w(f"  @set_rectangle({P}, 1);")
    for p in range(P):
        w(f'  @set_tile_code({p}, 0, "pe_{p}.csl", .{{ .memcpy_params = memcpy.get_params({p}) }});')
    for L in links:
        if L.proxy:
            continue  # routed with its link
        a, b = L.src_pe, L.dst_pe
        east = b > a
        fwd, back = ("EAST", "WEST") if east else ("WEST", "EAST")
        step = 1 if east else -1
        c = f"@get_color({L.color})"
        w(f"  @set_color_config({a}, 0, {c}, .{{ .routes = .{{ .rx = .{{RAMP}}, .tx = .{{{fwd}}} }} }});")
        x = a + step
        while x != b:
            w(f"  @set_color_config({x}, 0, {c}, .{{ .routes = .{{ .rx = .{{{back}}}, .tx = .{{{fwd}}} }} }});")
            x += step
        if L.dst2 is None:
            w(f"  @set_color_config({b}, 0, {c}, .{{ .routes = .{{ .rx = .{{{back}}}, .tx = .{{RAMP}} }} }});")
            continue
        w(f"  @set_color_config({b}, 0, {c}, .{{ .routes = .{{ .rx = .{{{back}}}, .tx = .{{RAMP, {fwd}}} }} }});")
        x = b + step
        while x != L.dst2:
            w(f"  @set_color_config({x}, 0, {c}, .{{ .routes = .{{ .rx = .{{{back}}}, .tx = .{{{fwd}}} }} }});")
            x += step
        w(f"  @set_color_config({L.dst2}, 0, {c}, .{{ .routes = .{{ .rx = .{{{back}}}, .tx = .{{RAMP}} }} }});")
    w('  @export_name("res", [*]u32, true);')
    w('  @export_name("start", fn() void);')
    w("}")
    return "\n".join(out) + "\n"


def describe(P, nodes, links):
    d = {"pes": []}
    for p in range(P):
        d["pes"].append([{
            "idx": n.idx, "task": n.tid, "reps": n.reps, "preds": n.preds, "wtt": n.wtt,
            "act": n.act if isinstance(n.act, str) else f"{n.act[1][0]} link {n.act[1][1]}",
            "unb": n.unb if (n.unb is None or isinstance(n.unb, str)) else f"{n.unb[1][0]} link {n.unb[1][1]}",
            "selfblock": n.selfblock, "sends": n.sends, "recvs": n.recvs} for n in nodes[p]])
    d["links"] = [{"id": L.lid, "from": L.src_pe, "to": L.dst_pe, "color": L.color, "m": L.m,
                   "dtype": L.dtype, "send": L.send_op, "recv": L.recv_kind, "recv_op": L.recv_op,
                   "oq": L.oq, "iq": L.iq, "send_ut": L.send_ut, "recv_ut": L.recv_ut,
                   "recv_issuer": L.recv_issuer, "send_done": L.send_done,
                   "recv_done": L.recv_done, "wtt_target": L.wtt_target, "chunk": L.chunk,
                   "gate": L.gate, "fifo_cap": L.fifo_cap, "ctl_id": L.ctl_id,
                   "tick": L.tick, "push": L.push} for L in links]
    return d


def order_constraints(nodes, links, p):
    """(a, b): a's last run comes before b's first run on PE p."""
    cons = set()
    for r in nodes[p]:
        for j in r.preds:
            cons.add((j, r.idx))
    for L in links:
        if L.dst_pe == p and L.recv_kind in ("async", "fifo") and L.recv_issuer != "start":
            cons.add((L.recv_issuer, L.recv_done[1]))
        if L.src_pe == p and L.send_done[0] != "unblock_dt":
            cons.add((L.sender, L.send_done[1]))
        if L.dst_pe == p and L.recv_kind in ("wtt", "ctrl") and isinstance(L.gate, int):
            cons.add((L.gate, L.wtt_target))
    return sorted(cons)


def make_case(seed, kind):
    P, nodes, links = build(seed)
    mutation = {}
    hang = None
    if kind == "hang-unblock":
        gated = [(p, n) for p in range(P) for n in nodes[p] if n.unb == "join"]
        assert gated, f"seed {seed}: no node unblocked by a join"
        p, n = gated[0]
        mutation["drop_unblock"] = (p, n.idx)
        hang = {"kind": kind, "pe": p, "words": [f"PE({4 + p},1)", f"local task {n.tid}", "blocked"]}
    elif kind.startswith("hang-send-") or kind.startswith("hang-gate-"):
        # hang-send-<recv kind>: the first such link is never sent;
        # hang-gate-<recv kind>: the first such link opened by start stays blocked.
        want = kind.split("-")[2]
        cands = [L for L in links if L.recv_kind == want and not L.proxy
                 and (kind.startswith("hang-send") or L.gate == "start")]
        assert cands, f"seed {seed}: no {want} link"
        L = cands[0]
        mutation["drop_send" if kind.startswith("hang-send") else "drop_gate"] = L.lid
        if kind.startswith("hang-send-ctrl"):
            # A control task takes its wavelet from any unblocked channel: the report
            # names the task that waits.
            words = [f"PE({4 + L.dst_pe},1)", "control task(s)", f"{L.ctl_id} (ctl{L.lid})"]
        else:
            words = [f"PE({4 + L.dst_pe},1)", f"color {L.color}"]
        if kind.startswith("hang-gate"):
            words.append("blocked")
        if kind == "hang-send-wtt":
            words.append(f"(recv{L.lid}) has no wavelet")
        queue = {"wse2": f"iq {L.iq[0]}", "wse3": f"iq {L.iq[1]}"}
        hang = {"kind": kind, "pe": L.dst_pe, "link": L.lid, "words": words,
                "arch_words": {a: [q] for a, q in queue.items()} if want in ("async", "fifo") else {}}
    offs = [layout_pe(P, nodes, links, p, 0) for p in range(P)]
    R = max(o["size"] for o in offs)
    name = f"s{seed}-{kind}"
    d = os.path.join(OUT, name)
    os.makedirs(d)
    with open(os.path.join(d, "layout.csl"), "w") as f:
        f.write(emit_layout(P, links))
    for p in range(P):
        with open(os.path.join(d, f"pe_{p}.csl"), "w") as f:
            f.write(emit_pe(P, nodes, links, p, R, offs[p], mutation))
    launches = []
    for launch in (1, 2):
        val, rbuf = model(P, nodes, links, launch)
        expect = []
        for p in range(P):
            o = offs[p]
            e = [0] * R
            for n in nodes[p]:
                e[o["val"] + n.idx] = val[(p, n.idx)]
                e[o["runs"] + n.idx] = n.reps
            for k in range(o["logcap"]):
                e[o["log"] + k] = None
            for L in links:
                if L.dst_pe == p:
                    for i, x in enumerate(rbuf[L.lid]):
                        e[o["rbuf"][L.lid] + i] = int(x)
                    if L.recv_kind in ("wtt", "ctrl"):
                        e[o["dt"][L.lid]] = L.m | ((L.m << 16) if L.tick else 0)
                    elif L.push:
                        e[o["dt"][L.lid]] = 1
            e[o["launch"]] = launch
            expect.append(e)
        launches.append(expect)
    case = {
        "seed": seed, "kind": kind, "pes": P, "R": R, "launches": launches,
        "logs": [{"at": offs[p]["log"], "cap": offs[p]["logcap"],
                  "reps": [n.reps for n in nodes[p]],
                  "before": order_constraints(nodes, links, p)} for p in range(P)],
        "hang": hang, "graph": describe(P, nodes, links),
    }
    with open(os.path.join(d, "case.json"), "w") as f:
        json.dump(case, f, indent=1)
    for arch in ("wse2", "wse3"):
        with open(os.path.join(d, f"compile_{arch}.sh"), "w") as f:
            f.write("#!/usr/bin/env bash\nset -e\n")
            f.write(f"cslc --arch={arch} ./layout.csl --fabric-dims={P + 7},3 --fabric-offsets=4,1 "
                    "-o out --memcpy --channels=1\n")
    return name


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "cases"), help="where the cases go")
    ap.add_argument("--seeds", help="a-b: sweep these seeds (run cases) instead of CASES")
    ap.add_argument("--big", action="store_true", help="with --seeds: larger graphs")
    a = ap.parse_args()
    global OUT, BIG
    OUT = a.out
    BIG = a.big
    todo = CASES
    shutil.rmtree(OUT, ignore_errors=True)
    if a.seeds:
        lo, hi = (int(x) for x in a.seeds.split("-"))
        todo = [(s, "run") for s in range(lo, hi + 1)]
    for seed, kind in todo:
        print(make_case(seed, kind))


if __name__ == "__main__":
    main()
