#!/usr/bin/env python3
"""Random differential tests of fabric routing (stdlib only).

    gen.py --seed N --out DIR [--swap] [--teardown] [--local] [--oncontrol] [--slow] [--invalid]

writes a case folder, DIR = tests/examples/randroute/cases/NAME: layout.csl, pe_X_Y.csl...,
case.json, compile_wse2.sh and compile_wse3.sh (--swap: WSE-2 only, no compile_wse3.sh); the
family's run.py checks the case in its folder. A case is a W x H block (3..6 each) carrying
3..6 random "nets". A net is one color from one source PE along a random tree of routes
(@set_color_config: rx from the parent, tx to every child, multicast, plus RAMP at
receivers). Any router of a net may
have switch positions 1..3 (each a tx set of one or two of the router's directions
including RAMP, the base route too), a random `.current_switch_pos`, ring mode or not;
in "popping" nets some routers also pop (always_pop, pop_on_advance, pop_on_advance_nop),
some with no positions at all. Receivers' leaf routers may instead carry a range filter
(data index = payload bits 31..16 in [min_idx, max_idx]) or a counter filter
(count_data, count_control, filter_control, init_counter, limit1, max_counter).
Some receivers take a net with async fabin DSD ops (one per launch, exact extent from the
model, .activate a local task that logs the block) instead of data tasks.
Senders stream 32-bit (@mov32) or 16-bit (@mov16) data segments from async fabout DSDs
chained by .activate, and control wavelets: for control tasks (encode_single_payload NOP
with entry and data16), single SWITCH_ADV/SWITCH_RST commands with ce_ignore true or
false (false: the receiving CEs run the control task too), and in popping nets
encode_payload lists of up to 8 NOP/SWITCH_ADV/SWITCH_RST commands (all ce_ignore).
Every receiver logs each data task and control task run as (net, kind, value); run.py
compares each net's sequence per PE with the model in case.json (order across nets is
not compared: the docs do not define it). 2..3 launches: switch positions and filter
counters are router state that carries over.

Options (--teardown, --local, --oncontrol, --slow, --invalidpos and --invalid keep the plain seed's draws, so its
nets stay the same; --swap draws differently):
  --swap       WSE-2 only: every net on a pair of colors differing in the low bit, both
               configured alike at every router with random color_swap_x/_y; receivers
               log which color each wavelet came on (no switches, filters or fabin).
  --teardown   nets without popping routers or filters also send TEARDOWN wavelets
               (ce_ignore); every router reached runs its PE's teardown handler (logged
               as its own sequence per net) which calls teardown.exit.
  --local      about half of the router configurations move into the PE programs as
               @set_local_color_config.
  --oncontrol  receivers of nets whose control wavelets reach CEs may use chained async
               fabin ops ending on each control wavelet (.on_control activate).
  --slow       some PEs spin in their launch function after starting their sends, so
               their queues fill and the routes back up (results unchanged).
  --invalidpos some switch positions (not the current one, no pop modes) are
               `.invalid = true`: an advance into one returns to position 0 in ring
               mode and does nothing without it (the page's words on `invalid`).
  --invalid    case.json says "invalid": run.py also builds invalid variants of the
               layout (out-of-range switch position and filter fields, two filter kinds,
               a two-direction position rx, more filters on one router than WSE-2's six,
               color 24, a duplicated config; in a PE program: a @set_local_color_config of a color the layout
               configures there, of memcpy's color 22, switches on color 11 on WSE-3) and
               requires cslc to refuse each naming file:line and the PE.

Rules the model follows (the Builtins page's switch and filter fields, the <control>
page; docs/simulator.md where the pages are silent): a position that names only tx keeps
the base rx; a command acts after its own wavelet is forwarded by the old position;
SWITCH_ADV wraps to 0 in ring mode and does nothing at the last position without it;
SWITCH_RST returns to 0; a router pops per its pop mode (pop_on_advance: only when the
switch moved; pop_on_advance_nop: or on a NOP), the popped list ends with a ce_ignored
NOP; a control wavelet reaches a CE when its first command's ce_ignore is false and the
current tx has RAMP. Filters act on RAMP delivery (they sit only on leaf receivers here,
so it makes no difference); control wavelets are never filtered (filter_control is
false) and counted only with count_control; the counter passes while it is
<= max_counter and wraps to 0 after limit1. The colors are those WSE-3 can switch
(0-9, 12, 13, 16, 17, 20), so one program runs on both architectures.
"""
import argparse
import json
import os
import random
import re

DIRS = {"NORTH": (0, -1), "SOUTH": (0, 1), "EAST": (1, 0), "WEST": (-1, 0)}
OPP = {"NORTH": "SOUTH", "SOUTH": "NORTH", "EAST": "WEST", "WEST": "EAST"}
COLORS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 17, 20]
LOCAL_IDS = [10, 11, 14, 15, 18, 19, 24, 25, 26]
SWAP_PAIRS = [0, 2, 4, 6, 8, 12, 16]
MAX_RECV = 5   # input queues 2..6 on WSE-3
MAX_SRC = 2    # output queues 2, 3


