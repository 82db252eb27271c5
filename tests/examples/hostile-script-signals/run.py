#!/usr/bin/env cs_python
"""hostile-script-signals: what happens to a user's host script, and to the simulator
process behind it, when the user stops it. The program first runs (spin(1000) twice, the
counter checked); then session.py runs in child processes that are interrupted:
  - Ctrl-C (SIGINT) while blocked in a launch of an endless loop, and while idle,
  - SIGTERM while blocked, SIGKILL while blocked,
  - a script that ends without stop().
Each script must end within 10 s of the signal (Ctrl-C as a KeyboardInterrupt the script
can catch), and its tessera-appliance child must be gone within 10 s after that; a new
session then runs normally. (The scripts are started by Popen: a non-interactive shell's
`cmd &` starts them with SIGINT ignored, and then no Python program sees Ctrl-C.)"""
import argparse
import os
import signal
import subprocess
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


def normal_session(tag):
    runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
    count = runner.get_id("count")
    runner.load()
    runner.run()
    for _ in range(2):
        runner.launch("spin", np.uint32(1000), nonblock=False)
    got = np.zeros(1, np.uint32)
    runner.memcpy_d2h(got, count, 0, 0, 1, 1, 1, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.stop()
    check(int(got[0]) == 2000, f"{tag}: count {int(got[0])}, want 2000")


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
            cmd = open(f"/proc/{entry}/cmdline", "rb").read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"tessera-appliance" in cmd:
            found.append(int(entry))
    return found


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def gone_within(pid, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not alive(pid):
            return True
        time.sleep(0.2)
    return not alive(pid)


def interrupted(what, state, sig, want_words):
    p = subprocess.Popen(["cs_python", os.path.join(here, "session.py"), "--name", args.name,
                          "--state", state], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    first = p.stdout.readline()
    check(first.startswith("READY"), f"{what}: the script did not get ready: {first!r}")
    # The python process of cs_python is p itself (cs_python execs python3).
    appliances = children(p.pid)
    check(len(appliances) == 1, f"{what}: {len(appliances)} tessera-appliance children")
    time.sleep(2)  # well inside the blocking call
    p.send_signal(sig)
    try:
        rest, _ = p.communicate(timeout=10)
        ended = True
    except subprocess.TimeoutExpired:
        ended = False
        p.kill()
        rest, _ = p.communicate()
    check(ended, f"{what}: the script still ran 10 s after {sig.name}")
    for w in want_words:
        check(w in rest, f"{what}: {w!r} not in the script's output:\n{rest[-600:]}")
    for a in appliances:
        check(gone_within(a, 10), f"{what}: its tessera-appliance (pid {a}) still runs")
        if alive(a):
            os.kill(a, signal.SIGKILL)
    print(f"{what}: {'ended' if ended else 'did NOT end'}")


normal_session("first session")
print("first session ok")
interrupted("Ctrl-C while idle", "idle", signal.SIGINT, ["INTERRUPTED"])
interrupted("Ctrl-C in a blocking launch", "endless", signal.SIGINT, ["INTERRUPTED"])
interrupted("SIGTERM in a blocking launch", "endless", signal.SIGTERM, [])
interrupted("SIGKILL in a blocking launch", "endless", signal.SIGKILL, [])

p = subprocess.Popen(["cs_python", os.path.join(here, "session.py"), "--name", args.name,
                      "--state", "nostop"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     text=True)
first = p.stdout.readline()
appliances = children(p.pid)
try:
    rest, _ = p.communicate(timeout=30)
    check(p.returncode == 0, f"a script without stop(): status {p.returncode}\n{rest[-600:]}")
except subprocess.TimeoutExpired:
    p.kill()
    check(False, "a script without stop() did not end within 30 s")
check(first.strip() == "READY 100", f"a script without stop(): {first!r}")
for a in appliances:
    check(gone_within(a, 10), f"a script without stop(): its tessera-appliance (pid {a}) still runs")
    if alive(a):
        os.kill(a, signal.SIGKILL)

normal_session("a session after the interrupted ones")
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
