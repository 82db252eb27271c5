#!/usr/bin/env cs_python
"""event-heap: the same single-server queue simulated with heapq (ties broken by insertion
number), compared field by field; three tick periods per load, a different load per PE."""
import argparse
import heapq
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, N, T = int(params["width"]), int(params["customers"]), int(params["max_ticks"])
NEVER = 0xFFFFFFFF
ARRIVE, LEAVE, TICK = 0, 1, 2


def model(arrive, service, period):
    heap, seq = [], 0

    def push(time, kind, who):
        nonlocal seq
        heapq.heappush(heap, (time, seq, kind, who))
        seq += 1
        return len(heap)

    depart = [NEVER] * N
    waited = [NEVER] * N
    samples = [0] * T
    longest = busy_time = dropped = events = high = 0
    for c in range(N):
        high = max(high, push(int(arrive[c]), ARRIVE, c))
    ticks = 0
    if T > 0:
        high = max(high, push(period, TICK, 0))
    busy, ring = False, []
    while heap:
        time, _, kind, who = heapq.heappop(heap)
        events += 1
        if kind == ARRIVE:
            if not busy:
                busy = True
                waited[who] = 0
                high = max(high, push(time + int(service[who]), LEAVE, who))
            elif len(ring) == 16:
                dropped += 1
            else:
                ring.append(who)
                longest = max(longest, len(ring))
        elif kind == LEAVE:
            depart[who] = time
            busy_time += int(service[who])
            if not ring:
                busy = False
                continue
            nxt = ring.pop(0)
            waited[nxt] = time - int(arrive[nxt])
            high = max(high, push(time + int(service[nxt]), LEAVE, nxt))
        else:
            samples[ticks] = len(ring) + (1 if busy else 0)
            ticks += 1
            if ticks < T:
                high = max(high, push(time + period, TICK, 0))
    turnaround = [0 if depart[c] == NEVER else depart[c] - int(arrive[c]) for c in range(N)]
    worst = min(range(N), key=lambda c: (-turnaround[c], c))
    first_dropped = next((c for c in range(N) if waited[c] == NEVER), 0xFFFF)
    return depart, waited, samples, [longest, busy_time, dropped, events, high, worst,
                                     turnaround[worst], first_dropped]


rng = np.random.default_rng(8)
# PE 0: light load; PE 1: heavy load (the ring fills and turns customers away); PE 2: bursts
# of simultaneous arrivals (ties everywhere).
gaps = [rng.integers(5, 30, N), rng.integers(0, 6, N), np.repeat(rng.integers(0, 40, N // 4 + 1) * (np.arange(N // 4 + 1) % 2), 4)[:N]]
services = [rng.integers(1, 20, N), rng.integers(10, 40, N), rng.integers(1, 12, N)]
arrive = np.zeros((W, N), dtype=np.uint32)
service = np.zeros((W, N), dtype=np.uint32)
for x in range(W):
    arrive[x] = np.cumsum(gaps[x % 3]).astype(np.uint32)
    service[x] = services[x % 3]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("arrive_at", "service", "depart", "waited", "samples", "stats")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(ids["arrive_at"], arrive.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.memcpy_h2d(ids["service"], service.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)


def d2h(name, count):
    buf = np.zeros(W * count, dtype=np.uint32)
    runner.memcpy_d2h(buf, ids[name], 0, 0, W, 1, count, streaming=False, order=ROW, data_type=u32, nonblock=False)
    return buf.reshape(W, count)


bad = 0
for period in (7, 25, 1):
    runner.launch("simulate", np.uint32(period), nonblock=False)
    got = {"depart": d2h("depart", N), "waited": d2h("waited", N), "samples": d2h("samples", T), "stats": d2h("stats", 8)}
    for x in range(W):
        want = dict(zip(("depart", "waited", "samples", "stats"), model(arrive[x], service[x], period)))
        for key in want:
            if list(got[key][x]) != want[key]:
                bad += 1
                print(f"period {period} PE {x} {key}:\n  got  {got[key][x].tolist()}\n  want {want[key]}")
        if period == 7:
            print(f"PE {x}: stats {want['stats']} (longest ring, busy, dropped, events, heap high, "
                  "worst customer, its turnaround, first turned away)")
runner.stop()
assert bad == 0, f"{bad} mismatches"
print("SUCCESS!")