def build(seed, swap=False, teardown=False):
    rnd = random.Random(seed)
    w, h = rnd.randint(3, 6), rnd.randint(3, 6)
    nnets = rnd.randint(3, 6)
    launches = rnd.randint(2, 3)
    colors = rnd.sample(COLORS, nnets)
    if swap:
        # WSE-2 color swap: each net owns a pair of colors that differ in the low bit
        colors = [c + rnd.randint(0, 1) for c in rnd.sample(SWAP_PAIRS, nnets)]
    recv_count = {}
    src_count = {}
    filters_at = {}
    fabin_at = {}
    nets = []
    for k in range(nnets):
        if not swap and rnd.random() < 0.3:
            net = build_merge(rnd, k, colors[k], w, h, launches, src_count, recv_count)
            if net:
                nets.append(net)
                continue
        for _attempt in range(200):
            src = (rnd.randrange(w), rnd.randrange(h))
            if src_count.get(src, 0) >= MAX_SRC:
                continue
            parent = {src: None}
            children = {src: []}
            for _ in range(rnd.randint(2, min(12, w * h - 1))):
                node = rnd.choice(list(parent))
                d = rnd.choice(list(DIRS))
                nx, ny = node[0] + DIRS[d][0], node[1] + DIRS[d][1]
                if 0 <= nx < w and 0 <= ny < h and (nx, ny) not in parent:
                    parent[(nx, ny)] = (node, d)
                    children[(nx, ny)] = []
                    children[node].append(d)
            receivers = {n for n in parent if n != src and rnd.random() < 0.6
                         and recv_count.get(n, 0) < MAX_RECV}
            # prune leaves that are not receivers
            changed = True
            while changed:
                changed = False
                for n in list(parent):
                    if n != src and not children[n] and n not in receivers:
                        (p, d) = parent.pop(n)
                        children.pop(n)
                        children[p].remove(d)
                        changed = True
            if receivers and children[src]:
                break
        else:
            raise SystemExit("could not place net")
        src_count[src] = src_count.get(src, 0) + 1
        for r in receivers:
            recv_count[r] = recv_count.get(r, 0) + 1
        bits = 16 if rnd.random() < 0.3 else 32
        pop_style = rnd.random() < 0.35
        keys = {n: f"{n[0]},{n[1]}" for n in parent}
        full_tx = {keys[n]: list(children[n]) + (["RAMP"] if n in receivers else []) for n in parent}
        # switches: any router of the net; a position's tx is a non-empty subset of the
        # router's full tx; routers with filters get none (so every wavelet that reaches
        # them goes up their RAMP and the filter sees it)
        switches = {}
        filt = {}
        for n in sorted(parent):
            key = keys[n]
            if (bits == 32 and n in receivers and filters_at.get(n, 0) < 2
                    and not children[n] and rnd.random() < 0.6):
                filters_at[n] = filters_at.get(n, 0) + 1
                if rnd.random() < 0.5:
                    lo = rnd.randint(0, 7)
                    filt[key] = {"kind": "range", "min": lo, "max": rnd.randint(lo, 7)}
                else:
                    lim = rnd.randint(1, 5)
                    filt[key] = {"kind": "counter", "limit1": lim, "max": rnd.randint(0, lim - 1),
                                 "init": rnd.randint(0, lim), "count_control": rnd.random() < 0.5,
                                 "filter_control": rnd.random() < 0.4}
                continue
            opts = full_tx[key]
            if rnd.random() < 0.45:
                npos = rnd.randint(1, 3)
                sub = lambda: rnd.sample(opts, rnd.randint(1, min(2, len(opts))))
                sw = {"base": sub(), "pos": [sub() for _ in range(npos)],
                      "ring": rnd.random() < 0.5, "cur": rnd.randint(0, npos), "pop": "none"}
                if pop_style and rnd.random() < 0.7:
                    sw["pop"] = rnd.choice(["always_pop", "pop_on_advance", "pop_on_advance_nop"])
                switches[key] = sw
            elif pop_style and rnd.random() < 0.3:
                switches[key] = {"base": opts, "pos": [], "ring": False, "cur": 0,
                                 "pop": rnd.choice(["always_pop", "pop_on_advance", "pop_on_advance_nop"])}
        switched = any(sw["pos"] for sw in switches.values())
        # items per launch
        per_launch = []
        for _l in range(launches):
            items = []
            for _ in range(rnd.randint(1, 6)):
                u = rnd.random()
                if u < 0.5:
                    n = rnd.randint(1, 8)
                    if bits == 32:
                        vals = [(rnd.randint(0, 7) << 16) | rnd.randint(0, 0xFFFF) for _ in range(n)]
                    else:
                        vals = [rnd.randint(0, 0xFFFF) for _ in range(n)]
                    items.append(["data", vals])
                elif pop_style:
                    cmds = [rnd.choice(["NOP", "SWITCH_ADV", "SWITCH_ADV", "SWITCH_RST"])
                            for _ in range(rnd.randint(1, 8))]
                    items.append(["multi", cmds])
                elif u < 0.7 or not switched:
                    items.append(["ctl", rnd.randint(0, 0xFFFF)])
                else:
                    op = "SWITCH_ADV" if rnd.random() < 0.8 else "SWITCH_RST"
                    ignore = rnd.random() < 0.6
                    items.append(["single", op, ignore, rnd.randint(0, 0xFFFF)])
            per_launch.append(items)
        if teardown and not pop_style and not filt:
            # TEARDOWN control wavelets (ce_ignore): every router they reach holds the
            # color and runs its PE's teardown handler, which logs and exits
            trnd = random.Random(seed * 1000 + k)
            for items in per_launch:
                if trnd.random() < 0.7:
                    items.insert(trnd.randint(0, len(items)), ["td"])
        # receivers that take this net with an async fabin DSD op (only when no control
        # wavelet reaches a CE: a fabin op would take it for data)
        ce_bound = any(it[0] == "ctl" or (it[0] == "single" and not it[2])
                       for items in per_launch for it in items)
        fabin = []
        if not ce_bound:
            for r in sorted(receivers):
                if fabin_at.get(r, 0) < 2 and rnd.random() < 0.6:
                    fabin_at[r] = fabin_at.get(r, 0) + 1
                    fabin.append(keys[r])
        nets.append({"k": k, "color": colors[k], "src": list(src), "bits": bits, "fabin": fabin,
                     "sources": [{"src": list(src), "launches": per_launch}],
                     "pop_style": pop_style,
                     "parent": {keys[n]: (None if v is None else [list(v[0]), v[1]])
                                for n, v in parent.items()},
                     "children": {keys[n]: v for n, v in children.items()},
                     "full_tx": full_tx,
                     "receivers": sorted(keys[r] for r in receivers),
                     "switches": switches, "filters": filt,
                     "launches": per_launch})
    if swap:
        # no switches, filters or fabin receivers in swap nets (which config's flags and
        # routes apply when the two colors differ is not documented, so both colors get
        # the same configuration at every router, as in the SDK's color swap tutorial);
        # SWITCH commands become control-task wavelets
        for net in nets:
            net["switches"], net["filters"], net["fabin"], net["pop_style"] = {}, {}, [], False
            for items in net["launches"]:
                items[:] = [it if it[0] in ("data", "ctl") else ["ctl", rnd.randint(0, 0xFFFF)]
                            for it in items]
            net["swap"] = {key: {"x": rnd.random() < 0.5, "y": rnd.random() < 0.5}
                           for key in net["parent"]}
    return {"seed": seed, "w": w, "h": h, "launches": launches, "nets": nets, "swap": swap,
            "teardown": teardown}


