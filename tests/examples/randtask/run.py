#!/usr/bin/env cs_python
"""randtask checker, shared by every case: reads case.json from the current directory.

A "run" case launches `start` twice; after each launch every PE's result array must equal
the model's bit for bit (node values, runs per node, received buffers, data task runs,
launch number), and each PE's run log must hold every node `reps` times with each
dependency's last run before its dependant's first run (the only order the Task IDs page
defines: a task runs once it is activated and unblocked). A "hang" case must fail its
launch with a report naming the PE and what it waits on."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open("case.json", encoding="utf-8") as f:
    case = json.load(f)
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
arch = compile_data.get("arch", "") or ""
P, R = case["pes"], case["R"]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
res_id = runner.get_id("res")
runner.load()
runner.run()

if case["hang"]:
    hang = case["hang"]
    try:
        runner.launch("start", nonblock=False)
        raise AssertionError(f"{case['kind']}: the launch returned although the graph cannot finish")
    except AssertionError:
        raise
    except Exception as err:  # pylint: disable=broad-except
        report = str(err)
    print(report)
    words = list(hang["words"])
    # Queue numbers differ by architecture; a compile output without "arch" accepts either.
    arch_words = hang.get("arch_words", {})
    if arch in arch_words:
        words += arch_words[arch]
    missing = [w for w in words if w not in report]
    assert not missing, f"the hang report does not name {missing}"
    runner.stop()
    print(f"{case['kind']} seed {case['seed']}: reported")
    print("SUCCESS!")
    raise SystemExit(0)

failures = []
for launch, expect in enumerate(case["launches"], 1):
    # The second launch is nonblocking: the copy after it waits in the command stream
    # until every PE's graph has called unblock_cmd_stream.
    runner.launch("start", nonblock=launch % 2 == 0)
    got = np.zeros(P * R, dtype=np.uint32)
    runner.memcpy_d2h(got, res_id, 0, 0, P, 1, R, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    got = got.reshape(P, R)
    for p in range(P):
        want = expect[p]
        bad = [(i, int(got[p][i]), w) for i, w in enumerate(want) if w is not None and int(got[p][i]) != w]
        if bad:
            failures.append(f"launch {launch} PE {p}: {len(bad)} word(s) differ (index, got, want): {bad[:8]}")
        lg = case["logs"][p]
        log = [int(x) for x in got[p][lg["at"]:lg["at"] + lg["cap"]]]
        counts = [log.count(k) for k in range(len(lg["reps"]))]
        if counts != lg["reps"]:
            failures.append(f"launch {launch} PE {p}: run log {log} counts {counts}, want {lg['reps']}")
            continue
        for a, b in lg["before"]:
            last_a = max(i for i, x in enumerate(log) if x == a)
            first_b = log.index(b)
            if last_a > first_b:
                failures.append(f"launch {launch} PE {p}: node {b} ran before node {a} finished: log {log}")
runner.stop()
for f in failures:
    print("FAIL", f)
assert not failures, f"{len(failures)} mismatch(es)"
print(f"seed {case['seed']}: {P} PE(s), {len(case['launches'])} launches exact")
print("SUCCESS!")
