#!/usr/bin/env python3
"""check_routes.py DIR ARCH: compiles a gen.py program with Tessera's `cslc --out-routes`
and compares every printed router configuration (rx, tx, switch positions, ring mode,
filter kind) with what case.json asked for. A Tessera-only helper: the SDK's cslc writes
its routes elsewhere, so run.py does not call it. cslc must be on PATH."""
import json
import re
import subprocess
import sys
import tempfile

d = sys.argv[1]
case = json.load(open(f"{d}/case.json"))
OPP = {"NORTH": "SOUTH", "SOUTH": "NORTH", "EAST": "WEST", "WEST": "EAST"}
out = subprocess.run(["cslc", f"{d}/layout.csl", "--arch=" + sys.argv[2],
                      f"--fabric-dims={case['w']+8},{case['h']+2}", "--fabric-offsets=4,1", "-o", tempfile.mkdtemp(),
                      "--memcpy", "--channels=1", "--out-routes"], capture_output=True, text=True).stdout
got = {}
for line in out.splitlines():
    m = re.match(r"PE\((\d+),(\d+)\) color (\d+): (.*)$", line)
    if not m or int(m.group(3)) >= 21:
        continue
    parts = m.group(4).split("; ")
    def st(t): return frozenset(x for x in t.split(",") if x)
    r = re.match(r"rx \{(.*)\} tx \{(.*)\}", parts[0])
    rec = {"rx": st(r.group(1)), "tx": st(r.group(2)), "pos": {}, "ring": False, "filter": None}
    for p in parts[1:]:
        q = re.match(r"switch position (\d): rx \{(.*)\} tx \{(.*)\}", p)
        if q: rec["pos"][int(q.group(1))] = (st(q.group(2)), st(q.group(3))); continue
        if p == "ring mode": rec["ring"] = True; continue
        if p.endswith("filter"): rec["filter"] = p.split()[0]; continue
        rec.setdefault("other", []).append(p)
    got[(int(m.group(1)), int(m.group(2)), int(m.group(3)))] = rec
want = {}
for net in case["nets"]:
    c = net["color"]
    colors = [c & ~1, (c & ~1) + 1] if "swap" in net else [c]
    if net.get("merge"):
        for key, r in net["routes"].items():
            x, y = map(int, key.split(","))
            rec = {"rx": frozenset(r["rx"]), "tx": frozenset(r["tx"]), "pos": {}, "ring": bool(r.get("rxpos")),
                   "filter": "counter" if key in net["filters"] else None}
            for i, dd in enumerate(r.get("rxpos", [])):
                rec["pos"][i + 1] = (frozenset([dd]), frozenset())
            want[(x, y, c)] = rec
        continue
    for key, par in net["parent"].items():
        x, y = map(int, key.split(","))
        sw = net["switches"].get(key)
        rec = {"rx": frozenset(["RAMP"] if par is None else [OPP[par[1]]]),
               "tx": frozenset(sw["base"] if sw else net["full_tx"][key]), "pos": {},
               "ring": bool(sw and sw["pos"] and sw["ring"]),
               "filter": net["filters"][key]["kind"] if key in net["filters"] else None}
        if sw:
            for i, dd in enumerate(sw["pos"]):
                if dd is not None:
                    rec["pos"][i + 1] = (frozenset(), frozenset(dd))
        for cc in colors:
            want[(x, y, cc)] = rec
bad = 0
for k in sorted(set(want) | set(got)):
    w, g = want.get(k), got.get(k)
    if g and "other" in g: g = dict(g); g.pop("other")
    if w != g:
        print("route mismatch", k, "want", w, "got", g); bad += 1
print(d, "routes", "OK" if not bad else f"{bad} mismatches")