def build_merge(rnd, k, color, w, h, launches, src_count, recv_count):
    """A net whose 2..3 sources sit at the ends of straight lines into one merge router M.
    M's rx is switched: base = the first line, pos1/pos2 = the others, ring mode; each
    source ends each launch's turn with a SWITCH_ADV, so M takes the sources' turns in
    order. Below M a random tree (no switches, maybe filters at leaves). Returns None when
    the random placement does not fit."""
    m = (rnd.randrange(w), rnd.randrange(h))
    dirs = rnd.sample(list(DIRS), 4)
    lines = []
    for d in dirs:
        if len(lines) == 3:
            break
        n = rnd.randint(1, 3)
        cells = [(m[0] + DIRS[d][0] * i, m[1] + DIRS[d][1] * i) for i in range(1, n + 1)]
        if all(0 <= cx < w and 0 <= cy < h for cx, cy in cells) and src_count.get(cells[-1], 0) < MAX_SRC:
            lines.append((d, cells))
    if len(lines) < 2:
        return None
    used = {m} | {c for _, cells in lines for c in cells}
    children = {m: []}
    parent = {m: None}
    for _ in range(rnd.randint(0, 8)):
        node = rnd.choice(list(children))
        d = rnd.choice(list(DIRS))
        nx, ny = node[0] + DIRS[d][0], node[1] + DIRS[d][1]
        if 0 <= nx < w and 0 <= ny < h and (nx, ny) not in used:
            used.add((nx, ny))
            parent[(nx, ny)] = (node, d)
            children[(nx, ny)] = []
            children[node].append(d)
    ok = lambda n: recv_count.get(n, 0) < MAX_RECV
    receivers = {n for n in children if n != m and rnd.random() < 0.7 and ok(n)}
    if rnd.random() < 0.5 and ok(m):
        receivers.add(m)
    line_recv = {c for _, cells in lines for c in cells[:-1] if rnd.random() < 0.4 and ok(c)}
    changed = True
    while changed:
        changed = False
        for n in list(children):
            if n != m and not children[n] and n not in receivers:
                (pn, d) = parent.pop(n)
                children.pop(n)
                children[pn].remove(d)
                changed = True
    if not children[m] and m not in receivers:
        return None
    for _, cells in lines:
        src_count[cells[-1]] = src_count.get(cells[-1], 0) + 1
    for r in receivers | line_recv:
        recv_count[r] = recv_count.get(r, 0) + 1
    key = lambda n: f"{n[0]},{n[1]}"
    bits = 32
    full_tx = {key(n): list(children[n]) + (["RAMP"] if n in receivers else []) for n in children}
    routes = {}
    for n in children:
        if n != m:
            routes[key(n)] = {"rx": [OPP[parent[n][1]]], "tx": full_tx[key(n)]}
    routes[key(m)] = {"rx": [lines[0][0]], "tx": full_tx[key(m)],
                      "rxpos": [d for d, _ in lines[1:]]}
    for d, cells in lines:
        for i, c in enumerate(cells):
            rx = "RAMP" if i == len(cells) - 1 else d
            routes[key(c)] = {"rx": [rx], "tx": [OPP[d]] + (["RAMP"] if c in line_recv else [])}
    filt = {}
    for n in sorted(receivers):
        if n != m and not children[n] and rnd.random() < 0.4:
            lim = rnd.randint(1, 4)
            filt[key(n)] = {"kind": "counter", "limit1": lim, "max": rnd.randint(0, lim - 1),
                            "init": rnd.randint(0, lim), "count_control": rnd.random() < 0.5,
                            "filter_control": rnd.random() < 0.4}
    sources = []
    for d, cells in lines:
        per_launch = []
        for _l in range(launches):
            items = []
            for _ in range(rnd.randint(0, 3)):
                if rnd.random() < 0.7:
                    items.append(["data", [(rnd.randint(0, 7) << 16) | rnd.randint(0, 0xFFFF)
                                           for _ in range(rnd.randint(1, 8))]])
                else:
                    items.append(["ctl", rnd.randint(0, 0xFFFF)])
            items.append(["single", "SWITCH_ADV", rnd.random() < 0.6, rnd.randint(0, 0xFFFF)])
            per_launch.append(items)
        sources.append({"src": list(cells[-1]), "launches": per_launch,
                        "line": [key(c) for c in cells[:-1]]})
    return {"k": k, "color": color, "src": list(lines[0][1][-1]), "bits": bits, "fabin": [],
            "merge": key(m), "sources": sources, "routes": routes, "pop_style": False,
            "parent": {key(n): (None if v is None else [list(v[0]), v[1]]) for n, v in parent.items()},
            "children": {key(n): v for n, v in children.items()}, "full_tx": full_tx,
            "receivers": sorted(key(r) for r in receivers | line_recv),
            "switches": {}, "filters": filt, "launches": None}


def walk(net, pos, counters, cmds, on_visit, start=None):
    """Sends one wavelet from the source along the routes as they stand. cmds: the control
    commands [(opcode, ce_ignore)] (padded to 8) or None for data. Calls on_visit(key,
    ramp, cmds) per router reached, then applies each router's command. Returns nothing."""
    k = net["k"]
    src = tuple(start or net["src"])
    # what the source's own CE sends swaps at its router only when color_swap_x and _y
    # are both set (docs/simulator.md, "Color swap")
    flags = net.get("swap", {}).get(f"{src[0]},{src[1]}")
    stack = [(src, cmds, int(bool(flags and flags["x"] and flags["y"])))]
    while stack:
        node, cm, b = stack.pop()
        key = f"{node[0]},{node[1]}"
        sw = net["switches"].get(key)
        if sw and sw["pos"]:
            p = pos[(k, key)]
            active = sw["base"] if p == 0 else sw["pos"][p - 1]
        else:
            active = net["full_tx"][key]
        on_visit(key, "RAMP" in active, cm, b)
        out_cm = cm
        if cm is not None and sw:
            op = cm[0][0]
            advanced = False
            n = len(sw["pos"])
            if op == "SWITCH_ADV" and n:
                p = pos[(k, key)]
                if p < n and sw["pos"][p] is not None:
                    pos[(k, key)] = p + 1
                    advanced = True
                elif sw["ring"] and p != 0:
                    # the page on an invalid position: "we can never advance to the
                    # corresponding switch position and we will [...] advance back to
                    # the original switch position [...] (if ring_mode is enabled)"
                    pos[(k, key)] = 0
                    advanced = True
            elif op == "SWITCH_RST" and n:
                pos[(k, key)] = 0
            pop = sw["pop"]
            if (pop == "always_pop" or (pop == "pop_on_advance" and advanced)
                    or (pop == "pop_on_advance_nop" and (advanced or op == "NOP"))):
                out_cm = cm[1:] + [("NOP", True)]
        for d in active:
            if d != "RAMP":
                child = (node[0] + DIRS[d][0], node[1] + DIRS[d][1])
                flags = net.get("swap", {}).get(f"{child[0]},{child[1]}")
                # the tutorial: a wavelet that comes into a router from WEST (EAST) with
                # color_swap_x leaves it as the partner color; likewise N/S with _y
                flip = bool(flags and flags["x" if d in ("EAST", "WEST") else "y"])
                stack.append((child, out_cm, b ^ flip))


