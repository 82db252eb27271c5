#!/usr/bin/env cs_python
"""route-loop-report: wavelets trapped in a ring of routes are reported as circulating in a
loop that names the ring's PEs, not as backpressure (nothing waits for room; they move on
every hop). stop() prints the never-delivered report; each PE of the ring must appear."""
import argparse
import contextlib
import io

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

OX, OY = 4, 1
RING = [(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.launch("start", nonblock=False)
captured = io.StringIO()
with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
    runner.stop()
report = captured.getvalue()
print(report)
assert "circulate in a loop of routes" in report, "the report does not name a loop"
assert "backpressure" not in report, "ring traffic reported as backpressure"
loop_line = next(line for line in report.splitlines() if "loop of routes" in line)
for x, y in RING:
    assert f"PE({x + OX},{y + OY})" in loop_line, f"the loop does not name PE({x + OX},{y + OY})"
print("SUCCESS!")