def model(case):
    """Per PE key, per net: list of [kind, value] events (kind 1 data, 2 control); per PE
    the cumulative event count after each launch."""
    events = {}
    cum = {f"{x},{y}": [] for x in range(case["w"]) for y in range(case["h"])}
    counters = {}
    pos = {}
    per = {}
    for net in case["nets"]:
        for r, f in net["filters"].items():
            if f["kind"] == "counter":
                counters[(net["k"], r)] = f["init"]
        for key, sw in net["switches"].items():
            pos[(net["k"], key)] = sw["cur"]
    for launch in range(case["launches"]):
        for net in case["nets"]:
            k = net["k"]

            def log(key, kind, v):
                events.setdefault(key, {}).setdefault(str(k), []).append([kind, v])

            def count(key, is_control):
                """The counter filter at key, if any: returns whether it passes (control
                wavelets always pass) and counts the wavelet."""
                f = net["filters"].get(key)
                if not f:
                    return True
                if f["kind"] == "range":
                    return True
                c = counters[(k, key)]
                if not is_control or f["count_control"]:
                    counters[(k, key)] = 0 if c == f["limit1"] else c + 1
                if is_control:
                    # the page: "only control wavelets that arrive when the value of the
                    # active counter is equal to max_counter are allowed to pass"
                    return c == f["max"] if f["filter_control"] else True
                return c <= f["max"]

            if net.get("merge"):
                # receivers on each line see that source's items; M and below see the
                # turns in source order
                stream = []
                for sv in net["sources"]:
                    for item in sv["launches"][launch]:
                        for r in sv["line"]:
                            if r in net["receivers"]:
                                if item[0] == "data":
                                    for v in item[1]:
                                        log(r, 1, v)
                                elif item[0] == "ctl":
                                    log(r, 2, item[1])
                                elif not item[2]:
                                    log(r, 2, item[3])
                        stream.append(item)
                start = tuple(map(int, net["merge"].split(",")))
            else:
                stream = net["launches"][launch]
                start = None
            for item in stream:
                if item[0] == "data":
                    for v in item[1]:
                        def visit(key, ramp, _cm, b, v=v):
                            ok = count(key, False)
                            f = net["filters"].get(key)
                            if f and f["kind"] == "range":
                                ok = f["min"] <= (v >> 16) <= f["max"]
                            if ramp and ok:
                                log(key, 1 | ((((net["color"] & 1) ^ b) << 4) if "swap" in net else 0), v)
                        walk(net, pos, counters, None, visit, start)
                    continue
                if item[0] == "ctl":
                    cmds, data = [("NOP", False)], item[1]
                elif item[0] == "single":
                    cmds, data = [(item[1], item[2])], item[3]
                elif item[0] == "td":
                    cmds, data = [("TEARDOWN", True)], None
                else:
                    cmds, data = [(c, True) for c in item[1]], None
                cmds = cmds + [("NOP", True)] * (8 - len(cmds))

                def visit(key, ramp, cm, _b, data=data):
                    if cm[0][0] == "TEARDOWN":
                        # the handler's runs form their own sequence: when it runs
                        # relative to the data tasks of wavelets queued before is not
                        # defined
                        events.setdefault(key, {}).setdefault(str(k + 32), []).append([3, 0])
                    ok = count(key, True)
                    if ramp and ok and not cm[0][1]:
                        log(key, 2, data)
                walk(net, pos, counters, cmds, visit, start)
        for key in cum:
            cum[key].append(sum(len(v) for v in events.get(key, {}).values()))
            for k, v in events.get(key, {}).items():
                per.setdefault((key, int(k)), []).append(len(v))
    # per (PE, net): how many events each launch brings (for the fabin receivers)
    counts = {}
    for (key, k), c in per.items():
        c = [0] * (case["launches"] - len(c)) + c
        counts[(key, k)] = [c[0]] + [c[i] - c[i - 1] for i in range(1, len(c))]
    case["launch_counts"] = {f"{key}/{k}": c for (key, k), c in counts.items()}
    return events, cum


def pe_code(case, x, y, cum, logsize):
    key = f"{x},{y}"
    L = case["launches"]
    recv = [n for n in case["nets"] if key in n["receivers"]]
    srcs = [(n, sv["launches"]) for n in case["nets"] for sv in n["sources"] if sv["src"] == [x, y]]
    o = []
    o.append(f"// PE ({x}, {y}) of randroute seed {case['seed']} (generated by gen.py).")
    o.append("param memcpy_params;")
    o.append('const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);')
    o.append('const ctrl = @import_module("<control>");')
    o.append('const tile_config = @import_module("<tile_config>");')
    o.append(f"var log = @zeros([{logsize}]u32);")
    o.append("var log_ptr: [*]u32 = &log;")
    o.append("var cnt = @zeros([1]u32);")
    o.append("var cnt_ptr: [*]u32 = &cnt;")
    o.append("var n: u32 = 0;")
    o.append("var sends_done: u32 = 0;")
    o.append("var waiting: bool = false;")
    o.append("var lidx: u16 = 0;")
    o.append("var cur: u16 = 0;")
    o.append("var slow_sink: u32 = 0;")
    o.append(f"const exp_cum = [{L}]u32{{ {', '.join(str(c) for c in cum[key])} }};")
    o.append("")
    o.append("fn check() void {")
    o.append(f"  if (waiting and sends_done >= {len(srcs)} * @as(u32, cur + 1) and n >= exp_cum[cur]) {{")
    o.append("    waiting = false;")
    o.append("    cnt[0] = n;")
    o.append("    sys_mod.unblock_cmd_stream();")
    o.append("  }")
    o.append("}")
    o.append("")
    o.append("fn record(hdr: u32, v: u32) void {")
    o.append(f"  if (n < {logsize // 2}) {{ log[2 * n] = hdr; log[2 * n + 1] = v; }}")
    o.append("  n += 1;")
    o.append("  cnt[0] = n;")
    o.append("  check();")
    o.append("}")
    comptime = []
    nfabin = sum(1 for n in recv if key in n["fabin"] or key in n.get("fabin_oc", []))
    fabin_iqs = [4, 5][:nfabin]
    task_iqs = [2, 3, 6, 7] + [4, 5][nfabin:]
    starts = []
    nfab = 0
    for net in recv:
        k, c = net["k"], net["color"]
        ty = "u32" if net["bits"] == 32 else "u16"
        if key in net.get("fabin_oc", []):
            # async fabin ops that end at each control wavelet (.on_control activate):
            # one op per run of data followed by a control wavelet, exact extents from the
            # model; the op consumes the control wavelet, so no control task runs
            iq = fabin_iqs.pop(0)
            lid = LOCAL_IDS[2 + nfab]
            seq = case["events"].get(key, {}).get(str(k), [])
            counts = case["launch_counts"].get(f"{key}/{k}", [0] * L)
            ops, bounds, at = [], [], 0
            for cnt_l in counts:
                first = len(ops)
                n = 0
                for ev in seq[at:at + cnt_l]:
                    if ev[0] == 1:
                        n += 1
                    else:
                        ops.append((n, True))
                        n = 0
                if n:
                    ops.append((n, False))
                at += cnt_l
                bounds.append((first, len(ops)))
            mov = "@mov32" if net["bits"] == 32 else "@mov16"
            ut = f".ut_id = @get_ut_id({4 + nfab})"
            o.append(f"const iq_{k} = @get_input_queue({iq});")
            o.append(f"const fdone_{k}_id: local_task_id = @get_local_task_id({lid});")
            o.append(f"var buf_{k} = @zeros([{max([1] + [n + 1 for n, _ in ops])}]{ty});")
            o.append(f"const opn_{k} = [{max(1, len(ops))}]u16{{ {', '.join(str(n) for n, _ in ops) or '0'} }};")
            o.append(f"const opc_{k} = [{max(1, len(ops))}]bool{{ {', '.join('true' if cc else 'false' for _, cc in ops) or 'false'} }};")
            o.append(f"const ofirst_{k} = [{L}]u16{{ {', '.join(str(b[0]) for b in bounds)} }};")
            o.append(f"const oend_{k} = [{L}]u16{{ {', '.join(str(b[1]) for b in bounds)} }};")
            o.append(f"var ostep_{k}: u16 = 0;")
            o.append(f"var ostop_{k}: u16 = 0;")
            for j, (n, cc) in enumerate(ops):
                ext = n + 1 if cc else n
                o.append(f"const fin_{k}_{j} = @get_dsd(fabin_dsd, if (@is_arch(\"wse3\")) "
                         f".{{ .extent = {ext}, .input_queue = iq_{k} }} else .{{ .extent = {ext}, "
                         f".input_queue = iq_{k}, .fabric_color = @get_color({c}) }});")
                o.append(f"const fbuf_{k}_{j} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{ext}}} -> buf_{k}[i] }});")
            o.append(f"fn ostart_{k}() void {{")
            o.append(f"  const s = ostep_{k};")
            o.append(f"  ostep_{k} += 1;")
            o.append("  switch (s) {")
            for j, (n, cc) in enumerate(ops):
                cfg = (f".{{ .async = true, .on_control = .{{ .activate = fdone_{k}_id }}, {ut} }}" if cc
                       else f".{{ .async = true, .activate = fdone_{k}_id, {ut} }}")
                cfg2 = (f".{{ .async = true, .on_control = .{{ .activate = fdone_{k}_id }} }}" if cc
                        else f".{{ .async = true, .activate = fdone_{k}_id }}")
                o.append(f"    {j} => {{ {mov}(fbuf_{k}_{j}, fin_{k}_{j}, if (@is_arch(\"wse3\")) {cfg} else {cfg2}); }},")
            o.append("    else => {},")
            o.append("  }")
            o.append("}")
            o.append(f"task fdone_{k}() void {{")
            o.append(f"  const j = ostep_{k} - 1;")
            o.append(f"  for (@range(u16, opn_{k}[j])) |i| {{ record({(k << 8) | 1}, @as(u32, buf_{k}[i])); }}")
            o.append(f"  if (opc_{k}[j]) record({(k << 8) | 4}, 0);")
            o.append(f"  if (ostep_{k} < ostop_{k}) ostart_{k}();")
            o.append("}")
            starts.append(f"  ostep_{k} = ofirst_{k}[cur];\n  ostop_{k} = oend_{k}[cur];\n"
                          f"  if (ostep_{k} < ostop_{k}) ostart_{k}();")
            comptime.append(f"  @bind_local_task(fdone_{k}, fdone_{k}_id);")
            comptime.append(f"  if (@is_arch(\"wse3\")) @initialize_queue(iq_{k}, .{{ .color = @get_color({c}) }});")
            nfab += 1
            continue
        if key in net["fabin"]:
            iq = fabin_iqs.pop(0)
            counts = case["launch_counts"].get(f"{key}/{k}", [0] * L)
            lid = LOCAL_IDS[2 + nfab]
            o.append(f"const iq_{k} = @get_input_queue({iq});")
            o.append(f"const fdone_{k}_id: local_task_id = @get_local_task_id({lid});")
            o.append(f"var buf_{k} = @zeros([{max(1, max(counts))}]{ty});")
            o.append(f"const fcnt_{k} = [{L}]u16{{ {', '.join(str(v) for v in counts)} }};")
            o.append(f"task fdone_{k}() void {{")
            o.append(f"  for (@range(u16, fcnt_{k}[cur])) |i| {{ record({(k << 8) | 1}, @as(u32, buf_{k}[i])); }}")
            o.append("}")
            mov = "@mov32" if net["bits"] == 32 else "@mov16"
            branch = []
            for li, cnt_l in enumerate(counts):
                if cnt_l == 0:
                    continue
                o.append(f"const fin_{k}_{li} = @get_dsd(fabin_dsd, if (@is_arch(\"wse3\")) "
                         f".{{ .extent = {cnt_l}, .input_queue = iq_{k} }} else .{{ .extent = {cnt_l}, "
                         f".input_queue = iq_{k}, .fabric_color = @get_color({c}) }});")
                o.append(f"const fbuf_{k}_{li} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{cnt_l}}} -> buf_{k}[i] }});")
                branch.append(f"  if (cur == {li}) {mov}(fbuf_{k}_{li}, fin_{k}_{li}, if (@is_arch(\"wse3\")) "
                              f".{{ .async = true, .activate = fdone_{k}_id, .ut_id = @get_ut_id({4 + nfab}) }} "
                              f"else .{{ .async = true, .activate = fdone_{k}_id }});")
            starts.extend(branch)
            comptime.append(f"  @bind_local_task(fdone_{k}, fdone_{k}_id);")
            comptime.append(f"  if (@is_arch(\"wse3\")) @initialize_queue(iq_{k}, .{{ .color = @get_color({c}) }});")
            nfab += 1
            continue
        if "swap" in net:
            pair = c & ~1
            for cb in (0, 1):
                o.append(f"task data_{k}_{cb}(v: {ty}) void {{ record({(k << 8) | 1 | (cb << 4)}, @as(u32, v)); }}")
                comptime.append(f"  @bind_data_task(data_{k}_{cb}, @get_data_task_id(@get_color({pair + cb})));")
            o.append(f"task ctl_{k}(d: u16) void {{ record({(k << 8) | 2}, @as(u32, d)); }}")
            comptime.append(f"  @bind_control_task(ctl_{k}, @get_control_task_id({40 + k}));")
            continue
        iq = task_iqs.pop(0)
        o.append(f"const iq_{k} = @get_input_queue({iq});")
        o.append(f"const did_{k}: data_task_id = if (@is_arch(\"wse3\")) @get_data_task_id(iq_{k}) "
                 f"else @get_data_task_id(@get_color({c}));")
        o.append(f"task data_{k}(v: {ty}) void {{ record({(k << 8) | 1}, @as(u32, v)); }}")
        o.append(f"task ctl_{k}(d: u16) void {{ record({(k << 8) | 2}, @as(u32, d)); }}")
        comptime.append(f"  @bind_data_task(data_{k}, did_{k});")
        comptime.append(f"  @bind_control_task(ctl_{k}, @get_control_task_id({40 + k}));")
        comptime.append(f"  if (@is_arch(\"wse3\")) @initialize_queue(iq_{k}, .{{ .color = @get_color({c}) }});")
    for j, (net, src_launches) in enumerate(srcs):
        k, c, bits = net["k"], net["color"], net["bits"]
        oq = 2 + j
        lid = LOCAL_IDS[j]
        ety = "u32" if bits == 32 else "u16"
        mov = "@mov32" if bits == 32 else "@mov16"
        data = [v for items in src_launches for it in items if it[0] == "data" for v in it[1]]
        ctls = []
        prongs = []
        step = 0
        off = 0
        bounds = []
        o.append(f"const oq_{k} = @get_output_queue({oq});")
        o.append(f"const next_{k}_id: local_task_id = @get_local_task_id({lid});")
        for items in src_launches:
            first = step
            for it in items:
                if it[0] == "data":
                    ln = len(it[1])
                    o.append(f"const out_{k}_{step} = @get_dsd(fabout_dsd, if (@is_arch(\"wse3\")) "
                             f".{{ .extent = {ln}, .output_queue = oq_{k} }} else .{{ .extent = {ln}, "
                             f".output_queue = oq_{k}, .fabric_color = @get_color({c}) }});")
                    o.append(f"const src_{k}_{step} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{ln}}} -> dat_{k}[{off} + i] }});")
                    prongs.append((step, f"{mov}(out_{k}_{step}, src_{k}_{step}, OPTS_{k});"))
                    off += ln
                else:
                    if it[0] == "ctl":
                        word = f"ctrl.encode_single_payload(ctrl.opcode.NOP, false, @get_control_task_id({40 + k}), {it[1]})"
                    elif it[0] == "td":
                        word = "ctrl.encode_single_payload(ctrl.opcode.TEARDOWN, true, {}, 0)"
                    elif it[0] == "single":
                        word = (f"ctrl.encode_single_payload(ctrl.opcode.{it[1]}, {'true' if it[2] else 'false'}, "
                                f"@get_control_task_id({40 + k}), {it[3]})")
                    else:
                        m = len(it[1])
                        word = (f"ctrl.encode_payload({m}, [{m}]ctrl.opcode{{ {', '.join('ctrl.opcode.' + c for c in it[1])} }}, "
                                f"[{m}]bool{{ {', '.join(['true'] * m)} }}, true, @get_control_task_id({40 + k}))")
                    ci = len(ctls)
                    ctls.append(word)
                    o.append(f"const out_{k}_{step} = @get_dsd(fabout_dsd, if (@is_arch(\"wse3\")) "
                             f".{{ .extent = 1, .output_queue = oq_{k}, .control = true }} else .{{ .extent = 1, "
                             f".output_queue = oq_{k}, .control = true, .fabric_color = @get_color({c}) }});")
                    o.append(f"const src_{k}_{step} = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{1}} -> ctl_{k}[{ci} + i] }});")
                    prongs.append((step, f"@mov32(out_{k}_{step}, src_{k}_{step}, OPTS_{k});"))
                step += 1
            bounds.append((first, step))
        o.insert(5, f"var dat_{k} = [{max(1, len(data))}]{ety}{{ {', '.join(str(v) for v in data) or '0'} }};")
        o.append(f"var ctl_{k} = [{max(1, len(ctls))}]u32{{ {', '.join(ctls) or '0'} }};")
        o.append(f"const OPTS_{k} = if (@is_arch(\"wse3\")) .{{ .async = true, .activate = next_{k}_id, .ut_id = @get_ut_id({oq}) }}")
        o.append(f"                else .{{ .async = true, .activate = next_{k}_id }};")
        o.append(f"const first_{k} = [{L}]u16{{ {', '.join(str(b[0]) for b in bounds)} }};")
        o.append(f"const end_{k} = [{L}]u16{{ {', '.join(str(b[1]) for b in bounds)} }};")
        o.append(f"var step_{k}: u16 = 0;")
        o.append(f"var stop_{k}: u16 = 0;")
        o.append(f"task next_{k}() void {{")
        o.append(f"  if (step_{k} == stop_{k}) {{ sends_done += 1; check(); return; }}")
        o.append(f"  const s = step_{k};")
        o.append(f"  step_{k} += 1;")
        o.append("  switch (s) {")
        for s, stmt in prongs:
            o.append(f"    {s} => {{ {stmt} }},")
        o.append("    else => {},")
        o.append("  }")
        o.append("}")
        comptime.append(f"  @bind_local_task(next_{k}, next_{k}_id);")
        comptime.append(f"  if (@is_arch(\"wse3\")) @initialize_queue(oq_{k}, .{{ .color = @get_color({c}) }});")
        starts.append(f"  step_{k} = first_{k}[cur];\n  stop_{k} = end_{k}[cur];\n  @activate(next_{k}_id);")
    for net in case["nets"]:
        if key in net["parent"] and any(it[0] == "td" for items in net["launches"] or [] for it in items):
            k, c = net["k"], net["color"]
            o.append(f"fn td_{k}() void {{")
            o.append(f"  record({((k + 32) << 8) | 3}, 0);")
            o.append(f"  tile_config.teardown.exit(@get_color({c}));")
            o.append("}")
            comptime.append(f"  @set_teardown_handler(td_{k}, @get_color({c}));")
    o.append("")
    o.append("fn go() void {")
    o.append("  cur = lidx;")
    o.append("  lidx += 1;")
    o.append("  waiting = true;")
    o.extend(starts)
    if case.get("slow"):
        # a busy PE: its tasks wait while go runs, so its input queues fill and the
        # routes back up to the senders (multicast siblings wait too)
        spins = random.Random(case["seed"] * 131 + x * 17 + y).choice([0, 0, 300, 1500, 4000])
        if spins:
            o.append(f"  var spin: u32 = 0;")
            o.append(f"  while (spin < {spins}) : (spin += 1) {{ slow_sink += spin; }}")
    o.append("  check();")
    o.append("}")
    o.append("")
    o.append("comptime {")
    o.extend(comptime)
    o.append('  @export_symbol(log_ptr, "log");')
    o.append('  @export_symbol(cnt_ptr, "cnt");')
    o.append("  @export_symbol(go);")
    o.append("}")
    return "\n".join(o) + "\n"


def layout_code(case, name, command):
    w, h = case["w"], case["h"]
    o = [f"// randroute/cases/{name}: {len(case['nets'])} random nets on a {w}x{h} block (seed "
         f"{case['seed']}), generated by\n// `{command}` (see its docstring).",
         f'const memcpy = @import_module("<memcpy/get_params>", .{{ .width = {w}, .height = {h} }});',
         "", "layout {", f"  @set_rectangle({w}, {h});"]
    for x in range(w):
        for y in range(h):
            o.append(f'  @set_tile_code({x}, {y}, "pe_{x}_{y}.csl", .{{ .memcpy_params = memcpy.get_params({x}) }});')
    for net in case["nets"]:
        c = net["color"]
        o.append(f"  // net {net['k']}: color {c}, source {tuple(net['src'])}, {net['bits']}-bit"
                 + (", popping routers" if net["pop_style"] else ""))
        if net.get("merge"):
            o.append(f"  //   merge router {net['merge']}: rx switched between the source lines")
            for key, r in sorted(net["routes"].items()):
                x, y = map(int, key.split(","))
                fields = [f".routes = .{{ .rx = .{{{', '.join(r['rx'])}}}, .tx = .{{{', '.join(r['tx'])}}} }}"]
                if r.get("rxpos"):
                    ps = ", ".join(f".pos{i + 1} = .{{ .rx = {d} }}" for i, d in enumerate(r["rxpos"]))
                    fields.append(f".switches = .{{ {ps}, .ring_mode = true }}")
                f = net["filters"].get(key)
                if f:
                    fields.append(f".filter = .{{ .kind = .{{ .counter = true }}, .count_data = true, "
                                  f".count_control = {'true' if f['count_control'] else 'false'}, "
                                  f".filter_control = {'true' if f['filter_control'] else 'false'}, .init_counter = {f['init']}, "
                                  f".limit1 = {f['limit1']}, .max_counter = {f['max']} }}")
                o.append(f"  @set_color_config({x}, {y}, @get_color({c}), .{{ {', '.join(fields)} }});")
            continue
        for key, par in sorted(net["parent"].items()):
            x, y = map(int, key.split(","))
            rx = "RAMP" if par is None else OPP[par[1]]
            sw = net["switches"].get(key)
            tx = sw["base"] if sw else net["full_tx"][key]
            fields = [f".routes = .{{ .rx = .{{{rx}}}, .tx = .{{{', '.join(tx)}}} }}"]
            if sw:
                parts = [f".pos{i + 1} = .{{ .invalid = true }}" if d is None else
                         f".pos{i + 1} = .{{ .tx = .{{{', '.join(d)}}} }}" for i, d in enumerate(sw["pos"])]
                if sw["pos"]:
                    parts.append(f".current_switch_pos = {sw['cur']}")
                    parts.append(f".ring_mode = {'true' if sw['ring'] else 'false'}")
                if sw["pop"] != "none":
                    parts.append(f".pop_mode = .{{ .{sw['pop']} = true }}")
                fields.append(f".switches = .{{ {', '.join(parts)} }}")
            f = net["filters"].get(key)
            if f and f["kind"] == "range":
                fields.append(f".filter = .{{ .kind = .{{ .range = true }}, .min_idx = {f['min']}, .max_idx = {f['max']} }}")
            elif f:
                fields.append(f".filter = .{{ .kind = .{{ .counter = true }}, .count_data = true, "
                              f".count_control = {'true' if f['count_control'] else 'false'}, "
                              f".filter_control = {'true' if f['filter_control'] else 'false'}, .init_counter = {f['init']}, "
                              f".limit1 = {f['limit1']}, .max_counter = {f['max']} }}")
            if "swap" in net:
                fl = net["swap"][key]
                extra = "".join(f", .color_swap_{a} = true" for a in ("x", "y") if fl[a])
                fields[0] = fields[0][:-2] + extra + " }"
                for cc in (c & ~1, (c & ~1) + 1):
                    o.append(f"  @set_color_config({x}, {y}, @get_color({cc}), .{{ {', '.join(fields)} }});")
                continue
            o.append(f"  @set_color_config({x}, {y}, @get_color({c}), .{{ {', '.join(fields)} }});")
    o += ['  @export_name("log", [*]u32, true);', '  @export_name("cnt", [*]u32, true);',
          '  @export_name("go", fn() void);', "}"]
    return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--swap", action="store_true",
                    help="WSE-2 only: every net on a color pair with random color_swap_x/y")
    ap.add_argument("--teardown", action="store_true",
                    help="nets without popping routers or filters also send TEARDOWN wavelets")
    ap.add_argument("--local", action="store_true",
                    help="about half of the routers are configured by their PE programs")
    ap.add_argument("--oncontrol", action="store_true",
                    help="receivers may take a net's data and control wavelets with async fabin ops that end on control (.on_control)")
    ap.add_argument("--slow", action="store_true",
                    help="some PEs spin in go() after starting their sends (backpressure)")
    ap.add_argument("--invalidpos", action="store_true",
                    help="some switch positions are `.invalid = true`")
    ap.add_argument("--invalid", action="store_true",
                    help="run.py also checks invalid variants of the layout are refused")
    args = ap.parse_args()
    case = build(args.seed, args.swap, args.teardown)
    if args.invalidpos:
        # mark some switch positions invalid (routers without pop modes, never the
        # current position): an advance into one goes back to position 0 in ring mode
        # and does nothing without it
        irnd = random.Random(args.seed * 577)
        for net in case["nets"]:
            for key, sw in sorted(net["switches"].items()):
                if sw["pos"] and sw["pop"] == "none" and irnd.random() < 0.6:
                    i = irnd.randrange(len(sw["pos"]))
                    if i + 1 != sw["cur"]:
                        sw["pos"][i] = None
    case["slow"] = args.slow
    if args.oncontrol:
        # receivers of nets whose control wavelets reach CEs may take them with fabin ops
        # that end on each control wavelet (at most 2 fabin receivers per PE)
        used = {}
        for net in case["nets"]:
            for r in net["fabin"]:
                used[r] = used.get(r, 0) + 1
        for net in case["nets"]:
            net["fabin_oc"] = []
            if net.get("merge") or "swap" in net or net["fabin"]:
                continue
            ornd = random.Random(args.seed * 31 + net["k"])
            for r in net["receivers"]:
                if used.get(r, 0) < 2 and ornd.random() < 0.6:
                    used[r] = used.get(r, 0) + 1
                    net["fabin_oc"].append(r)
    events, cum = model(case)
    for net in case["nets"]:
        for r in net.get("fabin_oc", []):
            # the op consumes the control wavelet: the log marks where it ended (kind 4)
            seq = events.get(r, {}).get(str(net["k"]), [])
            seq[:] = [ev if ev[0] == 1 else [4, 0] for ev in seq]
    case["events"] = events
    os.makedirs(args.out, exist_ok=True)
    # every PE exports the same log size so one d2h reads them all
    logsize = 2 * max(1, max(c[-1] for c in cum.values()))
    for x in range(case["w"]):
        for y in range(case["h"]):
            with open(os.path.join(args.out, f"pe_{x}_{y}.csl"), "w", encoding="utf-8") as f:
                f.write(pe_code(case, x, y, cum, logsize))
    name = os.path.basename(os.path.abspath(args.out))
    flags = "".join(f" --{flag.replace('_', '-')}" for flag in (
        "swap", "teardown", "local", "oncontrol", "slow", "invalidpos", "invalid")
        if getattr(args, flag))
    layout = layout_code(case, name, f"python3 tests/examples/randroute/gen.py --seed {args.seed}{flags} "
                                     f"--out tests/examples/randroute/cases/{name}")
    if args.local:
        # move about half of the color configurations into the PE programs as
        # @set_local_color_config (the per-PE form of the same configuration)
        lrnd = random.Random(args.seed * 7919)
        kept = []
        moved = {}
        for line in layout.split("\n"):
            m = re.match(r"  @set_color_config\((\d+), (\d+), (.*)\);$", line)
            if m and lrnd.random() < 0.5:
                moved.setdefault((int(m.group(1)), int(m.group(2))), []).append(m.group(3))
            else:
                kept.append(line)
        layout = "\n".join(kept)
        for (x, y), cfgs in moved.items():
            with open(os.path.join(args.out, f"pe_{x}_{y}.csl"), "a", encoding="utf-8") as f:
                f.write("\n// this PE's own router configuration (gen.py --local)\ncomptime {\n")
                for cfg in cfgs:
                    f.write(f"  @set_local_color_config({cfg});\n")
                f.write("}\n")
    with open(os.path.join(args.out, "layout.csl"), "w", encoding="utf-8") as f:
        f.write(layout)
    case["events"] = events
    case["logsize"] = logsize
    if args.invalid:
        case["invalid"] = True
    with open(os.path.join(args.out, "case.json"), "w", encoding="utf-8") as f:
        json.dump(case, f, indent=0)
    for arch in ("wse2",) if args.swap else ("wse2", "wse3"):
        with open(os.path.join(args.out, f"compile_{arch}.sh"), "w", encoding="utf-8") as f:
            f.write("#!/usr/bin/env bash\nset -e\n\n"
                    f"cslc --arch={arch} ./layout.csl --fabric-dims={case['w'] + 8},{case['h'] + 2} "
                    "--fabric-offsets=4,1 -o out --memcpy --channels=1\n")


if __name__ == "__main__":
    main()
